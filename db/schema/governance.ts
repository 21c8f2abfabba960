import { pgTable, text, timestamp, uuid, integer, jsonb, bigserial, index, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { brands, channels } from "./channels";

export const brandRules = pgTable("brand_rules", {
  id: uuid("id").primaryKey().defaultRandom(),
  brandId: uuid("brand_id").references(() => brands.id),
  kind: text("kind", { enum: ["banned_term", "required_term", "preferred_term"] }).notNull(),
  term: text("term").notNull(),
  replacement: text("replacement"),
  note: text("note"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Backlash-risk terms, Japanese and English, with weights. Shared by content checks and inbox triage. */
export const riskLexicon = pgTable("risk_lexicon", {
  id: uuid("id").primaryKey().defaultRandom(),
  term: text("term").notNull(),
  lang: text("lang", { enum: ["ja", "en"] }).notNull(),
  category: text("category").notNull(),
  weight: integer("weight").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Crisis mode: while a row is active (ended_at null) nothing in its scope goes out. */
export const crisisStates = pgTable("crisis_states", {
  id: uuid("id").primaryKey().defaultRandom(),
  scope: text("scope", { enum: ["all", "brand", "channel"] }).notNull(),
  brandId: uuid("brand_id").references(() => brands.id),
  channelId: uuid("channel_id").references(() => channels.id),
  reason: text("reason").notNull(),
  startedById: text("started_by_id")
    .notNull()
    .references(() => users.id),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  endedById: text("ended_by_id").references(() => users.id),
  endedAt: timestamp("ended_at", { withTimezone: true }),
});

/**
 * Append-only, hash-chained. A trigger rejects UPDATE, DELETE and TRUNCATE.
 * hash = sha256(prev_hash || canonical(row)); rows are chained under an advisory lock.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    data: jsonb("data").notNull().default({}),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_actor_idx").on(t.actorId),
    index("audit_events_action_idx").on(t.action),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** Plain-text fallback (Japanese) for kinds the reader's messages do not know; the UI renders kind + params per locale. */
    title: text("title").notNull(),
    body: text("body"),
    /** Values for the kind's message (lib/notifications/render.ts); strings ending in At are ISO instants. */
    params: jsonb("params").$type<Record<string, string | number | null>>().notNull().default({}),
    link: text("link"),
    /** One notification per (user, dedupe key): reminders and escalations fire once. */
    dedupeKey: text("dedupe_key"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.readAt),
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    uniqueIndex("notifications_user_dedupe_uq").on(t.userId, t.dedupeKey),
  ],
);

/** Last heartbeat of each job worker, so /api/health and the admin page can tell if one is running. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  beatAt: timestamp("beat_at", { withTimezone: true }).notNull(),
  info: jsonb("info").notNull().default({}),
});

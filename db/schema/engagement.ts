import { sql } from "drizzle-orm";
import {
  pgTable,
  pgEnum,
  text,
  timestamp,
  uuid,
  integer,
  boolean,
  jsonb,
  primaryKey,
  uniqueIndex,
  index,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { brands, channels } from "./channels";
import { crisisStates } from "./governance";
import { platformEnum, roleEnum } from "./enums";

export const inboxKindEnum = pgEnum("inbox_kind", ["comment", "dm", "mention", "review"]);
export const sentimentEnum = pgEnum("sentiment", ["positive", "neutral", "negative"]);
export const priorityEnum = pgEnum("priority", ["urgent", "high", "normal", "low"]);
export const INBOX_STATUSES = ["open", "assigned", "waiting", "escalated", "closed", "hidden"] as const;
export const inboxStatusEnum = pgEnum("inbox_status", INBOX_STATUSES);

/** One reason behind an item's risk score, shown to people ("炎上" +30, lexicon category …). */
export type RiskReason = { code: string; term?: string; category?: string; weight: number };

/** Everything strangers send us. (channel, external id) is unique: replays store once. */
export const inboxItems = pgTable(
  "inbox_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    /** Denormalised from the channel so brand filters need no join. */
    brandId: uuid("brand_id").references(() => brands.id),
    platform: platformEnum("platform").notNull(),
    externalId: text("external_id").notNull(),
    kind: inboxKindEnum("kind").notNull(),
    threadKey: text("thread_key").notNull(),
    parentExternalId: text("parent_external_id"),
    authorExternalId: text("author_external_id"),
    authorHandle: text("author_handle"),
    authorName: text("author_name"),
    text: text("text").notNull(),
    language: text("language"),
    sentiment: sentimentEnum("sentiment").notNull().default("neutral"),
    riskScore: integer("risk_score").notNull().default(0),
    riskReasons: jsonb("risk_reasons").$type<RiskReason[]>().notNull().default([]),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    priority: priorityEnum("priority").notNull().default("normal"),
    status: inboxStatusEnum("status").notNull().default("open"),
    assigneeId: text("assignee_id").references(() => users.id),
    slaDueAt: timestamp("sla_due_at", { withTimezone: true }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    /** The platform's own timestamp: threads are rebuilt from it, not from arrival order. */
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
    authorUrl: text("author_url"),
    permalink: text("permalink"),
    /** The entry exactly as the platform sent it. */
    raw: jsonb("raw"),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    /** Who hid it; null with hidden_at set = a rule did. */
    hiddenById: text("hidden_by_id").references(() => users.id),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Retention removed the text and the sender's details (lib/jobs/retention.ts); the row stays for counts. */
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    slaWarnedAt: timestamp("sla_warned_at", { withTimezone: true }),
    slaBreachedAt: timestamp("sla_breached_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("inbox_items_channel_external_uq").on(t.channelId, t.externalId),
    index("inbox_items_channel_received_idx").on(t.channelId, t.receivedAt),
    index("inbox_items_brand_idx").on(t.brandId),
    index("inbox_items_author_idx").on(t.channelId, t.authorExternalId),
    index("inbox_items_status_sla_idx").on(t.status, t.slaDueAt),
    index("inbox_items_thread_idx").on(t.threadKey, t.receivedAt),
    index("inbox_items_assignee_idx").on(t.assigneeId),
  ],
);

export const replies = pgTable(
  "replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inboxItemId: uuid("inbox_item_id")
      .notNull()
      .references(() => inboxItems.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    state: text("state", {
      enum: ["draft", "pending_approval", "approved", "rejected", "sending", "sent", "failed", "held", "needs_check"],
    })
      .notNull()
      .default("draft"),
    externalId: text("external_id"),
    approvedById: text("approved_by_id").references(() => users.id),
    /** The inbox item version the author saw when writing: a newer version is a conflict. */
    baseVersion: integer("base_version"),
    approvalRole: text("approval_role", { enum: ["pr", "legal", "manager"] }),
    approvalReason: text("approval_reason"),
    decidedById: text("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
    error: text("error"),
    idempotencyKey: text("idempotency_key").unique(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    claimToken: text("claim_token"),
    /** sha256 of the text the approver approved: a different text needs a new approval. */
    approvedHash: text("approved_hash"),
    /** The open legal review of this exact text (legal_reviews, subject kind "reply"). */
    legalReviewId: uuid("legal_review_id"),
    /** Send attempts so far, and when the next may run (retries of failures known to be safe). */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** The crisis that held it (state held); released when the crisis ends. */
    heldCrisisId: uuid("held_crisis_id"),
    /** The connector's error code of the last failed attempt (translated in the UI). */
    errorCode: text("error_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("replies_item_idx").on(t.inboxItemId), index("replies_state_idx").on(t.state)],
);

export const escalations = pgTable("escalations", {
  id: uuid("id").primaryKey().defaultRandom(),
  inboxItemId: uuid("inbox_item_id")
    .notNull()
    .references(() => inboxItems.id),
  toRole: roleEnum("to_role").notNull(),
  reason: text("reason").notNull(),
  /** null = a rule or the SLA clock escalated it. */
  createdById: text("created_by_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
});

export const savedReplies = pgTable("saved_replies", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  locale: text("locale", { enum: ["ja", "en"] }).notNull(),
  body: text("body").notNull(),
  createdById: text("created_by_id")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Who is looking at or answering an item right now (rows expire by updated_at). */
export const presence = pgTable(
  "presence",
  {
    inboxItemId: uuid("inbox_item_id")
      .notNull()
      .references(() => inboxItems.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mode: text("mode", { enum: ["viewing", "replying"] }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inboxItemId, t.userId] })],
);


/** Hide / unhide / delete of an inbox item on its platform, by a person or a rule (actor null). */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inboxItemId: uuid("inbox_item_id")
      .notNull()
      .references(() => inboxItems.id),
    action: text("action", { enum: ["hide", "unhide", "delete"] }).notNull(),
    state: text("state", { enum: ["pending", "sending", "done", "failed", "held", "needs_check"] })
      .notNull()
      .default("pending"),
    reason: text("reason"),
    actorId: text("actor_id").references(() => users.id),
    ruleId: uuid("rule_id").references(() => inboxRules.id),
    error: text("error"),
    errorCode: text("error_code"),
    /** The worker's claim (exactly one worker calls the network for one action). */
    claimToken: text("claim_token"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("moderation_actions_item_idx").on(t.inboxItemId), index("moderation_actions_state_idx").on(t.state)],
);

/**
 * The manager's inbox policy, one row per key:
 * "sla" {urgent|high|normal|low: {minutes, clock: "24h"|"business"}}, "business_hours" {start, end, timeZone, days},
 * "thresholds" {escalateRisk, approvalRisk}, "spike" {windowMinutes, baselineWindows, minCount, factor}.
 */
export const inboxPolicy = pgTable("inbox_policy", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedById: text("updated_by_id").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Rules applied at ingestion, in position order. */
export const inboxRules = pgTable(
  "inbox_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: ["auto_assign", "auto_hide", "auto_escalate"] }).notNull(),
    config: jsonb("config").notNull().default({}),
    enabled: boolean("enabled").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdById: text("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("inbox_rules_position_idx").on(t.position)],
);

/** Who is on shift for round-robin assignment. */
export const inboxShifts = pgTable("inbox_shifts", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  onShift: boolean("on_shift").notNull().default(false),
  lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
});

/** One alert per channel and window: negative / high-risk items far above the channel's own baseline. */
export const spikeAlerts = pgTable(
  "spike_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
    baseline: integer("baseline").notNull(),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    crisisId: uuid("crisis_id").references(() => crisisStates.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("spike_alerts_channel_window_uq").on(t.channelId, t.windowStart)],
);

/** Every webhook POST as received (no body kept): for the ops view. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    source: text("source").notNull().default("meta"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    signatureOk: boolean("signature_ok").notNull(),
    entries: integer("entries").notNull().default(0),
    stored: integer("stored").notNull().default(0),
    bodyBytes: integer("body_bytes").notNull().default(0),
    status: integer("status").notNull(),
  },
  (t) => [index("webhook_deliveries_received_idx").on(t.receivedAt)],
);

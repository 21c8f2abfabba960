import { pgTable, text, timestamp, uuid, integer, jsonb, boolean, uniqueIndex, index, primaryKey } from "drizzle-orm/pg-core";
import { channels } from "./channels";

/*
 * The `sandbox` network (DESIGN.md §7): a simulated social network that lives in the portal's own
 * database, for the demo and the tests. The connector in lib/channels/sandbox.ts is its only client
 * and treats it as remote: it never shares a transaction with the portal's own tables.
 */

/** What the sandbox network holds: one row per post it accepted. */
export const sandboxPosts = pgTable(
  "sandbox_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    /** The network's id for the post, as a real network would answer it. */
    externalId: text("external_id").notNull(),
    /** The client's idempotency key: a second call with the same key returns the first post. */
    idempotencyKey: text("idempotency_key"),
    text: text("text").notNull(),
    media: jsonb("media").notNull().default([]),
    /** A reply to (or quote of) another sandbox post. */
    inReplyTo: text("in_reply_to"),
    state: text("state", { enum: ["live", "hidden", "deleted"] }).notNull().default("live"),
    /** An answer to a direct message: private to its recipient, not on the public timeline. */
    isDirect: boolean("is_direct").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sandbox_posts_external_uq").on(t.externalId),
    uniqueIndex("sandbox_posts_idem_uq").on(t.channelId, t.idempotencyKey),
    index("sandbox_posts_channel_idx").on(t.channelId, t.createdAt),
  ],
);

export const SANDBOX_FAULTS = [
  /** Refuse with a permanent error (e.g. the network rejected the content). */
  "reject",
  /** Answer 503 before doing anything: safe to retry. */
  "unavailable",
  /** Hang until the client times out, having done nothing. */
  "timeout",
  /** Do the work, then hang until the client times out: the outcome is unknown to the client. */
  "succeed_timeout",
  /** Demo/test only: the calling worker process dies (SIGKILL) right before / after the remote call. */
  "crash_before",
  "crash_after",
] as const;
export type SandboxFault = (typeof SANDBOX_FAULTS)[number];

/** Faults to inject into the next calls on a channel (or any channel when channel_id is null). */
export const sandboxFaults = pgTable(
  "sandbox_faults",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id").references(() => channels.id),
    fault: text("fault", { enum: SANDBOX_FAULTS }).notNull(),
    /** How many calls it still applies to. */
    remaining: integer("remaining").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sandbox_faults_channel_idx").on(t.channelId)],
);

/**
 * What the sandbox network did to comments other people wrote on our channels (hidden, deleted by
 * the page): the network's own record, as a real network keeps the comment's visibility.
 */
export const sandboxCommentStates = pgTable(
  "sandbox_comment_states",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    externalId: text("external_id").notNull(),
    state: text("state", { enum: ["live", "hidden", "deleted"] }).notNull().default("live"),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.externalId] })],
);

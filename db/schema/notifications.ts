import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { notifications } from "./governance";
import { postRevisions, posts } from "./content";

/*
 * Outbound notifications (in-app rows live in governance.notifications).
 * - notification_webhooks: Slack / Teams incoming-webhook URLs an admin configured. The URL is a secret
 *   (whoever holds it can post to the channel): DTOs return it masked, logs never print it.
 * - notification_email_prefs: a person's opt-in/out of e-mail per kind; no row = the kind's default.
 * - notification_deliveries: one row per outbound message (an e-mail to one person, or one event to one
 *   webhook). The worker claims a row with a conditional update before sending, so each row is sent by
 *   one worker; state, attempts and the last error are kept, nothing is lost silently.
 */

export const notificationWebhooks = pgTable("notification_webhooks", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["slack", "teams"] }).notNull(),
  url: text("url").notNull(),
  /** Messages go out in this language (a channel has many readers). */
  locale: text("locale", { enum: ["ja", "en"] }).notNull().default("ja"),
  /** Notification kinds forwarded to this webhook. */
  kinds: text("kinds")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  enabled: boolean("enabled").notNull().default(true),
  createdById: text("created_by_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const notificationEmailPrefs = pgTable(
  "notification_email_prefs",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    enabled: boolean("enabled").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

export const DELIVERY_STATES = ["pending", "sending", "sent", "failed", "skipped"] as const;

export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel", { enum: ["email", "webhook"] }).notNull(),
    /** email:<notification id> or webhook:<webhook id>:<event key>: the same message is never queued twice. */
    deliveryKey: text("delivery_key").notNull(),
    notificationId: uuid("notification_id").references(() => notifications.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    webhookId: uuid("webhook_id").references(() => notificationWebhooks.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    params: jsonb("params").$type<Record<string, string | number | null>>().notNull().default({}),
    link: text("link"),
    state: text("state", { enum: DELIVERY_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notification_deliveries_key_uq").on(t.deliveryKey),
    index("notification_deliveries_due_idx").on(t.state, t.nextAttemptAt),
  ],
);

/**
 * When each review stage of a revision was opened (the `request_review` effect of the workflow).
 * Due times are not stored: lib/domain/due.ts derives them from this and the post's current slot,
 * so a rescheduled slot moves the deadline. reminded_at / escalated_at are set with a conditional
 * update by the due-times job, so each fires once per (revision, stage) whatever the number of workers.
 */
export const reviewRequests = pgTable(
  "review_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => postRevisions.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: ["pr", "legal", "final"] }).notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("review_requests_revision_stage_uq").on(t.revisionId, t.stage), index("review_requests_post_idx").on(t.postId)],
);

import { pgTable, pgEnum, text, timestamp, uuid, integer, primaryKey, uniqueIndex, index } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { channels } from "./channels";
import { platformEnum, roleEnum } from "./enums";

export const inboxKindEnum = pgEnum("inbox_kind", ["comment", "dm", "mention", "review"]);
export const sentimentEnum = pgEnum("sentiment", ["positive", "neutral", "negative"]);
export const priorityEnum = pgEnum("priority", ["urgent", "high", "normal", "low"]);
export const INBOX_STATUSES = ["open", "assigned", "waiting", "escalated", "closed", "hidden"] as const;
export const inboxStatusEnum = pgEnum("inbox_status", INBOX_STATUSES);

/** Everything strangers send us. (channel, external id) is unique: replays store once. */
export const inboxItems = pgTable(
  "inbox_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
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
    priority: priorityEnum("priority").notNull().default("normal"),
    status: inboxStatusEnum("status").notNull().default("open"),
    assigneeId: text("assignee_id").references(() => users.id),
    slaDueAt: timestamp("sla_due_at", { withTimezone: true }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    /** The platform's own timestamp: threads are rebuilt from it, not from arrival order. */
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("inbox_items_channel_external_uq").on(t.channelId, t.externalId),
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
    state: text("state", { enum: ["draft", "pending_approval", "approved", "sending", "sent", "failed", "held"] })
      .notNull()
      .default("draft"),
    externalId: text("external_id"),
    approvedById: text("approved_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("replies_item_idx").on(t.inboxItemId)],
);

export const escalations = pgTable("escalations", {
  id: uuid("id").primaryKey().defaultRandom(),
  inboxItemId: uuid("inbox_item_id")
    .notNull()
    .references(() => inboxItems.id),
  toRole: roleEnum("to_role").notNull(),
  reason: text("reason").notNull(),
  createdById: text("created_by_id")
    .notNull()
    .references(() => users.id),
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


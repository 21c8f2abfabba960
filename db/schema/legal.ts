import { pgTable, pgEnum, text, timestamp, uuid, jsonb, index } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { posts, postRevisions } from "./content";

export const legalSubjectKindEnum = pgEnum("legal_subject_kind", [
  "post_revision",
  "ad_creative",
  "reply",
  "takedown",
  "talent_usage",
]);
export const LEGAL_REVIEW_STATES = ["open", "in_progress", "approved", "approved_with_conditions", "rejected", "withdrawn"] as const;
export const legalReviewStateEnum = pgEnum("legal_review_state", LEGAL_REVIEW_STATES);

export const legalReviews = pgTable(
  "legal_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectKind: legalSubjectKindEnum("subject_kind").notNull(),
    subjectId: text("subject_id").notNull(),
    postId: uuid("post_id").references(() => posts.id),
    revisionId: uuid("revision_id").references(() => postRevisions.id),
    title: text("title").notNull(),
    state: legalReviewStateEnum("state").notNull().default("open"),
    assigneeId: text("assignee_id").references(() => users.id),
    /** [{ item, result: "ok" | "issue" | "n/a", note }] */
    checklist: jsonb("checklist").notNull().default([]),
    /** [{ severity, note }] */
    findings: jsonb("findings").notNull().default([]),
    conditions: text("conditions"),
    decisionReason: text("decision_reason"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    decidedById: text("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("legal_reviews_state_due_idx").on(t.state, t.dueAt)],
);

/** Held content cannot be deleted, hidden by rules, or purged by retention. */
export const legalHolds = pgTable("legal_holds", {
  id: uuid("id").primaryKey().defaultRandom(),
  subjectKind: text("subject_kind", { enum: ["post", "inbox_thread", "platform_user"] }).notNull(),
  subjectRef: text("subject_ref").notNull(),
  reason: text("reason").notNull(),
  placedById: text("placed_by_id")
    .notNull()
    .references(() => users.id),
  placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
  releasedById: text("released_by_id").references(() => users.id),
  releasedAt: timestamp("released_at", { withTimezone: true }),
});

export const takedownRequests = pgTable("takedown_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  complainant: text("complainant").notNull(),
  contact: text("contact"),
  url: text("url"),
  description: text("description").notNull(),
  status: text("status", { enum: ["received", "in_review", "accepted", "rejected"] }).notNull().default("received"),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

import { sql } from "drizzle-orm";
import { pgTable, pgEnum, text, timestamp, uuid, jsonb, index, integer, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { brands, channels } from "./channels";
import { assets, posts, postRevisions, postTargets } from "./content";
import { inboxItems } from "./engagement";

export const legalSubjectKindEnum = pgEnum("legal_subject_kind", [
  "post_revision",
  "ad_creative",
  "reply",
  "takedown",
  "talent_usage",
]);
export const LEGAL_REVIEW_STATES = ["open", "in_progress", "approved", "approved_with_conditions", "rejected", "withdrawn"] as const;
export const legalReviewStateEnum = pgEnum("legal_review_state", LEGAL_REVIEW_STATES);
export const LEGAL_RISKS = ["low", "medium", "high"] as const;

/** One checklist line: the item's key (lib/domain/legal-review.ts), the reviewer's result and note. */
export type LegalChecklistEntry = { item: string; result: "ok" | "issue" | "n/a" | null; note?: string };
/** A finding: severity, the checklist item it belongs to (optional), the note, the template it came from. */
export type LegalFinding = { id?: string; severity: "low" | "medium" | "high" | "critical"; item?: string; note: string; templateKey?: string };
/** A condition of an approval with conditions: met only when Legal marks it so on a later version. */
export type LegalCondition = {
  id: string;
  text: string;
  met: boolean;
  metById?: string | null;
  metAt?: string | null;
  /** The subject hash Legal looked at when marking it met. */
  metOnHash?: string | null;
  note?: string | null;
};

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
    /** Plain-text summary of the conditions (older rows; new decisions also fill conditionItems). */
    conditions: text("conditions"),
    /** Structured conditions with met flags: carried to the next version's review, which cannot be approved until all are met. */
    conditionItems: jsonb("condition_items").$type<LegalCondition[]>().notNull().default([]),
    decisionReason: text("decision_reason"),
    /** The subject hash the decision was taken on (decisions bind to the exact version). */
    decisionHash: text("decision_hash"),
    /** SLA due (per kind, see lib/domain/legal-review.ts). */
    dueAt: timestamp("due_at", { withTimezone: true }),
    decidedById: text("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The exact thing under review, as JSON (revision content, reply text + inbox item, creative, complaint …). */
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull().default({}),
    /** sha256 of the canonical snapshot (for post revisions: the revision's content hash). */
    subjectHash: text("subject_hash"),
    requestedById: text("requested_by_id").references(() => users.id),
    brandId: uuid("brand_id").references(() => brands.id),
    channelId: uuid("channel_id").references(() => channels.id),
    /** The last review Legal did of the same subject (its snapshot is the "before" of the diff; its conditions carry over). */
    previousReviewId: uuid("previous_review_id").references((): AnyPgColumn => legalReviews.id),
    risk: text("risk", { enum: LEGAL_RISKS }).notNull().default("medium"),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency for checklist/finding saves. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("legal_reviews_state_due_idx").on(t.state, t.dueAt),
    index("legal_reviews_subject_idx").on(t.subjectKind, t.subjectId, t.createdAt),
    index("legal_reviews_assignee_idx").on(t.assigneeId),
    /** At most one open review per subject version: requestLegalReview is idempotent even when raced. */
    uniqueIndex("legal_reviews_open_subject_uq")
      .on(t.subjectKind, t.subjectId, t.subjectHash)
      .where(sql`state in ('open', 'in_progress')`),
  ],
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
  releaseReason: text("release_reason"),
});

/**
 * Asset rights over time (lib/jobs/asset-rights.ts): one row per (asset, rights end, published
 * target) when the rights ended, with what was done — flagged only, hidden or deleted through the
 * connector, or kept because the post is under a legal hold. The record is kept after removal.
 */
export const assetRightsFlags = pgTable(
  "asset_rights_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => assets.id),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    targetId: uuid("target_id")
      .notNull()
      .references(() => postTargets.id),
    rightsEndAt: timestamp("rights_end_at", { withTimezone: true }).notNull(),
    /** flagged: policy is flag only; pending: removal under way; hidden / deleted: done; held: a legal hold kept it up; failed: the network refused. */
    outcome: text("outcome", { enum: ["flagged", "pending", "hidden", "deleted", "held", "failed"] }).notNull(),
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("asset_rights_flags_uq").on(t.assetId, t.rightsEndAt, t.targetId), index("asset_rights_flags_post_idx").on(t.postId)],
);

/** Legal's policies (one row, id 1): what expired rights do to published posts, and retention ages. */
export const legalSettings = pgTable("legal_settings", {
  id: integer("id").primaryKey().default(1),
  rightsExpiryAction: text("rights_expiry_action", { enum: ["flag", "hide", "delete"] }).notNull().default("hide"),
  /** Closed inbox items older than this are purged (text and sender details removed) unless held. */
  inboxRetentionDays: integer("inbox_retention_days").notNull().default(365),
  /** Drafts untouched this long are abandoned (cancelled) unless held. */
  draftRetentionDays: integer("draft_retention_days").notNull().default(180),
  updatedById: text("updated_by_id").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const TAKEDOWN_KINDS = ["copyright", "trademark", "portrait", "defamation", "privacy", "other"] as const;

export const takedownRequests = pgTable("takedown_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  complainant: text("complainant").notNull(),
  contact: text("contact"),
  url: text("url"),
  description: text("description").notNull(),
  status: text("status", { enum: ["received", "in_review", "accepted", "rejected"] }).notNull().default("received"),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  kind: text("kind", { enum: TAKEDOWN_KINDS }).notNull().default("copyright"),
  /** The staff member who entered it (intake form or from an inbox item). */
  reportedById: text("reported_by_id").references(() => users.id),
  /** When the complaint arrived through the inbox. */
  inboxItemId: uuid("inbox_item_id").references(() => inboxItems.id),
  /** Our post the complaint is about, when known. */
  postId: uuid("post_id").references(() => posts.id),
  brandId: uuid("brand_id").references(() => brands.id),
  channelId: uuid("channel_id").references(() => channels.id),
  resolution: text("resolution"),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
});

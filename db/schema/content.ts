import {
  pgTable,
  pgEnum,
  text,
  timestamp,
  uuid,
  integer,
  boolean,
  jsonb,
  bigint,
  uniqueIndex,
  index,
  check,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./identity";
import { brands, channels } from "./channels";
// The workflow module owns these lists (pure code may not import the schema); the enums follow them.
import { APPROVAL_DECISIONS, APPROVAL_STAGES, POST_STATES } from "../../lib/domain/workflow";

export { POST_STATES };
export const postStateEnum = pgEnum("post_state", POST_STATES);
export const postKindEnum = pgEnum("post_kind", ["post", "correction", "apology", "retraction", "statement"]);
export const approvalStageEnum = pgEnum("approval_stage", APPROVAL_STAGES);
export const approvalDecisionEnum = pgEnum("approval_decision", APPROVAL_DECISIONS);
export const TARGET_STATES = [
  "pending",
  "scheduled",
  "held",
  "publishing",
  "published",
  "failed",
  "needs_human_check",
  "expired",
  "cancelled",
] as const;
export const targetStateEnum = pgEnum("target_state", TARGET_STATES);

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id),
    kind: postKindEnum("kind").notNull().default("post"),
    title: text("title").notNull(),
    state: postStateEnum("state").notNull().default("draft"),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    currentRevisionId: uuid("current_revision_id"),
    isCommercial: boolean("is_commercial").notNull().default(false),
    requiresLegal: boolean("requires_legal").notNull().default(false),
    riskScore: integer("risk_score").notNull().default(0),
    /** The earliest slot among its targets, denormalised for the calendar and queues. */
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("posts_state_idx").on(t.state), index("posts_scheduled_idx").on(t.scheduledAt), index("posts_brand_idx").on(t.brandId)],
);

/** Immutable. content_hash covers text, media and targets; approvals bind to it. */
export const postRevisions = pgTable(
  "post_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    contentHash: text("content_hash").notNull(),
    /** { isCommercial, variants: [{ channelId, platform, text, mediaAssetIds }] } — all of it is hashed */
    content: jsonb("content").notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("post_revisions_number_uq").on(t.postId, t.number)],
);

/** A comment thread per post, each comment on one revision (listed by joining post_revisions on the index below). */
export const revisionComments = pgTable(
  "revision_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => postRevisions.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("revision_comments_revision_idx").on(t.revisionId, t.createdAt)],
);

/** One per (post, channel): the per-network variant's slot and publishing state. */
export const postTargets = pgTable(
  "post_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    state: targetStateEnum("state").notNull().default("pending"),
    /**
     * Sent with every publish call of the current attempt cycle: `<target id>:<revision hash prefix>`,
     * set at claim time, so a retry of the same content reuses it and an edited revision gets a new one.
     */
    idempotencyKey: text("idempotency_key").notNull(),
    stateChangedAt: timestamp("state_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** A retry after a failure known to be safe waits until this time (the slot itself stays). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** The publisher's claim: set by the conditional update that moves scheduled → publishing. */
    claimToken: uuid("claim_token"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    claimedBy: text("claimed_by"),
    /** The crisis that held this target at its slot (state held). */
    heldCrisisId: uuid("held_crisis_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("post_targets_post_channel_uq").on(t.postId, t.channelId),
    uniqueIndex("post_targets_idem_uq").on(t.idempotencyKey),
    index("post_targets_due_idx").on(t.state, t.scheduledAt),
  ],
);

/**
 * Media library. Files are stored under server-generated names (lib/assets/storage.ts); the type,
 * size, dimensions and duration come from the bytes (lib/domain/media.ts), never from the client.
 * Never deleted (revisions and publications point at them): archived assets leave the picker.
 */
export const assets = pgTable(
  "assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id").references(() => brands.id),
    kind: text("kind", { enum: ["image", "video"] }).notNull(),
    storageKey: text("storage_key").notNull().unique(),
    /** The poster/thumbnail (WebP), also under a generated name; null when none could be made. */
    thumbnailKey: text("thumbnail_key"),
    /** The uploader's file name, for display only (never used in a path or a header). */
    originalName: text("original_name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    /** Hex SHA-256 of the stored file: ETag, integrity, duplicate detection. */
    sha256: text("sha256"),
    width: integer("width"),
    height: integer("height"),
    durationMs: integer("duration_ms"),
    source: text("source", { enum: ["own", "licensed", "ugc", "agency", "talent"] }).notNull().default("own"),
    licence: text("licence"),
    licenceExpiresAt: timestamp("licence_expires_at", { withTimezone: true }),
    hasLikeness: boolean("has_likeness").notNull().default(false),
    uploadedById: text("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assets_brand_created_idx").on(t.brandId, t.createdAt), index("assets_sha256_idx").on(t.sha256), index("assets_licence_expiry_idx").on(t.licenceExpiresAt)],
);

/** One decision per (revision, stage): the unique index is what makes racing approvers safe. */
export const approvals = pgTable(
  "approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => postRevisions.id),
    revisionHash: text("revision_hash").notNull(),
    stage: approvalStageEnum("stage").notNull(),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    decision: approvalDecisionEnum("decision").notNull(),
    reason: text("reason"),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("approvals_revision_stage_uq").on(t.revisionId, t.stage), index("approvals_post_idx").on(t.postId)],
);

export const publications = pgTable(
  "publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    targetId: uuid("target_id")
      .notNull()
      .references(() => postTargets.id),
    externalId: text("external_id"),
    externalUrl: text("external_url"),
    state: text("state", { enum: ["pending", "published", "failed", "unknown", "deleted", "hidden"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** The revision that was (or is being) published and the key sent with it. */
    revisionHash: text("revision_hash"),
    idempotencyKey: text("idempotency_key"),
    /** A machine-readable failure code (connector error code), shown translated; lastError is for admins. */
    errorCode: text("error_code"),
    lastError: text("last_error"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** published_at − slot, for the publish-lag figures. */
    lagMs: integer("lag_ms"),
    /** How the outcome was learnt: direct answer, or reconciliation after an unknown outcome. */
    resolvedBy: text("resolved_by", { enum: ["response", "reconcile", "human"] }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("publications_target_uq").on(t.targetId)],
);

export const corrections = pgTable("corrections", {
  id: uuid("id").primaryKey().defaultRandom(),
  originalPostId: uuid("original_post_id")
    .notNull()
    .references(() => posts.id),
  kind: text("kind", { enum: ["correction", "apology", "retraction"] }).notNull(),
  newPostId: uuid("new_post_id").references(() => posts.id),
  originalAction: text("original_action", { enum: ["keep", "hide", "delete"] }).notNull().default("keep"),
  /** reply: the correction goes out as a reply to the original on each network; new_post: as its own post. */
  publishAs: text("publish_as", { enum: ["reply", "new_post"] }).notNull().default("new_post"),
  /** When the original's hide/delete went through its connector (null: not yet, or keep). */
  originalActionDoneAt: timestamp("original_action_done_at", { withTimezone: true }),
  createdById: text("created_by_id")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Periods in which nothing in scope may be scheduled (disasters, earnings quiet periods, embargoes).
 * Scope: company-wide (no brand, no channel), a brand, or one channel (brand_id is then the
 * channel's brand). Half-open [starts_at, ends_at). Rules: lib/domain/blackout.ts.
 */
export const blackoutWindows = pgTable(
  "blackout_windows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id").references(() => brands.id),
    channelId: uuid("channel_id").references(() => channels.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    reason: text("reason").notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedById: text("updated_by_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("blackout_windows_ends_idx").on(t.endsAt, t.startsAt),
    check("blackout_windows_range_ck", sql`${t.endsAt} > ${t.startsAt}`),
    check("blackout_windows_channel_brand_ck", sql`${t.channelId} is null or ${t.brandId} is not null`),
  ],
);

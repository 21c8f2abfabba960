import "server-only";
import type { z } from "zod";
import { and, asc, desc, eq, inArray, isNull, ne, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Tx } from "@/db";
import { approvals, brands, channels, corrections, postRevisions, posts, postTargets, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import type { PostChecksResult } from "@/lib/domain/checks";
import { diffLines, hasChanges, type DiffLine } from "@/lib/domain/text-diff";
import {
  approvalStatus,
  canFire,
  isFastLaneKind,
  transition,
  type ApprovalDecision,
  type ApprovalRecord,
  type ApprovalStage,
  type ApprovalStatus,
  type PostState,
  type WorkflowEvent,
} from "@/lib/domain/workflow";
import { recordAudit } from "./audit";
import { notifyDecision, openReviewStages } from "./review-notify";
import { mirrorStageDecision, postLegalConditionsUnmet } from "./legal-posts";
import { withdrawLegalReview } from "./legal-requests";
import { actorOf, authorize, type Viewer } from "./viewer";
import {
  blockingError,
  checkContent,
  contentHashOf,
  createDraftSchema,
  decideStageSchema,
  lockVisiblePost,
  parseId,
  parseInput,
  POST_ERRORS,
  readContent,
  revisionDiffSchema,
  saveRevisionSchema,
  submitSchema,
  visiblePosts,
  workflowError,
  type CreateDraftInput,
  type DecideStageInput,
  type RevisionContent,
  type RevisionDiffInput,
  type SaveRevisionInput,
  type SubmitForReviewInput,
} from "./posts-shared";

/*
 * The content pipeline's data access: drafts, immutable revisions and the triple check
 * (DESIGN.md §6). State changes go through lib/domain/workflow.ts `transition`; this module
 * checks who may fire them, locks the post row, persists the result and its audit event in one
 * transaction.
 *
 * Decisions:
 * - Visibility (posts-shared.ts visiblePosts): post.read holders see every post of every brand;
 *   without post.read only one's own posts. Invisible is NOT_FOUND.
 * - Editing and submitting are the author's: a visible post authored by someone else is FORBIDDEN
 *   (it is not hidden from them, so NOT_FOUND would be a lie).
 * - A revision's content is { isCommercial, variants } and its hash covers both: the commercial
 *   flag decides disclosure and Legal, so flipping it is a change reviewers must see again.
 *   The title is an internal working title, not published: changing only the title updates it in
 *   place (audit post.retitled) without a new revision or voided approvals.
 * - posts.requires_legal / risk_score are recomputed from the DB lexicon and rules at every new
 *   revision and again at submit; a decision uses the value fixed at submit, re-running only the
 *   blocking checks (a rule added mid-review still stops an approval).
 * - Workflow refusals map to AppError in posts-shared.ts workflowError: self/same reviewer →
 *   FORBIDDEN; stale revision, stage order, already decided, wrong state → CONFLICT; missing
 *   reason, Legal not required, blocking checks → VALIDATION.
 * - request_review effects open the stages (review_requests, from which due times derive) and notify
 *   the stage's reviewers; every decision notifies the author (lib/dal/review-notify.ts), in the same transaction.
 */

const SUBJECT = "post";

// ── DTOs ──

export type PostRevisionDto = {
  id: string;
  number: number;
  contentHash: string;
  content: RevisionContent;
  createdById: string;
  createdByName: string | null;
  createdAt: Date;
};
export type PostTargetDto = {
  id: string;
  channelId: string;
  platform: string;
  handle: string;
  channelName: string;
  state: string;
  scheduledAt: Date | null;
};
export type PostApprovalDto = {
  id: string;
  stage: ApprovalStage;
  decision: ApprovalDecision;
  reason: string | null;
  reviewerId: string;
  reviewerName: string | null;
  createdAt: Date;
};
export type PostDto = {
  id: string;
  brandId: string;
  brandName: string;
  kind: string;
  title: string;
  state: PostState;
  authorId: string;
  authorName: string | null;
  isCommercial: boolean;
  requiresLegal: boolean;
  riskScore: number;
  scheduledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  currentRevision: PostRevisionDto | null;
  targets: PostTargetDto[];
  /** Non-voided decisions on the current revision. */
  approvals: PostApprovalDto[];
  approvalStatus: ApprovalStatus | null;
  /** Recomputed now from the current content, the lexicon and the brand rules. */
  checks: PostChecksResult | null;
};
export type RevisionSummaryDto = Omit<PostRevisionDto, "content"> & { isCurrent: boolean };
export type SavedRevisionDto = {
  postId: string;
  revisionId: string;
  number: number;
  contentHash: string;
  state: PostState;
  /** False when the content was unchanged (no new revision). */
  isNewRevision: boolean;
  voidedApprovals: number;
};
export type PostStateDto = { postId: string; revisionId: string; state: PostState };
export type DecisionDto = PostStateDto & { approvalId: string; stage: ApprovalStage; decision: ApprovalDecision };
export type VariantDiffDto = {
  channelId: string;
  platform: string;
  status: "added" | "removed" | "changed" | "unchanged";
  lines: DiffLine[];
  mediaAdded: string[];
  mediaRemoved: string[];
};
export type RevisionDiffDto = {
  from: { id: string; number: number; contentHash: string };
  to: { id: string; number: number; contentHash: string };
  isCommercialChanged: boolean;
  variants: VariantDiffDto[];
};

// ── internals ──

/** Turns validated variants into revision content; every channel must be an active channel of the brand. */
async function buildContent(
  tx: Tx,
  brandId: string,
  isCommercial: boolean,
  variants: readonly { channelId: string; text: string; mediaAssetIds?: string[] }[],
  /** Media of the current revision per channel, kept when a save omits mediaAssetIds. */
  keepMedia?: ReadonlyMap<string, string[]>,
): Promise<RevisionContent> {
  const ids = variants.map((v) => v.channelId);
  const rows = await tx
    .select({ id: channels.id, platform: channels.platform })
    .from(channels)
    .where(and(inArray(channels.id, ids), eq(channels.brandId, brandId), eq(channels.status, "active")));
  const platformOf = new Map(rows.map((r) => [r.id, r.platform]));
  const bad = variants.flatMap((v, i) => (platformOf.has(v.channelId) ? [] : [i]));
  if (bad.length) {
    throw new AppError(
      "VALIDATION",
      POST_ERRORS.channelNotInBrand,
      Object.fromEntries(bad.map((i) => [`variants.${i}.channelId`, [POST_ERRORS.channelNotInBrand]])),
    );
  }
  return {
    isCommercial,
    variants: variants.map((v) => ({
      channelId: v.channelId,
      platform: platformOf.get(v.channelId)!,
      text: v.text,
      mediaAssetIds: v.mediaAssetIds ?? keepMedia?.get(v.channelId) ?? [],
    })),
  };
}

/** One target per channel of the content; targets of channels no longer in it are cancelled (never deleted: publications may point at them). */
async function syncTargets(tx: Tx, postId: string, content: RevisionContent) {
  const channelIds = content.variants.map((v) => v.channelId);
  await tx
    .insert(postTargets)
    .values(channelIds.map((channelId) => ({ postId, channelId, idempotencyKey: `${postId}:${channelId}` })))
    .onConflictDoUpdate({
      target: [postTargets.postId, postTargets.channelId],
      set: { state: "pending" },
      setWhere: eq(postTargets.state, "cancelled"),
    });
  await tx
    .update(postTargets)
    .set({ state: "cancelled" })
    .where(
      and(
        eq(postTargets.postId, postId),
        notInArray(postTargets.channelId, channelIds),
        inArray(postTargets.state, ["pending", "scheduled", "held"]),
      ),
    );
}

async function approvalRecordsOf(tx: Tx, postId: string): Promise<ApprovalRecord[]> {
  return tx
    .select({
      stage: approvals.stage,
      decision: approvals.decision,
      revisionHash: approvals.revisionHash,
      reviewerId: approvals.reviewerId,
      voidedAt: approvals.voidedAt,
    })
    .from(approvals)
    .where(and(eq(approvals.postId, postId), isNull(approvals.voidedAt)));
}

async function revisionOf(tx: Tx, postId: string, revisionId: string) {
  const [rev] = await tx
    .select({
      id: postRevisions.id,
      number: postRevisions.number,
      contentHash: postRevisions.contentHash,
      content: postRevisions.content,
      createdById: postRevisions.createdById,
    })
    .from(postRevisions)
    .where(and(eq(postRevisions.id, revisionId), eq(postRevisions.postId, postId)))
    .limit(1);
  return rev ?? null;
}

/** The current revision of a locked post; a revision id other than the current one is CONFLICT (the caller saw an old version). */
async function currentRevisionFor(tx: Tx, post: { id: string; currentRevisionId: string | null }, revisionId: string) {
  const rev = await revisionOf(tx, post.id, revisionId);
  if (!rev) throw new AppError("NOT_FOUND");
  if (post.currentRevisionId !== rev.id) throw new AppError("CONFLICT", POST_ERRORS.staleRevision);
  return rev;
}

function requireAuthor(viewer: Viewer, post: { authorId: string }) {
  if (post.authorId !== viewer.id) throw new AppError("FORBIDDEN", POST_ERRORS.notAuthor);
}

/**
 * Crisis communication (corrections, statements; lib/dal/corrections.ts) is drafted by PR or the
 * manager, who hold correction.create / statement.manage rather than post.edit / post.submit:
 * they may edit and submit their own posts of a fast-lane kind, nothing else (requireAuthoring).
 */
const FAST_LANE_AUTHORING = ["correction.create", "statement.manage"] as const satisfies readonly Permission[];
function authorizeAuthoring(viewer: Viewer, permission: "post.edit" | "post.submit") {
  if (viewer && !viewer.permissions.has(permission) && FAST_LANE_AUTHORING.some((p) => viewer.permissions.has(p))) return;
  authorize(viewer, permission);
}

/** The post's kind (after the row lock): without `permission` only a fast-lane kind may be authored. Returns whether it takes the fast lane. */
async function requireAuthoring(tx: Tx, viewer: Viewer, permission: "post.edit" | "post.submit", postId: string): Promise<boolean> {
  const [row] = await tx.select({ kind: posts.kind }).from(posts).where(eq(posts.id, postId)).limit(1);
  const fast = !!row && isFastLaneKind(row.kind);
  if (!viewer.permissions.has(permission) && !fast) throw new AppError("FORBIDDEN");
  return fast;
}

/** A correction that goes out as a reply to its original needs no media of its own (the checks' asReply). */
async function checksOptionsFor(tx: Tx, postId: string): Promise<{ asReply: boolean }> {
  const [row] = await tx
    .select({ id: corrections.id })
    .from(corrections)
    .where(and(eq(corrections.newPostId, postId), eq(corrections.publishAs, "reply")))
    .limit(1);
  return { asReply: !!row };
}

// ── writes ──

/** post.create — a new draft of any brand by the viewer (author = viewer): revision #1, one target per channel, checks → risk/Legal. */
export async function createDraft(viewer: Viewer, input: CreateDraftInput): Promise<SavedRevisionDto> {
  authorize(viewer, "post.create");
  const data = parseInput(createDraftSchema, input);
  return db.transaction(async (tx) => {
    const [brand] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, data.brandId)).limit(1);
    if (!brand) throw new AppError("VALIDATION", POST_ERRORS.unknownBrand, { brandId: [POST_ERRORS.unknownBrand] });
    const content = await buildContent(tx, data.brandId, data.isCommercial, data.variants);
    const checks = await checkContent(tx, data.brandId, content, true);
    const contentHash = contentHashOf(content);

    const [post] = await tx
      .insert(posts)
      .values({
        brandId: data.brandId,
        title: data.title,
        state: "draft",
        authorId: viewer.id,
        isCommercial: data.isCommercial,
        requiresLegal: checks.requiresLegalReview,
        riskScore: checks.riskScore,
      })
      .returning({ id: posts.id });
    const postId = post!.id;
    const [rev] = await tx
      .insert(postRevisions)
      .values({ postId, number: 1, contentHash, content, createdById: viewer.id })
      .returning({ id: postRevisions.id });
    const revisionId = rev!.id;
    await tx.update(posts).set({ currentRevisionId: revisionId }).where(eq(posts.id, postId));
    await syncTargets(tx, postId, content);

    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.created",
      subjectType: SUBJECT,
      subjectId: postId,
      data: {
        brandId: data.brandId,
        title: data.title,
        revisionId,
        contentHash,
        channelIds: content.variants.map((v) => v.channelId),
        isCommercial: data.isCommercial,
        riskScore: checks.riskScore,
        requiresLegal: checks.requiresLegalReview,
      },
      requestId: viewer.requestId,
    });
    return { postId, revisionId, number: 1, contentHash, state: "draft" as const, isNewRevision: true, voidedApprovals: 0 };
  });
}

/**
 * post.edit (or correction.create / statement.manage for one's own fast-lane post) — the author's new immutable revision of a visible post (others: FORBIDDEN). CONFLICT unless
 * expectedRevisionId is current. Unchanged content is a no-op; a change voids all earlier approvals and returns to draft.
 */
export async function saveRevision(viewer: Viewer, input: SaveRevisionInput): Promise<SavedRevisionDto> {
  authorizeAuthoring(viewer, "post.edit");
  const data = parseInput(saveRevisionSchema, input);
  return db.transaction(async (tx) => {
    const post = await lockVisiblePost(tx, viewer, data.postId);
    requireAuthor(viewer, post);
    const fastLane = await requireAuthoring(tx, viewer, "post.edit", post.id);
    if (post.currentRevisionId !== data.expectedRevisionId) throw new AppError("CONFLICT", POST_ERRORS.staleRevision);
    const current = await revisionOf(tx, post.id, data.expectedRevisionId);
    if (!current) throw new AppError("CONFLICT", POST_ERRORS.staleRevision);

    const isCommercial = data.isCommercial ?? readContent(current.content).isCommercial;
    const keepMedia = new Map(readContent(current.content).variants.map((v) => [v.channelId, [...v.mediaAssetIds]]));
    const content = await buildContent(tx, post.brandId, isCommercial, data.variants, keepMedia);
    const checks = await checkContent(tx, post.brandId, content, true, await checksOptionsFor(tx, post.id));
    const contentHash = contentHashOf(content);
    const title = data.title ?? post.title;

    if (contentHash === current.contentHash) {
      // A title is what reviewers read: it changes only where an edit may happen.
      if (title !== post.title && !canFire(post.state, "edit")) throw workflowError("invalid_transition");
      if (title !== post.title) {
        await tx.update(posts).set({ title, updatedAt: new Date() }).where(eq(posts.id, post.id));
        await recordAudit(tx, {
          actor: actorOf(viewer),
          action: "post.retitled",
          subjectType: SUBJECT,
          subjectId: post.id,
          data: { from: post.title, to: title },
          requestId: viewer.requestId,
        });
      }
      return {
        postId: post.id,
        revisionId: current.id,
        number: current.number,
        contentHash,
        state: post.state,
        isNewRevision: false,
        voidedApprovals: 0,
      };
    }

    const result = transition(
      {
        state: post.state,
        revision: { hash: current.contentHash, authorId: current.createdById },
        requiresLegal: post.requiresLegal,
        approvals: await approvalRecordsOf(tx, post.id),
        now: new Date(),
        slotAt: post.scheduledAt,
      },
      { type: "edit", actorId: viewer.id, newRevisionHash: contentHash },
    );
    if (!result.ok) throw workflowError(result.reason);

    const [maxRow] = await tx
      .select({ n: sql<number>`coalesce(max(${postRevisions.number}), 0)::int` })
      .from(postRevisions)
      .where(eq(postRevisions.postId, post.id));
    const number = (maxRow?.n ?? 0) + 1;
    const [rev] = await tx
      .insert(postRevisions)
      .values({ postId: post.id, number, contentHash, content, createdById: viewer.id })
      .returning({ id: postRevisions.id });
    const revisionId = rev!.id;

    // Every approval of an older revision, whatever the workflow's effect lists: the new revision starts clean.
    const voided = await tx
      .update(approvals)
      .set({ voidedAt: new Date() })
      .where(and(eq(approvals.postId, post.id), ne(approvals.revisionId, revisionId), isNull(approvals.voidedAt)))
      .returning({ id: approvals.id });
    // Legal's open review of the older revision is withdrawn: Legal reviews the revision that is submitted next.
    await withdrawLegalReview(tx, "post_revision", post.id, actorOf(viewer));
    if (result.effects.some((e) => e.type === "disarm_schedule")) {
      await tx
        .update(postTargets)
        .set({ state: "pending" })
        .where(and(eq(postTargets.postId, post.id), inArray(postTargets.state, ["scheduled", "held"])));
    }
    await tx
      .update(posts)
      .set({
        currentRevisionId: revisionId,
        state: result.next,
        title,
        isCommercial,
        requiresLegal: checks.requiresLegalReview || fastLane,
        riskScore: checks.riskScore,
        updatedAt: new Date(),
      })
      .where(eq(posts.id, post.id));
    await syncTargets(tx, post.id, content);

    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.revised",
      subjectType: SUBJECT,
      subjectId: post.id,
      data: {
        fromRevisionId: current.id,
        toRevisionId: revisionId,
        number,
        oldHash: current.contentHash,
        newHash: contentHash,
        fromState: post.state,
        toState: result.next,
        voidedApprovals: voided.length,
        ...(title !== post.title ? { title } : {}),
      },
      requestId: viewer.requestId,
    });
    return { postId: post.id, revisionId, number, contentHash, state: result.next, isNewRevision: true, voidedApprovals: voided.length };
  });
}

/**
 * post.submit (or correction.create / statement.manage for one's own fast-lane post) — the author sends the current revision of a
 * visible draft to review (PR, and Legal when required; all three stages at once for the fast lane); blocking checks are VALIDATION.
 */
export async function submitForReview(viewer: Viewer, input: SubmitForReviewInput): Promise<PostStateDto> {
  authorizeAuthoring(viewer, "post.submit");
  const data = parseInput(submitSchema, input);
  return db.transaction(async (tx) => {
    const post = await lockVisiblePost(tx, viewer, data.postId);
    requireAuthor(viewer, post);
    // The fast lane (corrections, statements): PR, Legal and final at once, Legal always (lib/domain/workflow.ts).
    const fastLane = await requireAuthoring(tx, viewer, "post.submit", post.id);
    const rev = await currentRevisionFor(tx, post, data.revisionId);
    const checks = await checkContent(tx, post.brandId, readContent(rev.content), false, await checksOptionsFor(tx, post.id));
    if (checks.blocking) throw blockingError(checks);
    const requiresLegal = checks.requiresLegalReview || fastLane;
    const result = transition(
      {
        state: post.state,
        revision: { hash: rev.contentHash, authorId: rev.createdById },
        requiresLegal,
        approvals: await approvalRecordsOf(tx, post.id),
        now: new Date(),
        slotAt: post.scheduledAt,
        checksBlocking: checks.blocking,
        fastLane,
      },
      { type: "submit", actorId: viewer.id },
    );
    if (!result.ok) throw workflowError(result.reason);
    await tx
      .update(posts)
      .set({ state: result.next, requiresLegal, riskScore: checks.riskScore, updatedAt: new Date() })
      .where(eq(posts.id, post.id));
    const opened = result.effects.find((e) => e.type === "request_review");
    if (opened?.type === "request_review") await openReviewStages(tx, post, rev, opened.stages);
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.submitted",
      subjectType: SUBJECT,
      subjectId: post.id,
      data: {
        revisionId: rev.id,
        contentHash: rev.contentHash,
        requiresLegal,
        legalReasons: checks.legalReasons,
        ...(fastLane ? { fastLane } : {}),
        riskScore: checks.riskScore,
      },
      requestId: viewer.requestId,
    });
    return { postId: post.id, revisionId: rev.id, state: result.next };
  });
}

const STAGE_PERMISSION = { pr: "post.review_pr", legal: "post.review_legal", final: "post.approve_final" } as const satisfies Record<
  ApprovalStage,
  Permission
>;

function eventFor(stage: ApprovalStage, decision: ApprovalDecision, actorId: string, revisionHash: string, reason: string): WorkflowEvent {
  if (decision === "approved") {
    const type = stage === "pr" ? "approve_pr" : stage === "legal" ? "approve_legal" : "approve_final";
    return { type, actorId, revisionHash };
  }
  return { type: decision === "rejected" ? "reject" : "request_changes", actorId, stage, revisionHash, reason };
}

/**
 * post.review_pr / post.review_legal / post.approve_final (by stage) — one decision on the current revision
 * of a visible post. Race-safe: the post row is locked and approvals(revision_id, stage) is unique; a loser gets CONFLICT.
 */
export async function decideStage(viewer: Viewer, input: DecideStageInput): Promise<DecisionDto> {
  const stage: unknown = (input as { stage?: unknown } | null | undefined)?.stage;
  if (stage === "pr" || stage === "legal" || stage === "final") authorize(viewer, STAGE_PERMISSION[stage]);
  // A malformed stage is VALIDATION, but only for someone who reviews at all.
  else if (!Object.values(STAGE_PERMISSION).some((p) => viewer?.permissions.has(p))) authorize(viewer, "post.review_pr");
  const data = parseInput(decideStageSchema, input);
  const outcome = await db.transaction((tx) => decideStageIn(tx, viewer, data));
  // The escalation is committed; the final approval itself is refused until Legal has decided.
  if ("escalated" in outcome) throw new AppError("CONFLICT", "legal_now_required");
  return outcome;
}

/**
 * The body of decideStage inside the caller's transaction. Internal to the DAL: the caller has
 * authorized the stage's permission and parsed the input. The structured legal review
 * (lib/dal/legal-queue.ts) calls it with fromLegalReview, having recorded its own decision; a Legal
 * decision arriving any other way is mirrored onto the post's open legal review.
 */
export async function decideStageIn(
  tx: Tx,
  viewer: Viewer,
  data: z.output<typeof decideStageSchema>,
  o: { fromLegalReview?: boolean } = {},
): Promise<DecisionDto | { escalated: true }> {
  {
    const post = await lockVisiblePost(tx, viewer, data.postId);
    const rev = await currentRevisionFor(tx, post, data.revisionId);
    // Legal's requirement is decided at submit, but a lexicon term or an asset's rights can change
    // while the post waits: re-derive it at every approval, and never let a stage skip Legal.
    if (data.decision === "approved" && !post.requiresLegal && data.stage !== "legal") {
      const fresh = await checkContent(tx, post.brandId, readContent(rev.content), false, await checksOptionsFor(tx, post.id));
      if (fresh.requiresLegalReview) {
        const nextState = post.state === "final_review" ? "in_review" : post.state;
        await tx.update(posts).set({ requiresLegal: true, state: nextState }).where(eq(posts.id, post.id));
        // Legal's review first, so the escalation is the last event of this decision.
        await openReviewStages(tx, post, rev, ["legal"]);
        await recordAudit(tx, {
          actor: actorOf(viewer),
          action: "post.legal_required",
          subjectType: SUBJECT,
          subjectId: post.id,
          data: { reasons: fresh.legalReasons, revisionHash: rev.contentHash, fromState: post.state, toState: nextState },
          requestId: viewer.requestId,
        });
        if (data.stage === "final") return { escalated: true as const };
        post.requiresLegal = true;
        post.state = nextState;
      }
    }
    const event = eventFor(data.stage, data.decision, viewer.id, rev.contentHash, data.reason ?? "");
    const [kindRow] = await tx.select({ kind: posts.kind }).from(posts).where(eq(posts.id, post.id)).limit(1);
    const baseCtx = {
      fastLane: !!kindRow && isFastLaneKind(kindRow.kind),
      state: post.state,
      revision: { hash: rev.contentHash, authorId: rev.createdById },
      requiresLegal: post.requiresLegal,
      approvals: await approvalRecordsOf(tx, post.id),
      now: new Date(),
      slotAt: post.scheduledAt,
      legalConditionsUnmet: data.stage === "legal" && data.decision === "approved" ? await postLegalConditionsUnmet(tx, post.id, rev.contentHash) : false,
    };
    // Guards first (cheap, and the race loser must see CONFLICT, not a checks error), then the checks on approval.
    let result = transition(baseCtx, event);
    if (result.ok && data.decision === "approved") {
      const checks = await checkContent(tx, post.brandId, readContent(rev.content), false, await checksOptionsFor(tx, post.id));
      if (checks.blocking) throw blockingError(checks);
      result = transition({ ...baseCtx, checksBlocking: checks.blocking }, event);
    }
    if (!result.ok) throw workflowError(result.reason);

    const decisionEffect = result.effects.find((e) => e.type === "record_decision");
    const reason = decisionEffect?.type === "record_decision" ? decisionEffect.reason : null;
    const [approval] = await tx
      .insert(approvals)
      .values({
        postId: post.id,
        revisionId: rev.id,
        revisionHash: rev.contentHash,
        stage: data.stage,
        reviewerId: viewer.id,
        decision: data.decision,
        reason,
      })
      .onConflictDoNothing({ target: [approvals.revisionId, approvals.stage] })
      .returning({ id: approvals.id });
    if (!approval) throw new AppError("CONFLICT", "already_decided");
    await tx.update(posts).set({ state: result.next, updatedAt: new Date() }).where(eq(posts.id, post.id));
    // A Legal decision that did not come through the structured review is recorded on it too.
    if (data.stage === "legal" && !o.fromLegalReview) await mirrorStageDecision(tx, viewer, post.id, rev.contentHash, data.decision, reason);

    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.decision",
      subjectType: SUBJECT,
      subjectId: post.id,
      data: {
        stage: data.stage,
        decision: data.decision,
        reason,
        revisionId: rev.id,
        revisionHash: rev.contentHash,
        approvalId: approval.id,
        fromState: post.state,
        toState: result.next,
      },
      requestId: viewer.requestId,
    });
    const opened = result.effects.find((e) => e.type === "request_review");
    if (opened?.type === "request_review") await openReviewStages(tx, post, rev, opened.stages);
    await notifyDecision(tx, post, { approvalId: approval.id, stage: data.stage, decision: data.decision, reason, reviewerId: viewer.id });
    return { postId: post.id, revisionId: rev.id, state: result.next, approvalId: approval.id, stage: data.stage, decision: data.decision };
  }
}

// ── reads ──

const author = alias(users, "author");
const creator = alias(users, "creator");
const reviewer = alias(users, "reviewer");

/** post.read — one visible post with its current revision, targets, live approvals of that revision and freshly recomputed checks. */
export async function getPost(viewer: Viewer, postId: string): Promise<PostDto> {
  authorize(viewer, "post.read");
  const id = parseId(postId);
  // One snapshot: the post, its revision, targets and approvals agree with each other.
  return db.transaction(
    async (tx) => {
      const [post] = await tx
        .select({
          id: posts.id,
          brandId: posts.brandId,
          brandName: brands.name,
          kind: posts.kind,
          title: posts.title,
          state: posts.state,
          authorId: posts.authorId,
          authorName: author.name,
          currentRevisionId: posts.currentRevisionId,
          isCommercial: posts.isCommercial,
          requiresLegal: posts.requiresLegal,
          riskScore: posts.riskScore,
          scheduledAt: posts.scheduledAt,
          createdAt: posts.createdAt,
          updatedAt: posts.updatedAt,
        })
        .from(posts)
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .leftJoin(author, eq(author.id, posts.authorId))
        .where(visiblePosts(viewer, id))
        .limit(1);
      if (!post) throw new AppError("NOT_FOUND");

      const revId = post.currentRevisionId;
      const [revRows, targets, approvalRows] = await Promise.all([
        revId
          ? tx
              .select({
                id: postRevisions.id,
                number: postRevisions.number,
                contentHash: postRevisions.contentHash,
                content: postRevisions.content,
                createdById: postRevisions.createdById,
                createdByName: creator.name,
                createdAt: postRevisions.createdAt,
              })
              .from(postRevisions)
              .leftJoin(creator, eq(creator.id, postRevisions.createdById))
              .where(and(eq(postRevisions.id, revId), eq(postRevisions.postId, post.id)))
              .limit(1)
          : Promise.resolve([]),
        tx
          .select({
            id: postTargets.id,
            channelId: postTargets.channelId,
            platform: channels.platform,
            handle: channels.handle,
            channelName: channels.displayName,
            state: postTargets.state,
            scheduledAt: postTargets.scheduledAt,
          })
          .from(postTargets)
          .innerJoin(channels, eq(channels.id, postTargets.channelId))
          .where(and(eq(postTargets.postId, post.id), ne(postTargets.state, "cancelled")))
          .orderBy(asc(postTargets.createdAt), asc(channels.handle)),
        revId
          ? tx
              .select({
                id: approvals.id,
                stage: approvals.stage,
                decision: approvals.decision,
                reason: approvals.reason,
                reviewerId: approvals.reviewerId,
                reviewerName: reviewer.name,
                revisionHash: approvals.revisionHash,
                createdAt: approvals.createdAt,
              })
              .from(approvals)
              .leftJoin(reviewer, eq(reviewer.id, approvals.reviewerId))
              .where(and(eq(approvals.postId, post.id), eq(approvals.revisionId, revId), isNull(approvals.voidedAt)))
              .orderBy(asc(approvals.createdAt))
          : Promise.resolve([]),
      ]);
      const rev = revRows[0];
      const content = rev ? readContent(rev.content) : null;
      const checks = content ? await checkContent(tx, post.brandId, content, false, await checksOptionsFor(tx, post.id)) : null;
      const stageOrder: Record<ApprovalStage, number> = { pr: 0, legal: 1, final: 2 };

      return {
        id: post.id,
        brandId: post.brandId,
        brandName: post.brandName,
        kind: post.kind,
        title: post.title,
        state: post.state,
        authorId: post.authorId,
        authorName: post.authorName,
        isCommercial: post.isCommercial,
        requiresLegal: post.requiresLegal,
        riskScore: post.riskScore,
        scheduledAt: post.scheduledAt,
        createdAt: post.createdAt,
        updatedAt: post.updatedAt,
        currentRevision: rev && content ? { ...rev, content } : null,
        // In the order the author arranged the variants.
        targets: targets.sort((a, b) => variantIndex(content, a.channelId) - variantIndex(content, b.channelId)),
        approvals: approvalRows.map(({ revisionHash: _h, ...a }) => a).sort((a, b) => stageOrder[a.stage] - stageOrder[b.stage]),
        approvalStatus: rev ? approvalStatus(approvalRows, { revisionHash: rev.contentHash, requiresLegal: post.requiresLegal }) : null,
        checks,
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function variantIndex(content: RevisionContent | null, channelId: string): number {
  const i = content?.variants.findIndex((v) => v.channelId === channelId) ?? -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/** post.read — every revision of a visible post, newest first (content not included). */
export async function listRevisions(viewer: Viewer, postId: string): Promise<RevisionSummaryDto[]> {
  authorize(viewer, "post.read");
  const id = parseId(postId);
  const [post] = await db.select({ id: posts.id, currentRevisionId: posts.currentRevisionId }).from(posts).where(visiblePosts(viewer, id)).limit(1);
  if (!post) throw new AppError("NOT_FOUND");
  const rows = await db
    .select({
      id: postRevisions.id,
      number: postRevisions.number,
      contentHash: postRevisions.contentHash,
      createdById: postRevisions.createdById,
      createdByName: creator.name,
      createdAt: postRevisions.createdAt,
    })
    .from(postRevisions)
    .leftJoin(creator, eq(creator.id, postRevisions.createdById))
    .where(eq(postRevisions.postId, post.id))
    .orderBy(desc(postRevisions.number));
  return rows.map((r) => ({ ...r, isCurrent: r.id === post.currentRevisionId }));
}

/** post.read — a per-channel line diff between two revisions of one visible post; NOT_FOUND if either is not that post's. */
export async function getRevisionDiff(viewer: Viewer, input: RevisionDiffInput): Promise<RevisionDiffDto> {
  authorize(viewer, "post.read");
  const data = parseInput(revisionDiffSchema, input);
  const [post] = await db.select({ id: posts.id }).from(posts).where(visiblePosts(viewer, data.postId)).limit(1);
  if (!post) throw new AppError("NOT_FOUND");
  const [from, to] = await Promise.all([revisionOf(db, post.id, data.fromRevisionId), revisionOf(db, post.id, data.toRevisionId)]);
  if (!from || !to) throw new AppError("NOT_FOUND");
  const a = readContent(from.content);
  const b = readContent(to.content);
  const before = new Map(a.variants.map((v) => [v.channelId, v]));
  const after = new Map(b.variants.map((v) => [v.channelId, v]));
  const channelIds = [...new Set([...b.variants.map((v) => v.channelId), ...a.variants.map((v) => v.channelId)])];

  const variants = channelIds.map((channelId): VariantDiffDto => {
    const x = before.get(channelId);
    const y = after.get(channelId);
    const lines = diffLines(x?.text ?? "", y?.text ?? "");
    const mediaAdded = (y?.mediaAssetIds ?? []).filter((m) => !(x?.mediaAssetIds ?? []).includes(m));
    const mediaRemoved = (x?.mediaAssetIds ?? []).filter((m) => !(y?.mediaAssetIds ?? []).includes(m));
    const status = !x ? "added" : !y ? "removed" : hasChanges(lines) || mediaAdded.length || mediaRemoved.length ? "changed" : "unchanged";
    return { channelId, platform: (y ?? x)!.platform, status, lines, mediaAdded, mediaRemoved };
  });
  return {
    from: { id: from.id, number: from.number, contentHash: from.contentHash },
    to: { id: to.id, number: to.number, contentHash: to.contentHash },
    isCommercialChanged: a.isCommercial !== b.isCommercial,
    variants,
  };
}

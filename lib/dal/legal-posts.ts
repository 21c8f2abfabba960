import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { assets, legalReviews, postRevisions, posts, postTargets } from "@/db/schema";
import { stageDueAt } from "@/lib/domain/due";
import { unmetConditions, type LegalDecision } from "@/lib/domain/legal-review";
import { riskLevel } from "@/lib/domain/risk";
import { isFastLaneKind, type ApprovalDecision } from "@/lib/domain/workflow";
import { recordAudit } from "./audit";
import { requestLegalReview } from "./legal-requests";
import { readContent } from "./posts-shared";
import { actorOf, type Viewer } from "./viewer";

/*
 * The post's legal stage as a structured legal review (one path, not a parallel one):
 * - When the workflow opens the legal stage for a revision (review-notify openReviewStages), a
 *   legal_reviews row of kind post_revision is requested for that revision: subject = the post,
 *   subject hash = the revision's content hash (the hash approvals bind to), snapshot = the
 *   revision's content plus its assets' rights as they were at the request.
 * - Legal's approval in the workflow is refused while the review carries unmet conditions.
 * - A Legal decision made through decideStage directly (the API) is mirrored on the open review.
 * Internal to the DAL.
 */

/** The open legal review of a post revision (by content hash), if any. */
export async function openPostReview(tx: Tx, postId: string, contentHash: string) {
  const [row] = await tx
    .select({
      id: legalReviews.id,
      conditionItems: legalReviews.conditionItems,
      state: legalReviews.state,
    })
    .from(legalReviews)
    .where(
      and(
        eq(legalReviews.subjectKind, "post_revision"),
        eq(legalReviews.subjectId, postId),
        eq(legalReviews.subjectHash, contentHash),
        inArray(legalReviews.state, ["open", "in_progress"]),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** True when Legal approved an earlier revision with conditions not yet marked met on this one. */
export async function postLegalConditionsUnmet(tx: Tx, postId: string, contentHash: string): Promise<boolean> {
  const r = await openPostReview(tx, postId, contentHash);
  return !!r && unmetConditions(r.conditionItems ?? []).length > 0;
}

/** Risk level of a post for the queue: the checks' score on the same scale as the rest of the portal. */
export function postRisk(score: number): "low" | "medium" | "high" {
  const level = riskLevel(score);
  return level === "high" ? "high" : level === "medium" ? "medium" : "low";
}

/** Requests the structured legal review of a post revision (idempotent per revision hash). */
export async function openPostLegalReview(tx: Tx, postId: string, revisionId: string, now: Date = new Date()): Promise<{ id: string }> {
  const [p] = await tx
    .select({
      id: posts.id,
      title: posts.title,
      brandId: posts.brandId,
      riskScore: posts.riskScore,
      scheduledAt: posts.scheduledAt,
      kind: posts.kind,
    })
    .from(posts)
    .where(eq(posts.id, postId))
    .limit(1);
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
  if (!p || !rev) throw new Error(`openPostLegalReview: unknown post ${postId} / revision ${revisionId}`);
  const content = readContent(rev.content);
  const assetIds = [...new Set(content.variants.flatMap((v) => v.mediaAssetIds ?? []))];
  const assetRows = assetIds.length
    ? await tx
        .select({
          id: assets.id,
          name: assets.originalName,
          kind: assets.kind,
          source: assets.source,
          licence: assets.licence,
          licenceExpiresAt: assets.licenceExpiresAt,
          hasLikeness: assets.hasLikeness,
        })
        .from(assets)
        .where(inArray(assets.id, assetIds))
    : [];
  const [target] = await tx
    .select({ channelId: postTargets.channelId })
    .from(postTargets)
    .where(and(eq(postTargets.postId, postId), ne(postTargets.state, "cancelled")))
    .orderBy(asc(postTargets.createdAt))
    .limit(1);
  return requestLegalReview(tx, {
    subjectKind: "post_revision",
    subjectId: postId,
    postId,
    revisionId: rev.id,
    title: p.title,
    snapshot: {
      postTitle: p.title,
      revisionNumber: rev.number,
      content,
      assets: assetRows.map((a) => ({
        ...a,
        licenceExpiresAt: a.licenceExpiresAt?.toISOString() ?? null,
      })),
    },
    subjectHash: rev.contentHash,
    requestedById: rev.createdById,
    brandId: p.brandId,
    channelId: target?.channelId ?? null,
    dueAt: stageDueAt("legal", now, p.scheduledAt, undefined, {
      fastLane: isFastLaneKind(p.kind),
    }),
    risk: postRisk(p.riskScore),
    silent: true,
  });
}

const MIRROR: Record<ApprovalDecision, LegalDecision> = {
  approved: "approved",
  changes_requested: "rejected",
  rejected: "rejected",
};

/**
 * A Legal stage decision recorded by decideStage without the structured review (the API path):
 * the open review of that revision records it too, so the queue and the history agree.
 * A workflow "changes requested" is a "rejected" of this revision in the review's terms.
 */
export async function mirrorStageDecision(tx: Tx, viewer: Viewer, postId: string, contentHash: string, decision: ApprovalDecision, reason: string | null) {
  const open = await openPostReview(tx, postId, contentHash);
  if (!open) return;
  const now = new Date();
  await tx
    .update(legalReviews)
    .set({
      state: MIRROR[decision],
      decisionHash: contentHash,
      decisionReason: reason,
      decidedById: viewer.id,
      decidedAt: now,
      updatedAt: now,
      assigneeId: viewer.id,
    })
    .where(eq(legalReviews.id, open.id));
  await recordAudit(tx, {
    actor: actorOf(viewer),
    action: "legal_review.decided",
    subjectType: "legal_review",
    subjectId: open.id,
    data: {
      decision: MIRROR[decision],
      stageDecision: decision,
      subjectHash: contentHash,
      postId,
      via: "post_stage",
    },
    requestId: viewer.requestId,
  });
}

/**
 * Posts awaiting Legal on their current revision without a structured review (data from before the
 * queue, or written around the workflow): each gets its review. Run by the SLA job and the demo seed.
 */
export async function syncPostLegalReviews(tx: Tx, now: Date = new Date()): Promise<number> {
  const missing = await tx.execute<{ id: string; revision_id: string }>(sql`
    select p.id, p.current_revision_id as revision_id from posts p
    where p.state = 'in_review' and p.requires_legal and p.current_revision_id is not null
      and not exists (select 1 from approvals a where a.revision_id = p.current_revision_id and a.stage = 'legal' and a.voided_at is null)
      and not exists (select 1 from legal_reviews l where l.subject_kind = 'post_revision' and l.revision_id = p.current_revision_id)
    limit 200`);
  for (const m of missing) await openPostLegalReview(tx, m.id, m.revision_id, now);
  return missing.length;
}

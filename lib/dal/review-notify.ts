import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { posts, reviewRequests, users } from "@/db/schema";
import type { Permission } from "@/lib/auth/permissions";
import { stageDueAt } from "@/lib/domain/due";
import { isFastLaneKind, type ApprovalDecision, type ApprovalStage } from "@/lib/domain/workflow";
import { openPostLegalReview } from "./legal-posts";
import { notify } from "./notify";

/*
 * The workflow's notification effects, called by posts.ts inside its transactions (no permission
 * checks here: the caller has authorized the change being reported).
 */

/** The queue page of each stage (the same paths as components/review/stages.ts; the DAL does not import UI). */
export const REVIEW_LINKS = {
  pr: (postId: string) => `/pr/reviews/${postId}`,
  legal: (postId: string) => `/legal/reviews/${postId}`,
  final: (postId: string) => `/manager/approvals/${postId}`,
} as const satisfies Record<ApprovalStage, (postId: string) => string>;

export const STAGE_REVIEWERS = {
  pr: "post.review_pr",
  legal: "post.review_legal",
  final: "post.approve_final",
} as const satisfies Record<ApprovalStage, Permission>;

type PostRef = { id: string; title: string; authorId: string; scheduledAt: Date | null };

async function nameOf(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? row?.email ?? null;
}

/**
 * A `request_review` effect: records when each stage opened (due times derive from it) and tells the
 * stage's reviewers — everyone holding its permission except the author and the revision's creator.
 */
export async function openReviewStages(
  tx: Tx,
  post: PostRef,
  revision: { id: string; createdById: string },
  stages: readonly ApprovalStage[],
  now: Date = new Date(),
): Promise<void> {
  if (!stages.length) return;
  await tx
    .insert(reviewRequests)
    .values(stages.map((stage) => ({ postId: post.id, revisionId: revision.id, stage, requestedAt: now })))
    .onConflictDoNothing({ target: [reviewRequests.revisionId, reviewRequests.stage] });
  // Legal's stage is also a structured review in Legal's queue (checklist, findings, conditions).
  if (stages.includes("legal")) await openPostLegalReview(tx, post.id, revision.id, now);
  const authorName = await nameOf(tx, post.authorId);
  const [row] = await tx.select({ kind: posts.kind }).from(posts).where(eq(posts.id, post.id)).limit(1);
  const fastLane = isFastLaneKind(row?.kind ?? "post");
  for (const stage of stages) {
    await notify(tx, {
      permission: STAGE_REVIEWERS[stage],
      excludeUserIds: [post.authorId, revision.createdById],
      kind: "review.requested",
      params: {
        postId: post.id,
        postTitle: post.title,
        stage,
        authorName,
        dueAt: stageDueAt(stage, now, post.scheduledAt, undefined, { fastLane }).toISOString(),
        slotAt: post.scheduledAt?.toISOString() ?? null,
      },
      link: REVIEW_LINKS[stage](post.id),
      dedupeKey: `review.requested:${revision.id}:${stage}`,
    });
  }
}

/** A recorded decision: the post's author hears it, with the reason for changes requested / rejected. */
export async function notifyDecision(
  tx: Tx,
  post: PostRef,
  d: { approvalId: string; stage: ApprovalStage; decision: ApprovalDecision; reason: string | null; reviewerId: string },
): Promise<void> {
  if (d.reviewerId === post.authorId) return;
  await notify(tx, {
    userIds: [post.authorId],
    kind: "review.decided",
    params: {
      postId: post.id,
      postTitle: post.title,
      stage: d.stage,
      decision: d.decision,
      reason: d.decision === "approved" ? null : d.reason,
      reviewerName: await nameOf(tx, d.reviewerId),
    },
    link: `/studio/posts/${post.id}`,
    dedupeKey: `review.decided:${d.approvalId}`,
  });
}

import "server-only";
import { and, eq, inArray, isNull, notExists, or, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { approvals, posts, postRevisions, reviewRequests } from "@/db/schema";
import { dueAction, dueStatus, stageDueAt, type DueStatus } from "@/lib/domain/due";
import { FAST_LANE_KINDS, isFastLaneKind, type ApprovalStage } from "@/lib/domain/workflow";
import { recordAudit } from "./audit";
import { notify } from "./notify";
import { REVIEW_LINKS, STAGE_REVIEWERS } from "./review-notify";

/*
 * Review due times (lib/domain/due.ts) applied to the open stages in the database: what the queues
 * show, what the manager sees as overdue, and the worker job that reminds and escalates.
 *
 * A stage is open while the post's CURRENT revision awaits it: PR (and Legal when required) in
 * in_review without a live decision; final in final_review. Its start is review_requests.requested_at;
 * posts that entered review before review_requests existed (or seeded) fall back to posts.updated_at,
 * and the job backfills a row for them so reminders and escalations still fire once.
 */

export type OpenStage = {
  requestId: string | null;
  postId: string;
  revisionId: string;
  title: string;
  authorId: string;
  stage: ApprovalStage;
  openedAt: Date;
  scheduledAt: Date | null;
  dueAt: Date;
  dueStatus: DueStatus;
  remindedAt: Date | null;
  escalatedAt: Date | null;
};

const STAGES: readonly ApprovalStage[] = ["pr", "legal", "final"];

function noLiveDecision(stage: ApprovalStage): SQL {
  return notExists(
    db
      .select({ id: approvals.id })
      .from(approvals)
      .where(and(eq(approvals.revisionId, posts.currentRevisionId), eq(approvals.stage, stage), isNull(approvals.voidedAt))),
  );
}

/** SQL for "this post's current revision awaits `stage`" (the same rule as the review queues). */
export function stageOpenWhere(stage: ApprovalStage): SQL {
  switch (stage) {
    case "pr":
      return and(eq(posts.state, "in_review"), noLiveDecision("pr"))!;
    case "legal":
      return and(eq(posts.state, "in_review"), eq(posts.requiresLegal, true), noLiveDecision("legal"))!;
    case "final":
      // The fast lane opens the final stage in in_review already, in parallel with PR and Legal (as the queues do).
      return and(
        or(eq(posts.state, "final_review"), and(eq(posts.state, "in_review"), inArray(posts.kind, [...FAST_LANE_KINDS]))),
        noLiveDecision("final"),
      )!;
  }
}

/**
 * Internal (no permission check): open stages, optionally for some stages / posts only, with their due
 * times at `now`. Callers (review-queue, overview-manager, the job) have authorized the viewer.
 */
export async function loadOpenStages(
  tx: Tx,
  opts: { now?: Date; stages?: readonly ApprovalStage[]; postIds?: readonly string[] } = {},
): Promise<OpenStage[]> {
  const now = opts.now ?? new Date();
  const stages = opts.stages ?? STAGES;
  if (opts.postIds && opts.postIds.length === 0) return [];
  const out: OpenStage[] = [];
  for (const stage of stages) {
    const rows = await tx
      .select({
        requestId: reviewRequests.id,
        postId: posts.id,
        revisionId: posts.currentRevisionId,
        title: posts.title,
        authorId: posts.authorId,
        kind: posts.kind,
        requestedAt: reviewRequests.requestedAt,
        updatedAt: posts.updatedAt,
        scheduledAt: posts.scheduledAt,
        remindedAt: reviewRequests.remindedAt,
        escalatedAt: reviewRequests.escalatedAt,
      })
      .from(posts)
      .leftJoin(reviewRequests, and(eq(reviewRequests.revisionId, posts.currentRevisionId), eq(reviewRequests.stage, stage)))
      .where(and(stageOpenWhere(stage), opts.postIds ? inArray(posts.id, [...opts.postIds]) : undefined));
    for (const r of rows) {
      if (!r.revisionId) continue;
      const openedAt = r.requestedAt ?? r.updatedAt;
      const dueAt = stageDueAt(stage, openedAt, r.scheduledAt, undefined, { fastLane: isFastLaneKind(r.kind) });
      out.push({
        requestId: r.requestId,
        postId: r.postId,
        revisionId: r.revisionId,
        title: r.title,
        authorId: r.authorId,
        stage,
        openedAt,
        scheduledAt: r.scheduledAt,
        dueAt,
        dueStatus: dueStatus(now, openedAt, dueAt),
        remindedAt: r.remindedAt,
        escalatedAt: r.escalatedAt,
      });
    }
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Gives every open stage without a review_requests row one, started when the post last changed (legacy / seeded posts). */
async function backfillRequests(tx: Tx): Promise<void> {
  for (const stage of STAGES) {
    await tx
      .insert(reviewRequests)
      .select(
        tx
          .select({
            id: sql<string>`gen_random_uuid()`.as("id"),
            postId: posts.id,
            revisionId: sql<string>`${posts.currentRevisionId}`.as("revision_id"),
            stage: sql<ApprovalStage>`${stage}`.as("stage"),
            requestedAt: posts.updatedAt,
            remindedAt: sql<Date | null>`null`.as("reminded_at"),
            escalatedAt: sql<Date | null>`null`.as("escalated_at"),
          })
          .from(posts)
          .innerJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
          .where(stageOpenWhere(stage)),
      )
      .onConflictDoNothing({ target: [reviewRequests.revisionId, reviewRequests.stage] });
  }
}

export type DueRunResult = { open: number; reminded: number; escalated: number };

/**
 * The due-times job (worker only): for each open stage, remind its reviewers once when due soon,
 * and escalate to the manager(s) once when overdue. Each step is claimed by a conditional update of
 * review_requests (reminded_at / escalated_at is null), so concurrent runs act once.
 */
export async function runReviewDueTimes(now: Date = new Date()): Promise<DueRunResult> {
  await db.transaction((tx) => backfillRequests(tx));
  const open = await loadOpenStages(db, { now });
  const result: DueRunResult = { open: open.length, reminded: 0, escalated: 0 };
  for (const s of open) {
    if (!s.requestId) continue;
    const action = dueAction(now, s);
    if (!action) continue;
    const acted = await db.transaction(async (tx) => {
      const column = action === "remind" ? reviewRequests.remindedAt : reviewRequests.escalatedAt;
      const [claimed] = await tx
        .update(reviewRequests)
        .set(action === "remind" ? { remindedAt: now } : { escalatedAt: now, remindedAt: sql`coalesce(${reviewRequests.remindedAt}, ${now.toISOString()}::timestamptz)` })
        .where(and(eq(reviewRequests.id, s.requestId!), isNull(column)))
        .returning({ id: reviewRequests.id });
      if (!claimed) return false;
      const params = {
        postId: s.postId,
        postTitle: s.title,
        stage: s.stage,
        dueAt: s.dueAt.toISOString(),
        slotAt: s.scheduledAt?.toISOString() ?? null,
      };
      if (action === "remind") {
        await notify(tx, {
          permission: STAGE_REVIEWERS[s.stage],
          excludeUserIds: [s.authorId],
          kind: "review.reminder",
          params,
          link: REVIEW_LINKS[s.stage](s.postId),
          dedupeKey: `review.reminder:${s.requestId}`,
        });
      } else {
        await notify(tx, {
          permission: "post.approve_final",
          excludeUserIds: [s.authorId],
          kind: "review.overdue",
          params,
          link: REVIEW_LINKS[s.stage](s.postId),
          dedupeKey: `review.overdue:${s.requestId}`,
        });
        await recordAudit(tx, {
          actor: { id: null, label: "system" },
          action: "review.escalated",
          subjectType: "post",
          subjectId: s.postId,
          data: { stage: s.stage, revisionId: s.revisionId, dueAt: s.dueAt.toISOString(), openedAt: s.openedAt.toISOString() },
        });
      }
      return true;
    });
    if (acted) result[action === "remind" ? "reminded" : "escalated"]++;
  }
  return result;
}


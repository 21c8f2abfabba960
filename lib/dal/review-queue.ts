import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, notExists, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { approvals, brands, channels, posts, postTargets, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import { FAST_LANE_KINDS, type ApprovalStage } from "@/lib/domain/workflow";
import type { DueStatus } from "@/lib/domain/due";
import { loadOpenStages } from "./review-due";
import { authorize, type Viewer } from "./viewer";

/*
 * The three review queues of the triple check (DESIGN.md §6). A post is in a queue while its
 * CURRENT revision awaits that stage; approvals of older revisions are voided on edit, so only
 * live decisions on the current revision count. Read-only: deciding goes through posts.ts decideStage.
 */

export type ReviewStage = ApprovalStage;

export const REVIEW_STAGE_PERMISSION = {
  pr: "post.review_pr",
  legal: "post.review_legal",
  final: "post.approve_final",
} as const satisfies Record<ReviewStage, Permission>;

export type ReviewQueueItem = {
  postId: string;
  title: string;
  brandName: string;
  channels: { platform: string; name: string }[];
  authorName: string | null;
  /** When the post last changed state or content (submit or the latest decision): how long it has waited. */
  waitingSince: Date;
  riskScore: number;
  requiresLegal: boolean;
  scheduledAt: Date | null;
  /** When this stage is due (lib/domain/due.ts) and how urgent it is now; escalated once overdue and the manager was told. */
  dueAt: Date | null;
  dueStatus: DueStatus | null;
  escalated: boolean;
  kind: string;
  /** A correction, apology, retraction or statement: PR, Legal and final review it in parallel (listed first). */
  fastLane: boolean;
};

function liveDecision(stage: ReviewStage): SQL {
  return notExists(
    db
      .select({ id: approvals.id })
      .from(approvals)
      .where(and(eq(approvals.revisionId, posts.currentRevisionId), eq(approvals.stage, stage), isNull(approvals.voidedAt))),
  );
}

function stageWhere(stage: ReviewStage): SQL {
  switch (stage) {
    case "pr":
      return and(eq(posts.state, "in_review"), liveDecision("pr"))!;
    case "legal":
      return and(eq(posts.state, "in_review"), eq(posts.requiresLegal, true), liveDecision("legal"))!;
    case "final":
      // The fast lane opens the final stage in in_review already, in parallel with PR and Legal.
      return or(eq(posts.state, "final_review"), and(eq(posts.state, "in_review"), inArray(posts.kind, [...FAST_LANE_KINDS]), liveDecision("final")))!;
  }
}

const isFastLane = sql<boolean>`${inArray(posts.kind, [...FAST_LANE_KINDS])}`;

/**
 * post.review_pr / post.review_legal / post.approve_final (by stage) — the posts whose current revision
 * awaits that stage: fast-lane posts (corrections, statements) first, then oldest first. Scoped like posts-shared visiblePosts: without post.read only one's own posts.
 */
export async function listReviewQueue(viewer: Viewer, stage: ReviewStage): Promise<ReviewQueueItem[]> {
  const permission: Permission | undefined = REVIEW_STAGE_PERMISSION[stage as ReviewStage];
  if (!permission) {
    // A malformed stage is VALIDATION, but only for someone who reviews at all.
    if (!Object.values(REVIEW_STAGE_PERMISSION).some((p) => viewer?.permissions.has(p))) authorize(viewer, "post.review_pr");
    throw new AppError("VALIDATION", "invalid_input", { stage: ["invalid_input"] });
  }
  authorize(viewer, permission);
  const scope = viewer.permissions.has("post.read") ? undefined : eq(posts.authorId, viewer.id);
  const rows = await db
    .select({
      postId: posts.id,
      title: posts.title,
      brandName: brands.name,
      authorName: users.name,
      waitingSince: posts.updatedAt,
      riskScore: posts.riskScore,
      requiresLegal: posts.requiresLegal,
      scheduledAt: posts.scheduledAt,
      kind: posts.kind,
      fastLane: isFastLane,
    })
    .from(posts)
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(and(stageWhere(stage), scope))
    .orderBy(desc(isFastLane), asc(posts.updatedAt), asc(posts.id));
  if (rows.length === 0) return [];

  const targets = await db
    .select({ postId: postTargets.postId, platform: channels.platform, name: channels.displayName })
    .from(postTargets)
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .where(and(inArray(postTargets.postId, rows.map((r) => r.postId)), ne(postTargets.state, "cancelled")))
    .orderBy(asc(postTargets.createdAt), asc(channels.handle));
  const byPost = new Map<string, { platform: string; name: string }[]>();
  for (const t of targets) {
    const list = byPost.get(t.postId) ?? [];
    list.push({ platform: t.platform, name: t.name });
    byPost.set(t.postId, list);
  }
  const due = new Map((await loadOpenStages(db, { stages: [stage], postIds: rows.map((r) => r.postId) })).map((o) => [o.postId, o]));
  return rows.map((r) => {
    const d = due.get(r.postId);
    return { ...r, channels: byPost.get(r.postId) ?? [], dueAt: d?.dueAt ?? null, dueStatus: d?.dueStatus ?? null, escalated: !!d?.escalatedAt };
  });
}

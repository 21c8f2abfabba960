import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, ne } from "drizzle-orm";
import { db } from "@/db";
import { brands, channels, crisisStates, inboxItems, postTargets, posts, publications, POST_STATES, type TARGET_STATES } from "@/db/schema";
import type { ApprovalStage } from "@/lib/domain/workflow";
import { authorize, type Viewer } from "./viewer";
import { HOUR_MS, slaBreachedWhere } from "./overview-common";
import { loadOpenStages } from "./review-due";

type PostState = (typeof POST_STATES)[number];
type TargetState = (typeof TARGET_STATES)[number];
type Platform = (typeof channels.$inferSelect)["platform"];

export type ManagerPostItem = {
  postId: string;
  title: string;
  state: PostState;
  brandName: string;
  riskScore: number;
  scheduledAt: Date | null;
  /** When the post entered its current state. */
  since: Date;
};

/** One review stage past its due time (lib/domain/due.ts); `since` is when the stage opened. */
export type ManagerOverdueItem = ManagerPostItem & { stage: ApprovalStage; dueAt: Date; escalated: boolean };

export type ManagerSlotItem = {
  targetId: string;
  postId: string;
  title: string;
  brandName: string;
  platform: Platform;
  channelName: string;
  scheduledAt: Date;
  postState: PostState;
  targetState: TargetState;
};

export type ManagerFailureItem = {
  targetId: string;
  postId: string;
  title: string;
  brandName: string;
  platform: Platform;
  channelName: string;
  targetState: TargetState;
  scheduledAt: Date | null;
  attempts: number | null;
  /** The connector's failure code (translated on the page); lastError is the raw detail for IT. */
  errorCode: string | null;
  lastError: string | null;
};

export type ManagerOverview = {
  generatedAt: Date;
  pipeline: Record<PostState, number>;
  awaitingFinal: { count: number; items: ManagerPostItem[] };
  upcomingSlots: { count: number; items: ManagerSlotItem[] };
  overdueReviews: { count: number; items: ManagerOverdueItem[] };
  failures: { count: number; items: ManagerFailureItem[] };
  crisis: {
    activeCount: number;
    latest: { reason: string; scope: "all" | "brand" | "channel"; startedAt: Date } | null;
    lastEnded: { reason: string; endedAt: Date } | null;
  };
  inboxSlaBreached: number;
};

export const UPCOMING_WINDOW_HOURS = 48;
/** Target states that still lead to a publication in a slot. */
const UPCOMING_TARGET_STATES = ["pending", "scheduled", "held", "publishing"] as const;
const FAILURE_TARGET_STATES = ["needs_human_check", "failed"] as const;
const LIST_LIMIT = 6;

/** workspace.manager — company-wide: the pipeline, what waits on the manager, and what is at risk. */
export async function getManagerOverview(viewer: Viewer): Promise<ManagerOverview> {
  authorize(viewer, "workspace.manager");
  const now = new Date();
  const windowEnd = new Date(now.getTime() + UPCOMING_WINDOW_HOURS * HOUR_MS);

  const postItem = {
    postId: posts.id,
    title: posts.title,
    state: posts.state,
    brandName: brands.name,
    riskScore: posts.riskScore,
    scheduledAt: posts.scheduledAt,
    since: posts.updatedAt,
  };
  const upcomingWhere = and(
    gt(postTargets.scheduledAt, now),
    lte(postTargets.scheduledAt, windowEnd),
    inArray(postTargets.state, [...UPCOMING_TARGET_STATES]),
    ne(posts.state, "cancelled"),
  );
  const failureWhere = inArray(postTargets.state, [...FAILURE_TARGET_STATES]);

  const [pipelineRows, awaitingFinal, upcoming, [upcomingCount], openStages, failures, [failureCount], crises, [lastEnded], [breached]] =
    await Promise.all([
      db.select({ state: posts.state, n: count() }).from(posts).groupBy(posts.state),
      db
        .select(postItem)
        .from(posts)
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .where(eq(posts.state, "final_review"))
        .orderBy(asc(posts.updatedAt))
        .limit(LIST_LIMIT),
      db
        .select({
          targetId: postTargets.id,
          postId: posts.id,
          title: posts.title,
          brandName: brands.name,
          platform: channels.platform,
          channelName: channels.displayName,
          scheduledAt: postTargets.scheduledAt,
          postState: posts.state,
          targetState: postTargets.state,
        })
        .from(postTargets)
        .innerJoin(posts, eq(posts.id, postTargets.postId))
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .innerJoin(channels, eq(channels.id, postTargets.channelId))
        .where(upcomingWhere)
        .orderBy(asc(postTargets.scheduledAt), asc(channels.platform))
        .limit(8),
      db.select({ n: count() }).from(postTargets).innerJoin(posts, eq(posts.id, postTargets.postId)).where(upcomingWhere),
      // Overdue reviews: every open stage past its due time (derived from the slot and when it opened).
      loadOpenStages(db, { now }),
      db
        .select({
          targetId: postTargets.id,
          postId: posts.id,
          title: posts.title,
          brandName: brands.name,
          platform: channels.platform,
          channelName: channels.displayName,
          targetState: postTargets.state,
          scheduledAt: postTargets.scheduledAt,
          attempts: publications.attempts,
          errorCode: publications.errorCode,
          lastError: publications.lastError,
        })
        .from(postTargets)
        .innerJoin(posts, eq(posts.id, postTargets.postId))
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .innerJoin(channels, eq(channels.id, postTargets.channelId))
        .leftJoin(publications, eq(publications.targetId, postTargets.id))
        .where(failureWhere)
        .orderBy(desc(postTargets.scheduledAt))
        .limit(LIST_LIMIT),
      db.select({ n: count() }).from(postTargets).where(failureWhere),
      db
        .select({ reason: crisisStates.reason, scope: crisisStates.scope, startedAt: crisisStates.startedAt })
        .from(crisisStates)
        .where(isNull(crisisStates.endedAt))
        .orderBy(desc(crisisStates.startedAt)),
      db
        .select({ reason: crisisStates.reason, endedAt: crisisStates.endedAt })
        .from(crisisStates)
        .where(isNotNull(crisisStates.endedAt))
        .orderBy(desc(crisisStates.endedAt))
        .limit(1),
      db.select({ n: count() }).from(inboxItems).where(slaBreachedWhere(now)),
    ]);

  const overdueStages = openStages.filter((o) => o.dueStatus === "overdue");
  const shown = overdueStages.slice(0, LIST_LIMIT);
  const details = shown.length
    ? await db
        .select({ postId: posts.id, state: posts.state, brandName: brands.name, riskScore: posts.riskScore })
        .from(posts)
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .where(inArray(posts.id, [...new Set(shown.map((o) => o.postId))]))
    : [];
  const detailOf = new Map(details.map((d) => [d.postId, d]));
  const overdueItems: ManagerOverdueItem[] = shown.flatMap((o) => {
    const d = detailOf.get(o.postId);
    return d
      ? [{ postId: o.postId, title: o.title, state: d.state, brandName: d.brandName, riskScore: d.riskScore, scheduledAt: o.scheduledAt, since: o.openedAt, stage: o.stage, dueAt: o.dueAt, escalated: !!o.escalatedAt }]
      : [];
  });

  const pipeline = Object.fromEntries(POST_STATES.map((s) => [s, 0])) as Record<PostState, number>;
  for (const r of pipelineRows) pipeline[r.state] = r.n;

  return {
    generatedAt: now,
    pipeline,
    awaitingFinal: { count: pipeline.final_review, items: awaitingFinal },
    // The WHERE clause guarantees a slot; the type cannot know it.
    upcomingSlots: { count: upcomingCount?.n ?? 0, items: upcoming.map((u) => ({ ...u, scheduledAt: u.scheduledAt! })) },
    overdueReviews: { count: overdueStages.length, items: overdueItems },
    failures: { count: failureCount?.n ?? 0, items: failures },
    crisis: {
      activeCount: crises.length,
      latest: crises[0] ?? null,
      lastEnded: lastEnded?.endedAt ? { reason: lastEnded.reason, endedAt: lastEnded.endedAt } : null,
    },
    inboxSlaBreached: breached?.n ?? 0,
  };
}

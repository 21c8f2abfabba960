import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, ne } from "drizzle-orm";
import { db } from "@/db";
import { brands, channels, crisisStates, inboxItems, postTargets, posts, publications, POST_STATES, type TARGET_STATES } from "@/db/schema";
import { authorize, type Viewer } from "./viewer";
import { HOUR_MS, REVIEW_SLA_HOURS, slaBreachedWhere } from "./overview-common";

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
  lastError: string | null;
};

export type ManagerOverview = {
  generatedAt: Date;
  pipeline: Record<PostState, number>;
  awaitingFinal: { count: number; items: ManagerPostItem[] };
  upcomingSlots: { count: number; items: ManagerSlotItem[] };
  overdueReviews: { count: number; items: ManagerPostItem[] };
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
const REVIEW_STATES = ["in_review", "final_review"] as const;
const FAILURE_TARGET_STATES = ["needs_human_check", "failed"] as const;
const LIST_LIMIT = 6;

/** workspace.manager — company-wide: the pipeline, what waits on the manager, and what is at risk. */
export async function getManagerOverview(viewer: Viewer): Promise<ManagerOverview> {
  authorize(viewer, "workspace.manager");
  const now = new Date();
  const windowEnd = new Date(now.getTime() + UPCOMING_WINDOW_HOURS * HOUR_MS);
  const reviewDeadline = new Date(now.getTime() - REVIEW_SLA_HOURS * HOUR_MS);

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
  const overdueWhere = and(inArray(posts.state, [...REVIEW_STATES]), lt(posts.updatedAt, reviewDeadline));
  const failureWhere = inArray(postTargets.state, [...FAILURE_TARGET_STATES]);

  const [pipelineRows, awaitingFinal, upcoming, [upcomingCount], overdue, [overdueCount], failures, [failureCount], crises, [lastEnded], [breached]] =
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
      db
        .select(postItem)
        .from(posts)
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .where(overdueWhere)
        .orderBy(asc(posts.updatedAt))
        .limit(LIST_LIMIT),
      db.select({ n: count() }).from(posts).where(overdueWhere),
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

  const pipeline = Object.fromEntries(POST_STATES.map((s) => [s, 0])) as Record<PostState, number>;
  for (const r of pipelineRows) pipeline[r.state] = r.n;

  return {
    generatedAt: now,
    pipeline,
    awaitingFinal: { count: pipeline.final_review, items: awaitingFinal },
    // The WHERE clause guarantees a slot; the type cannot know it.
    upcomingSlots: { count: upcomingCount?.n ?? 0, items: upcoming.map((u) => ({ ...u, scheduledAt: u.scheduledAt! })) },
    overdueReviews: { count: overdueCount?.n ?? 0, items: overdue },
    failures: { count: failureCount?.n ?? 0, items: failures },
    crisis: {
      activeCount: crises.length,
      latest: crises[0] ?? null,
      lastEnded: lastEnded?.endedAt ? { reason: lastEnded.reason, endedAt: lastEnded.endedAt } : null,
    },
    inboxSlaBreached: breached?.n ?? 0,
  };
}

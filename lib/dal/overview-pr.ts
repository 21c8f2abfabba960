import "server-only";
import { and, asc, count, desc, eq, gt, gte, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { blackoutWindows, brands, channels, escalations, inboxItems, postTargets, posts, publications, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { authorize, type Viewer } from "./viewer";
import { DAY_MS, inboxExcerpt } from "./overview-common";

type Post = typeof posts.$inferSelect;
type Item = typeof inboxItems.$inferSelect;
type Platform = (typeof channels.$inferSelect)["platform"];

export type PrReviewItem = {
  postId: string;
  title: string;
  kind: Post["kind"];
  brandName: string;
  authorName: string | null;
  riskScore: number;
  isCommercial: boolean;
  requiresLegal: boolean;
  scheduledAt: Date | null;
  submittedAt: Date;
};

export type PrEscalationItem = {
  escalationId: string;
  reason: string;
  escalatedAt: Date;
  escalatedByName: string | null;
  itemId: string;
  kind: Item["kind"];
  platform: Platform;
  channelName: string;
  brandName: string;
  sentiment: Item["sentiment"];
  riskScore: number;
  status: Item["status"];
  excerpt: string | null;
};

export type PrBlackoutItem = { id: string; reason: string; brandName: string | null; startsAt: Date; endsAt: Date; isActive: boolean };

export type PrPublishedItem = {
  postId: string;
  title: string;
  kind: Post["kind"];
  brandName: string;
  publishedAt: Date;
  platforms: Platform[];
  hasCorrection: boolean;
};

export type PrOverview = {
  generatedAt: Date;
  counts: { awaitingPr: number; escalated: number; blackouts: number; recentPublished: number };
  awaitingPr: PrReviewItem[];
  escalations: PrEscalationItem[];
  blackouts: PrBlackoutItem[];
  recentPublished: PrPublishedItem[];
};

export const RECENT_PUBLISHED_DAYS = 14;

/** workspace.pr — company-wide: posts awaiting PR on their current revision, open PR escalations, blackouts, recent publications. */
export async function getPrOverview(viewer: Viewer): Promise<PrOverview> {
  authorize(viewer, "workspace.pr");
  const now = new Date();
  const recentFrom = new Date(now.getTime() - RECENT_PUBLISHED_DAYS * DAY_MS);

  // In review, and no live PR decision bound to the current revision yet.
  const awaitingWhere = and(
    eq(posts.state, "in_review"),
    sql`not exists (select 1 from approvals a where a.revision_id = ${posts.currentRevisionId} and a.stage = 'pr' and a.voided_at is null)`,
  );
  const escalationWhere = and(eq(escalations.toRole, "pr"), isNull(escalations.resolvedAt));
  const blackoutWhere = gt(blackoutWindows.endsAt, now);
  const publishedAt = sql<Date>`max(${publications.publishedAt})`;
  const recentWhere = and(eq(posts.state, "published"), eq(publications.state, "published"), gte(publications.publishedAt, recentFrom));

  const [awaiting, [awaitingCount], escalated, [escalatedCount], blackouts, recent, [recentCount]] = await Promise.all([
    db
      .select({
        postId: posts.id,
        title: posts.title,
        kind: posts.kind,
        brandName: brands.name,
        authorName: users.name,
        riskScore: posts.riskScore,
        isCommercial: posts.isCommercial,
        requiresLegal: posts.requiresLegal,
        scheduledAt: posts.scheduledAt,
        submittedAt: posts.updatedAt,
      })
      .from(posts)
      .innerJoin(brands, eq(brands.id, posts.brandId))
      .leftJoin(users, eq(users.id, posts.authorId))
      .where(awaitingWhere)
      .orderBy(sql`${posts.scheduledAt} asc nulls last`, asc(posts.updatedAt))
      .limit(6),
    db.select({ n: count() }).from(posts).where(awaitingWhere),
    db
      .select({
        escalationId: escalations.id,
        reason: escalations.reason,
        escalatedAt: escalations.createdAt,
        escalatedByName: users.name,
        itemId: inboxItems.id,
        kind: inboxItems.kind,
        platform: inboxItems.platform,
        channelName: channels.displayName,
        brandName: brands.name,
        sentiment: inboxItems.sentiment,
        riskScore: inboxItems.riskScore,
        status: inboxItems.status,
        excerpt: inboxExcerpt(can(viewer, "inbox.read_dm")),
      })
      .from(escalations)
      .innerJoin(inboxItems, eq(inboxItems.id, escalations.inboxItemId))
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .leftJoin(users, eq(users.id, escalations.createdById))
      .where(escalationWhere)
      .orderBy(desc(inboxItems.riskScore), asc(escalations.createdAt))
      .limit(6),
    db.select({ n: count() }).from(escalations).where(escalationWhere),
    db
      .select({
        id: blackoutWindows.id,
        reason: blackoutWindows.reason,
        brandName: brands.name,
        startsAt: blackoutWindows.startsAt,
        endsAt: blackoutWindows.endsAt,
      })
      .from(blackoutWindows)
      .leftJoin(brands, eq(brands.id, blackoutWindows.brandId))
      .where(blackoutWhere)
      .orderBy(asc(blackoutWindows.startsAt)),
    db
      .select({
        postId: posts.id,
        title: posts.title,
        kind: posts.kind,
        brandName: brands.name,
        publishedAt,
        platforms: sql<Platform[]>`array_agg(distinct ${channels.platform}::text)`,
        hasCorrection: sql<boolean>`exists (select 1 from corrections c where c.original_post_id = ${posts.id})`,
      })
      .from(posts)
      .innerJoin(brands, eq(brands.id, posts.brandId))
      .innerJoin(postTargets, eq(postTargets.postId, posts.id))
      .innerJoin(channels, eq(channels.id, postTargets.channelId))
      .innerJoin(publications, eq(publications.targetId, postTargets.id))
      .where(recentWhere)
      .groupBy(posts.id, brands.name)
      .orderBy(desc(publishedAt))
      .limit(6),
    db
      .select({ n: sql<number>`count(distinct ${posts.id})::int` })
      .from(posts)
      .innerJoin(postTargets, eq(postTargets.postId, posts.id))
      .innerJoin(publications, eq(publications.targetId, postTargets.id))
      .where(recentWhere),
  ]);

  return {
    generatedAt: now,
    counts: {
      awaitingPr: awaitingCount?.n ?? 0,
      escalated: escalatedCount?.n ?? 0,
      blackouts: blackouts.length,
      recentPublished: recentCount?.n ?? 0,
    },
    awaitingPr: awaiting,
    escalations: escalated,
    blackouts: blackouts.map((b) => ({ ...b, isActive: b.startsAt <= now })),
    // max() over a timestamptz comes back as a string from a raw aggregate.
    recentPublished: recent.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt) })),
  };
}

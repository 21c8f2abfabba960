import "server-only";
import { and, asc, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { analyticsPostTotals, brands, channels, postMetricsDaily, postRevisions, posts, postTargets, publications } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { eachDay, type AnalyticsFilter } from "@/lib/domain/analytics-filters";
import { authorize, type Viewer } from "./viewer";

/*
 * Post performance for the analytics workspace: published posts with their metrics (public data
 * only: the post's title, network, public link and numbers — never an inbox message or a person's
 * handle). Reads the post×channel totals rollup (analytics_post_totals) for the table and the raw
 * daily rows of one post for its curve. Requires analytics.read; company-wide, narrowed by the
 * filter's brand and channel.
 */

type Platform = (typeof channels.$inferSelect)["platform"];

export const POST_SORTS = ["firstDay", "impressions", "reach", "engagements", "engagementRate", "clicks", "videoViews"] as const;
export type PostSort = (typeof POST_SORTS)[number];
export const POST_PAGE_SIZE = 25;
export const MAX_POST_PAGE_SIZE = 200;

export const postTableQuerySchema = z.object({
  sort: z.enum(POST_SORTS).catch("engagements"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type PostTableQuery = z.infer<typeof postTableQuerySchema>;

export type PostPerformanceRow = {
  postId: string;
  channelId: string;
  title: string;
  brandId: string;
  brandName: string;
  platform: Platform;
  channelName: string;
  /** The first Tokyo day with metrics (the day it went out, for all practical purposes). */
  firstDay: string;
  publishedAt: Date | null;
  externalUrl: string | null;
  impressions: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  engagements: number;
  /** Engagements ÷ impressions in percent, one decimal; null without impressions. */
  engagementRate: number | null;
  clicks: number;
  videoViews: number;
};

export type PostPerformancePage = { rows: PostPerformanceRow[]; total: number; page: number; pageSize: number; pages: number };

const pt = analyticsPostTotals;
const rateSql = sql<number | null>`round(${pt.engagements}::numeric * 100 / nullif(${pt.impressions}, 0), 1)`;

function scopeWhere(filter: AnalyticsFilter): SQL {
  return and(
    gte(pt.firstDay, filter.from),
    lte(pt.firstDay, filter.to),
    filter.brandId ? eq(pt.brandId, filter.brandId) : undefined,
    filter.channelId ? eq(pt.channelId, filter.channelId) : undefined,
  )!;
}

const SORT_SQL: Record<PostSort, SQL> = {
  firstDay: sql`${pt.firstDay}`,
  impressions: sql`${pt.impressions}`,
  reach: sql`${pt.reach}`,
  engagements: sql`${pt.engagements}`,
  engagementRate: sql`${pt.engagements}::numeric / nullif(${pt.impressions}, 0)`,
  clicks: sql`${pt.clicks}`,
  videoViews: sql`${pt.videoViews}`,
};

function selectRows() {
  return db
    .select({
      postId: pt.postId,
      channelId: pt.channelId,
      title: posts.title,
      brandId: pt.brandId,
      brandName: brands.name,
      platform: channels.platform,
      channelName: channels.displayName,
      firstDay: pt.firstDay,
      publishedAt: publications.publishedAt,
      externalUrl: publications.externalUrl,
      impressions: pt.impressions,
      reach: pt.reach,
      likes: pt.likes,
      comments: pt.comments,
      shares: pt.shares,
      saves: pt.saves,
      engagements: pt.engagements,
      engagementRate: rateSql.mapWith((v) => (v === null ? null : Number(v))),
      clicks: pt.clicks,
      videoViews: pt.videoViews,
    })
    .from(pt)
    .innerJoin(posts, eq(posts.id, pt.postId))
    .innerJoin(brands, eq(brands.id, pt.brandId))
    .innerJoin(channels, eq(channels.id, pt.channelId))
    .leftJoin(postTargets, and(eq(postTargets.postId, pt.postId), eq(postTargets.channelId, pt.channelId)))
    .leftJoin(publications, eq(publications.targetId, postTargets.id));
}

/**
 * analytics.read — posts that went out in the filter's range (first day with metrics in range),
 * with their lifetime totals on each channel; one row per post and channel, sorted and paged.
 */
export async function listPostPerformance(viewer: Viewer, filter: AnalyticsFilter, query: Partial<PostTableQuery> = {}, pageSize = POST_PAGE_SIZE): Promise<PostPerformancePage> {
  authorize(viewer, "analytics.read");
  const q = postTableQuerySchema.parse(query);
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), MAX_POST_PAGE_SIZE);
  const where = scopeWhere(filter);
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(pt).where(where)) as [{ total: number }];
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(q.page, pages);
  const order = q.dir === "asc" ? sql`${SORT_SQL[q.sort]} asc nulls first` : sql`${SORT_SQL[q.sort]} desc nulls last`;
  const rows = await selectRows()
    .where(where)
    .orderBy(order, asc(pt.postId), asc(pt.channelId))
    .limit(size)
    .offset((page - 1) * size);
  return { rows, total, page, pageSize: size, pages };
}

/** The same rows as the table, every page, in batches (for the CSV export). Internal to the DAL. */
export async function* postPerformanceBatches(filter: AnalyticsFilter, query: Partial<PostTableQuery>, batch = 1000): AsyncGenerator<PostPerformanceRow[]> {
  const q = postTableQuerySchema.parse(query);
  const order = q.dir === "asc" ? sql`${SORT_SQL[q.sort]} asc nulls first` : sql`${SORT_SQL[q.sort]} desc nulls last`;
  for (let offset = 0; ; offset += batch) {
    const rows = await selectRows()
      .where(scopeWhere(filter))
      .orderBy(order, asc(pt.postId), asc(pt.channelId))
      .limit(batch)
      .offset(offset);
    if (rows.length) yield rows;
    if (rows.length < batch) return;
  }
}

export async function countPostPerformance(filter: AnalyticsFilter): Promise<number> {
  const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(pt).where(scopeWhere(filter));
  return row?.total ?? 0;
}

export type PostCurvePoint = { day: string; impressions: number; reach: number; engagements: number; clicks: number; videoViews: number };

export type PostPerformanceDetail = {
  postId: string;
  title: string;
  brandName: string;
  /** The published text per network (public once published). */
  channels: {
    channelId: string;
    platform: Platform;
    channelName: string;
    publishedAt: Date | null;
    externalUrl: string | null;
    text: string | null;
    totals: Omit<PostPerformanceRow, "postId" | "channelId" | "title" | "brandId" | "brandName" | "platform" | "channelName" | "publishedAt" | "externalUrl"> | null;
  }[];
  /** One point per Tokyo day from the first to the last day with metrics (gaps filled with 0, `missing` lists them). */
  curve: PostCurvePoint[];
  missingDays: string[];
  /** Per channel and day (for the data table under the chart). */
  daily: (PostCurvePoint & { channelId: string })[];
};

const uuidSchema = z.uuid();

/**
 * analytics.read — one published post: its channels (public link and text), totals and its
 * daily curve. A post with no published target is NOT_FOUND (drafts are not analytics' business).
 */
export async function getPostPerformance(viewer: Viewer, postId: string): Promise<PostPerformanceDetail> {
  authorize(viewer, "analytics.read");
  if (!uuidSchema.safeParse(postId).success) throw new AppError("NOT_FOUND");
  const targets = await db
    .select({
      postId: posts.id,
      title: posts.title,
      brandName: brands.name,
      channelId: channels.id,
      platform: channels.platform,
      channelName: channels.displayName,
      publishedAt: publications.publishedAt,
      externalUrl: publications.externalUrl,
      content: postRevisions.content,
    })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .leftJoin(publications, eq(publications.targetId, postTargets.id))
    .leftJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
    .where(and(eq(postTargets.postId, postId), eq(postTargets.state, "published")))
    .orderBy(asc(channels.platform), asc(channels.displayName));
  if (targets.length === 0) throw new AppError("NOT_FOUND");

  const [totals, dailyRows] = await Promise.all([
    db
      .select({
        channelId: pt.channelId,
        firstDay: pt.firstDay,
        impressions: pt.impressions,
        reach: pt.reach,
        likes: pt.likes,
        comments: pt.comments,
        shares: pt.shares,
        saves: pt.saves,
        engagements: pt.engagements,
        engagementRate: rateSql.mapWith((v) => (v === null ? null : Number(v))),
        clicks: pt.clicks,
        videoViews: pt.videoViews,
      })
      .from(pt)
      .where(eq(pt.postId, postId)),
    db
      .select({
        channelId: postMetricsDaily.channelId,
        day: postMetricsDaily.day,
        impressions: postMetricsDaily.impressions,
        reach: postMetricsDaily.reach,
        engagements: sql<number>`(${postMetricsDaily.likes} + ${postMetricsDaily.comments} + ${postMetricsDaily.shares} + ${postMetricsDaily.saves})::int`.mapWith(Number),
        clicks: postMetricsDaily.clicks,
        videoViews: postMetricsDaily.videoViews,
      })
      .from(postMetricsDaily)
      .where(eq(postMetricsDaily.postId, postId))
      .orderBy(asc(postMetricsDaily.day), asc(postMetricsDaily.channelId)),
  ]);

  const byDay = new Map<string, PostCurvePoint>();
  for (const r of dailyRows) {
    const p = byDay.get(r.day) ?? { day: r.day, impressions: 0, reach: 0, engagements: 0, clicks: 0, videoViews: 0 };
    p.impressions += r.impressions;
    p.reach += r.reach;
    p.engagements += r.engagements;
    p.clicks += r.clicks;
    p.videoViews += r.videoViews;
    byDay.set(r.day, p);
  }
  const days = dailyRows.length ? eachDay(dailyRows[0]!.day, dailyRows.at(-1)!.day) : [];
  const missingDays = days.filter((d) => !byDay.has(d));
  const curve = days.map((d) => byDay.get(d) ?? { day: d, impressions: 0, reach: 0, engagements: 0, clicks: 0, videoViews: 0 });

  const totalsOf = new Map(totals.map(({ channelId, ...rest }) => [channelId, rest]));
  const first = targets[0]!;
  return {
    postId: first.postId,
    title: first.title,
    brandName: first.brandName,
    channels: targets.map((t) => ({
      channelId: t.channelId,
      platform: t.platform,
      channelName: t.channelName,
      publishedAt: t.publishedAt,
      externalUrl: t.externalUrl,
      text: variantText(t.content, t.channelId),
      totals: totalsOf.get(t.channelId) ?? null,
    })),
    curve,
    missingDays,
    daily: dailyRows,
  };
}

function variantText(content: unknown, channelId: string): string | null {
  const variants = (content as { variants?: { channelId?: string; text?: string }[] } | null)?.variants;
  const v = Array.isArray(variants) ? variants.find((x) => x?.channelId === channelId) : undefined;
  return typeof v?.text === "string" ? v.text : null;
}

export type AnalyticsFilterOptions = {
  brands: { id: string; name: string; color: string }[];
  channels: { id: string; brandId: string; platform: Platform; name: string }[];
};

/** analytics.read — the brands and channels the filters offer (our own accounts only). */
export async function getAnalyticsFilterOptions(viewer: Viewer): Promise<AnalyticsFilterOptions> {
  authorize(viewer, "analytics.read");
  const [b, c] = await Promise.all([
    db.select({ id: brands.id, name: brands.name, color: brands.color }).from(brands).orderBy(asc(brands.createdAt), asc(brands.slug)),
    db
      .select({ id: channels.id, brandId: channels.brandId, platform: channels.platform, name: channels.displayName })
      .from(channels)
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .orderBy(asc(brands.createdAt), asc(brands.slug), asc(channels.platform), desc(channels.displayName)),
  ]);
  return { brands: b, channels: c };
}

import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { AppError } from "@/lib/errors";
import { addDays, dayDiff, eachDay, tokyoDayStart } from "@/lib/domain/analytics-filters";
import { authorize, type Viewer } from "./viewer";

/*
 * Analytics reads for the /analytics workspace: the overview (a period against the one before)
 * and trends (a metric per channel per day, with annotations). They read ONLY the rollups kept
 * by the pipeline (analytics_channel_daily, analytics_post_totals, analytics_pulls) — never the
 * raw daily rows — and only aggregates and public post data: no inbox text, no author, no handle
 * of a person. Requires analytics.read (data analyst, social media manager). Days are Asia/Tokyo
 * calendar days, inclusive on both ends.
 */

type Platform = "x" | "instagram" | "facebook" | "line" | "tiktok" | "youtube";

/** The longest range one call may ask for (a year and a day). */
export const MAX_ANALYTICS_DAYS = 366;
/** The most channels one trends call may plot. */
export const MAX_TREND_CHANNELS = 20;
/** Big-post annotations per trends call. */
export const BIG_POSTS_LIMIT = 5;

export const TREND_METRICS = [
  "impressions",
  "reach",
  "engagements",
  "engagementRate",
  "likes",
  "comments",
  "shares",
  "saves",
  "clicks",
  "videoViews",
  "posts",
  "followers",
  "followerGrowth",
  "mentions",
  "positive",
  "neutral",
  "negative",
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

// ── DTOs ──

export type Sentiment = { positive: number; neutral: number; negative: number };

/** One period's totals. Counts are sums over the period's days. */
export type AnalyticsTotals = {
  impressions: number;
  reach: number;
  /** likes + comments + shares + saves */
  engagements: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  videoViews: number;
  /** Post-days with metrics (a post counted once per day it earned something). */
  postDays: number;
  /** Engagements ÷ impressions in percent, one decimal; null without impressions. */
  engagementRate: number | null;
  /** Followers at the end of the day before the period (or its first reported day); null when never reported. */
  followersStart: number | null;
  /** Followers at the end of the period's last reported day. */
  followersEnd: number | null;
  followerGrowth: number | null;
  /** Inbound items (comments, mentions, DMs, reviews) received — counts only. */
  inbound: number;
  mentions: number;
  sentiment: Sentiment;
};

/** Relative change current vs previous, in percent (one decimal); null when the previous is 0 or missing. */
export type AnalyticsChange = {
  impressions: number | null;
  reach: number | null;
  engagements: number | null;
  clicks: number | null;
  videoViews: number | null;
  mentions: number | null;
  /** Percentage points (current rate − previous rate). */
  engagementRate: number | null;
  /** Absolute difference of the two periods' follower growth. */
  followerGrowth: number | null;
};

export type AnalyticsComparison = { current: AnalyticsTotals; previous: AnalyticsTotals; change: AnalyticsChange };

export type OverviewInput = { from: string; to: string; brandId?: string | null; channelId?: string | null };

export type OverviewDay = {
  day: string;
  impressions: number;
  reach: number;
  engagements: number;
  engagementRate: number | null;
  clicks: number;
  videoViews: number;
  /** Σ followers of the channels that reported that day; null when none did. */
  followers: number | null;
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  /** false when no channel in scope has a rollup row for the day (not pulled yet). */
  hasData: boolean;
};

export type AnalyticsOverviewResult = {
  range: { from: string; to: string; days: number; previousFrom: string; previousTo: string };
  filter: { brandId: string | null; channelId: string | null };
  totals: AnalyticsComparison;
  byBrand: ({ brandId: string; brandName: string; brandNameEn: string; color: string } & AnalyticsComparison)[];
  byChannel: ({ channelId: string; brandId: string; brandName: string; platform: Platform; channelName: string; handle: string; status: string } & AnalyticsComparison)[];
  /** Every day of the current period, in order (gaps filled with hasData=false). */
  daily: OverviewDay[];
  /** Every day of the previous period, aligned index by index with `daily`. */
  previousDaily: OverviewDay[];
  /** How complete the data is: channel-days pulled vs expected in the current period. */
  coverage: { channelDaysExpected: number; channelDaysPulled: number; lastPulledAt: Date | null };
};

export type TrendsInput = { from: string; to: string; channelIds: string[]; metric: TrendMetric };

export type TrendPoint = { day: string; value: number | null };

export type TrendAnnotation =
  | {
      kind: "crisis";
      id: string;
      scope: "all" | "brand" | "channel";
      brandId: string | null;
      channelId: string | null;
      /** Tokyo days the crisis covered within the range (clipped); `ongoing` when it has not ended. */
      fromDay: string;
      toDay: string;
      startedAt: Date;
      endedAt: Date | null;
      ongoing: boolean;
    }
  | {
      kind: "big_post";
      postId: string;
      channelId: string;
      title: string;
      /** The post's first Tokyo day with metrics. */
      day: string;
      impressions: number;
      engagements: number;
    };

export type AnalyticsTrendsResult = {
  metric: TrendMetric;
  range: { from: string; to: string; days: number };
  series: { channelId: string; brandId: string; brandName: string; platform: Platform; channelName: string; points: TrendPoint[] }[];
  annotations: TrendAnnotation[];
};

// ── input ──

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const rangeSchema = z
  .object({ from: isoDay, to: isoDay })
  .refine((r) => dayDiff(r.from, r.to) >= 0, { path: ["to"], message: "beforeFrom" })
  .refine((r) => dayDiff(r.from, r.to) < MAX_ANALYTICS_DAYS, { path: ["from"], message: "tooLong" });

const overviewSchema = z.intersection(rangeSchema, z.object({ brandId: z.uuid().nullish(), channelId: z.uuid().nullish() }));
const trendsSchema = z.intersection(
  rangeSchema,
  z.object({ channelIds: z.array(z.uuid()).max(MAX_TREND_CHANNELS), metric: z.enum(TREND_METRICS) }),
);

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of r.error.issues) (fieldErrors[String(i.path[0] ?? "input")] ??= []).push(i.message);
    throw new AppError("VALIDATION", undefined, fieldErrors);
  }
  return r.data;
}

// ── helpers ──

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
const pctChange = (cur: number, prev: number) => (prev ? Math.round(((cur - prev) / prev) * 1000) / 10 : null);

type RawTotals = {
  impressions: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  videoViews: number;
  postDays: number;
  inbound: number;
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  followersStart: number | null;
  followersEnd: number | null;
};

const ZERO: RawTotals = {
  impressions: 0,
  reach: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  saves: 0,
  clicks: 0,
  videoViews: 0,
  postDays: 0,
  inbound: 0,
  mentions: 0,
  positive: 0,
  neutral: 0,
  negative: 0,
  followersStart: null,
  followersEnd: null,
};
const SUM_KEYS = ["impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "videoViews", "postDays", "inbound", "mentions", "positive", "neutral", "negative"] as const;

function addRaw(rows: RawTotals[]): RawTotals {
  const out: RawTotals = { ...ZERO };
  for (const r of rows) for (const k of SUM_KEYS) out[k] += r[k];
  // Followers add up over the channels that reported them.
  const fs = rows.filter((r) => r.followersStart !== null);
  const fe = rows.filter((r) => r.followersEnd !== null);
  out.followersStart = fs.length ? fs.reduce((a, r) => a + r.followersStart!, 0) : null;
  out.followersEnd = fe.length ? fe.reduce((a, r) => a + r.followersEnd!, 0) : null;
  return out;
}

function totals(r: RawTotals): AnalyticsTotals {
  const engagements = r.likes + r.comments + r.shares + r.saves;
  return {
    impressions: r.impressions,
    reach: r.reach,
    engagements,
    likes: r.likes,
    comments: r.comments,
    shares: r.shares,
    saves: r.saves,
    clicks: r.clicks,
    videoViews: r.videoViews,
    postDays: r.postDays,
    engagementRate: rate(engagements, r.impressions),
    followersStart: r.followersStart,
    followersEnd: r.followersEnd,
    followerGrowth: r.followersStart !== null && r.followersEnd !== null ? r.followersEnd - r.followersStart : null,
    inbound: r.inbound,
    mentions: r.mentions,
    sentiment: { positive: r.positive, neutral: r.neutral, negative: r.negative },
  };
}

function compare(cur: RawTotals, prev: RawTotals): AnalyticsComparison {
  const c = totals(cur);
  const p = totals(prev);
  return {
    current: c,
    previous: p,
    change: {
      impressions: pctChange(c.impressions, p.impressions),
      reach: pctChange(c.reach, p.reach),
      engagements: pctChange(c.engagements, p.engagements),
      clicks: pctChange(c.clicks, p.clicks),
      videoViews: pctChange(c.videoViews, p.videoViews),
      mentions: pctChange(c.mentions, p.mentions),
      engagementRate: c.engagementRate !== null && p.engagementRate !== null ? Math.round((c.engagementRate - p.engagementRate) * 10) / 10 : null,
      followerGrowth: c.followerGrowth !== null && p.followerGrowth !== null ? c.followerGrowth - p.followerGrowth : null,
    },
  };
}

type ChannelMeta = { channelId: string; brandId: string; brandName: string; brandNameEn: string; color: string; platform: Platform; channelName: string; handle: string; status: string };

async function channelsInScope(brandId: string | null, channelId: string | null, channelIds?: string[]): Promise<ChannelMeta[]> {
  const conds: SQL[] = [sql`true`];
  if (brandId) conds.push(sql`c.brand_id = ${brandId}`);
  if (channelId) conds.push(sql`c.id = ${channelId}`);
  if (channelIds?.length) conds.push(idIn(channelIds, "c.id"));
  const rows = await db.execute<{
    channel_id: string;
    brand_id: string;
    brand_name: string;
    brand_name_en: string;
    color: string;
    platform: Platform;
    channel_name: string;
    handle: string;
    status: string;
  }>(sql`select c.id as channel_id, b.id as brand_id, b.name as brand_name, b.name_en as brand_name_en, b.color, c.platform, c.display_name as channel_name, c.handle, c.status
    from channels c join brands b on b.id = c.brand_id
    where ${sql.join(conds, sql` and `)}
    order by b.created_at, b.slug, c.platform, c.handle`);
  return rows.map((r) => ({
    channelId: r.channel_id,
    brandId: r.brand_id,
    brandName: r.brand_name,
    brandNameEn: r.brand_name_en,
    color: r.color,
    platform: r.platform,
    channelName: r.channel_name,
    handle: r.handle,
    status: r.status,
  }));
}

/** `<column> in (...)` for ids validated as UUIDs (by zod or read from the database), so safe to inline. */
function idIn(ids: string[], column = "channel_id"): SQL {
  if (!ids.length) return sql`false`;
  return sql.raw(`${column} in (${ids.map((id) => `'${id}'`).join(",")})`);
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The per-channel comparison query over analytics_channel_daily (exported for the benchmark's floor). */
export function overviewChannelSql(ids: string[], from: string, to: string, prevFrom: string, prevTo: string): SQL {
  const cur = sql`day between ${from}::date and ${to}::date`;
  const prev = sql`day between ${prevFrom}::date and ${prevTo}::date`;
  const s = (col: string, cond: SQL) => sql`coalesce(sum(${sql.raw(col)}) filter (where ${cond}), 0)::bigint`;
  const lastF = (cond: SQL) => sql`(array_agg(followers order by day desc) filter (where followers is not null and ${cond}))[1]`;
  const firstF = (cond: SQL) => sql`(array_agg(followers order by day) filter (where followers is not null and ${cond}))[1]`;
  const cols = ["impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "video_views", "posts", "inbound", "mentions", "positive", "neutral", "negative"];
  return sql`select channel_id,
      ${sql.join(cols.map((c) => sql`${s(c, cur)} as ${sql.raw(`c_${c}`)}, ${s(c, prev)} as ${sql.raw(`p_${c}`)}`), sql`, `)},
      coalesce(${lastF(sql`day < ${from}::date`)}, ${firstF(cur)}) as c_fstart,
      ${lastF(cur)} as c_fend,
      coalesce(${lastF(sql`day < ${prevFrom}::date`)}, ${firstF(prev)}) as p_fstart,
      ${lastF(prev)} as p_fend
    from analytics_channel_daily
    where ${idIn(ids)} and day between ${addDays(prevFrom, -7)}::date and ${to}::date
    group by channel_id`;
}

/** The per-day query over analytics_channel_daily (exported for the benchmark's floor). */
export function overviewDailySql(ids: string[], from: string, to: string): SQL {
  return sql`select day::text as day, sum(impressions)::bigint as impressions, sum(reach)::bigint as reach, sum(engagements)::bigint as engagements,
      sum(clicks)::bigint as clicks, sum(video_views)::bigint as video_views, sum(followers)::bigint as followers,
      sum(mentions)::bigint as mentions, sum(positive)::bigint as positive, sum(neutral)::bigint as neutral, sum(negative)::bigint as negative
    from analytics_channel_daily
    where ${idIn(ids)} and day between ${from}::date and ${to}::date
    group by day order by day`;
}

function channelRaw(r: Record<string, unknown>, p: "c" | "p"): RawTotals {
  return {
    impressions: n(r[`${p}_impressions`]),
    reach: n(r[`${p}_reach`]),
    likes: n(r[`${p}_likes`]),
    comments: n(r[`${p}_comments`]),
    shares: n(r[`${p}_shares`]),
    saves: n(r[`${p}_saves`]),
    clicks: n(r[`${p}_clicks`]),
    videoViews: n(r[`${p}_video_views`]),
    postDays: n(r[`${p}_posts`]),
    inbound: n(r[`${p}_inbound`]),
    mentions: n(r[`${p}_mentions`]),
    positive: n(r[`${p}_positive`]),
    neutral: n(r[`${p}_neutral`]),
    negative: n(r[`${p}_negative`]),
    followersStart: nn(r[`${p}_fstart`]),
    followersEnd: nn(r[`${p}_fend`]),
  };
}

function dailySeries(days: string[], rows: Record<string, unknown>[]): OverviewDay[] {
  const byDay = new Map(rows.map((r) => [String(r.day), r]));
  return days.map((day) => {
    const r = byDay.get(day);
    const impressions = n(r?.impressions);
    const engagements = n(r?.engagements);
    return {
      day,
      impressions,
      reach: n(r?.reach),
      engagements,
      engagementRate: rate(engagements, impressions),
      clicks: n(r?.clicks),
      videoViews: n(r?.video_views),
      followers: nn(r?.followers),
      mentions: n(r?.mentions),
      positive: n(r?.positive),
      neutral: n(r?.neutral),
      negative: n(r?.negative),
      hasData: !!r,
    };
  });
}

// ── overview ──

/**
 * The overview for a range of Tokyo days against the same number of days just before it,
 * optionally narrowed to one brand or one channel. NOT_FOUND for a brand or channel that does
 * not exist (or a channel outside the brand).
 */
export async function overview(viewer: Viewer, input: OverviewInput): Promise<AnalyticsOverviewResult> {
  authorize(viewer, "analytics.read");
  const q = parse(overviewSchema, input);
  const brandId = q.brandId ?? null;
  const channelId = q.channelId ?? null;
  const days = dayDiff(q.from, q.to) + 1;
  const previousFrom = addDays(q.from, -days);
  const previousTo = addDays(q.from, -1);

  const scope = await channelsInScope(brandId, channelId);
  if ((brandId || channelId) && scope.length === 0) {
    // A brand with no channels is still a brand: look it up before calling it missing.
    if (channelId || !(await brandExists(brandId!))) throw new AppError("NOT_FOUND");
  }
  const ids = scope.map((c) => c.channelId);

  const [channelRows, dailyRows, coverageRows] = await Promise.all([
    db.execute<Record<string, unknown>>(overviewChannelSql(ids, q.from, q.to, previousFrom, previousTo)),
    db.execute<Record<string, unknown>>(overviewDailySql(ids, previousFrom, q.to)),
    db.execute<{ pulled: number; last: string | null }>(
      sql`select count(*) filter (where status = 'done')::int as pulled, max(pulled_at) as last
        from analytics_pulls where ${idIn(ids)} and day between ${q.from}::date and ${q.to}::date`,
    ),
  ]);

  const byId = new Map(channelRows.map((r) => [String(r.channel_id), r]));
  const perChannel = scope.map((c) => {
    const r = byId.get(c.channelId);
    return { meta: c, cur: r ? channelRaw(r, "c") : ZERO, prev: r ? channelRaw(r, "p") : ZERO };
  });

  const brandOrder: string[] = [];
  const byBrand = new Map<string, typeof perChannel>();
  for (const pc of perChannel) {
    if (!byBrand.has(pc.meta.brandId)) brandOrder.push(pc.meta.brandId);
    byBrand.set(pc.meta.brandId, [...(byBrand.get(pc.meta.brandId) ?? []), pc]);
  }

  const dailyAll = dailySeries(eachDay(previousFrom, q.to), dailyRows);
  const cov = coverageRows[0];
  return {
    range: { from: q.from, to: q.to, days, previousFrom, previousTo },
    filter: { brandId, channelId },
    totals: compare(addRaw(perChannel.map((p) => p.cur)), addRaw(perChannel.map((p) => p.prev))),
    byBrand: brandOrder.map((id) => {
      const rows = byBrand.get(id)!;
      const m = rows[0]!.meta;
      return { brandId: id, brandName: m.brandName, brandNameEn: m.brandNameEn, color: m.color, ...compare(addRaw(rows.map((p) => p.cur)), addRaw(rows.map((p) => p.prev))) };
    }),
    byChannel: perChannel.map(({ meta, cur, prev }) => ({
      channelId: meta.channelId,
      brandId: meta.brandId,
      brandName: meta.brandName,
      platform: meta.platform,
      channelName: meta.channelName,
      handle: meta.handle,
      status: meta.status,
      ...compare(cur, prev),
    })),
    daily: dailyAll.slice(days),
    previousDaily: dailyAll.slice(0, days),
    coverage: { channelDaysExpected: ids.length * days, channelDaysPulled: n(cov?.pulled), lastPulledAt: cov?.last ? new Date(cov.last) : null },
  };
}

async function brandExists(brandId: string): Promise<boolean> {
  const rows = await db.execute<{ id: string }>(sql`select id from brands where id = ${brandId}`);
  return rows.length > 0;
}

// ── trends ──

const METRIC_SQL: Record<TrendMetric, string> = {
  impressions: "impressions",
  reach: "reach",
  engagements: "engagements",
  engagementRate: "round(engagements::numeric * 100 / nullif(impressions, 0), 2)",
  likes: "likes",
  comments: "comments",
  shares: "shares",
  saves: "saves",
  clicks: "clicks",
  videoViews: "video_views",
  posts: "posts",
  followers: "followers",
  followerGrowth: "followers - lag(followers) over (partition by channel_id order by day)",
  mentions: "mentions",
  positive: "positive",
  neutral: "neutral",
  negative: "negative",
};

/** The trends series query over analytics_channel_daily (exported for the benchmark's floor). */
export function trendsSeriesSql(ids: string[], from: string, to: string, metric: TrendMetric): SQL {
  // followerGrowth needs the day before the range for its first point.
  const start = metric === "followerGrowth" ? addDays(from, -1) : from;
  return sql`select channel_id, day::text as day, ${sql.raw(METRIC_SQL[metric])} as value
    from analytics_channel_daily
    where ${idIn(ids)} and day between ${start}::date and ${to}::date
    order by channel_id, day`;
}

/** Big posts: the posts that went out in the range with the most engagements (analytics_post_totals). */
export function bigPostsSql(ids: string[], from: string, to: string): SQL {
  // The top rows first, then their titles: joining posts before the LIMIT looked up every post of
  // the range (tens of thousands at scale), and a cached generic plan made that a nested loop.
  return sql`select t.post_id, t.channel_id, p.title, t.first_day::text as day, t.impressions, t.engagements
    from (select post_id, channel_id, first_day, impressions, engagements from analytics_post_totals
      where ${idIn(ids, "channel_id")} and first_day between ${from}::date and ${to}::date and engagements > 0
      order by engagements desc, post_id limit ${BIG_POSTS_LIMIT}) t
    join posts p on p.id = t.post_id
    order by t.engagements desc, t.post_id`;
}

/**
 * One metric per channel per Tokyo day (null where the day was not pulled), with annotations:
 * crisis periods touching the range in scope of the channels, and the range's biggest posts.
 * An empty channelIds means every channel. NOT_FOUND when a given channel does not exist.
 */
export async function trends(viewer: Viewer, input: TrendsInput): Promise<AnalyticsTrendsResult> {
  authorize(viewer, "analytics.read");
  const q = parse(trendsSchema, input);
  const wanted = [...new Set(q.channelIds)];
  let scope = await channelsInScope(null, null, wanted.length ? wanted : undefined);
  if (wanted.length && scope.length !== wanted.length) throw new AppError("NOT_FOUND");
  if (!wanted.length) scope = scope.slice(0, MAX_TREND_CHANNELS);
  const ids = scope.map((c) => c.channelId);
  const brandIds = [...new Set(scope.map((c) => c.brandId))];
  const days = eachDay(q.from, q.to);

  const rangeStart = tokyoDayStart(q.from);
  const rangeEnd = tokyoDayStart(addDays(q.to, 1));
  const [seriesRows, postRows, crisisRows] = await Promise.all([
    db.execute<{ channel_id: string; day: string; value: string | number | null }>(trendsSeriesSql(ids, q.from, q.to, q.metric)),
    db.execute<{ post_id: string; channel_id: string; title: string; day: string; impressions: string | number; engagements: string | number }>(bigPostsSql(ids, q.from, q.to)),
    ids.length
      ? db.execute<{ id: string; scope: "all" | "brand" | "channel"; brand_id: string | null; channel_id: string | null; started_at: string; ended_at: string | null }>(
          sql`select id, scope, brand_id, channel_id, started_at, ended_at from crisis_states
            where started_at < ${rangeEnd.toISOString()}::timestamptz and (ended_at is null or ended_at >= ${rangeStart.toISOString()}::timestamptz)
              and (scope = 'all'
                or (scope = 'brand' and ${idIn(brandIds, "brand_id")})
                or (scope = 'channel' and ${idIn(ids)}))
            order by started_at`,
        )
      : Promise.resolve([]),
  ]);

  const points = new Map<string, Map<string, number | null>>();
  for (const r of seriesRows) {
    const m = points.get(r.channel_id) ?? new Map<string, number | null>();
    m.set(r.day, r.value === null ? null : Number(r.value));
    points.set(r.channel_id, m);
  }
  const tokyoDayOf = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
  const clip = (day: string) => (day < q.from ? q.from : day > q.to ? q.to : day);

  return {
    metric: q.metric,
    range: { from: q.from, to: q.to, days: days.length },
    series: scope.map((c) => ({
      channelId: c.channelId,
      brandId: c.brandId,
      brandName: c.brandName,
      platform: c.platform,
      channelName: c.channelName,
      points: days.map((day) => ({ day, value: points.get(c.channelId)?.get(day) ?? null })),
    })),
    annotations: [
      ...crisisRows.map((r): TrendAnnotation => {
        const startedAt = new Date(r.started_at);
        const endedAt = r.ended_at ? new Date(r.ended_at) : null;
        return {
          kind: "crisis",
          id: r.id,
          scope: r.scope,
          brandId: r.brand_id,
          channelId: r.channel_id,
          fromDay: clip(tokyoDayOf(startedAt)),
          toDay: clip(endedAt ? tokyoDayOf(endedAt) : q.to),
          startedAt,
          endedAt,
          ongoing: endedAt === null,
        };
      }),
      ...postRows.map(
        (r): TrendAnnotation => ({
          kind: "big_post",
          postId: r.post_id,
          channelId: r.channel_id,
          title: r.title,
          day: r.day,
          impressions: Number(r.impressions),
          engagements: Number(r.engagements),
        }),
      ),
    ],
  };
}

import "server-only";
import { and, asc, count, desc, eq, gte, lte, sql } from "drizzle-orm";
import { db } from "@/db";
import { brands, channelMetricsDaily, channels, inboxItems, postMetricsDaily, posts } from "@/db/schema";
import { authorize, type Viewer } from "./viewer";
import { DAY_MS, percent, tokyoDay } from "./overview-common";

type Platform = (typeof channels.$inferSelect)["platform"];
type Sentiment = (typeof inboxItems.$inferSelect)["sentiment"];

/** Totals of one period. Rates are percentages with one decimal; null when there is no base. */
export type PeriodMetrics = {
  impressions: number;
  reach: number;
  engagements: number;
  engagementRate: number | null;
  /** Followers at the end of the period minus the day before it began (null if a day is missing). */
  followerGrowth: number | null;
  followersEnd: number | null;
};

export type MetricsComparison = { current: PeriodMetrics; previous: PeriodMetrics };

export type AnalyticsOverview = {
  generatedAt: Date;
  /** Tokyo calendar days, inclusive. */
  period: { currentFrom: string; currentTo: string; previousFrom: string; previousTo: string };
  totals: MetricsComparison;
  byBrand: ({ brandId: string; brandName: string; color: string } & MetricsComparison)[];
  byChannel: ({ channelId: string; brandName: string; platform: Platform; channelName: string } & MetricsComparison)[];
  /** Impressions and engagements per day of the current period, all channels. */
  daily: { day: string; impressions: number; engagements: number }[];
  /** Counts only: no message text, no author. */
  inboxBySentiment: Record<Sentiment, number>;
  topPosts: { postId: string; title: string; brandName: string; impressions: number; engagements: number }[];
};

export const ANALYTICS_PERIOD_DAYS = 30;
const SENTIMENTS = ["positive", "neutral", "negative"] as const satisfies readonly Sentiment[];

type Raw = {
  impressions: number;
  reach: number;
  engagements: number;
  followersEnd: number | null;
  followersBase: number | null;
};

function toMetrics(r: Raw): PeriodMetrics {
  return {
    impressions: r.impressions,
    reach: r.reach,
    engagements: r.engagements,
    engagementRate: percent(r.engagements, r.impressions),
    followerGrowth: r.followersEnd !== null && r.followersBase !== null ? r.followersEnd - r.followersBase : null,
    followersEnd: r.followersEnd,
  };
}

function sumRaw(rows: Raw[]): Raw {
  const all = (k: "followersEnd" | "followersBase") => (rows.every((r) => r[k] !== null) ? rows.reduce((a, r) => a + r[k]!, 0) : null);
  return {
    impressions: rows.reduce((a, r) => a + r.impressions, 0),
    reach: rows.reduce((a, r) => a + r.reach, 0),
    engagements: rows.reduce((a, r) => a + r.engagements, 0),
    followersEnd: rows.length ? all("followersEnd") : null,
    followersBase: rows.length ? all("followersBase") : null,
  };
}

/** workspace.analytics — company-wide aggregates only (no message text, no authors): last 30 Tokyo days vs the 30 before. */
export async function getAnalyticsOverview(viewer: Viewer): Promise<AnalyticsOverview> {
  authorize(viewer, "workspace.analytics");
  const now = new Date();
  const n = ANALYTICS_PERIOD_DAYS;
  const period = { currentFrom: tokyoDay(now, -n), currentTo: tokyoDay(now, -1), previousFrom: tokyoDay(now, -2 * n), previousTo: tokyoDay(now, -n - 1) };
  const baseDay = tokyoDay(now, -2 * n - 1);
  const m = channelMetricsDaily;
  const inCur = sql`${m.day} between ${period.currentFrom} and ${period.currentTo}`;
  const inPrev = sql`${m.day} between ${period.previousFrom} and ${period.previousTo}`;
  const sumIf = (col: typeof m.impressions | typeof m.reach | typeof m.engagements, cond: ReturnType<typeof sql>) =>
    sql<number>`coalesce(sum(${col}) filter (where ${cond}), 0)::bigint`.mapWith(Number);
  const followersOn = (day: string) => sql<number | null>`max(${m.followers}) filter (where ${m.day} = ${day})`.mapWith((v) => (v === null ? null : Number(v)));

  const [channelRows, daily, sentimentRows, topPosts] = await Promise.all([
    db
      .select({
        channelId: channels.id,
        channelName: channels.displayName,
        platform: channels.platform,
        brandId: brands.id,
        brandName: brands.name,
        color: brands.color,
        curImpressions: sumIf(m.impressions, inCur),
        curReach: sumIf(m.reach, inCur),
        curEngagements: sumIf(m.engagements, inCur),
        prevImpressions: sumIf(m.impressions, inPrev),
        prevReach: sumIf(m.reach, inPrev),
        prevEngagements: sumIf(m.engagements, inPrev),
        followersCurEnd: followersOn(period.currentTo),
        followersPrevEnd: followersOn(period.previousTo),
        followersBase: followersOn(baseDay),
      })
      .from(channels)
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .leftJoin(m, and(eq(m.channelId, channels.id), gte(m.day, baseDay), lte(m.day, period.currentTo)))
      .groupBy(channels.id, brands.id)
      .orderBy(asc(brands.createdAt), asc(brands.slug), asc(channels.platform), asc(channels.handle)),
    db
      .select({
        day: m.day,
        impressions: sql<number>`sum(${m.impressions})::bigint`.mapWith(Number),
        engagements: sql<number>`sum(${m.engagements})::bigint`.mapWith(Number),
      })
      .from(m)
      .where(and(gte(m.day, period.currentFrom), lte(m.day, period.currentTo)))
      .groupBy(m.day)
      .orderBy(asc(m.day)),
    db
      .select({ sentiment: inboxItems.sentiment, n: count() })
      .from(inboxItems)
      .where(gte(inboxItems.receivedAt, new Date(now.getTime() - n * DAY_MS)))
      .groupBy(inboxItems.sentiment),
    (() => {
      const pm = postMetricsDaily;
      const engagements = sql<number>`sum(${pm.likes} + ${pm.comments} + ${pm.shares} + ${pm.saves})::bigint`.mapWith(Number);
      return db
        .select({
          postId: posts.id,
          title: posts.title,
          brandName: brands.name,
          impressions: sql<number>`sum(${pm.impressions})::bigint`.mapWith(Number),
          engagements,
        })
        .from(pm)
        .innerJoin(posts, eq(posts.id, pm.postId))
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .where(and(gte(pm.day, period.currentFrom), lte(pm.day, period.currentTo)))
        .groupBy(posts.id, brands.name)
        .orderBy(desc(engagements), asc(posts.id))
        .limit(5);
    })(),
  ]);

  const cur = (r: (typeof channelRows)[number]): Raw => ({
    impressions: r.curImpressions,
    reach: r.curReach,
    engagements: r.curEngagements,
    followersEnd: r.followersCurEnd,
    followersBase: r.followersPrevEnd,
  });
  const prev = (r: (typeof channelRows)[number]): Raw => ({
    impressions: r.prevImpressions,
    reach: r.prevReach,
    engagements: r.prevEngagements,
    followersEnd: r.followersPrevEnd,
    followersBase: r.followersBase,
  });

  const brandOrder: string[] = [];
  const byBrandRows = new Map<string, (typeof channelRows)[number][]>();
  for (const r of channelRows) {
    if (!byBrandRows.has(r.brandId)) brandOrder.push(r.brandId);
    byBrandRows.set(r.brandId, [...(byBrandRows.get(r.brandId) ?? []), r]);
  }

  const inboxBySentiment = Object.fromEntries(SENTIMENTS.map((s) => [s, 0])) as Record<Sentiment, number>;
  for (const r of sentimentRows) inboxBySentiment[r.sentiment] = r.n;

  return {
    generatedAt: now,
    period,
    totals: { current: toMetrics(sumRaw(channelRows.map(cur))), previous: toMetrics(sumRaw(channelRows.map(prev))) },
    byBrand: brandOrder.map((id) => {
      const rows = byBrandRows.get(id)!;
      return {
        brandId: id,
        brandName: rows[0]!.brandName,
        color: rows[0]!.color,
        current: toMetrics(sumRaw(rows.map(cur))),
        previous: toMetrics(sumRaw(rows.map(prev))),
      };
    }),
    byChannel: channelRows.map((r) => ({
      channelId: r.channelId,
      brandName: r.brandName,
      platform: r.platform,
      channelName: r.channelName,
      current: toMetrics(cur(r)),
      previous: toMetrics(prev(r)),
    })),
    daily,
    inboxBySentiment,
    topPosts,
  };
}

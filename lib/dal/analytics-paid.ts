import "server-only";
import { and, asc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { adMetricsDaily, adSets, ads, brands, campaigns, channels, spendDaily } from "@/db/schema";
import type { AnalyticsFilter } from "@/lib/domain/analytics-filters";
import { authorize, type Viewer } from "./viewer";

/*
 * Paid performance from ad campaigns (the ads workspace's tables), read-only and aggregated per
 * campaign: spend, impressions, clicks, conversions, revenue and the ratios from them. Empty when
 * no campaign ran in the period. Requires analytics.read; narrowed by the filter's brand/channel.
 */

type Platform = (typeof channels.$inferSelect)["platform"];

export type PaidTotals = {
  spendJpy: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenueJpy: number;
  /** clicks ÷ impressions, percent (2 decimals); null without impressions. */
  ctr: number | null;
  /** spend ÷ clicks, yen; null without clicks. */
  cpcJpy: number | null;
  /** spend ÷ conversions, yen; null without conversions. */
  cpaJpy: number | null;
  /** revenue ÷ spend, percent; null without spend. */
  roas: number | null;
};

export type PaidPerformance = {
  current: PaidTotals;
  previous: PaidTotals;
  campaigns: ({
    campaignId: string;
    name: string;
    brandName: string;
    platform: Platform;
    channelName: string;
    objective: string;
    status: string;
  } & PaidTotals)[];
  daily: { day: string; spendJpy: number; impressions: number; clicks: number; conversions: number }[];
};

type Raw = { spendJpy: number; impressions: number; clicks: number; conversions: number; revenueJpy: number };

export function paidTotals(r: Raw): PaidTotals {
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    ...r,
    ctr: r.impressions ? round((r.clicks / r.impressions) * 100, 2) : null,
    cpcJpy: r.clicks ? round(r.spendJpy / r.clicks, 0) : null,
    cpaJpy: r.conversions ? round(r.spendJpy / r.conversions, 0) : null,
    // No conversion value reported (non-sales objectives) → no ROAS, not "0%" (as on /ads).
    roas: r.spendJpy && r.revenueJpy ? round((r.revenueJpy / r.spendJpy) * 100, 1) : null,
  };
}

function scope(filter: AnalyticsFilter): SQL | undefined {
  return and(filter.brandId ? eq(campaigns.brandId, filter.brandId) : undefined, filter.channelId ? eq(campaigns.channelId, filter.channelId) : undefined);
}

/** Σ per campaign over [from, to]: spend and metrics come from two daily tables, summed separately. */
async function perCampaign(from: string, to: string, filter: AnalyticsFilter) {
  const spend = db
    .select({ campaignId: adSets.campaignId, spend: sql<number>`sum(${spendDaily.spendJpy})`.as("spend") })
    .from(spendDaily)
    .innerJoin(ads, eq(ads.id, spendDaily.adId))
    .innerJoin(adSets, eq(adSets.id, ads.adSetId))
    .where(and(gte(spendDaily.day, from), lte(spendDaily.day, to)))
    .groupBy(adSets.campaignId)
    .as("s");
  const metrics = db
    .select({
      campaignId: adSets.campaignId,
      impressions: sql<number>`sum(${adMetricsDaily.impressions})`.as("impressions"),
      clicks: sql<number>`sum(${adMetricsDaily.clicks})`.as("clicks"),
      conversions: sql<number>`sum(${adMetricsDaily.conversions})`.as("conversions"),
      revenue: sql<number>`sum(${adMetricsDaily.revenueJpy})`.as("revenue"),
    })
    .from(adMetricsDaily)
    .innerJoin(ads, eq(ads.id, adMetricsDaily.adId))
    .innerJoin(adSets, eq(adSets.id, ads.adSetId))
    .where(and(gte(adMetricsDaily.day, from), lte(adMetricsDaily.day, to)))
    .groupBy(adSets.campaignId)
    .as("m");
  return db
    .select({
      campaignId: campaigns.id,
      name: campaigns.name,
      brandName: brands.name,
      platform: channels.platform,
      channelName: channels.displayName,
      objective: campaigns.objective,
      status: campaigns.status,
      spendJpy: sql<number>`coalesce(${spend.spend}, 0)`.mapWith(Number),
      impressions: sql<number>`coalesce(${metrics.impressions}, 0)`.mapWith(Number),
      clicks: sql<number>`coalesce(${metrics.clicks}, 0)`.mapWith(Number),
      conversions: sql<number>`coalesce(${metrics.conversions}, 0)`.mapWith(Number),
      revenueJpy: sql<number>`coalesce(${metrics.revenue}, 0)`.mapWith(Number),
    })
    .from(campaigns)
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .innerJoin(channels, eq(channels.id, campaigns.channelId))
    .leftJoin(spend, eq(spend.campaignId, campaigns.id))
    .leftJoin(metrics, eq(metrics.campaignId, campaigns.id))
    .where(and(scope(filter), sql`(${spend.campaignId} is not null or ${metrics.campaignId} is not null)`))
    .orderBy(sql`coalesce(${spend.spend}, 0) desc`, asc(campaigns.name));
}

const sum = (rows: Raw[]): Raw => ({
  spendJpy: rows.reduce((a, r) => a + r.spendJpy, 0),
  impressions: rows.reduce((a, r) => a + r.impressions, 0),
  clicks: rows.reduce((a, r) => a + r.clicks, 0),
  conversions: rows.reduce((a, r) => a + r.conversions, 0),
  revenueJpy: rows.reduce((a, r) => a + r.revenueJpy, 0),
});

/** analytics.read — paid results per campaign for the period, with totals for it and the comparison period. */
export async function getPaidPerformance(viewer: Viewer, filter: AnalyticsFilter): Promise<PaidPerformance> {
  authorize(viewer, "analytics.read");
  const [cur, prev, spendByDay, metricsByDay] = await Promise.all([
    perCampaign(filter.from, filter.to, filter),
    perCampaign(filter.prevFrom, filter.prevTo, filter),
    db
      .select({ day: spendDaily.day, spendJpy: sql<number>`sum(${spendDaily.spendJpy})`.mapWith(Number) })
      .from(spendDaily)
      .innerJoin(ads, eq(ads.id, spendDaily.adId))
      .innerJoin(adSets, eq(adSets.id, ads.adSetId))
      .innerJoin(campaigns, eq(campaigns.id, adSets.campaignId))
      .where(and(gte(spendDaily.day, filter.from), lte(spendDaily.day, filter.to), scope(filter)))
      .groupBy(spendDaily.day),
    db
      .select({
        day: adMetricsDaily.day,
        impressions: sql<number>`sum(${adMetricsDaily.impressions})`.mapWith(Number),
        clicks: sql<number>`sum(${adMetricsDaily.clicks})`.mapWith(Number),
        conversions: sql<number>`sum(${adMetricsDaily.conversions})`.mapWith(Number),
      })
      .from(adMetricsDaily)
      .innerJoin(ads, eq(ads.id, adMetricsDaily.adId))
      .innerJoin(adSets, eq(adSets.id, ads.adSetId))
      .innerJoin(campaigns, eq(campaigns.id, adSets.campaignId))
      .where(and(gte(adMetricsDaily.day, filter.from), lte(adMetricsDaily.day, filter.to), scope(filter)))
      .groupBy(adMetricsDaily.day),
  ]);
  const days = new Map<string, PaidPerformance["daily"][number]>();
  const at = (day: string) => days.get(day) ?? days.set(day, { day, spendJpy: 0, impressions: 0, clicks: 0, conversions: 0 }).get(day)!;
  for (const r of spendByDay) at(r.day).spendJpy = r.spendJpy;
  for (const r of metricsByDay) Object.assign(at(r.day), { impressions: r.impressions, clicks: r.clicks, conversions: r.conversions });
  return {
    current: paidTotals(sum(cur)),
    previous: paidTotals(sum(prev)),
    campaigns: cur.map((c) => ({ ...c, ...paidTotals(c) })),
    daily: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

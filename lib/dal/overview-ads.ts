import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { adMetricsDaily, adSets, ads, brands, campaigns, channels, legalReviews, spendDaily, users, CAMPAIGN_STATUSES, type LEGAL_REVIEW_STATES } from "@/db/schema";
import { authorize, type Viewer } from "./viewer";
import { daysBetween, percent, tokyoDay } from "./overview-common";
import { readThreshold } from "./ads-shared";

type Campaign = typeof campaigns.$inferSelect;
type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
type Platform = (typeof channels.$inferSelect)["platform"];

export type AdsActiveCampaign = {
  id: string;
  name: string;
  brandName: string;
  platform: Platform;
  objective: Campaign["objective"];
  budgetType: Campaign["budgetType"];
  budgetJpy: number;
  startsOn: string;
  endsOn: string;
  /** The whole flight's budget (a daily budget times the flight's days). */
  totalBudgetJpy: number;
  spendToDateJpy: number;
  /** What an even spend would have used by the end of yesterday. */
  expectedToDateJpy: number;
  /** spend ÷ expected, in percent (100 = on pace). */
  pacingPct: number | null;
  /** spend ÷ total budget, in percent. */
  spentPct: number | null;
  daysElapsed: number;
  daysTotal: number;
  impressions: number;
  clicks: number;
};

export type AdsPendingApproval = {
  id: string;
  name: string;
  brandName: string;
  budgetType: Campaign["budgetType"];
  budgetJpy: number;
  totalBudgetJpy: number;
  startsOn: string;
  endsOn: string;
  createdByName: string | null;
  createdAt: Date;
  isOverThreshold: boolean;
};

export type AdsCreativeAwaitingLegal = {
  adId: string;
  adName: string;
  campaignName: string;
  brandName: string;
  reviewState: (typeof LEGAL_REVIEW_STATES)[number];
  dueAt: Date | null;
};

export type AdsOverview = {
  generatedAt: Date;
  approvalThresholdJpy: number;
  counts: { byStatus: Record<CampaignStatus, number>; pendingApprovals: number; awaitingLegal: number; spendToDateJpy: number };
  active: AdsActiveCampaign[];
  pendingApprovals: AdsPendingApproval[];
  creativesAwaitingLegal: AdsCreativeAwaitingLegal[];
};

const flightDays = (startsOn: string, endsOn: string) => daysBetween(startsOn, endsOn) + 1;
const totalBudget = (c: { budgetType: Campaign["budgetType"]; budgetJpy: number; startsOn: string; endsOn: string }) =>
  c.budgetType === "daily" ? c.budgetJpy * flightDays(c.startsOn, c.endsOn) : c.budgetJpy;

/** workspace.ads — company-wide: campaigns by status, pacing of active ones, budgets awaiting approval, creatives in legal review. */
export async function getAdsOverview(viewer: Viewer): Promise<AdsOverview> {
  authorize(viewer, "workspace.ads");
  const now = new Date();
  const yesterday = tokyoDay(now, -1);

  const spendOf = sql<number>`coalesce((
    select sum(sd.spend_jpy) from ${spendDaily} sd join ${ads} a on a.id = sd.ad_id join ${adSets} s on s.id = a.ad_set_id
    where s.campaign_id = ${campaigns.id}), 0)::bigint`.mapWith(Number);
  const metricOf = (col: "impressions" | "clicks") =>
    sql<number>`coalesce((
    select sum(md.${sql.raw(col)}) from ${adMetricsDaily} md join ${ads} a on a.id = md.ad_id join ${adSets} s on s.id = a.ad_set_id
    where s.campaign_id = ${campaigns.id}), 0)::bigint`.mapWith(Number);
  const awaitingLegalWhere = and(eq(ads.sourceKind, "creative"), inArray(legalReviews.state, ["open", "in_progress"]));

  const [threshold, statusRows, active, pending, creatives, [awaitingCount]] = await Promise.all([
    readThreshold(db),
    db.select({ status: campaigns.status, n: count() }).from(campaigns).groupBy(campaigns.status),
    db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        brandName: brands.name,
        platform: channels.platform,
        objective: campaigns.objective,
        budgetType: campaigns.budgetType,
        budgetJpy: campaigns.budgetJpy,
        startsOn: campaigns.startsOn,
        endsOn: campaigns.endsOn,
        spendToDateJpy: spendOf,
        impressions: metricOf("impressions"),
        clicks: metricOf("clicks"),
      })
      .from(campaigns)
      .innerJoin(brands, eq(brands.id, campaigns.brandId))
      .innerJoin(channels, eq(channels.id, campaigns.channelId))
      .where(eq(campaigns.status, "active"))
      .orderBy(asc(campaigns.endsOn)),
    db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        brandName: brands.name,
        budgetType: campaigns.budgetType,
        budgetJpy: campaigns.budgetJpy,
        startsOn: campaigns.startsOn,
        endsOn: campaigns.endsOn,
        createdByName: users.name,
        createdAt: campaigns.createdAt,
      })
      .from(campaigns)
      .innerJoin(brands, eq(brands.id, campaigns.brandId))
      .leftJoin(users, eq(users.id, campaigns.createdById))
      .where(eq(campaigns.status, "pending_approval"))
      .orderBy(asc(campaigns.startsOn)),
    db
      .select({
        adId: ads.id,
        adName: ads.name,
        campaignName: campaigns.name,
        brandName: brands.name,
        reviewState: legalReviews.state,
        dueAt: legalReviews.dueAt,
      })
      .from(ads)
      .innerJoin(legalReviews, eq(legalReviews.id, ads.legalReviewId))
      .innerJoin(adSets, eq(adSets.id, ads.adSetId))
      .innerJoin(campaigns, eq(campaigns.id, adSets.campaignId))
      .innerJoin(brands, eq(brands.id, campaigns.brandId))
      .where(awaitingLegalWhere)
      .orderBy(sql`${legalReviews.dueAt} asc nulls last`)
      .limit(6),
    db.select({ n: count() }).from(ads).innerJoin(legalReviews, eq(legalReviews.id, ads.legalReviewId)).where(awaitingLegalWhere),
  ]);

  const byStatus = Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, 0])) as Record<CampaignStatus, number>;
  for (const r of statusRows) byStatus[r.status] = r.n;

  const activeOut: AdsActiveCampaign[] = active.map((c) => {
    const daysTotal = flightDays(c.startsOn, c.endsOn);
    // Spend is reported per finished day, so pace against the days through yesterday.
    const daysElapsed = Math.min(daysTotal, Math.max(0, daysBetween(c.startsOn, yesterday) + 1));
    const total = totalBudget(c);
    const expected = Math.round((total * daysElapsed) / daysTotal);
    return {
      ...c,
      totalBudgetJpy: total,
      expectedToDateJpy: expected,
      pacingPct: percent(c.spendToDateJpy, expected),
      spentPct: percent(c.spendToDateJpy, total),
      daysElapsed,
      daysTotal,
    };
  });

  return {
    generatedAt: now,
    approvalThresholdJpy: threshold,
    counts: {
      byStatus,
      pendingApprovals: byStatus.pending_approval,
      awaitingLegal: awaitingCount?.n ?? 0,
      spendToDateJpy: activeOut.reduce((a, c) => a + c.spendToDateJpy, 0),
    },
    active: activeOut,
    pendingApprovals: pending.map((p) => {
      const total = totalBudget(p);
      return { ...p, totalBudgetJpy: total, isOverThreshold: total > threshold };
    }),
    creativesAwaitingLegal: creatives,
  };
}

import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { db } from "@/db";
import { adBudgetApprovals, adMetricsDaily, adRuleFirings, adRules, adSets, ads, brands, campaigns, channels, legalReviews, postRevisions, posts, spendDaily, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import {
  addDays,
  approvalCovers,
  needsBudgetApproval,
  pacing,
  plannedSpend,
  ratios,
  readTargeting,
  sumTotals,
  tokyoDayOf,
  totalBudget,
  type PacingSummary,
  type Ratios,
  type Targeting,
  type Totals,
} from "@/lib/domain/ads";
import { adsConnectorFor, type AdsSetupGap } from "@/lib/channels/ads";
import { recordAudit } from "./audit";
import { CHANNEL_REF_COLUMNS } from "./publishing";
import { ADS_ERRORS, adReadiness, parseAds, rangeSchema, readThreshold, ruleSchema, toggleRuleSchema, type AdReadiness, type RuleInput } from "./ads-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Reads of the ads workspace (ad_campaign.read: ad ops and the manager), and the automated
 * rules' definitions (ad_campaign.manage). Company-wide: every campaign is visible to readers.
 */

type Campaign = typeof campaigns.$inferSelect;

export type CampaignListItem = {
  id: string;
  name: string;
  brandName: string;
  platform: string;
  channelName: string;
  objective: Campaign["objective"];
  status: Campaign["status"];
  pausedReason: Campaign["pausedReason"];
  budgetType: Campaign["budgetType"];
  budgetJpy: number;
  totalBudgetJpy: number;
  startsOn: string;
  endsOn: string;
  spendJpy: number;
  ads: number;
  updatedAt: Date;
};

/** ad_campaign.read — every campaign, newest first, with spend to date; optional status filter. */
export async function listCampaigns(viewer: Viewer, o: { status?: string } = {}): Promise<CampaignListItem[]> {
  authorize(viewer, "ad_campaign.read");
  const statusOk = (s: string): s is Campaign["status"] => ["draft", "pending_approval", "approved", "launching", "active", "paused", "ended"].includes(s);
  const rows = await db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      brandName: brands.name,
      platform: channels.platform,
      channelName: channels.displayName,
      objective: campaigns.objective,
      status: campaigns.status,
      pausedReason: campaigns.pausedReason,
      budgetType: campaigns.budgetType,
      budgetJpy: campaigns.budgetJpy,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      updatedAt: campaigns.updatedAt,
      spendJpy: sql<number>`coalesce((select sum(sd.spend_jpy) from ${spendDaily} sd join ${ads} a on a.id = sd.ad_id join ${adSets} s on s.id = a.ad_set_id where s.campaign_id = ${campaigns.id}), 0)::bigint`.mapWith(Number),
      ads: sql<number>`(select count(*) from ${ads} a join ${adSets} s on s.id = a.ad_set_id where s.campaign_id = ${campaigns.id})::int`.mapWith(Number),
    })
    .from(campaigns)
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .innerJoin(channels, eq(channels.id, campaigns.channelId))
    .where(o.status && statusOk(o.status) ? eq(campaigns.status, o.status) : undefined)
    .orderBy(desc(campaigns.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r, totalBudgetJpy: totalBudget(r) }));
}

export type AdDto = {
  id: string;
  name: string;
  sourceKind: "boost" | "creative";
  status: string;
  pausedReason: string | null;
  postId: string | null;
  postTitle: string | null;
  revisionNumber: number | null;
  creativeText: string | null;
  creativeHeadline: string | null;
  creativeLinkUrl: string | null;
  creativeCta: string | null;
  legalState: string | null;
  readiness: AdReadiness;
  externalId: string | null;
};

export type CampaignDetail = {
  campaign: CampaignListItem & {
    channelId: string;
    brandId: string;
    connector: string;
    pacing: Campaign["pacing"];
    targeting: Targeting;
    externalId: string | null;
    lastError: string | null;
    launchedAt: Date | null;
    nextDeliveryDay: string | null;
    createdByName: string | null;
    budgetApprovedJpy: number | null;
  };
  thresholdJpy: number;
  needsApproval: boolean;
  approvalCovered: boolean;
  pendingRequest: { id: string; amountJpy: number; requestedAt: Date } | null;
  /** What the channel lacks before its network can run ads (no ad account, no token), or null. */
  adsSetupGap: AdsSetupGap | null;
  adSets: { id: string; name: string; dailyBudgetJpy: number | null; targeting: Targeting; ads: AdDto[] }[];
  firings: FiringDto[];
};

export type FiringDto = { id: string; ruleName: string; ruleKind: string; adId: string; adName: string; campaignId: string; campaignName: string; windowKey: string; actionTaken: string; observed: unknown; firedAt: Date };

async function firingsWhere(where: ReturnType<typeof eq> | undefined, limit: number): Promise<FiringDto[]> {
  return db
    .select({
      id: adRuleFirings.id,
      ruleName: adRules.name,
      ruleKind: adRules.kind,
      adId: ads.id,
      adName: ads.name,
      campaignId: campaigns.id,
      campaignName: campaigns.name,
      windowKey: adRuleFirings.windowKey,
      actionTaken: adRuleFirings.actionTaken,
      observed: adRuleFirings.observed,
      firedAt: adRuleFirings.firedAt,
    })
    .from(adRuleFirings)
    .innerJoin(adRules, eq(adRules.id, adRuleFirings.ruleId))
    .innerJoin(ads, eq(ads.id, adRuleFirings.adId))
    .innerJoin(adSets, eq(adSets.id, ads.adSetId))
    .innerJoin(campaigns, eq(campaigns.id, adSets.campaignId))
    .where(where)
    .orderBy(desc(adRuleFirings.firedAt))
    .limit(limit);
}

/** ad_campaign.read — one campaign with its ad sets, ads (and whether each may run now), approval and rule firings. */
export async function getCampaign(viewer: Viewer, campaignId: string): Promise<CampaignDetail> {
  authorize(viewer, "ad_campaign.read");
  if (!/^[0-9a-f-]{36}$/i.test(campaignId)) throw new AppError("NOT_FOUND");
  const list = await db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      brandId: campaigns.brandId,
      brandName: brands.name,
      channelId: campaigns.channelId,
      platform: channels.platform,
      channelName: channels.displayName,
      connector: channels.connector,
      objective: campaigns.objective,
      status: campaigns.status,
      pausedReason: campaigns.pausedReason,
      budgetType: campaigns.budgetType,
      budgetJpy: campaigns.budgetJpy,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      updatedAt: campaigns.updatedAt,
      pacing: campaigns.pacing,
      targeting: campaigns.targeting,
      externalId: campaigns.externalId,
      lastError: campaigns.lastError,
      launchedAt: campaigns.launchedAt,
      nextDeliveryDay: campaigns.sandboxNextDay,
      budgetApprovedJpy: campaigns.budgetApprovedJpy,
      createdByName: users.name,
      spendJpy: sql<number>`coalesce((select sum(sd.spend_jpy) from ${spendDaily} sd join ${ads} a on a.id = sd.ad_id join ${adSets} s on s.id = a.ad_set_id where s.campaign_id = ${campaigns.id}), 0)::bigint`.mapWith(Number),
      ads: sql<number>`(select count(*) from ${ads} a join ${adSets} s on s.id = a.ad_set_id where s.campaign_id = ${campaigns.id})::int`.mapWith(Number),
    })
    .from(campaigns)
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .innerJoin(channels, eq(channels.id, campaigns.channelId))
    .leftJoin(users, eq(users.id, campaigns.createdById))
    .where(eq(campaigns.id, campaignId))
    .limit(1);
  const c = list[0];
  if (!c) throw new AppError("NOT_FOUND");
  const [thresholdJpy, sets, adRows, [pending], firings, adsSetupGap] = await Promise.all([
    readThreshold(db),
    db.select().from(adSets).where(eq(adSets.campaignId, campaignId)).orderBy(asc(adSets.createdAt)),
    db
      .select({
        ad: ads,
        postId: posts.id,
        postTitle: posts.title,
        revisionNumber: postRevisions.number,
        legalState: legalReviews.state,
      })
      .from(ads)
      .innerJoin(adSets, eq(adSets.id, ads.adSetId))
      .leftJoin(postRevisions, eq(postRevisions.id, ads.postRevisionId))
      .leftJoin(posts, eq(posts.id, postRevisions.postId))
      .leftJoin(legalReviews, eq(legalReviews.id, ads.legalReviewId))
      .where(eq(adSets.campaignId, campaignId))
      .orderBy(asc(ads.createdAt)),
    db.select({ id: adBudgetApprovals.id, amountJpy: adBudgetApprovals.amountJpy, requestedAt: adBudgetApprovals.requestedAt }).from(adBudgetApprovals).where(and(eq(adBudgetApprovals.campaignId, campaignId), eq(adBudgetApprovals.state, "pending"))).limit(1),
    firingsWhere(eq(campaigns.id, campaignId), 20),
    channelSetupGap(c.channelId),
  ]);
  const readiness = await db.transaction(async (tx) => Promise.all(adRows.map((r) => adReadiness(tx, r.ad, c.brandId))));
  const total = totalBudget(c);
  const adDtos: (AdDto & { adSetId: string })[] = adRows.map((r, i) => ({
    id: r.ad.id,
    adSetId: r.ad.adSetId,
    name: r.ad.name,
    sourceKind: r.ad.sourceKind,
    status: r.ad.status,
    pausedReason: r.ad.pausedReason,
    postId: r.postId,
    postTitle: r.postTitle,
    revisionNumber: r.revisionNumber,
    creativeText: r.ad.creativeText,
    creativeHeadline: r.ad.creativeHeadline,
    creativeLinkUrl: r.ad.creativeLinkUrl,
    creativeCta: r.ad.creativeCta,
    legalState: r.legalState,
    readiness: readiness[i]!,
    externalId: r.ad.externalId,
  }));
  return {
    campaign: { ...c, totalBudgetJpy: total, targeting: readTargeting(c.targeting) },
    thresholdJpy,
    needsApproval: needsBudgetApproval(total, thresholdJpy),
    approvalCovered: approvalCovers(c.budgetApprovedJpy, total),
    pendingRequest: pending ?? null,
    adsSetupGap,
    adSets: sets.map((s) => ({ id: s.id, name: s.name, dailyBudgetJpy: s.dailyBudgetJpy, targeting: readTargeting(s.targeting), ads: adDtos.filter((a) => a.adSetId === s.id) })),
    firings,
  };
}

export type PacingDto = PacingSummary & { throughDay: string | null; totalBudgetJpy: number };

/** ad_campaign.read — planned against actual spend per day over the flight. */
export async function getPacing(viewer: Viewer, campaignId: string): Promise<PacingDto> {
  authorize(viewer, "ad_campaign.read");
  const [c] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  if (!c) throw new AppError("NOT_FOUND");
  const rows = await db
    .select({ day: spendDaily.day, spend: sql<number>`sum(${spendDaily.spendJpy})::bigint`.mapWith(Number) })
    .from(spendDaily)
    .innerJoin(ads, eq(ads.id, spendDaily.adId))
    .innerJoin(adSets, eq(adSets.id, ads.adSetId))
    .where(eq(adSets.campaignId, campaignId))
    .groupBy(spendDaily.day);
  const actual = new Map(rows.map((r) => [r.day, r.spend]));
  // Reported through the day before the delivery cursor (or the last day with data).
  const lastData = rows.reduce<string | null>((m, r) => (m === null || r.day > m ? r.day : m), null);
  const cursorDay = c.sandboxNextDay ? addDays(c.sandboxNextDay, -1) : null;
  const throughDay = [cursorDay, lastData].filter((d): d is string => !!d && d >= c.startsOn).sort().pop() ?? null;
  return { ...pacing(plannedSpend(c), actual, throughDay), throughDay, totalBudgetJpy: totalBudget(c) };
}

export type PerformanceRow = Totals & Ratios & { id: string; name: string; level: "campaign" | "ad_set" | "ad"; parentId: string | null };
export type PerformanceDto = { from: string; to: string; total: Totals & Ratios; campaigns: PerformanceRow[]; adSets: PerformanceRow[]; ads: PerformanceRow[]; daily: (Totals & { day: string })[] };

/**
 * ad_campaign.read — impressions, clicks, CTR, CPC, conversions, CPA, ROAS per campaign, ad set and
 * ad over [from, to] (default: the last 30 days); optionally one campaign.
 */
export async function getPerformance(viewer: Viewer, input: { from?: string; to?: string; campaignId?: string }): Promise<PerformanceDto> {
  authorize(viewer, "ad_campaign.read");
  const r = parseAds(rangeSchema, { from: input.from || undefined, to: input.to || undefined });
  const to = r.to ?? tokyoDayOf(new Date(), -1);
  const from = r.from ?? addDays(to, -29);
  if (from > to) throw new AppError("VALIDATION", ADS_ERRORS.invalidInput, { from: ["range_order"] });
  if (input.campaignId && !/^[0-9a-f-]{36}$/i.test(input.campaignId)) throw new AppError("NOT_FOUND");
  const rows = await db
    .select({
      day: spendDaily.day,
      adId: ads.id,
      adName: ads.name,
      adSetId: adSets.id,
      adSetName: adSets.name,
      campaignId: campaigns.id,
      campaignName: campaigns.name,
      spendJpy: spendDaily.spendJpy,
      impressions: sql<number>`coalesce(${adMetricsDaily.impressions}, 0)`.mapWith(Number),
      clicks: sql<number>`coalesce(${adMetricsDaily.clicks}, 0)`.mapWith(Number),
      conversions: sql<number>`coalesce(${adMetricsDaily.conversions}, 0)`.mapWith(Number),
      revenueJpy: sql<number>`coalesce(${adMetricsDaily.revenueJpy}, 0)`.mapWith(Number),
    })
    .from(spendDaily)
    .innerJoin(ads, eq(ads.id, spendDaily.adId))
    .innerJoin(adSets, eq(adSets.id, ads.adSetId))
    .innerJoin(campaigns, eq(campaigns.id, adSets.campaignId))
    .leftJoin(adMetricsDaily, and(eq(adMetricsDaily.adId, spendDaily.adId), eq(adMetricsDaily.day, spendDaily.day)))
    .where(and(gte(spendDaily.day, from), lte(spendDaily.day, to), input.campaignId ? eq(campaigns.id, input.campaignId) : undefined));
  const group = (level: PerformanceRow["level"], key: (x: (typeof rows)[number]) => [string, string, string | null]) => {
    const m = new Map<string, { name: string; parentId: string | null; items: Totals[] }>();
    for (const x of rows) {
      const [id, name, parentId] = key(x);
      const g = m.get(id) ?? { name, parentId, items: [] };
      g.items.push(x);
      m.set(id, g);
    }
    return [...m.entries()]
      .map(([id, g]) => {
        const t = sumTotals(g.items);
        return { id, name: g.name, level, parentId: g.parentId, ...t, ...ratios(t) };
      })
      .sort((a, b) => b.spendJpy - a.spendJpy);
  };
  const byDay = new Map<string, Totals[]>();
  for (const x of rows) byDay.set(x.day, [...(byDay.get(x.day) ?? []), x]);
  const total = sumTotals(rows);
  return {
    from,
    to,
    total: { ...total, ...ratios(total) },
    campaigns: group("campaign", (x) => [x.campaignId, x.campaignName, null]),
    adSets: group("ad_set", (x) => [x.adSetId, x.adSetName, x.campaignId]),
    ads: group("ad", (x) => [x.adId, x.adName, x.adSetId]),
    daily: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, items]) => ({ day, ...sumTotals(items) })),
  };
}

export type BoostCandidate = { revisionId: string; postId: string; postTitle: string; revisionNumber: number; state: string; text: string };

/** ad_campaign.manage — approved (or later) posts of a brand whose current revision carries a final approval: what may be boosted. */
export async function listBoostCandidates(viewer: Viewer, brandId: string): Promise<BoostCandidate[]> {
  authorize(viewer, "ad_campaign.manage");
  if (!/^[0-9a-f-]{36}$/i.test(brandId)) return [];
  const rows = await db
    .select({ revisionId: postRevisions.id, postId: posts.id, postTitle: posts.title, revisionNumber: postRevisions.number, state: posts.state, content: postRevisions.content })
    .from(posts)
    .innerJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
    .where(
      and(
        eq(posts.brandId, brandId),
        inArray(posts.state, ["approved", "scheduled", "publishing", "published"]),
        sql`exists (select 1 from approvals ap where ap.revision_id = ${postRevisions.id} and ap.revision_hash = ${postRevisions.contentHash} and ap.stage = 'final' and ap.decision = 'approved' and ap.voided_at is null)`,
      ),
    )
    .orderBy(desc(posts.updatedAt))
    .limit(50);
  return rows.map(({ content, ...r }) => {
    const v = ((content as { variants?: { text?: string }[] })?.variants ?? [])[0];
    return { ...r, text: (v?.text ?? "").slice(0, 140) };
  });
}

/** ad_campaign.read — the manager's approval threshold (what the plan form warns about). */
export async function getApprovalThreshold(viewer: Viewer): Promise<number> {
  authorize(viewer, "ad_campaign.read");
  return readThreshold(db);
}

/** Internal: what a channel lacks before its ads connector can launch (computed here: the credentials reference never leaves the DAL). */
async function channelSetupGap(channelId: string): Promise<AdsSetupGap | null> {
  const [ch] = await db.select(CHANNEL_REF_COLUMNS).from(channels).where(eq(channels.id, channelId)).limit(1);
  return ch ? adsConnectorFor(ch.connector).setupGap(ch) : "no_ad_account";
}

/** ad_campaign.manage — the brands and their active channels a campaign can run on (each with what it lacks to run ads, if anything). */
export async function campaignPlanOptions(viewer: Viewer) {
  authorize(viewer, "ad_campaign.manage");
  const [brandRows, channelRows] = await Promise.all([
    db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(brands.name),
    db.select({ ...CHANNEL_REF_COLUMNS, brandId: channels.brandId, name: channels.displayName }).from(channels).where(eq(channels.status, "active")).orderBy(channels.displayName),
  ]);
  return {
    brands: brandRows,
    channels: channelRows.map((c) => ({ id: c.id, brandId: c.brandId, platform: c.platform, name: c.name, connector: c.connector, adsSetupGap: adsConnectorFor(c.connector).setupGap(c) })),
  };
}

// ── Rules ──

export type RuleDto = { id: string; name: string; kind: string; campaignId: string | null; campaignName: string | null; params: Record<string, number>; action: string; enabled: boolean; firings: number; createdAt: Date };

/** ad_campaign.read — every rule with its firing count, and the latest firings. */
export async function listRules(viewer: Viewer): Promise<{ rules: RuleDto[]; firings: FiringDto[] }> {
  authorize(viewer, "ad_campaign.read");
  const [rules, firings] = await Promise.all([
    db
      .select({
        id: adRules.id,
        name: adRules.name,
        kind: adRules.kind,
        campaignId: adRules.campaignId,
        campaignName: campaigns.name,
        params: adRules.params,
        action: adRules.action,
        enabled: adRules.enabled,
        createdAt: adRules.createdAt,
        firings: sql<number>`(select count(*) from ${adRuleFirings} f where f.rule_id = ${adRules.id})::int`.mapWith(Number),
      })
      .from(adRules)
      .leftJoin(campaigns, eq(campaigns.id, adRules.campaignId))
      .orderBy(desc(adRules.createdAt)),
    firingsWhere(undefined, 50),
  ]);
  return { rules: rules.map((r) => ({ ...r, params: r.params as Record<string, number> })), firings };
}

/** ad_campaign.manage — a new automated rule (for one campaign, or every campaign). */
export async function createRule(viewer: Viewer, input: RuleInput): Promise<{ id: string }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(ruleSchema, input);
  return db.transaction(async (tx) => {
    if (v.campaignId) {
      const [c] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, v.campaignId)).limit(1);
      if (!c) throw new AppError("VALIDATION", ADS_ERRORS.invalidInput, { campaignId: ["unknown_campaign"] });
    }
    const params = v.kind === "cpa_above" ? { limitJpy: v.limitJpy, days: v.days } : { count: v.count, hours: v.hours };
    const [row] = await tx.insert(adRules).values({ name: v.name, campaignId: v.campaignId ?? null, kind: v.kind, params, action: v.action, createdById: viewer.id }).returning({ id: adRules.id });
    await recordAudit(tx, { actor: actorOf(viewer), action: "ad_rule.created", subjectType: "ad_rule", subjectId: row!.id, data: { name: v.name, kind: v.kind, params, action: v.action, campaignId: v.campaignId ?? null }, requestId: viewer.requestId });
    return { id: row!.id };
  });
}

/** ad_campaign.manage — switch a rule on or off. */
export async function toggleRule(viewer: Viewer, input: { ruleId: string; enabled: boolean | string }): Promise<{ id: string; enabled: boolean }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(toggleRuleSchema, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(adRules).set({ enabled: v.enabled }).where(eq(adRules.id, v.ruleId)).returning({ id: adRules.id });
    if (!row) throw new AppError("NOT_FOUND");
    await recordAudit(tx, { actor: actorOf(viewer), action: v.enabled ? "ad_rule.enabled" : "ad_rule.disabled", subjectType: "ad_rule", subjectId: row.id, data: {}, requestId: viewer.requestId });
    return { id: row.id, enabled: v.enabled };
  });
}



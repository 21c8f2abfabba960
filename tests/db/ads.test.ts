/**
 * The ads workspace on real PostgreSQL (lib/dal/ads*.ts): who may plan and launch, boosts of the
 * exact approved revision only, creatives through Legal (and the ad-disclosure check), the
 * manager's budget approval bound to the total, crisis mode, the idempotent launch claim,
 * sandbox delivery day by day, automated rules that fire once per condition, and audit rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { adBudgetApprovals, adMetricsDaily, adRuleFirings, ads, auditEvents, campaigns, channels, crisisStates, inboxItems, legalReviews, notifications, postTargets, publications, spendDaily } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, DEMO_AD_ACCOUNTS, seedOrganisation } from "@/db/seed/demo";
import { startMetaGraphStub, type StubOptions } from "@/scripts/stubs/meta-graph";
import { metaAdsState } from "@/scripts/stubs/meta-graph-ads";
import { createPost } from "@/db/seed/factories";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import {
  addAd,
  addAdSet,
  createCampaign,
  decideBudget,
  endCampaign,
  launchCampaign,
  listBudgetRequests,
  pauseCampaign,
  requestBudgetApproval,
  resumeCampaign,
  setAdStatus,
  setApprovalThreshold,
  updateCampaign,
  updateCreative,
} from "@/lib/dal/ads";
import { campaignPlanOptions, createRule, getCampaign, getPacing, getPerformance, listBoostCandidates, listCampaigns, listRules, toggleRule } from "@/lib/dal/ads-read";
import { deliverDue, evaluateRules, pauseForCrises, simulateNextDay } from "@/lib/dal/ads-delivery";
import { startCrisis } from "@/lib/dal/crisis-mode";
import { tokyoDayOf, addDays } from "@/lib/domain/ads";
import { auditCount, lastAudit, ROLES, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
const db = () => getDb();
const WHO = [...ROLES, "none"] as const;
const today = tokyoDayOf(new Date());

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function expectAppError(p: Promise<unknown>, code: string, message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

const targeting = { ageMin: 20, ageMax: 44, genders: ["female"], prefectures: ["東京都", "宮城県"], interests: "カフェ, スイーツ", languages: ["ja"] };
const plan = (o: Partial<Parameters<typeof createCampaign>[1]> = {}) => ({
  name: "春の新作ブースト",
  brandId: BRAND_IDS.cafe,
  channelId: CHANNEL_IDS.cafeX,
  objective: "conversions" as const,
  budgetType: "daily" as const,
  budgetJpy: 10_000,
  startsOn: today,
  endsOn: addDays(today, 13),
  targeting,
  ...o,
});

async function approvedPost(text = "新作ラテ、はじまりました。") {
  return createPost(db(), { brandId: BRAND_IDS.cafe, channelIds: [CHANNEL_IDS.cafeX], authorId: V.content_creator.id, state: "approved", text, reviewers: { pr: V.pr.id, final: V.social_media_manager.id } });
}

/** A campaign with one ad set and one boost of an approved post: ready to launch (below the threshold). */
async function readyCampaign(o: Partial<Parameters<typeof createCampaign>[1]> = {}) {
  const { id } = await createCampaign(V.ad_ops, plan(o));
  const set = await addAdSet(V.ad_ops, { campaignId: id, name: "首都圏 20-44", dailyBudgetJpy: 10_000, targeting });
  const post = await approvedPost();
  const ad = await addAd(V.ad_ops, { sourceKind: "boost", adSetId: set.id, name: "ラテ ブースト", postRevisionId: post.revisionId });
  return { campaignId: id, adSetId: set.id, adId: ad.id, post };
}

async function clearCreative(adId: string) {
  const [a] = await db().select({ hash: ads.creativeHash }).from(ads).where(eq(ads.id, adId));
  await db()
    .update(legalReviews)
    .set({ state: "approved", decidedAt: new Date(), decidedById: V.legal.id })
    .where(and(eq(legalReviews.subjectKind, "ad_creative"), eq(legalReviews.subjectId, adId), eq(legalReviews.subjectHash, a!.hash!)));
}

const statusOf = async (id: string) => (await db().select({ s: campaigns.status }).from(campaigns).where(eq(campaigns.id, id)))[0]!.s;
const adStatusOf = async (id: string) => (await db().select({ s: ads.status, r: ads.pausedReason }).from(ads).where(eq(ads.id, id)))[0]!;
const count = async (t: typeof campaigns | typeof ads | typeof adRuleFirings | typeof spendDaily) => (await db().select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n;

describe("who may plan, launch and approve", () => {
  it("only ad ops creates a campaign; everyone else is FORBIDDEN and nothing is written", async () => {
    for (const who of WHO) {
      if (who === "ad_ops") continue;
      const before = await count(campaigns);
      const audits = await auditCount();
      await expectAppError(createCampaign(V[who], plan()), who === "none" ? "FORBIDDEN" : "FORBIDDEN");
      expect(await count(campaigns)).toBe(before);
      expect(await auditCount()).toBe(audits);
    }
    const { id } = await createCampaign(V.ad_ops, plan());
    const a = await lastAudit();
    expect(a).toMatchObject({ action: "ad_campaign.created", subjectId: id, actorId: V.ad_ops.id });
  });

  it("only ad ops launches, pauses, resumes and ends; unknown campaigns are NOT_FOUND", async () => {
    const { campaignId } = await readyCampaign();
    for (const who of WHO) {
      if (who !== "none" && roleHas(who, "ad_campaign.launch")) continue;
      await expectAppError(launchCampaign(V[who], { campaignId }), "FORBIDDEN");
      await expectAppError(pauseCampaign(V[who], { campaignId }), "FORBIDDEN");
      await expectAppError(simulateNextDay(V[who], { campaignId }), "FORBIDDEN");
    }
    expect(await statusOf(campaignId)).toBe("draft");
    await expectAppError(launchCampaign(V.ad_ops, { campaignId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await expectAppError(launchCampaign(V.ad_ops, { campaignId: "not-a-uuid" }), "VALIDATION");
  });

  it("reading: ad ops and the manager see campaigns; others are FORBIDDEN", async () => {
    for (const who of WHO) {
      const may = who !== "none" && roleHas(who, "ad_campaign.read");
      if (may) expect((await listCampaigns(V[who])).length).toBeGreaterThan(0);
      else await expectAppError(listCampaigns(V[who]), "FORBIDDEN");
    }
    await expectAppError(getCampaign(V.ad_ops, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
  });

  it("only the manager sets the threshold and decides budgets", async () => {
    for (const who of WHO) {
      if (who === "social_media_manager") continue;
      await expectAppError(setApprovalThreshold(V[who], { approvalThresholdJpy: 5 }), "FORBIDDEN");
    }
    await setApprovalThreshold(V.social_media_manager, { approvalThresholdJpy: 1_000_000 });
    expect(await lastAudit()).toMatchObject({ action: "ad_settings.threshold_changed" });
    await expectAppError(setApprovalThreshold(V.social_media_manager, { approvalThresholdJpy: -1 }), "VALIDATION");
  });
});

describe("bad input changes nothing", () => {
  it("refuses malformed plans, prefectures outside the 47, reversed flights and ages", async () => {
    const before = await count(campaigns);
    const audits = await auditCount();
    await expectAppError(createCampaign(V.ad_ops, plan({ budgetJpy: -5 })), "VALIDATION");
    await expectAppError(createCampaign(V.ad_ops, plan({ endsOn: addDays(today, -1) })), "VALIDATION");
    await expectAppError(createCampaign(V.ad_ops, plan({ targeting: { ...targeting, prefectures: ["カリフォルニア州"] } })), "VALIDATION");
    await expectAppError(createCampaign(V.ad_ops, plan({ targeting: { ...targeting, ageMin: 50, ageMax: 20 } })), "VALIDATION");
    await expectAppError(createCampaign(V.ad_ops, { ...plan(), extra: "<script>" } as never), "VALIDATION");
    await expectAppError(createCampaign(V.ad_ops, plan({ name: "x".repeat(10_000) })), "VALIDATION");
    await expectAppError(createCampaign(V.ad_ops, plan({ channelId: CHANNEL_IDS.foodsX })), "VALIDATION");
    expect(await count(campaigns)).toBe(before);
    expect(await auditCount()).toBe(audits);
  });
});

describe("boosts and creatives", () => {
  it("boosts only the exact approved revision of a post of the same brand", async () => {
    const { id } = await createCampaign(V.ad_ops, plan());
    const set = await addAdSet(V.ad_ops, { campaignId: id, name: "set", targeting });
    const draft = await createPost(db(), { brandId: BRAND_IDS.cafe, channelIds: [CHANNEL_IDS.cafeX], authorId: V.content_creator.id, state: "in_review" });
    const before = await count(ads);
    await expectAppError(addAd(V.ad_ops, { sourceKind: "boost", adSetId: set.id, name: "x", postRevisionId: draft.revisionId }), "VALIDATION", "revision_not_approved");
    const other = await createPost(db(), { brandId: BRAND_IDS.foods, channelIds: [CHANNEL_IDS.foodsX], authorId: V.content_creator.id, state: "approved", reviewers: { pr: V.pr.id, final: V.social_media_manager.id } });
    await expectAppError(addAd(V.ad_ops, { sourceKind: "boost", adSetId: set.id, name: "x", postRevisionId: other.revisionId }), "VALIDATION");
    expect(await count(ads)).toBe(before);
    const ok = await approvedPost();
    expect((await addAd(V.ad_ops, { sourceKind: "boost", adSetId: set.id, name: "boost", postRevisionId: ok.revisionId })).status).toBe("ready");
    const candidates = await listBoostCandidates(V.ad_ops, BRAND_IDS.cafe);
    expect(candidates.map((c) => c.revisionId)).toContain(ok.revisionId);
    expect(candidates.map((c) => c.revisionId)).not.toContain(draft.revisionId);
  });

  it("a creative must be labelled as an ad; it goes to Legal and cannot launch until Legal clears that exact version", async () => {
    const { id } = await createCampaign(V.ad_ops, plan());
    const set = await addAdSet(V.ad_ops, { campaignId: id, name: "set", targeting });
    const before = await count(ads);
    const e = await expectAppError(addAd(V.ad_ops, { sourceKind: "creative", adSetId: set.id, name: "c", text: "春の新作ラテが登場。今だけ10%オフ!" }), "VALIDATION", "disclosure_missing");
    expect(e.fieldErrors?.text?.[0]).toMatch(/^disclosure\./);
    expect(await count(ads)).toBe(before);
    const ad = await addAd(V.ad_ops, { sourceKind: "creative", adSetId: set.id, name: "c", text: "【広告】春の新作ラテが登場。今だけ10%オフ!", headline: "新作ラテ", linkUrl: "https://aoba-cafe.example.jp/latte", cta: "LEARN_MORE" });
    expect(ad.status).toBe("in_review");
    const [review] = await db().select().from(legalReviews).where(eq(legalReviews.id, ad.legalReviewId!));
    expect(review).toMatchObject({ subjectKind: "ad_creative", subjectId: ad.id, state: "open" });
    // A direct request to launch (no UI) is refused while Legal has not cleared it.
    await expectAppError(launchCampaign(V.ad_ops, { campaignId: id }), "CONFLICT", "creative_not_cleared");
    expect(await statusOf(id)).toBe("draft");
    // Rejected is not cleared either.
    await db().update(legalReviews).set({ state: "rejected", decidedAt: new Date() }).where(eq(legalReviews.id, ad.legalReviewId!));
    await expectAppError(launchCampaign(V.ad_ops, { campaignId: id }), "CONFLICT", "creative_not_cleared");
    await db().update(legalReviews).set({ state: "approved" }).where(eq(legalReviews.id, ad.legalReviewId!));
    const r = await launchCampaign(V.ad_ops, { campaignId: id });
    expect(r.status).toBe("active");
    expect((await adStatusOf(ad.id)).s).toBe("active");
  });

  it("changing a running creative pauses it and sends the new version back to Legal", async () => {
    const { id } = await createCampaign(V.ad_ops, plan());
    const set = await addAdSet(V.ad_ops, { campaignId: id, name: "set", targeting });
    const ad = await addAd(V.ad_ops, { sourceKind: "creative", adSetId: set.id, name: "c", text: "#PR 新作ラテ、今週から。" });
    await clearCreative(ad.id);
    await launchCampaign(V.ad_ops, { campaignId: id });
    const r = await updateCreative(V.ad_ops, { adId: ad.id, text: "#PR 新作ラテ、今週から。先着100名様にクーポン。" });
    expect(r).toMatchObject({ status: "paused", paused: true });
    expect(await adStatusOf(ad.id)).toEqual({ s: "paused", r: "creative_changed" });
    const reviews = await db().select({ state: legalReviews.state }).from(legalReviews).where(eq(legalReviews.subjectId, ad.id));
    expect(reviews.map((x) => x.state).sort()).toEqual(["approved", "open"]);
    await expectAppError(setAdStatus(V.ad_ops, { adId: ad.id, to: "active" }), "CONFLICT", "creative_not_cleared");
    await clearCreative(ad.id);
    expect((await setAdStatus(V.ad_ops, { adId: ad.id, to: "active" })).status).toBe("active");
    expect(await lastAudit()).toMatchObject({ action: "ad.resumed", subjectId: ad.id });
    await expectAppError(updateCreative(V.ad_ops, { adId: ad.id, text: "新作ラテ" }), "VALIDATION", "disclosure_missing");
    await expectAppError(updateCreative(V.pr, { adId: ad.id, text: "#PR x" }), "FORBIDDEN");
  });
});

describe("budget approval", () => {
  it("above the threshold: no launch without the manager; the approval binds to the total", async () => {
    await setApprovalThreshold(V.social_media_manager, { approvalThresholdJpy: 500_000 });
    const { campaignId } = await readyCampaign({ budgetJpy: 50_000 }); // 14 days × ¥50,000 = ¥700,000
    await expectAppError(launchCampaign(V.ad_ops, { campaignId }), "CONFLICT", "budget_approval_required");
    await expectAppError(requestBudgetApproval(V.pr, { campaignId }), "FORBIDDEN");
    const req = await requestBudgetApproval(V.ad_ops, { campaignId, note: "新作の立ち上げ" });
    expect(await statusOf(campaignId)).toBe("pending_approval");
    expect(await lastAudit()).toMatchObject({ action: "ad_budget.requested" });
    const n = await db().select().from(notifications).where(and(eq(notifications.userId, V.social_media_manager.id), eq(notifications.kind, "ad.budget_requested")));
    expect(n.length).toBeGreaterThan(0);
    await expectAppError(requestBudgetApproval(V.ad_ops, { campaignId }), "CONFLICT", "budget_approval_pending");
    await expectAppError(launchCampaign(V.ad_ops, { campaignId }), "CONFLICT", "budget_approval_required");
    for (const who of WHO) if (who !== "social_media_manager") await expectAppError(decideBudget(V[who], { requestId: req.id, decision: "approved" }), "FORBIDDEN");
    await expectAppError(decideBudget(V.social_media_manager, { requestId: req.id, decision: "rejected" }), "VALIDATION");
    const listed = await listBudgetRequests(V.social_media_manager);
    expect(listed.pending.map((p) => p.id)).toContain(req.id);
    expect((await decideBudget(V.social_media_manager, { requestId: req.id, decision: "approved" })).status).toBe("approved");
    expect(await lastAudit()).toMatchObject({ action: "ad_budget.approved", actorId: V.social_media_manager.id });
    await expectAppError(decideBudget(V.social_media_manager, { requestId: req.id, decision: "approved" }), "CONFLICT", "request_decided");
    // Raising the budget voids the coverage: back to draft, approval needed again.
    const base = plan({ budgetJpy: 60_000 });
    expect((await updateCampaign(V.ad_ops, { campaignId, name: base.name, objective: base.objective, budgetType: base.budgetType, budgetJpy: 60_000, startsOn: base.startsOn, endsOn: base.endsOn, targeting })).status).toBe("draft");
    await expectAppError(launchCampaign(V.ad_ops, { campaignId }), "CONFLICT", "budget_approval_required");
    // Lowering to within the approved total is covered again.
    expect((await updateCampaign(V.ad_ops, { campaignId, name: base.name, objective: base.objective, budgetType: base.budgetType, budgetJpy: 45_000, startsOn: base.startsOn, endsOn: base.endsOn, targeting })).status).toBe("approved");
    expect((await launchCampaign(V.ad_ops, { campaignId })).status).toBe("active");
    const [row] = await db().select().from(adBudgetApprovals).where(eq(adBudgetApprovals.id, req.id));
    expect(row!.amountJpy).toBe(700_000);
    await setApprovalThreshold(V.social_media_manager, { approvalThresholdJpy: 1_000_000 });
  });

  it("a budget within the threshold needs no request", async () => {
    const { campaignId } = await readyCampaign();
    await expectAppError(requestBudgetApproval(V.ad_ops, { campaignId }), "CONFLICT", "budget_under_threshold");
  });
});

describe("launch claim", () => {
  it("launches once: a second launch, concurrent or later, is CONFLICT and nothing is created twice", async () => {
    const { campaignId } = await readyCampaign();
    const results = await Promise.allSettled([launchCampaign(V.ad_ops, { campaignId }), launchCampaign(V.ad_ops, { campaignId })]);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.status === "active")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && (r.reason as AppError).message === "already_launched")).toHaveLength(1);
    await expectAppError(launchCampaign(V.ad_ops, { campaignId }), "CONFLICT", "already_launched");
    const launched = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(and(eq(auditEvents.action, "ad_campaign.launched"), eq(auditEvents.subjectId, campaignId)));
    expect(launched[0]!.n).toBe(1);
    const [c] = await db().select({ ext: campaigns.externalId, key: campaigns.launchKey }).from(campaigns).where(eq(campaigns.id, campaignId));
    expect(c!.ext).toMatch(/^sbx_cmp_/);
  });

  it("a campaign without ads cannot launch; pause, resume and end are audited", async () => {
    const { id } = await createCampaign(V.ad_ops, plan());
    await expectAppError(launchCampaign(V.ad_ops, { campaignId: id }), "CONFLICT", "no_ads");
    const { campaignId } = await readyCampaign();
    await expectAppError(pauseCampaign(V.ad_ops, { campaignId }), "CONFLICT", "not_active");
    await launchCampaign(V.ad_ops, { campaignId });
    await pauseCampaign(V.ad_ops, { campaignId });
    expect(await lastAudit()).toMatchObject({ action: "ad_campaign.paused" });
    await resumeCampaign(V.ad_ops, { campaignId });
    expect(await lastAudit()).toMatchObject({ action: "ad_campaign.resumed" });
    await endCampaign(V.ad_ops, { campaignId });
    expect(await statusOf(campaignId)).toBe("ended");
    await expectAppError(resumeCampaign(V.ad_ops, { campaignId }), "CONFLICT");
  });
});

describe("Meta channels and their ad account", () => {
  it("a Meta channel with its ad account launches through the Meta ads connector (local Graph stand-in); without one the launch is refused before anything is claimed", async () => {
    const opts: StubOptions = { tokens: ["ads-db-token"], pages: [], igUsers: ["17841400000000001"] };
    const stub = await startMetaGraphStub(opts);
    const env = { url: process.env.META_GRAPH_URL, token: process.env.META_ACCESS_TOKEN, act: process.env.META_AD_ACCOUNT_ID };
    process.env.META_GRAPH_URL = stub.url;
    process.env.META_ACCESS_TOKEN = "ads-db-token";
    delete process.env.META_AD_ACCOUNT_ID;
    try {
      // The demo's Instagram channel has its ad account (seeded).
      const [ch] = await db().select({ act: channels.adAccountId }).from(channels).where(eq(channels.id, CHANNEL_IDS.cafeInstagram));
      expect(ch!.act).toBe(DEMO_AD_ACCOUNTS.cafe);
      const ok = await readyCampaign({ channelId: CHANNEL_IDS.cafeInstagram, name: "Instagram ブースト" });
      expect((await getCampaign(V.ad_ops, ok.campaignId)).adsSetupGap).toBeNull();
      expect(await launchCampaign(V.ad_ops, { campaignId: ok.campaignId })).toMatchObject({ status: "active", error: null });
      const objects = [...metaAdsState(opts).objects.values()];
      expect(objects.map((o) => o.kind).sort()).toEqual(["ad", "adcreative", "adset", "campaign"]);
      expect(objects.every((o) => o.account === `act_${DEMO_AD_ACCOUNTS.cafe}`)).toBe(true);
      const [launched] = await db().select({ ext: campaigns.externalId }).from(campaigns).where(eq(campaigns.id, ok.campaignId));
      expect(launched!.ext).toBe(objects.find((o) => o.kind === "campaign")!.id);

      // The same channel without an ad account: a clear CONFLICT, nothing claimed, nothing sent.
      const bad = await readyCampaign({ channelId: CHANNEL_IDS.cafeInstagram, name: "アカウントなし" });
      await db().update(channels).set({ adAccountId: null }).where(eq(channels.id, CHANNEL_IDS.cafeInstagram));
      const calls = stub.calls.length;
      const audits = await auditCount();
      await expectAppError(launchCampaign(V.ad_ops, { campaignId: bad.campaignId }), "CONFLICT", "no_ad_account");
      expect(await statusOf(bad.campaignId)).toBe("draft");
      expect(await auditCount()).toBe(audits);
      expect(stub.calls.length).toBe(calls);
      expect((await getCampaign(V.ad_ops, bad.campaignId)).adsSetupGap).toBe("no_ad_account");
      const options = await campaignPlanOptions(V.ad_ops);
      expect(options.channels.find((c) => c.id === CHANNEL_IDS.cafeInstagram)?.adsSetupGap).toBe("no_ad_account");
      expect(options.channels.find((c) => c.id === CHANNEL_IDS.cafeX)?.adsSetupGap).toBeNull();
      expect(JSON.stringify(options)).not.toContain("credentials");
      // No token either way: named as such.
      await db().update(channels).set({ adAccountId: DEMO_AD_ACCOUNTS.cafe }).where(eq(channels.id, CHANNEL_IDS.cafeInstagram));
      delete process.env.META_ACCESS_TOKEN;
      await expectAppError(launchCampaign(V.ad_ops, { campaignId: bad.campaignId }), "CONFLICT", "no_ads_credentials");
    } finally {
      await db().update(channels).set({ adAccountId: DEMO_AD_ACCOUNTS.cafe }).where(eq(channels.id, CHANNEL_IDS.cafeInstagram));
      for (const [k, v] of [["META_GRAPH_URL", env.url], ["META_ACCESS_TOKEN", env.token], ["META_AD_ACCOUNT_ID", env.act]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await stub.close();
    }
  });
});

describe("crisis mode", () => {
  it("refuses launches in scope, pauses running campaigns (the sweep), and no delivery accrues", async () => {
    const a = await readyCampaign();
    const b = await readyCampaign();
    const c = await readyCampaign();
    const foods = await createCampaign(V.ad_ops, plan({ brandId: BRAND_IDS.foods, channelId: CHANNEL_IDS.foodsX }));
    const foodsSet = await addAdSet(V.ad_ops, { campaignId: foods.id, name: "set", targeting });
    const foodsPost = await createPost(db(), { brandId: BRAND_IDS.foods, channelIds: [CHANNEL_IDS.foodsX], authorId: V.content_creator.id, state: "approved", reviewers: { pr: V.pr.id, final: V.social_media_manager.id } });
    await addAd(V.ad_ops, { sourceKind: "boost", adSetId: foodsSet.id, name: "foods", postRevisionId: foodsPost.revisionId });
    await launchCampaign(V.ad_ops, { campaignId: a.campaignId });
    await launchCampaign(V.ad_ops, { campaignId: c.campaignId });
    await launchCampaign(V.ad_ops, { campaignId: foods.id });
    const [crisis] = await db().insert(crisisStates).values({ scope: "brand", brandId: BRAND_IDS.cafe, reason: "異物混入の申告", startedById: V.pr.id }).returning({ id: crisisStates.id });
    try {
      await expectAppError(launchCampaign(V.ad_ops, { campaignId: b.campaignId }), "CONFLICT", "crisis_active");
      expect(await statusOf(b.campaignId)).toBe("draft");
      // Delivery under a crisis stores nothing (and pauses the campaign on the spot).
      const spendBefore = await count(spendDaily);
      await expectAppError(simulateNextDay(V.ad_ops, { campaignId: a.campaignId }), "CONFLICT");
      expect(await count(spendDaily)).toBe(spendBefore);
      expect(await statusOf(a.campaignId)).toBe("paused");
      // The worker's sweep pauses every other running campaign in scope, and only those.
      const swept = await pauseForCrises();
      expect(swept.paused).toContain(c.campaignId);
      expect(swept.paused).not.toContain(foods.id);
      expect(await statusOf(foods.id)).toBe("active");
      const [row] = await db().select({ r: campaigns.pausedReason, c: campaigns.pausedByCrisisId }).from(campaigns).where(eq(campaigns.id, c.campaignId));
      expect(row).toEqual({ r: "crisis", c: crisis!.id });
      expect(await lastAudit()).toMatchObject({ action: "ad_campaign.paused_by_crisis" });
      await expectAppError(resumeCampaign(V.ad_ops, { campaignId: c.campaignId }), "CONFLICT", "crisis_active");
      expect((await pauseForCrises()).paused).toEqual([]);
    } finally {
      await db().update(crisisStates).set({ endedAt: new Date(), endedById: V.pr.id }).where(eq(crisisStates.id, crisis!.id));
    }
    // After the crisis nothing resumes by itself; a person resumes.
    expect(await statusOf(c.campaignId)).toBe("paused");
    expect((await resumeCampaign(V.ad_ops, { campaignId: c.campaignId })).status).toBe("active");
  });
  it("starting crisis mode pauses running campaigns in its scope at once, without waiting for the worker's sweep", async () => {
    const a = await readyCampaign();
    await launchCampaign(V.ad_ops, { campaignId: a.campaignId });
    expect(await statusOf(a.campaignId)).toBe("active");
    const crisis = await startCrisis(V.social_media_manager, { scope: "brand", brandId: BRAND_IDS.cafe, reason: "異物混入の申告(広告停止)" });
    try {
      expect(await statusOf(a.campaignId)).toBe("paused");
      const [row] = await db().select({ r: campaigns.pausedReason, c: campaigns.pausedByCrisisId }).from(campaigns).where(eq(campaigns.id, a.campaignId));
      expect(row).toEqual({ r: "crisis", c: crisis.id });
      expect((await pauseForCrises()).paused).toEqual([]);
    } finally {
      await db().update(crisisStates).set({ endedAt: new Date(), endedById: V.social_media_manager.id }).where(eq(crisisStates.id, crisis.id));
    }
  });
});

describe("delivery, pacing and performance", () => {
  it("the sandbox delivers day by day within budget; pacing and performance read it", async () => {
    const { campaignId, adId } = await readyCampaign({ budgetJpy: 20_000 });
    await launchCampaign(V.ad_ops, { campaignId });
    const d1 = await simulateNextDay(V.ad_ops, { campaignId });
    const d2 = await simulateNextDay(V.ad_ops, { campaignId });
    expect([d1.day, d2.day]).toEqual([today, addDays(today, 1)]);
    const rows = await db().select().from(spendDaily).where(eq(spendDaily.adId, adId));
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.spendJpy).toBeLessThanOrEqual(20_000 * 1.1);
    const m = await db().select().from(adMetricsDaily).where(eq(adMetricsDaily.adId, adId));
    expect(m.every((x) => x.impressions > x.clicks && x.clicks > 0)).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: "ad_campaign.delivered", subjectId: campaignId, actorId: V.ad_ops.id });
    const p = await getPacing(V.ad_ops, campaignId);
    expect(p.throughDay).toBe(addDays(today, 1));
    expect(p.rows.filter((r) => r.actualJpy !== null)).toHaveLength(2);
    expect(p.plannedToDateJpy).toBe(40_000);
    const perf = await getPerformance(V.ad_ops, { from: today, to: addDays(today, 5), campaignId });
    expect(perf.campaigns).toHaveLength(1);
    expect(perf.ads[0]!.spendJpy).toBe(rows.reduce((a, r) => a + r.spendJpy, 0));
    expect(perf.total.ctrPct).toBeGreaterThan(0);
    await expectAppError(getPerformance(V.ad_ops, { from: "2026-13-01" }), "VALIDATION");
    await expectAppError(getPerformance(V.pr, {}), "FORBIDDEN");
    // The worker's pass does not deliver days ahead of the clock again.
    const again = await deliverDue();
    expect(again.find((x) => x.campaignId === campaignId)?.days ?? []).toEqual([]);
  });

  it("the worker delivers past days of a flight that started earlier, once", async () => {
    const { campaignId, adId } = await readyCampaign({ startsOn: addDays(today, -3) });
    await launchCampaign(V.ad_ops, { campaignId });
    await db().update(campaigns).set({ sandboxNextDay: addDays(today, -3) }).where(eq(campaigns.id, campaignId));
    const r = await deliverDue();
    expect(r.find((x) => x.campaignId === campaignId)?.days).toEqual([addDays(today, -3), addDays(today, -2), addDays(today, -1)]);
    const r2 = await deliverDue();
    expect(r2.find((x) => x.campaignId === campaignId)).toBeUndefined();
    expect(await db().select().from(spendDaily).where(eq(spendDaily.adId, adId))).toHaveLength(3);
  });
});

describe("automated rules", () => {
  it("only ad ops manages rules; bad input is refused", async () => {
    for (const who of WHO) if (who !== "ad_ops") await expectAppError(createRule(V[who], { kind: "cpa_above", name: "x", limitJpy: 1, days: 2 }), "FORBIDDEN");
    await expectAppError(createRule(V.ad_ops, { kind: "cpa_above", name: "x", limitJpy: 0, days: 2 }), "VALIDATION");
    await expectAppError(createRule(V.ad_ops, { kind: "nope", name: "x" } as never), "VALIDATION");
  });

  it("CPA above the limit for two days pauses the ad once, records and notifies", async () => {
    const { campaignId, adId } = await readyCampaign();
    const rule = await createRule(V.ad_ops, { kind: "cpa_above", name: "CPA ¥1,000超 2日", campaignId, limitJpy: 1_000, days: 2 });
    expect(await lastAudit()).toMatchObject({ action: "ad_rule.created", subjectId: rule.id });
    await launchCampaign(V.ad_ops, { campaignId });
    await simulateNextDay(V.ad_ops, { campaignId });
    expect((await adStatusOf(adId)).s).toBe("active");
    await simulateNextDay(V.ad_ops, { campaignId });
    expect(await adStatusOf(adId)).toEqual({ s: "paused", r: "rule" });
    const firings = await db().select().from(adRuleFirings).where(eq(adRuleFirings.ruleId, rule.id));
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ adId, windowKey: `cpa:${today}`, actionTaken: "paused" });
    const fired = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "ad_rule.fired"), eq(auditEvents.subjectId, adId)));
    expect(fired).toHaveLength(1);
    const n = await db().select().from(notifications).where(and(eq(notifications.userId, V.ad_ops.id), eq(notifications.kind, "ad.rule_fired")));
    expect(n.length).toBeGreaterThan(0);
    // The same condition evaluated again (and again after a manual resume) does not fire twice.
    await evaluateRules(campaignId, new Date(), addDays(today, 1));
    await setAdStatus(V.ad_ops, { adId, to: "active" });
    await evaluateRules(campaignId, new Date(), addDays(today, 1));
    expect(await db().select().from(adRuleFirings).where(eq(adRuleFirings.ruleId, rule.id))).toHaveLength(1);
    expect((await adStatusOf(adId)).s).toBe("active");
    const listed = await listRules(V.ad_ops);
    expect(listed.rules.find((r) => r.id === rule.id)?.firings).toBe(1);
    await toggleRule(V.ad_ops, { ruleId: rule.id, enabled: false });
    expect(await lastAudit()).toMatchObject({ action: "ad_rule.disabled" });
  });

  it("a spike of negative comments on the boosted post pauses the ad once per spike", async () => {
    const post = await createPost(db(), { brandId: BRAND_IDS.cafe, channelIds: [CHANNEL_IDS.cafeX], authorId: V.content_creator.id, state: "published", reviewers: { pr: V.pr.id, final: V.social_media_manager.id } });
    const [target] = await db().select({ id: postTargets.id }).from(postTargets).where(eq(postTargets.postId, post.postId));
    const ext = `x_${post.postId.slice(0, 8)}`;
    await db().insert(publications).values({ targetId: target!.id, externalId: ext, state: "published", publishedAt: new Date() });
    const { id: campaignId } = await createCampaign(V.ad_ops, plan());
    const set = await addAdSet(V.ad_ops, { campaignId, name: "set", targeting });
    const ad = await addAd(V.ad_ops, { sourceKind: "boost", adSetId: set.id, name: "boost", postRevisionId: post.revisionId });
    const rule = await createRule(V.ad_ops, { kind: "negative_comments_spike", name: "炎上の兆候", campaignId, count: 3, hours: 2 });
    await launchCampaign(V.ad_ops, { campaignId });
    const comment = (n: number, sentiment: "negative" | "positive") => ({
      channelId: CHANNEL_IDS.cafeX,
      platform: "x" as const,
      externalId: `${ext}_c${n}`,
      kind: "comment" as const,
      threadKey: ext,
      parentExternalId: ext,
      text: sentiment === "negative" ? "最悪。二度と買わない" : "おいしかった!",
      sentiment,
      receivedAt: new Date(Date.now() - n * 60_000),
    });
    await db().insert(inboxItems).values([comment(1, "negative"), comment(2, "negative"), comment(3, "positive")]);
    expect((await evaluateRules(campaignId)).fired).toBe(0);
    await db().insert(inboxItems).values([comment(4, "negative")]);
    expect((await evaluateRules(campaignId)).fired).toBe(1);
    expect(await adStatusOf(ad.id)).toEqual({ s: "paused", r: "rule" });
    await setAdStatus(V.ad_ops, { adId: ad.id, to: "active" });
    await db().insert(inboxItems).values([comment(5, "negative")]);
    expect((await evaluateRules(campaignId)).fired).toBe(0);
    const f = await db().select().from(adRuleFirings).where(eq(adRuleFirings.ruleId, rule.id));
    expect(f).toHaveLength(1);
    expect(f[0]!.observed).toMatchObject({ count: 3, threshold: 3, hours: 2 });
  });
});

import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { adBudgetApprovals, adSets, adSettings, ads, brands, campaigns, channels } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { adsConnectorFor, type AdsCreated } from "@/lib/channels/ads";
import { approvalCovers, needsBudgetApproval, readTargeting, tokyoDayOf, totalBudget, type Targeting } from "@/lib/domain/ads";
import { recordAudit } from "./audit";
import { activeCrisisFor, lockCrisisShared } from "./crisis-guard";
import { requestLegalReview } from "./legal-requests";
import { notify } from "./notify";
import { CHANNEL_REF_COLUMNS } from "./publishing";
import {
  ADS_ERRORS,
  adIdSchema,
  adReadiness,
  addAdSchema,
  adSetSchema,
  approvedRevision,
  campaignIdSchema,
  createCampaignSchema,
  creativeDisclosure,
  creativeSnapshot,
  decideBudgetSchema,
  parseAds,
  publishedExternalId,
  readThreshold,
  requestBudgetSchema,
  thresholdSchema,
  updateCampaignSchema,
  updateCreativeSchema,
  type AddAdInput,
  type AdSetInput,
  type CreateCampaignInput,
  type UpdateCampaignInput,
  type UpdateCreativeInput,
} from "./ads-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Campaign management (issue 7): plan (campaigns, ad sets, ads), the manager's budget approval,
 * and launch / pause / resume / end through the channel's ads connector.
 *
 * Decisions:
 * - Only ad ops (ad_campaign.manage / .launch) change campaigns; the manager (ad_budget.approve)
 *   decides budgets and sets the threshold. Everything is company-wide (one ads team), so scoping
 *   is "the row exists"; unknown ids are NOT_FOUND.
 * - Budget approval binds to the total budget: a campaign whose total is above the threshold
 *   launches only with an approval for at least that total. Raising the budget later drops the
 *   campaign back to draft (the old approval no longer covers it); lowering keeps it.
 * - Launch is a claim: under the crisis lock (shared) and the campaign row lock, every check runs
 *   (budget approval, crisis scope, every ad runnable — a boost's exact approved revision, a
 *   creative's exact hash cleared by Legal and labelled) and the status moves to `launching` with
 *   a launch key; only then the connector is called (no transaction open) with that key, and the
 *   outcome is recorded if the claim is still ours. A second launch meets CONFLICT. External ids
 *   created before a failure are kept, so a retry creates nothing twice.
 * - Changing a creative that is live (or was cleared) pauses it and sends the new version to Legal.
 */

const SUBJECT = "ad_campaign";
const CONNECTOR_TIMEOUT_MS = 20_000;

type CampaignRow = typeof campaigns.$inferSelect;

async function lockCampaign(tx: Tx, campaignId: string): Promise<CampaignRow> {
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

const EDITABLE: CampaignRow["status"][] = ["draft", "pending_approval", "approved", "paused"];

function audit(tx: Tx, viewer: Viewer, action: string, subjectId: string, data: Record<string, unknown>, subjectType = SUBJECT) {
  return recordAudit(tx, { actor: actorOf(viewer), action, subjectType, subjectId, data, requestId: viewer.requestId });
}

/**
 * Status after a plan change: a covered (or small) budget keeps an approved campaign approved; a
 * pending request stays only for the same total; anything else is back to draft.
 */
function statusAfterBudget(c: CampaignRow, total: number, threshold: number): CampaignRow["status"] {
  if (c.status === "paused" || c.status === "active") return c.status;
  if (c.status === "pending_approval" && total === totalBudget(c) && needsBudgetApproval(total, threshold)) return "pending_approval";
  if (needsBudgetApproval(total, threshold)) return approvalCovers(c.budgetApprovedJpy, total) ? "approved" : "draft";
  return c.status === "approved" ? "approved" : "draft";
}

// ── Plan ──

/** ad_campaign.manage — a new draft campaign on an active channel of the brand. */
export async function createCampaign(viewer: Viewer, input: CreateCampaignInput): Promise<{ id: string }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(createCampaignSchema, input);
  return db.transaction(async (tx) => {
    const [ch] = await tx.select({ id: channels.id }).from(channels).where(and(eq(channels.id, v.channelId), eq(channels.brandId, v.brandId), eq(channels.status, "active"))).limit(1);
    if (!ch) throw new AppError("VALIDATION", ADS_ERRORS.invalidInput, { channelId: ["unknown_channel"] });
    const [row] = await tx
      .insert(campaigns)
      .values({ name: v.name, brandId: v.brandId, channelId: v.channelId, objective: v.objective, budgetType: v.budgetType, budgetJpy: v.budgetJpy, startsOn: v.startsOn, endsOn: v.endsOn, pacing: v.pacing, targeting: v.targeting, createdById: viewer.id })
      .returning({ id: campaigns.id });
    await audit(tx, viewer, "ad_campaign.created", row!.id, { name: v.name, budgetType: v.budgetType, budgetJpy: v.budgetJpy, total: totalBudget(v), startsOn: v.startsOn, endsOn: v.endsOn });
    return { id: row!.id };
  });
}

/** ad_campaign.manage — edit plan, budget, flight and targeting (not while launching, not after the end). */
export async function updateCampaign(viewer: Viewer, input: UpdateCampaignInput): Promise<{ id: string; status: CampaignRow["status"] }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(updateCampaignSchema, input);
  return db.transaction(async (tx) => {
    const c = await lockCampaign(tx, v.campaignId);
    if (!EDITABLE.includes(c.status)) throw new AppError("CONFLICT", ADS_ERRORS.notEditable);
    const total = totalBudget(v);
    const threshold = await readThreshold(tx);
    // A raise past the approved total while running: pause it until the manager approves again.
    const uncovered = needsBudgetApproval(total, threshold) && !approvalCovers(c.budgetApprovedJpy, total);
    if (c.status === "paused" && uncovered) throw new AppError("CONFLICT", ADS_ERRORS.budgetApprovalRequired);
    const finalStatus = statusAfterBudget(c, total, threshold);
    if (c.status === "pending_approval" && finalStatus !== "pending_approval") {
      await tx.update(adBudgetApprovals).set({ state: "superseded" }).where(and(eq(adBudgetApprovals.campaignId, c.id), eq(adBudgetApprovals.state, "pending")));
    }
    await tx
      .update(campaigns)
      .set({ name: v.name, objective: v.objective, budgetType: v.budgetType, budgetJpy: v.budgetJpy, startsOn: v.startsOn, endsOn: v.endsOn, pacing: v.pacing, targeting: v.targeting, status: finalStatus, updatedAt: new Date() })
      .where(eq(campaigns.id, c.id));
    await audit(tx, viewer, "ad_campaign.updated", c.id, {
      before: { budgetType: c.budgetType, budgetJpy: c.budgetJpy, total: totalBudget(c), startsOn: c.startsOn, endsOn: c.endsOn, status: c.status },
      after: { budgetType: v.budgetType, budgetJpy: v.budgetJpy, total, startsOn: v.startsOn, endsOn: v.endsOn, status: finalStatus },
    });
    return { id: c.id, status: finalStatus };
  });
}

/** ad_campaign.manage — an ad set (budget share + targeting) under a campaign that has not ended. */
export async function addAdSet(viewer: Viewer, input: AdSetInput): Promise<{ id: string }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(adSetSchema, input);
  return db.transaction(async (tx) => {
    const c = await lockCampaign(tx, v.campaignId);
    if (!EDITABLE.includes(c.status)) throw new AppError("CONFLICT", ADS_ERRORS.notEditable);
    const [row] = await tx.insert(adSets).values({ campaignId: c.id, name: v.name, dailyBudgetJpy: v.dailyBudgetJpy ?? null, targeting: v.targeting }).returning({ id: adSets.id });
    await audit(tx, viewer, "ad_set.created", row!.id, { campaignId: c.id, name: v.name, dailyBudgetJpy: v.dailyBudgetJpy ?? null }, "ad_set");
    return { id: row!.id };
  });
}

async function lockAdSetCampaign(tx: Tx, adSetId: string) {
  const [s] = await tx.select({ id: adSets.id, campaignId: adSets.campaignId }).from(adSets).where(eq(adSets.id, adSetId)).limit(1);
  if (!s) throw new AppError("NOT_FOUND");
  return lockCampaign(tx, s.campaignId);
}

/**
 * ad_campaign.manage — an ad: a boost of an exact approved revision of a post of the campaign's
 * brand, or a new creative (labelled as an ad; sent to Legal in the same transaction).
 */
export async function addAd(viewer: Viewer, input: AddAdInput): Promise<{ id: string; status: string; legalReviewId: string | null }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(addAdSchema, input);
  return db.transaction(async (tx) => {
    const c = await lockAdSetCampaign(tx, v.adSetId);
    if (!EDITABLE.includes(c.status)) throw new AppError("CONFLICT", ADS_ERRORS.notEditable);
    if (v.sourceKind === "boost") {
      const r = await approvedRevision(tx, v.postRevisionId);
      if (!r.ok || r.brandId !== c.brandId) throw new AppError("VALIDATION", ADS_ERRORS.revisionNotApproved, { postRevisionId: [ADS_ERRORS.revisionNotApproved] });
      const [row] = await tx.insert(ads).values({ adSetId: v.adSetId, name: v.name, sourceKind: "boost", postRevisionId: v.postRevisionId, status: "ready" }).returning({ id: ads.id });
      await audit(tx, viewer, "ad.created", row!.id, { campaignId: c.id, sourceKind: "boost", postId: r.postId, revisionId: v.postRevisionId }, "ad");
      return { id: row!.id, status: "ready", legalReviewId: null };
    }
    const creative = { text: v.text, headline: v.headline ?? null, linkUrl: v.linkUrl ?? null, cta: v.cta ?? null };
    const disclosure = creativeDisclosure(creative.text);
    if (disclosure.status !== "pass") throw new AppError("VALIDATION", ADS_ERRORS.disclosureMissing, { text: [`disclosure.${disclosure.reason}`] });
    const { snapshot, hash } = creativeSnapshot(creative);
    const [row] = await tx
      .insert(ads)
      .values({ adSetId: v.adSetId, name: v.name, sourceKind: "creative", creativeText: creative.text, creativeHeadline: creative.headline, creativeLinkUrl: creative.linkUrl, creativeCta: creative.cta, creativeHash: hash, status: "in_review" })
      .returning({ id: ads.id });
    const review = await requestLegalReview(tx, { subjectKind: "ad_creative", subjectId: row!.id, title: `${c.name} / ${v.name}`, snapshot, subjectHash: hash, requestedById: viewer.id, brandId: c.brandId, channelId: c.channelId });
    await tx.update(ads).set({ legalReviewId: review.id }).where(eq(ads.id, row!.id));
    await audit(tx, viewer, "ad.created", row!.id, { campaignId: c.id, sourceKind: "creative", creativeHash: hash, legalReviewId: review.id }, "ad");
    return { id: row!.id, status: "in_review", legalReviewId: review.id };
  });
}

/**
 * ad_campaign.manage — a new version of a creative. It goes to Legal again (the old review is
 * withdrawn by the Legal contract); a running ad is paused at once and stays paused until the new
 * version is cleared and someone resumes it.
 */
export async function updateCreative(viewer: Viewer, input: UpdateCreativeInput): Promise<{ id: string; status: string; paused: boolean }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(updateCreativeSchema, input);
  const out = await db.transaction(async (tx) => {
    const [a] = await tx.select({ id: ads.id, adSetId: ads.adSetId, name: ads.name, sourceKind: ads.sourceKind, status: ads.status, hash: ads.creativeHash, externalId: ads.externalId }).from(ads).where(eq(ads.id, v.adId)).limit(1);
    if (!a) throw new AppError("NOT_FOUND");
    const c = await lockAdSetCampaign(tx, a.adSetId);
    if (a.sourceKind !== "creative" || a.status === "ended" || c.status === "ended" || c.status === "launching") throw new AppError("CONFLICT", ADS_ERRORS.notEditable);
    const creative = { text: v.text, headline: v.headline ?? null, linkUrl: v.linkUrl ?? null, cta: v.cta ?? null };
    const disclosure = creativeDisclosure(creative.text);
    if (disclosure.status !== "pass") throw new AppError("VALIDATION", ADS_ERRORS.disclosureMissing, { text: [`disclosure.${disclosure.reason}`] });
    const { snapshot, hash } = creativeSnapshot(creative);
    if (hash === a.hash) return { id: a.id, status: a.status, paused: false, externalId: null, channelId: c.channelId };
    const wasRunning = a.status === "active";
    const review = await requestLegalReview(tx, { subjectKind: "ad_creative", subjectId: a.id, title: `${c.name} / ${a.name}`, snapshot, subjectHash: hash, requestedById: viewer.id, brandId: c.brandId, channelId: c.channelId });
    await tx
      .update(ads)
      .set({ creativeText: creative.text, creativeHeadline: creative.headline, creativeLinkUrl: creative.linkUrl, creativeCta: creative.cta, creativeHash: hash, legalReviewId: review.id, status: wasRunning ? "paused" : "in_review", pausedReason: wasRunning ? "creative_changed" : null, updatedAt: new Date() })
      .where(eq(ads.id, a.id));
    await audit(tx, viewer, "ad.creative_changed", a.id, { campaignId: c.id, fromHash: a.hash, toHash: hash, legalReviewId: review.id, paused: wasRunning }, "ad");
    return { id: a.id, status: wasRunning ? "paused" : "in_review", paused: wasRunning, externalId: wasRunning ? a.externalId : null, channelId: c.channelId };
  });
  if (out.paused && out.externalId) await remoteStatus(out.channelId, "ad", out.externalId, "paused");
  return { id: out.id, status: out.status, paused: out.paused };
}

// ── Budget approval ──

/** ad_campaign.manage — asks the manager to approve the campaign's total budget (only above the threshold). */
export async function requestBudgetApproval(viewer: Viewer, input: { campaignId: string; note?: string }): Promise<{ id: string }> {
  authorize(viewer, "ad_campaign.manage");
  const v = parseAds(requestBudgetSchema, input);
  return db.transaction(async (tx) => {
    const c = await lockCampaign(tx, v.campaignId);
    if (c.status !== "draft") throw new AppError("CONFLICT", c.status === "pending_approval" ? ADS_ERRORS.budgetApprovalPending : ADS_ERRORS.notEditable);
    const total = totalBudget(c);
    const threshold = await readThreshold(tx);
    if (!needsBudgetApproval(total, threshold) || approvalCovers(c.budgetApprovedJpy, total)) throw new AppError("CONFLICT", ADS_ERRORS.budgetUnderThreshold);
    const [row] = await tx.insert(adBudgetApprovals).values({ campaignId: c.id, amountJpy: total, note: v.note || null, requestedById: viewer.id }).returning({ id: adBudgetApprovals.id });
    await tx.update(campaigns).set({ status: "pending_approval", updatedAt: new Date() }).where(eq(campaigns.id, c.id));
    await audit(tx, viewer, "ad_budget.requested", c.id, { requestId: row!.id, amountJpy: total, thresholdJpy: threshold });
    await notify(tx, { permission: "ad_budget.approve", kind: "ad.budget_requested", params: { campaign: c.name, amountJpy: total, requesterName: viewer.name }, link: "/manager/ad-budgets", dedupeKey: `ad.budget_requested:${row!.id}` });
    return { id: row!.id };
  });
}

/** ad_budget.approve — approve or reject a pending request; the approval binds to the requested total. */
export async function decideBudget(viewer: Viewer, input: { requestId: string; decision: "approved" | "rejected"; reason?: string }): Promise<{ campaignId: string; status: string }> {
  authorize(viewer, "ad_budget.approve");
  const v = parseAds(decideBudgetSchema, input);
  if (v.decision === "rejected" && !v.reason) throw new AppError("VALIDATION", ADS_ERRORS.invalidInput, { reason: ["reason_required"] });
  return db.transaction(async (tx) => {
    const [req] = await tx.select().from(adBudgetApprovals).where(eq(adBudgetApprovals.id, v.requestId)).limit(1);
    if (!req) throw new AppError("NOT_FOUND");
    const c = await lockCampaign(tx, req.campaignId);
    const [fresh] = await tx.select({ state: adBudgetApprovals.state }).from(adBudgetApprovals).where(eq(adBudgetApprovals.id, req.id)).for("update");
    if (fresh?.state !== "pending") throw new AppError("CONFLICT", ADS_ERRORS.requestDecided);
    if (req.requestedById === viewer.id) throw new AppError("FORBIDDEN", ADS_ERRORS.ownRequest);
    const now = new Date();
    await tx.update(adBudgetApprovals).set({ state: v.decision, decidedById: viewer.id, decidedAt: now, reason: v.reason || null }).where(eq(adBudgetApprovals.id, req.id));
    const approved = v.decision === "approved";
    const status = approved ? "approved" : "draft";
    await tx
      .update(campaigns)
      .set(approved ? { status, budgetApprovedById: viewer.id, budgetApprovedJpy: req.amountJpy, updatedAt: now } : { status, updatedAt: now })
      .where(eq(campaigns.id, c.id));
    await audit(tx, viewer, approved ? "ad_budget.approved" : "ad_budget.rejected", c.id, { requestId: req.id, amountJpy: req.amountJpy, reason: v.reason ?? null });
    await notify(tx, {
      userIds: [req.requestedById],
      kind: "ad.budget_decided",
      params: { campaign: c.name, amountJpy: req.amountJpy, decision: v.decision, deciderName: viewer.name, reason: v.reason ?? null },
      link: `/ads/campaigns/${c.id}`,
      dedupeKey: `ad.budget_decided:${req.id}`,
    });
    return { campaignId: c.id, status };
  });
}

/** ad_budget.approve — the total above which a campaign needs the manager's approval. */
export async function setApprovalThreshold(viewer: Viewer, input: { approvalThresholdJpy: number | string }): Promise<{ approvalThresholdJpy: number }> {
  authorize(viewer, "ad_budget.approve");
  const v = parseAds(thresholdSchema, input);
  return db.transaction(async (tx) => {
    const before = await readThreshold(tx);
    await tx
      .insert(adSettings)
      .values({ id: "default", approvalThresholdJpy: v.approvalThresholdJpy, updatedById: viewer.id, updatedAt: new Date() })
      .onConflictDoUpdate({ target: adSettings.id, set: { approvalThresholdJpy: v.approvalThresholdJpy, updatedById: viewer.id, updatedAt: new Date() } });
    await audit(tx, viewer, "ad_settings.threshold_changed", "default", { before, after: v.approvalThresholdJpy }, "ad_settings");
    return { approvalThresholdJpy: v.approvalThresholdJpy };
  });
}

// ── Delivery control ──

async function channelRef(channelId: string) {
  const [ch] = await db.select(CHANNEL_REF_COLUMNS).from(channels).where(eq(channels.id, channelId)).limit(1);
  return ch ?? null;
}

/** Best effort remote status change (after the commit); a failure is noted on the campaign, the local state stands. */
export async function remoteStatus(channelId: string, level: "campaign" | "ad", externalId: string, status: "active" | "paused" | "ended"): Promise<boolean> {
  const ch = await channelRef(channelId);
  if (!ch) return false;
  const r = await adsConnectorFor(ch.connector).setStatus({ channel: ch, level, externalId, status, signal: AbortSignal.timeout(CONNECTOR_TIMEOUT_MS) });
  return r.kind === "done";
}

export type LaunchResult = { campaignId: string; status: "active" | "failed"; error: string | null };

/**
 * ad_campaign.launch — launches a planned campaign (see the module comment). Refused with
 * CONFLICT when: already launching/active/ended, budget approval missing, a crisis covers the
 * channel, no ads, or any ad is not runnable (names the ad).
 */
export async function launchCampaign(viewer: Viewer, input: { campaignId: string }): Promise<LaunchResult> {
  authorize(viewer, "ad_campaign.launch");
  const { campaignId } = parseAds(campaignIdSchema, input);
  const claim = await db.transaction(async (tx) => {
    await lockCrisisShared(tx);
    const c = await lockCampaign(tx, campaignId);
    if (c.status === "launching" || c.status === "active") throw new AppError("CONFLICT", ADS_ERRORS.alreadyLaunched);
    if (c.status === "ended" || c.status === "paused") throw new AppError("CONFLICT", ADS_ERRORS.notLaunchable);
    if (c.endsOn < tokyoDayOf(new Date())) throw new AppError("CONFLICT", ADS_ERRORS.flightOver);
    const total = totalBudget(c);
    const threshold = await readThreshold(tx);
    if (needsBudgetApproval(total, threshold) && !approvalCovers(c.budgetApprovedJpy, total)) throw new AppError("CONFLICT", ADS_ERRORS.budgetApprovalRequired);
    const crisis = await activeCrisisFor(tx, { brandId: c.brandId, channelId: c.channelId });
    if (crisis) throw new AppError("CONFLICT", ADS_ERRORS.crisisActive);
    // A channel its network cannot bill (no ad account, no token) is refused before anything is claimed.
    const [ch] = await tx.select(CHANNEL_REF_COLUMNS).from(channels).where(eq(channels.id, c.channelId)).limit(1);
    const gap = ch ? adsConnectorFor(ch.connector).setupGap(ch) : ADS_ERRORS.noAdAccount;
    if (gap) throw new AppError("CONFLICT", gap === "no_ads_credentials" ? ADS_ERRORS.noAdsCredentials : ADS_ERRORS.noAdAccount);
    const plan = await launchPlan(tx, c);
    if (plan.ads.length === 0) throw new AppError("CONFLICT", ADS_ERRORS.noAds);
    for (const a of plan.rows) {
      const r = await adReadiness(tx, a, c.brandId);
      if (!r.ok) throw new AppError("CONFLICT", r.reason ?? ADS_ERRORS.notLaunchable, { [`ad.${a.id}`]: [r.reason ?? ADS_ERRORS.notLaunchable] });
    }
    const launchKey = c.launchKey ?? `campaign:${c.id}:${crypto.randomUUID()}`;
    const now = new Date();
    await tx.update(campaigns).set({ status: "launching", launchKey, launchClaimedAt: now, lastError: null, updatedAt: now }).where(eq(campaigns.id, c.id));
    await audit(tx, viewer, "ad_campaign.launch_claimed", c.id, { launchKey, total, thresholdJpy: threshold, ads: plan.ads.length });
    return { c, launchKey, plan, fromStatus: c.status };
  });

  const ch = await channelRef(claim.c.channelId);
  const outcome = ch
    ? await adsConnectorFor(ch.connector).launch({
        channel: ch,
        idempotencyKey: claim.launchKey,
        campaign: { id: claim.c.id, name: claim.c.name, objective: claim.c.objective, budgetType: claim.c.budgetType, budgetJpy: claim.c.budgetJpy, startsOn: claim.c.startsOn, endsOn: claim.c.endsOn, externalId: claim.c.externalId },
        adSets: claim.plan.adSets,
        ads: claim.plan.ads,
        signal: AbortSignal.timeout(CONNECTOR_TIMEOUT_MS),
      })
    : ({ kind: "failed", code: "config", message: "channel gone", retryable: false, created: { campaign: null, adSets: {}, ads: {} } } as const);

  return db.transaction(async (tx) => {
    const c = await lockCampaign(tx, campaignId);
    if (c.status !== "launching" || c.launchKey !== claim.launchKey) return { campaignId, status: "failed" as const, error: ADS_ERRORS.alreadyLaunched };
    await storeExternalIds(tx, campaignId, outcome.created);
    const now = new Date();
    if (outcome.kind === "launched") {
      const today = tokyoDayOf(now);
      await tx
        .update(campaigns)
        .set({ status: "active", launchedAt: c.launchedAt ?? now, pausedReason: null, sandboxNextDay: c.sandboxNextDay ?? (c.startsOn > today ? c.startsOn : today), updatedAt: now })
        .where(eq(campaigns.id, c.id));
      await tx.update(ads).set({ status: "active", pausedReason: null, updatedAt: now }).where(inArray(ads.id, claim.plan.ads.map((a) => a.id)));
      await audit(tx, viewer, "ad_campaign.launched", c.id, { launchKey: claim.launchKey, externalId: outcome.created.campaign, ads: claim.plan.ads.length });
      return { campaignId, status: "active" as const, error: null };
    }
    await tx.update(campaigns).set({ status: claim.fromStatus, lastError: `${outcome.code}: ${outcome.message}`.slice(0, 500), updatedAt: now }).where(eq(campaigns.id, c.id));
    await audit(tx, viewer, "ad_campaign.launch_failed", c.id, { launchKey: claim.launchKey, code: outcome.code, retryable: outcome.retryable });
    return { campaignId, status: "failed" as const, error: outcome.code };
  });
}

async function storeExternalIds(tx: Tx, campaignId: string, created: AdsCreated) {
  if (created.campaign) await tx.update(campaigns).set({ externalId: created.campaign }).where(eq(campaigns.id, campaignId));
  for (const [id, ext] of Object.entries(created.adSets)) await tx.update(adSets).set({ externalId: ext }).where(and(eq(adSets.id, id), eq(adSets.campaignId, campaignId)));
  for (const [id, ext] of Object.entries(created.ads)) await tx.update(ads).set({ externalId: ext }).where(eq(ads.id, id));
}

/** The ad sets and the not-ended ads of a campaign, as the connector needs them (creative text or the boosted post). */
async function launchPlan(tx: Tx, c: CampaignRow) {
  const sets = await tx.select().from(adSets).where(eq(adSets.campaignId, c.id)).orderBy(adSets.createdAt);
  const rows = sets.length
    ? await tx
        .select()
        .from(ads)
        .where(and(inArray(ads.adSetId, sets.map((s) => s.id)), inArray(ads.status, ["draft", "in_review", "ready", "paused", "active"])))
        .orderBy(ads.createdAt)
    : [];
  const planAds = [];
  for (const a of rows) {
    let text = a.creativeText ?? "";
    let boostExternalPostId: string | null = null;
    if (a.sourceKind === "boost" && a.postRevisionId) {
      const r = await approvedRevision(tx, a.postRevisionId);
      if (r.ok) {
        text = r.text(c.channelId);
        boostExternalPostId = await publishedExternalId(tx, r.postId, c.channelId);
      }
    }
    planAds.push({ id: a.id, adSetId: a.adSetId, name: a.name, boostExternalPostId, text, headline: a.creativeHeadline, linkUrl: a.creativeLinkUrl, cta: a.creativeCta, externalId: a.externalId });
  }
  const usedSets = new Set(rows.map((a) => a.adSetId));
  return {
    rows,
    ads: planAds,
    adSets: sets.filter((s) => usedSets.has(s.id)).map((s) => ({ id: s.id, name: s.name, dailyBudgetJpy: s.dailyBudgetJpy, targeting: readTargeting({ ...(c.targeting as object), ...(s.targeting as object) }) as Targeting, externalId: s.externalId })),
  };
}

async function changeCampaignStatus(viewer: Viewer, campaignId: string, to: "paused" | "active" | "ended") {
  const out = await db.transaction(async (tx) => {
    await lockCrisisShared(tx);
    const c = await lockCampaign(tx, campaignId);
    if (to === "paused" && c.status !== "active") throw new AppError("CONFLICT", ADS_ERRORS.notActive);
    if (to === "active" && c.status !== "paused") throw new AppError("CONFLICT", ADS_ERRORS.notPaused);
    if (to === "ended" && !["active", "paused", "approved", "draft", "pending_approval"].includes(c.status)) throw new AppError("CONFLICT", ADS_ERRORS.ended);
    if (to === "active") {
      if (await activeCrisisFor(tx, { brandId: c.brandId, channelId: c.channelId })) throw new AppError("CONFLICT", ADS_ERRORS.crisisActive);
      const total = totalBudget(c);
      if (needsBudgetApproval(total, await readThreshold(tx)) && !approvalCovers(c.budgetApprovedJpy, total)) throw new AppError("CONFLICT", ADS_ERRORS.budgetApprovalRequired);
      if (c.endsOn < tokyoDayOf(new Date())) throw new AppError("CONFLICT", ADS_ERRORS.flightOver);
    }
    const now = new Date();
    await tx
      .update(campaigns)
      .set({ status: to, pausedReason: to === "paused" ? "manual" : null, pausedByCrisisId: null, endedAt: to === "ended" ? now : c.endedAt, updatedAt: now })
      .where(eq(campaigns.id, c.id));
    if (to === "ended") {
      const sets = await tx.select({ id: adSets.id }).from(adSets).where(eq(adSets.campaignId, c.id));
      if (sets.length) await tx.update(ads).set({ status: "ended", updatedAt: now }).where(and(inArray(ads.adSetId, sets.map((s) => s.id)), inArray(ads.status, ["active", "paused", "ready", "draft", "in_review"])));
    }
    await audit(tx, viewer, to === "paused" ? "ad_campaign.paused" : to === "active" ? "ad_campaign.resumed" : "ad_campaign.ended", c.id, { fromStatus: c.status, pausedReason: c.pausedReason });
    return c;
  });
  if (out.externalId) await remoteStatus(out.channelId, "campaign", out.externalId, to);
  return { campaignId, status: to };
}

/** ad_campaign.launch — pause an active campaign. */
export async function pauseCampaign(viewer: Viewer, input: { campaignId: string }) {
  authorize(viewer, "ad_campaign.launch");
  return changeCampaignStatus(viewer, parseAds(campaignIdSchema, input).campaignId, "paused");
}

/** ad_campaign.launch — resume a paused campaign (refused while a crisis covers it or its budget is not covered). */
export async function resumeCampaign(viewer: Viewer, input: { campaignId: string }) {
  authorize(viewer, "ad_campaign.launch");
  return changeCampaignStatus(viewer, parseAds(campaignIdSchema, input).campaignId, "active");
}

/** ad_campaign.launch — end a campaign for good. */
export async function endCampaign(viewer: Viewer, input: { campaignId: string }) {
  authorize(viewer, "ad_campaign.launch");
  return changeCampaignStatus(viewer, parseAds(campaignIdSchema, input).campaignId, "ended");
}

/** ad_campaign.launch — pause or resume one ad of a running campaign (resume re-checks that the ad may run). */
export async function setAdStatus(viewer: Viewer, input: { adId: string; to: "paused" | "active" }) {
  authorize(viewer, "ad_campaign.launch");
  const { adId } = parseAds(adIdSchema, { adId: input.adId });
  const to = input.to === "active" ? "active" : "paused";
  const out = await db.transaction(async (tx) => {
    await lockCrisisShared(tx);
    const [a] = await tx.select().from(ads).where(eq(ads.id, adId)).limit(1);
    if (!a) throw new AppError("NOT_FOUND");
    const c = await lockAdSetCampaign(tx, a.adSetId);
    if (to === "paused" && a.status !== "active") throw new AppError("CONFLICT", ADS_ERRORS.notActive);
    if (to === "active") {
      if (a.status !== "paused" || !["active", "paused"].includes(c.status)) throw new AppError("CONFLICT", ADS_ERRORS.notPaused);
      if (await activeCrisisFor(tx, { brandId: c.brandId, channelId: c.channelId })) throw new AppError("CONFLICT", ADS_ERRORS.crisisActive);
      const r = await adReadiness(tx, a, c.brandId);
      if (!r.ok) throw new AppError("CONFLICT", r.reason ?? ADS_ERRORS.notLaunchable);
    }
    await tx.update(ads).set({ status: to, pausedReason: to === "paused" ? "manual" : null, updatedAt: new Date() }).where(eq(ads.id, a.id));
    await audit(tx, viewer, to === "paused" ? "ad.paused" : "ad.resumed", a.id, { campaignId: c.id, fromStatus: a.status, pausedReason: a.pausedReason }, "ad");
    return { externalId: a.externalId, channelId: c.channelId };
  });
  if (out.externalId) await remoteStatus(out.channelId, "ad", out.externalId, to);
  return { adId, status: to };
}

// ── Reads for the manager panel ──

export type BudgetRequestDto = {
  id: string;
  campaignId: string;
  campaignName: string;
  brandName: string;
  budgetType: CampaignRow["budgetType"];
  budgetJpy: number;
  amountJpy: number;
  startsOn: string;
  endsOn: string;
  note: string | null;
  state: string;
  requestedByName: string | null;
  requestedAt: Date;
  decidedAt: Date | null;
  reason: string | null;
};

/** ad_budget.approve or ad_campaign.read — pending requests first, then the latest decisions. */
export async function listBudgetRequests(viewer: Viewer): Promise<{ thresholdJpy: number; pending: BudgetRequestDto[]; decided: BudgetRequestDto[] }> {
  if (!viewer.permissions.has("ad_budget.approve")) authorize(viewer, "ad_campaign.read");
  const cols = {
    id: adBudgetApprovals.id,
    campaignId: campaigns.id,
    campaignName: campaigns.name,
    brandName: brands.name,
    budgetType: campaigns.budgetType,
    budgetJpy: campaigns.budgetJpy,
    amountJpy: adBudgetApprovals.amountJpy,
    startsOn: campaigns.startsOn,
    endsOn: campaigns.endsOn,
    note: adBudgetApprovals.note,
    state: adBudgetApprovals.state,
    requestedByName: sql<string | null>`(select name from users u where u.id = ${adBudgetApprovals.requestedById})`,
    requestedAt: adBudgetApprovals.requestedAt,
    decidedAt: adBudgetApprovals.decidedAt,
    reason: adBudgetApprovals.reason,
  };
  const base = () => db.select(cols).from(adBudgetApprovals).innerJoin(campaigns, eq(campaigns.id, adBudgetApprovals.campaignId)).innerJoin(brands, eq(brands.id, campaigns.brandId));
  const [thresholdJpy, pending, decided] = await Promise.all([
    readThreshold(db),
    base().where(eq(adBudgetApprovals.state, "pending")).orderBy(adBudgetApprovals.requestedAt),
    base().where(inArray(adBudgetApprovals.state, ["approved", "rejected"])).orderBy(desc(adBudgetApprovals.decidedAt)).limit(20),
  ]);
  return { thresholdJpy, pending, decided };
}

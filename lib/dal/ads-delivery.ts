import "server-only";
import { and, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { adMetricsDaily, adRuleFirings, adRules, adSets, ads, campaigns, channels, inboxItems, spendDaily } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { adsConnectorFor } from "@/lib/channels/ads";
import { addDays, cpaBreach, dailyCaps, negativeSpike, tokyoDayOf, totalBudget, type AdObjective } from "@/lib/domain/ads";
import { recordAudit } from "./audit";
import { activeCrisisFor, lockCrisisShared } from "./crisis-guard";
import { notify } from "./notify";
import { CHANNEL_REF_COLUMNS } from "./publishing";
import { ADS_ERRORS, approvedRevision, campaignIdSchema, parseAds, publishedExternalId } from "./ads-shared";
import { remoteStatus } from "./ads";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Delivery (issue 7), run by the worker (lib/jobs/ads.ts) as the system:
 * - deliverDue(): for every active campaign, reads the connector's results day by day from the
 *   campaign's delivery cursor through yesterday (Tokyo) and stores them (upsert: a re-run writes
 *   the same numbers). The sandbox connector simulates; Meta answers from its insights. A day is
 *   only stored while the campaign is still active, uncovered by a crisis and the cursor unchanged
 *   (checked under the campaign lock and the crisis lock), so a paused campaign never accrues.
 * - pauseForCrises(): every active campaign an active crisis covers is paused (reason crisis).
 * - evaluateRules(): automated rules per active ad; each firing is inserted once per
 *   (rule, ad, condition window) — the unique index makes a repeated evaluation a no-op — then
 *   recorded, notified and acted on (pause the ad).
 * simulateNextDay() lets ad ops run the sandbox ahead by one day from the campaign page.
 */

const SYSTEM = { id: null, label: "system:ads" } as const;
const TIMEOUT_MS = 20_000;

type DeliveryReport = { campaignId: string; days: string[]; ended: boolean; skipped?: string };

/** One campaign, one day: ask the connector, store, advance the cursor (see the module comment). */
async function deliverDay(campaignId: string, day: string, actor: { id: string | null; label: string }, requestId: string | null): Promise<"stored" | "skipped" | "failed"> {
  const [c] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  if (!c || c.status !== "active" || c.sandboxNextDay !== day || day > c.endsOn) return "skipped";
  const [ch] = await db.select(CHANNEL_REF_COLUMNS).from(channels).where(eq(channels.id, c.channelId)).limit(1);
  if (!ch) return "skipped";
  const sets = await db.select({ id: adSets.id, dailyBudgetJpy: adSets.dailyBudgetJpy }).from(adSets).where(eq(adSets.campaignId, c.id));
  const live = sets.length ? await db.select({ id: ads.id, adSetId: ads.adSetId, externalId: ads.externalId }).from(ads).where(and(inArray(ads.adSetId, sets.map((s) => s.id)), eq(ads.status, "active"))) : [];
  const caps = dailyCaps(c, day, sets.map((s) => ({ ...s, adIds: live.filter((a) => a.adSetId === s.id).map((a) => a.id) })));
  const [spent] = await db
    .select({ n: sql<number>`coalesce(sum(${spendDaily.spendJpy}), 0)::bigint`.mapWith(Number) })
    .from(spendDaily)
    .innerJoin(ads, eq(ads.id, spendDaily.adId))
    .innerJoin(adSets, eq(adSets.id, ads.adSetId))
    .where(and(eq(adSets.campaignId, c.id), sql`${spendDaily.day} < ${day}`));
  let remaining = c.budgetType === "lifetime" ? Math.max(0, totalBudget(c) - (spent?.n ?? 0)) : undefined;
  const rows: { adId: string; spendJpy: number; impressions: number; clicks: number; conversions: number; revenueJpy: number }[] = [];
  for (const a of live) {
    if (!a.externalId) continue;
    const r = await adsConnectorFor(ch.connector).insights({
      channel: ch,
      ad: { id: a.id, externalId: a.externalId, objective: c.objective as AdObjective },
      since: day,
      until: day,
      simulation: { capsByDay: { [day]: caps.get(a.id) ?? 0 }, remainingJpy: remaining },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (r.kind !== "ok") {
      await db.update(campaigns).set({ lastError: `insights ${r.code}: ${r.message}`.slice(0, 500) }).where(eq(campaigns.id, c.id));
      return "failed";
    }
    const d = r.days.find((x) => x.day === day) ?? { spendJpy: 0, impressions: 0, clicks: 0, conversions: 0, revenueJpy: 0 };
    if (remaining !== undefined) remaining -= d.spendJpy;
    rows.push({ adId: a.id, ...d });
  }
  return db.transaction(async (tx) => {
    await lockCrisisShared(tx);
    const [cur] = await tx.select({ status: campaigns.status, next: campaigns.sandboxNextDay, endsOn: campaigns.endsOn }).from(campaigns).where(eq(campaigns.id, c.id)).for("update");
    if (!cur || cur.status !== "active" || cur.next !== day) return "skipped" as const;
    const crisis = await activeCrisisFor(tx, { brandId: c.brandId, channelId: c.channelId });
    if (crisis) {
      await pauseForCrisis(tx, c.id, crisis.id);
      return "skipped" as const;
    }
    for (const r of rows) {
      await tx.insert(spendDaily).values({ adId: r.adId, day, spendJpy: r.spendJpy }).onConflictDoUpdate({ target: [spendDaily.adId, spendDaily.day], set: { spendJpy: r.spendJpy } });
      await tx
        .insert(adMetricsDaily)
        .values({ adId: r.adId, day, impressions: r.impressions, clicks: r.clicks, conversions: r.conversions, revenueJpy: r.revenueJpy })
        .onConflictDoUpdate({ target: [adMetricsDaily.adId, adMetricsDaily.day], set: { impressions: r.impressions, clicks: r.clicks, conversions: r.conversions, revenueJpy: r.revenueJpy } });
    }
    const next = addDays(day, 1);
    const ended = next > cur.endsOn;
    await tx.update(campaigns).set({ sandboxNextDay: next, lastError: null, ...(ended ? { status: "ended" as const, endedAt: new Date() } : {}), updatedAt: new Date() }).where(eq(campaigns.id, c.id));
    const total = rows.reduce((a, r) => a + r.spendJpy, 0);
    await recordAudit(tx, { actor, action: "ad_campaign.delivered", subjectType: "ad_campaign", subjectId: c.id, data: { day, ads: rows.length, spendJpy: total, ended }, requestId });
    return "stored" as const;
  });
}

/** Worker: every active campaign delivers from its cursor through yesterday (Tokyo). */
export async function deliverDue(now: Date = new Date()): Promise<DeliveryReport[]> {
  const yesterday = tokyoDayOf(now, -1);
  const due = await db
    .select({ id: campaigns.id, next: campaigns.sandboxNextDay })
    .from(campaigns)
    .where(and(eq(campaigns.status, "active"), lte(campaigns.sandboxNextDay, yesterday)));
  const out: DeliveryReport[] = [];
  for (const c of due) {
    const days: string[] = [];
    let d = c.next!;
    for (let i = 0; i < 60 && d <= yesterday; i++) {
      const r = await deliverDay(c.id, d, SYSTEM, null);
      if (r !== "stored") break;
      days.push(d);
      d = addDays(d, 1);
    }
    if (days.length) await evaluateRules(c.id, now);
    out.push({ campaignId: c.id, days, ended: false });
  }
  return out;
}

/**
 * ad_campaign.launch — the sandbox runs one day ahead for this campaign (demo and tests: a day of
 * delivery without waiting a day), then its rules are evaluated. Sandbox campaigns only.
 */
export async function simulateNextDay(viewer: Viewer, input: { campaignId: string }): Promise<{ day: string | null; status: string }> {
  authorize(viewer, "ad_campaign.launch");
  const { campaignId } = parseAds(campaignIdSchema, input);
  const [c] = await db.select({ status: campaigns.status, next: campaigns.sandboxNextDay, connector: channels.connector }).from(campaigns).innerJoin(channels, eq(channels.id, campaigns.channelId)).where(eq(campaigns.id, campaignId)).limit(1);
  if (!c) throw new AppError("NOT_FOUND");
  if (c.connector !== "sandbox") throw new AppError("CONFLICT", ADS_ERRORS.notSandbox);
  if (c.status !== "active" || !c.next) throw new AppError("CONFLICT", ADS_ERRORS.notActive);
  const r = await deliverDay(campaignId, c.next, actorOf(viewer), viewer.requestId);
  if (r !== "stored") throw new AppError("CONFLICT", r === "failed" ? ADS_ERRORS.connector : ADS_ERRORS.notActive);
  await evaluateRules(campaignId, new Date(), c.next);
  const [after] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  return { day: c.next, status: after?.status ?? "active" };
}

// ── Crisis ──

async function pauseForCrisis(tx: Tx, campaignId: string, crisisId: string) {
  await tx.update(campaigns).set({ status: "paused", pausedReason: "crisis", pausedByCrisisId: crisisId, updatedAt: new Date() }).where(eq(campaigns.id, campaignId));
  await recordAudit(tx, { actor: SYSTEM, action: "ad_campaign.paused_by_crisis", subjectType: "ad_campaign", subjectId: campaignId, data: { crisisId } });
}

/** Worker: pauses every active (or launching-then-active) campaign an active crisis covers; then pauses it on the network. */
export async function pauseForCrises(): Promise<{ paused: string[] }> {
  const paused = await db.transaction(async (tx) => {
    await lockCrisisShared(tx);
    const rows = await tx
      .select({ id: campaigns.id, name: campaigns.name, brandId: campaigns.brandId, channelId: campaigns.channelId, externalId: campaigns.externalId })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.status, "active"),
          sql`exists (select 1 from crisis_states cs where cs.ended_at is null and (cs.scope = 'all' or (cs.scope = 'brand' and cs.brand_id = ${campaigns.brandId}) or (cs.scope = 'channel' and cs.channel_id = ${campaigns.channelId})))`,
        ),
      )
      .for("update");
    const out: typeof rows = [];
    for (const r of rows) {
      const crisis = await activeCrisisFor(tx, { brandId: r.brandId, channelId: r.channelId });
      if (!crisis) continue;
      await pauseForCrisis(tx, r.id, crisis.id);
      await notify(tx, { permission: "ad_campaign.launch", kind: "ad.paused_by_crisis", params: { campaign: r.name }, link: `/ads/campaigns/${r.id}`, dedupeKey: `ad.paused_by_crisis:${r.id}:${crisis.id}` });
      out.push(r);
    }
    return out;
  });
  for (const p of paused) if (p.externalId) await remoteStatus(p.channelId, "campaign", p.externalId, "paused").catch(() => false);
  return { paused: paused.map((p) => p.id) };
}

// ── Automated rules ──

type Firing = { ruleId: string; ruleName: string; adId: string; adName: string; windowKey: string; observed: Record<string, unknown>; action: "pause_ad" | "notify" };

/** Negative comments on the boosted post (inbox items answering its external id on the campaign's channel). */
async function negativeCommentTimes(channelId: string, externalPostId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ at: inboxItems.receivedAt })
    .from(inboxItems)
    .where(
      and(
        eq(inboxItems.channelId, channelId),
        eq(inboxItems.sentiment, "negative"),
        gte(inboxItems.receivedAt, since),
        or(eq(inboxItems.parentExternalId, externalPostId), eq(inboxItems.threadKey, externalPostId), sql`${inboxItems.threadKey} like ${`%${externalPostId}%`}`),
      ),
    );
  return rows.map((r) => r.at);
}

/**
 * Evaluates every enabled rule that covers the campaign against each of its active ads (and the
 * ads a rule paused remain recorded). `asOfDay` is the last delivered day (default: yesterday).
 */
export async function evaluateRules(campaignId: string, now: Date = new Date(), asOfDay?: string): Promise<{ fired: number }> {
  const [c] = await db.select({ id: campaigns.id, name: campaigns.name, channelId: campaigns.channelId, brandId: campaigns.brandId }).from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  if (!c) return { fired: 0 };
  const rules = await db.select().from(adRules).where(and(eq(adRules.enabled, true), or(isNull(adRules.campaignId), eq(adRules.campaignId, campaignId))));
  if (!rules.length) return { fired: 0 };
  const sets = await db.select({ id: adSets.id }).from(adSets).where(eq(adSets.campaignId, campaignId));
  const live = sets.length ? await db.select().from(ads).where(and(inArray(ads.adSetId, sets.map((s) => s.id)), eq(ads.status, "active"))) : [];
  const through = asOfDay ?? tokyoDayOf(now, -1);
  const candidates: Firing[] = [];
  for (const a of live) {
    for (const rule of rules) {
      const params = rule.params as Record<string, number>;
      if (rule.kind === "cpa_above") {
        const days = Math.max(1, Number(params.days ?? 2));
        const from = addDays(through, -Math.max(14, days + 1));
        const series = await db
          .select({ day: spendDaily.day, spendJpy: spendDaily.spendJpy, conversions: sql<number>`coalesce(${adMetricsDaily.conversions}, 0)`.mapWith(Number) })
          .from(spendDaily)
          .leftJoin(adMetricsDaily, and(eq(adMetricsDaily.adId, spendDaily.adId), eq(adMetricsDaily.day, spendDaily.day)))
          .where(and(eq(spendDaily.adId, a.id), gte(spendDaily.day, from), lte(spendDaily.day, through)));
        const r = cpaBreach(series, Number(params.limitJpy ?? 0), days);
        if (r.breached && r.windowKey) candidates.push({ ruleId: rule.id, ruleName: rule.name, adId: a.id, adName: a.name, windowKey: r.windowKey, observed: { limitJpy: params.limitJpy, days, streak: r.streak, cpaByDay: r.cpaByDay }, action: rule.action });
      } else if (rule.kind === "negative_comments_spike" && a.sourceKind === "boost" && a.postRevisionId) {
        const rev = await approvedRevision(db, a.postRevisionId);
        const ext = rev.ok ? await publishedExternalId(db, rev.postId, c.channelId) : null;
        if (!ext) continue;
        const hours = Math.max(1, Number(params.hours ?? 6));
        const times = await negativeCommentTimes(c.channelId, ext, new Date(now.getTime() - hours * 3_600_000));
        const r = negativeSpike(times, now, Number(params.count ?? 10), hours);
        if (r.breached && r.windowKey) candidates.push({ ruleId: rule.id, ruleName: rule.name, adId: a.id, adName: a.name, windowKey: r.windowKey, observed: { count: r.observed, threshold: params.count, hours }, action: rule.action });
      }
    }
  }
  let fired = 0;
  for (const f of candidates) {
    const remote = await db.transaction(async (tx) => {
      const [ins] = await tx
        .insert(adRuleFirings)
        .values({ ruleId: f.ruleId, adId: f.adId, windowKey: f.windowKey, observed: f.observed, actionTaken: "notified" })
        .onConflictDoNothing()
        .returning({ id: adRuleFirings.id });
      if (!ins) return null;
      let actionTaken: "paused" | "notified" | "already_paused" = "notified";
      let externalId: string | null = null;
      if (f.action === "pause_ad") {
        const [p] = await tx
          .update(ads)
          .set({ status: "paused", pausedReason: "rule", updatedAt: new Date() })
          .where(and(eq(ads.id, f.adId), eq(ads.status, "active")))
          .returning({ externalId: ads.externalId });
        actionTaken = p ? "paused" : "already_paused";
        externalId = p?.externalId ?? null;
        await tx.update(adRuleFirings).set({ actionTaken }).where(eq(adRuleFirings.id, ins.id));
      }
      await recordAudit(tx, { actor: SYSTEM, action: "ad_rule.fired", subjectType: "ad", subjectId: f.adId, data: { ruleId: f.ruleId, firingId: ins.id, windowKey: f.windowKey, actionTaken, observed: f.observed } });
      await notify(tx, {
        permission: "ad_campaign.launch",
        kind: "ad.rule_fired",
        params: { rule: f.ruleName, ad: f.adName, campaign: c.name, action: actionTaken },
        link: `/ads/campaigns/${c.id}`,
        dedupeKey: `ad.rule_fired:${ins.id}`,
      });
      return { externalId };
    });
    if (remote) {
      fired++;
      if (remote.externalId) await remoteStatus(c.channelId, "ad", remote.externalId, "paused").catch(() => false);
    }
  }
  return { fired };
}

import { graphBaseUrl } from "../meta";
import { resolveCredential, type ChannelRef } from "../types";
import type { AdObjective, Targeting } from "@/lib/domain/ads";
import { PREFECTURES } from "@/lib/domain/ads";
import type { AdsConnector, AdsCreated, AdsInsightsDay, AdsLaunchOutcome, AdsStatus } from "./types";

/*
 * Meta Marketing API connector (https://developers.facebook.com/docs/marketing-api): a campaign
 * (POST act_<id>/campaigns), one ad set per ours (act_<id>/adsets, budgets in JPY — a zero-decimal
 * currency, so the amount is sent as is), a creative per ad (act_<id>/adcreatives: object_story_id
 * for a boosted Page post, else object_story_spec) and the ad (act_<id>/ads). Everything is
 * created PAUSED and the campaign switched ACTIVE last, so a half-finished launch never delivers.
 * Launch is idempotent across attempts: what already has an external id is not created again, and
 * a failure returns what was created before it so the caller stores it.
 * Insights: GET <ad>/insights with time_increment=1; conversions are the purchase actions.
 * The ad account is the channel's own (channels.ad_account_id, digits with or without act_), else
 * META_AD_ACCOUNT_ID for a deployment with one account; the token comes from the channel's
 * credentials reference (or META_ACCESS_TOKEN, as for publishing). A channel with neither account
 * nor token is refused before a launch is claimed (setupGap), so it never half-launches.
 */

type GraphErr = { message?: string; code?: number };
type R<T> = { ok: true; body: T } | { ok: false; code: string; message: string; retryable: boolean };

const RATE = new Set([4, 17, 32, 613, 80000, 80004]);
const AUTH = new Set([102, 190, 10]);

async function call<T>(method: "GET" | "POST", path: string, token: string, params: Record<string, string | number | undefined>, signal: AbortSignal): Promise<R<T>> {
  const url = new URL(`${graphBaseUrl()}/${path}`);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (method === "GET") url.searchParams.set(k, String(v));
    else body.set(k, String(v));
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: method === "POST" ? body : undefined,
      signal,
    });
  } catch (e) {
    return { ok: false, code: signal.aborted ? "timeout" : "network", message: `Graph: ${(e as Error).message}`, retryable: true };
  }
  let json: { error?: GraphErr } | null = null;
  try {
    json = (await res.json()) as { error?: GraphErr };
  } catch {
    /* fall through */
  }
  const err = json?.error;
  if (res.ok && !err && json) return { ok: true, body: json as T };
  const code = err?.code ?? 0;
  const message = `Graph ${res.status}${code ? ` code ${code}` : ""}: ${err?.message ?? "error"}`;
  if (RATE.has(code) || res.status === 429) return { ok: false, code: "rate_limited", message, retryable: true };
  if (AUTH.has(code) || (code >= 200 && code <= 299)) return { ok: false, code: "auth", message, retryable: false };
  if (res.status >= 500) return { ok: false, code: "unavailable", message, retryable: true };
  return { ok: false, code: "invalid", message, retryable: false };
}

/** The digits of the channel's Meta ad account (act_ prefix optional), or null when it has none. */
export function metaAdAccountOf(channel: Pick<ChannelRef, "adAccountId">): string | null {
  const raw = (channel.adAccountId ?? process.env.META_AD_ACCOUNT_ID ?? "").trim().replace(/^act_/, "");
  return /^\d{1,30}$/.test(raw) ? raw : null;
}

const tokenOf = (channel: ChannelRef) => resolveCredential(channel.credentialsRef) ?? process.env.META_ACCESS_TOKEN ?? null;

function account(channel: ChannelRef): { act: string; token: string; pageId: string | null } | null {
  const token = tokenOf(channel);
  const act = metaAdAccountOf(channel);
  if (!token || !act) return null;
  return { act: `act_${act}`, token, pageId: channel.externalAccountId };
}

const OBJECTIVES: Record<AdObjective, string> = {
  awareness: "OUTCOME_AWARENESS",
  traffic: "OUTCOME_TRAFFIC",
  engagement: "OUTCOME_ENGAGEMENT",
  conversions: "OUTCOME_SALES",
};
const OPTIMIZATION: Record<AdObjective, string> = { awareness: "REACH", traffic: "LINK_CLICKS", engagement: "POST_ENGAGEMENT", conversions: "OFFSITE_CONVERSIONS" };
const STATUS: Record<AdsStatus, string> = { active: "ACTIVE", paused: "PAUSED", ended: "ARCHIVED" };

/**
 * Targeting spec: Japan, prefectures as region keys, genders 1/2, locales. The region keys are
 * derived from the JIS order (2318 + n); before going live, verify them once against Meta's
 * Targeting Search (type=adgeolocation, location_types=["region"], country_code=JP).
 */
export function metaTargeting(t: Targeting): Record<string, unknown> {
  const regions = t.prefectures
    .map((name) => PREFECTURES.findIndex((p) => p.ja === name))
    .filter((i) => i >= 0)
    .map((i) => ({ key: String(2318 + i) }));
  const locales: Record<string, number> = { ja: 11, en: 6, zh: 20, ko: 29 };
  return {
    age_min: t.ageMin,
    age_max: t.ageMax,
    ...(t.genders.length === 1 ? { genders: [t.genders[0] === "male" ? 1 : 2] } : {}),
    geo_locations: regions.length ? { regions } : { countries: ["JP"] },
    ...(t.interests.length ? { flexible_spec: [{ interests: t.interests.map((name) => ({ name })) }] } : {}),
    ...(t.languages.length ? { locales: t.languages.map((l) => locales[l]).filter(Boolean) } : {}),
  };
}

const tokyoStart = (day: string) => `${day}T00:00:00+0900`;
const tokyoEnd = (day: string) => `${day}T23:59:59+0900`;

export const metaAdsConnector: AdsConnector = {
  kind: "meta",
  setupGap(channel) {
    if (!metaAdAccountOf(channel)) return "no_ad_account";
    if (!tokenOf(channel)) return "no_ads_credentials";
    return null;
  },
  async launch(req): Promise<AdsLaunchOutcome> {
    const created: AdsCreated = { campaign: req.campaign.externalId, adSets: {}, ads: {} };
    for (const s of req.adSets) if (s.externalId) created.adSets[s.id] = s.externalId;
    for (const a of req.ads) if (a.externalId) created.ads[a.id] = a.externalId;
    const acct = account(req.channel);
    if (!acct) return { kind: "failed", code: "config", message: "Meta ads: the channel has no ad account (channels.ad_account_id / META_AD_ACCOUNT_ID) or no access token", retryable: false, created };
    const fail = (r: Extract<R<unknown>, { ok: false }>): AdsLaunchOutcome => ({ kind: "failed", code: r.code, message: r.message, retryable: r.retryable, created });
    const c = req.campaign;
    if (!created.campaign) {
      const r = await call<{ id: string }>("POST", `${acct.act}/campaigns`, acct.token, { name: c.name, objective: OBJECTIVES[c.objective], status: "PAUSED", special_ad_categories: "[]" }, req.signal);
      if (!r.ok) return fail(r);
      created.campaign = r.body.id;
    }
    for (const s of req.adSets) {
      if (created.adSets[s.id]) continue;
      const budget =
        c.budgetType === "lifetime" ? { lifetime_budget: Math.round((c.budgetJpy * (s.dailyBudgetJpy ?? 1)) / Math.max(1, req.adSets.reduce((a, x) => a + (x.dailyBudgetJpy ?? 1), 0))) } : { daily_budget: s.dailyBudgetJpy ?? Math.floor(c.budgetJpy / req.adSets.length) };
      const r = await call<{ id: string }>(
        "POST",
        `${acct.act}/adsets`,
        acct.token,
        {
          name: s.name,
          campaign_id: created.campaign,
          ...budget,
          billing_event: "IMPRESSIONS",
          optimization_goal: OPTIMIZATION[c.objective],
          start_time: tokyoStart(c.startsOn),
          end_time: tokyoEnd(c.endsOn),
          targeting: JSON.stringify(metaTargeting(s.targeting)),
          status: "PAUSED",
        },
        req.signal,
      );
      if (!r.ok) return fail(r);
      created.adSets[s.id] = r.body.id;
    }
    for (const a of req.ads) {
      if (created.ads[a.id]) continue;
      const story = a.boostExternalPostId
        ? { object_story_id: a.boostExternalPostId }
        : { object_story_spec: JSON.stringify({ page_id: acct.pageId, link_data: { message: a.text, name: a.headline ?? undefined, link: a.linkUrl ?? undefined, call_to_action: a.cta ? { type: a.cta } : undefined } }) };
      const cr = await call<{ id: string }>("POST", `${acct.act}/adcreatives`, acct.token, { name: a.name, ...story }, req.signal);
      if (!cr.ok) return fail(cr);
      const r = await call<{ id: string }>("POST", `${acct.act}/ads`, acct.token, { name: a.name, adset_id: created.adSets[a.adSetId], creative: JSON.stringify({ creative_id: cr.body.id }), status: "ACTIVE" }, req.signal);
      if (!r.ok) return fail(r);
      created.ads[a.id] = r.body.id;
    }
    for (const id of Object.values(created.adSets)) {
      const r = await call("POST", id, acct.token, { status: "ACTIVE" }, req.signal);
      if (!r.ok) return fail(r);
    }
    const on = await call("POST", created.campaign!, acct.token, { status: "ACTIVE" }, req.signal);
    if (!on.ok) return fail(on);
    return { kind: "launched", created };
  },
  async setStatus(req) {
    const acct = account(req.channel);
    if (!acct) return { kind: "failed", code: "config", message: "Meta ads: no ad account or token", retryable: false };
    const r = await call("POST", req.externalId, acct.token, { status: STATUS[req.status] }, req.signal);
    return r.ok ? { kind: "done" } : { kind: "failed", code: r.code, message: r.message, retryable: r.retryable };
  },
  async insights(req) {
    const acct = account(req.channel);
    if (!acct) return { kind: "failed", code: "config", message: "Meta ads: no ad account or token", retryable: false };
    type Row = { date_start: string; spend?: string; impressions?: string; clicks?: string; actions?: { action_type: string; value: string }[]; action_values?: { action_type: string; value: string }[] };
    const r = await call<{ data: Row[] }>(
      "GET",
      `${req.ad.externalId}/insights`,
      acct.token,
      { time_range: JSON.stringify({ since: req.since, until: req.until }), time_increment: 1, fields: "spend,impressions,clicks,actions,action_values", level: "ad" },
      req.signal,
    );
    if (!r.ok) return { kind: "failed", code: r.code, message: r.message, retryable: r.retryable };
    const purchase = (list: Row["actions"]) => Number(list?.find((x) => x.action_type === "purchase" || x.action_type === "offsite_conversion.fb_pixel_purchase")?.value ?? 0);
    const days: AdsInsightsDay[] = (r.body.data ?? []).map((d) => ({
      day: d.date_start,
      spendJpy: Math.round(Number(d.spend ?? 0)),
      impressions: Number(d.impressions ?? 0),
      clicks: Number(d.clicks ?? 0),
      conversions: purchase(d.actions),
      revenueJpy: Math.round(purchase(d.action_values)),
    }));
    return { kind: "ok", days };
  },
};

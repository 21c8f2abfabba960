/**
 * Marketing API routes of the local Graph stand-in (scripts/stubs/meta-graph.ts hooks them in):
 * ad accounts (act_<digits>) create campaigns, ad sets, creatives and ads; any of them takes a
 * status update (POST /<id> status=…); GET /<ad id>/insights answers daily rows shaped like
 * Meta's (strings for numbers, purchases in actions / action_values), simulated deterministically.
 * State is per stub instance (keyed by its options object) and in memory.
 */
import { randomInt } from "node:crypto";
import { addDays, simulateDay, type AdObjective } from "../../lib/domain/ads";

export type StubAdObject = { id: string; kind: "campaign" | "adset" | "adcreative" | "ad"; account: string; params: Record<string, string>; status: string };
export type MetaAdsState = { objects: Map<string, StubAdObject>; statusCalls: { id: string; status: string }[] };

const STATES = new WeakMap<object, MetaAdsState>();

/** The ads state of one stub instance (tests read what was created). */
export function metaAdsState(opts: object): MetaAdsState {
  let s = STATES.get(opts);
  if (!s) STATES.set(opts, (s = { objects: new Map(), statusCalls: [] }));
  return s;
}

type Out = { status: number; body?: unknown; error?: [number, string, string?] };
const REQUIRED: Record<string, string[]> = {
  campaigns: ["name", "objective", "special_ad_categories"],
  adsets: ["name", "campaign_id", "billing_event", "optimization_goal", "targeting"],
  adcreatives: ["name"],
  ads: ["name", "adset_id", "creative"],
};
const KIND: Record<string, StubAdObject["kind"]> = { campaigns: "campaign", adsets: "adset", adcreatives: "adcreative", ads: "ad" };
const OBJECTIVE_OF: Record<string, AdObjective> = { OUTCOME_AWARENESS: "awareness", OUTCOME_TRAFFIC: "traffic", OUTCOME_ENGAGEMENT: "engagement", OUTCOME_SALES: "conversions" };

/** Answers a Marketing API call, or null when the path is not one of ours. */
export function metaAdsRoute(opts: object, method: string, parts: string[], p: Record<string, string>): Out | null {
  const state = metaAdsState(opts);
  const [node, edge] = parts;
  if (!node) return null;
  if (/^act_\d+$/.test(node) && edge && KIND[edge]) {
    if (method !== "POST") return { status: 200, body: { data: [...state.objects.values()].filter((o) => o.account === node && o.kind === KIND[edge]).map((o) => ({ id: o.id, name: o.params.name, status: o.status })) } };
    const missing = REQUIRED[edge]!.find((k) => !p[k]);
    if (missing) return { status: 400, error: [100, `(#100) The parameter ${missing} is required`] };
    if (edge === "adsets" && !state.objects.has(p.campaign_id!)) return { status: 400, error: [100, "(#100) Invalid campaign_id"] };
    if (edge === "adsets" && !p.daily_budget && !p.lifetime_budget) return { status: 400, error: [1885272, "Budget is required"] };
    if (edge === "ads" && !state.objects.has(p.adset_id!)) return { status: 400, error: [100, "(#100) Invalid adset_id"] };
    if (edge === "adcreatives" && !p.object_story_id && !p.object_story_spec) return { status: 400, error: [100, "(#100) object_story_id or object_story_spec is required"] };
    const id = `${Date.now()}${randomInt(100000, 999999)}`;
    state.objects.set(id, { id, kind: KIND[edge]!, account: node, params: p, status: p.status ?? "PAUSED" });
    return { status: 200, body: { id } };
  }
  const obj = state.objects.get(node);
  if (!obj) return null;
  if (method === "POST" && !edge && p.status) {
    if (!["ACTIVE", "PAUSED", "ARCHIVED", "DELETED"].includes(p.status)) return { status: 400, error: [100, "(#100) Invalid status"] };
    obj.status = p.status;
    state.statusCalls.push({ id: node, status: p.status });
    return { status: 200, body: { success: true } };
  }
  if (method === "GET" && !edge) return { status: 200, body: { id: obj.id, name: obj.params.name, status: obj.status, effective_status: obj.status } };
  if (method === "GET" && edge === "insights" && obj.kind === "ad") {
    const range = JSON.parse(p.time_range ?? "{}") as { since?: string; until?: string };
    if (!range.since || !range.until) return { status: 400, error: [100, "(#100) time_range is required"] };
    const adset = state.objects.get(obj.params.adset_id ?? "");
    const campaign = state.objects.get(adset?.params.campaign_id ?? "");
    const objective = OBJECTIVE_OF[campaign?.params.objective ?? ""] ?? "traffic";
    const cap = Number(adset?.params.daily_budget ?? 0) || 10_000;
    const data = [];
    for (let d = range.since; d <= range.until; d = addDays(d, 1)) {
      const s = simulateDay({ adId: obj.id, day: d, objective, dailyCapJpy: cap });
      data.push({
        date_start: d,
        date_stop: d,
        spend: String(s.spendJpy),
        impressions: String(s.impressions),
        clicks: String(s.clicks),
        actions: [{ action_type: "purchase", value: String(s.conversions) }],
        action_values: [{ action_type: "purchase", value: String(s.revenueJpy) }],
      });
    }
    return { status: 200, body: { data, paging: {} } };
  }
  return null;
}

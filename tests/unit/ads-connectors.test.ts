/**
 * The ads connectors: the Meta Marketing API connector against the local Graph stand-in
 * (scripts/stubs/meta-graph.ts + meta-graph-ads.ts), and the sandbox's idempotent ids.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { metaAdsConnector, metaTargeting } from "@/lib/channels/ads/meta";
import { sandboxAdsConnector } from "@/lib/channels/ads/sandbox";
import type { AdsLaunchRequest } from "@/lib/channels/ads/types";
import type { ChannelRef } from "@/lib/channels/types";
import { startMetaGraphStub, type MetaGraphStub, type StubOptions } from "@/scripts/stubs/meta-graph";
import { metaAdsState } from "@/scripts/stubs/meta-graph-ads";

const PAGE = "100000000000009";
const opts: StubOptions = { tokens: ["ads-token"], pages: [PAGE], igUsers: [] };
let stub: MetaGraphStub;
const fb: ChannelRef = { id: "c-fb", platform: "facebook", handle: "aobafoods", connector: "meta", externalAccountId: PAGE, credentialsRef: "env:META_ADS_TEST_TOKEN" };
const t = { ageMin: 25, ageMax: 44, genders: ["female"], prefectures: ["東京都", "大阪府"], interests: ["グルメ"], languages: ["ja"] };

const request = (over: Partial<AdsLaunchRequest> = {}): AdsLaunchRequest => ({
  channel: fb,
  idempotencyKey: "campaign:c1:k1",
  campaign: { id: "c1", name: "ギフト早割", objective: "conversions", budgetType: "daily", budgetJpy: 20_000, startsOn: "2026-03-01", endsOn: "2026-03-14", externalId: null },
  adSets: [{ id: "s1", name: "全国 35-64", dailyBudgetJpy: 20_000, targeting: t, externalId: null }],
  ads: [
    { id: "a1", adSetId: "s1", name: "ブースト", boostExternalPostId: `${PAGE}_123`, text: "新商品", headline: null, linkUrl: null, cta: null, externalId: null },
    { id: "a2", adSetId: "s1", name: "カルーセル", boostExternalPostId: null, text: "【広告】ギフト早割", headline: "早割10%オフ", linkUrl: "https://example.jp/gift", cta: "SHOP_NOW", externalId: null },
  ],
  signal: AbortSignal.timeout(3000),
  ...over,
});

beforeAll(async () => {
  stub = await startMetaGraphStub(opts);
  process.env.META_GRAPH_URL = stub.url;
  process.env.META_ADS_TEST_TOKEN = "ads-token";
  process.env.META_AD_ACCOUNT_ID = "555000111";
});
afterAll(async () => {
  await stub.close();
  delete process.env.META_GRAPH_URL;
  delete process.env.META_AD_ACCOUNT_ID;
});
beforeEach(() => {
  metaAdsState(opts).objects.clear();
  metaAdsState(opts).statusCalls.length = 0;
  stub.calls.length = 0;
});

describe("Meta Marketing API connector", () => {
  it("creates campaign, ad set, creatives and ads paused, then switches the campaign on", async () => {
    const r = await metaAdsConnector.launch(request());
    expect(r.kind).toBe("launched");
    const objs = [...metaAdsState(opts).objects.values()];
    expect(objs.map((o) => o.kind).sort()).toEqual(["ad", "ad", "adcreative", "adcreative", "adset", "campaign"]);
    const campaign = objs.find((o) => o.kind === "campaign")!;
    expect(campaign.params.objective).toBe("OUTCOME_SALES");
    expect(campaign.account).toBe("act_555000111");
    const adset = objs.find((o) => o.kind === "adset")!;
    expect(adset.params.daily_budget).toBe("20000");
    expect(adset.params.start_time).toBe("2026-03-01T00:00:00+0900");
    expect(JSON.parse(adset.params.targeting!)).toMatchObject({ age_min: 25, age_max: 44, genders: [2], geo_locations: { regions: [{ key: "2330" }, { key: "2344" }] } });
    const creatives = objs.filter((o) => o.kind === "adcreative");
    expect(creatives[0]!.params.object_story_id).toBe(`${PAGE}_123`);
    expect(JSON.parse(creatives[1]!.params.object_story_spec!).link_data.message).toBe("【広告】ギフト早割");
    expect(campaign.status).toBe("ACTIVE");
    expect(stub.calls.at(-1)).toBe(`POST /v23.0/${campaign.id}`);
    if (r.kind === "launched") expect(Object.keys(r.created.ads)).toEqual(["a1", "a2"]);
  });

  it("a retry after a failure creates nothing twice (created ids come back and are skipped)", async () => {
    stub.fault(/POST .*\/ads$/, { kind: "error", status: 500, code: 2, message: "Service temporarily unavailable", isTransient: true });
    const first = await metaAdsConnector.launch(request());
    expect(first).toMatchObject({ kind: "failed", code: "unavailable", retryable: true });
    if (first.kind !== "failed") return;
    expect(first.created.campaign).toBeTruthy();
    const second = await metaAdsConnector.launch(
      request({
        campaign: { ...request().campaign, externalId: first.created.campaign },
        adSets: request().adSets.map((s) => ({ ...s, externalId: first.created.adSets[s.id] ?? null })),
        ads: request().ads.map((a) => ({ ...a, externalId: first.created.ads[a.id] ?? null })),
      }),
    );
    expect(second.kind).toBe("launched");
    const kinds = [...metaAdsState(opts).objects.values()].map((o) => o.kind);
    expect(kinds.filter((k) => k === "campaign")).toHaveLength(1);
    expect(kinds.filter((k) => k === "adset")).toHaveLength(1);
    expect(kinds.filter((k) => k === "ad")).toHaveLength(2);
  });

  it("pauses, resumes and archives; classifies auth and config errors", async () => {
    const r = await metaAdsConnector.launch(request());
    if (r.kind !== "launched") throw new Error("launch failed");
    const sig = AbortSignal.timeout(2000);
    expect(await metaAdsConnector.setStatus({ channel: fb, level: "ad", externalId: r.created.ads.a1!, status: "paused", signal: sig })).toEqual({ kind: "done" });
    expect(await metaAdsConnector.setStatus({ channel: fb, level: "campaign", externalId: r.created.campaign!, status: "ended", signal: sig })).toEqual({ kind: "done" });
    expect(metaAdsState(opts).statusCalls.slice(-2).map((s) => s.status)).toEqual(["PAUSED", "ARCHIVED"]);
    const bad = await metaAdsConnector.setStatus({ channel: { ...fb, credentialsRef: "env:NOPE_TOKEN_X" }, level: "ad", externalId: "1", status: "paused", signal: sig });
    expect(bad.kind).toBe("failed");
    process.env.META_ADS_TEST_TOKEN = "wrong";
    const auth = await metaAdsConnector.setStatus({ channel: fb, level: "ad", externalId: r.created.ads.a1!, status: "active", signal: sig });
    expect(auth).toMatchObject({ kind: "failed", code: "auth", retryable: false });
    process.env.META_ADS_TEST_TOKEN = "ads-token";
    delete process.env.META_AD_ACCOUNT_ID;
    expect(await metaAdsConnector.launch(request())).toMatchObject({ kind: "failed", code: "config" });
    process.env.META_AD_ACCOUNT_ID = "555000111";
  });

  it("the channel's own ad account wins over META_AD_ACCOUNT_ID (act_ prefix accepted); setupGap names what a channel lacks", async () => {
    const own = { ...fb, adAccountId: "act_777000222" };
    expect(metaAdsConnector.setupGap(own)).toBeNull();
    const r = await metaAdsConnector.launch(request({ channel: own }));
    expect(r.kind).toBe("launched");
    expect([...metaAdsState(opts).objects.values()].every((o) => o.account === "act_777000222")).toBe(true);
    delete process.env.META_AD_ACCOUNT_ID;
    try {
      expect(metaAdsConnector.setupGap(fb)).toBe("no_ad_account");
      expect(metaAdsConnector.setupGap({ ...fb, adAccountId: "act_12x" })).toBe("no_ad_account");
      expect(metaAdsConnector.setupGap({ ...fb, adAccountId: "777000222", credentialsRef: "env:NOPE_TOKEN_X" })).toBe(process.env.META_ACCESS_TOKEN ? null : "no_ads_credentials");
      expect(metaAdsConnector.setupGap(own)).toBeNull();
    } finally {
      process.env.META_AD_ACCOUNT_ID = "555000111";
    }
    expect(metaAdsConnector.setupGap(fb)).toBeNull();
    expect(sandboxAdsConnector.setupGap({ ...fb, connector: "sandbox", adAccountId: null })).toBeNull();
  });

  it("reads daily insights: spend in yen, purchases as conversions and revenue", async () => {
    const r = await metaAdsConnector.launch(request());
    if (r.kind !== "launched") throw new Error("launch failed");
    const ins = await metaAdsConnector.insights({ channel: fb, ad: { id: "a1", externalId: r.created.ads.a1!, objective: "conversions" }, since: "2026-03-01", until: "2026-03-03", signal: AbortSignal.timeout(2000) });
    expect(ins.kind).toBe("ok");
    if (ins.kind !== "ok") return;
    expect(ins.days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    for (const d of ins.days) {
      expect(d.spendJpy).toBeGreaterThan(0);
      expect(d.spendJpy).toBeLessThanOrEqual(22_000);
      expect(d.clicks).toBeLessThan(d.impressions);
    }
    const missing = await metaAdsConnector.insights({ channel: fb, ad: { id: "x", externalId: "999", objective: "traffic" }, since: "2026-03-01", until: "2026-03-01", signal: AbortSignal.timeout(2000) });
    expect(missing).toMatchObject({ kind: "failed", code: "invalid" });
  });

  it("targeting: the whole country when no prefecture; one gender only when one is chosen", () => {
    expect(metaTargeting({ ...t, prefectures: [], genders: ["female", "male"], interests: [], languages: [] })).toEqual({ age_min: 25, age_max: 44, geo_locations: { countries: ["JP"] } });
  });
});

describe("sandbox ads connector", () => {
  it("the same launch key gives the same ids (no double launch); stored ids are kept", async () => {
    const sb = { ...fb, connector: "sandbox" as const };
    const a = await sandboxAdsConnector.launch(request({ channel: sb }));
    const b = await sandboxAdsConnector.launch(request({ channel: sb }));
    expect(a).toEqual(b);
    const c = await sandboxAdsConnector.launch(request({ channel: sb, idempotencyKey: "campaign:c1:other" }));
    if (a.kind !== "launched" || c.kind !== "launched") throw new Error("launch failed");
    expect(c.created.campaign).not.toBe(a.created.campaign);
  });
  it("simulates insights day by day within the caps and the lifetime remainder", async () => {
    const r = await sandboxAdsConnector.insights({
      channel: { ...fb, connector: "sandbox" },
      ad: { id: "a1", externalId: "sbx", objective: "traffic" },
      since: "2026-03-01",
      until: "2026-03-03",
      simulation: { capsByDay: { "2026-03-01": 10_000, "2026-03-02": 10_000, "2026-03-03": 10_000 }, remainingJpy: 15_000 },
      signal: AbortSignal.timeout(1000),
    });
    if (r.kind !== "ok") throw new Error("insights failed");
    expect(r.days.reduce((a, d) => a + d.spendJpy, 0)).toBeLessThanOrEqual(15_000);
    expect(r.days[2]!.spendJpy).toBeLessThan(r.days[0]!.spendJpy);
  });
});

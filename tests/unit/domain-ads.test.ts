import { describe, expect, it } from "vitest";
import {
  PREFECTURES,
  approvalCovers,
  cpaBreach,
  dailyCaps,
  flightDays,
  needsBudgetApproval,
  negativeSpike,
  pacing,
  plannedSpend,
  ratios,
  simulateDay,
  totalBudget,
  MAX_DAILY_OVERDELIVERY,
} from "@/lib/domain/ads";

describe("targeting vocabulary", () => {
  it("has all 47 prefectures, unique, in JIS order", () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(new Set(PREFECTURES.map((p) => p.ja)).size).toBe(47);
    expect(PREFECTURES[0]).toEqual({ code: "JP-01", ja: "北海道", en: "Hokkaido" });
    expect(PREFECTURES[12]!.ja).toBe("東京都");
    expect(PREFECTURES[46]!.code).toBe("JP-47");
  });
});

describe("budgets", () => {
  const daily = { budgetType: "daily" as const, budgetJpy: 20_000, startsOn: "2026-03-01", endsOn: "2026-03-31" };
  it("flight days are inclusive; a daily budget's total is per day × days", () => {
    expect(flightDays("2026-03-01", "2026-03-01")).toBe(1);
    expect(flightDays("2026-02-27", "2026-03-02")).toBe(4);
    expect(totalBudget(daily)).toBe(620_000);
    expect(totalBudget({ ...daily, budgetType: "lifetime" })).toBe(20_000);
  });
  it("approval: strictly above the threshold; an approval covers the same or a lower total, not a raise", () => {
    expect(needsBudgetApproval(1_000_000, 1_000_000)).toBe(false);
    expect(needsBudgetApproval(1_000_001, 1_000_000)).toBe(true);
    expect(approvalCovers(2_000_000, 2_000_000)).toBe(true);
    expect(approvalCovers(2_000_000, 1_500_000)).toBe(true);
    expect(approvalCovers(2_000_000, 2_000_001)).toBe(false);
    expect(approvalCovers(null, 1)).toBe(false);
  });
});

describe("pacing plan", () => {
  it("even lifetime plan adds up to the budget exactly", () => {
    const plan = plannedSpend({ budgetType: "lifetime", budgetJpy: 100_000, startsOn: "2026-03-01", endsOn: "2026-03-03" });
    expect(plan.map((p) => p.plannedJpy)).toEqual([33_333, 33_334, 33_333]);
    expect(plan.reduce((a, p) => a + p.plannedJpy, 0)).toBe(100_000);
  });
  it("front-loaded spends more first, back-loaded more last, both add up", () => {
    const c = { budgetType: "lifetime" as const, budgetJpy: 300_000, startsOn: "2026-03-01", endsOn: "2026-03-10" };
    const f = plannedSpend({ ...c, pacing: "front_loaded" });
    const b = plannedSpend({ ...c, pacing: "back_loaded" });
    expect(f[0]!.plannedJpy).toBeGreaterThan(f[9]!.plannedJpy);
    expect(b[0]!.plannedJpy).toBeLessThan(b[9]!.plannedJpy);
    expect(f.reduce((a, p) => a + p.plannedJpy, 0)).toBe(300_000);
    expect(b.reduce((a, p) => a + p.plannedJpy, 0)).toBe(300_000);
  });
  it("daily plan is the budget every day", () => {
    expect(plannedSpend({ budgetType: "daily", budgetJpy: 5_000, startsOn: "2026-03-01", endsOn: "2026-03-02" })).toEqual([
      { day: "2026-03-01", plannedJpy: 5_000 },
      { day: "2026-03-02", plannedJpy: 5_000 },
    ]);
  });
  it("flags overspent (>110 %) and underdelivered (<80 %) days and the flight to date", () => {
    const plan = plannedSpend({ budgetType: "daily", budgetJpy: 10_000, startsOn: "2026-03-01", endsOn: "2026-03-05" });
    const actual = new Map([["2026-03-01", 12_000], ["2026-03-02", 7_000], ["2026-03-03", 10_000]]);
    const s = pacing(plan, actual, "2026-03-03");
    expect(s.rows.map((r) => r.flag)).toEqual(["over", "under", null, null, null]);
    expect(s.rows[3]!.actualJpy).toBeNull();
    expect(s.plannedToDateJpy).toBe(30_000);
    expect(s.actualToDateJpy).toBe(29_000);
    expect(s.pacingPct).toBe(96.7);
    expect(s.status).toBe("on_pace");
    expect(pacing(plan, new Map([["2026-03-01", 20_000]]), "2026-03-01").status).toBe("overspend");
    expect(pacing(plan, new Map(), "2026-03-02").status).toBe("underdelivery");
    expect(pacing(plan, new Map(), null).status).toBe("not_started");
  });
});

describe("ratios", () => {
  it("CTR, CPC, CPA, ROAS, CPM; null when the base is zero", () => {
    const r = ratios({ spendJpy: 10_000, impressions: 20_000, clicks: 200, conversions: 5, revenueJpy: 25_000 });
    expect(r).toEqual({ ctrPct: 1, cpcJpy: 50, cpaJpy: 2_000, roasPct: 250, cpmJpy: 500 });
    expect(ratios({ spendJpy: 0, impressions: 0, clicks: 0, conversions: 0, revenueJpy: 0 })).toEqual({ ctrPct: null, cpcJpy: null, cpaJpy: null, roasPct: null, cpmJpy: null });
    // Spend and conversions but no conversion value reported: ROAS is unknown, not 0%.
    expect(ratios({ spendJpy: 10_000, impressions: 5_000, clicks: 50, conversions: 5, revenueJpy: 0 }).roasPct).toBeNull();
  });
});

describe("sandbox simulator", () => {
  it("is deterministic per (ad, day)", () => {
    const a = simulateDay({ adId: "ad-1", day: "2026-03-01", objective: "traffic", dailyCapJpy: 10_000 });
    expect(simulateDay({ adId: "ad-1", day: "2026-03-01", objective: "traffic", dailyCapJpy: 10_000 })).toEqual(a);
    expect(simulateDay({ adId: "ad-1", day: "2026-03-02", objective: "traffic", dailyCapJpy: 10_000 })).not.toEqual(a);
  });
  it("never spends above the cap plus the small overdelivery, nor past what is left", () => {
    for (let i = 0; i < 300; i++) {
      const d = simulateDay({ adId: `ad-${i}`, day: "2026-03-01", objective: "conversions", dailyCapJpy: 10_000 });
      expect(d.spendJpy).toBeLessThanOrEqual(10_000 * (1 + MAX_DAILY_OVERDELIVERY));
      expect(d.spendJpy).toBeGreaterThanOrEqual(8_500);
    }
    expect(simulateDay({ adId: "x", day: "2026-03-01", objective: "awareness", dailyCapJpy: 10_000, remainingJpy: 1_234 }).spendJpy).toBeLessThanOrEqual(1_234);
    expect(simulateDay({ adId: "x", day: "2026-03-01", objective: "awareness", dailyCapJpy: 10_000, remainingJpy: 0 }).spendJpy).toBe(0);
  });
  it("has realistic rates by objective (CTR 0.4–2 %, conversions CVR about 2.5–4.5 %)", () => {
    let t = { imp: 0, clk: 0, conv: 0 };
    for (let i = 0; i < 200; i++) {
      const d = simulateDay({ adId: `c-${i}`, day: "2026-03-01", objective: "conversions", dailyCapJpy: 50_000 });
      t = { imp: t.imp + d.impressions, clk: t.clk + d.clicks, conv: t.conv + d.conversions };
    }
    expect(t.clk / t.imp).toBeGreaterThan(0.009);
    expect(t.clk / t.imp).toBeLessThan(0.014);
    expect(t.conv / t.clk).toBeGreaterThan(0.025);
    expect(t.conv / t.clk).toBeLessThan(0.045);
    const aw = simulateDay({ adId: "a", day: "2026-03-01", objective: "awareness", dailyCapJpy: 50_000 });
    expect(aw.clicks / aw.impressions).toBeLessThan(0.009);
  });
  it("splits a day's plan over ad sets by their budgets, evenly over ads", () => {
    const caps = dailyCaps({ budgetType: "daily", budgetJpy: 30_000, startsOn: "2026-03-01", endsOn: "2026-03-02" }, "2026-03-01", [
      { id: "s1", dailyBudgetJpy: 20_000, adIds: ["a", "b"] },
      { id: "s2", dailyBudgetJpy: 10_000, adIds: ["c"] },
      { id: "s3", dailyBudgetJpy: 50_000, adIds: [] },
    ]);
    expect(Object.fromEntries(caps)).toEqual({ a: 10_000, b: 10_000, c: 10_000 });
    expect(dailyCaps({ budgetType: "daily", budgetJpy: 30_000, startsOn: "2026-03-01", endsOn: "2026-03-02" }, "2026-04-01", [{ id: "s", dailyBudgetJpy: null, adIds: ["a"] }]).get("a")).toBe(0);
  });
});

describe("rule: CPA above a limit for N days", () => {
  const day = (d: number, spendJpy: number, conversions: number) => ({ day: `2026-03-${String(d).padStart(2, "0")}`, spendJpy, conversions });
  it("fires after N consecutive breaching days, keyed by the streak's first day", () => {
    expect(cpaBreach([day(1, 10_000, 10), day(2, 10_000, 2)], 3_000, 2)).toMatchObject({ breached: false, streak: 1 });
    const r = cpaBreach([day(1, 10_000, 10), day(2, 10_000, 2), day(3, 10_000, 1)], 3_000, 2);
    expect(r).toMatchObject({ breached: true, windowKey: "cpa:2026-03-02", streak: 2 });
  });
  it("the same streak keeps the same key (fires once); a good day starts a new condition", () => {
    const s = [day(2, 10_000, 2), day(3, 10_000, 1), day(4, 9_000, 0)];
    expect(cpaBreach(s, 3_000, 2).windowKey).toBe("cpa:2026-03-02");
    expect(cpaBreach([...s, day(5, 1_000, 5), day(6, 9_000, 1), day(7, 9_000, 1)], 3_000, 2).windowKey).toBe("cpa:2026-03-06");
  });
  it("a day with spend and no conversions breaches; a gap in days breaks the streak", () => {
    expect(cpaBreach([day(1, 5_000, 0), day(2, 5_000, 0)], 3_000, 2).breached).toBe(true);
    expect(cpaBreach([day(1, 5_000, 0), day(3, 5_000, 0)], 3_000, 2).breached).toBe(false);
    expect(cpaBreach([day(1, 0, 0), day(2, 0, 0)], 3_000, 2).breached).toBe(false);
  });
});

describe("rule: negative comment spike", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  it("fires at the threshold within the window, not below it, not for old comments", () => {
    expect(negativeSpike([ago(10), ago(20)], now, 3, 1).breached).toBe(false);
    expect(negativeSpike([ago(10), ago(20), ago(200)], now, 3, 1).breached).toBe(false);
    const r = negativeSpike([ago(10), ago(20), ago(30)], now, 3, 1);
    expect(r.breached).toBe(true);
    expect(r.observed).toBe(3);
  });
  it("more comments in the same spike keep the same key", () => {
    const a = negativeSpike([ago(40), ago(30), ago(20)], now, 3, 2);
    const b = negativeSpike([ago(40), ago(30), ago(20), ago(5), ago(1)], now, 3, 2);
    expect(a.windowKey).toBe(b.windowKey);
  });
});

import { describe, expect, it } from "vitest";
import {
  addDays,
  changePercent,
  dayDiff,
  eachDay,
  filterSearchParams,
  parseAnalyticsFilter,
  percentileCont,
  presetFilter,
  tokyoDate,
  tokyoDayStart,
  weekStart,
} from "@/lib/domain/analytics-filters";
import { dueReportPeriod, isoWeekday, latestOccurrence, nextOccurrence, parseTimeOfDay, reportPeriodFor } from "@/lib/domain/analytics-reports";

// 2026-03-10 (Tuesday) 23:30 UTC = 2026-03-11 (Wednesday) 08:30 in Tokyo.
const NOW = new Date("2026-03-10T23:30:00Z");
const BRAND = "6f1c2b0e-3d4a-4b5c-8d6e-7f8091a2b3c4";

describe("Tokyo days", () => {
  it("uses the Tokyo calendar date, not UTC's", () => {
    expect(tokyoDate(NOW)).toBe("2026-03-11");
    expect(tokyoDate(new Date("2026-03-10T14:59:59Z"))).toBe("2026-03-10");
    expect(tokyoDate(new Date("2026-03-10T15:00:00Z"))).toBe("2026-03-11");
    expect(tokyoDayStart("2026-03-11").toISOString()).toBe("2026-03-10T15:00:00.000Z");
  });
  it("does calendar arithmetic across months and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(dayDiff("2026-01-01", "2026-01-03")).toBe(2);
    expect(eachDay("2026-01-30", "2026-02-02")).toEqual(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"]);
    expect(eachDay("2026-01-02", "2026-01-01")).toEqual([]);
    expect(weekStart("2026-03-11")).toBe("2026-03-09");
    expect(weekStart("2026-03-15")).toBe("2026-03-09");
    expect(weekStart("2026-03-09")).toBe("2026-03-09");
  });
});

describe("parseAnalyticsFilter", () => {
  it("defaults to the last 28 complete Tokyo days and the 28 before", () => {
    const r = parseAnalyticsFilter({}, NOW);
    expect(r.ok).toBe(true);
    expect(r.filter).toMatchObject({ preset: "28", from: "2026-02-11", to: "2026-03-10", days: 28, prevFrom: "2026-01-14", prevTo: "2026-02-10", brandId: null, channelId: null });
  });
  it("reads the presets, brand and channel", () => {
    const r = parseAnalyticsFilter({ range: "7", brand: BRAND }, NOW);
    expect(r.filter).toMatchObject({ preset: "7", from: "2026-03-04", to: "2026-03-10", days: 7, prevFrom: "2026-02-25", prevTo: "2026-03-03", brandId: BRAND });
    expect(parseAnalyticsFilter({ range: "90" }, NOW).filter.days).toBe(90);
  });
  it("reads a custom range (which may end today)", () => {
    const r = parseAnalyticsFilter({ range: "custom", from: "2026-03-01", to: "2026-03-11" }, NOW);
    expect(r).toMatchObject({ ok: true, filter: { preset: "custom", from: "2026-03-01", to: "2026-03-11", days: 11, prevFrom: "2026-02-18", prevTo: "2026-02-28" } });
  });
  it("refuses reversed, future, too long and malformed ranges, falling back to the default", () => {
    for (const [raw, key] of [
      [{ range: "custom", from: "2026-03-05", to: "2026-03-01" }, "to"],
      [{ range: "custom", from: "2026-03-01", to: "2026-03-12" }, "to"],
      [{ range: "custom", from: "2024-01-01", to: "2026-03-01" }, "from"],
      [{ range: "custom", from: "2026-02-30", to: "2026-03-01" }, "from"],
      [{ range: "365" }, "range"],
      [{ brand: "'; drop table brands; --" }, "brand"],
    ] as const) {
      const r = parseAnalyticsFilter(raw, NOW);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (!r.ok) expect(Object.keys(r.errors)).toContain(key);
      expect(r.filter.days).toBeGreaterThan(0);
    }
  });
  it("keeps the valid fields when another one is bad", () => {
    const r = parseAnalyticsFilter({ range: "7", brand: "nope" }, NOW);
    expect(r.ok).toBe(false);
    expect(r.filter).toMatchObject({ preset: "7", brandId: null });
  });
  it("writes only what differs from the default into the URL, and reads it back", () => {
    const f = presetFilter("28", NOW);
    expect(filterSearchParams(f)).toBe("");
    const c = parseAnalyticsFilter({ range: "custom", from: "2026-03-01", to: "2026-03-05", brand: BRAND }, NOW).filter;
    const qs = filterSearchParams(c, { sort: "reach", page: 2, empty: null });
    expect(qs).toBe(`range=custom&from=2026-03-01&to=2026-03-05&brand=${BRAND}&sort=reach&page=2`);
    expect(parseAnalyticsFilter(Object.fromEntries(new URLSearchParams(qs)), NOW).filter).toEqual(c);
  });
});

describe("percentiles and changes", () => {
  it("interpolates like percentile_cont", () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([10], 0.9)).toBe(10);
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
    expect(percentileCont([5, 10, 60, 120], 0.9)).toBeCloseTo(102);
  });
  it("gives a relative change only with a base", () => {
    expect(changePercent(150, 100)).toBe(50);
    expect(changePercent(50, 100)).toBe(-50);
    expect(changePercent(5, 0)).toBeNull();
    expect(changePercent(null, 3)).toBeNull();
  });
});

describe("weekly report calendar", () => {
  const monday9 = { weekday: 1, hour: 9, minute: 0 };
  it("parses times of day", () => {
    expect(parseTimeOfDay("09:30")).toEqual({ hour: 9, minute: 30 });
    expect(parseTimeOfDay("24:00")).toBeNull();
    expect(parseTimeOfDay("9:30")).toBeNull();
    expect(isoWeekday("2026-03-15")).toBe(7);
    expect(isoWeekday("2026-03-09")).toBe(1);
  });
  it("fires at the Tokyo weekday and time, and covers the Monday–Sunday week before", () => {
    // Wednesday 08:30 Tokyo: this Monday 09:00 JST (= Monday 00:00 UTC) has passed.
    expect(latestOccurrence(monday9, NOW).toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(nextOccurrence(monday9, NOW).toISOString()).toBe("2026-03-16T00:00:00.000Z");
    expect(reportPeriodFor(new Date("2026-03-09T00:00:00Z"))).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    // Sunday 23:59 JST fires in the same week; Monday 00:00 JST belongs to the Tokyo Monday.
    expect(latestOccurrence({ weekday: 7, hour: 23, minute: 59 }, NOW).toISOString()).toBe("2026-03-08T14:59:00.000Z");
    expect(reportPeriodFor(new Date("2026-03-08T15:00:00Z"))).toEqual({ from: "2026-03-02", to: "2026-03-08" });
  });
  it("owes a report only for firings after the schedule was made", () => {
    expect(dueReportPeriod(monday9, new Date("2026-03-01T00:00:00Z"), NOW)).toMatchObject({ from: "2026-03-02", to: "2026-03-08" });
    expect(dueReportPeriod(monday9, new Date("2026-03-10T00:00:00Z"), NOW)).toBeNull();
    // Same week whenever the job runs between two firings: the key does not move.
    const a = dueReportPeriod(monday9, new Date("2026-03-01T00:00:00Z"), new Date("2026-03-09T00:00:01Z"));
    const b = dueReportPeriod(monday9, new Date("2026-03-01T00:00:00Z"), new Date("2026-03-15T14:59:00Z"));
    expect(a?.from).toBe(b?.from);
  });
});

import { describe, expect, it } from "vitest";
import {
  POST_METRIC_DAYS,
  PLATFORM_PROFILES,
  daysFrom,
  hash32,
  postQuality,
  sandboxFollowers,
  sandboxPostDay,
  tokyoDayOf,
  tokyoMidnight,
  unit,
  type SandboxPlatform,
} from "@/lib/domain/sandbox-metrics";

const DAY = 86_400_000;
const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10));

describe("date math (Asia/Tokyo)", () => {
  it("tokyoDayOf: 23:30 JST is that day, 00:30 JST the next, across months and years", () => {
    expect(tokyoDayOf(new Date("2026-03-15T14:30:00Z"))).toBe("2026-03-15");
    expect(tokyoDayOf(new Date("2026-03-15T15:30:00Z"))).toBe("2026-03-16");
    expect(tokyoDayOf(new Date("2025-12-31T15:00:00Z"))).toBe("2026-01-01");
    expect(tokyoDayOf(new Date("2025-12-31T14:59:59.999Z"))).toBe("2025-12-31");
    expect(tokyoDayOf(new Date("2028-02-28T15:00:00Z"))).toBe("2028-02-29");
  });
  it("tokyoMidnight is 15:00 UTC the day before; daysFrom counts calendar days", () => {
    expect(new Date(tokyoMidnight("2026-03-16")).toISOString()).toBe("2026-03-15T15:00:00.000Z");
    expect(daysFrom("2025-12-30", "2026-01-02")).toBe(3);
    expect(daysFrom("2026-01-02", "2025-12-30")).toBe(-3);
    expect(daysFrom("2028-02-28", "2028-03-01")).toBe(2);
  });
});

describe("deterministic randomness", () => {
  it("hash32/unit are stable and spread", () => {
    expect(hash32("abc")).toBe(hash32("abc"));
    expect(hash32("abc")).not.toBe(hash32("abd"));
    const xs = Array.from({ length: 2000 }, (_, i) => unit(`k${i}`));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
  it("post quality is heavy-tailed: a few posts break out", () => {
    const q = Array.from({ length: 3000 }, (_, i) => postQuality(`post-${i}`)).sort((a, b) => a - b);
    const median = q[1500]!;
    expect(median).toBeGreaterThan(0.8);
    expect(median).toBeLessThan(1.25);
    expect(q.filter((x) => x > 4 * median).length).toBeGreaterThan(30);
    expect(q.filter((x) => x > 4 * median).length).toBeLessThan(200);
  });
});

describe("sandbox post metrics", () => {
  const base = { key: "ext-1", platform: "instagram" as SandboxPlatform, publishedAt: new Date("2026-03-10T03:00:00Z"), audience: 20_000 };

  it("is deterministic: the same post and day give the same numbers", () => {
    expect(sandboxPostDay(base, "2026-03-11")).toEqual(sandboxPostDay({ ...base }, "2026-03-11"));
    expect(sandboxPostDay(base, "2026-03-11")).not.toEqual(sandboxPostDay({ ...base, key: "ext-2" }, "2026-03-11"));
  });

  it("nothing before the publish day or after the metric window", () => {
    expect(sandboxPostDay(base, "2026-03-09")).toBeNull();
    expect(sandboxPostDay(base, "2026-03-10")).not.toBeNull();
    const last = days("2026-03-10", POST_METRIC_DAYS).at(-1)!;
    expect(sandboxPostDay(base, last)).not.toBeNull();
    expect(sandboxPostDay(base, days(last, 2)[1]!)).toBeNull();
  });

  it("decays after publishing: the first days carry most of it, X faster than YouTube", () => {
    for (const platform of ["x", "instagram", "tiktok", "youtube"] as const) {
      const series = days("2026-03-10", POST_METRIC_DAYS).map((d) => sandboxPostDay({ ...base, platform, key: `decay-${platform}` }, d)!.impressions);
      const total = series.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(0);
      expect(series[0]! + series[1]! + series[2]!).toBeGreaterThan(total * (platform === "youtube" ? 0.3 : 0.6));
      expect(series[20]!).toBeLessThan(series[1]!);
    }
    const share3 = (platform: SandboxPlatform) => {
      const s = days("2026-03-10", POST_METRIC_DAYS).map((d) => sandboxPostDay({ ...base, platform, key: "same" }, d)!.impressions);
      return (s[0]! + s[1]!) / s.reduce((a, b) => a + b, 0);
    };
    expect(share3("x")).toBeGreaterThan(share3("youtube"));
  });

  it("a post at 23:30 JST earns a sliver on its first day; one at 00:30 JST starts the next day", () => {
    const late = { ...base, key: "tz", publishedAt: new Date("2026-03-10T14:30:00Z") }; // 23:30 JST 3/10
    const early = { ...base, key: "tz", publishedAt: new Date("2026-03-10T15:30:00Z") }; // 00:30 JST 3/11
    const d0 = sandboxPostDay(late, "2026-03-10")!;
    const d1 = sandboxPostDay(late, "2026-03-11")!;
    expect(d0.impressions).toBeGreaterThan(0);
    expect(d0.impressions).toBeLessThan(d1.impressions / 3);
    expect(sandboxPostDay(early, "2026-03-10")).toBeNull();
    expect(sandboxPostDay(early, "2026-03-11")!.impressions).toBeGreaterThan(d0.impressions);
  });

  it("weekday effect: Instagram weekends beat weekdays on average", () => {
    let weekend = 0;
    let weekday = 0;
    let nWe = 0;
    let nWd = 0;
    for (let i = 0; i < 400; i++) {
      const pub = new Date(Date.parse("2026-01-05T01:00:00Z") + i * 6 * 3_600_000);
      const day = tokyoDayOf(new Date(pub.getTime() + 2 * DAY));
      const m = sandboxPostDay({ ...base, key: `wk-${i % 7}`, publishedAt: pub }, day);
      if (!m) continue;
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (dow === 0 || dow === 6) {
        weekend += m.impressions;
        nWe++;
      } else {
        weekday += m.impressions;
        nWd++;
      }
    }
    expect(weekend / nWe).toBeGreaterThan(weekday / nWd);
    expect(PLATFORM_PROFILES.instagram.week[0]).toBeGreaterThan(PLATFORM_PROFILES.instagram.week[3]);
  });

  it("numbers are consistent: reach ≤ impressions, engagement mix, video views only for videos", () => {
    for (let i = 0; i < 200; i++) {
      const platform = (["x", "instagram", "facebook", "line", "tiktok", "youtube"] as const)[i % 6]!;
      const m = sandboxPostDay({ ...base, platform, key: `c-${i}` }, "2026-03-11")!;
      for (const v of Object.values(m)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(m.reach).toBeLessThanOrEqual(m.impressions);
      expect(m.likes).toBeGreaterThanOrEqual(m.comments);
      if (platform === "tiktok" || platform === "youtube") expect(m.videoViews).toBeGreaterThan(0);
    }
    expect(sandboxPostDay({ ...base, video: false }, "2026-03-11")!.videoViews).toBe(0);
    expect(sandboxPostDay({ ...base, audience: 0 }, "2026-03-11")!.impressions).toBe(0);
  });
});

describe("sandbox followers", () => {
  it("deterministic, plausible, and growing over months", () => {
    expect(sandboxFollowers("ch-1", "2026-03-01")).toBe(sandboxFollowers("ch-1", "2026-03-01"));
    for (let i = 0; i < 50; i++) {
      const f = sandboxFollowers(`ch-${i}`, "2026-03-01");
      expect(f).toBeGreaterThan(2_500);
      expect(f).toBeLessThan(400_000);
      expect(sandboxFollowers(`ch-${i}`, "2026-09-01")).toBeGreaterThan(f);
    }
    // Day to day it moves a little, not a lot.
    const a = sandboxFollowers("ch-x", "2026-03-01");
    const b = sandboxFollowers("ch-x", "2026-03-02");
    expect(Math.abs(b - a) / a).toBeLessThan(0.01);
  });
});

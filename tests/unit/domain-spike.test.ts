import { describe, expect, it } from "vitest";
import { bucketCounts, detectSpike, DEFAULT_SPIKE, median, spikeThreshold, windowStart } from "@/lib/domain/spike";

const s = DEFAULT_SPIKE; // 30-minute windows, 48 windows of baseline, minCount 5, factor 3

describe("spike detection", () => {
  it("a quiet channel needs minCount items", () => {
    expect(detectSpike(4, Array(48).fill(0)).spike).toBe(false);
    expect(detectSpike(5, Array(48).fill(0)).spike).toBe(true);
  });
  it("a busy channel needs well above its own baseline", () => {
    const busy = Array.from({ length: 48 }, (_, i) => 10 + (i % 5) - 2); // 8..12, median 10
    expect(detectSpike(20, busy)).toMatchObject({ spike: false, baseline: 10, threshold: 30 });
    expect(detectSpike(30, busy).spike).toBe(true);
  });
  it("a slow day then a sudden burst fires; daily noise does not", () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const series = Array.from({ length: 200 }, () => Math.floor(rnd() * 3)); // 0–2 per window
    const verdicts = series.map((c, i) => (i < 48 ? false : detectSpike(c, series.slice(i - 48, i)).spike));
    expect(verdicts.filter(Boolean)).toHaveLength(0);
    const burst = [...series, 3, 9, 25];
    const n = burst.length;
    expect(detectSpike(burst[n - 1]!, burst.slice(n - 49, n - 1)).spike).toBe(true);
    expect(detectSpike(burst[n - 2]!, burst.slice(n - 50, n - 2)).spike).toBe(true);
    expect(detectSpike(burst[n - 3]!, burst.slice(n - 51, n - 3)).spike).toBe(false);
  });
  it("one earlier spike does not raise the bar (median baseline)", () => {
    const withSpike = [...Array(47).fill(1), 40];
    expect(detectSpike(6, withSpike)).toMatchObject({ spike: true, baseline: 1 });
  });
  it("short history is padded with zeros", () => {
    expect(detectSpike(5, [3]).baseline).toBe(0);
  });
  it("threshold formula", () => {
    expect(spikeThreshold(0, s)).toBe(5);
    expect(spikeThreshold(4, s)).toBe(12);
    expect(spikeThreshold(100, { minCount: 5, factor: 1.1 })).toBe(130);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
  it("windows align to the epoch so every run names the same window", () => {
    const a = windowStart(new Date("2026-04-14T10:07:00Z"), 30);
    const b = windowStart(new Date("2026-04-14T10:29:59Z"), 30);
    expect(a).toEqual(new Date("2026-04-14T10:00:00Z"));
    expect(b).toEqual(a);
  });
  it("buckets item times into the current window and history (oldest first)", () => {
    const now = new Date("2026-04-14T10:10:00Z");
    const times = ["2026-04-14T10:01:00Z", "2026-04-14T10:09:00Z", "2026-04-14T09:45:00Z", "2026-04-14T08:59:00Z", "2026-04-10T00:00:00Z"].map((t) => new Date(t));
    const b = bucketCounts(times, now, { ...s, baselineWindows: 4 });
    expect(b.current).toBe(2);
    expect(b.history).toEqual([0, 1, 0, 1]); // 08:30 window (idx 3), 09:30 window (idx 1)
    expect(b.windowStart).toEqual(new Date("2026-04-14T10:00:00Z"));
  });
});

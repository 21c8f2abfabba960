/**
 * Spike detection for the inbox: negative or high-risk items per channel in fixed windows,
 * compared with the channel's own recent baseline. Pure.
 *
 * - Windows are aligned to multiples of `windowMinutes` since the epoch, so every evaluation of
 *   the same window names the same window_start (spike_alerts is unique per channel and window:
 *   one alert per window, however often the job runs).
 * - Baseline: the median of the previous `baselineWindows` windows (missing windows count as 0).
 *   The median, not the mean, so one earlier spike does not raise the bar for the next one.
 * - A spike: count ≥ max(minCount, ⌈baseline × factor⌉, ⌈baseline + 3√max(baseline, 1)⌉).
 *   The square-root term treats counts as roughly Poisson: a quiet channel (baseline 0–1) needs
 *   minCount items, a busy one needs to be well outside its usual noise.
 */

export type SpikeSettings = { windowMinutes: number; baselineWindows: number; minCount: number; factor: number };
export const DEFAULT_SPIKE: SpikeSettings = { windowMinutes: 30, baselineWindows: 48, minCount: 5, factor: 3 };

export type SpikeVerdict = { spike: boolean; count: number; baseline: number; threshold: number };

export function windowStart(at: Date, windowMinutes: number): Date {
  const w = windowMinutes * 60_000;
  return new Date(Math.floor(at.getTime() / w) * w);
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function spikeThreshold(baseline: number, s: Pick<SpikeSettings, "minCount" | "factor">): number {
  return Math.max(s.minCount, Math.ceil(baseline * s.factor), Math.ceil(baseline + 3 * Math.sqrt(Math.max(baseline, 1))));
}

/** history: counts of the previous windows (any order); current: the count of the window being judged. */
export function detectSpike(current: number, history: readonly number[], s: SpikeSettings = DEFAULT_SPIKE): SpikeVerdict {
  const padded = [...history.slice(-s.baselineWindows)];
  while (padded.length < s.baselineWindows) padded.unshift(0);
  const baseline = median(padded);
  const threshold = spikeThreshold(baseline, s);
  return { spike: current >= threshold, count: current, baseline, threshold };
}

/**
 * Buckets item times into the current window and the `baselineWindows` before it.
 * Returns { current, history } with history oldest first.
 */
export function bucketCounts(times: readonly Date[], now: Date, s: SpikeSettings = DEFAULT_SPIKE): { windowStart: Date; current: number; history: number[] } {
  const w = s.windowMinutes * 60_000;
  const cur = windowStart(now, s.windowMinutes).getTime();
  const history = new Array<number>(s.baselineWindows).fill(0);
  let current = 0;
  for (const t of times) {
    const idx = Math.floor((cur - windowStart(t, s.windowMinutes).getTime()) / w);
    if (idx === 0) current++;
    else if (idx > 0 && idx <= s.baselineWindows) history[s.baselineWindows - idx]!++;
  }
  return { windowStart: new Date(cur), current, history };
}

/**
 * The analytics workspace's filters (date range, comparison period, brand, channel), parsed from
 * the URL. Pure: no IO. Days are Asia/Tokyo calendar dates (YYYY-MM-DD), inclusive on both ends.
 * Presets end yesterday (today's numbers are still coming in); a custom range may end today.
 */
import { z } from "zod";

export const RANGE_PRESETS = ["7", "28", "90"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = "28";
/** The longest custom range (a year and a day: a leap year fits). */
export const MAX_RANGE_DAYS = 366;
/** The oldest day a range may start, counted back from today. */
export const MAX_LOOKBACK_DAYS = 3 * 366;

const DAY_MS = 86_400_000;
const TOKYO_OFFSET_MS = 9 * 3_600_000;

/** The Tokyo calendar date `offsetDays` from `now`. */
export function tokyoDate(now: Date, offsetDays = 0): string {
  return new Date(now.getTime() + TOKYO_OFFSET_MS + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** `day` plus `n` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, e.g. 2025-01-01 → 2025-01-03 is 2. */
export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  const n = dayDiff(from, to);
  return n < 0 ? [] : Array.from({ length: n + 1 }, (_, i) => addDays(from, i));
}

/** The instant a Tokyo day begins (00:00 JST). */
export function tokyoDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - TOKYO_OFFSET_MS);
}

/** Monday of the Tokyo week containing `day`. */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "date");

export const analyticsSearchSchema = z.object({
  range: z.enum([...RANGE_PRESETS, "custom"]).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  brand: z.uuid().optional(),
  channel: z.uuid().optional(),
});
export type AnalyticsSearch = z.infer<typeof analyticsSearchSchema>;

export type AnalyticsFilter = {
  preset: RangePreset | "custom";
  /** The period shown, Tokyo days inclusive. */
  from: string;
  to: string;
  days: number;
  /** The comparison period: the same number of days just before. */
  prevFrom: string;
  prevTo: string;
  brandId: string | null;
  channelId: string | null;
};

export type FilterResult = { ok: true; filter: AnalyticsFilter } | { ok: false; filter: AnalyticsFilter; errors: Record<string, string> };

function build(preset: RangePreset | "custom", from: string, to: string, brandId: string | null, channelId: string | null): AnalyticsFilter {
  const days = dayDiff(from, to) + 1;
  return { preset, from, to, days, prevFrom: addDays(from, -days), prevTo: addDays(from, -1), brandId, channelId };
}

export function presetFilter(preset: RangePreset, now: Date, brandId: string | null = null, channelId: string | null = null): AnalyticsFilter {
  const to = tokyoDate(now, -1);
  return build(preset, addDays(to, -(Number(preset) - 1)), to, brandId, channelId);
}

/**
 * URL search params → a filter. Anything unreadable falls back to the default (28 days, all
 * brands and channels) and is reported in `errors` (keys: range, from, to, brand, channel), so a
 * page can show the default and say what it ignored.
 */
export function parseAnalyticsFilter(raw: Record<string, string | string[] | undefined>, now: Date): FilterResult {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ""));
  const errors: Record<string, string> = {};
  const parsed = analyticsSearchSchema.safeParse(first);
  let q: AnalyticsSearch = {};
  if (parsed.success) q = parsed.data;
  else {
    // Keep the fields that are fine; report the others.
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "range")] = "invalid";
    for (const k of ["range", "from", "to", "brand", "channel"] as const) {
      if (errors[k]) continue;
      const one = analyticsSearchSchema.shape[k].safeParse(first[k]);
      if (one.success && one.data !== undefined) (q as Record<string, string>)[k] = one.data;
    }
  }
  const brandId = q.brand ?? null;
  const channelId = q.channel ?? null;
  const today = tokyoDate(now);
  const preset = q.range ?? (q.from || q.to ? "custom" : DEFAULT_PRESET);
  if (preset !== "custom") {
    const filter = presetFilter(preset, now, brandId, channelId);
    return Object.keys(errors).length ? { ok: false, filter, errors } : { ok: true, filter };
  }
  const to = q.to ?? tokyoDate(now, -1);
  const from = q.from ?? addDays(to, -(Number(DEFAULT_PRESET) - 1));
  if (dayDiff(from, to) < 0) errors.to = "beforeFrom";
  else if (dayDiff(from, to) + 1 > MAX_RANGE_DAYS) errors.from = "tooLong";
  if (dayDiff(to, today) < 0) errors.to = "future";
  if (dayDiff(from, today) > MAX_LOOKBACK_DAYS) errors.from = "tooOld";
  if (errors.to || errors.from) return { ok: false, filter: presetFilter(DEFAULT_PRESET, now, brandId, channelId), errors };
  const filter = build("custom", from, to, brandId, channelId);
  return Object.keys(errors).length ? { ok: false, filter, errors } : { ok: true, filter };
}

/** The filter as URL search params (only what differs from the default), plus extra keys. */
export function filterSearchParams(f: AnalyticsFilter, extra: Record<string, string | number | null | undefined> = {}): string {
  const p = new URLSearchParams();
  if (f.preset === "custom") {
    p.set("range", "custom");
    p.set("from", f.from);
    p.set("to", f.to);
  } else if (f.preset !== DEFAULT_PRESET) p.set("range", f.preset);
  if (f.brandId) p.set("brand", f.brandId);
  if (f.channelId) p.set("channel", f.channelId);
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== "") p.set(k, String(v));
  return p.toString();
}

/** `path?query` or just `path`. */
export function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

/** Percentile by linear interpolation between closest ranks (what PostgreSQL's percentile_cont does). */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Relative change in percent, one decimal; null without a base. */
export function changePercent(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}

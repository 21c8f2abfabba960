/**
 * Paid campaigns as pure rules (issue 7), no IO: targeting vocabulary, flight and budget math, the
 * pacing plan and its warnings, the sandbox delivery simulator, performance ratios and the
 * automated-rule conditions. Dates are Tokyo calendar days as YYYY-MM-DD.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export const AD_OBJECTIVES = ["awareness", "traffic", "engagement", "conversions"] as const;
export type AdObjective = (typeof AD_OBJECTIVES)[number];
export const BUDGET_TYPES = ["daily", "lifetime"] as const;
export type BudgetType = (typeof BUDGET_TYPES)[number];
export const PACING_KINDS = ["even", "front_loaded", "back_loaded"] as const;
export type PacingKind = (typeof PACING_KINDS)[number];
export const AD_GENDERS = ["female", "male"] as const;
export const AD_LANGUAGES = ["ja", "en", "zh", "ko"] as const;

/** The 47 prefectures, JIS X 0401 order. Stored by their Japanese name (what the seed and the UI use). */
export const PREFECTURES = [
  ["JP-01", "北海道", "Hokkaido"], ["JP-02", "青森県", "Aomori"], ["JP-03", "岩手県", "Iwate"], ["JP-04", "宮城県", "Miyagi"],
  ["JP-05", "秋田県", "Akita"], ["JP-06", "山形県", "Yamagata"], ["JP-07", "福島県", "Fukushima"], ["JP-08", "茨城県", "Ibaraki"],
  ["JP-09", "栃木県", "Tochigi"], ["JP-10", "群馬県", "Gunma"], ["JP-11", "埼玉県", "Saitama"], ["JP-12", "千葉県", "Chiba"],
  ["JP-13", "東京都", "Tokyo"], ["JP-14", "神奈川県", "Kanagawa"], ["JP-15", "新潟県", "Niigata"], ["JP-16", "富山県", "Toyama"],
  ["JP-17", "石川県", "Ishikawa"], ["JP-18", "福井県", "Fukui"], ["JP-19", "山梨県", "Yamanashi"], ["JP-20", "長野県", "Nagano"],
  ["JP-21", "岐阜県", "Gifu"], ["JP-22", "静岡県", "Shizuoka"], ["JP-23", "愛知県", "Aichi"], ["JP-24", "三重県", "Mie"],
  ["JP-25", "滋賀県", "Shiga"], ["JP-26", "京都府", "Kyoto"], ["JP-27", "大阪府", "Osaka"], ["JP-28", "兵庫県", "Hyogo"],
  ["JP-29", "奈良県", "Nara"], ["JP-30", "和歌山県", "Wakayama"], ["JP-31", "鳥取県", "Tottori"], ["JP-32", "島根県", "Shimane"],
  ["JP-33", "岡山県", "Okayama"], ["JP-34", "広島県", "Hiroshima"], ["JP-35", "山口県", "Yamaguchi"], ["JP-36", "徳島県", "Tokushima"],
  ["JP-37", "香川県", "Kagawa"], ["JP-38", "愛媛県", "Ehime"], ["JP-39", "高知県", "Kochi"], ["JP-40", "福岡県", "Fukuoka"],
  ["JP-41", "佐賀県", "Saga"], ["JP-42", "長崎県", "Nagasaki"], ["JP-43", "熊本県", "Kumamoto"], ["JP-44", "大分県", "Oita"],
  ["JP-45", "宮崎県", "Miyazaki"], ["JP-46", "鹿児島県", "Kagoshima"], ["JP-47", "沖縄県", "Okinawa"],
].map(([code, ja, en]) => ({ code: code!, ja: ja!, en: en! }));
export const PREFECTURE_NAMES: readonly string[] = PREFECTURES.map((p) => p.ja);

export type Targeting = {
  ageMin: number;
  ageMax: number;
  genders: string[];
  prefectures: string[];
  interests: string[];
  languages: string[];
};

/** Reads stored targeting jsonb defensively (seed rows omit keys). */
export function readTargeting(raw: unknown): Targeting {
  const o = (raw ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const age = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  return { ageMin: age(o.ageMin, 18), ageMax: age(o.ageMax, 65), genders: list(o.genders), prefectures: list(o.prefectures), interests: list(o.interests), languages: list(o.languages) };
}

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Tokyo calendar day of an instant, plus offset days. */
export function tokyoDayOf(now: Date, offsetDays = 0): string {
  return new Date(now.getTime() + 9 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

export function flightDays(startsOn: string, endsOn: string): number {
  return Math.max(0, daysBetween(startsOn, endsOn) + 1);
}

/** The whole flight's budget: a daily budget times the flight's days, or the lifetime amount. */
export function totalBudget(c: { budgetType: BudgetType; budgetJpy: number; startsOn: string; endsOn: string }): number {
  return c.budgetType === "daily" ? c.budgetJpy * flightDays(c.startsOn, c.endsOn) : c.budgetJpy;
}

/** Whether a budget needs the manager: strictly above the threshold. */
export function needsBudgetApproval(total: number, thresholdJpy: number): boolean {
  return total > thresholdJpy;
}

/** An approval covers the budget when it was given for at least this total (lowering keeps it; raising needs a new one). */
export function approvalCovers(approvedJpy: number | null | undefined, total: number): boolean {
  return approvedJpy !== null && approvedJpy !== undefined && approvedJpy >= total;
}

// ── Pacing ──

export type PlanDay = { day: string; plannedJpy: number };

/**
 * Planned spend per day over the flight. Daily budgets plan the budget every day; lifetime
 * budgets spread it by the pacing curve (front-loaded: the first days weigh 1.5× the last;
 * back-loaded the reverse), rounded so the days add up to the budget exactly.
 */
export function plannedSpend(c: { budgetType: BudgetType; budgetJpy: number; startsOn: string; endsOn: string; pacing?: PacingKind }): PlanDay[] {
  const n = flightDays(c.startsOn, c.endsOn);
  if (n === 0) return [];
  if (c.budgetType === "daily") return Array.from({ length: n }, (_, i) => ({ day: addDays(c.startsOn, i), plannedJpy: c.budgetJpy }));
  const weight = (i: number) => {
    const t = n === 1 ? 0.5 : i / (n - 1);
    if (c.pacing === "front_loaded") return 1.5 - t;
    if (c.pacing === "back_loaded") return 0.5 + t;
    return 1;
  };
  const weights = Array.from({ length: n }, (_, i) => weight(i));
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  let prev = 0;
  return weights.map((w, i) => {
    acc += w;
    const cum = i === n - 1 ? c.budgetJpy : Math.round((c.budgetJpy * acc) / sum);
    const planned = cum - prev;
    prev = cum;
    return { day: addDays(c.startsOn, i), plannedJpy: planned };
  });
}

export type PacingRow = { day: string; plannedJpy: number; actualJpy: number | null; cumulativePlannedJpy: number; cumulativeActualJpy: number | null; flag: "over" | "under" | null };
export type PacingSummary = {
  rows: PacingRow[];
  /** Through the last day with delivery data. */
  plannedToDateJpy: number;
  actualToDateJpy: number;
  /** actual ÷ planned to date, in percent. */
  pacingPct: number | null;
  status: "on_pace" | "overspend" | "underdelivery" | "not_started";
  overspendDays: number;
  underdeliveryDays: number;
};

/** A day (or the flight to date) is overspent above 110 % of plan and underdelivered below 80 %. */
export const PACING_OVER = 1.1;
export const PACING_UNDER = 0.8;

/**
 * Planned against actual per day, through `throughDay` (the last day delivery is reported for).
 * Days after it have no actual; flags are raised per day and for the flight to date.
 */
export function pacing(plan: PlanDay[], actual: ReadonlyMap<string, number>, throughDay: string | null): PacingSummary {
  let cumP = 0;
  let cumA = 0;
  let plannedToDate = 0;
  let actualToDate = 0;
  let over = 0;
  let under = 0;
  const rows = plan.map((p): PacingRow => {
    cumP += p.plannedJpy;
    const reported = throughDay !== null && p.day <= throughDay;
    if (!reported) return { day: p.day, plannedJpy: p.plannedJpy, actualJpy: null, cumulativePlannedJpy: cumP, cumulativeActualJpy: null, flag: null };
    const a = actual.get(p.day) ?? 0;
    cumA += a;
    plannedToDate = cumP;
    actualToDate = cumA;
    let flag: PacingRow["flag"] = null;
    if (p.plannedJpy > 0 && a > p.plannedJpy * PACING_OVER) flag = "over";
    else if (p.plannedJpy > 0 && a < p.plannedJpy * PACING_UNDER) flag = "under";
    if (flag === "over") over++;
    if (flag === "under") under++;
    return { day: p.day, plannedJpy: p.plannedJpy, actualJpy: a, cumulativePlannedJpy: cumP, cumulativeActualJpy: cumA, flag };
  });
  const pct = plannedToDate > 0 ? Math.round((actualToDate / plannedToDate) * 1000) / 10 : null;
  const status: PacingSummary["status"] =
    pct === null ? "not_started" : actualToDate > plannedToDate * PACING_OVER ? "overspend" : actualToDate < plannedToDate * PACING_UNDER ? "underdelivery" : "on_pace";
  return { rows, plannedToDateJpy: plannedToDate, actualToDateJpy: actualToDate, pacingPct: pct, status, overspendDays: over, underdeliveryDays: under };
}

// ── Performance ──

export type Totals = { spendJpy: number; impressions: number; clicks: number; conversions: number; revenueJpy: number };
export type Ratios = { ctrPct: number | null; cpcJpy: number | null; cpaJpy: number | null; roasPct: number | null; cpmJpy: number | null };

export function ratios(t: Totals): Ratios {
  const div = (a: number, b: number) => (b > 0 ? a / b : null);
  const r1 = (x: number | null, k = 10) => (x === null ? null : Math.round(x * k) / k);
  return {
    ctrPct: r1(div(t.clicks * 100, t.impressions), 100),
    cpcJpy: r1(div(t.spendJpy, t.clicks), 1),
    cpaJpy: r1(div(t.spendJpy, t.conversions), 1),
    // No conversion value reported (awareness, traffic, engagement objectives) → no ROAS, not "0%".
    roasPct: t.revenueJpy > 0 ? r1(div(t.revenueJpy * 100, t.spendJpy), 10) : null,
    cpmJpy: r1(div(t.spendJpy * 1000, t.impressions), 1),
  };
}

export function sumTotals(rows: readonly Totals[]): Totals {
  const out: Totals = { spendJpy: 0, impressions: 0, clicks: 0, conversions: 0, revenueJpy: 0 };
  for (const r of rows) {
    out.spendJpy += r.spendJpy;
    out.impressions += r.impressions;
    out.clicks += r.clicks;
    out.conversions += r.conversions;
    out.revenueJpy += r.revenueJpy;
  }
  return out;
}

// ── Sandbox delivery simulator ──

/** FNV-1a → mulberry32: the same key always gives the same day. */
export function seededRandom(key: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Typical Japanese Meta/Instagram figures per objective: CPM (¥), CTR, CVR (of clicks), order value (¥). */
export const OBJECTIVE_PROFILE: Record<AdObjective, { cpm: [number, number]; ctr: [number, number]; cvr: [number, number]; aov: [number, number] }> = {
  awareness: { cpm: [250, 450], ctr: [0.004, 0.008], cvr: [0.002, 0.006], aov: [3000, 5000] },
  traffic: { cpm: [600, 1000], ctr: [0.012, 0.02], cvr: [0.008, 0.015], aov: [3000, 6000] },
  engagement: { cpm: [450, 750], ctr: [0.009, 0.015], cvr: [0.004, 0.01], aov: [2500, 4500] },
  conversions: { cpm: [800, 1300], ctr: [0.009, 0.014], cvr: [0.025, 0.045], aov: [4000, 7000] },
};

/** At most this much above the day's cap (platforms overdeliver a little on a day). */
export const MAX_DAILY_OVERDELIVERY = 0.1;

export type SimulatedDay = Totals & { day: string };

/**
 * One ad's delivery on one day: spends 85–105 % of its cap (never more than 110 %), and never
 * more than `remainingJpy` (what is left of a lifetime budget). Deterministic in (adId, day).
 */
export function simulateDay(o: { adId: string; day: string; objective: AdObjective; dailyCapJpy: number; remainingJpy?: number; performance?: number }): SimulatedDay {
  const rnd = seededRandom(`${o.adId}:${o.day}`);
  const p = OBJECTIVE_PROFILE[o.objective];
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * rnd();
  const cap = Math.max(0, Math.floor(o.dailyCapJpy));
  let spend = Math.round(cap * (0.85 + rnd() * 0.2));
  spend = Math.min(spend, Math.floor(cap * (1 + MAX_DAILY_OVERDELIVERY)));
  if (o.remainingJpy !== undefined) spend = Math.max(0, Math.min(spend, Math.floor(o.remainingJpy)));
  const impressions = Math.round((spend / between(p.cpm)) * 1000);
  const clicks = Math.round(impressions * between(p.ctr));
  const conversions = Math.round(clicks * between(p.cvr) * (o.performance ?? 1));
  const revenueJpy = Math.round(conversions * between(p.aov));
  return { day: o.day, spendJpy: spend, impressions, clicks, conversions, revenueJpy };
}

/** Split a campaign's day cap over its ads: by ad set budget when set, else evenly. */
export function dailyCaps(c: { budgetType: BudgetType; budgetJpy: number; startsOn: string; endsOn: string; pacing?: PacingKind }, day: string, adSets: readonly { id: string; dailyBudgetJpy: number | null; adIds: string[] }[]): Map<string, number> {
  const planned = plannedSpend(c).find((p) => p.day === day)?.plannedJpy ?? 0;
  const out = new Map<string, number>();
  const live = adSets.filter((s) => s.adIds.length > 0);
  if (!live.length) return out;
  const setBudgets = live.map((s) => s.dailyBudgetJpy ?? 0);
  const sumSet = setBudgets.reduce((a, b) => a + b, 0);
  live.forEach((s, i) => {
    const share = sumSet > 0 ? Math.min(planned, (planned * setBudgets[i]!) / sumSet) : planned / live.length;
    for (const id of s.adIds) out.set(id, Math.floor(share / s.adIds.length));
  });
  return out;
}

// ── Automated rules ──

export type DailyResult = { day: string; spendJpy: number; conversions: number };

/**
 * CPA above a limit for `days` days in a row, ending on the latest reported day. A day with spend
 * and no conversion has an infinite CPA (it breaches when anything was spent above the limit).
 * The window key is the first day of the current streak: while the streak lasts it is the same
 * condition, so the rule fires once; a new streak after a good day is a new condition.
 */
export function cpaBreach(series: readonly DailyResult[], limitJpy: number, days: number): { breached: boolean; windowKey: string | null; streak: number; cpaByDay: { day: string; cpa: number | null }[] } {
  const sorted = [...series].sort((a, b) => a.day.localeCompare(b.day));
  const breachOf = (d: DailyResult) => (d.conversions > 0 ? d.spendJpy / d.conversions > limitJpy : d.spendJpy > limitJpy);
  let streak = 0;
  let start: string | null = null;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const d = sorted[i]!;
    const next = sorted[i + 1];
    if (next && daysBetween(d.day, next.day) !== 1) break;
    if (!breachOf(d)) break;
    streak++;
    start = d.day;
  }
  const window = sorted.slice(-Math.max(1, days));
  return {
    breached: streak >= days && days > 0,
    windowKey: streak >= days ? `cpa:${start}` : null,
    streak,
    cpaByDay: window.map((d) => ({ day: d.day, cpa: d.conversions > 0 ? Math.round(d.spendJpy / d.conversions) : null })),
  };
}

/**
 * Negative comments on the boosted post: `count` or more within the last `hours`. The window key
 * is the hour bucket the spike first crossed the threshold in, so one spike fires once.
 */
export function negativeSpike(commentTimes: readonly Date[], now: Date, count: number, hours: number): { breached: boolean; windowKey: string | null; observed: number } {
  const from = now.getTime() - hours * 3_600_000;
  const inWindow = commentTimes.map((d) => d.getTime()).filter((t) => t >= from && t <= now.getTime()).sort((a, b) => a - b);
  if (inWindow.length < count || count <= 0) return { breached: false, windowKey: null, observed: inWindow.length };
  // The moment the count was reached: the count-th comment in the window; bucket by `hours`.
  const crossedAt = inWindow[count - 1]!;
  const bucket = Math.floor(crossedAt / (hours * 3_600_000));
  return { breached: true, windowKey: `neg:${hours}h:${bucket}`, observed: inWindow.length };
}

// ── Creatives ──

export type Creative = { text: string; headline: string | null; linkUrl: string | null; cta: string | null };

/** The exact thing Legal reviews for an ad creative, and its hash (the subject hash Legal clears). */
export function creativeSnapshot(c: Creative) {
  const snapshot = { kind: "ad_creative", text: c.text, headline: c.headline, linkUrl: c.linkUrl, cta: c.cta };
  return { snapshot, hash: createHash("sha256").update(canonicalJson(snapshot)).digest("hex") };
}

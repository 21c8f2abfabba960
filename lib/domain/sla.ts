/**
 * First-response SLA clocks for the inbox, and Japan's public holidays. Pure: no IO, no Date.now().
 *
 * Clocks (per priority, set by the manager in the inbox policy):
 * - "24h": the target is wall-clock minutes after the item arrived.
 * - "business": only minutes inside business hours count (default 09:00–18:00 Asia/Tokyo, Mon–Fri),
 *   skipping Japanese public holidays. An item arriving at 17:50 with a 30-minute target is due at
 *   09:20 the next business day.
 *
 * Holidays (国民の祝日に関する法律, as amended for 2020 onward), computed, not listed:
 * - fixed days; Happy Monday days (成人の日, 海の日, 敬老の日, スポーツの日);
 * - 春分の日 / 秋分の日 by the usual equinox approximation (valid 1980–2099):
 *   ⌊20.8431 + 0.242194(y−1980) − ⌊(y−1980)/4⌋⌋ and ⌊23.2488 + …⌋;
 * - 振替休日: a holiday on a Sunday moves to the next day that is not a holiday;
 * - 国民の休日: a weekday squeezed between two holidays is a holiday (e.g. 2026-09-22);
 * - the Olympic moves of 2020 and 2021 are special-cased.
 * Decision: years before 2020 are computed with the 2020 rules (the inbox never needs them).
 */

export type SlaClock = "24h" | "business";
export type SlaTarget = { minutes: number; clock: SlaClock };
export type BusinessHours = {
  /** "HH:MM" local, inclusive. */
  start: string;
  /** "HH:MM" local, exclusive; must be after start. */
  end: string;
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Skip Japanese public holidays. */
  holidays: boolean;
};

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { start: "09:00", end: "18:00", timeZone: "Asia/Tokyo", days: [1, 2, 3, 4, 5], holidays: true };

const MIN = 60_000;
const DAY = 86_400_000;

// ── holidays ────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, "0");
export const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** 0 = Sunday … 6 = Saturday, for a civil date (no time zone involved). */
function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function nthMonday(y: number, m: number, n: number): number {
  const first = weekday(y, m, 1);
  const firstMonday = 1 + ((8 - first) % 7);
  return firstMonday + (n - 1) * 7;
}

export function vernalEquinoxDay(y: number): number {
  return Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

export function autumnalEquinoxDay(y: number): number {
  return Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

const holidayCache = new Map<number, ReadonlyMap<string, string>>();

/** Japan's public holidays of a year: "YYYY-MM-DD" → name (ja). */
export function japaneseHolidays(y: number): ReadonlyMap<string, string> {
  const cached = holidayCache.get(y);
  if (cached) return cached;
  const base = new Map<string, string>();
  const add = (m: number, d: number, name: string) => base.set(ymd(y, m, d), name);
  add(1, 1, "元日");
  add(1, nthMonday(y, 1, 2), "成人の日");
  add(2, 11, "建国記念の日");
  add(2, 23, "天皇誕生日");
  add(3, vernalEquinoxDay(y), "春分の日");
  add(4, 29, "昭和の日");
  add(5, 3, "憲法記念日");
  add(5, 4, "みどりの日");
  add(5, 5, "こどもの日");
  if (y === 2020) {
    add(7, 23, "海の日");
    add(7, 24, "スポーツの日");
    add(8, 10, "山の日");
  } else if (y === 2021) {
    add(7, 22, "海の日");
    add(7, 23, "スポーツの日");
    add(8, 8, "山の日");
  } else {
    add(7, nthMonday(y, 7, 3), "海の日");
    add(8, 11, "山の日");
    add(10, nthMonday(y, 10, 2), "スポーツの日");
  }
  add(9, nthMonday(y, 9, 3), "敬老の日");
  add(9, autumnalEquinoxDay(y), "秋分の日");
  add(11, 3, "文化の日");
  add(11, 23, "勤労感謝の日");

  const out = new Map(base);
  // 国民の休日: a day that is not a holiday, between two holidays (not a Sunday, which rests anyway).
  for (let t = Date.UTC(y, 0, 2); t < Date.UTC(y, 11, 31); t += DAY) {
    const d = new Date(t);
    const key = ymd(y, d.getUTCMonth() + 1, d.getUTCDate());
    if (base.has(key) || d.getUTCDay() === 0) continue;
    const prev = new Date(t - DAY);
    const next = new Date(t + DAY);
    if (base.has(ymd(prev.getUTCFullYear(), prev.getUTCMonth() + 1, prev.getUTCDate())) && base.has(ymd(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate())))
      out.set(key, "国民の休日");
  }
  // 振替休日: a holiday on Sunday → the next day that is not a holiday.
  for (const key of [...base.keys()].sort()) {
    const [yy, mm, dd] = key.split("-").map(Number) as [number, number, number];
    if (weekday(yy, mm, dd) !== 0) continue;
    let t = Date.UTC(yy, mm - 1, dd) + DAY;
    for (;;) {
      const d = new Date(t);
      const k = ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      if (!out.has(k)) {
        if (d.getUTCFullYear() === y) out.set(k, "振替休日");
        break;
      }
      t += DAY;
    }
  }
  const sorted = new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  holidayCache.set(y, sorted);
  return sorted;
}

export function isJapaneseHoliday(y: number, m: number, d: number): boolean {
  return japaneseHolidays(y).has(ymd(y, m, d));
}

// ── time zones ──────────────────────────────────────────────────────────────

type Local = { y: number; m: number; d: number; hh: number; mm: number; isoWeekday: number };

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string): Intl.DateTimeFormat {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    fmtCache.set(timeZone, f);
  }
  return f;
}

/*
 * Intl's formatToParts is the slow part of the business clock (several calls per day walked, for
 * every ingested item). The wall-clock of an instant in a zone never changes within a process,
 * so both directions are memoised in small bounded maps (cleared when full).
 */
const MEMO_MAX = 10_000;
const localMemo = new Map<string, Local>();
const instantMemo = new Map<string, number>();
function remember<V>(m: Map<string, V>, k: string, v: V): V {
  if (m.size >= MEMO_MAX) m.clear();
  m.set(k, v);
  return v;
}

export function localParts(at: Date, timeZone: string): Local {
  const key = `${timeZone}|${at.getTime()}`;
  const hit = localMemo.get(key);
  if (hit) return { ...hit };
  return { ...remember(localMemo, key, computeLocalParts(at, timeZone)) };
}

function computeLocalParts(at: Date, timeZone: string): Local {
  const p: Record<string, number> = {};
  for (const part of fmt(timeZone).formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  const y = p.year!;
  const m = p.month!;
  const d = p.day!;
  const wd = weekday(y, m, d);
  return { y, m, d, hh: p.hour! % 24, mm: p.minute!, isoWeekday: wd === 0 ? 7 : wd };
}

/** The instant of a local wall-clock time in a zone (two passes: right across offset changes). */
export function zonedInstant(y: number, m: number, d: number, hh: number, mm: number, timeZone: string): Date {
  const key = `${timeZone}|${y}-${m}-${d} ${hh}:${mm}`;
  const hit = instantMemo.get(key);
  if (hit !== undefined) return new Date(hit);
  return new Date(remember(instantMemo, key, computeZonedInstant(y, m, d, hh, mm, timeZone).getTime()));
}

function computeZonedInstant(y: number, m: number, d: number, hh: number, mm: number, timeZone: string): Date {
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(t), timeZone);
    const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm);
    t += guess - asUtc;
  }
  return new Date(t);
}

function hm(s: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`bad time ${s}`);
  return [Number(m[1]), Number(m[2])];
}

export function isBusinessDay(y: number, m: number, d: number, hours: BusinessHours): boolean {
  const wd = weekday(y, m, d);
  if (!hours.days.includes(wd === 0 ? 7 : wd)) return false;
  return !(hours.holidays && isJapaneseHoliday(y, m, d));
}

// ── SLA ─────────────────────────────────────────────────────────────────────

/** When the first response is due for an item that arrived at `from`. */
export function slaDueAt(from: Date, target: SlaTarget, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): Date {
  const minutes = Math.max(0, Math.round(target.minutes));
  if (target.clock === "24h") return new Date(from.getTime() + minutes * MIN);
  return addBusinessMinutes(from, minutes, hours);
}

export function addBusinessMinutes(from: Date, minutes: number, hours: BusinessHours): Date {
  const [sh, sm] = hm(hours.start);
  const [eh, em] = hm(hours.end);
  let cursor = from.getTime();
  let remaining = minutes * MIN;
  for (let guard = 0; guard < 800; guard++) {
    const l = localParts(new Date(cursor), hours.timeZone);
    if (isBusinessDay(l.y, l.m, l.d, hours)) {
      const open = zonedInstant(l.y, l.m, l.d, sh, sm, hours.timeZone).getTime();
      const close = zonedInstant(l.y, l.m, l.d, eh, em, hours.timeZone).getTime();
      if (cursor < open) cursor = open;
      if (cursor < close) {
        if (cursor + remaining <= close) return new Date(cursor + remaining);
        remaining -= close - cursor;
      }
    }
    const next = new Date(Date.UTC(l.y, l.m - 1, l.d) + DAY);
    cursor = zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, hours.timeZone).getTime();
  }
  throw new Error("business hours never open (check policy days)");
}

/** Business minutes between two instants (for "time left" on the business clock). Negative when to < from. */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours): number {
  if (to.getTime() < from.getTime()) return -businessMinutesBetween(to, from, hours);
  const [sh, sm] = hm(hours.start);
  const [eh, em] = hm(hours.end);
  let total = 0;
  let cursor = from.getTime();
  const end = to.getTime();
  for (let guard = 0; guard < 800 && cursor < end; guard++) {
    const l = localParts(new Date(cursor), hours.timeZone);
    if (isBusinessDay(l.y, l.m, l.d, hours)) {
      const open = zonedInstant(l.y, l.m, l.d, sh, sm, hours.timeZone).getTime();
      const close = zonedInstant(l.y, l.m, l.d, eh, em, hours.timeZone).getTime();
      const a = Math.max(cursor, open);
      const b = Math.min(end, close);
      if (b > a) total += b - a;
    }
    const next = new Date(Date.UTC(l.y, l.m - 1, l.d) + DAY);
    cursor = zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, hours.timeZone).getTime();
  }
  return Math.round(total / MIN);
}

/** Minutes before the due time at which the assignee is warned: 20 % of the target, at least 5. */
export function slaWarnMinutes(target: SlaTarget): number {
  return Math.max(5, Math.ceil(target.minutes * 0.2));
}

export type SlaState = "met" | "missed" | "breached" | "due_soon" | "on_track" | "none";

/** The SLA state of an item at `now` (met / missed once answered; breached / due_soon / on_track while open). */
export function slaState(i: { slaDueAt: Date | null; firstResponseAt: Date | null }, now: Date, warnMinutes = 15): SlaState {
  if (!i.slaDueAt) return "none";
  if (i.firstResponseAt) return i.firstResponseAt.getTime() <= i.slaDueAt.getTime() ? "met" : "missed";
  const left = i.slaDueAt.getTime() - now.getTime();
  if (left <= 0) return "breached";
  if (left <= warnMinutes * MIN) return "due_soon";
  return "on_track";
}

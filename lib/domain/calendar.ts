/**
 * Calendar arithmetic in a viewer's time zone, as pure functions (no clock, no IO).
 *
 * Days are named by their wall-calendar date in the viewer's zone ("2025-11-29", a *day key*);
 * a day's instants are [00:00 that day, 00:00 the next day) in that zone, converted to UTC with
 * the zone's offset at that moment (so a DST zone gets 23- and 25-hour days, and Asia/Tokyo's
 * day starts at 15:00 UTC the day before). Weeks start on Monday: a campaign weekend stays
 * together in one row.
 *
 * Only Intl is used (no date library): the same code runs on the server and in the browser.
 */

export const DAY_MS = 86_400_000;
export const DEFAULT_TIME_ZONE = "Asia/Tokyo";
/** 0 = Sunday … 6 = Saturday; the calendar's first column. */
export const WEEK_STARTS_ON = 1;

export const CALENDAR_VIEWS = ["month", "week", "list"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export type ZonedParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone Intl knows ("Asia/Tokyo", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(at)) {
    if (p.type !== "literal" && p.type !== "dayPeriod" && p.type !== "weekday") out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** The zone's offset from UTC at an instant, in milliseconds (Tokyo: +9 h). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "YYYY-MM-DD" of an instant in a zone. */
export function dayKeyOf(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "HH:MM" of an instant in a zone. */
export function timeOfDay(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isDayKey(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = DAY_KEY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isTimeOfDay(s: unknown): s is string {
  return typeof s === "string" && TIME.test(s);
}

function keyToUtcMidnight(key: string): number {
  const m = DAY_KEY.exec(key);
  if (!m) throw new Error(`not a day key: ${key}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}
function utcMidnightToKey(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The day key n days later (calendar days, no time zone involved). */
export function addDays(key: string, n: number): string {
  return utcMidnightToKey(keyToUtcMidnight(key) + n * DAY_MS);
}

/** The same day of the month n months later, clamped to the month's length (Jan 31 + 1 → Feb 28/29). */
export function addMonths(key: string, n: number): string {
  const d = new Date(keyToUtcMidnight(key));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return utcMidnightToKey(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(key: string): number {
  return new Date(keyToUtcMidnight(key)).getUTCDay();
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((keyToUtcMidnight(b) - keyToUtcMidnight(a)) / DAY_MS);
}

/**
 * The instant of a wall-clock time on a day in a zone. In a DST gap (a time that does not exist)
 * the result lands just after the gap; in an overlap, the earlier of the two instants.
 */
export function zonedToUtc(key: string, hhmm: string, timeZone: string): Date {
  const [h, mi] = hhmm.split(":").map(Number) as [number, number];
  const wall = keyToUtcMidnight(key) + h * 3_600_000 + mi * 60_000;
  const first = wall - zoneOffsetMs(new Date(wall), timeZone);
  const second = wall - zoneOffsetMs(new Date(first), timeZone);
  if (first === second) return new Date(first);
  // The offset changed between the guess and the answer: take the one that round-trips, else the later.
  const ok = [first, second].filter((t) => dayKeyOf(new Date(t), timeZone) === key && timeOfDay(new Date(t), timeZone) === hhmm);
  return new Date(ok.length ? Math.min(...ok) : Math.max(first, second));
}

/** The first instant of a day in a zone. */
export function startOfDay(key: string, timeZone: string): Date {
  return zonedToUtc(key, "00:00", timeZone);
}

/** [from, to) covering the days first … last (inclusive) in a zone. */
export function rangeOfDays(first: string, last: string, timeZone: string): { from: Date; to: Date } {
  return { from: startOfDay(first, timeZone), to: startOfDay(addDays(last, 1), timeZone) };
}

/** The same wall-clock time of day as `slot`, on another day (what dropping a post on a day means). */
export function moveToDay(slot: Date, key: string, timeZone: string): Date {
  return zonedToUtc(key, timeOfDay(slot, timeZone), timeZone);
}

export type GridDay = { key: string; inMonth: boolean; weekday: number };
export type MonthGrid = {
  /** "YYYY-MM" */
  month: string;
  first: string;
  last: string;
  weeks: GridDay[][];
};

/** The first day of the week containing `key`. */
export function startOfWeek(key: string, weekStartsOn = WEEK_STARTS_ON): string {
  return addDays(key, -((weekdayOf(key) - weekStartsOn + 7) % 7));
}

/** The weeks (rows of 7 days) that show the month of `anchor`, padded with days of the neighbouring months. */
export function monthGrid(anchor: string, weekStartsOn = WEEK_STARTS_ON): MonthGrid {
  const month = anchor.slice(0, 7);
  const firstOfMonth = `${month}-01`;
  const lastOfMonth = addDays(addMonths(firstOfMonth, 1), -1);
  const first = startOfWeek(firstOfMonth, weekStartsOn);
  const last = addDays(startOfWeek(lastOfMonth, weekStartsOn), 6);
  const weeks: GridDay[][] = [];
  for (let day = first; daysBetween(day, last) >= 0; ) {
    const row: GridDay[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) row.push({ key: day, inMonth: day.startsWith(month), weekday: weekdayOf(day) });
    weeks.push(row);
  }
  return { month, first, last, weeks };
}

/** The 7 days of the week containing `anchor`. */
export function weekDays(anchor: string, weekStartsOn = WEEK_STARTS_ON): GridDay[] {
  const first = startOfWeek(anchor, weekStartsOn);
  const month = anchor.slice(0, 7);
  return Array.from({ length: 7 }, (_, i) => {
    const key = addDays(first, i);
    return { key, inMonth: key.startsWith(month), weekday: weekdayOf(key) };
  });
}

/** The days a view shows around `anchor` (list = the month). */
export function daysOfView(view: CalendarView, anchor: string, weekStartsOn = WEEK_STARTS_ON): { first: string; last: string } {
  if (view === "week") {
    const first = startOfWeek(anchor, weekStartsOn);
    return { first, last: addDays(first, 6) };
  }
  if (view === "list") {
    const first = `${anchor.slice(0, 7)}-01`;
    return { first, last: addDays(addMonths(first, 1), -1) };
  }
  const g = monthGrid(anchor, weekStartsOn);
  return { first: g.first, last: g.last };
}

/** The anchor one step back or forward: a month in month and list views, a week in week view. */
export function shiftAnchor(view: CalendarView, anchor: string, step: -1 | 1): string {
  if (view === "week") return addDays(anchor, 7 * step);
  return addMonths(`${anchor.slice(0, 7)}-01`, step);
}

/** Items grouped by the day (in the zone) of their slot, each day's items in slot order. */
export function bucketByDay<T extends { slotAt: Date | string }>(items: readonly T[], timeZone: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = dayKeyOf(new Date(item.slotAt), timeZone);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  for (const list of out.values()) list.sort((a, b) => new Date(a.slotAt).getTime() - new Date(b.slotAt).getTime());
  return out;
}

/**
 * What a day cell shows: the first `max` items and how many more there are. When a day has more
 * than `max` items, one row goes to the "+N more" link, so a cell never grows past `max` rows.
 */
export function visibleItems<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  if (items.length <= max) return { shown: [...items], more: 0 };
  const shown = items.slice(0, Math.max(0, max - 1));
  return { shown, more: items.length - shown.length };
}

/**
 * The value of an <input type="datetime-local"> ("YYYY-MM-DDTHH:MM") read as wall-clock time
 * in a zone, or null if malformed.
 */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!m || !isDayKey(m[1]) || !isTimeOfDay(m[2])) return null;
  return zonedToUtc(m[1]!, m[2]!, timeZone);
}

/** An instant as an <input type="datetime-local"> value in a zone. */
export function toLocalDateTime(at: Date, timeZone: string): string {
  return `${dayKeyOf(at, timeZone)}T${timeOfDay(at, timeZone)}`;
}

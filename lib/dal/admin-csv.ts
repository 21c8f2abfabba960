/**
 * CSV for the audit export: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so Excel opens
 * Japanese text correctly, and formula-injection defence (a cell that starts with = + - @ TAB
 * or CR gets a leading single quote, so a spreadsheet shows it as text). Pure functions.
 */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  let s: string;
  if (value === null || value === undefined) s = "";
  else if (value instanceof Date) s = value.toISOString();
  else if (typeof value === "object") s = JSON.stringify(value);
  else s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (NEEDS_QUOTES.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export const DEFAULT_TIME_ZONE = "Asia/Tokyo";

/** The viewer's zone if the runtime knows it (profiles come from the IdP's zoneinfo), else Asia/Tokyo. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

function zonedParts(date: Date, timeZone: string): Record<string, string> {
  const dtf = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  return Object.fromEntries(dtf.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "2025-04-01 09:30:00" as the wall clock in `timeZone` shows it (spreadsheets parse this). */
export function formatLocalTimestamp(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** audit-YYYYMMDD.csv, dated in the viewer's time zone. */
export function auditExportFilename(now: Date, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  return `audit-${p.year}${p.month}${p.day}.csv`;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (Asia/Tokyo → +9h). */
export function timeZoneOffsetMs(utcMs: number, timeZone: string): number {
  const p = zonedParts(new Date(utcMs), timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` reads the given local date and time. */
export function zonedWallTimeToUtc(
  t: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const guess = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0);
  const first = timeZoneOffsetMs(guess, timeZone);
  let utc = guess - first;
  // Near a DST switch the offset at the result can differ from the one at the guess.
  const second = timeZoneOffsetMs(utc, timeZone);
  if (second !== first) utc = guess - second;
  return new Date(utc);
}

/**
 * The weekly report's calendar (pure). A schedule fires once a week on an ISO weekday
 * (1 = Monday … 7 = Sunday) at HH:MM Asia/Tokyo, and each report covers the last complete
 * Monday–Sunday week before the day it fires. The week's Monday is the report's key: one report
 * per schedule and week, however often the job runs.
 */
import { addDays, tokyoDate, tokyoDayStart, weekStart } from "./analytics-filters";

const MINUTE_MS = 60_000;

export type ReportSlot = { weekday: number; hour: number; minute: number };

/** "09:30" → { hour: 9, minute: 30 }; null if not a time of day. */
export function parseTimeOfDay(s: string): { hour: number; minute: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

export function formatTimeOfDay(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar day. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The instant of the slot in the Tokyo week that starts on `monday`. */
function slotIn(monday: string, slot: ReportSlot): Date {
  return new Date(tokyoDayStart(addDays(monday, slot.weekday - 1)).getTime() + (slot.hour * 60 + slot.minute) * MINUTE_MS);
}

/** The latest firing at or before `now`. */
export function latestOccurrence(slot: ReportSlot, now: Date): Date {
  const thisWeek = slotIn(weekStart(tokyoDate(now)), slot);
  return thisWeek.getTime() <= now.getTime() ? thisWeek : slotIn(addDays(weekStart(tokyoDate(now)), -7), slot);
}

/** The next firing strictly after `now`. */
export function nextOccurrence(slot: ReportSlot, now: Date): Date {
  const thisWeek = slotIn(weekStart(tokyoDate(now)), slot);
  return thisWeek.getTime() > now.getTime() ? thisWeek : slotIn(addDays(weekStart(tokyoDate(now)), 7), slot);
}

/** The complete Monday–Sunday week before the Tokyo day of `at`. */
export function reportPeriodFor(at: Date): { from: string; to: string } {
  const monday = weekStart(tokyoDate(at));
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

/**
 * Whether a schedule owes a report now, and for which week: the latest firing must have passed
 * and must not be older than the schedule itself (a schedule made on Wednesday for Mondays does
 * not fire for the Monday that already went by).
 */
export function dueReportPeriod(slot: ReportSlot, createdAt: Date, now: Date): { from: string; to: string; firedAt: Date } | null {
  const at = latestOccurrence(slot, now);
  if (at.getTime() < createdAt.getTime()) return null;
  return { ...reportPeriodFor(at), firedAt: at };
}

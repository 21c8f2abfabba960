/**
 * Review due times: when each stage of the triple check should be decided, derived from the post's
 * planned slot and from when the stage was opened. Pure; `now` and the clock are passed in.
 *
 * The rule (a choice, documented in README "Review due times"):
 * - PR and Legal (in parallel): 8 business hours after the review was requested, and never later
 *   than 24 hours before the slot — a day for the manager and for fixes.
 * - Final approval: 4 business hours after it opened, and never later than 2 hours before the slot.
 * - Business hours: Monday–Friday 09:00–18:00 in Asia/Tokyo (public holidays are not modelled; they
 *   only make a deadline earlier than a human would expect, never later).
 * - Near slots: the slot bound is the later of "slot − 24h" (final: "slot − 2h") and the halfway
 *   point between the request and the slot. So a post submitted 3 hours before its slot has PR/Legal
 *   due in 1.5 hours rather than an instant overdue, and the other half stays for the final approval.
 *   Due is never before the request nor after the slot.
 * - No slot: only the business-hours clock applies.
 * - Fast lane (corrections, apologies, retractions, statements): every stage is due 2 hours after it
 *   opened, on the wall clock — a backlash does not wait for Monday morning — and by the slot bound.
 * - Reminder: a quarter of the stage's window before due, at most 2 hours before.
 */

export type ReviewStage = "pr" | "legal" | "final";

export interface DuePolicy {
  /** Business hours for PR and Legal. */
  reviewBusinessHours: number;
  /** Business hours for the final approval. */
  finalBusinessHours: number;
  /** PR/Legal must be done this long before the slot. */
  reviewLeadMs: number;
  /** The final approval must be done this long before the slot. */
  finalLeadMs: number;
  /** Fast lane: each stage due this long after it opened (wall clock). */
  fastLaneMs: number;
  /** Remind at most this long before due. */
  reminderMaxLeadMs: number;
  timeZone: string;
  /** Working day start/end, local hours (0–24). */
  dayStartHour: number;
  dayEndHour: number;
  /** Working days, 0 = Sunday … 6 = Saturday. */
  workdays: readonly number[];
}

const HOUR = 3_600_000;

export const DEFAULT_DUE_POLICY: DuePolicy = {
  reviewBusinessHours: 8,
  finalBusinessHours: 4,
  reviewLeadMs: 24 * HOUR,
  finalLeadMs: 2 * HOUR,
  fastLaneMs: 2 * HOUR,
  reminderMaxLeadMs: 2 * HOUR,
  timeZone: "Asia/Tokyo",
  dayStartHour: 9,
  dayEndHour: 18,
  workdays: [1, 2, 3, 4, 5],
};

type Local = { y: number; m: number; d: number; hour: number; minute: number; second: number; ms: number; weekday: number };

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function local(t: number, timeZone: string): Local {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    ms: ((t % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(p.weekday ?? ""),
  };
}

/** The offset (local − UTC, ms) of the zone at instant t. */
function offsetAt(t: number, timeZone: string): number {
  const l = local(t, timeZone);
  return Date.UTC(l.y, l.m - 1, l.d, l.hour, l.minute, l.second, l.ms) - t;
}

/** The instant of a local wall-clock time (the later reading wins in a DST gap; no DST in Tokyo). */
function fromLocal(y: number, m: number, d: number, hour: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, hour);
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}

/** `start` plus `hours` of working time (policy's days and hours, in its zone). */
export function addBusinessHours(start: Date, hours: number, policy: DuePolicy = DEFAULT_DUE_POLICY): Date {
  let t = start.getTime();
  let remaining = hours * HOUR;
  const { timeZone, dayStartHour, dayEndHour, workdays } = policy;
  for (let guard = 0; guard < 1000 && remaining > 0; guard++) {
    const l = local(t, timeZone);
    const dayStart = fromLocal(l.y, l.m, l.d, dayStartHour, timeZone);
    const dayEnd = fromLocal(l.y, l.m, l.d, dayEndHour, timeZone);
    if (!workdays.includes(l.weekday) || t >= dayEnd) {
      // Next local day at the start of work.
      const next = new Date(Date.UTC(l.y, l.m - 1, l.d + 1));
      t = fromLocal(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), dayStartHour, timeZone);
      continue;
    }
    if (t < dayStart) t = dayStart;
    const take = Math.min(remaining, dayEnd - t);
    t += take;
    remaining -= take;
  }
  return new Date(t);
}

/**
 * When a stage opened at `openedAt` is due, given the post's slot (or null).
 * PR/Legal: min(opened + 8 business h, max(slot − 24h, opened + (slot − opened)/2)), clamped to [opened, slot].
 * Final: the same with 4 business h and slot − 2h. Fast lane: opened + 2h instead of business hours.
 */
export function stageDueAt(
  stage: ReviewStage,
  openedAt: Date,
  slotAt: Date | null,
  policy: DuePolicy = DEFAULT_DUE_POLICY,
  o: { fastLane?: boolean } = {},
): Date {
  const opened = openedAt.getTime();
  const business = o.fastLane
    ? opened + policy.fastLaneMs
    : addBusinessHours(openedAt, stage === "final" ? policy.finalBusinessHours : policy.reviewBusinessHours, policy).getTime();
  if (!slotAt) return new Date(business);
  const slot = slotAt.getTime();
  if (slot <= opened) return new Date(opened);
  const lead = stage === "final" ? policy.finalLeadMs : policy.reviewLeadMs;
  const bySlot = Math.max(slot - lead, opened + Math.floor((slot - opened) / 2));
  return new Date(Math.min(business, bySlot, slot));
}

/** When to remind the reviewers: a quarter of the window before due, at most reminderMaxLeadMs before. */
export function reminderAt(openedAt: Date, dueAt: Date, policy: DuePolicy = DEFAULT_DUE_POLICY): Date {
  const window = Math.max(0, dueAt.getTime() - openedAt.getTime());
  return new Date(dueAt.getTime() - Math.min(policy.reminderMaxLeadMs, Math.floor(window / 4)));
}

export type DueStatus = "on_track" | "due_soon" | "overdue";

/** The badge a queue shows for an open stage. */
export function dueStatus(now: Date, openedAt: Date, dueAt: Date, policy: DuePolicy = DEFAULT_DUE_POLICY): DueStatus {
  if (now.getTime() >= dueAt.getTime()) return "overdue";
  if (now.getTime() >= reminderAt(openedAt, dueAt, policy).getTime()) return "due_soon";
  return "on_track";
}

/** What the due-times job should do for one open stage now. */
export function dueAction(
  now: Date,
  s: { openedAt: Date; dueAt: Date; remindedAt: Date | null; escalatedAt: Date | null },
  policy: DuePolicy = DEFAULT_DUE_POLICY,
): "remind" | "escalate" | null {
  const status = dueStatus(now, s.openedAt, s.dueAt, policy);
  if (status === "overdue") return s.escalatedAt ? null : "escalate";
  if (status === "due_soon") return s.remindedAt ? null : "remind";
  return null;
}

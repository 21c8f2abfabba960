/**
 * The audit log's filters as they arrive in a query string (the /admin/audit page and the CSV
 * export share them), and their conversion to the DAL's AuditFilter. Local date-times are read
 * in the viewer's time zone; stored times are UTC. Pure: no database, no server-only.
 */
import { z } from "zod";
import { ADMIN_ERRORS, isCleanText } from "./admin-errors";
import { zonedWallTimeToUtc } from "./admin-csv";

export type AuditFilter = {
  /** An exact actor id, or part of the actor's display name. */
  actor?: string;
  /** Prefix of the action name: "user." matches user.role_granted, user.deactivated, … */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
};

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** An optional query-string text: trimmed, "" means absent. */
const optionalText = (max: number, pattern?: RegExp) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isCleanText, ADMIN_ERRORS.invalidText)
    .refine((s) => !pattern || s === "" || pattern.test(s), "Invalid characters")
    .optional()
    .transform((s) => (s ? s : undefined));

const optionalLocalDateTime = z
  .string()
  .trim()
  .max(19)
  .refine((s) => s === "" || parseLocalDateTime(s) !== null, ADMIN_ERRORS.invalidDate)
  .optional()
  .transform((s) => (s ? s : undefined));

export const auditFilterQuerySchema = z.object({
  actor: optionalText(200),
  action: optionalText(100, /^[a-z0-9_.:-]+$/i),
  subjectType: optionalText(50, /^[a-z0-9_.:-]+$/i),
  subjectId: optionalText(200),
  from: optionalLocalDateTime,
  to: optionalLocalDateTime,
  before: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .transform((s) => (s ? Number(s) : undefined)),
});
export type AuditFilterQuery = z.infer<typeof auditFilterQuerySchema>;

type LocalDateTime = { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; precision: "day" | "minute" | "second" };

export function parseLocalDateTime(s: string): LocalDateTime | null {
  const m = LOCAL_DATE_TIME.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 2000 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  if (m[4] === undefined) return { year, month, day, precision: "day" };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second, precision: m[6] === undefined ? "minute" : "second" };
}

const STEP_MS = { minute: 60_000, second: 1_000 } as const;

/**
 * Query → DAL filter. `from` starts at the given moment; `to` includes the whole day, minute or
 * second it names (so "to 2025-04-01" covers all of April 1st in the viewer's zone).
 */
export function toAuditFilter(q: AuditFilterQuery, timeZone: string): { filter: AuditFilter; fieldErrors?: Record<string, string[]> } {
  const filter: AuditFilter = {
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.subjectType ? { subjectType: q.subjectType } : {}),
    ...(q.subjectId ? { subjectId: q.subjectId } : {}),
  };
  const from = q.from ? parseLocalDateTime(q.from) : null;
  const to = q.to ? parseLocalDateTime(q.to) : null;
  if (from) filter.from = zonedWallTimeToUtc(from, timeZone);
  if (to) {
    if (to.precision === "day") {
      // The next local midnight, found on the wall clock, so a DST day still ends at midnight.
      const next = new Date(Date.UTC(to.year, to.month - 1, to.day + 1));
      filter.to = zonedWallTimeToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone);
    } else {
      filter.to = new Date(zonedWallTimeToUtc(to, timeZone).getTime() + STEP_MS[to.precision]);
    }
  }
  if (filter.from && filter.to && filter.from >= filter.to) {
    return { filter, fieldErrors: { to: [ADMIN_ERRORS.invalidTimeRange] } };
  }
  return { filter };
}

/** The filters as query-string pairs (for links: older page, CSV export), without empty values. */
export function auditFilterSearchParams(q: AuditFilterQuery, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const k of ["actor", "action", "subjectType", "subjectId", "from", "to"] as const) {
    const v = q[k];
    if (v) p.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") p.set(k, String(v));
  return p.toString();
}

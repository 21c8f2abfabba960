import "server-only";
import { and, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { inboxItems } from "@/db/schema";

/**
 * Definitions the workspace overviews share, so that "breached" or "overdue" means the same
 * thing on every landing page (and in the tests that check them).
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Inbox items that still owe the customer a first answer from us. */
export const AWAITING_RESPONSE_STATUSES = ["open", "assigned", "escalated"] as const;

/** A post waiting in review longer than this is overdue (the review SLA). */
export const REVIEW_SLA_HOURS = 24;

/** Campaign budgets at or above this need the social media manager's approval. */
export const AD_BUDGET_APPROVAL_THRESHOLD_JPY = 1_000_000;

/** Dashboards count days on the company calendar. */
export const BUSINESS_TIME_ZONE = "Asia/Tokyo";

/** The Tokyo calendar date `offsetDays` from `now`, as YYYY-MM-DD (the `date` columns' format). */
export function tokyoDay(now: Date, offsetDays = 0): string {
  return new Date(now.getTime() + 9 * HOUR_MS + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD), e.g. 2025-01-01 → 2025-01-03 is 2. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** SLA breached: still owes a first answer and the due time has passed. */
export function slaBreachedWhere(now: Date): SQL {
  return and(
    inArray(inboxItems.status, [...AWAITING_RESPONSE_STATUSES]),
    isNull(inboxItems.firstResponseAt),
    lt(inboxItems.slaDueAt, now),
  )!;
}

/** The first ~140 characters of an inbox message; DMs only for viewers allowed to read them. */
export function inboxExcerpt(canReadDm: boolean): SQL<string | null> {
  return canReadDm
    ? sql<string>`left(${inboxItems.text}, 140)`
    : sql<string | null>`case when ${inboxItems.kind} = 'dm' then null else left(${inboxItems.text}, 140) end`;
}

/** Rounds a ratio to one decimal place of a percent; null when the base is zero. */
export function percent(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.round((part / whole) * 1000) / 10;
}

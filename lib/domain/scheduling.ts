/**
 * Who may move a post's slot, and how (pure; the scheduling DAL enforces the same rules and the
 * calendar uses them to offer a drag handle only where the server will say yes).
 *
 * - Before approval (draft … final_review) the slot is a *planned* slot: its author or anyone who
 *   schedules (post.schedule) may move it (`plan`).
 * - Once approved (approved, scheduled, and failed/expired that may be re-armed) moving the slot
 *   re-arms the post: only post.schedule, after a confirmation (`reschedule`).
 * - Publishing, published and cancelled posts keep their slot.
 */
import { isDayKey, isTimeOfDay, parseLocalDateTime } from "./calendar";
import type { PostState } from "./workflow";

export const PLANNABLE_STATES = ["draft", "in_review", "changes_requested", "final_review"] as const satisfies readonly PostState[];
export const ARMABLE_STATES = ["approved", "scheduled", "failed", "expired"] as const satisfies readonly PostState[];

/** Stable message keys of the scheduling and blackout refusals (the UI translates them). */
export const SCHEDULING_ERRORS = {
  invalidInstant: "invalid_instant",
  slotInPast: "slot_in_past",
  slotTooFar: "slot_too_far",
  blackout: "blackout",
  notPlannable: "not_plannable",
  notArmable: "not_armable",
  slotChanged: "slot_changed",
  invalidBlackout: "invalid_blackout",
  blackoutEnded: "blackout_ended",
  notAuthor: "not_author",
} as const;

/** How far ahead a slot may be set. */
export const MAX_SLOT_AHEAD_DAYS = 730;

export type SlotMove = "plan" | "reschedule";

export function slotMoveFor(state: PostState): SlotMove | null {
  if ((PLANNABLE_STATES as readonly string[]).includes(state)) return "plan";
  if ((ARMABLE_STATES as readonly string[]).includes(state)) return "reschedule";
  return null;
}

/** Whether this person may move this post's slot, and how (null: the slot is not theirs to move). */
export function allowedSlotMove(
  viewer: { id: string; permissions: ReadonlySet<string> },
  post: { state: PostState; authorId: string },
): SlotMove | null {
  const move = slotMoveFor(post.state);
  if (move === "reschedule") return viewer.permissions.has("post.schedule") ? "reschedule" : null;
  if (move === "plan") {
    if (viewer.permissions.has("post.schedule")) return "plan";
    return viewer.permissions.has("post.plan_slot") && post.authorId === viewer.id ? "plan" : null;
  }
  return null;
}

/**
 * An instant from the wire: a Date; an ISO 8601 string with Z or an offset; or a
 * datetime-local value ("2025-12-02T18:30") read as wall-clock time in the viewer's zone.
 * Anything else is null.
 */
export function parseInstant(value: unknown, timeZone: string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const day = s.slice(0, 10);
    if (!isDayKey(day) || !isTimeOfDay(s.slice(11, 16))) return null;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return parseLocalDateTime(s, timeZone);
}

export type SlotIssue = typeof SCHEDULING_ERRORS.slotInPast | typeof SCHEDULING_ERRORS.slotTooFar;

/** A slot must be in the future (strictly after now) and at most MAX_SLOT_AHEAD_DAYS ahead. */
export function slotIssue(slot: Date, now: Date): SlotIssue | null {
  if (slot.getTime() <= now.getTime()) return SCHEDULING_ERRORS.slotInPast;
  if (slot.getTime() - now.getTime() > MAX_SLOT_AHEAD_DAYS * 86_400_000) return SCHEDULING_ERRORS.slotTooFar;
  return null;
}

/** Target states that are still on their way to the network. */
const IN_FLIGHT_TARGET_STATES = new Set(["pending", "scheduled", "held", "publishing"]);

/**
 * Where a post in publishing stands once its targets have moved (the publisher and crisis mode
 * settle it the same way): `in_flight` while any live (not cancelled) target is still on its way;
 * `no_live_targets` when every target was cancelled; else `published` when every live target went
 * out, `failed` otherwise (with `needsHumanCheck` when an outcome is unknown).
 */
export function settleTargets(states: readonly string[]):
  | { kind: "in_flight" }
  | { kind: "no_live_targets" }
  | { kind: "published" | "failed"; live: number; published: number; needsHumanCheck: boolean } {
  const live = states.filter((s) => s !== "cancelled");
  if (live.some((s) => IN_FLIGHT_TARGET_STATES.has(s))) return { kind: "in_flight" };
  if (live.length === 0) return { kind: "no_live_targets" };
  const published = live.filter((s) => s === "published").length;
  return { kind: published === live.length ? "published" : "failed", live: live.length, published, needsHumanCheck: live.includes("needs_human_check") };
}

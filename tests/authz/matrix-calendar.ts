import type { EntryPoint } from "./matrix";

/**
 * Entry points of scheduling, the calendar and blackout windows. Callers: SMM CM CR PR LG DA AO AD N X.
 * The default sample `{}` fails validation after authorization; the DAL then decides per post
 * (author or manager, state, slot, blackout) — tests/db/scheduling.test.ts covers that.
 */
export const CALENDAR_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/calendar/actions.ts#movePlannedSlotAction", permission: "post.plan_slot", outcomes: "AFAFFFFFFU" },
  { id: "action app/(portal)/calendar/actions.ts#rescheduleAction", permission: "post.schedule", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/calendar/actions.ts#schedulePostAction", permission: "post.schedule", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/calendar/actions.ts#unschedulePostAction", permission: "post.schedule", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/calendar/actions.ts#createBlackoutAction", permission: "blackout.manage", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/calendar/actions.ts#updateBlackoutAction", permission: "blackout.manage", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/calendar/actions.ts#deleteBlackoutAction", permission: "blackout.manage", outcomes: "AFFAFFFFFU" },
];

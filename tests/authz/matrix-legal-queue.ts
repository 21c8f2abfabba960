import type { EntryPoint } from "./matrix";

/** Legal's queue (assign, checklist/findings, conditions, decisions: Legal only) and takedown intake (any staff member). The default sample `{}` fails validation after authorization. */
export const LEGAL_QUEUE_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/legal/actions.ts#assignLegalReviewAction", permission: "legal_review.decide", outcomes: "FFFFAFFFFU" },
  { id: "action app/(portal)/legal/actions.ts#saveLegalReviewAction", permission: "legal_review.decide", outcomes: "FFFFAFFFFU" },
  { id: "action app/(portal)/legal/actions.ts#setConditionMetAction", permission: "legal_review.decide", outcomes: "FFFFAFFFFU" },
  { id: "action app/(portal)/legal/actions.ts#decideLegalReviewAction", permission: "legal_review.decide", outcomes: "FFFFAFFFFU" },
  { id: "action app/(portal)/takedowns/actions.ts#createTakedownAction", permission: "takedown.create", outcomes: "AAAAAAAAFU" },
];

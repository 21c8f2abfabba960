import type { EntryPoint } from "./matrix";

/** Entry points of the review queues (PR, Legal, final approval). The default sample `{}` fails validation after authorization. */
export const REVIEW_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/pr/actions.ts#decidePrAction", permission: "post.review_pr", outcomes: "FFFAFFFFFU" },
  { id: "action app/(portal)/legal/actions.ts#decideLegalAction", permission: "post.review_legal", outcomes: "FFFFAFFFFU" },
  { id: "action app/(portal)/manager/actions.ts#decideFinalAction", permission: "post.approve_final", outcomes: "AFFFFFFFFU" },
];

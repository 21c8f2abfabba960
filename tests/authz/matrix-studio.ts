import type { EntryPoint } from "./matrix";

/** Entry points of the drafting studio (content creators). The default sample `{}` fails validation after authorization. */
export const STUDIO_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/studio/actions.ts#createDraftAction", permission: "post.create", outcomes: "FFAFFFFFFU" },
  { id: "action app/(portal)/studio/actions.ts#saveRevisionAction", permission: "post.edit", outcomes: "FFAFFFFFFU" },
  { id: "action app/(portal)/studio/actions.ts#submitForReviewAction", permission: "post.submit", outcomes: "FFAFFFFFFU" },
];

import type { EntryPoint } from "./matrix";

/** Comment threads on revisions (studio post page and the review pages). The default sample `{}` fails validation after authorization. */
export const COMMENT_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/comments/actions.ts#addRevisionCommentAction", permission: "post.comment", outcomes: "AFAAAFFFFU" },
];

import type { EntryPoint } from "./matrix";

/** Entry points of the publishing monitor. The default sample `{}` fails validation after authorization. */
export const PUBLISHING_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/manager/publishing/actions.ts#resolvePublicationAction", permission: "publication.resolve", outcomes: "AFFFFFFFFU" },
];

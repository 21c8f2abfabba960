import type { EntryPoint } from "./matrix";

/** Entry points of the publishing monitor. The default sample `{}` fails validation after authorization. */
export const PUBLISHING_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/manager/publishing/actions.ts#resolvePublicationAction", permission: "publication.resolve", outcomes: "AFFFFFFFFU" },
];

/** Public: a network fetching a post's media proves itself with a signed, expiring link (no link → 4xx, nothing served). */
PUBLISHING_ENTRY_POINTS.push({ id: "route GET /api/media/[id]", permission: "public", outcomes: "PPPPPPPPPP", url: "/api/media/00000000-0000-4000-8000-000000000000" });

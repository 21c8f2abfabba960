import type { EntryPoint } from "./matrix";

/**
 * Entry points of inbox replies, moderation, presence and saved replies (issue 4). The default
 * sample `{}` fails validation after authorization; presence is read on a seeded item and written
 * on a random item id.
 */
const NO_ITEM = "00000000-0000-4000-8000-00000000abcd";
/** The first seeded inbox item (db/seed/workspaces.ts seedId("inbox", 1)): an allowed presence read answers 200, not 404. */
const SEED_ITEM = "00000000-0000-4000-8201-000000000001";

export const INBOX_REPLIES_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/community/reply-actions.ts#sendReplyAction", permission: "inbox.reply", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/reply-actions.ts#editReplyAction", permission: "inbox.reply", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/reply-actions.ts#decideReplyAction", permission: "inbox.approve_reply", outcomes: "AFFAAFFFFU" },
  { id: "action app/(portal)/community/reply-actions.ts#moderateItemAction", permission: "inbox.moderate", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/saved-replies/actions.ts#createSavedReplyAction", permission: "saved_reply.manage", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/saved-replies/actions.ts#updateSavedReplyAction", permission: "saved_reply.manage", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/saved-replies/actions.ts#deleteSavedReplyAction", permission: "saved_reply.manage", outcomes: "FAFFFFFFFU" },
  { id: "route GET /api/inbox/items/[id]/presence", permission: "inbox.read", outcomes: "AAFAAFFFFU", url: `/api/inbox/items/${SEED_ITEM}/presence` },
  { id: "route POST /api/inbox/items/[id]/presence", permission: "inbox.read", outcomes: "AAFAAFFFFU", url: `/api/inbox/items/${NO_ITEM}/presence`, sample: { mode: "viewing" } },
];

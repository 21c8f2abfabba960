"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { decideReply, decideReplySchema, editReply, editReplySchema, sendReply, sendReplySchema } from "@/lib/dal/inbox-replies";
import { moderateSchema, requestModeration } from "@/lib/dal/inbox-moderation";

/** Sends a reply (or submits it for approval) with the item version and newest reply the agent saw. */
export const sendReplyAction = defineAction({
  permission: "inbox.reply",
  schema: sendReplySchema,
  handler: async (viewer, input) => {
    const r = await sendReply(viewer!, input);
    revalidatePath(`/community/items/${input.itemId}`);
    return r;
  },
});

/** The author changes a reply that has not gone out; any approval is void. */
export const editReplyAction = defineAction({
  permission: "inbox.reply",
  schema: editReplySchema,
  handler: async (viewer, input) => editReply(viewer!, input),
});

/** PR / manager approve or reject a pending reply, bound to the text they saw (textHash). */
export const decideReplyAction = defineAction({
  permission: "inbox.approve_reply",
  schema: decideReplySchema,
  handler: async (viewer, input) => {
    const r = await decideReply(viewer!, input);
    revalidatePath("/pr");
    revalidatePath("/manager");
    return r;
  },
});

/** Hide / unhide / delete a comment on its network, with a reason. */
export const moderateItemAction = defineAction({
  permission: "inbox.moderate",
  schema: moderateSchema,
  handler: async (viewer, input) => {
    const r = await requestModeration(viewer!, input);
    revalidatePath(`/community/items/${input.itemId}`);
    return r;
  },
});

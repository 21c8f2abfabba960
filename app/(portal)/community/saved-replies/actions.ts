"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import {
  createSavedReply,
  createSavedReplySchema,
  deleteSavedReply,
  deleteSavedReplySchema,
  updateSavedReply,
  updateSavedReplySchema,
} from "@/lib/dal/saved-replies";

export const createSavedReplyAction = defineAction({
  permission: "saved_reply.manage",
  schema: createSavedReplySchema,
  handler: async (viewer, input) => {
    const r = await createSavedReply(viewer!, input);
    revalidatePath("/community/saved-replies");
    return r;
  },
});

export const updateSavedReplyAction = defineAction({
  permission: "saved_reply.manage",
  schema: updateSavedReplySchema,
  handler: async (viewer, input) => {
    await updateSavedReply(viewer!, input);
    revalidatePath("/community/saved-replies");
    return { id: input.id };
  },
});

export const deleteSavedReplyAction = defineAction({
  permission: "saved_reply.manage",
  schema: deleteSavedReplySchema,
  handler: async (viewer, input) => {
    await deleteSavedReply(viewer!, input);
    revalidatePath("/community/saved-replies");
    return { id: input.id };
  },
});

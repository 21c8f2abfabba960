"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { createDraft, saveRevision, submitForReview } from "@/lib/dal/posts";
import { createDraftSchema, saveRevisionSchema, submitSchema } from "@/lib/dal/posts-shared";

/** The studio's lists and the post's own page show state and revisions: refresh both after a change. */
function refreshStudio(postId: string) {
  revalidatePath("/studio", "layout");
  revalidatePath(`/studio/posts/${postId}`);
}

/** A new draft (revision 1) by the viewer. */
export const createDraftAction = defineAction({
  permission: "post.create",
  schema: createDraftSchema,
  handler: async (viewer, input) => {
    const r = await createDraft(viewer!, input);
    refreshStudio(r.postId);
    return r;
  },
});

/** A new revision of the viewer's post; CONFLICT (stale_revision) when someone saved in between. */
export const saveRevisionAction = defineAction({
  permission: "post.edit",
  schema: saveRevisionSchema,
  handler: async (viewer, input) => {
    const r = await saveRevision(viewer!, input);
    refreshStudio(r.postId);
    return r;
  },
});

/** Sends the current revision to review; VALIDATION (checks_blocking) with the blocking codes per variant. */
export const submitForReviewAction = defineAction({
  permission: "post.submit",
  schema: submitSchema,
  handler: async (viewer, input) => {
    const r = await submitForReview(viewer!, input);
    refreshStudio(r.postId);
    return r;
  },
});

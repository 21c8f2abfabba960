"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { addCommentSchema, addRevisionComment } from "@/lib/dal/revision-comments";

/** A comment on one revision of a post, from the studio post page or a review page (the thread shows on all of them). */
export const addRevisionCommentAction = defineAction({
  permission: "post.comment",
  schema: addCommentSchema,
  handler: async (viewer, input) => {
    const r = await addRevisionComment(viewer!, input);
    for (const base of ["/studio/posts", "/pr/reviews", "/legal/reviews", "/manager/approvals"]) revalidatePath(`${base}/${r.postId}`);
    return { id: r.id, revisionNumber: r.revisionNumber };
  },
});

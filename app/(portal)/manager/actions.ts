"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { decideStage } from "@/lib/dal/posts";
import { reviewDecisionSchema } from "@/components/review/decision-schema";

/** The final (social media manager) decision on the current revision of a post. The stage is fixed here, never taken from the form. */
export const decideFinalAction = defineAction({
  permission: "post.approve_final",
  schema: reviewDecisionSchema,
  handler: async (viewer, input) => {
    const r = await decideStage(viewer!, { ...input, stage: "final" });
    revalidatePath("/manager", "layout");
    return { postId: r.postId, state: r.state, decision: r.decision };
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { AppError } from "@/lib/errors";
import { endCrisis, endCrisisSchema, resolveHeldItem, resolveHeldSchema, startCrisis, startCrisisSchema } from "@/lib/dal/crisis-mode";
import { createStatement, createStatementSchema } from "@/lib/dal/corrections";
import { submitForReview } from "@/lib/dal/posts";

/** The banner shows in every workspace, and the overview pages show the switch: refresh all of them. */
function refreshEverywhere() {
  revalidatePath("/", "layout");
}

/** Turns crisis mode on for a scope, with a required reason (the DAL re-checks and refuses a second crisis of the same scope). */
export const startCrisisAction = defineAction({
  permission: "crisis.manage",
  schema: startCrisisSchema,
  handler: async (viewer, input) => {
    const c = await startCrisis(viewer!, input);
    refreshEverywhere();
    return { id: c.id };
  },
});

/** Ends one crisis; what it held stays held until a person decides. */
export const endCrisisAction = defineAction({
  permission: "crisis.manage",
  schema: endCrisisSchema,
  handler: async (viewer, input) => {
    const c = await endCrisis(viewer!, input);
    refreshEverywhere();
    return { id: c.id, stillHeld: c.stillHeld };
  },
});

/** Publish now / reschedule / cancel for one held item, with the version the person saw. */
export const resolveHeldAction = defineAction({
  permission: "crisis.manage",
  schema: resolveHeldSchema,
  handler: async (viewer, input) => {
    const r = await resolveHeldItem(viewer!, input);
    revalidatePath("/crisis");
    return { targetId: r.targetId, choice: r.choice, targetState: r.targetState };
  },
});

/** A holding statement, drafted by the viewer and sent straight to the fast lane (a refused submit leaves the draft, and says why). */
export const createStatementAction = defineAction({
  permission: "statement.manage",
  schema: createStatementSchema,
  handler: async (viewer, input) => {
    const s = await createStatement(viewer!, input);
    revalidatePath("/corrections", "layout");
    try {
      await submitForReview(viewer!, { postId: s.postId, revisionId: s.revisionId });
      return { postId: s.postId, submitted: true, notSubmittedBecause: null };
    } catch (e) {
      if (e instanceof AppError && (e.code === "VALIDATION" || e.code === "CONFLICT")) return { postId: s.postId, submitted: false, notSubmittedBecause: e.message };
      throw e;
    }
  },
});

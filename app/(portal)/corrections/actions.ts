"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { AppError } from "@/lib/errors";
import { createCorrection, createCorrectionSchema } from "@/lib/dal/corrections";
import { saveRevision, submitForReview } from "@/lib/dal/posts";
import { saveRevisionSchema, submitSchema } from "@/lib/dal/posts-shared";
import { schedulePost } from "@/lib/dal/scheduling";

function refresh(...postIds: string[]) {
  revalidatePath("/corrections", "layout");
  for (const id of postIds) revalidatePath(`/studio/posts/${id}`);
}

/**
 * A correction, apology or retraction of a published post; with submit: true it goes to the fast
 * lane at once. A draft the submit refuses (blocking checks) stays a draft: the result says why,
 * and the person fixes it on the draft's page.
 */
export const createCorrectionAction = defineAction({
  permission: "correction.create",
  schema: createCorrectionSchema.extend({ submit: z.boolean().optional() }),
  handler: async (viewer, { submit, ...input }) => {
    const c = await createCorrection(viewer!, input);
    refresh(input.originalPostId);
    if (!submit) return { postId: c.postId, submitted: false, notSubmittedBecause: null };
    try {
      await submitForReview(viewer!, { postId: c.postId, revisionId: c.revisionId });
      return { postId: c.postId, submitted: true, notSubmittedBecause: null };
    } catch (e) {
      if (e instanceof AppError && (e.code === "VALIDATION" || e.code === "CONFLICT")) return { postId: c.postId, submitted: false, notSubmittedBecause: e.message };
      throw e;
    }
  },
});

/**
 * A new revision of the viewer's own correction or statement. The gate is correction.create (PR
 * and the manager); the DAL allows it only on their own fast-lane posts (statement.manage covers statements).
 */
export const saveCorrectionAction = defineAction({
  permission: "correction.create",
  schema: saveRevisionSchema,
  handler: async (viewer, input) => {
    const r = await saveRevision(viewer!, input);
    refresh(r.postId);
    return { postId: r.postId, revisionId: r.revisionId, state: r.state };
  },
});

/** Sends the viewer's own correction or statement to the fast lane. */
export const submitCorrectionAction = defineAction({
  permission: "correction.create",
  schema: submitSchema,
  handler: async (viewer, input) => {
    const r = await submitForReview(viewer!, input);
    refresh(r.postId);
    return { postId: r.postId, state: r.state };
  },
});

/** How far ahead "publish as soon as possible" arms the slot: the scheduler refuses a slot that is not in the future. */
const ASAP_LEAD_MS = 10_000;

/**
 * The manager's "publish as soon as possible" for an approved correction or statement: arms it a
 * few seconds ahead through the ordinary scheduler (approval, blackout and state rules included).
 */
export const publishAsapAction = defineAction({
  permission: "post.schedule",
  schema: z.strictObject({ postId: z.uuid() }),
  handler: async (viewer, { postId }) => {
    const r = await schedulePost(viewer!, { postId, slotAt: new Date(Date.now() + ASAP_LEAD_MS) });
    refresh(postId);
    return { postId: r.postId, state: r.state, slotAt: r.slotAt };
  },
});

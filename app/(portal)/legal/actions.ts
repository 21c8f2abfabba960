"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { decideStage } from "@/lib/dal/posts";
import { assignLegalReview, conditionMetSchema, decideLegalReview, saveLegalReview, saveReviewSchema, setConditionMet } from "@/lib/dal/legal-queue";
import { reviewDecisionSchema } from "@/components/review/decision-schema";

/** A Legal decision on the current revision of a post. The stage is fixed here, never taken from the form. */
export const decideLegalAction = defineAction({
  permission: "post.review_legal",
  schema: reviewDecisionSchema,
  handler: async (viewer, input) => {
    const r = await decideStage(viewer!, { ...input, stage: "legal" });
    revalidatePath("/legal", "layout");
    return { postId: r.postId, state: r.state, decision: r.decision };
  },
});

const uuid = z.uuid();

/** Assign a review to a legal staff member ("" = unassign). */
export const assignLegalReviewAction = defineAction({
  permission: "legal_review.decide",
  schema: z.strictObject({ reviewId: uuid, assigneeId: z.string().max(200) }),
  handler: async (viewer, input) => {
    const r = await assignLegalReview(viewer!, { reviewId: input.reviewId, assigneeId: input.assigneeId || null });
    revalidatePath("/legal", "layout");
    return r;
  },
});

/** Save the checklist, findings and risk (JSON object from the review form). */
export const saveLegalReviewAction = defineAction({
  permission: "legal_review.decide",
  schema: saveReviewSchema,
  handler: async (viewer, input) => {
    const r = await saveLegalReview(viewer!, input);
    revalidatePath("/legal", "layout");
    return r;
  },
});

/** Mark a carried condition met / not met on the version shown. */
export const setConditionMetAction = defineAction({
  permission: "legal_review.decide",
  schema: conditionMetSchema,
  handler: async (viewer, input) => {
    const r = await setConditionMet(viewer!, input);
    revalidatePath("/legal", "layout");
    return r;
  },
});

const decideFormSchema = z.strictObject({
  reviewId: uuid,
  subjectHash: z.string().min(16).max(128),
  decision: z.enum(["approved", "approved_with_conditions", "rejected"]),
  reason: z.string().max(2_000).optional(),
  /** One condition per line. */
  conditions: z.string().max(10_000).optional(),
});

/** Approve / approve with conditions / reject the exact version shown (its hash travels with the form). */
export const decideLegalReviewAction = defineAction({
  permission: "legal_review.decide",
  schema: decideFormSchema,
  handler: async (viewer, input) => {
    const conditions = (input.conditions ?? "")
      .split(/\r?\n/)
      .map((c) => c.trim())
      .filter(Boolean);
    const r = await decideLegalReview(viewer!, {
      reviewId: input.reviewId,
      subjectHash: input.subjectHash,
      decision: input.decision,
      reason: input.reason?.trim() || undefined,
      conditions: input.decision === "approved_with_conditions" ? conditions : undefined,
    });
    revalidatePath("/legal", "layout");
    return r;
  },
});

import { z } from "zod";

/** Mirrors lib/dal/posts-shared.ts POST_LIMITS.reasonMax (the DAL checks again). */
export const REASON_MAX = 2_000;

/**
 * A reviewer's decision as the review form posts it (the stage is fixed by the action, never sent).
 * The reason is required to request changes or reject; the DAL enforces the same rule.
 */
export const reviewDecisionSchema = z
  .strictObject({
    postId: z.uuid(),
    revisionId: z.uuid(),
    decision: z.enum(["approved", "changes_requested", "rejected"]),
    reason: z
      .string()
      .trim()
      .max(REASON_MAX)
      .optional()
      .transform((s) => (s ? s : undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "approved" && !v.reason) ctx.addIssue({ code: "custom", message: "reason_required", path: ["reason"] });
  });
export type ReviewDecisionInput = z.input<typeof reviewDecisionSchema>;

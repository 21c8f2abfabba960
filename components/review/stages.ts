import type { ApprovalStage } from "@/lib/domain/workflow";

/** Where each stage's queue lives and which messages namespace holds its `review` texts. */
export const REVIEW_ROUTES = {
  pr: { ns: "pr", base: "/pr/reviews" },
  legal: { ns: "legal", base: "/legal/reviews" },
  final: { ns: "manager", base: "/manager/approvals" },
} as const satisfies Record<ApprovalStage, { ns: string; base: string }>;

export const DECISIONS = ["approved", "changes_requested", "rejected"] as const;
export type Decision = (typeof DECISIONS)[number];

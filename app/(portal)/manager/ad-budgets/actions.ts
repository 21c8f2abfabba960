"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { decideBudget, setApprovalThreshold } from "@/lib/dal/ads";
import { decideBudgetSchema, thresholdSchema } from "@/lib/dal/ads-shared";

/* The manager's ad budget approvals and threshold. The DAL checks again. */

export const decideBudgetAction = defineAction({
  permission: "ad_budget.approve",
  schema: decideBudgetSchema,
  handler: async (viewer, input) => {
    const r = await decideBudget(viewer!, input);
    revalidatePath("/manager/ad-budgets");
    revalidatePath("/ads", "layout");
    return r;
  },
});

export const setThresholdAction = defineAction({
  permission: "ad_budget.approve",
  schema: thresholdSchema,
  handler: async (viewer, input) => {
    const r = await setApprovalThreshold(viewer!, input);
    revalidatePath("/manager/ad-budgets");
    return r;
  },
});

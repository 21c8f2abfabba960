"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import {
  createBrandRule,
  createBrandRuleSchema,
  deleteBrandRule,
  deleteBrandRuleSchema,
  updateBrandRule,
  updateBrandRuleSchema,
} from "@/lib/dal/brand-rules";

/* Brand rules (banned / required / preferred terms): the manager's page. The DAL checks again. */

const refresh = () => revalidatePath("/manager/brand-rules");

export const createBrandRuleAction = defineAction({
  permission: "brand_rule.manage",
  schema: createBrandRuleSchema,
  handler: async (viewer, input) => {
    const r = await createBrandRule(viewer!, input);
    refresh();
    return { id: r.id };
  },
});

export const updateBrandRuleAction = defineAction({
  permission: "brand_rule.manage",
  schema: updateBrandRuleSchema,
  handler: async (viewer, input) => {
    const r = await updateBrandRule(viewer!, input);
    refresh();
    return { id: r.id };
  },
});

export const deleteBrandRuleAction = defineAction({
  permission: "brand_rule.manage",
  schema: deleteBrandRuleSchema,
  handler: async (viewer, input) => {
    const r = await deleteBrandRule(viewer!, input);
    refresh();
    return r;
  },
});

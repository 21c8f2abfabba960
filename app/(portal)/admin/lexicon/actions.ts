"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import {
  createRiskTerm,
  createRiskTermSchema,
  deleteRiskTerm,
  deleteRiskTermSchema,
  updateRiskTerm,
  updateRiskTermSchema,
} from "@/lib/dal/risk-lexicon";

/* The backlash-risk lexicon: the admin's page. The DAL checks again. */

const refresh = () => revalidatePath("/admin/lexicon");

export const createRiskTermAction = defineAction({
  permission: "risk_lexicon.manage",
  schema: createRiskTermSchema,
  handler: async (viewer, input) => {
    const r = await createRiskTerm(viewer!, input);
    refresh();
    return { id: r.id };
  },
});

export const updateRiskTermAction = defineAction({
  permission: "risk_lexicon.manage",
  schema: updateRiskTermSchema,
  handler: async (viewer, input) => {
    const r = await updateRiskTerm(viewer!, input);
    refresh();
    return { id: r.id };
  },
});

export const deleteRiskTermAction = defineAction({
  permission: "risk_lexicon.manage",
  schema: deleteRiskTermSchema,
  handler: async (viewer, input) => {
    const r = await deleteRiskTerm(viewer!, input);
    refresh();
    return r;
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import {
  createInboxRule,
  createRuleSchema,
  deleteInboxRule,
  deleteRuleSchema,
  setInboxShift,
  setShiftSchema,
  updateInboxPolicy,
  updateInboxRule,
  updatePolicySchema,
  updateRuleSchema,
} from "@/lib/dal/inbox-policy";

/* The inbox policy page (/community/settings): the manager's actions. The DAL checks again. */

const refresh = () => revalidatePath("/community/settings");

export const updateInboxPolicyAction = defineAction({
  permission: "inbox.policy_manage",
  schema: updatePolicySchema,
  handler: async (viewer, input) => {
    const r = await updateInboxPolicy(viewer!, input);
    refresh();
    return r;
  },
});

export const createInboxRuleAction = defineAction({
  permission: "inbox.policy_manage",
  schema: createRuleSchema,
  handler: async (viewer, input) => {
    const r = await createInboxRule(viewer!, input);
    refresh();
    return r;
  },
});

export const updateInboxRuleAction = defineAction({
  permission: "inbox.policy_manage",
  schema: updateRuleSchema,
  handler: async (viewer, input) => {
    const r = await updateInboxRule(viewer!, input);
    refresh();
    return r;
  },
});

export const deleteInboxRuleAction = defineAction({
  permission: "inbox.policy_manage",
  schema: deleteRuleSchema,
  handler: async (viewer, input) => {
    const r = await deleteInboxRule(viewer!, input);
    refresh();
    return r;
  },
});

export const setInboxShiftAction = defineAction({
  permission: "inbox.policy_manage",
  schema: setShiftSchema,
  handler: async (viewer, input) => {
    const r = await setInboxShift(viewer!, input);
    refresh();
    return r;
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { updateLegalSettings, updateLegalSettingsSchema } from "@/lib/dal/legal-settings";

export const updateLegalSettingsAction = defineAction({
  permission: "legal_policy.manage",
  schema: updateLegalSettingsSchema,
  handler: async (viewer, input) => {
    const r = await updateLegalSettings(viewer!, input);
    revalidatePath("/legal/rights");
    return { rightsExpiryAction: r.rightsExpiryAction, inboxRetentionDays: r.inboxRetentionDays, draftRetentionDays: r.draftRetentionDays };
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { archiveAssetSchema, setAssetArchived, updateAsset, updateAssetSchema } from "@/lib/dal/assets";

/** Corrects an asset's brand and rights metadata (audited with before → after). */
export const updateAssetAction = defineAction({
  permission: "asset.upload",
  schema: updateAssetSchema,
  handler: async (viewer, input) => {
    const r = await updateAsset(viewer!, input);
    revalidatePath("/studio/assets", "layout");
    return { id: r.id };
  },
});

/** Archives an asset (it leaves the picker; posts keep it) or restores it. */
export const setAssetArchivedAction = defineAction({
  permission: "asset.upload",
  schema: archiveAssetSchema,
  handler: async (viewer, input) => {
    const r = await setAssetArchived(viewer!, input);
    revalidatePath("/studio/assets", "layout");
    return r;
  },
});

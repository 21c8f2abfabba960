"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { resolvePublication, resolvePublicationSchema } from "@/lib/dal/publishing-ops";

/** Settles one publication the publisher could not (re-check, confirm live, retry, dismiss). */
export const resolvePublicationAction = defineAction({
  permission: "publication.resolve",
  schema: resolvePublicationSchema,
  handler: async (viewer, input) => {
    const r = await resolvePublication(viewer!, input);
    revalidatePath("/manager", "layout");
    return r;
  },
});

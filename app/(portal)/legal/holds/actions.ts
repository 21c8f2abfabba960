"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { placeHold, releaseHold } from "@/lib/dal/legal-holds";

/** The DAL validates in full (placeHoldSchema); here only the shape a form sends. */
const placeSchema = z.looseObject({ subjectKind: z.string() });
const releaseSchema = z.strictObject({ holdId: z.string(), reason: z.string() });

export const placeHoldAction = defineAction({
  permission: "legal_hold.manage",
  schema: placeSchema,
  handler: async (viewer, input) => {
    const r = await placeHold(viewer!, input as never);
    revalidatePath("/legal", "layout");
    return r;
  },
});

export const releaseHoldAction = defineAction({
  permission: "legal_hold.manage",
  schema: releaseSchema,
  handler: async (viewer, input) => {
    await releaseHold(viewer!, input);
    revalidatePath("/legal", "layout");
    return { ok: true };
  },
});

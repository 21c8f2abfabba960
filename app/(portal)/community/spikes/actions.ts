"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { startCrisisFromSpike, startCrisisFromSpikeSchema } from "@/lib/dal/inbox-monitor";

/* A spike alert's one-click crisis mode for its channel (crisis.manage: the manager and PR). */
export const startCrisisFromSpikeAction = defineAction({
  permission: "crisis.manage",
  schema: startCrisisFromSpikeSchema,
  handler: async (viewer, input) => {
    const r = await startCrisisFromSpike(viewer!, input);
    revalidatePath(`/community/spikes/${input.spikeId}`);
    revalidatePath("/crisis");
    return r;
  },
});

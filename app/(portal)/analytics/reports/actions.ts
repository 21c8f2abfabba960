"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { createReportSchedule, generateReportNow, scheduleInputSchema, setReportScheduleEnabled } from "@/lib/dal/analytics-reports";

/* The weekly report: schedules and "generate now" (analytics.export). The DAL checks again. */

const refresh = () => revalidatePath("/analytics/reports");

export const createReportScheduleAction = defineAction({
  permission: "analytics.export",
  schema: scheduleInputSchema,
  handler: async (viewer, input) => {
    const r = await createReportSchedule(viewer!, input);
    refresh();
    return r;
  },
});

export const setReportScheduleEnabledAction = defineAction({
  permission: "analytics.export",
  schema: z.strictObject({ id: z.string().max(100), enabled: z.boolean() }),
  handler: async (viewer, input) => {
    await setReportScheduleEnabled(viewer!, input.id, input.enabled);
    refresh();
    return { id: input.id };
  },
});

export const generateReportNowAction = defineAction({
  permission: "analytics.export",
  schema: z.strictObject({ brandId: z.union([z.uuid(), z.literal("")]).optional() }),
  handler: async (viewer, input) => {
    const r = await generateReportNow(viewer!, input);
    refresh();
    return r;
  },
});

"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { markAllNotificationsRead, markNotificationRead, updateMyEmailPreferences } from "@/lib/dal/notifications";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";

/** Marks one of the viewer's own notifications read (someone else's id: NOT_FOUND). */
export const markNotificationReadAction = defineAction({
  permission: "notification.read",
  schema: z.strictObject({ id: z.string().min(1).max(100) }),
  handler: async (viewer, { id }) => {
    const r = await markNotificationRead(viewer!, id);
    revalidatePath("/notifications");
    return { id: r.id };
  },
});

/** Marks every notification the viewer had when they looked ("before") read. */
export const markAllNotificationsReadAction = defineAction({
  permission: "notification.read",
  schema: z.strictObject({ before: z.iso.datetime() }),
  handler: async (viewer, { before }) => {
    const count = await markAllNotificationsRead(viewer!, new Date(before));
    revalidatePath("/notifications");
    return { count };
  },
});

/** Saves which kinds the viewer also gets by e-mail (the checked ones). */
export const updateEmailPreferencesAction = defineAction({
  permission: "notification.read",
  schema: z.strictObject({
    // Required (an empty list is "no e-mail at all"), so an empty or malformed call never clears the choices.
    enabled: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
  }),
  handler: async (viewer, { enabled }) => {
    await updateMyEmailPreferences(viewer!, { enabled });
    revalidatePath("/notifications/settings");
    return { saved: enabled.length };
  },
});

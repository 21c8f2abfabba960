"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { createWebhook, deleteWebhook, queueWebhookTest, updateWebhook } from "@/lib/dal/notification-webhooks";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";

// The DAL validates again (URL rules, lengths); these schemas only shape form data.
const kinds = z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length).optional());
const PAGE = "/admin/notifications";

/** Adds a Slack / Teams incoming webhook. */
export const createWebhookAction = defineAction({
  permission: "notification_channel.manage",
  schema: z.object({
    name: z.string().max(200),
    kind: z.enum(["slack", "teams"]),
    url: z.string().max(2_000),
    locale: z.enum(["ja", "en"]).optional(),
    kinds,
  }),
  handler: async (viewer, input) => {
    const r = await createWebhook(viewer!, input);
    revalidatePath(PAGE);
    return r;
  },
});

/** Enables / pauses a webhook or changes what it forwards. */
export const updateWebhookAction = defineAction({
  permission: "notification_channel.manage",
  schema: z.strictObject({ id: z.string().max(100), enabled: z.boolean().optional(), kinds, locale: z.enum(["ja", "en"]).optional(), name: z.string().max(200).optional() }),
  handler: async (viewer, input) => {
    const r = await updateWebhook(viewer!, input);
    revalidatePath(PAGE);
    return r;
  },
});

/** Removes a webhook (and its queued messages). */
export const deleteWebhookAction = defineAction({
  permission: "notification_channel.manage",
  schema: z.strictObject({ id: z.string().max(100) }),
  handler: async (viewer, { id }) => {
    await deleteWebhook(viewer!, id);
    revalidatePath(PAGE);
    return { id };
  },
});

/** Queues a test message to one webhook. */
export const testWebhookAction = defineAction({
  permission: "notification_channel.manage",
  schema: z.strictObject({ id: z.string().max(100) }),
  handler: async (viewer, { id }) => {
    const r = await queueWebhookTest(viewer!, id);
    revalidatePath(PAGE);
    return r;
  },
});

import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { notificationDeliveries, notificationWebhooks } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { NOTIFICATION_KINDS, WEBHOOK_DEFAULT_KINDS } from "@/lib/domain/notifications";
import { isAllowedWebhookUrl, maskWebhookUrl } from "@/lib/notifications/outbound";
import { smtpSettings, redactUrl } from "@/lib/notifications/settings";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Outbound channels an admin manages: Slack / Teams incoming webhooks (stored here) and the SMTP
 * status (from the environment, read-only). A webhook URL is a credential: it is written once and
 * never returned (DTOs carry a masked form), never put in the audit log, never logged.
 */

export type WebhookDto = {
  id: string;
  name: string;
  kind: "slack" | "teams";
  maskedUrl: string;
  locale: "ja" | "en";
  kinds: string[];
  enabled: boolean;
  createdAt: Date;
  stats: { sent: number; pending: number; failed: number };
  lastDelivery: { state: string; attempts: number; lastError: string | null; at: Date } | null;
};

export type OutboundStatus = { smtp: { configured: boolean; server: string | null; from: string | null }; webhooks: WebhookDto[] };

const kindsSchema = z.array(z.enum(NOTIFICATION_KINDS)).min(1).max(NOTIFICATION_KINDS.length);
const nameSchema = z.string().trim().min(1).max(100);

export const createWebhookSchema = z.strictObject({
  name: nameSchema,
  kind: z.enum(["slack", "teams"]),
  url: z
    .string()
    .trim()
    .max(2_000)
    .refine(isAllowedWebhookUrl, "webhook_url_invalid"),
  locale: z.enum(["ja", "en"]).default("ja"),
  kinds: kindsSchema.default([...WEBHOOK_DEFAULT_KINDS]),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z.strictObject({
  id: z.uuid(),
  name: nameSchema.optional(),
  locale: z.enum(["ja", "en"]).optional(),
  kinds: kindsSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const fields: Record<string, string[]> = {};
    for (const i of r.error.issues) (fields[i.path.join(".") || "_"] ??= []).push(i.message.startsWith("webhook_") ? i.message : "invalid_input");
    throw new AppError("VALIDATION", "invalid_input", fields);
  }
  return r.data;
}

/** notification_channel.manage — SMTP status and every webhook (URLs masked) with delivery counts. */
export async function getOutboundStatus(viewer: Viewer): Promise<OutboundStatus> {
  authorize(viewer, "notification_channel.manage");
  const smtp = smtpSettings();
  const hooks = await db
    .select({
      id: notificationWebhooks.id,
      name: notificationWebhooks.name,
      kind: notificationWebhooks.kind,
      url: notificationWebhooks.url,
      locale: notificationWebhooks.locale,
      kinds: notificationWebhooks.kinds,
      enabled: notificationWebhooks.enabled,
      createdAt: notificationWebhooks.createdAt,
      sent: sql<number>`(select count(*)::int from ${notificationDeliveries} d where d.webhook_id = ${notificationWebhooks.id} and d.state = 'sent')`,
      pending: sql<number>`(select count(*)::int from ${notificationDeliveries} d where d.webhook_id = ${notificationWebhooks.id} and d.state in ('pending', 'sending'))`,
      failed: sql<number>`(select count(*)::int from ${notificationDeliveries} d where d.webhook_id = ${notificationWebhooks.id} and d.state = 'failed')`,
    })
    .from(notificationWebhooks)
    .orderBy(notificationWebhooks.createdAt);
  const webhooks: WebhookDto[] = [];
  for (const h of hooks) {
    const [last] = await db
      .select({ state: notificationDeliveries.state, attempts: notificationDeliveries.attempts, lastError: notificationDeliveries.lastError, at: notificationDeliveries.createdAt })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.webhookId, h.id))
      .orderBy(desc(notificationDeliveries.createdAt))
      .limit(1);
    webhooks.push({
      id: h.id,
      name: h.name,
      kind: h.kind,
      maskedUrl: maskWebhookUrl(h.url),
      locale: h.locale,
      kinds: h.kinds,
      enabled: h.enabled,
      createdAt: h.createdAt,
      stats: { sent: h.sent, pending: h.pending, failed: h.failed },
      lastDelivery: last ?? null,
    });
  }
  let server: string | null = null;
  if (smtp) {
    const u = new URL(smtp.url);
    server = `${u.protocol}//${u.host}`;
  }
  return { smtp: { configured: !!smtp, server: server ? redactUrl(server) : null, from: smtp?.from ?? null }, webhooks };
}

/** notification_channel.manage — adds a webhook (https, or http on loopback only). Audited without the URL. */
export async function createWebhook(viewer: Viewer, input: CreateWebhookInput): Promise<{ id: string }> {
  authorize(viewer, "notification_channel.manage");
  const data = parse(createWebhookSchema, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notificationWebhooks)
      .values({ name: data.name, kind: data.kind, url: data.url, locale: data.locale, kinds: data.kinds, createdById: viewer.id })
      .returning({ id: notificationWebhooks.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "notification_webhook.created",
      subjectType: "notification_webhook",
      subjectId: row!.id,
      data: { name: data.name, kind: data.kind, host: new URL(data.url).host, locale: data.locale, kinds: data.kinds },
      requestId: viewer.requestId,
    });
    return { id: row!.id };
  });
}

/** notification_channel.manage — renames, re-targets kinds/language, enables or disables a webhook. Unknown id → NOT_FOUND. */
export async function updateWebhook(viewer: Viewer, input: UpdateWebhookInput): Promise<{ id: string }> {
  authorize(viewer, "notification_channel.manage");
  const data = parse(updateWebhookSchema, input);
  const { id, ...changes } = data;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(notificationWebhooks)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(notificationWebhooks.id, id))
      .returning({ id: notificationWebhooks.id });
    if (!row) throw new AppError("NOT_FOUND");
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "notification_webhook.updated",
      subjectType: "notification_webhook",
      subjectId: id,
      data: changes,
      requestId: viewer.requestId,
    });
    return row;
  });
}

/** notification_channel.manage — removes a webhook and its queued deliveries. Unknown id → NOT_FOUND. */
export async function deleteWebhook(viewer: Viewer, id: string): Promise<void> {
  authorize(viewer, "notification_channel.manage");
  const parsed = parse(z.strictObject({ id: z.uuid() }), { id });
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(notificationWebhooks)
      .where(eq(notificationWebhooks.id, parsed.id))
      .returning({ id: notificationWebhooks.id, name: notificationWebhooks.name, kind: notificationWebhooks.kind });
    if (!row) throw new AppError("NOT_FOUND");
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "notification_webhook.deleted",
      subjectType: "notification_webhook",
      subjectId: row.id,
      data: { name: row.name, kind: row.kind },
      requestId: viewer.requestId,
    });
  });
}

/** notification_channel.manage — queues a test message to one webhook (the worker sends it within a minute). */
export async function queueWebhookTest(viewer: Viewer, id: string): Promise<{ deliveryId: string }> {
  authorize(viewer, "notification_channel.manage");
  const parsed = parse(z.strictObject({ id: z.uuid() }), { id });
  return db.transaction(async (tx) => {
    const [hook] = await tx.select({ id: notificationWebhooks.id }).from(notificationWebhooks).where(eq(notificationWebhooks.id, parsed.id)).limit(1);
    if (!hook) throw new AppError("NOT_FOUND");
    const [row] = await tx
      .insert(notificationDeliveries)
      .values({
        channel: "webhook",
        deliveryKey: `webhook:${hook.id}:test:${crypto.randomUUID()}`,
        webhookId: hook.id,
        kind: "webhook.test",
        params: { actorName: viewer.name },
        link: "/admin/notifications",
      })
      .returning({ id: notificationDeliveries.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "notification_webhook.test_queued",
      subjectType: "notification_webhook",
      subjectId: hook.id,
      data: { deliveryId: row!.id },
      requestId: viewer.requestId,
    });
    return { deliveryId: row!.id };
  });
}


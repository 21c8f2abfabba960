import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { notificationDeliveries, notifications, notificationWebhooks, users } from "@/db/schema";
import { DELIVERY_MAX_ATTEMPTS, nextAttemptAfter } from "@/lib/domain/notifications";
import { emailMessage, slackPayload, teamsPayload, type OutboundText } from "@/lib/notifications/outbound";
import { outboundLabels, renderNotification } from "@/lib/notifications/render";
import { portalBaseUrl, smtpSettings } from "@/lib/notifications/settings";
import { DeliveryError, defaultSenders, type Senders } from "@/lib/notifications/transport";

/*
 * Sends queued outbound notifications (worker only; never reachable from a page or route).
 *
 * Each row is claimed with one conditional UPDATE … FOR UPDATE SKIP LOCKED (state pending → sending,
 * attempts + 1) before the remote call, so two workers never send the same row; success marks it
 * sent, failure schedules the next attempt with backoff (lib/domain/notifications.ts) or fails it for
 * good (permanent error, or attempts used up) with the error kept in last_error. A row left in
 * `sending` by a worker that died mid-send is taken again after SENDING_STALE_MS: a notification is
 * better twice than lost (e-mail keeps one Message-ID per row, so mail clients fold a repeat).
 */

const SENDING_STALE_MS = 10 * 60_000;
const BATCH = 25;

export type DeliveryRunResult = { claimed: number; sent: number; retrying: number; failed: number; skipped: number };

type Claimed = {
  id: string;
  channel: "email" | "webhook";
  userId: string | null;
  webhookId: string | null;
  kind: string;
  params: Record<string, string | number | null>;
  link: string | null;
  attempts: number;
};

async function claim(now: Date, limit: number): Promise<Claimed[]> {
  const stale = new Date(now.getTime() - SENDING_STALE_MS);
  const rows = await db.execute<{
    id: string;
    channel: "email" | "webhook";
    user_id: string | null;
    webhook_id: string | null;
    kind: string;
    params: Record<string, string | number | null>;
    link: string | null;
    attempts: number;
  }>(sql`
    update ${notificationDeliveries} d
       set state = 'sending', locked_at = ${now.toISOString()}::timestamptz, attempts = d.attempts + 1
     where d.id in (
       select id from ${notificationDeliveries}
        where (state = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz)
           or (state = 'sending' and locked_at < ${stale.toISOString()}::timestamptz)
        order by next_attempt_at, created_at
        limit ${limit}
        for update skip locked)
    returning d.id, d.channel, d.user_id, d.webhook_id, d.kind, d.params, d.link, d.attempts`);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    userId: r.user_id,
    webhookId: r.webhook_id,
    kind: r.kind,
    params: r.params ?? {},
    link: r.link,
    attempts: r.attempts,
  }));
}

async function finish(id: string, set: Partial<typeof notificationDeliveries.$inferInsert>) {
  await db
    .update(notificationDeliveries)
    .set({ lockedAt: null, ...set })
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.state, "sending")));
}

function textFor(row: Claimed, locale: "ja" | "en", timeZone: string, base: string): OutboundText {
  const rendered = renderNotification({ kind: row.kind, params: row.params, title: row.kind, body: null }, locale, timeZone);
  const labels = outboundLabels(locale, `${base}/notifications/settings`);
  return { ...rendered, url: row.link ? `${base}${row.link}` : null, footer: labels.footer, openLabel: labels.open };
}

/** Sends one claimed row; returns its new state. */
async function deliverOne(row: Claimed, senders: Senders, now: Date, base: string): Promise<"sent" | "retrying" | "failed" | "skipped"> {
  try {
    if (row.channel === "email") {
      const [u] = row.userId
        ? await db
            .select({ email: users.email, locale: users.locale, timeZone: users.timeZone, deactivatedAt: users.deactivatedAt })
            .from(users)
            .where(eq(users.id, row.userId))
            .limit(1)
        : [];
      if (!u || !u.email || u.deactivatedAt) {
        await finish(row.id, { state: "skipped", lastError: !u || u.deactivatedAt ? "recipient inactive" : "no e-mail address" });
        return "skipped";
      }
      const msg = emailMessage(textFor(row, u.locale === "en" ? "en" : "ja", u.timeZone, base));
      await senders.email(u.email, msg, `<${row.id}@sns-portal.notifications>`);
    } else {
      const [h] = row.webhookId
        ? await db
            .select({ url: notificationWebhooks.url, kind: notificationWebhooks.kind, locale: notificationWebhooks.locale, enabled: notificationWebhooks.enabled })
            .from(notificationWebhooks)
            .where(eq(notificationWebhooks.id, row.webhookId))
            .limit(1)
        : [];
      if (!h || !h.enabled) {
        await finish(row.id, { state: "skipped", lastError: "webhook disabled or removed" });
        return "skipped";
      }
      const text = textFor(row, h.locale, "Asia/Tokyo", base);
      await senders.webhook(h.url, h.kind === "slack" ? slackPayload(text) : teamsPayload(text));
    }
    await finish(row.id, { state: "sent", sentAt: new Date(), lastError: null });
    return "sent";
  } catch (e) {
    const permanent = e instanceof DeliveryError ? e.permanent : false;
    // Only our own short messages are stored; anything unexpected is named, not quoted (it might hold a URL).
    const message = e instanceof DeliveryError ? e.message : `unexpected ${(e as Error)?.name ?? "error"}`;
    const next = nextAttemptAfter(row.attempts, now, permanent);
    if (next) {
      await finish(row.id, { state: "pending", nextAttemptAt: next, lastError: message });
      return "retrying";
    }
    await finish(row.id, { state: "failed", lastError: `${message} (after ${row.attempts} of ${DELIVERY_MAX_ATTEMPTS} attempts)` });
    return "failed";
  }
}

/**
 * Sends due deliveries in batches until none is due or `budgetMs` is spent. `senders` defaults to
 * SMTP (from the environment) and HTTPS webhooks; tests pass local receivers through the real senders.
 */
export async function deliverDueNotifications(opts: { senders?: Senders; now?: () => Date; budgetMs?: number } = {}): Promise<DeliveryRunResult> {
  const senders = opts.senders ?? defaultSenders(smtpSettings());
  const clock = opts.now ?? (() => new Date());
  const deadline = Date.now() + (opts.budgetMs ?? 45_000);
  const base = portalBaseUrl();
  const out: DeliveryRunResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, skipped: 0 };
  while (Date.now() < deadline) {
    const now = clock();
    const rows = await claim(now, BATCH);
    if (!rows.length) break;
    out.claimed += rows.length;
    for (const row of rows) out[await deliverOne(row, senders, now, base)]++;
  }
  return out;
}

/** Kept this long: a year of notifications (a person's history), 90 days of finished delivery rows. */
export const NOTIFICATION_RETENTION_DAYS = 365;
export const DELIVERY_RETENTION_DAYS = 90;

/**
 * Retention (worker only): deletes notifications older than a year (their deliveries go with them)
 * and finished delivery rows (sent, failed, skipped) older than 90 days. Pending rows are never
 * deleted. The audit log, not this table, is the record of what happened.
 */
export async function purgeOldNotifications(now: Date = new Date()): Promise<{ notifications: number; deliveries: number }> {
  const day = 24 * 3600_000;
  const deliveries = await db
    .delete(notificationDeliveries)
    .where(
      and(
        inArray(notificationDeliveries.state, ["sent", "failed", "skipped"]),
        lt(notificationDeliveries.createdAt, new Date(now.getTime() - DELIVERY_RETENTION_DAYS * day)),
      ),
    )
    .returning({ id: notificationDeliveries.id });
  const gone = await db
    .delete(notifications)
    .where(lt(notifications.createdAt, new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * day)))
    .returning({ id: notifications.id });
  return { notifications: gone.length, deliveries: deliveries.length };
}

import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { notificationDeliveries, notificationEmailPrefs, notifications, notificationWebhooks, userRoles, users } from "@/db/schema";
import { ROLES, roleHas, type Permission } from "@/lib/auth/permissions";
import { emailEnabled, type KnownNotificationKind } from "@/lib/domain/notifications";
import { renderNotification, type NotificationParams } from "@/lib/notifications/render";
import { smtpSettings } from "@/lib/notifications/settings";

/*
 * notify(): the one way code tells people something happened. Internal to the DAL (no permission
 * check of its own: the caller has already authorized the change it reports, or is the system).
 *
 * - Runs inside the caller's transaction: the notification exists exactly when the change commits.
 * - Recipients: userIds ∪ active holders of `permission` (via user_roles and ROLE_PERMISSIONS), minus
 *   deactivated users and excludeUserIds (e.g. the author of the post under review).
 * - One row per recipient; with a dedupeKey at most one per (user, key) ever — reminders and
 *   escalations that a job re-evaluates every few minutes still fire once.
 * - The row stores kind + params; the text is rendered per reader at display time. title/body hold a
 *   Japanese rendering as a plain fallback (exports, old clients, unknown kinds).
 * - Outbound deliveries are queued in the same transaction (notification_deliveries) and sent by the
 *   worker (lib/jobs/notifications.ts): an e-mail per new row whose recipient opted in (and only when
 *   SMTP is configured), and one message per event to each enabled webhook that forwards the kind.
 */

export type NotificationKind = KnownNotificationKind;
export type { KnownNotificationKind };

export type NotifyInput = {
  userIds?: string[];
  permission?: Permission;
  kind: NotificationKind;
  params: Record<string, string | number | null>;
  /** A path inside the portal ("/pr/reviews/…"); anything else is refused. */
  link?: string;
  dedupeKey?: string;
  excludeUserIds?: string[];
};

const MAX_PARAM_CHARS = 1_000;

function cleanParams(params: Record<string, string | number | null>): NotificationParams {
  const out: NotificationParams = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = typeof v === "string" && v.length > MAX_PARAM_CHARS ? `${v.slice(0, MAX_PARAM_CHARS - 1)}…` : v;
  }
  return out;
}

/** Portal-relative links only: a notification must never send a reader off-site. */
export function isPortalLink(link: string): boolean {
  return /^\/(?![/\\])[^\s]*$/.test(link) && link.length <= 500;
}

/** Active users holding the permission through any of their roles. */
async function holdersOf(tx: Tx, permission: Permission): Promise<string[]> {
  const roles = ROLES.filter((r) => roleHas(r, permission));
  if (!roles.length) return [];
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, roles), isNull(users.deactivatedAt)));
  return rows.map((r) => r.id);
}

/**
 * Inside the caller's transaction: one notification row per recipient (deduped by dedupeKey per user),
 * plus queued outbound deliveries. Returns how many notification rows were created.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  if (input.link !== undefined && !isPortalLink(input.link)) throw new Error(`notify: link must be a portal path, got ${JSON.stringify(input.link)}`);
  const params = cleanParams(input.params);
  const link = input.link ?? null;
  const dedupeKey = input.dedupeKey ?? null;

  const wanted = new Set(input.userIds ?? []);
  if (input.permission) for (const id of await holdersOf(tx, input.permission)) wanted.add(id);
  for (const id of input.excludeUserIds ?? []) wanted.delete(id);

  let recipients: string[] = [];
  if (wanted.size) {
    const active = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, [...wanted]), isNull(users.deactivatedAt)));
    recipients = active.map((r) => r.id).sort();
  }

  const fallback = renderNotification({ kind: input.kind, params, title: input.kind, body: null }, "ja", "Asia/Tokyo");
  const created = recipients.length
    ? await tx
        .insert(notifications)
        .values(recipients.map((userId) => ({ userId, kind: input.kind, title: fallback.title, body: fallback.body, params, link, dedupeKey })))
        .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
        .returning({ id: notifications.id, userId: notifications.userId })
    : [];

  // E-mail: only when SMTP is configured, to people who opted in and have an address.
  if (created.length && smtpSettings()) {
    const ids = created.map((c) => c.userId);
    const [prefs, addresses] = await Promise.all([
      tx
        .select({ userId: notificationEmailPrefs.userId, enabled: notificationEmailPrefs.enabled })
        .from(notificationEmailPrefs)
        .where(and(inArray(notificationEmailPrefs.userId, ids), eq(notificationEmailPrefs.kind, input.kind))),
      tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids)),
    ]);
    const saved = new Map(prefs.map((p) => [p.userId, p.enabled]));
    const hasEmail = new Set(addresses.filter((a) => !!a.email).map((a) => a.id));
    const mails = created.filter((c) => hasEmail.has(c.userId) && emailEnabled(input.kind, saved.get(c.userId)));
    if (mails.length) {
      await tx
        .insert(notificationDeliveries)
        .values(
          mails.map((c) => ({
            channel: "email" as const,
            deliveryKey: `email:${c.id}`,
            notificationId: c.id,
            userId: c.userId,
            kind: input.kind,
            params,
            link,
          })),
        )
        .onConflictDoNothing({ target: notificationDeliveries.deliveryKey });
    }
  }

  // Webhooks: one message per event and webhook (a channel is one audience, not one per recipient).
  const hooks = await tx
    .select({ id: notificationWebhooks.id, kinds: notificationWebhooks.kinds })
    .from(notificationWebhooks)
    .where(eq(notificationWebhooks.enabled, true));
  const forward = hooks.filter((h) => h.kinds.includes(input.kind));
  // With a dedupe key, the event is the same event however often it is reported; without one, each call is new.
  if (forward.length && (dedupeKey === null || created.length > 0 || recipients.length === 0)) {
    const eventKey = dedupeKey ?? crypto.randomUUID();
    await tx
      .insert(notificationDeliveries)
      .values(
        forward.map((h) => ({
          channel: "webhook" as const,
          deliveryKey: `webhook:${h.id}:${eventKey}`,
          webhookId: h.id,
          kind: input.kind,
          params,
          link,
        })),
      )
      .onConflictDoNothing({ target: notificationDeliveries.deliveryKey });
  }

  return created.length;
}

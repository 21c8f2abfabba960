import "server-only";
import { and, count, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { notificationEmailPrefs, notifications } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { emailEnabled, NOTIFICATION_KINDS, type KnownNotificationKind } from "@/lib/domain/notifications";
import { renderNotification } from "@/lib/notifications/render";
import { smtpSettings } from "@/lib/notifications/settings";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * A person's own notifications (the bell and /notifications) and their e-mail choices.
 * Every query is scoped to viewer.id in WHERE: another person's notification is NOT_FOUND.
 * Marking read is not audited: it changes nothing anyone else sees (a read marker, like an e-mail
 * client's); changing one's e-mail choices is.
 */

export type NotificationDto = {
  id: string;
  kind: string;
  /** Rendered in the viewer's language and time zone. */
  title: string;
  body: string | null;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export type NotificationPage = { items: NotificationDto[]; total: number; unread: number; page: number; pageSize: number; pageCount: number };

const columns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  params: notifications.params,
  link: notifications.link,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

type Row = { id: string; kind: string; title: string; body: string | null; params: Record<string, string | number | null>; link: string | null; createdAt: Date; readAt: Date | null };

function toDto(viewer: Viewer, r: Row): NotificationDto {
  const text = renderNotification({ kind: r.kind, params: r.params, title: r.title, body: r.body }, viewer.locale, viewer.timeZone);
  // A stored link is a portal path by construction (notify refuses others); re-check before it reaches an href.
  const link = r.link && /^\/(?![/\\])/.test(r.link) ? r.link : null;
  return { id: r.id, kind: r.kind, title: text.title, body: text.body, link, createdAt: r.createdAt, readAt: r.readAt };
}

const own = (viewer: Viewer) => eq(notifications.userId, viewer.id);

/** notification.read — how many of the viewer's own notifications are unread. */
export async function countUnreadNotifications(viewer: Viewer): Promise<number> {
  authorize(viewer, "notification.read");
  const [row] = await db.select({ n: count() }).from(notifications).where(and(own(viewer), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** notification.read — the bell: unread count and the latest few of the viewer's own notifications. */
export async function getNotificationBell(viewer: Viewer, limit = 8): Promise<{ unread: number; items: NotificationDto[] }> {
  authorize(viewer, "notification.read");
  const n = Math.min(Math.max(1, Math.trunc(limit) || 8), 20);
  const [unread, rows] = await Promise.all([
    countUnreadNotifications(viewer),
    db.select(columns).from(notifications).where(own(viewer)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(n),
  ]);
  return { unread, items: rows.map((r) => toDto(viewer, r)) };
}

export const listNotificationsSchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(25),
  filter: z.enum(["all", "unread"]).default("all"),
});
export type ListNotificationsInput = z.input<typeof listNotificationsSchema>;

/** notification.read — one page of the viewer's own notifications, newest first. */
export async function listNotifications(viewer: Viewer, input: ListNotificationsInput = {}): Promise<NotificationPage> {
  authorize(viewer, "notification.read");
  const parsed = listNotificationsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "invalid_input");
  const { page, pageSize, filter } = parsed.data;
  const where = filter === "unread" ? and(own(viewer), isNull(notifications.readAt)) : own(viewer);
  const [totals] = await db
    .select({ total: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)::int` })
    .from(notifications)
    .where(own(viewer));
  const total = filter === "unread" ? (totals?.unread ?? 0) : (totals?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const rows = await db
    .select(columns)
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map((r) => toDto(viewer, r)), total, unread: totals?.unread ?? 0, page, pageSize, pageCount };
}

const idSchema = z.uuid();

/** notification.read — marks one of the viewer's own notifications read (idempotent); anyone else's is NOT_FOUND. */
export async function markNotificationRead(viewer: Viewer, id: string): Promise<{ id: string; readAt: Date }> {
  authorize(viewer, "notification.read");
  if (!idSchema.safeParse(id).success) throw new AppError("NOT_FOUND");
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), own(viewer)))
    .returning({ id: notifications.id, readAt: notifications.readAt });
  if (!row) throw new AppError("NOT_FOUND");
  return { id: row.id, readAt: row.readAt! };
}

/** notification.read — marks all of the viewer's own unread notifications (up to `before`, default now) read; returns how many. */
export async function markAllNotificationsRead(viewer: Viewer, before: Date = new Date()): Promise<number> {
  authorize(viewer, "notification.read");
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(own(viewer), isNull(notifications.readAt), lte(notifications.createdAt, before)))
    .returning({ id: notifications.id });
  return rows.length;
}

// ── e-mail choices ──

export type EmailPreferenceDto = { kind: KnownNotificationKind; enabled: boolean; isDefault: boolean };

/** notification.read — the viewer's e-mail choice per kind (saved or default), and whether e-mail is configured at all. */
export async function getMyEmailPreferences(viewer: Viewer): Promise<{ smtpConfigured: boolean; hasEmail: boolean; kinds: EmailPreferenceDto[] }> {
  authorize(viewer, "notification.read");
  const saved = await db
    .select({ kind: notificationEmailPrefs.kind, enabled: notificationEmailPrefs.enabled })
    .from(notificationEmailPrefs)
    .where(eq(notificationEmailPrefs.userId, viewer.id));
  const map = new Map(saved.map((s) => [s.kind, s.enabled]));
  return {
    smtpConfigured: smtpSettings() !== null,
    hasEmail: !!viewer.email,
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: emailEnabled(kind, map.get(kind)), isDefault: !map.has(kind) })),
  };
}

export const emailPreferencesSchema = z.strictObject({
  enabled: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
});
export type EmailPreferencesInput = z.input<typeof emailPreferencesSchema>;

/** notification.read — saves the viewer's own e-mail choice for every kind (listed = on). Audited. */
export async function updateMyEmailPreferences(viewer: Viewer, input: EmailPreferencesInput): Promise<EmailPreferenceDto[]> {
  authorize(viewer, "notification.read");
  const parsed = emailPreferencesSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "invalid_input", { enabled: ["invalid_input"] });
  const on = new Set(parsed.data.enabled);
  return db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .insert(notificationEmailPrefs)
      .values(NOTIFICATION_KINDS.map((kind) => ({ userId: viewer.id, kind, enabled: on.has(kind), updatedAt: now })))
      .onConflictDoUpdate({
        target: [notificationEmailPrefs.userId, notificationEmailPrefs.kind],
        set: { enabled: sql`excluded.enabled`, updatedAt: now },
      });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "notification.email_preferences_updated",
      subjectType: "user",
      subjectId: viewer.id,
      data: { enabled: [...on].sort() },
      requestId: viewer.requestId,
    });
    return NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: on.has(kind), isDefault: false }));
  });
}

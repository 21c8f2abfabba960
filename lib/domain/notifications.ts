/**
 * The notification kinds, as pure data: who sees what by default. No IO.
 *
 * A notification row stores its kind and params; the text is rendered per reader (locale, time
 * zone) from messages/<locale>/notifications.json when shown, mailed or posted to a webhook.
 *
 * Defaults chosen for a large company's social-media team:
 * - E-mail: on for what needs the person to act or know at once (a review waiting for them, a
 *   decision on their post, an escalation, a failed or uncertain publication, crisis mode); off for
 *   the routine (a reminder repeats a request already mailed, a post went out as planned). Each
 *   person can change each kind in their notification settings.
 * - Webhooks (Slack / Teams): a team channel wants the events everyone should see (crisis mode,
 *   failures, escalations), not each person's queue; an admin picks the kinds per webhook.
 */

export const NOTIFICATION_KINDS = [
  "review.requested",
  "review.decided",
  "review.reminder",
  "review.overdue",
  "post.commented",
  "post.published",
  "post.expired",
  "publish.failed",
  "publish.needs_human_check",
  "crisis.started",
  "crisis.ended",
  "legal.requested",
  "legal.assigned",
  "legal.decided",
  "legal.sla_warning",
  "legal.sla_breached",
  "inbox.sla_warning",
  "inbox.sla_breached",
  "inbox.escalated",
  "inbox.spike",
  "reply.approval_requested",
  "reply.decided",
  "reply.failed",
  "inbox.assigned",
  "ad.budget_requested",
  "ad.budget_decided",
  "ad.rule_fired",
  "ad.paused_by_crisis",
  "asset_rights.expiring",
  "asset_rights.expired",
] as const;

export type KnownNotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isKnownKind(kind: string): kind is KnownNotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

export const EMAIL_DEFAULTS: Record<KnownNotificationKind, boolean> = {
  "review.requested": true,
  "review.decided": true,
  "review.reminder": false,
  "review.overdue": true,
  "post.commented": true,
  "post.published": false,
  "post.expired": true,
  "publish.failed": true,
  "publish.needs_human_check": true,
  "crisis.started": true,
  "crisis.ended": true,
  "legal.requested": true,
  "legal.assigned": true,
  "legal.decided": true,
  "legal.sla_warning": false,
  "legal.sla_breached": true,
  "inbox.sla_warning": false,
  "inbox.sla_breached": true,
  "inbox.escalated": true,
  "inbox.spike": true,
  "reply.approval_requested": true,
  "reply.decided": true,
  "reply.failed": true,
  "inbox.assigned": true,
  "ad.budget_requested": true,
  "ad.budget_decided": true,
  "ad.rule_fired": true,
  "ad.paused_by_crisis": true,
  "asset_rights.expiring": true,
  "asset_rights.expired": true,
};

/** Kinds a new webhook forwards unless the admin picks others. */
export const WEBHOOK_DEFAULT_KINDS: readonly KnownNotificationKind[] = [
  "review.overdue",
  "publish.failed",
  "publish.needs_human_check",
  "crisis.started",
  "crisis.ended",
];

/** Whether a person gets e-mail for a kind: their saved choice, else the kind's default (unknown kinds: no). */
export function emailEnabled(kind: string, saved: boolean | undefined): boolean {
  if (saved !== undefined) return saved;
  return isKnownKind(kind) ? EMAIL_DEFAULTS[kind] : false;
}

/** Delivery retry schedule: after attempt n (1-based) wait BACKOFF_MS[n-1]; past the end the row fails for good. */
export const DELIVERY_BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000] as const;
export const DELIVERY_MAX_ATTEMPTS = DELIVERY_BACKOFF_MS.length + 1;

/** When to try again after a failed attempt, or null when the delivery has used all its attempts or the error is permanent. */
export function nextAttemptAfter(attempts: number, now: Date, permanent = false): Date | null {
  if (permanent || attempts >= DELIVERY_MAX_ATTEMPTS) return null;
  const wait = DELIVERY_BACKOFF_MS[Math.max(0, attempts - 1)] ?? DELIVERY_BACKOFF_MS[DELIVERY_BACKOFF_MS.length - 1]!;
  return new Date(now.getTime() + wait);
}

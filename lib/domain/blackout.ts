/**
 * Blackout windows (disaster, earnings quiet period, product embargo): periods in which nothing in
 * their scope may be scheduled. Pure rules; the DAL applies the same ones in SQL.
 *
 * - A window is the half-open interval [startsAt, endsAt): a slot at endsAt is outside it, so a
 *   quiet period "until 15:00" lets a 15:00 post through.
 * - Scope: company-wide (no brand, no channel), one brand (all its channels), or one channel
 *   (brandId is then the channel's brand, kept for display and filtering). A post is in scope
 *   when the window is company-wide, is for the post's brand, or is for one of its channels.
 */

export type BlackoutLike = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  brandId: string | null;
  channelId: string | null;
};

export type BlackoutScope = "company" | "brand" | "channel";

export const BLACKOUT_LIMITS = { reasonMax: 500, maxDays: 366 } as const;

export function scopeOf(w: Pick<BlackoutLike, "brandId" | "channelId">): BlackoutScope {
  return w.channelId ? "channel" : w.brandId ? "brand" : "company";
}

/** The slot falls inside the window: startsAt ≤ at < endsAt. */
export function covers(w: Pick<BlackoutLike, "startsAt" | "endsAt">, at: Date): boolean {
  return w.startsAt.getTime() <= at.getTime() && at.getTime() < w.endsAt.getTime();
}

/** The window and [from, to) share at least one instant. */
export function overlapsRange(w: Pick<BlackoutLike, "startsAt" | "endsAt">, from: Date, to: Date): boolean {
  return w.startsAt.getTime() < to.getTime() && w.endsAt.getTime() > from.getTime();
}

/** The window applies to a post of this brand going out on these channels. */
export function appliesTo(w: Pick<BlackoutLike, "brandId" | "channelId">, post: { brandId: string; channelIds: readonly string[] }): boolean {
  if (w.channelId) return post.channelIds.includes(w.channelId);
  if (w.brandId) return w.brandId === post.brandId;
  return true;
}

/** The window that refuses a slot for this post (the one that started first), or null. */
export function blockingWindow<W extends BlackoutLike>(
  windows: readonly W[],
  at: Date,
  post: { brandId: string; channelIds: readonly string[] },
): W | null {
  let found: W | null = null;
  for (const w of windows) {
    if (!covers(w, at) || !appliesTo(w, post)) continue;
    if (!found || w.startsAt.getTime() < found.startsAt.getTime()) found = w;
  }
  return found;
}

export type BlackoutIssue = "ends_before_start" | "ends_in_past" | "too_long" | "reason_required" | "reason_too_long";

/** What is wrong with a window someone is saving (empty = fine). `now` is passed in. */
export function validateWindow(w: { startsAt: Date; endsAt: Date; reason: string }, now: Date): BlackoutIssue[] {
  const issues: BlackoutIssue[] = [];
  if (w.endsAt.getTime() <= w.startsAt.getTime()) issues.push("ends_before_start");
  else if (w.endsAt.getTime() - w.startsAt.getTime() > BLACKOUT_LIMITS.maxDays * 86_400_000) issues.push("too_long");
  if (w.endsAt.getTime() <= now.getTime()) issues.push("ends_in_past");
  const reason = w.reason.trim();
  if (!reason) issues.push("reason_required");
  else if (reason.length > BLACKOUT_LIMITS.reasonMax) issues.push("reason_too_long");
  return issues;
}

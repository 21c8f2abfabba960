import "server-only";
import { and, eq, inArray, isNull, lt, not, sql } from "drizzle-orm";
import { db } from "@/db";
import { inboxItems, posts } from "@/db/schema";
import { recordAudit } from "./audit";
import { inboxItemHeld, lockHoldsShared, postHeld } from "./legal-holds";
import { readLegalSettings } from "./legal-settings";

/*
 * Retention (lib/jobs/retention.ts runs it nightly as the system), as Legal's policy says
 * (lib/dal/legal-settings.ts):
 *   - Closed inbox items older than inboxRetentionDays (counted from when they were closed) are
 *     purged: the stranger's text and details (name, handle, profile URL, platform id, raw payload)
 *     are removed; the row stays, marked purged_at, so counts and our own replies keep their context.
 *   - Drafts (draft, changes_requested) untouched for draftRetentionDays are abandoned (cancelled).
 * Anything under a legal hold (lib/dal/legal-holds.ts: its thread, its sender, or the post) is
 * kept, and the run's audit event counts what was kept. The hold check and the change share one
 * transaction under the shared hold lock, so a hold placed during a run is seen or comes after.
 */

const SYSTEM = { id: null, label: "system:retention" } as const;
const DAY = 86_400_000;

export type InboxRetentionResult = { purged: number; keptForHold: number };

/** Purges one batch of closed, old, unheld inbox items. */
export async function purgeInboxBatch(now: Date = new Date(), limit = 500): Promise<InboxRetentionResult> {
  const { inboxRetentionDays } = await readLegalSettings();
  const cutoff = new Date(now.getTime() - inboxRetentionDays * DAY);
  return db.transaction(async (tx) => {
    await lockHoldsShared(tx);
    const due = and(eq(inboxItems.status, "closed"), isNull(inboxItems.purgedAt), sql`coalesce(${inboxItems.closedAt}, ${inboxItems.receivedAt}) < ${cutoff.toISOString()}::timestamptz`);
    const rows = await tx
      .select({ id: inboxItems.id })
      .from(inboxItems)
      .where(and(due, not(inboxItemHeld)))
      .orderBy(inboxItems.receivedAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    const [kept] = await tx.select({ n: sql<number>`count(*)::int` }).from(inboxItems).where(and(due, inboxItemHeld));
    const keptForHold = kept?.n ?? 0;
    if (rows.length === 0) return { purged: 0, keptForHold };
    const ids = rows.map((r) => r.id);
    await tx
      .update(inboxItems)
      .set({ text: "", authorName: null, authorHandle: null, authorUrl: null, authorExternalId: null, raw: null, purgedAt: now, updatedAt: now })
      .where(inArray(inboxItems.id, ids));
    await recordAudit(tx, {
      actor: SYSTEM,
      action: "retention.inbox_purged",
      subjectType: "inbox",
      subjectId: null,
      data: { retentionDays: inboxRetentionDays, cutoff: cutoff.toISOString(), purged: ids.length, keptForHold, purgedIds: ids },
    });
    return { purged: ids.length, keptForHold };
  });
}

/** Every due batch. */
export async function purgeInbox(now: Date = new Date()): Promise<InboxRetentionResult> {
  const total = { purged: 0, keptForHold: 0 };
  for (let i = 0; i < 200; i++) {
    const r = await purgeInboxBatch(now);
    total.purged += r.purged;
    total.keptForHold = r.keptForHold;
    if (r.purged < 500) break;
  }
  return total;
}

const ABANDONABLE = ["draft", "changes_requested"] as const;

/** Cancels drafts nobody touched for the policy's age (one batch); held posts are kept. */
export async function abandonStaleDrafts(now: Date = new Date(), limit = 500): Promise<{ abandoned: number; keptForHold: number }> {
  const { draftRetentionDays } = await readLegalSettings();
  const cutoff = new Date(now.getTime() - draftRetentionDays * DAY);
  return db.transaction(async (tx) => {
    await lockHoldsShared(tx);
    const due = and(inArray(posts.state, [...ABANDONABLE]), lt(posts.updatedAt, cutoff));
    const rows = await tx
      .select({ id: posts.id, state: posts.state })
      .from(posts)
      .where(and(due, not(postHeld)))
      .limit(limit)
      .for("update", { skipLocked: true });
    const [kept] = await tx.select({ n: sql<number>`count(*)::int` }).from(posts).where(and(due, postHeld));
    const keptForHold = kept?.n ?? 0;
    if (rows.length === 0) return { abandoned: 0, keptForHold };
    await tx
      .update(posts)
      .set({ state: "cancelled", updatedAt: now })
      .where(
        inArray(
          posts.id,
          rows.map((r) => r.id),
        ),
      );
    for (const r of rows) {
      await recordAudit(tx, { actor: SYSTEM, action: "post.abandoned", subjectType: "post", subjectId: r.id, data: { fromState: r.state, retentionDays: draftRetentionDays, cutoff: cutoff.toISOString() } });
    }
    return { abandoned: rows.length, keptForHold };
  });
}

import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { crisisStates } from "@/db/schema";

/*
 * The one place that answers "is this in a crisis?" for everything that goes out (posts, replies,
 * ad deliveries). Starting a crisis takes CRISIS_LOCK_KEY exclusively; every outgoing claim takes
 * it shared in its own transaction before it looks. So once a crisis has committed, no claim that
 * starts afterwards can miss it, and a claim that committed before it had already started going out.
 */

/** Arbitrary constant, distinct from the audit chain's lock. */
export const CRISIS_LOCK_KEY = 7_270_002;

/** Post kinds that are the crisis communication itself: they still go out during a crisis. */
export const CRISIS_EXEMPT_KINDS = ["statement", "correction", "apology", "retraction"] as const;

/** For the claim side: waits while a crisis is being started, then lets concurrent claims proceed. */
export async function lockCrisisShared(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${CRISIS_LOCK_KEY})`);
}

/** For the crisis switch: no claim runs its check while this transaction is open. */
export async function lockCrisisExclusive(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CRISIS_LOCK_KEY})`);
}

/** The active crisis covering a brand's channel, if any (company-wide first, then brand, then channel). */
export async function activeCrisisFor(tx: Tx, scope: { brandId: string; channelId: string }): Promise<{ id: string } | null> {
  const [row] = await tx
    .select({ id: crisisStates.id })
    .from(crisisStates)
    .where(
      and(
        isNull(crisisStates.endedAt),
        or(
          eq(crisisStates.scope, "all"),
          and(eq(crisisStates.scope, "brand"), eq(crisisStates.brandId, scope.brandId)),
          and(eq(crisisStates.scope, "channel"), eq(crisisStates.channelId, scope.channelId)),
        ),
      ),
    )
    .orderBy(sql`case ${crisisStates.scope} when 'all' then 0 when 'brand' then 1 else 2 end`, crisisStates.startedAt)
    .limit(1);
  return row ?? null;
}

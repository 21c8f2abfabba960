import "server-only";
import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { channels, crisisStates, inboxItems, legalReviews, replies } from "@/db/schema";
import type { ChannelRef, ReconcileOutcome, ReplyOutcome, ReplyTarget } from "@/lib/channels/types";
import { REPLY_MAX_ATTEMPTS, replyBackoffMs } from "@/lib/domain/inbox-replies";
import { recordAudit, type AuditInput } from "./audit";
import { activeCrisisFor, lockCrisisShared } from "./crisis-guard";
import { CHANNEL_REF, replyTextHash } from "./inbox-replies";
import { legalClearance } from "./legal-requests";
import { notify } from "./notify";

/*
 * The reply sender's side of the database, called only by the worker (lib/jobs/inbox-replies.ts)
 * as the system. The same exactly-once pattern as the publisher (lib/dal/publishing.ts):
 *
 *   claim (one transaction, under the crisis lock shared): a Legal-lane reply whose review of this
 *     exact text was approved becomes approved (rejected → rejected, author told); a held reply
 *     whose crisis is over is released; a crisis covering the channel holds the reply; the text
 *     must hash to the approved hash; then approved → sending with a fresh claim token and the
 *     idempotency key reply:<id>:<text hash> — only one worker can win that update.
 *   the network call (no transaction open), reconciling first on any retry.
 *   complete (one transaction): only with the claim token still current. sent → the item's first
 *     response time is set (once), failures known to be safe are retried with backoff, an outcome
 *     nobody can decide is needs_check and the author is told.
 */

const SYSTEM = { id: null, label: "system:reply-sender" } as const;
const SUBJECT = "inbox_item";

export function replyClaimLeaseMs(): number {
  const n = Number(process.env.REPLY_CLAIM_LEASE_MS ?? 120_000);
  return Number.isFinite(n) && n > 0 ? n : 120_000;
}

export type ReplyClaim = {
  replyId: string;
  itemId: string;
  authorId: string;
  claimToken: string;
  idempotencyKey: string;
  attempt: number;
  claimedAt: Date;
  channel: ChannelRef;
  target: ReplyTarget;
  text: string;
  /** An earlier attempt may have reached the network: look before sending again. */
  mustReconcileFirst: boolean;
};

export type ReplyClaimResult =
  | { kind: "claimed"; claim: ReplyClaim }
  | { kind: "held"; crisisId: string }
  | { kind: "rejected" }
  | { kind: "skipped"; reason: "gone" | "not_ready" | "awaiting_approval" | "approval_void" | "item_deleted" };

/** Replies the sender should look at: approved and due, Legal-lane ones awaiting a decision, held ones whose crisis ended. */
export async function findDueReplies(limit = 500): Promise<string[]> {
  const now = new Date();
  const rows = await db
    .select({ id: replies.id })
    .from(replies)
    .leftJoin(crisisStates, eq(crisisStates.id, replies.heldCrisisId))
    .leftJoin(legalReviews, eq(legalReviews.id, replies.legalReviewId))
    .where(
      or(
        and(eq(replies.state, "approved"), or(isNull(replies.nextAttemptAt), lte(replies.nextAttemptAt, now))),
        and(eq(replies.state, "pending_approval"), eq(replies.approvalRole, "legal"), isNotNull(legalReviews.decidedAt)),
        and(eq(replies.state, "held"), or(isNull(crisisStates.id), isNotNull(crisisStates.endedAt))),
      ),
    )
    .orderBy(replies.createdAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Claims whose worker has not answered within the lease. */
export async function findStaleReplyClaims(limit = 200): Promise<{ replyId: string; claimToken: string }[]> {
  const rows = await db
    .select({ replyId: replies.id, claimToken: replies.claimToken })
    .from(replies)
    .where(and(eq(replies.state, "sending"), lt(replies.claimedAt, new Date(Date.now() - replyClaimLeaseMs()))))
    .limit(limit);
  return rows.filter((r): r is { replyId: string; claimToken: string } => r.claimToken !== null);
}

async function loadForClaim(tx: Tx, replyId: string) {
  const [row] = await tx
    .select({
      id: replies.id,
      state: replies.state,
      text: replies.text,
      authorId: replies.authorId,
      approvalRole: replies.approvalRole,
      approvedHash: replies.approvedHash,
      heldCrisisId: replies.heldCrisisId,
      attempts: replies.attempts,
      nextAttemptAt: replies.nextAttemptAt,
      itemId: inboxItems.id,
      itemKind: inboxItems.kind,
      itemExternalId: inboxItems.externalId,
      authorExternalId: inboxItems.authorExternalId,
      deletedAt: inboxItems.deletedAt,
      brandId: sql<string>`coalesce(${inboxItems.brandId}, ${channels.brandId})`,
      channel: CHANNEL_REF,
    })
    .from(replies)
    .innerJoin(inboxItems, eq(inboxItems.id, replies.inboxItemId))
    .innerJoin(channels, eq(channels.id, inboxItems.channelId))
    .where(eq(replies.id, replyId))
    .for("update", { of: replies })
    .limit(1);
  return row ?? null;
}

function targetOf(row: { itemKind: string; itemExternalId: string; authorExternalId: string | null }): ReplyTarget {
  return row.itemKind === "dm" ? { kind: "dm", externalId: row.itemExternalId, recipientExternalId: row.authorExternalId ?? "" } : { kind: "comment", externalId: row.itemExternalId };
}

/** Claims one reply (see the module comment). Safe to call any number of times from any number of workers. */
export async function claimReply(replyId: string, workerId: string, now: Date = new Date()): Promise<ReplyClaimResult> {
  return db.transaction(async (tx) => {
    await lockCrisisShared(tx);
    const r = await loadForClaim(tx, replyId);
    if (!r) return { kind: "skipped", reason: "gone" } as const;
    const hash = replyTextHash(r.text);
    const audits: AuditInput[] = [];
    const base = { actor: SYSTEM, subjectType: SUBJECT, subjectId: r.itemId } as const;

    if (r.state === "pending_approval" && r.approvalRole === "legal") {
      const clearance = await legalClearance(tx, "reply", r.id, hash);
      if (clearance === "rejected") {
        const [rev] = await tx
          .select({ reason: legalReviews.decisionReason, decidedById: legalReviews.decidedById })
          .from(legalReviews)
          .where(and(eq(legalReviews.subjectKind, "reply"), eq(legalReviews.subjectId, r.id), eq(legalReviews.subjectHash, hash), eq(legalReviews.state, "rejected")))
          .limit(1);
        await tx
          .update(replies)
          .set({ state: "rejected", rejectionReason: rev?.reason ?? null, decidedById: rev?.decidedById ?? null, decidedAt: now, updatedAt: now })
          .where(eq(replies.id, r.id));
        await recordAudit(tx, { ...base, action: "inbox.reply_rejected", data: { replyId: r.id, textHash: hash, lane: "legal" } });
        return { kind: "rejected" } as const;
      }
      if (clearance !== "approved" && clearance !== "approved_with_conditions") return { kind: "skipped", reason: "awaiting_approval" } as const;
      const [rev] = await tx
        .select({ decidedById: legalReviews.decidedById })
        .from(legalReviews)
        .where(and(eq(legalReviews.subjectKind, "reply"), eq(legalReviews.subjectId, r.id), eq(legalReviews.subjectHash, hash), inArray(legalReviews.state, ["approved", "approved_with_conditions"])))
        .limit(1);
      await tx
        .update(replies)
        .set({ state: "approved", approvedHash: hash, approvedById: rev?.decidedById ?? null, decidedById: rev?.decidedById ?? null, decidedAt: now, updatedAt: now })
        .where(eq(replies.id, r.id));
      audits.push({ ...base, action: "inbox.reply_approved", data: { replyId: r.id, textHash: hash, lane: "legal", clearance } });
      r.state = "approved";
      r.approvedHash = hash;
    }

    if (r.state === "held") {
      const crisis = await activeCrisisFor(tx, { brandId: r.brandId, channelId: r.channel.id });
      if (crisis) return { kind: "held", crisisId: crisis.id } as const;
      await tx.update(replies).set({ state: "approved", heldCrisisId: null, nextAttemptAt: null, updatedAt: now }).where(eq(replies.id, r.id));
      audits.push({ ...base, action: "inbox.reply_released", data: { replyId: r.id, crisisId: r.heldCrisisId } });
      r.state = "approved";
    }

    if (r.state !== "approved") {
      await recordAuditsIfAny(tx, audits);
      return { kind: "skipped", reason: "not_ready" } as const;
    }
    if (r.nextAttemptAt && r.nextAttemptAt.getTime() > now.getTime()) return { kind: "skipped", reason: "not_ready" } as const;

    // Defence in depth: only the exact approved text goes out.
    if (r.approvedHash !== hash) {
      await tx.update(replies).set({ state: "pending_approval", approvedHash: null, updatedAt: now }).where(eq(replies.id, r.id));
      audits.push({ ...base, action: "inbox.reply_approval_void", data: { replyId: r.id, textHash: hash } });
      await recordAuditsIfAny(tx, audits);
      return { kind: "skipped", reason: "approval_void" } as const;
    }
    if (r.deletedAt) {
      await tx.update(replies).set({ state: "failed", errorCode: "item_deleted", updatedAt: now }).where(eq(replies.id, r.id));
      audits.push({ ...base, action: "inbox.reply_failed", data: { replyId: r.id, code: "item_deleted" } });
      await recordAuditsIfAny(tx, audits);
      return { kind: "skipped", reason: "item_deleted" } as const;
    }

    const crisis = await activeCrisisFor(tx, { brandId: r.brandId, channelId: r.channel.id });
    if (crisis) {
      await tx.update(replies).set({ state: "held", heldCrisisId: crisis.id, updatedAt: now }).where(eq(replies.id, r.id));
      audits.push({ ...base, action: "inbox.reply_held", data: { replyId: r.id, crisisId: crisis.id } });
      await recordAuditsIfAny(tx, audits);
      return { kind: "held", crisisId: crisis.id } as const;
    }

    const idempotencyKey = `reply:${r.id}:${hash.slice(0, 16)}`;
    const claimToken = crypto.randomUUID();
    const won = await tx
      .update(replies)
      .set({ state: "sending", claimToken, claimedAt: now, idempotencyKey, attempts: sql`${replies.attempts} + 1`, updatedAt: now })
      .where(and(eq(replies.id, r.id), eq(replies.state, "approved")))
      .returning({ attempts: replies.attempts });
    if (won.length === 0) return { kind: "skipped", reason: "not_ready" } as const;
    await recordAuditsIfAny(tx, audits);
    return {
      kind: "claimed",
      claim: {
        replyId: r.id,
        itemId: r.itemId,
        authorId: r.authorId,
        claimToken,
        idempotencyKey,
        attempt: won[0]!.attempts,
        claimedAt: now,
        channel: r.channel,
        target: targetOf(r),
        text: r.text,
        mustReconcileFirst: r.attempts > 0,
      },
    } as const;
  });
}

async function recordAuditsIfAny(tx: Tx, audits: AuditInput[]) {
  for (const a of audits) await recordAudit(tx, a);
}

/** Takes over a claim whose worker vanished (only if it is still the stale one); the caller reconciles first. */
export async function takeOverReplyClaim(replyId: string, staleToken: string, workerId: string): Promise<ReplyClaim | null> {
  return db.transaction(async (tx) => {
    const claimToken = crypto.randomUUID();
    const now = new Date();
    const [t] = await tx
      .update(replies)
      .set({ claimToken, claimedAt: now, attempts: sql`${replies.attempts} + 1`, updatedAt: now })
      .where(and(eq(replies.id, replyId), eq(replies.state, "sending"), eq(replies.claimToken, staleToken)))
      .returning({ attempts: replies.attempts, idempotencyKey: replies.idempotencyKey });
    if (!t) return null;
    const r = await loadForClaim(tx, replyId);
    await recordAudit(tx, { actor: SYSTEM, action: "inbox.reply_recovered", subjectType: SUBJECT, subjectId: r!.itemId, data: { replyId, worker: workerId } });
    return {
      replyId,
      itemId: r!.itemId,
      authorId: r!.authorId,
      claimToken,
      idempotencyKey: t.idempotencyKey ?? `reply:${replyId}:${replyTextHash(r!.text).slice(0, 16)}`,
      attempt: t.attempts,
      claimedAt: now,
      channel: r!.channel,
      target: targetOf(r!),
      text: r!.text,
      mustReconcileFirst: true,
    };
  });
}

export type ReplyCompletion =
  | { kind: "sent"; externalId: string; via: "response" | "reconcile" }
  | { kind: "failed"; code: string; message: string; retryable: boolean }
  | { kind: "unknown"; code: string; message: string }
  | { kind: "absent_after_unknown"; code: string; message: string };

export function completionFromReply(o: ReplyOutcome): ReplyCompletion {
  if (o.kind === "sent") return { kind: "sent", externalId: o.externalId, via: "response" };
  return o;
}

export function completionFromReplyReconcile(o: ReconcileOutcome, prior: { code: string; message: string }): ReplyCompletion {
  if (o.kind === "found") return { kind: "sent", externalId: o.externalId, via: "reconcile" };
  if (o.kind === "absent") return { kind: "absent_after_unknown", code: prior.code, message: prior.message };
  return { kind: "unknown", code: prior.code, message: `${prior.message}; reconcile: ${o.message}` };
}

/** Marks an unknown outcome before reconciling, so a crash during reconciliation still knows to look. */
export async function markReplyUnknown(claim: ReplyClaim, code: string, message: string): Promise<void> {
  await db
    .update(replies)
    .set({ errorCode: code, error: message.slice(0, 2000), updatedAt: new Date() })
    .where(and(eq(replies.id, claim.replyId), eq(replies.claimToken, claim.claimToken)));
}

export type ReplyCompleteResult = { applied: boolean; state: string; retryAt?: Date };

/** Records the outcome of a claim; a no-op when the claim was lost. */
export async function completeReply(claim: ReplyClaim, c: ReplyCompletion, now: Date = new Date()): Promise<ReplyCompleteResult> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select({ state: replies.state, claimToken: replies.claimToken, attempts: replies.attempts }).from(replies).where(eq(replies.id, claim.replyId)).for("update");
    if (!r || r.state !== "sending" || r.claimToken !== claim.claimToken) return { applied: false, state: r?.state ?? "gone" };
    const base = { actor: SYSTEM, subjectType: SUBJECT, subjectId: claim.itemId } as const;
    const excerpt = claim.text.slice(0, 140);
    if (c.kind === "sent") {
      await tx.update(replies).set({ state: "sent", externalId: c.externalId, sentAt: now, claimToken: null, errorCode: null, error: null, nextAttemptAt: null, updatedAt: now }).where(eq(replies.id, claim.replyId));
      // The first response is the first reply that reached the customer; answered items wait for them.
      await tx
        .update(inboxItems)
        .set({
          firstResponseAt: sql`coalesce(${inboxItems.firstResponseAt}, ${now.toISOString()}::timestamptz)`,
          status: sql`case when ${inboxItems.status} in ('open', 'assigned') then 'waiting'::inbox_status else ${inboxItems.status} end`,
          // No version bump: the reply that went out is already counted (it bumped the version when
          // it was stored), and an agent's open composer must not call its own sent reply a collision.
          updatedAt: now,
        })
        .where(eq(inboxItems.id, claim.itemId));
      await recordAudit(tx, { ...base, action: "inbox.reply_sent", data: { replyId: claim.replyId, externalId: c.externalId, via: c.via, attempts: r.attempts, channelId: claim.channel.id } });
      return { applied: true, state: "sent" };
    }
    if ((c.kind === "failed" && c.retryable) || c.kind === "absent_after_unknown") {
      if (r.attempts < REPLY_MAX_ATTEMPTS) {
        const retryAt = new Date(now.getTime() + replyBackoffMs(r.attempts));
        await tx.update(replies).set({ state: "approved", claimToken: null, nextAttemptAt: retryAt, errorCode: c.code, error: c.message.slice(0, 2000), updatedAt: now }).where(eq(replies.id, claim.replyId));
        await recordAudit(tx, { ...base, action: "inbox.reply_retry_scheduled", data: { replyId: claim.replyId, code: c.code, attempts: r.attempts, retryAt: retryAt.toISOString() } });
        return { applied: true, state: "approved", retryAt };
      }
    }
    const state = c.kind === "unknown" ? "needs_check" : "failed";
    await tx.update(replies).set({ state, claimToken: null, nextAttemptAt: null, errorCode: c.code, error: c.message.slice(0, 2000), updatedAt: now }).where(eq(replies.id, claim.replyId));
    await recordAudit(tx, { ...base, action: state === "needs_check" ? "inbox.reply_needs_check" : "inbox.reply_failed", data: { replyId: claim.replyId, code: c.code, attempts: r.attempts } });
    await notify(tx, {
      userIds: [claim.authorId],
      kind: "reply.failed",
      params: { excerpt, error: c.code, needsCheck: state === "needs_check" ? 1 : 0 },
      link: `/community/items/${claim.itemId}`,
      dedupeKey: `reply-failed:${claim.replyId}:${r.attempts}`,
    });
    return { applied: true, state };
  });
}

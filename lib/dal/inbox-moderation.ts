import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { channels, inboxItems, moderationActions, users } from "@/db/schema";
import type { ChannelRef, ModerateOutcome, ModerationAction } from "@/lib/channels/types";
import { AppError } from "@/lib/errors";
import { REPLY_MAX_ATTEMPTS, replyBackoffMs } from "@/lib/domain/inbox-replies";
import { recordAudit } from "./audit";
import { CHANNEL_REF, lockVisibleItem, visibleItem } from "./inbox-replies";
import { heldSubjects, holdConflict } from "./legal-holds";
import { parseInput } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Hide / unhide / delete of comments strangers wrote on our accounts (issue 4 "Replies and
 * moderation"), through the channel's connector in the worker, with a reason, audited.
 *
 * - A person asks (inbox.moderate); a moderation_actions row is stored pending and the worker
 *   carries it out. One action in flight per item.
 * - Delete, and a hide a rule asked for, refuse while a legal hold covers the thread or the
 *   author (lib/dal/legal-holds.ts): checked when asked and again when the worker claims it, in
 *   the transaction that changes state, so a hold placed in between still stops it.
 * - Hiding and deleting are idempotent on the networks: an unknown outcome is settled by asking
 *   again (a retry), and a delete that finds the comment gone is done.
 * - Only comments can be moderated (a DM, a mention in someone's own post or a review cannot be
 *   hidden by us).
 */

const SUBJECT = "inbox_item";
const SYSTEM = { id: null, label: "system:moderation" } as const;

export const MODERATION_ERRORS = {
  unsupported: "inbox_moderation.unsupported_kind",
  inFlight: "inbox_moderation.in_flight",
  already: "inbox_moderation.already",
  deleted: "inbox_moderation.item_deleted",
} as const;

export const moderateSchema = z.strictObject({
  itemId: z.uuid(),
  action: z.enum(["hide", "unhide", "delete"]),
  reason: z.string().trim().min(1).max(1000),
});
export type ModerateInput = z.input<typeof moderateSchema>;

export type ModerationDto = {
  id: string;
  action: ModerationAction;
  state: "pending" | "sending" | "done" | "failed" | "held" | "needs_check";
  reason: string | null;
  actorName: string | null;
  isRule: boolean;
  errorCode: string | null;
  createdAt: Date;
  completedAt: Date | null;
};

/** inbox.read — the item's moderation history, newest first. NOT_FOUND when invisible. */
export async function listModeration(viewer: Viewer, itemId: unknown): Promise<ModerationDto[]> {
  authorize(viewer, "inbox.read");
  const id = z.uuid().safeParse(itemId);
  if (!id.success) throw new AppError("NOT_FOUND");
  const [item] = await db.select({ id: inboxItems.id }).from(inboxItems).where(visibleItem(viewer, id.data));
  if (!item) throw new AppError("NOT_FOUND");
  const rows = await db
    .select({
      id: moderationActions.id,
      action: moderationActions.action,
      state: moderationActions.state,
      reason: moderationActions.reason,
      actorName: users.name,
      ruleId: moderationActions.ruleId,
      errorCode: moderationActions.errorCode,
      createdAt: moderationActions.createdAt,
      completedAt: moderationActions.completedAt,
    })
    .from(moderationActions)
    .leftJoin(users, eq(users.id, moderationActions.actorId))
    .where(eq(moderationActions.inboxItemId, item.id))
    .orderBy(desc(moderationActions.createdAt))
    .limit(50);
  return rows.map(({ ruleId, ...r }) => ({ ...r, isRule: ruleId !== null }));
}

async function assertNoHold(tx: Tx, item: { threadKey: string; platform: string; authorExternalId: string | null }) {
  const holds = await heldSubjects(tx, { threadKey: item.threadKey, platform: item.platform, authorExternalId: item.authorExternalId });
  if (holds.length > 0) throw holdConflict(holds);
}

/**
 * inbox.moderate — asks for a hide / unhide / delete of a comment, with a reason. CONFLICT when
 * another action is in flight, it is already so, the item is not a comment, or (delete) a legal
 * hold applies. Stored pending for the worker; audited; bumps the item's version.
 */
export async function requestModeration(viewer: Viewer, input: unknown): Promise<{ id: string }> {
  authorize(viewer, "inbox.moderate");
  const p = parseInput(moderateSchema, input);
  return db.transaction(async (tx) => {
    const item = await lockVisibleItem(tx, viewer, p.itemId);
    if (item.kind !== "comment") throw new AppError("CONFLICT", MODERATION_ERRORS.unsupported);
    if (item.deletedAt) throw new AppError("CONFLICT", MODERATION_ERRORS.deleted);
    const [busy] = await tx
      .select({ id: moderationActions.id })
      .from(moderationActions)
      .where(and(eq(moderationActions.inboxItemId, item.id), inArray(moderationActions.state, ["pending", "sending", "held"])))
      .limit(1);
    if (busy) throw new AppError("CONFLICT", MODERATION_ERRORS.inFlight);
    if ((p.action === "hide" && item.hiddenAt) || (p.action === "unhide" && !item.hiddenAt)) throw new AppError("CONFLICT", MODERATION_ERRORS.already);
    if (p.action === "delete") await assertNoHold(tx, item);
    const [row] = await tx
      .insert(moderationActions)
      .values({ inboxItemId: item.id, action: p.action, reason: p.reason, actorId: viewer.id, state: "pending" })
      .returning({ id: moderationActions.id });
    await tx.update(inboxItems).set({ version: sql`${inboxItems.version} + 1`, updatedAt: new Date() }).where(eq(inboxItems.id, item.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox.moderation_requested",
      subjectType: SUBJECT,
      subjectId: item.id,
      data: { moderationId: row!.id, action: p.action, reason: p.reason },
      requestId: viewer.requestId,
    });
    return { id: row!.id };
  });
}

// ── The worker's side ──

export type ModerationClaim = {
  id: string;
  itemId: string;
  action: ModerationAction;
  claimToken: string;
  channel: ChannelRef;
  externalId: string;
  attempt: number;
};

export function moderationLeaseMs(): number {
  const n = Number(process.env.MODERATION_CLAIM_LEASE_MS ?? 120_000);
  return Number.isFinite(n) && n > 0 ? n : 120_000;
}

/** Pending actions that are due, and claims whose worker vanished (moderation is idempotent: they are simply claimed again). */
export async function findDueModeration(limit = 500): Promise<string[]> {
  const now = new Date();
  const rows = await db
    .select({ id: moderationActions.id })
    .from(moderationActions)
    .where(
      or(
        and(eq(moderationActions.state, "pending"), or(isNull(moderationActions.nextAttemptAt), lte(moderationActions.nextAttemptAt, now))),
        and(eq(moderationActions.state, "sending"), isNotNull(moderationActions.claimedAt), lt(moderationActions.claimedAt, new Date(now.getTime() - moderationLeaseMs()))),
      ),
    )
    .orderBy(moderationActions.createdAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Claims one action; a legal hold found now fails a delete or a rule's hide (audited). */
export async function claimModeration(id: string, now: Date = new Date()): Promise<{ kind: "claimed"; claim: ModerationClaim } | { kind: "skipped" } | { kind: "refused"; code: string }> {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({
        id: moderationActions.id,
        state: moderationActions.state,
        action: moderationActions.action,
        ruleId: moderationActions.ruleId,
        claimedAt: moderationActions.claimedAt,
        nextAttemptAt: moderationActions.nextAttemptAt,
        itemId: inboxItems.id,
        externalId: inboxItems.externalId,
        threadKey: inboxItems.threadKey,
        platform: inboxItems.platform,
        authorExternalId: inboxItems.authorExternalId,
        channel: CHANNEL_REF,
      })
      .from(moderationActions)
      .innerJoin(inboxItems, eq(inboxItems.id, moderationActions.inboxItemId))
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .where(eq(moderationActions.id, id))
      .for("update", { of: moderationActions })
      .limit(1);
    if (!m) return { kind: "skipped" } as const;
    const stale = m.state === "sending" && m.claimedAt && m.claimedAt.getTime() < now.getTime() - moderationLeaseMs();
    if (m.state !== "pending" && !stale) return { kind: "skipped" } as const;
    if (m.state === "pending" && m.nextAttemptAt && m.nextAttemptAt.getTime() > now.getTime()) return { kind: "skipped" } as const;
    if (m.action === "delete" || (m.action === "hide" && m.ruleId)) {
      const holds = await heldSubjects(tx, { threadKey: m.threadKey, platform: m.platform, authorExternalId: m.authorExternalId });
      if (holds.length > 0) {
        const err = holdConflict(holds);
        await tx.update(moderationActions).set({ state: "failed", errorCode: "legal_hold", error: err.message.slice(0, 2000), completedAt: now }).where(eq(moderationActions.id, m.id));
        await recordAudit(tx, { actor: SYSTEM, action: "inbox.moderation_refused", subjectType: SUBJECT, subjectId: m.itemId, data: { moderationId: m.id, action: m.action, holdId: holds[0]!.id } });
        return { kind: "refused", code: "legal_hold" } as const;
      }
    }
    const claimToken = crypto.randomUUID();
    const [won] = await tx
      .update(moderationActions)
      .set({ state: "sending", claimToken, claimedAt: now, attempts: sql`${moderationActions.attempts} + 1` })
      .where(eq(moderationActions.id, m.id))
      .returning({ attempts: moderationActions.attempts });
    return { kind: "claimed", claim: { id: m.id, itemId: m.itemId, action: m.action, claimToken, channel: m.channel, externalId: m.externalId, attempt: won!.attempts } } as const;
  });
}

/** Records what the network said; only with the claim token still current. */
export async function completeModeration(claim: ModerationClaim, o: ModerateOutcome, now: Date = new Date()): Promise<{ applied: boolean; state: string }> {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ state: moderationActions.state, claimToken: moderationActions.claimToken, reason: moderationActions.reason, actorId: moderationActions.actorId })
      .from(moderationActions)
      .where(eq(moderationActions.id, claim.id))
      .for("update");
    if (!m || m.state !== "sending" || m.claimToken !== claim.claimToken) return { applied: false, state: m?.state ?? "gone" };
    const base = { actor: SYSTEM, subjectType: SUBJECT, subjectId: claim.itemId } as const;
    const done = o.kind === "done" || (o.kind === "gone" && claim.action === "delete");
    if (done || o.kind === "gone") {
      await tx.update(moderationActions).set({ state: done ? "done" : "failed", claimToken: null, completedAt: now, errorCode: done ? null : "gone" }).where(eq(moderationActions.id, claim.id));
      const itemSet =
        o.kind === "gone"
          ? { deletedAt: now }
          : claim.action === "hide"
            ? { hiddenAt: now, hiddenReason: m.reason, hiddenById: m.actorId, status: "hidden" as const }
            : claim.action === "unhide"
              ? { hiddenAt: null, hiddenReason: null, hiddenById: null, status: sql`case when ${inboxItems.status} = 'hidden' then (case when ${inboxItems.assigneeId} is null then 'open' else 'assigned' end)::inbox_status else ${inboxItems.status} end` }
              : { deletedAt: now, status: "closed" as const, closedAt: now };
      await tx
        .update(inboxItems)
        // The version moved when the person asked; the network's confirmation is not a new change.
        .set({ ...itemSet, updatedAt: now })
        .where(eq(inboxItems.id, claim.itemId));
      await recordAudit(tx, { ...base, action: done ? `inbox.comment_${claim.action === "hide" ? "hidden" : claim.action === "unhide" ? "unhidden" : "deleted"}` : "inbox.moderation_failed", data: { moderationId: claim.id, action: claim.action, via: o.kind, reason: m.reason } });
      return { applied: true, state: done ? "done" : "failed" };
    }
    const [cur] = await tx.select({ attempts: moderationActions.attempts }).from(moderationActions).where(eq(moderationActions.id, claim.id));
    const attempts = cur?.attempts ?? claim.attempt;
    // Moderation is idempotent: an unknown outcome is retried like a safe failure.
    if ((o.kind === "unknown" || o.retryable) && attempts < REPLY_MAX_ATTEMPTS) {
      const retryAt = new Date(now.getTime() + replyBackoffMs(attempts));
      await tx.update(moderationActions).set({ state: "pending", claimToken: null, nextAttemptAt: retryAt, errorCode: o.code, error: o.message.slice(0, 2000) }).where(eq(moderationActions.id, claim.id));
      await recordAudit(tx, { ...base, action: "inbox.moderation_retry_scheduled", data: { moderationId: claim.id, code: o.code, attempts, retryAt: retryAt.toISOString() } });
      return { applied: true, state: "pending" };
    }
    const state = o.kind === "unknown" ? "needs_check" : "failed";
    await tx.update(moderationActions).set({ state, claimToken: null, errorCode: o.code, error: o.message.slice(0, 2000), completedAt: now }).where(eq(moderationActions.id, claim.id));
    await recordAudit(tx, { ...base, action: "inbox.moderation_failed", data: { moderationId: claim.id, action: claim.action, code: o.code, attempts } });
    return { applied: true, state };
  });
}

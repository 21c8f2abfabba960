import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { approvals, assets, channels, corrections, postRevisions, posts, postTargets, publications } from "@/db/schema";
import type { ChannelRef, MediaRef, PublishOutcome, ReconcileOutcome } from "@/lib/channels/types";
import { signMediaUrl } from "@/lib/channels/media-link";
import { transition, type ApprovalRecord, type PostState } from "@/lib/domain/workflow";
import { settleTargets } from "@/lib/domain/scheduling";
import { recordAudit, recordAudits, type AuditInput } from "./audit";
import { notify } from "./notify";
import { activeCrisisFor, CRISIS_EXEMPT_KINDS, lockCrisisShared } from "./crisis-guard";
import { readContent } from "./posts-shared";
import { heldSubjects } from "./legal-holds";

/*
 * The publisher's side of the database (DESIGN.md §6, "exactly-once scheduled publishing").
 * Called only by the worker (lib/jobs/publishing.ts), as the system: no person is signed in.
 *
 * One target's life at its slot:
 *   claim (one transaction): under the crisis lock (shared), the slot's workflow event decides —
 *     expired (not fully approved, or the slot fired later than the tolerance) / held (a crisis
 *     covers it) / go; "go" is the conditional update scheduled → publishing that only one
 *     worker can win, with a fresh claim token and the attempt's idempotency key.
 *   the remote call (no transaction open), with the idempotency key.
 *   complete (one transaction): only if the claim token still matches; published / a retry at
 *     a backoff for failures known to be safe / failed / needs_human_check.
 * An unknown outcome (timeout after sending) is reconciled before anything else happens; a
 * worker that dies mid-call leaves a claim whose lease runs out, and recovery reconciles it
 * first too. Nothing here ever publishes twice for one key or calls a post published that the
 * network did not confirm.
 */

const SYSTEM = { id: null, label: "system:publisher" } as const;

/** The columns a connector's ChannelRef is read from (never the secret itself: only its reference). */
export const CHANNEL_REF_COLUMNS = {
  id: channels.id,
  platform: channels.platform,
  handle: channels.handle,
  connector: channels.connector,
  externalAccountId: channels.externalAccountId,
  credentialsRef: channels.credentialsRef,
  adAccountId: channels.adAccountId,
};
const SUBJECT = "post";

/** Retries for failures known to have changed nothing remotely: after 15 s, 1 min, 4 min. */
export const MAX_ATTEMPTS = 4;
export function backoffMs(attempt: number): number {
  return 15_000 * 4 ** Math.max(0, attempt - 1);
}

/** A slot may fire at most this late (the worker was down); later it expires instead. */
export function lateToleranceMs(): number {
  const n = Number(process.env.PUBLISH_LATE_TOLERANCE_MS ?? 5 * 60_000);
  return Number.isFinite(n) && n > 0 ? n : 5 * 60_000;
}

/** How long a claim may stay in publishing before recovery assumes its worker died. */
export function claimLeaseMs(): number {
  const n = Number(process.env.PUBLISH_CLAIM_LEASE_MS ?? 120_000);
  return Number.isFinite(n) && n > 0 ? n : 120_000;
}

export type Claim = {
  targetId: string;
  postId: string;
  postKind: string;
  claimToken: string;
  idempotencyKey: string;
  attempt: number;
  slotAt: Date;
  claimedAt: Date;
  channel: ChannelRef;
  text: string;
  media: MediaRef[];
  inReplyToExternalId: string | null;
  /** The previous attempt's outcome was unknown: reconcile before calling publish again. */
  mustReconcileFirst: boolean;
};

export type ClaimResult =
  | { kind: "claimed"; claim: Claim }
  | { kind: "held"; crisisId: string }
  | { kind: "expired"; cause: string }
  | { kind: "skipped"; reason: "gone" | "not_scheduled" | "not_due" | "post_state" };

// ── Finding work ──

/** Targets whose slot (or retry time) has come: the dispatcher turns each into a job. */
export async function findDueTargets(limit = 2000): Promise<{ targetId: string; dueAt: Date }[]> {
  const due = sql<Date>`coalesce(${postTargets.nextAttemptAt}, ${postTargets.scheduledAt})`;
  return db
    .select({ targetId: postTargets.id, dueAt: due.mapWith((v: string | Date) => new Date(v)) })
    .from(postTargets)
    .where(and(eq(postTargets.state, "scheduled"), sql`${due} <= now()`))
    .orderBy(due)
    .limit(limit);
}

/** Claims whose worker has not answered within the lease: recovery reconciles them. */
export async function findStaleClaims(limit = 500): Promise<{ targetId: string; claimToken: string }[]> {
  const rows = await db
    .select({ targetId: postTargets.id, claimToken: postTargets.claimToken })
    .from(postTargets)
    .where(and(eq(postTargets.state, "publishing"), lt(postTargets.claimedAt, new Date(Date.now() - claimLeaseMs()))))
    .limit(limit);
  return rows.filter((r): r is { targetId: string; claimToken: string } => r.claimToken !== null);
}

// ── Helpers ──

const PRE_APPROVAL: PostState[] = ["draft", "in_review", "changes_requested", "final_review", "approved"];

async function approvalRecords(tx: Tx, postId: string): Promise<ApprovalRecord[]> {
  return tx
    .select({ stage: approvals.stage, decision: approvals.decision, revisionHash: approvals.revisionHash, reviewerId: approvals.reviewerId, voidedAt: approvals.voidedAt })
    .from(approvals)
    .where(eq(approvals.postId, postId));
}

async function setPostState(tx: Tx, postId: string, state: PostState) {
  await tx.update(posts).set({ state, updatedAt: new Date() }).where(eq(posts.id, postId));
}

/** Absolute, signed, expiring URL the network fetches a library file from (GET /api/media/<id>). */
function mediaUrl(assetId: string): string {
  return signMediaUrl(process.env.PUBLIC_ASSET_BASE_URL ?? process.env.AUTH_URL ?? "http://localhost:3000", assetId);
}

async function mediaRefs(tx: Tx, ids: string[]): Promise<MediaRef[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: assets.id, kind: assets.kind, mimeType: assets.mimeType }).from(assets).where(inArray(assets.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ kind: r.kind, url: mediaUrl(r.id), mimeType: r.mimeType }] : [];
  });
}

/** Expires every not-yet-final target of a post together with the post. */
async function expirePost(tx: Tx, postId: string, fromState: PostState, cause: string, slotAt: Date | null) {
  await setPostState(tx, postId, "expired");
  const [p] = await tx.select({ title: posts.title, authorId: posts.authorId }).from(posts).where(eq(posts.id, postId));
  if (p) {
    const params = { postTitle: p.title, slotAt: slotAt?.toISOString() ?? null, cause };
    const dedupeKey = `expired:${postId}:${slotAt?.toISOString() ?? ""}`;
    // Each reader gets a link into a workspace they can open.
    await notify(tx, { userIds: [p.authorId], kind: "post.expired", params, link: `/studio/posts/${postId}`, dedupeKey });
    await notify(tx, { permission: "publication.resolve", excludeUserIds: [p.authorId], kind: "post.expired", params, link: `/manager/approvals/${postId}`, dedupeKey });
  }
  await tx
    .update(postTargets)
    .set({ state: "expired", stateChangedAt: new Date(), claimToken: null, nextAttemptAt: null })
    .where(and(eq(postTargets.postId, postId), inArray(postTargets.state, ["pending", "scheduled", "held"])));
  await recordAudit(tx, { actor: SYSTEM, action: "post.expired", subjectType: SUBJECT, subjectId: postId, data: { fromState, cause, slotAt: slotAt?.toISOString() ?? null } });
}

/**
 * When no target of the post is still on its way (scheduled, held, publishing), the post takes
 * its final state: published when every live target is, else failed (needs a human when any
 * outcome is unknown).
 */
async function settlePost(tx: Tx, postId: string, sink?: AuditInput[]) {
  const targets = await tx.select({ state: postTargets.state }).from(postTargets).where(eq(postTargets.postId, postId));
  const settled = settleTargets(targets.map((t) => t.state));
  if (settled.kind === "in_flight") return;
  const [post] = await tx.select({ state: posts.state }).from(posts).where(eq(posts.id, postId)).for("update");
  if (!post || post.state !== "publishing") return;
  const next = settled.kind === "published" ? "published" : "failed";
  await setPostState(tx, postId, next);
  const event: AuditInput = {
    actor: SYSTEM,
    action: next === "published" ? "post.published" : "post.publish_failed",
    subjectType: SUBJECT,
    subjectId: postId,
    data: settled.kind === "no_live_targets" ? { targets: 0, published: 0, needsHumanCheck: false } : { targets: settled.live, published: settled.published, needsHumanCheck: settled.needsHumanCheck },
  };
  if (sink) sink.push(event);
  else await recordAudit(tx, event);
}

// ── Claim ──

/**
 * Claims one target at its slot (see the module comment). Safe to call any number of times, from
 * any number of workers: only the conditional update scheduled → publishing wins.
 */
export async function claimTarget(targetId: string, workerId: string, now: Date = new Date()): Promise<ClaimResult> {
  return db.transaction(async (tx) => {
    await lockCrisisShared(tx);
    // Locks the post (siblings' claims queue behind it) and the target; both rows come back current.
    const [row] = await tx
      .select({
        targetState: postTargets.state,
        slotAt: postTargets.scheduledAt,
        nextAttemptAt: postTargets.nextAttemptAt,
        channelId: postTargets.channelId,
        postId: posts.id,
        postState: posts.state,
        postKind: posts.kind,
        brandId: posts.brandId,
        requiresLegal: posts.requiresLegal,
        revisionId: posts.currentRevisionId,
        channel: CHANNEL_REF_COLUMNS,
      })
      .from(postTargets)
      .innerJoin(posts, eq(posts.id, postTargets.postId))
      .innerJoin(channels, eq(channels.id, postTargets.channelId))
      .where(eq(postTargets.id, targetId))
      .for("update", { of: [posts, postTargets] })
      .limit(1);
    if (!row) return { kind: "skipped", reason: "gone" } as const;
    const target = { state: row.targetState, slotAt: row.slotAt, nextAttemptAt: row.nextAttemptAt };
    if (target.state !== "scheduled" || !target.slotAt) return { kind: "skipped", reason: "not_scheduled" } as const;
    const dueAt = target.nextAttemptAt ?? target.slotAt;
    if (dueAt.getTime() > now.getTime()) return { kind: "skipped", reason: "not_due" } as const;
    if (row.postState !== "scheduled" && row.postState !== "publishing") return { kind: "skipped", reason: "post_state" } as const;

    const [rev] = await tx
      .select({ id: postRevisions.id, hash: postRevisions.contentHash, authorId: postRevisions.createdById, content: postRevisions.content })
      .from(postRevisions)
      .where(eq(postRevisions.id, row.revisionId!));
    if (!rev) return { kind: "skipped", reason: "gone" } as const;

    const exempt = (CRISIS_EXEMPT_KINDS as readonly string[]).includes(row.postKind);
    const crisis = exempt ? null : await activeCrisisFor(tx, { brandId: row.brandId, channelId: row.channelId });
    const isRetry = target.nextAttemptAt !== null;

    if (row.postState === "scheduled") {
      // The first target of the post to reach its slot fires the workflow's slot event for the post.
      const result = transition(
        {
          state: "scheduled",
          revision: { hash: rev.hash, authorId: rev.authorId },
          requiresLegal: row.requiresLegal,
          approvals: await approvalRecords(tx, row.postId),
          now,
          slotAt: target.slotAt,
          crisisActive: crisis !== null,
          policy: { lateToleranceMs: isRetry ? Number.MAX_SAFE_INTEGER : lateToleranceMs() },
        },
        { type: "slot_reached" },
      );
      if (!result.ok) return { kind: "skipped", reason: "not_due" } as const;
      const expiry = result.effects.find((e) => e.type === "mark_expired");
      if (result.next === "expired") {
        const cause = expiry && expiry.type === "mark_expired" ? expiry.cause : "not_approved";
        await expirePost(tx, row.postId, "scheduled", cause, target.slotAt);
        return { kind: "expired", cause } as const;
      }
      if (result.effects.some((e) => e.type === "hold_for_crisis")) {
        await holdTarget(tx, targetId, row.postId, crisis!.id, target.slotAt);
        return { kind: "held", crisisId: crisis!.id } as const;
      }
      await setPostState(tx, row.postId, "publishing");
    } else {
      // The post is already going out on another network: this target is judged on its own.
      if (crisis) {
        await holdTarget(tx, targetId, row.postId, crisis.id, target.slotAt);
        return { kind: "held", crisisId: crisis.id } as const;
      }
      if (!isRetry && now.getTime() - target.slotAt.getTime() > lateToleranceMs()) {
        await tx.update(postTargets).set({ state: "expired", stateChangedAt: now }).where(eq(postTargets.id, targetId));
        await recordAudit(tx, { actor: SYSTEM, action: "publication.expired", subjectType: SUBJECT, subjectId: row.postId, data: { targetId, slotAt: target.slotAt.toISOString(), cause: "missed_window" } });
        await settlePost(tx, row.postId);
        return { kind: "expired", cause: "missed_window" } as const;
      }
    }

    const idempotencyKey = `${targetId}:${rev.hash.slice(0, 16)}`;
    const claimToken = crypto.randomUUID();
    const won = await tx
      .update(postTargets)
      .set({ state: "publishing", claimToken, claimedAt: now, claimedBy: workerId, idempotencyKey, stateChangedAt: now })
      .where(and(eq(postTargets.id, targetId), eq(postTargets.state, "scheduled")))
      .returning({ id: postTargets.id });
    if (won.length === 0) return { kind: "skipped", reason: "not_scheduled" } as const;

    const [pub] = await tx
      .insert(publications)
      .values({ targetId, state: "pending", attempts: 1, revisionHash: rev.hash, idempotencyKey })
      .onConflictDoUpdate({
        target: publications.targetId,
        set: {
          attempts: sql`${publications.attempts} + 1`,
          revisionHash: rev.hash,
          idempotencyKey,
          updatedAt: now,
          // An unknown outcome stays "unknown" until reconciliation settles it.
          state: sql`case when ${publications.state} = 'unknown' and ${publications.idempotencyKey} = ${idempotencyKey} then 'unknown' else 'pending' end`,
        },
      })
      .returning({ attempts: publications.attempts, state: publications.state });

    const content = readContent(rev.content);
    const variant = content.variants.find((v) => v.channelId === row.channelId);
    const inReplyTo = row.postKind === "post" ? null : await correctionReplyTarget(tx, row.postId, row.channelId);
    return {
      kind: "claimed",
      claim: {
        targetId,
        postId: row.postId,
        postKind: row.postKind,
        claimToken,
        idempotencyKey,
        attempt: pub!.attempts,
        slotAt: target.slotAt,
        claimedAt: now,
        channel: row.channel,
        text: variant?.text ?? "",
        media: await mediaRefs(tx, variant?.mediaAssetIds ?? []),
        inReplyToExternalId: inReplyTo,
        mustReconcileFirst: pub!.state === "unknown",
      },
    } as const;
  });
}

async function holdTarget(tx: Tx, targetId: string, postId: string, crisisId: string, slotAt: Date) {
  await tx.update(postTargets).set({ state: "held", heldCrisisId: crisisId, stateChangedAt: new Date(), nextAttemptAt: null }).where(eq(postTargets.id, targetId));
  await recordAudit(tx, { actor: SYSTEM, action: "publication.held", subjectType: SUBJECT, subjectId: postId, data: { targetId, crisisId, slotAt: slotAt.toISOString() } });
}

/** A correction published as a reply answers the original's publication on the same channel. */
async function correctionReplyTarget(tx: Tx, postId: string, channelId: string): Promise<string | null> {
  const [row] = await tx
    .select({ externalId: publications.externalId })
    .from(corrections)
    .innerJoin(postTargets, and(eq(postTargets.postId, corrections.originalPostId), eq(postTargets.channelId, channelId)))
    .innerJoin(publications, eq(publications.targetId, postTargets.id))
    .where(and(eq(corrections.newPostId, postId), eq(corrections.publishAs, "reply"), eq(publications.state, "published")))
    .limit(1);
  return row?.externalId ?? null;
}

/**
 * Recovery of a claim whose worker vanished: takes it over (a new token, same key) only if it is
 * still the stale one, so two recoverers cannot both proceed. The caller reconciles first.
 */
export async function takeOverClaim(targetId: string, staleToken: string, workerId: string): Promise<Claim | null> {
  return db.transaction(async (tx) => {
    const claimToken = crypto.randomUUID();
    const now = new Date();
    const [t] = await tx
      .update(postTargets)
      .set({ claimToken, claimedAt: now, claimedBy: workerId })
      .where(and(eq(postTargets.id, targetId), eq(postTargets.state, "publishing"), eq(postTargets.claimToken, staleToken)))
      .returning({ postId: postTargets.postId, channelId: postTargets.channelId, slotAt: postTargets.scheduledAt, idempotencyKey: postTargets.idempotencyKey });
    if (!t) return null;
    const [p] = await tx.select({ kind: posts.kind, revisionId: posts.currentRevisionId }).from(posts).where(eq(posts.id, t.postId));
    const [rev] = await tx.select({ content: postRevisions.content }).from(postRevisions).where(eq(postRevisions.id, p!.revisionId!));
    const [pub] = await tx
      .update(publications)
      .set({ attempts: sql`${publications.attempts} + 1`, updatedAt: now })
      .where(eq(publications.targetId, targetId))
      .returning({ attempts: publications.attempts });
    const [ch] = await tx
      .select(CHANNEL_REF_COLUMNS)
      .from(channels)
      .where(eq(channels.id, t.channelId));
    const variant = readContent(rev!.content).variants.find((v) => v.channelId === t.channelId);
    await recordAudit(tx, { actor: SYSTEM, action: "publication.recovered", subjectType: SUBJECT, subjectId: t.postId, data: { targetId, worker: workerId } });
    return {
      targetId,
      postId: t.postId,
      postKind: p!.kind,
      claimToken,
      idempotencyKey: t.idempotencyKey,
      attempt: pub?.attempts ?? 1,
      slotAt: t.slotAt ?? now,
      claimedAt: now,
      channel: ch!,
      text: variant?.text ?? "",
      media: await mediaRefs(tx, variant?.mediaAssetIds ?? []),
      inReplyToExternalId: await correctionReplyTarget(tx, t.postId, t.channelId),
      mustReconcileFirst: true,
    };
  });
}

// ── Complete ──

export type Completion =
  | { kind: "published"; externalId: string; url: string | null; via: "response" | "reconcile" }
  | { kind: "failed"; code: string; message: string; retryable: boolean }
  /** Reconciliation could not decide: a human must look. */
  | { kind: "unknown"; code: string; message: string }
  /** The outcome was unknown and reconciliation found nothing: retry with the same key after a pause. */
  | { kind: "absent_after_unknown"; code: string; message: string };

export function completionFromPublish(o: PublishOutcome): Completion {
  if (o.kind === "published") return { kind: "published", externalId: o.externalId, url: o.url, via: "response" };
  if (o.kind === "failed") return o;
  return { kind: "unknown", code: o.code, message: o.message };
}

export function completionFromReconcile(o: ReconcileOutcome, prior: { code: string; message: string }): Completion {
  if (o.kind === "found") return { kind: "published", externalId: o.externalId, url: o.url, via: "reconcile" };
  if (o.kind === "absent") return { kind: "absent_after_unknown", code: prior.code, message: prior.message };
  return { kind: "unknown", code: prior.code, message: `${prior.message}; reconcile: ${o.message}` };
}

export type CompleteResult = { applied: boolean; targetState: string; postState?: PostState; retryAt?: Date };

/** Records the outcome of a claim; a no-op when the claim was lost (taken over after its lease). */
export async function completeClaim(claim: Claim, c: Completion, now: Date = new Date()): Promise<CompleteResult> {
  return db.transaction(async (tx) => {
    const [post] = await tx.select({ id: posts.id, title: posts.title, authorId: posts.authorId }).from(posts).where(eq(posts.id, claim.postId)).for("update");
    if (!post) return { applied: false, targetState: "gone" };
    const [t] = await tx
      .select({ state: postTargets.state, claimToken: postTargets.claimToken })
      .from(postTargets)
      .where(eq(postTargets.id, claim.targetId));
    if (!t || t.state !== "publishing" || t.claimToken !== claim.claimToken) return { applied: false, targetState: t?.state ?? "gone" };

    const [pub] = await tx.select({ attempts: publications.attempts }).from(publications).where(eq(publications.targetId, claim.targetId));
    const attempts = pub?.attempts ?? claim.attempt;
    let targetState: "published" | "scheduled" | "failed" | "needs_human_check";
    let retryAt: Date | undefined;
    const base = { actor: SYSTEM, subjectType: SUBJECT, subjectId: claim.postId } as const;
    // Audit rows are appended last: the chain's lock is then held only for the append itself.
    const audits: AuditInput[] = [];

    if (c.kind === "published") {
      targetState = "published";
      const lagMs = Math.max(0, now.getTime() - claim.slotAt.getTime());
      await tx
        .update(publications)
        .set({ state: "published", externalId: c.externalId, externalUrl: c.url, publishedAt: now, lagMs, resolvedBy: c.via, errorCode: null, lastError: null, updatedAt: now })
        .where(eq(publications.targetId, claim.targetId));
      audits.push({ ...base, action: "publication.published", data: { targetId: claim.targetId, channelId: claim.channel.id, externalId: c.externalId, via: c.via, attempts, lagMs } });
    } else if ((c.kind === "failed" && c.retryable) || c.kind === "absent_after_unknown") {
      if (attempts < MAX_ATTEMPTS) {
        targetState = "scheduled";
        retryAt = new Date(now.getTime() + backoffMs(attempts));
        await tx
          .update(publications)
          // After an unknown outcome the next attempt reconciles again before it calls publish.
          .set({ state: c.kind === "absent_after_unknown" ? "unknown" : "pending", errorCode: c.code, lastError: c.message.slice(0, 2000), updatedAt: now })
          .where(eq(publications.targetId, claim.targetId));
        audits.push({ ...base, action: "publication.retry_scheduled", data: { targetId: claim.targetId, code: c.code, attempts, retryAt: retryAt.toISOString() } });
      } else {
        targetState = "failed";
        await tx.update(publications).set({ state: "failed", errorCode: c.code, lastError: c.message.slice(0, 2000), updatedAt: now }).where(eq(publications.targetId, claim.targetId));
        audits.push({ ...base, action: "publication.failed", data: { targetId: claim.targetId, code: c.code, attempts, final: true } });
      }
    } else if (c.kind === "failed") {
      targetState = "failed";
      await tx.update(publications).set({ state: "failed", errorCode: c.code, lastError: c.message.slice(0, 2000), updatedAt: now }).where(eq(publications.targetId, claim.targetId));
      audits.push({ ...base, action: "publication.failed", data: { targetId: claim.targetId, code: c.code, attempts } });
    } else {
      targetState = "needs_human_check";
      await tx.update(publications).set({ state: "unknown", errorCode: c.code, lastError: c.message.slice(0, 2000), updatedAt: now }).where(eq(publications.targetId, claim.targetId));
      audits.push({ ...base, action: "publication.needs_human_check", data: { targetId: claim.targetId, code: c.code, attempts } });
    }

    await tx
      .update(postTargets)
      .set({
        state: targetState,
        stateChangedAt: now,
        // claimed_by stays: which worker last handled the target, for operators.
        claimToken: null,
        nextAttemptAt: targetState === "scheduled" ? retryAt! : null,
      })
      .where(eq(postTargets.id, claim.targetId));
    await settlePost(tx, claim.postId, audits);
    const [after] = await tx.select({ state: posts.state }).from(posts).where(eq(posts.id, claim.postId));
    await notifyOutcome(tx, { ...claim, title: post.title, authorId: post.authorId }, targetState, c.kind === "published" ? null : c.code, attempts);
    await recordAudits(tx, audits);
    return { applied: true, targetState, postState: after?.state, retryAt };
  });
}

/** Tells the author it is out, and the people who settle publications when it is not. */
async function notifyOutcome(
  tx: Tx,
  c: Claim & { title: string; authorId: string },
  targetState: "published" | "scheduled" | "failed" | "needs_human_check",
  code: string | null,
  attempts: number,
) {
  const channel = `${c.channel.platform} ${c.channel.handle}`;
  if (targetState === "published") {
    await notify(tx, { userIds: [c.authorId], kind: "post.published", params: { postTitle: c.title, channel }, link: `/studio/posts/${c.postId}`, dedupeKey: `published:${c.targetId}` });
  } else if (targetState === "failed") {
    const params = { postTitle: c.title, channel, error: code ?? "unknown" };
    const dedupeKey = `failed:${c.targetId}:${attempts}`;
    await notify(tx, { userIds: [c.authorId], kind: "publish.failed", params, link: `/studio/posts/${c.postId}`, dedupeKey });
    await notify(tx, { permission: "publication.resolve", excludeUserIds: [c.authorId], kind: "publish.failed", params, link: "/manager/publishing", dedupeKey });
  } else if (targetState === "needs_human_check") {
    await notify(tx, {
      permission: "publication.resolve",
      kind: "publish.needs_human_check",
      params: { postTitle: c.title, channel },
      link: "/manager/publishing",
      dedupeKey: `unknown:${c.targetId}:${attempts}`,
    });
  }
}

/** Marks an unknown outcome as such before reconciling, so a crash during reconciliation still knows. */
export async function markOutcomeUnknown(claim: Claim, code: string, message: string): Promise<void> {
  await db
    .update(publications)
    .set({ state: "unknown", errorCode: code, lastError: message.slice(0, 2000), updatedAt: new Date() })
    .where(eq(publications.targetId, claim.targetId));
}

// ── Expiry of posts that never got fully approved ──

/**
 * Posts whose planned slot has come while they were still in review (or approved but never
 * scheduled) expire: they are never published late. Returns how many expired.
 */
export async function expireUnapprovedAtSlot(now: Date = new Date(), limit = 500): Promise<number> {
  const due = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(inArray(posts.state, PRE_APPROVAL), lt(posts.scheduledAt, now)))
    .limit(limit);
  let n = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [p] = await tx
        .select({ state: posts.state, slotAt: posts.scheduledAt })
        .from(posts)
        .where(eq(posts.id, id))
        .for("update");
      if (!p || !PRE_APPROVAL.includes(p.state) || !p.slotAt || p.slotAt > now) return false;
      await expirePost(tx, id, p.state, p.state === "approved" ? "not_scheduled" : "not_approved", p.slotAt);
      return true;
    });
    if (done) n++;
  }
  return n;
}

// ── Corrections: hide or delete the original once the correction is out ──

export type OriginalAction = {
  correctionId: string;
  mode: "hide" | "delete";
  originalPostId: string;
  originalTargetId: string;
  externalId: string;
  channel: ChannelRef;
};

/**
 * When a correction, apology or retraction has just gone out on a channel and its record asks to
 * hide or delete the original, the original's live publication on that same channel.
 */
export async function originalActionFor(correctionPostId: string, channelId: string): Promise<OriginalAction | null> {
  const [row] = await db
    .select({
      correctionId: corrections.id,
      mode: corrections.originalAction,
      originalPostId: corrections.originalPostId,
      originalTargetId: postTargets.id,
      externalId: publications.externalId,
      channel: CHANNEL_REF_COLUMNS,
    })
    .from(corrections)
    .innerJoin(postTargets, and(eq(postTargets.postId, corrections.originalPostId), eq(postTargets.channelId, channelId)))
    .innerJoin(publications, eq(publications.targetId, postTargets.id))
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .where(and(eq(corrections.newPostId, correctionPostId), inArray(corrections.originalAction, ["hide", "delete"]), eq(publications.state, "published")))
    .limit(1);
  if (!row || !row.externalId || row.mode === "keep") return null;
  // A legal hold placed after the correction was made keeps the original up: recorded once, not removed.
  const holds = await heldSubjects(db, { postId: row.originalPostId });
  if (holds.length > 0) {
    await db.transaction((tx) =>
      recordAudit(tx, {
        actor: SYSTEM,
        action: "publication.original_action_held",
        subjectType: SUBJECT,
        subjectId: row.originalPostId,
        data: { correctionId: row.correctionId, targetId: row.originalTargetId, mode: row.mode, holdId: holds[0]!.id, holdReason: holds[0]!.reason },
      }),
    );
    return null;
  }
  return { ...row, mode: row.mode, externalId: row.externalId };
}

/** Records what the network said to hiding/deleting the original; the correction is done once no original stays live. */
export async function recordOriginalAction(a: OriginalAction, outcome: { kind: "done" } | { kind: "failed"; code: string; message: string }): Promise<void> {
  await db.transaction(async (tx) => {
    if (outcome.kind === "done") {
      await tx
        .update(publications)
        .set({ state: a.mode === "hide" ? "hidden" : "deleted", updatedAt: new Date() })
        .where(and(eq(publications.targetId, a.originalTargetId), eq(publications.state, "published")));
      const [left] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(publications)
        .innerJoin(postTargets, eq(postTargets.id, publications.targetId))
        .where(and(eq(postTargets.postId, a.originalPostId), eq(publications.state, "published")));
      if ((left?.n ?? 0) === 0) await tx.update(corrections).set({ originalActionDoneAt: new Date() }).where(eq(corrections.id, a.correctionId));
    }
    await recordAudit(tx, {
      actor: SYSTEM,
      action: outcome.kind === "done" ? `publication.original_${a.mode === "hide" ? "hidden" : "deleted"}` : "publication.original_action_failed",
      subjectType: SUBJECT,
      subjectId: a.originalPostId,
      data: { correctionId: a.correctionId, targetId: a.originalTargetId, externalId: a.externalId, mode: a.mode, ...(outcome.kind === "failed" ? { code: outcome.code } : {}) },
    });
  });
}

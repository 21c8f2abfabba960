import type { PgBoss } from "pg-boss";
import { connectorFor } from "@/lib/channels";
import {
  claimReply,
  completeReply,
  completionFromReply,
  completionFromReplyReconcile,
  findDueReplies,
  findStaleReplyClaims,
  markReplyUnknown,
  takeOverReplyClaim,
  type ReplyClaim,
  type ReplyCompletion,
} from "@/lib/dal/inbox-replies-sender";
import { claimModeration, completeModeration, findDueModeration } from "@/lib/dal/inbox-moderation";

/*
 * Outgoing inbox traffic on pg-boss: replies (`inbox.reply-send`) and hide / unhide / delete
 * (`inbox.moderate`). A dispatcher in each worker turns due rows into jobs every second (one job
 * per row and due time, deduplicated by singleton key); the claims in lib/dal make each reply go
 * out once whatever the number of workers or duplicate jobs.
 */

export const REPLY_QUEUE = "inbox.reply-send";
export const REPLY_RECOVER_QUEUE = "inbox.reply-recover";
export const MODERATION_QUEUE = "inbox.moderate";

type Log = (m: string) => void;

const timeoutMs = () => {
  const n = Number(process.env.REPLY_TIMEOUT_MS ?? 15_000);
  return Number.isFinite(n) && n > 0 ? n : 15_000;
};

/** Reconcile (on a retry), send, reconcile an unknown outcome. */
export async function carryOutReply(claim: ReplyClaim): Promise<ReplyCompletion> {
  const connector = connectorFor(claim.channel.connector);
  const base = { channel: claim.channel, idempotencyKey: claim.idempotencyKey, target: claim.target, text: claim.text, since: new Date(claim.claimedAt.getTime() - 10 * 60_000) };
  if (claim.mustReconcileFirst) {
    const r = await connector.reconcileReply({ ...base, signal: AbortSignal.timeout(timeoutMs()) });
    if (r.kind === "found") return { kind: "sent", externalId: r.externalId, via: "reconcile" };
    if (r.kind === "undecidable") return { kind: "unknown", code: "unavailable", message: `reconcile before retry: ${r.message}` };
  }
  const outcome = await connector.reply({ channel: claim.channel, idempotencyKey: claim.idempotencyKey, target: claim.target, text: claim.text, signal: AbortSignal.timeout(timeoutMs()) });
  if (outcome.kind !== "unknown") return completionFromReply(outcome);
  await markReplyUnknown(claim, outcome.code, outcome.message);
  const r = await connector.reconcileReply({ ...base, signal: AbortSignal.timeout(timeoutMs()) });
  return completionFromReplyReconcile(r, outcome);
}

export async function sendReplyJob(replyId: string, workerId: string, log: Log): Promise<string> {
  const res = await claimReply(replyId, workerId);
  if (res.kind !== "claimed") return res.kind === "skipped" ? `skipped (${res.reason})` : res.kind;
  const done = await completeReply(res.claim, await carryOutReply(res.claim));
  if (done.state !== "sent") log(`reply ${replyId} → ${done.state}`);
  return done.applied ? done.state : "claim lost";
}

export async function recoverReplyJob(replyId: string, staleToken: string, workerId: string, log: Log): Promise<string> {
  const claim = await takeOverReplyClaim(replyId, staleToken, workerId);
  if (!claim) return "already recovered";
  const done = await completeReply(claim, await carryOutReply(claim));
  log(`recovered reply ${replyId} → ${done.state}`);
  return done.state;
}

export async function moderateJob(id: string, log: Log): Promise<string> {
  const res = await claimModeration(id);
  if (res.kind !== "claimed") return res.kind === "refused" ? `refused (${res.code})` : "skipped";
  const c = res.claim;
  const outcome = await connectorFor(c.channel.connector).moderate({ channel: c.channel, externalId: c.externalId, action: c.action, signal: AbortSignal.timeout(timeoutMs()) });
  const done = await completeModeration(c, outcome);
  if (done.state !== "done") log(`moderation ${id} (${c.action}) → ${done.state}`);
  return done.state;
}

/** One pass of the dispatcher (exported for tests): due replies, stale claims and due moderation → jobs. */
export async function dispatchInboxOutgoing(boss: Pick<PgBoss, "insert">, sent: Map<string, number>, now = Date.now()): Promise<number> {
  const fresh = (key: string) => now - (sent.get(key) ?? 0) > 30_000;
  const replies = (await findDueReplies()).map((id) => ({ id, key: `${id}@${Math.floor(now / 30_000)}` })).filter((d) => fresh(d.key));
  const stale = (await findStaleReplyClaims()).map((s) => ({ ...s, key: `recover:${s.replyId}:${s.claimToken}` })).filter((d) => fresh(d.key));
  const mods = (await findDueModeration()).map((id) => ({ id, key: `mod:${id}@${Math.floor(now / 30_000)}` })).filter((d) => fresh(d.key));
  if (replies.length) await boss.insert(REPLY_QUEUE, replies.map((d) => ({ data: { replyId: d.id }, singletonKey: d.key })));
  if (stale.length) await boss.insert(REPLY_RECOVER_QUEUE, stale.map((d) => ({ data: { replyId: d.replyId, claimToken: d.claimToken }, singletonKey: d.key })));
  if (mods.length) await boss.insert(MODERATION_QUEUE, mods.map((d) => ({ data: { id: d.id }, singletonKey: d.key })));
  for (const d of [...replies, ...stale, ...mods]) sent.set(d.key, now);
  if (sent.size > 20_000) for (const [k, at] of sent) if (now - at > 120_000) sent.delete(k);
  return replies.length + stale.length + mods.length;
}

export async function startInboxReplies(boss: PgBoss, workerId: string, log: Log): Promise<() => void> {
  const queueOpts = { policy: "short" as const, retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 };
  await boss.createQueue(REPLY_QUEUE, queueOpts);
  await boss.createQueue(REPLY_RECOVER_QUEUE, queueOpts);
  await boss.createQueue(MODERATION_QUEUE, queueOpts);
  const settle = async <T>(id: string, label: string, fn: () => Promise<T>) => {
    try {
      await fn();
      return { id, status: "completed" as const };
    } catch (e) {
      log(`${label}: ${(e as Error).message}`);
      return { id, status: "failed" as const, output: { message: (e as Error).message } };
    }
  };
  await boss.work<{ replyId: string }>(REPLY_QUEUE, { batchSize: 8, pollingIntervalSeconds: 0.5, perJobResults: true }, async (jobs) =>
    Promise.all(jobs.map((j) => settle(j.id, `reply ${j.data.replyId}`, () => sendReplyJob(j.data.replyId, workerId, log)))),
  );
  await boss.work<{ replyId: string; claimToken: string }>(REPLY_RECOVER_QUEUE, { batchSize: 4, pollingIntervalSeconds: 1, perJobResults: true }, async (jobs) =>
    Promise.all(jobs.map((j) => settle(j.id, `recover ${j.data.replyId}`, () => recoverReplyJob(j.data.replyId, j.data.claimToken, workerId, log)))),
  );
  await boss.work<{ id: string }>(MODERATION_QUEUE, { batchSize: 8, pollingIntervalSeconds: 0.5, perJobResults: true }, async (jobs) =>
    Promise.all(jobs.map((j) => settle(j.id, `moderation ${j.data.id}`, () => moderateJob(j.data.id, log)))),
  );
  const sent = new Map<string, number>();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    dispatchInboxOutgoing(boss, sent)
      .catch((e) => log(`inbox dispatcher: ${(e as Error).message}`))
      .finally(() => (busy = false));
  }, 1000);
  return () => clearInterval(timer);
}

import type { PgBoss } from "pg-boss";
import { connectorFor } from "@/lib/channels";
import {
  claimTarget,
  completeClaim,
  completionFromPublish,
  completionFromReconcile,
  expireUnapprovedAtSlot,
  findDueTargets,
  findStaleClaims,
  markOutcomeUnknown,
  originalActionFor,
  recordOriginalAction,
  takeOverClaim,
  type Claim,
  type Completion,
} from "@/lib/dal/publishing";

/*
 * Scheduled publishing on pg-boss. Each worker process runs a dispatcher that, twice a second,
 * turns due targets into `publish.target` jobs (one queued job per target and due time: the
 * queue's `short` policy with a singleton key drops duplicates), and every few seconds turns
 * claims whose lease ran out into `publish.recover` jobs and expires posts that reached their
 * slot unapproved. Any number of workers may run; the claim in lib/dal/publishing.ts is what
 * makes each target go out once, so a duplicate job is harmless.
 */

export const PUBLISH_QUEUE = "publish.target";
export const RECOVER_QUEUE = "publish.recover";

type Log = (m: string) => void;

function num(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const timeoutMs = () => num("PUBLISH_TIMEOUT_MS", 15_000);

/** Reconcile (when needed), publish, reconcile an unknown outcome, record. */
export async function carryOut(claim: Claim): Promise<Completion> {
  const connector = connectorFor(claim.channel.connector);
  const base = { channel: claim.channel, idempotencyKey: claim.idempotencyKey, text: claim.text, since: new Date(claim.slotAt.getTime() - 60_000) };
  if (claim.mustReconcileFirst) {
    const r = await connector.reconcile({ ...base, signal: AbortSignal.timeout(timeoutMs()) });
    if (r.kind === "found") return { kind: "published", externalId: r.externalId, url: r.url, via: "reconcile" };
    if (r.kind === "undecidable") return { kind: "unknown", code: "unavailable", message: `reconcile before retry: ${r.message}` };
  }
  const outcome = await connector.publish({
    channel: claim.channel,
    idempotencyKey: claim.idempotencyKey,
    text: claim.text,
    media: claim.media,
    inReplyToExternalId: claim.inReplyToExternalId,
    signal: AbortSignal.timeout(timeoutMs()),
  });
  if (outcome.kind !== "unknown") return completionFromPublish(outcome);
  // Unknown: write that down first (a crash from here on is recovered by reconciling), then look.
  await markOutcomeUnknown(claim, outcome.code, outcome.message);
  const r = await connector.reconcile({ ...base, signal: AbortSignal.timeout(timeoutMs()) });
  return completionFromReconcile(r, outcome);
}

export async function publishTarget(targetId: string, workerId: string, log: Log): Promise<string> {
  const res = await claimTarget(targetId, workerId);
  if (res.kind !== "claimed") return res.kind === "skipped" ? `skipped (${res.reason})` : res.kind;
  const completion = await carryOut(res.claim);
  const done = await completeClaim(res.claim, completion);
  if (done.applied && done.targetState === "published" && res.claim.postKind !== "post") await actOnOriginal(res.claim, log);
  if (done.targetState !== "published") log(`${targetId} → ${done.targetState}${completion.kind !== "published" ? ` (${completion.code})` : ""}`);
  return done.applied ? done.targetState : "claim lost";
}

/** A correction that asks for it hides or deletes the original on the channel it just went out on. */
async function actOnOriginal(claim: Claim, log: Log): Promise<void> {
  const action = await originalActionFor(claim.postId, claim.channel.id);
  if (!action) return;
  const r = await connectorFor(action.channel.connector).remove({ channel: action.channel, externalId: action.externalId, mode: action.mode, signal: AbortSignal.timeout(timeoutMs()) });
  await recordOriginalAction(action, r.kind === "done" ? r : { kind: "failed", code: r.code, message: r.message });
  log(`original ${action.originalTargetId} ${action.mode}: ${r.kind}`);
}

export async function recoverTarget(targetId: string, staleToken: string, workerId: string, log: Log): Promise<string> {
  const claim = await takeOverClaim(targetId, staleToken, workerId);
  if (!claim) return "already recovered";
  const completion = await carryOut(claim);
  const done = await completeClaim(claim, completion);
  log(`recovered ${targetId} → ${done.targetState}`);
  return done.targetState;
}

export async function startPublishing(boss: PgBoss, workerId: string, log: Log): Promise<() => void> {
  const queueOpts = { policy: "short" as const, retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 };
  await boss.createQueue(PUBLISH_QUEUE, queueOpts);
  await boss.createQueue(RECOVER_QUEUE, queueOpts);
  const concurrency = num("PUBLISH_CONCURRENCY", 16);
  // Batches, worked through in parallel: pg-boss waits its polling interval after every fetch,
  // so one job per fetch would cap a worker at a few jobs a second.
  await boss.work<{ targetId: string }>(
    PUBLISH_QUEUE,
    { batchSize: concurrency, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5, perJobResults: true },
    async (jobs) =>
      Promise.all(
        jobs.map(async (job) => {
          try {
            await publishTarget(job.data.targetId, workerId, log);
            return { id: job.id, status: "completed" as const };
          } catch (e) {
            // The database went away mid-way, say: the job is retried, and the claim makes that safe.
            log(`${job.data.targetId}: ${(e as Error).message}`);
            return { id: job.id, status: "failed" as const, output: { message: (e as Error).message } };
          }
        }),
      ),
  );
  await boss.work<{ targetId: string; claimToken: string }>(RECOVER_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    try {
      await recoverTarget(job.data.targetId, job.data.claimToken, workerId, log);
    } catch (e) {
      log(`recovery of ${job.data.targetId} failed: ${(e as Error).message}`);
      throw e;
    }
  });

  // Keys this process has already enqueued (pg-boss drops duplicates too; this saves the round trip).
  const sent = new Map<string, number>();
  let busy = false;
  let tick = 0;
  const dispatch = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = Date.now();
      const due = (await findDueTargets(10_000))
        .map((d) => ({ targetId: d.targetId, key: `${d.targetId}@${d.dueAt.toISOString()}` }))
        // Re-sent after 30 s if still not claimed (a job lost to retries running out, say).
        .filter((d) => now - (sent.get(d.key) ?? 0) > 30_000);
      for (let i = 0; i < due.length; i += 1000) {
        const batch = due.slice(i, i + 1000);
        await boss.insert(PUBLISH_QUEUE, batch.map((d) => ({ data: { targetId: d.targetId }, singletonKey: d.key })));
        for (const d of batch) sent.set(d.key, now);
      }
      if (sent.size > 50_000) for (const [k, at] of sent) if (now - at > 60_000) sent.delete(k);
      if (tick++ % 10 === 0) {
        const expired = await expireUnapprovedAtSlot();
        if (expired) log(`expired ${expired} post(s) that reached their slot unapproved`);
        const stale = await findStaleClaims();
        if (stale.length) {
          log(`${stale.length} claim(s) past their lease: reconciling`);
          await boss.insert(
            RECOVER_QUEUE,
            stale.map((s) => ({ data: s, singletonKey: `${s.targetId}:${s.claimToken}` })),
          );
        }
      }
    } catch (e) {
      log(`dispatcher: ${(e as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void dispatch(), num("PUBLISH_DISPATCH_MS", 500));
  void dispatch();
  return () => clearInterval(timer);
}

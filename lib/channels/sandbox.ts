import { acceptSandboxPost, acceptSandboxReply, findSandboxPostByKey, moderateSandboxComment, removeSandboxPost, takeSandboxFault } from "@/lib/dal/sandbox-network";
import { untilAborted, type Connector, type ModerateOutcome, type PublishOutcome, type ReplyOutcome } from "./types";

/**
 * The sandbox network's client. It behaves like a network that honours idempotency keys (as X's
 * and LINE's APIs do for their own keys), with a small latency, and with injected faults:
 * reject / unavailable / timeout / succeed_timeout, and — only where SANDBOX_ALLOW_CRASH=1, for
 * the crash-recovery tests — killing the calling worker right before or after the remote write.
 */

function latencyMs(): number {
  const n = Number(process.env.SANDBOX_LATENCY_MS ?? "25");
  return Number.isFinite(n) && n >= 0 ? n : 25;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

function crash(): never {
  // SIGKILL: no finally blocks, no graceful shutdown — exactly a machine dying mid-call.
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
}

const crashAllowed = () => process.env.SANDBOX_ALLOW_CRASH === "1";

type Failed = { kind: "failed"; code: string; message: string; retryable: boolean };
type Unknown = { kind: "unknown"; code: string; message: string };

/**
 * One remote write on the sandbox network with the channel's injected fault applied around it
 * (the same for posts, replies and moderation): `words` name what the network refused or did
 * ("this content", "posted"); `crashes` lets the crash faults kill the worker (posts and replies).
 */
async function withSandboxFaults<T>(
  channelId: string,
  signal: AbortSignal,
  words: { refused: string; did: string },
  crashes: boolean,
  write: () => Promise<T>,
): Promise<T | Failed | Unknown> {
  let fault;
  try {
    fault = await takeSandboxFault(channelId);
  } catch (e) {
    return { kind: "failed", code: "unavailable", message: `sandbox unreachable: ${(e as Error).message}`, retryable: true };
  }
  await sleep(latencyMs(), signal);
  if (signal.aborted) return { kind: "unknown", code: "timeout", message: "aborted before the call" };
  switch (fault) {
    case "reject":
      return { kind: "failed", code: "rejected", message: `sandbox: the network refused ${words.refused}`, retryable: false };
    case "unavailable":
      return { kind: "failed", code: "unavailable", message: "sandbox: 503 Service Unavailable", retryable: true };
    case "timeout":
      await untilAborted(signal);
      return { kind: "unknown", code: "timeout", message: "sandbox: no answer before the timeout" };
    case "crash_before":
      if (crashes && crashAllowed()) crash();
      break;
    default:
      break;
  }
  try {
    const res = await write();
    if (fault === "crash_after" && crashes && crashAllowed()) crash();
    if (fault === "succeed_timeout") {
      await untilAborted(signal);
      return { kind: "unknown", code: "timeout", message: `sandbox: ${words.did}, but the answer never came` };
    }
    return res;
  } catch (e) {
    // The write may or may not have committed (e.g. the connection dropped during COMMIT).
    return { kind: "unknown", code: "network", message: `sandbox: ${(e as Error).message}` };
  }
}

export const sandboxConnector: Connector = {
  kind: "sandbox",

  async publish(req): Promise<PublishOutcome> {
    return withSandboxFaults(req.channel.id, req.signal, { refused: "this content", did: "posted" }, true, async () => {
      const res = await acceptSandboxPost({
        channelId: req.channel.id,
        idempotencyKey: req.idempotencyKey,
        text: req.text,
        media: req.media,
        inReplyTo: req.inReplyToExternalId ?? null,
      });
      return { kind: "published" as const, externalId: res.externalId, url: `sandbox://${req.channel.platform}/${req.channel.handle}/${res.externalId}` };
    });
  },

  async reconcile(req) {
    try {
      const found = await findSandboxPostByKey(req.channel.id, req.idempotencyKey);
      if (!found || found.state === "deleted") return { kind: "absent" };
      return { kind: "found", externalId: found.externalId, url: `sandbox://${req.channel.platform}/${req.channel.handle}/${found.externalId}` };
    } catch (e) {
      return { kind: "undecidable", message: `sandbox unreachable: ${(e as Error).message}` };
    }
  },

  async reply(req): Promise<ReplyOutcome> {
    return withSandboxFaults(req.channel.id, req.signal, { refused: "this reply", did: "sent" }, true, async () => {
      const res = await acceptSandboxReply({
        channelId: req.channel.id,
        idempotencyKey: req.idempotencyKey,
        text: req.text,
        inReplyTo: req.target.externalId,
        isDirect: req.target.kind === "dm",
      });
      return { kind: "sent" as const, externalId: res.externalId };
    });
  },

  async reconcileReply(req) {
    try {
      const found = await findSandboxPostByKey(req.channel.id, req.idempotencyKey);
      if (!found || found.state === "deleted") return { kind: "absent" };
      return { kind: "found", externalId: found.externalId, url: null };
    } catch (e) {
      return { kind: "undecidable", message: `sandbox unreachable: ${(e as Error).message}` };
    }
  },

  async moderate(req): Promise<ModerateOutcome> {
    return withSandboxFaults(req.channel.id, req.signal, { refused: "this action", did: "done" }, false, async () => ({
      kind: await moderateSandboxComment(req.channel.id, req.externalId, req.action),
    }));
  },

  async remove(req) {
    try {
      const ok = await removeSandboxPost(req.channel.id, req.externalId, req.mode);
      return ok ? { kind: "done" } : { kind: "failed", code: "invalid", message: "sandbox: no such post", retryable: false };
    } catch (e) {
      return { kind: "failed", code: "unavailable", message: `sandbox unreachable: ${(e as Error).message}`, retryable: true };
    }
  },
};

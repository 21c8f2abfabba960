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

export const sandboxConnector: Connector = {
  kind: "sandbox",

  async publish(req): Promise<PublishOutcome> {
    let fault;
    try {
      fault = await takeSandboxFault(req.channel.id);
    } catch (e) {
      return { kind: "failed", code: "unavailable", message: `sandbox unreachable: ${(e as Error).message}`, retryable: true };
    }
    await sleep(latencyMs(), req.signal);
    if (req.signal.aborted) return { kind: "unknown", code: "timeout", message: "aborted before the call" };
    switch (fault) {
      case "reject":
        return { kind: "failed", code: "rejected", message: "sandbox: the network refused this content", retryable: false };
      case "unavailable":
        return { kind: "failed", code: "unavailable", message: "sandbox: 503 Service Unavailable", retryable: true };
      case "timeout":
        await untilAborted(req.signal);
        return { kind: "unknown", code: "timeout", message: "sandbox: no answer before the timeout" };
      case "crash_before":
        if (crashAllowed()) crash();
        break;
      default:
        break;
    }
    try {
      const res = await acceptSandboxPost({
        channelId: req.channel.id,
        idempotencyKey: req.idempotencyKey,
        text: req.text,
        media: req.media,
        inReplyTo: req.inReplyToExternalId ?? null,
      });
      if (fault === "crash_after" && crashAllowed()) crash();
      if (fault === "succeed_timeout") {
        await untilAborted(req.signal);
        return { kind: "unknown", code: "timeout", message: "sandbox: posted, but the answer never came" };
      }
      return { kind: "published", externalId: res.externalId, url: `sandbox://${req.channel.platform}/${req.channel.handle}/${res.externalId}` };
    } catch (e) {
      // The write may or may not have committed (e.g. the connection dropped during COMMIT).
      return { kind: "unknown", code: "network", message: `sandbox: ${(e as Error).message}` };
    }
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
    let fault;
    try {
      fault = await takeSandboxFault(req.channel.id);
    } catch (e) {
      return { kind: "failed", code: "unavailable", message: `sandbox unreachable: ${(e as Error).message}`, retryable: true };
    }
    await sleep(latencyMs(), req.signal);
    if (req.signal.aborted) return { kind: "unknown", code: "timeout", message: "aborted before the call" };
    switch (fault) {
      case "reject":
        return { kind: "failed", code: "rejected", message: "sandbox: the network refused this reply", retryable: false };
      case "unavailable":
        return { kind: "failed", code: "unavailable", message: "sandbox: 503 Service Unavailable", retryable: true };
      case "timeout":
        await untilAborted(req.signal);
        return { kind: "unknown", code: "timeout", message: "sandbox: no answer before the timeout" };
      case "crash_before":
        if (crashAllowed()) crash();
        break;
      default:
        break;
    }
    try {
      const res = await acceptSandboxReply({
        channelId: req.channel.id,
        idempotencyKey: req.idempotencyKey,
        text: req.text,
        inReplyTo: req.target.externalId,
        isDirect: req.target.kind === "dm",
      });
      if (fault === "crash_after" && crashAllowed()) crash();
      if (fault === "succeed_timeout") {
        await untilAborted(req.signal);
        return { kind: "unknown", code: "timeout", message: "sandbox: sent, but the answer never came" };
      }
      return { kind: "sent", externalId: res.externalId };
    } catch (e) {
      return { kind: "unknown", code: "network", message: `sandbox: ${(e as Error).message}` };
    }
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
    let fault;
    try {
      fault = await takeSandboxFault(req.channel.id);
    } catch (e) {
      return { kind: "failed", code: "unavailable", message: `sandbox unreachable: ${(e as Error).message}`, retryable: true };
    }
    await sleep(latencyMs(), req.signal);
    if (fault === "reject") return { kind: "failed", code: "rejected", message: "sandbox: the network refused", retryable: false };
    if (fault === "unavailable") return { kind: "failed", code: "unavailable", message: "sandbox: 503 Service Unavailable", retryable: true };
    if (fault === "timeout") {
      await untilAborted(req.signal);
      return { kind: "unknown", code: "timeout", message: "sandbox: no answer before the timeout" };
    }
    try {
      const r = await moderateSandboxComment(req.channel.id, req.externalId, req.action);
      if (fault === "succeed_timeout") {
        await untilAborted(req.signal);
        return { kind: "unknown", code: "timeout", message: "sandbox: done, but the answer never came" };
      }
      return { kind: r };
    } catch (e) {
      return { kind: "unknown", code: "network", message: `sandbox: ${(e as Error).message}` };
    }
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

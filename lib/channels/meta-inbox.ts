import { account, graph, type GraphResult } from "./meta";
import type { ChannelRef, ModerateOutcome, ModerateRequest, ReconcileOutcome, ReplyOutcome, ReplyReconcileRequest, ReplyRequest } from "./types";

/*
 * The inbox half of the Meta Graph connector: answering comments and direct messages, and hiding,
 * unhiding and deleting comments strangers wrote under our posts. Written against Meta's documented
 * endpoints and tested against the local stub (scripts/stubs/meta-graph-inbox.ts):
 *
 * - Facebook comment reply:  POST /{comment-id}/comments        message=…
 * - Instagram comment reply: POST /{ig-comment-id}/replies      message=…
 * - Direct message answer:   POST /me/messages                  recipient={"id":…} messaging_type=RESPONSE message={"text":…}
 *   (Messenger Send API; Instagram messaging uses the same call with the Instagram-scoped id)
 * - Hide / unhide:           POST /{comment-id} is_hidden=true|false (Facebook), hide=true|false (Instagram)
 * - Delete:                  DELETE /{comment-id}
 *
 * Graph has no idempotency keys: after an unknown outcome, reconcileReply reads the replies under
 * the comment (or the conversation's messages) and matches our account's exact text since the
 * claim. Outcomes are classified as for publishing (lib/channels/meta.ts): certainly-not-applied
 * failures may be retried, a write that may have happened is "unknown".
 */

/** Messenger: the 24-hour standard messaging window has passed (code 10, subcode 2018278). */
const OUTSIDE_WINDOW_SUBCODES = new Set([2018278, 2534022]);
/** "This person isn't available right now" / the user blocked or deleted the conversation. */
const RECIPIENT_GONE_CODES = new Set([551]);
/** "Object with ID … does not exist" (code 100, subcode 33). */
const DOES_NOT_EXIST_SUBCODE = 33;

const configFailure = { kind: "failed", code: "config", message: "Meta channel has no account id or no resolvable access token", retryable: false } as const;

function failure(r: Exclude<GraphResult<unknown>, { ok: true }>): ReplyOutcome {
  if (r.subcode !== undefined && OUTSIDE_WINDOW_SUBCODES.has(r.subcode))
    return { kind: "failed", code: "outside_window", message: r.message, retryable: false };
  if (r.graphCode !== undefined && RECIPIENT_GONE_CODES.has(r.graphCode)) return { kind: "failed", code: "rejected", message: r.message, retryable: false };
  return r.outcome === "failed" ? { kind: "failed", code: r.code, message: r.message, retryable: r.retryable } : { kind: "unknown", code: r.code, message: r.message };
}

function unsupported(channel: ChannelRef): ReplyOutcome & { kind: "failed" } {
  return { kind: "failed", code: "unsupported", message: `Meta connector does not answer on ${channel.platform}`, retryable: false };
}

export async function metaReply(req: ReplyRequest): Promise<ReplyOutcome> {
  const acct = account(req.channel);
  if (!acct) return configFailure;
  if (req.channel.platform !== "facebook" && req.channel.platform !== "instagram") return unsupported(req.channel);
  if (req.target.kind === "dm") {
    const r = await graph<{ recipient_id: string; message_id: string }>(
      "POST",
      "me/messages",
      acct.token,
      {
        recipient: JSON.stringify({ id: req.target.recipientExternalId }),
        messaging_type: "RESPONSE",
        message: JSON.stringify({ text: req.text }),
      },
      req.signal,
    );
    return r.ok ? { kind: "sent", externalId: r.body.message_id } : failure(r);
  }
  const edge = req.channel.platform === "instagram" ? "replies" : "comments";
  const r = await graph<{ id: string }>("POST", `${req.target.externalId}/${edge}`, acct.token, { message: req.text }, req.signal);
  return r.ok ? { kind: "sent", externalId: r.body.id } : failure(r);
}

type FbComment = { id: string; message?: string; created_time: string; from?: { id: string } };
type IgReply = { id: string; text?: string; timestamp: string; from?: { id: string } };
type Message = { id: string; message?: string; created_time: string; from?: { id: string } };

export async function metaReconcileReply(req: ReplyReconcileRequest): Promise<ReconcileOutcome> {
  const acct = account(req.channel);
  if (!acct) return { kind: "undecidable", message: "no credentials" };
  const since = req.since.getTime() - 60_000;
  const ours = (from: { id: string } | undefined) => !from || from.id === acct.id;
  if (req.target.kind === "dm") {
    const platform = req.channel.platform === "instagram" ? "instagram" : "messenger";
    const conv = await graph<{ data: { id: string }[] }>("GET", "me/conversations", acct.token, { platform, user_id: req.target.recipientExternalId, fields: "id" }, req.signal);
    if (!conv.ok) return { kind: "undecidable", message: conv.message };
    for (const c of conv.body.data) {
      const msgs = await graph<{ data: Message[] }>("GET", `${c.id}/messages`, acct.token, { fields: "id,message,created_time,from", limit: 50 }, req.signal);
      if (!msgs.ok) return { kind: "undecidable", message: msgs.message };
      const hit = msgs.body.data.find((m) => ours(m.from) && (m.message ?? "") === req.text && Date.parse(m.created_time) >= since);
      if (hit) return { kind: "found", externalId: hit.id, url: null };
    }
    return { kind: "absent" };
  }
  if (req.channel.platform === "instagram") {
    const r = await graph<{ data: IgReply[] }>("GET", `${req.target.externalId}/replies`, acct.token, { fields: "id,text,timestamp,from", limit: 100 }, req.signal);
    if (!r.ok) return { kind: "undecidable", message: r.message };
    const hit = r.body.data.find((c) => ours(c.from) && (c.text ?? "") === req.text && Date.parse(c.timestamp) >= since);
    return hit ? { kind: "found", externalId: hit.id, url: null } : { kind: "absent" };
  }
  if (req.channel.platform === "facebook") {
    const r = await graph<{ data: FbComment[] }>(
      "GET",
      `${req.target.externalId}/comments`,
      acct.token,
      { fields: "id,message,created_time,from", filter: "stream", order: "reverse_chronological", limit: 100 },
      req.signal,
    );
    if (!r.ok) return { kind: "undecidable", message: r.message };
    const hit = r.body.data.find((c) => ours(c.from) && (c.message ?? "") === req.text && Date.parse(c.created_time) >= since);
    return hit ? { kind: "found", externalId: hit.id, url: null } : { kind: "absent" };
  }
  return { kind: "undecidable", message: `unsupported platform ${req.channel.platform}` };
}

export async function metaModerate(req: ModerateRequest): Promise<ModerateOutcome> {
  const acct = account(req.channel);
  if (!acct) return configFailure;
  if (req.channel.platform !== "facebook" && req.channel.platform !== "instagram") return unsupported(req.channel);
  const r =
    req.action === "delete"
      ? await graph<{ success: boolean }>("DELETE", req.externalId, acct.token, {}, req.signal)
      : await graph<{ success: boolean }>(
          "POST",
          req.externalId,
          acct.token,
          req.channel.platform === "instagram" ? { hide: req.action === "hide" } : { is_hidden: req.action === "hide" },
          req.signal,
        );
  if (r.ok) return r.body.success ? { kind: "done" } : { kind: "failed", code: "rejected", message: "Graph answered success=false", retryable: false };
  if (r.graphCode === 100 && r.subcode === DOES_NOT_EXIST_SUBCODE) return { kind: "gone" };
  // Hiding and deleting are idempotent: a write that may have happened is settled by asking again.
  return r.outcome === "failed" ? { kind: "failed", code: r.code, message: r.message, retryable: r.retryable } : { kind: "unknown", code: r.code, message: r.message };
}

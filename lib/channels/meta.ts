import {
  resolveCredential,
  type Connector,
  type MediaRef,
  type PublishOutcome,
  type ReconcileOutcome,
  type RemoveOutcome,
} from "./types";
import { metaModerate, metaReconcileReply, metaReply } from "./meta-inbox";

/*
 * Meta Graph API connector: Facebook Page posts and Instagram content publishing
 * (container → status → media_publish), written against Meta's documented HTTP API and tested
 * against the local stub in scripts/stubs/meta-graph.ts, which answers like the Graph API.
 *
 * Graph has no idempotency keys, so after an unknown outcome `reconcile` reads the account's
 * recent posts and matches the exact text among those created since the attempt's claim.
 * Error classification (https://developers.facebook.com/docs/graph-api/guides/error-handling):
 * rate limits (4, 17, 32, 613) are refused before processing → safe to retry; tokens and
 * permissions (102, 190, 10, 200–299) and bad parameters (100) are permanent; 506 (duplicate
 * status) and transient/5xx errors on a write may have been applied → unknown → reconcile.
 */

const DEFAULT_GRAPH_URL = "https://graph.facebook.com/v23.0";

export function graphBaseUrl(): string {
  return (process.env.META_GRAPH_URL ?? DEFAULT_GRAPH_URL).replace(/\/+$/, "");
}

export type GraphError = { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean; fbtrace_id?: string };

export type GraphResult<T> =
  | { ok: true; body: T }
  | { ok: false; outcome: "failed"; code: string; message: string; retryable: boolean; graphCode?: number; subcode?: number }
  | { ok: false; outcome: "unknown"; code: string; message: string; graphCode?: number; subcode?: number };

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80004]);
const AUTH_CODES = new Set([102, 190, 10]);

function classifyGraphError(status: number, err: GraphError | undefined, isWrite: boolean): GraphResult<never> {
  const r = classifyGraphErrorCode(status, err, isWrite);
  return r.ok ? r : { ...r, graphCode: err?.code, subcode: err?.error_subcode };
}

function classifyGraphErrorCode(status: number, err: GraphError | undefined, isWrite: boolean): GraphResult<never> {
  const code = err?.code ?? 0;
  const msg = `Graph ${status}${code ? ` code ${code}` : ""}: ${err?.message ?? "error"}${err?.fbtrace_id ? ` (fbtrace ${err.fbtrace_id})` : ""}`;
  if (RATE_LIMIT_CODES.has(code) || status === 429) return { ok: false, outcome: "failed", code: "rate_limited", message: msg, retryable: true };
  if (AUTH_CODES.has(code) || (code >= 200 && code <= 299) || status === 401 || status === 403)
    return { ok: false, outcome: "failed", code: "auth", message: msg, retryable: false };
  if (code === 506) return { ok: false, outcome: "unknown", code: "rejected", message: msg };
  if (code === 368) return { ok: false, outcome: "failed", code: "rejected", message: msg, retryable: false };
  if (code === 100 || (status >= 400 && status < 500)) return { ok: false, outcome: "failed", code: "invalid", message: msg, retryable: false };
  // 5xx, code 1/2, is_transient: a read is simply retried; a write may have happened.
  if (!isWrite) return { ok: false, outcome: "failed", code: "unavailable", message: msg, retryable: true };
  return { ok: false, outcome: "unknown", code: "unavailable", message: msg };
}

/** The request never left: refused or unresolvable (undici nests the cause, sometimes as an AggregateError). */
function connectionRefused(e: unknown): boolean {
  const NOT_SENT = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];
  const cause = (e as { cause?: { code?: string; errors?: { code?: string }[] } })?.cause;
  if (NOT_SENT.includes(cause?.code ?? "")) return true;
  return (cause?.errors ?? []).length > 0 && cause!.errors!.every((x) => NOT_SENT.includes(x.code ?? ""));
}

export async function graph<T>(
  method: "GET" | "POST" | "DELETE",
  path: string,
  token: string,
  params: Record<string, string | number | boolean | undefined>,
  signal: AbortSignal,
): Promise<GraphResult<T>> {
  const url = new URL(`${graphBaseUrl()}/${path.replace(/^\/+/, "")}`);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (method === "GET") url.searchParams.set(k, String(v));
    else body.set(k, String(v));
  }
  const isWrite = method !== "GET";
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(isWrite ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: isWrite ? body : undefined,
      signal,
    });
  } catch (e) {
    if (signal.aborted) return isWrite ? { ok: false, outcome: "unknown", code: "timeout", message: "Graph: no answer before the timeout" } : { ok: false, outcome: "failed", code: "timeout", message: "Graph: timeout", retryable: true };
    if (connectionRefused(e)) return { ok: false, outcome: "failed", code: "network", message: `Graph unreachable: ${(e as Error).message}`, retryable: true };
    return isWrite ? { ok: false, outcome: "unknown", code: "network", message: `Graph: ${(e as Error).message}` } : { ok: false, outcome: "failed", code: "network", message: `Graph: ${(e as Error).message}`, retryable: true };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    if (res.ok) return isWrite ? { ok: false, outcome: "unknown", code: "network", message: "Graph: unreadable answer" } : { ok: false, outcome: "failed", code: "network", message: "Graph: unreadable answer", retryable: true };
  }
  const err = (json as { error?: GraphError } | null)?.error;
  if (!res.ok || err) return classifyGraphError(res.status, err, isWrite);
  return { ok: true, body: json as T };
}

const toOutcome = (r: Exclude<GraphResult<unknown>, { ok: true }>): PublishOutcome =>
  r.outcome === "failed" ? { kind: "failed", code: r.code, message: r.message, retryable: r.retryable } : { kind: "unknown", code: r.code, message: r.message };

export function account(channel: { externalAccountId: string | null; credentialsRef: string | null }) {
  const token = resolveCredential(channel.credentialsRef);
  if (!channel.externalAccountId || !token) return null;
  return { id: channel.externalAccountId, token };
}

const configError: PublishOutcome = { kind: "failed", code: "config", message: "Meta channel has no account id or no resolvable access token", retryable: false };

// ── Facebook Pages ──

async function publishFacebook(acct: { id: string; token: string }, text: string, media: MediaRef[], replyTo: string | null | undefined, signal: AbortSignal): Promise<PublishOutcome> {
  if (replyTo) {
    // A correction as a comment of the Page on its own post.
    const r = await graph<{ id: string }>("POST", `${replyTo}/comments`, acct.token, { message: text }, signal);
    if (!r.ok) return toOutcome(r);
    return { kind: "published", externalId: r.body.id, url: null };
  }
  let postId: string;
  const [first] = media;
  if (media.length === 1 && first?.kind === "video") {
    const r = await graph<{ id: string }>("POST", `${acct.id}/videos`, acct.token, { file_url: first.url, description: text }, signal);
    if (!r.ok) return toOutcome(r);
    postId = `${acct.id}_${r.body.id}`;
  } else if (media.length === 1 && first) {
    const r = await graph<{ id: string; post_id: string }>("POST", `${acct.id}/photos`, acct.token, { url: first.url, caption: text }, signal);
    if (!r.ok) return toOutcome(r);
    postId = r.body.post_id;
  } else if (media.length > 1) {
    const ids: string[] = [];
    for (const m of media) {
      // Unpublished photos are invisible until attached, so a failure here leaves nothing public.
      const r = await graph<{ id: string }>("POST", `${acct.id}/photos`, acct.token, { url: m.url, published: false }, signal);
      if (!r.ok) return r.outcome === "unknown" ? { kind: "failed", code: r.code, message: r.message, retryable: true } : toOutcome(r);
      ids.push(r.body.id);
    }
    const attached: Record<string, string> = {};
    ids.forEach((id, i) => (attached[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })));
    const r = await graph<{ id: string }>("POST", `${acct.id}/feed`, acct.token, { message: text, ...attached }, signal);
    if (!r.ok) return toOutcome(r);
    postId = r.body.id;
  } else {
    const r = await graph<{ id: string }>("POST", `${acct.id}/feed`, acct.token, { message: text }, signal);
    if (!r.ok) return toOutcome(r);
    postId = r.body.id;
  }
  const link = await graph<{ permalink_url?: string }>("GET", postId, acct.token, { fields: "permalink_url" }, signal);
  return { kind: "published", externalId: postId, url: link.ok ? (link.body.permalink_url ?? null) : null };
}

// ── Instagram content publishing ──

async function waitForContainer(acct: { token: string }, containerId: string, signal: AbortSignal): Promise<true | PublishOutcome> {
  const pollMs = Number(process.env.META_CONTAINER_POLL_MS ?? "1000");
  for (let i = 0; i < 30; i++) {
    const r = await graph<{ status_code: string }>("GET", containerId, acct.token, { fields: "status_code" }, signal);
    if (!r.ok) return signal.aborted ? { kind: "failed", code: "timeout", message: r.message, retryable: true } : toOutcome(r);
    if (r.body.status_code === "FINISHED") return true;
    if (r.body.status_code === "ERROR" || r.body.status_code === "EXPIRED")
      return { kind: "failed", code: "media_not_ready", message: `Instagram container ${r.body.status_code}`, retryable: false };
    await new Promise((res) => setTimeout(res, pollMs));
    if (signal.aborted) return { kind: "failed", code: "timeout", message: "Instagram container not ready before the timeout", retryable: true };
  }
  return { kind: "failed", code: "media_not_ready", message: "Instagram container not ready", retryable: true };
}

async function publishInstagram(acct: { id: string; token: string }, text: string, media: MediaRef[], signal: AbortSignal): Promise<PublishOutcome> {
  if (media.length === 0) return { kind: "failed", code: "unsupported", message: "Instagram needs at least one image or video", retryable: false };
  const item = (m: MediaRef, carousel: boolean) =>
    m.kind === "video" ? { media_type: carousel ? "VIDEO" : "REELS", video_url: m.url } : { image_url: m.url };
  let containerId: string;
  if (media.length === 1) {
    const r = await graph<{ id: string }>("POST", `${acct.id}/media`, acct.token, { ...item(media[0]!, false), caption: text }, signal);
    // Creating a container publishes nothing, so any failure here is safe to retry.
    if (!r.ok) return r.outcome === "unknown" ? { kind: "failed", code: r.code, message: r.message, retryable: true } : toOutcome(r);
    containerId = r.body.id;
  } else {
    const children: string[] = [];
    for (const m of media.slice(0, 10)) {
      const r = await graph<{ id: string }>("POST", `${acct.id}/media`, acct.token, { ...item(m, true), is_carousel_item: true }, signal);
      if (!r.ok) return r.outcome === "unknown" ? { kind: "failed", code: r.code, message: r.message, retryable: true } : toOutcome(r);
      children.push(r.body.id);
    }
    const r = await graph<{ id: string }>("POST", `${acct.id}/media`, acct.token, { media_type: "CAROUSEL", children: children.join(","), caption: text }, signal);
    if (!r.ok) return r.outcome === "unknown" ? { kind: "failed", code: r.code, message: r.message, retryable: true } : toOutcome(r);
    containerId = r.body.id;
  }
  const ready = await waitForContainer(acct, containerId, signal);
  if (ready !== true) return ready;
  const pub = await graph<{ id: string }>("POST", `${acct.id}/media_publish`, acct.token, { creation_id: containerId }, signal);
  if (!pub.ok) return toOutcome(pub);
  const link = await graph<{ permalink?: string }>("GET", pub.body.id, acct.token, { fields: "permalink" }, signal);
  return { kind: "published", externalId: pub.body.id, url: link.ok ? (link.body.permalink ?? null) : null };
}

export const metaConnector: Connector = {
  kind: "meta",

  reply: metaReply,
  reconcileReply: metaReconcileReply,
  moderate: metaModerate,

  async publish(req) {
    const acct = account(req.channel);
    if (!acct) return configError;
    if (req.channel.platform === "facebook") return publishFacebook(acct, req.text, req.media, req.inReplyToExternalId, req.signal);
    if (req.channel.platform === "instagram") {
      if (req.inReplyToExternalId) {
        const r = await graph<{ id: string }>("POST", `${req.inReplyToExternalId}/comments`, acct.token, { message: req.text }, req.signal);
        return r.ok ? { kind: "published", externalId: r.body.id, url: null } : toOutcome(r);
      }
      return publishInstagram(acct, req.text, req.media, req.signal);
    }
    return { kind: "failed", code: "unsupported", message: `Meta connector does not publish to ${req.channel.platform}`, retryable: false };
  },

  async reconcile(req): Promise<ReconcileOutcome> {
    const acct = account(req.channel);
    if (!acct) return { kind: "undecidable", message: "no credentials" };
    const since = Math.floor(req.since.getTime() / 1000) - 60;
    if (req.channel.platform === "facebook") {
      const r = await graph<{ data: { id: string; message?: string; created_time: string; permalink_url?: string }[] }>(
        "GET",
        `${acct.id}/feed`,
        acct.token,
        { fields: "id,message,created_time,permalink_url", since, limit: 100 },
        req.signal,
      );
      if (!r.ok) return { kind: "undecidable", message: r.message };
      const hit = r.body.data.find((p) => (p.message ?? "") === req.text);
      return hit ? { kind: "found", externalId: hit.id, url: hit.permalink_url ?? null } : { kind: "absent" };
    }
    if (req.channel.platform === "instagram") {
      const r = await graph<{ data: { id: string; caption?: string; timestamp: string; permalink?: string }[] }>(
        "GET",
        `${acct.id}/media`,
        acct.token,
        { fields: "id,caption,timestamp,permalink", limit: 50 },
        req.signal,
      );
      if (!r.ok) return { kind: "undecidable", message: r.message };
      const hit = r.body.data.find((m) => (m.caption ?? "") === req.text && Date.parse(m.timestamp) / 1000 >= since);
      return hit ? { kind: "found", externalId: hit.id, url: hit.permalink ?? null } : { kind: "absent" };
    }
    return { kind: "undecidable", message: `unsupported platform ${req.channel.platform}` };
  },

  async remove(req): Promise<RemoveOutcome> {
    const acct = account(req.channel);
    if (!acct) return { kind: "failed", code: "config", message: "no credentials", retryable: false };
    if (req.channel.platform === "instagram") {
      // The Instagram Graph API cannot delete or hide published media: a person must do it in the app.
      return { kind: "failed", code: "unsupported", message: "Instagram media can only be removed in the Instagram app", retryable: false };
    }
    const r =
      req.mode === "delete"
        ? await graph<{ success: boolean }>("DELETE", req.externalId, acct.token, {}, req.signal)
        : await graph<{ success: boolean }>("POST", req.externalId, acct.token, { is_hidden: true }, req.signal);
    if (r.ok) return r.body.success ? { kind: "done" } : { kind: "failed", code: "rejected", message: "Graph answered success=false", retryable: false };
    return { kind: "failed", code: r.code, message: r.message, retryable: r.outcome === "unknown" || r.retryable };
  },
};

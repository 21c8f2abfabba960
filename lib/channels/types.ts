/**
 * One interface for every network (DESIGN.md §7). A connector never throws for what the network
 * answers: it classifies every outcome, because the publisher's exactly-once guarantee rests on
 * telling "certainly not applied" apart from "maybe applied".
 */

export type Platform = "x" | "instagram" | "facebook" | "line" | "tiktok" | "youtube";
export type ConnectorKind = "sandbox" | "meta";

/** What a connector needs to know about the account it acts for. Never carries a secret itself. */
export interface ChannelRef {
  id: string;
  platform: Platform;
  handle: string;
  connector: ConnectorKind;
  /** The platform's own account id (Page id, Instagram user id). */
  externalAccountId: string | null;
  /** Where the access token lives, e.g. `env:META_TOKEN_AOBA_CAFE`; resolved only inside the connector. */
  credentialsRef: string | null;
  /** The ad account paid delivery is billed to (Meta: act_<digits>); only the ads connectors read it. */
  adAccountId?: string | null;
}

export interface MediaRef {
  kind: "image" | "video";
  /** An absolute URL the network can fetch the file from. */
  url: string;
  mimeType: string;
}

export interface PublishRequest {
  channel: ChannelRef;
  /** Identical for every attempt at the same content: the network (or our reconciliation) dedupes on it. */
  idempotencyKey: string;
  text: string;
  media: MediaRef[];
  /** Publish as a reply to this post of ours (corrections published as replies). */
  inReplyToExternalId?: string | null;
  /** Aborted when the publisher's timeout passes; the outcome is then unknown. */
  signal: AbortSignal;
}

export type PublishOutcome =
  | { kind: "published"; externalId: string; url: string | null }
  /**
   * The network refused or never received the call. `retryable` is true only when the failure is
   * known to have changed nothing remotely and may pass later (rate limit, 503 before processing,
   * connection refused); false for content or credential problems a retry cannot fix.
   */
  | { kind: "failed"; code: string; message: string; retryable: boolean }
  /** The call may or may not have taken effect (timeout after sending, connection reset). */
  | { kind: "unknown"; code: string; message: string };

export interface ReconcileRequest {
  channel: ChannelRef;
  idempotencyKey: string;
  text: string;
  /** The claim time of the attempt: nothing older can be ours. */
  since: Date;
  signal: AbortSignal;
}

export type ReconcileOutcome =
  | { kind: "found"; externalId: string; url: string | null }
  /** Certainly not on the network. */
  | { kind: "absent" }
  /** The network could not tell (it is down, or it has no way to look the post up). */
  | { kind: "undecidable"; message: string };

export interface RemoveRequest {
  channel: ChannelRef;
  externalId: string;
  /** delete: gone for good; hide: hidden from the public, kept (where the network supports it). */
  mode: "delete" | "hide";
  signal: AbortSignal;
}

export type RemoveOutcome = { kind: "done" } | { kind: "failed"; code: string; message: string; retryable: boolean };

// ── Inbox: answering and moderating what strangers wrote ──

/** What a reply answers: a comment (a reply under it) or a direct message (an answer in the conversation). */
export type ReplyTarget =
  | { kind: "comment"; /** The comment's id on the network. */ externalId: string }
  | { kind: "dm"; /** The message answered (for the record and the sandbox). */ externalId: string; /** The sender's id on the network (Messenger PSID / Instagram-scoped id). */ recipientExternalId: string };

export interface ReplyRequest {
  channel: ChannelRef;
  /** Identical for every attempt at the same reply: the network (or our reconciliation) dedupes on it. */
  idempotencyKey: string;
  target: ReplyTarget;
  text: string;
  signal: AbortSignal;
}

/** Classified like a publication: sent / failed (retryable only when certainly not applied) / unknown. */
export type ReplyOutcome =
  | { kind: "sent"; externalId: string }
  | { kind: "failed"; code: string; message: string; retryable: boolean }
  | { kind: "unknown"; code: string; message: string };

export interface ReplyReconcileRequest {
  channel: ChannelRef;
  idempotencyKey: string;
  target: ReplyTarget;
  text: string;
  /** The claim time of the attempt: nothing older can be ours. */
  since: Date;
  signal: AbortSignal;
}

export type ModerationAction = "hide" | "unhide" | "delete";

export interface ModerateRequest {
  channel: ChannelRef;
  /** The comment's id on the network. */
  externalId: string;
  action: ModerationAction;
  signal: AbortSignal;
}

/**
 * hide / unhide / delete are idempotent on the networks (hiding twice leaves it hidden), so an
 * unknown outcome is settled by asking again; "gone" means the network no longer has the comment
 * (deleted by its author or by an earlier attempt of ours).
 */
export type ModerateOutcome =
  | { kind: "done" }
  | { kind: "gone" }
  | { kind: "failed"; code: string; message: string; retryable: boolean }
  | { kind: "unknown"; code: string; message: string };

export interface Connector {
  readonly kind: ConnectorKind;
  publish(req: PublishRequest): Promise<PublishOutcome>;
  /** Looks for the post an earlier attempt with this key may have created. */
  reconcile(req: ReconcileRequest): Promise<ReconcileOutcome>;
  remove(req: RemoveRequest): Promise<RemoveOutcome>;
  /** Answers a comment (reply under it) or a direct message. */
  reply(req: ReplyRequest): Promise<ReplyOutcome>;
  /** Looks for the reply an earlier attempt with this key may have sent (found / absent / undecidable). */
  reconcileReply(req: ReplyReconcileRequest): Promise<ReconcileOutcome>;
  /** Hides, unhides or deletes a comment someone else wrote on our account. */
  moderate(req: ModerateRequest): Promise<ModerateOutcome>;
}

/** Error codes the portal shows translated (messages/<ns>.json publishing.errors.<code>). */
export const PUBLISH_ERROR_CODES = [
  "timeout",
  "network",
  "unavailable",
  "rate_limited",
  "auth",
  "rejected",
  "invalid",
  "unsupported",
  "media_not_ready",
  "config",
] as const;
export type PublishErrorCode = (typeof PUBLISH_ERROR_CODES)[number];

/** Resolves a credentials reference; only `env:NAME` is supported, so secrets stay in the environment. */
export function resolveCredential(ref: string | null): string | null {
  if (!ref) return null;
  const m = /^env:([A-Z][A-Z0-9_]*)$/.exec(ref);
  if (!m) return null;
  const v = process.env[m[1]!];
  return v && v.length > 0 ? v : null;
}

/** Resolves when the signal aborts (a hanging network call); never rejects. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

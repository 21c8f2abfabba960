/**
 * Meta (Facebook Pages, Instagram, Messenger) webhooks, as pure functions: the verify handshake,
 * the X-Hub-Signature-256 check and the payload parser. No IO — the route reads the body, the DAL stores.
 *
 * Formats handled (https://developers.facebook.com/docs/graph-api/webhooks):
 * - object "page", entry[].changes[] field "feed" with value.item "comment" (verb add/edited): a comment
 *   on a Page post. value.comment_id, value.post_id, value.parent_id (= post_id for a top-level comment),
 *   value.from {id, name}, value.message, value.created_time (unix seconds or ISO).
 * - object "page", field "ratings" with value.item "rating": a Page review (review_text, reviewer_id…).
 * - object "instagram", field "comments": value.id, value.text, value.from {id, username}, value.media.id,
 *   value.parent_id (a reply to another comment). No timestamp in the value: the entry's time is used.
 * - object "instagram", field "mentions": value.comment_id / value.media_id (+ text when the sender adds it).
 * - entry[].messaging[] (Messenger on "page", Instagram Direct on "instagram"): sender.id, recipient.id,
 *   timestamp (ms), message.mid, message.text; echoes of our own messages (is_echo) are skipped.
 *
 * Decisions
 * - Items the account itself wrote (a comment from the Page, a message echo) are skipped: they are our replies.
 * - Deletions and hides (verb remove/hide) and fields we do not handle are counted as skipped, not stored.
 * - Thread keys follow the seed's: "<platform>:<root post or media id>" for comments and mentions,
 *   "<platform>:dm:<sender id>" for direct messages (sender ids are scoped to the Page / IG account).
 * - Text longer than TEXT_MAX is cut there (platform limits are lower; anything longer is abuse).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Bodies above this are refused (413) while being read, before any parsing. */
export const META_BODY_LIMIT = 1024 * 1024;
export const TEXT_MAX = 10_000;
const SIGNATURE_RE = /^sha256=([0-9a-f]{64})$/;

export type MetaPlatform = "facebook" | "instagram";
export type InboundKind = "comment" | "dm" | "mention" | "review";

export type InboundEntry = {
  platform: MetaPlatform;
  /** The Page id / IG account id the entry was addressed to: maps to channels.external_account_id. */
  accountId: string;
  externalId: string;
  kind: InboundKind;
  threadKey: string;
  parentExternalId: string | null;
  authorExternalId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  text: string;
  /** The platform's own timestamp. */
  receivedAt: Date;
  permalink: string | null;
  authorUrl: string | null;
  /** The change / messaging event exactly as received. */
  raw: unknown;
};

export type ParseResult = { object: string; entries: InboundEntry[]; skipped: number };

// ── secrets ──────────────────────────────────────────────────────────────────

/** Development defaults, documented in the README; production must set both. */
export const DEV_META_APP_SECRET = "dev-meta-app-secret-change-me";
export const DEV_META_VERIFY_TOKEN = "dev-meta-verify-token";

export function metaWebhookSecrets(e: Record<string, string | undefined>): { appSecret: string; verifyToken: string } | null {
  const prod = e.NODE_ENV === "production";
  const appSecret = e.META_APP_SECRET || (prod ? "" : DEV_META_APP_SECRET);
  const verifyToken = e.META_WEBHOOK_VERIFY_TOKEN || (prod ? "" : DEV_META_VERIFY_TOKEN);
  if (!appSecret || !verifyToken) return null;
  return { appSecret, verifyToken };
}

// ── handshake ────────────────────────────────────────────────────────────────

/**
 * GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…: the challenge to echo, or null (→ 403).
 * Only a numeric challenge (Meta sends digits) is echoed, so the endpoint cannot reflect arbitrary text.
 */
export function verifyHandshake(params: URLSearchParams, verifyToken: string): string | null {
  const mode = params.get("hub.mode");
  const token = params.get("hub.verify_token") ?? "";
  const challenge = params.get("hub.challenge") ?? "";
  if (mode !== "subscribe") return null;
  if (!safeEqualText(token, verifyToken)) return null;
  if (!/^\d{1,64}$/.test(challenge)) return null;
  return challenge;
}

function safeEqualText(a: string, b: string): boolean {
  const x = createHmac("sha256", "cmp").update(a).digest();
  const y = createHmac("sha256", "cmp").update(b).digest();
  return timingSafeEqual(x, y);
}

// ── signature ────────────────────────────────────────────────────────────────

/** Cheap pre-check before reading the body: a header of the exact form sha256=<64 lower-case hex>. */
export function signatureHeaderWellFormed(header: string | null): boolean {
  return !!header && SIGNATURE_RE.test(header.trim().toLowerCase());
}

export function signBody(raw: Uint8Array | string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
}

/** HMAC-SHA256 of the raw bytes under the app secret, compared in constant time. */
export function verifySignature(raw: Uint8Array, header: string | null, secret: string): boolean {
  if (!header) return false;
  const m = SIGNATURE_RE.exec(header.trim().toLowerCase());
  if (!m) return false;
  const got = Buffer.from(m[1]!, "hex");
  const want = createHmac("sha256", secret).update(raw).digest();
  return got.length === want.length && timingSafeEqual(got, want);
}

// ── payload ──────────────────────────────────────────────────────────────────

const id = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]).transform(String);
const time = z.union([z.number().finite().nonnegative(), z.string().min(1).max(64)]);

const envelopeSchema = z.looseObject({
  object: z.string().max(50),
  entry: z
    .array(
      z.looseObject({
        id,
        time: time.optional(),
        changes: z.array(z.looseObject({ field: z.string().max(100), value: z.unknown() })).max(5000).optional(),
        messaging: z.array(z.unknown()).max(5000).optional(),
      }),
    )
    .max(5000),
});

const fbCommentSchema = z.looseObject({
  item: z.literal("comment"),
  verb: z.string().max(20).optional(),
  comment_id: id,
  post_id: id.optional(),
  parent_id: id.optional(),
  from: z.looseObject({ id, name: z.string().max(500).optional() }).optional(),
  message: z.string().optional(),
  created_time: time.optional(),
  permalink_url: z.string().max(2000).optional(),
});

const fbRatingSchema = z.looseObject({
  item: z.literal("rating"),
  verb: z.string().max(20).optional(),
  open_graph_story_id: id.optional(),
  review_id: id.optional(),
  reviewer_id: id.optional(),
  reviewer_name: z.string().max(500).optional(),
  review_text: z.string().optional(),
  recommendation_type: z.string().max(20).optional(),
  created_time: time.optional(),
});

const igCommentSchema = z.looseObject({
  id,
  text: z.string().optional(),
  parent_id: id.optional(),
  from: z.looseObject({ id, username: z.string().max(500).optional() }).optional(),
  media: z.looseObject({ id }).optional(),
  timestamp: time.optional(),
});

const igMentionSchema = z.looseObject({
  comment_id: id.optional(),
  media_id: id,
  text: z.string().optional(),
  from: z.looseObject({ id, username: z.string().max(500).optional() }).optional(),
});

const messagingSchema = z.looseObject({
  sender: z.looseObject({ id }),
  recipient: z.looseObject({ id }),
  timestamp: time.optional(),
  message: z
    .looseObject({
      mid: id,
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      attachments: z.array(z.unknown()).optional(),
    })
    .optional(),
});

/** Unix seconds, unix milliseconds or an ISO string → Date; null when unusable. */
export function platformTime(t: unknown): Date | null {
  if (typeof t === "number" && Number.isFinite(t) && t > 0) {
    const d = new Date(t > 1e12 ? t : t * 1000);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof t === "string") {
    if (/^\d{9,13}$/.test(t)) return platformTime(Number(t));
    // Graph's "2025-03-01T10:00:00+0000" lacks the colon in the offset.
    const d = new Date(t.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function clip(text: string | undefined | null): string {
  const s = (text ?? "").replace(/\u0000/g, "");
  return s.length > TEXT_MAX ? s.slice(0, TEXT_MAX) : s;
}

function httpUrl(u: string | undefined): string | null {
  if (!u) return null;
  try {
    const p = new URL(u);
    return p.protocol === "https:" || p.protocol === "http:" ? p.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Parses a JSON value already verified as signed. Throws only when the envelope is not Meta's
 * ({object, entry[]}); individual changes that do not parse are skipped and counted.
 */
export function parseMetaPayload(body: unknown, now: Date = new Date()): ParseResult {
  const env = envelopeSchema.parse(body);
  const platform: MetaPlatform | null = env.object === "page" ? "facebook" : env.object === "instagram" ? "instagram" : null;
  const out: InboundEntry[] = [];
  let skipped = 0;
  if (!platform) return { object: env.object, entries: [], skipped: env.entry.length };

  for (const entry of env.entry) {
    const accountId = entry.id;
    const entryTime = platformTime(entry.time) ?? now;
    for (const change of entry.changes ?? []) {
      const item = parseChange(platform, accountId, change.field, change.value, entryTime);
      if (item) out.push(item);
      else skipped++;
    }
    for (const ev of entry.messaging ?? []) {
      const item = parseMessaging(platform, accountId, ev, entryTime);
      if (item) out.push(item);
      else skipped++;
    }
  }
  return { object: env.object, entries: out, skipped };
}

function parseChange(platform: MetaPlatform, accountId: string, field: string, value: unknown, entryTime: Date): InboundEntry | null {
  if (platform === "facebook" && field === "feed") {
    const r = fbCommentSchema.safeParse(value);
    if (!r.success) return null;
    const v = r.data;
    if (v.verb && v.verb !== "add" && v.verb !== "edited") return null;
    if (v.from?.id === accountId) return null;
    const postId = v.post_id ?? null;
    const parent = v.parent_id && v.parent_id !== postId ? v.parent_id : postId;
    return {
      platform,
      accountId,
      externalId: v.comment_id,
      kind: "comment",
      threadKey: `facebook:${postId ?? v.comment_id}`,
      parentExternalId: parent,
      authorExternalId: v.from?.id ?? null,
      authorHandle: null,
      authorName: v.from?.name ?? null,
      text: clip(v.message),
      receivedAt: platformTime(v.created_time) ?? entryTime,
      permalink: httpUrl(v.permalink_url) ?? `https://www.facebook.com/${encodeURIComponent(v.comment_id)}`,
      authorUrl: v.from?.id ? `https://www.facebook.com/${encodeURIComponent(v.from.id)}` : null,
      raw: value,
    };
  }
  if (platform === "facebook" && field === "ratings") {
    const r = fbRatingSchema.safeParse(value);
    if (!r.success) return null;
    const v = r.data;
    if (v.verb && v.verb !== "add" && v.verb !== "edited") return null;
    const ext = v.review_id ?? v.open_graph_story_id;
    if (!ext) return null;
    return {
      platform,
      accountId,
      externalId: `rating:${ext}`,
      kind: "review",
      threadKey: `facebook:review:${ext}`,
      parentExternalId: null,
      authorExternalId: v.reviewer_id ?? null,
      authorHandle: null,
      authorName: v.reviewer_name ?? null,
      text: clip(v.review_text),
      receivedAt: platformTime(v.created_time) ?? entryTime,
      permalink: `https://www.facebook.com/${encodeURIComponent(ext)}`,
      authorUrl: v.reviewer_id ? `https://www.facebook.com/${encodeURIComponent(v.reviewer_id)}` : null,
      raw: value,
    };
  }
  if (platform === "instagram" && field === "comments") {
    const r = igCommentSchema.safeParse(value);
    if (!r.success) return null;
    const v = r.data;
    if (v.from?.id === accountId) return null;
    const media = v.media?.id ?? null;
    return {
      platform,
      accountId,
      externalId: v.id,
      kind: "comment",
      threadKey: `instagram:${media ?? v.parent_id ?? v.id}`,
      parentExternalId: v.parent_id ?? media,
      authorExternalId: v.from?.id ?? null,
      authorHandle: v.from?.username ? `@${v.from.username}` : null,
      authorName: v.from?.username ?? null,
      text: clip(v.text),
      receivedAt: platformTime(v.timestamp) ?? entryTime,
      permalink: null,
      authorUrl: v.from?.username ? `https://www.instagram.com/${encodeURIComponent(v.from.username)}/` : null,
      raw: value,
    };
  }
  if (platform === "instagram" && field === "mentions") {
    const r = igMentionSchema.safeParse(value);
    if (!r.success) return null;
    const v = r.data;
    const ext = v.comment_id ? `mention:${v.comment_id}` : `mention:media:${v.media_id}`;
    return {
      platform,
      accountId,
      externalId: ext,
      kind: "mention",
      threadKey: `instagram:${v.media_id}`,
      parentExternalId: v.media_id,
      authorExternalId: v.from?.id ?? null,
      authorHandle: v.from?.username ? `@${v.from.username}` : null,
      authorName: v.from?.username ?? null,
      text: clip(v.text),
      receivedAt: entryTime,
      permalink: null,
      authorUrl: v.from?.username ? `https://www.instagram.com/${encodeURIComponent(v.from.username)}/` : null,
      raw: value,
    };
  }
  return null;
}

function parseMessaging(platform: MetaPlatform, accountId: string, ev: unknown, entryTime: Date): InboundEntry | null {
  const r = messagingSchema.safeParse(ev);
  if (!r.success || !r.data.message) return null;
  const v = r.data;
  const m = v.message!;
  if (m.is_echo || v.sender.id === accountId) return null;
  const text = m.text ?? (m.attachments?.length ? `[${m.attachments.length} attachment(s)]` : "");
  return {
    platform,
    accountId,
    externalId: m.mid,
    kind: "dm",
    threadKey: `${platform}:dm:${v.sender.id}`,
    parentExternalId: null,
    authorExternalId: v.sender.id,
    authorHandle: null,
    authorName: null,
    text: clip(text),
    receivedAt: platformTime(v.timestamp) ?? entryTime,
    permalink: null,
    authorUrl: null,
    raw: ev,
  };
}

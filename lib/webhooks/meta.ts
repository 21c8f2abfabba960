import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { ingestInbound } from "@/lib/dal/inbox-ingest";
import {
  META_BODY_LIMIT,
  metaWebhookSecrets,
  parseMetaPayload,
  signatureHeaderWellFormed,
  verifyHandshake,
  verifySignature,
} from "@/lib/domain/meta-webhook";

/*
 * Meta's webhook, the work behind app/api/webhooks/meta/route.ts (which wraps these in withRoute,
 * public). Kept here so the ingestion benchmark drives exactly this code without Next's router.
 *
 * - GET echoes hub.challenge (digits only) when hub.verify_token matches META_WEBHOOK_VERIFY_TOKEN; else 403.
 * - POST: cheap refusals first (no/ill-formed X-Hub-Signature-256 → 401, declared length over the cap
 *   → 413, before a byte is read), then the body is read incrementally up to META_BODY_LIMIT (413 past
 *   it), the HMAC-SHA256 of the raw bytes is compared in constant time (401), and only then parsed.
 * - Stored in one transaction before the 200; a database failure answers 503 so Meta retries.
 * Secrets come from META_APP_SECRET / META_WEBHOOK_VERIFY_TOKEN (development defaults in
 * lib/domain/meta-webhook.ts; production without them answers 503 and stores nothing).
 */

const text = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
) =>
  new NextResponse(body, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });

export function handleMetaWebhookGet(params: URLSearchParams): Response {
  const secrets = metaWebhookSecrets(process.env);
  if (!secrets) return text(503, "not configured");
  const challenge = verifyHandshake(params, secrets.verifyToken);
  if (challenge === null) return text(403, "forbidden");
  return text(200, challenge);
}

/** Reads at most `limit` bytes; null when the body is larger. */
async function readCapped(
  req: Request,
  limit: number,
): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A POST as Meta sends it; VALIDATION (→ 422) for a signed body that is not Meta's JSON. */
export async function handleMetaWebhookPost(
  req: Request,
  requestId: string,
): Promise<Response> {
  const secrets = metaWebhookSecrets(process.env);
  if (!secrets) return text(503, "not configured");
  const header = req.headers.get("x-hub-signature-256");
  if (!signatureHeaderWellFormed(header))
    return text(401, "signature required");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > META_BODY_LIMIT)
    return text(413, "too large");

  const raw = await readCapped(req, META_BODY_LIMIT);
  if (raw === null) return text(413, "too large");
  if (!verifySignature(raw, header, secrets.appSecret))
    return text(401, "bad signature");

  let parsed;
  try {
    parsed = parseMetaPayload(
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw)),
    );
  } catch {
    throw new AppError("VALIDATION", "invalid_payload");
  }
  try {
    const r = await ingestInbound(parsed.entries, {
      source: "webhook:meta",
      requestId,
      delivery: { bodyBytes: raw.byteLength, status: 200 },
    });
    return NextResponse.json(
      {
        received: r.received,
        stored: r.stored,
        duplicates: r.duplicates,
        unknownChannel: r.unknownChannel,
        skipped: parsed.skipped,
      },
      { status: 200, headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Database down or the transaction failed: not stored, so ask Meta to retry.
    console.error(`[webhook:meta] ${requestId} not stored`, err);
    return text(503, "retry later", { "retry-after": "30" });
  }
}

import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Links a network can fetch an asset from without a session (Instagram and Facebook download the
 * image or video from a URL we give them). The publisher mints one per claim; it names one asset,
 * expires (1 hour by default) and is signed with HMAC-SHA256 under MEDIA_LINK_SECRET (default
 * AUTH_SECRET), so it cannot be forged or pointed at another file. Pure: no IO.
 */

const DEFAULT_TTL_MS = 60 * 60_000;

function secret(): string {
  const s = process.env.MEDIA_LINK_SECRET ?? process.env.AUTH_SECRET;
  if (!s || s.length < 32) throw new Error("MEDIA_LINK_SECRET (or AUTH_SECRET) must be set to 32+ characters to sign media links");
  return s;
}

function signature(assetId: string, exp: number, key: string): string {
  return createHmac("sha256", key).update(`media:${assetId}:${exp}`).digest("base64url");
}

/** `<base>/api/media/<id>?exp=<unix s>&sig=<hmac>` valid until now + ttl. */
export function signMediaUrl(base: string, assetId: string, now: Date = new Date(), ttlMs = DEFAULT_TTL_MS): string {
  const exp = Math.floor((now.getTime() + ttlMs) / 1000);
  return `${base.replace(/\/+$/, "")}/api/media/${assetId}?exp=${exp}&sig=${signature(assetId, exp, secret())}`;
}

/** True only for an unexpired link signed for exactly this asset. */
export function verifyMediaLink(assetId: string, exp: string | null, sig: string | null, now: Date = new Date()): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
  const e = Number(exp);
  if (e * 1000 < now.getTime()) return false;
  let key: string;
  try {
    key = secret();
  } catch {
    return false;
  }
  const want = Buffer.from(signature(assetId, e, key));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

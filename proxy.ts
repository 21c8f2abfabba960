import { NextResponse, type NextRequest } from "next/server";

/**
 * Optimistic only: sends visitors without a session cookie to the sign-in page, adds a request
 * id, and sets the Content-Security-Policy with a per-request nonce. It is never a security
 * boundary: every read and write is checked again in lib/dal.
 */
const PUBLIC_PREFIXES = ["/sign-in", "/api/", "/_next/", "/favicon"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/** Bodies larger than this are refused with 413 before any handler reads them. */
const MAX_BODY_BYTES = 1024 * 1024;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (request.method !== "GET" && request.method !== "HEAD" && length > MAX_BODY_BYTES) {
    return NextResponse.json({ error: { code: "VALIDATION", message: "Request body too large" } }, { status: 413 });
  }
  const requestId = crypto.randomUUID();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const isDev = process.env.NODE_ENV !== "production";
  // Chrome applies form-action to the redirects after a form post too: the sign-in form's
  // redirect to the IdP must be allowed, and nothing else.
  let idpOrigin = "";
  try {
    idpOrigin = process.env.AUTH_OIDC_ISSUER ? new URL(process.env.AUTH_OIDC_ISSUER).origin : "";
  } catch {
    idpOrigin = "";
  }
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${idpOrigin ? ` ${idpOrigin}` : ""}`,
    "frame-ancestors 'none'",
  ].join("; ");

  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  if (!hasSession && !isPublic) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  res.headers.set("x-request-id", requestId);
  // Decided per request (not at build time): HSTS only over https.
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  if (proto === "https") res.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return res;
}

export const config = {
  // /api/assets/upload is left out: it takes bodies up to the media limit (lib/domain/media.ts), checks
  // Content-Length itself before reading, and must not have its body copied for a proxy (Next buffers
  // and truncates that copy at 10 MB). Every other request keeps the 1 MiB cap above.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/assets/upload).*)" }],
};

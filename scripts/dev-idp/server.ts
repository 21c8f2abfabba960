/**
 * The bundled development SSO provider ("dev IdP"): a small but real OpenID Connect server
 * built on oidc-provider v9, standing in for the company IdP during development and tests.
 *
 * - One confidential client (authorization code + PKCE S256, client_secret_basic/post).
 * - Accounts are the demo people from db/seed/people.ts (password "demo" for all).
 * - Our own login page at /interaction/:uid; consent is granted automatically (first party).
 * - Every authorization request asks for the password again (no silent SSO), so after
 *   signing out of the portal you can sign in as somebody else.
 * - RP-initiated logout (end_session) signs out without a confirmation page.
 *
 * Development only: signing keys are generated at start, all state is in memory.
 */
import {
  createHash,
  generateKeyPairSync,
  randomUUID,
  timingSafeEqual,
} from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

import Provider, { errors, interactionPolicy } from "oidc-provider";
import { createMemoryAdapter } from "oidc-provider/lib/adapters/memory_adapter.js";
import type {
  Account,
  Configuration,
  Interaction,
  InteractionPolicy,
  KoaContextWithOIDC,
} from "oidc-provider";

import {
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  type DemoPerson,
} from "../../db/seed/people";

export type DevIdpOptions = {
  /** TCP port; 0 picks a free one (the issuer then uses the chosen port). */
  port: number;
  /**
   * Loopback address to listen on, default "127.0.0.1". With the default (or "localhost") the
   * server also listens on [::1] when the machine has IPv6, so http://localhost:PORT works
   * whichever address family "localhost" resolves to first. Non-loopback hosts are refused.
   */
  host?: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Keys for signing the IdP's cookies; a constant development default otherwise. */
  cookieKeys?: string[];
};

export type DevIdp = { issuer: string; close(): Promise<void> };

/** Not a secret: the dev IdP's cookies only protect throwaway in-memory dev sessions. */
const DEFAULT_COOKIE_KEYS = ["dev-idp-cookie-key-development-only"];

// Prefixed cookie names: cookies are scoped by host, not port, so the IdP on localhost:4001
// and the portal on localhost:3000 share one cookie jar; generic names like "_session" would
// be easy to collide with.
const COOKIE_NAMES = {
  session: "dev_idp_session",
  interaction: "dev_idp_interaction",
  resume: "dev_idp_resume",
};

const SCOPE_CLAIMS = {
  openid: ["sub"],
  profile: ["name", "preferred_username", "locale", "zoneinfo"],
  email: ["email", "email_verified"],
  groups: ["groups"],
};

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

const PEOPLE: readonly DemoPerson[] = DEMO_PEOPLE;
const bySubject = new Map(PEOPLE.map((p) => [p.subject, p]));
const byLoginId = new Map(PEOPLE.map((p) => [p.loginId.toLowerCase(), p]));

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Constant-time string comparison (hashing first makes the lengths equal). */
function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** Checks a login ID + password; the comparison runs even for unknown IDs. */
function verifyLogin(
  loginId: string,
  password: string,
): DemoPerson | undefined {
  const person = byLoginId.get(loginId.trim().toLowerCase());
  const passwordOk = safeEqual(
    password,
    person?.password ?? `\0${randomUUID()}`,
  );
  return person && passwordOk ? person : undefined;
}

function toAccount(person: DemoPerson): Account {
  return {
    accountId: person.subject,
    // The provider filters these down to what the grant's scopes allow.
    claims: () => ({
      sub: person.subject,
      name: person.name,
      preferred_username: person.loginId,
      locale: person.locale,
      zoneinfo: person.zoneinfo,
      email: person.email,
      email_verified: true,
      groups: [...person.groups],
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// HTML pages (self-contained: inline CSS allowed by hash, no external resources)
// ---------------------------------------------------------------------------------------------

function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:32px 16px;background:#f3f6f4;color:#1d2b24;font:15px/1.6 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",Meiryo,sans-serif}
main,section{max-width:440px;margin:0 auto}
.card{background:#fff;border:1px solid #d5e0da;border-radius:12px;padding:28px 28px 24px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.badge{display:inline-block;margin:0 0 12px;padding:2px 8px;border-radius:999px;background:#fff4d6;color:#7a5600;font-size:12px;font-weight:600}
h1{margin:0 0 20px;font-size:20px;line-height:1.35}
h1 span{display:block;font-size:14px;font-weight:500;color:#56675e}
label{display:block;margin:14px 0 4px;font-weight:600;font-size:14px}
input{width:100%;padding:9px 11px;border:1px solid #b5c4bc;border-radius:8px;font:inherit;background:#fff}
input:focus{outline:2px solid #2f7d57;outline-offset:1px;border-color:#2f7d57}
button{margin-top:22px;width:100%;padding:10px;border:0;border-radius:8px;background:#2f7d57;color:#fff;font:inherit;font-weight:700;cursor:pointer}
button:hover{background:#25674a}
.error{margin:0 0 8px;padding:10px 12px;border:1px solid #e4a5a5;border-radius:8px;background:#fdecec;color:#8a1c1c;font-weight:600}
.note{color:#56675e;font-size:13px}
.demo{margin-top:24px}
.demo h2{font-size:14px;margin:0 0 4px}
table{width:100%;border-collapse:collapse;font-size:13px;background:#fff;border:1px solid #d5e0da}
th,td{padding:5px 8px;border-bottom:1px solid #e6ede9;text-align:left;vertical-align:top}
th{background:#eef3f0;font-weight:600}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#eef3f0;padding:1px 4px;border-radius:4px}
`;

// Auto-submits the RP-initiated logout form (so no confirmation page is needed).
const LOGOUT_SCRIPT = "document.forms[0].submit();";

function cspHash(source: string): string {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

/**
 * A strict CSP for our pages. `form-action` must also list the RP origins: browsers apply it
 * to the redirects that follow a form submission (login → resume → redirect_uri, and logout →
 * post_logout_redirect_uri).
 */
function contentSecurityPolicy(
  formTargets: readonly string[],
  withScript = false,
): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(CSS)}`,
    withScript ? `script-src ${cspHash(LOGOUT_SCRIPT)}` : "",
    `form-action 'self' ${formTargets.join(" ")}`.trim(),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]
    .filter(Boolean)
    .join("; ");
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": csp,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
  };
}

function pageShell(title: string, body: string, script = ""): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ""}
</body>
</html>`;
}

const HEADING = `<h1>株式会社あおば 社内SSO<span lang="en">Aoba Corporation SSO (development)</span></h1>`;
const TITLE = "株式会社あおば 社内SSO / Aoba Corporation SSO (development)";
const LOGIN_ERROR =
  "ログインIDまたはパスワードが違います / Wrong login ID or password";

function loginPage(uid: string, failed: boolean): string {
  const rows = PEOPLE.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.loginId)}</code></td>` +
      `<td>${escapeHtml(p.name)}<br><span class="note" lang="en">${escapeHtml(p.nameEn)}</span></td>` +
      `<td>${p.groups.map(escapeHtml).join("<br>")}</td></tr>`,
  ).join("\n");

  return pageShell(
    TITLE,
    `<main class="card">
<p class="badge">開発用 / Development only</p>
${HEADING}
${failed ? `<p class="error" role="alert">${escapeHtml(LOGIN_ERROR)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(encodeURIComponent(uid))}/login" autocomplete="off">
<label for="loginId">ログインID / Login ID</label>
<input id="loginId" name="loginId" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus>
<label for="password">パスワード / Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">サインイン / Sign in</button>
</form>
</main>
<section class="demo" aria-labelledby="demo-accounts">
<h2 id="demo-accounts" lang="en">Demo accounts (development only)</h2>
<p class="note">The password for all accounts is <code>${escapeHtml(DEMO_PASSWORD)}</code>. / パスワードはすべて <code>${escapeHtml(DEMO_PASSWORD)}</code> です。</p>
<table>
<thead><tr><th scope="col">Login ID</th><th scope="col">Name</th><th scope="col">Groups</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`,
  );
}

function messagePage(message: string, detail?: string): string {
  return pageShell(
    TITLE,
    `<main class="card">
<p class="badge">開発用 / Development only</p>
${HEADING}
<p>${escapeHtml(message)}</p>
${detail ? `<p class="note"><code>${escapeHtml(detail)}</code></p>` : ""}
</main>`,
  );
}

const EXPIRED_MESSAGE =
  "このサインイン要求は期限切れか無効です。ポータルからもう一度サインインしてください。 / " +
  "This sign-in request has expired or is invalid. Please start again from the portal.";

// ---------------------------------------------------------------------------------------------
// Provider configuration
// ---------------------------------------------------------------------------------------------

/**
 * The default policy plus one extra login check: ask for the password on every authorization
 * request. A provider session alone never satisfies the login prompt; only a login submitted
 * within this very authorization request does (`ctx.oidc.result.login`, which the consent
 * step carries along because it is finished with mergeWithLastSubmission: true).
 */
function buildPolicy(): InteractionPolicy {
  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  policy
    .get("login")
    ?.checks.add(
      new Check(
        "dev_idp_always_login",
        "the development IdP asks for the password on every authorization request",
        (ctx) =>
          ctx.oidc.result?.login
            ? Check.NO_NEED_TO_PROMPT
            : Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

function signingJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    ...privateKey.export({ format: "jwk" }),
    kid: `dev-${randomUUID()}`,
    alg: "RS256",
    use: "sig",
  };
}

function origins(uris: readonly string[]): string[] {
  return [...new Set(uris.map((u) => new URL(u).origin))];
}

function buildConfiguration(
  opts: DevIdpOptions,
  formTargets: readonly string[],
): Configuration {
  return {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        post_logout_redirect_uris: opts.postLogoutRedirectUris ?? [],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // Registered as basic, but oidc-provider accepts client_secret_post for it as well.
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "RS256",
      },
    ],
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    responseTypes: ["code"],
    // "profile", "email" and "groups" become scopes through `claims` below.
    scopes: ["openid"],
    claims: SCOPE_CLAIMS,
    // Put the scope claims into the ID token too (next-auth builds the profile from it).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          // Skip the "do you want to sign out?" question: submit logout=yes straight away.
          const autoForm = form.replace(
            "</form>",
            '<input type="hidden" name="logout" value="yes"/></form>',
          );
          ctx.set(
            "Content-Security-Policy",
            contentSecurityPolicy(formTargets, true),
          );
          ctx.type = "html";
          ctx.body = pageShell(
            TITLE,
            `<main class="card">${HEADING}<p>サインアウトしています… / Signing out…</p>${autoForm}` +
              `<noscript><button type="submit" form="op.logoutForm">サインアウト / Sign out</button></noscript></main>`,
            LOGOUT_SCRIPT,
          );
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.set(
            "Content-Security-Policy",
            contentSecurityPolicy(formTargets),
          );
          ctx.type = "html";
          ctx.body = messagePage(
            "サインアウトしました。 / You have been signed out.",
          );
        },
      },
    },
    interactions: {
      policy: buildPolicy(),
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    findAccount: (_ctx, sub) => {
      const person = bySubject.get(sub);
      return person ? toAccount(person) : undefined;
    },
    // The provider's own in-memory store, passed explicitly: when left to default, the provider
    // prints a "you MUST change the adapter" warning at every start. In memory is the point here.
    adapter: createMemoryAdapter(15), // 15 s = the provider's default clockTolerance
    jwks: { keys: [signingJwk()] },
    cookies: {
      keys: opts.cookieKeys?.length ? opts.cookieKeys : DEFAULT_COOKIE_KEYS,
      names: COOKIE_NAMES,
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
    },
    // Explicit lifetimes (seconds); this also silences the provider's "you SHOULD change" notices.
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    // The portal talks to the IdP server-side; browsers never call it cross-origin.
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.set("Content-Security-Policy", contentSecurityPolicy([]));
      ctx.type = "html";
      ctx.body = messagePage(
        "サインインを続行できませんでした。 / The sign-in request could not be processed.",
        `${out.error}${out.error_description ? `: ${String(out.error_description)}` : ""}`,
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Interaction routes (/interaction/:uid and /interaction/:uid/login)
// ---------------------------------------------------------------------------------------------

class BodyError extends Error {
  constructor(readonly status: number) {
    super(`request body rejected (${status})`);
  }
}

async function readForm(
  req: http.IncomingMessage,
  limit = 16 * 1024,
): Promise<URLSearchParams> {
  const type = (req.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new BodyError(415);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new BodyError(413);
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(
  res: http.ServerResponse,
  status: number,
  html: string,
  csp: string,
): void {
  res.writeHead(status, securityHeaders(csp));
  res.end(html);
}

const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?\/?$/;

function interactionHandler(
  provider: Provider,
  formTargets: readonly string[],
) {
  const csp = contentSecurityPolicy(formTargets);

  /** Grants the client everything it asked for (first-party client: no consent page). */
  async function autoConsent(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    details: Interaction,
  ) {
    const accountId = details.session?.accountId;
    const clientId = details.params.client_id;
    if (!accountId || typeof clientId !== "string")
      throw new errors.SessionNotFound("no signed-in account");

    const existing = details.grantId
      ? await provider.Grant.find(details.grantId)
      : undefined;
    const grant = existing ?? new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope?.length)
      grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims?.length)
      grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(
      missing.missingResourceScopes ?? {},
    )) {
      grant.addResourceScope(resource, scopes.join(" "));
    }
    const grantId = await grant.save();

    // mergeWithLastSubmission: true keeps the `login` result of this authorization request,
    // which the "always login" check (buildPolicy) looks for.
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  async function login(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    details: Interaction,
  ) {
    const form = await readForm(req);
    const person = verifyLogin(
      form.get("loginId") ?? "",
      form.get("password") ?? "",
    );
    if (!person) {
      sendHtml(res, 401, loginPage(details.uid, true), csp);
      return;
    }

    // Start from a fresh provider session: drop the one this browser may still hold from an
    // earlier sign-in. Otherwise signing in as somebody else would make oidc-provider first
    // show an extra "sign out the previous account" round trip.
    if (details.session?.uid) {
      const previous = await provider.Session.findByUid(details.session.uid);
      await previous?.destroy();
      delete details.session;
      await details.persist();
    }

    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: person.subject } },
      { mergeWithLastSubmission: false },
    );
  }

  /** Returns false when the request is not for an interaction route. */
  return async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<boolean> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/interaction" && !path.startsWith("/interaction/"))
      return false;

    const match = INTERACTION_PATH.exec(path);
    const uid = match?.[1];
    const isLogin = Boolean(match?.[2]);
    const method = req.method ?? "GET";
    if (
      !uid ||
      (isLogin ? method !== "POST" : method !== "GET" && method !== "HEAD")
    ) {
      sendHtml(res, match ? 405 : 404, messagePage("Not found"), csp);
      return true;
    }

    try {
      // Looks the interaction up by its cookie; it must be the one named in the URL.
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid)
        throw new errors.SessionNotFound("interaction uid mismatch");

      if (details.prompt.name === "login") {
        if (isLogin) await login(req, res, details);
        else sendHtml(res, 200, loginPage(uid, false), csp);
      } else if (details.prompt.name === "consent" && !isLogin) {
        await autoConsent(req, res, details);
      } else {
        throw new errors.SessionNotFound(
          `unexpected prompt ${details.prompt.name}`,
        );
      }
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
      } else if (err instanceof errors.SessionNotFound) {
        sendHtml(res, 400, messagePage(EXPIRED_MESSAGE), csp);
      } else if (err instanceof BodyError) {
        sendHtml(res, err.status, messagePage("Bad request"), csp);
      } else {
        console.error(
          `dev IdP: interaction error: ${err instanceof Error ? err.message : String(err)}`,
        );
        sendHtml(res, 500, messagePage("Internal error"), csp);
      }
    }
    return true;
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP servers
// ---------------------------------------------------------------------------------------------

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

function listen(
  server: http.Server,
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen({ port, host, exclusive: true });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive connections (e.g. from fetch) would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/** Errors meaning "this machine has no usable IPv6 loopback", which is fine to skip. */
function ipv6Unavailable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return (
    code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT" || code === "EINVAL"
  );
}

/**
 * Binds the loopback listener(s). Returns the servers and the port they share.
 * With port 0 the IPv4 listener picks the port; if [::1] has that port taken we retry.
 */
async function bindServers(
  port: number,
  host: string,
  handler: http.RequestListener,
): Promise<{ servers: http.Server[]; port: number }> {
  const primaryHost = host === "localhost" ? "127.0.0.1" : host;
  const alsoIpv6 = primaryHost === "127.0.0.1";

  for (let attempt = 0; ; attempt++) {
    const primary = http.createServer(handler);
    await listen(primary, port, primaryHost);
    const boundPort = (primary.address() as AddressInfo).port;
    if (!alsoIpv6) return { servers: [primary], port: boundPort };

    const secondary = http.createServer(handler);
    try {
      await listen(secondary, boundPort, "::1");
      return { servers: [primary, secondary], port: boundPort };
    } catch (err) {
      if (ipv6Unavailable(err)) return { servers: [primary], port: boundPort };
      await closeServer(primary);
      const inUse = (err as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!(inUse && port === 0 && attempt < 5)) {
        throw new Error(
          `dev IdP: cannot listen on [::1]:${boundPort} (${String(err)})`,
          { cause: err },
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

export async function startDevIdp(opts: DevIdpOptions): Promise<DevIdp> {
  const host = opts.host ?? "127.0.0.1";
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(
      `dev IdP: refusing to listen on non-loopback host "${host}"`,
    );
  }
  if (opts.redirectUris.length === 0)
    throw new Error("dev IdP: at least one redirect URI is required");

  const formTargets = origins([
    ...opts.redirectUris,
    ...(opts.postLogoutRedirectUris ?? []),
  ]);

  // The issuer depends on the port, which with port 0 is only known after binding, so the
  // servers start with a placeholder handler that is swapped once the provider exists.
  let app: http.RequestListener = (_req, res) => {
    res.writeHead(503).end();
  };
  const { servers, port } = await bindServers(opts.port, host, (req, res) =>
    app(req, res),
  );

  // Next 16 (and our redirect URIs) use "localhost", so the issuer does as well.
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, buildConfiguration(opts, formTargets));
  provider.proxy = false; // never trust X-Forwarded-* headers

  // Keep the log quiet: one line for genuine server errors, nothing for client errors
  // (those are rendered to the browser / returned as OAuth error responses).
  provider.on("server_error", (_ctx: unknown, err: unknown) => {
    console.error(
      `dev IdP: server error: ${err instanceof Error ? err.message : String(err)}`,
    );
  });
  provider.on("error", (err: unknown) => {
    if ((err as { expose?: boolean }).expose) return;
    console.error(
      `dev IdP: ${err instanceof Error ? err.message : String(err)}`,
    );
  });

  const handleInteraction = interactionHandler(provider, formTargets);
  const oidc = provider.callback();
  app = (req, res) => {
    handleInteraction(req, res).then(
      (handled) => {
        if (!handled) oidc(req, res);
      },
      (err: unknown) => {
        console.error(
          `dev IdP: ${err instanceof Error ? err.message : String(err)}`,
        );
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  };

  let closed: Promise<void> | undefined;
  return {
    issuer,
    close: () =>
      (closed ??= Promise.all(servers.map(closeServer)).then(() => undefined)),
  };
}

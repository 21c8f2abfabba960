/**
 * The bundled dev IdP, driven end to end over HTTP like a browser + an RP would:
 * authorization code + PKCE, our login page, automatic consent, token, userinfo, logout.
 */
import { createHash, randomBytes } from "node:crypto";

import { describe, it, expect, beforeAll, afterAll } from "vitest";

import { DEMO_PEOPLE } from "../../db/seed/people";
import { startDevIdp } from "../../scripts/dev-idp/server";

const CLIENT_ID = "sns-portal";
const CLIENT_SECRET = "test-client-secret";
const REDIRECT_URI = "http://localhost:3000/api/auth/callback/company-sso";
const POST_LOGOUT_URI = "http://localhost:3000/sign-in";

let idp: Awaited<ReturnType<typeof startDevIdp>>;

beforeAll(async () => {
  idp = await startDevIdp({
    port: 0,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT_URI],
    postLogoutRedirectUris: [POST_LOGOUT_URI],
  });
});

afterAll(async () => {
  await idp?.close();
});

function person(loginId: string) {
  const p = DEMO_PEOPLE.find((x) => x.loginId === loginId);
  if (!p) throw new Error(`no demo person ${loginId}`);
  return p;
}

/** A tiny cookie-carrying "browser": manual redirects, path-aware cookie jar. */
class Browser {
  private jar = new Map<
    string,
    { name: string; value: string; path: string }
  >();

  private cookieHeader(url: URL): string {
    return [...this.jar.values()]
      .filter(
        (c) =>
          url.pathname === c.path ||
          url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  private store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = "/";
      let expired = value === "";
      for (const attr of attrs) {
        const [k = "", v = ""] = attr.split("=");
        if (k.toLowerCase() === "path") path = v || "/";
        if (k.toLowerCase() === "expires" && new Date(v).getTime() < Date.now())
          expired = true;
        if (k.toLowerCase() === "max-age" && Number(v) <= 0) expired = true;
      }
      const key = `${name}|${path}`;
      if (expired) this.jar.delete(key);
      else this.jar.set(key, { name, value, path });
    }
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, idp.issuer);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie) headers.set("cookie", cookie);
    if (!headers.has("accept")) headers.set("accept", "text/html");
    const res = await fetch(target, { ...init, headers, redirect: "manual" });
    this.store(res);
    return res;
  }

  /** Follows redirects while they stay on the IdP; returns the last response and its URL. */
  async follow(
    res: Response,
    from: string | URL,
  ): Promise<{ res: Response; url: URL }> {
    let url = new URL(from, idp.issuer);
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location)
        return { res, url };
      url = new URL(location, url);
      if (url.origin !== new URL(idp.issuer).origin) return { res, url };
      res = await this.request(url);
    }
    throw new Error("too many redirects");
  }
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

function authorizeUrl(params: Record<string, string | undefined>): URL {
  const url = new URL("/auth", idp.issuer);
  for (const [k, v] of Object.entries(params))
    if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

/** Starts an authorization request and follows it to the login page. */
async function openLoginPage(browser: Browser) {
  const { verifier, challenge } = pkce();
  const state = randomBytes(12).toString("base64url");
  const nonce = randomBytes(12).toString("base64url");
  const start = authorizeUrl({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid profile email groups",
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const { res, url } = await browser.follow(
    await browser.request(start),
    start,
  );
  return { res, url, html: await res.text(), verifier, state, nonce };
}

/** Submits the login form and follows the redirects back to the RP's redirect_uri. */
async function submitLogin(
  browser: Browser,
  pageUrl: URL,
  loginId: string,
  password: string,
) {
  const action = new URL(`${pageUrl.pathname}/login`, idp.issuer);
  const res = await browser.request(action, form({ loginId, password }));
  return browser.follow(res, action);
}

async function exchangeCode(
  code: string,
  verifier: string,
  auth: "basic" | "post" = "basic",
) {
  const body: Record<string, string> = {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  };
  const headers: Record<string, string> = { accept: "application/json" };
  if (auth === "basic") {
    headers.authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
  } else {
    Object.assign(body, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  }
  return fetch(new URL("/token", idp.issuer), {
    method: "POST",
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(body).toString(),
  });
}

function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const [, payload = ""] = jwt.split(".");
  return JSON.parse(
    Buffer.from(payload, "base64url").toString("utf8"),
  ) as Record<string, unknown>;
}

describe("dev IdP", () => {
  it("publishes discovery metadata for a localhost issuer", async () => {
    expect(idp.issuer).toMatch(/^http:\/\/localhost:\d+$/);
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(idp.issuer);
    expect(meta.code_challenge_methods_supported).toEqual(["S256"]);
    expect(meta.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "groups"]),
    );
    expect(meta.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
  });

  it("runs a full authorization code + PKCE flow with the login page", async () => {
    const browser = new Browser();
    const multi = person("multi");

    // 1. The authorization request lands on our HTML login page.
    const page = await openLoginPage(browser);
    expect(page.res.status).toBe(200);
    expect(page.url.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    expect(page.res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.res.headers.get("content-security-policy")).toContain(
      "default-src 'none'",
    );
    expect(page.html).toContain("株式会社あおば 社内SSO");
    expect(page.html).toContain("Aoba Corporation SSO (development)");
    expect(page.html).toContain(
      `<form method="post" action="${page.url.pathname}/login"`,
    );
    expect(page.html).toMatch(
      /<label for="loginId">ログインID \/ Login ID<\/label>/,
    );
    expect(page.html).toMatch(
      /<input id="loginId" name="loginId"[^>]*autofocus/,
    );
    expect(page.html).toMatch(
      /<input id="password" name="password" type="password"/,
    );
    expect(page.html).toContain("サインイン / Sign in");
    expect(page.html).toContain("Demo accounts (development only)");
    expect(page.html).toContain("<code>multi</code>");
    expect(page.html).not.toContain("ログインIDまたはパスワードが違います");

    // 2. A wrong password re-renders the page with 401 and an error, and issues no code.
    const wrong = await browser.request(
      new URL(`${page.url.pathname}/login`, idp.issuer),
      form({ loginId: "multi", password: "nope" }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("location")).toBeNull();
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain(
      "ログインIDまたはパスワードが違います / Wrong login ID or password",
    );
    expect(wrongHtml).not.toContain("code=");

    // 3. The right password goes (via automatic consent) back to the redirect_uri.
    const done = await submitLogin(browser, page.url, "multi", "demo");
    expect(done.url.origin + done.url.pathname).toBe(REDIRECT_URI);
    expect(done.url.searchParams.get("state")).toBe(page.state);
    expect(done.url.searchParams.get("iss")).toBe(idp.issuer);
    const code = done.url.searchParams.get("code");
    expect(code).toBeTruthy();

    // 4. Token exchange with the PKCE verifier and client_secret_basic.
    const tokenRes = await exchangeCode(code!, page.verifier, "basic");
    expect(tokenRes.status).toBe(200);
    const tokens = (await tokenRes.json()) as {
      id_token: string;
      access_token: string;
      token_type: string;
    };
    expect(tokens.token_type).toBe("Bearer");

    const claims = decodeJwtPayload(tokens.id_token);
    expect(claims.iss).toBe(idp.issuer);
    expect(claims.aud).toBe(CLIENT_ID);
    expect(claims.nonce).toBe(page.nonce);
    expect(claims.sub).toBe(multi.subject);
    expect(claims.name).toBe(multi.name);
    expect(claims.preferred_username).toBe("multi");
    expect(claims.email).toBe(multi.email);
    expect(claims.email_verified).toBe(true);
    expect(claims.locale).toBe(multi.locale);
    expect(claims.zoneinfo).toBe(multi.zoneinfo);
    expect(claims.groups).toEqual([...multi.groups]);
    expect(claims.groups).toEqual(
      expect.arrayContaining(["sns-creators", "sns-community"]),
    );

    // 5. Userinfo returns the same claims, groups included.
    const meRes = await fetch(new URL("/me", idp.issuer), {
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        accept: "application/json",
      },
    });
    expect(meRes.status).toBe(200);
    const me = (await meRes.json()) as Record<string, unknown>;
    expect(me).toMatchObject({
      sub: multi.subject,
      name: multi.name,
      email: multi.email,
      email_verified: true,
    });
    expect(me.groups).toEqual([...multi.groups]);

    // 6. The code is single-use.
    const again = await exchangeCode(code!, page.verifier, "basic");
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe(
      "invalid_grant",
    );

    // 7. A second authorization request in the same browser asks for the password again,
    //    and signing in as somebody else works straight away (client_secret_post this time).
    const second = await openLoginPage(browser);
    expect(second.res.status).toBe(200);
    expect(second.url.pathname).toMatch(/^\/interaction\//);
    expect(second.html).toContain('name="password"');

    const manager = person("manager");
    const done2 = await submitLogin(browser, second.url, "manager", "demo");
    expect(done2.url.origin + done2.url.pathname).toBe(REDIRECT_URI);
    expect(done2.url.searchParams.get("state")).toBe(second.state);
    const tokenRes2 = await exchangeCode(
      done2.url.searchParams.get("code")!,
      second.verifier,
      "post",
    );
    expect(tokenRes2.status).toBe(200);
    const claims2 = decodeJwtPayload(
      ((await tokenRes2.json()) as { id_token: string }).id_token,
    );
    expect(claims2.sub).toBe(manager.subject);
    expect(claims2.groups).toEqual([...manager.groups]);
    expect(claims2.nonce).toBe(second.nonce);
  });

  it("rejects a wrong code_verifier and wrong client credentials", async () => {
    const browser = new Browser();
    const page = await openLoginPage(browser);
    const done = await submitLogin(browser, page.url, "creator", "demo");
    const code = done.url.searchParams.get("code")!;

    const badSecret = await fetch(new URL("/token", idp.issuer), {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:wrong`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: page.verifier,
      }).toString(),
    });
    expect(badSecret.status).toBe(401);

    const badVerifier = await exchangeCode(code, pkce().verifier);
    expect(badVerifier.status).toBe(400);
    expect(((await badVerifier.json()) as { error: string }).error).toBe(
      "invalid_grant",
    );
  });

  it("refuses an unregistered redirect_uri without redirecting to it", async () => {
    const { challenge } = pkce();
    const res = await fetch(
      authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: "http://localhost:3999/evil/callback",
        response_type: "code",
        scope: "openid",
        state: "s",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
      { redirect: "manual", headers: { accept: "text/html" } },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("redirect_uri");
  });

  it("refuses an authorization request without a PKCE code_challenge", async () => {
    const res = await fetch(
      authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: "openid profile",
        state: "no-pkce",
      }),
      { redirect: "manual", headers: { accept: "text/html" } },
    );
    const location = new URL(res.headers.get("location") ?? "", REDIRECT_URI);
    expect(res.status).toBe(303);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("code")).toBeNull();
    expect(location.searchParams.get("state")).toBe("no-pkce");
  });

  it("expires a login form whose interaction cookie is missing", async () => {
    const browser = new Browser();
    const page = await openLoginPage(browser);
    // A different browser (no interaction cookie) cannot submit it.
    const res = await new Browser().request(
      new URL(`${page.url.pathname}/login`, idp.issuer),
      form({ loginId: "multi", password: "demo" }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("signs out through end_session without a confirmation question", async () => {
    const browser = new Browser();
    const page = await openLoginPage(browser);
    const done = await submitLogin(browser, page.url, "legal", "demo");
    const tokenRes = await exchangeCode(
      done.url.searchParams.get("code")!,
      page.verifier,
    );
    const { id_token } = (await tokenRes.json()) as { id_token: string };

    const endUrl = new URL("/session/end", idp.issuer);
    endUrl.searchParams.set("id_token_hint", id_token);
    endUrl.searchParams.set("post_logout_redirect_uri", POST_LOGOUT_URI);
    endUrl.searchParams.set("state", "bye");
    const end = await browser.request(endUrl);
    expect(end.status).toBe(200);
    const html = await end.text();
    // An auto-submitting form that already says logout=yes.
    expect(html).toContain('name="logout" value="yes"');
    const csp = end.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'sha256-");
    expect(csp).toContain("http://localhost:3000");

    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? "";
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const confirm = await browser.request(
      action,
      form({ xsrf, logout: "yes" }),
    );
    expect(confirm.status).toBe(303);
    const back = new URL(confirm.headers.get("location") ?? "");
    expect(back.origin + back.pathname).toBe(POST_LOGOUT_URI);
    expect(back.searchParams.get("state")).toBe("bye");

    // Afterwards a new authorization request shows the login page.
    const next = await openLoginPage(browser);
    expect(next.url.pathname).toMatch(/^\/interaction\//);
    expect(next.html).toContain('name="password"');
  });
});

/**
 * Exercises the whole authorization matrix (tests/authz/matrix.ts) over HTTP: every route
 * handler and every Server Action, as every demo person (sessions from the real SSO setup),
 * as a person with no role, and anonymously. A denied call must change nothing.
 */
import { test, expect, request as pwRequest, type APIRequestContext } from "@playwright/test";
import { CALLERS, ENTRY_POINTS, outcomeFor, type Caller } from "../tests/authz/matrix";
import { storageStatePath } from "./support/personas";
import { actionIndex, callAction } from "./support/actions";
import { stateFingerprint } from "./support/db";

const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const actions = actionIndex();

/** "forged" carries a made-up session cookie: the proxy lets it through, the server must not. */
type AnyCaller = Caller | "forged";

async function contextFor(caller: AnyCaller): Promise<APIRequestContext> {
  if (caller === "forged") {
    const host = new URL(baseURL).hostname;
    return pwRequest.newContext({
      baseURL,
      storageState: {
        cookies: [{ name: "authjs.session-token", value: "0".repeat(64), domain: host, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }],
        origins: [],
      },
    });
  }
  return pwRequest.newContext({ baseURL, storageState: caller === "anonymous" ? undefined : storageStatePath(caller) });
}

test.describe.configure({ mode: "serial" });

for (const entry of ENTRY_POINTS) {
  test(`${entry.id}`, async () => {
    for (const caller of [...CALLERS, "forged"] as AnyCaller[]) {
      const expected = outcomeFor(entry, caller === "forged" ? "anonymous" : caller);
      if (entry.endsSession && expected === "A") continue; // would sign the shared persona out
      const ctx = await contextFor(caller);
      try {
        const before = await stateFingerprint();
        if (entry.id.startsWith("route ")) {
          const [, method, p] = entry.id.split(" ");
          const url = entry.url ?? p!;
          const res = await ctx.fetch(url, { method, maxRedirects: 0, failOnStatusCode: false, headers: { origin: baseURL } });
          const st = res.status();
          if (expected === "F") expect(st, `${caller} → ${entry.id}`).toBe(403);
          else if (expected === "U") expect(st, `${caller} → ${entry.id}`).toBe(401);
          else expect(entry.publicStatuses ?? [200, 204, 302, 303, 400, 422], `${caller} → ${entry.id} (${st})`).toContain(st);
          if (expected === "F" || expected === "U") {
            const body = await res.text();
            expect(body).not.toMatch(/"(users|events|rows)":\s*\[\s*\{/);
          }
        } else {
          const a = actions.get(entry.id);
          expect(a, `${entry.id} is not in the build's server-reference manifest`).toBeDefined();
          const page = a!.pages[0] ?? "/";
          const r = await callAction(ctx, baseURL, page, a!.id, entry.sample ?? {});
          if (expected === "F") {
            expect(r.code, `${caller} → ${entry.id}: ${r.status} ${r.body.slice(0, 200)}`).toBe("FORBIDDEN");
          } else if (expected === "U") {
            // Without a session the proxy sends the browser to sign in before anything runs.
            const refused = r.code === "UNAUTHENTICATED" || (r.status >= 300 && r.status < 400 && (r.location ?? "").includes("/sign-in"));
            expect(refused, `${caller} → ${entry.id}: ${r.status} ${r.location} ${r.code}`).toBe(true);
          } else {
            expect(["FORBIDDEN", "UNAUTHENTICATED"], `${caller} → ${entry.id}: ${r.body.slice(0, 200)}`).not.toContain(r.code);
            expect(r.status, `${caller} → ${entry.id}`).toBeLessThan(500);
          }
        }
        if (expected === "F" || expected === "U") {
          expect(await stateFingerprint(), `${caller} → ${entry.id} changed data`).toBe(before);
        }
      } finally {
        await ctx.dispose();
      }
    }
  });
}

/**
 * Malformed, oversized and hostile input at every endpoint an admin can reach: each answers a
 * clear refusal (VALIDATION / 4xx) and nothing is persisted.
 */
import { test, expect, request as pwRequest } from "@playwright/test";
import { storageStatePath } from "./support/personas";
import { actionIndex, callAction } from "./support/actions";
import { stateFingerprint } from "./support/db";

const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const actions = actionIndex();
const HUGE = "あ".repeat(100_000);
const HOSTILE: unknown[] = [
  null,
  "a string",
  42,
  [],
  [{ userId: "usr_ghost", role: "admin" }],
  { userId: "", role: "admin" },
  { userId: "usr_ghost", role: "superuser" },
  { userId: HUGE, role: "pr" },
  { userId: { $ne: null }, role: "pr" },
  { userId: "usr_ghost'; drop table users; --", role: "pr" },
  { groupName: "<script>alert(1)</script>".repeat(40), role: "pr" },
  { groupName: "   ", role: "pr" },
  { groupName: "ok", role: ["pr", "admin"] },
  { id: "" },
  { id: "x".repeat(5000) },
  { locale: "ja\u0000" },
  { locale: "<img src=x onerror=alert(1)>" },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
];

const ADMIN_ACTIONS = [
  "grantRoleAction",
  "revokeRoleAction",
  "deactivateUserAction",
  "reactivateUserAction",
  "createGroupMappingAction",
  "deleteGroupMappingAction",
].map((n) => `action app/(portal)/admin/actions.ts#${n}`);

test("admin actions refuse hostile input with VALIDATION (or NOT_FOUND) and change nothing", async () => {
  const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath("admin") });
  try {
    for (const id of [...ADMIN_ACTIONS, "action app/(portal)/actions.ts#updateLocaleAction"]) {
      const a = actions.get(id)!;
      expect(a, id).toBeDefined();
      for (const input of HOSTILE) {
        const before = await stateFingerprint();
        const r = await callAction(ctx, baseURL, a.pages[0] ?? "/", a.id, input);
        expect(r.status, `${id} ← ${JSON.stringify(input)?.slice(0, 80)}`).toBeLessThan(500);
        expect(r.ok, `${id} accepted ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
        expect(["VALIDATION", "NOT_FOUND", "CONFLICT"], `${id} ← ${JSON.stringify(input)?.slice(0, 80)}: ${r.body.slice(0, 160)}`).toContain(r.code);
        expect(r.body).not.toMatch(/at \w+ \(|node_modules|postgres|drizzle/i);
        expect(await stateFingerprint()).toBe(before);
      }
    }
  } finally {
    await ctx.dispose();
  }
});

test("a body over the size limit is refused before anything runs", async () => {
  const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath("admin") });
  try {
    const a = actions.get("action app/(portal)/admin/actions.ts#createGroupMappingAction")!;
    const before = await stateFingerprint();
    const r = await callAction(ctx, baseURL, a.pages[0] ?? "/", a.id, { groupName: "x".repeat(3_000_000), role: "pr" });
    expect(r.status).toBe(413);
    expect(r.ok).toBe(false);
    expect(await stateFingerprint()).toBe(before);
  } finally {
    await ctx.dispose();
  }
});

test("the audit export refuses malformed filters with 422 and writes nothing", async () => {
  const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath("admin") });
  try {
    for (const q of ["from=not-a-date", "to=2026-13-45", "from=2026-02-01&to=2026-01-01", `actor=${"x".repeat(5000)}`, "action=%00"]) {
      const before = await stateFingerprint();
      const res = await ctx.get(`/api/admin/audit/export?${q}`, { failOnStatusCode: false });
      expect(res.status(), q).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe("VALIDATION");
      expect(await stateFingerprint()).toBe(before);
    }
  } finally {
    await ctx.dispose();
  }
});

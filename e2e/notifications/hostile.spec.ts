/**
 * Malformed, oversized and hostile input at every notifications endpoint: a clear refusal
 * (VALIDATION / NOT_FOUND / 4xx) and nothing persisted — no read marker, no e-mail choice, no webhook.
 */
import { test, expect, request as pwRequest } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { actionIndex, callAction } from "../support/actions";
import { stateFingerprint, testSql } from "../support/db";

const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const actions = actionIndex();
const HUGE = "あ".repeat(100_000);
const HOSTILE: unknown[] = [
  null,
  "a string",
  42,
  [],
  {},
  { id: "" },
  { id: "x".repeat(5000) },
  { id: "00000000-0000-4000-8000-000000000000" },
  { id: "'; update notifications set read_at = now(); --" },
  { id: { $ne: null } },
  { before: "yesterday" },
  { before: HUGE },
  { enabled: "review.requested" },
  { enabled: ["review.requested", "<script>"] },
  { enabled: Array.from({ length: 500 }, () => "review.requested") },
  { name: "x", kind: "slack", url: "http://10.0.0.1/hook" },
  { name: "x", kind: "slack", url: "javascript:alert(1)" },
  { name: "x", kind: "slack", url: "https://user:pw@hooks.example.com/x" },
  { name: "x", kind: "discord", url: "https://hooks.example.com/x" },
  { name: HUGE, kind: "slack", url: "https://hooks.example.com/x" },
  { name: "x", kind: "slack", url: `https://hooks.example.com/${"a".repeat(3000)}` },
  { name: "x", kind: "slack", url: "https://hooks.example.com/x", kinds: ["not.a.kind"] },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
];

async function notificationState(): Promise<string> {
  const [r] = await testSql()`
    select (select count(*) from notifications where read_at is not null) read,
           (select count(*) from notification_email_prefs) prefs,
           (select string_agg(id::text || enabled::text || array_to_string(kinds, ','), ';' order by id) from notification_webhooks) hooks,
           (select count(*) from notification_deliveries) deliveries`;
  return JSON.stringify(r) + (await stateFingerprint());
}

const ENDPOINTS: [string, string][] = [
  ["creator", "action app/(portal)/notifications/actions.ts#markNotificationReadAction"],
  ["creator", "action app/(portal)/notifications/actions.ts#markAllNotificationsReadAction"],
  ["creator", "action app/(portal)/notifications/actions.ts#updateEmailPreferencesAction"],
  ["admin", "action app/(portal)/admin/notifications/actions.ts#createWebhookAction"],
  ["admin", "action app/(portal)/admin/notifications/actions.ts#updateWebhookAction"],
  ["admin", "action app/(portal)/admin/notifications/actions.ts#deleteWebhookAction"],
  ["admin", "action app/(portal)/admin/notifications/actions.ts#testWebhookAction"],
];

test("notification actions refuse hostile input and change nothing", async () => {
  for (const [who, id] of ENDPOINTS) {
    const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath(who) });
    try {
      const a = actions.get(id)!;
      expect(a, id).toBeDefined();
      for (const input of HOSTILE) {
        const before = await notificationState();
        const r = await callAction(ctx, baseURL, a.pages[0] ?? "/", a.id, input);
        const label = `${id} ← ${JSON.stringify(input)?.slice(0, 80)}`;
        expect(r.status, label).toBeLessThan(500);
        expect(r.ok, `${label} was accepted`).toBe(false);
        expect(["VALIDATION", "NOT_FOUND"], `${label}: ${r.body.slice(0, 160)}`).toContain(r.code);
        expect(r.body).not.toMatch(/at \w+ \(|node_modules|postgres|drizzle/i);
        expect(await notificationState(), label).toBe(before);
      }
    } finally {
      await ctx.dispose();
    }
  }
});

test("the bell's feed refuses malformed queries with 422", async () => {
  const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath("pr") });
  try {
    for (const q of ["limit=0", "limit=21", "limit=abc", `limit=${"9".repeat(400)}`, "limit=5&extra=1"]) {
      const res = await ctx.get(`/api/notifications?${q}`);
      expect(res.status(), q).toBe(422);
      expect(await res.text()).not.toMatch(/node_modules|postgres|drizzle/i);
    }
  } finally {
    await ctx.dispose();
  }
});

/**
 * Malformed, oversized and hostile input at every scheduling and blackout action, sent by people
 * who may call them (the manager; PR for blackouts): each answers a clear refusal and nothing —
 * no post, target, window or audit row — changes.
 */
import { test, expect, request as pwRequest } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { actionIndex, callAction } from "../support/actions";
import { testSql } from "../support/db";

const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const actions = actionIndex();
const HUGE = "あ".repeat(100_000);
const FILE = "action app/(portal)/calendar/actions.ts";

/** Everything these actions could change: the posts they are aimed at, their targets, the windows, their audit rows. */
async function fingerprint(postIds: string[]): Promise<string> {
  const [r] = await testSql()<{ p: string; t: string; b: string; a: number }[]>`
    select
      md5(coalesce((select string_agg(id || state::text || coalesce(scheduled_at::text, '-') || updated_at::text, ',' order by id) from posts where id = any(${postIds}::uuid[])), '')) p,
      md5(coalesce((select string_agg(id || state::text || coalesce(scheduled_at::text, '-'), ',' order by id) from post_targets where post_id = any(${postIds}::uuid[])), '')) t,
      md5(coalesce((select string_agg(id || starts_at::text || ends_at::text || reason, ',' order by id) from blackout_windows), '')) b,
      (select count(*)::int from audit_events where action in ('post.scheduled', 'post.rescheduled', 'post.unscheduled', 'post.slot_moved') or action like 'blackout.%') a`;
  return JSON.stringify(r);
}

test("scheduling and blackout actions refuse hostile input and change nothing", async () => {
  const [approved] = await testSql()<{ id: string }[]>`select id from posts where state = 'approved' order by id limit 1`;
  const [draft] = await testSql()<{ id: string }[]>`select id from posts where state = 'draft' and author_id = 'usr_creator' order by id limit 1`;
  const watched = [approved!.id, draft!.id];
  const future = new Date(Date.now() + 40 * 86_400_000).toISOString();
  const past = new Date(Date.now() - 86_400_000).toISOString();
  const COMMON: unknown[] = [
    null,
    "a string",
    42,
    [],
    [{ postId: approved!.id, slotAt: future }],
    { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
  ];
  const SLOT: unknown[] = [
    { postId: "", slotAt: future },
    { postId: "x".repeat(5000), slotAt: future },
    { postId: "00000000-0000-4000-8000-0000000f0000'; drop table posts; --", slotAt: future },
    { postId: { $ne: null }, slotAt: future },
    { postId: approved!.id, slotAt: HUGE },
    { postId: approved!.id, slotAt: past },
    { postId: approved!.id, slotAt: "2027-02-30T10:00" },
    { postId: approved!.id, slotAt: "<img src=x onerror=alert(1)>" },
    { postId: approved!.id, slotAt: { $gt: "" } },
    { postId: approved!.id, slotAt: "9999-12-31T23:59:59Z" },
    { postId: approved!.id, slotAt: future, expectedSlotAt: "yesterday" },
    { postId: approved!.id, slotAt: future, authorId: "usr_admin" },
  ];
  const BLACKOUT: unknown[] = [
    { startsAt: future, endsAt: future, reason: "同じ時刻" },
    { startsAt: future, endsAt: past, reason: "逆" },
    { startsAt: past, endsAt: past, reason: "過去" },
    { startsAt: future, endsAt: "2099-01-01T00:00:00Z", reason: HUGE },
    { startsAt: future, endsAt: "2099-01-01T00:00:00Z", reason: "   " },
    { startsAt: "<script>", endsAt: future, reason: "x" },
    { startsAt: future, endsAt: "2027-12-31T00:00:00Z", reason: "x", brandId: "'; drop table brands; --" },
    { startsAt: future, endsAt: "2027-12-31T00:00:00Z", reason: "x", channelId: "00000000-0000-4000-8000-0000000f0000" },
    { startsAt: future, endsAt: "2027-12-31T00:00:00Z", reason: "x", createdById: "usr_admin" },
    { id: "x".repeat(5000), startsAt: future, endsAt: "2027-12-31T00:00:00Z", reason: "x" },
    { id: "00000000-0000-4000-8000-0000000f0000", startsAt: future, endsAt: "2027-12-31T00:00:00Z", reason: "x" },
  ];
  const cases: [string, string, unknown[]][] = [
    ["manager", `${FILE}#schedulePostAction`, [...COMMON, ...SLOT]],
    ["manager", `${FILE}#rescheduleAction`, [...COMMON, ...SLOT]],
    ["manager", `${FILE}#unschedulePostAction`, [...COMMON, { postId: approved!.id }, { postId: "x".repeat(5000) }]],
    ["creator", `${FILE}#movePlannedSlotAction`, [...COMMON, ...SLOT.map((s) => (s && typeof s === "object" && "postId" in s && s.postId === approved!.id ? { ...s, postId: draft!.id } : s))]],
    ["pr", `${FILE}#createBlackoutAction`, [...COMMON, ...BLACKOUT]],
    ["pr", `${FILE}#updateBlackoutAction`, [...COMMON, ...BLACKOUT]],
    ["pr", `${FILE}#deleteBlackoutAction`, [...COMMON, { id: "" }, { id: "x".repeat(5000) }, { id: "00000000-0000-4000-8000-0000000f0000" }]],
  ];
  for (const [who, id, inputs] of cases) {
    const a = actions.get(id);
    expect(a, id).toBeDefined();
    const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath(who) });
    try {
      for (const input of inputs) {
        const label = `${id} ← ${JSON.stringify(input)?.slice(0, 80)}`;
        const before = await fingerprint(watched);
        const r = await callAction(ctx, baseURL, a!.pages[0] ?? "/", a!.id, input);
        expect(r.status, label).toBeLessThan(500);
        expect(r.ok, `${label} was accepted`).toBe(false);
        expect(["VALIDATION", "NOT_FOUND", "CONFLICT"], `${label}: ${r.body.slice(0, 160)}`).toContain(r.code);
        expect(r.body).not.toMatch(/at \w+ \(|node_modules|postgres|drizzle/i);
        expect(await fingerprint(watched), label).toBe(before);
      }
    } finally {
      await ctx.dispose();
    }
  }
});

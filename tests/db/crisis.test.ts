/**
 * Crisis mode on real PostgreSQL (lib/dal/crisis-mode.ts), together with the publisher's claim
 * (lib/dal/publishing.ts claimTarget) that holds a target at its slot: who may switch it, the
 * required reason, one active crisis per scope, the crisis room's lists, and the human choice
 * per held item — race-safe and audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, blackoutWindows, crisisStates, notifications, posts, postTargets } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { createBrand } from "@/db/seed/factories";
import { createScheduledPosts } from "@/db/seed/publishing-factories";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { endCrisis, getCrisisRoom, listCrisisScopeOptions, resolveHeldItem, startCrisis, type HeldItemDto } from "@/lib/dal/crisis-mode";
import { claimTarget } from "@/lib/dal/publishing";
import { auditCount, lastAudit, ROLES, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
const db = () => getDb();
const WHO = [...ROLES, "none"] as const;
const mayManage = (who: Role | "none") => who !== "none" && roleHas(who, "crisis.manage");
const MIN = 60_000;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function expectAppError(p: Promise<unknown>, code: string, message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

const crisisCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(crisisStates))[0]!.n;

/** A fully approved post armed at `slotAt` on the channels (via the publisher's own factory). */
async function scheduled(o: { brandId?: string; channelIds?: string[]; slotAt: Date; kind?: "post" | "statement" | "correction" }) {
  const [p] = await createScheduledPosts(db(), [
    {
      brandId: o.brandId ?? BRAND_IDS.cafe,
      channelIds: o.channelIds ?? [CHANNEL_IDS.cafeX],
      authorId: V.content_creator.id,
      prReviewerId: V.pr.id,
      finalReviewerId: V.social_media_manager.id,
      slotAt: o.slotAt,
      kind: o.kind,
    },
  ]);
  return p!;
}

async function target(id: string) {
  const [t] = await db()
    .select({ state: postTargets.state, heldCrisisId: postTargets.heldCrisisId, scheduledAt: postTargets.scheduledAt, nextAttemptAt: postTargets.nextAttemptAt })
    .from(postTargets)
    .where(eq(postTargets.id, id));
  return t!;
}
async function postRow(id: string) {
  const [p] = await db().select({ state: posts.state, scheduledAt: posts.scheduledAt }).from(posts).where(eq(posts.id, id));
  return p!;
}
async function heldItem(viewer: Viewer, targetId: string): Promise<HeldItemDto> {
  const room = await getCrisisRoom(viewer);
  const item = room.held?.find((h) => h.targetId === targetId);
  expect(item, `target ${targetId} in the held list`).toBeDefined();
  return item!;
}

describe("startCrisis", () => {
  it.each(WHO)("%s: allowed only with crisis.manage, audited", async (who) => {
    const brand = await createBrand(db());
    const before = await crisisCount();
    const p = startCrisis(V[who], { scope: "brand", brandId: brand.id, reason: `${who}: 異物混入の指摘` });
    if (mayManage(who)) {
      const c = await p;
      expect(c).toMatchObject({ scope: "brand", brandId: brand.id, reason: `${who}: 異物混入の指摘`, endedAt: null, heldCount: 0 });
      const a = await lastAudit();
      expect(a).toMatchObject({ action: "crisis.started", actorId: V[who].id, subjectType: "crisis", subjectId: c.id });
      expect(a!.data).toMatchObject({ scope: "brand", brandId: brand.id, reason: `${who}: 異物混入の指摘` });
      await endCrisis(V[who], { crisisId: c.id });
    } else {
      await expectAppError(p, "FORBIDDEN");
      expect(await crisisCount()).toBe(before);
    }
  });

  it.each(["", "   ", "\n\t　"])("a reason is required (%j): VALIDATION, nothing stored, nothing audited", async (reason) => {
    const [before, audits] = [await crisisCount(), await auditCount()];
    const e = await expectAppError(startCrisis(V.pr, { scope: "all", reason }), "VALIDATION", "reason_required");
    expect(e.fieldErrors).toEqual({ reason: ["reason_required"] });
    expect([await crisisCount(), await auditCount()]).toEqual([before, audits]);
  });

  it("scope needs its brand or channel, which must exist; malformed input is VALIDATION", async () => {
    await expectAppError(startCrisis(V.pr, { scope: "brand", reason: "x" }), "VALIDATION", "scope_target_required");
    await expectAppError(startCrisis(V.pr, { scope: "channel", brandId: BRAND_IDS.cafe, reason: "x" }), "VALIDATION", "scope_target_required");
    await expectAppError(startCrisis(V.pr, { scope: "brand", brandId: "00000000-0000-4000-8000-000000000000", reason: "x" }), "VALIDATION", "unknown_brand");
    await expectAppError(startCrisis(V.pr, { scope: "channel", channelId: "00000000-0000-4000-8000-000000000000", reason: "x" }), "VALIDATION", "unknown_channel");
    await expectAppError(startCrisis(V.pr, { scope: "planet" as "all", reason: "x" }), "VALIDATION");
    await expectAppError(startCrisis(V.pr, { scope: "all", reason: "x", extra: 1 } as never), "VALIDATION");
    await expectAppError(startCrisis(V.pr, { scope: "all", reason: "あ".repeat(2_001) }), "VALIDATION");
  });

  it("one active crisis per identical scope: a second start is CONFLICT; other scopes may overlap; after the end it may start again", async () => {
    const brand = await createBrand(db());
    const first = await startCrisis(V.social_media_manager, { scope: "brand", brandId: brand.id, reason: "炎上対応" });
    const before = await auditCount("crisis.started");
    await expectAppError(startCrisis(V.pr, { scope: "brand", brandId: brand.id, reason: "同じ範囲" }), "CONFLICT", "crisis_already_active");
    expect(await auditCount("crisis.started")).toBe(before);
    const channelWide = await startCrisis(V.pr, { scope: "channel", channelId: CHANNEL_IDS.beautyTiktok, reason: "TikTok での拡散" });
    await expectAppError(startCrisis(V.social_media_manager, { scope: "channel", channelId: CHANNEL_IDS.beautyTiktok, reason: "再度" }), "CONFLICT", "crisis_already_active");
    await endCrisis(V.pr, { crisisId: first.id });
    const again = await startCrisis(V.pr, { scope: "brand", brandId: brand.id, reason: "再燃" });
    expect(again.id).not.toBe(first.id);
    await endCrisis(V.pr, { crisisId: again.id });
    await endCrisis(V.pr, { crisisId: channelWide.id });
  });

  it("eight people starting the same scope at once: exactly one crisis, seven CONFLICT", async () => {
    const brand = await createBrand(db());
    const people = [V.pr, V.social_media_manager, V.pr, V.social_media_manager, V.pr, V.social_media_manager, V.pr, V.social_media_manager];
    const results = await Promise.allSettled(people.map((v, i) => startCrisis(v, { scope: "brand", brandId: brand.id, reason: `同時 ${i}` })));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT", message: "crisis_already_active" });
    const [{ n }] = (await db().execute<{ n: number }>(sql`select count(*)::int as n from crisis_states where brand_id = ${brand.id}`)) as unknown as [{ n: number }];
    expect(n).toBe(1);
    await endCrisis(V.pr, { crisisId: (ok[0] as PromiseFulfilledResult<{ id: string }>).value.id });
  });

  it("everyone with crisis.read is notified on start and on end, linking to the crisis room", async () => {
    const brand = await createBrand(db(), { name: "通知テスト" });
    const c = await startCrisis(V.pr, { scope: "brand", brandId: brand.id, reason: "通知の確認" });
    const started = await db()
      .select({ userId: notifications.userId, link: notifications.link, params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.kind, "crisis.started"), eq(notifications.dedupeKey, `crisis.started:${c.id}`)));
    const ids = started.map((n) => n.userId);
    for (const role of ROLES) expect(ids).toContain(V[role].id);
    expect(ids).not.toContain(V.none.id);
    expect(started[0]).toMatchObject({ link: "/crisis", params: { scopeKind: "brand", scope: "通知テスト", reason: "通知の確認", actorName: V.pr.name } });
    await endCrisis(V.social_media_manager, { crisisId: c.id, reason: "沈静化" });
    const ended = await db().select({ userId: notifications.userId }).from(notifications).where(eq(notifications.dedupeKey, `crisis.ended:${c.id}`));
    expect(ended.length).toBe(started.length);
  });
});

describe("endCrisis", () => {
  it.each(WHO)("%s: allowed only with crisis.manage", async (who) => {
    const brand = await createBrand(db());
    const c = await startCrisis(V.pr, { scope: "brand", brandId: brand.id, reason: "終了権限の確認" });
    const p = endCrisis(V[who], { crisisId: c.id, reason: "収束" });
    if (mayManage(who)) {
      const ended = await p;
      expect(ended.endedAt).toBeInstanceOf(Date);
      expect(ended.endedByName).toBe(V[who].name);
      const a = await lastAudit();
      expect(a).toMatchObject({ action: "crisis.ended", actorId: V[who].id, subjectId: c.id });
      expect(a!.data).toMatchObject({ reason: "収束", stillHeld: 0 });
    } else {
      await expectAppError(p, "FORBIDDEN");
      await endCrisis(V.pr, { crisisId: c.id });
    }
  });

  it("unknown → NOT_FOUND; malformed → VALIDATION; ending twice → CONFLICT", async () => {
    await expectAppError(endCrisis(V.pr, { crisisId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await expectAppError(endCrisis(V.pr, { crisisId: "not-a-uuid" }), "VALIDATION");
    const c = await startCrisis(V.pr, { scope: "channel", channelId: CHANNEL_IDS.cafeLine, reason: "LINE 誤配信" });
    await endCrisis(V.pr, { crisisId: c.id });
    const audits = await auditCount("crisis.ended");
    await expectAppError(endCrisis(V.social_media_manager, { crisisId: c.id }), "CONFLICT", "crisis_already_ended");
    expect(await auditCount("crisis.ended")).toBe(audits);
  });

  it("resume releases nothing: targets that came due during the crisis and were not held yet are held at the end; others untouched", async () => {
    const beautyCh = CHANNEL_IDS.beautyInstagram;
    const c = await startCrisis(V.pr, { scope: "brand", brandId: BRAND_IDS.beauty, reason: "成分表示の誤り" });
    // Due during the crisis, no worker has claimed it yet.
    const due = await scheduled({ brandId: BRAND_IDS.beauty, channelIds: [beautyCh], slotAt: new Date(Date.now() + 1_500) });
    const exempt = await scheduled({ brandId: BRAND_IDS.beauty, channelIds: [CHANNEL_IDS.beautyTiktok], slotAt: new Date(Date.now() + 1_500), kind: "statement" });
    const otherBrand = await scheduled({ brandId: BRAND_IDS.foods, channelIds: [CHANNEL_IDS.foodsX], slotAt: new Date(Date.now() + 1_500) });
    const later = await scheduled({ brandId: BRAND_IDS.beauty, channelIds: [CHANNEL_IDS.beautyYoutube], slotAt: new Date(Date.now() + 60 * MIN) });
    await new Promise((r) => setTimeout(r, 1_700));

    const room = await getCrisisRoom(V.pr);
    const listed = room.held!.find((h) => h.targetId === due.targetIds[0]);
    expect(listed).toMatchObject({ state: "scheduled", covered: true, postId: due.postId });
    expect(room.held!.some((h) => h.targetId === exempt.targetIds[0])).toBe(false);
    expect(room.held!.some((h) => h.targetId === otherBrand.targetIds[0])).toBe(false);

    await endCrisis(V.pr, { crisisId: c.id });
    expect(await target(due.targetIds[0]!)).toMatchObject({ state: "held", heldCrisisId: c.id });
    expect((await target(exempt.targetIds[0]!)).state).toBe("scheduled");
    expect((await target(otherBrand.targetIds[0]!)).state).toBe("scheduled");
    expect((await target(later.targetIds[0]!)).state).toBe("scheduled");
    expect((await lastAudit())!.data).toMatchObject({ heldAtEnd: [due.targetIds[0]], stillHeld: 1 });
    // The publisher never takes a held target, also after the crisis.
    expect(await claimTarget(due.targetIds[0]!, "test-worker")).toEqual({ kind: "skipped", reason: "not_scheduled" });
    // Tidy: these would otherwise show in later lists.
    for (const p of [exempt, otherBrand, later]) await db().update(postTargets).set({ state: "cancelled" }).where(eq(postTargets.postId, p.postId));
    await resolveHeldItem(V.pr, { targetId: due.targetIds[0]!, choice: "cancel", version: (await heldItem(V.pr, due.targetIds[0]!)).version });
  });
});

describe("the crisis room and the held choices", () => {
  it.each(WHO)("%s: reads the room with crisis.read; the held list only with post.read", async (who) => {
    const p = getCrisisRoom(V[who]);
    if (who === "none") return void (await expectAppError(p, "FORBIDDEN"));
    const room = await p;
    expect(Array.isArray(room.active)).toBe(true);
    expect(Array.isArray(room.history)).toBe(true);
    if (roleHas(who, "post.read")) expect(Array.isArray(room.held)).toBe(true);
    else expect(room.held).toBeNull();
  });

  it("scope options: crisis.manage only", async () => {
    expect((await listCrisisScopeOptions(V.pr)).channels.length).toBeGreaterThan(0);
    await expectAppError(listCrisisScopeOptions(V.content_creator), "FORBIDDEN");
  });

  it("the publisher holds a due target while a crisis covers it; statements still go out; publish now waits for the end", async () => {
    const c = await startCrisis(V.social_media_manager, { scope: "all", reason: "地震発生" });
    const post = await scheduled({ slotAt: new Date(Date.now() - 1_000) });
    const statement = await scheduled({ slotAt: new Date(Date.now() - 1_000), channelIds: [CHANNEL_IDS.cafeInstagram], kind: "statement" });
    expect(await claimTarget(post.targetIds[0]!, "test-worker")).toEqual({ kind: "held", crisisId: c.id });
    expect((await claimTarget(statement.targetIds[0]!, "test-worker")).kind).toBe("claimed");
    expect(await target(post.targetIds[0]!)).toMatchObject({ state: "held", heldCrisisId: c.id });
    expect((await postRow(post.postId)).state).toBe("scheduled");

    const item = await heldItem(V.pr, post.targetIds[0]!);
    expect(item).toMatchObject({ state: "held", covered: true, crisisId: c.id, crisisReason: "地震発生", postState: "scheduled" });
    await expectAppError(resolveHeldItem(V.pr, { targetId: item.targetId, choice: "publish_now", version: item.version }), "CONFLICT", "crisis_still_active");

    const ended = await endCrisis(V.social_media_manager, { crisisId: c.id });
    expect(ended).toMatchObject({ heldCount: 1, stillHeld: 1 });
    // Nothing fired by itself: still held after the end.
    expect((await target(post.targetIds[0]!)).state).toBe("held");
    const after = await heldItem(V.pr, post.targetIds[0]!);
    expect(after.covered).toBe(false);

    const audits = await auditCount("crisis.held_choice");
    const r = await resolveHeldItem(V.pr, { targetId: after.targetId, choice: "publish_now", version: after.version });
    expect(r).toMatchObject({ choice: "publish_now", targetState: "scheduled", postState: "scheduled" });
    const t = await target(post.targetIds[0]!);
    expect(t).toMatchObject({ state: "scheduled", heldCrisisId: null, nextAttemptAt: null });
    expect(Math.abs(t.scheduledAt!.getTime() - Date.now())).toBeLessThan(10_000);
    expect((await postRow(post.postId)).scheduledAt!.getTime()).toBe(t.scheduledAt!.getTime());
    expect(await auditCount("crisis.held_choice")).toBe(audits + 1);
    expect((await lastAudit())!.data).toMatchObject({ choice: "publish_now", fromState: "held", toState: "scheduled", crisisId: c.id, targetId: after.targetId });
    // The publisher now takes it.
    expect((await claimTarget(post.targetIds[0]!, "test-worker")).kind).toBe("claimed");
  });

  it("reschedule: a future slot outside every blackout window; the post's slot follows its earliest live target", async () => {
    const c = await startCrisis(V.pr, { scope: "channel", channelId: CHANNEL_IDS.cafeX, reason: "誤情報の拡散" });
    const post = await scheduled({ slotAt: new Date(Date.now() - 1_000), channelIds: [CHANNEL_IDS.cafeX, CHANNEL_IDS.cafeLine] });
    const [onX, onLine] = post.targetIds as [string, string];
    expect((await claimTarget(onX, "w")).kind).toBe("held");
    // The LINE target is out of the crisis's scope: it goes out.
    expect((await claimTarget(onLine, "w")).kind).toBe("claimed");
    await endCrisis(V.pr, { crisisId: c.id });

    const item = await heldItem(V.social_media_manager, onX);
    await expectAppError(resolveHeldItem(V.social_media_manager, { targetId: onX, choice: "reschedule", version: item.version }), "VALIDATION", "slot_required");
    await expectAppError(
      resolveHeldItem(V.social_media_manager, { targetId: onX, choice: "reschedule", version: item.version, slotAt: new Date(Date.now() - MIN).toISOString() }),
      "VALIDATION",
      "slot_in_past",
    );
    await expectAppError(resolveHeldItem(V.social_media_manager, { targetId: onX, choice: "reschedule", version: item.version, slotAt: "明日の朝" }), "VALIDATION", "invalid_slot");
    const start = new Date(Date.now() + 2 * 60 * MIN);
    await db()
      .insert(blackoutWindows)
      .values({ brandId: BRAND_IDS.cafe, startsAt: start, endsAt: new Date(start.getTime() + 60 * MIN), reason: "決算発表前の沈黙期間", createdById: V.pr.id });
    const audits = await auditCount();
    await expectAppError(
      resolveHeldItem(V.social_media_manager, { targetId: onX, choice: "reschedule", version: item.version, slotAt: new Date(start.getTime() + 10 * MIN).toISOString() }),
      "VALIDATION",
      "blackout",
    );
    expect(await auditCount()).toBe(audits);
    expect((await target(onX)).state).toBe("held");

    // A window on another channel of the brand does not block this target.
    const lineOnly = new Date(start.getTime() + 3 * 60 * MIN);
    await db()
      .insert(blackoutWindows)
      .values({ brandId: BRAND_IDS.cafe, channelId: CHANNEL_IDS.cafeLine, startsAt: lineOnly, endsAt: new Date(lineOnly.getTime() + 60 * MIN), reason: "LINE の配信停止", createdById: V.pr.id });
    const slot = new Date(lineOnly.getTime() + 30 * MIN);
    const r = await resolveHeldItem(V.social_media_manager, { targetId: onX, choice: "reschedule", version: item.version, slotAt: slot.toISOString() });
    expect(r).toMatchObject({ targetState: "scheduled", slotAt: slot });
    expect(await target(onX)).toMatchObject({ state: "scheduled", scheduledAt: slot, heldCrisisId: null });
    // LINE is publishing (slot in the past, not live for the min); the X target's slot is the post's.
    expect((await postRow(post.postId)).scheduledAt!.getTime()).toBe(slot.getTime());
    expect((await lastAudit())!.data).toMatchObject({ choice: "reschedule", newSlot: slot.toISOString() });
  });

  it("a datetime-local slot is read in the person's time zone", async () => {
    const c = await startCrisis(V.pr, { scope: "channel", channelId: CHANNEL_IDS.foodsFacebook, reason: "誤表示" });
    const post = await scheduled({ brandId: BRAND_IDS.foods, channelIds: [CHANNEL_IDS.foodsFacebook], slotAt: new Date(Date.now() - 1_000) });
    expect((await claimTarget(post.targetIds[0]!, "w")).kind).toBe("held");
    await endCrisis(V.pr, { crisisId: c.id });
    const item = await heldItem(V.pr, post.targetIds[0]!);
    const year = new Date().getUTCFullYear() + 1;
    await resolveHeldItem(V.pr, { targetId: item.targetId, choice: "reschedule", version: item.version, slotAt: `${year}-01-15T09:30` });
    expect((await target(item.targetId)).scheduledAt!.toISOString()).toBe(`${year}-01-15T00:30:00.000Z`);
  });

  it("cancel: the target is cancelled; the post is cancelled once every target is", async () => {
    const c = await startCrisis(V.pr, { scope: "brand", brandId: BRAND_IDS.cafe, reason: "価格表記の誤り" });
    const post = await scheduled({ slotAt: new Date(Date.now() - 1_000), channelIds: [CHANNEL_IDS.cafeX, CHANNEL_IDS.cafeInstagram] });
    for (const id of post.targetIds) expect((await claimTarget(id, "w")).kind).toBe("held");
    await endCrisis(V.pr, { crisisId: c.id });
    const [a, b] = post.targetIds as [string, string];
    const first = await resolveHeldItem(V.pr, { targetId: a, choice: "cancel", version: (await heldItem(V.pr, a)).version });
    expect(first).toMatchObject({ targetState: "cancelled", postState: "scheduled" });
    expect((await postRow(post.postId)).state).toBe("scheduled");
    const second = await resolveHeldItem(V.pr, { targetId: b, choice: "cancel", version: (await heldItem(V.pr, b)).version });
    expect(second).toMatchObject({ targetState: "cancelled", postState: "cancelled" });
    expect((await postRow(post.postId)).state).toBe("cancelled");
    const trail = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "post"), eq(auditEvents.subjectId, post.postId)))
      .orderBy(auditEvents.id);
    expect(trail.map((t) => t.action).slice(-3)).toEqual(["crisis.held_choice", "crisis.held_choice", "post.cancelled"]);
  });

  it.each(WHO)("%s: a choice needs crisis.manage", async (who) => {
    const c = await startCrisis(V.pr, { scope: "channel", channelId: CHANNEL_IDS.foodsX, reason: `権限 ${who}` });
    const post = await scheduled({ brandId: BRAND_IDS.foods, channelIds: [CHANNEL_IDS.foodsX], slotAt: new Date(Date.now() - 1_000) });
    expect((await claimTarget(post.targetIds[0]!, "w")).kind).toBe("held");
    await endCrisis(V.pr, { crisisId: c.id });
    const item = await heldItem(V.pr, post.targetIds[0]!);
    const p = resolveHeldItem(V[who], { targetId: item.targetId, choice: "cancel", version: item.version });
    if (mayManage(who)) expect(await p).toMatchObject({ targetState: "cancelled" });
    else {
      await expectAppError(p, "FORBIDDEN");
      expect((await target(item.targetId)).state).toBe("held");
      await resolveHeldItem(V.pr, { targetId: item.targetId, choice: "cancel", version: item.version });
    }
  });

  it("unknown target → NOT_FOUND; a stale version → CONFLICT; a target that is not held → CONFLICT; malformed → VALIDATION", async () => {
    await expectAppError(resolveHeldItem(V.pr, { targetId: "00000000-0000-4000-8000-000000000000", choice: "cancel", version: "x" }), "NOT_FOUND");
    await expectAppError(resolveHeldItem(V.pr, { targetId: "nope", choice: "cancel", version: "x" }), "VALIDATION");
    await expectAppError(resolveHeldItem(V.pr, { targetId: "00000000-0000-4000-8000-000000000000", choice: "explode" as "cancel", version: "x" }), "VALIDATION");
    const normal = await scheduled({ slotAt: new Date(Date.now() + 60 * MIN) });
    const [row] = await db().execute<{ v: string }>(
      sql`select to_char(date_trunc('milliseconds', state_changed_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as v from post_targets where id = ${normal.targetIds[0]}`,
    );
    await expectAppError(resolveHeldItem(V.pr, { targetId: normal.targetIds[0]!, choice: "cancel", version: row!.v }), "CONFLICT", "not_held");
    await expectAppError(resolveHeldItem(V.pr, { targetId: normal.targetIds[0]!, choice: "cancel", version: "2020-01-01T00:00:00.000Z" }), "CONFLICT", "held_item_changed");
    expect((await target(normal.targetIds[0]!)).state).toBe("scheduled");
  });

  it("six people choosing at once for one held item: exactly one outcome, the rest CONFLICT, one audit row", async () => {
    const c = await startCrisis(V.pr, { scope: "channel", channelId: CHANNEL_IDS.beautyYoutube, reason: "動画の差し替え" });
    const post = await scheduled({ brandId: BRAND_IDS.beauty, channelIds: [CHANNEL_IDS.beautyYoutube], slotAt: new Date(Date.now() - 1_000) });
    expect((await claimTarget(post.targetIds[0]!, "w")).kind).toBe("held");
    await endCrisis(V.pr, { crisisId: c.id });
    const item = await heldItem(V.pr, post.targetIds[0]!);
    const audits = await auditCount("crisis.held_choice");
    const people = [V.pr, V.social_media_manager, V.pr, V.social_media_manager, V.pr, V.social_media_manager];
    const choices = ["cancel", "publish_now", "reschedule", "cancel", "publish_now", "reschedule"] as const;
    const results = await Promise.allSettled(
      people.map((v, i) =>
        resolveHeldItem(v, { targetId: item.targetId, choice: choices[i]!, version: item.version, slotAt: new Date(Date.now() + 3 * 60 * MIN).toISOString() }),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    expect(await auditCount("crisis.held_choice")).toBe(audits + 1);
    const winner = (ok[0] as PromiseFulfilledResult<{ targetState: string }>).value;
    expect((await target(item.targetId)).state).toBe(winner.targetState);
  });

  it("history: ended crises newest first, with how many targets each held and how many still wait", async () => {
    const room = await getCrisisRoom(V.data_analyst);
    expect(room.held).toBeNull();
    expect(room.history.length).toBeGreaterThan(3);
    for (let i = 1; i < room.history.length; i++) expect(room.history[i - 1]!.endedAt!.getTime()).toBeGreaterThanOrEqual(room.history[i]!.endedAt!.getTime());
    const quake = room.history.find((h) => h.reason === "地震発生");
    expect(quake).toMatchObject({ scope: "all", heldCount: 1, stillHeld: 0, startedByName: V.social_media_manager.name, endedByName: V.social_media_manager.name });
  });
});

/**
 * Scheduling, blackout windows and the calendar on real PostgreSQL (lib/dal/scheduling.ts,
 * blackouts.ts, calendar.ts): every function × every role (allowed or FORBIDDEN), NOT_FOUND for
 * unknown posts, the refusals (past slot, blackout in scope, not fully approved, wrong state,
 * someone else's post, a stale view), the audit rows with old and new slot, and the contract the
 * publisher relies on: post and target slots agree, targets armed/disarmed in the right states.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { approvals, blackoutWindows, posts, postTargets } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { createDraft, decideStage, submitForReview } from "@/lib/dal/posts";
import { getSchedulePanel, listAwaitingSchedule, movePlannedSlot, reschedule, schedulePost, unschedulePost } from "@/lib/dal/scheduling";
import { createBlackout, deleteBlackout, listBlackouts, updateBlackout } from "@/lib/dal/blackouts";
import { listCalendar, listCalendarFilters } from "@/lib/dal/calendar";
import { dayKeyOf } from "@/lib/domain/calendar";
import { auditCount, lastAudit, ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;
let otherCreator: Viewer;
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000f0000";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A slot n days ahead on a whole minute (future, and unique per test so windows do not collide). */
let dayOffset = 3;
const nextSlot = () => new Date(Math.ceil((Date.now() + dayOffset++ * DAY) / 60_000) * 60_000);

const TEXT = "冬季限定のホットドリンクが本日から登場します。\nぜひお近くの店舗でお試しください。";

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
  otherCreator = await viewerWith(["content_creator"], { name: "別の制作者" });
});

async function expectAppError(p: Promise<unknown>, code: AppError["code"], message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code, (err as AppError).message).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

async function expectAudit(action: string, actor: Viewer, subjectType: string, subjectId: string, data?: Record<string, unknown>) {
  const row = await lastAudit();
  expect(row?.action).toBe(action);
  expect(row?.actorId).toBe(actor.id);
  expect(row?.subjectType).toBe(subjectType);
  expect(row?.subjectId).toBe(subjectId);
  if (data) expect(row?.data).toMatchObject(data);
}

/** A cafe draft by `author` on X and LINE (no media needed), with a planned slot. */
async function draft(author: Viewer = V.content_creator, slot: Date | null = nextSlot()) {
  const d = await createDraft(author, {
    brandId: BRAND_IDS.cafe,
    title: "冬のホットドリンク",
    isCommercial: false,
    variants: [
      { channelId: CHANNEL_IDS.cafeX, text: TEXT },
      { channelId: CHANNEL_IDS.cafeLine, text: `${TEXT}\n#あおばカフェ` },
    ],
  });
  if (slot) await movePlannedSlot(author, { postId: d.postId, slotAt: slot });
  return { ...d, slot };
}

/** Through PR and final approval: state approved with its planned slot. */
async function approved(slot: Date | null = nextSlot()) {
  const d = await draft(V.content_creator, slot);
  await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
  await decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
  await decideStage(V.social_media_manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" });
  return d;
}

async function scheduled(slot: Date = nextSlot()) {
  const d = await approved(slot);
  await schedulePost(V.social_media_manager, { postId: d.postId });
  return d;
}

async function snapshot(postId: string) {
  const [post] = await db().select({ state: posts.state, scheduledAt: posts.scheduledAt, updatedAt: posts.updatedAt }).from(posts).where(eq(posts.id, postId));
  const targets = await db()
    .select({ channelId: postTargets.channelId, state: postTargets.state, scheduledAt: postTargets.scheduledAt })
    .from(postTargets)
    .where(eq(postTargets.postId, postId))
    .orderBy(postTargets.channelId);
  return { post: post!, targets };
}

async function companyBlackout(from: Date, to: Date, reason = "決算発表前の沈黙期間") {
  return createBlackout(V.pr, { startsAt: from, endsAt: to, reason });
}

describe("schedulePost", () => {
  it.each(WHO)("%s: only post.schedule may arm a post", async (who) => {
    const d = await approved();
    const p = schedulePost(V[who], { postId: d.postId });
    if (who !== "none" && roleHas(who, "post.schedule")) {
      const r = await p;
      expect(r).toMatchObject({ postId: d.postId, state: "scheduled", armedTargets: 2 });
    } else {
      await expectAppError(p, "FORBIDDEN");
      expect((await snapshot(d.postId)).post.state).toBe("approved");
    }
  });

  it("arms at the planned slot: post and every target scheduled at the same instant, audited with old and new slot", async () => {
    const d = await approved();
    const before = await snapshot(d.postId);
    await new Promise((r) => setTimeout(r, 5));
    const r = await schedulePost(V.social_media_manager, { postId: d.postId });
    expect(r.slotAt?.toISOString()).toBe(d.slot!.toISOString());
    const after = await snapshot(d.postId);
    expect(after.post.state).toBe("scheduled");
    expect(after.post.scheduledAt?.toISOString()).toBe(d.slot!.toISOString());
    expect(after.post.updatedAt.getTime()).toBeGreaterThan(before.post.updatedAt.getTime());
    expect(after.targets.map((t) => [t.state, t.scheduledAt?.toISOString()])).toEqual([
      ["scheduled", d.slot!.toISOString()],
      ["scheduled", d.slot!.toISOString()],
    ]);
    await expectAudit("post.scheduled", V.social_media_manager, "post", d.postId, {
      fromState: "approved",
      toState: "scheduled",
      oldSlot: d.slot!.toISOString(),
      newSlot: d.slot!.toISOString(),
      armedTargets: 2,
    });
  });

  it("arms at a new slot given by the manager (datetime-local in the manager's zone, Asia/Tokyo)", async () => {
    const d = await approved();
    const day = dayKeyOf(new Date(Date.now() + 300 * DAY), "Asia/Tokyo");
    const r = await schedulePost(V.social_media_manager, { postId: d.postId, slotAt: `${day}T09:30` });
    expect(r.slotAt?.toISOString()).toBe(new Date(`${day}T09:30:00+09:00`).toISOString());
    expect(r.previousSlotAt?.toISOString()).toBe(d.slot!.toISOString());
  });

  it("refuses a slot in the past (VALIDATION) and changes nothing", async () => {
    const d = await approved();
    const audits = await auditCount();
    const e = await expectAppError(schedulePost(V.social_media_manager, { postId: d.postId, slotAt: new Date(Date.now() - HOUR) }), "VALIDATION", "slot_in_past");
    expect(e.fieldErrors).toEqual({ slotAt: ["slot_in_past"] });
    expect((await snapshot(d.postId)).post.state).toBe("approved");
    expect(await auditCount()).toBe(audits);
  });

  it("refuses a planned slot that has passed meanwhile", async () => {
    const d = await approved();
    await db().update(posts).set({ scheduledAt: new Date(Date.now() - 60_000) }).where(eq(posts.id, d.postId));
    await expectAppError(schedulePost(V.social_media_manager, { postId: d.postId }), "VALIDATION", "slot_in_past");
  });

  it("refuses a post that is not fully approved: still in review (CONFLICT), or approvals voided (VALIDATION)", async () => {
    const d = await draft();
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
    await expectAppError(schedulePost(V.social_media_manager, { postId: d.postId }), "CONFLICT", "invalid_transition");

    const a = await approved();
    await db().update(approvals).set({ voidedAt: new Date() }).where(and(eq(approvals.postId, a.postId), eq(approvals.stage, "final")));
    await expectAppError(schedulePost(V.social_media_manager, { postId: a.postId }), "VALIDATION", "not_fully_approved");
    expect((await snapshot(a.postId)).targets.every((t) => t.state === "pending")).toBe(true);
  });

  it("refuses a slot inside a blackout in scope, naming the window; other brands' and other channels' windows do not apply", async () => {
    const slot = nextSlot();
    const d = await approved(new Date(slot.getTime() - 2 * HOUR));
    const w = await companyBlackout(new Date(slot.getTime() - HOUR), new Date(slot.getTime() + HOUR), "大規模地震に伴う投稿自粛");
    const e = await expectAppError(schedulePost(V.social_media_manager, { postId: d.postId, slotAt: slot }), "VALIDATION", "blackout");
    expect(e.fieldErrors).toMatchObject({
      slotAt: ["blackout"],
      "blackout.id": [w.id],
      "blackout.reason": ["大規模地震に伴う投稿自粛"],
      "blackout.startsAt": [w.startsAt.toISOString()],
      "blackout.endsAt": [w.endsAt.toISOString()],
    });
    // The end is outside the window.
    await schedulePost(V.social_media_manager, { postId: d.postId, slotAt: w.endsAt });
    await deleteBlackout(V.pr, { id: w.id });

    const slot2 = nextSlot();
    const d2 = await approved(slot2);
    const around = { startsAt: new Date(slot2.getTime() - HOUR), endsAt: new Date(slot2.getTime() + HOUR), reason: "範囲外" };
    await createBlackout(V.pr, { ...around, brandId: BRAND_IDS.beauty });
    await createBlackout(V.pr, { ...around, channelId: CHANNEL_IDS.cafeInstagram });
    expect((await schedulePost(V.social_media_manager, { postId: d2.postId })).state).toBe("scheduled");

    const slot3 = nextSlot();
    const d3 = await approved(new Date(slot3.getTime() + 3 * HOUR));
    const ch = await createBlackout(V.social_media_manager, { startsAt: new Date(slot3.getTime() - HOUR), endsAt: new Date(slot3.getTime() + HOUR), reason: "LINE 障害", channelId: CHANNEL_IDS.cafeLine });
    expect(ch.brandId).toBe(BRAND_IDS.cafe);
    await expectAppError(schedulePost(V.social_media_manager, { postId: d3.postId, slotAt: slot3 }), "VALIDATION", "blackout");
    const br = await createBlackout(V.pr, { startsAt: new Date(slot3.getTime() + 2 * HOUR), endsAt: new Date(slot3.getTime() + 4 * HOUR), reason: "カフェの新商品発表", brandId: BRAND_IDS.cafe });
    await expectAppError(schedulePost(V.social_media_manager, { postId: d3.postId }), "VALIDATION", "blackout");
    await deleteBlackout(V.pr, { id: br.id });
  });

  it("NOT_FOUND for an unknown post; VALIDATION for malformed input", async () => {
    await expectAppError(schedulePost(V.social_media_manager, { postId: UNKNOWN }), "NOT_FOUND");
    await expectAppError(schedulePost(V.social_media_manager, { postId: "x" }), "VALIDATION");
    const d = await approved();
    for (const slotAt of ["tomorrow", "2099-02-30T10:00", "2099-01-01 10:00", 12345]) {
      await expectAppError(schedulePost(V.social_media_manager, { postId: d.postId, slotAt } as never), "VALIDATION");
    }
    await expectAppError(schedulePost(V.social_media_manager, { postId: d.postId, slotAt: "2099-01-01T10:00", extra: 1 } as never), "VALIDATION");
  });

  it("re-arms a failed post; a target already published is left alone", async () => {
    const d = await scheduled();
    await db().update(posts).set({ state: "failed" }).where(eq(posts.id, d.postId));
    await db().update(postTargets).set({ state: "published" }).where(and(eq(postTargets.postId, d.postId), eq(postTargets.channelId, CHANNEL_IDS.cafeX)));
    await db().update(postTargets).set({ state: "failed" }).where(and(eq(postTargets.postId, d.postId), eq(postTargets.channelId, CHANNEL_IDS.cafeLine)));
    const slot = nextSlot();
    const r = await schedulePost(V.social_media_manager, { postId: d.postId, slotAt: slot });
    expect(r).toMatchObject({ state: "scheduled", armedTargets: 1 });
    const s = await snapshot(d.postId);
    const byChannel = Object.fromEntries(s.targets.map((t) => [t.channelId, t]));
    expect(byChannel[CHANNEL_IDS.cafeX]).toMatchObject({ state: "published", scheduledAt: d.slot });
    expect(byChannel[CHANNEL_IDS.cafeLine]).toMatchObject({ state: "scheduled", scheduledAt: slot });
  });
});

describe("unschedulePost", () => {
  it.each(WHO)("%s: only post.schedule may disarm", async (who) => {
    const d = await scheduled();
    const p = unschedulePost(V[who], { postId: d.postId });
    if (who !== "none" && roleHas(who, "post.schedule")) {
      await p;
      const s = await snapshot(d.postId);
      expect(s.post.state).toBe("approved");
      // The slot stays planned; targets go back to pending with it.
      expect(s.post.scheduledAt?.toISOString()).toBe(d.slot!.toISOString());
      expect(s.targets.map((t) => [t.state, t.scheduledAt?.toISOString()])).toEqual([
        ["pending", d.slot!.toISOString()],
        ["pending", d.slot!.toISOString()],
      ]);
      await expectAudit("post.unscheduled", V[who], "post", d.postId, { fromState: "scheduled", toState: "approved", oldSlot: d.slot!.toISOString() });
    } else {
      await expectAppError(p, "FORBIDDEN");
      expect((await snapshot(d.postId)).post.state).toBe("scheduled");
    }
  });

  it("held targets are disarmed too; a post that is not scheduled is CONFLICT", async () => {
    const d = await scheduled();
    await db().update(postTargets).set({ state: "held" }).where(and(eq(postTargets.postId, d.postId), eq(postTargets.channelId, CHANNEL_IDS.cafeX)));
    await unschedulePost(V.social_media_manager, { postId: d.postId });
    expect((await snapshot(d.postId)).targets.map((t) => t.state)).toEqual(["pending", "pending"]);
    await expectAppError(unschedulePost(V.social_media_manager, { postId: d.postId }), "CONFLICT", "invalid_transition");
  });
});

describe("reschedule (the calendar's confirmed drag of an approved post)", () => {
  it.each(WHO)("%s: only post.schedule may move an approved or scheduled post", async (who) => {
    const d = await scheduled();
    const slot = nextSlot();
    const p = reschedule(V[who], { postId: d.postId, slotAt: slot, expectedSlotAt: d.slot });
    if (who !== "none" && roleHas(who, "post.schedule")) {
      const r = await p;
      expect(r).toMatchObject({ state: "scheduled", armedTargets: 2 });
      const s = await snapshot(d.postId);
      expect(s.post.scheduledAt?.toISOString()).toBe(slot.toISOString());
      expect(s.targets.every((t) => t.state === "scheduled" && t.scheduledAt?.toISOString() === slot.toISOString())).toBe(true);
      await expectAudit("post.rescheduled", V[who], "post", d.postId, {
        fromState: "scheduled",
        toState: "scheduled",
        oldSlot: d.slot!.toISOString(),
        newSlot: slot.toISOString(),
      });
    } else {
      await expectAppError(p, "FORBIDDEN");
      expect((await snapshot(d.postId)).post.scheduledAt?.toISOString()).toBe(d.slot!.toISOString());
    }
  });

  it("the post's own author cannot reschedule it once approved (FORBIDDEN), nor move it as a planned slot (CONFLICT)", async () => {
    const d = await approved();
    await expectAppError(reschedule(V.content_creator, { postId: d.postId, slotAt: nextSlot() }), "FORBIDDEN");
    await expectAppError(movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: nextSlot() }), "CONFLICT", "not_plannable");
    expect((await snapshot(d.postId)).post.scheduledAt?.toISOString()).toBe(d.slot!.toISOString());
  });

  it("an approved (not yet armed) post is armed at the new slot", async () => {
    const d = await approved();
    const slot = nextSlot();
    const r = await reschedule(V.social_media_manager, { postId: d.postId, slotAt: slot });
    expect(r.state).toBe("scheduled");
    await expectAudit("post.rescheduled", V.social_media_manager, "post", d.postId, { fromState: "approved", oldSlot: d.slot!.toISOString(), newSlot: slot.toISOString() });
  });

  it("a stale view is CONFLICT slot_changed; a draft is CONFLICT not_armable; past and blackout slots are VALIDATION", async () => {
    const d = await scheduled();
    await expectAppError(reschedule(V.social_media_manager, { postId: d.postId, slotAt: nextSlot(), expectedSlotAt: new Date(d.slot!.getTime() + 60_000) }), "CONFLICT", "slot_changed");
    await expectAppError(reschedule(V.social_media_manager, { postId: d.postId, slotAt: nextSlot(), expectedSlotAt: null }), "CONFLICT", "slot_changed");
    await expectAppError(reschedule(V.social_media_manager, { postId: d.postId, slotAt: new Date(Date.now() - 1000) }), "VALIDATION", "slot_in_past");
    const slot = nextSlot();
    const w = await companyBlackout(new Date(slot.getTime() - HOUR), new Date(slot.getTime() + HOUR));
    await expectAppError(reschedule(V.social_media_manager, { postId: d.postId, slotAt: slot }), "VALIDATION", "blackout");
    await deleteBlackout(V.pr, { id: w.id });
    const dr = await draft();
    await expectAppError(reschedule(V.social_media_manager, { postId: dr.postId, slotAt: nextSlot() }), "CONFLICT", "not_armable");
    expect((await snapshot(d.postId)).post.scheduledAt?.toISOString()).toBe(d.slot!.toISOString());
  });
});

describe("movePlannedSlot", () => {
  it.each(WHO)("%s: post.plan_slot holders only (creators for their own posts, the manager for any)", async (who) => {
    const d = await draft(V.content_creator);
    const slot = nextSlot();
    const p = movePlannedSlot(V[who], { postId: d.postId, slotAt: slot });
    if (who === "content_creator" || who === "social_media_manager") {
      const r = await p;
      expect(r.slotAt?.toISOString()).toBe(slot.toISOString());
      await expectAudit("post.slot_moved", V[who], "post", d.postId, { state: "draft", oldSlot: d.slot!.toISOString(), newSlot: slot.toISOString() });
    } else {
      await expectAppError(p, "FORBIDDEN");
    }
  });

  it("the author moves the planned slot: post and targets follow, state unchanged, updated_at set", async () => {
    const d = await draft();
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
    const before = await snapshot(d.postId);
    const slot = nextSlot();
    await movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: slot, expectedSlotAt: d.slot!.toISOString() });
    const after = await snapshot(d.postId);
    expect(after.post.state).toBe("in_review");
    expect(after.post.scheduledAt?.toISOString()).toBe(slot.toISOString());
    expect(after.post.updatedAt.getTime()).toBeGreaterThanOrEqual(before.post.updatedAt.getTime());
    expect(after.targets.map((t) => [t.state, t.scheduledAt?.toISOString()])).toEqual([
      ["pending", slot.toISOString()],
      ["pending", slot.toISOString()],
    ]);
  });

  it("another creator gets FORBIDDEN for someone else's post; the manager may move it", async () => {
    const d = await draft(V.content_creator);
    const audits = await auditCount();
    await expectAppError(movePlannedSlot(otherCreator, { postId: d.postId, slotAt: nextSlot() }), "FORBIDDEN", "not_author");
    expect(await auditCount()).toBe(audits);
    expect((await snapshot(d.postId)).post.scheduledAt?.toISOString()).toBe(d.slot!.toISOString());
    await movePlannedSlot(V.social_media_manager, { postId: d.postId, slotAt: nextSlot() });
  });

  it("clears the slot (null); a no-op writes no audit row", async () => {
    const d = await draft();
    await movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: null });
    expect((await snapshot(d.postId)).targets.every((t) => t.scheduledAt === null)).toBe(true);
    await expectAudit("post.slot_moved", V.content_creator, "post", d.postId, { oldSlot: d.slot!.toISOString(), newSlot: null });
    const audits = await auditCount();
    await movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: null });
    expect(await auditCount()).toBe(audits);
  });

  it("refuses a past slot, a blackout in scope, a stale view, and unknown posts", async () => {
    const d = await draft();
    await expectAppError(movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: new Date(Date.now() - 60_000) }), "VALIDATION", "slot_in_past");
    await expectAppError(movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: new Date(Date.now() + 800 * DAY) }), "VALIDATION", "slot_too_far");
    const slot = nextSlot();
    const w = await createBlackout(V.pr, { startsAt: slot, endsAt: new Date(slot.getTime() + HOUR), reason: "新製品発表会(報道解禁前)", brandId: BRAND_IDS.cafe });
    const e = await expectAppError(movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: slot }), "VALIDATION", "blackout");
    expect(e.fieldErrors?.["blackout.reason"]).toEqual(["新製品発表会(報道解禁前)"]);
    await deleteBlackout(V.pr, { id: w.id });
    await expectAppError(movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: nextSlot(), expectedSlotAt: null }), "CONFLICT", "slot_changed");
    await expectAppError(movePlannedSlot(V.content_creator, { postId: UNKNOWN, slotAt: nextSlot() }), "NOT_FOUND");
    expect((await snapshot(d.postId)).post.scheduledAt?.toISOString()).toBe(d.slot!.toISOString());
  });
});

describe("blackout windows", () => {
  it.each(WHO)("%s: create, edit and delete only with blackout.manage, each audited", async (who) => {
    const start = nextSlot();
    const input = { startsAt: start, endsAt: new Date(start.getTime() + 6 * HOUR), reason: "決算発表(第3四半期)" };
    const p = createBlackout(V[who], input);
    if (who !== "none" && roleHas(who, "blackout.manage")) {
      const w = await p;
      expect(w).toMatchObject({ scope: "company", brandId: null, channelId: null, reason: "決算発表(第3四半期)", createdById: V[who].id });
      await expectAudit("blackout.created", V[who], "blackout", w.id, { scope: "company", reason: "決算発表(第3四半期)" });
      const u = await updateBlackout(V[who], { ...input, id: w.id, reason: "決算発表(第3四半期)・延長", brandId: BRAND_IDS.foods });
      expect(u).toMatchObject({ scope: "brand", brandId: BRAND_IDS.foods, brandName: "あおば食品" });
      await expectAudit("blackout.updated", V[who], "blackout", w.id, { before: { scope: "company" }, after: { scope: "brand", reason: "決算発表(第3四半期)・延長" } });
      await deleteBlackout(V[who], { id: w.id });
      await expectAudit("blackout.deleted", V[who], "blackout", w.id, { reason: "決算発表(第3四半期)・延長" });
    } else {
      await expectAppError(p, "FORBIDDEN");
      const [w] = await db().select({ id: blackoutWindows.id }).from(blackoutWindows).limit(1);
      if (w) {
        await expectAppError(updateBlackout(V[who], { ...input, id: w.id }), "FORBIDDEN");
        await expectAppError(deleteBlackout(V[who], { id: w.id }), "FORBIDDEN");
      }
    }
  });

  it("refuses a missing reason, an end before the start or in the past, a channel of another brand; nothing persisted", async () => {
    const start = nextSlot();
    const end = new Date(start.getTime() + HOUR);
    const count = async () => (await db().execute<{ n: number }>(sql`select count(*)::int n from blackout_windows`))[0]!.n;
    const before = await count();
    const audits = await auditCount();
    const cases: [unknown, string][] = [
      [{ startsAt: start, endsAt: end, reason: "   " }, "reason"],
      [{ startsAt: end, endsAt: start, reason: "逆" }, "endsAt"],
      [{ startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR), reason: "過去" }, "endsAt"],
      [{ startsAt: start, endsAt: end, reason: "不一致", brandId: BRAND_IDS.beauty, channelId: CHANNEL_IDS.cafeX }, "channelId"],
      [{ startsAt: start, endsAt: end, reason: "不明", channelId: UNKNOWN }, "channelId"],
      [{ startsAt: "someday", endsAt: end, reason: "形式" }, "startsAt"],
    ];
    for (const [input, field] of cases) {
      const e = await expectAppError(createBlackout(V.pr, input as never), "VALIDATION");
      expect(Object.keys(e.fieldErrors ?? {}), JSON.stringify(input)).toContain(field);
    }
    await expectAppError(createBlackout(V.pr, { startsAt: start, endsAt: end, reason: "x", createdById: V.admin.id } as never), "VALIDATION");
    expect(await count()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it("counts the planned posts it covers; an ended window cannot be edited or deleted; unknown is NOT_FOUND", async () => {
    const d = await draft();
    const w = await companyBlackout(new Date(d.slot!.getTime() - HOUR), new Date(d.slot!.getTime() + HOUR));
    expect(w.affectedPosts).toBeGreaterThanOrEqual(1);
    const [listed] = (await listBlackouts(V.data_analyst, { from: new Date(d.slot!.getTime() - HOUR), to: new Date(d.slot!.getTime() + 1) })).filter((x) => x.id === w.id);
    expect(listed?.affectedPosts).toBe(w.affectedPosts);
    await db().execute(sql`update blackout_windows set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = ${w.id}`);
    await expectAppError(deleteBlackout(V.pr, { id: w.id }), "CONFLICT", "blackout_ended");
    await expectAppError(updateBlackout(V.pr, { id: w.id, startsAt: nextSlot(), endsAt: new Date(Date.now() + 40 * DAY), reason: "x" }), "CONFLICT", "blackout_ended");
    await expectAppError(deleteBlackout(V.pr, { id: UNKNOWN }), "NOT_FOUND");
  });

  it.each(WHO)("%s: listBlackouts with calendar.read", async (who) => {
    const p = listBlackouts(V[who]);
    if (who !== "none" && roleHas(who, "calendar.read")) expect(Array.isArray(await p)).toBe(true);
    else await expectAppError(p, "FORBIDDEN");
  });

  it("a brand filter shows company-wide, that brand's and its channels' windows, not other brands'", async () => {
    const start = nextSlot();
    const base = { startsAt: start, endsAt: new Date(start.getTime() + HOUR) };
    const all = await createBlackout(V.pr, { ...base, reason: "全社" });
    const cafe = await createBlackout(V.pr, { ...base, reason: "カフェ", brandId: BRAND_IDS.cafe });
    const cafeLine = await createBlackout(V.pr, { ...base, reason: "カフェLINE", channelId: CHANNEL_IDS.cafeLine });
    const beauty = await createBlackout(V.pr, { ...base, reason: "ビューティー", brandId: BRAND_IDS.beauty });
    const ids = (ws: { id: string }[]) => ws.map((w) => w.id).filter((id) => [all.id, cafe.id, cafeLine.id, beauty.id].includes(id));
    expect(ids(await listBlackouts(V.content_creator, { brandId: BRAND_IDS.cafe })).sort()).toEqual([all.id, cafe.id, cafeLine.id].sort());
    expect(ids(await listBlackouts(V.content_creator, { channelId: CHANNEL_IDS.cafeX })).sort()).toEqual([all.id, cafe.id].sort());
    for (const w of [all, cafe, cafeLine, beauty]) await deleteBlackout(V.pr, { id: w.id });
  });
});

describe("listCalendar", () => {
  it.each(WHO)("%s: calendar.read holders see every post's calendar entry", async (who) => {
    const d = await draft(V.content_creator);
    const range = { from: new Date(d.slot!.getTime() - HOUR), to: new Date(d.slot!.getTime() + HOUR) };
    const p = listCalendar(V[who], range);
    if (who !== "none" && roleHas(who, "calendar.read")) {
      const page = await p;
      const item = page.items.find((i) => i.id === d.postId);
      expect(item).toMatchObject({
        title: "冬のホットドリンク",
        state: "draft",
        kind: "post",
        brandId: BRAND_IDS.cafe,
        brandName: "あおばカフェ",
        authorId: V.content_creator.id,
        authorName: "content_creator person",
      });
      expect(item!.slotAt.toISOString()).toBe(d.slot!.toISOString());
      expect(item!.channels.map((c) => c.platform).sort()).toEqual(["line", "x"]);
      expect(Object.keys(item!).sort()).toEqual(["authorId", "authorName", "brandColor", "brandId", "brandName", "channels", "id", "kind", "slotAt", "state", "title"]);
    } else {
      await expectAppError(p, "FORBIDDEN");
    }
  });

  it("filters by range, brand, channel and state; cancelled only when asked; pages by keyset without gaps or repeats", async () => {
    const base = new Date(Math.ceil((Date.now() + 400 * DAY) / HOUR) * HOUR);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const d = await draft(V.content_creator, null);
      // Two share one instant: the keyset must order them by id.
      await movePlannedSlot(V.content_creator, { postId: d.postId, slotAt: new Date(base.getTime() + Math.min(i, 5) * HOUR) });
      ids.push(d.postId);
    }
    await db().update(posts).set({ state: "cancelled" }).where(eq(posts.id, ids[0]!));
    const range = { from: base, to: new Date(base.getTime() + DAY) };
    const all = await listCalendar(V.data_analyst, range);
    expect(all.items.map((i) => i.id).sort()).toEqual(ids.slice(1).sort());
    expect((await listCalendar(V.data_analyst, { ...range, states: ["cancelled"] })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await listCalendar(V.data_analyst, { ...range, brandId: BRAND_IDS.beauty })).items).toEqual([]);
    expect((await listCalendar(V.data_analyst, { ...range, channelId: CHANNEL_IDS.cafeX })).items).toHaveLength(6);
    expect((await listCalendar(V.data_analyst, { ...range, channelId: CHANNEL_IDS.cafeLine })).items).toHaveLength(6);
    expect((await listCalendar(V.data_analyst, { ...range, channelId: CHANNEL_IDS.cafeInstagram })).items).toHaveLength(0);
    expect((await listCalendar(V.data_analyst, { from: base, to: new Date(base.getTime() + 2 * HOUR) })).items).toHaveLength(1);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listCalendar(V.data_analyst, { ...range, limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.items.map((i) => i.id));
    const slots = all.items.map((i) => i.slotAt.getTime());
    expect(slots).toEqual([...slots].sort((a, b) => a - b));
  });

  it("refuses an empty or too long range and a malformed cursor", async () => {
    const now = new Date();
    await expectAppError(listCalendar(V.content_creator, { from: now, to: now }), "VALIDATION");
    await expectAppError(listCalendar(V.content_creator, { from: now, to: new Date(now.getTime() + 101 * DAY) }), "VALIDATION");
    await expectAppError(listCalendar(V.content_creator, { from: now, to: new Date(now.getTime() + DAY), cursor: "x'; drop table posts;--" }), "VALIDATION");
    await expectAppError(listCalendar(V.content_creator, { from: now, to: new Date(now.getTime() + DAY), limit: 5000 }), "VALIDATION");
  });

  it.each(WHO)("%s: filter options with calendar.read", async (who) => {
    const p = listCalendarFilters(V[who]);
    if (who !== "none" && roleHas(who, "calendar.read")) {
      const f = await p;
      expect(f.brands.map((b) => b.id)).toContain(BRAND_IDS.cafe);
      expect(f.channels.find((c) => c.id === CHANNEL_IDS.cafeX)).toMatchObject({ brandId: BRAND_IDS.cafe, platform: "x" });
    } else await expectAppError(p, "FORBIDDEN");
  });
});

describe("manager reads", () => {
  it.each(WHO)("%s: the schedule panel and the 'to schedule' list need post.schedule", async (who) => {
    const d = await approved();
    const panel = getSchedulePanel(V[who], d.postId);
    const list = listAwaitingSchedule(V[who]);
    if (who !== "none" && roleHas(who, "post.schedule")) {
      expect(await panel).toMatchObject({ postId: d.postId, state: "approved", fullyApproved: true, slotAt: d.slot });
      expect((await list).map((x) => x.postId)).toContain(d.postId);
    } else {
      await expectAppError(panel, "FORBIDDEN");
      await expectAppError(list, "FORBIDDEN");
    }
  });

  it("NOT_FOUND for an unknown post", async () => {
    await expectAppError(getSchedulePanel(V.social_media_manager, UNKNOWN), "NOT_FOUND");
  });
});

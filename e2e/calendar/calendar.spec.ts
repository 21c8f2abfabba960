/**
 * The content calendar as the team uses it, each person in their own browser: the manager drags
 * an approved post to another day and confirms (re-armed and audited); the keyboard "move…" way;
 * a creator can move their own draft but not an approved post (no handle, and the server says
 * FORBIDDEN when asked directly); PR sets a blackout window that then blocks the manager's
 * scheduling by name. Each test seeds its own posts with the shared factory.
 */
import { test, expect, type Browser, type Locator, type Page, request as pwRequest } from "@playwright/test";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../../db/schema";
import { createPost } from "../../db/seed/factories";
import { BRAND_IDS, CHANNEL_IDS } from "../../db/seed/demo";
import { addDays, dayKeyOf, startOfWeek, zonedToUtc } from "../../lib/domain/calendar";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";
import { actionIndex, callAction } from "../support/actions";

const TZ = "Asia/Tokyo";
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const db = () => drizzle(testSql(), { schema });
const today = () => dayKeyOf(new Date(), TZ);

/** The board is hydrated: drag handlers are attached. */
const boardReady = (page: Page) => expect(page.getByTestId("calendar-board")).toHaveAttribute("data-ready", "true");

/** Drags like a hand does: press on the chip, move a little, then across to the day, release. */
async function drag(page: Page, chip: Locator, day: Locator) {
  await day.scrollIntoViewIfNeeded();
  await chip.scrollIntoViewIfNeeded();
  const a = (await chip.boundingBox())!;
  const b = (await day.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 80), { steps: 8 });
  await page.mouse.up();
}

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

/** A post far enough ahead to be clear of the demo's own posts and blackout windows. */
async function seedPost(o: { state: "approved" | "scheduled" | "draft"; daysAhead: number; author?: string; title: string }) {
  const day = addDays(today(), o.daysAhead);
  const slotAt = zonedToUtc(day, "10:00", TZ);
  const p = await createPost(db(), {
    brandId: BRAND_IDS.foods,
    channelIds: [CHANNEL_IDS.foodsX],
    authorId: o.author ?? "usr_creator",
    title: o.title,
    text: "あおば食品の新しいレシピをご紹介します。",
    state: o.state,
    slotAt,
    reviewers: { pr: "usr_pr", final: "usr_manager" },
  });
  return { ...p, day, slotAt };
}

/**
 * A day `n` days from `day` inside the same Monday–Sunday week: forward when it fits, else back.
 * The week view shows one week and the month view whole weeks, so the target is always on screen
 * (the seeded day is "today + N", which falls on any weekday; a Sunday + 1 left the week view).
 */
const sameWeek = (day: string, n: number) => (startOfWeek(addDays(day, n)) === startOfWeek(day) ? addDays(day, n) : addDays(day, -n));

async function postRow(postId: string) {
  const [row] = await testSql()<{ state: string; scheduled_at: Date | null }[]>`select state, scheduled_at from posts where id = ${postId}`;
  return row!;
}

test("the manager drags an approved post to another day, confirms old → new, and it is re-armed and audited", async ({ browser }) => {
  const post = await seedPost({ state: "approved", daysAhead: 40, title: `e2e ドラッグ移動 ${Date.now()}` });
  const target = sameWeek(post.day, 2);
  const manager = await as(browser, "manager");
  try {
    await manager.page.goto(`/calendar?view=month&date=${post.day}&brand=${BRAND_IDS.foods}`);
    await expect(manager.page.getByRole("heading", { level: 1, name: "コンテンツカレンダー" })).toBeVisible();
    await boardReady(manager.page);
    const chip = manager.page.locator(`[data-testid=cal-item][data-post-id="${post.postId}"]`);
    await expect(chip).toHaveAttribute("data-movable", "reschedule");
    await drag(manager.page, chip, manager.page.locator(`[data-testid=cal-day][data-day="${target}"]`));

    const dialog = manager.page.getByTestId("move-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("heading")).toHaveText("承認済みの投稿の予約を変更");
    await expect(dialog.getByTestId("move-datetime")).toHaveValue(`${target}T10:00`);
    await expect(dialog.getByTestId("move-summary")).toContainText("10:00");
    // Nothing happened yet: the dialog asks first.
    expect((await postRow(post.postId)).state).toBe("approved");
    await dialog.getByTestId("move-confirm").click();
    await expect(dialog).toBeHidden();

    await expect(manager.page.locator(`[data-testid=cal-day][data-day="${target}"] [data-post-id="${post.postId}"]`)).toBeVisible();
    const row = await postRow(post.postId);
    expect(row.state).toBe("scheduled");
    expect(new Date(row.scheduled_at!).toISOString()).toBe(zonedToUtc(target, "10:00", TZ).toISOString());
    const targets = await testSql()<{ state: string; scheduled_at: Date }[]>`select state, scheduled_at from post_targets where post_id = ${post.postId}`;
    expect(targets.map((t) => [t.state, new Date(t.scheduled_at).toISOString()])).toEqual([["scheduled", zonedToUtc(target, "10:00", TZ).toISOString()]]);
    const [audit] = await testSql()<{ actor_id: string; data: { oldSlot: string; newSlot: string } }[]>`
      select actor_id, data from audit_events where action = 'post.rescheduled' and subject_id = ${post.postId} order by id desc limit 1`;
    expect(audit).toMatchObject({ actor_id: "usr_manager", data: { oldSlot: post.slotAt.toISOString(), newSlot: zonedToUtc(target, "10:00", TZ).toISOString() } });

    // The keyboard way: the chip's "move…" button, a date-and-time field, confirm.
    const moved = manager.page.locator(`[data-testid=cal-item][data-post-id="${post.postId}"]`);
    await moved.hover();
    await moved.getByTestId("cal-item-move").focus();
    await manager.page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("move-datetime").fill(`${target}T18:30`);
    await dialog.getByTestId("move-confirm").click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => new Date((await postRow(post.postId)).scheduled_at!).toISOString()).toBe(zonedToUtc(target, "18:30", TZ).toISOString());
  } finally {
    await manager.ctx.close();
  }
});

test("a creator moves their own draft by dragging, but cannot move an approved post: no handle, and FORBIDDEN from the server", async ({ browser }) => {
  const mine = await seedPost({ state: "draft", daysAhead: 41, title: `e2e 自分の下書き ${Date.now()}` });
  const approved = await seedPost({ state: "approved", daysAhead: 41, title: `e2e 承認済み ${Date.now()}` });
  const creator = await as(browser, "creator");
  try {
    await creator.page.goto(`/calendar?view=week&date=${mine.day}&brand=${BRAND_IDS.foods}`);
    await boardReady(creator.page);
    const approvedChip = creator.page.locator(`[data-testid=cal-item][data-post-id="${approved.postId}"]`);
    await expect(approvedChip).toHaveAttribute("data-movable", "none");
    await expect(approvedChip.getByTestId("cal-item-move")).toHaveCount(0);
    await expect(approvedChip).toHaveAttribute("draggable", "false");

    // Their own draft's planned slot moves at once (no confirmation needed before approval).
    const next = sameWeek(mine.day, 1);
    const mineChip = creator.page.locator(`[data-testid=cal-item][data-post-id="${mine.postId}"]`);
    await expect(mineChip).toHaveAttribute("data-movable", "plan");
    await drag(creator.page, mineChip, creator.page.locator(`[data-testid=cal-day][data-day="${next}"]`));
    await expect(creator.page.getByTestId("move-dialog")).toBeHidden();
    await expect.poll(async () => new Date((await postRow(mine.postId)).scheduled_at!).toISOString()).toBe(zonedToUtc(next, "10:00", TZ).toISOString());
    await expect(creator.page.locator(`[data-testid=cal-day][data-day="${next}"] [data-post-id="${mine.postId}"]`)).toBeVisible();
    // Dragging the approved post goes nowhere: no dialog, no change.
    await drag(creator.page, approvedChip, creator.page.locator(`[data-testid=cal-day][data-day="${next}"]`));
    await expect(creator.page.getByTestId("move-dialog")).toBeHidden();
    await expect(creator.page.locator(`[data-testid=cal-day][data-day="${approved.day}"] [data-post-id="${approved.postId}"]`)).toBeVisible();
  } finally {
    await creator.ctx.close();
  }

  // Asked directly, the server refuses: rescheduling needs post.schedule; a planned-slot move of an approved post is refused too.
  const actions = actionIndex();
  const api = await pwRequest.newContext({ baseURL, storageState: storageStatePath("creator") });
  try {
    const newSlot = zonedToUtc(addDays(approved.day, 3), "10:00", TZ).toISOString();
    const r1 = await callAction(api, baseURL, "/calendar", actions.get("action app/(portal)/calendar/actions.ts#rescheduleAction")!.id, { postId: approved.postId, slotAt: newSlot });
    expect(r1.code).toBe("FORBIDDEN");
    const r2 = await callAction(api, baseURL, "/calendar", actions.get("action app/(portal)/calendar/actions.ts#movePlannedSlotAction")!.id, { postId: approved.postId, slotAt: newSlot });
    expect(r2.code).toBe("CONFLICT");
    const others = await seedPost({ state: "draft", daysAhead: 42, author: "usr_multi", title: `e2e 他人の下書き ${Date.now()}` });
    const r3 = await callAction(api, baseURL, "/calendar", actions.get("action app/(portal)/calendar/actions.ts#movePlannedSlotAction")!.id, { postId: others.postId, slotAt: newSlot });
    expect(r3.code).toBe("FORBIDDEN");
    expect(new Date((await postRow(approved.postId)).scheduled_at!).toISOString()).toBe(approved.slotAt.toISOString());
    expect(new Date((await postRow(others.postId)).scheduled_at!).toISOString()).toBe(others.slotAt.toISOString());
  } finally {
    await api.dispose();
  }
});

test("PR sets a blackout window in the calendar; it shows as a band and blocks the manager's scheduling, naming the window", async ({ browser }) => {
  const post = await seedPost({ state: "approved", daysAhead: 50, title: `e2e 配信停止 ${Date.now()}` });
  const reason = `e2e 決算発表前の沈黙期間 ${Date.now()}`;
  const pr = await as(browser, "pr");
  const manager = await as(browser, "manager");
  try {
    await pr.page.goto(`/calendar?view=month&date=${post.day}`);
    await pr.page.getByTestId("blackout-add").click();
    const form = pr.page.getByTestId("blackout-form");
    // A reason is required.
    await form.getByTestId("blackout-start").fill(`${post.day}T00:00`);
    await form.getByTestId("blackout-end").fill(`${post.day}T23:00`);
    await form.getByTestId("blackout-save").click();
    await expect(form.getByTestId("blackout-error")).toBeVisible();
    await form.getByTestId("blackout-reason").fill(reason);
    await form.getByTestId("blackout-save").click();
    await expect(form).toBeHidden();
    const row = pr.page.locator("[data-testid=blackout-row]", { hasText: reason });
    await expect(row).toContainText("全社");
    await expect(row).toContainText("期間内の予定投稿 1件");
    await expect(pr.page.locator(`[data-testid=cal-day][data-day="${post.day}"] [data-testid=cal-blackout]`)).toBeVisible();
    const [w] = await testSql()<{ id: string; created_by_id: string }[]>`select id, created_by_id from blackout_windows where reason = ${reason}`;
    expect(w!.created_by_id).toBe("usr_pr");

    // The manager tries to schedule inside it from the final-approval page: refused, by name.
    await manager.page.goto(`/manager/approvals/${post.postId}`);
    const panel = manager.page.getByTestId("panel-schedule");
    await expect(panel.getByTestId("schedule-form")).toHaveAttribute("data-state", "approved");
    await expect(panel.getByTestId("schedule-slot")).toHaveValue(`${post.day}T10:00`);
    await expect(panel.getByTestId("schedule-blackouts")).toContainText(reason);
    await panel.getByTestId("schedule-submit").click();
    await expect(panel.getByTestId("schedule-error")).toContainText(reason);
    expect((await postRow(post.postId)).state).toBe("approved");

    // After the window: scheduled.
    await panel.getByTestId("schedule-slot").fill(`${addDays(post.day, 1)}T09:00`);
    await panel.getByTestId("schedule-submit").click();
    await expect(panel.getByTestId("schedule-done")).toBeVisible();
    await expect.poll(async () => (await postRow(post.postId)).state).toBe("scheduled");
    await expect(panel.getByTestId("schedule-status")).toContainText("予約済み");

    // PR removes the window again (audited).
    await pr.page.reload();
    await pr.page.locator("[data-testid=blackout-row]", { hasText: reason }).getByTestId("blackout-delete").click();
    await pr.page.getByTestId("blackout-delete-confirm").filter({ visible: true }).click();
    await expect(pr.page.locator("[data-testid=blackout-row]", { hasText: reason })).toHaveCount(0);
    const audits = await testSql()<{ action: string }[]>`select action from audit_events where subject_type = 'blackout' and subject_id = ${w!.id} order by id`;
    expect(audits.map((a) => a.action)).toEqual(["blackout.created", "blackout.deleted"]);
  } finally {
    await Promise.all([pr.ctx.close(), manager.ctx.close()]);
  }
});

test("the calendar is open to every content role and closed to admin and the newcomer", async ({ browser }) => {
  for (const [loginId, status] of [
    ["analyst", 200],
    ["legal", 200],
    ["adops", 200],
    ["community", 200],
    ["admin", 403],
    ["newcomer", 403],
  ] as const) {
    const who = await as(browser, loginId);
    try {
      const res = await who.page.goto("/calendar");
      expect(res?.status(), loginId).toBe(status);
      if (status === 200) {
        await expect(who.page.getByTestId("cal-month")).toBeVisible();
        await expect(who.page.getByTestId("blackout-add")).toHaveCount(0);
      }
    } finally {
      await who.ctx.close();
    }
  }
});

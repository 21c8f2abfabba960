/**
 * Crisis mode end to end, with different people in separate browsers and the e2e run's real
 * publisher worker: PR turns it on (reason required, scope a channel), the banner shows in another
 * persona's workspace and links to the crisis room, the worker holds a post that comes due, the
 * end releases nothing, and a person decides (cancel, by keyboard).
 */
import { randomUUID, createHash } from "node:crypto";
import path from "node:path";
import { test, expect, type Browser } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const SHOTS = path.resolve(".data", `e2e-shots-${new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100").port}`);

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

/** A post through the triple check, armed for `slotAt` on one channel (by handle). */
async function scheduledPost(o: { handle: string; title: string; text: string; slotAt: Date }) {
  const sql = testSql();
  const [ch] = await sql<{ id: string; brandId: string }[]>`select id, brand_id as "brandId" from channels where handle = ${o.handle}`;
  const postId = randomUUID();
  const revId = randomUUID();
  const targetId = randomUUID();
  const content = { isCommercial: false, variants: [{ channelId: ch!.id, platform: "x", text: o.text, mediaAssetIds: [] }] };
  const hash = createHash("sha256").update(JSON.stringify(content) + postId).digest("hex");
  await sql.begin(async (tx) => {
    await tx`insert into posts (id, brand_id, title, state, author_id, scheduled_at) values (${postId}, ${ch!.brandId}, ${o.title}, 'scheduled', 'usr_creator', ${o.slotAt.toISOString()})`;
    await tx`insert into post_revisions (id, post_id, number, content_hash, content, created_by_id) values (${revId}, ${postId}, 1, ${hash}, ${JSON.stringify(content)}::text::jsonb, 'usr_creator')`;
    await tx`update posts set current_revision_id = ${revId} where id = ${postId}`;
    await tx`insert into approvals (post_id, revision_id, revision_hash, stage, reviewer_id, decision) values
      (${postId}, ${revId}, ${hash}, 'pr', 'usr_pr', 'approved'), (${postId}, ${revId}, ${hash}, 'final', 'usr_manager', 'approved')`;
    await tx`insert into post_targets (id, post_id, channel_id, scheduled_at, state, idempotency_key) values (${targetId}, ${postId}, ${ch!.id}, ${o.slotAt.toISOString()}, 'scheduled', ${`${postId}:${ch!.id}`})`;
  });
  return { postId, targetId, channelId: ch!.id };
}

const targetState = async (id: string) => (await testSql()<{ state: string }[]>`select state from post_targets where id = ${id}`)[0]!.state;
const activeCrises = async () => (await testSql()<{ n: number }[]>`select count(*)::int n from crisis_states where ended_at is null`)[0]!.n;

test.afterAll(async () => {
  // Never leave a crisis running for the specs that follow.
  await testSql()`update crisis_states set ended_at = now(), ended_by_id = 'usr_pr' where ended_at is null and reason like 'E2E%'`;
});

test("PR turns crisis mode on; the banner shows elsewhere; a due post is held; the end releases nothing; cancel by keyboard", async ({ browser }) => {
  const pr = await as(browser, "pr");
  const creator = await as(browser, "creator");
  const reason = `E2E 誤った価格の拡散 ${randomUUID().slice(0, 6)}`;
  try {
    // ── PR starts it: scope a channel, reason required, a confirmation step ──
    await pr.page.goto("/crisis");
    await expect(pr.page.getByRole("heading", { level: 1, name: "危機対応ルーム" })).toBeVisible();
    const form = pr.page.getByTestId("panel-crisis-start").getByTestId("crisis-switch");
    await form.getByTestId("crisis-scope-channel").check();
    await form.getByTestId("crisis-channel").selectOption({ label: "X · あおば食品【公式】 (@aoba_foods)" });
    await form.getByTestId("crisis-start").click();
    await expect(form.getByTestId("crisis-switch-error")).toContainText("理由を入力してください");
    expect(await activeCrises()).toBe(0);
    await form.getByTestId("crisis-reason").fill(reason);
    await form.getByTestId("crisis-start").click();
    const dialog = pr.page.getByTestId("crisis-confirm");
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("@aoba_foods");
    await expect(dialog).toContainText(reason);
    await dialog.getByTestId("crisis-confirm-confirm").click();
    await expect(pr.page.getByTestId("crisis-active-item")).toContainText(reason);
    await expect(pr.page.getByTestId("crisis-banner")).toContainText(reason);
    expect(await activeCrises()).toBe(1);
    await pr.page.screenshot({ path: path.join(SHOTS, "crisis-room-active.png"), fullPage: true });

    // ── The creator sees the banner in their own workspace, with the scope, and it leads to the room (read only) ──
    await creator.page.goto("/studio");
    const banner = creator.page.getByTestId("crisis-banner");
    await expect(banner).toContainText(reason);
    await expect(banner.getByTestId("crisis-banner-scope")).toContainText("@aoba_foods");
    await creator.page.screenshot({ path: path.join(SHOTS, "crisis-banner-studio.png") });
    await banner.getByTestId("crisis-banner-link").click();
    await expect(creator.page).toHaveURL(/\/crisis$/);
    await expect(creator.page.getByTestId("crisis-read-only")).toBeVisible();
    await expect(creator.page.getByTestId("crisis-start")).toHaveCount(0);
    await expect(creator.page.getByTestId("crisis-end")).toHaveCount(0);

    // ── A post comes due on that channel: the worker holds it instead of publishing it ──
    const title = `E2E 危機中に予定時刻が来る投稿 ${randomUUID().slice(0, 6)}`;
    const post = await scheduledPost({ handle: "@aoba_foods", title, text: `あおば食品 ${title}`, slotAt: new Date(Date.now() + 2_000) });
    await expect.poll(() => targetState(post.targetId), { timeout: 30_000 }).toBe("held");
    const [net] = await testSql()<{ n: number }[]>`select count(*)::int n from sandbox_posts where text = ${`あおば食品 ${title}`}`;
    expect(net!.n).toBe(0);

    await pr.page.goto("/crisis");
    const row = pr.page.locator(`[data-testid=held-row][data-target-id="${post.targetId}"]`);
    await expect(row).toContainText(title);
    await expect(row).toContainText("保留中");
    await expect(row.getByTestId("held-publish-now")).toBeDisabled();
    await expect(row).toContainText("解除後に公開できます");
    // The creator sees the same list, without the choices.
    await creator.page.reload();
    await expect(creator.page.locator(`[data-testid=held-row][data-target-id="${post.targetId}"]`)).toBeVisible();
    await expect(creator.page.getByTestId("held-choices")).toHaveCount(0);

    // ── End (resume): nothing fires by itself ──
    const active = pr.page.locator("[data-testid=crisis-active-item]").filter({ hasText: reason });
    await active.getByTestId("crisis-end").click();
    const endDialog = pr.page.getByTestId("crisis-end-dialog");
    await expect(endDialog).toContainText("自動では公開されません");
    await endDialog.getByTestId("crisis-end-note").fill("E2E 訂正を公開済み");
    await endDialog.getByTestId("crisis-end-dialog-confirm").click();
    await expect(pr.page.getByTestId("crisis-active-item")).toHaveCount(0);
    await expect(pr.page.getByTestId("crisis-banner")).toHaveCount(0);
    await expect(pr.page.locator("[data-testid=crisis-history-row]").filter({ hasText: reason })).toContainText("1 件");
    await pr.page.waitForTimeout(3_000);
    expect(await targetState(post.targetId)).toBe("held");
    await expect(row.getByTestId("held-publish-now")).toBeEnabled();
    await pr.page.screenshot({ path: path.join(SHOTS, "crisis-room-held.png"), fullPage: true });

    // ── The human choice, by keyboard: cancel ──
    await row.getByTestId("held-cancel").focus();
    await pr.page.keyboard.press("Enter");
    const confirm = pr.page.getByTestId("held-confirm");
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(title);
    // Focus starts on "キャンセル" (Enter never confirms by accident): Tab to the confirm button.
    await pr.page.keyboard.press("Tab");
    await pr.page.keyboard.press("Enter");
    await expect(pr.page.locator(`[data-testid=held-row][data-target-id="${post.targetId}"]`)).toHaveCount(0);
    expect(await targetState(post.targetId)).toBe("cancelled");
    const [p] = await testSql()<{ state: string }[]>`select state from posts where id = ${post.postId}`;
    expect(p!.state).toBe("cancelled");
    const audits = await testSql()<{ action: string; actor_id: string }[]>`
      select action, actor_id from audit_events where subject_id = ${post.postId} order by id`;
    expect(audits.map((a) => a.action)).toEqual(["publication.held", "crisis.held_choice", "post.cancelled"]);
    expect(audits[1]!.actor_id).toBe("usr_pr");
  } finally {
    await pr.ctx.close();
    await creator.ctx.close();
  }
});

test("the manager's overview has the switch; a second crisis of the same scope is refused, not duplicated", async ({ browser }) => {
  const manager = await as(browser, "manager");
  const reason = `E2E 地震の発生 ${randomUUID().slice(0, 6)}`;
  try {
    await manager.page.goto("/manager");
    const panel = manager.page.getByTestId("panel-crisis-switch");
    await expect(panel).toContainText("現在、危機対応モードは発動していません");
    await panel.getByTestId("crisis-switch-open").click();
    await panel.getByTestId("crisis-scope-brand").check();
    await panel.getByTestId("crisis-brand").selectOption({ label: "あおばカフェ" });
    await panel.getByTestId("crisis-reason").fill(reason);
    await panel.getByTestId("crisis-start").click();
    await manager.page.getByTestId("crisis-confirm-confirm").click();
    await expect(manager.page.getByTestId("crisis-banner")).toContainText(reason);
    await expect(panel.getByTestId("crisis-active-summary")).toContainText(reason);
    await manager.page.screenshot({ path: path.join(SHOTS, "manager-crisis-switch.png"), fullPage: false });

    // The same scope again: the server says it is already running.
    const details = panel.getByTestId("crisis-switch-details");
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.getByTestId("crisis-switch-open").click();
    await panel.getByTestId("crisis-scope-brand").check();
    await panel.getByTestId("crisis-brand").selectOption({ label: "あおばカフェ" });
    await panel.getByTestId("crisis-reason").fill(`${reason} (2)`);
    await panel.getByTestId("crisis-start").click();
    await manager.page.getByTestId("crisis-confirm-confirm").click();
    await expect(panel.getByTestId("crisis-switch-error")).toContainText("同じ範囲の危機対応モードがすでに発動中です");
    const [running] = await testSql()<{ n: number }[]>`select count(*)::int n from crisis_states where ended_at is null and reason like ${"E2E 地震の発生%"}`;
    expect(running!.n).toBe(1);

    await manager.page.goto("/crisis");
    await manager.page.locator("[data-testid=crisis-active-item]").filter({ hasText: reason }).getByTestId("crisis-end").click();
    await manager.page.getByTestId("crisis-end-dialog-confirm").click();
    await expect(manager.page.getByTestId("crisis-banner")).toHaveCount(0);
  } finally {
    await manager.ctx.close();
  }
});

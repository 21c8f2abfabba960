/**
 * The bell, with two people in separate browsers: the creator submits a post, the PR reviewer's
 * unread count rises, PR opens the bell (by keyboard), follows the link to the review and sends it
 * back with a reason, and the creator's bell brings the decision and the reason.
 */
import { test, expect, type Browser, type Page } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

/** The unread count the server reports for this browser's person. */
async function unreadOf(page: Page): Promise<number> {
  const res = await page.request.get("/api/notifications?limit=1");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { unread: number }).unread;
}

test("creator submits → PR's bell rises, PR follows it and decides → the creator is told why", async ({ browser }) => {
  const creator = await as(browser, "creator");
  const pr = await as(browser, "pr");
  const title = `ベル通知テスト ${Date.now()}`;
  const reason = "店舗名の表記を正式名称にしてください。";
  try {
    await pr.page.goto("/pr");
    const before = await unreadOf(pr.page);
    await expect(pr.page.getByTestId("notification-bell")).toHaveAttribute("data-unread", String(before));

    // The creator drafts and submits.
    await creator.page.goto("/studio/posts/new");
    await creator.page.getByLabel("タイトル(社内用)").fill(title);
    await creator.page.getByLabel("ブランド").selectOption({ label: "あおばカフェ" });
    await creator.page.getByRole("checkbox", { name: /^X · / }).check();
    await creator.page.getByLabel(/^Xの本文/).fill("冬季限定のゆず蜂蜜ラテが本日から登場します。ぜひお試しください。");
    await creator.page.getByTestId("editor-save").click();
    await expect(creator.page).toHaveURL(/\/studio\/posts\/[0-9a-f-]{36}$/);
    const postId = creator.page.url().split("/").pop()!;
    await creator.page.getByTestId("editor-submit").click();
    await expect(creator.page.getByTestId("post-state")).toHaveText("レビュー中");
    const creatorBefore = await unreadOf(creator.page);

    // PR: the count rises (the bell polls and refetches on focus; a reload shows it at once).
    await pr.page.reload();
    const bell = pr.page.getByTestId("notification-bell");
    await expect(bell).toHaveAttribute("data-unread", String(before + 1));
    await expect(pr.page.getByTestId("notification-count")).toHaveText(String(before + 1));
    await expect(bell).toHaveAccessibleName(`通知(未読 ${before + 1}件)`);

    // Keyboard: focus the bell, open with Enter, the panel lists the request first.
    await bell.focus();
    await pr.page.keyboard.press("Enter");
    const panel = pr.page.getByTestId("notification-panel");
    await expect(panel).toBeVisible();
    const item = panel.getByTestId("notification-item").filter({ hasText: title });
    await expect(item).toContainText(`PRレビューの依頼: 「${title}」`);
    await expect(item).toContainText("高橋 由衣さんの投稿がレビュー待ちです。期限:");
    await expect(item).toHaveAttribute("data-read", "false");
    await pr.page.keyboard.press("Escape");
    await expect(panel).toBeHidden();

    // Follow the link: the review page; the notification is read.
    await bell.click();
    await panel.getByTestId("notification-item").filter({ hasText: title }).click();
    await expect(pr.page).toHaveURL(new RegExp(`/pr/reviews/${postId}$`));
    await expect(bell).toHaveAttribute("data-unread", String(before));
    const [row] = await testSql()<{ read: boolean }[]>`
      select read_at is not null as read from notifications n join users u on u.id = n.user_id
      where u.email = 'makoto.tanaka@aoba.example' and n.kind = 'review.requested' and n.params->>'postId' = ${postId}`;
    expect(row?.read).toBe(true);

    // The queue shows the due time of the stage.
    await pr.page.goto("/pr/reviews");
    await expect(pr.page.locator(`[data-testid=review-row][data-post-id="${postId}"] [data-testid=due-badge]`)).toBeVisible();

    // PR sends it back with a reason.
    await pr.page.goto(`/pr/reviews/${postId}`);
    await pr.page.getByTestId("decision-changes_requested").check();
    await pr.page.getByTestId("decision-reason").fill(reason);
    await pr.page.getByTestId("decision-submit").click();
    await expect(pr.page).toHaveURL(/\/pr\/reviews\?decided=changes_requested$/);

    // The creator's bell: the decision with the reason, linking back to the editor.
    await creator.page.goto("/studio");
    const cbell = creator.page.getByTestId("notification-bell");
    await expect(cbell).toHaveAttribute("data-unread", String(creatorBefore + 1));
    await cbell.click();
    const decided = creator.page.getByTestId("notification-item").filter({ hasText: title });
    await expect(decided).toContainText(`「${title}」が差し戻されました(PR)`);
    await expect(decided).toContainText(`田中 誠さん: ${reason}`);

    // The full page lists it too; "mark all read" empties the count.
    await creator.page.getByTestId("notification-view-all").click();
    await expect(creator.page).toHaveURL(/\/notifications$/);
    await expect(creator.page.getByTestId("notification-row").filter({ hasText: title }).first()).toHaveAttribute("data-read", "false");
    await creator.page.getByTestId("mark-all-read").click();
    await expect(cbell).toHaveAttribute("data-unread", "0");
    await expect(creator.page.getByTestId("notification-row").filter({ hasText: title }).first()).toHaveAttribute("data-read", "true");
    await creator.page.getByRole("link", { name: "未読のみ" }).click();
    await expect(creator.page.getByText("未読の通知はありません")).toBeVisible();
  } finally {
    await Promise.all([creator.ctx.close(), pr.ctx.close()]);
  }
});

test("the notifications of one person are not another's: the API lists only one's own, settings save per person", async ({ browser }) => {
  const legal = await as(browser, "legal");
  try {
    const res = await legal.page.request.get("/api/notifications?limit=20");
    const body = (await res.json()) as { items: { id: string }[] };
    const ids = body.items.map((i) => i.id);
    if (ids.length) {
      const owners = await testSql()<{ email: string }[]>`select distinct u.email from notifications n join users u on u.id = n.user_id where n.id in ${testSql()(ids)}`;
      expect(owners.map((o) => o.email)).toEqual(["rena.ito@aoba.example"]);
    }
    expect((await legal.page.request.get("/api/notifications?limit=999")).status()).toBe(422);

    await legal.page.goto("/notifications/settings");
    await expect(legal.page.getByRole("heading", { level: 1, name: "通知設定" })).toBeVisible();
    const reminder = legal.page.getByLabel(/レビュー期限のリマインダー/);
    await expect(reminder).not.toBeChecked();
    await reminder.check();
    await legal.page.getByTestId("save-preferences").click();
    await expect(legal.page.getByText("保存しました")).toBeVisible();
    await legal.page.reload();
    await expect(legal.page.getByLabel(/レビュー期限のリマインダー/)).toBeChecked();
    await legal.page.getByLabel(/レビュー期限のリマインダー/).uncheck();
    await legal.page.getByTestId("save-preferences").click();
    await expect(legal.page.getByText("保存しました")).toBeVisible();
  } finally {
    await legal.ctx.close();
  }
});

/** The drafting studio as a content creator uses it: draft, live checks, revisions, diff, submit. */
import { test, expect } from "@playwright/test";
import { storageStatePath } from "../support/personas";

test.describe("creator", () => {
  test.use({ storageState: storageStatePath("creator") });

  test("draft for X and Instagram, fix the disclosure, revise, diff and submit", async ({ page }) => {
    const title = `秋の新メニュー告知 ${Date.now()}`;
    await page.goto("/studio/posts");
    await expect(page.getByRole("heading", { level: 1, name: "投稿" })).toBeVisible();
    await page.getByTestId("new-post").click();
    await expect(page).toHaveURL(/\/studio\/posts\/new$/);

    await page.getByLabel("タイトル(社内用)").fill(title);
    await page.getByLabel("ブランド").selectOption({ label: "あおばカフェ" });
    await page.getByRole("checkbox", { name: /^X · / }).check();
    await page.getByRole("checkbox", { name: /^Instagram · / }).check();

    const xText = page.getByLabel(/^Xの本文/);
    const igText = page.getByLabel(/^Instagramの本文/);

    // X weighs full-width characters double; Instagram counts characters.
    await xText.fill("秋限定ラテ");
    await expect(page.getByTestId("counter-x-value")).toHaveText("10");
    await igText.fill("秋限定ラテ");
    await expect(page.getByTestId("counter-instagram-value")).toHaveText("5");

    // A risky term shows a risk finding with the matched term.
    const body = "秋限定のパンプキンラテが登場します。食中毒対策も万全です。";
    await xText.fill(body);
    await igText.fill(body);
    const xChecks = page.getByTestId("checks-x");
    await expect(xChecks.getByTestId("risk-x")).toContainText("食中毒");
    await expect(xChecks.locator("[data-testid^=finding-risk_]")).toBeVisible();

    // A commercial post with #PR only at the end fails disclosure …
    await page.getByRole("checkbox", { name: "商業的な投稿(広告・PR・提供)" }).check();
    await xText.fill(`${body} #PR`);
    await igText.fill(`${body} #PR`);
    await expect(xChecks.getByTestId("finding-disclosure_failed")).toBeVisible();
    await expect(xChecks.getByTestId("disclosure-x")).toContainText("ハッシュタグ");
    await expect(page.getByTestId("checks-legal")).toContainText("法務レビューが必要です");

    // … and passes with 【PR】 at the start.
    await xText.fill(`【PR】${body}`);
    await igText.fill(`【PR】${body}`);
    await expect(xChecks.getByTestId("finding-disclosure_failed")).toHaveCount(0);
    await expect(page.getByTestId("checks-instagram").getByTestId("finding-disclosure_failed")).toHaveCount(0);
    await expect(page.getByTestId("preview-x")).toContainText("【PR】秋限定");

    // Instagram needs an image (the checks block without one): pick a seeded cafe photo.
    await expect(page.getByTestId("checks-instagram").getByTestId("finding-media_required")).toBeVisible();
    await page.getByTestId("media-add-instagram").click();
    await page.locator("dialog[open]").getByRole("checkbox", { name: /季節限定ラテ_メイン/ }).check();
    await page.getByTestId("media-done").filter({ visible: true }).click();
    await expect(page.getByTestId("checks-instagram").getByTestId("finding-media_required")).toHaveCount(0);

    // Save: revision 1, on the post's own page.
    await page.getByTestId("editor-save").click();
    await expect(page).toHaveURL(/\/studio\/posts\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("post-revision")).toHaveText("現在の版: 1");
    await expect(page.getByTestId("post-state")).toHaveText("下書き");

    // Edit: revision 2.
    await page.getByLabel(/^Xの本文/).fill(`【PR】${body}\nぜひお試しください。`);
    await page.getByTestId("editor-save").click();
    await expect(page.getByTestId("editor-notice")).toHaveText("版2を保存しました。");
    await expect(page.getByTestId("post-revision")).toHaveText("現在の版: 2");
    await expect(page.getByTestId("revision-row")).toHaveCount(2);

    // The diff between revision 1 and 2.
    await page.getByTestId("diff-show").click();
    const diff = page.getByTestId("revision-diff");
    await expect(diff).toBeVisible();
    await expect(diff.locator("[data-op=add]")).toContainText("ぜひお試しください。");

    // Submit for review.
    await page.getByTestId("editor-submit").click();
    await expect(page.getByTestId("editor-notice")).toHaveText("レビューに提出しました。");
    await expect(page.getByTestId("post-state")).toHaveText("レビュー中");

    await page.goto("/studio/posts");
    await expect(page.getByTestId("post-row").filter({ hasText: title })).toContainText("レビュー中");
  });

  test("a save over a newer revision is refused with a clear conflict message", async ({ page, context }) => {
    await page.goto("/studio/posts/new");
    await page.getByLabel("タイトル(社内用)").fill(`同時編集 ${Date.now()}`);
    await page.getByLabel("ブランド").selectOption({ label: "あおばカフェ" });
    await page.getByRole("checkbox", { name: /^X · / }).check();
    await page.getByLabel(/^Xの本文/).fill("週末のおすすめメニューです。");
    await page.getByTestId("editor-save").click();
    await expect(page).toHaveURL(/\/studio\/posts\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("post-revision")).toHaveText("現在の版: 1");

    // A second tab opened on revision 1 saves first …
    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByLabel(/^Xの本文/).fill("週末のおすすめメニューです。(別タブ)");
    await other.getByTestId("editor-save").click();
    await expect(other.getByTestId("editor-notice")).toHaveText("版2を保存しました。");
    await other.close();

    // … so this tab, still on revision 1, gets CONFLICT and keeps what was typed.
    await page.getByLabel(/^Xの本文/).fill("週末のおすすめメニューです。(こちら)");
    await page.getByTestId("editor-save").click();
    await expect(page.getByTestId("editor-error")).toContainText("他の画面で先に保存されたため保存できませんでした");
    await expect(page.getByLabel(/^Xの本文/)).toHaveValue("週末のおすすめメニューです。(こちら)");
  });
});

test.describe("analyst", () => {
  test.use({ storageState: storageStatePath("analyst") });

  test("has no post.create: 403 at /studio/posts/new", async ({ page }) => {
    const res = await page.goto("/studio/posts/new");
    expect(res?.status()).toBe(403);
  });
});

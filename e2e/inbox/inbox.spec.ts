/**
 * The community manager's inbox in Chromium: filters in the URL, keyboard shortcuts (and none
 * while typing), a new item appearing without a reload, the thread view, bulk close with progress
 * and a per-item failure, the CSV export with formula-safe cells, and strangers' HTML shown as
 * text with no dialog ever firing. Each test seeds its own items under a unique tag.
 */
import { freshContext, signInViaSso } from "../support/sso";
import { test, expect, type Page } from "@playwright/test";
import fs from "node:fs";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../../db/schema";
import { createInboxItem, createInboxItems } from "../../db/seed/inbox-factories";
import { CHANNEL_IDS } from "../../db/seed/demo";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const db = () => drizzle(testSql(), { schema });
const SHOTS = process.env.E2E_SHOTS_DIR ?? ".data/shots-inbox";
const HOSTILE_IMG = "<img src=x onerror=alert(1)>";
const HOSTILE_SCRIPT = "<script>alert('xss')</script> 返金して";
const min = (m: number) => new Date(Date.now() + m * 60_000);
const uniq = (p: string) => `${p}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test.use({ storageState: storageStatePath("community") });

/** Fails the test if any dialog (alert/confirm/prompt) opens: nothing strangers wrote may run. */
function forbidDialogs(page: Page) {
  const fired: string[] = [];
  page.on("dialog", async (d) => {
    fired.push(d.message());
    await d.dismiss();
  });
  return fired;
}

async function statusOf(id: string) {
  const [r] = await testSql()<{ status: string; assignee_id: string | null; tags: string[] }[]>`select status, assignee_id, tags from inbox_items where id = ${id}`;
  return r!;
}

/** Opens a filter's checkbox popover, checks the values and applies (mouse). */
async function pickFilter(page: Page, name: string, values: string[]) {
  await page.getByTestId(`filter-${name}`).click();
  const panel = page.getByTestId(`filter-${name}-panel`);
  await expect(panel).toBeVisible();
  for (const v of values) await panel.locator(`input[value="${v}"]`).check();
  await panel.getByRole("button", { name: /^(適用|Apply)$/ }).click();
}

test("filters live in the URL; strangers' HTML is text; the thread view shows conversation and history", async ({ page }) => {
  test.setTimeout(120_000);
  const fired = forbidDialogs(page);
  const tag = uniq("f");
  const img = await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeX, platform: "x", tags: [tag], text: HOSTILE_IMG, authorName: "<b>悪意</b>", slaDueAt: min(-5) });
  const script = await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeX, platform: "x", tags: [tag], text: HOSTILE_SCRIPT, slaDueAt: min(20), threadKey: `t-${tag}` });
  await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeX, platform: "x", tags: [tag], text: "前の投稿です https://example.com/a javascript:alert(3)", threadKey: `t-${tag}`, receivedAt: min(-60) });
  const dm = await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeInstagram, platform: "instagram", kind: "dm", tags: [tag], text: "DMで失礼します。注文の件です。", sentiment: "negative", riskScore: 80, riskReasons: [{ code: "lexicon", term: "炎上", weight: 9 }], slaDueAt: min(120) });

  await page.goto(`/community?tag=${tag}`);
  const rows = page.getByTestId("inbox-item");
  await expect(rows).toHaveCount(4);
  // SLA order: the breached one first, with a live countdown.
  await expect(rows.first()).toHaveAttribute("data-item-id", img.id);
  await expect(rows.first().getByTestId("sla-countdown")).toHaveAttribute("data-sla-state", "breached");
  // Literal text, never markup.
  await expect(page.getByText(HOSTILE_IMG, { exact: true })).toBeVisible();
  await expect(page.getByText(HOSTILE_SCRIPT, { exact: true })).toBeVisible();
  await expect(page.getByText("<b>悪意</b>", { exact: false })).toBeVisible();
  await expect(page.locator('main img[src="x"], main b:text("悪意")')).toHaveCount(0);
  await expect(rows.filter({ hasText: "DMで失礼します" }).getByTestId("risk-reasons")).toContainText("炎上");

  // A filter changes the URL; the list follows; "clear" goes back.
  await pickFilter(page, "kind", ["dm"]);
  await expect(page).toHaveURL(/kind=dm/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-item-id", dm.id);
  await pickFilter(page, "sla", ["breached"]);
  await expect(page).toHaveURL(/sla=breached/);
  await expect(page.getByTestId("inbox-empty")).toBeVisible();
  await page.goto(`/community?tag=${tag}&sla=breached`);
  await expect(rows).toHaveCount(1);
  // search (Japanese two-character word) within the tag
  await page.goto(`/community?tag=${tag}&q=${encodeURIComponent("返金")}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-item-id", script.id);

  // Thread view: the words as text, the conversation in platform order, http(s) links only.
  await rows.first().getByTestId("item-link").click();
  await expect(page).toHaveURL(new RegExp(`/community/items/${script.id}`));
  await expect(page.getByTestId("thread-text")).toHaveText(HOSTILE_SCRIPT);
  const convo = page.getByTestId("conversation").locator("li");
  await expect(convo).toHaveCount(2);
  await expect(convo.first()).toContainText("前の投稿です");
  await expect(page.getByTestId("reply-slot")).toBeVisible();
  // The earlier item's link: only the https URL is a link, with safe rel.
  await convo.first().locator("a").first().click();
  const link = page.getByTestId("thread-text").getByRole("link", { name: "https://example.com/a" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  expect(fired).toEqual([]);
});

test("several values per filter: checkbox popovers from the keyboard, all values in the URL, Esc reverts, clear all; English prefixes", async ({ page, browser }) => {
  test.setTimeout(150_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const tag = uniq("m");
  const mk = (o: Omit<Parameters<typeof createInboxItem>[1], "channelId">) => createInboxItem(db(), { channelId: CHANNEL_IDS.cafeX, platform: "x", tags: [tag], ...o });
  const comment = await mk({ kind: "comment", text: "返金はいつになりますか", sentiment: "negative", slaDueAt: min(10) });
  const mention = await mk({ kind: "mention", text: "I asked for a refund last week", language: "en", sentiment: "neutral", slaDueAt: min(20) });
  await mk({ kind: "dm", text: "DMです", sentiment: "negative", slaDueAt: min(30) });
  await mk({ kind: "review", text: "美味しかった", sentiment: "positive", slaDueAt: min(40) });

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/community?tag=${tag}`);
  const rows = page.getByTestId("inbox-item");
  await expect(rows).toHaveCount(4);

  // Keyboard only: Enter opens the kind popover, Tab walks the checkboxes, Space checks, Enter applies.
  const kind = page.getByTestId("filter-kind");
  await kind.focus();
  await expect(kind).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Enter");
  await expect(kind).toHaveAttribute("aria-expanded", "true");
  const panel = page.getByTestId("filter-kind-panel");
  await expect(panel).toBeVisible();
  await page.keyboard.press("Tab"); // comment
  await expect(panel.locator('input[value="comment"]')).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab"); // dm
  await page.keyboard.press("Tab"); // mention
  await page.keyboard.press("Space");
  await expect(panel.locator('input[value="mention"]')).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/inbox-filter-popover-ja.png` });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/kind=comment&kind=mention/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("filter-kind")).toContainText("コメント +1");

  // Esc reverts and closes, focus back on the button, nothing applied.
  const sentiment = page.getByTestId("filter-sentiment");
  await sentiment.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space"); // positive
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("filter-sentiment-panel")).toBeHidden();
  await expect(sentiment).toBeFocused();
  await expect(page).not.toHaveURL(/sentiment=/);
  await expect(rows).toHaveCount(2);

  // Two values of another filter (mouse), both kept in the URL with the first filter's.
  await pickFilter(page, "sentiment", ["negative", "neutral"]);
  await expect(page).toHaveURL(/kind=comment&kind=mention/);
  await expect(page).toHaveURL(/sentiment=negative&sentiment=neutral|sentiment=neutral&sentiment=negative/);
  await expect(rows).toHaveCount(2);
  await pickFilter(page, "language", ["en"]);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-item-id", mention.id);
  // A URL with several values shows them checked (assignee me + unassigned, language ja + unknown).
  await page.goto(`/community?tag=${tag}&assignee=me&assignee=unassigned&language=ja&language=und`);
  await expect(rows).toHaveCount(3);
  await page.getByTestId("filter-language").click();
  await expect(page.getByTestId("filter-language-panel").locator('input[value="ja"]')).toBeChecked();
  await expect(page.getByTestId("filter-language-panel").locator('input[value="und"]')).toBeChecked();
  await expect(page.getByTestId("filter-language-panel").locator('input[value="en"]')).not.toBeChecked();
  await page.keyboard.press("Escape");
  // Clear all: back to the plain inbox.
  await page.getByTestId("inbox-clear-filters").click();
  await expect(page).toHaveURL(/\/community$/);
  await expect(page.getByTestId("filter-kind")).toContainText("すべて");

  // English matches as a prefix: "refun" finds "refund".
  await page.goto(`/community?tag=${tag}&q=refun`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-item-id", mention.id);
  await page.goto(`/community?tag=${tag}&q=${encodeURIComponent("返金")}`);
  await expect(rows.first()).toHaveAttribute("data-item-id", comment.id);

  // English: the same bar, the messages in parity.
  const en = await freshContext(browser);
  const p2 = await en.newPage();
  await signInViaSso(p2, "community2");
  await p2.setViewportSize({ width: 1440, height: 1000 });
  await p2.goto(`/community?tag=${tag}&kind=comment&kind=mention&status=open&status=assigned`);
  await expect(p2.getByTestId("filter-kind")).toContainText("Comment +1");
  await p2.getByTestId("filter-status").click();
  await expect(p2.getByTestId("filter-status-panel")).toContainText("Pick any number");
  await p2.screenshot({ path: `${SHOTS}/inbox-filter-popover-en.png` });
  await en.close();
});

test("keyboard: j/k move, a assigns to me, c closes, e escalates, ? shows help, / searches; nothing fires while typing", async ({ page }) => {
  test.setTimeout(120_000);
  const fired = forbidDialogs(page);
  const tag = uniq("k");
  const [first, second, third] = await createInboxItems(db(), [
    { channelId: CHANNEL_IDS.foodsX, platform: "x", tags: [tag], text: "一件目 の問い合わせ", slaDueAt: min(10) },
    { channelId: CHANNEL_IDS.foodsX, platform: "x", tags: [tag], text: "二件目 の問い合わせ", slaDueAt: min(20) },
    { channelId: CHANNEL_IDS.foodsX, platform: "x", tags: [tag], text: "三件目 の問い合わせ", slaDueAt: min(30) },
  ]);
  await page.goto(`/community?tag=${tag}`);
  const rows = page.getByTestId("inbox-item");
  await expect(rows).toHaveCount(3);

  // The first key once the page is interactive (hydrated).
  await expect(async () => {
    await page.keyboard.press("j");
    await expect(rows.nth(0)).toHaveAttribute("data-active", "true", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(rows.nth(0).getByTestId("item-link")).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows.nth(2)).toHaveAttribute("data-active", "true");
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toHaveAttribute("data-active", "true");

  // a → assigned to me (鈴木 健太)
  await page.keyboard.press("a");
  await expect(rows.nth(1).getByTestId("item-assignee")).toContainText("鈴木");
  await expect.poll(async () => (await statusOf(second!)).assignee_id).toBe("usr_community");

  // c → closed
  await page.keyboard.press("c");
  await expect(rows.nth(1)).toHaveAttribute("data-status", "closed");
  await expect.poll(async () => (await statusOf(second!)).status).toBe("closed");

  // e → escalate dialog (focus in the reason), Esc cancels; then escalate the third one to PR.
  await page.keyboard.press("j");
  await page.keyboard.press("e");
  const dialog = page.getByTestId("escalate-dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("escalate-reason")).toBeFocused();
  // typing j / c in the reason does nothing but type
  await page.keyboard.type("jc 拡散の兆候があります");
  await expect(rows.nth(2)).toHaveAttribute("data-active", "true");
  await page.getByTestId("escalate-submit").click();
  await expect(dialog).toBeHidden();
  await expect(rows.nth(2)).toHaveAttribute("data-status", "escalated");
  await expect.poll(async () => (await statusOf(third!)).status).toBe("escalated");

  // ? → help listing the shortcuts; Esc closes it
  await page.keyboard.press("?");
  const help = page.getByTestId("shortcut-help");
  await expect(help).toBeVisible();
  await expect(help).toContainText("エスカレーション");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // / → the search box; typing there is text, not shortcuts
  await page.keyboard.press("/");
  await expect(page.getByTestId("inbox-search")).toBeFocused();
  await page.keyboard.type("jkac");
  await expect(page.getByTestId("inbox-search")).toHaveValue("jkac");
  expect((await statusOf(first!)).status).toBe("open");
  expect(fired).toEqual([]);
});

test("a new item appears without a reload: a banner counts it, and the list keeps its place until asked", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = uniq("n");
  await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeLine, platform: "line", tags: [tag], text: "最初からある問い合わせ" });
  await page.goto(`/community?tag=${tag}`);
  const rows = page.getByTestId("inbox-item");
  await expect(rows).toHaveCount(1);
  await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeLine, platform: "line", tags: [tag], text: "あとから届いた問い合わせ", slaDueAt: min(-1) });
  const banner = page.getByTestId("inbox-new-banner");
  await expect(banner).toContainText("新着 1件", { timeout: 40_000 });
  await expect(rows).toHaveCount(1);
  await banner.click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("あとから届いた問い合わせ");
  await expect(banner).toBeHidden();
});

test("bulk close: chunks with progress, a per-item failure reported, every change audited", async ({ page }) => {
  const tag = uniq("b");
  const ids = await createInboxItems(db(), Array.from({ length: 30 }, (_, i) => ({ channelId: CHANNEL_IDS.beautyInstagram, platform: "instagram" as const, tags: [tag], text: `まとめて完了 ${i}`, slaDueAt: min(i) })));
  await page.goto(`/community?tag=${tag}`);
  await expect(page.getByTestId("inbox-item")).toHaveCount(30);
  // Meanwhile a rule hid one of them: it cannot be closed.
  await testSql()`update inbox_items set status = 'hidden', hidden_at = now() where id = ${ids[7]!}`;
  const before = await testSql()<{ n: number }[]>`select count(*)::int n from audit_events where action = 'inbox.closed'`;
  await page.getByTestId("select-all").check();
  await expect(page.getByTestId("bulk-bar")).toContainText("30件を選択中");
  await page.getByTestId("bulk-close").click();
  const progress = page.getByTestId("bulk-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toContainText("29件を処理しました。1件は処理できませんでした。");
  await expect(page.getByTestId("bulk-failures")).toContainText("状態が合わないため");
  const [closed] = await testSql()<{ n: number }[]>`select count(*)::int n from inbox_items where ${tag} = any(tags) and status = 'closed'`;
  expect(closed!.n).toBe(29);
  const after = await testSql()<{ n: number }[]>`select count(*)::int n from audit_events where action = 'inbox.closed'`;
  expect(after[0]!.n - before[0]!.n).toBe(29);
  // The failed one stays selected for another try.
  await expect(page.getByTestId("bulk-bar")).toContainText("1件を選択中");
});

test("CSV export of the current filter: formula cells are neutralised, DM text included for the community manager", async ({ page }) => {
  const tag = uniq("x");
  await createInboxItem(db(), { channelId: CHANNEL_IDS.foodsFacebook, platform: "facebook", tags: [tag], text: '=HYPERLINK("http://evil.example","click")', authorName: "@attacker" });
  await createInboxItem(db(), { channelId: CHANNEL_IDS.foodsFacebook, platform: "facebook", kind: "dm", tags: [tag], text: "-2+3 のDM本文", authorName: "+81 太郎" });
  await page.goto(`/community?tag=${tag}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("inbox-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^inbox-\d{8}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.trim().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  expect(csv).toContain("'@attacker");
  expect(csv).toContain("'+81 太郎");
  expect(csv).toContain("'-2+3 のDM本文");
  expect(csv).not.toMatch(/,=HYPERLINK/);
});

test("screenshots: inbox (ja, en), thread, empty state, loading skeleton", async ({ page, browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/community");
  await expect(page.getByTestId("inbox-item").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/inbox-ja.png`, fullPage: false });
  await page.getByTestId("inbox-item").first().getByTestId("item-link").click();
  await expect(page.getByTestId("inbox-thread")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/thread-ja.png`, fullPage: true });
  await page.goto(`/community?tag=${uniq("none")}`);
  await expect(page.getByTestId("inbox-empty")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/inbox-empty-ja.png` });
  // community2's stored session is ended by the admin spec's deactivation: sign in afresh
  const en = await freshContext(browser);
  const p2 = await en.newPage();
  await signInViaSso(p2, "community2");
  await p2.setViewportSize({ width: 1440, height: 1000 });
  await p2.goto("/community");
  await expect(p2.getByTestId("inbox-item").first()).toBeVisible();
  await p2.screenshot({ path: `${SHOTS}/inbox-en.png` });
  await en.close();
  // The loading skeleton: from a thread back to the inbox, with the server's answer held a moment.
  await page.goto("/community");
  await page.getByTestId("inbox-item").first().getByTestId("item-link").click();
  await expect(page.getByTestId("inbox-thread")).toBeVisible();
  await page.route(/\/community\?_rsc=/, async (route) => {
    await new Promise((r) => setTimeout(r, 4000));
    await route.continue();
  });
  await page.getByRole("link", { name: /受信箱に戻る/ }).click();
  await expect(page.getByTestId("inbox-skeleton")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/inbox-loading.png` });
});

/**
 * Issue 4 end to end in Chromium: a community manager triages (assigns to herself), answers a
 * comment with a saved reply (variables filled, checks shown) and sees it sent — on the sandbox
 * network too; escalates a risky DM to PR, whose reply then waits; PR approves exactly that text
 * in the PR workspace; the worker sends it. Then two community managers on one item at once:
 * each sees the other, the second send is refused with a clear conflict and nothing is sent.
 * Screenshots of the composer, presence and the PR approval panel in Japanese and English.
 */
import { freshContext, signInViaSso } from "../support/sso";
import { test, expect, type Browser, type Page } from "@playwright/test";
import fs from "node:fs";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../../db/schema";
import { createInboxItem } from "../../db/seed/inbox-factories";
import { CHANNEL_IDS } from "../../db/seed/demo";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const db = () => drizzle(testSql(), { schema });
const SHOTS = process.env.E2E_SHOTS_DIR ?? ".data/shots-replies";
const uniq = (p: string) => `${p}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const min = (m: number) => new Date(Date.now() + m * 60_000);

/** community2's stored session is ended by the admin and session specs (they deactivate them): sign in afresh. */
async function as(browser: Browser, loginId: string): Promise<Page> {
  if (loginId === "community2") {
    const page = await (await freshContext(browser)).newPage();
    await signInViaSso(page, loginId);
    return page;
  }
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return ctx.newPage();
}
async function shot(page: Page, name: string, target?: ReturnType<Page["getByTestId"]>) {
  fs.mkdirSync(SHOTS, { recursive: true });
  if (target) await target.screenshot({ path: `${SHOTS}/${name}.png` });
  else await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
async function replyRows(itemId: string) {
  return testSql()<{ id: string; state: string; text: string; approval_role: string | null; external_id: string | null }[]>`
    select id, state, text, approval_role, external_id from replies where inbox_item_id = ${itemId} order by created_at`;
}

test.describe.configure({ mode: "serial" });

test("triage, saved reply, escalate a risky DM to PR, PR approves, it is sent (and on the sandbox network)", async ({ browser }) => {
  test.setTimeout(120_000);
  const tag = uniq("rf");
  const comment = await createInboxItem(db(), {
    channelId: CHANNEL_IDS.cafeX,
    platform: "x",
    tags: [tag],
    text: "昨日買った新作ラテ、とても美味しかったです!季節限定はいつまでですか?",
    authorName: "山田 花子",
    authorHandle: "@hanako_y",
    sentiment: "positive",
    slaDueAt: min(45),
  });
  const dm = await createInboxItem(db(), {
    channelId: CHANNEL_IDS.cafeX,
    platform: "x",
    kind: "dm",
    tags: [tag],
    text: "店舗で異物が混入していました。返金と説明がなければSNSで拡散します。",
    authorName: "佐々木 一郎",
    authorHandle: "@ichiro_s",
    authorExternalId: `dm-${tag}`,
    sentiment: "negative",
    riskScore: 78,
    riskReasons: [{ code: "lexicon", term: "異物", weight: 9 }],
    priority: "urgent",
    slaDueAt: min(20),
  });

  // ── The community manager triages and answers the comment with a saved reply ──
  const cm = await as(browser, "community");
  await cm.goto(`/community?tag=${tag}`);
  await expect(cm.getByTestId("inbox-item")).toHaveCount(2);
  await cm.getByTestId("inbox-item").filter({ hasText: "新作ラテ" }).getByTestId("item-link").click();
  await expect(cm).toHaveURL(new RegExp(`/community/items/${comment.id}`));
  await cm.getByTestId("thread-assign-me").click();
  await expect(cm.getByTestId("thread-assignee")).toHaveValue("usr_community");

  const composer = cm.getByTestId("reply-composer");
  await expect(composer).toBeVisible();
  await cm.getByTestId("saved-reply-select").selectOption({ label: "前向きなコメントへのお礼" });
  await cm.getByTestId("saved-reply-insert").click();
  const text = cm.getByTestId("reply-text");
  await expect(text).toHaveValue(/^山田 花子様、うれしいお言葉をありがとうございます!/);
  await expect(text).toHaveValue(/あおばカフェをよろしく/);
  await expect(text).toBeFocused();
  await text.press("End");
  await text.pressSequentially(" 季節限定ラテは今月末までの予定です。");
  await expect(cm.getByTestId("reply-checks")).toContainText("問題は見つかりませんでした");
  await expect(cm.getByTestId("reply-approval-notice")).toHaveAttribute("data-lane", "none");
  await shot(cm, "composer-ja", cm.getByTestId("reply-slot"));
  await cm.getByTestId("reply-send").click();
  await expect(cm.getByTestId("reply-notice")).toContainText("送信キューに入れました");
  // The worker sends it; the status follows live.
  await expect(cm.getByTestId("reply-item").first()).toHaveAttribute("data-state", "sent", { timeout: 30_000 });
  await expect(cm.getByTestId("reply-item").first()).toContainText("送信済み");
  const [sent] = await replyRows(comment.id);
  expect(sent!.text).toContain("季節限定ラテは今月末までの予定です。");
  const [first] = await testSql()<{ first_response_at: Date | null; status: string }[]>`select first_response_at, status from inbox_items where id = ${comment.id}`;
  expect(first!.first_response_at).not.toBeNull();
  expect(first!.status).toBe("waiting");
  // …and it is on the sandbox network, as a reply to the comment.
  await cm.goto(`/sandbox?channel=${CHANNEL_IDS.cafeX}`);
  await expect(cm.getByTestId("sandbox-post").filter({ hasText: "季節限定ラテは今月末までの予定です。" })).toBeVisible();
  const [onNet] = await testSql()<{ in_reply_to: string; is_direct: boolean }[]>`select in_reply_to, is_direct from sandbox_posts where external_id = ${sent!.external_id}`;
  expect(onNet).toEqual({ in_reply_to: comment.externalId, is_direct: false });

  // ── The risky DM: escalate to PR, then the reply needs PR's approval ──
  await cm.goto(`/community/items/${dm.id}`);
  await cm.getByTestId("thread-assign-me").click();
  await expect(cm.getByTestId("thread-assignee")).toHaveValue("usr_community");
  await cm.getByTestId("thread-escalate").click();
  await cm.getByTestId("escalate-reason").fill("異物混入の申し立て。拡散の示唆あり");
  await cm.getByTestId("escalate-submit").click();
  await expect(cm.getByTestId("escalate-dialog")).toBeHidden();
  // The page has reloaded the item with its escalation (the composer now holds the new version).
  await expect(cm.getByTestId("reply-approval-notice")).toContainText("PR にエスカレーション済み");
  await cm.getByTestId("saved-reply-select").selectOption({ label: "ご不便へのお詫び" });
  await cm.getByTestId("saved-reply-insert").click();
  await expect(cm.getByTestId("reply-text")).toHaveValue(/^佐々木 一郎様、このたびはご不便をおかけし誠に申し訳ございません。/);
  await expect(cm.getByTestId("reply-approval-notice")).toHaveAttribute("data-lane", "pr");
  await expect(cm.getByTestId("reply-approval-notice")).toContainText("PR の承認が必要");
  await expect(cm.getByTestId("reply-send")).toHaveText("承認を依頼");
  await cm.getByTestId("reply-send").click();
  await expect(cm.getByTestId("reply-notice")).toContainText("承認を依頼しました");
  await expect(cm.getByTestId("reply-item").first()).toHaveAttribute("data-state", "pending_approval");
  await expect(cm.getByTestId("reply-item").first()).toContainText("PRの承認待ち");
  const [pending] = await replyRows(dm.id);
  expect(pending).toMatchObject({ state: "pending_approval", approval_role: "pr" });
  // Nothing went out while it waits.
  await cm.waitForTimeout(2500);
  expect((await replyRows(dm.id))[0]!.state).toBe("pending_approval");

  // ── PR approves the exact text in the PR workspace ──
  const pr = await as(browser, "pr");
  await pr.goto("/pr");
  const card = pr.locator(`[data-testid="reply-approval"][data-reply-id="${pending!.id}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("reply-approval-item")).toContainText("異物が混入していました");
  await expect(card.getByTestId("reply-approval-text")).toHaveText(pending!.text);
  await shot(pr, "pr-approvals-ja", pr.getByTestId("panel-reply-approvals"));
  await card.getByTestId("reply-approve").click();
  await expect(card.getByTestId("reply-approval-done")).toContainText("承認しました");

  // ── The worker sends it; the community manager sees it sent ──
  await expect.poll(async () => (await replyRows(dm.id))[0]!.state, { timeout: 30_000 }).toBe("sent");
  await expect(cm.getByTestId("reply-item").first()).toHaveAttribute("data-state", "sent", { timeout: 15_000 });
  await expect(cm.getByTestId("reply-item").first()).toContainText("田中");
  const [dmNet] = await testSql()<{ text: string; is_direct: boolean }[]>`select text, is_direct from sandbox_posts where in_reply_to = ${dm.externalId}`;
  expect(dmNet).toEqual({ text: pending!.text, is_direct: true });
  // The author was told.
  const [note] = await testSql()<{ link: string }[]>`select link from notifications where user_id = 'usr_community' and kind = 'reply.decided' order by created_at desc limit 1`;
  expect(note!.link).toBe(`/community/items/${dm.id}`);
  await pr.context().close();
  await cm.context().close();
});

test("two community managers at once: each sees the other; the later send is refused, nothing sent twice", async ({ browser }) => {
  test.setTimeout(90_000);
  const tag = uniq("co");
  const item = await createInboxItem(db(), {
    channelId: CHANNEL_IDS.foodsX,
    platform: "x",
    tags: [tag],
    text: "注文した商品がまだ届きません。いつ発送されますか?",
    authorName: "Emily Carter",
    authorHandle: "@emily_c",
    slaDueAt: min(30),
  });
  const a = await as(browser, "community");
  const b = await as(browser, "community2");
  await a.goto(`/community/items/${item.id}`);
  await b.goto(`/community/items/${item.id}`);
  // Each sees the other (heartbeats every 5 s).
  await expect(a.getByTestId("presence-person")).toHaveCount(1, { timeout: 15_000 });
  await expect(b.getByTestId("presence-person")).toHaveCount(1, { timeout: 15_000 });
  await expect(b.getByTestId("presence-person")).toContainText("鈴木");
  // B starts typing: A sees "writing a reply".
  await b.getByTestId("reply-text").fill("Thank you for your patience. Your order ships tomorrow.");
  await expect(a.locator('[data-testid="presence-person"][data-mode="replying"]')).toBeVisible({ timeout: 15_000 });
  await shot(a, "presence-ja", a.getByTestId("reply-slot"));
  await shot(b, "composer-en", b.getByTestId("reply-slot"));
  await a.getByTestId("reply-text").fill("ご迷惑をおかけしております。明日発送予定です。");
  // B sends first.
  await b.getByTestId("reply-send").click();
  await expect(b.getByTestId("reply-notice")).toBeVisible();
  // A sends on a stale view: refused with a clear conflict; nothing of A's is stored.
  await a.getByTestId("reply-send").click();
  await expect(a.getByTestId("reply-error")).toHaveAttribute("data-code", "CONFLICT");
  await expect(a.getByTestId("reply-error")).toContainText("ほかの人が返信しました");
  await expect(a.getByTestId("reply-error")).toContainText("何も送信していません");
  const rows = await replyRows(item.id);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.text).toContain("ships tomorrow");
  // A loads the latest and now sees B's reply.
  await a.getByTestId("reply-error").getByRole("button").click();
  await expect(a.getByTestId("reply-item")).toHaveCount(1);
  await expect(a.getByTestId("reply-item").first()).toContainText("ships tomorrow");
  await expect.poll(async () => (await replyRows(item.id))[0]!.state, { timeout: 30_000 }).toBe("sent");
  const [net] = await testSql()<{ n: number }[]>`select count(*)::int n from sandbox_posts where in_reply_to = ${item.externalId}`;
  expect(net!.n).toBe(1);
  await a.context().close();
  await b.context().close();
});

test("English screens: the PR approval panel and saved replies", async ({ browser }) => {
  const tag = uniq("en");
  const item = await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeX, platform: "x", tags: [tag], text: "Your staff was rude to me. I want an apology.", language: "en", authorName: "Jordan Lee", riskScore: 72, sentiment: "negative", slaDueAt: min(30) });
  // A reply awaiting PR (stored as the composer would: risk above the threshold).
  await testSql()`insert into replies (inbox_item_id, author_id, text, state, approval_role, approval_reason) values (${item.id}, 'usr_community2', 'We are very sorry, Jordan. Could you DM us the store and time so we can look into it?', 'pending_approval', 'pr', 'risk')`;
  await testSql()`update users set locale = 'en' where id = 'usr_pr2'`;
  try {
    const pr = await as(browser, "pr2");
    await pr.goto("/pr");
    await expect(pr.getByTestId("panel-reply-approvals")).toContainText("Replies awaiting approval");
    await expect(pr.getByTestId("panel-reply-approvals")).toContainText("We are very sorry, Jordan.");
    await shot(pr, "pr-approvals-en", pr.getByTestId("panel-reply-approvals"));
    await pr.context().close();
  } finally {
    await testSql()`update users set locale = 'ja' where id = 'usr_pr2'`;
  }
  const b = await as(browser, "community2");
  await b.goto("/community/saved-replies");
  await expect(b.getByTestId("saved-reply-item").first()).toBeVisible();
  await shot(b, "saved-replies-en");
  await b.context().close();
  const a = await as(browser, "community");
  await a.goto("/community/saved-replies");
  await expect(a.getByRole("heading", { name: "定型文", level: 1 })).toBeVisible();
  await shot(a, "saved-replies-ja");
  await a.context().close();
});

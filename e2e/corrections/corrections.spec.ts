/**
 * A correction end to end, with different people in separate browsers and the e2e run's real
 * publisher worker: a post goes out, PR starts a correction of it from the template, the fast lane
 * runs in parallel (the manager and Legal approve while it is in review, another PR person too; the
 * author cannot), the manager schedules it, the worker publishes it as a reply to the original on
 * the sandbox network, and the original's pages show the link both ways.
 */
import { randomUUID, createHash } from "node:crypto";
import path from "node:path";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const SHOTS = path.resolve(".data", `e2e-shots-${new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100").port}`);

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

/** An approved post armed on the café's X channel (sandbox) for `slotAt`; the worker publishes it. */
async function scheduledPost(o: { title: string; text: string; slotAt: Date }) {
  const sql = testSql();
  const [ch] = await sql<{ id: string; brandId: string }[]>`select id, brand_id as "brandId" from channels where handle = '@aoba_cafe'`;
  const postId = randomUUID();
  const revId = randomUUID();
  const content = { isCommercial: false, variants: [{ channelId: ch!.id, platform: "x", text: o.text, mediaAssetIds: [] }] };
  const hash = createHash("sha256").update(JSON.stringify(content) + postId).digest("hex");
  await sql.begin(async (tx) => {
    await tx`insert into posts (id, brand_id, title, state, author_id, scheduled_at) values (${postId}, ${ch!.brandId}, ${o.title}, 'scheduled', 'usr_creator', ${o.slotAt.toISOString()})`;
    await tx`insert into post_revisions (id, post_id, number, content_hash, content, created_by_id) values (${revId}, ${postId}, 1, ${hash}, ${JSON.stringify(content)}::text::jsonb, 'usr_creator')`;
    await tx`update posts set current_revision_id = ${revId} where id = ${postId}`;
    await tx`insert into approvals (post_id, revision_id, revision_hash, stage, reviewer_id, decision) values
      (${postId}, ${revId}, ${hash}, 'pr', 'usr_pr', 'approved'), (${postId}, ${revId}, ${hash}, 'final', 'usr_manager', 'approved')`;
    await tx`insert into post_targets (post_id, channel_id, scheduled_at, state, idempotency_key) values (${postId}, ${ch!.id}, ${o.slotAt.toISOString()}, 'scheduled', ${`${postId}:${ch!.id}`})`;
  });
  return { postId, channelId: ch!.id };
}

const postState = async (id: string) => (await testSql()<{ state: string }[]>`select state from posts where id = ${id}`)[0]!.state;

/** Approve the stage shown on a review page and land back in the queue. */
async function approve(page: Page, queue: string, postId: string) {
  await page.goto(queue);
  const row = page.locator(`[data-testid=review-row][data-post-id="${postId}"]`);
  await expect(row.getByTestId("fast-lane-badge")).toContainText("ファストレーン");
  await row.locator("a").first().click();
  await page.getByTestId("decision-approved").check();
  await page.getByTestId("decision-submit").click();
  await expect(page).toHaveURL(new RegExp(`${queue}\\?decided=approved$`));
}

test("PR corrects a published post; PR, Legal and the manager approve in parallel; it goes out as a reply; both pages link", async ({ browser }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 6);
  const originalTitle = `E2E 桜ラテ発売のお知らせ ${tag}`;
  const originalText = `春の新作「桜ラテ」は全店で4月1日から販売します! ${tag}`;
  const original = await scheduledPost({ title: originalTitle, text: originalText, slotAt: new Date(Date.now() + 2_000) });
  await expect.poll(() => postState(original.postId), { timeout: 30_000 }).toBe("published");

  const pr = await as(browser, "pr");
  const pr2 = await as(browser, "pr2");
  const legal = await as(browser, "legal");
  const manager = await as(browser, "manager");
  const creator = await as(browser, "creator");
  try {
    // ── PR starts a correction from the published post ──
    await pr.page.goto("/corrections");
    const published = pr.page.locator(`[data-testid=published-row][data-post-id="${original.postId}"]`);
    await expect(published).toContainText(originalTitle);
    await published.getByTestId("published-start").click();
    await expect(pr.page).toHaveURL(new RegExp(`/corrections/original/${original.postId}#start$`));
    const form = pr.page.getByTestId("start-correction");
    await expect(form.getByTestId("correction-kind-correction")).toBeChecked();
    await expect(form.getByTestId("correction-publish-as-reply")).toBeChecked();
    await expect(form.getByTestId("correction-missing")).toBeVisible();
    await form.getByTestId("correction-var-wrongFact").fill("全店で4月1日から販売");
    await form.getByTestId("correction-var-correctFact").fill("都内10店舗で4月8日から販売");
    const text = form.getByTestId("correction-text");
    await expect(text).toHaveValue(/^【訂正とお詫び】/);
    await expect(text).toHaveValue(/誤:全店で4月1日から販売\n正:都内10店舗で4月8日から販売/);
    await expect(form.getByTestId("correction-missing")).toHaveCount(0);
    await pr.page.screenshot({ path: path.join(SHOTS, "correction-start.png"), fullPage: true });
    await form.getByTestId("correction-create").click();
    await expect(pr.page).toHaveURL(/\/corrections\/[0-9a-f-]{36}\?submitted=1$/);
    const correctionId = pr.page.url().match(/corrections\/([0-9a-f-]{36})/)![1]!;
    await expect(pr.page.getByTestId("correction-submitted")).toBeVisible();
    await expect(pr.page.getByTestId("correction-state")).toContainText("レビュー中");
    for (const stage of ["pr", "legal", "final"]) await expect(pr.page.getByTestId(`correction-stage-${stage}`)).toHaveAttribute("data-decision", "pending");
    await expect(pr.page.getByTestId("correction-original-link")).toHaveAttribute("href", `/corrections/original/${original.postId}`);

    // The author cannot approve their own correction.
    await pr.page.goto(`/pr/reviews/${correctionId}`);
    await expect(pr.page.getByTestId("review-notice")).toHaveAttribute("data-notice", "self_approval");

    // ── The fast lane: the manager's final approval is open while it is still in review, and listed first ──
    await manager.page.goto("/manager/approvals");
    await expect(manager.page.locator("[data-testid=review-row]").first()).toHaveAttribute("data-fast-lane", "true");
    await approve(manager.page, "/manager/approvals", correctionId);
    expect(await postState(correctionId)).toBe("in_review");
    await approve(legal.page, "/legal/reviews", correctionId);
    expect(await postState(correctionId)).toBe("in_review");
    await approve(pr2.page, "/pr/reviews", correctionId);
    expect(await postState(correctionId)).toBe("approved");

    await pr.page.goto(`/corrections/${correctionId}`);
    for (const stage of ["pr", "legal", "final"]) await expect(pr.page.getByTestId(`correction-stage-${stage}`)).toHaveAttribute("data-decision", "approved");
    await pr.page.screenshot({ path: path.join(SHOTS, "correction-approved.png"), fullPage: true });

    // ── The manager publishes it as soon as possible; the worker publishes it as a reply ──
    await manager.page.goto(`/corrections/${correctionId}`);
    await expect(manager.page.getByTestId("correction-schedule-link")).toHaveAttribute("href", `/manager/approvals/${correctionId}#schedule`);
    await manager.page.getByTestId("correction-publish-asap").click();
    await manager.page.getByTestId("correction-publish-asap-dialog-confirm").click();
    await expect(manager.page.getByTestId("correction-state")).toContainText(/予約済み|投稿処理中|投稿済み/);
    await expect.poll(() => postState(correctionId), { timeout: 60_000, intervals: [1_000] }).toBe("published");
    const [reply] = await testSql()<{ inReplyTo: string | null; text: string }[]>`
      select sp.in_reply_to as "inReplyTo", sp.text from sandbox_posts sp
      join publications pb on pb.external_id = sp.external_id
      join post_targets t on t.id = pb.target_id where t.post_id = ${correctionId}`;
    const [orig] = await testSql()<{ externalId: string }[]>`
      select pb.external_id as "externalId" from publications pb join post_targets t on t.id = pb.target_id where t.post_id = ${original.postId}`;
    expect(reply!.text).toMatch(/^【訂正とお詫び】/);
    expect(reply!.inReplyTo).toBe(orig!.externalId);

    // ── The original's pages show the whole history, linking both ways ──
    await pr.page.goto(`/corrections/original/${original.postId}`);
    const item = pr.page.locator(`[data-testid=correction-history-item][data-post-id="${correctionId}"]`);
    await expect(item).toContainText("訂正");
    await expect(item).toContainText("投稿済み");
    await expect(item).toContainText("元の投稿への返信として");
    await pr.page.screenshot({ path: path.join(SHOTS, "correction-original-history.png"), fullPage: true });
    await item.getByTestId("correction-history-link").click();
    await expect(pr.page).toHaveURL(new RegExp(`/corrections/${correctionId}$`));

    await creator.page.goto(`/studio/posts/${original.postId}`);
    const panel = creator.page.getByTestId("panel-correction-history");
    await expect(panel.locator(`[data-testid=correction-history-item][data-post-id="${correctionId}"]`)).toBeVisible();
    await creator.page.screenshot({ path: path.join(SHOTS, "studio-post-correction-history.png"), fullPage: true });

    const [link] = await testSql()<{ kind: string; publishAs: string; originalAction: string; createdBy: string }[]>`
      select kind, publish_as as "publishAs", original_action as "originalAction", created_by_id as "createdBy" from corrections where new_post_id = ${correctionId}`;
    expect(link).toEqual({ kind: "correction", publishAs: "reply", originalAction: "keep", createdBy: "usr_pr" });
    const approvers = await testSql()<{ stage: string; reviewer: string }[]>`select stage, reviewer_id as reviewer from approvals where post_id = ${correctionId} and voided_at is null order by stage`;
    expect(approvers).toEqual([
      { stage: "pr", reviewer: "usr_pr2" },
      { stage: "legal", reviewer: "usr_legal" },
      { stage: "final", reviewer: "usr_manager" },
    ]);
  } finally {
    for (const p of [pr, pr2, legal, manager, creator]) await p.ctx.close();
  }
});

test("a holding statement from the crisis room goes to the fast lane", async ({ browser }) => {
  const pr = await as(browser, "pr");
  try {
    await pr.page.goto("/crisis");
    const form = pr.page.getByTestId("statement-form");
    await form.getByTestId("statement-brand").selectOption({ label: "あおば食品" });
    await form.getByTestId("statement-topic").fill("一部商品への異物混入のご指摘");
    await expect(form.getByTestId("statement-text").first()).toHaveValue(/^【お知らせ】\s*一部商品への異物混入のご指摘について/);
    // あおば食品 requires its name in every text (a brand rule): the X text gets it added by hand.
    const texts = form.getByTestId("statement-text");
    for (let i = 0; i < (await texts.count()); i++) {
      const v = await texts.nth(i).inputValue();
      if (!v.includes("あおば食品")) await texts.nth(i).fill(`${v}\nあおば食品`);
    }
    await form.getByTestId("statement-create").click();
    await expect(pr.page).toHaveURL(/\/corrections\/[0-9a-f-]{36}\?submitted=1$/);
    await expect(pr.page.getByTestId("correction-state")).toContainText("レビュー中");
    const id = pr.page.url().match(/corrections\/([0-9a-f-]{36})/)![1]!;
    const [p] = await testSql()<{ kind: string; requiresLegal: boolean }[]>`select kind, requires_legal as "requiresLegal" from posts where id = ${id}`;
    expect(p).toEqual({ kind: "statement", requiresLegal: true });
  } finally {
    await pr.ctx.close();
  }
});

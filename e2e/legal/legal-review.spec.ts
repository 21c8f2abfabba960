/**
 * Legal's structured review end to end, with real SSO sessions: a creator submits a paid-partnership
 * post with a third-party (licensed) illustration; Legal takes it from the queue, records checklist
 * results and a finding from a template, and approves with conditions; the post goes back to the
 * creator, who meets the condition in revision 2 and resubmits; Legal sees the revision as a diff
 * against the one it saw, cannot approve until it marks the condition met, then approves. The
 * evidence pack (legal-holds' route) lists both of Legal's decisions. Plus: takedown intake from any
 * staff member, and screenshots (ja + en) of the queue and of each kind's review screen.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";
import { canonicalJson } from "../../lib/domain/canonical-json";

const SHOTS = path.resolve(".data", "screenshots-legal-queue");
const LICENSED_ASSET = "00000000-0000-4000-8106-000000000002"; // コラボタンブラー_イラスト入り.jpg (licensed, expires in 12 days)
const UUID_NONE = "00000000-0000-4000-8000-000000000000";
const seedReview = (n: number) => `00000000-0000-4000-8301-${n.toString(16).padStart(12, "0")}`;

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId), acceptDownloads: true });
  return { ctx, page: await ctx.newPage() };
};

/** A draft by the creator: paid partnership (【PR】) on X with the licensed illustration. */
async function partnershipDraft(title: string) {
  const sql = testSql();
  const [ch] = await sql<{ id: string; brandId: string }[]>`select id, brand_id as "brandId" from channels where handle = '@aoba_cafe'`;
  const postId = randomUUID();
  const revId = randomUUID();
  const content = {
    isCommercial: true,
    variants: [{ channelId: ch!.id, platform: "x", text: "【PR】イラストレーター春野さんとのコラボタンブラーが登場!\n全店で数量限定販売します。", mediaAssetIds: [LICENSED_ASSET] }],
  };
  const hash = createHash("sha256").update(canonicalJson(content)).digest("hex");
  await sql.begin(async (tx) => {
    await tx`insert into posts (id, brand_id, title, state, author_id) values (${postId}, ${ch!.brandId}, ${title}, 'draft', 'usr_creator')`;
    await tx`insert into post_revisions (id, post_id, number, content_hash, content, created_by_id) values (${revId}, ${postId}, 1, ${hash}, ${JSON.stringify(content)}::text::jsonb, 'usr_creator')`;
    await tx`update posts set current_revision_id = ${revId} where id = ${postId}`;
    await tx`insert into post_targets (post_id, channel_id, state, idempotency_key) values (${postId}, ${ch!.id}, 'pending', ${`${postId}:${ch!.id}`})`;
  });
  return { postId };
}

const openReviewOf = async (postId: string) =>
  (await testSql()<{ id: string; previousReviewId: string | null }[]>`
    select l.id, l.previous_review_id as "previousReviewId" from legal_reviews l join posts p on p.id = l.post_id
    where l.post_id = ${postId} and l.revision_id = p.current_revision_id and l.state in ('open', 'in_progress')`)[0];

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test("Legal approves with conditions; the creator meets them; Legal approves revision 2 from the diff", async ({ browser }) => {
  const title = `コラボタンブラー告知 ${Date.now()}`;
  const { postId } = await partnershipDraft(title);
  const creator = await as(browser, "creator");
  const legal = await as(browser, "legal");
  try {
    // The creator submits: commercial + third-party asset → Legal's stage, a structured review.
    await creator.page.goto(`/studio/posts/${postId}`);
    await creator.page.getByTestId("editor-submit").click();
    await expect(creator.page.getByTestId("editor-notice")).toHaveText("レビューに提出しました。");
    const r1 = await openReviewOf(postId);
    expect(r1, "a legal review was opened at submit").toBeTruthy();

    // Legal takes it from the queue.
    await legal.page.goto("/legal?kind=post_revision");
    const row = legal.page.locator(`[data-testid=legal-queue-row][data-review-id="${r1!.id}"]`);
    await expect(row).toContainText(title);
    await row.getByTestId("legal-queue-open").click();
    await expect(legal.page).toHaveURL(new RegExp(`/legal/queue/${r1!.id}$`));
    await expect(legal.page.getByTestId("review-variant-text").first()).toContainText("春野さん");
    await expect(legal.page.getByTestId("review-variant-media").first()).toBeVisible();
    await expect(legal.page.getByTestId("legal-asset")).toHaveAttribute("data-source", "licensed");
    await legal.page.getByTestId("legal-assign-take").click();
    await expect(legal.page.getByTestId("legal-assign-select")).toHaveValue("usr_legal");
    // The select changes at once; the page (and the review's version the checklist saves against) once the assignment is in.
    await expect(legal.page.getByTestId("legal-assign-take")).toHaveCount(0);

    // Checklist and a finding from a template, saved.
    await legal.page.getByTestId("check-copyright-issue").check();
    await legal.page.getByTestId("check-copyright-note").fill("許諾契約 No.2025-A12: 作家クレジットの表示が条件");
    await legal.page.getByTestId("check-disclosure-ok").check();
    await legal.page.getByTestId("check-regulated_claims-ok").check();
    await legal.page.getByTestId("finding-template").selectOption("credit_required");
    await expect(legal.page.getByTestId("finding-note").last()).toHaveValue(/クレジット/);
    await legal.page.getByTestId("legal-review-save").click();
    await expect(legal.page.getByTestId("legal-review-saved")).toBeVisible();
    await expect(legal.page.locator('[data-testid=legal-check][data-item=copyright]')).toHaveAttribute("data-result", "issue");

    // A condition is required for an approval with conditions.
    await legal.page.getByTestId("legal-decision-approved_with_conditions").check();
    await legal.page.getByTestId("legal-decision-submit").click();
    await expect(legal.page.getByRole("alert").filter({ hasText: "条件を1件以上" })).toBeVisible();
    await legal.page.getByTestId("legal-conditions-input").fill("本文に「イラスト: 春野みどり」のクレジットを入れること");
    await shot(legal.page, "review-post-ja");
    await legal.page.getByTestId("legal-decision-submit").click();
    await expect(legal.page.getByTestId("legal-decided")).toHaveAttribute("data-state", "approved_with_conditions");
    const [post1] = await testSql()<{ state: string }[]>`select state from posts where id = ${postId}`;
    expect(post1!.state).toBe("changes_requested");

    // The creator meets the condition in revision 2 and resubmits.
    await creator.page.goto(`/studio/posts/${postId}`);
    await creator.page.getByLabel(/^Xの本文/).fill("【PR】イラストレーター春野さんとのコラボタンブラーが登場!\n全店で数量限定販売します。\nイラスト: 春野みどり");
    await creator.page.getByTestId("editor-save").click();
    await expect(creator.page.getByTestId("editor-notice")).toHaveText("版2を保存しました。");
    await creator.page.getByTestId("editor-submit").click();
    await expect(creator.page.getByTestId("editor-notice")).toHaveText("レビューに提出しました。");
    const r2 = await openReviewOf(postId);
    expect(r2!.previousReviewId).toBe(r1!.id);

    // Legal: a revisit, the diff from revision 1, the condition to mark.
    await legal.page.goto("/legal?assignee=me");
    const row2 = legal.page.locator(`[data-testid=legal-queue-row][data-review-id="${r2!.id}"]`);
    await expect(row2).toContainText("再確認");
    await expect(row2).toContainText("未充足の条件 1件");
    await row2.getByTestId("legal-queue-open").click();
    await expect(legal.page.getByTestId("review-diff-lines")).toContainText("イラスト: 春野みどり");
    await expect(legal.page.getByTestId("legal-conditions")).toHaveAttribute("data-unmet", "1");
    await legal.page.getByTestId("legal-decision-approved").check();
    await legal.page.getByTestId("legal-decision-submit").click();
    await expect(legal.page.getByTestId("legal-decision-error")).toHaveAttribute("data-error", "conditions_unmet");
    expect((await testSql()`select 1 from approvals a join posts p on p.current_revision_id = a.revision_id where a.post_id = ${postId} and a.stage = 'legal'`).length).toBe(0);

    await legal.page.getByTestId("condition-met").click();
    await expect(legal.page.getByTestId("legal-conditions")).toHaveAttribute("data-unmet", "0");
    await shot(legal.page, "review-post-revisit-ja");
    await legal.page.getByTestId("legal-decision-approved").check();
    await legal.page.getByTestId("legal-decision-submit").click();
    await expect(legal.page.getByTestId("legal-decided")).toHaveAttribute("data-state", "approved");
    const decisions = await testSql()<{ decision: string; revisionHash: string; current: string }[]>`
      select a.decision, a.revision_hash as "revisionHash", r.content_hash as current from approvals a
      join posts p on p.id = a.post_id join post_revisions r on r.id = p.current_revision_id
      where a.post_id = ${postId} and a.stage = 'legal' order by a.created_at`;
    expect(decisions.map((d) => d.decision)).toEqual(["changes_requested", "approved"]);
    expect(decisions[1]!.revisionHash).toBe(decisions[1]!.current);

    // The evidence pack lists both of Legal's decisions (legal-holds' export).
    const csv = await legal.page.request.get(`/api/evidence/posts/${postId}.csv`);
    if (csv.status() !== 404) {
      expect(csv.status()).toBe(200);
      const body = await csv.text();
      expect(body.match(/post\.decision/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(body).toContain("post.submitted");
    }
  } finally {
    await Promise.all([creator.ctx.close(), legal.ctx.close()]);
  }
});

test("takedown intake: any staff member files; it lands in Legal's queue; bad input is refused", async ({ browser }) => {
  const analyst = await as(browser, "analyst");
  const legal = await as(browser, "legal");
  try {
    await analyst.page.goto("/takedowns");
    await analyst.page.getByTestId("takedown-submit").click();
    await expect(analyst.page.getByText("必須項目です。").first()).toBeVisible();
    const complainant = `e2e 申立人 ${Date.now()}`;
    await analyst.page.getByTestId("takedown-complainant").fill(complainant);
    await analyst.page.getByTestId("takedown-url").fill("javascript:alert(1)");
    await analyst.page.getByTestId("takedown-description").fill("当社の写真が無断で使われています。");
    await analyst.page.getByTestId("takedown-submit").click();
    await expect(analyst.page.getByText("http(s) で始まるURLを入力してください。")).toBeVisible();
    expect((await testSql()`select 1 from takedown_requests where complainant = ${complainant}`).length).toBe(0);
    await analyst.page.getByTestId("takedown-url").fill("https://x.com/aoba_cafe/status/1");
    await analyst.page.getByTestId("takedown-kind").selectOption("copyright");
    await analyst.page.getByTestId("takedown-submit").click();
    await expect(analyst.page.getByTestId("takedown-created")).toBeVisible();
    await expect(analyst.page.getByTestId("takedown-mine-row").filter({ hasText: complainant })).toContainText("法務確認中");
    await shot(analyst.page, "takedown-intake-ja");

    await legal.page.goto("/legal?kind=takedown");
    await expect(legal.page.getByTestId("legal-queue-row").filter({ hasText: complainant })).toBeVisible();
  } finally {
    await Promise.all([analyst.ctx.close(), legal.ctx.close()]);
  }
});

test("screenshots: the queue and each kind's review screen, in Japanese and English", async ({ browser }) => {
  test.setTimeout(300_000);
  const legal = await as(browser, "legal");
  const kinds: [string, number][] = [
    ["post", 1],
    ["ad-creative", 9],
    ["reply", 10],
    ["takedown", 12],
    ["talent-usage", 7],
  ];
  try {
    for (const lang of ["ja", "en"] as const) {
      await testSql()`update users set locale = ${lang} where id = 'usr_legal'`;
      await legal.page.goto("/legal");
      await expect(legal.page.getByTestId("legal-queue")).toBeVisible();
      await expect(legal.page.getByTestId("legal-queue-row").first()).toBeVisible();
      await shot(legal.page, `queue-${lang}`);
      for (const [name, n] of kinds) {
        await legal.page.goto(`/legal/queue/${seedReview(n)}`);
        await expect(legal.page.getByTestId("legal-review-side")).toBeVisible();
        await shot(legal.page, `review-${name}-${lang}`);
      }
    }
    await legal.page.goto("/legal?kind=talent_usage&risk=low&state=withdrawn");
    await expect(legal.page.getByTestId("legal-queue")).toBeVisible();
    await shot(legal.page, "queue-empty-en");
  } finally {
    await testSql()`update users set locale = 'ja' where id = 'usr_legal'`;
    await legal.ctx.close();
  }
});

test("the manager reads the queue and a review without any decision control; other roles get 403", async ({ browser }) => {
  const m = await as(browser, "manager");
  try {
    await m.page.goto("/manager");
    await m.page.getByRole("navigation", { name: "コマンドセンター" }).getByRole("link", { name: "法務キュー" }).click();
    await expect(m.page).toHaveURL(/\/legal$/);
    await expect(m.page.getByTestId("legal-queue")).toBeVisible();
    await expect(m.page.getByTestId("legal-read-only")).toBeVisible();
    await expect(m.page.getByTestId("legal-queue-row").first()).toBeVisible();
    await shot(m.page, "manager-queue-ja");
    for (const n of [1, 10]) {
      const res = await m.page.goto(`/legal/queue/${seedReview(n)}`);
      expect(res?.status()).toBe(200);
      await expect(m.page.getByTestId("legal-review-side")).toBeVisible();
      await expect(m.page.getByTestId("legal-read-only")).toBeVisible();
      await expect(m.page.getByTestId("legal-decision-form")).toHaveCount(0);
      await expect(m.page.getByTestId("legal-decision-submit")).toHaveCount(0);
    }
    await shot(m.page, "manager-review-reply-ja");
    // Legal's own pages stay closed to the manager.
    for (const path of ["/legal/holds", "/legal/rights", `/legal/reviews/${UUID_NONE}`]) expect((await m.page.goto(path))?.status(), path).toBe(403);
  } finally {
    await m.ctx.close();
  }
});

test("only Legal and the manager open the review screens", async ({ browser }) => {
  for (const who of ["creator", "community"]) {
    const c = await as(browser, who);
    try {
      const res = await c.page.goto(`/legal/queue/${seedReview(10)}`);
      expect(res?.status(), who).toBe(403);
    } finally {
      await c.ctx.close();
    }
  }
});

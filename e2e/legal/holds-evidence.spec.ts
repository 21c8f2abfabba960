/**
 * Legal holds and evidence packs end to end, with real SSO sessions and the e2e run's worker:
 * a post goes out on the sandbox network; Legal places a hold on it from the post's review page;
 * PR's correction that would delete the original is refused, naming the hold; the evidence pack
 * downloads as a PDF (text extracted: Japanese title, every event with its hash) and as a CSV that
 * lists every audit event of the post; Legal releases the hold with a reason, and the delete goes
 * through. Screenshots of /legal/holds and /legal/rights in Japanese and English.
 */
import { randomUUID, createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Browser } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";
import { parseCsv } from "../../tests/support/csv";
import { pdfText } from "../../tests/support/pdf-text";

const SHOTS = path.resolve(".data", "screenshots-legal-holds");

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId), acceptDownloads: true });
  return { ctx, page: await ctx.newPage() };
};

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
  return { postId };
}

const postState = async (id: string) => (await testSql()<{ state: string }[]>`select state from posts where id = ${id}`)[0]!.state;

test("Legal holds a published post; a delete is refused naming the hold; the evidence pack lists every step; release lets the delete go", async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const tag = randomUUID().slice(0, 6);
  const title = `E2E 保全テスト 桜ラテ ${tag}`;
  const reason = `景品表示法の照会に備えた証拠保全 ${tag}`;
  const { postId } = await scheduledPost({ title, text: `春の新作「桜ラテ」は全店で4月1日から販売します! ${tag}`, slotAt: new Date(Date.now() + 2_000) });
  await expect.poll(() => postState(postId), { timeout: 30_000 }).toBe("published");

  const legal = await as(browser, "legal");
  const pr = await as(browser, "pr");
  try {
    // ── Legal places a hold from the post's page ──
    await legal.page.goto(`/legal/reviews/${postId}`);
    const panel = legal.page.getByTestId("post-legal-panel");
    await expect(panel).toContainText("保全されていません");
    await panel.getByTestId("place-hold-toggle").click();
    await panel.getByTestId("hold-reason").fill(reason);
    await panel.getByTestId("hold-submit").click();
    await expect(panel.getByTestId("post-holds")).toContainText(reason);
    await legal.page.screenshot({ path: path.join(SHOTS, "post-panel-held-ja.png"), fullPage: true });

    await legal.page.goto("/legal/holds");
    const row = legal.page.locator("[data-testid=hold-row]", { hasText: reason });
    await expect(row).toContainText(title);
    await legal.page.screenshot({ path: path.join(SHOTS, "holds-ja.png"), fullPage: true });

    // ── PR's correction that would delete the original is refused, naming the hold ──
    await pr.page.goto(`/corrections/original/${postId}#start`);
    const form = pr.page.getByTestId("start-correction");
    await form.getByTestId("correction-var-wrongFact").fill("全店で4月1日から販売");
    await form.getByTestId("correction-var-correctFact").fill("都内10店舗で4月8日から販売");
    await form.getByTestId("correction-original-delete").check();
    await form.getByTestId("correction-create").click();
    await expect(form.getByTestId("correction-error")).toContainText(reason);
    await expect(form.getByTestId("correction-error")).toContainText("リーガルホールド");
    await pr.page.screenshot({ path: path.join(SHOTS, "correction-refused-ja.png"), fullPage: true });
    expect((await testSql()`select 1 from corrections where original_post_id = ${postId}`).length).toBe(0);

    // ── The evidence pack: PDF and CSV, every step ──
    await legal.page.goto(`/legal/reviews/${postId}`);
    const [pdfDl] = await Promise.all([legal.page.waitForEvent("download"), legal.page.getByTestId("evidence-pdf").click()]);
    expect(pdfDl.suggestedFilename()).toMatch(/^evidence-post-[0-9a-f]{8}-\d{8}\.pdf$/);
    const pdf = fs.readFileSync((await pdfDl.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    fs.copyFileSync((await pdfDl.path())!, path.join(SHOTS, "evidence.pdf"));
    const text = pdfText(pdf);
    expect(text).toContain(title);
    expect(text).toContain("証拠資料");

    const [csvDl] = await Promise.all([legal.page.waitForEvent("download"), legal.page.getByTestId("evidence-csv").click()]);
    const rows = parseCsv(fs.readFileSync((await csvDl.path())!, "utf8"));
    const header = rows[0]!;
    const col = (n: string) => header.indexOf(n);
    const events = await testSql()<{ id: string; action: string; hash: string }[]>`
      select id::text, action, hash from audit_events where subject_type = 'post' and subject_id = ${postId} order by id`;
    const inCsv = rows.slice(1).map((r) => ({ id: r[col("event_id")], action: r[col("action")], hash: r[col("hash")] }));
    // Every step of the post's audit log (the PDF's export, recorded after it was built, included).
    for (const e of events.filter((x) => x.action !== "evidence.exported" || inCsv.some((c) => c.id === x.id))) expect(inCsv).toContainEqual({ id: e.id, action: e.action, hash: e.hash });
    expect(inCsv.map((c) => c.action)).toEqual(expect.arrayContaining(["publication.published", "post.published", "legal_hold.placed", "evidence.exported"]));
    for (const e of inCsv.filter((c) => c.action !== "evidence.exported")) {
      expect(text).toContain(e.action);
      expect(text).toContain(e.hash);
    }

    // ── Release with a reason; then the delete goes through ──
    await legal.page.goto("/legal/holds");
    const active = legal.page.locator("[data-testid=hold-row]", { hasText: reason });
    await active.getByTestId("release-open").click();
    await active.getByTestId("release-reason").fill("照会が終了したため");
    await active.getByTestId("release-submit").click();
    await expect(legal.page.locator("[data-testid=hold-row]", { hasText: reason })).toHaveCount(0);
    await legal.page.goto("/legal/holds?state=released");
    await expect(legal.page.locator("[data-testid=hold-row]", { hasText: reason })).toContainText("照会が終了したため");

    await pr.page.goto(`/corrections/original/${postId}#start`);
    const form2 = pr.page.getByTestId("start-correction");
    await form2.getByTestId("correction-var-wrongFact").fill("全店で4月1日から販売");
    await form2.getByTestId("correction-var-correctFact").fill("都内10店舗で4月8日から販売");
    await form2.getByTestId("correction-original-delete").check();
    await form2.getByTestId("correction-create").click();
    await expect(pr.page).toHaveURL(/\/corrections\/[0-9a-f-]{36}\?/);

    // ── The rights view, and both pages in English ──
    await legal.page.goto("/legal/rights");
    await expect(legal.page.getByTestId("policy-form")).toBeVisible();
    await expect(legal.page.locator("[data-testid=rights-row]").first()).toBeVisible();
    await legal.page.screenshot({ path: path.join(SHOTS, "rights-ja.png"), fullPage: true });
    await testSql()`update users set locale = 'en' where id = 'usr_legal'`;
    try {
      await legal.page.goto("/legal/holds");
      await expect(legal.page.getByRole("heading", { name: "Legal holds" }).first()).toBeVisible();
      await legal.page.screenshot({ path: path.join(SHOTS, "holds-en.png"), fullPage: true });
      await legal.page.goto("/legal/rights");
      await legal.page.screenshot({ path: path.join(SHOTS, "rights-en.png"), fullPage: true });
    } finally {
      await testSql()`update users set locale = 'ja' where id = 'usr_legal'`;
    }
  } finally {
    await legal.ctx.close();
    await pr.ctx.close();
  }
});

test("others cannot place holds or download evidence packs", async ({ browser }) => {
  const creator = await as(browser, "creator");
  try {
    const res = await creator.page.request.get(`/api/evidence/posts/${randomUUID()}.pdf`, { failOnStatusCode: false });
    expect(res.status()).toBe(403);
    const page = await creator.page.goto("/legal/holds");
    expect(page!.status()).toBe(403);
  } finally {
    await creator.ctx.close();
  }
});

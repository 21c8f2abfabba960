/**
 * Comment threads on revisions, each person in their own browser: PR comments on a post in review
 * from the review page (an empty comment is refused first, the keyboard sends); the creator edits the
 * post (a revision 2 is seeded), sees PR's comment on their studio page marked as being on revision 1,
 * and replies on revision 2; PR is notified of the reply. Seeds its own post with the shared factory.
 */
import { test, expect, type Browser } from "@playwright/test";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../../db/schema";
import { createPost } from "../../db/seed/factories";
import { BRAND_IDS, CHANNEL_IDS } from "../../db/seed/demo";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const db = () => drizzle(testSql(), { schema });
const SHOTS = process.env.E2E_SHOTS_DIR ?? ".data/shots-comments";

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

const commentsOn = async (postId: string) =>
  testSql()<{ body: string; number: number; author_id: string }[]>`
    select c.body, r.number, c.author_id from revision_comments c join post_revisions r on r.id = c.revision_id
    where r.post_id = ${postId} order by c.created_at`;

test("PR comments from the review page; the creator sees it with its revision on the studio page and replies", async ({ browser }) => {
  const title = `e2e コメント ${Date.now()}`;
  const p = await createPost(db(), {
    brandId: BRAND_IDS.foods,
    channelIds: [CHANNEL_IDS.foodsX],
    authorId: "usr_creator",
    title,
    text: "あおば食品の新しいレシピをご紹介します。",
    state: "in_review",
  });
  const pr = await as(browser, "pr");
  const creator = await as(browser, "creator");
  try {
    await pr.page.goto(`/pr/reviews/${p.postId}`);
    const panel = pr.page.getByTestId("panel-comments");
    await expect(panel).toContainText("まだコメントはありません");
    // Empty: refused in words, focus back in the field, nothing stored.
    await panel.getByTestId("comment-submit").click();
    await expect(panel.getByTestId("comment-error")).toContainText("コメントを入力してください");
    await expect(panel.getByTestId("comment-body-input")).toBeFocused();
    expect(await commentsOn(p.postId)).toHaveLength(0);
    // The keyboard sends (Ctrl+Enter).
    await panel.getByTestId("comment-body-input").fill("2行目の「ご紹介」は「お届け」の方が柔らかいです。");
    await panel.getByTestId("comment-body-input").press("Control+Enter");
    await expect(panel.getByTestId("comment")).toHaveCount(1);
    await expect(panel.getByTestId("comment").first()).toContainText("版 1");
    await expect(panel.getByTestId("comment").first()).toContainText("田中 誠");
    await expect(panel.getByTestId("comment-body-input")).toHaveValue("");
    await pr.page.screenshot({ path: `${SHOTS}/review-comments.png`, fullPage: true });
    expect(await commentsOn(p.postId)).toEqual([{ body: "2行目の「ご紹介」は「お届け」の方が柔らかいです。", number: 1, author_id: "usr_pr" }]);

    // The creator was told, linked to their studio page.
    const [note] = await testSql()<{ link: string }[]>`
      select link from notifications where user_id = 'usr_creator' and kind = 'post.commented' and link like ${"%" + p.postId}`;
    expect(note?.link).toBe(`/studio/posts/${p.postId}`);

    // The creator saves a revision 2 (seeded: the editor's own flow is tested elsewhere) after changes were requested.
    await testSql().begin(async (sql) => {
      const [r2] = await sql<{ id: string }[]>`
        insert into post_revisions (post_id, number, content_hash, content, created_by_id)
        select post_id, 2, content_hash || '-2', content, created_by_id from post_revisions where id = ${p.revisionId}
        returning id`;
      await sql`update posts set current_revision_id = ${r2!.id}, state = 'changes_requested' where id = ${p.postId}`;
    });

    await creator.page.goto(`/studio/posts/${p.postId}`);
    const mine = creator.page.getByTestId("panel-comments");
    const first = mine.getByTestId("comment").first();
    await expect(first).toContainText("版 1");
    await expect(first).toContainText("以前の版へのコメント");
    await expect(first).toHaveAttribute("data-older", "true");
    await expect(mine.getByLabel("版 2 へのコメント")).toBeVisible();
    await mine.getByLabel("版 2 へのコメント").fill("修正しました。版 2 をご確認ください。");
    await mine.getByTestId("comment-submit").click();
    await expect(mine.getByTestId("comment")).toHaveCount(2);
    const reply = mine.getByTestId("comment").nth(1);
    await expect(reply).toContainText("版 2");
    await expect(reply).toHaveAttribute("data-older", "false");
    await expect(reply).toContainText("高橋 由衣");
    await creator.page.screenshot({ path: `${SHOTS}/studio-comments.png`, fullPage: true });

    // PR (who commented before) hears of the reply, linked to their review page.
    const toPr = await testSql()<{ link: string }[]>`
      select link from notifications where user_id = 'usr_pr' and kind = 'post.commented' and link like ${"%" + p.postId}`;
    expect(toPr.map((n) => n.link)).toEqual([`/pr/reviews/${p.postId}`]);
  } finally {
    await pr.ctx.close();
    await creator.ctx.close();
  }
});

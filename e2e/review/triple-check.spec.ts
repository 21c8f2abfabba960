/** The triple check through the review queues, each reviewer in their own browser: PR → Legal → final approval. */
import { test, expect, type Browser } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

/** A seeded post in review that needs Legal, by someone other than the reviewers, with no decision on its current revision yet. */
async function postAwaitingPrAndLegal(): Promise<string> {
  const [row] = await testSql()<{ id: string }[]>`
    select p.id from posts p
    where p.state = 'in_review' and p.requires_legal and p.author_id not in ('usr_pr', 'usr_legal', 'usr_manager')
      and not exists (select 1 from approvals a where a.revision_id = p.current_revision_id and a.voided_at is null)
    order by p.updated_at asc, p.id asc limit 1`;
  if (!row) throw new Error("no seeded post awaits PR and Legal");
  return row.id;
}

const liveDecisions = async (postId: string) => {
  const [r] = await testSql()<{ n: number }[]>`
    select count(*)::int n from approvals a join posts p on p.id = a.post_id where a.post_id = ${postId} and a.revision_id = p.current_revision_id`;
  return r!.n;
};

test("PR, then Legal, then the manager approve one post; each sees it in their queue", async ({ browser }) => {
  const postId = await postAwaitingPrAndLegal();
  const pr = await as(browser, "pr");
  const legal = await as(browser, "legal");
  const manager = await as(browser, "manager");
  try {
    // PR: the post is in the queue; asking for changes without a reason is refused and changes nothing.
    await pr.page.goto("/pr/reviews");
    await pr.page.locator(`[data-testid=review-row][data-post-id="${postId}"] a`).click();
    await expect(pr.page).toHaveURL(new RegExp(`/pr/reviews/${postId}$`));
    await expect(pr.page.getByTestId("review-revision")).toContainText(/版 \d+/);
    await expect(pr.page.getByTestId("review-variant-text").first()).toBeVisible();
    await pr.page.getByTestId("decision-changes_requested").check();
    await pr.page.getByTestId("decision-submit").click();
    await expect(pr.page.getByTestId("decision-error")).toContainText("理由を入力してください");
    expect(await liveDecisions(postId)).toBe(0);

    await pr.page.getByTestId("decision-approved").check();
    await pr.page.getByTestId("decision-submit").click();
    await expect(pr.page).toHaveURL(/\/pr\/reviews\?decided=approved$/);
    await expect(pr.page.getByTestId("review-success")).toBeVisible();
    await expect(pr.page.locator(`[data-testid=review-row][data-post-id="${postId}"]`)).toHaveCount(0);
    // Coming back, PR is told the stage is decided instead of being offered the form again.
    await pr.page.goto(`/pr/reviews/${postId}`);
    await expect(pr.page.getByTestId("review-notice")).toHaveAttribute("data-notice", "already_decided");
    await expect(pr.page.getByTestId("decision-form")).toHaveCount(0);

    // Not yet in the final queue: Legal has not decided.
    await manager.page.goto("/manager/approvals");
    await expect(manager.page.getByTestId("review-queue")).toBeVisible();
    await expect(manager.page.locator(`[data-testid=review-row][data-post-id="${postId}"]`)).toHaveCount(0);
    await manager.page.goto(`/manager/approvals/${postId}`);
    await expect(manager.page.getByTestId("review-notice")).toHaveAttribute("data-notice", "stage_order");

    // Legal sees PR's decision and approves.
    await legal.page.goto("/legal/reviews");
    await legal.page.locator(`[data-testid=review-row][data-post-id="${postId}"] a`).click();
    await expect(legal.page.getByTestId("review-approval-pr")).toContainText("承認");
    await legal.page.getByTestId("decision-approved").check();
    await legal.page.getByTestId("decision-submit").click();
    await expect(legal.page).toHaveURL(/\/legal\/reviews\?decided=approved$/);

    // Now it awaits the manager, who approves.
    await manager.page.goto("/manager/approvals");
    await manager.page.locator(`[data-testid=review-row][data-post-id="${postId}"] a`).click();
    await expect(manager.page.getByTestId("review-approval-legal")).toBeVisible();
    await manager.page.getByTestId("decision-approved").check();
    await manager.page.getByTestId("decision-submit").click();
    await expect(manager.page).toHaveURL(/\/manager\/approvals\?decided=approved$/);
    await expect(manager.page.getByTestId("review-success")).toBeVisible();

    const [post] = await testSql()<{ state: string }[]>`select state from posts where id = ${postId}`;
    expect(post!.state).toBe("approved");
    expect(await liveDecisions(postId)).toBe(3);
  } finally {
    await Promise.all([pr.ctx.close(), legal.ctx.close(), manager.ctx.close()]);
  }
});

for (const loginId of ["analyst", "creator"]) {
  test(`the ${loginId} gets 403 at the PR queue`, async ({ browser }) => {
    const who = await as(browser, loginId);
    try {
      const res = await who.page.goto("/pr/reviews");
      expect(res?.status()).toBe(403);
    } finally {
      await who.ctx.close();
    }
  });
}

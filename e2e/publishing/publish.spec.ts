/**
 * Scheduled publishing end to end: the real worker of the e2e run publishes a fully approved post
 * at its slot to the sandbox network, the manager sees it live on the post and on the network's
 * timeline; a publication the worker could not decide is settled by the manager in the monitor.
 */
import { randomUUID, createHash } from "node:crypto";
import { test, expect, type Browser } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

/** A post through the triple check (approval rows bound to its revision hash), armed for `slotAt` on the demo's café X channel. */
async function scheduledPost(o: {
  title: string;
  text: string;
  slotAt: Date;
  targetState?: "scheduled" | "needs_human_check" | "pending";
  postState?: string;
  finalApproved?: boolean;
  kind?: string;
}) {
  const sql = testSql();
  const [ch] = await sql<{ id: string; brandId: string }[]>`select id, brand_id as "brandId" from channels where handle = '@aoba_cafe'`;
  const postId = randomUUID();
  const revId = randomUUID();
  const targetId = randomUUID();
  const content = { isCommercial: false, variants: [{ channelId: ch!.id, platform: "x", text: o.text, mediaAssetIds: [] }] };
  const hash = createHash("sha256").update(JSON.stringify(content) + postId).digest("hex");
  await sql.begin(async (tx) => {
    await tx`insert into posts (id, brand_id, kind, title, state, author_id, scheduled_at) values (${postId}, ${ch!.brandId}, ${o.kind ?? "post"}, ${o.title}, ${o.postState ?? "scheduled"}, 'usr_creator', ${o.slotAt.toISOString()})`;
    await tx`insert into post_revisions (id, post_id, number, content_hash, content, created_by_id) values (${revId}, ${postId}, 1, ${hash}, ${JSON.stringify(content)}::text::jsonb, 'usr_creator')`;
    await tx`update posts set current_revision_id = ${revId} where id = ${postId}`;
    await tx`insert into approvals (post_id, revision_id, revision_hash, stage, reviewer_id, decision) values (${postId}, ${revId}, ${hash}, 'pr', 'usr_pr', 'approved')`;
    if (o.finalApproved !== false) {
      await tx`insert into approvals (post_id, revision_id, revision_hash, stage, reviewer_id, decision) values (${postId}, ${revId}, ${hash}, 'final', 'usr_manager', 'approved')`;
    }
    await tx`insert into post_targets (id, post_id, channel_id, scheduled_at, state, idempotency_key) values (${targetId}, ${postId}, ${ch!.id}, ${o.slotAt.toISOString()}, ${o.targetState ?? "scheduled"}, ${targetId + ":" + hash.slice(0, 16)})`;
    if (o.targetState === "needs_human_check") {
      await tx`insert into publications (target_id, state, attempts, revision_hash, idempotency_key, error_code, last_error) values (${targetId}, 'unknown', 1, ${hash}, ${targetId + ":" + hash.slice(0, 16)}, 'timeout', 'sandbox: no answer before the timeout')`;
    }
  });
  return { postId, targetId, channelId: ch!.id };
}

test("the worker publishes an approved post at its slot; the manager sees it on the post and on the sandbox network", async ({ browser }) => {
  const text = `【お知らせ】E2E 配信テスト ${randomUUID().slice(0, 8)} 本日より秋の新メニューが始まります。`;
  const { postId, channelId } = await scheduledPost({ title: "E2E 予約配信", text, slotAt: new Date(Date.now() + 4000) });
  await expect
    .poll(async () => (await testSql()<{ state: string }[]>`select state from posts where id = ${postId}`)[0]!.state, { timeout: 30_000 })
    .toBe("published");
  const [net] = await testSql()<{ n: number }[]>`select count(*)::int n from sandbox_posts where text = ${text}`;
  expect(net!.n).toBe(1);

  const manager = await as(browser, "manager");
  try {
    await manager.page.goto(`/manager/approvals/${postId}`);
    const panel = manager.page.getByTestId("panel-post-publications");
    await expect(panel.getByTestId("publication-x")).toHaveAttribute("data-state", "published");
    await panel.getByRole("link", { name: "ネットワークで見る" }).click();
    await expect(manager.page).toHaveURL(new RegExp(`/sandbox\\?channel=${channelId}$`));
    const onNetwork = manager.page.getByTestId("sandbox-post").filter({ hasText: text });
    await expect(onNetwork).toHaveCount(1);
    await expect(onNetwork).toContainText("公開中");
    await expect(onNetwork.getByRole("link", { name: /元の投稿: E2E 予約配信/ })).toBeVisible();
  } finally {
    await manager.ctx.close();
  }
});

test("the manager gives the final approval and schedules from the review page; at the slot the worker publishes it", async ({ browser }) => {
  const text = `【お知らせ】E2E 最終承認から配信 ${randomUUID().slice(0, 8)} 週末は全店で営業します。`;
  // Planned two hours ahead on a five-minute boundary (the slot field's step).
  const planned = new Date(Math.ceil((Date.now() + 2 * 3600_000) / 300_000) * 300_000);
  const { postId, channelId } = await scheduledPost({ title: "E2E 最終承認と予約", text, slotAt: planned, postState: "final_review", targetState: "pending", finalApproved: false });
  const manager = await as(browser, "manager");
  try {
    await manager.page.goto(`/manager/approvals/${postId}`);
    await manager.page.getByTestId("decision-approved").check();
    await manager.page.getByTestId("decision-submit").click();
    await expect(manager.page).toHaveURL(/\/manager\/approvals\?decided=approved$/);
    await manager.page.goto(`/manager/approvals/${postId}`);
    await expect(manager.page.getByTestId("schedule-slot")).not.toHaveValue("");
    await manager.page.getByTestId("schedule-submit").click();
    await expect(manager.page.getByTestId("schedule-done")).toBeVisible();
    const [armed] = await testSql()<{ state: string; slot: Date }[]>`select state, scheduled_at as slot from post_targets where post_id = ${postId}`;
    expect(armed!.state).toBe("scheduled");
    expect(new Date(armed!.slot).getTime()).toBe(planned.getTime());
    // Fast-forward: the slot is moved to a few seconds from now (the test cannot wait two hours).
    await testSql()`update post_targets set scheduled_at = now() + interval '3 seconds' where post_id = ${postId}`;
    await testSql()`update posts set scheduled_at = now() + interval '3 seconds' where id = ${postId}`;
    await expect
      .poll(async () => (await testSql()<{ state: string }[]>`select state from posts where id = ${postId}`)[0]!.state, { timeout: 30_000 })
      .toBe("published");
    await manager.page.goto(`/sandbox?channel=${channelId}`);
    await expect(manager.page.getByTestId("sandbox-post").filter({ hasText: text })).toHaveCount(1);
  } finally {
    await manager.ctx.close();
  }
});

test("the manager settles a publication whose outcome was unknown: confirm it live, and it leaves the list", async ({ browser }) => {
  const { postId, targetId } = await scheduledPost({
    title: "E2E 結果不明の配信",
    text: `結果不明テスト ${randomUUID().slice(0, 8)}`,
    slotAt: new Date(Date.now() - 60_000),
    targetState: "needs_human_check",
    postState: "failed",
  });
  const manager = await as(browser, "manager");
  try {
    await manager.page.goto("/manager/publishing");
    const row = manager.page.getByTestId(`issue-${targetId}`);
    await expect(row).toContainText("要確認");
    await expect(row).toContainText("ネットワークが時間内に応答しませんでした");
    // Re-checking finds nothing on the network: nothing changes.
    await row.getByRole("button", { name: "ネットワークを再確認" }).click();
    await expect(row.getByRole("status")).toContainText("見つかりませんでした");
    // The manager saw it on the network and records that, with the URL.
    await row.getByRole("button", { name: "公開を確認済み" }).click();
    await row.getByLabel("確認した URL（任意）").fill("https://x.com/aoba_cafe/status/1234567890");
    await row.getByRole("button", { name: "記録する" }).click();
    await expect(manager.page.getByTestId(`issue-${targetId}`)).toHaveCount(0);
    const [p] = await testSql()<{ state: string }[]>`select state from posts where id = ${postId}`;
    expect(p!.state).toBe("published");
    const [a] = await testSql()<{ n: number }[]>`select count(*)::int n from audit_events where action = 'publication.resolved' and subject_id = ${postId}`;
    expect(a!.n).toBe(2);
  } finally {
    await manager.ctx.close();
  }
});

test("a correction goes out as a reply to the original on the network, and the original is hidden there", async ({ browser }) => {
  // The original: a seeded post already live on the café's X channel (sandbox network).
  const [orig] = await testSql()<{ postId: string; externalId: string }[]>`
    select t.post_id as "postId", p.external_id as "externalId"
    from publications p join post_targets t on t.id = p.target_id join channels c on c.id = t.channel_id
    join sandbox_posts s on s.external_id = p.external_id and s.state = 'live'
    where c.handle = '@aoba_cafe' and p.state = 'published'
      and not exists (select 1 from corrections k where k.original_post_id = t.post_id)
    order by p.published_at desc limit 1`;
  expect(orig, "a live seeded post on the café X channel").toBeTruthy();
  const text = `【訂正とお詫び】先ほどの投稿の価格に誤りがありました ${randomUUID().slice(0, 6)}`;
  const correction = await scheduledPost({ title: "E2E 訂正", text, slotAt: new Date(Date.now() + 3000), kind: "correction" });
  await testSql()`insert into corrections (original_post_id, kind, new_post_id, original_action, publish_as, created_by_id)
    values (${orig!.postId}, 'correction', ${correction.postId}, 'hide', 'reply', 'usr_pr')`;
  await expect
    .poll(async () => (await testSql()<{ state: string }[]>`select state from sandbox_posts where external_id = ${orig!.externalId}`)[0]!.state, { timeout: 30_000 })
    .toBe("hidden");
  const [reply] = await testSql()<{ inReplyTo: string }[]>`select in_reply_to as "inReplyTo" from sandbox_posts where text = ${text}`;
  expect(reply!.inReplyTo).toBe(orig!.externalId);

  const manager = await as(browser, "manager");
  try {
    await manager.page.goto(`/sandbox?channel=${correction.channelId}`);
    const onNetwork = manager.page.getByTestId("sandbox-post").filter({ hasText: text });
    await expect(onNetwork).toContainText("返信");
    await expect(onNetwork).toContainText("公開中");
  } finally {
    await manager.ctx.close();
  }
});

test("a network fetches a post's media through a signed, expiring link — and nothing without one", async ({ request }) => {
  const [asset] = await testSql()<{ id: string; mime: string }[]>`select id, mime_type as mime from assets where mime_type = 'image/jpeg' order by created_at limit 1`;
  const { signMediaUrl } = await import("../../lib/channels/media-link");
  const signed = new URL(signMediaUrl("http://localhost", asset!.id));
  const ok = await request.get(`${signed.pathname}${signed.search}`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toBe(asset!.mime);
  expect(ok.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await ok.body()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  // The same link for another asset, a changed expiry, or no signature at all: nothing served.
  const [other] = await testSql()<{ id: string }[]>`select id from assets where id <> ${asset!.id} limit 1`;
  expect((await request.get(`/api/media/${other!.id}${signed.search}`)).status()).toBe(404);
  const exp = Number(signed.searchParams.get("exp")) + 60;
  expect((await request.get(`${signed.pathname}?exp=${exp}&sig=${signed.searchParams.get("sig")}`)).status()).toBe(404);
  expect((await request.get(signed.pathname)).status()).toBeGreaterThanOrEqual(400);
});

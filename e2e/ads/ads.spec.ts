/**
 * The ads workspace end to end (issue 7), each person in their own browser: ad ops plans a
 * campaign that boosts an approved post with a budget above the manager's threshold, cannot
 * launch it, asks for approval; the manager approves the amount; ad ops launches it, runs the
 * sandbox day by day, sees pacing and results; an automated CPA rule pauses the ad. A creative
 * Legal has not cleared is launched by a direct request (no UI) and refused, with nothing changed.
 * Screenshots of every page in Japanese, and of the campaign page in English.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { test, expect, request as pwRequest, type Browser } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";
import { actionIndex, callAction } from "../support/actions";

const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const SHOTS = path.resolve(".data", `e2e-shots-${new URL(baseURL).port}`);
const shot = (name: string) => path.join(SHOTS, `ads-${name}.png`);

const as = async (browser: Browser, loginId: string, locale = "ja-JP") => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId), locale, viewport: { width: 1366, height: 900 } });
  return { ctx, page: await ctx.newPage() };
};

/** An approved post (PR and final approval on its current revision) of the café brand on its X channel. */
async function approvedPost(title: string) {
  const sql = testSql();
  const [ch] = await sql<{ id: string; brandId: string }[]>`select id, brand_id as "brandId" from channels where handle = '@aoba_cafe'`;
  const postId = randomUUID();
  const revId = randomUUID();
  const content = { isCommercial: false, variants: [{ channelId: ch!.id, platform: "x", text: `${title}、はじまりました。`, mediaAssetIds: [] }] };
  const hash = randomUUID().replaceAll("-", "");
  await sql.begin(async (tx) => {
    await tx`insert into posts (id, brand_id, title, state, author_id) values (${postId}, ${ch!.brandId}, ${title}, 'approved', 'usr_creator')`;
    await tx`insert into post_revisions (id, post_id, number, content_hash, content, created_by_id) values (${revId}, ${postId}, 1, ${hash}, ${JSON.stringify(content)}::text::jsonb, 'usr_creator')`;
    await tx`update posts set current_revision_id = ${revId} where id = ${postId}`;
    await tx`insert into approvals (post_id, revision_id, revision_hash, stage, reviewer_id, decision) values
      (${postId}, ${revId}, ${hash}, 'pr', 'usr_pr', 'approved'), (${postId}, ${revId}, ${hash}, 'final', 'usr_manager', 'approved')`;
    await tx`insert into post_targets (post_id, channel_id, state, idempotency_key) values (${postId}, ${ch!.id}, 'pending', ${`${postId}:${ch!.id}`})`;
  });
  return { postId, revId, channelId: ch!.id, brandId: ch!.brandId };
}

const campaignByName = async (name: string) => (await testSql()<{ id: string; status: string }[]>`select id, status::text from campaigns where name = ${name}`)[0];

test("ad ops boosts an approved post; the manager approves the budget; it runs in the sandbox; pacing and results show; a rule pauses the ad", async ({ browser }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 6);
  const postTitle = `E2E 栗のモンブラン ${tag}`;
  const name = `E2E 栗のモンブラン ブースト ${tag}`;
  const post = await approvedPost(postTitle);
  const adops = await as(browser, "adops");
  const manager = await as(browser, "manager");
  try {
    const p = adops.page;
    // ── the workspace overview and the list ──
    await p.goto("/ads");
    await expect(p.getByRole("heading", { level: 1, name: "広告キャンペーン" })).toBeVisible();
    await p.screenshot({ path: shot("overview-ja"), fullPage: true });
    await p.goto("/ads/campaigns");
    await expect(p.getByRole("heading", { level: 1, name: "キャンペーン" })).toBeVisible();
    await p.screenshot({ path: shot("campaigns-ja"), fullPage: true });

    // ── plan: ¥100,000 a day for 14 days = ¥1,400,000, above the ¥1,000,000 threshold ──
    await p.getByTestId("new-campaign").click();
    await expect(p.getByTestId("campaign-form")).toBeVisible();
    await p.getByLabel("キャンペーン名").fill(name);
    await p.getByLabel("ブランド").selectOption({ label: "あおばカフェ" });
    await p.getByLabel("チャネル").selectOption({ label: "あおばカフェ公式 (x · サンドボックス)" });
    await p.getByLabel("目的").selectOption("conversions");
    await p.getByTestId("budget-input").fill("100000");
    await p.getByTestId("pref-JP-04").check();
    await p.getByTestId("pref-JP-13").check();
    await p.getByLabel("興味・関心").fill("スイーツ, カフェ");
    await expect(p.getByTestId("budget-total")).toContainText("承認が必要");
    await p.screenshot({ path: shot("new-campaign-ja"), fullPage: true });
    await p.getByTestId("campaign-submit").click();
    await expect(p.getByTestId("campaign-detail")).toBeVisible();
    const campaign = await campaignByName(name);
    expect(campaign?.status).toBe("draft");

    // ── an ad set and a boost of the approved revision ──
    await p.getByTestId("ad-set-form").getByLabel("広告セット名").fill("宮城・東京 スイーツ好き");
    await p.getByTestId("ad-set-submit").click();
    await expect(p.getByTestId("ad-set")).toHaveCount(1);
    await p.getByTestId("add-ad-toggle").click();
    const form = p.getByTestId("ad-form");
    await form.getByTestId("ad-kind-boost").check();
    await form.getByTestId("ad-name").fill("モンブラン ブースト");
    await form.getByTestId("ad-post").selectOption(post.revId);
    await form.getByTestId("ad-submit").click();
    await expect(p.getByTestId("ad-row")).toHaveCount(1);

    // ── a rule for this campaign: CPA above ¥100 for two days pauses the ad ──
    await p.goto("/ads/rules");
    await p.getByTestId("rule-name").fill(`E2E CPA上限 ${tag}`);
    await p.getByTestId("rule-campaign").selectOption({ label: name });
    await p.getByTestId("rule-limit").fill("100");
    await p.getByTestId("rule-days").fill("2");
    await p.getByTestId("rule-submit").click();
    await expect(p.getByTestId("rule-row").filter({ hasText: `E2E CPA上限 ${tag}` })).toBeVisible();
    await p.screenshot({ path: shot("rules-ja"), fullPage: true });

    // ── launch is refused without the manager; ask for approval ──
    await p.goto(`/ads/campaigns/${campaign!.id}`);
    await p.getByTestId("launch").click();
    await expect(p.getByTestId("action-error")).toContainText("SNS責任者の承認が必要");
    expect((await campaignByName(name))?.status).toBe("draft");
    await p.getByTestId("request-approval").click();
    await expect(p.getByTestId("approval-pending")).toBeVisible();
    await expect(p.getByTestId("campaign-status")).toHaveAttribute("data-status", "pending_approval");
    await p.screenshot({ path: shot("campaign-pending-ja"), fullPage: true });

    // ── the manager approves this amount ──
    const m = manager.page;
    await m.goto("/manager/ad-budgets");
    await expect(m.getByRole("heading", { level: 1, name: "広告予算の承認" })).toBeVisible();
    const req = m.getByTestId("budget-request").filter({ hasText: name });
    await expect(req).toContainText(/[¥￥]1,400,000/);
    await m.screenshot({ path: shot("manager-budgets-ja"), fullPage: true });
    await req.getByTestId("approve-budget").click();
    await expect(m.getByTestId("budget-request").filter({ hasText: name })).toHaveCount(0);
    expect((await campaignByName(name))?.status).toBe("approved");

    // ── ad ops launches; the sandbox runs two days; pacing and results appear; the rule pauses the ad ──
    await p.reload();
    await expect(p.getByTestId("approval-state")).toContainText("承認済み");
    await p.getByTestId("launch").click();
    await expect(p.getByTestId("campaign-status")).toHaveAttribute("data-status", "active");
    await expect(p.getByTestId("ad-row").getByTestId("ad-status")).toHaveAttribute("data-status", "active");
    await p.getByTestId("simulate-day").click();
    await expect(p.getByTestId("ad-results")).toBeVisible();
    await expect(p.getByTestId("ad-row").getByTestId("ad-status")).toHaveAttribute("data-status", "active");
    await p.getByTestId("simulate-day").click();
    await expect(p.getByTestId("ad-row").getByTestId("ad-status")).toHaveAttribute("data-status", "paused");
    await expect(p.getByTestId("ad-row")).toContainText("自動ルールで停止");
    await expect(p.getByTestId("firings")).toContainText(`E2E CPA上限 ${tag}`);
    const actuals = await p.getByTestId("pacing-row").locator("td:nth-child(3)").allTextContents();
    expect(actuals.filter((x) => x.trim() !== "—")).toHaveLength(2);
    await expect(p.getByTestId("pacing-chart")).toBeVisible();
    await p.screenshot({ path: shot("campaign-running-ja"), fullPage: true });
    const rows = await testSql()<{ n: number; spend: number }[]>`select count(*)::int n, coalesce(sum(spend_jpy),0)::int spend from spend_daily sd join ads a on a.id = sd.ad_id join ad_sets s on s.id = a.ad_set_id where s.campaign_id = ${campaign!.id}`;
    expect(rows[0]!.n).toBe(2);
    expect(rows[0]!.spend).toBeLessThanOrEqual(2 * 100_000 * 1.1);
    const firings = await testSql()<{ n: number }[]>`select count(*)::int n from ad_rule_firings f join ads a on a.id = f.ad_id join ad_sets s on s.id = a.ad_set_id where s.campaign_id = ${campaign!.id}`;
    expect(firings[0]!.n).toBe(1);

    // ── the performance report shows it ──
    // The sandbox ran today and tomorrow (ahead of the clock): ask for that range.
    const tokyo = (offset: number) => new Date(Date.now() + 9 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    await p.goto(`/ads/performance?from=${tokyo(-20)}&to=${tokyo(1)}`);
    await expect(p.getByTestId("perf-campaign").filter({ hasText: name })).toBeVisible();
    await p.screenshot({ path: shot("performance-ja"), fullPage: true });

    // English screenshots of the campaign page and the list.
    const en = await as(browser, "adops", "en-GB");
    await testSql()`update users set locale = 'en' where id = 'usr_adops'`;
    try {
      await en.page.goto(`/ads/campaigns/${campaign!.id}`);
      await expect(en.page.getByTestId("campaign-detail")).toBeVisible();
      await en.page.screenshot({ path: shot("campaign-running-en"), fullPage: true });
      await en.page.goto("/ads");
      await en.page.screenshot({ path: shot("overview-en"), fullPage: true });
    } finally {
      await testSql()`update users set locale = 'ja' where id = 'usr_adops'`;
      await en.ctx.close();
    }
  } finally {
    await adops.ctx.close();
    await manager.ctx.close();
  }
});

test("a creative Legal has not cleared is refused when launched by a direct request, and nothing changes", async () => {
  const sql = testSql();
  const [ch] = await sql<{ id: string; brandId: string }[]>`select id, brand_id as "brandId" from channels where handle = '@aoba_cafe'`;
  const campaignId = randomUUID();
  const setId = randomUUID();
  const adId = randomUUID();
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  await sql.begin(async (tx) => {
    await tx`insert into campaigns (id, name, brand_id, channel_id, objective, budget_type, budget_jpy, starts_on, ends_on, created_by_id) values (${campaignId}, ${`E2E 直接リクエスト ${campaignId.slice(0, 6)}`}, ${ch!.brandId}, ${ch!.id}, 'traffic', 'daily', 5000, ${today}, ${today}, 'usr_adops')`;
    await tx`insert into ad_sets (id, campaign_id, name) values (${setId}, ${campaignId}, 'set')`;
    await tx`insert into ads (id, ad_set_id, name, source_kind, creative_text, creative_hash, status) values (${adId}, ${setId}, 'uncleared', 'creative', '【広告】法務未確認のクリエイティブ', ${"ab".repeat(32)}, 'in_review')`;
    await tx`insert into legal_reviews (subject_kind, subject_id, title, state, subject_hash, requested_by_id) values ('ad_creative', ${adId}, 'uncleared', 'open', ${"ab".repeat(32)}, 'usr_adops')`;
  });
  const a = actionIndex().get("action app/(portal)/ads/actions.ts#launchCampaignAction")!;
  expect(a).toBeDefined();
  const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath("adops") });
  try {
    const r = await callAction(ctx, baseURL, `/ads/campaigns/${campaignId}`, a.id, { campaignId });
    expect(r.ok, r.body.slice(0, 200)).toBe(false);
    expect(r.code).toBe("CONFLICT");
    expect(r.body).toContain("creative_not_cleared");
    const [c] = await sql<{ status: string; launchKey: string | null }[]>`select status::text, launch_key as "launchKey" from campaigns where id = ${campaignId}`;
    expect(c).toEqual({ status: "draft", launchKey: null });
    // Anyone else is refused before anything runs.
    const pr = await pwRequest.newContext({ baseURL, storageState: storageStatePath("pr") });
    const denied = await callAction(pr, baseURL, `/ads/campaigns/${campaignId}`, a.id, { campaignId });
    expect(denied.code).toBe("FORBIDDEN");
    await pr.dispose();
  } finally {
    await ctx.dispose();
  }
});

test("a campaign on the demo's Instagram channel launches through the Meta ads connector; a channel without an ad account says so in words", async ({ browser }) => {
  const sql = testSql();
  const [ig] = await sql<{ id: string; brandId: string; act: string | null }[]>`select id, brand_id as "brandId", ad_account_id as act from channels where platform = 'instagram' and handle = 'aoba.cafe'`;
  expect(ig!.act, "the demo's Meta channels have an ad account").toMatch(/^\d+$/);
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  /** A campaign on the Instagram channel boosting an approved post (below the threshold). */
  const planned = async (name: string) => {
    const post = await approvedPost(`${name} のラテ`);
    const campaignId = randomUUID();
    const setId = randomUUID();
    await sql.begin(async (tx) => {
      await tx`insert into campaigns (id, name, brand_id, channel_id, objective, budget_type, budget_jpy, starts_on, ends_on, created_by_id) values (${campaignId}, ${name}, ${ig!.brandId}, ${ig!.id}, 'engagement', 'daily', 3000, ${today}, ${today}, 'usr_adops')`;
      await tx`insert into ad_sets (id, campaign_id, name, daily_budget_jpy) values (${setId}, ${campaignId}, '首都圏', 3000)`;
      await tx`insert into ads (id, ad_set_id, name, source_kind, post_revision_id, status) values (${randomUUID()}, ${setId}, 'ラテ ブースト', 'boost', ${post.revId}, 'ready')`;
    });
    return campaignId;
  };
  const adops = await as(browser, "adops");
  try {
    const ok = await planned(`E2E Instagram ${randomUUID().slice(0, 6)}`);
    await adops.page.goto(`/ads/campaigns/${ok}`);
    await expect(adops.page.getByTestId("ads-setup-gap")).toHaveCount(0);
    await adops.page.getByTestId("launch").click();
    await expect.poll(async () => (await sql<{ status: string }[]>`select status::text from campaigns where id = ${ok}`)[0]!.status, { timeout: 20_000 }).toBe("active");
    const [launched] = await sql<{ ext: string | null }[]>`select external_id as ext from campaigns where id = ${ok}`;
    expect(launched!.ext, "a Graph id from the Meta stand-in, not a sandbox id").toMatch(/^\d+$/);
    await adops.page.screenshot({ path: shot("meta-launched-ja"), fullPage: true });

    const missing = await planned(`E2E 広告アカウントなし ${randomUUID().slice(0, 6)}`);
    await sql`update channels set ad_account_id = null where id = ${ig!.id}`;
    await adops.page.goto(`/ads/campaigns/${missing}`);
    await expect(adops.page.getByTestId("ads-setup-gap")).toContainText("広告アカウントが設定されていない");
    await expect(adops.page.getByTestId("launch")).toBeDisabled();
    // A direct request is refused the same way, in words, and nothing launches.
    const a = actionIndex().get("action app/(portal)/ads/actions.ts#launchCampaignAction")!;
    const ctx = await pwRequest.newContext({ baseURL, storageState: storageStatePath("adops") });
    try {
      const r = await callAction(ctx, baseURL, `/ads/campaigns/${missing}`, a.id, { campaignId: missing });
      expect(r.code).toBe("CONFLICT");
      expect(r.body).toContain("no_ad_account");
    } finally {
      await ctx.dispose();
    }
    expect((await sql<{ status: string }[]>`select status::text from campaigns where id = ${missing}`)[0]!.status).toBe("draft");
    await adops.page.screenshot({ path: shot("meta-no-ad-account-ja"), fullPage: true });
  } finally {
    await sql`update channels set ad_account_id = ${ig!.act} where id = ${ig!.id}`;
    await adops.ctx.close();
  }
});

/**
 * Inbox settings and spike alerts (issue 4, inbox-ingest): the manager edits the SLA policy and adds
 * a rule; a community manager reads the same page without controls (English persona); PR opens the
 * seeded spike alert (heaviest items, filtered-inbox link) and starts crisis mode for its channel.
 */
import path from "node:path";
import { freshContext, signInViaSso } from "../support/sso";
import { test, expect, type Browser } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const SHOTS = path.resolve(".data", `e2e-shots-${new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100").port}`);
const SPIKE_ID = "00000000-0000-4000-8302-000000000001";

/** community2's stored session is ended by the admin and session specs (they deactivate them): sign in afresh. */
const as = async (browser: Browser, loginId: string) => {
  if (loginId === "community2") {
    const ctx = await freshContext(browser);
    const page = await ctx.newPage();
    await signInViaSso(page, loginId);
    return { ctx, page };
  }
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

test.afterAll(async () => {
  const sql = testSql();
  await sql`update crisis_states set ended_at = now(), ended_by_id = 'usr_pr' where ended_at is null and reason like 'E2E%'`;
  await sql`update spike_alerts set crisis_id = null where id = ${SPIKE_ID}`;
  await sql`delete from inbox_rules where config->>'profanity' = 'true' and kind = 'auto_hide' and created_by_id = 'usr_manager' and id <> '00000000-0000-4000-8301-000000000001'`;
});

test("the manager edits the SLA policy and adds a rule; the page shows rules, shifts and spikes", async ({ browser }) => {
  const { ctx, page } = await as(browser, "manager");
  await page.goto("/community/settings");
  await expect(page.getByRole("heading", { level: 1, name: "受信箱の設定" })).toBeVisible();
  await expect(page.getByTestId("rule-row")).toHaveCount(3);
  await expect(page.getByTestId("spike-list")).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "inbox-settings-manager-ja.png"), fullPage: true });

  const urgent = page.getByTestId("sla-urgent-minutes");
  await urgent.fill("45");
  await page.getByTestId("sla-form").getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("sla-form").getByTestId("saved")).toBeVisible();
  const [pol] = await testSql()<{ v: { urgent: { minutes: number } } }[]>`select value as v from inbox_policy where key = 'sla'`;
  expect(pol!.v.urgent.minutes).toBe(45);

  await page.getByTestId("rule-kind").selectOption("auto_hide");
  const form = page.getByTestId("rule-form");
  await form.getByLabel("暴言・不適切な表現").check();
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("rule-row")).toHaveCount(4);

  // Put the SLA back for the specs that follow.
  await urgent.fill("60");
  await page.getByTestId("sla-form").getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("sla-form").getByTestId("saved")).toBeVisible();
  await ctx.close();
});

test("a community manager reads the policy without controls (English)", async ({ browser }) => {
  const { ctx, page } = await as(browser, "community2");
  await page.goto("/community/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Inbox settings" })).toBeVisible();
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByTestId("rule-form")).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, "inbox-settings-community-en.png"), fullPage: true });
  await ctx.close();
});

test("PR opens the spike alert, sees the heaviest items and the filtered inbox link, and starts crisis mode for the channel", async ({ browser }) => {
  const { ctx, page } = await as(browser, "pr");
  await page.goto(`/community/spikes/${SPIKE_ID}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("あおば食品");
  await expect(page.getByTestId("spike-samples").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("spike-inbox-link")).toHaveAttribute("href", /\/community\?channel=00000000-0000-4000-8000-00000000c007&sentiment=negative/);
  await page.screenshot({ path: path.join(SHOTS, "inbox-spike-alert-ja.png"), fullPage: true });
  await page.getByLabel("理由").fill("E2E 急増アラートからの危機対応");
  await page.getByTestId("spike-start-crisis").click();
  await expect(page.getByTestId("crisis-started")).toBeVisible();
  const [c] = await testSql()<{ scope: string; channel_id: string }[]>`select scope, channel_id from crisis_states where reason = 'E2E 急増アラートからの危機対応' and ended_at is null`;
  expect(c).toEqual({ scope: "channel", channel_id: "00000000-0000-4000-8000-00000000c007" });
  await ctx.close();
});

test("the analyst and the creator cannot open inbox settings or a spike alert", async ({ browser }) => {
  for (const who of ["analyst", "creator"]) {
    const { ctx, page } = await as(browser, who);
    const res = await page.goto("/community/settings");
    expect(res!.status()).toBe(403);
    const res2 = await page.goto(`/community/spikes/${SPIKE_ID}`);
    expect(res2!.status()).toBe(403);
    await ctx.close();
  }
});

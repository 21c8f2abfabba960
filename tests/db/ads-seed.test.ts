/** The ads demo data: loads on top of the workspace seed, idempotently, and reads back through the DAL as ad ops sees it. */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { seedOrganisation, demoUserId } from "@/db/seed/demo";
import { seedWorkspaces } from "@/db/seed/workspaces";
import { ADS_SEED_MARKER, seedAds } from "@/db/seed/ads";
import { loadViewer, type Viewer } from "@/lib/dal/viewer";
import { getCampaign, getPacing, getPerformance, listCampaigns, listRules } from "@/lib/dal/ads-read";
import { listBudgetRequests } from "@/lib/dal/ads";
import { getAdsOverview } from "@/lib/dal/overview-ads";

let adops: Viewer;
let manager: Viewer;

beforeAll(async () => {
  await seedOrganisation(getDb());
  await seedWorkspaces(getDb());
  expect((await seedAds(getDb())).seeded).toBe(true);
  adops = (await loadViewer(demoUserId("adops")))!;
  manager = (await loadViewer(demoUserId("manager")))!;
});

describe("ads demo data", () => {
  it("is idempotent", async () => {
    expect((await seedAds(getDb())).seeded).toBe(false);
  });
  it("shows campaigns in every state, a month of delivery, a budget waiting and a creative in Legal", async () => {
    const list = await listCampaigns(adops);
    expect(new Set(list.map((c) => c.status))).toEqual(new Set(["active", "pending_approval", "draft", "ended", "paused"]));
    const running = await getCampaign(adops, ADS_SEED_MARKER);
    expect(running.campaign.spendJpy).toBeGreaterThan(0);
    expect(running.campaign.spendJpy).toBeLessThanOrEqual(600_000);
    const pacing = await getPacing(adops, ADS_SEED_MARKER);
    expect(pacing.rows.filter((r) => r.actualJpy !== null).length).toBe(24);
    const perf = await getPerformance(adops, {});
    expect(perf.campaigns.length).toBeGreaterThanOrEqual(3);
    expect(perf.total.conversions).toBeGreaterThan(0);
    const budgets = await listBudgetRequests(manager);
    expect(budgets.pending).toHaveLength(1);
    expect(budgets.thresholdJpy).toBe(1_000_000);
    const rules = await listRules(adops);
    expect(rules.firings).toHaveLength(1);
    const overview = await getAdsOverview(adops);
    expect(overview.counts.awaitingLegal).toBeGreaterThanOrEqual(2);
    expect(running.adSets.flatMap((s) => s.ads).every((a) => a.status !== "active" || a.readiness.ok)).toBe(true);
  });
});

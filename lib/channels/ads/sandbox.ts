import { createHash } from "node:crypto";
import { addDays, simulateDay } from "@/lib/domain/ads";
import type { AdsConnector, AdsInsightsDay } from "./types";

/*
 * The sandbox ad network: ids derive from the launch's idempotency key (a repeated launch gets
 * the same ids back, so nothing is created twice), and delivery is simulated day by day by the
 * deterministic simulator in lib/domain/ads.ts (realistic CPM / CTR / CVR per objective, spend
 * within the day's cap plus at most 10 % overdelivery, never past a lifetime budget).
 */

const short = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

export const sandboxAdsConnector: AdsConnector = {
  kind: "sandbox",
  /** The simulated network needs no ad account. */
  setupGap: () => null,
  async launch(req) {
    const created = {
      campaign: req.campaign.externalId ?? `sbx_cmp_${short(req.idempotencyKey)}`,
      adSets: Object.fromEntries(req.adSets.map((s) => [s.id, s.externalId ?? `sbx_set_${short(`${req.idempotencyKey}:${s.id}`)}`])),
      ads: Object.fromEntries(req.ads.map((a) => [a.id, a.externalId ?? `sbx_ad_${short(`${req.idempotencyKey}:${a.id}`)}`])),
    };
    if (req.ads.some((a) => !a.text.trim() && !a.boostExternalPostId)) {
      return { kind: "failed", code: "invalid", message: "sandbox: an ad has no creative", retryable: false, created };
    }
    return { kind: "launched", created };
  },
  async setStatus() {
    return { kind: "done" };
  },
  async insights(req) {
    const days: AdsInsightsDay[] = [];
    let remaining = req.simulation?.remainingJpy;
    for (let d = req.since; d <= req.until; d = addDays(d, 1)) {
      const cap = req.simulation?.capsByDay[d] ?? 0;
      const sim = simulateDay({ adId: req.ad.id, day: d, objective: req.ad.objective, dailyCapJpy: cap, remainingJpy: remaining });
      if (remaining !== undefined) remaining -= sim.spendJpy;
      days.push(sim);
    }
    return { kind: "ok", days };
  },
};

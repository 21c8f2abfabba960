import { sandboxFollowers, sandboxPostDay, sandboxProfileImpressions, tokyoDayOf } from "@/lib/domain/sandbox-metrics";
import type { InsightsConnector, InsightsOutcome } from "./types";

/**
 * The sandbox network's insights: deterministic per post and day (lib/domain/sandbox-metrics.ts),
 * so re-pulling a day returns the same numbers. A day that has not begun yet in Tokyo has nothing;
 * today is partial (the share of the day that has passed).
 */
export const sandboxInsights: InsightsConnector = {
  kind: "sandbox",
  async fetchDay(req): Promise<InsightsOutcome> {
    if (req.signal.aborted) return { kind: "failed", code: "timeout", message: "sandbox: aborted", retryable: true };
    const now = req.now ?? new Date();
    const today = tokyoDayOf(now);
    if (req.day > today) return { kind: "failed", code: "invalid", message: "sandbox: that day has not begun", retryable: false };
    // Today's numbers grow until midnight: scale by the share of the Tokyo day that has passed.
    const dayStart = Date.parse(`${req.day}T00:00:00Z`) - 9 * 3_600_000;
    const elapsed = req.day === today ? Math.min(1, Math.max(0, (now.getTime() - dayStart) / 86_400_000)) : 1;
    // Keyed by the account (as the Meta stub is), so a channel's history and the stub agree.
    const key = req.channel.externalAccountId ?? req.channel.id;
    const followers = sandboxFollowers(key, req.day);
    const posts = [];
    let impressions = 0;
    let reach = 0;
    for (const p of req.posts) {
      // Networks keep publish times to the second (Graph's created_time): so does the model here.
      const publishedAt = new Date(Math.floor(p.publishedAt.getTime() / 1000) * 1000);
      const audience = sandboxFollowers(key, tokyoDayOf(publishedAt));
      const m = sandboxPostDay({ key: `${p.externalId}`, platform: req.channel.platform, publishedAt, audience }, req.day);
      if (!m) continue;
      // What the platform's insights API does not report stays 0, as the Meta connector stores it
      // (Facebook posts have no saves, Instagram media no link clicks): one story per channel,
      // whether the seed or the worker pulled it.
      if (req.channel.platform === "facebook") m.saves = 0;
      if (req.channel.platform === "instagram") m.clicks = 0;
      const scaled = elapsed === 1 ? m : (Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * elapsed)])) as typeof m);
      posts.push({ postId: p.postId, ...scaled });
      impressions += scaled.impressions;
      reach += scaled.reach;
    }
    const profile = Math.round(sandboxProfileImpressions(key, req.day, followers) * elapsed);
    return { kind: "ok", account: { followers, impressions: impressions + profile, reach: reach + Math.round(profile * 0.8) }, posts };
  },
};

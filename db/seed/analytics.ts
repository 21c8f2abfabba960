/**
 * Demo analytics: 95 days of metrics for every demo channel and its published posts, produced by
 * the real pipeline (lib/jobs/analytics.ts → insights connector → lib/dal/analytics-pipeline.ts,
 * several days per transaction), so the rollups the /analytics pages read are exactly what the
 * worker keeps current afterwards. History is simulated with the sandbox model for every channel
 * (the demo's Meta channels too, keyed by their account id, which is what the local Graph stub
 * answers with), so the past does not depend on the stub. Idempotent and incremental: only days
 * without a successful pull are pulled, plus today (partial). Runs after the inbox seed, so
 * mentions and sentiment counts include the demo's inbox. Needs the react-server condition.
 */
import type { Db } from "@/db";
import { channelsForPull, missingDays } from "@/lib/dal/analytics-pipeline";
import { runPulls } from "@/lib/jobs/analytics";
import { tokyoDayOf } from "@/lib/domain/sandbox-metrics";

export const DEMO_ANALYTICS_DAYS = 95;

export async function seedAnalytics(_db: Db, opts: { now?: Date; days?: number } = {}): Promise<{ pulls: number; failed: number; ms: number }> {
  const t0 = Date.now();
  const now = opts.now ?? new Date();
  const today = tokyoDayOf(now);
  const from = tokyoDayOf(new Date(now.getTime() - (opts.days ?? DEMO_ANALYTICS_DAYS) * 86_400_000));
  // Every channel through the sandbox model (see above).
  const channels = (await channelsForPull()).map((c) => ({ ...c, connector: "sandbox" as const }));
  const work = await Promise.all(channels.map(async (channel) => ({ channel, days: [...(await missingDays(channel.id, from, today)), today] })));
  const results = await runPulls(work, { now, concurrency: 4 });
  return { pulls: results.length, failed: results.filter((r) => "failed" in r).length, ms: Date.now() - t0 };
}

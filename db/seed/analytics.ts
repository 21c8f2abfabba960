/**
 * Demo analytics: HISTORY_DAYS (190) days of metrics for every demo channel and its published
 * posts, produced by the real pipeline (lib/jobs/analytics.ts → insights connector →
 * lib/dal/analytics-pipeline.ts, several days per transaction), so the rollups the /analytics
 * pages read are exactly what the worker keeps current afterwards. History is simulated with the
 * sandbox model for every channel — the demo's Meta channels too, keyed by their account and post
 * ids, which is what the local Graph stub answers with (scripts/lib/meta-stub.ts hands it the
 * seeded posts), so the worker's later pulls through the Meta connector store the same numbers.
 * Idempotent and incremental: only days without a successful pull, or with publications their
 * pull did not cover, are pulled, plus today (partial); then the inbox counts (mentions,
 * sentiment) of pulled days are brought up to date. Runs after the inbox seeds. Needs the
 * react-server condition.
 */
import type { Db } from "@/db";
import { channelsForPull, postsForDays, pulledDays, refreshInboundCounts } from "@/lib/dal/analytics-pipeline";
import { runPulls } from "@/lib/jobs/analytics";
import { addDays, dayDiff } from "@/lib/domain/analytics-filters";
import { tokyoDayOf } from "@/lib/domain/sandbox-metrics";
import { HISTORY_DAYS } from "./analytics-history";

/** A 90-day range and the 90 days before it are fully covered (the history seed's posts reach this far back). */
export const DEMO_ANALYTICS_DAYS = HISTORY_DAYS;

export async function seedAnalytics(_db: Db, opts: { now?: Date; days?: number } = {}): Promise<{ pulls: number; failed: number; inboundDays: number; ms: number }> {
  const t0 = Date.now();
  const now = opts.now ?? new Date();
  const today = tokyoDayOf(now);
  const from = tokyoDayOf(new Date(now.getTime() - (opts.days ?? DEMO_ANALYTICS_DAYS) * 86_400_000));
  const all = Array.from({ length: dayDiff(from, today) + 1 }, (_, i) => addDays(from, i));
  // Every channel through the sandbox model (see above).
  const channels = (await channelsForPull()).map((c) => ({ ...c, connector: "sandbox" as const }));
  // A day is pulled when it never was, or when publications now cover it that its pull did not
  // answer for (seed data added to an existing demo database, e.g. the history seed), plus today.
  const work = await Promise.all(
    channels.map(async (channel) => {
      const [pulled, posts] = await Promise.all([pulledDays(channel.id, from, today), postsForDays(channel.id, all)]);
      const days = all.filter((d) => d === today || !pulled.has(d) || pulled.get(d)! < (posts.get(d)?.length ?? 0));
      return { channel, days };
    }),
  );
  const results = await runPulls(work, { now, concurrency: 4 });
  // Mentions and sentiment of days pulled before their inbox items were seeded.
  let inboundDays = 0;
  for (const channel of channels) inboundDays += (await refreshInboundCounts(channel, from, today)).length;
  return { pulls: results.length, failed: results.filter((r) => "failed" in r).length, inboundDays, ms: Date.now() - t0 };
}

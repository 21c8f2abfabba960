import { insightsFor } from "@/lib/channels/insights";
import {
  channelsForPull,
  missingDays,
  postsForDays,
  postsForPull,
  recordPull,
  recordPullFailure,
  recordPulls,
  refreshInboundCounts,
  type PullChannel,
  type PullOk,
  type PullRecord,
} from "@/lib/dal/analytics-pipeline";
import { daysFrom, tokyoDayOf } from "@/lib/domain/sandbox-metrics";

/*
 * Metric pulls (issue 6), registered in lib/jobs/registry.ts:
 * - analytics.pull-metrics (hourly at :10, Asia/Tokyo): for every active channel, pulls today
 *   (partial), re-pulls yesterday (networks settle late numbers) and backfills every day of the
 *   last ANALYTICS_BACKFILL_DAYS (default 35) that has no successful pull (analytics_pulls), oldest
 *   first. Pulls are idempotent, so overlapping runs or a second worker change nothing.
 *   Then the inbox counts (mentions, sentiment) of the window's pulled days are brought up to
 *   date (refreshInboundCounts): items that arrived for a day after it was pulled are counted.
 */

const DAY_MS = 86_400_000;

function num(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export const backfillDays = () => num("ANALYTICS_BACKFILL_DAYS", 35);
const timeoutMs = () => num("ANALYTICS_PULL_TIMEOUT_MS", 30_000);

export type PullResult = PullRecord | { channelId: string; day: string; failed: string };

/** Pulls one channel's metrics for one Tokyo day through its insights connector and records them. */
export async function pullChannelDay(channel: PullChannel, day: string, opts: { now?: Date } = {}): Promise<PullResult> {
  const posts = await postsForPull(channel.id, day);
  const outcome = await insightsFor(channel.connector).fetchDay({ channel, day, posts, now: opts.now, signal: AbortSignal.timeout(timeoutMs()) });
  if (outcome.kind !== "ok") {
    await recordPullFailure(channel.id, day, outcome.code);
    return { channelId: channel.id, day, failed: outcome.code };
  }
  return recordPull(channel, day, outcome);
}

/** The days a run pulls for a channel: gaps in the backfill window (not before the channel existed), then yesterday and today. */
export async function daysToPull(channel: PullChannel, now: Date, windowDays = backfillDays()): Promise<string[]> {
  const today = tokyoDayOf(now);
  const yesterday = tokyoDayOf(new Date(now.getTime() - DAY_MS));
  const windowStart = tokyoDayOf(new Date(now.getTime() - windowDays * DAY_MS));
  const created = tokyoDayOf(channel.createdAt);
  const from = daysFrom(created, windowStart) >= 0 ? windowStart : created;
  const gaps = await missingDays(channel.id, from, yesterday);
  const recent = [yesterday, today].filter((d) => daysFrom(created, d) >= 0);
  return [...new Set([...gaps, ...recent])].sort();
}

/**
 * Pulls several days of one channel: asks the connector day by day, then records every answered
 * day in one transaction (recordPulls); a failed day is recorded as failed and stays a gap.
 */
export async function pullChannelDays(channel: PullChannel, days: string[], opts: { now?: Date } = {}): Promise<PullResult[]> {
  const connector = insightsFor(channel.connector);
  const postsBy = await postsForDays(channel.id, days);
  const ok: { day: string; outcome: PullOk }[] = [];
  const results: PullResult[] = [];
  for (const day of days) {
    const outcome = await connector.fetchDay({ channel, day, posts: postsBy.get(day) ?? [], now: opts.now, signal: AbortSignal.timeout(timeoutMs()) });
    if (outcome.kind === "ok") ok.push({ day, outcome });
    else {
      await recordPullFailure(channel.id, day, outcome.code);
      results.push({ channelId: channel.id, day, failed: outcome.code });
    }
  }
  // Days recorded in batches, so one transaction never grows without bound.
  for (let i = 0; i < ok.length; i += 31) results.push(...(await recordPulls(channel, ok.slice(i, i + 31))));
  return results;
}

/** Runs pulls for a set of channels with a little parallelism across channels; one channel's days run in order. */
export async function runPulls(work: { channel: PullChannel; days: string[] }[], opts: { now?: Date; concurrency?: number } = {}): Promise<PullResult[]> {
  const results: PullResult[] = [];
  const queue = [...work];
  const worker = async () => {
    for (let w = queue.shift(); w; w = queue.shift()) {
      try {
        results.push(...(await pullChannelDays(w.channel, [...new Set(w.days)].sort(), opts)));
      } catch (e) {
        for (const day of w.days) {
          await recordPullFailure(w.channel.id, day, "error").catch(() => {});
          results.push({ channelId: w.channel.id, day, failed: (e as Error).message.slice(0, 80) });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? num("ANALYTICS_PULL_CONCURRENCY", 3)) }, worker));
  return results;
}

/** One scheduled run over every active channel. */
export async function pullDueMetrics(now = new Date()): Promise<{ channels: number; pulls: number; changed: number; failed: number; inboundDays: number }> {
  const channels = await channelsForPull();
  const work = await Promise.all(channels.map(async (channel) => ({ channel, days: await daysToPull(channel, now) })));
  const results = await runPulls(work, { now });
  const windowStart = tokyoDayOf(new Date(now.getTime() - backfillDays() * DAY_MS));
  let inboundDays = 0;
  for (const channel of channels) inboundDays += (await refreshInboundCounts(channel, windowStart, tokyoDayOf(now))).length;
  return {
    channels: channels.length,
    pulls: results.length,
    changed: results.filter((r) => "changed" in r && r.changed).length,
    failed: results.filter((r) => "failed" in r).length,
    inboundDays,
  };
}

export const ANALYTICS_JOBS = [
  {
    name: "analytics.pull-metrics",
    cron: "10 * * * *",
    handler: async () => pullDueMetrics(),
  },
] as const;

/**
 * Analytics benchmark (issue 6): with 10,000,000 daily metric rows (scripts/seed-large.ts, the same
 * generator as `npm run seed:large`; BENCH_ANALYTICS_ROWS to change), a 90-day range ending
 * yesterday, every channel (24 + the others in the database):
 *
 *   - overview (lib/dal/analytics.ts: permission, zod, scope, 3 rollup queries in parallel, DTO with
 *     previous-period comparison) vs the raw-SQL floor: the very same SQL over the rollups through
 *     postgres.js, same round trips → p50/p95 and the ratio
 *   - trends (one metric, 12 channels of two large brands, crisis + big-post annotations) vs its floor
 *   - the same two questions answered from the raw rows (post_metrics_daily) instead of the
 *     rollups, to show what the rollups buy
 *
 * Called by scripts/bench.ts (writes bench-results/analytics.json). Alone:
 *   tsx --conditions=react-server scripts/bench-analytics.ts            (throwaway embedded PostgreSQL)
 *   DATABASE_URL=… tsx --conditions=react-server scripts/bench-analytics.ts  (e.g. the demo after seed:large)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { seedLarge, LARGE_BRAND_PREFIX } from "./seed-large";
import { pct, r2, timeEach as timeRuns } from "./lib/bench-util";

const timeEach = (n: number, warm: number, fn: () => Promise<unknown>) => timeRuns(n, fn, warm);

export type Stat = { p50: number; p95: number };
export type AnalyticsBenchResult = {
  rows: number;
  rangeDays: number;
  channels: number;
  samples: number;
  rawSamples: number;
  seedSeconds: number;
  overview: { dal: Stat; floor: Stat; ratioP50: number; ratioP95: number; rawRows: Stat; rollupSpeedupP50: number };
  trends: { dal: Stat; floor: Stat; ratioP50: number; ratioP95: number; rawRows: Stat; rollupSpeedupP50: number };
  rawRowsScanned: number;
};

const stat = (xs: number[]): Stat => ({ p50: r2(pct(xs, 50)), p95: r2(pct(xs, 95)) });

export async function runAnalyticsBench(url: string, opts: { rows?: number; samples?: number; rawSamples?: number } = {}): Promise<AnalyticsBenchResult> {
  const samples = opts.samples ?? Number(process.env.BENCH_ANALYTICS_SAMPLES ?? 40);
  const rawSamples = opts.rawSamples ?? Number(process.env.BENCH_ANALYTICS_RAW_SAMPLES ?? 5);
  process.env.DATABASE_URL = url;
  const t0 = performance.now();
  const seeded = await seedLarge(url, { rows: opts.rows ?? (process.env.BENCH_ANALYTICS_ROWS ? Number(process.env.BENCH_ANALYTICS_ROWS) : undefined) });
  const seedSeconds = r2((performance.now() - t0) / 1000);

  const { getDb } = await import("@/db");
  const { createUser } = await import("@/db/seed/factories");
  const { loadViewer } = await import("@/lib/dal/viewer");
  const A = await import("@/lib/dal/analytics");
  const raw = postgres(url, { max: 4, onnotice: () => {} });
  const dialect = new PgDialect();
  const run = (q: SQL) => {
    const { sql, params } = dialect.sqlToQuery(q);
    return raw.unsafe(sql, params as never[], { prepare: true });
  };
  try {
    const analyst = (await loadViewer((await createUser(getDb(), { roles: ["data_analyst"] })).id))!;
    const [{ today }] = (await raw`select (now() at time zone 'Asia/Tokyo')::date::text as today`) as unknown as [{ today: string }];
    const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const to = addDays(today, -1);
    const from = addDays(to, -89);
    const prevFrom = addDays(from, -90);
    const prevTo = addDays(from, -1);
    const allIds = (await raw<{ id: string }[]>`select id from channels order by id`).map((r) => r.id);
    // Trends plots the 12 channels of two large brands (a chart, not a wall: the DAL caps it at 20).
    const largeIds = (
      await raw<{ id: string }[]>`select c.id from channels c join brands b on b.id = c.brand_id where b.slug like ${LARGE_BRAND_PREFIX + "%"} order by b.slug, c.platform limit 12`
    ).map((r) => r.id);
    const brandIds = [...new Set((await raw<{ b: string }[]>`select distinct brand_id as b from channels where id in ${raw(largeIds)}`).map((r) => r.b))];

    // The DAL.
    const overviewDal = await timeEach(samples, 5, () => A.overview(analyst, { from, to }));
    const trendsDal = await timeEach(samples, 5, () => A.trends(analyst, { from, to, channelIds: largeIds, metric: "impressions" }));

    // The floor: the same SQL over the rollups, same round trips, no DAL around it.
    const scopeSql = `select c.id as channel_id, b.id as brand_id, b.name as brand_name, b.name_en as brand_name_en, b.color, c.platform, c.display_name as channel_name, c.handle, c.status
      from channels c join brands b on b.id = c.brand_id where true order by b.created_at, b.slug, c.platform, c.handle`;
    const overviewFloor = await timeEach(samples, 5, async () => {
      const scope = await raw.unsafe(scopeSql, [], { prepare: true });
      const ids = scope.map((r) => r.channel_id as string);
      await Promise.all([
        run(A.overviewChannelSql(ids, from, to, prevFrom, prevTo)),
        run(A.overviewDailySql(ids, prevFrom, to)),
        raw.unsafe(`select count(*) filter (where status = 'done')::int as pulled, max(pulled_at) as last from analytics_pulls where channel_id = any($1::uuid[]) and day between $2::date and $3::date`, [ids, from, to] as never[], {
          prepare: true,
        }),
      ]);
    });
    const trendsFloor = await timeEach(samples, 5, async () => {
      await raw.unsafe(`select c.id from channels c join brands b on b.id = c.brand_id where c.id = any($1::uuid[]) order by b.created_at, b.slug, c.platform, c.handle`, [largeIds] as never[], {
        prepare: true,
      });
      await Promise.all([
        run(A.trendsSeriesSql(largeIds, from, to, "impressions")),
        run(A.bigPostsSql(largeIds, from, to)),
        raw.unsafe(
          `select id, scope, brand_id, channel_id, started_at, ended_at from crisis_states where started_at < $1::timestamptz and (ended_at is null or ended_at >= $2::timestamptz)
            and (scope = 'all' or (scope = 'brand' and brand_id = any($3::uuid[])) or (scope = 'channel' and channel_id = any($4::uuid[]))) order by started_at`,
          [new Date(Date.parse(`${to}T15:00:00Z`)).toISOString(), new Date(Date.parse(`${from}T00:00:00Z`) - 9 * 3_600_000).toISOString(), brandIds, largeIds] as never[],
          { prepare: true },
        ),
      ]);
    });

    // The same questions over the raw rows (what the rollups save).
    const overviewRaw = await timeEach(rawSamples, 1, () =>
      Promise.all([
        raw.unsafe(
          `select m.channel_id,
              sum(m.impressions) filter (where m.day between $1::date and $2::date) as c_impressions, sum(m.impressions) filter (where m.day between $3::date and $4::date) as p_impressions,
              sum(m.reach) filter (where m.day between $1::date and $2::date) as c_reach, sum(m.reach) filter (where m.day between $3::date and $4::date) as p_reach,
              sum(m.likes + m.comments + m.shares + m.saves) filter (where m.day between $1::date and $2::date) as c_eng,
              sum(m.likes + m.comments + m.shares + m.saves) filter (where m.day between $3::date and $4::date) as p_eng,
              sum(m.clicks) filter (where m.day between $1::date and $2::date) as c_clicks, sum(m.video_views) filter (where m.day between $1::date and $2::date) as c_views,
              count(*) filter (where m.day between $1::date and $2::date) as c_posts
            from post_metrics_daily m where m.day between $3::date and $2::date group by m.channel_id`,
          [from, to, prevFrom, prevTo] as never[],
        ),
        raw.unsafe(
          `select day, sum(impressions), sum(reach), sum(likes + comments + shares + saves), sum(clicks), sum(video_views) from post_metrics_daily where day between $1::date and $2::date group by day order by day`,
          [prevFrom, to] as never[],
        ),
        raw.unsafe(`select channel_id, day, followers from channel_metrics_daily where day between $1::date and $2::date`, [addDays(prevFrom, -7), to] as never[]),
      ]),
    );
    const trendsRaw = await timeEach(rawSamples, 1, () =>
      Promise.all([
        raw.unsafe(`select channel_id, day, sum(impressions) from post_metrics_daily where channel_id = any($1::uuid[]) and day between $2::date and $3::date group by channel_id, day order by channel_id, day`, [
          largeIds,
          from,
          to,
        ] as never[]),
        raw.unsafe(
          `select post_id, channel_id, min(day) as first_day, sum(likes + comments + shares + saves) as e from post_metrics_daily where channel_id = any($1::uuid[])
            group by post_id, channel_id having min(day) between $2::date and $3::date order by e desc limit 5`,
          [largeIds, from, to] as never[],
        ),
      ]),
    );
    const [{ n: scanned }] = (await raw`select count(*)::int as n from post_metrics_daily where day between ${prevFrom}::date and ${to}::date`) as unknown as [{ n: number }];

    const pack = (dal: number[], floor: number[], rawRows: number[]) => ({
      dal: stat(dal),
      floor: stat(floor),
      ratioP50: r2(pct(dal, 50) / pct(floor, 50)),
      ratioP95: r2(pct(dal, 95) / pct(floor, 95)),
      rawRows: stat(rawRows),
      rollupSpeedupP50: r2(pct(rawRows, 50) / pct(dal, 50)),
    });
    return {
      rows: seeded.rows,
      rangeDays: 90,
      channels: allIds.length,
      samples,
      rawSamples,
      seedSeconds,
      overview: pack(overviewDal, overviewFloor, overviewRaw),
      trends: pack(trendsDal, trendsFloor, trendsRaw),
      rawRowsScanned: scanned,
    };
  } finally {
    await raw.end({ timeout: 5 });
  }
}

export function describeAnalyticsBench(r: AnalyticsBenchResult): string {
  const line = (name: string, x: AnalyticsBenchResult["overview"]) =>
    `  ${name}: p50 ${x.dal.p50} ms, p95 ${x.dal.p95} ms vs raw SQL over rollups p50 ${x.floor.p50} ms, p95 ${x.floor.p95} ms → ×${x.ratioP50} (p95 ×${x.ratioP95}); ` +
    `over raw rows p50 ${x.rawRows.p50} ms, p95 ${x.rawRows.p95} ms (rollups ${x.rollupSpeedupP50}× faster)`;
  return [
    `analytics, ${r.rows.toLocaleString("en")} daily metric rows, 90-day range, ${r.channels} channels (seeded in ${r.seedSeconds} s):`,
    line("overview", r.overview),
    line("trends  ", r.trends),
  ].join("\n");
}

async function main() {
  const { startEmbeddedPostgres, ensureDatabase } = await import("./lib/embedded-pg");
  const { runMigrations } = await import("./lib/migrate");
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  const dir = path.resolve(".data", "bench-analytics-pg");
  if (!url) {
    fs.rmSync(dir, { recursive: true, force: true });
    const pg = await startEmbeddedPostgres({ dataDir: dir, port: Number(process.env.BENCH_PG_PORT ?? 54347), ephemeral: true });
    await ensureDatabase(pg.url("postgres"), "bench_analytics");
    url = pg.url("bench_analytics");
    await runMigrations(url);
    stop = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const r = await runAnalyticsBench(url);
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "analytics.json"), JSON.stringify({ machine: { cores: os.cpus().length, node: process.version }, at: new Date().toISOString(), ...r }, null, 2));
    console.log(describeAnalyticsBench(r));
    console.log("→ bench-results/analytics.json");
  } finally {
    const { closeDb } = await import("@/db");
    await closeDb();
    await stop?.();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

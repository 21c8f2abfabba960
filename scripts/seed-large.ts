/**
 * npm run seed:large — the large analytics data set: 10,000,000 daily metric rows in
 * post_metrics_daily (SEED_LARGE_ROWS to change), for 24 extra channels of 4 "大規模" brands and
 * their 250,000 posts over ~15 months, then every rollup rebuilt from the raw rows with the
 * pipeline's own set-based rebuild (lib/dal/analytics-pipeline.ts) and the days marked pulled.
 *
 * Which database:
 *   - DATABASE_URL when set (any PostgreSQL; the role must own the analytics tables);
 *   - otherwise the demo's embedded PostgreSQL: if the demo is running (127.0.0.1:EMBEDDED_PG_PORT,
 *     default 54329) it connects to it; if not, it starts it from .data/pg, migrates, seeds, stops.
 *     Run the demo once first (`npm run demo`) so the demo data exist; seed:large adds to them.
 *
 * Fast: the rows come from generate_series in SQL (no client round trips), inserted in one
 * transaction with the table's indexes and foreign keys dropped and rebuilt after (a sorted index
 * build and one validating join instead of 10M index insertions and trigger calls). Concurrent
 * writers (the demo's worker) wait on the table lock meanwhile. Idempotent: a second run finds
 * the large brands already filled and stops (SEED_LARGE_FORCE=1 replaces them).
 * The metric shape follows the sandbox model: decay after publishing per platform, weekday
 * effects, a lognormal post quality with a few break-outs.
 */
import path from "node:path";
import net from "node:net";
import postgres from "postgres";
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedPg } from "./lib/embedded-pg";
import { runMigrations } from "./lib/migrate";

export const LARGE_BRAND_PREFIX = "large-";
const DEFAULT_ROWS = 10_000_000;
/** Days of metrics per post (each post's window). */
const WINDOW = 40;
const CHANNELS_PER_BRAND = 6;
const BRANDS = 4;
/** Days over which the posts went out (ending today). */
const SPAN = 450;

export type SeedLargeResult = { rows: number; posts: number; channels: number; days: number; insertSeconds: number; rollupSeconds: number; skipped: boolean };

const log = (m: string) => console.log(`[seed:large] ${m}`);

/** Fills the large data set on `url`. The caller sets DATABASE_URL to the same database (the rollup rebuild goes through the DAL). */
export async function seedLarge(url: string, opts: { rows?: number; force?: boolean; today?: string } = {}): Promise<SeedLargeResult> {
  const rows = opts.rows ?? DEFAULT_ROWS;
  // Posts go out over SPAN days ending today; each earns WINDOW days (the newest fewer, up to
  // today): the smallest post count whose rows reach `rows` (the last ones are cut to hit it).
  const rowsFor = (p: number) => {
    let n = 0;
    for (let i = 0; i < p; i++) n += Math.min(WINDOW, SPAN - Math.floor((i * SPAN) / p) + 1);
    return n;
  };
  let lo = Math.ceil(rows / WINDOW);
  let hi = lo * 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (rowsFor(mid) >= rows) hi = mid;
    else lo = mid + 1;
  }
  const posts = lo;
  const channelsN = BRANDS * CHANNELS_PER_BRAND;
  const sql = postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 0 });
  try {
    const today = opts.today ?? (await sql<{ d: string }[]>`select (now() at time zone 'Asia/Tokyo')::date::text as d`)[0]!.d;
    const span = SPAN;
    const existing = await sql<{ n: string }[]>`
      select count(*) as n from post_metrics_daily m join channels c on c.id = m.channel_id join brands b on b.id = c.brand_id
      where b.slug like ${LARGE_BRAND_PREFIX + "%"}`;
    if (Number(existing[0]!.n) >= rows && !opts.force) {
      log(`already there: ${existing[0]!.n} rows for the large brands (SEED_LARGE_FORCE=1 to replace)`);
      return { rows: Number(existing[0]!.n), posts, channels: channelsN, days: span + 1, insertSeconds: 0, rollupSeconds: 0, skipped: true };
    }
    const t0 = performance.now();
    await sql.begin(async (tx) => {
      let tStep = performance.now();
      const step = (m: string) => {
        if (process.env.SEED_LARGE_VERBOSE) log(`${m}: ${((performance.now() - tStep) / 1000).toFixed(1)} s`);
        tStep = performance.now();
      };
      await tx`set local work_mem = '256MB'`;
      await tx`set local maintenance_work_mem = '512MB'`;
      // Replace an earlier (or partial) large set.
      const largeBrands = tx`select id from brands where slug like ${LARGE_BRAND_PREFIX + "%"}`;
      const largeChannels = tx`select id from channels where brand_id in (${largeBrands})`;
      for (const t of ["analytics_channel_daily", "channel_metrics_daily", "analytics_pulls", "analytics_post_totals", "post_metrics_daily"]) {
        await tx`delete from ${tx(t)} where channel_id in (${largeChannels})`;
      }
      await tx`delete from analytics_brand_daily where brand_id in (${largeBrands})`;
      await tx`delete from posts where brand_id in (${largeBrands})`;

      step("cleared");
      await tx`insert into users (id, name, email, deactivated_at) values ('large-data-author', '大規模データ', null, now()) on conflict (id) do nothing`;
      const brandRows = Array.from({ length: BRANDS }, (_, i) => ({
        slug: `${LARGE_BRAND_PREFIX}${i + 1}`,
        name: ["大規模ブランドA", "大規模ブランドB", "大規模ブランドC", "大規模ブランドD"][i]!,
        name_en: `Large brand ${"ABCD"[i]}`,
        color: ["#7c3aed", "#0891b2", "#ca8a04", "#be123c"][i]!,
      }));
      await tx`insert into brands ${tx(brandRows)} on conflict (slug) do nothing`;
      const platforms = ["x", "instagram", "facebook", "line", "tiktok", "youtube"] as const;
      const brandIds = await tx<{ id: string; slug: string }[]>`select id, slug from brands where slug like ${LARGE_BRAND_PREFIX + "%"} order by slug`;
      const channelRows = brandIds.flatMap((b, bi) =>
        platforms.map((p) => ({ brand_id: b.id, platform: p, handle: `large_${bi + 1}_${p}`, display_name: `${brandRows[bi]!.name} ${p}`, connector: "sandbox" })),
      );
      await tx`insert into channels ${tx(channelRows)} on conflict (platform, handle) do nothing`;

      // The posts: i → channel (round robin), publish time spread over the span, a quality.
      await tx`create temp table large_posts on commit drop as
        select i, gen_random_uuid() as id, c.id as channel_id, c.brand_id, c.platform::text as platform,
          (${today}::date - ${span}::int + ((i::bigint * ${span}) / ${posts})::int) as pub_day,
          least(${WINDOW}, ${span} - ((i::bigint * ${span}) / ${posts})::int + 1) as n,
          -- lognormal quality (Box–Muller), 3 % break-outs ×4–10
          exp(0.55 * sqrt(-2 * ln(greatest(random(), 1e-9))) * cos(2 * pi() * random())) * case when random() < 0.03 then 4 + random() * 6 else 1 end as quality,
          (3000 * power(50, (abs(hashtext(c.id::text)) % 1000) / 1000.0)) as audience
        from generate_series(0, ${posts - 1}) i
        join (select id, brand_id, platform, row_number() over (order by handle) - 1 as k from channels where brand_id in (${largeBrands})) c on c.k = i % ${channelsN}`;
      step("large_posts");
      await tx`alter table large_posts add column off bigint`;
      await tx`update large_posts p set off = o.off from (select i, sum(n) over (order by i) - n as off from large_posts) o where o.i = p.i`;
      await tx`create index on large_posts (i)`;
      await tx`analyze large_posts`;
      await tx`insert into posts (id, brand_id, kind, title, state, author_id, scheduled_at, created_at, updated_at)
        select id, brand_id, 'post'::post_kind, '大規模データ投稿 #' || i::text, 'published'::post_state, 'large-data-author',
          (pub_day::timestamp + interval '10 hours') at time zone 'Asia/Tokyo', now(), now()
        from large_posts`;
      step("posts");
      log(`${posts} posts on ${channelsN} channels over ${span} days`);

      // Indexes and foreign keys off, rows in, rebuilt.
      await tx`alter table post_metrics_daily drop constraint if exists post_metrics_daily_post_id_posts_id_fk`;
      await tx`alter table post_metrics_daily drop constraint if exists post_metrics_daily_channel_id_channels_id_fk`;
      await tx`alter table post_metrics_daily drop constraint if exists post_metrics_daily_post_id_channel_id_day_pk`;
      await tx`drop index if exists post_metrics_daily_day_idx`;
      await tx`drop index if exists post_metrics_daily_channel_day_idx`;
      step("dropped indexes");
      const CHUNK = 25_000;
      for (let from = 0; from < posts; from += CHUNK) {
        await tx`insert into post_metrics_daily (post_id, channel_id, day, impressions, reach, likes, comments, shares, saves, clicks, video_views)
          select p.id, p.channel_id, p.pub_day + a, m.imp, round(m.imp * pr.reach * (0.95 + random() * 0.1)),
            round(m.eng * pr.likes), round(m.eng * pr.comments), round(m.eng * pr.shares), round(m.eng * pr.saves),
            round(m.imp * pr.ctr * (0.8 + random() * 0.4)), case when pr.video > 0.5 then round(m.imp * (0.45 + random() * 0.2)) else 0 end
          from large_posts p
          join (values
            ('x', 0.9, 0.35, 0.7, 0.016, 0.68, 0.08, 0.20, 0.04, 0.007, 0.0),
            ('instagram', 0.55, 1.1, 0.78, 0.045, 0.80, 0.05, 0.05, 0.10, 0.003, 0.4),
            ('facebook', 0.35, 0.9, 0.75, 0.020, 0.70, 0.12, 0.16, 0.02, 0.009, 0.2),
            ('line', 0.8, 0.5, 0.85, 0.010, 0.85, 0.05, 0.09, 0.01, 0.020, 0.0),
            ('tiktok', 1.6, 2.2, 0.82, 0.060, 0.82, 0.06, 0.07, 0.05, 0.002, 1.0),
            ('youtube', 1.1, 4.5, 0.80, 0.035, 0.86, 0.09, 0.04, 0.01, 0.004, 1.0)
          ) as pr(platform, ipf, tau, reach, er, likes, comments, shares, saves, ctr, video) on pr.platform = p.platform
          cross join generate_series(0, ${WINDOW - 1}) a
          cross join lateral (
            select round(p.audience * pr.ipf * p.quality
                * (exp(-a / pr.tau) - case when a = ${WINDOW - 1} then 0 else exp(-(a + 1) / pr.tau) end)
                * (array[1.1, 0.95, 0.97, 0.98, 1.0, 1.03, 1.1])[extract(dow from p.pub_day + a)::int + 1]
                * (0.9 + random() * 0.2)) as imp) i
          cross join lateral (select i.imp, i.imp * pr.er * power(p.quality, 0.3) * (0.85 + random() * 0.3) as eng) m
          where p.i >= ${from} and p.i < ${Math.min(posts, from + CHUNK)}
            and a < p.n and p.off + a < ${rows}`;
        if ((from / CHUNK) % 2 === 1 || from + CHUNK >= posts) log(`posts ${Math.min(posts, from + CHUNK).toLocaleString("en")} / ${posts.toLocaleString("en")} have their rows`);
      }
      step("rows");
      log("rebuilding the primary key, indexes and foreign keys");
      await tx`alter table post_metrics_daily add constraint post_metrics_daily_post_id_channel_id_day_pk primary key (post_id, channel_id, day)`;
      await tx`create index post_metrics_daily_day_idx on post_metrics_daily (day)`;
      await tx`create index post_metrics_daily_channel_day_idx on post_metrics_daily (channel_id, day)`;
      await tx`alter table post_metrics_daily add constraint post_metrics_daily_post_id_posts_id_fk foreign key (post_id) references posts(id) on delete cascade not valid`;
      await tx`alter table post_metrics_daily add constraint post_metrics_daily_channel_id_channels_id_fk foreign key (channel_id) references channels(id) not valid`;
      await tx`alter table post_metrics_daily validate constraint post_metrics_daily_post_id_posts_id_fk`;
      await tx`alter table post_metrics_daily validate constraint post_metrics_daily_channel_id_channels_id_fk`;
      step("indexes and keys");
      // Followers per channel and day: steady growth with a weekly wave.
      await tx`insert into channel_metrics_daily (channel_id, day, followers, impressions, reach, engagements, mentions)
        select c.id, d::date,
          round((3000 * power(50, (abs(hashtext(c.id::text)) % 1000) / 1000.0)) * (1 + 0.0008 * (d::date - (${today}::date - ${span}::int)) + 0.0008 * sin(extract(epoch from d) / 86400 / 7 * 2 * pi()))),
          0, 0, 0, 0
        from channels c cross join generate_series(${today}::date - ${span}::int, ${today}::date, interval '1 day') d
        where c.brand_id in (${largeBrands})
        on conflict (channel_id, day) do nothing`;
    });
    const insertSeconds = (performance.now() - t0) / 1000;
    log(`raw rows in ${insertSeconds.toFixed(1)} s; rebuilding rollups`);
    await sql`analyze post_metrics_daily`;
    const t1 = performance.now();
    const { getDb } = await import("@/db");
    const { rebuildAnalyticsRollups } = await import("@/lib/dal/analytics-pipeline");
    const r = await getDb().transaction((tx) => rebuildAnalyticsRollups(tx));
    await sql`analyze analytics_channel_daily`;
    await sql`analyze analytics_brand_daily`;
    await sql`analyze analytics_post_totals`;
    const rollupSeconds = (performance.now() - t1) / 1000;
    log(`rollups: ${r.channelDays} channel-days, ${r.brandDays} brand-days, ${r.postTotals} post totals in ${rollupSeconds.toFixed(1)} s`);
    const [n] = await sql<{ n: string }[]>`select count(*) as n from post_metrics_daily m join channels c on c.id = m.channel_id join brands b on b.id = c.brand_id where b.slug like ${LARGE_BRAND_PREFIX + "%"}`;
    return { rows: Number(n!.n), posts, channels: channelsN, days: span + 1, insertSeconds, rollupSeconds, skipped: false };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" }, () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
  });
}

async function main() {
  let pg: EmbeddedPg | null = null;
  let url = process.env.DATABASE_URL;
  if (url) log("using DATABASE_URL");
  else {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    if (await portOpen(port)) {
      url = `postgres://portal:portal-local-only@127.0.0.1:${port}/portal`;
      log(`using the running demo's PostgreSQL on 127.0.0.1:${port}`);
    } else {
      log(`starting the demo's embedded PostgreSQL (.data/pg) on 127.0.0.1:${port}`);
      pg = await startEmbeddedPostgres({ dataDir: path.resolve(".data", "pg"), port, log: (l) => console.error(`[pg] ${l}`) });
      await ensureDatabase(pg.url("postgres"), "portal");
      url = pg.url("portal");
      await runMigrations(url);
    }
    process.env.DATABASE_URL = url;
  }
  try {
    const t = performance.now();
    const r = await seedLarge(url, { rows: process.env.SEED_LARGE_ROWS ? Number(process.env.SEED_LARGE_ROWS) : undefined, force: process.env.SEED_LARGE_FORCE === "1" });
    log(`${r.skipped ? "nothing to do" : "done"}: ${r.rows.toLocaleString("en")} rows, ${r.posts.toLocaleString("en")} posts, ${r.channels} channels, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    const { closeDb } = await import("@/db");
    await closeDb();
    await pg?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

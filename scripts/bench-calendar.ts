/**
 * Calendar benchmark (issue 3): the month view with 1,000 posts in the month (among ~20,000 over
 * two years, so the range scan has to be selective), each on one to three channels, plus blackout
 * windows. Measured on a throwaway database, each figure next to the raw-SQL floor of the
 * calendar's query measured in the same run:
 *
 *   - listCalendar (the DAL: permission, zod, the one keyset query, DTO) vs the same SQL through postgres.js
 *   - the page's data phase (listCalendar ‖ listBlackouts of the range ‖ listCalendarFilters ‖ the
 *     windows ahead — what app/(portal)/calendar/page.tsx awaits)
 *   - the render: view model (posts and windows placed on Tokyo days) + React's server render of
 *     the month grid (scripts/bench-calendar-render.tsx, a child process without react-server)
 *   - server render time = data phase + render, as a ratio to the floor
 *
 * Called by scripts/bench.ts; runnable alone: tsx --conditions=react-server scripts/bench-calendar.ts <DATABASE_URL>
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { pct, r2, timeEach } from "./lib/bench-util";

export type CalendarBenchResult = {
  postsInMonth: number;
  postsTotal: number;
  rangeDays: number;
  samples: number;
  floorP50Ms: number;
  floorP95Ms: number;
  dalP50Ms: number;
  dalP95Ms: number;
  dalRatioP50: number;
  pageDataP50Ms: number;
  pageDataP95Ms: number;
  renderP50Ms: number;
  renderP95Ms: number;
  serverRenderP50Ms: number;
  serverRenderP95Ms: number;
  serverRenderRatioP50: number;
  htmlBytes: number;
  propsBytes: number;
  chipsDrawn: number;
  plan: string;
};

const TZ = "Asia/Tokyo";

/** mulberry32: the same data set on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runCalendarBench(
  url: string,
  o: { inMonth?: number; total?: number; samples?: number } = {},
): Promise<CalendarBenchResult> {
  const inMonth = o.inMonth ?? Number(process.env.BENCH_CALENDAR_POSTS ?? 1000);
  const total = o.total ?? Number(process.env.BENCH_CALENDAR_TOTAL ?? 20_000);
  const samples = o.samples ?? Number(process.env.BENCH_SAMPLES ?? 100);
  const { closeDb, getDb } = await import("@/db");
  await closeDb();
  process.env.DATABASE_URL = url;
  const db = getDb();
  const { createBrand, createChannel, createUser } = await import("@/db/seed/factories");
  const { loadViewer } = await import("@/lib/dal/viewer");
  const { listCalendar, listCalendarFilters } = await import("@/lib/dal/calendar");
  const { listBlackouts } = await import("@/lib/dal/blackouts");
  const { addDays, addMonths, dayKeyOf, monthGrid, rangeOfDays, zonedToUtc } = await import("@/lib/domain/calendar");
  const { POST_STATES } = await import("@/lib/domain/workflow");
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const rnd = prng(42);

  // ── data: 3 brands × 3 channels, 12 authors, ~20,000 posts over two years, 1,000 in the measured month
  const brands: { id: string; channels: string[] }[] = [];
  for (let b = 0; b < 3; b++) {
    const { id } = await createBrand(db);
    const channels: string[] = [];
    for (const platform of ["x", "instagram", "line"] as const) channels.push((await createChannel(db, { brandId: id, platform })).id);
    brands.push({ id, channels });
  }
  const authors: string[] = [];
  for (let i = 0; i < 12; i++) authors.push((await createUser(db, { roles: ["content_creator"] })).id);
  const manager = await loadViewer((await createUser(db, { roles: ["social_media_manager"] })).id);
  if (!manager) throw new Error("bench viewer did not load");

  const anchor = `${addMonths(dayKeyOf(new Date(), TZ), 2).slice(0, 7)}-01`;
  const grid = monthGrid(anchor);
  const range = rangeOfDays(grid.first, grid.last, TZ);
  const monthDays = grid.weeks.flat().filter((d) => d.inMonth).map((d) => d.key);
  const states = POST_STATES.filter((s) => s !== "cancelled");
  const posts: { id: string; brand_id: string; kind: string; title: string; state: string; author_id: string; scheduled_at: Date }[] = [];
  const targets: { post_id: string; channel_id: string; scheduled_at: Date; state: string; idempotency_key: string }[] = [];
  for (let i = 0; i < total; i++) {
    const inside = i < inMonth;
    const day = inside ? monthDays[Math.floor(rnd() * monthDays.length)]! : addDays(anchor, Math.floor(rnd() * 730) - 365);
    if (!inside && day >= grid.first && day <= grid.last) continue; // keep the month at exactly `inMonth`
    const hh = String(7 + Math.floor(rnd() * 15)).padStart(2, "0");
    const mm = ["00", "15", "30", "45"][Math.floor(rnd() * 4)]!;
    const slot = zonedToUtc(day, `${hh}:${mm}`, TZ);
    const brand = brands[Math.floor(rnd() * brands.length)]!;
    const id = randomUUID();
    posts.push({
      id,
      brand_id: brand.id,
      kind: "post",
      title: `ベンチマーク投稿 ${i} — 季節のおすすめと新商品のお知らせ`,
      state: states[Math.floor(rnd() * states.length)]!,
      author_id: authors[Math.floor(rnd() * authors.length)]!,
      scheduled_at: slot,
    });
    const n = 1 + Math.floor(rnd() * 3);
    for (const channelId of brand.channels.slice(0, n)) {
      targets.push({ post_id: id, channel_id: channelId, scheduled_at: slot, state: "pending", idempotency_key: `${id}:${channelId}` });
    }
  }
  for (let i = 0; i < posts.length; i += 2000) {
    await sql`insert into posts ${sql(posts.slice(i, i + 2000), "id", "brand_id", "kind", "title", "state", "author_id", "scheduled_at")}`;
  }
  for (let i = 0; i < targets.length; i += 4000) {
    await sql`insert into post_targets ${sql(targets.slice(i, i + 4000), "post_id", "channel_id", "scheduled_at", "state", "idempotency_key")}`;
  }
  const quiet = { startsAt: zonedToUtc(addDays(anchor, 9), "00:00", TZ), endsAt: zonedToUtc(addDays(anchor, 10), "15:00", TZ) };
  await sql`insert into blackout_windows (starts_at, ends_at, reason, created_by_id) values
    (${quiet.startsAt}, ${quiet.endsAt}, '決算発表前の沈黙期間', ${manager.id}),
    (${zonedToUtc(addDays(anchor, 20), "00:00", TZ)}, ${zonedToUtc(addDays(anchor, 21), "00:00", TZ)}, '新製品発表会(報道解禁前)', ${manager.id})`;
  await sql`analyze posts`;
  await sql`analyze post_targets`;
  const [{ n: inRange }] = (await sql<{ n: number }[]>`select count(*)::int n from posts where scheduled_at >= ${range.from} and scheduled_at < ${range.to}`) as unknown as [{ n: number }];

  // ── the floor: the calendar's query as plain SQL
  const liveStates = states as readonly string[];
  const floorQuery = () => sql`
    select p.id, p.title, p.state, p.kind, p.brand_id, b.name as brand_name, b.color as brand_color, p.author_id, u.name as author_name, p.scheduled_at,
      coalesce((select json_agg(json_build_object('id', c.id, 'platform', c.platform, 'name', c.display_name) order by c.platform, c.display_name, c.id)
                from post_targets t join channels c on c.id = t.channel_id where t.post_id = p.id and t.state <> 'cancelled'), '[]'::json) as channels
    from posts p join brands b on b.id = p.brand_id left join users u on u.id = p.author_id
    where p.scheduled_at >= ${range.from} and p.scheduled_at < ${range.to} and p.state in ${sql(liveStates as string[])}
    order by p.scheduled_at, p.id limit 2001`;
  const plan = (await sql.unsafe(
    `explain select p.id from posts p where p.scheduled_at >= $1 and p.scheduled_at < $2 order by p.scheduled_at, p.id limit 2001`,
    [range.from, range.to],
  )) as unknown as { "QUERY PLAN": string }[];
  const floor = await timeEach(samples, floorQuery);
  const dal = await timeEach(samples, () => listCalendar(manager, { from: range.from, to: range.to, limit: 2000 }));
  const pageData = async () => {
    const [page] = await Promise.all([
      listCalendar(manager, { from: range.from, to: range.to, limit: 2000 }),
      listBlackouts(manager, { from: range.from, to: range.to }),
      listCalendarFilters(manager),
      listBlackouts(manager, {}),
    ]);
    return page;
  };
  const data = await timeEach(samples, pageData);

  // ── the render, in a child process (react-dom/server cannot load under react-server)
  const page = await pageData();
  const windows = await listBlackouts(manager, { from: range.from, to: range.to });
  const file = path.join(os.tmpdir(), `bench-calendar-${process.pid}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ anchor, timeZone: TZ, samples, viewer: { id: manager.id, permissions: [...manager.permissions] }, posts: page.items, blackouts: windows }),
  );
  // NODE_ENV=production: React's production build, as `next start` runs it.
  const child = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/bench-calendar-render.tsx", file], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: "production" },
  });
  fs.rmSync(file, { force: true });
  if (child.status !== 0) throw new Error(`calendar render bench failed:\n${child.stderr}`);
  const render = JSON.parse(child.stdout.trim().split("\n").pop()!) as { p50: number; p95: number; htmlBytes: number; propsBytes: number; chipsDrawn: number };
  await sql.end();

  const floorP50 = pct(floor, 50);
  const serverP50 = pct(data, 50) + render.p50;
  return {
    postsInMonth: page.items.filter((p) => dayKeyOf(p.slotAt, TZ).startsWith(anchor.slice(0, 7))).length,
    postsTotal: posts.length,
    rangeDays: grid.weeks.length * 7,
    samples,
    floorP50Ms: r2(floorP50),
    floorP95Ms: r2(pct(floor, 95)),
    dalP50Ms: r2(pct(dal, 50)),
    dalP95Ms: r2(pct(dal, 95)),
    dalRatioP50: r2(pct(dal, 50) / floorP50),
    pageDataP50Ms: r2(pct(data, 50)),
    pageDataP95Ms: r2(pct(data, 95)),
    renderP50Ms: r2(render.p50),
    renderP95Ms: r2(render.p95),
    serverRenderP50Ms: r2(serverP50),
    serverRenderP95Ms: r2(pct(data, 95) + render.p95),
    serverRenderRatioP50: r2(serverP50 / floorP50),
    htmlBytes: render.htmlBytes,
    propsBytes: render.propsBytes,
    chipsDrawn: render.chipsDrawn,
    plan: plan.map((r) => r["QUERY PLAN"]).join(" / ") + ` (rows in range: ${inRange})`,
  };
}

/** One line for the console, the same shape as the other benchmarks'. */
export function describeCalendarBench(c: CalendarBenchResult): string {
  return (
    `calendar month view, ${c.postsInMonth} posts in the month (${c.postsTotal} in all): server render p50 ${c.serverRenderP50Ms} ms ` +
    `(data ${c.pageDataP50Ms} ms + render ${c.renderP50Ms} ms, ${c.chipsDrawn} chips, ${Math.round(c.htmlBytes / 1024)} KB HTML) ` +
    `vs raw SQL p50 ${c.floorP50Ms} ms → ×${c.serverRenderRatioP50}; listCalendar alone p50 ${c.dalP50Ms} ms → ×${c.dalRatioP50}`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) throw new Error("usage: tsx --conditions=react-server scripts/bench-calendar.ts <DATABASE_URL of a migrated, empty database>");
  runCalendarBench(url)
    .then(async (r) => {
      console.log(describeCalendarBench(r));
      console.log(JSON.stringify(r, null, 2));
      const { closeDb } = await import("@/db");
      await closeDb();
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

/**
 * The metrics pipeline and the analytics reads against real PostgreSQL: rollups equal the
 * aggregation of the raw rows for random data (several seeds), a re-pull changes nothing, gaps
 * are backfilled, Asia/Tokyo day boundaries, the Meta insights connector against the Graph stub,
 * and who may read overview/trends (analyst and manager; everyone else FORBIDDEN).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { createBrand, createChannel, createPost, createUser } from "@/db/seed/factories";
import { channelsForPull, missingDays, rebuildAnalyticsRollups } from "@/lib/dal/analytics-pipeline";
import { overview, trends, type TrendMetric } from "@/lib/dal/analytics";
import { daysToPull, pullChannelDay, pullDueMetrics, runPulls } from "@/lib/jobs/analytics";
import { sandboxFollowers, sandboxPostDay, tokyoDayOf, unit } from "@/lib/domain/sandbox-metrics";
import { addDays, eachDay } from "@/lib/domain/analytics-filters";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import { startMetaGraphStub, type MetaGraphStub } from "../../scripts/stubs/meta-graph";
import { ROLES, viewersByRole, type Role } from "./helpers";
import type { Viewer } from "@/lib/dal/viewer";

const db = () => getDb();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A fixed clock: 2026-03-20 15:00 JST. */
const NOW = new Date("2026-03-20T06:00:00Z");
const TODAY = tokyoDayOf(NOW);

async function q<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db().execute(query)) as unknown as T[];
}

let authorId: string;
let viewers: Record<Role | "none", Viewer>;

beforeAll(async () => {
  authorId = (await createUser(db(), { roles: ["content_creator"] })).id;
  viewers = await viewersByRole();
});

/** A published post on the channels, with a publication (external id) per channel at `at`. */
async function publishedPost(brandId: string, channelIds: string[], at: Date, title?: string): Promise<string> {
  const { postId } = await createPost(db(), { brandId, channelIds, authorId, state: "published", slotAt: at, title });
  const targets = await q<{ id: string; channel_id: string }>(sql`select id, channel_id from post_targets where post_id = ${postId}`);
  for (const t of targets) {
    await db().execute(
      sql`insert into publications (target_id, external_id, state, published_at, attempts) values (${t.id}, ${`ext-${postId.slice(0, 8)}-${t.channel_id.slice(0, 4)}`}, 'published', ${at.toISOString()}::timestamptz, 1)`,
    );
  }
  return postId;
}

/** Asserts every rollup equals an independent aggregation of the raw rows. */
async function expectRollupsMatchRaw() {
  const channelDiff = await q<Record<string, unknown>>(sql`
    with raw as (
      select channel_id, day, sum(impressions)::bigint i, sum(reach)::bigint r, sum(likes)::bigint l, sum(comments)::bigint c, sum(shares)::bigint s,
        sum(saves)::bigint v, sum(clicks)::bigint k, sum(video_views)::bigint w, sum(likes + comments + shares + saves)::bigint e, count(*)::int n
      from post_metrics_daily group by channel_id, day)
    select coalesce(a.channel_id, raw.channel_id) as channel_id, coalesce(a.day, raw.day) as day
    from analytics_channel_daily a full join raw on raw.channel_id = a.channel_id and raw.day = a.day
    where a.channel_id is null
       or (a.impressions, a.reach, a.likes, a.comments, a.shares, a.saves, a.clicks, a.video_views, a.engagements, a.posts)
          is distinct from (coalesce(raw.i, 0), coalesce(raw.r, 0), coalesce(raw.l, 0), coalesce(raw.c, 0), coalesce(raw.s, 0),
            coalesce(raw.v, 0), coalesce(raw.k, 0), coalesce(raw.w, 0), coalesce(raw.e, 0), coalesce(raw.n, 0))`);
  expect(channelDiff, "channel×day rollup vs raw").toEqual([]);
  const followersDiff = await q(sql`select a.channel_id, a.day from analytics_channel_daily a join channel_metrics_daily m using (channel_id, day) where a.followers is distinct from m.followers`);
  expect(followersDiff, "followers").toEqual([]);
  const brandDiff = await q(sql`
    with agg as (
      select c.brand_id, m.day, sum(m.impressions)::bigint i, sum(m.reach)::bigint r, sum(m.likes + m.comments + m.shares + m.saves)::bigint e, sum(m.clicks)::bigint k, count(*)::int n
      from post_metrics_daily m join channels c on c.id = m.channel_id group by c.brand_id, m.day),
    fol as (select c.brand_id, a.day, coalesce(sum(a.followers), 0)::bigint f, sum(a.mentions)::int mentions from analytics_channel_daily a join channels c on c.id = a.channel_id group by 1, 2)
    select b.brand_id, b.day from analytics_brand_daily b
      left join agg on agg.brand_id = b.brand_id and agg.day = b.day
      left join fol on fol.brand_id = b.brand_id and fol.day = b.day
    where (b.impressions, b.reach, b.engagements, b.clicks, b.posts, b.followers, b.mentions)
      is distinct from (coalesce(agg.i, 0), coalesce(agg.r, 0), coalesce(agg.e, 0), coalesce(agg.k, 0), coalesce(agg.n, 0), coalesce(fol.f, 0), coalesce(fol.mentions, 0))`);
  expect(brandDiff, "brand×day rollup vs raw").toEqual([]);
  const postDiff = await q(sql`
    with agg as (select post_id, channel_id, min(day) f, max(day) l, count(*)::int d, sum(impressions)::bigint i, sum(likes + comments + shares + saves)::bigint e, sum(video_views)::bigint w
      from post_metrics_daily group by 1, 2)
    select agg.post_id from agg full join analytics_post_totals t using (post_id, channel_id)
    where (t.first_day, t.last_day, t.days, t.impressions, t.engagements, t.video_views) is distinct from (agg.f, agg.l, agg.d, agg.i, agg.e, agg.w)`);
  expect(postDiff, "post totals vs raw").toEqual([]);
}

async function snapshot(): Promise<string> {
  const tables = ["post_metrics_daily", "channel_metrics_daily", "analytics_channel_daily", "analytics_brand_daily", "analytics_post_totals"];
  const out: unknown[] = [];
  for (const t of tables) {
    const cols = t.startsWith("analytics_") ? "to_jsonb(x) - 'updated_at'" : "to_jsonb(x)";
    out.push(await q(sql.raw(`select j from (select ${cols} as j from ${t} x) s order by j::text`)));
  }
  return JSON.stringify(out);
}

describe("pipeline: rollups equal the raw rows", () => {
  // Several seeds: random posts (times, channels), random pull order, repeated and partial-day pulls.
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: random data, random pull order, partial then full days`, async () => {
      const r = (k: string) => unit(`seed${seed}:${k}`);
      const brandA = (await createBrand(db())).id;
      const brandB = (await createBrand(db())).id;
      const platforms = ["x", "instagram", "tiktok", "facebook"] as const;
      const chans: string[] = [];
      for (let i = 0; i < 4; i++) chans.push((await createChannel(db(), { brandId: i < 2 ? brandA : brandB, platform: platforms[i]! })).id);
      const start = new Date(NOW.getTime() - 20 * DAY);
      for (let i = 0; i < 12; i++) {
        const at = new Date(start.getTime() + Math.floor(r(`at${i}`) * 19 * DAY));
        const picked = chans.filter((_, j) => r(`c${i}:${j}`) < 0.5);
        const onChannels = picked.length ? picked : [chans[i % 4]!];
        const brand = onChannels.every((c) => chans.indexOf(c) < 2) ? brandA : onChannels.every((c) => chans.indexOf(c) >= 2) ? brandB : null;
        if (!brand) continue; // a post belongs to one brand: keep its channels within it
        await publishedPost(brand, onChannels, at);
      }
      const pulls: { channelId: string; day: string; now: Date }[] = [];
      for (const c of chans) for (const day of eachDay(tokyoDayOf(start), TODAY)) pulls.push({ channelId: c, day, now: NOW });
      // Today first at 06:00 JST (partial), again later at NOW; some days twice; shuffled.
      for (const c of chans) pulls.push({ channelId: c, day: TODAY, now: new Date(NOW.getTime() - 8 * HOUR) });
      for (let i = 0; i < 10; i++) pulls.push(pulls[Math.floor(r(`dup${i}`) * pulls.length)]!);
      pulls.sort((a, b) => r(`o:${a.channelId}:${a.day}:${a.now.getTime()}`) - r(`o:${b.channelId}:${b.day}:${b.now.getTime()}`));
      const channelsById = new Map((await channelsForPull(chans)).map((c) => [c.id, c]));
      // Two at a time, like two workers.
      for (let i = 0; i < pulls.length; i += 2) {
        await Promise.all(pulls.slice(i, i + 2).map((p) => pullChannelDay(channelsById.get(p.channelId)!, p.day, { now: p.now })));
      }
      // The final state of today must be the NOW pull, whatever the order: re-pull it last.
      for (const c of chans) await pullChannelDay(channelsById.get(c)!, TODAY, { now: NOW });
      const [{ n }] = (await q<{ n: number }>(sql`select count(*)::int as n from post_metrics_daily`)) as [{ n: number }];
      expect(n).toBeGreaterThan(30);
      await expectRollupsMatchRaw();

      // The set-based rebuild agrees with the incremental state.
      const before = await snapshot();
      await db().transaction((tx) => rebuildAnalyticsRollups(tx));
      expect(await snapshot()).toBe(before);
    });
  }
});

describe("pipeline: idempotence, gaps, time zone", () => {
  let brandId: string;
  let channelId: string;

  beforeAll(async () => {
    brandId = (await createBrand(db())).id;
    channelId = (await createChannel(db(), { brandId, platform: "instagram" })).id;
    await publishedPost(brandId, [channelId], new Date(NOW.getTime() - 3 * DAY));
    await publishedPost(brandId, [channelId], new Date(NOW.getTime() - 1 * DAY));
  });

  it("re-running a pull changes nothing", async () => {
    const [ch] = await channelsForPull([channelId]);
    const day = addDays(TODAY, -1);
    const first = await pullChannelDay(ch!, day, { now: NOW });
    expect("changed" in first && first.changed).toBe(true);
    const before = await snapshot();
    const again = await pullChannelDay(ch!, day, { now: NOW });
    expect("changed" in again && again.changed).toBe(false);
    expect(await snapshot()).toBe(before);
    const [pull] = await q<{ attempts: number; status: string }>(sql`select attempts, status from analytics_pulls where channel_id = ${channelId} and day = ${day}::date`);
    expect(pull).toMatchObject({ status: "done", attempts: 2 });
    await expectRollupsMatchRaw();
  });

  it("gaps are found and backfilled; a failed day stays a gap and is retried", async () => {
    const [ch] = await channelsForPull([channelId]);
    // The channel is "created" 10 days ago for this test's window.
    const chan = { ...ch!, createdAt: new Date(NOW.getTime() - 10 * DAY) };
    const days = await daysToPull(chan, NOW, 35);
    expect(days[0]).toBe(tokyoDayOf(chan.createdAt));
    expect(days).toContain(TODAY);
    expect(days).toContain(addDays(TODAY, -1)); // yesterday is re-pulled every run: networks settle late numbers
    expect(await missingDays(channelId, tokyoDayOf(chan.createdAt), addDays(TODAY, -1))).toHaveLength(9);

    // A connector failure (a Meta channel without credentials) is recorded and stays a gap.
    const meta = { ...chan, connector: "meta" as const, platform: "instagram" as const, externalAccountId: null };
    const failed = await pullChannelDay(meta, addDays(TODAY, -5), { now: NOW });
    expect(failed).toMatchObject({ failed: "config" });
    expect(await missingDays(channelId, addDays(TODAY, -5), addDays(TODAY, -5))).toEqual([addDays(TODAY, -5)]);
    const [f] = await q<{ status: string; error_code: string }>(sql`select status, error_code from analytics_pulls where channel_id = ${channelId} and day = ${addDays(TODAY, -5)}::date`);
    expect(f).toEqual({ status: "failed", error_code: "config" });

    const results = await runPulls([{ channel: chan, days: await daysToPull(chan, NOW, 35) }], { now: NOW });
    expect(results.every((x) => !("failed" in x))).toBe(true);
    expect(await missingDays(channelId, tokyoDayOf(chan.createdAt), addDays(TODAY, -1))).toEqual([]);
    await expectRollupsMatchRaw();
  });

  it("Asia/Tokyo days: a post at 23:30 JST counts from that day, one at 00:30 JST from the next", async () => {
    const ch = (await createChannel(db(), { brandId, platform: "x" })).id;
    const d = addDays(TODAY, -4);
    const late = await publishedPost(brandId, [ch], new Date(`${d}T14:30:00Z`)); // 23:30 JST on d
    const early = await publishedPost(brandId, [ch], new Date(`${d}T15:30:00Z`)); // 00:30 JST on d+1
    const [chan] = await channelsForPull([ch]);
    await runPulls([{ channel: chan!, days: eachDay(addDays(d, -1), addDays(d, 2)) }], { now: NOW });
    const rows = await q<{ post_id: string; day: string; impressions: number }>(
      sql`select post_id, day::text as day, impressions::int from post_metrics_daily where channel_id = ${ch} order by day`,
    );
    const lateRows = rows.filter((x) => x.post_id === late);
    const earlyRows = rows.filter((x) => x.post_id === early);
    expect(lateRows[0]!.day).toBe(d);
    expect(earlyRows[0]!.day).toBe(addDays(d, 1));
    expect(earlyRows.some((x) => x.day === d)).toBe(false);
    // Half an hour of its first day: a sliver of what the next day brings.
    expect(lateRows[0]!.impressions).toBeLessThan(lateRows[1]!.impressions);
    const totals = await q<{ post_id: string; first_day: string }>(sql`select post_id, first_day::text from analytics_post_totals where channel_id = ${ch}`);
    expect(Object.fromEntries(totals.map((t) => [t.post_id, t.first_day]))).toEqual({ [late]: d, [early]: addDays(d, 1) });

    // Inbox items: 23:30 JST counts on d, 00:30 JST on d+1 (mentions and sentiment).
    for (const [i, at, kind, sentiment] of [
      [1, `${d}T14:30:00Z`, "mention", "negative"],
      [2, `${d}T15:30:00Z`, "comment", "positive"],
    ] as const) {
      await db().execute(
        sql`insert into inbox_items (channel_id, platform, external_id, kind, thread_key, text, sentiment, received_at)
          values (${ch}, 'x', ${`tz-${i}`}, ${kind}, ${`t-${i}`}, 'text', ${sentiment}, ${at}::timestamptz)`,
      );
    }
    await runPulls([{ channel: chan!, days: [d, addDays(d, 1)] }], { now: NOW });
    const inbound = await q<{ day: string; mentions: number; negative: number; positive: number; inbound: number }>(
      sql`select day::text as day, mentions, negative, positive, inbound from analytics_channel_daily where channel_id = ${ch} and day in (${d}::date, ${addDays(d, 1)}::date) order by day`,
    );
    expect(inbound).toEqual([
      { day: d, mentions: 1, negative: 1, positive: 0, inbound: 1 },
      { day: addDays(d, 1), mentions: 0, negative: 0, positive: 1, inbound: 1 },
    ]);
    await expectRollupsMatchRaw();
  });

  it("the scheduled run pulls every active channel and is a no-op when repeated", async () => {
    const first = await pullDueMetrics(NOW);
    expect(first.failed).toBe(0);
    const before = await snapshot();
    const second = await pullDueMetrics(NOW);
    expect(second.changed).toBe(0);
    expect(await snapshot()).toBe(before);
  });
});

describe("Meta insights connector against the Graph stub", () => {
  let stub: MetaGraphStub;
  const PAGE = "1000111";
  const IG = "1780001";
  const PAGE2 = "1000222";
  beforeAll(async () => {
    stub = await startMetaGraphStub({ tokens: ["tok-insights"], pages: [PAGE, PAGE2], igUsers: [IG] });
    process.env.META_GRAPH_URL = stub.url;
    process.env.META_TOKEN_INSIGHTS = "tok-insights";
  });
  afterAll(async () => {
    delete process.env.META_GRAPH_URL;
    await stub.close();
  });

  async function metaChannel(platform: "facebook" | "instagram", account: string) {
    const brandId = (await createBrand(db())).id;
    const id = (await createChannel(db(), { brandId, platform, connector: "meta", externalAccountId: account })).id;
    await db().execute(sql`update channels set credentials_ref = 'env:META_TOKEN_INSIGHTS' where id = ${id}`);
    return { brandId, id };
  }

  async function graphPost(path: string, params: Record<string, string>) {
    const res = await fetch(`${stub.url}/${path}`, { method: "POST", headers: { authorization: "Bearer tok-insights" }, body: new URLSearchParams(params) });
    return (await res.json()) as { id: string; post_id?: string };
  }

  it("Facebook: page follows and post insights (likes/comments/shares by action type) land as the stub computes them", async () => {
    const { brandId, id } = await metaChannel("facebook", PAGE);
    const { id: fbPostId } = await graphPost(`${PAGE}/feed`, { message: "インサイト確認用の投稿" });
    const createdAt = new Date(stub.fbPosts(PAGE)[0]!.created_time.replace("+0000", "Z"));
    const postId = await publishedPost(brandId, [id], createdAt);
    await db().execute(sql`update publications set external_id = ${fbPostId} where target_id in (select id from post_targets where post_id = ${postId})`);
    const [chan] = await channelsForPull([id]);
    const day = tokyoDayOf(new Date());
    const res = await pullChannelDay(chan!, day);
    expect(res).toMatchObject({ postRows: 1 });
    const expected = sandboxPostDay({ key: fbPostId, platform: "facebook", publishedAt: createdAt, audience: sandboxFollowers(PAGE, tokyoDayOf(createdAt)) }, day)!;
    const [row] = await q<Record<string, number>>(
      sql`select impressions::int, reach::int, likes, comments, shares, saves, clicks, video_views from post_metrics_daily where post_id = ${postId}`,
    );
    expect(row).toEqual({ impressions: expected.impressions, reach: expected.reach, likes: expected.likes, comments: expected.comments, shares: expected.shares, saves: 0, clicks: expected.clicks, video_views: expected.videoViews });
    const [acct] = await q<{ followers: number }>(sql`select followers from channel_metrics_daily where channel_id = ${id} and day = ${day}::date`);
    expect(acct!.followers).toBe(sandboxFollowers(PAGE, day));
    expect(stub.calls.some((c) => c.startsWith(`GET /v23.0/${PAGE}/insights`))).toBe(true);
    expect(stub.calls.some((c) => c.startsWith(`GET /v23.0/${fbPostId}/insights`))).toBe(true);
    await expectRollupsMatchRaw();
  });

  it("Instagram: media insights and followers_count; an old backfilled day has no follower figure", async () => {
    const { brandId, id } = await metaChannel("instagram", IG);
    const { id: container } = await graphPost(`${IG}/media`, { image_url: "https://example.test/a.jpg", caption: "IG insights" });
    await fetch(`${stub.url}/${container}?fields=status_code`, { headers: { authorization: "Bearer tok-insights" } });
    const { id: mediaId } = await graphPost(`${IG}/media_publish`, { creation_id: container });
    const createdAt = new Date(stub.igMedia(IG)[0]!.timestamp.replace("+0000", "Z"));
    const postId = await publishedPost(brandId, [id], createdAt);
    await db().execute(sql`update publications set external_id = ${mediaId} where target_id in (select id from post_targets where post_id = ${postId})`);
    const [chan] = await channelsForPull([id]);
    const day = tokyoDayOf(new Date());
    await pullChannelDay(chan!, day);
    const expected = sandboxPostDay({ key: mediaId, platform: "instagram", publishedAt: createdAt, audience: sandboxFollowers(IG, tokyoDayOf(createdAt)), video: false }, day)!;
    const [row] = await q<Record<string, number>>(sql`select impressions::int, likes, saves from post_metrics_daily where post_id = ${postId}`);
    expect(row).toEqual({ impressions: expected.impressions, likes: expected.likes, saves: expected.saves });
    const [f] = await q<{ followers: number | null }>(sql`select followers from analytics_channel_daily where channel_id = ${id} and day = ${day}::date`);
    expect(f!.followers).toBe(sandboxFollowers(IG, day));
    const old = addDays(day, -10);
    await pullChannelDay(chan!, old);
    const [o] = await q<{ followers: number | null }>(sql`select followers from analytics_channel_daily where channel_id = ${id} and day = ${old}::date`);
    expect(o!.followers).toBeNull();
  });

  it("errors are classified: a bad token is a permanent auth failure, a rate limit is retryable; both leave the day a gap", async () => {
    const { id } = await metaChannel("facebook", PAGE2);
    const [chan] = await channelsForPull([id]);
    const day = addDays(tokyoDayOf(new Date()), -2);
    process.env.META_TOKEN_INSIGHTS = "wrong";
    expect(await pullChannelDay(chan!, day)).toMatchObject({ failed: "auth" });
    process.env.META_TOKEN_INSIGHTS = "tok-insights";
    stub.fault(new RegExp(`GET /v23.0/${PAGE2}/insights`), { kind: "error", status: 400, code: 4, message: "(#4) Application request limit reached" });
    expect(await pullChannelDay(chan!, day)).toMatchObject({ failed: "rate_limited" });
    expect(await missingDays(id, day, day)).toEqual([day]);
    expect(await pullChannelDay(chan!, day)).toMatchObject({ postRows: 0 });
    expect(await missingDays(id, day, day)).toEqual([]);
  });
});

describe("analytics reads: overview and trends", () => {
  let brandId: string;
  let chA: string;
  let chB: string;
  let bigPost: string;
  const from = addDays(TODAY, -14);
  const to = addDays(TODAY, -1);

  beforeAll(async () => {
    brandId = (await createBrand(db())).id;
    chA = (await createChannel(db(), { brandId, platform: "instagram" })).id;
    chB = (await createChannel(db(), { brandId, platform: "x" })).id;
    for (let i = 1; i <= 28; i += 3) await publishedPost(brandId, [chA, chB], new Date(NOW.getTime() - i * DAY - 5 * HOUR), `投稿 ${i}`);
    bigPost = await publishedPost(brandId, [chA], new Date(NOW.getTime() - 6 * DAY), "大きな投稿");
    const chans = await channelsForPull([chA, chB]);
    await runPulls(chans.map((channel) => ({ channel, days: eachDay(addDays(TODAY, -30), TODAY) })), { now: NOW });
    // Make one post clearly the biggest (the raw row changes; a re-pull would restore it).
    await db().execute(sql`update post_metrics_daily set likes = likes + 500000 where post_id = ${bigPost} and day = ${addDays(TODAY, -6)}::date`);
    await db().transaction((tx) => rebuildAnalyticsRollups(tx));
    await db().execute(
      sql`insert into crisis_states (scope, brand_id, reason, started_by_id, started_at, ended_at) values ('brand', ${brandId}, '理由', ${authorId}, ${new Date(NOW.getTime() - 9 * DAY).toISOString()}::timestamptz, ${new Date(NOW.getTime() - 7 * DAY).toISOString()}::timestamptz)`,
    );
  });

  it("overview totals and previous period equal SQL over the raw rows; followers from the account rows", async () => {
    const o = await overview(viewers.data_analyst, { from, to, brandId });
    const raw = async (f: string, t: string) => {
      const [r] = await q<{ i: string; e: string; r: string }>(
        sql`select coalesce(sum(m.impressions), 0) i, coalesce(sum(m.likes + m.comments + m.shares + m.saves), 0) e, coalesce(sum(m.reach), 0) r
          from post_metrics_daily m join channels c on c.id = m.channel_id where c.brand_id = ${brandId} and m.day between ${f}::date and ${t}::date`,
      );
      return { impressions: Number(r!.i), engagements: Number(r!.e), reach: Number(r!.r) };
    };
    expect(o.range).toEqual({ from, to, days: 14, previousFrom: addDays(from, -14), previousTo: addDays(from, -1) });
    expect(o.totals.current).toMatchObject(await raw(from, to));
    expect(o.totals.previous).toMatchObject(await raw(addDays(from, -14), addDays(from, -1)));
    expect(o.totals.current.impressions).toBeGreaterThan(0);
    const fol = async (day: string) => Number((await q<{ f: string }>(sql`select sum(followers) f from channel_metrics_daily where channel_id in (${chA}, ${chB}) and day = ${day}::date`))[0]!.f);
    expect(o.totals.current.followersEnd).toBe(await fol(to));
    expect(o.totals.current.followerGrowth).toBe((await fol(to)) - (await fol(addDays(from, -1))));
    expect(o.byChannel.map((c) => c.channelId).sort()).toEqual([chA, chB].sort());
    expect(o.byBrand).toHaveLength(1);
    expect(o.daily).toHaveLength(14);
    expect(o.previousDaily).toHaveLength(14);
    expect(o.daily.reduce((a, d) => a + d.impressions, 0)).toBe(o.totals.current.impressions);
    expect(o.coverage).toMatchObject({ channelDaysExpected: 28, channelDaysPulled: 28 });
    const rate = Math.round((o.totals.current.engagements / o.totals.current.impressions) * 1000) / 10;
    expect(o.totals.current.engagementRate).toBe(rate);
    // One channel only.
    const one = await overview(viewers.social_media_manager, { from, to, channelId: chB });
    expect(one.byChannel.map((c) => c.channelId)).toEqual([chB]);
    // Privacy: aggregates only.
    expect(JSON.stringify(o)).not.toMatch(/"text"|author/);
  });

  it("empty ranges and unknown ids", async () => {
    const empty = await overview(viewers.data_analyst, { from: "2020-01-01", to: "2020-01-31", brandId });
    expect(empty.totals.current.impressions).toBe(0);
    expect(empty.totals.current.engagementRate).toBeNull();
    expect(empty.daily.every((d) => !d.hasData)).toBe(true);
    await expect(overview(viewers.data_analyst, { from, to, channelId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(overview(viewers.data_analyst, { from, to, brandId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(trends(viewers.data_analyst, { from, to, channelIds: ["00000000-0000-4000-8000-000000000000"], metric: "reach" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const bad of [{ from: to, to: from }, { from: "2026-02-30", to }, { from: "2024-01-01", to: "2026-01-01" }, { from, to, brandId: "x" }]) {
      await expect(overview(viewers.data_analyst, bad as never)).rejects.toMatchObject({ code: "VALIDATION" });
    }
    await expect(trends(viewers.data_analyst, { from, to, channelIds: [chA], metric: "nope" as TrendMetric })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("trends: a value per channel and day from the rollup, crisis and big-post annotations", async () => {
    const t = await trends(viewers.data_analyst, { from, to, channelIds: [chA, chB], metric: "impressions" });
    expect(t.series).toHaveLength(2);
    for (const s of t.series) {
      expect(s.points.map((p) => p.day)).toEqual(eachDay(from, to));
      const raw = await q<{ day: string; v: string }>(
        sql`select day::text as day, sum(impressions) v from post_metrics_daily where channel_id = ${s.channelId} and day between ${from}::date and ${to}::date group by day`,
      );
      const byDay = new Map(raw.map((r) => [r.day, Number(r.v)]));
      for (const p of s.points) expect(p.value, `${s.channelId} ${p.day}`).toBe(byDay.get(p.day) ?? 0);
    }
    const crisis = t.annotations.filter((a) => a.kind === "crisis");
    expect(crisis).toHaveLength(1);
    expect(crisis[0]).toMatchObject({ scope: "brand", fromDay: tokyoDayOf(new Date(NOW.getTime() - 9 * DAY)), toDay: tokyoDayOf(new Date(NOW.getTime() - 7 * DAY)), ongoing: false });
    expect(JSON.stringify(crisis)).not.toContain("理由");
    const big = t.annotations.filter((a) => a.kind === "big_post");
    expect(big[0]).toMatchObject({ postId: bigPost, channelId: chA, title: "大きな投稿", day: tokyoDayOf(new Date(NOW.getTime() - 6 * DAY)) });

    const growth = await trends(viewers.data_analyst, { from, to, channelIds: [chA], metric: "followerGrowth" });
    const fol = async (day: string) => Number((await q<{ f: number }>(sql`select followers f from channel_metrics_daily where channel_id = ${chA} and day = ${day}::date`))[0]!.f);
    expect(growth.series[0]!.points[0]!.value).toBe((await fol(from)) - (await fol(addDays(from, -1))));
    const rate = await trends(viewers.data_analyst, { from, to, channelIds: [chA], metric: "engagementRate" });
    expect(rate.series[0]!.points.every((p) => p.value === null || p.value >= 0)).toBe(true);
    expect(rate.series[0]!.points.some((p) => p.value !== null && p.value > 0)).toBe(true);
    // Days never pulled are null, not zero.
    const future = await trends(viewers.data_analyst, { from: addDays(TODAY, 100), to: addDays(TODAY, 101), channelIds: [chA], metric: "reach" });
    expect(future.series[0]!.points.every((p) => p.value === null)).toBe(true);
  });

  it("per role: analyst and manager read; every other role and no role are FORBIDDEN; reads write no audit", async () => {
    const [{ n: auditBefore }] = (await q<{ n: number }>(sql`select count(*)::int n from audit_events`)) as [{ n: number }];
    for (const role of [...ROLES, "none"] as const) {
      const v = viewers[role];
      const allowed = role !== "none" && roleHas(role, "analytics.read");
      const o = overview(v, { from, to });
      const t = trends(v, { from, to, channelIds: [chA], metric: "reach" });
      if (allowed) {
        await expect(o, role).resolves.toBeTruthy();
        await expect(t, role).resolves.toBeTruthy();
      } else {
        await expect(o, role).rejects.toBeInstanceOf(AppError);
        await expect(overview(v, { from, to }), role).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(t, role).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
    expect(["data_analyst", "social_media_manager"].every((r) => roleHas(r as Role, "analytics.read"))).toBe(true);
    expect(ROLES.filter((r) => roleHas(r, "analytics.read")).sort()).toEqual(["data_analyst", "social_media_manager"]);
    const [{ n: auditAfter }] = (await q<{ n: number }>(sql`select count(*)::int n from audit_events`)) as [{ n: number }];
    expect(auditAfter).toBe(auditBefore);
  });
});

describe("demo seed through the pipeline", () => {
  it("seedAnalytics pulls every channel's missing days, then only today; rollups equal the raw rows", async () => {
    const { seedAnalytics } = await import("@/db/seed/analytics");
    const first = await seedAnalytics(db(), { now: NOW, days: 12 });
    expect(first.failed).toBe(0);
    expect(first.pulls).toBeGreaterThan(0);
    const channels = await channelsForPull();
    const second = await seedAnalytics(db(), { now: NOW, days: 12 });
    expect(second).toMatchObject({ failed: 0, pulls: channels.length });
    for (const c of channels) expect(await missingDays(c.id, addDays(TODAY, -12), TODAY)).toEqual([]);
    await expectRollupsMatchRaw();
  });
});

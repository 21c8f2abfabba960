/**
 * The analytics demo data against real PostgreSQL: the demo's history gives every default range a
 * previous period to compare with (posts, impressions, followers, mentions and sentiment), the
 * worker's pulls over seeded days store exactly what the seed stored (sandbox channels through the
 * sandbox model, Meta channels through the Meta connector and the local Graph stub primed with the
 * demo's posts), and mentions that arrive for an already-pulled day are counted by the next run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { seedOrganisation, CHANNEL_IDS, BRAND_IDS } from "@/db/seed/demo";
import { seedCalendar } from "@/db/seed/calendar";
import { HISTORY_DAYS, HISTORY_RUMOUR_DAYS_AGO, seedAnalyticsHistory } from "@/db/seed/analytics-history";
import { seedAnalytics } from "@/db/seed/analytics";
import { seedSandboxNetwork, DEMO_META_TOKEN_ENV } from "@/db/seed/sandbox";
import { channelsForPull } from "@/lib/dal/analytics-pipeline";
import { overview } from "@/lib/dal/analytics";
import { pullChannelDays, pullDueMetrics } from "@/lib/jobs/analytics";
import { addDays } from "@/lib/domain/analytics-filters";
import { tokyoDayOf } from "@/lib/domain/sandbox-metrics";
import { startMetaGraphStub, type MetaGraphStub } from "../../scripts/stubs/meta-graph";
import { existingForStub } from "../../scripts/lib/meta-stub";
import { viewersByRole } from "./helpers";
import type { Viewer } from "@/lib/dal/viewer";

const db = () => getDb();
/** The demo runs on the real clock (the Graph stub's follower total is "now"). */
const NOW = new Date();
const TODAY = tokyoDayOf(NOW);

async function q<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db().execute(query)) as unknown as T[];
}

/** Every rollup and raw metric row, as one string: equal strings = nothing changed. */
async function snapshot(): Promise<string> {
  const rows = await q(sql`select
    (select coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from (select channel_id, day, impressions, reach, likes, comments, shares, saves, clicks, video_views, engagements, posts, followers, inbound, mentions, positive, neutral, negative from analytics_channel_daily) t) a,
    (select coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from (select brand_id, day, impressions, reach, engagements, posts, followers, mentions, negative from analytics_brand_daily) t) b,
    (select coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from (select post_id, channel_id, day, impressions, reach, likes, comments, shares, saves, clicks, video_views from post_metrics_daily where day < ${TODAY}::date) t) p,
    (select coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from (select channel_id, day, followers, impressions, reach, engagements, mentions from channel_metrics_daily where day < ${TODAY}::date) t) c`);
  return JSON.stringify(rows);
}

let analyst: Viewer;
let seeded: { posts: number; inbox: number };

beforeAll(async () => {
  analyst = (await viewersByRole()).data_analyst;
  await seedOrganisation(db());
  await seedCalendar(db(), { now: NOW });
  seeded = await seedAnalyticsHistory(db(), { now: NOW });
  await seedSandboxNetwork(db());
  await seedAnalytics(db(), { now: NOW });
}, 120_000);

describe("the demo's analytics history", () => {
  it("seeds half a year of published posts and closed inbox items, once", async () => {
    expect(seeded.posts).toBeGreaterThan(250);
    expect(seeded.inbox).toBeGreaterThan(1000);
    expect(await seedAnalyticsHistory(db(), { now: NOW })).toEqual({ seeded: false, posts: 0, inbox: 0 });
    const [oldest] = await q<{ day: string }>(sql`select min(day)::text as day from post_metrics_daily`);
    expect(oldest!.day <= addDays(TODAY, -(HISTORY_DAYS - 2))).toBe(true);
  });

  it.each([28, 90])("the default %i-day range has a previous period to compare with", async (n) => {
    const to = addDays(TODAY, -1);
    const o = await overview(analyst, { from: addDays(to, -(n - 1)), to });
    const prev = o.totals.previous;
    expect(prev.impressions).toBeGreaterThan(0);
    expect(prev.postDays).toBeGreaterThan(0);
    expect(prev.followersEnd).not.toBeNull();
    expect(prev.mentions + prev.inbound).toBeGreaterThan(0);
    expect(prev.sentiment.positive + prev.sentiment.neutral + prev.sentiment.negative).toBeGreaterThan(0);
    expect(o.totals.change.impressions).not.toBeNull();
    expect(o.totals.change.followerGrowth).not.toBeNull();
    // Every day of both periods was pulled for every channel.
    expect(o.previousDaily.every((d) => d.hasData)).toBe(true);
    expect(o.daily.every((d) => d.hasData)).toBe(true);
    for (const b of o.byBrand) expect(b.previous.impressions).toBeGreaterThan(0);
  });

  it("follower counts move over time and the rumour day stands out in negative mentions", async () => {
    const f = await q<{ day: string; followers: number }>(
      sql`select day::text as day, followers from analytics_channel_daily where channel_id = ${CHANNEL_IDS.cafeX} and day in (${addDays(TODAY, -150)}::date, ${addDays(TODAY, -5)}::date) order by day`,
    );
    expect(f).toHaveLength(2);
    expect(f[0]!.followers).not.toBe(f[1]!.followers);
    const rumour = addDays(TODAY, -HISTORY_RUMOUR_DAYS_AGO);
    const [r] = await q<{ negative: number; typical: number }>(
      sql`select (select negative from analytics_channel_daily where channel_id = ${CHANNEL_IDS.foodsX} and day = ${rumour}::date) as negative,
        (select avg(negative)::float from analytics_channel_daily where channel_id = ${CHANNEL_IDS.foodsX} and day between ${addDays(rumour, -30)}::date and ${addDays(rumour, -2)}::date) as typical`,
    );
    expect(r!.negative).toBeGreaterThan(3 * r!.typical + 1);
    const [brand] = await q<{ n: number }>(sql`select count(*)::int n from analytics_brand_daily where brand_id = ${BRAND_IDS.foods} and day < ${addDays(TODAY, -90)}::date and impressions > 0`);
    expect(brand!.n).toBeGreaterThan(30);
  });
});

describe("the worker's pulls agree with the seed", () => {
  let stub: MetaGraphStub;
  beforeAll(async () => {
    const meta = await q<{ platform: string; id: string }>(sql`select platform::text, external_account_id as id from channels where connector = 'meta' and external_account_id is not null`);
    const published = await q<{ owner: string; id: string; published_at: string }>(sql`
      select c.external_account_id as owner, p.external_id as id, p.published_at from publications p
      join post_targets t on t.id = p.target_id join channels c on c.id = t.channel_id
      where c.connector = 'meta' and p.external_id is not null and p.published_at is not null and p.state in ('published', 'hidden')`);
    stub = await startMetaGraphStub({
      tokens: ["tok-demo"],
      pages: meta.filter((m) => m.platform === "facebook").map((m) => m.id),
      igUsers: meta.filter((m) => m.platform === "instagram").map((m) => m.id),
      existing: existingForStub(published),
    });
    process.env.META_GRAPH_URL = stub.url;
    process.env[DEMO_META_TOKEN_ENV] = "tok-demo";
  });
  afterAll(async () => {
    delete process.env.META_GRAPH_URL;
    delete process.env[DEMO_META_TOKEN_ENV];
    await stub.close();
  });

  it("re-pulling seeded days through each channel's own connector (Meta via the stub) changes nothing", async () => {
    const before = await snapshot();
    const channels = await channelsForPull();
    expect(channels.filter((c) => c.connector === "meta")).toHaveLength(3);
    const days = Array.from({ length: 40 }, (_, i) => addDays(TODAY, -40 + i));
    for (const channel of channels) {
      const results = await pullChannelDays(channel, days, { now: NOW });
      expect(results.filter((r) => "failed" in r)).toEqual([]);
      expect(results.filter((r) => "changed" in r && r.changed).map((r) => `${channel.platform}:${r.day}`)).toEqual([]);
    }
    expect(await snapshot()).toBe(before);
  }, 120_000);

  it("the scheduled run over the demo is idempotent, and counts mentions that arrive for a day already pulled", async () => {
    await pullDueMetrics(NOW);
    const before = await snapshot();
    const second = await pullDueMetrics(NOW);
    expect(second).toMatchObject({ failed: 0, inboundDays: 0 });
    expect(await snapshot()).toBe(before);

    const day = addDays(TODAY, -10);
    const [row] = await q<{ mentions: number; negative: number }>(sql`select mentions, negative from analytics_channel_daily where channel_id = ${CHANNEL_IDS.cafeX} and day = ${day}::date`);
    const [brandRow] = await q<{ mentions: number }>(sql`select mentions from analytics_brand_daily where brand_id = ${BRAND_IDS.cafe} and day = ${day}::date`);
    await db().execute(sql`insert into inbox_items (channel_id, brand_id, platform, external_id, kind, thread_key, author_external_id, text, sentiment, received_at)
      values (${CHANNEL_IDS.cafeX}, ${BRAND_IDS.cafe}, 'x', 'late-mention-1', 'mention', 'x:late', 'u-late', '遅れて届いたメンション', 'negative', ${new Date(Date.parse(`${day}T03:00:00Z`)).toISOString()}::timestamptz)`);
    const third = await pullDueMetrics(NOW);
    expect(third.inboundDays).toBe(1);
    const [after] = await q<{ mentions: number; negative: number }>(sql`select mentions, negative from analytics_channel_daily where channel_id = ${CHANNEL_IDS.cafeX} and day = ${day}::date`);
    expect(after).toEqual({ mentions: row!.mentions + 1, negative: row!.negative + 1 });
    const [brandAfter] = await q<{ mentions: number }>(sql`select mentions from analytics_brand_daily where brand_id = ${BRAND_IDS.cafe} and day = ${day}::date`);
    expect(brandAfter!.mentions).toBe(brandRow!.mentions + 1);
    expect((await pullDueMetrics(NOW)).inboundDays).toBe(0);
  });
});

import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import type { ChannelRef, ConnectorKind, Platform } from "@/lib/channels/types";
import type { InsightsOutcome, InsightsPost } from "@/lib/channels/insights/types";
import { POST_METRIC_DAYS } from "@/lib/domain/sandbox-metrics";

/*
 * The metrics pipeline's database side (called by the worker's jobs in lib/jobs/analytics.ts, by
 * the demo seed and by seed:large; system work, no viewer).
 *
 * A pull of one (channel, Tokyo day) is recorded in ONE transaction, serialised per channel by an
 * advisory lock:
 *   1. raw rows upserted (post_metrics_daily per post, channel_metrics_daily for the account);
 *   2. the channel×day rollup recomputed from the raw rows of that channel and day (an index
 *      range), plus mentions/sentiment counts of that day's inbox items;
 *   3. the brand×day rollup moved by the difference between the channel row before and after
 *      (a delta, so two channels of one brand pulled at once both land);
 *   4. the post×channel totals of the posts touched recomputed from their raw rows;
 *   5. the pull marked done in analytics_pulls (gaps are days without a done row).
 * Re-running a day writes the same values: nothing changes (idempotent).
 */

const DAY_MS = 86_400_000;
const TOKYO_OFFSET_MS = 9 * 3_600_000;
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - TOKYO_OFFSET_MS);

export type PullChannel = ChannelRef & { brandId: string; createdAt: Date };

const METRIC_COLS = ["impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "video_views"] as const;
const INBOUND_COLS = ["inbound", "mentions", "positive", "neutral", "negative"] as const;

/** Channels whose metrics are pulled (active ones), with what their connector needs. */
export async function channelsForPull(channelIds?: string[]): Promise<PullChannel[]> {
  const rows = await db.execute<{
    id: string;
    brand_id: string;
    platform: Platform;
    handle: string;
    connector: ConnectorKind;
    external_account_id: string | null;
    credentials_ref: string | null;
    created_at: Date | string;
  }>(
    sql`select id, brand_id, platform, handle, connector, external_account_id, credentials_ref, created_at from channels
      where status = 'active' ${channelIds ? sql`and id in ${inList(channelIds)}` : sql``} order by id`,
  );
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    platform: r.platform,
    handle: r.handle,
    connector: r.connector,
    externalAccountId: r.external_account_id,
    credentialsRef: r.credentials_ref,
    createdAt: new Date(r.created_at),
  }));
}

function inList(ids: string[]): SQL {
  if (!ids.length) return sql`(null)`;
  return sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** Posts published on the channel whose metric window (POST_METRIC_DAYS from the publish day) covers the day. */
export async function postsForPull(channelId: string, day: string, tx: Tx = db): Promise<InsightsPost[]> {
  return (await postsForDays(channelId, [day], tx)).get(day) ?? [];
}

/** postsForPull for several days at once (one query): day → posts. */
export async function postsForDays(channelId: string, days: string[], tx: Tx = db): Promise<Map<string, InsightsPost[]>> {
  const out = new Map<string, InsightsPost[]>(days.map((d) => [d, []]));
  if (!days.length) return out;
  const sorted = [...days].sort();
  const end = new Date(dayStart(sorted.at(-1)!).getTime() + DAY_MS);
  const earliest = new Date(dayStart(sorted[0]!).getTime() - (POST_METRIC_DAYS - 1) * DAY_MS);
  const rows = await tx.execute<{ post_id: string; external_id: string; published_at: Date | string }>(
    sql`select t.post_id, p.external_id, p.published_at
      from publications p join post_targets t on t.id = p.target_id
      where t.channel_id = ${channelId} and p.state in ('published', 'hidden') and p.external_id is not null
        and p.published_at < ${end.toISOString()}::timestamptz and p.published_at >= ${earliest.toISOString()}::timestamptz
      order by p.published_at, t.post_id`,
  );
  for (const day of sorted) {
    const start = dayStart(day).getTime();
    const from = start - (POST_METRIC_DAYS - 1) * DAY_MS;
    out.set(
      day,
      rows
        .map((r) => ({ postId: r.post_id, externalId: r.external_id, publishedAt: new Date(r.published_at) }))
        .filter((p) => p.publishedAt.getTime() < start + DAY_MS && p.publishedAt.getTime() >= from),
    );
  }
  return out;
}

/** Tokyo days in [from, to] with no successful pull for the channel (the gaps to backfill), oldest first. */
export async function missingDays(channelId: string, from: string, to: string): Promise<string[]> {
  if (from > to) return [];
  const rows = await db.execute<{ day: string }>(
    sql`select d::date::text as day from generate_series(${from}::date, ${to}::date, interval '1 day') d
      where not exists (select 1 from analytics_pulls p where p.channel_id = ${channelId} and p.day = d::date and p.status = 'done')
      order by d`,
  );
  return rows.map((r) => r.day);
}

/** Days in [from, to] with a successful pull of the channel → how many post rows that pull answered. */
export async function pulledDays(channelId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.execute<{ day: string; post_rows: number }>(
    sql`select day::text as day, post_rows from analytics_pulls where channel_id = ${channelId} and status = 'done' and day between ${from}::date and ${to}::date`,
  );
  return new Map(rows.map((r) => [r.day, Number(r.post_rows)]));
}

/** Records a failed attempt (keeps the day a gap, counts attempts). Never stores a token or a body. */
export async function recordPullFailure(channelId: string, day: string, code: string): Promise<void> {
  await db.execute(
    sql`insert into analytics_pulls (channel_id, day, status, attempts, error_code, pulled_at) values (${channelId}, ${day}::date, 'failed', 1, ${code.slice(0, 40)}, now())
      on conflict (channel_id, day) do update set attempts = analytics_pulls.attempts + 1, error_code = excluded.error_code, pulled_at = now(),
        status = case when analytics_pulls.status = 'done' then 'done' else 'failed' end`,
  );
}

export type PullRecord = { channelId: string; day: string; postRows: number; changed: boolean };
export type PullOk = Extract<InsightsOutcome, { kind: "ok" }>;

/** Stores a successful pull and keeps every rollup current, in one transaction (see the file comment). */
export async function recordPull(channel: { id: string; brandId: string }, day: string, outcome: PullOk): Promise<PullRecord> {
  const [r] = await recordPulls(channel, [{ day, outcome }]);
  return r!;
}

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const dayArray = (days: string[]) =>
  sql`array[${sql.join(
    days.map((d) => sql`${d}::date`),
    sql`, `,
  )}]`;

/**
 * Stores several days of one channel's pulls in ONE transaction, set-based (the hourly job's
 * backfill and the demo seed; recordPull is the one-day case of the same code).
 */
export async function recordPulls(channel: { id: string; brandId: string }, pulls: { day: string; outcome: PullOk }[]): Promise<PullRecord[]> {
  if (!pulls.length) return [];
  const days = [...new Set(pulls.map((p) => p.day))].sort();
  if (days.length !== pulls.length) throw new Error("recordPulls: one outcome per day");
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('analytics.pull'), hashtext(${channel.id}))`);
    const changedDays = new Set<string>();

    // 1. raw rows: post×day, and the account's day
    const rows = pulls.flatMap(({ day, outcome }) => outcome.posts.map((p) => ({ day, ...p })));
    for (const part of chunks(rows, 2000)) {
      const written = await tx.execute<{ day: string }>(
        sql`insert into post_metrics_daily (post_id, channel_id, day, impressions, reach, likes, comments, shares, saves, clicks, video_views)
          values ${sql.join(
            part.map((p) => sql`(${p.postId}::uuid, ${channel.id}::uuid, ${p.day}::date, ${p.impressions}, ${p.reach}, ${p.likes}, ${p.comments}, ${p.shares}, ${p.saves}, ${p.clicks}, ${p.videoViews})`),
            sql`, `,
          )}
          on conflict (post_id, channel_id, day) do update set
            impressions = excluded.impressions, reach = excluded.reach, likes = excluded.likes, comments = excluded.comments,
            shares = excluded.shares, saves = excluded.saves, clicks = excluded.clicks, video_views = excluded.video_views
          where (post_metrics_daily.impressions, post_metrics_daily.reach, post_metrics_daily.likes, post_metrics_daily.comments,
                 post_metrics_daily.shares, post_metrics_daily.saves, post_metrics_daily.clicks, post_metrics_daily.video_views)
            is distinct from (excluded.impressions, excluded.reach, excluded.likes, excluded.comments, excluded.shares, excluded.saves, excluded.clicks, excluded.video_views)
          returning day::text as day`,
      );
      for (const w of written) changedDays.add(w.day);
    }
    const inbound = await inboundCounts(tx, channel.id, days);
    const acct = await tx.execute<{ day: string }>(
      sql`insert into channel_metrics_daily (channel_id, day, followers, impressions, reach, engagements, mentions)
        values ${sql.join(
          pulls.map(({ day, outcome }) => {
            const eng = outcome.posts.reduce((a, p) => a + p.likes + p.comments + p.shares + p.saves, 0);
            return sql`(${channel.id}::uuid, ${day}::date, ${outcome.account.followers}::int, ${outcome.account.impressions}, ${outcome.account.reach}, ${eng}, ${inbound.get(day)?.mentions ?? 0})`;
          }),
          sql`, `,
        )}
        on conflict (channel_id, day) do update set
          followers = coalesce(excluded.followers, channel_metrics_daily.followers),
          impressions = excluded.impressions, reach = excluded.reach, engagements = excluded.engagements, mentions = excluded.mentions
        where (channel_metrics_daily.followers, channel_metrics_daily.impressions, channel_metrics_daily.reach, channel_metrics_daily.engagements, channel_metrics_daily.mentions)
          is distinct from (coalesce(excluded.followers, channel_metrics_daily.followers), excluded.impressions, excluded.reach, excluded.engagements, excluded.mentions)
        returning day::text as day`,
    );
    for (const a of acct) changedDays.add(a.day);

    // 2.–3. channel rows recomputed from raw; brand rows moved by the differences
    for (const d of await recomputeChannelDays(tx, channel, days, inbound)) changedDays.add(d);

    // 4. post totals of the posts touched
    const postIds = [...new Set(rows.map((r) => r.postId))];
    for (const part of chunks(postIds, 5000)) await recomputePostTotals(tx, channel.id, part);

    // 5. bookkeeping
    await tx.execute(
      sql`insert into analytics_pulls (channel_id, day, status, attempts, post_rows, error_code, pulled_at)
        values ${sql.join(
          pulls.map(({ day, outcome }) => sql`(${channel.id}::uuid, ${day}::date, 'done', 1, ${outcome.posts.length}, null, now())`),
          sql`, `,
        )}
        on conflict (channel_id, day) do update set status = 'done', attempts = analytics_pulls.attempts + 1, post_rows = excluded.post_rows, error_code = null, pulled_at = now()`,
    );
    return pulls.map(({ day, outcome }) => ({ channelId: channel.id, day, postRows: outcome.posts.length, changed: changedDays.has(day) }));
  });
}

/**
 * Brings the inbox counts (inbound, mentions, sentiment) of a channel's already-pulled days in
 * [from, to] up to date: inbox items can arrive for a day after it was pulled (a webhook late, an
 * import, the demo's history), and a pulled day is not pulled again. Only days that have a rollup
 * row and whose counts differ are rewritten (channel row recomputed, brand row moved by the
 * difference, raw mentions mirrored), in one transaction under the channel's pull lock; a second
 * run changes nothing. Returns the days it changed.
 */
export async function refreshInboundCounts(channel: { id: string; brandId: string }, from: string, to: string): Promise<string[]> {
  if (from > to) return [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('analytics.pull'), hashtext(${channel.id}))`);
    const inbound = await inboundCounts(tx, channel.id, [from, to]);
    const rows = await tx.execute<{ day: string } & Inbound>(
      sql`select day::text as day, ${sql.raw(INBOUND_COLS.join(", "))} from analytics_channel_daily
        where channel_id = ${channel.id} and day between ${from}::date and ${to}::date`,
    );
    const stale = rows
      .filter((r) => {
        const ib = inbound.get(r.day);
        return INBOUND_COLS.some((k) => Number(r[k]) !== (ib?.[k] ?? 0));
      })
      .map((r) => r.day);
    if (!stale.length) return [];
    await tx.execute(
      sql`update channel_metrics_daily m set mentions = v.mentions
        from (values ${sql.join(
          stale.map((d) => sql`(${d}::date, ${inbound.get(d)?.mentions ?? 0}::int)`),
          sql`, `,
        )}) as v(day, mentions)
        where m.channel_id = ${channel.id} and m.day = v.day and m.mentions is distinct from v.mentions`,
    );
    return recomputeChannelDays(tx, channel, stale.sort(), inbound);
  });
}

type Inbound = Record<(typeof INBOUND_COLS)[number], number>;

/**
 * Counts of each Tokyo day's inbox items on the channel: all inbound, mentions, and by sentiment.
 * Counts only (no text, no author). Tolerant: the inbox is evolving; if its table cannot be read
 * the counts are zero and the pull still lands (inside a savepoint, so the transaction survives).
 */
async function inboundCounts(tx: Tx, channelId: string, days: string[]): Promise<Map<string, Inbound>> {
  const from = dayStart(days[0]!);
  const to = new Date(dayStart(days.at(-1)!).getTime() + DAY_MS);
  try {
    return await (tx as typeof db).transaction(async (sp) => {
      const rows = await sp.execute<Inbound & { day: string }>(
        sql`select (received_at at time zone 'Asia/Tokyo')::date::text as day, count(*)::int as inbound, count(*) filter (where kind = 'mention')::int as mentions,
            count(*) filter (where sentiment = 'positive')::int as positive, count(*) filter (where sentiment = 'neutral')::int as neutral,
            count(*) filter (where sentiment = 'negative')::int as negative
          from inbox_items where channel_id = ${channelId} and received_at >= ${from.toISOString()}::timestamptz and received_at < ${to.toISOString()}::timestamptz
          group by 1`,
      );
      return new Map(rows.map((r) => [r.day, { inbound: r.inbound, mentions: r.mentions, positive: r.positive, neutral: r.neutral, negative: r.negative }]));
    });
  } catch {
    return new Map();
  }
}

const ROLLUP_KEYS = [...METRIC_COLS, "engagements", "posts", ...INBOUND_COLS] as const;
type RollupKey = (typeof ROLLUP_KEYS)[number];
type ChannelDayRow = Record<RollupKey, number> & { followers: number | null };

/** Recomputes the channel×day rows of `days` from the raw rows; moves the brand rows by the differences. Returns the days that changed. */
async function recomputeChannelDays(tx: Tx, channel: { id: string; brandId: string }, days: string[], inbound: Map<string, Inbound>): Promise<string[]> {
  const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  const oldRows = await tx.execute<Record<string, unknown>>(
    sql`select day::text as day, ${sql.raw([...ROLLUP_KEYS, "followers"].join(", "))} from analytics_channel_daily
      where channel_id = ${channel.id} and day = any(${dayArray(days)}) for update`,
  );
  const oldBy = new Map(oldRows.map((r) => [String(r.day), r]));
  const sums = await tx.execute<Record<string, unknown>>(
    sql`select d.day::text as day, s.*, a.followers as account_followers
      from unnest(${dayArray(days)}) as d(day)
      left join lateral (
        select ${sql.raw(METRIC_COLS.map((c) => `coalesce(sum(${c}), 0)::bigint as ${c}`).join(", "))}, count(*)::int as posts
        from post_metrics_daily m where m.channel_id = ${channel.id} and m.day = d.day) s on true
      left join channel_metrics_daily a on a.channel_id = ${channel.id} and a.day = d.day`,
  );
  const changed: { day: string; next: ChannelDayRow; delta: Record<RollupKey | "followers", number> }[] = [];
  for (const r of sums) {
    const day = String(r.day);
    const old = oldBy.get(day);
    const ib = inbound.get(day) ?? { inbound: 0, mentions: 0, positive: 0, neutral: 0, negative: 0 };
    const next: ChannelDayRow = {
      impressions: num(r.impressions),
      reach: num(r.reach),
      likes: num(r.likes),
      comments: num(r.comments),
      shares: num(r.shares),
      saves: num(r.saves),
      clicks: num(r.clicks),
      video_views: num(r.video_views),
      engagements: num(r.likes) + num(r.comments) + num(r.shares) + num(r.saves),
      posts: num(r.posts),
      followers: r.account_followers === null || r.account_followers === undefined ? null : Number(r.account_followers),
      ...ib,
    };
    const oldFollowers = old?.followers === null || old?.followers === undefined ? null : Number(old.followers);
    if (old && ROLLUP_KEYS.every((k) => num(old[k]) === next[k]) && oldFollowers === next.followers) continue;
    const delta = Object.fromEntries(ROLLUP_KEYS.map((k) => [k, next[k] - num(old?.[k])])) as Record<RollupKey | "followers", number>;
    delta.followers = (next.followers ?? 0) - (oldFollowers ?? 0);
    changed.push({ day, next, delta });
  }
  if (!changed.length) return [];
  const cols = [...ROLLUP_KEYS, "followers"] as const;
  await tx.execute(
    sql`insert into analytics_channel_daily (channel_id, day, brand_id, ${sql.raw(cols.join(", "))}, updated_at)
      values ${sql.join(
        changed.map(
          (c) =>
            sql`(${channel.id}::uuid, ${c.day}::date, ${channel.brandId}::uuid, ${sql.join(
              cols.map((k) => sql`${c.next[k]}`),
              sql`, `,
            )}, now())`,
        ),
        sql`, `,
      )}
      on conflict (channel_id, day) do update set ${sql.raw(cols.map((c) => `${c} = excluded.${c}`).join(", "))}, updated_at = now()`,
  );
  await tx.execute(
    sql`insert into analytics_brand_daily (brand_id, day, ${sql.raw(cols.join(", "))}, updated_at)
      values ${sql.join(
        changed.map(
          (c) =>
            sql`(${channel.brandId}::uuid, ${c.day}::date, ${sql.join(
              cols.map((k) => sql`${c.delta[k]}`),
              sql`, `,
            )}, now())`,
        ),
        sql`, `,
      )}
      on conflict (brand_id, day) do update set ${sql.raw(cols.map((c) => `${c} = analytics_brand_daily.${c} + excluded.${c}`).join(", "))}, updated_at = now()`,
  );
  return changed.map((c) => c.day);
}

const SUM_SELECT = `${METRIC_COLS.map((c) => `sum(${c})::bigint as ${c}`).join(", ")}, sum(likes + comments + shares + saves)::bigint as engagements`;
const SUM_COLS = [...METRIC_COLS, "engagements"];

async function recomputePostTotals(tx: Tx, channelId: string, postIds: string[]): Promise<void> {
  await tx.execute(
    sql`insert into analytics_post_totals (post_id, channel_id, brand_id, first_day, last_day, days, ${sql.raw(SUM_COLS.join(", "))}, updated_at)
      select m.post_id, m.channel_id, p.brand_id, min(m.day), max(m.day), count(*)::int, ${sql.raw(SUM_SELECT.replace(/sum\((\w+)/g, "sum(m.$1").replace(/\+ (\w+)/g, "+ m.$1"))}, now()
      from post_metrics_daily m join posts p on p.id = m.post_id
      where m.channel_id = ${channelId} and m.post_id in ${inList(postIds)}
      group by m.post_id, m.channel_id, p.brand_id
      on conflict (post_id, channel_id) do update set
        first_day = excluded.first_day, last_day = excluded.last_day, days = excluded.days,
        ${sql.raw(SUM_COLS.map((c) => `${c} = excluded.${c}`).join(", "))}, updated_at = now()
      where (analytics_post_totals.first_day, analytics_post_totals.last_day, analytics_post_totals.days, ${sql.raw(SUM_COLS.map((c) => `analytics_post_totals.${c}`).join(", "))})
        is distinct from (excluded.first_day, excluded.last_day, excluded.days, ${sql.raw(SUM_COLS.map((c) => `excluded.${c}`).join(", "))})`,
  );
}

/**
 * Rebuilds every rollup from the raw rows, set-based (seed:large, repairs). Whole tables: the
 * channel×day rows from post_metrics_daily + channel_metrics_daily + inbox counts, brand×day from
 * those, post totals from post_metrics_daily. Pulled days are recorded as done.
 */
export async function rebuildAnalyticsRollups(tx: Tx = db): Promise<{ channelDays: number; brandDays: number; postTotals: number }> {
  // Hash aggregates over millions of rows: enough memory not to spill (this transaction only).
  await tx.execute(sql`set local work_mem = '256MB'`);
  await tx.execute(sql`truncate analytics_channel_daily, analytics_brand_daily, analytics_post_totals`);
  const [cd] = await tx.execute<{ n: number }>(sql`with raw as (
        select channel_id, day, ${sql.raw(SUM_SELECT)}, count(*)::int as posts from post_metrics_daily group by channel_id, day
      ), inbound as (
        select channel_id, (received_at at time zone 'Asia/Tokyo')::date as day, count(*)::int as inbound,
          count(*) filter (where kind = 'mention')::int as mentions, count(*) filter (where sentiment = 'positive')::int as positive,
          count(*) filter (where sentiment = 'neutral')::int as neutral, count(*) filter (where sentiment = 'negative')::int as negative
        from inbox_items group by 1, 2
      ), keys as (
        select channel_id, day from raw union select channel_id, day from channel_metrics_daily
      ), ins as (
        insert into analytics_channel_daily (channel_id, day, brand_id, ${sql.raw(SUM_COLS.join(", "))}, posts, followers, inbound, mentions, positive, neutral, negative)
        select k.channel_id, k.day, c.brand_id, ${sql.raw(SUM_COLS.map((col) => `coalesce(r.${col}, 0)`).join(", "))}, coalesce(r.posts, 0), a.followers,
          coalesce(i.inbound, 0), coalesce(i.mentions, 0), coalesce(i.positive, 0), coalesce(i.neutral, 0), coalesce(i.negative, 0)
        from keys k join channels c on c.id = k.channel_id
        left join raw r on r.channel_id = k.channel_id and r.day = k.day
        left join channel_metrics_daily a on a.channel_id = k.channel_id and a.day = k.day
        left join inbound i on i.channel_id = k.channel_id and i.day = k.day
        returning 1
      ) select count(*)::int as n from ins`);
  const [bd] = await tx.execute<{ n: number }>(sql`with ins as (
        insert into analytics_brand_daily (brand_id, day, ${sql.raw(SUM_COLS.join(", "))}, posts, followers, inbound, mentions, positive, neutral, negative)
        select brand_id, day, ${sql.raw(SUM_COLS.map((c) => `sum(${c})`).join(", "))}, sum(posts), coalesce(sum(followers), 0), sum(inbound), sum(mentions), sum(positive), sum(neutral), sum(negative)
        from analytics_channel_daily group by brand_id, day
        returning 1
      ) select count(*)::int as n from ins`);
  const [pt] = await tx.execute<{ n: number }>(sql`with ins as (
        insert into analytics_post_totals (post_id, channel_id, brand_id, first_day, last_day, days, ${sql.raw(SUM_COLS.join(", "))})
        select t.post_id, t.channel_id, p.brand_id, t.first_day, t.last_day, t.days, ${sql.raw(SUM_COLS.map((c) => `t.${c}`).join(", "))}
        from (select post_id, channel_id, min(day) as first_day, max(day) as last_day, count(*)::int as days, ${sql.raw(SUM_SELECT)}
              from post_metrics_daily group by post_id, channel_id) t
        join posts p on p.id = t.post_id
        returning 1
      ) select count(*)::int as n from ins`);
  await tx.execute(sql`insert into analytics_pulls (channel_id, day, status, attempts, post_rows)
      select channel_id, day, 'done', 1, posts from analytics_channel_daily
      on conflict (channel_id, day) do nothing`);
  return { channelDays: cd?.n ?? 0, brandDays: bd?.n ?? 0, postTotals: pt?.n ?? 0 };
}

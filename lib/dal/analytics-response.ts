import "server-only";
import { and, asc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { brands, channels, inboxItems, replies, users } from "@/db/schema";
import { addDays, tokyoDayStart, type AnalyticsFilter } from "@/lib/domain/analytics-filters";
import { authorize, type Viewer } from "./viewer";

/*
 * Response performance of the moderation desk, from the inbox: aggregates only. No query here
 * selects a message's text, its author's handle, name or id, or anything of a DM but its count —
 * the analyst sees how fast and how well the team answers, never what people wrote.
 *
 * Definitions (shared with the CSV export and the weekly report):
 * - An item belongs to the period by when it was received (Tokyo days).
 * - First-response time: first_response_at − received_at, in minutes, over items answered.
 * - SLA attainment: items with an SLA due time that were answered by it ÷ those that were either
 *   answered or are past due. Items still within their SLA and unanswered are "pending", not counted.
 * - Agent: the author of the item's earliest sent reply; else its assignee; else "unassigned".
 */

type Platform = (typeof channels.$inferSelect)["platform"];
type Sentiment = (typeof inboxItems.$inferSelect)["sentiment"];
export const SENTIMENTS = ["positive", "neutral", "negative"] as const satisfies readonly Sentiment[];

export type ResponseStats = {
  items: number;
  answered: number;
  /** Minutes, one decimal; null when nothing was answered. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  slaMet: number;
  slaMissed: number;
  slaPending: number;
  /** Percent, one decimal; null when no item has an SLA outcome yet. */
  slaAttainment: number | null;
};

export type ResponsePerformance = {
  generatedAt: Date;
  current: ResponseStats;
  previous: ResponseStats;
  byChannel: ({ channelId: string; platform: Platform; channelName: string; brandName: string } & ResponseStats)[];
  byAgent: ({ agentId: string | null; agentName: string | null } & ResponseStats)[];
  bySentiment: { sentiment: Sentiment; current: number; previous: number }[];
  /** Items received per Tokyo day and sentiment (current period). */
  dailyBySentiment: { day: string; positive: number; neutral: number; negative: number }[];
};

const ii = inboxItems;
const minutesSql = sql`extract(epoch from (${ii.firstResponseAt} - ${ii.receivedAt})) / 60.0`;

function statsColumns(now: Date) {
  // An ISO string cast in SQL: a Date bound into raw SQL trips postgres.js's prepared-statement reuse.
  const at = sql`${now.toISOString()}::timestamptz`;
  const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return {
    items: sql<number>`count(*)::int`.mapWith(Number),
    answered: sql<number>`count(${ii.firstResponseAt})::int`.mapWith(Number),
    medianMinutes: sql<number | null>`percentile_cont(0.5) within group (order by ${minutesSql}) filter (where ${ii.firstResponseAt} is not null)`.mapWith(num),
    p90Minutes: sql<number | null>`percentile_cont(0.9) within group (order by ${minutesSql}) filter (where ${ii.firstResponseAt} is not null)`.mapWith(num),
    slaMet: sql<number>`count(*) filter (where ${ii.slaDueAt} is not null and ${ii.firstResponseAt} is not null and ${ii.firstResponseAt} <= ${ii.slaDueAt})::int`.mapWith(Number),
    slaMissed: sql<number>`count(*) filter (where ${ii.slaDueAt} is not null and ((${ii.firstResponseAt} is not null and ${ii.firstResponseAt} > ${ii.slaDueAt}) or (${ii.firstResponseAt} is null and ${ii.slaDueAt} < ${at})))::int`.mapWith(Number),
    slaPending: sql<number>`count(*) filter (where ${ii.slaDueAt} is not null and ${ii.firstResponseAt} is null and ${ii.slaDueAt} >= ${at})::int`.mapWith(Number),
  };
}

function withAttainment<T extends Omit<ResponseStats, "slaAttainment">>(r: T): T & { slaAttainment: number | null } {
  const base = r.slaMet + r.slaMissed;
  return { ...r, slaAttainment: base ? Math.round((r.slaMet / base) * 1000) / 10 : null };
}

function periodWhere(from: string, to: string, filter: AnalyticsFilter): SQL {
  return and(
    gte(ii.receivedAt, tokyoDayStart(from)),
    lt(ii.receivedAt, tokyoDayStart(addDays(to, 1))),
    filter.brandId ? eq(channels.brandId, filter.brandId) : undefined,
    filter.channelId ? eq(ii.channelId, filter.channelId) : undefined,
  )!;
}

const EMPTY: Omit<ResponseStats, "slaAttainment"> = { items: 0, answered: 0, medianMinutes: null, p90Minutes: null, slaMet: 0, slaMissed: 0, slaPending: 0 };

/** The agent behind an item's first answer (a staff member, never the customer). */
const agentSql = sql<string | null>`coalesce((select ${replies.authorId} from ${replies} where ${replies.inboxItemId} = ${ii.id} and ${replies.state} = 'sent' order by ${replies.sentAt} asc nulls last limit 1), ${ii.assigneeId})`;

/** analytics.read — response-time and SLA aggregates for the filter's period and its comparison period. */
export async function getResponsePerformance(viewer: Viewer, filter: AnalyticsFilter, now: Date = new Date()): Promise<ResponsePerformance> {
  authorize(viewer, "analytics.read");
  const cols = statsColumns(now);
  const cur = periodWhere(filter.from, filter.to, filter);
  const prev = periodWhere(filter.prevFrom, filter.prevTo, filter);

  const [curRows, prevRows, channelRows, agentRows, sentimentRows, dailyRows] = await Promise.all([
    db.select(cols).from(ii).innerJoin(channels, eq(channels.id, ii.channelId)).where(cur),
    db.select(cols).from(ii).innerJoin(channels, eq(channels.id, ii.channelId)).where(prev),
    db
      .select({ channelId: channels.id, platform: channels.platform, channelName: channels.displayName, brandName: brands.name, ...cols })
      .from(ii)
      .innerJoin(channels, eq(channels.id, ii.channelId))
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .where(cur)
      .groupBy(channels.id, brands.id)
      .orderBy(asc(brands.createdAt), asc(channels.platform), asc(channels.displayName)),
    (async () => {
      const sub = db
        .select({ agentId: agentSql.as("agent_id"), firstResponseAt: ii.firstResponseAt, receivedAt: ii.receivedAt, slaDueAt: ii.slaDueAt })
        .from(ii)
        .innerJoin(channels, eq(channels.id, ii.channelId))
        .where(cur)
        .as("a");
      const m = sql`extract(epoch from (${sub.firstResponseAt} - ${sub.receivedAt})) / 60.0`;
      const at = sql`${now.toISOString()}::timestamptz`;
      const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
      return db
        .select({
          agentId: sub.agentId,
          agentName: users.name,
          items: sql<number>`count(*)::int`.mapWith(Number),
          answered: sql<number>`count(${sub.firstResponseAt})::int`.mapWith(Number),
          medianMinutes: sql<number | null>`percentile_cont(0.5) within group (order by ${m}) filter (where ${sub.firstResponseAt} is not null)`.mapWith(num),
          p90Minutes: sql<number | null>`percentile_cont(0.9) within group (order by ${m}) filter (where ${sub.firstResponseAt} is not null)`.mapWith(num),
          slaMet: sql<number>`count(*) filter (where ${sub.slaDueAt} is not null and ${sub.firstResponseAt} is not null and ${sub.firstResponseAt} <= ${sub.slaDueAt})::int`.mapWith(Number),
          slaMissed: sql<number>`count(*) filter (where ${sub.slaDueAt} is not null and ((${sub.firstResponseAt} is not null and ${sub.firstResponseAt} > ${sub.slaDueAt}) or (${sub.firstResponseAt} is null and ${sub.slaDueAt} < ${at})))::int`.mapWith(Number),
          slaPending: sql<number>`count(*) filter (where ${sub.slaDueAt} is not null and ${sub.firstResponseAt} is null and ${sub.slaDueAt} >= ${at})::int`.mapWith(Number),
        })
        .from(sub)
        .leftJoin(users, eq(users.id, sub.agentId))
        .groupBy(sub.agentId, users.name)
        .orderBy(sql`count(*) desc`, asc(users.name));
    })(),
    db
      .select({
        sentiment: ii.sentiment,
        current: sql<number>`count(*) filter (where ${cur})::int`.mapWith(Number),
        previous: sql<number>`count(*) filter (where ${prev})::int`.mapWith(Number),
      })
      .from(ii)
      .innerJoin(channels, eq(channels.id, ii.channelId))
      .where(and(gte(ii.receivedAt, tokyoDayStart(filter.prevFrom)), lt(ii.receivedAt, tokyoDayStart(addDays(filter.to, 1)))))
      .groupBy(ii.sentiment),
    db
      .select({
        day: sql<string>`to_char(${ii.receivedAt} at time zone 'Asia/Tokyo', 'YYYY-MM-DD')`,
        positive: sql<number>`count(*) filter (where ${ii.sentiment} = 'positive')::int`.mapWith(Number),
        neutral: sql<number>`count(*) filter (where ${ii.sentiment} = 'neutral')::int`.mapWith(Number),
        negative: sql<number>`count(*) filter (where ${ii.sentiment} = 'negative')::int`.mapWith(Number),
      })
      .from(ii)
      .innerJoin(channels, eq(channels.id, ii.channelId))
      .where(cur)
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  ]);

  const sentimentOf = new Map(sentimentRows.map((r) => [r.sentiment, r]));
  return {
    generatedAt: now,
    current: withAttainment(curRows[0] ?? EMPTY),
    previous: withAttainment(prevRows[0] ?? EMPTY),
    byChannel: channelRows.map(withAttainment),
    byAgent: agentRows.map(withAttainment),
    bySentiment: SENTIMENTS.map((s) => ({ sentiment: s, current: sentimentOf.get(s)?.current ?? 0, previous: sentimentOf.get(s)?.previous ?? 0 })),
    dailyBySentiment: dailyRows,
  };
}

import "server-only";
import { z } from "zod";
import { db } from "@/db";
import { AppError } from "@/lib/errors";
import type { AnalyticsFilter } from "@/lib/domain/analytics-filters";
import { CSV_BOM, csvRow, formatLocalTimestamp, safeTimeZone } from "./admin-csv";
import { overview, trends, TREND_METRICS, type AnalyticsComparison } from "./analytics";
import { countPostPerformance, getPostPerformance, POST_SORTS, postPerformanceBatches } from "./analytics-posts";
import { getResponsePerformance, type ResponseStats } from "./analytics-response";
import { getPaidPerformance, type PaidTotals } from "./analytics-paid";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * CSV export of every table in the analytics workspace (analytics.export). Each table's rows are
 * built from the same DAL read the page renders, so a download holds exactly the rows on screen
 * (every page of the post table). RFC 4180 with a BOM; cells that a spreadsheet would run as a
 * formula (= + - @ TAB CR at the start) get a leading ' (csvCell). Streamed in chunks; the row
 * count is known before the first byte so the browser can show progress. Each export is audited.
 */

export const EXPORT_TABLES = [
  "overview-brands",
  "overview-channels",
  "overview-daily",
  "trends",
  "posts",
  "post-daily",
  "response-channels",
  "response-agents",
  "response-sentiment",
  "paid-campaigns",
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const exportSpecSchema = z.object({
  table: z.enum(EXPORT_TABLES),
  metric: z.enum(TREND_METRICS).catch("impressions"),
  post: z.uuid().optional(),
  sort: z.enum(POST_SORTS).catch("engagements"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type ExportSpec = z.infer<typeof exportSpecSchema>;

export type CsvTable = { columns: readonly string[]; rowCount: number; rows: AsyncGenerator<unknown[][]> };

async function* once(rows: unknown[][]): AsyncGenerator<unknown[][]> {
  if (rows.length) yield rows;
}

const COMPARISON_COLUMNS = [
  "impressions",
  "impressions_previous",
  "reach",
  "reach_previous",
  "engagements",
  "engagements_previous",
  "engagement_rate_pct",
  "engagement_rate_pct_previous",
  "follower_growth",
  "follower_growth_previous",
  "followers_end",
  "mentions",
  "mentions_previous",
  "inbound_positive",
  "inbound_neutral",
  "inbound_negative",
] as const;

function comparisonCells(c: AnalyticsComparison): unknown[] {
  const { current: a, previous: b } = c;
  return [
    a.impressions,
    b.impressions,
    a.reach,
    b.reach,
    a.engagements,
    b.engagements,
    a.engagementRate,
    b.engagementRate,
    a.followerGrowth,
    b.followerGrowth,
    a.followersEnd,
    a.mentions,
    b.mentions,
    a.sentiment.positive,
    a.sentiment.neutral,
    a.sentiment.negative,
  ];
}

const RESPONSE_COLUMNS = ["items", "answered", "first_response_median_min", "first_response_p90_min", "sla_met", "sla_missed", "sla_pending", "sla_attainment_pct"] as const;
const responseCells = (s: ResponseStats) => [s.items, s.answered, s.medianMinutes, s.p90Minutes, s.slaMet, s.slaMissed, s.slaPending, s.slaAttainment];

const PAID_COLUMNS = ["spend_jpy", "impressions", "clicks", "conversions", "revenue_jpy", "ctr_pct", "cpc_jpy", "cpa_jpy", "roas_pct"] as const;
const paidCells = (p: PaidTotals) => [p.spendJpy, p.impressions, p.clicks, p.conversions, p.revenueJpy, p.ctr, p.cpcJpy, p.cpaJpy, p.roas];

/** The rows of one table as the page shows them (internal: callers have authorized). */
export async function analyticsTable(viewer: Viewer, filter: AnalyticsFilter, spec: ExportSpec): Promise<CsvTable> {
  const tz = safeTimeZone(viewer.timeZone);
  const range = { from: filter.from, to: filter.to, brandId: filter.brandId, channelId: filter.channelId };
  switch (spec.table) {
    case "overview-brands": {
      const o = await overview(viewer, range);
      const rows = o.byBrand.map((b) => [b.brandName, ...comparisonCells(b)]);
      return { columns: ["brand", ...COMPARISON_COLUMNS], rowCount: rows.length, rows: once(rows) };
    }
    case "overview-channels": {
      const o = await overview(viewer, range);
      const rows = o.byChannel.map((c) => [c.brandName, c.platform, c.channelName, ...comparisonCells(c)]);
      return { columns: ["brand", "platform", "channel", ...COMPARISON_COLUMNS], rowCount: rows.length, rows: once(rows) };
    }
    case "overview-daily": {
      const o = await overview(viewer, range);
      const rows = o.daily.map((d, i) => [
        d.day,
        d.hasData ? d.impressions : null,
        d.hasData ? d.reach : null,
        d.hasData ? d.engagements : null,
        d.engagementRate,
        d.followers,
        d.hasData ? d.mentions : null,
        o.previousDaily[i]?.day ?? null,
        o.previousDaily[i]?.hasData ? o.previousDaily[i]!.impressions : null,
      ]);
      return {
        columns: ["day", "impressions", "reach", "engagements", "engagement_rate_pct", "followers", "mentions", "previous_day", "previous_impressions"],
        rowCount: rows.length,
        rows: once(rows),
      };
    }
    case "trends": {
      const t = await trends(viewer, { from: filter.from, to: filter.to, channelIds: filter.channelId ? [filter.channelId] : [], metric: spec.metric });
      const series = filter.brandId ? t.series.filter((s) => s.brandId === filter.brandId) : t.series;
      const rows = series.flatMap((s) => s.points.map((p) => [p.day, s.brandName, s.platform, s.channelName, spec.metric, p.value]));
      return { columns: ["day", "brand", "platform", "channel", "metric", "value"], rowCount: rows.length, rows: once(rows) };
    }
    case "posts": {
      const total = await countPostPerformance(filter);
      async function* gen(): AsyncGenerator<unknown[][]> {
        for await (const batch of postPerformanceBatches(filter, { sort: spec.sort, dir: spec.dir })) {
          yield batch.map((r) => [
            r.postId,
            r.title,
            r.brandName,
            r.platform,
            r.channelName,
            r.firstDay,
            r.publishedAt ? formatLocalTimestamp(r.publishedAt, tz) : null,
            r.externalUrl,
            r.impressions,
            r.reach,
            r.likes,
            r.comments,
            r.shares,
            r.saves,
            r.engagements,
            r.engagementRate,
            r.clicks,
            r.videoViews,
          ]);
        }
      }
      return {
        columns: ["post_id", "title", "brand", "platform", "channel", "first_day", "published_at_local", "url", "impressions", "reach", "likes", "comments", "shares", "saves", "engagements", "engagement_rate_pct", "clicks", "video_views"],
        rowCount: total,
        rows: gen(),
      };
    }
    case "post-daily": {
      if (!spec.post) throw new AppError("VALIDATION", undefined, { post: ["required"] });
      const p = await getPostPerformance(viewer, spec.post);
      const name = new Map(p.channels.map((c) => [c.channelId, c]));
      const rows = p.daily.map((d) => [d.day, name.get(d.channelId)?.platform ?? null, name.get(d.channelId)?.channelName ?? null, d.impressions, d.reach, d.engagements, d.clicks, d.videoViews]);
      return { columns: ["day", "platform", "channel", "impressions", "reach", "engagements", "clicks", "video_views"], rowCount: rows.length, rows: once(rows) };
    }
    case "response-channels": {
      const r = await getResponsePerformance(viewer, filter);
      const rows = r.byChannel.map((c) => [c.brandName, c.platform, c.channelName, ...responseCells(c)]);
      return { columns: ["brand", "platform", "channel", ...RESPONSE_COLUMNS], rowCount: rows.length, rows: once(rows) };
    }
    case "response-agents": {
      const r = await getResponsePerformance(viewer, filter);
      const rows = r.byAgent.map((a) => [a.agentName ?? (a.agentId ? null : "(unassigned)"), ...responseCells(a)]);
      return { columns: ["agent", ...RESPONSE_COLUMNS], rowCount: rows.length, rows: once(rows) };
    }
    case "response-sentiment": {
      const r = await getResponsePerformance(viewer, filter);
      const rows = r.bySentiment.map((s) => [s.sentiment, s.current, s.previous]);
      return { columns: ["sentiment", "items", "items_previous"], rowCount: rows.length, rows: once(rows) };
    }
    case "paid-campaigns": {
      const p = await getPaidPerformance(viewer, filter);
      const rows = p.campaigns.map((c) => [c.name, c.brandName, c.platform, c.channelName, c.objective, c.status, ...paidCells(c)]);
      return { columns: ["campaign", "brand", "platform", "channel", "objective", "status", ...PAID_COLUMNS], rowCount: rows.length, rows: once(rows) };
    }
  }
}

/** analytics-posts-2026-03-01_2026-03-28.csv */
export function exportFilename(spec: ExportSpec, filter: AnalyticsFilter): string {
  return `analytics-${spec.table}-${filter.from}_${filter.to}.csv`;
}

/**
 * analytics.export — one table as CSV text chunks (BOM and header first), with the row count
 * known up front. Audited (`analytics.exported`, with the table, filter and row count) before
 * the first byte.
 */
export async function exportAnalyticsCsv(
  viewer: Viewer,
  filter: AnalyticsFilter,
  specInput: unknown,
): Promise<{ filename: string; rowCount: number; chunks: AsyncGenerator<string, void, void> }> {
  authorize(viewer, "analytics.export");
  const parsed = exportSpecSchema.safeParse(specInput);
  if (!parsed.success) throw new AppError("VALIDATION", undefined, { table: ["invalid"] });
  const spec = parsed.data;
  const table = await analyticsTable(viewer, filter, spec);
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: actorOf(viewer),
      action: "analytics.exported",
      subjectType: "analytics_table",
      subjectId: spec.table,
      data: {
        format: "csv",
        rows: table.rowCount,
        filter: { from: filter.from, to: filter.to, brandId: filter.brandId, channelId: filter.channelId },
        ...(spec.table === "trends" ? { metric: spec.metric } : {}),
        ...(spec.table === "posts" ? { sort: spec.sort, dir: spec.dir } : {}),
        ...(spec.post ? { postId: spec.post } : {}),
      },
      requestId: viewer.requestId,
    }),
  );
  async function* chunks(): AsyncGenerator<string, void, void> {
    yield CSV_BOM + csvRow(table.columns);
    for await (const batch of table.rows) yield batch.map((r) => csvRow(r)).join("");
  }
  return { filename: exportFilename(spec, filter), rowCount: table.rowCount, chunks: chunks() };
}

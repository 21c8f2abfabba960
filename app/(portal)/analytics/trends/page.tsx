import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { trends, TREND_METRICS, MAX_TREND_CHANNELS, type TrendMetric } from "@/lib/dal/analytics";
import { filterSearchParams, withQuery, dayDiff } from "@/lib/domain/analytics-filters";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { Filters, loadAnalyticsFilter, type SearchParams } from "../_components/filters";
import { AnalyticsTabs } from "../_components/tabs";
import { analyticsFormat } from "../_components/format";
import { ChartFrame } from "../_components/chart-frame";
import { LineChart, type ChartAnnotation } from "../_components/line-chart";
import { SERIES_COLORS } from "../_components/colors";
import { ExportButton } from "../_components/export-button";
import { QuerySelect } from "../_components/query-select";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.trends");
  return { title: t("title") };
}

const RATE_METRICS: readonly TrendMetric[] = ["engagementRate"];

/** /analytics/trends — one metric per channel per Tokyo day, with crisis periods and big posts marked. */
export default async function TrendsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePageViewer("analytics.read");
  const { filter, options, errors, raw } = await loadAnalyticsFilter(viewer, searchParams);
  const metric = (TREND_METRICS as readonly string[]).includes(raw("metric") ?? "") ? (raw("metric") as TrendMetric) : "impressions";
  const channelIds = filter.channelId
    ? [filter.channelId]
    : filter.brandId
      ? options.channels.filter((c) => c.brandId === filter.brandId).map((c) => c.id).slice(0, MAX_TREND_CHANNELS)
      : [];
  const data = await pageData(trends(viewer, { from: filter.from, to: filter.to, channelIds, metric }));
  const t = await getTranslations("analytics");
  const tt = await getTranslations("analytics.trends");
  const tc = await getTranslations("common");
  const f = await analyticsFormat();
  const query = filterSearchParams(filter);
  const value = (v: number | null) => (v === null ? f.na : RATE_METRICS.includes(metric) ? f.pct(v, 2) : metric === "followerGrowth" ? f.signed(v) : f.num(v));
  const hasData = data.series.some((s) => s.points.some((p) => p.value !== null));
  const days = data.series[0]?.points.map((p) => p.day) ?? [];
  const idx = (day: string) => Math.max(0, Math.min(days.length - 1, dayDiff(filter.from, day)));
  const seriesName = (s: (typeof data.series)[number]) => `${tc(`platforms.${s.platform}`)} · ${s.channelName}`;
  const channelName = new Map(data.series.map((s) => [s.channelId, seriesName(s)]));
  const annotations: ChartAnnotation[] = data.annotations.map((a) =>
    a.kind === "crisis" ? { kind: "crisis", from: idx(a.fromDay), to: idx(a.toDay), label: tt("crisis") } : { kind: "post", from: idx(a.day), to: idx(a.day), label: a.title },
  );
  const crises = data.annotations.filter((a) => a.kind === "crisis");
  const bigPosts = data.annotations.filter((a) => a.kind === "big_post");

  return (
    <div data-testid="analytics-trends">
      <PageHeader title={tt("title")} subtitle={tt("subtitle")} />
      <AnalyticsTabs current="trends" query={query} />
      <Filters basePath="/analytics/trends" filter={filter} options={options} errors={errors} keep={metric === "impressions" ? {} : { metric }} />

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel
          id="trend-chart"
          title={tt("chartTitle", { metric: tt(`metrics.${metric}`) })}
          description={tt("chartDescription", { channels: f.num(data.series.length) })}
          className="lg:col-span-3"
          actions={
            <div className="flex flex-wrap items-end gap-3">
              <QuerySelect id="trend-metric" name="metric" label={tt("metric")} value={metric} testId="metric-select" options={TREND_METRICS.map((m) => ({ value: m, label: tt(`metrics.${m}`) }))} />
              {can(viewer, "analytics.export") && hasData && <ExportButton href={withQuery("/api/analytics/export", filterSearchParams(filter, { table: "trends", metric }))} />}
            </div>
          }
        >
          {!hasData ? (
            <EmptyState icon="—">{tt("empty")}</EmptyState>
          ) : (
            <ChartFrame
              testId="trends-chart"
              showLabel={t("chart.showTable")}
              hideLabel={t("chart.hideTable")}
              chart={
                <LineChart
                  testId="trends-line"
                  label={tt("chartLabel", { metric: tt(`metrics.${metric}`), from: f.day(filter.from), to: f.day(filter.to) })}
                  help={t("chart.help")}
                  height={260}
                  xLabels={days.map(f.day)}
                  annotations={annotations}
                  series={data.series.map((s, i) => ({
                    key: s.channelId,
                    label: seriesName(s),
                    color: SERIES_COLORS[i % SERIES_COLORS.length]!,
                    values: s.points.map((p) => p.value),
                    formatted: s.points.map((p) => value(p.value)),
                  }))}
                />
              }
              table={
                <table className="w-full text-left text-sm" data-testid="trends-table">
                  <caption className="sr-only">{tt("tableCaption", { metric: tt(`metrics.${metric}`) })}</caption>
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="px-2 py-1">{t("cols.day")}</th>
                      {data.series.map((s) => (
                        <th key={s.channelId} scope="col" className="px-2 py-1 text-right">
                          {seriesName(s)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {days.map((d, i) => (
                      <tr key={d}>
                        <th scope="row" className="px-2 py-1 font-normal">{f.day(d)}</th>
                        {data.series.map((s) => (
                          <td key={s.channelId} className="px-2 py-1 text-right tabular-nums">
                            {value(s.points[i]?.value ?? null)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          )}
        </Panel>

        <Panel id="crises" title={tt("crisesTitle")} description={tt("crisesDescription")} count={f.num(crises.length)}>
          {crises.length === 0 ? (
            <EmptyState>{tt("noCrises")}</EmptyState>
          ) : (
            <ul className="space-y-2 text-sm">
              {crises.map((a) =>
                a.kind === "crisis" ? (
                  <li key={a.id} className="flex items-start gap-2">
                    <span aria-hidden className="mt-1 inline-block h-2.5 w-2.5 rounded-sm bg-red-200 ring-1 ring-red-400" />
                    <span>
                      {f.day(a.fromDay)}〜{a.ongoing ? tt("ongoing") : f.day(a.toDay)}
                      <span className="block text-xs text-slate-500">{tt(`scope.${a.scope}`)}</span>
                    </span>
                  </li>
                ) : null,
              )}
            </ul>
          )}
        </Panel>

        <Panel id="big-posts" title={tt("bigPostsTitle")} description={tt("bigPostsDescription")} count={f.num(bigPosts.length)} className="lg:col-span-2">
          {bigPosts.length === 0 ? (
            <EmptyState icon="—">{tt("noBigPosts")}</EmptyState>
          ) : (
            <ol className="space-y-2 text-sm">
              {bigPosts.map((a) =>
                a.kind === "big_post" ? (
                  <li key={`${a.postId}-${a.channelId}`} className="flex items-start gap-2">
                    <span aria-hidden className="mt-1 inline-block h-2.5 w-2.5 rounded-full bg-violet-600" />
                    <span className="min-w-0">
                      <Link href={`/analytics/posts/${a.postId}`} className="font-medium text-brand-700 hover:underline">
                        {a.title}
                      </Link>
                      <span className="block text-xs text-slate-500">
                        {f.day(a.day)} · {channelName.get(a.channelId) ?? ""} · {t("cols.impressions")} {f.num(a.impressions)} · {t("cols.engagements")} {f.num(a.engagements)}
                      </span>
                    </span>
                  </li>
                ) : null,
              )}
            </ol>
          )}
        </Panel>
      </div>
    </div>
  );
}

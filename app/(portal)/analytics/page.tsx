import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { overview, type AnalyticsComparison } from "@/lib/dal/analytics";
import { filterSearchParams, withQuery } from "@/lib/domain/analytics-filters";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { Meter } from "@/components/ui/meter";
import { DataTable } from "@/components/ui/data-table";
import { SENTIMENT_TONE } from "@/components/ui/status-tones";
import { Delta } from "./_components/delta";
import { Filters, loadAnalyticsFilter, type SearchParams } from "./_components/filters";
import { AnalyticsTabs } from "./_components/tabs";
import { analyticsFormat } from "./_components/format";
import { ChartFrame } from "./_components/chart-frame";
import { LineChart } from "./_components/line-chart";
import { SERIES_COLORS } from "./_components/colors";
import { ExportButton } from "./_components/export-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics");
  return { title: t("title") };
}

const SENTIMENTS = ["positive", "neutral", "negative"] as const;

/** /analytics — the overview: a period against the one before, per brand and channel (rollups only). */
export default async function AnalyticsPage({ searchParams }: { searchParams?: SearchParams } = {}) {
  const viewer = await requirePageViewer("analytics.read");
  const { filter, options, errors } = await loadAnalyticsFilter(viewer, searchParams ?? Promise.resolve({}));
  const data = await pageData(overview(viewer, { from: filter.from, to: filter.to, brandId: filter.brandId, channelId: filter.channelId }));
  const t = await getTranslations("analytics");
  const tc = await getTranslations("common");
  const f = await analyticsFormat();
  const query = filterSearchParams(filter);
  const canExport = can(viewer, "analytics.export");
  const exportHref = (table: string) => withQuery("/api/analytics/export", filterSearchParams(filter, { table }));
  const { current: c, previous: p } = data.totals;
  const hasData = data.daily.some((d) => d.hasData);

  const cells = (m: AnalyticsComparison) => (
    <>
      <td className="px-4 py-2 text-right tabular-nums">
        {f.num(m.current.impressions)}
        <div className="mt-0.5">
          <Delta current={m.current.impressions} previous={m.previous.impressions} />
        </div>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {f.num(m.current.reach)}
        <div className="mt-0.5">
          <Delta current={m.current.reach} previous={m.previous.reach} />
        </div>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {f.pct(m.current.engagementRate)}
        <div className="mt-0.5">
          <Delta current={m.current.engagementRate} previous={m.previous.engagementRate} kind="points" />
        </div>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {f.signed(m.current.followerGrowth)}
        <div className="mt-0.5">
          <Delta current={m.current.followerGrowth} previous={m.previous.followerGrowth} />
        </div>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {f.num(m.current.mentions)}
        <div className="mt-0.5">
          <Delta current={m.current.mentions} previous={m.previous.mentions} />
        </div>
      </td>
    </>
  );
  const columns = (["impressions", "reach", "engagementRate", "followerGrowth", "mentions"] as const).map((k) => ({ label: t(`cols.${k}`), align: "right" as const }));
  const inbound = SENTIMENTS.reduce((a, s) => a + c.sentiment[s], 0);

  return (
    <div data-testid="analytics-overview">
      <PageHeader
        title={t("title")}
        subtitle={t("overview.subtitle")}
        meta={t("period", { from: f.dayLong(filter.from), to: f.dayLong(filter.to), prevFrom: f.dayLong(filter.prevFrom), prevTo: f.dayLong(filter.prevTo) })}
      />
      <AnalyticsTabs current="overview" query={query} />
      <Filters basePath="/analytics" filter={filter} options={options} errors={errors} />

      <StatGrid label={t("stats.label", { days: filter.days })}>
        <StatCard label={t("stats.impressions")} value={f.num(c.impressions)} status={<Delta current={c.impressions} previous={p.impressions} />} />
        <StatCard label={t("stats.reach")} value={f.num(c.reach)} status={<Delta current={c.reach} previous={p.reach} />} />
        <StatCard label={t("stats.engagementRate")} value={f.pct(c.engagementRate)} status={<Delta current={c.engagementRate} previous={p.engagementRate} kind="points" />} hint={t("stats.engagementsHint", { count: f.num(c.engagements) })} />
        <StatCard
          label={t("stats.followerGrowth")}
          value={f.signed(c.followerGrowth)}
          status={<Delta current={c.followerGrowth} previous={p.followerGrowth} />}
          hint={c.followersEnd !== null ? t("stats.followersEnd", { count: f.num(c.followersEnd) }) : undefined}
        />
        <StatCard label={t("stats.mentions")} value={f.num(c.mentions)} status={<Delta current={c.mentions} previous={p.mentions} />} />
        <StatCard label={t("stats.inbox")} value={f.num(inbound)} status={<Delta current={inbound} previous={SENTIMENTS.reduce((a, s) => a + p.sentiment[s], 0)} />} />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel
          id="trend"
          title={t("trend.title")}
          description={t("trend.description")}
          className="lg:col-span-2"
          actions={canExport && hasData ? <ExportButton href={exportHref("overview-daily")} /> : undefined}
          footer={t("coverage", { pulled: f.num(data.coverage.channelDaysPulled), expected: f.num(data.coverage.channelDaysExpected) })}
        >
          {!hasData ? (
            <EmptyState icon="—">{t("trend.empty")}</EmptyState>
          ) : (
            <ChartFrame
              testId="overview-chart"
              showLabel={t("chart.showTable")}
              hideLabel={t("chart.hideTable")}
              chart={
                <LineChart
                  testId="overview-line"
                  label={t("trend.label", { from: f.day(filter.from), to: f.day(filter.to) })}
                  help={t("chart.help")}
                  xLabels={data.daily.map((d) => f.day(d.day))}
                  series={[
                    { key: "cur", label: t("trend.current"), color: SERIES_COLORS[0]!, values: data.daily.map((d) => (d.hasData ? d.impressions : null)), formatted: data.daily.map((d) => (d.hasData ? f.num(d.impressions) : f.na)) },
                    {
                      key: "prev",
                      label: t("trend.previous"),
                      color: "#94a3b8",
                      dashed: true,
                      values: data.previousDaily.map((d) => (d.hasData ? d.impressions : null)),
                      formatted: data.previousDaily.map((d) => (d.hasData ? f.num(d.impressions) : f.na)),
                    },
                  ]}
                />
              }
              table={
                <table className="w-full text-left text-sm" data-testid="overview-daily-table">
                  <caption className="sr-only">{t("trend.tableCaption")}</caption>
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="px-2 py-1">{t("cols.day")}</th>
                      <th scope="col" className="px-2 py-1 text-right">{t("cols.impressions")}</th>
                      <th scope="col" className="px-2 py-1 text-right">{t("cols.engagements")}</th>
                      <th scope="col" className="px-2 py-1 text-right">{t("cols.engagementRate")}</th>
                      <th scope="col" className="px-2 py-1 text-right">{t("cols.previousDay")}</th>
                      <th scope="col" className="px-2 py-1 text-right">{t("cols.previousImpressions")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.daily.map((d, i) => (
                      <tr key={d.day}>
                        <th scope="row" className="px-2 py-1 font-normal">{f.day(d.day)}</th>
                        <td className="px-2 py-1 text-right tabular-nums">{d.hasData ? f.num(d.impressions) : f.na}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{d.hasData ? f.num(d.engagements) : f.na}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{f.pct(d.engagementRate)}</td>
                        <td className="px-2 py-1 text-right">{data.previousDaily[i] ? f.day(data.previousDaily[i]!.day) : f.na}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{data.previousDaily[i]?.hasData ? f.num(data.previousDaily[i]!.impressions) : f.na}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          )}
        </Panel>

        <Panel id="sentiment" title={t("sentiment.title")} description={t("sentiment.description")} count={f.num(inbound)}>
          {inbound === 0 ? (
            <EmptyState icon="—">{t("sentiment.empty")}</EmptyState>
          ) : (
            <dl className="space-y-3">
              {SENTIMENTS.map((s) => (
                <div key={s}>
                  <div className="flex items-baseline justify-between text-sm">
                    <dt className="text-slate-700">{tc(`sentiments.${s}`)}</dt>
                    <dd className="tabular-nums text-slate-900">
                      {t("sentiment.share", { count: f.num(c.sentiment[s]), percent: f.pct((c.sentiment[s] / inbound) * 100, 0) })}
                      <span className="ml-2">
                        <Delta current={c.sentiment[s]} previous={p.sentiment[s]} />
                      </span>
                    </dd>
                  </div>
                  <Meter value={c.sentiment[s]} max={inbound} tone={SENTIMENT_TONE[s]} label={tc(`sentiments.${s}`)} className="mt-1" />
                </div>
              ))}
            </dl>
          )}
          <p className="mt-3 text-xs text-slate-500">{t("privacyNote")}</p>
        </Panel>

        <Panel id="brands" title={t("brands.title")} description={t("brands.description")} className="lg:col-span-3" actions={canExport && data.byBrand.length > 0 ? <ExportButton href={exportHref("overview-brands")} /> : undefined}>
          {data.byBrand.length === 0 ? (
            <EmptyState icon="—">{t("brands.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[48rem]" columns={[t("brands.colBrand"), ...columns]}>
              {data.byBrand.map((b) => (
                <tr key={b.brandId}>
                  <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                    <span aria-hidden className="mr-2 inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: b.color }} />
                    {b.brandName}
                  </th>
                  {cells(b)}
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>

        <Panel id="channels" title={t("channels.title")} description={t("channels.description")} className="lg:col-span-3" actions={canExport && data.byChannel.length > 0 ? <ExportButton href={exportHref("overview-channels")} /> : undefined}>
          {data.byChannel.length === 0 ? (
            <EmptyState icon="—">{t("channels.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[48rem]" columns={[t("channels.colChannel"), ...columns]}>
              {data.byChannel.map((ch) => (
                <tr key={ch.channelId} data-testid="channel-row">
                  <th scope="row" className="px-4 py-2 font-normal">
                    <span className="font-medium text-slate-900">{tc(`platforms.${ch.platform}`)}</span>
                    <span className="block text-xs text-slate-500">
                      {ch.channelName} · {ch.brandName}
                    </span>
                  </th>
                  {cells(ch)}
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>
      </div>
    </div>
  );
}

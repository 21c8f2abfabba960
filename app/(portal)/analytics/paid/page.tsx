import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getPaidPerformance } from "@/lib/dal/analytics-paid";
import { eachDay, filterSearchParams, withQuery } from "@/lib/domain/analytics-filters";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { DataTable } from "@/components/ui/data-table";
import { Delta } from "../_components/delta";
import { Filters, loadAnalyticsFilter, type SearchParams } from "../_components/filters";
import { AnalyticsTabs } from "../_components/tabs";
import { analyticsFormat } from "../_components/format";
import { ChartFrame } from "../_components/chart-frame";
import { BarChart } from "../_components/bar-chart";
import { ExportButton } from "../_components/export-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.paid");
  return { title: t("title") };
}

/** /analytics/paid — paid results per campaign (the ads workspace's data, read-only); empty until campaigns run. */
export default async function PaidPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePageViewer("analytics.read");
  const { filter, options, errors } = await loadAnalyticsFilter(viewer, searchParams);
  const data = await pageData(getPaidPerformance(viewer, filter));
  const t = await getTranslations("analytics");
  const tp = await getTranslations("analytics.paid");
  const tc = await getTranslations("common");
  const f = await analyticsFormat();
  const query = filterSearchParams(filter);
  const c = data.current;
  const p = data.previous;
  const days = eachDay(filter.from, filter.to);
  const byDay = new Map(data.daily.map((d) => [d.day, d]));

  return (
    <div data-testid="analytics-paid">
      <PageHeader title={tp("title")} subtitle={tp("subtitle")} />
      <AnalyticsTabs current="paid" query={query} />
      <Filters basePath="/analytics/paid" filter={filter} options={options} errors={errors} />

      {data.campaigns.length === 0 ? (
        <Panel id="paid-empty" title={tp("emptyTitle")}>
          <EmptyState icon="—">{tp("empty")}</EmptyState>
        </Panel>
      ) : (
        <>
          <StatGrid label={tp("statsLabel")}>
            <StatCard label={tp("stats.spend")} value={f.yen(c.spendJpy)} status={<Delta current={c.spendJpy} previous={p.spendJpy} />} />
            <StatCard label={tp("stats.impressions")} value={f.num(c.impressions)} status={<Delta current={c.impressions} previous={p.impressions} />} />
            <StatCard label={tp("stats.ctr")} value={f.pct(c.ctr, 2)} status={<Delta current={c.ctr} previous={p.ctr} kind="points" />} />
            <StatCard label={tp("stats.conversions")} value={f.num(c.conversions)} status={<Delta current={c.conversions} previous={p.conversions} />} />
            <StatCard label={tp("stats.cpa")} value={f.yen(c.cpaJpy)} hint={tp("stats.previous", { value: f.yen(p.cpaJpy) })} />
            <StatCard label={tp("stats.roas")} value={f.pct(c.roas)} hint={tp("stats.previous", { value: f.pct(p.roas) })} />
          </StatGrid>
          <div className="grid gap-4">
            <Panel id="spend" title={tp("spendTitle")} description={tp("spendDescription")}>
              <ChartFrame
                testId="spend-chart"
                showLabel={t("chart.showTable")}
                hideLabel={t("chart.hideTable")}
                chart={
                  <BarChart
                    label={tp("spendLabel", { total: f.yen(c.spendJpy) })}
                    xLabels={days.map(f.day)}
                    titles={days.map((d) => `${f.day(d)}: ${f.yen(byDay.get(d)?.spendJpy ?? 0)}`)}
                    series={[{ key: "spend", label: tp("stats.spend"), color: "#2563eb", values: days.map((d) => byDay.get(d)?.spendJpy ?? 0) }]}
                  />
                }
                table={
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">{tp("spendCaption")}</caption>
                    <thead className="text-xs text-slate-500">
                      <tr>
                        <th scope="col" className="px-2 py-1">{t("cols.day")}</th>
                        <th scope="col" className="px-2 py-1 text-right">{tp("stats.spend")}</th>
                        <th scope="col" className="px-2 py-1 text-right">{tp("stats.impressions")}</th>
                        <th scope="col" className="px-2 py-1 text-right">{tp("cols.clicks")}</th>
                        <th scope="col" className="px-2 py-1 text-right">{tp("stats.conversions")}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {days.map((d) => (
                        <tr key={d}>
                          <th scope="row" className="px-2 py-1 font-normal">{f.day(d)}</th>
                          <td className="px-2 py-1 text-right tabular-nums">{f.yen(byDay.get(d)?.spendJpy ?? 0)}</td>
                          <td className="px-2 py-1 text-right tabular-nums">{f.num(byDay.get(d)?.impressions ?? 0)}</td>
                          <td className="px-2 py-1 text-right tabular-nums">{f.num(byDay.get(d)?.clicks ?? 0)}</td>
                          <td className="px-2 py-1 text-right tabular-nums">{f.num(byDay.get(d)?.conversions ?? 0)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
            </Panel>
            <Panel
              id="campaigns"
              title={tp("campaignsTitle")}
              count={f.num(data.campaigns.length)}
              actions={can(viewer, "analytics.export") ? <ExportButton href={withQuery("/api/analytics/export", filterSearchParams(filter, { table: "paid-campaigns" }))} /> : undefined}
            >
              <DataTable
                minWidth="min-w-[60rem]"
                columns={[
                  tp("cols.campaign"),
                  ...(["spend", "impressions", "clicks", "ctr", "conversions", "cpa", "roas"] as const).map((k) => ({ label: tp(`cols.${k}`), align: "right" as const })),
                ]}
              >
                {data.campaigns.map((cp) => (
                  <tr key={cp.campaignId} data-testid="campaign-row">
                    <th scope="row" className="px-4 py-2 font-normal">
                      <span className="font-medium text-slate-900">{cp.name}</span>
                      <span className="block text-xs text-slate-500">
                        {tc(`platforms.${cp.platform}`)} · {cp.channelName} · {cp.brandName}
                      </span>
                    </th>
                    <td className="px-4 py-2 text-right tabular-nums">{f.yen(cp.spendJpy)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{f.num(cp.impressions)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{f.num(cp.clicks)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{f.pct(cp.ctr, 2)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{f.num(cp.conversions)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{f.yen(cp.cpaJpy)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{f.pct(cp.roas)}</td>
                  </tr>
                ))}
              </DataTable>
            </Panel>
          </div>
        </>
      )}
    </div>
  );
}

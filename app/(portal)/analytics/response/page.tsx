import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getResponsePerformance, type ResponseStats } from "@/lib/dal/analytics-response";
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
  const t = await getTranslations("analytics.response");
  return { title: t("title") };
}

const SENTIMENT_COLORS = { positive: "#059669", neutral: "#94a3b8", negative: "#dc2626" } as const;

/** /analytics/response — how fast and how well the desk answers (aggregates only; no message, no author). */
export default async function ResponsePage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePageViewer("analytics.read");
  const { filter, options, errors } = await loadAnalyticsFilter(viewer, searchParams);
  const data = await pageData(getResponsePerformance(viewer, filter));
  const t = await getTranslations("analytics");
  const tr = await getTranslations("analytics.response");
  const tc = await getTranslations("common");
  const f = await analyticsFormat();
  const query = filterSearchParams(filter);
  const canExport = can(viewer, "analytics.export");
  const exportHref = (table: string) => withQuery("/api/analytics/export", filterSearchParams(filter, { table }));
  const c = data.current;
  const p = data.previous;
  const columns = [
    { label: tr("cols.items"), align: "right" as const },
    { label: tr("cols.answered"), align: "right" as const },
    { label: tr("cols.median"), align: "right" as const },
    { label: tr("cols.p90"), align: "right" as const },
    { label: tr("cols.sla"), align: "right" as const },
    { label: tr("cols.slaCounts"), align: "right" as const },
  ];
  const cells = (s: ResponseStats) => (
    <>
      <td className="px-4 py-2 text-right tabular-nums">{f.num(s.items)}</td>
      <td className="px-4 py-2 text-right tabular-nums">{f.num(s.answered)}</td>
      <td className="px-4 py-2 text-right tabular-nums">{f.minutes(s.medianMinutes)}</td>
      <td className="px-4 py-2 text-right tabular-nums">{f.minutes(s.p90Minutes)}</td>
      <td className="px-4 py-2 text-right tabular-nums">{f.pct(s.slaAttainment)}</td>
      <td className="px-4 py-2 text-right text-xs tabular-nums text-slate-600">{tr("slaCounts", { met: f.num(s.slaMet), missed: f.num(s.slaMissed), pending: f.num(s.slaPending) })}</td>
    </>
  );
  const days = eachDay(filter.from, filter.to);
  const byDay = new Map(data.dailyBySentiment.map((d) => [d.day, d]));
  const daily = days.map((d) => byDay.get(d) ?? { day: d, positive: 0, neutral: 0, negative: 0 });
  const total = data.bySentiment.reduce((a, s) => a + s.current, 0);

  return (
    <div data-testid="analytics-response">
      <PageHeader title={tr("title")} subtitle={tr("subtitle")} />
      <AnalyticsTabs current="response" query={query} />
      <Filters basePath="/analytics/response" filter={filter} options={options} errors={errors} />

      <StatGrid label={tr("statsLabel")}>
        <StatCard label={tr("stats.items")} value={f.num(c.items)} status={<Delta current={c.items} previous={p.items} />} />
        <StatCard label={tr("stats.answered")} value={f.num(c.answered)} status={<Delta current={c.answered} previous={p.answered} />} />
        <StatCard label={tr("stats.median")} value={f.minutes(c.medianMinutes)} hint={tr("stats.previous", { value: f.minutes(p.medianMinutes) })} />
        <StatCard label={tr("stats.p90")} value={f.minutes(c.p90Minutes)} hint={tr("stats.previous", { value: f.minutes(p.p90Minutes) })} />
        <StatCard
          label={tr("stats.sla")}
          value={f.pct(c.slaAttainment)}
          tone={c.slaAttainment === null ? "neutral" : c.slaAttainment >= 90 ? "success" : c.slaAttainment >= 75 ? "warning" : "danger"}
          status={<Delta current={c.slaAttainment} previous={p.slaAttainment} kind="points" />}
        />
        <StatCard label={tr("stats.pending")} value={f.num(c.slaPending)} hint={tr("stats.pendingHint")} />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel id="volume" title={tr("volumeTitle")} description={tr("volumeDescription")} className="lg:col-span-2" actions={canExport && total > 0 ? <ExportButton href={exportHref("response-sentiment")} /> : undefined}>
          {total === 0 ? (
            <EmptyState icon="—">{tr("empty")}</EmptyState>
          ) : (
            <ChartFrame
              testId="volume-chart"
              showLabel={t("chart.showTable")}
              hideLabel={t("chart.hideTable")}
              chart={
                <BarChart
                  testId="volume-bars"
                  label={tr("volumeLabel", { total: f.num(total), from: f.day(filter.from), to: f.day(filter.to) })}
                  xLabels={days.map(f.day)}
                  titles={daily.map((d) => `${f.day(d.day)}: ${(["positive", "neutral", "negative"] as const).map((s) => `${tc(`sentiments.${s}`)} ${f.num(d[s])}`).join(" / ")}`)}
                  series={(["negative", "neutral", "positive"] as const).map((s) => ({ key: s, label: tc(`sentiments.${s}`), color: SENTIMENT_COLORS[s], values: daily.map((d) => d[s]) }))}
                />
              }
              table={
                <table className="w-full text-left text-sm" data-testid="volume-table">
                  <caption className="sr-only">{tr("volumeCaption")}</caption>
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="px-2 py-1">{tr("cols.sentiment")}</th>
                      <th scope="col" className="px-2 py-1 text-right">{tr("cols.items")}</th>
                      <th scope="col" className="px-2 py-1 text-right">{tr("cols.previous")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.bySentiment.map((s) => (
                      <tr key={s.sentiment}>
                        <th scope="row" className="px-2 py-1 font-normal">{tc(`sentiments.${s.sentiment}`)}</th>
                        <td className="px-2 py-1 text-right tabular-nums">{f.num(s.current)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{f.num(s.previous)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          )}
        </Panel>

        <Panel id="definitions" title={tr("definitionsTitle")}>
          <dl className="space-y-2 text-sm">
            {(["firstResponse", "sla", "agent", "privacy"] as const).map((k) => (
              <div key={k}>
                <dt className="font-medium text-slate-800">{tr(`definitions.${k}.term`)}</dt>
                <dd className="text-xs text-slate-600">{tr(`definitions.${k}.text`)}</dd>
              </div>
            ))}
          </dl>
        </Panel>

        <Panel id="by-channel" title={tr("byChannelTitle")} className="lg:col-span-3" actions={canExport && data.byChannel.length > 0 ? <ExportButton href={exportHref("response-channels")} /> : undefined}>
          {data.byChannel.length === 0 ? (
            <EmptyState icon="—">{tr("empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[52rem]" columns={[tr("cols.channel"), ...columns]}>
              {data.byChannel.map((ch) => (
                <tr key={ch.channelId} data-testid="response-channel-row">
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

        <Panel id="by-agent" title={tr("byAgentTitle")} description={tr("byAgentDescription")} className="lg:col-span-3" actions={canExport && data.byAgent.length > 0 ? <ExportButton href={exportHref("response-agents")} /> : undefined}>
          {data.byAgent.length === 0 ? (
            <EmptyState icon="—">{tr("empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[52rem]" columns={[tr("cols.agent"), ...columns]}>
              {data.byAgent.map((a) => (
                <tr key={a.agentId ?? "none"}>
                  <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                    {a.agentName ?? tr("unassigned")}
                  </th>
                  {cells(a)}
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>
      </div>
    </div>
  );
}

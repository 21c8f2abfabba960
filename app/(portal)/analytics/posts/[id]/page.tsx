import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getPostPerformance } from "@/lib/dal/analytics-posts";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { dateTimeFormat } from "@/components/ui/time";
import { analyticsFormat } from "../../_components/format";
import { ChartFrame } from "../../_components/chart-frame";
import { LineChart } from "../../_components/line-chart";
import { SERIES_COLORS } from "../../_components/colors";
import { ExportButton } from "../../_components/export-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.post");
  return { title: t("title") };
}

/** /analytics/posts/[id] — one published post: totals per network and its curve over time. */
export default async function PostDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePageViewer("analytics.read");
  const { id } = await params;
  const data = await pageData(getPostPerformance(viewer, id));
  const t = await getTranslations("analytics");
  const tp = await getTranslations("analytics.post");
  const tc = await getTranslations("common");
  const f = await analyticsFormat();
  const format = await getFormatter();
  const sum = (k: "impressions" | "reach" | "engagements" | "clicks" | "videoViews") => data.channels.reduce((a, c) => a + (c.totals?.[k] ?? 0), 0);
  const impressions = sum("impressions");
  const engagements = sum("engagements");

  return (
    <div data-testid="analytics-post">
      <nav aria-label={tp("breadcrumb")} className="mb-2 text-sm">
        <Link href="/analytics/posts" className="text-brand-700 hover:underline">
          ← {tp("back")}
        </Link>
      </nav>
      <PageHeader title={data.title} subtitle={tp("subtitle", { brand: data.brandName })} />

      <StatGrid label={tp("totals")}>
        <StatCard label={t("cols.impressions")} value={f.num(impressions)} />
        <StatCard label={t("cols.reach")} value={f.num(sum("reach"))} />
        <StatCard label={t("cols.engagements")} value={f.num(engagements)} />
        <StatCard label={t("cols.engagementRate")} value={f.pct(impressions ? Math.round((engagements / impressions) * 1000) / 10 : null)} />
        <StatCard label={t("cols.clicks")} value={f.num(sum("clicks"))} />
        <StatCard label={t("cols.videoViews")} value={f.num(sum("videoViews"))} />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel
          id="curve"
          title={tp("curveTitle")}
          description={data.missingDays.length ? tp("curveMissing", { count: data.missingDays.length }) : tp("curveDescription")}
          className="lg:col-span-2"
          actions={can(viewer, "analytics.export") && data.daily.length > 0 ? <ExportButton href={`/api/analytics/export?table=post-daily&range=90&post=${data.postId}`} /> : undefined}
        >
          {data.curve.length === 0 ? (
            <EmptyState icon="—">{tp("noMetrics")}</EmptyState>
          ) : (
            <ChartFrame
              testId="post-chart"
              showLabel={t("chart.showTable")}
              hideLabel={t("chart.hideTable")}
              chart={
                <LineChart
                  testId="post-line"
                  label={tp("curveLabel", { from: f.day(data.curve[0]!.day), to: f.day(data.curve.at(-1)!.day) })}
                  help={t("chart.help")}
                  xLabels={data.curve.map((p) => f.day(p.day))}
                  series={[
                    { key: "impressions", label: t("cols.impressions"), color: SERIES_COLORS[0]!, values: data.curve.map((p) => p.impressions), formatted: data.curve.map((p) => f.num(p.impressions)) },
                    { key: "engagements", label: t("cols.engagements"), color: SERIES_COLORS[2]!, values: data.curve.map((p) => p.engagements), formatted: data.curve.map((p) => f.num(p.engagements)) },
                  ]}
                />
              }
              table={
                <table className="w-full text-left text-sm" data-testid="post-daily-table">
                  <caption className="sr-only">{tp("tableCaption")}</caption>
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="px-2 py-1">{t("cols.day")}</th>
                      {(["impressions", "reach", "engagements", "clicks", "videoViews"] as const).map((k) => (
                        <th key={k} scope="col" className="px-2 py-1 text-right">
                          {t(`cols.${k}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.curve.map((p) => (
                      <tr key={p.day}>
                        <th scope="row" className="px-2 py-1 font-normal">
                          {f.day(p.day)}
                          {data.missingDays.includes(p.day) && <span className="ml-1 text-xs text-amber-700">({tp("missing")})</span>}
                        </th>
                        <td className="px-2 py-1 text-right tabular-nums">{f.num(p.impressions)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{f.num(p.reach)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{f.num(p.engagements)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{f.num(p.clicks)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{f.num(p.videoViews)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          )}
        </Panel>

        <Panel id="post-channels" title={tp("channelsTitle")} count={f.num(data.channels.length)}>
          <ul className="divide-y divide-slate-100">
            {data.channels.map((c) => (
              <li key={c.channelId} className="py-3 first:pt-0">
                <p className="text-sm font-medium text-slate-900">
                  {tc(`platforms.${c.platform}`)} · {c.channelName}
                </p>
                <p className="text-xs text-slate-500">
                  {c.publishedAt ? tp("publishedAt", { at: format.dateTime(c.publishedAt, dateTimeFormat(viewer.timeZone)) }) : tp("notPublishedTime")}
                  {c.externalUrl && (
                    <>
                      {" · "}
                      <a href={c.externalUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700 hover:underline">
                        {tp("open")}
                      </a>
                    </>
                  )}
                </p>
                {c.text && <p className="mt-1 line-clamp-4 whitespace-pre-line text-sm text-slate-700">{c.text}</p>}
                <p className="mt-1 text-xs tabular-nums text-slate-600">
                  {t("cols.impressions")} {f.num(c.totals?.impressions ?? null)} · {t("cols.engagements")} {f.num(c.totals?.engagements ?? null)} · {t("cols.engagementRate")} {f.pct(c.totals?.engagementRate ?? null)}
                </p>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
    </div>
  );
}

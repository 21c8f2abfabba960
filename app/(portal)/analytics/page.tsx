import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { ANALYTICS_PERIOD_DAYS, getAnalyticsOverview, type MetricsComparison } from "@/lib/dal/overview-analytics";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { Meter } from "@/components/ui/meter";
import { Sparkline } from "@/components/ui/sparkline";
import { DataTable } from "@/components/ui/data-table";
import { pageFormat } from "@/components/ui/page-format";
import { ItemTitle } from "@/components/ui/item-title";
import { SENTIMENT_TONE } from "@/components/ui/status-tones";
import { Delta } from "./_components/delta";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics");
  return { title: t("title") };
}

const SENTIMENTS = ["positive", "neutral", "negative"] as const;

export default async function AnalyticsPage() {
  const viewer = await requirePageViewer("workspace.analytics");
  const data = await pageData(getAnalyticsOverview(viewer));
  const t = await getTranslations("analytics");
  const { format, tc } = await pageFormat(viewer, data.generatedAt);
  const days = ANALYTICS_PERIOD_DAYS;
  const num = (n: number | null) => (n === null ? t("notAvailable") : format.number(n));
  const signed = (n: number | null) => (n === null ? t("notAvailable") : format.number(n, { signDisplay: "exceptZero" }));
  const pct = (n: number | null) => (n === null ? t("notAvailable") : format.number(n / 100, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  /** Period days are Tokyo calendar dates; print them as dates, not instants. */
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", month: "short", day: "numeric" });
  const { current, previous } = data.totals;
  const inboxTotal = SENTIMENTS.reduce((a, s) => a + data.inboxBySentiment[s], 0);
  const series = data.daily.map((d) => d.impressions);

  const metricCells = (m: MetricsComparison) => (
    <>
      <td className="px-4 py-2 text-right tabular-nums">
        {num(m.current.impressions)}
        <div className="mt-0.5">
          <Delta current={m.current.impressions} previous={m.previous.impressions} />
        </div>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {num(m.current.engagements)}
        <div className="mt-0.5">
          <Delta current={m.current.engagements} previous={m.previous.engagements} />
        </div>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {pct(m.current.engagementRate)}
        <div className="mt-0.5">
          <Delta current={m.current.engagementRate} previous={m.previous.engagementRate} kind="points" />
        </div>
      </td>
      <td className="px-4 py-2 text-right tabular-nums">
        {signed(m.current.followerGrowth)}
        <div className="mt-0.5">
          <Delta current={m.current.followerGrowth} previous={m.previous.followerGrowth} />
        </div>
      </td>
    </>
  );
  const metricColumns = (["impressions", "engagements", "engagementRate", "followerGrowth"] as const).map((k) => ({ label: t(`cols.${k}`), align: "right" as const }));

  return (
    <div data-testid="analytics-overview">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { days })}
        meta={t("period", {
          from: day(data.period.currentFrom),
          to: day(data.period.currentTo),
          prevFrom: day(data.period.previousFrom),
          prevTo: day(data.period.previousTo),
        })}
      />

      <StatGrid label={t("stats.label", { days })}>
        <StatCard label={t("stats.impressions")} value={num(current.impressions)} status={<Delta current={current.impressions} previous={previous.impressions} />} />
        <StatCard label={t("stats.reach")} value={num(current.reach)} status={<Delta current={current.reach} previous={previous.reach} />} />
        <StatCard label={t("stats.engagements")} value={num(current.engagements)} status={<Delta current={current.engagements} previous={previous.engagements} />} />
        <StatCard
          label={t("stats.engagementRate")}
          value={pct(current.engagementRate)}
          status={<Delta current={current.engagementRate} previous={previous.engagementRate} kind="points" />}
        />
        <StatCard
          label={t("stats.followerGrowth")}
          value={signed(current.followerGrowth)}
          status={<Delta current={current.followerGrowth} previous={previous.followerGrowth} />}
          hint={current.followersEnd !== null ? t("stats.followersEnd", { count: num(current.followersEnd) }) : undefined}
        />
        <StatCard label={t("stats.inbox")} value={num(inboxTotal)} />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel id="trend" title={t("trend.title")} description={t("trend.description")} className="lg:col-span-2">
          {series.length < 2 ? (
            <EmptyState>{t("trend.empty")}</EmptyState>
          ) : (
            <figure>
              <Sparkline
                values={series}
                width={600}
                height={120}
                className="h-32 w-full"
                label={t("trend.label", { min: num(Math.min(...series)), max: num(Math.max(...series)) })}
              />
              <figcaption className="mt-2 flex justify-between text-xs text-slate-500">
                <span>{day(data.daily[0]!.day)}</span>
                <span>
                  {t("trend.min", { value: num(Math.min(...series)) })} · {t("trend.max", { value: num(Math.max(...series)) })}
                </span>
                <span>{day(data.daily.at(-1)!.day)}</span>
              </figcaption>
            </figure>
          )}
        </Panel>

        <Panel id="sentiment" title={t("sentiment.title")} description={t("sentiment.description", { days })} count={num(inboxTotal)}>
          {inboxTotal === 0 ? (
            <EmptyState>{t("sentiment.empty")}</EmptyState>
          ) : (
            <dl className="space-y-3">
              {SENTIMENTS.map((s) => {
                const n = data.inboxBySentiment[s];
                return (
                  <div key={s}>
                    <div className="flex items-baseline justify-between text-sm">
                      <dt className="text-slate-700">{tc(`sentiments.${s}`)}</dt>
                      <dd className="tabular-nums text-slate-900">
                        {t("sentiment.share", { count: num(n), percent: format.number(n / inboxTotal, { style: "percent" }) })}
                      </dd>
                    </div>
                    <Meter value={n} max={inboxTotal} tone={SENTIMENT_TONE[s]} label={tc(`sentiments.${s}`)} className="mt-1" />
                  </div>
                );
              })}
            </dl>
          )}
        </Panel>

        <Panel id="brands" title={t("brands.title")} description={t("brands.description")} className="lg:col-span-3">
          <DataTable minWidth="min-w-[44rem]" columns={[t("brands.colBrand"), ...metricColumns]}>
            {data.byBrand.map((b) => (
              <tr key={b.brandId}>
                <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                  <span aria-hidden className="mr-2 inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: b.color }} />
                  {b.brandName}
                </th>
                {metricCells(b)}
              </tr>
            ))}
          </DataTable>
        </Panel>

        <Panel id="channels" title={t("channels.title")} description={t("channels.description")} className="lg:col-span-2">
          <DataTable minWidth="min-w-[44rem]" columns={[t("channels.colChannel"), ...metricColumns]}>
            {data.byChannel.map((ch) => (
              <tr key={ch.channelId}>
                <th scope="row" className="px-4 py-2 font-normal">
                  <span className="font-medium text-slate-900">{tc(`platforms.${ch.platform}`)}</span>
                  <span className="block text-xs text-slate-500">
                    {ch.channelName} · {ch.brandName}
                  </span>
                </th>
                {metricCells(ch)}
              </tr>
            ))}
          </DataTable>
        </Panel>

        <Panel id="top-posts" title={t("topPosts.title")} description={t("topPosts.description", { days })}>
          {data.topPosts.length === 0 ? (
            <EmptyState>{t("topPosts.empty")}</EmptyState>
          ) : (
            <ol className="space-y-3">
              {data.topPosts.map((p, i) => (
                <li key={p.postId} className="flex gap-3">
                  <span aria-hidden className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-800">
                    {i + 1}
                  </span>
                  <ItemTitle title={p.title}>
                    {p.brandName} · {t("cols.engagements")} {num(p.engagements)} · {t("cols.impressions")} {num(p.impressions)}
                  </ItemTitle>
                </li>
              ))}
            </ol>
          )}
        </Panel>
      </div>
    </div>
  );
}

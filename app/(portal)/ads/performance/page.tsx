import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getPerformance, type PerformanceRow } from "@/lib/dal/ads-read";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { pageFormat } from "@/components/ui/page-format";
import { btnSecondary, input, label, link } from "../../admin/_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ads.perf");
  return { title: t("title") };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default async function PerformancePage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const viewer = await requirePageViewer("ad_campaign.read");
  const sp = await searchParams;
  const from = sp.from && DAY.test(sp.from) ? sp.from : undefined;
  const to = sp.to && DAY.test(sp.to) ? sp.to : undefined;
  const data = await pageData(getPerformance(viewer, { from, to }));
  const t = await getTranslations("ads.perf");
  const { format, num, updatedAt } = await pageFormat(viewer, new Date());
  const yen = (n: number | null) => (n === null ? "—" : format.number(n, { style: "currency", currency: "JPY", maximumFractionDigits: 0 }));
  const pct = (n: number | null) => (n === null ? "—" : format.number(n / 100, { style: "percent", maximumFractionDigits: 2 }));
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", year: "numeric", month: "short", day: "numeric" });
  const cols = [t("name"), { label: t("spend"), align: "right" as const }, { label: t("impressions"), align: "right" as const }, { label: t("clicks"), align: "right" as const }, { label: t("ctr"), align: "right" as const }, { label: t("cpc"), align: "right" as const }, { label: t("conversions"), align: "right" as const }, { label: t("cpa"), align: "right" as const }, { label: t("roas"), align: "right" as const }];
  const table = (rows: PerformanceRow[], testId: string, href?: (r: PerformanceRow) => string) =>
    rows.length === 0 ? (
      <EmptyState>{t("empty")}</EmptyState>
    ) : (
      <DataTable minWidth="min-w-[60rem]" columns={cols}>
        {rows.map((r) => (
          <tr key={r.id} data-testid={testId}>
            <th scope="row" className="px-4 py-2 font-normal">{href ? <Link className={link} href={href(r)}>{r.name}</Link> : r.name}</th>
            <td className="px-4 py-2 text-right tabular-nums">{yen(r.spendJpy)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{num(r.impressions)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{num(r.clicks)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{pct(r.ctrPct)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{yen(r.cpcJpy)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{num(r.conversions)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{yen(r.cpaJpy)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{pct(r.roasPct)}</td>
          </tr>
        ))}
      </DataTable>
    );
  return (
    <div data-testid="ads-performance">
      <PageHeader title={t("title")} subtitle={t("subtitle", { from: day(data.from), to: day(data.to) })} meta={updatedAt()} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("rangeLabel")}>
        <div>
          <label htmlFor="perf-from" className={label}>{t("from")}</label>
          <input id="perf-from" name="from" type="date" defaultValue={data.from} className={input} />
        </div>
        <div>
          <label htmlFor="perf-to" className={label}>{t("to")}</label>
          <input id="perf-to" name="to" type="date" defaultValue={data.to} className={input} />
        </div>
        <button type="submit" className={btnSecondary}>{t("apply")}</button>
      </form>
      <StatGrid label={t("totals")} className="xl:grid-cols-3 2xl:grid-cols-6">
        <StatCard label={t("spend")} value={yen(data.total.spendJpy)} tone="brand" />
        <StatCard label={t("impressions")} value={num(data.total.impressions)} hint={t("ctrLine", { ctr: pct(data.total.ctrPct) })} />
        <StatCard label={t("clicks")} value={num(data.total.clicks)} hint={t("cpcLine", { cpc: yen(data.total.cpcJpy) })} />
        <StatCard label={t("conversions")} value={num(data.total.conversions)} />
        <StatCard label={t("cpa")} value={yen(data.total.cpaJpy)} />
        <StatCard label={t("roas")} value={pct(data.total.roasPct)} hint={t("revenueLine", { revenue: yen(data.total.revenueJpy) })} />
      </StatGrid>
      <div className="space-y-4">
        <Panel id="perf-campaigns" title={t("byCampaign")} count={num(data.campaigns.length)}>{table(data.campaigns, "perf-campaign", (r) => `/ads/campaigns/${r.id}`)}</Panel>
        <Panel id="perf-adsets" title={t("byAdSet")} count={num(data.adSets.length)}>{table(data.adSets, "perf-adset")}</Panel>
        <Panel id="perf-ads" title={t("byAd")} count={num(data.ads.length)}>{table(data.ads, "perf-ad")}</Panel>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { listCampaigns } from "@/lib/dal/ads-read";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Meter } from "@/components/ui/meter";
import { pageFormat } from "@/components/ui/page-format";
import { btnPrimary, link } from "../../admin/_components/ui";
import { CampaignStatus } from "../_components/status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ads.campaigns");
  return { title: t("title") };
}

const FILTERS = ["all", "active", "pending_approval", "approved", "draft", "paused", "ended"] as const;

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const viewer = await requirePageViewer("ad_campaign.read");
  const { status } = await searchParams;
  const filter = FILTERS.find((f) => f === status) ?? "all";
  const rows = await pageData(listCampaigns(viewer, { status: filter === "all" ? undefined : filter }));
  const t = await getTranslations("ads");
  const { format, tc, updatedAt, num } = await pageFormat(viewer, new Date());
  const yen = (n: number) => format.number(n, { style: "currency", currency: "JPY", maximumFractionDigits: 0 });
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", month: "short", day: "numeric" });

  return (
    <div data-testid="ads-campaigns">
      <PageHeader title={t("campaigns.title")} subtitle={t("campaigns.subtitle")} meta={updatedAt()} />
      <nav aria-label={t("campaigns.filterLabel")} className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <ul className="flex flex-wrap gap-1">
          {FILTERS.map((f) => (
            <li key={f}>
              <Link
                href={f === "all" ? "/ads/campaigns" : `/ads/campaigns?status=${f}`}
                aria-current={f === filter ? "page" : undefined}
                className={`rounded-full border px-3 py-1 text-xs font-medium ${f === filter ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
              >
                {f === "all" ? t("campaigns.all") : t(`statuses.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
        {can(viewer, "ad_campaign.manage") && (
          <Link href="/ads/campaigns/new" className={btnPrimary} data-testid="new-campaign">
            {t("campaigns.new")}
          </Link>
        )}
      </nav>
      <Panel id="campaigns" title={t("campaigns.listTitle")} count={num(rows.length)}>
        {rows.length === 0 ? (
          <EmptyState>{t("campaigns.empty")}</EmptyState>
        ) : (
          <DataTable minWidth="min-w-[56rem]" columns={[t("campaigns.colName"), t("campaigns.colStatus"), t("campaigns.colFlight"), { label: t("campaigns.colBudget"), align: "right" }, t("campaigns.colSpend")]}>
            {rows.map((c) => (
              <tr key={c.id} data-testid="campaign-row">
                <th scope="row" className="px-4 py-2.5 align-top font-normal">
                  <Link href={`/ads/campaigns/${c.id}`} className={`font-medium ${link}`}>
                    {c.name}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {c.brandName} · {tc(`platforms.${c.platform}` as "platforms.x")} · {t(`objectives.${c.objective}`)} · {t("campaigns.adsCount", { n: c.ads })}
                  </span>
                </th>
                <td className="px-4 py-2.5 align-top">
                  <CampaignStatus status={c.status} pausedReason={c.pausedReason} />
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 align-top text-slate-700">
                  {day(c.startsOn)} – {day(c.endsOn)}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-right align-top tabular-nums">
                  {t(`budgetTypes.${c.budgetType}`, { amount: yen(c.budgetJpy) })}
                  {c.budgetType === "daily" && <span className="block text-xs text-slate-500">{t("campaigns.total", { amount: yen(c.totalBudgetJpy) })}</span>}
                </td>
                <td className="min-w-44 px-4 py-2.5 align-top">
                  <span className="tabular-nums">{yen(c.spendJpy)}</span>
                  <Meter value={c.spendJpy} max={Math.max(1, c.totalBudgetJpy)} label={t("active.spendMeter")} className="mt-1" />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </div>
  );
}

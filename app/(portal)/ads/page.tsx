import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getAdsOverview } from "@/lib/dal/overview-ads";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, Panel } from "@/components/ui/panel";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Meter } from "@/components/ui/meter";
import { DataTable } from "@/components/ui/data-table";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { pageFormat } from "@/components/ui/page-format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ads");
  return { title: t("title") };
}

const STATUSES = ["active", "pending_approval", "approved", "draft", "paused", "ended"] as const;
const STATUS_TONE: Record<(typeof STATUSES)[number], Tone> = {
  active: "success",
  pending_approval: "warning",
  approved: "info",
  draft: "muted",
  paused: "neutral",
  ended: "muted",
};

/** Within ±10% of an even spend is on pace. */
function pacingOf(pct: number | null): { key: "onPace" | "under" | "over"; tone: Tone } | null {
  if (pct === null) return null;
  if (pct < 90) return { key: "under", tone: "warning" };
  if (pct > 110) return { key: "over", tone: "danger" };
  return { key: "onPace", tone: "success" };
}

export default async function AdsPage() {
  const viewer = await requirePageViewer("workspace.ads");
  const data = await pageData(getAdsOverview(viewer));
  const t = await getTranslations("ads");
  const { format, tc, num, more, when, rel, updatedAt } = await pageFormat(viewer, data.generatedAt);
  const yen = (n: number) => format.number(n, { style: "currency", currency: "JPY", maximumFractionDigits: 0 });
  const pct = (n: number) => format.number(n / 100, { style: "percent", maximumFractionDigits: 1 });
  /** Flight dates are Tokyo calendar dates. */
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", year: "numeric", month: "short", day: "numeric" });
  const c = data.counts;

  return (
    <div data-testid="ads-overview">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      <nav aria-label={t("overview.campaigns")} className="mb-4 flex flex-wrap gap-2 text-sm">
        {can(viewer, "ad_campaign.manage") && (
          <Link href="/ads/campaigns/new" className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
            {t("overview.new")}
          </Link>
        )}
        <Link href="/ads/campaigns" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50">{t("overview.campaigns")}</Link>
        <Link href="/ads/performance" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50">{t("overview.performance")}</Link>
        <Link href="/ads/rules" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50">{t("overview.rules")}</Link>
      </nav>

      <StatGrid label={t("stats.label")} className="xl:grid-cols-5">
        <StatCard label={t("stats.active")} value={num(c.byStatus.active)} tone="success" />
        <StatCard label={t("stats.pendingApprovals")} value={num(c.pendingApprovals)} tone={c.pendingApprovals ? "warning" : "neutral"} />
        <StatCard label={t("stats.drafts")} value={num(c.byStatus.draft)} tone="muted" />
        <StatCard label={t("stats.awaitingLegal")} value={num(c.awaitingLegal)} tone={c.awaitingLegal ? "warning" : "neutral"} />
        <StatCard label={t("stats.spendToDate")} value={yen(c.spendToDateJpy)} hint={t("stats.spendHint")} tone="brand" />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel id="active" title={t("active.title")} description={t("active.description")} count={num(data.active.length)} className="lg:col-span-3">
          {data.active.length === 0 ? (
            <EmptyState>{t("active.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[48rem]" columns={[t("active.colCampaign"), { label: t("active.colBudget"), align: "right" }, t("active.colSpend"), t("active.colPacing"), t("active.colResults")]}>
              {data.active.map((a) => {
                const pacing = pacingOf(a.pacingPct);
                return (
                  <tr key={a.id}>
                    <th scope="row" className="px-4 py-2.5 align-top font-normal">
                      <Link href={`/ads/campaigns/${a.id}`} className="font-medium text-slate-900 hover:underline">{a.name}</Link>
                      <span className="block text-xs text-slate-500">
                        {a.brandName} · {tc(`platforms.${a.platform}`)} · {t(`objectives.${a.objective}`)}
                      </span>
                      <span className="block text-xs text-slate-500">
                        {day(a.startsOn)} – {day(a.endsOn)} · {t("active.days", { elapsed: a.daysElapsed, total: a.daysTotal })}
                      </span>
                    </th>
                    <td className="whitespace-nowrap px-4 py-2.5 text-right align-top tabular-nums">
                      {t(`budgetTypes.${a.budgetType}`, { amount: yen(a.budgetJpy) })}
                    </td>
                    <td className="min-w-48 px-4 py-2.5 align-top">
                      <span className="tabular-nums text-slate-900">{yen(a.spendToDateJpy)}</span>
                      <Meter value={a.spendToDateJpy} max={Math.max(1, a.totalBudgetJpy)} label={t("active.spendMeter")} className="my-1" />
                      <span className="text-xs text-slate-500">
                        {a.spentPct !== null && t("active.spentOf", { percent: pct(a.spentPct) })} · {t("active.expected", { amount: yen(a.expectedToDateJpy) })}
                      </span>
                    </td>
                    <td className="px-4 py-2.5 align-top">
                      {a.pacingPct !== null && <span className="mr-2 tabular-nums text-slate-900">{t("active.pacing", { percent: pct(a.pacingPct) })}</span>}
                      {pacing && <Badge tone={pacing.tone}>{t(`active.${pacing.key}`)}</Badge>}
                    </td>
                    <td className="px-4 py-2.5 align-top text-xs text-slate-600">
                      {t("active.results", { impressions: num(a.impressions), clicks: num(a.clicks) })}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </Panel>

        <Panel
          id="pending"
          title={t("pending.title")}
          description={t("pending.description", { threshold: yen(data.approvalThresholdJpy) })}
          count={num(c.pendingApprovals)}
        >
          <ItemsOrEmpty items={data.pendingApprovals} empty={t("pending.empty")}>
            {(p) => (
              <Item key={p.id}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <Link href={`/ads/campaigns/${p.id}`} className="font-medium text-slate-900 hover:underline">{p.name}</Link>
                  {p.isOverThreshold && <Badge tone="warning">{t("pending.overThreshold")}</Badge>}
                </div>
                <p className="text-sm tabular-nums text-slate-800">{t(`budgetTypes.${p.budgetType}`, { amount: yen(p.budgetJpy) })}</p>
                <p className="text-xs text-slate-500">
                  {p.brandName} · {t("pending.flight", { from: day(p.startsOn), to: day(p.endsOn) })}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={p.createdAt.toISOString()}>{t("pending.by", { name: p.createdByName ?? "—", time: rel(p.createdAt) })}</time>
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="legal" title={t("legal.title")} description={t("legal.description")} count={num(c.awaitingLegal)} footer={more(data.creativesAwaitingLegal.length, c.awaitingLegal)}>
          <ItemsOrEmpty items={data.creativesAwaitingLegal} empty={t("legal.empty")}>
            {(a) => (
              <Item key={a.adId}>
                <p className="font-medium text-slate-900">{a.adName}</p>
                <p className="text-xs text-slate-500">
                  {a.campaignName} · {a.brandName}
                </p>
                <p className="mt-1 text-xs text-slate-600">
                  {a.dueAt ? (
                    <time dateTime={a.dueAt.toISOString()}>{t("legal.due", { time: when(a.dueAt) })}</time>
                  ) : (
                    t("legal.noDue")
                  )}
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="by-status" title={t("byStatus.title")}>
          <dl className="divide-y divide-slate-100">
            {STATUSES.map((s) => (
              <div key={s} className="flex items-center justify-between py-2 text-sm">
                <dt>
                  <Badge tone={STATUS_TONE[s]}>{t(`statuses.${s}`)}</Badge>
                </dt>
                <dd className="font-semibold tabular-nums text-slate-900">{num(c.byStatus[s])}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      </div>
    </div>
  );
}

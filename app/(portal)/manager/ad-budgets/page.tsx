import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { listBudgetRequests } from "@/lib/dal/ads";
import { PageHeader } from "@/components/ui/page-header";
import { Item, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { pageFormat } from "@/components/ui/page-format";
import { DecideBudget, ThresholdForm } from "./_components/budget-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ads.budgets");
  return { title: t("title") };
}

export default async function AdBudgetsPage() {
  const viewer = await requirePageViewer("ad_budget.approve");
  const data = await pageData(listBudgetRequests(viewer));
  const t = await getTranslations("ads");
  const { format, num, when, updatedAt } = await pageFormat(viewer, new Date());
  const yen = (n: number) => format.number(n, { style: "currency", currency: "JPY", maximumFractionDigits: 0 });
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", month: "short", day: "numeric" });
  return (
    <div data-testid="ad-budgets">
      <PageHeader title={t("budgets.title")} subtitle={t("budgets.subtitle", { threshold: yen(data.thresholdJpy) })} meta={updatedAt()} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel id="budget-pending" title={t("budgets.pendingTitle")} count={num(data.pending.length)} className="lg:col-span-2">
          <ItemsOrEmpty items={data.pending} empty={t("budgets.noPending")}>
            {(p) => (
              <Item key={p.id}>
                <div data-testid="budget-request" data-campaign={p.campaignName}>
                  <p className="font-medium text-slate-900">{p.campaignName}</p>
                  <p className="text-sm text-slate-700">
                    {t("budgets.amount", { amount: yen(p.amountJpy) })} · {t(`budgetTypes.${p.budgetType}`, { amount: yen(p.budgetJpy) })} · {day(p.startsOn)} – {day(p.endsOn)}
                  </p>
                  <p className="text-xs text-slate-500">
                    {p.brandName} · {t("budgets.requestedBy", { name: p.requestedByName ?? "—", time: when(p.requestedAt) })}
                  </p>
                  {p.note && <p className="mt-1 text-sm text-slate-700">{p.note}</p>}
                  <DecideBudget requestId={p.id} />
                </div>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>
        <Panel id="budget-threshold" title={t("budgets.thresholdTitle")} description={t("budgets.thresholdDescription")}>
          <ThresholdForm current={data.thresholdJpy} />
        </Panel>
        <Panel id="budget-decided" title={t("budgets.decidedTitle")} count={num(data.decided.length)} className="lg:col-span-3">
          <ItemsOrEmpty items={data.decided} empty={t("budgets.noDecided")}>
            {(p) => (
              <Item key={p.id}>
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{p.campaignName}</span>
                  <Badge tone={p.state === "approved" ? "success" : "danger"}>{t(`budgets.states.${p.state as "approved"}`)}</Badge>
                  <span className="text-sm tabular-nums">{yen(p.amountJpy)}</span>
                </p>
                <p className="text-xs text-slate-500">
                  {p.decidedAt ? when(p.decidedAt) : ""} {p.reason ? `· ${p.reason}` : ""}
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>
      </div>
    </div>
  );
}

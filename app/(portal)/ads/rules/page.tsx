import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { listCampaigns, listRules } from "@/lib/dal/ads-read";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { pageFormat } from "@/components/ui/page-format";
import { link } from "../../admin/_components/ui";
import { RuleForm, RuleToggle } from "./_components/rule-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ads.rules");
  return { title: t("title") };
}

export default async function RulesPage() {
  const viewer = await requirePageViewer("ad_campaign.read");
  const [data, campaigns] = await Promise.all([pageData(listRules(viewer)), pageData(listCampaigns(viewer))]);
  const t = await getTranslations("ads.rules");
  const { format, num, when, updatedAt } = await pageFormat(viewer, new Date());
  const yen = (n: number) => format.number(n, { style: "currency", currency: "JPY", maximumFractionDigits: 0 });
  const mayManage = can(viewer, "ad_campaign.manage");
  const condition = (r: (typeof data.rules)[number]) =>
    r.kind === "cpa_above" ? t("conditions.cpa_above", { limit: yen(r.params.limitJpy ?? 0), days: r.params.days ?? 0 }) : t("conditions.negative_comments_spike", { count: r.params.count ?? 0, hours: r.params.hours ?? 0 });
  return (
    <div data-testid="ads-rules">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      <div className="space-y-4">
        {mayManage && (
          <Panel id="rule-new" title={t("newTitle")} description={t("newDescription")}>
            <RuleForm campaigns={campaigns.filter((c) => c.status !== "ended").map((c) => ({ id: c.id, name: c.name }))} />
          </Panel>
        )}
        <Panel id="rule-list" title={t("listTitle")} count={num(data.rules.length)}>
          {data.rules.length === 0 ? (
            <EmptyState>{t("empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[48rem]" columns={[t("name"), t("condition"), t("campaign"), t("action"), { label: t("firings"), align: "right" }, t("enabled")]}>
              {data.rules.map((r) => (
                <tr key={r.id} data-testid="rule-row">
                  <th scope="row" className="px-4 py-2 font-medium">{r.name}</th>
                  <td className="px-4 py-2">{condition(r)}</td>
                  <td className="px-4 py-2">{r.campaignId ? <Link className={link} href={`/ads/campaigns/${r.campaignId}`}>{r.campaignName}</Link> : t("allCampaigns")}</td>
                  <td className="whitespace-nowrap px-4 py-2">{t(`ruleActions.${r.action as "pause_ad"}`)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{num(r.firings)}</td>
                  <td className="whitespace-nowrap px-4 py-2">{mayManage ? <RuleToggle ruleId={r.id} enabled={r.enabled} /> : <Badge tone={r.enabled ? "success" : "muted"}>{r.enabled ? t("on") : t("off")}</Badge>}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>
        <Panel id="rule-firings" title={t("firingsTitle")} description={t("firingsDescription")} count={num(data.firings.length)}>
          {data.firings.length === 0 ? (
            <EmptyState>{t("noFirings")}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="firings">
              {data.firings.map((f) => (
                <li key={f.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{f.ruleName}</span> → <Link className={link} href={`/ads/campaigns/${f.campaignId}`}>{f.campaignName}</Link> / {f.adName}:{" "}
                    <Badge tone={f.actionTaken === "paused" ? "warning" : "neutral"}>{t(`actions.${f.actionTaken as "paused"}`)}</Badge>
                  </span>
                  <time className="text-xs text-slate-500" dateTime={f.firedAt.toISOString()}>{when(f.firedAt)}</time>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}

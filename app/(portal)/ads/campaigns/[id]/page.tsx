import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { campaignPlanOptions, getCampaign, getPacing, getPerformance, listBoostCandidates } from "@/lib/dal/ads-read";
import { PREFECTURES } from "@/lib/domain/ads";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { pageFormat } from "@/components/ui/page-format";
import { link } from "../../../admin/_components/ui";
import { ActionButton } from "../../_components/action-button";
import { AdStatus, CampaignStatus } from "../../_components/status";
import { PacingChart } from "../../_components/pacing-chart";
import { CampaignForm } from "../../_components/campaign-form";
import { endCampaignAction, launchCampaignAction, pauseCampaignAction, requestBudgetApprovalAction, resumeCampaignAction, setAdStatusAction, simulateDayAction } from "../../actions";
import { AdSetForm } from "./_components/ad-set-form";
import { AdForm, CreativeEditor } from "./_components/ad-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ads.detail");
  return { title: t("title") };
}

const EDITABLE = ["draft", "pending_approval", "approved", "paused"];

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePageViewer("ad_campaign.read");
  const { id } = await params;
  const data = await pageData(getCampaign(viewer, id));
  const c = data.campaign;
  const [pacing, perf] = await Promise.all([
    pageData(getPacing(viewer, id)),
    pageData(getPerformance(viewer, { campaignId: id, from: c.startsOn, to: c.endsOn })),
  ]);
  const mayManage = can(viewer, "ad_campaign.manage");
  const mayLaunch = can(viewer, "ad_campaign.launch");
  const editable = EDITABLE.includes(c.status);
  const [candidates, options] = await Promise.all([
    mayManage && editable ? pageData(listBoostCandidates(viewer, c.brandId)) : Promise.resolve([]),
    mayManage && editable ? pageData(campaignPlanOptions(viewer)) : Promise.resolve(null),
  ]);
  const t = await getTranslations("ads");
  const locale = await getLocale();
  const { format, tc, num, when, updatedAt } = await pageFormat(viewer, new Date());
  const yen = (n: number | null) => (n === null ? "—" : format.number(n, { style: "currency", currency: "JPY", maximumFractionDigits: 0 }));
  const pct = (n: number | null) => (n === null ? "—" : format.number(n / 100, { style: "percent", maximumFractionDigits: 2 }));
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", month: "short", day: "numeric" });
  const allAds = data.adSets.flatMap((s) => s.ads);
  const blocked = allAds.filter((a) => !a.readiness.ok && a.status !== "ended");
  const prefName = (ja: string) => (locale === "ja" ? ja : (PREFECTURES.find((p) => p.ja === ja)?.en ?? ja));
  const tg = c.targeting;
  const sep = locale === "ja" ? "、" : ", ";
  const isSandbox = c.connector === "sandbox";
  const statusHelp = t(`detail.statusHelp.${c.status}` as "detail.statusHelp.draft");

  return (
    <div data-testid="campaign-detail" data-campaign-id={c.id}>
      <p className="mb-2 text-sm">
        <Link href="/ads/campaigns" className={link}>
          ← {t("campaigns.title")}
        </Link>
      </p>
      <PageHeader
        title={c.name}
        subtitle={
          <span className="inline-flex flex-wrap items-center gap-2">
            <CampaignStatus status={c.status} pausedReason={c.pausedReason} />
            <span>
              {c.brandName} · {c.channelName} ({tc(`platforms.${c.platform}` as "platforms.x")}) · {t(`objectives.${c.objective}`)}
            </span>
            {isSandbox && <Badge tone="info">{t("detail.sandbox")}</Badge>}
          </span>
        }
        meta={updatedAt()}
      />

      <StatGrid label={t("detail.statsLabel")} className="xl:grid-cols-5">
        <StatCard label={t("detail.totalBudget")} value={yen(c.totalBudgetJpy)} hint={t(`budgetTypes.${c.budgetType}`, { amount: yen(c.budgetJpy) })} tone="brand" />
        <StatCard label={t("detail.spend")} value={yen(c.spendJpy)} hint={pacing.pacingPct === null ? t("detail.noDelivery") : t("detail.pacingPct", { pct: format.number(pacing.pacingPct / 100, { style: "percent", maximumFractionDigits: 1 }) })} tone={pacing.status === "overspend" ? "danger" : pacing.status === "underdelivery" ? "warning" : "success"} />
        <StatCard label={t("perf.impressions")} value={num(perf.total.impressions)} hint={t("perf.ctrLine", { ctr: pct(perf.total.ctrPct) })} />
        <StatCard label={t("perf.conversions")} value={num(perf.total.conversions)} hint={t("perf.cpaLine", { cpa: yen(perf.total.cpaJpy) })} />
        <StatCard label={t("perf.roas")} value={pct(perf.total.roasPct)} hint={t("perf.revenueLine", { revenue: yen(perf.total.revenueJpy) })} />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel id="delivery" title={t("detail.deliveryTitle")} description={statusHelp} className="lg:col-span-2">
          <div className="flex flex-wrap items-start gap-2" data-testid="campaign-controls">
            {mayManage && c.status === "draft" && data.needsApproval && !data.approvalCovered && (
              <ActionButton action={requestBudgetApprovalAction} input={{ campaignId: c.id }} label={t("detail.requestApproval")} pendingLabel={t("detail.working")} variant="primary" testId="request-approval" />
            )}
            {mayLaunch && ["draft", "approved"].includes(c.status) && (
              <ActionButton action={launchCampaignAction} input={{ campaignId: c.id }} label={t("detail.launch")} pendingLabel={t("detail.launching")} variant={data.needsApproval && !data.approvalCovered ? "secondary" : "primary"} testId="launch" disabledReasonId={data.adsSetupGap ? "ads-setup-gap" : undefined} />
            )}
            {mayLaunch && c.status === "active" && <ActionButton action={pauseCampaignAction} input={{ campaignId: c.id }} label={t("detail.pause")} pendingLabel={t("detail.working")} testId="pause" />}
            {mayLaunch && c.status === "paused" && <ActionButton action={resumeCampaignAction} input={{ campaignId: c.id }} label={t("detail.resume")} pendingLabel={t("detail.working")} variant="primary" testId="resume" />}
            {mayLaunch && isSandbox && c.status === "active" && (
              <ActionButton action={simulateDayAction} input={{ campaignId: c.id }} label={t("detail.simulateDay", { day: c.nextDeliveryDay ? day(c.nextDeliveryDay) : "—" })} pendingLabel={t("detail.working")} testId="simulate-day" />
            )}
            {mayLaunch && ["active", "paused", "approved", "draft", "pending_approval"].includes(c.status) && (
              <ActionButton action={endCampaignAction} input={{ campaignId: c.id }} label={t("detail.end")} pendingLabel={t("detail.working")} variant="danger" testId="end" confirmText={t("detail.endConfirm")} />
            )}
          </div>
          {data.adsSetupGap && c.status !== "ended" && (
            <p id="ads-setup-gap" role="note" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="ads-setup-gap" data-gap={data.adsSetupGap}>
              {t(`errors.${data.adsSetupGap}`)}
            </p>
          )}
          {data.pendingRequest && (
            <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="approval-pending">
              {t("detail.approvalPending", { amount: yen(data.pendingRequest.amountJpy), time: when(data.pendingRequest.requestedAt) })}
            </p>
          )}
          {data.needsApproval && !data.pendingRequest && (
            <p className={`mt-3 rounded-md px-3 py-2 text-sm ${data.approvalCovered ? "bg-emerald-50 text-emerald-900" : "bg-slate-50 text-slate-700"}`} data-testid="approval-state">
              {data.approvalCovered ? t("detail.approvalCovered", { amount: yen(c.budgetApprovedJpy) }) : t("detail.approvalNeeded", { threshold: yen(data.thresholdJpy) })}
            </p>
          )}
          {blocked.length > 0 && c.status !== "ended" && (
            <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="readiness">
              <p className="font-medium">{t("detail.blockedTitle")}</p>
              <ul className="mt-1 list-disc pl-5">
                {blocked.map((a) => (
                  <li key={a.id}>
                    {a.name}: {t(`errors.${a.readiness.reason ?? "not_launchable"}` as "errors.not_launchable")}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {c.lastError && <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800">{t("detail.lastError", { error: c.lastError })}</p>}
        </Panel>

        <Panel id="plan" title={t("detail.planTitle")}>
          <dl className="space-y-2 text-sm">
            <div><dt className="text-xs text-slate-500">{t("detail.flight")}</dt><dd>{day(c.startsOn)} – {day(c.endsOn)}</dd></div>
            <div><dt className="text-xs text-slate-500">{t("form.pacing")}</dt><dd>{t(`form.pacingKinds.${c.pacing}`)}</dd></div>
            <div><dt className="text-xs text-slate-500">{t("detail.audience")}</dt><dd>{t("detail.ages", { min: tg.ageMin, max: tg.ageMax })} · {tg.genders.length === 1 ? t(`form.genderOptions.${tg.genders[0] as "female"}`) : t("detail.allGenders")}</dd></div>
            <div><dt className="text-xs text-slate-500">{t("form.prefectures")}</dt><dd>{tg.prefectures.length ? tg.prefectures.map(prefName).join(sep) : t("form.allJapan")}</dd></div>
            <div><dt className="text-xs text-slate-500">{t("form.interests")}</dt><dd>{tg.interests.length ? tg.interests.join(sep) : "—"}</dd></div>
            <div><dt className="text-xs text-slate-500">{t("form.languages")}</dt><dd>{tg.languages.length ? tg.languages.map((l) => t(`form.languageOptions.${l as "ja"}`)).join(sep) : "—"}</dd></div>
            <div><dt className="text-xs text-slate-500">{t("detail.createdBy")}</dt><dd>{c.createdByName ?? "—"}</dd></div>
          </dl>
          {options && (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("detail.editPlan")}</summary>
              <div className="mt-3">
                <CampaignForm
                  options={options}
                  campaignId={c.id}
                  thresholdJpy={data.thresholdJpy}
                  initial={{ name: c.name, brandId: c.brandId, channelId: c.channelId, objective: c.objective, budgetType: c.budgetType, budgetJpy: String(c.budgetJpy), startsOn: c.startsOn, endsOn: c.endsOn, pacing: c.pacing, ageMin: String(tg.ageMin), ageMax: String(tg.ageMax), genders: tg.genders, prefectures: tg.prefectures, interests: tg.interests.join(", "), languages: tg.languages }}
                />
              </div>
            </details>
          )}
        </Panel>

        <Panel
          id="pacing"
          title={t("pacing.title")}
          description={pacing.throughDay ? t("pacing.through", { day: day(pacing.throughDay) }) : t("pacing.notStarted")}
          className="lg:col-span-3"
          actions={pacing.status !== "not_started" ? <Badge tone={pacing.status === "on_pace" ? "success" : pacing.status === "overspend" ? "danger" : "warning"}>{t(`pacing.status.${pacing.status}`)}</Badge> : undefined}
        >
          {(pacing.overspendDays > 0 || pacing.underdeliveryDays > 0) && (
            <ul className="mb-3 space-y-1 text-sm" data-testid="pacing-warnings">
              {pacing.overspendDays > 0 && <li className="rounded-md bg-red-50 px-3 py-1.5 text-red-800">{t("pacing.overspendWarning", { n: pacing.overspendDays })}</li>}
              {pacing.underdeliveryDays > 0 && <li className="rounded-md bg-amber-50 px-3 py-1.5 text-amber-900">{t("pacing.underWarning", { n: pacing.underdeliveryDays })}</li>}
            </ul>
          )}
          <PacingChart
            rows={pacing.rows}
            title={t("pacing.chartTitle")}
            summary={t("pacing.summary", { planned: yen(pacing.plannedToDateJpy), actual: yen(pacing.actualToDateJpy) })}
            labels={{
              planned: t("pacing.planned"),
              actual: t("pacing.actual"),
              over: t("pacing.over"),
              under: t("pacing.under"),
              axisFrom: pacing.rows[0] ? day(pacing.rows[0].day) : "",
              axisTo: pacing.rows.at(-1) ? day(pacing.rows.at(-1)!.day) : "",
              max: yen(Math.max(0, ...pacing.rows.map((r) => Math.max(r.plannedJpy, r.actualJpy ?? 0)))),
            }}
          />
          <details className="mt-3" open={pacing.rows.length <= 14}>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("pacing.tableToggle")}</summary>
            <div className="mt-2 max-h-96 overflow-y-auto">
              <DataTable minWidth="min-w-[40rem]" columns={[t("pacing.day"), { label: t("pacing.planned"), align: "right" }, { label: t("pacing.actual"), align: "right" }, { label: t("pacing.cumPlanned"), align: "right" }, { label: t("pacing.cumActual"), align: "right" }, t("pacing.flag")]}>
                {pacing.rows.map((r) => (
                  <tr key={r.day} data-testid="pacing-row" data-day={r.day}>
                    <th scope="row" className="px-4 py-1.5 font-normal">{day(r.day)}</th>
                    <td className="px-4 py-1.5 text-right tabular-nums">{yen(r.plannedJpy)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{r.actualJpy === null ? "—" : yen(r.actualJpy)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{yen(r.cumulativePlannedJpy)}</td>
                    <td className="px-4 py-1.5 text-right tabular-nums">{r.cumulativeActualJpy === null ? "—" : yen(r.cumulativeActualJpy)}</td>
                    <td className="px-4 py-1.5">{r.flag && <Badge tone={r.flag === "over" ? "danger" : "warning"}>{t(`pacing.${r.flag}`)}</Badge>}</td>
                  </tr>
                ))}
              </DataTable>
            </div>
          </details>
        </Panel>

        <Panel id="ads" title={t("detail.adsTitle")} count={num(allAds.length)} className="lg:col-span-3">
          {data.adSets.length === 0 && <EmptyState>{t("detail.noAdSets")}</EmptyState>}
          <div className="space-y-5">
            {data.adSets.map((s) => (
              <section key={s.id} aria-labelledby={`set-${s.id}`} className="rounded-lg border border-slate-200 p-3" data-testid="ad-set">
                <h3 id={`set-${s.id}`} className="font-semibold text-slate-900">
                  {s.name} <span className="text-sm font-normal text-slate-500">{s.dailyBudgetJpy ? t("detail.setBudget", { amount: yen(s.dailyBudgetJpy) }) : t("detail.setNoBudget")}</span>
                </h3>
                {s.ads.length === 0 ? (
                  <p className="mt-2 text-sm text-slate-600">{t("detail.noAds")}</p>
                ) : (
                  <ul className="mt-2 divide-y divide-slate-100">
                    {s.ads.map((a) => {
                      const p = perf.ads.find((x) => x.id === a.id);
                      return (
                        <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 py-2.5" data-testid="ad-row" data-ad-name={a.name}>
                          <div className="min-w-0 flex-1">
                            <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                              {a.name} <Badge tone="muted">{t(`adForm.${a.sourceKind}`)}</Badge>
                              <AdStatus status={a.status} pausedReason={a.pausedReason} />
                              {a.sourceKind === "creative" && <Badge tone={a.readiness.ok ? "success" : "warning"}>{t(`detail.legal.${a.readiness.clearance ?? "none"}` as "detail.legal.none")}</Badge>}
                            </p>
                            {a.sourceKind === "boost" ? (
                              <p className="text-sm text-slate-600">{t("detail.boosts", { title: a.postTitle ?? "—", n: a.revisionNumber ?? 0 })}</p>
                            ) : (
                              <p className="whitespace-pre-wrap text-sm text-slate-700">{a.creativeText}</p>
                            )}
                            {p && <p className="mt-1 text-xs text-slate-500" data-testid="ad-results">{t("detail.adResults", { spend: yen(p.spendJpy), imp: num(p.impressions), clicks: num(p.clicks), conv: num(p.conversions), cpa: yen(p.cpaJpy) })}</p>}
                            {mayManage && a.sourceKind === "creative" && a.status !== "ended" && c.status !== "ended" && (
                              <CreativeEditor adId={a.id} running={a.status === "active"} initial={{ text: a.creativeText ?? "", headline: a.creativeHeadline ?? "", linkUrl: a.creativeLinkUrl ?? "", cta: a.creativeCta ?? "" }} />
                            )}
                          </div>
                          {mayLaunch && ["active", "paused"].includes(c.status) && (
                            <div>
                              {a.status === "active" && <ActionButton action={setAdStatusAction} input={{ adId: a.id, to: "paused" as const }} label={t("detail.pauseAd")} pendingLabel={t("detail.working")} testId="pause-ad" />}
                              {a.status === "paused" && <ActionButton action={setAdStatusAction} input={{ adId: a.id, to: "active" as const }} label={t("detail.resumeAd")} pendingLabel={t("detail.working")} testId="resume-ad" />}
                            </div>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                )}
                {mayManage && editable && (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700" data-testid="add-ad-toggle">{t("detail.addAd")}</summary>
                    <div className="mt-2">
                      <AdForm adSetId={s.id} candidates={candidates} />
                    </div>
                  </details>
                )}
              </section>
            ))}
          </div>
          {mayManage && editable && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <AdSetForm campaignId={c.id} targeting={{ ...tg, interests: tg.interests }} />
            </div>
          )}
        </Panel>

        <Panel id="firings" title={t("rules.firingsTitle")} count={num(data.firings.length)} className="lg:col-span-3">
          {data.firings.length === 0 ? (
            <EmptyState>{t("rules.noFirings")}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="firings">
              {data.firings.map((f) => (
                <li key={f.id} className="py-2">
                  <span className="font-medium">{f.ruleName}</span> → {f.adName}: {t(`rules.actions.${f.actionTaken}` as "rules.actions.paused")}{" "}
                  <time className="text-xs text-slate-500" dateTime={f.firedAt.toISOString()}>{when(f.firedAt)}</time>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm">
            <Link href="/ads/rules" className={link}>{t("rules.manageLink")}</Link>
          </p>
        </Panel>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { listReportRecipients, listReports, listReportSchedules } from "@/lib/dal/analytics-reports";
import { getAnalyticsFilterOptions } from "@/lib/dal/analytics-posts";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { Badge, type Tone } from "@/components/ui/badge";
import { dateTimeFormat } from "@/components/ui/time";
import { AnalyticsTabs } from "../_components/tabs";
import { analyticsFormat } from "../_components/format";
import { GenerateNow, ScheduleForm, ScheduleToggle } from "./_components/schedule-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.reports");
  return { title: t("title") };
}

const EMAIL_TONE: Record<string, Tone> = { sent: "success", failed: "danger", pending: "info", not_configured: "muted", none: "muted" };

/** /analytics/reports — weekly report schedules and the reports stored in the portal. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePageViewer("analytics.read");
  const sp = await searchParams;
  const pageNo = Number(Array.isArray(sp.page) ? sp.page[0] : sp.page) || 1;
  const canManage = can(viewer, "analytics.export");
  const [schedules, reports, options, recipients] = await Promise.all([
    pageData(listReportSchedules(viewer)),
    pageData(listReports(viewer, pageNo)),
    pageData(getAnalyticsFilterOptions(viewer)),
    canManage ? pageData(listReportRecipients(viewer)) : Promise.resolve([]),
  ]);
  const t = await getTranslations("analytics.reports");
  const f = await analyticsFormat();
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, dateTimeFormat(viewer.timeZone));

  return (
    <div data-testid="analytics-reports">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <AnalyticsTabs current="reports" />
      <div className="grid gap-4">
        {canManage && (
          <Panel id="new-schedule" title={t("newTitle")} description={t("newDescription")}>
            <ScheduleForm brands={options.brands} recipients={recipients.filter((r) => r.id !== viewer.id)} />
          </Panel>
        )}
        <Panel id="schedules" title={t("schedulesTitle")} count={f.num(schedules.length)}>
          {schedules.length === 0 ? (
            <EmptyState icon="—">{t("noSchedules")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[48rem]" columns={[t("name"), t("when"), t("brand"), t("recipients"), t("nextRun"), ""]}>
              {schedules.map((s) => (
                <tr key={s.id} data-testid="schedule-row">
                  <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                    {s.name}
                    <span className="block text-xs font-normal text-slate-500">{t("createdBy", { name: s.createdByName ?? f.na })}</span>
                  </th>
                  <td className="px-4 py-2">{t("slot", { weekday: t(`weekdays.${s.weekday}`), time: s.time })}</td>
                  <td className="px-4 py-2">{s.brandName ?? t("allBrands")}</td>
                  <td className="px-4 py-2 text-xs">{s.recipients.length ? s.recipients.map((r) => r.name).join("、") : t("ownerOnly")}</td>
                  <td className="px-4 py-2 text-xs">{s.nextRunAt ? when(s.nextRunAt) : <Badge tone="muted">{t("disabled")}</Badge>}</td>
                  <td className="px-4 py-2 text-right">{canManage && <ScheduleToggle id={s.id} enabled={s.enabled} />}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>
        <Panel id="reports" title={t("reportsTitle")} count={f.num(reports.total)} actions={canManage ? <GenerateNow brands={options.brands} /> : undefined}>
          {reports.total === 0 ? (
            <EmptyState icon="—">{t("noReports")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[44rem]" columns={[t("report"), t("period"), t("source"), t("email"), t("createdAt")]}>
              {reports.items.map((r) => (
                <tr key={r.id} data-testid="report-row">
                  <th scope="row" className="px-4 py-2 font-normal">
                    <Link href={`/analytics/reports/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.title}
                    </Link>
                  </th>
                  <td className="px-4 py-2 text-xs">
                    {f.day(r.periodFrom)}〜{f.day(r.periodTo)}
                  </td>
                  <td className="px-4 py-2 text-xs">{r.scheduleName ?? t("manual")}</td>
                  <td className="px-4 py-2">
                    <Badge tone={EMAIL_TONE[r.emailStatus] ?? "neutral"}>{t(`emailStatus.${r.emailStatus}`)}</Badge>
                  </td>
                  <td className="px-4 py-2 text-xs">{when(r.createdAt)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {reports.pages > 1 && (
            <nav aria-label={t("pagination")} className="mt-3 flex justify-between text-sm">
              {reports.page > 1 ? <Link href={`/analytics/reports?page=${reports.page - 1}`}>{t("prev")}</Link> : <span />}
              <span className="text-slate-600">{t("page", { page: reports.page, pages: reports.pages })}</span>
              {reports.page < reports.pages ? <Link href={`/analytics/reports?page=${reports.page + 1}`}>{t("next")}</Link> : <span />}
            </nav>
          )}
        </Panel>
      </div>
    </div>
  );
}

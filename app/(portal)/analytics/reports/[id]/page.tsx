import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getReport } from "@/lib/dal/analytics-reports";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { dateTimeFormat } from "@/components/ui/time";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.reports");
  return { title: t("viewTitle") };
}

/** /analytics/reports/[id] — one stored report, exactly as it was mailed (sandboxed), with its files. */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePageViewer("analytics.read");
  const { id } = await params;
  const r = await pageData(getReport(viewer, id));
  const t = await getTranslations("analytics.reports");
  const format = await getFormatter();
  const btn = "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <div data-testid="analytics-report">
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm">
        <Link href="/analytics/reports" className="text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader
        title={r.title}
        subtitle={t("viewSubtitle", { source: r.scheduleName ?? t("manual"), at: format.dateTime(r.createdAt, dateTimeFormat(viewer.timeZone)) })}
        meta={<Badge tone={r.emailStatus === "sent" ? "success" : r.emailStatus === "failed" ? "danger" : "muted"}>{t(`emailStatus.${r.emailStatus}`)}</Badge>}
      />
      <Panel
        id="report-body"
        title={t("contents")}
        actions={
          can(viewer, "analytics.export") ? (
            <div className="flex gap-2">
              <a className={btn} href={`/api/analytics/reports/${r.id}/download?format=html`} data-testid="download-html">
                {t("downloadHtml")}
              </a>
              <a className={btn} href={`/api/analytics/reports/${r.id}/download?format=csv`} data-testid="download-csv">
                {t("downloadCsv")}
              </a>
            </div>
          ) : undefined
        }
      >
        {/* The stored HTML runs nothing: sandboxed without scripts, every value escaped when it was made. */}
        <iframe title={r.title} srcDoc={r.html} sandbox="" className="h-[60rem] w-full rounded-md border border-slate-200 bg-white" />
      </Panel>
    </div>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { listRightsOverview } from "@/lib/dal/asset-rights";
import { getLegalSettings } from "@/lib/dal/legal-settings";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { card, link, td, th } from "../../admin/_components/ui";
import { PolicyForm } from "./_components/policy-form";

export async function generateMetadata() {
  const t = await getTranslations("legalHolds.rights");
  return { title: t("title") };
}

const OUTCOME_TONE: Record<string, string> = {
  flagged: "bg-amber-100 text-amber-900",
  pending: "bg-sky-100 text-sky-900",
  hidden: "bg-slate-200 text-slate-800",
  deleted: "bg-slate-200 text-slate-800",
  held: "bg-red-100 text-red-900",
  failed: "bg-red-600 text-white",
};

/** /legal/rights — assets whose rights end within 30 days or have ended, the posts using them, and Legal's policy. */
export default async function RightsPage() {
  const viewer = await requirePageViewer("legal_hold.manage");
  const now = new Date();
  const [rows, settings] = await pageData(Promise.all([listRightsOverview(viewer, { now }), getLegalSettings(viewer)]));
  const t = await getTranslations("legalHolds.rights");
  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("lead")} />
      <section className={`${card} mb-6 p-4`} aria-labelledby="policy-title">
        <h2 id="policy-title" className="mb-1 font-semibold">{t("policyTitle")}</h2>
        <p className="mb-3 text-xs text-slate-500">
          {settings.updatedAt && settings.updatedByName ? (
            <>
              {t("updated", { name: settings.updatedByName })} <DateTime value={settings.updatedAt} timeZone={viewer.timeZone} />
            </>
          ) : (
            t("never")
          )}{" "}
          · {t("heldNote")}
        </p>
        <PolicyForm initial={{ rightsExpiryAction: settings.rightsExpiryAction, inboxRetentionDays: settings.inboxRetentionDays, draftRetentionDays: settings.draftRetentionDays }} />
      </section>
      {rows.length === 0 ? (
        <div data-testid="rights-empty">
          <EmptyState icon="©">
            <span>
              <strong className="block text-slate-700">{t("empty")}</strong>
              {t("emptyHint")}
            </span>
          </EmptyState>
        </div>
      ) : (
        <div className={`${card} overflow-x-auto`}>
          <table className="min-w-full divide-y divide-slate-200" data-testid="rights-table">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>{t("endsAt")}</th>
                <th scope="col" className={th}>{t("licence")}</th>
                <th scope="col" className={th}>{t("posts")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {rows.map((a) => (
                <tr key={a.id} data-testid="rights-row" data-status={a.status}>
                  <td className={`${td} whitespace-nowrap`}>
                    <span className={`mb-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium ${a.status === "expired" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900"}`}>{t(a.status)}</span>
                    <div><DateTime value={a.endsAt} timeZone={viewer.timeZone} /></div>
                    <div className="text-xs text-slate-500"><RelativeTime value={a.endsAt} now={now} timeZone={viewer.timeZone} /></div>
                  </td>
                  <td className={td}>
                    <div className="font-medium text-slate-900">{a.originalName}</div>
                    <div className="text-xs text-slate-600">
                      {t(`sources.${a.source}` as "sources.own")}
                      {a.brandName ? ` · ${a.brandName}` : ""}
                    </div>
                    {a.licence && <div className="text-xs text-slate-500">{a.licence}</div>}
                  </td>
                  <td className={td}>
                    {a.posts.length === 0 ? (
                      <span className="text-sm text-slate-500">{t("noPosts")}</span>
                    ) : (
                      <ul className="space-y-1">
                        {a.posts.map((p) => (
                          <li key={p.postId} className="flex flex-wrap items-center gap-2 text-sm">
                            <Link className={link} href={`/legal/reviews/${p.postId}`}>{p.title}</Link>
                            <span className="text-xs text-slate-500">{p.channels.join(", ")}</span>
                            {p.outcome && <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${OUTCOME_TONE[p.outcome] ?? ""}`}>{t(`outcome.${p.outcome}` as "outcome.flagged")}</span>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

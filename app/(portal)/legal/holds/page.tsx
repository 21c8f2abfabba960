import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { listHolds } from "@/lib/dal/legal-holds";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/time";
import { PlaceHoldForm } from "@/components/legal/place-hold-form";
import { card, link, td, th } from "../../admin/_components/ui";
import { ReleaseHold } from "./_components/release-hold";

export async function generateMetadata() {
  const t = await getTranslations("legalHolds.holds");
  return { title: t("title") };
}

const STATES = ["active", "released", "all"] as const;

/** /legal/holds — active and released legal holds; place and release (legal_hold.manage). */
export default async function HoldsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const viewer = await requirePageViewer("legal_hold.manage");
  const sp = await searchParams;
  const state = (STATES as readonly string[]).includes(sp.state ?? "") ? (sp.state as (typeof STATES)[number]) : "active";
  const holds = await pageData(listHolds(viewer, { state }));
  const t = await getTranslations("legalHolds.holds");

  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("lead")} />
      <section className={`${card} mb-6 p-4`} aria-labelledby="hold-place-title">
        <h2 id="hold-place-title" className="mb-3 font-semibold">{t("placeTitle")}</h2>
        <PlaceHoldForm />
      </section>
      <nav aria-label={t("tabs")} className="mb-3 flex gap-1 border-b border-slate-200">
        {STATES.map((s) => (
          <Link
            key={s}
            href={`/legal/holds${s === "active" ? "" : `?state=${s}`}`}
            aria-current={s === state ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${s === state ? "border-brand-700 font-semibold text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(s)}
          </Link>
        ))}
      </nav>
      {holds.length === 0 ? (
        <div data-testid="holds-empty">
          <EmptyState icon="⚖">
            <span>
              <strong className="block text-slate-700">{state === "released" ? t("emptyReleased") : t("empty")}</strong>
              {t("emptyHint")}
            </span>
          </EmptyState>
        </div>
      ) : (
        <div className={`${card} overflow-x-auto`}>
          <table className="min-w-full divide-y divide-slate-200" data-testid="holds-table">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>{t("subject")}</th>
                <th scope="col" className={th}>{t("reason")}</th>
                <th scope="col" className={th}>{t("placedBy")}</th>
                <th scope="col" className={th}>{t("releasedBy")}</th>
                <th scope="col" className={`${th} w-56`}><span className="sr-only">{t("release")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {holds.map((h) => (
                <tr key={h.id} data-testid="hold-row">
                  <td className={td}>
                    <span className="mb-0.5 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t(`kinds.${h.subjectKind}`)}</span>
                    <div className="font-medium text-slate-900">
                      {h.href ? <Link className={link} href={h.href}>{h.label ?? h.subjectRef}</Link> : (h.label ?? h.subjectRef)}
                    </div>
                    {h.label !== h.subjectRef && <div className="font-mono text-xs text-slate-500">{h.subjectRef}</div>}
                  </td>
                  <td className={`${td} max-w-md whitespace-pre-wrap`}>{h.reason}</td>
                  <td className={td}>
                    {h.placedByName ?? "—"}
                    <div className="text-xs text-slate-500"><DateTime value={h.placedAt} timeZone={viewer.timeZone} /></div>
                  </td>
                  <td className={td}>
                    {h.releasedAt ? (
                      <>
                        {h.releasedByName ?? "—"}
                        <div className="text-xs text-slate-500"><DateTime value={h.releasedAt} timeZone={viewer.timeZone} /></div>
                        {h.releaseReason && <div className="mt-1 text-xs text-slate-700">{h.releaseReason}</div>}
                      </>
                    ) : (
                      <span className="whitespace-nowrap rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">{t("active")}</span>
                    )}
                  </td>
                  <td className={td}>{!h.releasedAt && <ReleaseHold holdId={h.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

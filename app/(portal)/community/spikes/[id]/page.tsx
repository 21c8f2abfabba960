import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { getSpikeAlert } from "@/lib/dal/inbox-monitor";
import { PageHeader } from "@/components/ui/page-header";
import { DateTime } from "@/components/ui/time";
import { btnPrimary, card, link } from "../../../admin/_components/ui";
import { StartCrisisForm } from "./_components/start-crisis-form";

export async function generateMetadata() {
  const t = await getTranslations("inboxSettings");
  return { title: t("spike.title") };
}

/** /community/spikes/[id] — a spike alert: the numbers, the heaviest items, the filtered inbox, crisis mode in one click. */
export default async function SpikeAlertPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePageViewer("inbox.read");
  const { id } = await params;
  const a = await pageData(getSpikeAlert(viewer, id));
  const t = await getTranslations("inboxSettings");
  const f = await getFormatter();
  const when = (d: Date) => f.dateTime(d, { timeZone: viewer.timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const canCrisis = viewer.permissions.has("crisis.manage");
  return (
    <div>
      <PageHeader title={t("alert.title", { channel: a.channelName })} subtitle={t("alert.lead", { start: when(a.windowStart), end: when(a.windowEnd), count: a.count, baseline: a.baseline })} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section className={`${card} p-4`} aria-labelledby="samples-title" data-testid="spike-samples">
          <h2 id="samples-title" className="mb-3 font-semibold">{t("alert.samples")}</h2>
          {a.samples.length === 0 ? (
            <p className="text-sm text-slate-500">{t("alert.noSamples")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {a.samples.map((s) => (
                <li key={s.id} className="py-2 text-sm">
                  <div className="mb-1 flex items-center gap-2 text-xs text-slate-500">
                    <DateTime value={s.receivedAt} timeZone={viewer.timeZone} />
                    <span className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-700">{t("alert.risk", { score: s.riskScore })}</span>
                  </div>
                  <p className="whitespace-pre-wrap break-words text-slate-800">{s.text ?? t("alert.dmHidden")}</p>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-4">
            <Link href={a.inboxHref} className={btnPrimary} data-testid="spike-inbox-link">{t("alert.openInbox")}</Link>
          </p>
        </section>
        <section className={`${card} p-4`} aria-labelledby="crisis-title" data-testid="spike-crisis">
          <h2 id="crisis-title" className="mb-1 font-semibold">{t("alert.crisisTitle")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("alert.crisisHint")}</p>
          {a.crisisId ? (
            <p className="text-sm">
              {t("alert.crisisActive")} — <Link href="/crisis" className={link}>{t("alert.openCrisis")}</Link>
            </p>
          ) : canCrisis ? (
            <StartCrisisForm spikeId={a.id} defaultReason={t("alert.reasonDefault", { channel: a.channelName, count: a.count })} />
          ) : (
            <p className="text-sm text-slate-500">{t("alert.noPermission")}</p>
          )}
        </section>
      </div>
    </div>
  );
}

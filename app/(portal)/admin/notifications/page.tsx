import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { getOutboundStatus } from "@/lib/dal/notification-webhooks";
import { NOTIFICATION_KINDS, WEBHOOK_DEFAULT_KINDS } from "@/lib/domain/notifications";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { AdminEmpty } from "../_components/admin-empty";
import { card, td, th } from "../_components/ui";
import { WebhookForm } from "./_components/webhook-form";
import { WebhookRowActions } from "./_components/webhook-row-actions";

export async function generateMetadata() {
  const t = await getTranslations("notifications.admin");
  return { title: t("title") };
}

/** /admin/notifications — SMTP status (from the environment) and Slack / Teams webhooks. */
export default async function AdminNotificationsPage() {
  const viewer = await requirePageViewer("notification_channel.manage");
  const status = await pageData(getOutboundStatus(viewer));
  const t = await getTranslations("notifications.admin");
  const ts = await getTranslations("notifications.settings.kinds");

  return (
    <div data-testid="admin-notifications">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />

      <section className={`${card} mb-6 p-4`} aria-labelledby="smtp-title" data-testid="smtp-status">
        <h2 id="smtp-title" className="mb-2 flex items-center gap-2 font-semibold">
          {t("smtpTitle")}
          {status.smtp.configured ? <Badge tone="success">{t("smtpOn")}</Badge> : <Badge tone="warning">{t("smtpOff")}</Badge>}
        </h2>
        {status.smtp.configured && (
          <dl className="mb-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">{t("smtpServer")}</dt>
            <dd className="font-mono">{status.smtp.server}</dd>
            <dt className="text-slate-500">{t("smtpFrom")}</dt>
            <dd>{status.smtp.from}</dd>
          </dl>
        )}
        <p className="text-xs text-slate-600">{t("smtpHelp")}</p>
      </section>

      <section className={`${card} mb-6`} aria-labelledby="webhooks-title">
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id="webhooks-title" className="font-semibold">
            {t("webhooksTitle")}
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">{t("webhooksDescription")}</p>
        </div>
        {status.webhooks.length === 0 ? (
          <AdminEmpty testId="webhooks-empty" title={t("empty")} hint={t("webhooksDescription")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200" data-testid="webhooks-table">
              <caption className="sr-only">{t("webhooksTitle")}</caption>
              <thead className="bg-slate-50">
                <tr>
                  {[t("colName"), t("colUrl"), t("colKinds"), t("colStatus"), t("colDeliveries"), t("colActions")].map((c) => (
                    <th key={c} scope="col" className={th}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {status.webhooks.map((w) => (
                  <tr key={w.id} data-testid="webhook-row">
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {w.name}
                      <span className="block text-xs font-normal text-slate-500">
                        {t(`types.${w.kind}`)} · {t(`languages.${w.locale}`)}
                      </span>
                    </th>
                    <td className={`${td} font-mono text-xs`}>{w.maskedUrl}</td>
                    <td className={`${td} text-xs`}>
                      <ul className="flex max-w-xs flex-wrap gap-1">
                        {w.kinds.map((k) => (
                          <li key={k}>
                            <Badge tone="muted">{(NOTIFICATION_KINDS as readonly string[]).includes(k) ? ts(`${k.replaceAll(".", "_")}.label`) : k}</Badge>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className={td}>{w.enabled ? <Badge tone="success">{t("enabled")}</Badge> : <Badge tone="muted">{t("disabled")}</Badge>}</td>
                    <td className={`${td} text-xs`}>
                      {t("deliveries", { sent: w.stats.sent, pending: w.stats.pending, failed: w.stats.failed })}
                      {w.lastDelivery?.lastError && <span className="mt-1 block text-red-700">{t("lastError", { error: w.lastDelivery.lastError })}</span>}
                    </td>
                    <td className={td}>
                      <WebhookRowActions id={w.id} name={w.name} enabled={w.enabled} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={`${card} p-4`} aria-labelledby="webhook-add-title">
        <h2 id="webhook-add-title" className="mb-3 font-semibold">
          {t("addTitle")}
        </h2>
        <WebhookForm kinds={NOTIFICATION_KINDS} defaultKinds={WEBHOOK_DEFAULT_KINDS} />
      </section>
    </div>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AuditEventDto } from "@/lib/dal/admin";
import { dateTimeOptions } from "./format";
import { link, td, th } from "./ui";

function detailsText(data: unknown): string | null {
  if (data === null || data === undefined) return null;
  if (typeof data === "object" && Object.keys(data as object).length === 0) return null;
  return JSON.stringify(data, null, 2);
}

/**
 * Audit events as a table. Details are JSON shown as inert text (React escapes it; nothing in
 * an event is ever rendered as HTML or a link target except our own filter URLs).
 */
export async function AuditTable({ events, timeZone, caption, compact = false }: { events: AuditEventDto[]; timeZone: string; caption: string; compact?: boolean }) {
  const t = await getTranslations("admin.audit");
  const format = await getFormatter();
  // Labels are leaves two levels down (actionNames.<area>.<verb>); anything else shows the raw name.
  const actionLabel = (a: string) => (/^[a-z_]+\.[a-z_]+$/.test(a) && t.has(`actionNames.${a}`) ? t(`actionNames.${a}`) : null);
  const subjectLabel = (s: string) => (/^[a-z_]+$/.test(s) && t.has(`subjectTypes.${s}`) ? t(`subjectTypes.${s}`) : s);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200" data-testid="audit-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              {t("columns.time")}
            </th>
            <th scope="col" className={th}>
              {t("columns.actor")}
            </th>
            <th scope="col" className={th}>
              {t("columns.action")}
            </th>
            <th scope="col" className={th}>
              {t("columns.subject")}
            </th>
            {!compact && (
              <th scope="col" className={th}>
                {t("columns.details")}
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {events.map((e) => {
            const label = actionLabel(e.action);
            const details = compact ? null : detailsText(e.data);
            return (
              <tr key={e.id} data-testid="audit-row" data-audit-id={e.id}>
                <td className={`${td} whitespace-nowrap`}>
                  <time dateTime={e.at.toISOString()} className="tabular-nums">
                    {format.dateTime(e.at, dateTimeOptions(timeZone))}
                  </time>
                  <span className="block font-mono text-[11px] text-slate-400">#{e.id}</span>
                </td>
                <td className={td}>
                  <span className="block max-w-56 truncate" title={e.actorLabel}>
                    {e.actorId ? e.actorLabel : <span className="text-slate-500">{e.actorLabel || t("system")}</span>}
                  </span>
                  {e.actorId && !compact && (
                    <Link href={`/admin/audit?actor=${encodeURIComponent(e.actorId)}`} className={`${link} block max-w-56 truncate font-mono text-[11px]`} title={t("filterByActor")}>
                      {e.actorId}
                    </Link>
                  )}
                </td>
                <td className={td}>
                  {label && <span className="block">{label}</span>}
                  <code className="font-mono text-xs text-slate-500">{e.action}</code>
                </td>
                <td className={td}>
                  <span className="block text-xs text-slate-500">{subjectLabel(e.subjectType)}</span>
                  {e.subjectId &&
                    (compact ? (
                      <span className="block max-w-56 truncate font-mono text-xs">{e.subjectId}</span>
                    ) : (
                      <Link
                        href={`/admin/audit?subjectType=${encodeURIComponent(e.subjectType)}&subjectId=${encodeURIComponent(e.subjectId)}`}
                        className={`${link} block max-w-56 truncate font-mono text-xs`}
                        title={t("filterBySubject")}
                      >
                        {e.subjectId}
                      </Link>
                    ))}
                </td>
                {!compact && (
                  <td className={`${td} max-w-md`}>
                    {details ? (
                      <details>
                        <summary className="cursor-pointer truncate text-xs text-slate-600">{t("showDetails")}</summary>
                        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-800">
                          {details}
                        </pre>
                      </details>
                    ) : (
                      <span className="text-slate-400">{t("noDetails")}</span>
                    )}
                    {e.requestId && <span className="mt-1 block font-mono text-[10px] text-slate-400">{t("requestId", { id: e.requestId })}</span>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

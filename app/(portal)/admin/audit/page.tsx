import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { safeTimeZone } from "@/lib/dal/admin-csv";
import { zodFieldErrors } from "@/lib/auth/define-action";
import { listAuditEvents } from "@/lib/dal/admin";
import { auditFilterQuerySchema, auditFilterSearchParams, parseLocalDateTime, toAuditFilter, type AuditFilterQuery } from "@/lib/dal/admin-audit-filters";
import { adminErrorKey } from "@/lib/dal/admin-errors";
import { firstValues } from "../schemas";
import { AuditTable } from "../_components/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { VerifyChainPanel } from "../_components/verify-chain-panel";
import { btnPrimary, btnSecondary, card, input, label, link } from "../_components/ui";
import { AdminEmpty } from "../_components/admin-empty";

export async function generateMetadata() {
  const t = await getTranslations("admin.audit");
  return { title: t("title") };
}

/** Suggestions for the action filter (prefixes and the admin area's own actions). */
const ACTION_SUGGESTIONS = [
  "auth.",
  "user.",
  "idp_mapping.",
  "audit.",
  "auth.sign_in",
  "auth.sign_out",
  "user.role_granted",
  "user.role_revoked",
  "user.deactivated",
  "user.reactivated",
  "idp_mapping.created",
  "idp_mapping.deleted",
  "audit.exported",
  "audit.verified",
];
const SUBJECT_TYPE_SUGGESTIONS = ["user", "idp_mapping", "audit_log"];

/** A datetime-local input shows only "YYYY-MM-DDTHH:mm"; a bare date from a URL is shown as the same range. */
function forDateTimeInput(v: string | undefined, edge: "from" | "to"): string {
  if (!v) return "";
  const p = parseLocalDateTime(v);
  if (!p) return v;
  if (p.precision === "day") return `${v}T${edge === "from" ? "00:00" : "23:59"}`;
  return v.slice(0, 16);
}

/** /admin/audit — the audit log: filters in the URL, 50 per page, CSV export, chain verification. */
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePageViewer("audit.read");
  const tz = safeTimeZone(viewer.timeZone);
  const t = await getTranslations("admin.audit");
  const te = await getTranslations("admin.errors");
  const raw = firstValues(await searchParams);

  const parsed = auditFilterQuerySchema.safeParse(raw);
  let query: AuditFilterQuery | null = parsed.success ? parsed.data : null;
  let fieldErrors: Record<string, string[]> | undefined = parsed.success ? undefined : zodFieldErrors(parsed.error);
  let filter = null;
  if (query) {
    const converted = toAuditFilter(query, tz);
    if (converted.fieldErrors) {
      fieldErrors = converted.fieldErrors;
      query = null;
    } else filter = converted.filter;
  }
  const page = filter && query ? await pageData(listAuditEvents(viewer, filter, { before: query.before })) : null;

  const errorText = (field: string) => {
    const msgs = fieldErrors?.[field];
    if (!msgs?.length) return null;
    const key = adminErrorKey(msgs[0]);
    return key ? te(key) : te("invalidField");
  };
  const value = (k: string) => raw[k] ?? "";
  const fields = [
    { name: "actor", label: t("actor"), type: "text", max: 200 },
    { name: "action", label: t("action"), type: "text", max: 100, list: "audit-actions", hint: t("actionHint") },
    { name: "subjectType", label: t("subjectType"), type: "text", max: 50, list: "audit-subject-types" },
    { name: "subjectId", label: t("subjectId"), type: "text", max: 200 },
  ] as const;

  const exportHref = query ? `/api/admin/audit/export${auditFilterSearchParams(query) ? `?${auditFilterSearchParams(query)}` : ""}` : null;
  const olderHref = query && page?.nextBefore ? `/admin/audit?${auditFilterSearchParams(query, { before: page.nextBefore })}` : null;
  const newestHref = query?.before ? `/admin/audit${auditFilterSearchParams(query) ? `?${auditFilterSearchParams(query)}` : ""}` : null;

  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("lead")} />

      <form method="get" action="/admin/audit" className={`${card} mb-4 p-4`} role="search" aria-labelledby="audit-filters-title" data-testid="audit-filter">
        <h2 id="audit-filters-title" className="sr-only">
          {t("filters")}
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {fields.map((f) => {
            const err = errorText(f.name);
            return (
              <div key={f.name}>
                <label htmlFor={`audit-${f.name}`} className={label}>
                  {f.label}
                </label>
                <input
                  id={`audit-${f.name}`}
                  name={f.name}
                  type={f.type}
                  maxLength={f.max}
                  defaultValue={value(f.name)}
                  list={"list" in f ? f.list : undefined}
                  autoComplete="off"
                  className={input}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `audit-${f.name}-err` : "hint" in f ? `audit-${f.name}-hint` : undefined}
                />
                {"hint" in f && !err && (
                  <p id={`audit-${f.name}-hint`} className="mt-1 text-xs text-slate-500">
                    {f.hint}
                  </p>
                )}
                {err && (
                  <p id={`audit-${f.name}-err`} className="mt-1 text-xs text-red-700">
                    {err}
                  </p>
                )}
              </div>
            );
          })}
          {(["from", "to"] as const).map((edge) => {
            const err = errorText(edge);
            return (
              <div key={edge}>
                <label htmlFor={`audit-${edge}`} className={label}>
                  {t(edge)}
                </label>
                <input
                  id={`audit-${edge}`}
                  name={edge}
                  type="datetime-local"
                  defaultValue={forDateTimeInput(value(edge), edge)}
                  className={input}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `audit-${edge}-err` : "audit-tz-note"}
                />
                {err && (
                  <p id={`audit-${edge}-err`} className="mt-1 text-xs text-red-700">
                    {err}
                  </p>
                )}
              </div>
            );
          })}
        </div>
        <datalist id="audit-actions">
          {ACTION_SUGGESTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <datalist id="audit-subject-types">
          {SUBJECT_TYPE_SUGGESTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" className={btnPrimary}>
            {t("apply")}
          </button>
          <Link href="/admin/audit" className={`${link} text-sm`}>
            {t("clear")}
          </Link>
          <p id="audit-tz-note" className="ml-auto text-xs text-slate-500">
            {t("timeZoneNote", { timeZone: tz })}
          </p>
        </div>
      </form>

      {fieldErrors && (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="audit-filter-error">
          {t("invalidFilters")}
        </p>
      )}

      {(can(viewer, "audit.verify") || (exportHref && can(viewer, "audit.export"))) && (
        <section className={`${card} mb-4 flex flex-wrap items-start justify-between gap-4 p-4`} aria-label={t("tools")}>
          {can(viewer, "audit.verify") ? <VerifyChainPanel timeZone={tz} /> : <span />}
          {exportHref && can(viewer, "audit.export") && (
            <div className="max-w-sm text-right">
              <a href={exportHref} className={btnSecondary} data-testid="audit-export" aria-describedby="audit-export-hint">
                <span aria-hidden>⇩</span>
                {t("export")}
              </a>
              <p id="audit-export-hint" className="mt-1 text-xs text-slate-500">
                {t("exportHint")}
              </p>
            </div>
          )}
        </section>
      )}

      {page && (
        <section className={card} aria-label={t("title")}>
          {page.items.length === 0 ? (
            <AdminEmpty testId="audit-empty" title={t("empty")} hint={t("emptyHint")} />
          ) : (
            <AuditTable events={page.items} timeZone={tz} caption={t("title")} />
          )}
          {(olderHref || newestHref) && (
            <nav aria-label={t("pagination")} className="flex justify-between border-t border-slate-200 px-4 py-3 text-sm">
              {newestHref ? (
                <Link href={newestHref} className={link}>
                  {t("newest")}
                </Link>
              ) : (
                <span />
              )}
              {olderHref && (
                <Link href={olderHref} className={link} rel="next" data-testid="audit-older">
                  {t("older")}
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
    </div>
  );
}

import { getFormatter, getTranslations } from "next-intl/server";
import { ROLES, roleHas } from "@/lib/auth/permissions";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { safeTimeZone } from "@/lib/dal/admin-csv";
import { listGroupMappings } from "@/lib/dal/admin";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { MappingForm } from "../_components/mapping-form";
import { DeleteMappingButton } from "../_components/delete-mapping-button";
import { dateOptions } from "../_components/format";
import { card, td, th } from "../_components/ui";
import { AdminEmpty } from "../_components/admin-empty";

export async function generateMetadata() {
  const t = await getTranslations("admin.mappings");
  return { title: t("title") };
}

/** /admin/mappings — IdP group → role mappings: list, add, delete. */
export default async function AdminMappingsPage() {
  const viewer = await requirePageViewer("idp_mapping.manage");
  const tz = safeTimeZone(viewer.timeZone);
  const mappings = await pageData(listGroupMappings(viewer));
  const t = await getTranslations("admin.mappings");
  const tr = await getTranslations("common.roleNames");
  const format = await getFormatter();

  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("lead")} />
      <p className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900" role="note">
        {t("howItWorks")}
      </p>

      <section className={`${card} mb-6 p-4`} aria-labelledby="mapping-add-title">
        <h2 id="mapping-add-title" className="mb-3 font-semibold">
          {t("addTitle")}
        </h2>
        <MappingForm roles={ROLES} />
      </section>

      <section className={card} aria-labelledby="mapping-count">
        <p id="mapping-count" className="border-b border-slate-200 px-4 py-2 text-sm text-slate-600">
          {t("count", { count: mappings.length })}
        </p>
        {mappings.length === 0 ? (
          <AdminEmpty testId="mappings-empty" title={t("empty")} hint={t("emptyHint")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200" data-testid="mappings-table">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={th}>
                    {t("columns.group")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.role")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.createdBy")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.createdAt")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.actions")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {mappings.map((m) => (
                  <tr key={m.id} data-testid="mapping-row" data-mapping-id={m.id}>
                    <td className={`${td} font-mono`}>{m.groupName}</td>
                    <td className={td}>
                      <Badge tone={roleHas(m.role, "workspace.admin") ? "warning" : "neutral"}>{tr(m.role)}</Badge>
                    </td>
                    <td className={`${td} text-slate-600`}>{m.createdByName ?? t("createdBySeed")}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums text-slate-600`}>
                      <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, dateOptions(tz))}</time>
                    </td>
                    <td className={td}>
                      <DeleteMappingButton id={m.id} groupName={m.groupName} role={m.role} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

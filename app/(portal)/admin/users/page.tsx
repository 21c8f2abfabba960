import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { can, ROLES } from "@/lib/auth/permissions";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { safeTimeZone } from "@/lib/dal/admin-csv";
import { listUsers } from "@/lib/dal/admin";
import { firstValues, usersQuerySchema, type UsersQuery } from "../schemas";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { UserRoleEditor, type RoleChip } from "../_components/user-role-editor";
import { UserStatusButton } from "../_components/user-status-button";
import { dateOptions } from "../_components/format";
import { btnPrimary, card, input, label, link, td, th } from "../_components/ui";
import { AdminEmpty } from "../_components/admin-empty";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

function usersHref(q: UsersQuery, page?: number): string {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.role) p.set("role", q.role);
  if (q.status && q.status !== "all") p.set("status", q.status);
  if (page && page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `/admin/users?${s}` : "/admin/users";
}

/** /admin/users — everyone, their roles (add/remove), and deactivation. */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePageViewer("user.read");
  const tz = safeTimeZone(viewer.timeZone);
  const query = usersQuerySchema.parse(firstValues(await searchParams));
  const result = await pageData(listUsers(viewer, { q: query.q, role: query.role, status: query.status ?? "all", page: query.page }));
  const t = await getTranslations("admin.users");
  const tr = await getTranslations("common.roleNames");
  const format = await getFormatter();
  const canManage = can(viewer, "user.manage_roles");
  const canDeactivate = can(viewer, "user.deactivate");
  const from = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  const to = Math.min(result.page * result.pageSize, result.total);
  const hasPrev = result.page > 1;
  const hasNext = to < result.total;

  const chipHint = (r: (typeof result.items)[number]["roles"][number]) => {
    if (r.source === "idp") return t("sourceIdpHint");
    const date = format.dateTime(r.grantedAt, dateOptions(tz));
    return r.grantedByName ? t("sourceManualHint", { name: r.grantedByName, date }) : t("sourceManualHintUnknown", { date });
  };

  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("lead")} />

      <form method="get" action="/admin/users" className={`${card} mb-4 grid gap-3 p-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end`} role="search" data-testid="users-filter">
        <div>
          <label htmlFor="users-q" className={label}>
            {t("search")}
          </label>
          <input id="users-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} placeholder={t("searchPlaceholder")} className={input} />
        </div>
        <div>
          <label htmlFor="users-role" className={label}>
            {t("roleFilter")}
          </label>
          <select id="users-role" name="role" defaultValue={query.role ?? ""} className={input}>
            <option value="">{t("roleAll")}</option>
            <option value="none">{t("roleNone")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="users-status" className={label}>
            {t("statusFilter")}
          </label>
          <select id="users-status" name="status" defaultValue={query.status ?? "all"} className={input}>
            <option value="all">{t("statusAll")}</option>
            <option value="active">{t("statusActive")}</option>
            <option value="deactivated">{t("statusDeactivated")}</option>
          </select>
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" className={btnPrimary}>
            {t("apply")}
          </button>
          <Link href="/admin/users" className={`${link} whitespace-nowrap text-sm`}>
            {t("clear")}
          </Link>
        </div>
      </form>

      <section className={card} aria-labelledby="users-count">
        <p id="users-count" className="border-b border-slate-200 px-4 py-2 text-sm text-slate-600" aria-live="polite">
          {t("count", { total: result.total, from, to })}
        </p>
        {result.items.length === 0 ? (
          <AdminEmpty testId="users-empty" title={t("empty")} hint={t("emptyHint")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200" data-testid="users-table">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={th}>
                    {t("columns.person")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.roles")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.lastSignIn")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("columns.sessions")}
                  </th>
                  <th scope="col" className={th}>
                    {t("columns.status")}
                  </th>
                  {canDeactivate && (
                    <th scope="col" className={th}>
                      {t("columns.actions")}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {result.items.map((u) => {
                  const name = u.name ?? u.email ?? u.id;
                  const isSelf = u.id === viewer.id;
                  const chips: RoleChip[] = u.roles.map((r) => ({ role: r.role, source: r.source, hint: chipHint(r) }));
                  return (
                    <tr key={u.id} data-testid="user-row" data-user-id={u.id} className={u.isDeactivated ? "bg-slate-50/70" : undefined}>
                      <td className={td}>
                        <span className={`block font-medium ${u.isDeactivated ? "text-slate-500" : "text-slate-900"}`}>
                          {name}
                          {isSelf && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-[10px] font-semibold text-brand-800">{t("you")}</span>}
                        </span>
                        {u.email && <span className="block text-xs text-slate-500">{u.email}</span>}
                        <span className="block font-mono text-[10px] text-slate-400">{u.id}</span>
                      </td>
                      <td className={td}>
                        <UserRoleEditor userId={u.id} userName={name} roles={chips} allRoles={ROLES} canManage={canManage} />
                      </td>
                      <td className={`${td} whitespace-nowrap`}>
                        {u.lastSignInAt ? (
                          <time dateTime={u.lastSignInAt.toISOString()} className="tabular-nums">
                            {format.dateTime(u.lastSignInAt, dateOptions(tz))}
                          </time>
                        ) : (
                          <span className="text-slate-400">{t("never")}</span>
                        )}
                      </td>
                      <td className={`${td} text-right tabular-nums`}>{t("sessionCount", { count: u.activeSessions })}</td>
                      <td className={td}>
                        {u.isDeactivated ? (
                          <span data-testid="status-deactivated">
                            <Badge tone="muted">{t("statusDeactivated")}</Badge>
                          </span>
                        ) : (
                          <span data-testid="status-active">
                            <Badge tone="success">{t("statusActive")}</Badge>
                          </span>
                        )}
                        {u.deactivatedAt && (
                          <span className="mt-1 block text-[11px] text-slate-500">{t("deactivatedSince", { date: format.dateTime(u.deactivatedAt, dateOptions(tz)) })}</span>
                        )}
                      </td>
                      {canDeactivate && (
                        <td className={td}>
                          <UserStatusButton userId={u.id} userName={name} email={u.email} isDeactivated={u.isDeactivated} isSelf={isSelf} />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {(hasPrev || hasNext) && (
          <nav aria-label={t("pagination")} className="flex justify-between border-t border-slate-200 px-4 py-3 text-sm">
            {hasPrev ? (
              <Link href={usersHref(query, result.page - 1)} className={link} rel="prev">
                {t("prev")}
              </Link>
            ) : (
              <span />
            )}
            {hasNext && (
              <Link href={usersHref(query, result.page + 1)} className={link} rel="next">
                {t("next")}
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}

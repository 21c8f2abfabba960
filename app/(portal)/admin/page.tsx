import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { getAdminOverview, listAuditEvents } from "@/lib/dal/admin";
import { safeTimeZone } from "@/lib/dal/admin-csv";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/time";
import { AuditTable } from "./_components/audit-table";
import { VerifyChainPanel } from "./_components/verify-chain-panel";
import { link } from "./_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.overview");
  return { title: t("title") };
}

/** /admin — what IT needs at a glance, read from the database on every request. */
export default async function AdminOverviewPage() {
  const viewer = await requirePageViewer("workspace.admin");
  const tz = safeTimeZone(viewer.timeZone);
  const [overview, events] = await Promise.all([
    can(viewer, "user.read") ? pageData(getAdminOverview(viewer)) : Promise.resolve(null),
    can(viewer, "audit.read") ? pageData(listAuditEvents(viewer, {}, { limit: 8 })) : Promise.resolve(null),
  ]);
  const t = await getTranslations("admin.overview");
  const tr = await getTranslations("common.roleNames");
  const format = await getFormatter();
  const num = (n: number) => format.number(n);
  const now = new Date();
  const more = (href: string) => (
    <Link href={href} className={link}>
      {t("viewAll")}
    </Link>
  );

  return (
    <div data-testid="admin-overview">
      <PageHeader title={t("title")} subtitle={t("lead")} />

      {overview && (
        <StatGrid label={t("title")}>
          <StatCard
            label={t("stats.users")}
            value={<span data-testid="stat-users">{num(overview.users.total)}</span>}
            hint={t("stats.usersDetail", { active: num(overview.users.active), deactivated: num(overview.users.deactivated) })}
            tone="brand"
          />
          <StatCard label={t("stats.activeSessions")} value={<span data-testid="stat-sessions">{num(overview.activeSessions)}</span>} hint={t("stats.activeSessionsHint")} tone="info" />
          <StatCard
            label={t("stats.withoutRoles")}
            value={<span data-testid="stat-without-roles">{num(overview.users.withoutRoles)}</span>}
            tone={overview.users.withoutRoles ? "warning" : "success"}
            hint={overview.users.withoutRoles ? more("/admin/users?role=none&status=active") : t("stats.withoutRolesHint")}
          />
          <StatCard label={t("stats.signedIn24h")} value={<span data-testid="stat-signed-in">{num(overview.users.signedInLast24h)}</span>} hint={t("stats.signedIn24hHint")} />
          <StatCard
            label={t("stats.deactivated")}
            value={<span data-testid="stat-deactivated">{num(overview.users.deactivated)}</span>}
            tone="muted"
            hint={overview.users.deactivated ? more("/admin/users?status=deactivated") : t("stats.deactivatedHint")}
          />
          <StatCard
            label={t("stats.mappings")}
            value={<span data-testid="stat-mappings">{num(overview.mappingCount)}</span>}
            hint={can(viewer, "idp_mapping.manage") ? more("/admin/mappings") : t("stats.mappingsHint")}
          />
        </StatGrid>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        {overview && (
          <Panel id="roles" title={t("rolesTitle")} description={t("rolesHint")}>
            <ItemList label={t("rolesTitle")}>
              {overview.roleCounts.map((r) => (
                <Item key={r.role}>
                  <Link href={`/admin/users?role=${r.role}&status=active`} className="flex items-center justify-between rounded px-1 text-sm hover:bg-slate-50">
                    <span>{tr(r.role)}</span>
                    <span className="font-medium tabular-nums text-slate-700">{num(r.count)}</span>
                  </Link>
                </Item>
              ))}
            </ItemList>
          </Panel>
        )}

        {overview && (
          <Panel id="sign-ins" title={t("recentSignInsTitle")} count={num(overview.users.signedInLast24h)}>
            {overview.recentSignIns.length === 0 ? (
              <EmptyState icon="○">{t("recentSignInsEmpty")}</EmptyState>
            ) : (
              <ItemList label={t("recentSignInsTitle")}>
                {overview.recentSignIns.map((u) => (
                  <Item key={u.id} className="flex items-center justify-between gap-3 text-sm">
                    <span className="min-w-0">
                      <Link href={`/admin/users?q=${encodeURIComponent(u.id)}`} className={`${link} block truncate font-medium`}>
                        {u.name ?? u.email ?? u.id}
                      </Link>
                      {u.email && <span className="block truncate text-xs text-slate-500">{u.email}</span>}
                    </span>
                    <span className="shrink-0 text-xs text-slate-600">
                      <RelativeTime value={u.lastSignInAt} now={now} timeZone={tz} />
                    </span>
                  </Item>
                ))}
              </ItemList>
            )}
          </Panel>
        )}

        {events && (
          <Panel id="recent-events" title={t("recentEventsTitle")} className="lg:col-span-2" actions={more("/admin/audit")}>
            {events.items.length === 0 ? (
              <EmptyState icon="○">{t("recentEventsEmpty")}</EmptyState>
            ) : (
              <div className="-m-4">
                <AuditTable events={events.items} timeZone={tz} caption={t("recentEventsTitle")} compact />
              </div>
            )}
          </Panel>
        )}

        {can(viewer, "audit.verify") && (
          <Panel id="chain" title={t("chainTitle")} description={t("chainHint")} className="lg:col-span-2">
            <VerifyChainPanel timeZone={tz} />
          </Panel>
        )}
      </div>
    </div>
  );
}

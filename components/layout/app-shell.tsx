import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/dal/viewer";
import { workspacesFor } from "@/lib/auth/permissions";
import { WORKSPACE_NAV } from "@/lib/navigation";
import type { ActiveCrisisDto } from "@/lib/dal/crisis";
import { getNotificationBell } from "@/lib/dal/notifications";
import { WorkspaceSwitcher } from "./workspace-switcher";
import { UserMenu } from "./user-menu";
import { LanguageSwitch } from "./language-switch";
import { NotificationBell } from "./notification-bell";
import { SideNav, type SideNavGroup } from "./side-nav";

/** The frame around every workspace: header, crisis banner, per-workspace navigation. */
export async function AppShell({ viewer, crises, children }: { viewer: Viewer; crises: ActiveCrisisDto[]; children: ReactNode }) {
  const t = await getTranslations("common");
  const tn = await getTranslations("nav");
  const workspaces = workspacesFor(viewer.permissions).map((w) => ({
    key: w.key,
    path: w.path,
    label: tn(`workspaces.${w.key}`),
  }));
  // The bell's first state comes with the page (no empty badge while it loads); it then polls on its own.
  const bell = viewer.permissions.has("notification.read") ? await getNotificationBell(viewer).catch(() => null) : null;
  const groups: SideNavGroup[] = workspacesFor(viewer.permissions).map((w) => ({
    key: w.key,
    label: tn(`workspaces.${w.key}`),
    items: WORKSPACE_NAV[w.key]
      .filter((i) => viewer.permissions.has(i.permission))
      .map((i) => ({ href: i.href, label: tn(`items.${i.key}`) })),
  }));
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="flex h-14 items-center gap-4 px-4">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-md bg-brand-700 text-white">
              あ
            </span>
            <span className="hidden sm:inline">{t("appName")}</span>
          </Link>
          {workspaces.length > 0 && <WorkspaceSwitcher workspaces={workspaces} label={t("switchWorkspace")} />}
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitch current={viewer.locale} label={t("language")} />
            {viewer.permissions.has("notification.read") && (
              <NotificationBell
                initial={bell ? { unread: bell.unread, items: bell.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), readAt: i.readAt?.toISOString() ?? null })) } : null}
              />
            )}
            <UserMenu
              name={viewer.name}
              email={viewer.email}
              roles={viewer.roles.map((r) => t(`roleNames.${r}`))}
              labels={{ menu: t("userMenu"), signOut: t("signOut"), roles: t("roles"), timeZone: t("timeZone") }}
              timeZone={viewer.timeZone}
            />
          </div>
        </div>
        {crises.map((c) => (
          <div key={c.id} role="alert" className="flex flex-wrap items-center gap-x-3 gap-y-1 bg-red-700 px-4 py-2 text-sm font-medium text-white" data-testid="crisis-banner" data-scope={c.scope}>
            <span>{t("crisisBanner", { reason: c.reason })}</span>
            <span className="opacity-90" data-testid="crisis-banner-scope">
              ({c.scope === "all" ? t("crisisScopeAll") : (c.brandName ?? c.channelHandle)})
            </span>
            <Link href="/crisis" className="ml-auto whitespace-nowrap underline underline-offset-2 hover:no-underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-white" data-testid="crisis-banner-link">
              {t("crisisBannerLink")}
            </Link>
          </div>
        ))}
      </header>
      <div className="flex flex-1">
        {groups.length > 0 && <SideNav groups={groups} />}
        <main id="main" className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}

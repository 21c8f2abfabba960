import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { listNotifications } from "@/lib/dal/notifications";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/time";
import { pageFormat } from "@/components/ui/page-format";
import { MarkAllReadButton, MarkReadButton } from "./_components/notification-actions";
import { link } from "./_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.page");
  return { title: t("title") };
}

type Search = { page?: string | string[]; filter?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePageViewer("notification.read");
  const sp = await searchParams;
  const filter = one(sp.filter) === "unread" ? "unread" : "all";
  const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(one(sp.page) ?? "1", 10) || 1));
  const data = await pageData(listNotifications(viewer, { page: pageNo, pageSize: 20, filter }));
  const t = await getTranslations("notifications.page");
  const now = new Date();
  const { num, rel, updatedAt } = await pageFormat(viewer, now);
  const href = (p: number, f = filter) => `/notifications?${new URLSearchParams({ ...(f === "unread" ? { filter: f } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;

  return (
    <div data-testid="notifications-page">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      <Panel
        id="notifications"
        title={t("listLabel")}
        description={t("summary", { total: num(data.total), unread: num(data.unread) })}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <Link href="/notifications/settings" className={`${link} text-sm`}>
              {t("settingsLink")}
            </Link>
            {data.unread > 0 && <MarkAllReadButton before={now.toISOString()} />}
          </div>
        }
        footer={
          data.pageCount > 1 ? (
            <nav aria-label={t("paginationLabel")} className="flex items-center justify-between gap-2">
              {data.page > 1 ? (
                <Link href={href(data.page - 1)} className={link} rel="prev">
                  ← {t("prev")}
                </Link>
              ) : (
                <span aria-hidden />
              )}
              <span>{t("pageOf", { page: num(data.page), pageCount: num(data.pageCount) })}</span>
              {data.page < data.pageCount ? (
                <Link href={href(data.page + 1)} className={link} rel="next">
                  {t("next")} →
                </Link>
              ) : (
                <span aria-hidden />
              )}
            </nav>
          ) : undefined
        }
      >
        <nav aria-label={t("filterLabel")} className="mb-4 flex gap-1 rounded-lg bg-slate-100 p-1 text-sm w-fit">
          {(["all", "unread"] as const).map((f) => (
            <Link
              key={f}
              href={href(1, f)}
              aria-current={filter === f ? "page" : undefined}
              className={`rounded-md px-3 py-1 ${filter === f ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {f === "all" ? t("filterAll") : t("filterUnread")}
            </Link>
          ))}
        </nav>
        {data.items.length === 0 ? (
          <EmptyState>{filter === "unread" ? t("emptyUnread") : t("empty")}</EmptyState>
        ) : (
          <ul className="-my-2 divide-y divide-slate-100" aria-label={t("listLabel")}>
            {data.items.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start gap-3 py-3" data-testid="notification-row" data-read={!!n.readAt}>
                <span aria-hidden className={`mt-2 h-2 w-2 shrink-0 rounded-full ${n.readAt ? "bg-slate-200" : "bg-brand-600"}`} />
                <div className="min-w-0 flex-1">
                  <p className={`text-sm ${n.readAt ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                    {!n.readAt && (
                      <Badge tone="brand" className="mr-2 align-middle">
                        {t("unreadBadge")}
                      </Badge>
                    )}
                    {n.link ? (
                      <Link href={n.link} className={link}>
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </p>
                  {n.body && <p className="mt-0.5 whitespace-pre-line text-sm text-slate-600">{n.body}</p>}
                  <p className="mt-1 text-xs text-slate-500">
                    <DateTime value={n.createdAt} timeZone={viewer.timeZone} /> · {rel(n.createdAt)}
                  </p>
                </div>
                {!n.readAt && <MarkReadButton id={n.id} title={n.title} />}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

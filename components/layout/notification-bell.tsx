"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/app/(portal)/notifications/actions";
import { BellIcon } from "@/components/ui/icons";

type BellItem = { id: string; kind: string; title: string; body: string | null; link: string | null; createdAt: string; readAt: string | null };
export type Bell = { unread: number; items: BellItem[] };

const QUERY_KEY = ["notifications", "bell"] as const;
const POLL_MS = 30_000;

async function fetchBell(): Promise<Bell> {
  const res = await fetch("/api/notifications?limit=8", { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Bell;
}

/**
 * The bell in the header: unread count (polled every 30 s and when the window regains focus), a
 * menu of the latest notifications (keyboard: Enter/Space opens, arrows move, Esc closes), each a
 * link to its subject that marks it read; "mark all read", and the full list.
 */
export function NotificationBell({ initial }: { initial: Bell | null }) {
  const t = useTranslations("notifications.bell");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const router = useRouter();
  const qc = useQueryClient();
  const [renderedAt] = useState(() => Date.now());
  const { data, isError, isPending } = useQuery({
    queryKey: QUERY_KEY,
    queryFn: fetchBell,
    initialData: initial ?? undefined,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
  const unread = data?.unread ?? 0;
  const label = unread > 0 ? t("labelUnread", { count: unread }) : t("label");

  const markRead = async (item: BellItem) => {
    if (item.readAt) return;
    // Optimistic: the count drops at once; the next poll corrects it if the server disagreed.
    qc.setQueryData<Bell>(QUERY_KEY, (old) =>
      old ? { unread: Math.max(0, old.unread - 1), items: old.items.map((i) => (i.id === item.id ? { ...i, readAt: new Date().toISOString() } : i)) } : old,
    );
    await markNotificationReadAction({ id: item.id });
    void qc.invalidateQueries({ queryKey: QUERY_KEY });
  };
  const markAll = async () => {
    qc.setQueryData<Bell>(QUERY_KEY, (old) => (old ? { unread: 0, items: old.items.map((i) => ({ ...i, readAt: i.readAt ?? new Date().toISOString() })) } : old));
    // Up to what the person saw (the newest shown, or now): a skewed client clock never leaves a shown one unread.
    const newest = Math.max(Date.now(), ...(data?.items ?? []).map((i) => Date.parse(i.createdAt)));
    await markAllNotificationsReadAction({ before: new Date(newest).toISOString() });
    void qc.invalidateQueries({ queryKey: QUERY_KEY });
    router.refresh();
  };

  return (
    <DropdownMenu.Root onOpenChange={(open) => open && void qc.invalidateQueries({ queryKey: QUERY_KEY })}>
      <DropdownMenu.Trigger
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        data-unread={unread}
        className="relative inline-flex h-9 w-9 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden
            data-testid="notification-count"
            className="absolute -right-1 -top-1 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold tabular-nums text-white ring-2 ring-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          aria-label={t("title")}
          data-testid="notification-panel"
          className="z-50 w-[min(24rem,calc(100vw-1rem))] rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <DropdownMenu.Label className="text-sm font-semibold text-slate-900">{t("title")}</DropdownMenu.Label>
            {unread > 0 && (
              <DropdownMenu.Item
                onSelect={(e) => {
                  e.preventDefault();
                  void markAll();
                }}
                data-testid="notification-mark-all"
                className="cursor-pointer rounded px-2 py-1 text-xs font-medium text-brand-700 outline-none data-[highlighted]:bg-brand-50"
              >
                {t("markAllRead")}
              </DropdownMenu.Item>
            )}
          </div>
          <div className="max-h-[min(28rem,70vh)] overflow-y-auto py-1">
            {isPending ? (
              <p className="px-3 py-6 text-center text-sm text-slate-500">{t("loading")}</p>
            ) : isError && !data ? (
              <p role="alert" className="px-3 py-6 text-center text-sm text-red-700">
                {t("error")}
              </p>
            ) : !data?.items.length ? (
              <p className="px-3 py-6 text-center text-sm text-slate-500">{t("empty")}</p>
            ) : (
              data.items.map((item) => {
                const content = (
                  <>
                    <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.readAt ? "bg-transparent" : "bg-brand-600"}`} />
                    <span className="min-w-0 flex-1">
                      <span className={`block text-sm ${item.readAt ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                        {!item.readAt && <span className="sr-only">{t("unread")}: </span>}
                        {item.title}
                      </span>
                      {item.body && <span className="mt-0.5 line-clamp-2 block text-xs text-slate-600">{item.body}</span>}
                      <time dateTime={item.createdAt} className="mt-0.5 block text-xs text-slate-500">
                        {format.relativeTime(new Date(item.createdAt), now)}
                      </time>
                    </span>
                  </>
                );
                const cls = "flex cursor-pointer gap-2 px-3 py-2 outline-none data-[highlighted]:bg-slate-50";
                return item.link ? (
                  <DropdownMenu.Item key={item.id} asChild onSelect={() => void markRead(item)} className={cls} data-testid="notification-item" data-read={!!item.readAt}>
                    <Link href={item.link}>{content}</Link>
                  </DropdownMenu.Item>
                ) : (
                  <DropdownMenu.Item key={item.id} onSelect={() => void markRead(item)} className={cls} data-testid="notification-item" data-read={!!item.readAt}>
                    {content}
                  </DropdownMenu.Item>
                );
              })
            )}
          </div>
          <DropdownMenu.Separator className="h-px bg-slate-100" />
          <div className="flex items-center justify-between px-1 py-1">
            <DropdownMenu.Item asChild className="rounded px-2 py-1.5 text-sm font-medium text-brand-700 outline-none data-[highlighted]:bg-brand-50">
              <Link href="/notifications" data-testid="notification-view-all">
                {t("viewAll")}
              </Link>
            </DropdownMenu.Item>
            <DropdownMenu.Item asChild className="rounded px-2 py-1.5 text-xs text-slate-600 outline-none data-[highlighted]:bg-slate-50">
              <Link href="/notifications/settings">{t("settings")}</Link>
            </DropdownMenu.Item>
          </div>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

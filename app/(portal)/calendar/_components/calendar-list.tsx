"use client";

import Link from "next/link";
import clsx from "clsx";
import { useFormatter, useTranslations } from "next-intl";
import type { CalendarItem } from "./model";
import { STATE_CHIP } from "./styles";
import { useSlotMover } from "./slot-mover";

export type ListGroup = { key: string; isToday: boolean; items: CalendarItem[] };

/** The list view: posts grouped by day (in the viewer's zone), one row each, with the same "move…" action as the grid. */
export function CalendarList({ groups }: { groups: ListGroup[] }) {
  const t = useTranslations("calendar");
  const tc = useTranslations("common");
  const format = useFormatter();
  const mover = useSlotMover();
  return (
    <div className="space-y-4" data-testid="cal-list">
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`day-${g.key}`} className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="cal-list-day" data-day={g.key}>
          <h2 id={`day-${g.key}`} className={clsx("flex items-center gap-2 border-b border-slate-100 px-4 py-2 text-sm font-semibold", g.isToday ? "bg-brand-50 text-brand-900" : "bg-slate-50 text-slate-800")}>
            {format.dateTime(new Date(`${g.key}T12:00:00Z`), { timeZone: "UTC", month: "long", day: "numeric", weekday: "short" })}
            {g.isToday && <span className="rounded-full bg-brand-700 px-2 text-xs text-white">{t("today")}</span>}
            <span className="ml-auto text-xs font-normal text-slate-500">{t("postCount", { count: g.items.length })}</span>
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-sm">
              <thead className="sr-only">
                <tr>
                  <th scope="col">{t("list.time")}</th>
                  <th scope="col">{t("list.post")}</th>
                  <th scope="col">{t("list.channels")}</th>
                  <th scope="col">{t("list.state")}</th>
                  <th scope="col">{t("list.author")}</th>
                  <th scope="col">{t("list.actions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {g.items.map((item) => (
                  <tr key={item.id} className={clsx(mover.pendingId === item.id && "animate-pulse opacity-60")} data-testid="cal-list-item" data-post-id={item.id} data-state={item.state}>
                    <td className="w-16 px-4 py-2 font-semibold tabular-nums text-slate-800">{item.time}</td>
                    <td className="px-2 py-2">
                      <span className="flex items-center gap-1.5">
                        <span aria-hidden className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: item.brandColor }} />
                        {item.href ? (
                          <Link href={item.href} className="font-medium text-slate-900 hover:underline">
                            {item.title}
                          </Link>
                        ) : (
                          <span className="font-medium text-slate-900">{item.title}</span>
                        )}
                        {item.kind !== "post" && <span className="rounded bg-slate-100 px-1 text-[10px] text-slate-600">{tc(`postKinds.${item.kind}`)}</span>}
                      </span>
                      <span className="block text-xs text-slate-500">{item.brandName}</span>
                      {item.blackoutReason && (
                        <span className="mt-0.5 block text-xs font-medium text-red-800">{t("inBlackout", { reason: item.blackoutReason })}</span>
                      )}
                    </td>
                    <td className="px-2 py-2 text-xs text-slate-600">{item.channels.map((c) => `${tc(`platforms.${c.platform}`)} ${c.name}`).join("、")}</td>
                    <td className="px-2 py-2">
                      <span className={clsx("inline-flex items-center gap-1 rounded border-l-[3px] px-1.5 text-xs", STATE_CHIP[item.state].chip)}>{tc(`postStates.${item.state}`)}</span>
                    </td>
                    <td className="px-2 py-2 text-xs text-slate-600">{item.authorName ?? "—"}</td>
                    <td className="w-32 whitespace-nowrap px-4 py-2 text-right">
                      {item.move && (
                        <button
                          type="button"
                          onClick={() => mover.openMove(item)}
                          className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
                          aria-label={t("move.open", { title: item.title })}
                          data-testid="cal-item-move"
                        >
                          {t("move.button")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

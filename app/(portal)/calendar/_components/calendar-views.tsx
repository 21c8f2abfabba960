"use client";

import { useState } from "react";
import Link from "next/link";
import clsx from "clsx";
import { useFormatter, useTranslations } from "next-intl";
import type { CalendarItem, DayCell } from "./model";
import { PLATFORM_SHORT, STATE_CHIP } from "./styles";
import { useSlotMover } from "./slot-mover";

/*
 * The month grid and the week columns. Cells are drop targets for a dragged chip (only when the
 * viewer may move that chip); each chip is draggable only when the server said it may move, and
 * carries a "move…" button — the keyboard way to do the same. A day with more posts than fit
 * shows "+N more", linking to that day's list.
 */

function useChipLabel() {
  const tc = useTranslations("common");
  return (item: CalendarItem) =>
    [item.time, item.title, tc(`postStates.${item.state}`), item.brandName, item.channels.map((c) => `${tc(`platforms.${c.platform}`)} ${c.name}`).join("、")].join(" · ");
}

/** One post on the calendar. */
export function Chip({ item, dense = true }: { item: CalendarItem; dense?: boolean }) {
  const t = useTranslations("calendar");
  const tc = useTranslations("common");
  const mover = useSlotMover();
  const label = useChipLabel()(item);
  const style = STATE_CHIP[item.state];
  const pending = mover.pendingId === item.id;
  const platforms = [...new Set(item.channels.map((c) => PLATFORM_SHORT[c.platform] ?? c.platform))].join("·");
  const head = (
    <>
      <span className="shrink-0 font-semibold tabular-nums">{item.time}</span>
      <span aria-hidden className="h-1.5 w-1.5 shrink-0 rounded-full" style={{ backgroundColor: item.brandColor }} />
    </>
  );
  const titleCls = dense ? "min-w-0 flex-1 truncate" : "break-words";
  const title = item.href ? (
    <Link href={item.href} className={clsx(titleCls, "hover:underline focus-visible:underline")} aria-label={label}>
      {item.title}
    </Link>
  ) : (
    <span className={titleCls}>{item.title}</span>
  );
  const tail = (
    <>
      {item.blackoutReason && (
        <span className="shrink-0 rounded bg-red-700 px-0.5 text-[9px] font-bold leading-3 text-white" aria-label={t("inBlackout", { reason: item.blackoutReason })}>
          !
        </span>
      )}
      {item.move && (
        <button
          type="button"
          onClick={() => mover.openMove(item)}
          className="shrink-0 rounded px-0.5 text-slate-500 opacity-0 hover:bg-white hover:text-slate-900 focus:opacity-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 group-hover:opacity-100"
          aria-label={t("move.open", { title: item.title })}
          data-testid="cal-item-move"
        >
          <span aria-hidden>⋯</span>
        </button>
      )}
    </>
  );
  return (
    <div
      draggable={mover.ready && !!item.move && !pending}
      onDragStart={(e) => {
        if (!item.move) return e.preventDefault();
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", item.id);
        mover.startDrag(item);
      }}
      onDragEnd={() => mover.endDrag()}
      title={item.blackoutReason ? `${label}\n${t("inBlackout", { reason: item.blackoutReason })}` : label}
      className={clsx(
        "group relative flex min-w-0 items-center gap-1 rounded border-l-[3px] px-1 text-[11px] leading-5",
        style.chip,
        item.move && "cursor-grab active:cursor-grabbing",
        pending && "animate-pulse opacity-60",
      )}
      data-testid="cal-item"
      data-post-id={item.id}
      data-state={item.state}
      data-movable={item.move ?? "none"}
    >
      {dense ? (
        <>
          {head}
          {title}
          {tail}
        </>
      ) : (
        <div className="min-w-0 flex-1 py-0.5">
          <div className="flex items-center gap-1">
            {head}
            <span className="min-w-0 flex-1 truncate text-[10px] text-slate-500">{platforms}</span>
            {tail}
          </div>
          <div className="line-clamp-2 leading-4">{title}</div>
        </div>
      )}
      <span className="sr-only">{tc(`postStates.${item.state}`)}</span>
    </div>
  );
}

/** A day that accepts a dragged chip the viewer may move. */
function useDropTarget(day: string) {
  const mover = useSlotMover();
  const [over, setOver] = useState(false);
  const canDrop = !!mover.dragging?.move;
  return {
    over: over && canDrop,
    props: {
      onDragOver: (e: React.DragEvent) => {
        if (!canDrop) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        if (!over) setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: React.DragEvent) => {
        e.preventDefault();
        setOver(false);
        mover.dropOnDay(day);
      },
    },
  };
}

function BlackoutBand({ cell }: { cell: DayCell }) {
  const t = useTranslations("calendar");
  if (cell.blackouts.length === 0) return null;
  const text = cell.blackouts.map((b) => (b.where ? `${b.where}: ${b.reason}` : b.reason)).join(" / ");
  return (
    <p
      className="mb-1 truncate rounded bg-[repeating-linear-gradient(135deg,#fee2e2_0,#fee2e2_4px,#fecaca_4px,#fecaca_8px)] px-1 text-[10px] font-medium leading-4 text-red-900"
      title={text}
      data-testid="cal-blackout"
    >
      {t("blackoutBand", { count: cell.blackouts.length })}
      <span className="sr-only">: {text}</span>
    </p>
  );
}

function MoreLink({ cell, dayHref }: { cell: DayCell; dayHref: string }) {
  const t = useTranslations("calendar");
  if (cell.more <= 0) return null;
  return (
    <Link href={`${dayHref}${cell.key}`} className="block px-1 text-[11px] font-medium text-brand-700 hover:underline" data-testid="cal-more">
      {t("more", { count: cell.more })}
    </Link>
  );
}

const WEEKDAY_TONE = (weekday: number) => (weekday === 0 ? "text-red-700" : weekday === 6 ? "text-sky-700" : "text-slate-700");

export function MonthGrid({ weeks, weekdayNames, dayHref }: { weeks: DayCell[][]; weekdayNames: string[]; dayHref: string }) {
  const t = useTranslations("calendar");
  const format = useFormatter();
  return (
    <div role="table" aria-label={t("monthGridLabel")} className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="cal-month">
      <div role="row" className="grid grid-cols-7 border-b border-slate-200 bg-slate-50">
        {weekdayNames.map((name, i) => (
          <div role="columnheader" key={i} className={clsx("px-2 py-1.5 text-xs font-semibold", WEEKDAY_TONE((i + 1) % 7))}>
            {name}
          </div>
        ))}
      </div>
      {weeks.map((week) => (
        <div role="row" key={week[0]!.key} className="grid grid-cols-7 border-b border-slate-100 last:border-b-0">
          {week.map((cell) => (
            <MonthCell key={cell.key} cell={cell} dayHref={dayHref} dayLabel={format.dateTime(new Date(`${cell.key}T12:00:00Z`), { timeZone: "UTC", month: "long", day: "numeric", weekday: "long" })} />
          ))}
        </div>
      ))}
    </div>
  );
}

function MonthCell({ cell, dayHref, dayLabel }: { cell: DayCell; dayHref: string; dayLabel: string }) {
  const t = useTranslations("calendar");
  const drop = useDropTarget(cell.key);
  return (
    <div
      role="cell"
      aria-label={`${dayLabel}${cell.total ? ` — ${t("postCount", { count: cell.total })}` : ""}`}
      className={clsx(
        "min-h-28 min-w-0 border-r border-slate-100 p-1 last:border-r-0",
        !cell.inMonth && "bg-slate-50/70",
        cell.blackouts.length > 0 && "bg-red-50/40",
        drop.over && "bg-brand-50 ring-2 ring-inset ring-brand-500",
      )}
      data-testid="cal-day"
      data-day={cell.key}
      {...drop.props}
    >
      <div className="mb-0.5 flex items-center justify-between">
        <span
          className={clsx(
            "inline-flex h-6 min-w-6 items-center justify-center rounded-full px-1 text-xs font-semibold tabular-nums",
            cell.isToday ? "bg-brand-700 text-white" : cell.inMonth ? WEEKDAY_TONE(cell.weekday) : "text-slate-400",
          )}
          aria-current={cell.isToday ? "date" : undefined}
        >
          {Number(cell.key.slice(8, 10))}
        </span>
        {cell.total > 0 && <span className="text-[10px] tabular-nums text-slate-500">{t("countShort", { count: cell.total })}</span>}
      </div>
      <BlackoutBand cell={cell} />
      <ul className="space-y-0.5">
        {cell.items.map((item) => (
          <li key={item.id}>
            <Chip item={item} />
          </li>
        ))}
      </ul>
      <MoreLink cell={cell} dayHref={dayHref} />
    </div>
  );
}

export function WeekColumns({ days, dayHref }: { days: DayCell[]; dayHref: string }) {
  const t = useTranslations("calendar");
  const format = useFormatter();
  return (
    <div role="table" aria-label={t("weekGridLabel")} className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="cal-week">
      <div role="row" className="grid min-w-[56rem] grid-cols-7">
        {days.map((cell) => (
          <WeekColumn
            key={cell.key}
            cell={cell}
            dayHref={dayHref}
            heading={format.dateTime(new Date(`${cell.key}T12:00:00Z`), { timeZone: "UTC", month: "numeric", day: "numeric", weekday: "short" })}
          />
        ))}
      </div>
    </div>
  );
}

function WeekColumn({ cell, heading, dayHref }: { cell: DayCell; heading: string; dayHref: string }) {
  const t = useTranslations("calendar");
  const drop = useDropTarget(cell.key);
  return (
    <div
      role="cell"
      className={clsx(
        "min-h-[28rem] min-w-0 border-r border-slate-100 last:border-r-0",
        cell.blackouts.length > 0 && "bg-red-50/40",
        drop.over && "bg-brand-50 ring-2 ring-inset ring-brand-500",
      )}
      data-testid="cal-day"
      data-day={cell.key}
      {...drop.props}
    >
      <div className={clsx("sticky top-0 border-b border-slate-200 px-2 py-1.5 text-xs font-semibold", cell.isToday ? "bg-brand-700 text-white" : "bg-slate-50", !cell.isToday && WEEKDAY_TONE(cell.weekday))}>
        <span aria-current={cell.isToday ? "date" : undefined}>{heading}</span>
        {cell.total > 0 && <span className="ml-1 font-normal opacity-80">{t("countShort", { count: cell.total })}</span>}
      </div>
      <div className="p-1">
        <BlackoutBand cell={cell} />
        {cell.items.length === 0 && cell.blackouts.length === 0 && <p className="px-1 py-2 text-[11px] text-slate-400">{t("dayEmpty")}</p>}
        <ul className="space-y-1">
          {cell.items.map((item) => (
            <li key={item.id}>
              <Chip item={item} dense={false} />
            </li>
          ))}
        </ul>
        <MoreLink cell={cell} dayHref={dayHref} />
      </div>
    </div>
  );
}

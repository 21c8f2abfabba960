import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { listCalendar, listCalendarFilters } from "@/lib/dal/calendar";
import { listBlackouts } from "@/lib/dal/blackouts";
import {
  CALENDAR_VIEWS,
  dayKeyOf,
  daysOfView,
  isDayKey,
  monthGrid,
  rangeOfDays,
  shiftAnchor,
  weekDays,
  type CalendarView,
  type GridDay,
} from "@/lib/domain/calendar";
import { POST_STATES, type PostState } from "@/lib/domain/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { pageFormat } from "@/components/ui/page-format";
import { buildDayCells, chunkWeeks, toItem } from "./_components/model";
import { STATE_CHIP } from "./_components/styles";
import { SlotMoverProvider } from "./_components/slot-mover";
import { MonthGrid, WeekColumns } from "./_components/calendar-views";
import { CalendarList, type ListGroup } from "./_components/calendar-list";
import { CalendarFilters } from "./_components/calendar-filters";
import { BlackoutPanel } from "./_components/blackout-panel";
import { movePlannedSlotAction, rescheduleAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("calendar");
  return { title: t("title") };
}

type SP = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Chips drawn per day before "+N more" (month) and per column (week). */
const MAX_PER_DAY = { month: 4, week: 14 } as const;
/** The list view pages through a month this many posts at a time; the grids take the whole range. */
const LIST_PAGE = 200;
const GRID_LIMIT = 2000;

export default async function CalendarPage({ searchParams }: { searchParams: Promise<SP> }) {
  const viewer = await requirePageViewer("calendar.read");
  const sp = await searchParams;
  const tz = viewer.timeZone;
  const now = new Date();
  const today = dayKeyOf(now, tz);

  const view: CalendarView = (CALENDAR_VIEWS as readonly string[]).includes(one(sp.view) ?? "") ? (one(sp.view) as CalendarView) : "month";
  const date = isDayKey(one(sp.date)) ? one(sp.date)! : today;
  const brandId = UUID.test(one(sp.brand) ?? "") ? one(sp.brand)! : null;
  const channelId = UUID.test(one(sp.channel) ?? "") ? one(sp.channel)! : null;
  const rawStates = sp.state === undefined ? [] : Array.isArray(sp.state) ? sp.state : [sp.state];
  const states = rawStates.filter((s): s is PostState => (POST_STATES as readonly string[]).includes(s));
  const oneDay = view === "list" && one(sp.span) === "day";
  const cursor = view === "list" ? one(sp.cursor) : undefined;

  const span = oneDay ? { first: date, last: date } : daysOfView(view, date);
  const range = rangeOfDays(span.first, span.last, tz);
  const filter = { brandId: brandId ?? undefined, channelId: channelId ?? undefined };
  const [page, blackouts, options, upcoming] = await pageData(
    Promise.all([
      listCalendar(viewer, { ...range, ...filter, states: states.length ? states : undefined, limit: view === "list" ? LIST_PAGE : GRID_LIMIT, cursor }),
      listBlackouts(viewer, { ...range, ...filter }),
      listCalendarFilters(viewer),
      listBlackouts(viewer, filter),
    ]),
  );

  const t = await getTranslations("calendar");
  const { tc, format } = await pageFormat(viewer, now);
  const ctx = { viewer, timeZone: tz, today };

  // Links keep the filters; only view, date (and the list's span/cursor) change.
  const filterQuery = (o: { view: CalendarView; span?: "day"; cursor?: string }) => {
    const q = new URLSearchParams({ view: o.view });
    if (brandId) q.set("brand", brandId);
    if (channelId) q.set("channel", channelId);
    for (const s of states) q.append("state", s);
    if (o.span) q.set("span", o.span);
    if (o.cursor) q.set("cursor", o.cursor);
    return q;
  };
  const query = (o: { view?: CalendarView; date?: string; span?: "day"; cursor?: string }) => {
    const q = filterQuery({ view: o.view ?? view, span: o.span, cursor: o.cursor });
    q.set("date", o.date ?? date);
    return `/calendar?${q.toString()}`;
  };
  /** "+N more" → that day's list; the client appends the day. */
  const dayHref = `/calendar?${filterQuery({ view: "list", span: "day" }).toString()}&date=`;

  const weekdayNames = weekDays("2025-12-01").map((d) => format.dateTime(new Date(`${d.key}T12:00:00Z`), { timeZone: "UTC", weekday: "short" }));
  const heading =
    view === "week"
      ? t("weekRange", {
          from: format.dateTime(new Date(`${span.first}T12:00:00Z`), { timeZone: "UTC", month: "long", day: "numeric" }),
          to: format.dateTime(new Date(`${span.last}T12:00:00Z`), { timeZone: "UTC", month: "long", day: "numeric" }),
        })
      : oneDay
        ? format.dateTime(new Date(`${date}T12:00:00Z`), { timeZone: "UTC", year: "numeric", month: "long", day: "numeric", weekday: "short" })
        : format.dateTime(new Date(`${date.slice(0, 7)}-15T12:00:00Z`), { timeZone: "UTC", year: "numeric", month: "long" });

  const cellsFor = (days: GridDay[], max: number) => buildDayCells(days, page.items, blackouts, { ...ctx, maxPerDay: max });
  const total = page.items.length;

  let body: React.ReactNode;
  if (view === "month") {
    body = <MonthGrid weeks={chunkWeeks(cellsFor(monthGrid(date).weeks.flat(), MAX_PER_DAY.month))} weekdayNames={weekdayNames} dayHref={dayHref} />;
  } else if (view === "week") {
    body = <WeekColumns days={cellsFor(weekDays(date), MAX_PER_DAY.week)} dayHref={dayHref} />;
  } else {
    const groups: ListGroup[] = [];
    for (const post of page.items) {
      const key = dayKeyOf(post.slotAt, tz);
      const item = toItem(post, { viewer, timeZone: tz, blackouts });
      const last = groups[groups.length - 1];
      if (last?.key === key) last.items.push(item);
      else groups.push({ key, isToday: key === today, items: [item] });
    }
    body =
      groups.length === 0 ? null : (
        <>
          <CalendarList groups={groups} />
          {page.nextCursor && (
            <p className="mt-4 text-center">
              <Link href={query({ cursor: page.nextCursor, ...(oneDay ? { span: "day" as const } : {}) })} className="text-sm font-medium text-brand-700 hover:underline" data-testid="cal-list-next">
                {t("list.next")}
              </Link>
            </p>
          )}
        </>
      );
  }

  const navBtn = "inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 hover:bg-slate-50";
  const nowMs = now.getTime();
  return (
    <div data-testid="calendar" data-view={view} data-date={date}>
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={t("zoneNote", { zone: tz })} />

      <div className="mb-3 flex flex-wrap items-center gap-2">
        <nav aria-label={t("navLabel")} className="flex items-center gap-1">
          <Link href={query({ date: shiftAnchor(view, date, -1) })} className={navBtn} aria-label={t(view === "week" ? "prevWeek" : "prevMonth")} data-testid="cal-prev">
            ←
          </Link>
          <Link href={query({ date: today })} className={navBtn} data-testid="cal-today">
            {t("today")}
          </Link>
          <Link href={query({ date: shiftAnchor(view, date, 1) })} className={navBtn} aria-label={t(view === "week" ? "nextWeek" : "nextMonth")} data-testid="cal-next">
            →
          </Link>
        </nav>
        <h2 className="ml-1 text-lg font-semibold text-slate-900" data-testid="cal-heading">
          {heading}
        </h2>
        <div role="group" aria-label={t("viewLabel")} className="ml-auto inline-flex overflow-hidden rounded-md border border-slate-300">
          {CALENDAR_VIEWS.map((v) => (
            <Link
              key={v}
              href={query({ view: v })}
              aria-current={v === view && !oneDay ? "page" : undefined}
              className={clsx("px-3 py-1.5 text-sm", v === view ? "bg-brand-700 font-medium text-white" : "bg-white text-slate-700 hover:bg-slate-50")}
              data-testid={`cal-view-${v}`}
            >
              {t(`views.${v}`)}
            </Link>
          ))}
        </div>
      </div>

      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <CalendarFilters
          key={`${brandId}|${channelId}|${states.join(",")}`}
          view={view}
          date={date}
          brandId={brandId}
          channelId={channelId}
          states={states}
          brands={options.brands}
          channels={options.channels}
        />
        <ul aria-label={t("legend")} className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600" data-testid="cal-legend">
          {POST_STATES.filter((s) => s !== "cancelled" || states.includes("cancelled")).map((s) => (
            <li key={s} className="inline-flex items-center gap-1">
              <span aria-hidden className={`h-2.5 w-2.5 rounded-sm ${STATE_CHIP[s].swatch}`} />
              {tc(`postStates.${s}`)}
            </li>
          ))}
          <li className="inline-flex items-center gap-1">
            <span aria-hidden className="h-2.5 w-4 rounded-sm bg-[repeating-linear-gradient(135deg,#fee2e2_0,#fee2e2_3px,#fca5a5_3px,#fca5a5_6px)]" />
            {t("legendBlackout")}
          </li>
        </ul>
      </div>

      {total === 0 && (
        <p className="mb-3 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-center text-sm text-slate-600" data-testid="cal-empty">
          {states.length || brandId || channelId ? t("emptyFiltered") : t("empty")}
        </p>
      )}
      {view !== "list" && page.nextCursor && (
        <p role="note" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("truncated", { count: total })}
        </p>
      )}

      <SlotMoverProvider timeZone={tz} actions={{ movePlannedSlot: movePlannedSlotAction, reschedule: rescheduleAction }}>
        {body}
      </SlotMoverProvider>

      <div className="mt-6">
        <BlackoutPanel
          canManage={viewer.permissions.has("blackout.manage")}
          timeZone={tz}
          options={{ brands: options.brands, channels: options.channels }}
          rows={upcoming.map((w) => ({
            id: w.id,
            scope: w.scope,
            brandId: w.brandId,
            brandName: w.brandName,
            channelId: w.channelId,
            channelName: w.channelName,
            startsAt: w.startsAt.toISOString(),
            endsAt: w.endsAt.toISOString(),
            reason: w.reason,
            createdByName: w.createdByName,
            affectedPosts: w.affectedPosts,
            isActive: w.startsAt.getTime() <= nowMs,
          }))}
        />
      </div>
    </div>
  );
}

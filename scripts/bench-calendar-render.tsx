/**
 * Child process of scripts/bench-calendar.ts: times the calendar month view's render — the view
 * model (posts and blackout windows placed on the days in Asia/Tokyo) plus React's server render
 * of the month grid to HTML — the same components the page streams. Runs without the
 * react-server condition (react-dom/server needs the full React).
 * Input: a JSON file (argv[2]) with the page's data; output: one JSON line of timings.
 */
import fs from "node:fs";
import path from "node:path";
import { renderToString } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { NAMESPACES } from "@/lib/i18n/messages";
import { dayKeyOf, monthGrid, weekDays } from "@/lib/domain/calendar";
import { buildDayCells, chunkWeeks, type BlackoutInput, type CalendarPostInput } from "@/app/(portal)/calendar/_components/model";
import { MonthGrid } from "@/app/(portal)/calendar/_components/calendar-views";
import { SlotMoverProvider } from "@/app/(portal)/calendar/_components/slot-mover";

type Input = {
  anchor: string;
  timeZone: string;
  samples: number;
  viewer: { id: string; permissions: string[] };
  posts: (Omit<CalendarPostInput, "slotAt"> & { slotAt: string })[];
  blackouts: (Omit<BlackoutInput, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string })[];
};

const input = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Input;
const messages = Object.fromEntries(NAMESPACES.map((ns) => [ns, JSON.parse(fs.readFileSync(path.resolve("messages", "ja", `${ns}.json`), "utf8"))]));
const noop = () => {};
const router = { back: noop, forward: noop, refresh: noop, push: noop, replace: noop, prefetch: noop, hmrRefresh: noop };
const noAction = async () => ({ ok: true as const, data: null });

function renderOnce(): { html: string; propsBytes: number } {
  // What the page does per request: revive the DTOs, build the cells, render.
  const posts = input.posts.map((p) => ({ ...p, slotAt: new Date(p.slotAt) }));
  const blackouts = input.blackouts.map((b) => ({ ...b, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }));
  const viewer = { id: input.viewer.id, permissions: new Set(input.viewer.permissions) };
  const today = dayKeyOf(new Date(), input.timeZone);
  const cells = buildDayCells(monthGrid(input.anchor).weeks.flat(), posts, blackouts, { viewer, timeZone: input.timeZone, today, maxPerDay: 4 });
  const weeks = chunkWeeks(cells);
  const weekday = new Intl.DateTimeFormat("ja", { timeZone: "UTC", weekday: "short" });
  const weekdayNames = weekDays("2025-12-01").map((d) => weekday.format(new Date(`${d.key}T12:00:00Z`)));
  const html = renderToString(
    <AppRouterContext.Provider value={router as never}>
      <NextIntlClientProvider locale="ja" messages={messages} timeZone={input.timeZone} now={new Date()}>
        <SlotMoverProvider timeZone={input.timeZone} actions={{ movePlannedSlot: noAction, reschedule: noAction }}>
          <MonthGrid weeks={weeks} weekdayNames={weekdayNames} dayHref="/calendar?view=list&span=day&date=" />
        </SlotMoverProvider>
      </NextIntlClientProvider>
    </AppRouterContext.Provider>,
  );
  return { html, propsBytes: JSON.stringify(weeks).length };
}

const times: number[] = [];
let last = renderOnce();
for (let i = 0; i < 20; i++) renderOnce(); // warm-up (JIT, Intl caches)
for (let i = 0; i < input.samples; i++) {
  const t = performance.now();
  last = renderOnce();
  times.push(performance.now() - t);
}
const sorted = [...times].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const chips = (last.html.match(/data-testid="cal-item"/g) ?? []).length;
process.stdout.write(
  JSON.stringify({ p50: pct(50), p95: pct(95), htmlBytes: Buffer.byteLength(last.html), propsBytes: last.propsBytes, chipsDrawn: chips }) + "\n",
);

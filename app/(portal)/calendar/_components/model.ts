/**
 * The calendar's view model: posts and blackout windows placed on the days of a view in the
 * viewer's time zone. Pure (no IO): the page builds it on the server and hands the client
 * components only what they draw — at most `maxPerDay` chips per day plus a "+N more" count — so
 * a month with 1,000 posts stays a small payload and a small DOM.
 */
import { blockingWindow, overlapsRange, scopeOf, type BlackoutScope } from "@/lib/domain/blackout";
import { bucketByDay, rangeOfDays, timeOfDay, visibleItems, type GridDay } from "@/lib/domain/calendar";
import { allowedSlotMove, type SlotMove } from "@/lib/domain/scheduling";
import type { PostState } from "@/lib/domain/workflow";

export type CalendarPostInput = {
  id: string;
  title: string;
  state: PostState;
  kind: string;
  brandId: string;
  brandName: string;
  brandColor: string;
  authorId: string;
  authorName: string | null;
  slotAt: Date;
  channels: { id: string; platform: string; name: string }[];
};

export type BlackoutInput = {
  id: string;
  brandId: string | null;
  channelId: string | null;
  brandName: string | null;
  channelName: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
};

export type CalendarItem = {
  id: string;
  title: string;
  state: PostState;
  kind: string;
  brandName: string;
  brandColor: string;
  authorName: string | null;
  /** ISO instant of the slot. */
  slotAt: string;
  /** "HH:MM" in the viewer's zone. */
  time: string;
  channels: { platform: string; name: string }[];
  /** Where this viewer opens the post, if anywhere. */
  href: string | null;
  /** How this viewer may move the slot (null: not at all). */
  move: SlotMove | null;
  /** The reason of a blackout window this slot falls inside, if any. */
  blackoutReason: string | null;
};

export type DayBlackout = { id: string; reason: string; scope: BlackoutScope; where: string | null };

export type DayCell = {
  key: string;
  inMonth: boolean;
  isToday: boolean;
  weekday: number;
  items: CalendarItem[];
  /** Posts of the day not drawn ("+N more"). */
  more: number;
  total: number;
  blackouts: DayBlackout[];
};

export type ViewerContext = { id: string; permissions: ReadonlySet<string> };

/** Where a person opens a post from the calendar: the workspace page their permissions give them. */
export function postHref(viewer: ViewerContext, postId: string): string | null {
  if (viewer.permissions.has("post.approve_final")) return `/manager/approvals/${postId}`;
  if (viewer.permissions.has("post.create")) return `/studio/posts/${postId}`;
  if (viewer.permissions.has("post.review_pr")) return `/pr/reviews/${postId}`;
  if (viewer.permissions.has("post.review_legal")) return `/legal/reviews/${postId}`;
  return null;
}

export function toItem(post: CalendarPostInput, ctx: { viewer: ViewerContext; timeZone: string; blackouts: readonly BlackoutInput[] }): CalendarItem {
  const inBlackout = blockingWindow(ctx.blackouts, post.slotAt, { brandId: post.brandId, channelIds: post.channels.map((c) => c.id) });
  return {
    id: post.id,
    title: post.title,
    state: post.state,
    kind: post.kind,
    brandName: post.brandName,
    brandColor: post.brandColor,
    authorName: post.authorName,
    slotAt: post.slotAt.toISOString(),
    time: timeOfDay(post.slotAt, ctx.timeZone),
    channels: post.channels.map((c) => ({ platform: c.platform, name: c.name })),
    href: postHref(ctx.viewer, post.id),
    move: allowedSlotMove(ctx.viewer, post),
    blackoutReason: inBlackout?.reason ?? null,
  };
}

/** The cells of the given days: each day's posts in slot order (the first `maxPerDay` drawn), and the windows overlapping it. */
export function buildDayCells(
  days: readonly GridDay[],
  posts: readonly CalendarPostInput[],
  blackouts: readonly BlackoutInput[],
  o: { viewer: ViewerContext; timeZone: string; today: string; maxPerDay: number },
): DayCell[] {
  const byDay = bucketByDay(posts, o.timeZone);
  return days.map((d) => {
    const all = byDay.get(d.key) ?? [];
    const { shown, more } = visibleItems(all, o.maxPerDay);
    const { from, to } = rangeOfDays(d.key, d.key, o.timeZone);
    return {
      key: d.key,
      inMonth: d.inMonth,
      isToday: d.key === o.today,
      weekday: d.weekday,
      items: shown.map((p) => toItem(p, { viewer: o.viewer, timeZone: o.timeZone, blackouts })),
      more,
      total: all.length,
      blackouts: blackouts
        .filter((w) => overlapsRange(w, from, to))
        .map((w) => ({ id: w.id, reason: w.reason, scope: scopeOf(w), where: w.channelName ?? w.brandName })),
    };
  });
}

/** Rows of 7 cells. */
export function chunkWeeks<T>(cells: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < cells.length; i += 7) out.push(cells.slice(i, i + 7));
  return out;
}

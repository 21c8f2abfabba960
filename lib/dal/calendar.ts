import "server-only";
import { and, asc, eq, gt, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { brands, channels, posts, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { POST_STATES, type PostState } from "@/lib/domain/workflow";
import type { Platform } from "@/lib/domain/text-length";
import { parseInput } from "./posts-shared";
import { authorize, type Viewer } from "./viewer";

/*
 * The content calendar's reads (issue 3 "Calendar"). One query per page of posts, index-backed
 * (posts_scheduled_idx range scan; channels per post by the post_targets (post_id, channel_id)
 * unique index), keyset-paginated by (scheduled_at, id).
 *
 * Decisions:
 * - calendar.read shows every post's calendar entry (title, state, slot, brand, channels, author,
 *   kind) to every content role — the team plans around each other's slots — but not its content:
 *   opening a post goes through the workspace pages and their own permissions.
 * - Posts without a slot are not on the calendar. Cancelled posts are left out unless asked for.
 * - A range is at most 100 days (a month view with its padding weeks is 42).
 */

export const CALENDAR_LIMITS = { defaultLimit: 500, maxLimit: 2000, maxRangeDays: 100 } as const;

export type CalendarChannelDto = { id: string; platform: Platform; name: string };
export type CalendarPostDto = {
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
  channels: CalendarChannelDto[];
};
export type CalendarPage = { items: CalendarPostDto[]; nextCursor: string | null };

const DEFAULT_STATES = POST_STATES.filter((s) => s !== "cancelled");

const cursorSchema = z
  .string()
  .max(80)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/);

const listCalendarSchema = z
  .strictObject({
    from: z.date(),
    to: z.date(),
    brandId: z.uuid().optional(),
    channelId: z.uuid().optional(),
    states: z.array(z.enum(POST_STATES)).max(POST_STATES.length).optional(),
    cursor: cursorSchema.optional(),
    limit: z.number().int().min(1).max(CALENDAR_LIMITS.maxLimit).optional(),
  })
  .refine((v) => v.to.getTime() > v.from.getTime(), { message: "range_empty", path: ["to"] })
  .refine((v) => v.to.getTime() - v.from.getTime() <= CALENDAR_LIMITS.maxRangeDays * 86_400_000, { message: "range_too_long", path: ["to"] });
export type ListCalendarInput = z.input<typeof listCalendarSchema>;

/** The post's live channels as JSON, in a stable order (one correlated subquery, by the post_targets unique index). */
const channelsJson = sql<CalendarChannelDto[]>`coalesce((
  select json_agg(json_build_object('id', c.id, 'platform', c.platform, 'name', c.display_name) order by c.platform, c.display_name, c.id)
  from post_targets t join channels c on c.id = t.channel_id
  where t.post_id = ${posts.id} and t.state <> 'cancelled'
), '[]'::json)`;

/**
 * calendar.read — posts whose slot lies in [from, to), in slot order, filtered by brand, channel
 * and states (default: all but cancelled). At most `limit` (default 500, max 2000) per call;
 * pass nextCursor back to continue.
 */
export async function listCalendar(viewer: Viewer, input: ListCalendarInput): Promise<CalendarPage> {
  authorize(viewer, "calendar.read");
  const f = parseInput(listCalendarSchema, input);
  const limit = f.limit ?? CALENDAR_LIMITS.defaultLimit;
  const states = f.states?.length ? f.states : DEFAULT_STATES;
  const conds: SQL[] = [gte(posts.scheduledAt, f.from), lt(posts.scheduledAt, f.to)];
  if (states.length < POST_STATES.length) conds.push(inArray(posts.state, states));
  if (f.brandId) conds.push(eq(posts.brandId, f.brandId));
  if (f.channelId) {
    conds.push(sql`exists (select 1 from post_targets t where t.post_id = ${posts.id} and t.channel_id = ${f.channelId} and t.state <> 'cancelled')`);
  }
  if (f.cursor) {
    const at = new Date(f.cursor.slice(0, 24));
    const id = f.cursor.slice(25);
    if (Number.isNaN(at.getTime())) throw new AppError("VALIDATION", "invalid_input", { cursor: ["invalid_cursor"] });
    conds.push(or(gt(posts.scheduledAt, at), and(eq(posts.scheduledAt, at), gt(posts.id, id)))!);
  }
  const rows = await db
    .select({
      id: posts.id,
      title: posts.title,
      state: posts.state,
      kind: posts.kind,
      brandId: posts.brandId,
      brandName: brands.name,
      brandColor: brands.color,
      authorId: posts.authorId,
      authorName: users.name,
      slotAt: posts.scheduledAt,
      channels: channelsJson,
    })
    .from(posts)
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(and(...conds))
    .orderBy(asc(posts.scheduledAt), asc(posts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit) as (Omit<CalendarPostDto, "slotAt"> & { slotAt: Date })[];
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: rows.length > limit && last ? `${last.slotAt.toISOString()}_${last.id}` : null,
  };
}

export type CalendarFiltersDto = {
  brands: { id: string; name: string; color: string }[];
  channels: { id: string; brandId: string; platform: Platform; name: string }[];
};

/** calendar.read — the brands and (non-archived) channels the calendar can be filtered by. */
export async function listCalendarFilters(viewer: Viewer): Promise<CalendarFiltersDto> {
  authorize(viewer, "calendar.read");
  const [brandRows, channelRows] = await Promise.all([
    db.select({ id: brands.id, name: brands.name, color: brands.color }).from(brands).orderBy(asc(brands.slug)),
    db
      .select({ id: channels.id, brandId: channels.brandId, platform: channels.platform, name: channels.displayName })
      .from(channels)
      .where(ne(channels.status, "archived"))
      .orderBy(asc(channels.brandId), asc(channels.platform), asc(channels.handle)),
  ]);
  return { brands: brandRows, channels: channelRows };
}

import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { blackoutWindows, brands, channels, users } from "@/db/schema";
import { AppError, type FieldErrors } from "@/lib/errors";
import { BLACKOUT_LIMITS, scopeOf, validateWindow, type BlackoutScope } from "@/lib/domain/blackout";
import type { Platform } from "@/lib/domain/text-length";
import { recordAudit } from "./audit";
import { parseInput } from "./posts-shared";
import { parseInstant, SCHEDULING_ERRORS } from "@/lib/domain/scheduling";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Blackout windows (DESIGN.md §6, issue 3 "Calendar"): periods in which nothing in scope may be
 * scheduled — a disaster, an earnings quiet period, a press embargo. PR and the manager
 * (blackout.manage) set, edit and delete them with a required reason, audited; everyone with
 * calendar.read sees them on the calendar. The scheduling DAL refuses a slot inside one
 * (findBlockingBlackout). Rules: lib/domain/blackout.ts.
 *
 * Decisions:
 * - Scope: company-wide, one brand, or one channel (a platform outage, a channel-specific
 *   embargo); a channel window also stores the channel's brand, so brand filters find it.
 * - A window that has ended is history: it can no longer be edited or deleted (the calendar and
 *   the audit log answer "why did nothing go out that day?").
 * - Creating a window over posts already planned or scheduled inside it does not move them:
 *   the DTO counts them (affectedPosts) and the calendar marks them, so a person decides.
 */

const SUBJECT = "blackout";

/** Planned or armed posts: the ones a new window can collide with. */
const LIVE_POST_STATES = ["draft", "in_review", "changes_requested", "final_review", "approved", "scheduled"] as const;

export type BlackoutDto = {
  id: string;
  scope: BlackoutScope;
  brandId: string | null;
  brandName: string | null;
  channelId: string | null;
  channelName: string | null;
  platform: Platform | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdById: string;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Planned or scheduled posts in scope whose slot falls inside the window. */
  affectedPosts: number;
};

const idSchema = z.uuid();
const instantInput = z.union([z.date(), z.string().trim().min(1).max(40)]);
const reasonSchema = z.string().max(BLACKOUT_LIMITS.reasonMax * 2);

const listSchema = z.strictObject({
  from: z.date().optional(),
  to: z.date().optional(),
  brandId: idSchema.optional(),
  channelId: idSchema.optional(),
});
export type ListBlackoutsInput = z.input<typeof listSchema>;

export const createBlackoutSchema = z.strictObject({
  brandId: idSchema.nullish(),
  channelId: idSchema.nullish(),
  startsAt: instantInput,
  endsAt: instantInput,
  reason: reasonSchema,
});
export type CreateBlackoutInput = z.input<typeof createBlackoutSchema>;

export const updateBlackoutSchema = createBlackoutSchema.extend({ id: idSchema });
export type UpdateBlackoutInput = z.input<typeof updateBlackoutSchema>;

export const deleteBlackoutSchema = z.strictObject({ id: idSchema });
export type DeleteBlackoutInput = z.input<typeof deleteBlackoutSchema>;

const creator = alias(users, "blackout_creator");

/** Posts in scope with a slot inside the window (correlated: one row per window, index on posts.scheduled_at). */
const affectedCount = sql<number>`(
  select count(*)::int from posts p
  where p.scheduled_at >= ${blackoutWindows.startsAt} and p.scheduled_at < ${blackoutWindows.endsAt}
    and p.state in (${sql.join(
      LIVE_POST_STATES.map((s) => sql`${s}`),
      sql`, `,
    )})
    and (
      (${blackoutWindows.channelId} is null and (${blackoutWindows.brandId} is null or p.brand_id = ${blackoutWindows.brandId}))
      or exists (select 1 from post_targets t where t.post_id = p.id and t.channel_id = ${blackoutWindows.channelId} and t.state <> 'cancelled')
    )
)`;

const dtoColumns = {
  id: blackoutWindows.id,
  brandId: blackoutWindows.brandId,
  brandName: brands.name,
  channelId: blackoutWindows.channelId,
  channelName: channels.displayName,
  platform: channels.platform,
  startsAt: blackoutWindows.startsAt,
  endsAt: blackoutWindows.endsAt,
  reason: blackoutWindows.reason,
  createdById: blackoutWindows.createdById,
  createdByName: creator.name,
  createdAt: blackoutWindows.createdAt,
  updatedAt: blackoutWindows.updatedAt,
  affectedPosts: affectedCount,
};

async function selectDtos(tx: Tx, where: SQL | undefined): Promise<BlackoutDto[]> {
  const rows = await tx
    .select(dtoColumns)
    .from(blackoutWindows)
    .leftJoin(brands, eq(brands.id, blackoutWindows.brandId))
    .leftJoin(channels, eq(channels.id, blackoutWindows.channelId))
    .leftJoin(creator, eq(creator.id, blackoutWindows.createdById))
    .where(where)
    .orderBy(asc(blackoutWindows.startsAt), asc(blackoutWindows.id))
    .limit(500);
  return rows.map((r) => ({ ...r, scope: scopeOf(r) }));
}

/**
 * calendar.read — windows overlapping [from, to) (default: not yet ended), earliest first.
 * brandId / channelId narrow to windows that apply there (company-wide ones always do).
 */
export async function listBlackouts(viewer: Viewer, input: ListBlackoutsInput = {}): Promise<BlackoutDto[]> {
  authorize(viewer, "calendar.read");
  const f = parseInput(listSchema, input);
  const conds: (SQL | undefined)[] = [];
  if (f.to) conds.push(lt(blackoutWindows.startsAt, f.to));
  conds.push(gt(blackoutWindows.endsAt, f.from ?? new Date()));
  if (f.channelId) {
    const [ch] = await db.select({ brandId: channels.brandId }).from(channels).where(eq(channels.id, f.channelId)).limit(1);
    conds.push(
      or(
        and(isNull(blackoutWindows.brandId), isNull(blackoutWindows.channelId)),
        and(eq(blackoutWindows.brandId, ch?.brandId ?? f.channelId), isNull(blackoutWindows.channelId)),
        eq(blackoutWindows.channelId, f.channelId),
      ),
    );
  } else if (f.brandId) {
    conds.push(or(isNull(blackoutWindows.brandId), eq(blackoutWindows.brandId, f.brandId)));
  }
  return selectDtos(db, and(...conds));
}

/**
 * The first window (earliest start) in scope of a post that covers `at`, or null. Internal to the
 * DAL (scheduling.ts); the caller has checked permission. Same rule as lib/domain/blackout.ts blockingWindow.
 */
export async function findBlockingBlackout(tx: Tx, post: { brandId: string; channelIds: readonly string[] }, at: Date) {
  const scope = [
    and(isNull(blackoutWindows.channelId), or(isNull(blackoutWindows.brandId), eq(blackoutWindows.brandId, post.brandId))),
    post.channelIds.length ? inArray(blackoutWindows.channelId, [...post.channelIds]) : undefined,
  ].filter(Boolean) as SQL[];
  const [row] = await tx
    .select({ id: blackoutWindows.id, startsAt: blackoutWindows.startsAt, endsAt: blackoutWindows.endsAt, reason: blackoutWindows.reason })
    .from(blackoutWindows)
    .where(and(lte(blackoutWindows.startsAt, at), gt(blackoutWindows.endsAt, at), or(...scope)))
    .orderBy(asc(blackoutWindows.startsAt), asc(blackoutWindows.id))
    .limit(1);
  return row ?? null;
}

/** VALIDATION naming the window: message "blackout", the slot field says so, and blackout.* carry the window. */
export function blackoutError(w: { id: string; startsAt: Date; endsAt: Date; reason: string }, field = "slotAt"): AppError {
  return new AppError("VALIDATION", SCHEDULING_ERRORS.blackout, {
    [field]: [SCHEDULING_ERRORS.blackout],
    "blackout.id": [w.id],
    "blackout.reason": [w.reason],
    "blackout.startsAt": [w.startsAt.toISOString()],
    "blackout.endsAt": [w.endsAt.toISOString()],
  });
}

type ResolvedWindow = { brandId: string | null; channelId: string | null; startsAt: Date; endsAt: Date; reason: string };

/** Parses and checks a window: scope exists and is consistent, times are instants, the rules of lib/domain/blackout hold. */
async function resolveWindow(tx: Tx, viewer: Viewer, data: z.output<typeof createBlackoutSchema>): Promise<ResolvedWindow> {
  const fieldErrors: FieldErrors = {};
  const startsAt = parseInstant(data.startsAt, viewer.timeZone);
  const endsAt = parseInstant(data.endsAt, viewer.timeZone);
  if (!startsAt) fieldErrors.startsAt = [SCHEDULING_ERRORS.invalidInstant];
  if (!endsAt) fieldErrors.endsAt = [SCHEDULING_ERRORS.invalidInstant];
  let brandId = data.brandId ?? null;
  const channelId = data.channelId ?? null;
  if (channelId) {
    const [ch] = await tx.select({ brandId: channels.brandId }).from(channels).where(eq(channels.id, channelId)).limit(1);
    if (!ch) fieldErrors.channelId = ["unknown_channel"];
    else if (brandId && brandId !== ch.brandId) fieldErrors.channelId = ["channel_not_in_brand"];
    else brandId = ch.brandId;
  } else if (brandId) {
    const [b] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId)).limit(1);
    if (!b) fieldErrors.brandId = ["unknown_brand"];
  }
  if (startsAt && endsAt) {
    for (const issue of validateWindow({ startsAt, endsAt, reason: data.reason }, new Date())) {
      const field = issue.startsWith("reason") ? "reason" : "endsAt";
      (fieldErrors[field] ??= []).push(issue);
    }
  } else if (!data.reason.trim()) fieldErrors.reason = ["reason_required"];
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", SCHEDULING_ERRORS.invalidBlackout, fieldErrors);
  return { brandId, channelId, startsAt: startsAt!, endsAt: endsAt!, reason: data.reason.trim() };
}

const auditView = (w: ResolvedWindow) => ({
  scope: scopeOf(w),
  brandId: w.brandId,
  channelId: w.channelId,
  startsAt: w.startsAt.toISOString(),
  endsAt: w.endsAt.toISOString(),
  reason: w.reason,
});

async function dtoById(tx: Tx, id: string): Promise<BlackoutDto> {
  const [dto] = await selectDtos(tx, eq(blackoutWindows.id, id));
  if (!dto) throw new AppError("NOT_FOUND");
  return dto;
}

/** blackout.manage — a new window (company-wide, a brand, or a channel); audited blackout.created with how many planned posts it covers. */
export async function createBlackout(viewer: Viewer, input: CreateBlackoutInput): Promise<BlackoutDto> {
  authorize(viewer, "blackout.manage");
  const data = parseInput(createBlackoutSchema, input);
  return db.transaction(async (tx) => {
    const w = await resolveWindow(tx, viewer, data);
    const [row] = await tx
      .insert(blackoutWindows)
      .values({ ...w, createdById: viewer.id, updatedById: viewer.id })
      .returning({ id: blackoutWindows.id });
    const dto = await dtoById(tx, row!.id);
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "blackout.created",
      subjectType: SUBJECT,
      subjectId: dto.id,
      data: { ...auditView(w), affectedPosts: dto.affectedPosts },
      requestId: viewer.requestId,
    });
    return dto;
  });
}

async function lockOpenWindow(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: blackoutWindows.id,
      brandId: blackoutWindows.brandId,
      channelId: blackoutWindows.channelId,
      startsAt: blackoutWindows.startsAt,
      endsAt: blackoutWindows.endsAt,
      reason: blackoutWindows.reason,
    })
    .from(blackoutWindows)
    .where(eq(blackoutWindows.id, id))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  if (row.endsAt.getTime() <= Date.now()) throw new AppError("CONFLICT", SCHEDULING_ERRORS.blackoutEnded);
  return row;
}

/** blackout.manage — changes a window that has not ended (scope, times, reason); audited blackout.updated with before and after. */
export async function updateBlackout(viewer: Viewer, input: UpdateBlackoutInput): Promise<BlackoutDto> {
  authorize(viewer, "blackout.manage");
  const data = parseInput(updateBlackoutSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockOpenWindow(tx, data.id);
    const w = await resolveWindow(tx, viewer, data);
    await tx
      .update(blackoutWindows)
      .set({ ...w, updatedById: viewer.id, updatedAt: new Date() })
      .where(eq(blackoutWindows.id, before.id));
    const dto = await dtoById(tx, before.id);
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "blackout.updated",
      subjectType: SUBJECT,
      subjectId: before.id,
      data: { before: auditView(before), after: auditView(w), affectedPosts: dto.affectedPosts },
      requestId: viewer.requestId,
    });
    return dto;
  });
}

/** blackout.manage — removes a window that has not ended; audited blackout.deleted with the whole window. */
export async function deleteBlackout(viewer: Viewer, input: DeleteBlackoutInput): Promise<{ id: string }> {
  authorize(viewer, "blackout.manage");
  const data = parseInput(deleteBlackoutSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockOpenWindow(tx, data.id);
    await tx.delete(blackoutWindows).where(eq(blackoutWindows.id, before.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "blackout.deleted",
      subjectType: SUBJECT,
      subjectId: before.id,
      data: auditView(before),
      requestId: viewer.requestId,
    });
    return { id: before.id };
  });
}

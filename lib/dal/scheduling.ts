import "server-only";
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { approvals, brands, postRevisions, posts, postTargets } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { approvalStatus, transition, type PostState, type WorkflowEvent } from "@/lib/domain/workflow";
import { ARMABLE_STATES, PLANNABLE_STATES, parseInstant, SCHEDULING_ERRORS, slotIssue } from "@/lib/domain/scheduling";
import { recordAudit } from "./audit";
import { blackoutError, findBlockingBlackout, listBlackouts, type BlackoutDto } from "./blackouts";
import { lockVisiblePost, parseId, parseInput, visiblePosts, workflowError } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Scheduling (DESIGN.md §6, issue 3 "Calendar"): the planned slot of a post, arming it for the
 * publisher, disarming it, and moving it. The contract the publisher builds on:
 *
 * - posts.scheduled_at is the post's slot, and every non-cancelled target that has not gone out
 *   carries the same value in post_targets.scheduled_at.
 * - Arming (workflow `schedule`, effect arm_schedule): post approved|scheduled|failed|expired →
 *   scheduled; its targets pending|held|failed|expired (and scheduled, when re-armed) → scheduled
 *   at the slot. Published targets, and targets mid-publish or awaiting a human check, are left
 *   alone. The publisher claims targets WHERE state = 'scheduled' AND scheduled_at <= now().
 * - Disarming (`unschedule`, effect disarm_schedule): targets scheduled|held → pending, post →
 *   approved; the slot stays as the planned slot.
 * - posts.updated_at is set on every change; every change writes its audit row in the same
 *   transaction: post.scheduled / post.rescheduled / post.unscheduled / post.slot_moved, with
 *   the old and the new slot.
 *
 * Refusals: a slot in the past or too far ahead → VALIDATION (slot_in_past / slot_too_far); a slot
 * inside a blackout window in scope → VALIDATION "blackout" naming the window (blackouts.ts
 * blackoutError); workflow refusals map through posts-shared workflowError (not fully approved →
 * VALIDATION, wrong state → CONFLICT); the caller saw an older slot (expectedSlotAt) → CONFLICT
 * slot_changed; someone else's post → FORBIDDEN; an invisible post → NOT_FOUND.
 * State changes go through lib/domain/workflow.ts `transition`; the post row is locked first
 * (posts-shared lockVisiblePost), so a racing edit, approval or publisher claim serialises.
 */

const SUBJECT = "post";

export type ScheduleResultDto = {
  postId: string;
  state: PostState;
  slotAt: Date | null;
  previousSlotAt: Date | null;
  /** Targets now armed (scheduled at the slot). */
  armedTargets: number;
};

const idSchema = z.uuid();
const slotInput = z.union([z.date(), z.string().trim().min(1).max(40)]);
/** What the caller last saw; null = "it had no slot". Omit to skip the check. */
const expectedSlotInput = z.union([z.date(), z.string().trim().max(40), z.null()]).optional();

export const schedulePostSchema = z.strictObject({ postId: idSchema, slotAt: slotInput.optional(), expectedSlotAt: expectedSlotInput });
export type SchedulePostInput = z.input<typeof schedulePostSchema>;
export const rescheduleSchema = z.strictObject({ postId: idSchema, slotAt: slotInput, expectedSlotAt: expectedSlotInput });
export type RescheduleInput = z.input<typeof rescheduleSchema>;
export const unschedulePostSchema = z.strictObject({ postId: idSchema });
export type UnschedulePostInput = z.input<typeof unschedulePostSchema>;
export const movePlannedSlotSchema = z.strictObject({ postId: idSchema, slotAt: z.union([slotInput, z.null()]), expectedSlotAt: expectedSlotInput });
export type MovePlannedSlotInput = z.input<typeof movePlannedSlotSchema>;

type LockedPost = Awaited<ReturnType<typeof lockVisiblePost>>;

// ── internals ──

function readSlot(viewer: Viewer, value: unknown): Date {
  const slot = parseInstant(value, viewer.timeZone);
  if (!slot) throw new AppError("VALIDATION", SCHEDULING_ERRORS.invalidInstant, { slotAt: [SCHEDULING_ERRORS.invalidInstant] });
  const issue = slotIssue(slot, new Date());
  if (issue) throw new AppError("VALIDATION", issue, { slotAt: [issue] });
  return slot;
}

/** CONFLICT when the caller's view of the slot is out of date (someone moved it meanwhile). */
function checkExpected(viewer: Viewer, post: LockedPost, expected: unknown) {
  if (expected === undefined) return;
  const want = expected === null || expected === "" ? null : parseInstant(expected, viewer.timeZone);
  if (expected !== null && expected !== "" && !want) {
    throw new AppError("VALIDATION", SCHEDULING_ERRORS.invalidInstant, { expectedSlotAt: [SCHEDULING_ERRORS.invalidInstant] });
  }
  if ((want?.getTime() ?? null) !== (post.scheduledAt?.getTime() ?? null)) throw new AppError("CONFLICT", SCHEDULING_ERRORS.slotChanged);
}

/** The channels the post goes out on (non-cancelled targets): a channel-scoped blackout applies through them. */
async function channelIdsOf(tx: Tx, postId: string): Promise<string[]> {
  const rows = await tx
    .select({ channelId: postTargets.channelId })
    .from(postTargets)
    .where(and(eq(postTargets.postId, postId), ne(postTargets.state, "cancelled")));
  return rows.map((r) => r.channelId);
}

async function refuseBlackout(tx: Tx, post: LockedPost, slot: Date) {
  const w = await findBlockingBlackout(tx, { brandId: post.brandId, channelIds: await channelIdsOf(tx, post.id) }, slot);
  if (w) throw blackoutError(w);
}

async function workflowContext(tx: Tx, post: LockedPost) {
  if (!post.currentRevisionId) throw new AppError("CONFLICT", "invalid_transition");
  const [rev] = await tx
    .select({ contentHash: postRevisions.contentHash, createdById: postRevisions.createdById })
    .from(postRevisions)
    .where(and(eq(postRevisions.id, post.currentRevisionId), eq(postRevisions.postId, post.id)))
    .limit(1);
  if (!rev) throw new AppError("CONFLICT", "invalid_transition");
  const records = await tx
    .select({ stage: approvals.stage, decision: approvals.decision, revisionHash: approvals.revisionHash, reviewerId: approvals.reviewerId, voidedAt: approvals.voidedAt })
    .from(approvals)
    .where(and(eq(approvals.postId, post.id), isNull(approvals.voidedAt)));
  return {
    state: post.state,
    revision: { hash: rev.contentHash, authorId: rev.createdById },
    requiresLegal: post.requiresLegal,
    approvals: records,
    now: new Date(),
    slotAt: post.scheduledAt,
  };
}

/** Fires schedule/unschedule through the workflow and carries out its effects on the targets. */
async function fire(
  tx: Tx,
  post: LockedPost,
  event: WorkflowEvent,
  ctx?: Awaited<ReturnType<typeof workflowContext>>,
): Promise<{ next: PostState; slotAt: Date | null; armedTargets: number }> {
  const result = transition(ctx ?? (await workflowContext(tx, post)), event);
  if (!result.ok) throw workflowError(result.reason);
  let slotAt = post.scheduledAt;
  let armedTargets = 0;
  const now = new Date();
  // A re-armed or disarmed target starts clean: no retry time, no crisis hold, no stale claim (as crisis-mode's resume does).
  const fresh = { nextAttemptAt: null, heldCrisisId: null, claimToken: null, stateChangedAt: now };
  for (const effect of result.effects) {
    if (effect.type === "disarm_schedule") {
      await tx
        .update(postTargets)
        .set({ state: "pending", ...fresh })
        .where(and(eq(postTargets.postId, post.id), inArray(postTargets.state, ["scheduled", "held"])));
    } else if (effect.type === "arm_schedule") {
      slotAt = effect.slotAt;
      const armed = await tx
        .update(postTargets)
        .set({ state: "scheduled", scheduledAt: effect.slotAt, ...fresh })
        .where(and(eq(postTargets.postId, post.id), inArray(postTargets.state, ["pending", "held", "failed", "expired", "scheduled"])))
        .returning({ id: postTargets.id });
      armedTargets = armed.length;
    }
  }
  await tx.update(posts).set({ state: result.next, scheduledAt: slotAt, updatedAt: now }).where(eq(posts.id, post.id));
  return { next: result.next, slotAt, armedTargets };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function arm(viewer: Viewer, input: { postId: string; slotAt?: unknown; expectedSlotAt?: unknown }, action: "schedule" | "reschedule"): Promise<ScheduleResultDto> {
  return db.transaction(async (tx) => {
    const post = await lockVisiblePost(tx, viewer, input.postId);
    checkExpected(viewer, post, input.expectedSlotAt);
    if (action === "reschedule" && !(ARMABLE_STATES as readonly string[]).includes(post.state)) {
      throw new AppError("CONFLICT", SCHEDULING_ERRORS.notArmable);
    }
    const requested = input.slotAt === undefined ? null : readSlot(viewer, input.slotAt);
    // The planned slot, when none is given, must still be in the future.
    if (!requested && post.scheduledAt) {
      const issue = slotIssue(post.scheduledAt, new Date());
      if (issue) throw new AppError("VALIDATION", issue, { slotAt: [issue] });
    }
    // Workflow guards first (approval, state), then the blackout of the slot it would arm.
    const ctx = await workflowContext(tx, post);
    const event: WorkflowEvent = { type: "schedule", actorId: viewer.id, ...(requested ? { slotAt: requested } : {}) };
    const dry = transition(ctx, event);
    if (!dry.ok) throw workflowError(dry.reason);
    const slot = requested ?? post.scheduledAt!;
    await refuseBlackout(tx, post, slot);

    const out = await fire(tx, post, event, ctx);
    const auditAction = action === "reschedule" || post.state === "scheduled" ? "post.rescheduled" : "post.scheduled";
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: auditAction,
      subjectType: SUBJECT,
      subjectId: post.id,
      data: { fromState: post.state, toState: out.next, oldSlot: iso(post.scheduledAt), newSlot: iso(out.slotAt), armedTargets: out.armedTargets },
      requestId: viewer.requestId,
    });
    return { postId: post.id, state: out.next, slotAt: out.slotAt, previousSlotAt: post.scheduledAt, armedTargets: out.armedTargets };
  });
}

// ── writes ──

/**
 * post.schedule — arms a fully approved post (approved, or scheduled/failed/expired again) at
 * slotAt, or at its planned slot when slotAt is omitted. Audited post.scheduled (post.rescheduled
 * when it was already scheduled).
 */
export async function schedulePost(viewer: Viewer, input: SchedulePostInput): Promise<ScheduleResultDto> {
  authorize(viewer, "post.schedule");
  const data = parseInput(schedulePostSchema, input);
  return arm(viewer, data, "schedule");
}

/**
 * post.schedule — moves the slot of an approved or scheduled post (the calendar's confirmed drag):
 * re-arms it at slotAt through the workflow's schedule event. Audited post.rescheduled.
 */
export async function reschedule(viewer: Viewer, input: RescheduleInput): Promise<ScheduleResultDto> {
  authorize(viewer, "post.schedule");
  const data = parseInput(rescheduleSchema, input);
  return arm(viewer, data, "reschedule");
}

/** post.schedule — disarms a scheduled post: targets scheduled/held → pending, post → approved; the slot stays planned. Audited post.unscheduled. */
export async function unschedulePost(viewer: Viewer, input: UnschedulePostInput): Promise<ScheduleResultDto> {
  authorize(viewer, "post.schedule");
  const data = parseInput(unschedulePostSchema, input);
  return db.transaction(async (tx) => {
    const post = await lockVisiblePost(tx, viewer, data.postId);
    const out = await fire(tx, post, { type: "unschedule", actorId: viewer.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.unscheduled",
      subjectType: SUBJECT,
      subjectId: post.id,
      data: { fromState: post.state, toState: out.next, oldSlot: iso(post.scheduledAt), newSlot: iso(out.slotAt) },
      requestId: viewer.requestId,
    });
    return { postId: post.id, state: out.next, slotAt: out.slotAt, previousSlotAt: post.scheduledAt, armedTargets: 0 };
  });
}

/**
 * post.plan_slot — sets, moves or clears (null) the planned slot of a post not approved yet
 * (draft … final_review): its author, or anyone holding post.schedule (others: FORBIDDEN).
 * Audited post.slot_moved. Approved and scheduled posts move through `reschedule` instead (CONFLICT not_plannable).
 */
export async function movePlannedSlot(viewer: Viewer, input: MovePlannedSlotInput): Promise<ScheduleResultDto> {
  authorize(viewer, "post.plan_slot");
  const data = parseInput(movePlannedSlotSchema, input);
  return db.transaction(async (tx) => {
    const post = await lockVisiblePost(tx, viewer, data.postId);
    if (post.authorId !== viewer.id && !viewer.permissions.has("post.schedule")) throw new AppError("FORBIDDEN", SCHEDULING_ERRORS.notAuthor);
    if (!(PLANNABLE_STATES as readonly string[]).includes(post.state)) throw new AppError("CONFLICT", SCHEDULING_ERRORS.notPlannable);
    checkExpected(viewer, post, data.expectedSlotAt);
    const slot = data.slotAt === null ? null : readSlot(viewer, data.slotAt);
    if (slot) await refuseBlackout(tx, post, slot);
    const result = { postId: post.id, state: post.state, slotAt: slot, previousSlotAt: post.scheduledAt, armedTargets: 0 };
    if ((slot?.getTime() ?? null) === (post.scheduledAt?.getTime() ?? null)) return result;

    await tx
      .update(postTargets)
      .set({ scheduledAt: slot })
      .where(and(eq(postTargets.postId, post.id), ne(postTargets.state, "cancelled")));
    await tx.update(posts).set({ scheduledAt: slot, updatedAt: new Date() }).where(eq(posts.id, post.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.slot_moved",
      subjectType: SUBJECT,
      subjectId: post.id,
      data: { state: post.state, oldSlot: iso(post.scheduledAt), newSlot: iso(slot) },
      requestId: viewer.requestId,
    });
    return result;
  });
}

// ── reads ──

export type SchedulePanelDto = {
  postId: string;
  state: PostState;
  slotAt: Date | null;
  fullyApproved: boolean;
  targets: { channelId: string; state: string; scheduledAt: Date | null }[];
  /** Windows in scope of this post that have not ended, earliest first. */
  blackouts: BlackoutDto[];
};

/** post.schedule — what the manager's schedule panel needs for one visible post: state, slot, approval, target states and the blackouts ahead in scope. */
export async function getSchedulePanel(viewer: Viewer, postId: string): Promise<SchedulePanelDto> {
  authorize(viewer, "post.schedule");
  const id = parseId(postId);
  const [post] = await db
    .select({ id: posts.id, state: posts.state, brandId: posts.brandId, scheduledAt: posts.scheduledAt, requiresLegal: posts.requiresLegal, currentRevisionId: posts.currentRevisionId })
    .from(posts)
    .where(visiblePosts(viewer, id))
    .limit(1);
  if (!post) throw new AppError("NOT_FOUND");
  const [targets, rev, records] = await Promise.all([
    db
      .select({ channelId: postTargets.channelId, state: postTargets.state, scheduledAt: postTargets.scheduledAt })
      .from(postTargets)
      .where(and(eq(postTargets.postId, post.id), ne(postTargets.state, "cancelled"))),
    post.currentRevisionId
      ? db.select({ contentHash: postRevisions.contentHash }).from(postRevisions).where(eq(postRevisions.id, post.currentRevisionId)).limit(1)
      : Promise.resolve([]),
    db
      .select({ stage: approvals.stage, decision: approvals.decision, revisionHash: approvals.revisionHash, reviewerId: approvals.reviewerId })
      .from(approvals)
      .where(and(eq(approvals.postId, post.id), isNull(approvals.voidedAt))),
  ]);
  const hash = rev[0]?.contentHash;
  const channelIds = new Set(targets.map((t) => t.channelId));
  const windows = (await listBlackouts(viewer, { brandId: post.brandId })).filter((w) => !w.channelId || channelIds.has(w.channelId));
  return {
    postId: post.id,
    state: post.state,
    slotAt: post.scheduledAt,
    fullyApproved: !!hash && approvalStatus(records, { revisionHash: hash, requiresLegal: post.requiresLegal }).fullyApproved,
    targets,
    blackouts: windows,
  };
}

export type AwaitingScheduleDto = { postId: string; title: string; brandName: string; slotAt: Date | null; updatedAt: Date };

/** post.schedule — approved posts not armed yet, soonest planned slot first (no slot last): the manager's "to schedule" list. */
export async function listAwaitingSchedule(viewer: Viewer, limit = 50): Promise<AwaitingScheduleDto[]> {
  authorize(viewer, "post.schedule");
  return db
    .select({ postId: posts.id, title: posts.title, brandName: brands.name, slotAt: posts.scheduledAt, updatedAt: posts.updatedAt })
    .from(posts)
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .where(and(eq(posts.state, "approved"), viewer.permissions.has("post.read") ? undefined : eq(posts.authorId, viewer.id)))
    .orderBy(sql`${posts.scheduledAt} asc nulls last`, asc(posts.id))
    .limit(Math.min(Math.max(1, limit), 200));
}

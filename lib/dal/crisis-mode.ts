import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { auditEvents, brands, channels, crisisStates, posts, postTargets, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseLocalDateTime } from "@/lib/domain/calendar";
import { canFire, type PostState } from "@/lib/domain/workflow";
import { settleTargets } from "@/lib/domain/scheduling";
import { pauseForCrises } from "./ads-delivery";
import type { Platform } from "@/lib/domain/text-length";
import { recordAudit } from "./audit";
import { blackoutError, findBlockingBlackout } from "./blackouts";
import { activeCrisisFor, CRISIS_EXEMPT_KINDS, lockCrisisExclusive } from "./crisis-guard";
import { notify } from "./notify";
import { parseInput } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Crisis mode (DESIGN.md §6, issue 3 "Crisis mode"): the switch, the crisis room's lists, and the
 * human choice for every post the crisis held. The publisher's side (holding a target at its slot
 * while a crisis covers it) is lib/dal/publishing.ts; the shared lock and the scope rule are
 * lib/dal/crisis-guard.ts.
 *
 * Decisions:
 * - Start (crisis.manage: the manager and PR): a reason is required; the scope is the whole
 *   company, one brand or one channel. The row is inserted under the crisis lock taken
 *   exclusively, so no publisher claim runs its check meanwhile, and a claim that starts after the
 *   commit sees the crisis. One active crisis per identical scope: a second start of the same scope
 *   is CONFLICT (crisis_already_active) — it is not a duplicate to swallow, the person should see
 *   the crisis already running. Different scopes may overlap (a brand crisis, then a company-wide one).
 * - Everyone (crisis.read) is notified on start and on end; the banner shows in every workspace.
 * - End: nothing fires by itself. Under the same exclusive lock, every target in the crisis's
 *   scope that came due during the crisis and was not held yet (no worker ran, or it was about
 *   to) is held too, so the end never releases a burst; the publisher never takes a held target.
 * - "What would have fired meanwhile": held targets (of any crisis, ended or not, until a human
 *   chooses) and scheduled targets that are due while an active crisis covers them.
 * - The choice per item — publish now, reschedule, cancel — is crisis.manage too (the people who
 *   run the crisis decide what comes out of it). Each locks the post row, then the target row
 *   (the publisher's order), and carries the version the person saw (the target's
 *   state_changed_at): two people choosing at once get one outcome, the second a CONFLICT
 *   (held_item_changed). Publish now is refused while a crisis still covers the target; a new
 *   slot must be in the future and outside every blackout window in scope.
 * - posts.scheduled_at stays the earliest slot among the post's live targets; a post whose every
 *   target is cancelled becomes cancelled (workflow cancel).
 * - Crisis-exempt kinds (statements, corrections, apologies, retractions) are never held: they are
 *   the crisis communication.
 */

const SUBJECT = "crisis";
const REASON_MAX = 2_000;

export const CRISIS_ERRORS = {
  reasonRequired: "reason_required",
  scopeTargetRequired: "scope_target_required",
  unknownBrand: "unknown_brand",
  unknownChannel: "unknown_channel",
  alreadyActive: "crisis_already_active",
  alreadyEnded: "crisis_already_ended",
  itemChanged: "held_item_changed",
  notHeld: "not_held",
  stillCovered: "crisis_still_active",
  slotRequired: "slot_required",
  invalidSlot: "invalid_slot",
  slotInPast: "slot_in_past",
  blackout: "blackout",
  postNotArmed: "post_not_armed",
} as const;

export const CRISIS_SCOPES = ["all", "brand", "channel"] as const;
export type CrisisScope = (typeof CRISIS_SCOPES)[number];
export const HELD_CHOICES = ["publish_now", "reschedule", "cancel"] as const;
export type HeldChoice = (typeof HELD_CHOICES)[number];

const idSchema = z.uuid();
/** Form fields arrive as "" when not chosen. */
const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), idSchema.optional());
const reasonSchema = z.string().max(REASON_MAX * 2);

export const startCrisisSchema = z.strictObject({
  scope: z.enum(CRISIS_SCOPES),
  brandId: optionalId,
  channelId: optionalId,
  reason: reasonSchema,
});
export type StartCrisisInput = z.input<typeof startCrisisSchema>;

export const endCrisisSchema = z.strictObject({ crisisId: idSchema, reason: reasonSchema.optional() });
export type EndCrisisInput = z.input<typeof endCrisisSchema>;

export const resolveHeldSchema = z.strictObject({
  targetId: idSchema,
  choice: z.enum(HELD_CHOICES),
  /** The target's version as the person saw it (HeldItemDto.version). */
  version: z.string().min(1).max(40),
  /** For reschedule: an ISO instant, or a datetime-local value read in the viewer's time zone. */
  slotAt: z.union([z.date(), z.string().trim().max(40)]).optional(),
});
export type ResolveHeldInput = z.input<typeof resolveHeldSchema>;

// ── DTOs ──

export type CrisisDto = {
  id: string;
  scope: CrisisScope;
  brandId: string | null;
  brandName: string | null;
  channelId: string | null;
  channelName: string | null;
  channelHandle: string | null;
  platform: string | null;
  reason: string;
  startedAt: Date;
  startedByName: string | null;
  endedAt: Date | null;
  endedByName: string | null;
  /** Targets this crisis held, at their slot or at its end (whatever became of them since; from the audit log). */
  heldCount: number;
  /** Of those, still waiting for a human choice. */
  stillHeld: number;
};

export type HeldItemDto = {
  targetId: string;
  postId: string;
  postTitle: string;
  postKind: string;
  postState: string;
  brandName: string;
  channelId: string;
  platform: string;
  channelName: string;
  /** held: the publisher stopped it at its slot; scheduled: due during an active crisis, about to be held. */
  state: "held" | "scheduled";
  slotAt: Date | null;
  crisisId: string | null;
  crisisReason: string | null;
  /** An active crisis still covers it (publish now is refused). */
  covered: boolean;
  /** Optimistic-concurrency token: send it back with the choice. */
  version: string;
};

export type CrisisRoomDto = {
  active: CrisisDto[];
  history: CrisisDto[];
  /** null when the viewer may not read posts (the list names posts). */
  held: HeldItemDto[] | null;
  generatedAt: Date;
};

export type CrisisScopeOptionsDto = {
  brands: { id: string; name: string }[];
  channels: { id: string; brandId: string; brandName: string; platform: Platform; name: string; handle: string; status: "active" | "disconnected" | "archived" }[];
};

export type HeldChoiceResultDto = {
  targetId: string;
  postId: string;
  choice: HeldChoice;
  targetState: string;
  slotAt: Date | null;
  postState: string;
};

// ── internals ──

const starter = alias(users, "starter");
const ender = alias(users, "ender");
const EXEMPT = [...CRISIS_EXEMPT_KINDS];

/** SQL: an active crisis covers the target's brand (through its post) or channel. */
function coveredByActiveCrisis(): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${crisisStates} c where c.ended_at is null and (
    c.scope = 'all'
    or (c.scope = 'brand' and c.brand_id = ${posts.brandId})
    or (c.scope = 'channel' and c.channel_id = ${postTargets.channelId})))`;
}

/** The target's version: its state_changed_at to the millisecond (what a JS Date carries). */
const versionOf = sql<string>`to_char(date_trunc('milliseconds', ${postTargets.stateChangedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function crisisRows(where: SQL | undefined, order: SQL[], limit: number): Promise<CrisisDto[]> {
  const rows = await db
    .select({
      id: crisisStates.id,
      scope: crisisStates.scope,
      brandId: crisisStates.brandId,
      brandName: brands.name,
      channelId: crisisStates.channelId,
      channelName: channels.displayName,
      channelHandle: channels.handle,
      platform: channels.platform,
      reason: crisisStates.reason,
      startedAt: crisisStates.startedAt,
      startedByName: starter.name,
      endedAt: crisisStates.endedAt,
      endedByName: ender.name,
      // From the append-only audit log: a released target no longer carries the crisis id.
      heldCount: sql<number>`((select count(*)::int from ${auditEvents} a where a.action = 'publication.held' and a.data->>'crisisId' = ${crisisStates.id}::text)
        + coalesce((select jsonb_array_length(a.data->'heldAtEnd') from ${auditEvents} a where a.action = 'crisis.ended' and a.subject_type = 'crisis' and a.subject_id = ${crisisStates.id}::text limit 1), 0))`,
      stillHeld: sql<number>`(select count(*)::int from ${postTargets} t where t.held_crisis_id = ${crisisStates.id} and t.state = 'held')`,
    })
    .from(crisisStates)
    .leftJoin(brands, eq(brands.id, crisisStates.brandId))
    .leftJoin(channels, eq(channels.id, crisisStates.channelId))
    .leftJoin(starter, eq(starter.id, crisisStates.startedById))
    .leftJoin(ender, eq(ender.id, crisisStates.endedById))
    .where(where)
    .orderBy(...order)
    .limit(limit);
  return rows;
}

/** Scope label values for notifications: the brand or channel name; "all" is rendered by the message. */
function scopeParams(scope: CrisisScope, brandName: string | null, channelName: string | null) {
  return { scopeKind: scope, scope: scope === "all" ? null : scope === "brand" ? brandName : channelName };
}

function readSlot(viewer: Viewer, value: unknown): Date {
  let slot: Date | null = null;
  if (value instanceof Date) slot = Number.isNaN(value.getTime()) ? null : value;
  else if (typeof value === "string" && value.trim()) {
    const s = value.trim();
    slot = /(Z|[+-]\d{2}:\d{2})$/.test(s) ? new Date(s) : parseLocalDateTime(s, viewer.timeZone);
    if (slot && Number.isNaN(slot.getTime())) slot = null;
  } else {
    throw new AppError("VALIDATION", CRISIS_ERRORS.slotRequired, { slotAt: [CRISIS_ERRORS.slotRequired] });
  }
  if (!slot) throw new AppError("VALIDATION", CRISIS_ERRORS.invalidSlot, { slotAt: [CRISIS_ERRORS.invalidSlot] });
  if (slot.getTime() <= Date.now()) throw new AppError("VALIDATION", CRISIS_ERRORS.slotInPast, { slotAt: [CRISIS_ERRORS.slotInPast] });
  if (slot.getTime() - Date.now() > 730 * 86_400_000) throw new AppError("VALIDATION", CRISIS_ERRORS.invalidSlot, { slotAt: [CRISIS_ERRORS.invalidSlot] });
  return slot;
}

/** posts.scheduled_at = the earliest slot among the post's targets still to go out (unchanged when none). */
async function resyncPostSlot(tx: Tx, postId: string) {
  await tx
    .update(posts)
    .set({
      scheduledAt: sql`coalesce((select min(t.scheduled_at) from ${postTargets} t where t.post_id = ${postId} and t.state in ('pending', 'scheduled', 'held')), ${posts.scheduledAt})`,
      updatedAt: new Date(),
    })
    .where(eq(posts.id, postId));
}

/**
 * After a target is cancelled: a post with no live target left is cancelled (scheduled) or settled
 * (publishing: published when every live target went out, else failed — as the publisher settles).
 */
async function settleAfterCancel(viewer: Viewer, tx: Tx, post: { id: string; state: PostState }): Promise<PostState> {
  const targets = await tx.select({ state: postTargets.state }).from(postTargets).where(eq(postTargets.postId, post.id));
  const settled = settleTargets(targets.map((t) => t.state));
  if (settled.kind === "in_flight") return post.state;
  let next: PostState = post.state;
  if (settled.kind === "no_live_targets" && canFire(post.state, "cancel")) next = "cancelled";
  else if (post.state === "publishing") next = settled.kind === "published" ? "published" : "failed";
  if (next === post.state) return next;
  await tx.update(posts).set({ state: next, updatedAt: new Date() }).where(eq(posts.id, post.id));
  await recordAudit(tx, {
    actor: actorOf(viewer),
    action: next === "cancelled" ? "post.cancelled" : next === "published" ? "post.published" : "post.publish_failed",
    subjectType: "post",
    subjectId: post.id,
    data: { fromState: post.state, toState: next, cause: "held_targets_cancelled" },
    requestId: viewer.requestId,
  });
  return next;
}

// ── writes ──

/**
 * crisis.manage — turns crisis mode on for everything, one brand or one channel, with a required
 * reason. CONFLICT when a crisis of the identical scope is already active. Audited crisis.started;
 * everyone with crisis.read is notified.
 */
export async function startCrisis(viewer: Viewer, input: StartCrisisInput): Promise<CrisisDto> {
  authorize(viewer, "crisis.manage");
  const data = parseInput(startCrisisSchema, input);
  const reason = data.reason.trim();
  if (!reason) throw new AppError("VALIDATION", CRISIS_ERRORS.reasonRequired, { reason: [CRISIS_ERRORS.reasonRequired] });
  if (reason.length > REASON_MAX) throw new AppError("VALIDATION", "invalid_input", { reason: ["too_long"] });
  if (data.scope === "brand" && !data.brandId) throw new AppError("VALIDATION", CRISIS_ERRORS.scopeTargetRequired, { brandId: [CRISIS_ERRORS.scopeTargetRequired] });
  if (data.scope === "channel" && !data.channelId) throw new AppError("VALIDATION", CRISIS_ERRORS.scopeTargetRequired, { channelId: [CRISIS_ERRORS.scopeTargetRequired] });

  const id = await db.transaction(async (tx) => {
    // Before the insert: from here on no publisher claim looks, so none can miss this crisis.
    await lockCrisisExclusive(tx);
    let brandId: string | null = null;
    let channelId: string | null = null;
    let brandName: string | null = null;
    let channelName: string | null = null;
    if (data.scope === "brand") {
      const [b] = await tx.select({ id: brands.id, name: brands.name }).from(brands).where(eq(brands.id, data.brandId!)).limit(1);
      if (!b) throw new AppError("VALIDATION", CRISIS_ERRORS.unknownBrand, { brandId: [CRISIS_ERRORS.unknownBrand] });
      brandId = b.id;
      brandName = b.name;
    } else if (data.scope === "channel") {
      const [c] = await tx
        .select({ id: channels.id, brandId: channels.brandId, name: channels.displayName, handle: channels.handle })
        .from(channels)
        .where(eq(channels.id, data.channelId!))
        .limit(1);
      if (!c) throw new AppError("VALIDATION", CRISIS_ERRORS.unknownChannel, { channelId: [CRISIS_ERRORS.unknownChannel] });
      channelId = c.id;
      channelName = `${c.name} (${c.handle})`;
    }
    const same =
      data.scope === "all"
        ? eq(crisisStates.scope, "all")
        : data.scope === "brand"
          ? and(eq(crisisStates.scope, "brand"), eq(crisisStates.brandId, brandId!))
          : and(eq(crisisStates.scope, "channel"), eq(crisisStates.channelId, channelId!));
    const [running] = await tx.select({ id: crisisStates.id }).from(crisisStates).where(and(isNull(crisisStates.endedAt), same)).limit(1);
    if (running) throw new AppError("CONFLICT", CRISIS_ERRORS.alreadyActive);

    const [row] = await tx
      .insert(crisisStates)
      .values({ scope: data.scope, brandId, channelId, reason, startedById: viewer.id })
      .returning({ id: crisisStates.id, startedAt: crisisStates.startedAt });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "crisis.started",
      subjectType: SUBJECT,
      subjectId: row!.id,
      data: { scope: data.scope, brandId, channelId, reason },
      requestId: viewer.requestId,
    });
    await notify(tx, {
      permission: "crisis.read",
      kind: "crisis.started",
      params: { ...scopeParams(data.scope, brandName, channelName), actorName: viewer.name, reason },
      link: "/crisis",
      dedupeKey: `crisis.started:${row!.id}`,
    });
    return row!.id;
  });
  // Paid delivery in scope stops now rather than at the worker's next minute (its sweep stays the
  // backstop, e.g. when a network does not answer here): campaigns paused with reason crisis,
  // on the network too.
  await pauseForCrises().catch((e: unknown) => console.error("crisis: pausing ad delivery failed; the worker's sweep retries", e));
  const [dto] = await crisisRows(eq(crisisStates.id, id), [], 1);
  return dto!;
}

/**
 * crisis.manage — ends an active crisis. Nothing fires by itself: targets in its scope that came
 * due during it and were not held yet are held now. Audited crisis.ended (with the optional
 * reason and the counts); everyone with crisis.read is notified. Unknown id: NOT_FOUND; already
 * ended: CONFLICT.
 */
export async function endCrisis(viewer: Viewer, input: EndCrisisInput): Promise<CrisisDto> {
  authorize(viewer, "crisis.manage");
  const data = parseInput(endCrisisSchema, input);
  const reason = data.reason?.trim() || null;
  if (reason && reason.length > REASON_MAX) throw new AppError("VALIDATION", "invalid_input", { reason: ["too_long"] });
  await db.transaction(async (tx) => {
    await lockCrisisExclusive(tx);
    const [c] = await tx
      .select({
        id: crisisStates.id,
        scope: crisisStates.scope,
        brandId: crisisStates.brandId,
        channelId: crisisStates.channelId,
        startedAt: crisisStates.startedAt,
        endedAt: crisisStates.endedAt,
        brandName: brands.name,
        channelName: channels.displayName,
        channelHandle: channels.handle,
      })
      .from(crisisStates)
      .leftJoin(brands, eq(brands.id, crisisStates.brandId))
      .leftJoin(channels, eq(channels.id, crisisStates.channelId))
      .where(eq(crisisStates.id, data.crisisId))
      .for("update", { of: crisisStates })
      .limit(1);
    if (!c) throw new AppError("NOT_FOUND");
    if (c.endedAt) throw new AppError("CONFLICT", CRISIS_ERRORS.alreadyEnded);
    const now = new Date();

    // What came due during the crisis and was not held yet: held now, so the end releases nothing.
    const inScope =
      c.scope === "all"
        ? undefined
        : c.scope === "brand"
          ? inArray(postTargets.postId, tx.select({ id: posts.id }).from(posts).where(eq(posts.brandId, c.brandId!)))
          : eq(postTargets.channelId, c.channelId!);
    const late = await tx
      .update(postTargets)
      .set({ state: "held", heldCrisisId: c.id, stateChangedAt: now, nextAttemptAt: null })
      .where(
        and(
          eq(postTargets.state, "scheduled"),
          sql`coalesce(${postTargets.nextAttemptAt}, ${postTargets.scheduledAt}) <= ${now.toISOString()}::timestamptz`,
          gte(postTargets.scheduledAt, c.startedAt),
          inArray(postTargets.postId, tx.select({ id: posts.id }).from(posts).where(notInArray(posts.kind, EXEMPT))),
          inScope,
        ),
      )
      .returning({ id: postTargets.id, postId: postTargets.postId });

    await tx.update(crisisStates).set({ endedAt: now, endedById: viewer.id }).where(eq(crisisStates.id, c.id));
    const [{ n: stillHeld } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(postTargets)
      .where(and(eq(postTargets.heldCrisisId, c.id), eq(postTargets.state, "held")));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "crisis.ended",
      subjectType: SUBJECT,
      subjectId: c.id,
      data: { scope: c.scope, reason, heldAtEnd: late.map((t) => t.id), stillHeld, durationMs: now.getTime() - c.startedAt.getTime() },
      requestId: viewer.requestId,
    });
    await notify(tx, {
      permission: "crisis.read",
      kind: "crisis.ended",
      params: { ...scopeParams(c.scope, c.brandName, c.channelName ? `${c.channelName} (${c.channelHandle})` : null), actorName: viewer.name, reason, stillHeld },
      link: "/crisis",
      dedupeKey: `crisis.ended:${c.id}`,
    });
  });
  const [dto] = await crisisRows(eq(crisisStates.id, data.crisisId), [], 1);
  return dto!;
}

/**
 * crisis.manage — the human choice for one held item (or one due during an active crisis):
 * publish now, reschedule to a future slot, or cancel. Race-safe (post, then target, FOR UPDATE,
 * plus the version the person saw): a second concurrent choice is CONFLICT. Audited crisis.held_choice.
 */
export async function resolveHeldItem(viewer: Viewer, input: ResolveHeldInput): Promise<HeldChoiceResultDto> {
  authorize(viewer, "crisis.manage");
  const data = parseInput(resolveHeldSchema, input);
  const slot = data.choice === "reschedule" ? readSlot(viewer, data.slotAt) : null;

  return db.transaction(async (tx) => {
    const [ref] = await tx.select({ postId: postTargets.postId }).from(postTargets).where(eq(postTargets.id, data.targetId)).limit(1);
    if (!ref) throw new AppError("NOT_FOUND");
    // The publisher's lock order: the post row first, then the target.
    const [post] = await tx
      .select({ id: posts.id, state: posts.state, kind: posts.kind, brandId: posts.brandId })
      .from(posts)
      .where(eq(posts.id, ref.postId))
      .for("update")
      .limit(1);
    if (!post) throw new AppError("NOT_FOUND");
    const [t] = await tx
      .select({
        id: postTargets.id,
        state: postTargets.state,
        channelId: postTargets.channelId,
        scheduledAt: postTargets.scheduledAt,
        nextAttemptAt: postTargets.nextAttemptAt,
        heldCrisisId: postTargets.heldCrisisId,
        version: versionOf,
      })
      .from(postTargets)
      .where(eq(postTargets.id, data.targetId))
      .for("update")
      .limit(1);
    if (!t) throw new AppError("NOT_FOUND");
    if (t.version !== data.version) throw new AppError("CONFLICT", CRISIS_ERRORS.itemChanged);

    const crisis = (CRISIS_EXEMPT_KINDS as readonly string[]).includes(post.kind) ? null : await activeCrisisFor(tx, { brandId: post.brandId, channelId: t.channelId });
    const dueAt = t.nextAttemptAt ?? t.scheduledAt;
    const dueInCrisis = t.state === "scheduled" && crisis !== null && dueAt !== null && dueAt.getTime() <= Date.now();
    if (t.state !== "held" && !dueInCrisis) throw new AppError("CONFLICT", CRISIS_ERRORS.notHeld);
    if (data.choice !== "cancel" && post.state !== "scheduled" && post.state !== "publishing") throw new AppError("CONFLICT", CRISIS_ERRORS.postNotArmed);

    const now = new Date();
    let targetState: "scheduled" | "cancelled";
    let slotAt: Date | null = t.scheduledAt;
    if (data.choice === "publish_now") {
      if (crisis) throw new AppError("CONFLICT", CRISIS_ERRORS.stillCovered);
      targetState = "scheduled";
      slotAt = now;
    } else if (data.choice === "reschedule") {
      const w = await findBlockingBlackout(tx, { brandId: post.brandId, channelIds: [t.channelId] }, slot!);
      if (w) throw blackoutError(w);
      targetState = "scheduled";
      slotAt = slot!;
    } else {
      targetState = "cancelled";
    }

    await tx
      .update(postTargets)
      .set(
        targetState === "scheduled"
          ? { state: "scheduled", scheduledAt: slotAt, nextAttemptAt: null, heldCrisisId: null, claimToken: null, stateChangedAt: now }
          : { state: "cancelled", nextAttemptAt: null, claimToken: null, stateChangedAt: now },
      )
      .where(eq(postTargets.id, t.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "crisis.held_choice",
      subjectType: "post",
      subjectId: post.id,
      data: {
        targetId: t.id,
        channelId: t.channelId,
        choice: data.choice,
        fromState: t.state,
        toState: targetState,
        crisisId: t.heldCrisisId ?? crisis?.id ?? null,
        oldSlot: t.scheduledAt?.toISOString() ?? null,
        newSlot: targetState === "scheduled" ? slotAt!.toISOString() : null,
      },
      requestId: viewer.requestId,
    });
    const postState = targetState === "cancelled" ? await settleAfterCancel(viewer, tx, post) : post.state;
    await resyncPostSlot(tx, post.id);
    return { targetId: t.id, postId: post.id, choice: data.choice, targetState, slotAt: targetState === "scheduled" ? slotAt : null, postState };
  });
}

// ── reads ──

/** crisis.read — the active crises, for the banner and the switch (newest first). */
export async function listActiveCrisisDetails(viewer: Viewer): Promise<CrisisDto[]> {
  authorize(viewer, "crisis.read");
  return crisisRows(isNull(crisisStates.endedAt), [desc(crisisStates.startedAt)], 100);
}

/**
 * crisis.read — the crisis room: active crises, the last ended ones, and (for post.read holders)
 * what was held or would fire during a crisis, earliest slot first. Crises are company-wide records.
 */
export async function getCrisisRoom(viewer: Viewer, o: { historyLimit?: number } = {}): Promise<CrisisRoomDto> {
  authorize(viewer, "crisis.read");
  const now = new Date();
  const historyLimit = Math.min(Math.max(1, o.historyLimit ?? 20), 100);
  const [active, history, held] = await Promise.all([
    crisisRows(isNull(crisisStates.endedAt), [desc(crisisStates.startedAt)], 100),
    crisisRows(isNotNull(crisisStates.endedAt), [desc(crisisStates.endedAt)], historyLimit),
    viewer.permissions.has("post.read") ? heldRows(now) : Promise.resolve(null),
  ]);
  return { active, history, held, generatedAt: now };
}

async function heldRows(now: Date): Promise<HeldItemDto[]> {
  const covered = coveredByActiveCrisis();
  const rows = await db
    .select({
      targetId: postTargets.id,
      postId: posts.id,
      postTitle: posts.title,
      postKind: posts.kind,
      postState: posts.state,
      brandName: brands.name,
      channelId: channels.id,
      platform: channels.platform,
      channelName: channels.displayName,
      state: postTargets.state,
      slotAt: postTargets.scheduledAt,
      crisisId: postTargets.heldCrisisId,
      crisisReason: crisisStates.reason,
      covered,
      version: versionOf,
    })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .leftJoin(crisisStates, eq(crisisStates.id, postTargets.heldCrisisId))
    .where(
      or(
        eq(postTargets.state, "held"),
        and(
          eq(postTargets.state, "scheduled"),
          sql`coalesce(${postTargets.nextAttemptAt}, ${postTargets.scheduledAt}) <= ${now.toISOString()}::timestamptz`,
          notInArray(posts.kind, EXEMPT),
          covered,
        ),
      ),
    )
    .orderBy(sql`${postTargets.scheduledAt} asc nulls last`, asc(postTargets.id))
    .limit(500);
  return rows.map((r) => ({ ...r, state: r.state === "held" ? "held" : "scheduled" }));
}

/** crisis.manage — brands and their active channels, for the scope picker. */
export async function listCrisisScopeOptions(viewer: Viewer): Promise<CrisisScopeOptionsDto> {
  authorize(viewer, "crisis.manage");
  const [b, c] = await Promise.all([
    db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.name)),
    db
      .select({ id: channels.id, brandId: channels.brandId, brandName: brands.name, platform: channels.platform, name: channels.displayName, handle: channels.handle, status: channels.status })
      .from(channels)
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .where(ne(channels.status, "archived"))
      .orderBy(asc(brands.name), asc(channels.platform), asc(channels.handle)),
  ]);
  return { brands: b, channels: c };
}

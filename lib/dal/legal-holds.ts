import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { inboxItems, legalHolds, posts, users } from "@/db/schema";
import { PLATFORMS } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Legal holds (issue 5 "Legal holds"; DESIGN.md §5 legal_holds).
 *
 * A hold is placed by Legal (legal_hold.manage) on one of:
 *   post           subject_ref = the post id
 *   inbox_thread   subject_ref = the inbox thread key (inbox_items.thread_key)
 *   platform_user  subject_ref = "<platform>:<author external id>" (everything that person sent us)
 * While it is active (released_at null) held content cannot be deleted, hidden by rules, or purged
 * by retention. Every path that does one of those calls heldSubjects() (or assertNotHeld()) inside
 * the transaction that makes the change, and refuses with AppError CONFLICT naming the hold.
 *
 * Race: placeHold takes an exclusive transaction-level advisory lock, heldSubjects a shared one.
 * A deletion that checked "not held" inside its transaction therefore commits before any hold
 * placed concurrently becomes visible, and a hold that committed first is always seen.
 */

/** Arbitrary constant for the advisory lock between placing holds and checking them. */
const HOLD_LOCK_KEY = 7_270_050;

export const HOLD_SUBJECT_KINDS = ["post", "inbox_thread", "platform_user"] as const;
export type HoldSubjectKind = (typeof HOLD_SUBJECT_KINDS)[number];
export type HoldPlatform = (typeof PLATFORMS)[number];

/** The message prefix of the CONFLICT a held subject raises (the UI shows the hold's reason after it). */
export const LEGAL_HOLD_CONFLICT = "legal_hold";

export const HOLD_LIMITS = { reasonMax: 1_000, refMax: 300 } as const;

export type HoldRow = {
  id: string;
  subjectKind: HoldSubjectKind;
  subjectRef: string;
  reason: string;
  placedById: string;
  placedAt: Date;
};

export type HeldQuery = {
  postId?: string | null;
  threadKey?: string | null;
  platform?: string | null;
  authorExternalId?: string | null;
};

/** subject_ref of a platform user: platform and the platform's id of the person. */
export function platformUserRef(platform: string, authorExternalId: string): string {
  return `${platform}:${authorExternalId}`;
}

const holdColumns = {
  id: legalHolds.id,
  subjectKind: legalHolds.subjectKind,
  subjectRef: legalHolds.subjectRef,
  reason: legalHolds.reason,
  placedById: legalHolds.placedById,
  placedAt: legalHolds.placedAt,
};

/**
 * The active holds covering any of the given subjects (empty = not held). Call it inside the
 * transaction that deletes / hides / purges, before the change: it takes the shared side of the
 * hold lock, so a hold being placed at the same moment is either seen here or placed after the
 * change committed. Not a viewer function: the caller has checked its own permission.
 */
export async function heldSubjects(tx: Tx, q: HeldQuery): Promise<HoldRow[]> {
  const conds: SQL[] = [];
  if (q.postId) conds.push(and(eq(legalHolds.subjectKind, "post"), eq(legalHolds.subjectRef, q.postId))!);
  if (q.threadKey) conds.push(and(eq(legalHolds.subjectKind, "inbox_thread"), eq(legalHolds.subjectRef, q.threadKey))!);
  if (q.platform && q.authorExternalId)
    conds.push(and(eq(legalHolds.subjectKind, "platform_user"), eq(legalHolds.subjectRef, platformUserRef(q.platform, q.authorExternalId)))!);
  if (conds.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${HOLD_LOCK_KEY})`);
  return tx
    .select(holdColumns)
    .from(legalHolds)
    .where(and(isNull(legalHolds.releasedAt), or(...conds)))
    .orderBy(legalHolds.placedAt);
}

/**
 * heldSubjects for many subjects at once (ingestion's auto-hide decisions for a whole batch): one
 * shared lock, one query. Result i is exactly what heldSubjects(tx, queries[i]) would return
 * (active holds covering that subject, earliest placed first; empty = not held).
 */
export async function heldSubjectsMany(tx: Tx, queries: readonly HeldQuery[]): Promise<HoldRow[][]> {
  const out: HoldRow[][] = queries.map(() => []);
  const refs = { post: new Set<string>(), inbox_thread: new Set<string>(), platform_user: new Set<string>() };
  const wants = queries.map((q) => {
    const w: [HoldSubjectKind, string][] = [];
    if (q.postId) w.push(["post", q.postId]);
    if (q.threadKey) w.push(["inbox_thread", q.threadKey]);
    if (q.platform && q.authorExternalId) w.push(["platform_user", platformUserRef(q.platform, q.authorExternalId)]);
    for (const [k, r] of w) refs[k].add(r);
    return w;
  });
  const conds = (Object.entries(refs) as [HoldSubjectKind, Set<string>][])
    .filter(([, s]) => s.size > 0)
    .map(([kind, s]) => and(eq(legalHolds.subjectKind, kind), inArray(legalHolds.subjectRef, [...s]))!);
  if (conds.length === 0) return out;
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${HOLD_LOCK_KEY})`);
  const rows = await tx
    .select(holdColumns)
    .from(legalHolds)
    .where(and(isNull(legalHolds.releasedAt), or(...conds)))
    .orderBy(legalHolds.placedAt);
  if (rows.length === 0) return out;
  const byRef = new Map<string, HoldRow[]>();
  for (const r of rows) {
    const k = `${r.subjectKind}\u0000${r.subjectRef}`;
    byRef.set(k, [...(byRef.get(k) ?? []), r]);
  }
  wants.forEach((w, i) => {
    const hit = w.flatMap(([k, r]) => byRef.get(`${k}\u0000${r}`) ?? []);
    // Same order as heldSubjects (placed_at; the query's order is kept per subject, merged here).
    out[i] = hit.length > 1 ? [...new Set(hit)].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime()) : hit;
  });
  return out;
}

/**
 * Takes the shared side of the hold lock for the rest of the transaction: batch paths (retention)
 * that filter held rows out in SQL (notHeldInboxItem / notHeldPost) call it first.
 */
export async function lockHoldsShared(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${HOLD_LOCK_KEY})`);
}

/** SQL: this inbox item (inbox_items row in scope) is covered by an active hold (thread or sender). */
export const inboxItemHeld = sql`exists (select 1 from legal_holds h where h.released_at is null and (
  (h.subject_kind = 'inbox_thread' and h.subject_ref = ${inboxItems.threadKey})
  or (h.subject_kind = 'platform_user' and ${inboxItems.authorExternalId} is not null and h.subject_ref = ${inboxItems.platform}::text || ':' || ${inboxItems.authorExternalId})))`;

/** SQL: this post (posts row in scope) is under an active hold. */
export const postHeld = sql`exists (select 1 from legal_holds h where h.released_at is null and h.subject_kind = 'post' and h.subject_ref = ${posts.id}::text)`;

/** The CONFLICT a held subject raises: names the hold (id and reason). */
export function holdConflict(holds: readonly HoldRow[]): AppError {
  const h = holds[0]!;
  return new AppError("CONFLICT", `${LEGAL_HOLD_CONFLICT}: ${h.reason} (#${h.id.slice(0, 8)})`);
}

/** Throws CONFLICT naming the hold when any active hold covers the subject. */
export async function assertNotHeld(tx: Tx, q: HeldQuery): Promise<void> {
  const holds = await heldSubjects(tx, q);
  if (holds.length > 0) throw holdConflict(holds);
}

/**
 * The inbox items (by id) that are held, for batch paths (retention, bulk delete): one query for
 * all of them. Takes the shared hold lock like heldSubjects.
 */
export async function heldInboxItemIds(tx: Tx, itemIds: readonly string[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${HOLD_LOCK_KEY})`);
  const rows = await tx
    .select({ id: inboxItems.id })
    .from(inboxItems)
    .innerJoin(
      legalHolds,
      and(
        isNull(legalHolds.releasedAt),
        or(
          and(eq(legalHolds.subjectKind, "inbox_thread"), eq(legalHolds.subjectRef, inboxItems.threadKey)),
          and(
            eq(legalHolds.subjectKind, "platform_user"),
            isNotNull(inboxItems.authorExternalId),
            eq(legalHolds.subjectRef, sql`${inboxItems.platform}::text || ':' || ${inboxItems.authorExternalId}`),
          ),
        ),
      ),
    )
    .where(inArray(inboxItems.id, [...itemIds]));
  return new Set(rows.map((r) => r.id));
}

/** The post ids among these that are held. */
export async function heldPostIds(tx: Tx, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${HOLD_LOCK_KEY})`);
  const rows = await tx
    .select({ ref: legalHolds.subjectRef })
    .from(legalHolds)
    .where(and(isNull(legalHolds.releasedAt), eq(legalHolds.subjectKind, "post"), inArray(legalHolds.subjectRef, [...postIds])));
  return new Set(rows.map((r) => r.ref));
}

// ── Viewer functions: list, place, release ──

const reasonSchema = z.string().trim().min(1).max(HOLD_LIMITS.reasonMax);
export const placeHoldSchema = z.discriminatedUnion("subjectKind", [
  z.strictObject({ subjectKind: z.literal("post"), postId: z.uuid(), reason: reasonSchema }),
  z.strictObject({ subjectKind: z.literal("inbox_thread"), threadKey: z.string().trim().min(1).max(HOLD_LIMITS.refMax), reason: reasonSchema }),
  z.strictObject({
    subjectKind: z.literal("platform_user"),
    platform: z.enum(PLATFORMS),
    authorExternalId: z.string().trim().min(1).max(HOLD_LIMITS.refMax),
    reason: reasonSchema,
  }),
]);
export type PlaceHoldInput = z.input<typeof placeHoldSchema>;
export const releaseHoldSchema = z.strictObject({ holdId: z.uuid(), reason: reasonSchema });
export type ReleaseHoldInput = z.input<typeof releaseHoldSchema>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of r.error.issues) {
      const k = issue.path.map(String).join(".") || "_";
      (fieldErrors[k] ??= []).push(issue.message);
    }
    throw new AppError("VALIDATION", undefined, fieldErrors);
  }
  return r.data;
}

export type HoldDto = HoldRow & {
  placedByName: string | null;
  releasedAt: Date | null;
  releaseReason: string | null;
  releasedByName: string | null;
  /** What the ref points at, for display: a post title, a thread's first words, a handle. */
  label: string | null;
  /** Where Legal can look at the held thing (null when nothing of it is in the portal). */
  href: string | null;
};

const releasedBy = alias(users, "released_by");

/** Holds, newest first: active ones, released ones, or all. Legal and evidence exporters read them. */
export async function listHolds(viewer: Viewer, o: { state?: "active" | "released" | "all"; limit?: number } = {}): Promise<HoldDto[]> {
  if (!viewer.permissions.has("legal_hold.manage")) authorize(viewer, "evidence.export");
  const state = o.state ?? "active";
  const where = state === "active" ? isNull(legalHolds.releasedAt) : state === "released" ? isNotNull(legalHolds.releasedAt) : undefined;
  const rows = await db
    .select({ ...holdColumns, placedByName: users.name, releasedAt: legalHolds.releasedAt, releaseReason: legalHolds.releaseReason, releasedByName: releasedBy.name })
    .from(legalHolds)
    .innerJoin(users, eq(users.id, legalHolds.placedById))
    .leftJoin(releasedBy, eq(releasedBy.id, legalHolds.releasedById))
    .where(where)
    .orderBy(desc(legalHolds.placedAt))
    .limit(Math.min(Math.max(o.limit ?? 200, 1), 1000));
  return withLabels(rows);
}

/** Active holds on one subject (the post page, the thread view). */
export async function holdsFor(viewer: Viewer, q: HeldQuery): Promise<HoldDto[]> {
  if (!viewer.permissions.has("legal_hold.manage")) authorize(viewer, "evidence.export");
  const rows = await heldSubjects(db, q);
  if (rows.length === 0) return [];
  const full = await db
    .select({ ...holdColumns, placedByName: users.name, releasedAt: legalHolds.releasedAt, releaseReason: legalHolds.releaseReason, releasedByName: sql<string | null>`null` })
    .from(legalHolds)
    .innerJoin(users, eq(users.id, legalHolds.placedById))
    .where(inArray(legalHolds.id, rows.map((r) => r.id)));
  return withLabels(full);
}

async function withLabels<T extends HoldRow>(rows: T[]): Promise<(T & { label: string | null; href: string | null })[]> {
  const postIds = rows.filter((r) => r.subjectKind === "post").map((r) => r.subjectRef);
  const threadKeys = rows.filter((r) => r.subjectKind === "inbox_thread").map((r) => r.subjectRef);
  const [postRows, threadRows] = await Promise.all([
    postIds.length ? db.select({ id: posts.id, title: posts.title }).from(posts).where(inArray(posts.id, postIds)) : [],
    threadKeys.length
      ? db
          .selectDistinctOn([inboxItems.threadKey], { threadKey: inboxItems.threadKey, id: inboxItems.id, text: inboxItems.text, handle: inboxItems.authorHandle })
          .from(inboxItems)
          .where(inArray(inboxItems.threadKey, threadKeys))
          .orderBy(inboxItems.threadKey, inboxItems.receivedAt)
      : [],
  ]);
  const titles = new Map(postRows.map((p) => [p.id, p.title]));
  const threads = new Map(threadRows.map((t) => [t.threadKey, t]));
  return rows.map((r) => {
    if (r.subjectKind === "post") return { ...r, label: titles.get(r.subjectRef) ?? null, href: titles.has(r.subjectRef) ? `/legal/reviews/${r.subjectRef}` : null };
    if (r.subjectKind === "inbox_thread") {
      const t = threads.get(r.subjectRef);
      return { ...r, label: t ? `${t.handle ?? ""} ${t.text.slice(0, 60)}`.trim() : null, href: null };
    }
    return { ...r, label: r.subjectRef, href: null };
  });
}

/** Places a hold (Legal only). The subject must exist (a platform user need not have written yet). Audited. */
export async function placeHold(viewer: Viewer, input: PlaceHoldInput): Promise<{ id: string }> {
  authorize(viewer, "legal_hold.manage");
  const data = parse(placeHoldSchema, input);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${HOLD_LOCK_KEY})`);
    let subjectRef: string;
    let label: string;
    if (data.subjectKind === "post") {
      const [p] = await tx.select({ id: posts.id, title: posts.title }).from(posts).where(eq(posts.id, data.postId));
      if (!p) throw new AppError("NOT_FOUND");
      subjectRef = p.id;
      label = p.title;
    } else if (data.subjectKind === "inbox_thread") {
      const [t] = await tx.select({ id: inboxItems.id }).from(inboxItems).where(eq(inboxItems.threadKey, data.threadKey)).limit(1);
      if (!t) throw new AppError("NOT_FOUND");
      subjectRef = data.threadKey;
      label = data.threadKey;
    } else {
      subjectRef = platformUserRef(data.platform, data.authorExternalId);
      label = subjectRef;
    }
    const [existing] = await tx
      .select({ id: legalHolds.id })
      .from(legalHolds)
      .where(and(isNull(legalHolds.releasedAt), eq(legalHolds.subjectKind, data.subjectKind), eq(legalHolds.subjectRef, subjectRef)))
      .limit(1);
    if (existing) throw new AppError("CONFLICT", "hold_exists");
    const [row] = await tx
      .insert(legalHolds)
      .values({ subjectKind: data.subjectKind, subjectRef, reason: data.reason, placedById: viewer.id })
      .returning({ id: legalHolds.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "legal_hold.placed",
      subjectType: data.subjectKind === "post" ? "post" : "legal_hold",
      subjectId: data.subjectKind === "post" ? subjectRef : row!.id,
      data: { holdId: row!.id, subjectKind: data.subjectKind, subjectRef, subjectLabel: label, reason: data.reason },
      requestId: viewer.requestId,
    });
    return { id: row!.id };
  });
}

/** Releases an active hold with a reason (Legal only). CONFLICT when already released. Audited. */
export async function releaseHold(viewer: Viewer, input: ReleaseHoldInput): Promise<void> {
  authorize(viewer, "legal_hold.manage");
  const data = parse(releaseHoldSchema, input);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${HOLD_LOCK_KEY})`);
    const [h] = await tx.select(holdColumns).from(legalHolds).where(eq(legalHolds.id, data.holdId)).for("update");
    if (!h) throw new AppError("NOT_FOUND");
    const done = await tx
      .update(legalHolds)
      .set({ releasedAt: new Date(), releasedById: viewer.id, releaseReason: data.reason })
      .where(and(eq(legalHolds.id, h.id), isNull(legalHolds.releasedAt)))
      .returning({ id: legalHolds.id });
    if (done.length === 0) throw new AppError("CONFLICT", "hold_released");
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "legal_hold.released",
      subjectType: h.subjectKind === "post" ? "post" : "legal_hold",
      subjectId: h.subjectKind === "post" ? h.subjectRef : h.id,
      data: { holdId: h.id, subjectKind: h.subjectKind, subjectRef: h.subjectRef, reason: data.reason, placedReason: h.reason },
      requestId: viewer.requestId,
    });
  });
}

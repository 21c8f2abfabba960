import "server-only";
import { and, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { legalReviews, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { LEGAL_KINDS, OPEN_STATES, RISKS, carryConditions, defaultDueAt, type Clearance, type Condition, type LegalKind } from "@/lib/domain/legal-review";
import { recordAudit } from "./audit";
import { notify } from "./notify";

/*
 * The contract between Legal and every slice whose subjects Legal reviews (session 3, contract 1).
 *
 * Subjects (ad creatives, inbox replies, takedowns, talent usage, post revisions) ask for a review
 * with requestLegalReview() inside their own transaction, and READ legalClearance() when they act
 * (ad launch, reply send). Legal never calls a subject back; its decision notifies the requester.
 *
 * Internal to the DAL: no permission check here (the caller authorized the change that needs the
 * review — submitting a post, escalating a reply, creating a creative, filing a complaint).
 */

const hashRe = /^[0-9a-f]{16,128}$/;

const requestSchema = z.object({
  subjectKind: z.enum(LEGAL_KINDS),
  subjectId: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(300),
  snapshot: z.record(z.string(), z.unknown()).refine((s) => JSON.stringify(s).length <= 200_000, "snapshot_too_large"),
  subjectHash: z.string().regex(hashRe),
  requestedById: z.string().min(1).max(200),
  brandId: z.uuid().nullish(),
  channelId: z.uuid().nullish(),
  postId: z.uuid().nullish(),
  revisionId: z.uuid().nullish(),
  dueAt: z.date().nullish(),
  risk: z.enum(RISKS).optional(),
  /** Who to label the audit event with; defaults to the requester's name. */
  actorLabel: z.string().max(200).optional(),
  /** Skip the legal.requested notification (a post's legal stage already sends review.requested). */
  silent: z.boolean().optional(),
});

export type LegalReviewRequest = z.input<typeof requestSchema>;

/** A per-subject lock so concurrent requests for one subject serialise (idempotency + withdrawal). */
async function lockSubject(tx: Tx, kind: string, id: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`legal:${kind}:${id}`}))`);
}

/**
 * Asks Legal to review the exact version of a subject.
 * - Idempotent: an open review for the same subject and hash is returned as is (created: false).
 * - An open review for an older hash of the same subject is withdrawn (audited) — Legal reviews the latest version.
 * - The new review links the last review Legal decided on the subject (previousReviewId: the "before" of
 *   the diff); if that decision was "approved with conditions", its conditions are carried, unmet.
 * - Due at the kind's SLA from now, or the given dueAt when earlier (e.g. a post's slot).
 * - Notifies Legal (holders of legal_review.decide) and writes the audit row legal_review.requested.
 */
export async function requestLegalReview(tx: Tx, input: LegalReviewRequest): Promise<{ id: string; created: boolean }> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "_")] = ["invalid_input"];
    throw new AppError("VALIDATION", "invalid_input", fieldErrors);
  }
  const r = parsed.data;
  await lockSubject(tx, r.subjectKind, r.subjectId);

  const open = await tx
    .select({
      id: legalReviews.id,
      subjectHash: legalReviews.subjectHash,
      assigneeId: legalReviews.assigneeId,
    })
    .from(legalReviews)
    .where(and(eq(legalReviews.subjectKind, r.subjectKind), eq(legalReviews.subjectId, r.subjectId), inArray(legalReviews.state, [...OPEN_STATES])));
  const same = open.find((o) => o.subjectHash === r.subjectHash);
  if (same) return { id: same.id, created: false };

  const [requester] = await tx.select({ name: users.name }).from(users).where(eq(users.id, r.requestedById)).limit(1);
  if (!requester)
    throw new AppError("VALIDATION", "invalid_input", {
      requestedById: ["invalid_input"],
    });
  const actor = {
    id: r.requestedById,
    label: r.actorLabel ?? requester.name ?? r.requestedById,
  };

  const now = new Date();
  for (const o of open) {
    await tx
      .update(legalReviews)
      .set({
        state: "withdrawn",
        updatedAt: now,
        version: sql`${legalReviews.version} + 1`,
      })
      .where(eq(legalReviews.id, o.id));
    await recordAudit(tx, {
      actor,
      action: "legal_review.withdrawn",
      subjectType: "legal_review",
      subjectId: o.id,
      data: {
        subjectKind: r.subjectKind,
        subjectId: r.subjectId,
        subjectHash: o.subjectHash,
        supersededByHash: r.subjectHash,
      },
    });
  }

  // The last version Legal decided on: the diff's "before", and the source of carried conditions.
  const [previous] = await tx
    .select({
      id: legalReviews.id,
      state: legalReviews.state,
      conditionItems: legalReviews.conditionItems,
      assigneeId: legalReviews.assigneeId,
    })
    .from(legalReviews)
    .where(
      and(
        eq(legalReviews.subjectKind, r.subjectKind),
        eq(legalReviews.subjectId, r.subjectId),
        isNotNull(legalReviews.decidedAt),
        ne(legalReviews.subjectHash, r.subjectHash),
      ),
    )
    .orderBy(desc(legalReviews.decidedAt))
    .limit(1);
  const carried: Condition[] = previous?.state === "approved_with_conditions" ? carryConditions(previous.conditionItems ?? []) : [];
  // The reviewer who set conditions (or had the older version) keeps the subject.
  const assigneeId = open.find((o) => o.assigneeId)?.assigneeId ?? previous?.assigneeId ?? null;

  // A post's legal stage keeps the workflow's own due time (business hours, the slot); other kinds take the SLA or an earlier due.
  const dueAt = r.subjectKind === "post_revision" && r.dueAt ? r.dueAt : defaultDueAt(r.subjectKind as LegalKind, now, r.dueAt ?? null);
  const [row] = await tx
    .insert(legalReviews)
    .values({
      subjectKind: r.subjectKind,
      subjectId: r.subjectId,
      postId: r.postId ?? null,
      revisionId: r.revisionId ?? null,
      title: r.title,
      state: "open",
      assigneeId,
      assignedAt: assigneeId ? now : null,
      snapshot: r.snapshot,
      subjectHash: r.subjectHash,
      requestedById: r.requestedById,
      brandId: r.brandId ?? null,
      channelId: r.channelId ?? null,
      previousReviewId: previous?.id ?? null,
      risk: r.risk ?? "medium",
      conditionItems: carried,
      dueAt,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: legalReviews.id });
  const id = row!.id;
  await recordAudit(tx, {
    actor,
    action: "legal_review.requested",
    subjectType: "legal_review",
    subjectId: id,
    data: {
      subjectKind: r.subjectKind,
      subjectId: r.subjectId,
      subjectHash: r.subjectHash,
      previousReviewId: previous?.id ?? null,
      carriedConditions: carried.length,
      dueAt: dueAt.toISOString(),
      ...(r.postId ? { postId: r.postId } : {}),
      ...(r.revisionId ? { revisionId: r.revisionId } : {}),
    },
  });
  if (!r.silent)
    await notify(tx, {
      ...(assigneeId ? { userIds: [assigneeId] } : { permission: "legal_review.decide" as const }),
      kind: "legal.requested",
      params: {
        kind: r.subjectKind,
        title: r.title,
        requesterName: actor.label,
        dueAt: dueAt.toISOString(),
      },
      link: `/legal/queue/${id}`,
      dedupeKey: `legal.requested:${id}`,
      excludeUserIds: [r.requestedById],
    });
  return { id, created: true };
}

/**
 * What Legal decided on this exact version of a subject:
 * "approved" | "approved_with_conditions" | "rejected" (the decision bound to this hash),
 * "pending" (an open review of this hash), "none" (never asked, or only withdrawn / other versions).
 * A decision on another hash never counts.
 */
export async function legalClearance(tx: Tx, subjectKind: LegalKind, subjectId: string, subjectHash: string): Promise<Clearance> {
  const [row] = await tx
    .select({ state: legalReviews.state })
    .from(legalReviews)
    .where(
      and(
        eq(legalReviews.subjectKind, subjectKind),
        eq(legalReviews.subjectId, subjectId),
        eq(legalReviews.subjectHash, subjectHash),
        ne(legalReviews.state, "withdrawn"),
      ),
    )
    .orderBy(desc(legalReviews.createdAt))
    .limit(1);
  if (!row) return "none";
  switch (row.state) {
    case "open":
    case "in_progress":
      return "pending";
    case "approved":
    case "approved_with_conditions":
    case "rejected":
      return row.state;
    default:
      return "none";
  }
}

/**
 * Withdraws the open review of a subject (any hash), e.g. when the subject is deleted or the
 * reply is no longer going out. Returns how many were withdrawn. Audited per review.
 */
export async function withdrawLegalReview(tx: Tx, subjectKind: LegalKind, subjectId: string, actor: { id: string | null; label: string }): Promise<number> {
  await lockSubject(tx, subjectKind, subjectId);
  const rows = await tx
    .update(legalReviews)
    .set({
      state: "withdrawn",
      updatedAt: new Date(),
      version: sql`${legalReviews.version} + 1`,
    })
    .where(and(eq(legalReviews.subjectKind, subjectKind), eq(legalReviews.subjectId, subjectId), inArray(legalReviews.state, [...OPEN_STATES])))
    .returning({ id: legalReviews.id, subjectHash: legalReviews.subjectHash });
  for (const r of rows)
    await recordAudit(tx, {
      actor,
      action: "legal_review.withdrawn",
      subjectType: "legal_review",
      subjectId: r.id,
      data: { subjectKind, subjectId, subjectHash: r.subjectHash },
    });
  return rows.length;
}

export { snapshotHash as legalSnapshotHash } from "@/lib/domain/legal-hash";

import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Tx } from "@/db";
import {
  auditEvents,
  brands,
  channels,
  inboxItems,
  legalReviews,
  posts,
  takedownRequests,
  userRoles,
  users,
  type LegalCondition,
  type LegalFinding,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ROLES, roleHas } from "@/lib/auth/permissions";
import { checkDisclosure, type DisclosureResult } from "@/lib/domain/disclosure";
import {
  CHECK_RESULTS,
  DECIDED_STATES,
  LEGAL_DECISIONS,
  LEGAL_KINDS,
  LEGAL_STATES,
  OPEN_STATES,
  RISKS,
  SEVERITIES,
  TAKEDOWN_KIND_VALUES,
  checkDecision,
  findRegulatedClaims,
  normalizeChecklist,
  slaStatus,
  unmetConditions,
  type ChecklistEntry,
  type ClaimHit,
  type LegalKind,
  type LegalState,
  type SlaStatus,
} from "@/lib/domain/legal-review";
import { snapshotHash } from "@/lib/domain/legal-hash";
import { recordAudit } from "./audit";
import { syncPostLegalReviews } from "./legal-posts";
import { requestLegalReview } from "./legal-requests";
import { notify } from "./notify";
import { decideStageIn } from "./posts";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Legal's workspace: one queue of every kind of legal review, assignment among legal staff, the
 * structured review (checklist, findings, risk), conditions marked met on a later version, and the
 * decision — bound to the exact subject hash. Reading needs legal_review.read; every change needs
 * legal_review.decide (only Legal). For posts the decision goes through the post workflow's Legal
 * stage (posts.ts decideStageIn) in the same transaction: one path, the structured review beside it.
 */

const idSchema = z.uuid();
const DECIDE = "legal_review.decide" as const;

/** Refusal messages the forms explain in their own words; any other issue is "invalid_input". */
const KEPT_MESSAGES = new Set(["reason_required", "conditions_required", "invalid_url"]);

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of r.error.issues) {
    const k = String(issue.path[0] ?? "_");
    (fieldErrors[k] ??= []).push(KEPT_MESSAGES.has(issue.message) ? issue.message : "invalid_input");
  }
  throw new AppError("VALIDATION", "invalid_input", fieldErrors);
}

/* ───────────── queue ───────────── */

export const queueFilterSchema = z.strictObject({
  kind: z.enum(LEGAL_KINDS).optional(),
  brandId: idSchema.optional(),
  channelId: idSchema.optional(),
  risk: z.enum(RISKS).optional(),
  /** "me", "unassigned", or a user id. */
  assignee: z.string().min(1).max(200).optional(),
  /** "open" (default: open + in progress), "decided", "all", or one state. */
  state: z.enum(["open", "decided", "all", ...LEGAL_STATES]).optional(),
  sla: z.enum(["warning", "breached"]).optional(),
});
export type LegalQueueFilters = z.input<typeof queueFilterSchema>;

export type LegalQueueItem = {
  id: string;
  kind: LegalKind;
  title: string;
  state: LegalState;
  risk: "low" | "medium" | "high";
  brandName: string | null;
  channelName: string | null;
  platform: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  requesterName: string | null;
  dueAt: Date | null;
  sla: SlaStatus;
  createdAt: Date;
  decidedAt: Date | null;
  postId: string | null;
  unmetConditions: number;
  findings: number;
  /** A later version of a subject Legal decided before. */
  isRevisit: boolean;
};

export type LegalQueue = {
  generatedAt: Date;
  items: LegalQueueItem[];
  total: number;
  counts: {
    open: number;
    mine: number;
    unassigned: number;
    warning: number;
    breached: number;
    byKind: Record<LegalKind, number>;
  };
};

const QUEUE_LIMIT = 300;
const assigneeU = alias(users, "assignee");
const requesterU = alias(users, "requester");

/** A post review counts only while its post still awaits Legal on that revision (edits withdraw, cancels end it). */
const livePostReview = or(
  ne(legalReviews.subjectKind, "post_revision"),
  inArray(legalReviews.state, [...DECIDED_STATES, "withdrawn"]),
  sql`exists (select 1 from ${posts} p where p.id = ${legalReviews.postId} and p.state in ('in_review', 'final_review'))`,
)!;

/** legal_review.read — the queue: every kind, filtered, sorted by due time (none last), then oldest first. */
export async function listLegalQueue(viewer: Viewer, filters: LegalQueueFilters = {}): Promise<LegalQueue> {
  authorize(viewer, "legal_review.read");
  const f = parse(queueFilterSchema, filters ?? {});
  const now = new Date();
  const where: SQL[] = [livePostReview];
  const state = f.state ?? "open";
  if (state === "open") where.push(inArray(legalReviews.state, [...OPEN_STATES]));
  else if (state === "decided") where.push(inArray(legalReviews.state, [...DECIDED_STATES]));
  else if (state !== "all") where.push(eq(legalReviews.state, state));
  if (f.kind) where.push(eq(legalReviews.subjectKind, f.kind));
  if (f.brandId) where.push(eq(legalReviews.brandId, f.brandId));
  if (f.channelId) where.push(eq(legalReviews.channelId, f.channelId));
  if (f.risk) where.push(eq(legalReviews.risk, f.risk));
  if (f.assignee === "me") where.push(eq(legalReviews.assigneeId, viewer.id));
  else if (f.assignee === "unassigned") where.push(isNull(legalReviews.assigneeId));
  else if (f.assignee) where.push(eq(legalReviews.assigneeId, f.assignee));
  if (f.sla === "breached") where.push(lt(legalReviews.dueAt, now), inArray(legalReviews.state, [...OPEN_STATES]));
  if (f.sla === "warning") where.push(gte(legalReviews.dueAt, now), inArray(legalReviews.state, [...OPEN_STATES]));

  const rows = await db
    .select({
      id: legalReviews.id,
      kind: legalReviews.subjectKind,
      title: legalReviews.title,
      state: legalReviews.state,
      risk: legalReviews.risk,
      brandName: brands.name,
      channelName: channels.displayName,
      platform: channels.platform,
      assigneeId: legalReviews.assigneeId,
      assigneeName: assigneeU.name,
      requesterName: requesterU.name,
      dueAt: legalReviews.dueAt,
      createdAt: legalReviews.createdAt,
      decidedAt: legalReviews.decidedAt,
      postId: legalReviews.postId,
      conditionItems: legalReviews.conditionItems,
      findings: sql<number>`jsonb_array_length(${legalReviews.findings})`,
      previousReviewId: legalReviews.previousReviewId,
    })
    .from(legalReviews)
    .leftJoin(brands, eq(brands.id, legalReviews.brandId))
    .leftJoin(channels, eq(channels.id, legalReviews.channelId))
    .leftJoin(assigneeU, eq(assigneeU.id, legalReviews.assigneeId))
    .leftJoin(requesterU, eq(requesterU.id, legalReviews.requestedById))
    .where(and(...where))
    .orderBy(state === "decided" ? desc(legalReviews.decidedAt) : sql`${legalReviews.dueAt} asc nulls last`, asc(legalReviews.createdAt), asc(legalReviews.id))
    .limit(QUEUE_LIMIT + 1);

  let items: LegalQueueItem[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    state: r.state,
    risk: r.risk,
    brandName: r.brandName,
    channelName: r.channelName,
    platform: r.platform,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    requesterName: r.requesterName,
    dueAt: r.dueAt,
    sla: slaStatus(r.kind, r.state, r.dueAt, now),
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    postId: r.postId,
    unmetConditions: r.state === "open" || r.state === "in_progress" ? unmetConditions(r.conditionItems ?? []).length : 0,
    findings: Number(r.findings ?? 0),
    isRevisit: !!r.previousReviewId,
  }));
  // The warning window is per kind: filter after computing it.
  if (f.sla === "warning") items = items.filter((i) => i.sla === "warning");

  const openRows = await db
    .select({
      kind: legalReviews.subjectKind,
      state: legalReviews.state,
      dueAt: legalReviews.dueAt,
      assigneeId: legalReviews.assigneeId,
    })
    .from(legalReviews)
    .where(and(livePostReview, inArray(legalReviews.state, [...OPEN_STATES])));
  const byKind = Object.fromEntries(LEGAL_KINDS.map((k) => [k, 0])) as Record<LegalKind, number>;
  const counts = {
    open: openRows.length,
    mine: 0,
    unassigned: 0,
    warning: 0,
    breached: 0,
    byKind,
  };
  for (const r of openRows) {
    byKind[r.kind]++;
    if (r.assigneeId === viewer.id) counts.mine++;
    if (!r.assigneeId) counts.unassigned++;
    const s = slaStatus(r.kind, r.state, r.dueAt, now);
    if (s === "warning") counts.warning++;
    if (s === "breached") counts.breached++;
  }
  return {
    generatedAt: now,
    items: items.slice(0, QUEUE_LIMIT),
    total: items.length,
    counts,
  };
}

/** legal_review.read — the options of the queue's filters: brands, channels, legal staff. */
export async function legalQueueOptions(viewer: Viewer) {
  authorize(viewer, "legal_review.read");
  const [brandRows, channelRows, staff] = await Promise.all([
    db.select({ id: brands.id, name: brands.name, nameEn: brands.nameEn }).from(brands).orderBy(asc(brands.name)),
    db
      .select({
        id: channels.id,
        name: channels.displayName,
        platform: channels.platform,
        brandId: channels.brandId,
      })
      .from(channels)
      .orderBy(asc(channels.displayName)),
    legalStaff(db),
  ]);
  return { brands: brandRows, channels: channelRows, staff };
}

/** Active people who may decide legal reviews (the assignment choices). */
async function legalStaff(tx: Tx): Promise<{ id: string; name: string }[]> {
  const roles = ROLES.filter((r) => roleHas(r, DECIDE));
  const rows = await tx
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, roles), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ id: r.id, name: r.name ?? r.email ?? r.id }));
}

/* ───────────── one review ───────────── */

export type LegalHistoryEvent = {
  id: number;
  at: Date;
  action: string;
  actorLabel: string;
  reviewId: string;
  data: Record<string, unknown>;
};

export type AutomaticFindings = {
  /** Regulated claims found in the text under review (景品表示法 superlatives, health/pharma claims). */
  claims: (ClaimHit & { field: string })[];
  /** Stealth-marketing disclosure, for commercial subjects (ad creatives, talent usage, paid posts). */
  disclosure: (DisclosureResult & { field: string })[];
};

export type LegalReviewDetail = {
  id: string;
  kind: LegalKind;
  subjectId: string;
  title: string;
  state: LegalState;
  risk: "low" | "medium" | "high";
  snapshot: Record<string, unknown>;
  subjectHash: string | null;
  decisionHash: string | null;
  postId: string | null;
  revisionId: string | null;
  brandName: string | null;
  channelName: string | null;
  platform: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  requestedById: string | null;
  requesterName: string | null;
  dueAt: Date | null;
  sla: SlaStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByName: string | null;
  decisionReason: string | null;
  checklist: ChecklistEntry[];
  findings: LegalFinding[];
  conditionItems: LegalCondition[];
  /** Conditions set on this review's decision (approved with conditions), for the next version. */
  version: number;
  previous: {
    id: string;
    snapshot: Record<string, unknown>;
    subjectHash: string | null;
    revisionId: string | null;
    state: LegalState;
    decidedAt: Date | null;
    decisionReason: string | null;
    conditionItems: LegalCondition[];
  } | null;
  automatic: AutomaticFindings;
  takedown:
    | (typeof takedownRequests.$inferSelect & {
        inboxText: string | null;
        inboxAuthor: string | null;
      })
    | null;
  history: LegalHistoryEvent[];
  canDecide: boolean;
};

/** The texts of a snapshot that Legal reads (post variants, reply text, creative copy, complaint). */
export function snapshotTexts(kind: LegalKind, snapshot: Record<string, unknown>): { field: string; text: string; commercial: boolean }[] {
  const out: { field: string; text: string; commercial: boolean }[] = [];
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  if (kind === "post_revision") {
    const content = snapshot.content as
      | {
          isCommercial?: boolean;
          variants?: { platform?: string; text?: string }[];
        }
      | undefined;
    for (const v of content?.variants ?? [])
      if (v.text)
        out.push({
          field: v.platform ?? "text",
          text: v.text,
          commercial: !!content?.isCommercial,
        });
    return out;
  }
  const commercial = kind === "ad_creative" || kind === "talent_usage" || snapshot.isCommercial === true;
  for (const key of ["text", "headline", "body", "primaryText", "description", "caption", "callToAction", "replyText"]) {
    const t = str(snapshot[key]);
    if (t)
      out.push({
        field: key,
        text: t,
        commercial: commercial && key !== "description",
      });
  }
  return out;
}

function automaticFindings(kind: LegalKind, snapshot: Record<string, unknown>): AutomaticFindings {
  const texts = snapshotTexts(kind, snapshot);
  return {
    claims: texts.flatMap((t) => findRegulatedClaims(t.text).map((h) => ({ ...h, field: t.field }))),
    disclosure:
      kind === "takedown" || kind === "reply"
        ? []
        : texts
            .filter((t) => t.commercial)
            .map((t) => ({
              ...checkDisclosure({ text: t.text, isCommercial: true }),
              field: t.field,
            })),
  };
}

const decidedByU = alias(users, "decided_by");

/** legal_review.read — one review with what is under review, the version Legal saw last, automatic findings and history. */
export async function getLegalReview(viewer: Viewer, reviewId: string): Promise<LegalReviewDetail> {
  authorize(viewer, "legal_review.read");
  const id = idSchema.safeParse(reviewId);
  if (!id.success) throw new AppError("NOT_FOUND");
  const [r] = await db
    .select({
      review: legalReviews,
      brandName: brands.name,
      channelName: channels.displayName,
      platform: channels.platform,
      assigneeName: assigneeU.name,
      requesterName: requesterU.name,
      decidedByName: decidedByU.name,
    })
    .from(legalReviews)
    .leftJoin(brands, eq(brands.id, legalReviews.brandId))
    .leftJoin(channels, eq(channels.id, legalReviews.channelId))
    .leftJoin(assigneeU, eq(assigneeU.id, legalReviews.assigneeId))
    .leftJoin(requesterU, eq(requesterU.id, legalReviews.requestedById))
    .leftJoin(decidedByU, eq(decidedByU.id, legalReviews.decidedById))
    .where(eq(legalReviews.id, id.data))
    .limit(1);
  if (!r) throw new AppError("NOT_FOUND");
  const rev = r.review;
  const now = new Date();

  const [prev] = rev.previousReviewId
    ? await db
        .select({
          id: legalReviews.id,
          snapshot: legalReviews.snapshot,
          subjectHash: legalReviews.subjectHash,
          revisionId: legalReviews.revisionId,
          state: legalReviews.state,
          decidedAt: legalReviews.decidedAt,
          decisionReason: legalReviews.decisionReason,
          conditionItems: legalReviews.conditionItems,
        })
        .from(legalReviews)
        .where(eq(legalReviews.id, rev.previousReviewId))
        .limit(1)
    : [];

  // History: every review of this subject (all versions), oldest first.
  const chain = await db
    .select({ id: legalReviews.id })
    .from(legalReviews)
    .where(and(eq(legalReviews.subjectKind, rev.subjectKind), eq(legalReviews.subjectId, rev.subjectId)));
  const history = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorLabel: auditEvents.actorLabel,
      reviewId: auditEvents.subjectId,
      data: auditEvents.data,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "legal_review"),
        inArray(
          auditEvents.subjectId,
          chain.map((c) => c.id),
        ),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(500);

  let takedown: LegalReviewDetail["takedown"] = null;
  if (rev.subjectKind === "takedown" && idSchema.safeParse(rev.subjectId).success) {
    const [t] = await db
      .select({
        t: takedownRequests,
        inboxText: inboxItems.text,
        inboxAuthor: inboxItems.authorHandle,
      })
      .from(takedownRequests)
      .leftJoin(inboxItems, eq(inboxItems.id, takedownRequests.inboxItemId))
      .where(eq(takedownRequests.id, rev.subjectId))
      .limit(1);
    if (t) takedown = { ...t.t, inboxText: t.inboxText, inboxAuthor: t.inboxAuthor };
  }

  const snapshot = (rev.snapshot ?? {}) as Record<string, unknown>;
  return {
    id: rev.id,
    kind: rev.subjectKind,
    subjectId: rev.subjectId,
    title: rev.title,
    state: rev.state,
    risk: rev.risk,
    snapshot,
    subjectHash: rev.subjectHash,
    decisionHash: rev.decisionHash,
    postId: rev.postId,
    revisionId: rev.revisionId,
    brandName: r.brandName,
    channelName: r.channelName,
    platform: r.platform,
    assigneeId: rev.assigneeId,
    assigneeName: r.assigneeName,
    requestedById: rev.requestedById,
    requesterName: r.requesterName,
    dueAt: rev.dueAt,
    sla: slaStatus(rev.subjectKind, rev.state, rev.dueAt, now),
    createdAt: rev.createdAt,
    decidedAt: rev.decidedAt,
    decidedByName: r.decidedByName,
    decisionReason: rev.decisionReason,
    checklist: normalizeChecklist(rev.subjectKind, (rev.checklist ?? []) as ChecklistEntry[]),
    findings: (rev.findings ?? []) as LegalFinding[],
    conditionItems: rev.conditionItems ?? [],
    version: rev.version,
    previous: prev
      ? {
          ...prev,
          snapshot: (prev.snapshot ?? {}) as Record<string, unknown>,
          conditionItems: prev.conditionItems ?? [],
        }
      : null,
    automatic: automaticFindings(rev.subjectKind, snapshot),
    takedown,
    history: history.map((h) => ({
      ...h,
      reviewId: h.reviewId ?? "",
      data: (h.data ?? {}) as Record<string, unknown>,
    })),
    canDecide: viewer.permissions.has(DECIDE) && OPEN_STATES.includes(rev.state),
  };
}

/** legal_review.read — the open review of a post's legal stage for its current revision (for /legal/reviews/[postId]). */
export async function openReviewIdForPost(viewer: Viewer, postId: string): Promise<string | null> {
  authorize(viewer, "legal_review.read");
  if (!idSchema.safeParse(postId).success) return null;
  const [row] = await db
    .select({ id: legalReviews.id })
    .from(legalReviews)
    .innerJoin(posts, eq(posts.id, legalReviews.postId))
    .where(and(eq(legalReviews.subjectKind, "post_revision"), eq(legalReviews.postId, postId), eq(legalReviews.revisionId, posts.currentRevisionId)))
    .orderBy(desc(legalReviews.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/* ───────────── changes (Legal only) ───────────── */

/** Locks an open review for a change by Legal; NOT_FOUND when unknown, CONFLICT when decided/withdrawn or the version moved. */
async function lockOpenReview(tx: Tx, reviewId: string, version?: number) {
  const [row] = await tx.select().from(legalReviews).where(eq(legalReviews.id, reviewId)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  if (!OPEN_STATES.includes(row.state)) throw new AppError("CONFLICT", "review_closed");
  if (version !== undefined && row.version !== version) throw new AppError("CONFLICT", "stale_review");
  return row;
}

export const assignSchema = z.strictObject({
  reviewId: idSchema,
  assigneeId: z.string().min(1).max(200).nullable(),
});

/** legal_review.decide — assign an open review to a legal staff member (or unassign). Taking it moves it to in progress. */
export async function assignLegalReview(viewer: Viewer, input: z.input<typeof assignSchema>) {
  authorize(viewer, DECIDE);
  const data = parse(assignSchema, input);
  return db.transaction(async (tx) => {
    const row = await lockOpenReview(tx, data.reviewId);
    if (data.assigneeId) {
      const staff = await legalStaff(tx);
      if (!staff.some((s) => s.id === data.assigneeId))
        throw new AppError("VALIDATION", "not_legal_staff", {
          assigneeId: ["not_legal_staff"],
        });
    }
    if (row.assigneeId === data.assigneeId) return { id: row.id, assigneeId: row.assigneeId, state: row.state };
    const now = new Date();
    const state: LegalState = data.assigneeId ? "in_progress" : row.state;
    await tx
      .update(legalReviews)
      .set({
        assigneeId: data.assigneeId,
        assignedAt: data.assigneeId ? now : null,
        state,
        updatedAt: now,
        version: sql`${legalReviews.version} + 1`,
      })
      .where(eq(legalReviews.id, row.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "legal_review.assigned",
      subjectType: "legal_review",
      subjectId: row.id,
      data: { from: row.assigneeId, to: data.assigneeId },
      requestId: viewer.requestId,
    });
    if (data.assigneeId && data.assigneeId !== viewer.id)
      await notify(tx, {
        userIds: [data.assigneeId],
        kind: "legal.assigned",
        params: {
          title: row.title,
          actorName: viewer.name,
          dueAt: row.dueAt?.toISOString() ?? null,
        },
        link: `/legal/queue/${row.id}`,
      });
    return { id: row.id, assigneeId: data.assigneeId, state };
  });
}

const findingSchema = z.strictObject({
  id: z.string().max(60).optional(),
  severity: z.enum(SEVERITIES),
  item: z.string().max(60).optional(),
  note: z.string().trim().min(1).max(2_000),
  templateKey: z.string().max(60).optional(),
});
export const saveReviewSchema = z.strictObject({
  reviewId: idSchema,
  version: z.number().int().min(1),
  risk: z.enum(RISKS).optional(),
  checklist: z
    .array(
      z.strictObject({
        item: z.string().min(1).max(60),
        result: z.enum(CHECK_RESULTS).nullable(),
        note: z.string().trim().max(2_000).optional(),
      }),
    )
    .max(30),
  findings: z.array(findingSchema).max(50),
});

/** legal_review.decide — saves the checklist, findings and risk of an open review (optimistic: the version it was read at). */
export async function saveLegalReview(viewer: Viewer, input: z.input<typeof saveReviewSchema>) {
  authorize(viewer, DECIDE);
  const data = parse(saveReviewSchema, input);
  return db.transaction(async (tx) => {
    const row = await lockOpenReview(tx, data.reviewId, data.version);
    const allowed = new Set(normalizeChecklist(row.subjectKind, (row.checklist ?? []) as ChecklistEntry[]).map((c) => c.item));
    const bad = data.checklist.find((c) => !allowed.has(c.item));
    if (bad)
      throw new AppError("VALIDATION", "invalid_input", {
        checklist: ["invalid_input"],
      });
    const checklist = normalizeChecklist(
      row.subjectKind,
      data.checklist.map((c) => ({
        item: c.item,
        result: c.result,
        ...(c.note ? { note: c.note } : {}),
      })),
    );
    const findings: LegalFinding[] = data.findings.map((f, i) => ({
      ...f,
      id: f.id ?? `f${i + 1}`,
    }));
    const now = new Date();
    const [updated] = await tx
      .update(legalReviews)
      .set({
        checklist,
        findings,
        risk: data.risk ?? row.risk,
        state: "in_progress",
        assigneeId: row.assigneeId ?? viewer.id,
        assignedAt: row.assigneeId ? row.assignedAt : now,
        updatedAt: now,
        version: sql`${legalReviews.version} + 1`,
      })
      .where(eq(legalReviews.id, row.id))
      .returning({ version: legalReviews.version });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "legal_review.saved",
      subjectType: "legal_review",
      subjectId: row.id,
      data: {
        subjectHash: row.subjectHash,
        risk: data.risk ?? row.risk,
        checklist: checklist.map((c) => `${c.item}:${c.result ?? "-"}`),
        findings: findings.map((f) => ({
          severity: f.severity,
          item: f.item ?? null,
          note: f.note,
        })),
      },
      requestId: viewer.requestId,
    });
    return { id: row.id, version: updated!.version };
  });
}

export const conditionMetSchema = z.strictObject({
  reviewId: idSchema,
  conditionId: z.string().min(1).max(60),
  /** The version Legal is looking at: marking binds to it. */
  subjectHash: z.string().min(16).max(128),
  met: z.boolean(),
  note: z.string().trim().max(1_000).optional(),
});

/** legal_review.decide — Legal marks a carried condition met (or not) while looking at this version's diff. */
export async function setConditionMet(viewer: Viewer, input: z.input<typeof conditionMetSchema>) {
  authorize(viewer, DECIDE);
  const data = parse(conditionMetSchema, input);
  return db.transaction(async (tx) => {
    const row = await lockOpenReview(tx, data.reviewId);
    if (row.subjectHash !== data.subjectHash) throw new AppError("CONFLICT", "stale_version");
    const items = [...(row.conditionItems ?? [])];
    const i = items.findIndex((c) => c.id === data.conditionId);
    if (i < 0) throw new AppError("NOT_FOUND");
    const now = new Date();
    items[i] = data.met
      ? {
          ...items[i]!,
          met: true,
          metById: viewer.id,
          metAt: now.toISOString(),
          metOnHash: data.subjectHash,
          note: data.note ?? null,
        }
      : {
          id: items[i]!.id,
          text: items[i]!.text,
          met: false,
          note: data.note ?? null,
        };
    const [updated] = await tx
      .update(legalReviews)
      .set({
        conditionItems: items,
        state: "in_progress",
        updatedAt: now,
        version: sql`${legalReviews.version} + 1`,
      })
      .where(eq(legalReviews.id, row.id))
      .returning({ version: legalReviews.version });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: data.met ? "legal_review.condition_met" : "legal_review.condition_unmet",
      subjectType: "legal_review",
      subjectId: row.id,
      data: {
        conditionId: data.conditionId,
        text: items[i]!.text,
        subjectHash: data.subjectHash,
        note: data.note ?? null,
      },
      requestId: viewer.requestId,
    });
    return {
      id: row.id,
      version: updated!.version,
      unmet: unmetConditions(items).length,
    };
  });
}

export const decideSchema = z
  .strictObject({
    reviewId: idSchema,
    subjectHash: z.string().min(16).max(128),
    decision: z.enum(LEGAL_DECISIONS),
    reason: z.string().trim().max(2_000).optional(),
    conditions: z.array(z.string().trim().max(500)).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "rejected" && !v.reason)
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "reason_required",
      });
    if (v.decision === "approved_with_conditions" && !(v.conditions ?? []).some((c) => c))
      ctx.addIssue({
        code: "custom",
        path: ["conditions"],
        message: "conditions_required",
      });
  });

const REFUSAL_ERROR = {
  not_open: ["CONFLICT", "review_closed"],
  stale_version: ["CONFLICT", "stale_version"],
  reason_required: ["VALIDATION", "reason_required"],
  conditions_required: ["VALIDATION", "conditions_required"],
  conditions_unmet: ["CONFLICT", "conditions_unmet"],
  critical_finding_open: ["CONFLICT", "critical_finding_open"],
  self_review: ["FORBIDDEN", "self_review"],
} as const;

/** The reason a post's author reads for an approval with conditions (the workflow records it as Legal's request for changes). */
export function conditionsReason(conditions: readonly string[], reason?: string): string {
  const list = conditions.map((c, i) => `${i + 1}. ${c}`).join("\n");
  return `[条件付き承認 / Approved with conditions]\n${list}${reason ? `\n\n${reason}` : ""}`;
}

/**
 * legal_review.decide — approve, approve with conditions, or reject the exact version under review
 * (its hash). Conditions carried from an earlier version must all be marked met before an approval.
 * For a post the decision is the Legal stage's decision in the workflow (same transaction): approve →
 * approve_legal; with conditions → request_changes listing the conditions; reject → reject.
 * The requester is notified (posts: by the workflow's own decision notice).
 */
export async function decideLegalReview(viewer: Viewer, input: z.input<typeof decideSchema>) {
  authorize(viewer, DECIDE);
  const data = parse(decideSchema, input);
  return db.transaction(async (tx) => {
    const row = await lockOpenReview(tx, data.reviewId).catch((e: unknown) => {
      if (e instanceof AppError && e.message === "review_closed") throw new AppError("CONFLICT", "review_closed");
      throw e;
    });
    const conditionTexts = (data.conditions ?? []).filter((c) => c);
    const check = checkDecision(
      {
        state: row.state,
        subjectHash: row.subjectHash,
        conditionItems: row.conditionItems ?? [],
        findings: (row.findings ?? []) as LegalFinding[],
        // A complaint filed by a legal person is still theirs to assess; the author rule is for subjects they made.
        requestedById: row.subjectKind === "takedown" ? null : row.requestedById,
      },
      {
        decision: data.decision,
        subjectHash: data.subjectHash,
        reason: data.reason,
        conditions: conditionTexts,
      },
      viewer.id,
    );
    if (!check.ok) {
      const [code, msg] = REFUSAL_ERROR[check.reason];
      throw new AppError(
        code,
        msg,
        code === "VALIDATION"
          ? {
              [check.reason === "reason_required" ? "reason" : "conditions"]: [msg],
            }
          : undefined,
      );
    }

    if (row.subjectKind === "post_revision") {
      authorize(viewer, "post.review_legal");
      if (!row.postId || !row.revisionId) throw new AppError("CONFLICT", "stale_version");
      const stageDecision = data.decision === "approved" ? "approved" : data.decision === "rejected" ? "rejected" : "changes_requested";
      const reason =
        data.decision === "approved_with_conditions" ? conditionsReason(conditionTexts, data.reason) : data.decision === "rejected" ? data.reason : undefined;
      await decideStageIn(
        tx,
        viewer,
        {
          postId: row.postId,
          revisionId: row.revisionId,
          stage: "legal",
          decision: stageDecision,
          reason: reason?.slice(0, 2_000),
        },
        { fromLegalReview: true },
      );
    }

    const now = new Date();
    const newConditions: LegalCondition[] = conditionTexts.map((text, i) => ({
      id: `c${i + 1}-${snapshotHash({ text, at: now.toISOString() }).slice(0, 8)}`,
      text,
      met: false,
    }));
    const conditionItems =
      data.decision === "approved_with_conditions" ? [...(row.conditionItems ?? []).filter((c) => c.met), ...newConditions] : (row.conditionItems ?? []);
    await tx
      .update(legalReviews)
      .set({
        state: data.decision,
        decisionHash: row.subjectHash,
        decisionReason: data.reason ?? null,
        conditions: data.decision === "approved_with_conditions" ? conditionTexts.join("\n") : row.conditions,
        conditionItems,
        decidedById: viewer.id,
        decidedAt: now,
        assigneeId: row.assigneeId ?? viewer.id,
        updatedAt: now,
        version: sql`${legalReviews.version} + 1`,
      })
      .where(eq(legalReviews.id, row.id));
    if (row.subjectKind === "takedown" && idSchema.safeParse(row.subjectId).success) {
      await tx
        .update(takedownRequests)
        .set({
          status: data.decision === "rejected" ? "rejected" : "accepted",
          resolution: data.reason ?? (conditionTexts.join("\n") || null),
          resolvedAt: now,
        })
        .where(eq(takedownRequests.id, row.subjectId));
    }
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "legal_review.decided",
      subjectType: "legal_review",
      subjectId: row.id,
      data: {
        decision: data.decision,
        subjectKind: row.subjectKind,
        subjectId: row.subjectId,
        subjectHash: row.subjectHash,
        reason: data.reason ?? null,
        conditions: newConditions.map((c) => c.text),
        conditionsMet: (row.conditionItems ?? []).filter((c) => c.met).map((c) => c.text),
        findings: ((row.findings ?? []) as LegalFinding[]).map((f) => ({
          severity: f.severity,
          note: f.note,
        })),
        checklist: ((row.checklist ?? []) as ChecklistEntry[]).map((c) => `${c.item}:${c.result ?? "-"}`),
        ...(row.postId ? { postId: row.postId, revisionId: row.revisionId } : {}),
      },
      requestId: viewer.requestId,
    });
    if (row.subjectKind !== "post_revision" && row.requestedById && row.requestedById !== viewer.id) {
      await notify(tx, {
        userIds: [row.requestedById],
        kind: "legal.decided",
        params: {
          title: row.title,
          decision: data.decision,
          reviewerName: viewer.name,
          reason: data.decision === "approved_with_conditions" ? conditionTexts.join(" / ") : (data.reason ?? null),
        },
        link: row.subjectKind === "takedown" ? "/takedowns" : "/notifications",
        dedupeKey: `legal.decided:${row.id}`,
      });
    }
    return { id: row.id, state: data.decision, subjectHash: row.subjectHash };
  });
}

/* ───────────── takedown intake ───────────── */

export const takedownSchema = z.strictObject({
  complainant: z.string().trim().min(1).max(200),
  contact: z.string().trim().max(300).optional(),
  url: z
    .string()
    .trim()
    .max(1_000)
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), "invalid_url")
    .optional(),
  kind: z.enum(TAKEDOWN_KIND_VALUES),
  description: z.string().trim().min(1).max(5_000),
  inboxItemId: idSchema.optional(),
  postId: idSchema.optional(),
});

/**
 * takedown.create — any staff member files a takedown / copyright complaint (the intake form, or
 * from an inbox item, which needs inbox.read). Creates the takedown request and Legal's review of
 * kind takedown in one transaction; both audited; Legal is notified.
 */
export async function createTakedown(viewer: Viewer, input: z.input<typeof takedownSchema>) {
  authorize(viewer, "takedown.create");
  const data = parse(takedownSchema, input);
  return db.transaction(async (tx) => {
    let brandId: string | null = null;
    let channelId: string | null = null;
    let inbox: {
      text: string;
      authorHandle: string | null;
      platform: string;
      receivedAt: Date;
    } | null = null;
    if (data.inboxItemId) {
      authorize(viewer, "inbox.read");
      const [item] = await tx
        .select({
          brandId: inboxItems.brandId,
          channelId: inboxItems.channelId,
          text: inboxItems.text,
          authorHandle: inboxItems.authorHandle,
          platform: inboxItems.platform,
          receivedAt: inboxItems.receivedAt,
          kind: inboxItems.kind,
        })
        .from(inboxItems)
        .where(eq(inboxItems.id, data.inboxItemId))
        .limit(1);
      if (!item || (item.kind === "dm" && !viewer.permissions.has("inbox.read_dm"))) throw new AppError("NOT_FOUND");
      brandId = item.brandId;
      channelId = item.channelId;
      inbox = {
        text: item.text,
        authorHandle: item.authorHandle,
        platform: item.platform,
        receivedAt: item.receivedAt,
      };
    }
    if (data.postId) {
      if (!viewer.permissions.has("post.read") && !data.inboxItemId) throw new AppError("NOT_FOUND");
      const [p] = await tx.select({ brandId: posts.brandId }).from(posts).where(eq(posts.id, data.postId)).limit(1);
      if (!p) throw new AppError("NOT_FOUND");
      brandId ??= p.brandId;
    }
    const now = new Date();
    const [t] = await tx
      .insert(takedownRequests)
      .values({
        complainant: data.complainant,
        contact: data.contact ?? null,
        url: data.url ?? null,
        description: data.description,
        kind: data.kind,
        status: "in_review",
        reportedById: viewer.id,
        inboxItemId: data.inboxItemId ?? null,
        postId: data.postId ?? null,
        brandId,
        channelId,
        receivedAt: now,
      })
      .returning({ id: takedownRequests.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "takedown.created",
      subjectType: "takedown_request",
      subjectId: t!.id,
      data: {
        kind: data.kind,
        complainant: data.complainant,
        url: data.url ?? null,
        inboxItemId: data.inboxItemId ?? null,
        postId: data.postId ?? null,
      },
      requestId: viewer.requestId,
    });
    const snapshot = {
      complainant: data.complainant,
      contact: data.contact ?? null,
      url: data.url ?? null,
      takedownKind: data.kind,
      description: data.description,
      postId: data.postId ?? null,
      inboxItem: inbox ? { ...inbox, receivedAt: inbox.receivedAt.toISOString() } : null,
    };
    const review = await requestLegalReview(tx, {
      subjectKind: "takedown",
      subjectId: t!.id,
      title: `${data.complainant}: ${data.description.slice(0, 60)}`,
      snapshot,
      subjectHash: snapshotHash(snapshot),
      requestedById: viewer.id,
      brandId,
      channelId,
      postId: data.postId ?? null,
      risk: data.kind === "defamation" || data.kind === "privacy" ? "high" : "medium",
      actorLabel: viewer.name,
    });
    return { id: t!.id, reviewId: review.id };
  });
}

/** takedown.create — a takedown request the viewer filed, or any for Legal (legal_review.read). */
export async function getTakedown(viewer: Viewer, takedownId: string) {
  authorize(viewer, "takedown.create");
  if (!idSchema.safeParse(takedownId).success) throw new AppError("NOT_FOUND");
  const scope = viewer.permissions.has("legal_review.read") ? undefined : eq(takedownRequests.reportedById, viewer.id);
  const [row] = await db
    .select({
      id: takedownRequests.id,
      complainant: takedownRequests.complainant,
      kind: takedownRequests.kind,
      url: takedownRequests.url,
      description: takedownRequests.description,
      status: takedownRequests.status,
      resolution: takedownRequests.resolution,
      receivedAt: takedownRequests.receivedAt,
      resolvedAt: takedownRequests.resolvedAt,
      reviewId: legalReviews.id,
    })
    .from(takedownRequests)
    .leftJoin(legalReviews, and(eq(legalReviews.subjectKind, "takedown"), eq(legalReviews.subjectId, sql`${takedownRequests.id}::text`)))
    .where(and(eq(takedownRequests.id, takedownId), scope))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/* ───────────── SLA warnings (worker) ───────────── */

/**
 * System job: warns before a review's due time (the kind's warning window) and tells Legal when it
 * is breached. Each notice once per review (dedupe keys). Returns how many reviews were warned / breached.
 */
export async function scanLegalSla(now: Date = new Date()): Promise<{ warned: number; breached: number; synced: number }> {
  return db.transaction(async (tx) => {
    const synced = await syncPostLegalReviews(tx, now);
    const rows = await tx
      .select({
        id: legalReviews.id,
        kind: legalReviews.subjectKind,
        state: legalReviews.state,
        title: legalReviews.title,
        dueAt: legalReviews.dueAt,
        assigneeId: legalReviews.assigneeId,
      })
      .from(legalReviews)
      .where(and(inArray(legalReviews.state, [...OPEN_STATES]), lt(legalReviews.dueAt, new Date(now.getTime() + 24 * 3_600_000)), livePostReview));
    let warned = 0;
    let breached = 0;
    for (const r of rows) {
      const s = slaStatus(r.kind, r.state, r.dueAt, now);
      if (s !== "warning" && s !== "breached") continue;
      const to = r.assigneeId ? { userIds: [r.assigneeId] } : { permission: DECIDE };
      const n = await notify(tx, {
        ...(s === "breached" ? { permission: DECIDE, userIds: r.assigneeId ? [r.assigneeId] : [] } : to),
        kind: s === "breached" ? "legal.sla_breached" : "legal.sla_warning",
        params: {
          title: r.title,
          kind: r.kind,
          dueAt: r.dueAt?.toISOString() ?? null,
        },
        link: `/legal/queue/${r.id}`,
        dedupeKey: `${s === "breached" ? "legal.sla_breached" : "legal.sla_warning"}:${r.id}`,
      });
      if (n > 0) {
        if (s === "breached") breached++;
        else warned++;
      }
    }
    return { warned, breached, synced };
  });
}

/** takedown.create — the complaints the viewer filed, newest first, with Legal's status. */
export async function listMyTakedowns(viewer: Viewer) {
  authorize(viewer, "takedown.create");
  return db
    .select({
      id: takedownRequests.id,
      complainant: takedownRequests.complainant,
      kind: takedownRequests.kind,
      description: takedownRequests.description,
      status: takedownRequests.status,
      receivedAt: takedownRequests.receivedAt,
      resolution: takedownRequests.resolution,
      reviewId: legalReviews.id,
    })
    .from(takedownRequests)
    .leftJoin(legalReviews, and(eq(legalReviews.subjectKind, "takedown"), eq(legalReviews.subjectId, sql`${takedownRequests.id}::text`)))
    .where(eq(takedownRequests.reportedById, viewer.id))
    .orderBy(desc(takedownRequests.receivedAt))
    .limit(50);
}

/** inbox.read — the inbox item a complaint is filed from (the intake form shows it); DMs need inbox.read_dm. */
export async function inboxItemForTakedown(viewer: Viewer, inboxItemId: string) {
  authorize(viewer, "inbox.read");
  if (!idSchema.safeParse(inboxItemId).success) throw new AppError("NOT_FOUND");
  const [item] = await db
    .select({ id: inboxItems.id, text: inboxItems.text, authorHandle: inboxItems.authorHandle, authorName: inboxItems.authorName, platform: inboxItems.platform, kind: inboxItems.kind, receivedAt: inboxItems.receivedAt })
    .from(inboxItems)
    .where(eq(inboxItems.id, inboxItemId))
    .limit(1);
  if (!item || (item.kind === "dm" && !viewer.permissions.has("inbox.read_dm"))) throw new AppError("NOT_FOUND");
  return item;
}

import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { legalHolds, legalReviews, posts, takedownRequests, users, type LEGAL_REVIEW_STATES } from "@/db/schema";
import { authorize, type Viewer } from "./viewer";

type Review = typeof legalReviews.$inferSelect;
type SubjectKind = Review["subjectKind"];
type Hold = typeof legalHolds.$inferSelect;
type Takedown = typeof takedownRequests.$inferSelect;

export const LEGAL_SUBJECT_KINDS = ["post_revision", "ad_creative", "reply", "takedown", "talent_usage"] as const satisfies readonly SubjectKind[];

export type LegalReviewItem = {
  id: string;
  subjectKind: SubjectKind;
  title: string;
  state: (typeof LEGAL_REVIEW_STATES)[number];
  postTitle: string | null;
  assigneeName: string | null;
  isMine: boolean;
  dueAt: Date | null;
  isOverdue: boolean;
  createdAt: Date;
};

export type LegalHoldItem = { id: string; subjectKind: Hold["subjectKind"]; subjectRef: string; reason: string; placedByName: string | null; placedAt: Date };

export type LegalTakedownItem = {
  id: string;
  complainant: string;
  url: string | null;
  description: string;
  status: Takedown["status"];
  receivedAt: Date;
};

export type LegalOverview = {
  generatedAt: Date;
  counts: { openReviews: number; overdue: number; mine: number; byKind: Record<SubjectKind, number>; activeHolds: number; openTakedowns: number };
  reviews: LegalReviewItem[];
  holds: LegalHoldItem[];
  takedowns: LegalTakedownItem[];
};

/** Reviews still waiting for a decision. */
export const OPEN_LEGAL_REVIEW_STATES = ["open", "in_progress"] as const;
/** Takedown requests not yet decided. */
export const OPEN_TAKEDOWN_STATUSES = ["received", "in_review"] as const;

/** workspace.legal — company-wide legal queue: undecided reviews by due date, active holds, open takedowns. */
export async function getLegalOverview(viewer: Viewer): Promise<LegalOverview> {
  authorize(viewer, "workspace.legal");
  const now = new Date();
  const assignee = alias(users, "assignee");
  const placedBy = alias(users, "placed_by");

  const openWhere = inArray(legalReviews.state, [...OPEN_LEGAL_REVIEW_STATES]);
  const holdWhere = isNull(legalHolds.releasedAt);
  const takedownWhere = inArray(takedownRequests.status, [...OPEN_TAKEDOWN_STATUSES]);

  const [kindRows, [overdue], [mine], reviews, holds, [holdCount], takedowns, [takedownCount]] = await Promise.all([
    db.select({ kind: legalReviews.subjectKind, n: count() }).from(legalReviews).where(openWhere).groupBy(legalReviews.subjectKind),
    db.select({ n: count() }).from(legalReviews).where(and(openWhere, lt(legalReviews.dueAt, now))),
    db.select({ n: count() }).from(legalReviews).where(and(openWhere, eq(legalReviews.assigneeId, viewer.id))),
    db
      .select({
        id: legalReviews.id,
        subjectKind: legalReviews.subjectKind,
        title: legalReviews.title,
        state: legalReviews.state,
        postTitle: posts.title,
        assigneeName: assignee.name,
        isMine: sql<boolean>`coalesce(${legalReviews.assigneeId} = ${viewer.id}, false)`,
        dueAt: legalReviews.dueAt,
        createdAt: legalReviews.createdAt,
      })
      .from(legalReviews)
      .leftJoin(posts, eq(posts.id, legalReviews.postId))
      .leftJoin(assignee, eq(assignee.id, legalReviews.assigneeId))
      .where(openWhere)
      .orderBy(sql`${legalReviews.dueAt} asc nulls last`, asc(legalReviews.createdAt))
      .limit(10),
    db
      .select({
        id: legalHolds.id,
        subjectKind: legalHolds.subjectKind,
        subjectRef: legalHolds.subjectRef,
        reason: legalHolds.reason,
        placedByName: placedBy.name,
        placedAt: legalHolds.placedAt,
      })
      .from(legalHolds)
      .leftJoin(placedBy, eq(placedBy.id, legalHolds.placedById))
      .where(holdWhere)
      .orderBy(desc(legalHolds.placedAt))
      .limit(6),
    db.select({ n: count() }).from(legalHolds).where(holdWhere),
    db
      .select({
        id: takedownRequests.id,
        complainant: takedownRequests.complainant,
        url: takedownRequests.url,
        description: takedownRequests.description,
        status: takedownRequests.status,
        receivedAt: takedownRequests.receivedAt,
      })
      .from(takedownRequests)
      .where(takedownWhere)
      .orderBy(asc(takedownRequests.receivedAt))
      .limit(6),
    db.select({ n: count() }).from(takedownRequests).where(takedownWhere),
  ]);

  const byKind = Object.fromEntries(LEGAL_SUBJECT_KINDS.map((k) => [k, 0])) as Record<SubjectKind, number>;
  for (const r of kindRows) byKind[r.kind] = r.n;

  return {
    generatedAt: now,
    counts: {
      openReviews: kindRows.reduce((a, r) => a + r.n, 0),
      overdue: overdue?.n ?? 0,
      mine: mine?.n ?? 0,
      byKind,
      activeHolds: holdCount?.n ?? 0,
      openTakedowns: takedownCount?.n ?? 0,
    },
    reviews: reviews.map((r) => ({ ...r, isOverdue: !!r.dueAt && r.dueAt < now })),
    holds,
    takedowns,
  };
}

import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { db } from "@/db";
import { approvals, assets, brands, posts, users, type POST_STATES } from "@/db/schema";
import { authorize, type Viewer } from "./viewer";
import { DAY_MS } from "./overview-common";

type PostState = (typeof POST_STATES)[number];
type Asset = typeof assets.$inferSelect;

export type StudioPostItem = {
  postId: string;
  title: string;
  state: PostState;
  brandName: string;
  scheduledAt: Date | null;
  updatedAt: Date;
};

export type StudioReturnedItem = StudioPostItem & {
  /** The review findings on the current revision (one per stage that asked for changes). */
  findings: { stage: "pr" | "legal" | "final"; reason: string | null; reviewerName: string | null; at: Date }[];
};

export type StudioInReviewItem = StudioPostItem & {
  requiresLegal: boolean;
  prApproved: boolean;
  legalApproved: boolean;
};

export type StudioScheduledItem = StudioPostItem & { authorName: string | null; isMine: boolean };

export type StudioAssetItem = {
  id: string;
  originalName: string;
  kind: Asset["kind"];
  source: Asset["source"];
  brandName: string | null;
  licence: string | null;
  licenceExpiresAt: Date;
  hasLikeness: boolean;
};

export type StudioOverview = {
  generatedAt: Date;
  counts: { drafts: number; returned: number; inReview: number; scheduledSoon: number; expiringAssets: number };
  drafts: StudioPostItem[];
  returned: StudioReturnedItem[];
  inReview: StudioInReviewItem[];
  scheduledSoon: StudioScheduledItem[];
  expiringAssets: StudioAssetItem[];
};

export const SCHEDULED_SOON_DAYS = 7;
export const LICENCE_WARNING_DAYS = 30;

/** workspace.studio — own posts (author = viewer) for drafts, returns and reviews; calendar and asset library company-wide. */
export async function getStudioOverview(viewer: Viewer): Promise<StudioOverview> {
  authorize(viewer, "workspace.studio");
  const now = new Date();
  const soonEnd = new Date(now.getTime() + SCHEDULED_SOON_DAYS * DAY_MS);
  const licenceHorizon = new Date(now.getTime() + LICENCE_WARNING_DAYS * DAY_MS);

  const postItem = {
    postId: posts.id,
    title: posts.title,
    state: posts.state,
    brandName: brands.name,
    scheduledAt: posts.scheduledAt,
    updatedAt: posts.updatedAt,
  };
  const mine = eq(posts.authorId, viewer.id);
  const draftsWhere = and(mine, eq(posts.state, "draft"));
  const returnedWhere = and(mine, eq(posts.state, "changes_requested"));
  const inReviewWhere = and(mine, inArray(posts.state, ["in_review", "final_review"]));
  const soonWhere = and(eq(posts.state, "scheduled"), gt(posts.scheduledAt, now), lte(posts.scheduledAt, soonEnd));
  const assetsWhere = and(isNotNull(assets.licenceExpiresAt), lte(assets.licenceExpiresAt, licenceHorizon));
  /** Whether a live (not voided) approval of `stage` exists on the post's current revision. */
  const approvedAt = (stage: "pr" | "legal") =>
    sql<boolean>`exists (select 1 from ${approvals} a where a.revision_id = ${posts.currentRevisionId} and a.stage = ${stage} and a.decision = 'approved' and a.voided_at is null)`;

  const [countRows, drafts, returned, inReview, scheduledSoon, [soonCount], expiring, [assetCount]] = await Promise.all([
    db
      .select({ state: posts.state, n: count() })
      .from(posts)
      .where(and(mine, inArray(posts.state, ["draft", "changes_requested", "in_review", "final_review"])))
      .groupBy(posts.state),
    db.select(postItem).from(posts).innerJoin(brands, eq(brands.id, posts.brandId)).where(draftsWhere).orderBy(desc(posts.updatedAt)).limit(6),
    db
      .select({ ...postItem, revisionId: posts.currentRevisionId })
      .from(posts)
      .innerJoin(brands, eq(brands.id, posts.brandId))
      .where(returnedWhere)
      .orderBy(asc(posts.updatedAt))
      .limit(6),
    db
      .select({ ...postItem, requiresLegal: posts.requiresLegal, prApproved: approvedAt("pr"), legalApproved: approvedAt("legal") })
      .from(posts)
      .innerJoin(brands, eq(brands.id, posts.brandId))
      .where(inReviewWhere)
      .orderBy(sql`${posts.scheduledAt} asc nulls last`)
      .limit(6),
    db
      .select({ ...postItem, authorName: users.name, isMine: sql<boolean>`${posts.authorId} = ${viewer.id}` })
      .from(posts)
      .innerJoin(brands, eq(brands.id, posts.brandId))
      .innerJoin(users, eq(users.id, posts.authorId))
      .where(soonWhere)
      .orderBy(asc(posts.scheduledAt))
      .limit(6),
    db.select({ n: count() }).from(posts).where(soonWhere),
    db
      .select({
        id: assets.id,
        originalName: assets.originalName,
        kind: assets.kind,
        source: assets.source,
        brandName: brands.name,
        licence: assets.licence,
        licenceExpiresAt: assets.licenceExpiresAt,
        hasLikeness: assets.hasLikeness,
      })
      .from(assets)
      .leftJoin(brands, eq(brands.id, assets.brandId))
      .where(assetsWhere)
      .orderBy(asc(assets.licenceExpiresAt))
      .limit(6),
    db.select({ n: count() }).from(assets).where(assetsWhere),
  ]);

  // The reasons on each returned post's current revision, in one query.
  const revisionIds = returned.flatMap((r) => (r.revisionId ? [r.revisionId] : []));
  const findingRows = revisionIds.length
    ? await db
        .select({ revisionId: approvals.revisionId, stage: approvals.stage, reason: approvals.reason, reviewerName: users.name, at: approvals.createdAt })
        .from(approvals)
        .leftJoin(users, eq(users.id, approvals.reviewerId))
        .where(and(inArray(approvals.revisionId, revisionIds), eq(approvals.decision, "changes_requested"), isNull(approvals.voidedAt)))
        .orderBy(asc(approvals.createdAt))
    : [];

  const n = (s: PostState) => countRows.find((r) => r.state === s)?.n ?? 0;
  return {
    generatedAt: now,
    counts: {
      drafts: n("draft"),
      returned: n("changes_requested"),
      inReview: n("in_review") + n("final_review"),
      scheduledSoon: soonCount?.n ?? 0,
      expiringAssets: assetCount?.n ?? 0,
    },
    drafts,
    returned: returned.map(({ revisionId, ...p }) => ({
      ...p,
      findings: findingRows
        .filter((f) => f.revisionId === revisionId)
        .map(({ stage, reason, reviewerName, at }) => ({ stage, reason, reviewerName, at })),
    })),
    inReview,
    scheduledSoon,
    expiringAssets: expiring.map((a) => ({ ...a, licenceExpiresAt: a.licenceExpiresAt! })),
  };
}

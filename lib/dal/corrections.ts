import "server-only";
import { and, asc, desc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { brands, channels, corrections, postRevisions, posts, postTargets, publications, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { CORRECTION_KINDS, ORIGINAL_ACTIONS, PUBLISH_AS, type CorrectionKind, type OriginalAction, type PublishAs } from "@/lib/domain/correction-templates";
import { FAST_LANE_KINDS, type PostState } from "@/lib/domain/workflow";
import type { Platform } from "@/lib/domain/text-length";
import { canRemovePublished } from "@/lib/channels/capabilities";
import { recordAudit } from "./audit";
import { assertNotHeld } from "./legal-holds";
import { checkContent, contentHashOf, parseId, parseInput, POST_LIMITS, readContent, visiblePosts, type RevisionContent } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Corrections, apologies, retractions and holding statements (issue 3 "Corrections and apologies",
 * "Crisis mode"; DESIGN.md §6): new posts of a fast-lane kind. Review, scheduling and publishing
 * are the ordinary pipeline's (posts.ts, scheduling.ts, publishing.ts); this module creates them,
 * links a correction to its original, and reads the history both ways.
 *
 * Decisions:
 * - Only a published post can be corrected (CONFLICT original_not_published otherwise): a post
 *   that has not gone out is edited instead. The correction goes out on the original's channels
 *   (a subset of them may be chosen), and as a reply it needs the original's publication on that
 *   channel to answer (VALIDATION no_publication).
 * - One open correction of a kind per original at a time (CONFLICT correction_in_progress): a
 *   double click, or two PR people starting the same apology, must not put two out. The original
 *   row is locked while this is checked. Different kinds (a correction, then an apology) may follow
 *   each other; the history keeps all.
 * - The new post is drafted by the viewer (its author), Legal is always required (fast lane), it
 *   is never commercial. original_action (keep / hide / delete) and publish_as (reply / new post)
 *   are recorded here; the publisher carries them out after the correction is published, on each
 *   channel the correction goes out on. Hide / delete is refused (VALIDATION
 *   original_action_unsupported) when none of those channels can take a post down through its
 *   connector (Instagram media: lib/channels/capabilities.ts); with some that can, the rest are
 *   shown to the person as "remove it in the app".
 * - Holding statements (statement.manage, PR) are posts of kind statement for a brand's channels.
 * - Audit: post.created for the new post and correction.created on the original, in one transaction.
 */

export const CORRECTION_ERRORS = {
  originalNotPublished: "original_not_published",
  inProgress: "correction_in_progress",
  notOriginalChannel: "not_original_channel",
  noPublication: "no_publication",
  /** Hide / delete the original asked where no chosen channel's connector can take a post down (Instagram). */
  originalActionUnsupported: "original_action_unsupported",
  channelNotInBrand: "channel_not_in_brand",
  unknownBrand: "unknown_brand",
} as const;

const idSchema = z.uuid();
const titleSchema = z.string().trim().min(1).max(POST_LIMITS.titleMax);
const variantsSchema = z
  .array(z.strictObject({ channelId: idSchema, text: z.string().max(POST_LIMITS.textMax) }))
  .min(1)
  .max(POST_LIMITS.variantsMax)
  .superRefine((vs, ctx) => {
    const seen = new Set<string>();
    vs.forEach((v, i) => {
      if (seen.has(v.channelId)) ctx.addIssue({ code: "custom", message: "duplicate_channel", path: [i, "channelId"] });
      seen.add(v.channelId);
    });
  });

export const createCorrectionSchema = z.strictObject({
  originalPostId: idSchema,
  kind: z.enum(CORRECTION_KINDS),
  originalAction: z.enum(ORIGINAL_ACTIONS),
  publishAs: z.enum(PUBLISH_AS),
  title: titleSchema,
  variants: variantsSchema,
});
export type CreateCorrectionInput = z.input<typeof createCorrectionSchema>;

export const createStatementSchema = z.strictObject({
  brandId: idSchema,
  title: titleSchema,
  variants: variantsSchema,
});
export type CreateStatementInput = z.input<typeof createStatementSchema>;

// ── DTOs ──

export type CreatedPostDto = { postId: string; revisionId: string; contentHash: string; state: PostState; correctionId: string | null };

export type CorrectionLinkDto = {
  correctionId: string;
  kind: CorrectionKind;
  originalAction: OriginalAction;
  publishAs: PublishAs;
  originalActionDoneAt: Date | null;
  createdAt: Date;
  createdByName: string | null;
  originalPostId: string;
  originalTitle: string;
  originalState: PostState;
  newPostId: string | null;
  newTitle: string | null;
  newState: PostState | null;
  newScheduledAt: Date | null;
  newPublishedAt: Date | null;
};

export type PublicationSummaryDto = {
  channelId: string;
  platform: Platform;
  channelName: string;
  handle: string;
  targetState: string;
  publicationState: string | null;
  externalUrl: string | null;
  publishedAt: Date | null;
  /** Whether the channel's connector can hide or delete this post (false for Instagram media). */
  removable: boolean;
};

export type PostHistoryDto = {
  postId: string;
  title: string;
  kind: string;
  state: PostState;
  brandId: string;
  brandName: string;
  authorName: string | null;
  /** The first time it went out on any channel. */
  publishedAt: Date | null;
  text: { channelId: string; platform: Platform; text: string }[];
  publications: PublicationSummaryDto[];
  /** Corrections, apologies and retractions of this post, oldest first. */
  corrections: CorrectionLinkDto[];
  /** When this post is itself a correction: what it corrects. */
  correctionOf: CorrectionLinkDto | null;
};

export type CrisisCommunicationDto = {
  postId: string;
  kind: string;
  title: string;
  state: PostState;
  brandName: string;
  authorName: string | null;
  scheduledAt: Date | null;
  updatedAt: Date;
  originalPostId: string | null;
  originalTitle: string | null;
  publishAs: PublishAs | null;
};

export type CorrectablePostDto = {
  postId: string;
  title: string;
  kind: string;
  brandName: string;
  platforms: Platform[];
  publishedAt: Date;
  corrections: number;
  openCorrections: number;
};

// ── internals ──

const creator = alias(users, "creator");
const original = alias(posts, "original");
const newPost = alias(posts, "new_post");
const FINISHED: PostState[] = ["published", "cancelled", "expired"];

/** Inserts the new fast-lane post, its first revision and its targets. */
async function insertPost(
  tx: Tx,
  viewer: Viewer,
  o: { brandId: string; kind: (typeof FAST_LANE_KINDS)[number]; title: string; content: RevisionContent; asReply?: boolean },
): Promise<{ postId: string; revisionId: string; contentHash: string; riskScore: number }> {
  const checks = await checkContent(tx, o.brandId, o.content, true, { asReply: !!o.asReply });
  const contentHash = contentHashOf(o.content);
  const [post] = await tx
    .insert(posts)
    .values({ brandId: o.brandId, kind: o.kind, title: o.title, state: "draft", authorId: viewer.id, isCommercial: false, requiresLegal: true, riskScore: checks.riskScore })
    .returning({ id: posts.id });
  const postId = post!.id;
  const [rev] = await tx.insert(postRevisions).values({ postId, number: 1, contentHash, content: o.content, createdById: viewer.id }).returning({ id: postRevisions.id });
  await tx.update(posts).set({ currentRevisionId: rev!.id }).where(eq(posts.id, postId));
  await tx.insert(postTargets).values(o.content.variants.map((v) => ({ postId, channelId: v.channelId, idempotencyKey: `${postId}:${v.channelId}` })));
  return { postId, revisionId: rev!.id, contentHash, riskScore: checks.riskScore };
}

async function linksWhere(where: ReturnType<typeof eq>): Promise<CorrectionLinkDto[]> {
  const rows = await db
    .select({
      correctionId: corrections.id,
      kind: corrections.kind,
      originalAction: corrections.originalAction,
      publishAs: corrections.publishAs,
      originalActionDoneAt: corrections.originalActionDoneAt,
      createdAt: corrections.createdAt,
      createdByName: creator.name,
      originalPostId: corrections.originalPostId,
      originalTitle: original.title,
      originalState: original.state,
      newPostId: corrections.newPostId,
      newTitle: newPost.title,
      newState: newPost.state,
      newScheduledAt: newPost.scheduledAt,
      newPublishedAt: sql<Date | null>`(select min(pb.published_at) from ${publications} pb join ${postTargets} t on t.id = pb.target_id where t.post_id = ${corrections.newPostId} and pb.state = 'published')`,
    })
    .from(corrections)
    .innerJoin(original, eq(original.id, corrections.originalPostId))
    .leftJoin(newPost, eq(newPost.id, corrections.newPostId))
    .leftJoin(creator, eq(creator.id, corrections.createdById))
    .where(where)
    .orderBy(asc(corrections.createdAt), asc(corrections.id));
  return rows.map((r) => ({ ...r, newPublishedAt: r.newPublishedAt ? new Date(r.newPublishedAt) : null }));
}

// ── writes ──

/**
 * correction.create — a correction, apology or retraction of a visible published post: a new
 * draft of that kind by the viewer on (some of) the original's channels, linked through
 * corrections. Submit it with posts.ts submitForReview (the fast lane).
 */
export async function createCorrection(viewer: Viewer, input: CreateCorrectionInput): Promise<CreatedPostDto> {
  authorize(viewer, "correction.create");
  const data = parseInput(createCorrectionSchema, input);
  return db.transaction(async (tx) => {
    const [orig] = await tx
      .select({ id: posts.id, brandId: posts.brandId, state: posts.state, title: posts.title })
      .from(posts)
      .where(visiblePosts(viewer, data.originalPostId))
      .for("update")
      .limit(1);
    if (!orig) throw new AppError("NOT_FOUND");
    if (orig.state !== "published") throw new AppError("CONFLICT", CORRECTION_ERRORS.originalNotPublished);

    const [open] = await tx
      .select({ id: corrections.id })
      .from(corrections)
      .innerJoin(posts, eq(posts.id, corrections.newPostId))
      .where(and(eq(corrections.originalPostId, orig.id), eq(corrections.kind, data.kind), notInArray(posts.state, FINISHED)))
      .limit(1);
    if (open) throw new AppError("CONFLICT", CORRECTION_ERRORS.inProgress);
    // A post under a legal hold may be corrected, but not hidden or deleted (lib/dal/legal-holds.ts).
    if (data.originalAction !== "keep") await assertNotHeld(tx, { postId: orig.id });

    const targets = await tx
      .select({ channelId: postTargets.channelId, platform: channels.platform, connector: channels.connector, publicationState: publications.state })
      .from(postTargets)
      .innerJoin(channels, eq(channels.id, postTargets.channelId))
      .leftJoin(publications, eq(publications.targetId, postTargets.id))
      .where(and(eq(postTargets.postId, orig.id), ne(postTargets.state, "cancelled")));
    const byChannel = new Map(targets.map((t) => [t.channelId, t]));
    const fieldErrors: Record<string, string[]> = {};
    data.variants.forEach((v, i) => {
      const t = byChannel.get(v.channelId);
      if (!t) fieldErrors[`variants.${i}.channelId`] = [CORRECTION_ERRORS.notOriginalChannel];
      else if (data.publishAs === "reply" && t.publicationState !== "published") fieldErrors[`variants.${i}.channelId`] = [CORRECTION_ERRORS.noPublication];
    });
    if (Object.keys(fieldErrors).length) {
      const first = Object.values(fieldErrors)[0]![0]!;
      throw new AppError("VALIDATION", first, fieldErrors);
    }
    if (data.originalAction !== "keep" && !data.variants.some((v) => canRemovePublished(byChannel.get(v.channelId)!.connector, byChannel.get(v.channelId)!.platform))) {
      throw new AppError("VALIDATION", CORRECTION_ERRORS.originalActionUnsupported, { originalAction: [CORRECTION_ERRORS.originalActionUnsupported] });
    }
    const content: RevisionContent = {
      isCommercial: false,
      variants: data.variants.map((v) => ({ channelId: v.channelId, platform: byChannel.get(v.channelId)!.platform, text: v.text, mediaAssetIds: [] })),
    };
    const created = await insertPost(tx, viewer, { brandId: orig.brandId, kind: data.kind, title: data.title, content, asReply: data.publishAs === "reply" });
    const [link] = await tx
      .insert(corrections)
      .values({ originalPostId: orig.id, kind: data.kind, newPostId: created.postId, originalAction: data.originalAction, publishAs: data.publishAs, createdById: viewer.id })
      .returning({ id: corrections.id });

    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.created",
      subjectType: "post",
      subjectId: created.postId,
      data: {
        brandId: orig.brandId,
        kind: data.kind,
        title: data.title,
        revisionId: created.revisionId,
        contentHash: created.contentHash,
        channelIds: content.variants.map((v) => v.channelId),
        correctionOf: orig.id,
        riskScore: created.riskScore,
        requiresLegal: true,
      },
      requestId: viewer.requestId,
    });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "correction.created",
      subjectType: "post",
      subjectId: orig.id,
      data: { correctionId: link!.id, kind: data.kind, newPostId: created.postId, originalAction: data.originalAction, publishAs: data.publishAs },
      requestId: viewer.requestId,
    });
    return { postId: created.postId, revisionId: created.revisionId, contentHash: created.contentHash, state: "draft" as const, correctionId: link!.id };
  });
}

/** statement.manage — a holding statement: a new draft of kind statement for active channels of one brand, by the viewer. */
export async function createStatement(viewer: Viewer, input: CreateStatementInput): Promise<CreatedPostDto> {
  authorize(viewer, "statement.manage");
  const data = parseInput(createStatementSchema, input);
  return db.transaction(async (tx) => {
    const [brand] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, data.brandId)).limit(1);
    if (!brand) throw new AppError("VALIDATION", CORRECTION_ERRORS.unknownBrand, { brandId: [CORRECTION_ERRORS.unknownBrand] });
    const rows = await tx
      .select({ id: channels.id, platform: channels.platform })
      .from(channels)
      .where(and(inArray(channels.id, data.variants.map((v) => v.channelId)), eq(channels.brandId, brand.id), eq(channels.status, "active")));
    const platformOf = new Map(rows.map((r) => [r.id, r.platform]));
    const bad = data.variants.flatMap((v, i) => (platformOf.has(v.channelId) ? [] : [i]));
    if (bad.length) {
      throw new AppError("VALIDATION", CORRECTION_ERRORS.channelNotInBrand, Object.fromEntries(bad.map((i) => [`variants.${i}.channelId`, [CORRECTION_ERRORS.channelNotInBrand]])));
    }
    const content: RevisionContent = {
      isCommercial: false,
      variants: data.variants.map((v) => ({ channelId: v.channelId, platform: platformOf.get(v.channelId)!, text: v.text, mediaAssetIds: [] })),
    };
    const created = await insertPost(tx, viewer, { brandId: brand.id, kind: "statement", title: data.title, content });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "post.created",
      subjectType: "post",
      subjectId: created.postId,
      data: {
        brandId: brand.id,
        kind: "statement",
        title: data.title,
        revisionId: created.revisionId,
        contentHash: created.contentHash,
        channelIds: content.variants.map((v) => v.channelId),
        riskScore: created.riskScore,
        requiresLegal: true,
      },
      requestId: viewer.requestId,
    });
    return { postId: created.postId, revisionId: created.revisionId, contentHash: created.contentHash, state: "draft" as const, correctionId: null };
  });
}

// ── reads ──

/**
 * post.read — one visible post with what it said, where it went out, and its correction history
 * both ways (what corrects it; what it corrects).
 */
export async function getPostHistory(viewer: Viewer, postId: string): Promise<PostHistoryDto> {
  authorize(viewer, "post.read");
  const id = parseId(postId);
  const [post] = await db
    .select({
      postId: posts.id,
      title: posts.title,
      kind: posts.kind,
      state: posts.state,
      brandId: posts.brandId,
      brandName: brands.name,
      authorName: users.name,
      content: postRevisions.content,
    })
    .from(posts)
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
    .where(visiblePosts(viewer, id))
    .limit(1);
  if (!post) throw new AppError("NOT_FOUND");
  const [pubs, fixes, fixed] = await Promise.all([
    db
      .select({
        channelId: channels.id,
        platform: channels.platform,
        channelName: channels.displayName,
        handle: channels.handle,
        connector: channels.connector,
        targetState: postTargets.state,
        publicationState: publications.state,
        externalUrl: publications.externalUrl,
        publishedAt: publications.publishedAt,
      })
      .from(postTargets)
      .innerJoin(channels, eq(channels.id, postTargets.channelId))
      .leftJoin(publications, eq(publications.targetId, postTargets.id))
      .where(and(eq(postTargets.postId, post.postId), ne(postTargets.state, "cancelled")))
      .orderBy(asc(postTargets.createdAt), asc(channels.handle)),
    linksWhere(eq(corrections.originalPostId, post.postId)),
    linksWhere(eq(corrections.newPostId, post.postId)),
  ]);
  const content = readContent(post.content);
  const published = pubs.map((p) => p.publishedAt).filter((d): d is Date => !!d);
  return {
    postId: post.postId,
    title: post.title,
    kind: post.kind,
    state: post.state,
    brandId: post.brandId,
    brandName: post.brandName,
    authorName: post.authorName,
    publishedAt: published.length ? new Date(Math.min(...published.map((d) => d.getTime()))) : null,
    text: content.variants.map((v) => ({ channelId: v.channelId, platform: v.platform, text: v.text })),
    publications: pubs.map(({ connector, ...p }) => ({ ...p, removable: canRemovePublished(connector, p.platform) })),
    corrections: fixes,
    correctionOf: fixed[0] ?? null,
  };
}

/** post.read — corrections, apologies, retractions and statements, newest first, with what each corrects. Company-wide (post.read sees every brand). */
export async function listCrisisCommunications(viewer: Viewer, limit = 100): Promise<CrisisCommunicationDto[]> {
  authorize(viewer, "post.read");
  const rows = await db
    .select({
      postId: posts.id,
      kind: posts.kind,
      title: posts.title,
      state: posts.state,
      brandName: brands.name,
      authorName: users.name,
      scheduledAt: posts.scheduledAt,
      updatedAt: posts.updatedAt,
      originalPostId: corrections.originalPostId,
      originalTitle: original.title,
      publishAs: corrections.publishAs,
    })
    .from(posts)
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(corrections, eq(corrections.newPostId, posts.id))
    .leftJoin(original, eq(original.id, corrections.originalPostId))
    .where(inArray(posts.kind, [...FAST_LANE_KINDS]))
    .orderBy(desc(posts.updatedAt), asc(posts.id))
    .limit(Math.min(Math.max(1, limit), 500));
  return rows;
}

/** correction.create — published posts, most recently published first, with how many corrections each has (and how many are still open). */
export async function listCorrectablePosts(viewer: Viewer, limit = 50): Promise<CorrectablePostDto[]> {
  authorize(viewer, "correction.create");
  const publishedAt = sql<Date>`max(${publications.publishedAt})`;
  const rows = await db
    .select({
      postId: posts.id,
      title: posts.title,
      kind: posts.kind,
      brandName: brands.name,
      platforms: sql<Platform[]>`array_agg(distinct ${channels.platform}::text)`,
      publishedAt,
      corrections: sql<number>`(select count(*)::int from ${corrections} c where c.original_post_id = ${posts.id})`,
      openCorrections: sql<number>`(select count(*)::int from ${corrections} c join ${posts} np on np.id = c.new_post_id where c.original_post_id = ${posts.id} and np.state not in ('published', 'cancelled', 'expired'))`,
    })
    .from(posts)
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .innerJoin(postTargets, eq(postTargets.postId, posts.id))
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .innerJoin(publications, and(eq(publications.targetId, postTargets.id), eq(publications.state, "published")))
    .where(eq(posts.state, "published"))
    .groupBy(posts.id, brands.name)
    .orderBy(desc(publishedAt), asc(posts.id))
    .limit(Math.min(Math.max(1, limit), 200));
  return rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt) }));
}

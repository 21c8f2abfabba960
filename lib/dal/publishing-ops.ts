import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { approvals, brands, channels, postRevisions, posts, postTargets, publications } from "@/db/schema";
import { connectorFor } from "@/lib/channels";
import { AppError } from "@/lib/errors";
import { transition, type ApprovalRecord } from "@/lib/domain/workflow";
import { recordAudit } from "./audit";
import { listSandboxTimeline } from "./sandbox-network";
import { parseInput, readContent, visiblePosts, workflowError } from "./posts-shared";
import { CHANNEL_REF_COLUMNS } from "./publishing";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * What people see of publishing and what they may do about it: the manager's list of
 * publications the publisher could not settle (needs_human_check, failed), the choices that settle
 * them, a post's publications, and the sandbox network's timelines.
 */

const SUBJECT = "post";

export type PublishingIssueDto = {
  targetId: string;
  postId: string;
  postTitle: string;
  postState: string;
  brandName: string;
  channelHandle: string;
  platform: string;
  targetState: "needs_human_check" | "failed" | "scheduled";
  slotAt: Date | null;
  nextAttemptAt: Date | null;
  attempts: number;
  errorCode: string | null;
  /** The connector's message, for the manager to pass on to IT; never shown as the headline. */
  errorDetail: string | null;
  updatedAt: Date;
};

/** publication.resolve — every brand: needs a human (unknown outcome), failed and not yet dismissed, and retries waiting. */
export async function listPublishingIssues(viewer: Viewer): Promise<PublishingIssueDto[]> {
  authorize(viewer, "publication.resolve");
  const rows = await db
    .select({
      targetId: postTargets.id,
      postId: posts.id,
      postTitle: posts.title,
      postState: posts.state,
      brandName: brands.name,
      channelHandle: channels.handle,
      platform: channels.platform,
      targetState: postTargets.state,
      slotAt: postTargets.scheduledAt,
      nextAttemptAt: postTargets.nextAttemptAt,
      attempts: sql<number>`coalesce(${publications.attempts}, 0)::int`,
      errorCode: publications.errorCode,
      errorDetail: publications.lastError,
      updatedAt: sql<Date>`coalesce(${publications.updatedAt}, ${postTargets.stateChangedAt})`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .leftJoin(publications, eq(publications.targetId, postTargets.id))
    .where(
      or(
        eq(postTargets.state, "needs_human_check"),
        and(eq(postTargets.state, "failed"), or(isNull(publications.resolvedBy), ne(publications.resolvedBy, "human"))),
        and(eq(postTargets.state, "scheduled"), sql`${postTargets.nextAttemptAt} is not null`),
      ),
    )
    .orderBy(sql`case ${postTargets.state} when 'needs_human_check' then 0 when 'failed' then 1 else 2 end`, desc(postTargets.stateChangedAt))
    .limit(200);
  return rows as PublishingIssueDto[];
}

export type PublishingSummaryDto = {
  published24h: number;
  failed24h: number;
  needsHuman: number;
  retrying: number;
  held: number;
  lagP50Ms: number | null;
  lagP95Ms: number | null;
  due48h: number;
};

/** publication.resolve — company-wide counts for the command center. */
export async function getPublishingSummary(viewer: Viewer): Promise<PublishingSummaryDto> {
  authorize(viewer, "publication.resolve");
  const since = new Date(Date.now() - 24 * 3600_000);
  const [pub] = await db
    .select({
      published24h: sql<number>`count(*) filter (where ${publications.state} = 'published')::int`,
      failed24h: sql<number>`count(*) filter (where ${publications.state} = 'failed')::int`,
      lagP50Ms: sql<number | null>`percentile_cont(0.5) within group (order by ${publications.lagMs}) filter (where ${publications.state} = 'published')`,
      lagP95Ms: sql<number | null>`percentile_cont(0.95) within group (order by ${publications.lagMs}) filter (where ${publications.state} = 'published')`,
    })
    .from(publications)
    .where(gte(publications.updatedAt, since));
  const [tgt] = await db
    .select({
      needsHuman: sql<number>`count(*) filter (where ${postTargets.state} = 'needs_human_check')::int`,
      retrying: sql<number>`count(*) filter (where ${postTargets.state} = 'scheduled' and ${postTargets.nextAttemptAt} is not null)::int`,
      held: sql<number>`count(*) filter (where ${postTargets.state} = 'held')::int`,
      due48h: sql<number>`count(*) filter (where ${postTargets.state} = 'scheduled' and ${postTargets.scheduledAt} between now() and now() + interval '48 hours')::int`,
    })
    .from(postTargets)
    .where(inArray(postTargets.state, ["needs_human_check", "scheduled", "held"]));
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return {
    published24h: pub?.published24h ?? 0,
    failed24h: pub?.failed24h ?? 0,
    needsHuman: tgt?.needsHuman ?? 0,
    retrying: tgt?.retrying ?? 0,
    held: tgt?.held ?? 0,
    lagP50Ms: round(pub?.lagP50Ms),
    lagP95Ms: round(pub?.lagP95Ms),
    due48h: tgt?.due48h ?? 0,
  };
}

export const RESOLVE_ACTIONS = ["recheck", "confirm_live", "retry", "dismiss"] as const;
export const resolvePublicationSchema = z.strictObject({
  targetId: z.uuid(),
  action: z.enum(RESOLVE_ACTIONS),
  /** confirm_live: where the person saw it (optional). */
  externalUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  note: z.string().trim().max(1000).optional(),
});
export type ResolvePublicationInput = z.input<typeof resolvePublicationSchema>;
export type ResolveResultDto = { targetState: string; postState: string; found?: boolean };

/**
 * publication.resolve — settles one publication:
 * - recheck: asks the network again (reconcile); found → published, otherwise nothing changes;
 * - confirm_live: a person saw it live → published (resolved by a human);
 * - retry: re-armed a few seconds from now through the workflow's `schedule` (the approvals must
 *   still cover the revision); an unknown outcome is reconciled again before any new call;
 * - dismiss: it is not live and should not be → failed, off the list.
 * Only needs_human_check and failed targets qualify; anything else is CONFLICT.
 */
export async function resolvePublication(viewer: Viewer, input: ResolvePublicationInput): Promise<ResolveResultDto> {
  authorize(viewer, "publication.resolve");
  const data = parseInput(resolvePublicationSchema, input);

  let found: { externalId: string; url: string | null } | null = null;
  if (data.action === "recheck") {
    const [t] = await db
      .select({
        state: postTargets.state,
        key: postTargets.idempotencyKey,
        slotAt: postTargets.scheduledAt,
        revisionId: posts.currentRevisionId,
        channel: CHANNEL_REF_COLUMNS,
      })
      .from(postTargets)
      .innerJoin(posts, eq(posts.id, postTargets.postId))
      .innerJoin(channels, eq(channels.id, postTargets.channelId))
      .where(eq(postTargets.id, data.targetId));
    if (!t) throw new AppError("NOT_FOUND");
    if (t.state !== "needs_human_check" && t.state !== "failed") throw new AppError("CONFLICT", "not_unsettled");
    const [rev] = await db.select({ content: postRevisions.content }).from(postRevisions).where(eq(postRevisions.id, t.revisionId!));
    const text = readContent(rev?.content).variants.find((v) => v.channelId === t.channel.id)?.text ?? "";
    const r = await connectorFor(t.channel.connector).reconcile({
      channel: t.channel,
      idempotencyKey: t.key,
      text,
      since: new Date((t.slotAt ?? new Date()).getTime() - 60_000),
      signal: AbortSignal.timeout(15_000),
    });
    if (r.kind === "found") found = { externalId: r.externalId, url: r.url };
  }

  return db.transaction(async (tx) => {
    const [t] = await tx
      .select({ postId: postTargets.postId, state: postTargets.state, channelId: postTargets.channelId })
      .from(postTargets)
      .where(eq(postTargets.id, data.targetId));
    if (!t) throw new AppError("NOT_FOUND");
    const [post] = await tx
      .select({ id: posts.id, state: posts.state, requiresLegal: posts.requiresLegal, revisionId: posts.currentRevisionId, authorId: posts.authorId })
      .from(posts)
      .where(visiblePosts(viewer, t.postId))
      .for("update");
    if (!post) throw new AppError("NOT_FOUND");
    // Re-read under the post lock: a concurrent resolution of the same target gets CONFLICT.
    const [target] = await tx.select({ state: postTargets.state }).from(postTargets).where(eq(postTargets.id, data.targetId));
    if (!target || (target.state !== "needs_human_check" && target.state !== "failed")) throw new AppError("CONFLICT", "not_unsettled");
    const now = new Date();
    const audit = (extra: Record<string, unknown>) =>
      recordAudit(tx, {
        actor: actorOf(viewer),
        action: "publication.resolved",
        subjectType: SUBJECT,
        subjectId: post.id,
        data: { targetId: data.targetId, action: data.action, fromState: target.state, note: data.note ?? null, ...extra },
        requestId: viewer.requestId,
      });

    const markPublished = async (externalId: string | null, url: string | null, via: "reconcile" | "human") => {
      await tx
        .update(publications)
        .set({ state: "published", externalId, externalUrl: url, publishedAt: now, resolvedBy: via, updatedAt: now })
        .where(eq(publications.targetId, data.targetId));
      await tx.update(postTargets).set({ state: "published", stateChangedAt: now }).where(eq(postTargets.id, data.targetId));
      // The post is published once every live target is (workflow: confirm_published from failed).
      const siblings = await tx.select({ state: postTargets.state }).from(postTargets).where(and(eq(postTargets.postId, post.id), ne(postTargets.state, "cancelled")));
      if (post.state === "failed" && siblings.every((s) => s.state === "published")) {
        await tx.update(posts).set({ state: "published", updatedAt: now }).where(eq(posts.id, post.id));
        return "published";
      }
      return post.state;
    };

    if (data.action === "recheck") {
      if (!found) {
        await audit({ found: false });
        return { targetState: target.state, postState: post.state, found: false };
      }
      const postState = await markPublished(found.externalId, found.url, "reconcile");
      await audit({ found: true, externalId: found.externalId });
      return { targetState: "published", postState, found: true };
    }
    if (data.action === "confirm_live") {
      const postState = await markPublished(null, data.externalUrl ?? null, "human");
      await audit({ externalUrl: data.externalUrl ?? null });
      return { targetState: "published", postState };
    }
    if (data.action === "dismiss") {
      await tx.update(publications).set({ state: "failed", resolvedBy: "human", updatedAt: now }).where(eq(publications.targetId, data.targetId));
      await tx.update(postTargets).set({ state: "failed", stateChangedAt: now }).where(eq(postTargets.id, data.targetId));
      await audit({});
      return { targetState: "failed", postState: post.state };
    }

    // retry
    if (post.state !== "failed") throw new AppError("CONFLICT", "not_unsettled");
    const [rev] = await tx.select({ hash: postRevisions.contentHash, authorId: postRevisions.createdById }).from(postRevisions).where(eq(postRevisions.id, post.revisionId!));
    const records: ApprovalRecord[] = await tx
      .select({ stage: approvals.stage, decision: approvals.decision, revisionHash: approvals.revisionHash, reviewerId: approvals.reviewerId, voidedAt: approvals.voidedAt })
      .from(approvals)
      .where(eq(approvals.postId, post.id));
    const slotAt = new Date(now.getTime() + 5_000);
    const result = transition(
      { state: "failed", revision: { hash: rev!.hash, authorId: rev!.authorId }, requiresLegal: post.requiresLegal, approvals: records, now },
      { type: "schedule", actorId: viewer.id, slotAt },
    );
    if (!result.ok) throw workflowError(result.reason);
    await tx.update(posts).set({ state: "scheduled", scheduledAt: slotAt, updatedAt: now }).where(eq(posts.id, post.id));
    await tx
      .update(postTargets)
      .set({ state: "scheduled", scheduledAt: slotAt, nextAttemptAt: null, claimToken: null, stateChangedAt: now })
      .where(eq(postTargets.id, data.targetId));
    // Keep "unknown" so the next attempt reconciles before it calls the network again.
    await tx
      .update(publications)
      .set({ attempts: 0, updatedAt: now, state: sql`case when ${publications.state} = 'unknown' then 'unknown' else 'pending' end` })
      .where(eq(publications.targetId, data.targetId));
    await audit({ slotAt: slotAt.toISOString() });
    return { targetState: "scheduled", postState: "scheduled" };
  });
}

export type PostPublicationDto = {
  targetId: string;
  channelId: string;
  platform: string;
  handle: string;
  connector: string;
  targetState: string;
  slotAt: Date | null;
  publishedAt: Date | null;
  externalId: string | null;
  externalUrl: string | null;
  attempts: number;
  errorCode: string | null;
  lagMs: number | null;
  resolvedBy: string | null;
};

/** A visible post's publications, one per channel (post.read, or the author). */
export async function listPostPublications(viewer: Viewer, postId: string): Promise<PostPublicationDto[]> {
  const id = z.uuid().safeParse(postId);
  if (!id.success) throw new AppError("NOT_FOUND");
  const [post] = await db.select({ id: posts.id }).from(posts).where(visiblePosts(viewer, id.data));
  if (!post) throw new AppError("NOT_FOUND");
  return db
    .select({
      targetId: postTargets.id,
      channelId: channels.id,
      platform: channels.platform,
      handle: channels.handle,
      connector: channels.connector,
      targetState: postTargets.state,
      slotAt: postTargets.scheduledAt,
      publishedAt: publications.publishedAt,
      externalId: publications.externalId,
      externalUrl: publications.externalUrl,
      attempts: sql<number>`coalesce(${publications.attempts}, 0)::int`,
      errorCode: publications.errorCode,
      lagMs: publications.lagMs,
      resolvedBy: publications.resolvedBy,
    })
    .from(postTargets)
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .leftJoin(publications, eq(publications.targetId, postTargets.id))
    .where(and(eq(postTargets.postId, post.id), ne(postTargets.state, "cancelled")))
    .orderBy(asc(channels.platform), asc(channels.handle));
}

export type SandboxChannelDto = { id: string; handle: string; displayName: string; platform: string; brandName: string };
export type SandboxTimelineDto = {
  channel: SandboxChannelDto;
  posts: { externalId: string; text: string; state: "live" | "hidden" | "deleted"; createdAt: Date; inReplyTo: string | null; postId: string | null; postTitle: string | null }[];
};

/** sandbox.read — the channels that publish to the sandbox network. */
export async function listSandboxChannels(viewer: Viewer): Promise<SandboxChannelDto[]> {
  authorize(viewer, "sandbox.read");
  return db
    .select({ id: channels.id, handle: channels.handle, displayName: channels.displayName, platform: channels.platform, brandName: brands.name })
    .from(channels)
    .innerJoin(brands, eq(brands.id, channels.brandId))
    .where(and(eq(channels.connector, "sandbox"), eq(channels.status, "active")))
    .orderBy(asc(brands.name), asc(channels.platform));
}

/** sandbox.read — one sandbox channel's timeline as the network shows it, each post linked back to ours. */
export async function getSandboxTimeline(viewer: Viewer, channelId: string): Promise<SandboxTimelineDto> {
  authorize(viewer, "sandbox.read");
  const id = z.uuid().safeParse(channelId);
  if (!id.success) throw new AppError("NOT_FOUND");
  const [channel] = await db
    .select({ id: channels.id, handle: channels.handle, displayName: channels.displayName, platform: channels.platform, brandName: brands.name })
    .from(channels)
    .innerJoin(brands, eq(brands.id, channels.brandId))
    .where(and(eq(channels.id, id.data), eq(channels.connector, "sandbox")));
  if (!channel) throw new AppError("NOT_FOUND");
  const timeline = await listSandboxTimeline(channel.id, 100);
  const ids = timeline.map((p) => p.externalId);
  const ours = ids.length
    ? await db
        .select({ externalId: publications.externalId, postId: posts.id, title: posts.title })
        .from(publications)
        .innerJoin(postTargets, eq(postTargets.id, publications.targetId))
        .innerJoin(posts, eq(posts.id, postTargets.postId))
        .where(inArray(publications.externalId, ids))
    : [];
  const byExt = new Map(ours.map((o) => [o.externalId, o]));
  return {
    channel,
    posts: timeline.map((p) => ({ ...p, postId: byExt.get(p.externalId)?.postId ?? null, postTitle: byExt.get(p.externalId)?.title ?? null })),
  };
}

/** Slots in the next hours, for the command center (publication.resolve holders see all brands). */
export async function listUpcomingSlots(viewer: Viewer, hours = 48) {
  authorize(viewer, "publication.resolve");
  return db
    .select({ postId: posts.id, title: posts.title, state: posts.state, slotAt: postTargets.scheduledAt, handle: channels.handle, platform: channels.platform, targetState: postTargets.state })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .where(and(inArray(postTargets.state, ["scheduled", "held", "pending"]), gte(postTargets.scheduledAt, new Date()), lte(postTargets.scheduledAt, new Date(Date.now() + hours * 3600_000))))
    .orderBy(asc(postTargets.scheduledAt))
    .limit(100);
}

import "server-only";
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Tx } from "@/db";
import {
  approvals,
  auditEvents,
  brands,
  channels,
  corrections,
  inboxItems,
  legalHolds,
  legalReviews,
  postRevisions,
  posts,
  postTargets,
  publications,
  replies,
  users,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import { computeAuditHash, recordAudit } from "./audit";
import { checkContent, readContent } from "./posts-shared";
import { platformUserRef } from "./legal-holds";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Evidence packs (issue 5 "Evidence pack"): everything the portal knows about one post or one
 * inbox reply, for someone outside the portal — every revision's text, the checks on each, every
 * approval and rejection with reviewer and time, Legal's reviews, publications and corrections,
 * legal holds, and the audit events with their chain hashes (each event's hash is recomputed here
 * from its own fields, so a reader can check it with the formula printed in the pack).
 *
 * evidence.export: Legal and the manager. Exporting is itself audited (evidence.exported), after
 * the pack was read, so the pack never contains its own export event.
 */

export type EvidenceEvent = {
  id: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  requestId: string | null;
  prevHash: string;
  hash: string;
  /** sha256(prev_hash + "\n" + canonical JSON of the fields) equals hash. */
  hashOk: boolean;
};

export type EvidenceRevision = {
  id: string;
  number: number;
  contentHash: string;
  createdAt: Date;
  createdByName: string | null;
  isCommercial: boolean;
  variants: { channel: string; platform: string; text: string; mediaAssetIds: string[] }[];
  /** The automatic checks run on this revision's text now (the rules and lexicon as they stand today). */
  checks: { blocking: boolean; requiresLegalReview: boolean; legalReasons: string[]; riskScore: number; findings: { severity: string; code: string; platform: string }[] };
};

export type EvidenceDecision = {
  stage: string;
  decision: string;
  reviewerName: string | null;
  at: Date;
  reason: string | null;
  revisionNumber: number | null;
  revisionHash: string;
  voidedAt: Date | null;
};

export type EvidenceLegalReview = {
  id: string;
  state: string;
  title: string;
  assigneeName: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  findings: unknown;
  checklist: unknown;
  createdAt: Date;
};

export type EvidenceHold = {
  id: string;
  subjectKind: string;
  subjectRef: string;
  reason: string;
  placedByName: string | null;
  placedAt: Date;
  releasedByName: string | null;
  releasedAt: Date | null;
  releaseReason: string | null;
};

export type EvidencePack = {
  kind: "post" | "reply";
  id: string;
  title: string;
  generatedAt: Date;
  generatedBy: string;
  summary: { label: string; value: string }[];
  revisions: EvidenceRevision[];
  decisions: EvidenceDecision[];
  publications: { channel: string; platform: string; targetState: string; state: string | null; externalId: string | null; url: string | null; publishedAt: Date | null }[];
  corrections: { kind: string; originalAction: string; publishAs: string; createdAt: Date; createdByName: string | null; newPostId: string | null; originalPostId: string }[];
  legalReviews: EvidenceLegalReview[];
  holds: EvidenceHold[];
  /** For a reply: the messages of the thread it answers (purged ones show as such). */
  thread: { at: Date; author: string; text: string; isOurs: boolean }[];
  events: EvidenceEvent[];
  chain: { count: number; allHashesOk: boolean; firstId: number | null; lastId: number | null };
};

const AUDIT_COLS = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  data: auditEvents.data,
  requestId: auditEvents.requestId,
  prevHash: auditEvents.prevHash,
  hash: auditEvents.hash,
};

async function eventsFor(tx: Tx, subjects: { type: string; ids: string[] }[]): Promise<EvidenceEvent[]> {
  const conds: SQL[] = subjects.filter((s) => s.ids.length > 0).map((s) => and(eq(auditEvents.subjectType, s.type), inArray(auditEvents.subjectId, s.ids))!);
  if (conds.length === 0) return [];
  const rows = await tx.select(AUDIT_COLS).from(auditEvents).where(or(...conds)).orderBy(asc(auditEvents.id));
  return rows.map((r) => {
    const data = (r.data ?? {}) as Record<string, unknown>;
    const expected = computeAuditHash(r.prevHash, { at: r.at, actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, data, requestId: r.requestId });
    return { ...r, data, hashOk: expected === r.hash };
  });
}

function chainOf(events: EvidenceEvent[]) {
  return { count: events.length, allHashesOk: events.every((e) => e.hashOk), firstId: events[0]?.id ?? null, lastId: events.at(-1)?.id ?? null };
}

const decider = alias(users, "decider");
const assignee = alias(users, "assignee");
const releaser = alias(users, "releaser");

async function legalReviewsWhere(tx: Tx, where: SQL): Promise<EvidenceLegalReview[]> {
  return tx
    .select({
      id: legalReviews.id,
      state: legalReviews.state,
      title: legalReviews.title,
      assigneeName: assignee.name,
      decidedByName: decider.name,
      decidedAt: legalReviews.decidedAt,
      decisionReason: legalReviews.decisionReason,
      findings: legalReviews.findings,
      checklist: legalReviews.checklist,
      createdAt: legalReviews.createdAt,
    })
    .from(legalReviews)
    .leftJoin(assignee, eq(assignee.id, legalReviews.assigneeId))
    .leftJoin(decider, eq(decider.id, legalReviews.decidedById))
    .where(where)
    .orderBy(asc(legalReviews.createdAt));
}

async function holdsWhere(tx: Tx, where: SQL | undefined): Promise<EvidenceHold[]> {
  if (!where) return [];
  return tx
    .select({
      id: legalHolds.id,
      subjectKind: legalHolds.subjectKind,
      subjectRef: legalHolds.subjectRef,
      reason: legalHolds.reason,
      placedByName: users.name,
      placedAt: legalHolds.placedAt,
      releasedByName: releaser.name,
      releasedAt: legalHolds.releasedAt,
      releaseReason: legalHolds.releaseReason,
    })
    .from(legalHolds)
    .innerJoin(users, eq(users.id, legalHolds.placedById))
    .leftJoin(releaser, eq(releaser.id, legalHolds.releasedById))
    .where(where)
    .orderBy(asc(legalHolds.placedAt));
}

/** The evidence pack of one post (any state, any kind). NOT_FOUND when there is no such post. */
export async function postEvidence(viewer: Viewer, postId: string): Promise<EvidencePack> {
  authorize(viewer, "evidence.export");
  if (!isUuid(postId)) throw new AppError("NOT_FOUND");
  return db.transaction(
    async (tx) => {
      const [p] = await tx
        .select({ id: posts.id, title: posts.title, kind: posts.kind, state: posts.state, brandId: posts.brandId, brandName: brands.name, authorName: users.name, createdAt: posts.createdAt, isCommercial: posts.isCommercial, requiresLegal: posts.requiresLegal, riskScore: posts.riskScore })
        .from(posts)
        .innerJoin(brands, eq(brands.id, posts.brandId))
        .innerJoin(users, eq(users.id, posts.authorId))
        .where(eq(posts.id, postId));
      if (!p) throw new AppError("NOT_FOUND");

      const channelRows = await tx.select({ id: channels.id, name: channels.displayName, handle: channels.handle, platform: channels.platform }).from(channels);
      const channelName = new Map(channelRows.map((c) => [c.id, `${c.name} (${c.handle})`]));

      const revRows = await tx
        .select({ id: postRevisions.id, number: postRevisions.number, contentHash: postRevisions.contentHash, content: postRevisions.content, createdAt: postRevisions.createdAt, createdByName: users.name })
        .from(postRevisions)
        .innerJoin(users, eq(users.id, postRevisions.createdById))
        .where(eq(postRevisions.postId, postId))
        .orderBy(asc(postRevisions.number));
      const revisions: EvidenceRevision[] = [];
      for (const r of revRows) {
        const content = readContent(r.content);
        const checks = await checkContent(tx, p.brandId, content);
        revisions.push({
          id: r.id,
          number: r.number,
          contentHash: r.contentHash,
          createdAt: r.createdAt,
          createdByName: r.createdByName,
          isCommercial: content.isCommercial,
          variants: content.variants.map((v) => ({ channel: channelName.get(v.channelId) ?? v.channelId, platform: v.platform, text: v.text, mediaAssetIds: v.mediaAssetIds })),
          checks: {
            blocking: checks.blocking,
            requiresLegalReview: checks.requiresLegalReview,
            legalReasons: checks.legalReasons,
            riskScore: checks.riskScore,
            findings: checks.variants.flatMap((v, i) => v.findings.map((f) => ({ severity: f.severity, code: f.code, platform: content.variants[i]?.platform ?? "" }))),
          },
        });
      }
      const revNumber = new Map(revRows.map((r) => [r.id, r.number]));

      const decisions = (
        await tx
          .select({ stage: approvals.stage, decision: approvals.decision, reviewerName: users.name, at: approvals.createdAt, reason: approvals.reason, revisionId: approvals.revisionId, revisionHash: approvals.revisionHash, voidedAt: approvals.voidedAt })
          .from(approvals)
          .innerJoin(users, eq(users.id, approvals.reviewerId))
          .where(eq(approvals.postId, postId))
          .orderBy(asc(approvals.createdAt))
      ).map(({ revisionId, ...d }) => ({ ...d, revisionNumber: revNumber.get(revisionId) ?? null }));

      const pubs = await tx
        .select({ channelId: postTargets.channelId, platform: channels.platform, targetState: postTargets.state, state: publications.state, externalId: publications.externalId, url: publications.externalUrl, publishedAt: publications.publishedAt })
        .from(postTargets)
        .innerJoin(channels, eq(channels.id, postTargets.channelId))
        .leftJoin(publications, eq(publications.targetId, postTargets.id))
        .where(eq(postTargets.postId, postId));

      const corr = await tx
        .select({ id: corrections.id, kind: corrections.kind, originalAction: corrections.originalAction, publishAs: corrections.publishAs, createdAt: corrections.createdAt, createdByName: users.name, newPostId: corrections.newPostId, originalPostId: corrections.originalPostId })
        .from(corrections)
        .innerJoin(users, eq(users.id, corrections.createdById))
        .where(or(eq(corrections.originalPostId, postId), eq(corrections.newPostId, postId)))
        .orderBy(asc(corrections.createdAt));

      const reviews = await legalReviewsWhere(tx, eq(legalReviews.postId, postId));
      const holds = await holdsWhere(tx, and(eq(legalHolds.subjectKind, "post"), eq(legalHolds.subjectRef, postId)));
      const events = await eventsFor(tx, [
        { type: "post", ids: [postId] },
        { type: "legal_review", ids: reviews.map((r) => r.id) },
        { type: "legal_hold", ids: holds.map((h) => h.id) },
      ]);

      return {
        kind: "post" as const,
        id: p.id,
        title: p.title,
        generatedAt: new Date(),
        generatedBy: viewer.name,
        summary: [
          { label: "post_id", value: p.id },
          { label: "brand", value: p.brandName },
          { label: "kind", value: p.kind },
          { label: "state", value: p.state },
          { label: "author", value: p.authorName ?? "—" },
          { label: "created_at", value: p.createdAt.toISOString() },
          { label: "commercial", value: String(p.isCommercial) },
          { label: "requires_legal", value: String(p.requiresLegal) },
          { label: "risk_score", value: String(p.riskScore) },
        ],
        revisions,
        decisions,
        publications: pubs.map((x) => ({ channel: channelName.get(x.channelId) ?? x.channelId, platform: x.platform, targetState: x.targetState, state: x.state, externalId: x.externalId, url: x.url, publishedAt: x.publishedAt })),
        corrections: corr,
        legalReviews: reviews,
        holds,
        thread: [],
        events,
        chain: chainOf(events),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** The evidence pack of one inbox reply: its text, approval, the thread it answers, reviews, holds, events. */
export async function replyEvidence(viewer: Viewer, replyId: string): Promise<EvidencePack> {
  authorize(viewer, "evidence.export");
  if (!isUuid(replyId)) throw new AppError("NOT_FOUND");
  return db.transaction(
    async (tx) => {
      const approver = alias(users, "approver");
      const [r] = await tx
        .select({
          id: replies.id,
          text: replies.text,
          state: replies.state,
          createdAt: replies.createdAt,
          sentAt: replies.sentAt,
          externalId: replies.externalId,
          authorName: users.name,
          approverName: approver.name,
          decidedAt: replies.decidedAt,
          approvalRole: replies.approvalRole,
          rejectionReason: replies.rejectionReason,
          itemId: inboxItems.id,
          threadKey: inboxItems.threadKey,
          platform: inboxItems.platform,
          authorExternalId: inboxItems.authorExternalId,
          channelName: channels.displayName,
          handle: channels.handle,
        })
        .from(replies)
        .innerJoin(users, eq(users.id, replies.authorId))
        .leftJoin(approver, eq(approver.id, sql`coalesce(${replies.decidedById}, ${replies.approvedById})`))
        .innerJoin(inboxItems, eq(inboxItems.id, replies.inboxItemId))
        .innerJoin(channels, eq(channels.id, inboxItems.channelId))
        .where(eq(replies.id, replyId));
      if (!r) throw new AppError("NOT_FOUND");

      const threadItems = await tx
        .select({ id: inboxItems.id, at: inboxItems.receivedAt, author: inboxItems.authorHandle, name: inboxItems.authorName, text: inboxItems.text, purgedAt: inboxItems.purgedAt })
        .from(inboxItems)
        .where(eq(inboxItems.threadKey, r.threadKey))
        .orderBy(asc(inboxItems.receivedAt))
        .limit(500);
      const ours = await tx
        .select({ id: replies.id, at: sql<Date>`coalesce(${replies.sentAt}, ${replies.createdAt})`.mapWith((v: string | Date) => new Date(v)), text: replies.text, state: replies.state })
        .from(replies)
        .where(inArray(replies.inboxItemId, threadItems.map((t) => t.id).concat(r.itemId)));
      const thread = [
        ...threadItems.map((t) => ({ at: t.at, author: t.author ?? t.name ?? "—", text: t.purgedAt ? "[purged by retention]" : t.text, isOurs: false })),
        ...ours.map((o) => ({ at: o.at, author: `${r.handle} (${o.state})`, text: o.text, isOurs: true })),
      ].sort((a, b) => a.at.getTime() - b.at.getTime());

      const reviews = await legalReviewsWhere(tx, and(eq(legalReviews.subjectKind, "reply"), eq(legalReviews.subjectId, replyId))!);
      const holdConds: SQL[] = [and(eq(legalHolds.subjectKind, "inbox_thread"), eq(legalHolds.subjectRef, r.threadKey))!];
      if (r.authorExternalId) holdConds.push(and(eq(legalHolds.subjectKind, "platform_user"), eq(legalHolds.subjectRef, platformUserRef(r.platform, r.authorExternalId)))!);
      const holds = await holdsWhere(tx, or(...holdConds));
      const events = await eventsFor(tx, [
        { type: "reply", ids: [replyId] },
        { type: "inbox_item", ids: [r.itemId] },
        { type: "legal_review", ids: reviews.map((x) => x.id) },
        { type: "legal_hold", ids: holds.map((h) => h.id) },
      ]);
      const decisions: EvidenceDecision[] = r.decidedAt
        ? [{ stage: r.approvalRole ?? "reply", decision: r.rejectionReason ? "rejected" : "approved", reviewerName: r.approverName, at: r.decidedAt, reason: r.rejectionReason, revisionNumber: null, revisionHash: "", voidedAt: null }]
        : [];
      return {
        kind: "reply" as const,
        id: r.id,
        title: `${r.channelName} ${r.handle}`,
        generatedAt: new Date(),
        generatedBy: viewer.name,
        summary: [
          { label: "reply_id", value: r.id },
          { label: "channel", value: `${r.channelName} (${r.handle})` },
          { label: "state", value: r.state },
          { label: "author", value: r.authorName ?? "—" },
          { label: "created_at", value: r.createdAt.toISOString() },
          { label: "sent_at", value: r.sentAt?.toISOString() ?? "—" },
          { label: "external_id", value: r.externalId ?? "—" },
          { label: "thread", value: r.threadKey },
        ],
        revisions: [
          {
            id: r.id,
            number: 1,
            contentHash: "",
            createdAt: r.createdAt,
            createdByName: r.authorName,
            isCommercial: false,
            variants: [{ channel: `${r.channelName} (${r.handle})`, platform: r.platform, text: r.text, mediaAssetIds: [] }],
            checks: { blocking: false, requiresLegalReview: false, legalReasons: [], riskScore: 0, findings: [] },
          },
        ],
        decisions,
        publications: r.sentAt ? [{ channel: `${r.channelName} (${r.handle})`, platform: r.platform, targetState: r.state, state: r.state, externalId: r.externalId, url: null, publishedAt: r.sentAt }] : [],
        corrections: [],
        legalReviews: reviews,
        holds,
        thread,
        events,
        chain: chainOf(events),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Records that a pack left the portal (after it was built: the pack never lists its own export). */
export async function recordEvidenceExport(viewer: Viewer, pack: Pick<EvidencePack, "kind" | "id" | "chain">, format: "pdf" | "csv"): Promise<void> {
  authorize(viewer, "evidence.export");
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "evidence.exported",
      subjectType: pack.kind,
      subjectId: pack.id,
      data: { format, events: pack.chain.count, lastEventId: pack.chain.lastId },
      requestId: viewer.requestId,
    });
  });
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

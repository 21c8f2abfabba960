import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { brands, channels, escalations, inboxItems, inboxPolicy, replies, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { policyFromRows } from "@/lib/domain/inbox-policy";
import { approvalRequirement, checkReply, collision, REPLY_TEXT_MAX, templateDate, type ApprovalRole, type ReplyChecks } from "@/lib/domain/inbox-replies";
import type { BrandRule } from "@/lib/domain/brand-rules";
import type { RiskTerm } from "@/lib/domain/risk";
import type { Platform } from "@/lib/domain/text-length";
import { recordAudit } from "./audit";
import { notify } from "./notify";
import { loadCheckContext, parseInput } from "./posts-shared";
import { requestLegalReview } from "./legal-requests";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Answering the inbox (issue 4 "Replies and moderation"): the composer's context, sending a reply
 * with collision safety, approval of replies that need it (PR / manager here; Legal through
 * legal_reviews), and the approvers' queue. The network call itself happens in the worker
 * (lib/dal/inbox-replies-sender.ts, lib/jobs/inbox-replies.ts): a reply is stored here as
 * pending_approval or approved, and the sender claims approved ones.
 *
 * Collision safety: a send carries the item version and the newest reply id the agent saw. The
 * item row is locked (FOR UPDATE) while both are compared and the reply is stored, and storing a
 * reply bumps the item's version — so of two agents sending at once exactly one stores a reply;
 * the other waits for the lock, then sees a newer reply and gets CONFLICT with nothing stored.
 *
 * Approval binds to the exact text: approved_hash is sha256 of the text the approver was shown
 * (the approver's request carries that hash, and a different current text is a CONFLICT). Editing
 * the text voids the approval; the sender refuses a text whose hash is not the approved one.
 */

const SUBJECT = "inbox_item";

/** sha256 of the exact text (no normalisation: what is approved is byte for byte what is sent). */
export function replyTextHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export const REPLY_ERRORS = {
  replied: "inbox_reply.replied",
  changed: "inbox_reply.changed",
  itemDeleted: "inbox_reply.item_deleted",
  blocked: "inbox_reply.blocked",
  notPending: "inbox_reply.not_pending",
  legalLane: "inbox_reply.legal_lane",
  textChanged: "inbox_reply.text_changed",
  notEditable: "inbox_reply.not_editable",
} as const;

/** Items the viewer may see: DMs only with inbox.read_dm. */
export function visibleItem(viewer: Viewer, itemId: string): SQL {
  const base = eq(inboxItems.id, itemId);
  return viewer.permissions.has("inbox.read_dm") ? base : and(base, sql`${inboxItems.kind} <> 'dm'`)!;
}

/** The columns a connector's ChannelRef is read from (never the secret: only its reference). */
export const CHANNEL_REF = {
  id: channels.id,
  platform: channels.platform,
  handle: channels.handle,
  connector: channels.connector,
  externalAccountId: channels.externalAccountId,
  credentialsRef: channels.credentialsRef,
};

const itemColumns = {
  id: inboxItems.id,
  channelId: inboxItems.channelId,
  brandId: sql<string>`coalesce(${inboxItems.brandId}, ${channels.brandId})`,
  platform: inboxItems.platform,
  externalId: inboxItems.externalId,
  kind: inboxItems.kind,
  threadKey: inboxItems.threadKey,
  authorExternalId: inboxItems.authorExternalId,
  authorHandle: inboxItems.authorHandle,
  authorName: inboxItems.authorName,
  text: inboxItems.text,
  riskScore: inboxItems.riskScore,
  status: inboxItems.status,
  version: inboxItems.version,
  deletedAt: inboxItems.deletedAt,
  hiddenAt: inboxItems.hiddenAt,
};

/** The item row locked for the rest of the transaction; NOT_FOUND when not visible. */
export async function lockVisibleItem(tx: Tx, viewer: Viewer, itemId: string) {
  const [row] = await tx
    .select(itemColumns)
    .from(inboxItems)
    .innerJoin(channels, eq(channels.id, inboxItems.channelId))
    .where(visibleItem(viewer, itemId))
    .for("update", { of: inboxItems })
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** The newest reply of an item (any state: a pending or rejected one is still someone's answer in progress). */
export async function lastReplyId(tx: Tx, itemId: string): Promise<string | null> {
  const [row] = await tx.select({ id: replies.id }).from(replies).where(eq(replies.inboxItemId, itemId)).orderBy(desc(replies.createdAt), desc(replies.id)).limit(1);
  return row?.id ?? null;
}

/** inbox_policy "thresholds".approvalRisk (the manager's policy; its default when unset or unreadable). */
export async function approvalThreshold(tx: Tx): Promise<number> {
  const rows = await tx.select({ key: inboxPolicy.key, value: inboxPolicy.value }).from(inboxPolicy).where(eq(inboxPolicy.key, "thresholds"));
  return policyFromRows(rows).thresholds.approvalRisk;
}

async function openEscalationRoles(tx: Tx, itemId: string): Promise<string[]> {
  const rows = await tx.select({ role: escalations.toRole }).from(escalations).where(and(eq(escalations.inboxItemId, itemId), isNull(escalations.resolvedAt)));
  return rows.map((r) => r.role);
}

// ── Reading ──

export type ReplyDto = {
  id: string;
  text: string;
  textHash: string;
  state: "draft" | "pending_approval" | "approved" | "rejected" | "sending" | "sent" | "failed" | "held" | "needs_check";
  authorId: string;
  authorName: string | null;
  isMine: boolean;
  approvalRole: ApprovalRole | null;
  approvalReason: string | null;
  rejectionReason: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  errorCode: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

const decider = alias(users, "decider");

async function repliesOf(tx: Tx, viewer: Viewer, itemId: string): Promise<ReplyDto[]> {
  const rows = await tx
    .select({
      id: replies.id,
      text: replies.text,
      state: replies.state,
      authorId: replies.authorId,
      authorName: users.name,
      approvalRole: replies.approvalRole,
      approvalReason: replies.approvalReason,
      rejectionReason: replies.rejectionReason,
      decidedByName: decider.name,
      decidedAt: replies.decidedAt,
      errorCode: replies.errorCode,
      createdAt: replies.createdAt,
      sentAt: replies.sentAt,
    })
    .from(replies)
    .leftJoin(users, eq(users.id, replies.authorId))
    .leftJoin(decider, eq(decider.id, replies.decidedById))
    .where(eq(replies.inboxItemId, itemId))
    .orderBy(asc(replies.createdAt), asc(replies.id))
    .limit(200);
  return rows.map((r) => ({ ...r, textHash: replyTextHash(r.text), isMine: r.authorId === viewer.id }));
}

export type ReplyComposerContext = {
  itemId: string;
  kind: "comment" | "dm" | "mention" | "review";
  platform: Platform;
  brandId: string | null;
  version: number;
  lastReplyId: string | null;
  isDeleted: boolean;
  canReply: boolean;
  canModerate: boolean;
  isHidden: boolean;
  replies: ReplyDto[];
  /** What an answer would need now, before the reply's own risk is known (the composer adds that live). */
  openEscalations: string[];
  itemRisk: number;
  approvalThreshold: number;
  lexicon: RiskTerm[];
  rules: BrandRule[];
  templateValues: { name: string | null; handle: string | null; date: string; agent: string; brand: string | null };
};

/** inbox.read — what the composer on the thread view needs: replies so far, checks config, variables. NOT_FOUND when invisible. */
export async function getReplyComposer(viewer: Viewer, itemId: unknown): Promise<ReplyComposerContext> {
  authorize(viewer, "inbox.read");
  const id = z.uuid().safeParse(itemId);
  if (!id.success) throw new AppError("NOT_FOUND");
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ ...itemColumns, brandName: brands.name })
      .from(inboxItems)
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .leftJoin(brands, eq(brands.id, sql`coalesce(${inboxItems.brandId}, ${channels.brandId})`))
      .where(visibleItem(viewer, id.data))
      .limit(1);
    if (!item) throw new AppError("NOT_FOUND");
    const [list, ctx, esc, threshold] = [
      await repliesOf(tx, viewer, item.id),
      await loadCheckContext(tx, item.brandId),
      await openEscalationRoles(tx, item.id),
      await approvalThreshold(tx),
    ];
    return {
      itemId: item.id,
      kind: item.kind,
      platform: item.platform,
      brandId: item.brandId,
      version: item.version,
      lastReplyId: list.at(-1)?.id ?? null,
      isDeleted: item.deletedAt !== null,
      isHidden: item.hiddenAt !== null,
      canReply: viewer.permissions.has("inbox.reply") && item.deletedAt === null,
      canModerate: viewer.permissions.has("inbox.moderate") && item.kind === "comment" && item.deletedAt === null,
      replies: list,
      openEscalations: esc,
      itemRisk: item.riskScore,
      approvalThreshold: threshold,
      lexicon: ctx.lexicon,
      rules: ctx.rules,
      templateValues: {
        name: item.authorName,
        handle: item.authorHandle,
        date: templateDate(new Date(), viewer.locale, viewer.timeZone),
        agent: viewer.name,
        brand: item.brandName ?? null,
      },
    };
  });
}

/** inbox.read — the item's version, newest reply and reply states (polled by the composer with presence). */
export async function getReplyState(tx: Tx, viewer: Viewer, itemId: string): Promise<{ version: number; lastReplyId: string | null; replies: ReplyDto[] }> {
  const [item] = await tx.select({ version: inboxItems.version }).from(inboxItems).where(visibleItem(viewer, itemId)).limit(1);
  if (!item) throw new AppError("NOT_FOUND");
  const list = await repliesOf(tx, viewer, itemId);
  return { version: item.version, lastReplyId: list.at(-1)?.id ?? null, replies: list };
}

// ── Sending ──

const text = z
  .string()
  .max(REPLY_TEXT_MAX)
  .refine((t) => t.trim().length > 0, "required");

export const sendReplySchema = z.strictObject({
  itemId: z.uuid(),
  text,
  baseVersion: z.number().int().min(1).max(2_147_483_647),
  lastSeenReplyId: z.uuid().nullable(),
  savedReplyId: z.uuid().nullish(),
});
export type SendReplyInput = z.input<typeof sendReplySchema>;

function blockedError(checks: ReplyChecks): AppError {
  return new AppError("VALIDATION", REPLY_ERRORS.blocked, { text: checks.findings.filter((f) => f.severity === "blocking").map((f) => f.code) });
}

async function requireApproval(tx: Tx, item: { id: string; riskScore: number }, risk: number) {
  return approvalRequirement({ openEscalations: await openEscalationRoles(tx, item.id), itemRisk: item.riskScore, replyRisk: risk, threshold: await approvalThreshold(tx) });
}

async function askLegal(tx: Tx, viewer: Viewer, replyId: string, replyText: string, item: Awaited<ReturnType<typeof lockVisibleItem>>) {
  const hash = replyTextHash(replyText);
  const excerpt = replyText.length > 60 ? `${replyText.slice(0, 59)}…` : replyText;
  const r = await requestLegalReview(tx, {
    subjectKind: "reply",
    subjectId: replyId,
    title: excerpt,
    subjectHash: hash,
    snapshot: {
      replyText,
      inboxItem: { id: item.id, kind: item.kind, platform: item.platform, text: item.text, authorHandle: item.authorHandle, authorName: item.authorName, riskScore: item.riskScore },
    },
    requestedById: viewer.id,
    brandId: item.brandId,
    channelId: item.channelId,
    actorLabel: viewer.name,
  });
  return r.id;
}

async function notifyApprovers(tx: Tx, role: ApprovalRole, params: { excerpt: string; replyId: string }, authorId: string) {
  if (role === "legal") return; // requestLegalReview notifies Legal itself.
  const base = { kind: "reply.approval_requested" as const, params: { excerpt: params.excerpt }, excludeUserIds: [authorId], dedupeKey: `reply-approval:${params.replyId}:${Date.now()}` };
  // Each approver gets a link into a workspace they can open (both hold inbox.approve_reply).
  if (role === "pr") await notify(tx, { ...base, permission: "workspace.pr", link: "/pr#reply-approvals" });
  await notify(tx, { ...base, permission: "workspace.manager", link: "/manager#reply-approvals" });
}

/**
 * inbox.reply (+ inbox.read_dm for a DM) — stores a reply to send. CONFLICT (nothing stored) when
 * someone replied or the item changed since the agent loaded it; VALIDATION when a check blocks.
 * Without approval it is queued for the sender at once; otherwise it waits for PR / manager /
 * Legal. Audited; bumps the item's version.
 */
export async function sendReply(viewer: Viewer, input: unknown): Promise<{ replyId: string; state: "approved" | "pending_approval"; approvalRole: ApprovalRole | null; version: number }> {
  authorize(viewer, "inbox.reply");
  const p = parseInput(sendReplySchema, input);
  return db.transaction(async (tx) => {
    const item = await lockVisibleItem(tx, viewer, p.itemId);
    if (item.deletedAt) throw new AppError("CONFLICT", REPLY_ERRORS.itemDeleted);
    const clash = collision({ baseVersion: p.baseVersion, currentVersion: item.version, lastSeenReplyId: p.lastSeenReplyId, currentLastReplyId: await lastReplyId(tx, item.id) });
    if (clash) throw new AppError("CONFLICT", clash === "replied" ? REPLY_ERRORS.replied : REPLY_ERRORS.changed);
    const ctx = await loadCheckContext(tx, item.brandId);
    const checks = checkReply({ platform: item.platform, text: p.text, brandId: item.brandId, lexicon: ctx.lexicon, rules: ctx.rules });
    if (checks.blocking) throw blockedError(checks);
    const need = await requireApproval(tx, item, checks.risk.score);
    const hash = replyTextHash(p.text);
    const replyId = crypto.randomUUID();
    await tx.insert(replies).values({
      id: replyId,
      inboxItemId: item.id,
      authorId: viewer.id,
      text: p.text,
      state: need ? "pending_approval" : "approved",
      approvalRole: need?.role ?? null,
      approvalReason: need?.reason ?? null,
      approvedHash: need ? null : hash,
      baseVersion: p.baseVersion,
    });
    if (need?.role === "legal") {
      const reviewId = await askLegal(tx, viewer, replyId, p.text, item);
      await tx.update(replies).set({ legalReviewId: reviewId }).where(eq(replies.id, replyId));
    }
    const [bumped] = await tx
      .update(inboxItems)
      .set({ version: sql`${inboxItems.version} + 1`, updatedAt: new Date() })
      .where(eq(inboxItems.id, item.id))
      .returning({ version: inboxItems.version });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox.reply_submitted",
      subjectType: SUBJECT,
      subjectId: item.id,
      data: { replyId, textHash: hash, riskScore: checks.risk.score, approvalRole: need?.role ?? null, approvalReason: need?.reason ?? null, savedReplyId: p.savedReplyId ?? null },
      requestId: viewer.requestId,
    });
    if (need) await notifyApprovers(tx, need.role, { excerpt: p.text.slice(0, 140), replyId }, viewer.id);
    return { replyId, state: need ? "pending_approval" : "approved", approvalRole: need?.role ?? null, version: bumped!.version } as const;
  });
}

export const editReplySchema = z.strictObject({ replyId: z.uuid(), text });

/**
 * inbox.reply — the author changes a reply that has not gone out (pending, rejected, approved and
 * not yet claimed, held, failed). Any approval is void: it needs approval again (Legal gets the new
 * text; its review of the old text is withdrawn). CONFLICT once it is sending or sent. Audited.
 */
export async function editReply(viewer: Viewer, input: unknown): Promise<{ state: "approved" | "pending_approval"; approvalRole: ApprovalRole | null }> {
  authorize(viewer, "inbox.reply");
  const p = parseInput(editReplySchema, input);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: replies.id, itemId: replies.inboxItemId, authorId: replies.authorId, text: replies.text, state: replies.state, approvalRole: replies.approvalRole })
      .from(replies)
      .where(eq(replies.id, p.replyId))
      .for("update");
    if (!r) throw new AppError("NOT_FOUND");
    const item = await lockVisibleItem(tx, viewer, r.itemId);
    if (r.authorId !== viewer.id) throw new AppError("FORBIDDEN");
    if (!["pending_approval", "rejected", "approved", "held", "failed"].includes(r.state)) throw new AppError("CONFLICT", REPLY_ERRORS.notEditable);
    if (item.deletedAt) throw new AppError("CONFLICT", REPLY_ERRORS.itemDeleted);
    const ctx = await loadCheckContext(tx, item.brandId);
    const checks = checkReply({ platform: item.platform, text: p.text, brandId: item.brandId, lexicon: ctx.lexicon, rules: ctx.rules });
    if (checks.blocking) throw blockedError(checks);
    const need = (await requireApproval(tx, item, checks.risk.score)) ?? (r.approvalRole ? { role: r.approvalRole, reason: "edited" as const } : null);
    const hash = replyTextHash(p.text);
    await tx
      .update(replies)
      .set({
        text: p.text,
        state: need ? "pending_approval" : "approved",
        approvalRole: need?.role ?? null,
        approvalReason: need?.reason ?? null,
        approvedHash: need ? null : hash,
        approvedById: null,
        decidedById: null,
        decidedAt: null,
        rejectionReason: null,
        heldCrisisId: null,
        errorCode: null,
        error: null,
        nextAttemptAt: null,
        updatedAt: new Date(),
      })
      .where(eq(replies.id, r.id));
    if (need?.role === "legal") {
      const reviewId = await askLegal(tx, viewer, r.id, p.text, item);
      await tx.update(replies).set({ legalReviewId: reviewId }).where(eq(replies.id, r.id));
    }
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox.reply_edited",
      subjectType: SUBJECT,
      subjectId: item.id,
      data: { replyId: r.id, previousHash: replyTextHash(r.text), textHash: hash, previousState: r.state, approvalRole: need?.role ?? null },
      requestId: viewer.requestId,
    });
    if (need) await notifyApprovers(tx, need.role, { excerpt: p.text.slice(0, 140), replyId: r.id }, viewer.id);
    return { state: need ? "pending_approval" : "approved", approvalRole: need?.role ?? null } as const;
  });
}

// ── Approving ──

export const decideReplySchema = z.discriminatedUnion("decision", [
  z.strictObject({ replyId: z.uuid(), decision: z.literal("approve"), textHash: z.string().regex(/^[0-9a-f]{64}$/), reason: z.string().trim().max(2000).optional() }),
  z.strictObject({ replyId: z.uuid(), decision: z.literal("reject"), textHash: z.string().regex(/^[0-9a-f]{64}$/), reason: z.string().trim().min(1).max(2000) }),
]);
export type DecideReplyInput = z.input<typeof decideReplySchema>;

/**
 * inbox.approve_reply — approves or rejects (reason required) a pending reply in the PR / manager
 * lane, bound to the text the approver saw (textHash). Legal-lane replies are decided in the legal
 * queue (CONFLICT here). Nobody approves their own reply. The author is notified. Audited.
 */
export async function decideReply(viewer: Viewer, input: unknown): Promise<{ state: "approved" | "rejected" }> {
  authorize(viewer, "inbox.approve_reply");
  const p = parseInput(decideReplySchema, input);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: replies.id, itemId: replies.inboxItemId, authorId: replies.authorId, text: replies.text, state: replies.state, approvalRole: replies.approvalRole })
      .from(replies)
      .where(eq(replies.id, p.replyId))
      .for("update");
    if (!r) throw new AppError("NOT_FOUND");
    const [visible] = await tx.select({ id: inboxItems.id }).from(inboxItems).where(visibleItem(viewer, r.itemId));
    if (!visible) throw new AppError("NOT_FOUND");
    if (r.authorId === viewer.id) throw new AppError("FORBIDDEN", "inbox_reply.own_reply");
    if (r.state !== "pending_approval") throw new AppError("CONFLICT", REPLY_ERRORS.notPending);
    if (r.approvalRole === "legal") throw new AppError("CONFLICT", REPLY_ERRORS.legalLane);
    const hash = replyTextHash(r.text);
    if (hash !== p.textHash) throw new AppError("CONFLICT", REPLY_ERRORS.textChanged);
    const now = new Date();
    const approve = p.decision === "approve";
    await tx
      .update(replies)
      .set(
        approve
          ? { state: "approved", approvedHash: hash, approvedById: viewer.id, decidedById: viewer.id, decidedAt: now, updatedAt: now }
          : { state: "rejected", rejectionReason: p.reason, decidedById: viewer.id, decidedAt: now, updatedAt: now },
      )
      .where(eq(replies.id, r.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: approve ? "inbox.reply_approved" : "inbox.reply_rejected",
      subjectType: SUBJECT,
      subjectId: r.itemId,
      data: { replyId: r.id, textHash: hash, lane: r.approvalRole, ...(p.reason ? { reason: p.reason } : {}) },
      requestId: viewer.requestId,
    });
    await notify(tx, {
      userIds: [r.authorId],
      kind: "reply.decided",
      params: { decision: p.decision, reason: p.reason ?? null, excerpt: r.text.slice(0, 140), deciderName: viewer.name },
      link: `/community/items/${r.itemId}`,
      dedupeKey: `reply-decided:${r.id}:${hash.slice(0, 16)}`,
    });
    return { state: approve ? "approved" : "rejected" } as const;
  });
}

export type ReplyApprovalDto = {
  replyId: string;
  itemId: string;
  text: string;
  textHash: string;
  approvalRole: ApprovalRole;
  approvalReason: string | null;
  authorName: string | null;
  isMine: boolean;
  createdAt: Date;
  item: { kind: "comment" | "dm" | "mention" | "review"; platform: Platform; channelName: string; authorName: string | null; authorHandle: string | null; text: string; riskScore: number };
};

/** inbox.approve_reply — replies waiting for PR / manager approval (oldest first), on items the viewer may see. */
export async function listReplyApprovals(viewer: Viewer, o: { limit?: number } = {}): Promise<{ items: ReplyApprovalDto[]; total: number }> {
  authorize(viewer, "inbox.approve_reply");
  const where = and(
    eq(replies.state, "pending_approval"),
    inArray(replies.approvalRole, ["pr", "manager"]),
    viewer.permissions.has("inbox.read_dm") ? undefined : sql`${inboxItems.kind} <> 'dm'`,
  );
  const limit = Math.min(Math.max(o.limit ?? 20, 1), 100);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        replyId: replies.id,
        itemId: replies.inboxItemId,
        text: replies.text,
        approvalRole: replies.approvalRole,
        approvalReason: replies.approvalReason,
        authorId: replies.authorId,
        authorName: users.name,
        createdAt: replies.createdAt,
        kind: inboxItems.kind,
        platform: inboxItems.platform,
        channelName: channels.displayName,
        itemAuthorName: inboxItems.authorName,
        itemAuthorHandle: inboxItems.authorHandle,
        itemText: inboxItems.text,
        riskScore: inboxItems.riskScore,
      })
      .from(replies)
      .innerJoin(inboxItems, eq(inboxItems.id, replies.inboxItemId))
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .leftJoin(users, eq(users.id, replies.authorId))
      .where(where)
      .orderBy(asc(replies.createdAt))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(replies)
      .innerJoin(inboxItems, eq(inboxItems.id, replies.inboxItemId))
      .where(where),
  ]);
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      replyId: r.replyId,
      itemId: r.itemId,
      text: r.text,
      textHash: replyTextHash(r.text),
      approvalRole: r.approvalRole as ApprovalRole,
      approvalReason: r.approvalReason,
      authorName: r.authorName,
      isMine: r.authorId === viewer.id,
      createdAt: r.createdAt,
      item: { kind: r.kind, platform: r.platform, channelName: r.channelName, authorName: r.itemAuthorName, authorHandle: r.itemAuthorHandle, text: r.itemText, riskScore: r.riskScore },
    })),
  };
}


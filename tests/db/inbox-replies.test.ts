/**
 * Inbox replies on real PostgreSQL: sending with collision safety (two agents at once → exactly
 * one reply, the other CONFLICT), approval bound to the exact text (PR / manager lane here, Legal
 * through legal_reviews), the sender's claim → call → complete against the sandbox network
 * (exactly once, reconciliation of unknown outcomes, retries, failures), crisis holds, moderation
 * with legal holds, saved replies and presence — per role, with audit rows, and bad input
 * changing nothing.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { brandRules, escalations, inboxItems, legalReviews, moderationActions, notifications, presence, replies, savedReplies } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { createInboxItem } from "@/db/seed/inbox-factories";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { decideReply, editReply, getReplyComposer, listReplyApprovals, replyTextHash, sendReply } from "@/lib/dal/inbox-replies";
import { claimReply } from "@/lib/dal/inbox-replies-sender";
import { requestModeration, listModeration } from "@/lib/dal/inbox-moderation";
import { createSavedReply, deleteSavedReply, listSavedReplies, updateSavedReply } from "@/lib/dal/saved-replies";
import { beatPresence, getItemPresence } from "@/lib/dal/presence";
import { startCrisis, endCrisis } from "@/lib/dal/crisis-mode";
import { placeHold, releaseHold } from "@/lib/dal/legal-holds";
import { clearSandboxFaults, injectSandboxFault, sandboxCommentState, sandboxRepliesTo } from "@/lib/dal/sandbox-network";
import { moderateJob, sendReplyJob } from "@/lib/jobs/inbox-replies";
import { auditCount, lastAudit, ROLES, viewerWith, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
let CM2: Viewer;
const db = () => getDb();
const WHO = [...ROLES, "none"] as const;
const log = () => {};

beforeAll(async () => {
  process.env.SANDBOX_LATENCY_MS = "5";
  process.env.REPLY_TIMEOUT_MS = "500";
  await seedOrganisation(db());
  V = await viewersByRole();
  CM2 = await viewerWith(["community_manager"], { name: "二人目のCM" });
});
beforeEach(async () => {
  await clearSandboxFaults();
});

async function expectAppError(p: Promise<unknown>, code: string, message?: string | RegExp): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (typeof message === "string") expect((err as AppError).message).toBe(message);
  else if (message) expect((err as AppError).message).toMatch(message);
  return err as AppError;
}

async function item(o: Partial<Parameters<typeof createInboxItem>[1]> = {}) {
  const r = await createInboxItem(db(), { channelId: CHANNEL_IDS.cafeX, brandId: BRAND_IDS.cafe, platform: "x", riskScore: 10, ...o });
  return r;
}
async function itemRow(id: string) {
  const [r] = await db().select().from(inboxItems).where(eq(inboxItems.id, id));
  return r!;
}
async function replyRow(id: string) {
  const [r] = await db().select().from(replies).where(eq(replies.id, id));
  return r!;
}
async function replyCount(itemId: string) {
  const [r] = await db().select({ n: sql<number>`count(*)::int` }).from(replies).where(eq(replies.inboxItemId, itemId));
  return r!.n;
}
/** What the agent sees on load: the item version and its newest reply. */
async function view(viewer: Viewer, itemId: string) {
  const c = await getReplyComposer(viewer, itemId);
  return { baseVersion: c.version, lastSeenReplyId: c.lastReplyId };
}
async function escalate(itemId: string, toRole: "pr" | "legal" | "social_media_manager") {
  await db().insert(escalations).values({ inboxItemId: itemId, toRole, reason: "要確認", createdById: V.community_manager.id });
  await db().update(inboxItems).set({ status: "escalated", version: sql`${inboxItems.version} + 1` }).where(eq(inboxItems.id, itemId));
}

describe("sendReply per role", () => {
  it.each(WHO)("%s: only inbox.reply holders send; audited; the item version moves", async (who) => {
    const it0 = await item();
    const before = await itemRow(it0.id);
    const input = { itemId: it0.id, text: "お問い合わせありがとうございます。", baseVersion: before.version, lastSeenReplyId: null };
    const allowed = who !== "none" && roleHas(who, "inbox.reply");
    if (!allowed) {
      const audits = await auditCount();
      await expectAppError(sendReply(V[who], input), "FORBIDDEN");
      expect(await replyCount(it0.id)).toBe(0);
      expect(await auditCount()).toBe(audits);
      return;
    }
    const r = await sendReply(V[who], input);
    expect(r).toMatchObject({ state: "approved", approvalRole: null, version: before.version + 1 });
    const row = await replyRow(r.replyId);
    expect(row).toMatchObject({ authorId: V[who].id, text: input.text, approvedHash: replyTextHash(input.text), baseVersion: before.version });
    const a = await lastAudit();
    expect(a).toMatchObject({ action: "inbox.reply_submitted", subjectType: "inbox_item", subjectId: it0.id, actorId: V[who].id });
    expect((a!.data as { replyId: string }).replyId).toBe(r.replyId);
  });

  it("NOT_FOUND for an item that does not exist or a malformed id", async () => {
    await expectAppError(sendReply(V.community_manager, { itemId: "00000000-0000-4000-8000-000000000999", text: "x", baseVersion: 1, lastSeenReplyId: null }), "NOT_FOUND");
  });

  it("bad input changes nothing: empty, too long, bad version, unknown keys, banned term, unfilled variable", async () => {
    const it0 = await item();
    const v = await view(V.community_manager, it0.id);
    await db().insert(brandRules).values({ brandId: BRAND_IDS.cafe, kind: "banned_term", term: "絶対に治る" });
    const audits = await auditCount();
    const bad: unknown[] = [
      { itemId: it0.id, text: "   ", ...v },
      { itemId: it0.id, text: "あ".repeat(2001), ...v },
      { itemId: it0.id, text: "ok", baseVersion: 0, lastSeenReplyId: null },
      { itemId: it0.id, text: "ok", baseVersion: "1", lastSeenReplyId: null },
      { itemId: it0.id, text: "ok", ...v, approvedBy: "me" },
      { itemId: "not-a-uuid", text: "ok", ...v },
      "not an object",
    ];
    for (const input of bad) await expectAppError(sendReply(V.community_manager, input), "VALIDATION");
    const banned = await expectAppError(sendReply(V.community_manager, { itemId: it0.id, text: "この商品で絶対に治るとは申し上げられません", ...v }), "VALIDATION", "inbox_reply.blocked");
    expect(banned.fieldErrors?.text).toContain("banned_term");
    const unfilled = await expectAppError(sendReply(V.community_manager, { itemId: it0.id, text: "{{name}}様、ありがとうございます", ...v }), "VALIDATION");
    expect(unfilled.fieldErrors?.text).toContain("unfilled_variable");
    expect(await replyCount(it0.id)).toBe(0);
    expect(await auditCount()).toBe(audits);
    expect((await itemRow(it0.id)).version).toBe(v.baseVersion);
    await db().delete(brandRules).where(eq(brandRules.term, "絶対に治る"));
  });
});

describe("collision safety", () => {
  it("a stale item version → CONFLICT changed; a reply since load → CONFLICT replied; nothing stored", async () => {
    const it0 = await item();
    const v = await view(V.community_manager, it0.id);
    await db().update(inboxItems).set({ version: sql`${inboxItems.version} + 1` }).where(eq(inboxItems.id, it0.id)); // e.g. reassigned
    await expectAppError(sendReply(V.community_manager, { itemId: it0.id, text: "A", ...v }), "CONFLICT", "inbox_reply.changed");
    const v2 = await view(CM2, it0.id);
    await sendReply(CM2, { itemId: it0.id, text: "B", ...v2 });
    // The first agent refreshed the version only (not the replies): still a conflict, by the reply.
    await expectAppError(sendReply(V.community_manager, { itemId: it0.id, text: "A", baseVersion: (await itemRow(it0.id)).version, lastSeenReplyId: null }), "CONFLICT", "inbox_reply.replied");
    expect(await replyCount(it0.id)).toBe(1);
  });

  it("two agents send at the same moment → exactly one reply stored and sent, the other CONFLICT", async () => {
    for (let round = 0; round < 5; round++) {
      const it0 = await item();
      const [a, b] = await Promise.all([view(V.community_manager, it0.id), view(CM2, it0.id)]);
      const results = await Promise.allSettled([
        sendReply(V.community_manager, { itemId: it0.id, text: "担当Aの返信", ...a }),
        sendReply(CM2, { itemId: it0.id, text: "担当Bの返信", ...b }),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reason).toBeInstanceOf(AppError);
      expect((failed[0]!.reason as AppError).code).toBe("CONFLICT");
      expect(await replyCount(it0.id)).toBe(1);
      // Many workers racing on the stored reply: it reaches the network once.
      const replyId = (ok[0] as PromiseFulfilledResult<{ replyId: string }>).value.replyId;
      await Promise.all([1, 2, 3, 4].map((n) => sendReplyJob(replyId, `w${n}`, log)));
      const it1 = await itemRow(it0.id);
      expect(await sandboxRepliesTo(CHANNEL_IDS.cafeX, it1.externalId)).toHaveLength(1);
      expect((await replyRow(replyId)).state).toBe("sent");
    }
  });
});

describe("sending through the sandbox network", () => {
  it("sent: on the network as a reply to the comment, first response set once, item waiting, audited", async () => {
    const it0 = await item({ status: "assigned", assigneeId: V.community_manager.id });
    const r1 = await sendReply(V.community_manager, { itemId: it0.id, text: "確認いたします。", ...(await view(V.community_manager, it0.id)) });
    expect(await sendReplyJob(r1.replyId, "w1", log)).toBe("sent");
    const row = await replyRow(r1.replyId);
    expect(row).toMatchObject({ state: "sent", attempts: 1 });
    expect(row.externalId).toMatch(/^sbx_/);
    const net = await sandboxRepliesTo(CHANNEL_IDS.cafeX, it0.externalId);
    expect(net).toEqual([expect.objectContaining({ externalId: row.externalId, text: "確認いたします。" })]);
    const after = await itemRow(it0.id);
    expect(after.status).toBe("waiting");
    expect(after.firstResponseAt).toBeInstanceOf(Date);
    expect(await lastAudit()).toMatchObject({ action: "inbox.reply_sent", actorId: null, subjectId: it0.id });
    const r2 = await sendReply(V.community_manager, { itemId: it0.id, text: "追記です。", ...(await view(V.community_manager, it0.id)) });
    await sendReplyJob(r2.replyId, "w1", log);
    expect((await itemRow(it0.id)).firstResponseAt!.getTime()).toBe(after.firstResponseAt!.getTime());
  });

  it("a DM answer goes out privately (not on the public timeline)", async () => {
    const dm = await item({ kind: "dm", authorExternalId: "user-42" });
    const r = await sendReply(V.community_manager, { itemId: dm.id, text: "DMにてご連絡いたします。", ...(await view(V.community_manager, dm.id)) });
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("sent");
    const [row] = await db().execute<{ is_direct: boolean }>(sql`select is_direct from sandbox_posts where in_reply_to = ${dm.externalId}`);
    expect(row?.is_direct).toBe(true);
  });

  it("succeeded but the answer was lost → reconciled, still exactly one on the network", async () => {
    const it0 = await item();
    const r = await sendReply(V.community_manager, { itemId: it0.id, text: "タイムアウトしても一度だけ", ...(await view(V.community_manager, it0.id)) });
    await injectSandboxFault("succeed_timeout", { channelId: CHANNEL_IDS.cafeX });
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("sent");
    expect(await sandboxRepliesTo(CHANNEL_IDS.cafeX, it0.externalId)).toHaveLength(1);
    expect(await lastAudit()).toMatchObject({ action: "inbox.reply_sent" });
    expect((((await lastAudit())!.data) as { via: string }).via).toBe("reconcile");
  });

  it("503 → retried later with the same key; a refusal → failed and the author is told", async () => {
    const it0 = await item();
    const r = await sendReply(V.community_manager, { itemId: it0.id, text: "再送テスト", ...(await view(V.community_manager, it0.id)) });
    await injectSandboxFault("unavailable", { channelId: CHANNEL_IDS.cafeX });
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("approved");
    const row = await replyRow(r.replyId);
    expect(row.errorCode).toBe("unavailable");
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await claimReply(r.replyId, "w2")).toEqual({ kind: "skipped", reason: "not_ready" }); // not due yet
    await db().update(replies).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(replies.id, r.replyId));
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("sent");
    expect(await sandboxRepliesTo(CHANNEL_IDS.cafeX, it0.externalId)).toHaveLength(1);

    const it1 = await item();
    const r2 = await sendReply(V.community_manager, { itemId: it1.id, text: "拒否される返信", ...(await view(V.community_manager, it1.id)) });
    await injectSandboxFault("reject", { channelId: CHANNEL_IDS.cafeX });
    expect(await sendReplyJob(r2.replyId, "w1", log)).toBe("failed");
    const [n] = await db().select().from(notifications).where(and(eq(notifications.userId, V.community_manager.id), eq(notifications.kind, "reply.failed"))).orderBy(sql`created_at desc`).limit(1);
    expect(n?.link).toBe(`/community/items/${it1.id}`);
    expect((await itemRow(it1.id)).firstResponseAt).toBeNull();
  });

  it("a text changed behind the approval is not sent (approval void)", async () => {
    const it0 = await item();
    const r = await sendReply(V.community_manager, { itemId: it0.id, text: "元の文", ...(await view(V.community_manager, it0.id)) });
    await db().update(replies).set({ text: "書き換えた文" }).where(eq(replies.id, r.replyId));
    expect(await claimReply(r.replyId, "w1")).toEqual({ kind: "skipped", reason: "approval_void" });
    expect((await replyRow(r.replyId)).state).toBe("pending_approval");
    expect(await sandboxRepliesTo(CHANNEL_IDS.cafeX, it0.externalId)).toHaveLength(0);
  });
});

describe("approval (PR / manager lane)", () => {
  it("escalated to PR → pending; only inbox.approve_reply holders decide; bound to the text; edit voids it", async () => {
    const it0 = await item();
    await escalate(it0.id, "pr");
    const r = await sendReply(V.community_manager, { itemId: it0.id, text: "ご不便をおかけし申し訳ございません。", ...(await view(V.community_manager, it0.id)) });
    expect(r).toMatchObject({ state: "pending_approval", approvalRole: "pr" });
    expect(await claimReply(r.replyId, "w1")).toMatchObject({ kind: "skipped" }); // nothing goes out unapproved
    const hash = replyTextHash("ご不便をおかけし申し訳ございません。");
    for (const who of WHO) {
      if (who !== "none" && roleHas(who, "inbox.approve_reply")) continue;
      await expectAppError(decideReply(V[who], { replyId: r.replyId, decision: "approve", textHash: hash }), "FORBIDDEN");
    }
    const queue = await listReplyApprovals(V.pr);
    expect(queue.items.map((i) => i.replyId)).toContain(r.replyId);
    await expectAppError(listReplyApprovals(V.community_manager), "FORBIDDEN");
    // The approver saw another text: refused.
    await expectAppError(decideReply(V.pr, { replyId: r.replyId, decision: "approve", textHash: replyTextHash("別の文") }), "CONFLICT", "inbox_reply.text_changed");
    await expectAppError(decideReply(V.pr, { replyId: r.replyId, decision: "reject", textHash: hash }), "VALIDATION");
    await decideReply(V.pr, { replyId: r.replyId, decision: "approve", textHash: hash });
    expect(await replyRow(r.replyId)).toMatchObject({ state: "approved", approvedHash: hash, approvedById: V.pr.id });
    expect(await lastAudit()).toMatchObject({ action: "inbox.reply_approved", actorId: V.pr.id });
    await expectAppError(decideReply(V.social_media_manager, { replyId: r.replyId, decision: "approve", textHash: hash }), "CONFLICT", "inbox_reply.not_pending");
    // Someone else cannot edit it; the author can, and the approval is void.
    await expectAppError(editReply(CM2, { replyId: r.replyId, text: "改" }), "FORBIDDEN");
    expect(await editReply(V.community_manager, { replyId: r.replyId, text: "ご不便をおかけし、誠に申し訳ございません。" })).toMatchObject({ state: "pending_approval", approvalRole: "pr" });
    expect(await replyRow(r.replyId)).toMatchObject({ state: "pending_approval", approvedHash: null, approvedById: null });
    expect(await claimReply(r.replyId, "w1")).toMatchObject({ kind: "skipped" });
    // The manager approves the new text; it goes out.
    await decideReply(V.social_media_manager, { replyId: r.replyId, decision: "approve", textHash: replyTextHash("ご不便をおかけし、誠に申し訳ございません。") });
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("sent");
    expect((await sandboxRepliesTo(CHANNEL_IDS.cafeX, it0.externalId))[0]?.text).toBe("ご不便をおかけし、誠に申し訳ございません。");
    await expectAppError(editReply(V.community_manager, { replyId: r.replyId, text: "送信後" }), "CONFLICT", "inbox_reply.not_editable");
  });

  it("a high-risk item needs PR; reject with a reason notifies the author; DM replies are invisible to approvers without DM access", async () => {
    const risky = await item({ riskScore: 85 });
    const r = await sendReply(V.community_manager, { itemId: risky.id, text: "事実関係を確認しております。", ...(await view(V.community_manager, risky.id)) });
    expect(r).toMatchObject({ state: "pending_approval", approvalRole: "pr" });
    await decideReply(V.pr, { replyId: r.replyId, decision: "reject", textHash: replyTextHash("事実関係を確認しております。"), reason: "謝罪の一文を入れてください" });
    expect(await replyRow(r.replyId)).toMatchObject({ state: "rejected", rejectionReason: "謝罪の一文を入れてください", decidedById: V.pr.id });
    const [n] = await db().select().from(notifications).where(and(eq(notifications.userId, V.community_manager.id), eq(notifications.kind, "reply.decided"))).orderBy(sql`created_at desc`).limit(1);
    expect(n?.link).toBe(`/community/items/${risky.id}`);
    expect(await lastAudit()).toMatchObject({ action: "inbox.reply_rejected", actorId: V.pr.id });

    const dm = await item({ kind: "dm", riskScore: 90 });
    const d = await sendReply(V.community_manager, { itemId: dm.id, text: "DMでの回答", ...(await view(V.community_manager, dm.id)) });
    await expectAppError(decideReply(V.social_media_manager, { replyId: d.replyId, decision: "approve", textHash: replyTextHash("DMでの回答") }), "NOT_FOUND");
    expect((await listReplyApprovals(V.social_media_manager)).items.map((i) => i.replyId)).not.toContain(d.replyId);
    expect((await listReplyApprovals(V.pr)).items.map((i) => i.replyId)).toContain(d.replyId);
  });
});

describe("approval (Legal lane, legal_reviews)", () => {
  it("escalated to Legal → a review of the exact text; PR cannot decide it; Legal's approval lets it go out; a new text withdraws the old review", async () => {
    const it0 = await item();
    await escalate(it0.id, "legal");
    const text = "法的な観点から回答を控えさせていただきます。";
    const r = await sendReply(V.community_manager, { itemId: it0.id, text, ...(await view(V.community_manager, it0.id)) });
    expect(r).toMatchObject({ state: "pending_approval", approvalRole: "legal" });
    const [rev] = await db().select().from(legalReviews).where(and(eq(legalReviews.subjectKind, "reply"), eq(legalReviews.subjectId, r.replyId)));
    expect(rev).toMatchObject({ subjectHash: replyTextHash(text), state: "open" });
    expect((rev!.snapshot as { replyText: string }).replyText).toBe(text);
    await expectAppError(decideReply(V.pr, { replyId: r.replyId, decision: "approve", textHash: replyTextHash(text) }), "CONFLICT", "inbox_reply.legal_lane");
    expect(await claimReply(r.replyId, "w1")).toEqual({ kind: "skipped", reason: "awaiting_approval" });
    // Legal edits → new review for the new text; the old one is withdrawn.
    const text2 = "個別の事案についての回答は控えさせていただきます。";
    await editReply(V.community_manager, { replyId: r.replyId, text: text2 });
    const reviews = await db().select({ state: legalReviews.state, hash: legalReviews.subjectHash, id: legalReviews.id }).from(legalReviews).where(eq(legalReviews.subjectId, r.replyId));
    expect(reviews.find((x) => x.hash === replyTextHash(text))?.state).toBe("withdrawn");
    const open = reviews.find((x) => x.hash === replyTextHash(text2))!;
    expect(open.state).toBe("open");
    // Legal decides (as the legal queue would), on the exact hash.
    await db().update(legalReviews).set({ state: "approved", decidedById: V.legal.id, decidedAt: new Date(), decisionHash: replyTextHash(text2) }).where(eq(legalReviews.id, open.id));
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("sent");
    expect(await replyRow(r.replyId)).toMatchObject({ state: "sent", approvedHash: replyTextHash(text2), approvedById: V.legal.id });
  });

  it("Legal's rejection rejects the reply with Legal's reason", async () => {
    const it0 = await item();
    await escalate(it0.id, "legal");
    const r = await sendReply(V.community_manager, { itemId: it0.id, text: "返金いたします。", ...(await view(V.community_manager, it0.id)) });
    await db().update(legalReviews).set({ state: "rejected", decidedById: V.legal.id, decidedAt: new Date(), decisionReason: "返金の約束はできません" }).where(eq(legalReviews.subjectId, r.replyId));
    expect(await claimReply(r.replyId, "w1")).toEqual({ kind: "rejected" });
    expect(await replyRow(r.replyId)).toMatchObject({ state: "rejected", rejectionReason: "返金の約束はできません" });
  });
});

describe("crisis mode holds replies in scope", () => {
  it("held while the crisis covers the channel; released and sent when it ends; other channels unaffected", async () => {
    const it0 = await item();
    const other = await item({ channelId: CHANNEL_IDS.foodsX, brandId: BRAND_IDS.foods });
    const crisis = await startCrisis(V.social_media_manager, { scope: "brand", brandId: BRAND_IDS.cafe, reason: "炎上対応中" });
    const r = await sendReply(V.community_manager, { itemId: it0.id, text: "危機対応中の返信", ...(await view(V.community_manager, it0.id)) });
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("held");
    expect(await replyRow(r.replyId)).toMatchObject({ state: "held", heldCrisisId: crisis.id });
    expect(await lastAudit()).toMatchObject({ action: "inbox.reply_held" });
    expect(await sandboxRepliesTo(CHANNEL_IDS.cafeX, it0.externalId)).toHaveLength(0);
    const o = await sendReply(V.community_manager, { itemId: other.id, text: "別ブランド", ...(await view(V.community_manager, other.id)) });
    expect(await sendReplyJob(o.replyId, "w1", log)).toBe("sent");
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("held"); // still in crisis
    await endCrisis(V.social_media_manager, { crisisId: crisis.id, reason: "収束" });
    expect(await sendReplyJob(r.replyId, "w1", log)).toBe("sent");
    expect(await sandboxRepliesTo(CHANNEL_IDS.cafeX, it0.externalId)).toHaveLength(1);
  });
});

describe("moderation", () => {
  it.each(WHO)("%s: only inbox.moderate holders hide a comment", async (who) => {
    const it0 = await item();
    const allowed = who !== "none" && roleHas(who, "inbox.moderate");
    if (!allowed) {
      await expectAppError(requestModeration(V[who], { itemId: it0.id, action: "hide", reason: "スパム" }), "FORBIDDEN");
      return;
    }
    const m = await requestModeration(V[who], { itemId: it0.id, action: "hide", reason: "スパム" });
    expect(await lastAudit()).toMatchObject({ action: "inbox.moderation_requested", actorId: V[who].id, subjectId: it0.id });
    expect(await moderateJob(m.id, log)).toBe("done");
    expect(await itemRow(it0.id)).toMatchObject({ status: "hidden", hiddenReason: "スパム", hiddenById: V[who].id });
    expect(await sandboxCommentState(CHANNEL_IDS.cafeX, it0.externalId)).toBe("hidden");
    expect(await lastAudit()).toMatchObject({ action: "inbox.comment_hidden" });
    await expectAppError(requestModeration(V[who], { itemId: it0.id, action: "hide", reason: "again" }), "CONFLICT", "inbox_moderation.already");
    const u = await requestModeration(V[who], { itemId: it0.id, action: "unhide", reason: "誤判定" });
    expect(await moderateJob(u.id, log)).toBe("done");
    expect((await itemRow(it0.id)).hiddenAt).toBeNull();
    expect(await sandboxCommentState(CHANNEL_IDS.cafeX, it0.externalId)).toBe("live");
    expect((await listModeration(V[who], it0.id)).map((x) => x.action)).toEqual(["unhide", "hide"]);
  });

  it("delete refuses while a legal hold covers the thread or the author; a hold placed after the request stops the worker", async () => {
    const it0 = await item({ authorExternalId: "troll-7" });
    const hold = await placeHold(V.legal, { subjectKind: "inbox_thread", threadKey: (await itemRow(it0.id)).threadKey, reason: "名誉毀損の証拠保全" });
    const audits = await auditCount();
    await expectAppError(requestModeration(V.community_manager, { itemId: it0.id, action: "delete", reason: "削除" }), "CONFLICT", /^legal_hold: 名誉毀損の証拠保全/);
    expect(await auditCount()).toBe(audits);
    const [n] = await db().select({ n: sql<number>`count(*)::int` }).from(moderationActions).where(eq(moderationActions.inboxItemId, it0.id));
    expect(n!.n).toBe(0);
    // Hiding by a person stays possible (reversible).
    expect(await moderateJob((await requestModeration(V.community_manager, { itemId: it0.id, action: "hide", reason: "非表示" })).id, log)).toBe("done");
    await releaseHold(V.legal, { holdId: hold.id, reason: "解除" });

    const it1 = await item({ authorExternalId: "troll-8" });
    const m = await requestModeration(V.community_manager, { itemId: it1.id, action: "delete", reason: "削除" });
    await placeHold(V.legal, { subjectKind: "platform_user", platform: "x", authorExternalId: "troll-8", reason: "脅迫の可能性" });
    expect(await moderateJob(m.id, log)).toBe("refused (legal_hold)");
    const [row] = await db().select().from(moderationActions).where(eq(moderationActions.id, m.id));
    expect(row).toMatchObject({ state: "failed", errorCode: "legal_hold" });
    expect((await itemRow(it1.id)).deletedAt).toBeNull();
    expect(await sandboxCommentState(CHANNEL_IDS.cafeX, it1.externalId)).toBe("live");
  });

  it("delete without a hold: done, the item closed; a DM cannot be moderated; a reason is required", async () => {
    const it0 = await item();
    const m = await requestModeration(V.community_manager, { itemId: it0.id, action: "delete", reason: "個人情報を含むため" });
    await expectAppError(requestModeration(V.community_manager, { itemId: it0.id, action: "hide", reason: "x" }), "CONFLICT", "inbox_moderation.in_flight");
    expect(await moderateJob(m.id, log)).toBe("done");
    expect(await itemRow(it0.id)).toMatchObject({ status: "closed" });
    expect(await sandboxCommentState(CHANNEL_IDS.cafeX, it0.externalId)).toBe("deleted");
    await expectAppError(requestModeration(V.community_manager, { itemId: it0.id, action: "hide", reason: "x" }), "CONFLICT", "inbox_moderation.item_deleted");
    const dm = await item({ kind: "dm" });
    await expectAppError(requestModeration(V.community_manager, { itemId: dm.id, action: "hide", reason: "x" }), "CONFLICT", "inbox_moderation.unsupported_kind");
    await expectAppError(requestModeration(V.community_manager, { itemId: dm.id, action: "hide", reason: " " }), "VALIDATION");
  });
});

describe("saved replies", () => {
  it.each(WHO)("%s: CRUD only with saved_reply.manage; reading with inbox.reply too", async (who) => {
    const allowed = who !== "none" && roleHas(who, "saved_reply.manage");
    const title = `受付のお礼 ${who}`;
    if (!allowed) {
      await expectAppError(createSavedReply(V[who], { title, locale: "ja", body: "{{name}}様" }), "FORBIDDEN");
      if (who === "none" || !roleHas(who, "inbox.reply")) await expectAppError(listSavedReplies(V[who]), "FORBIDDEN");
      return;
    }
    const { id } = await createSavedReply(V[who], { title, locale: "ja", body: "{{name}}様、お問い合わせありがとうございます。{{date}}までにご連絡します。" });
    expect(await lastAudit()).toMatchObject({ action: "saved_reply.created", subjectId: id, actorId: V[who].id });
    await expectAppError(createSavedReply(V[who], { title: title.toUpperCase(), locale: "ja", body: "x" }), "CONFLICT");
    await expectAppError(createSavedReply(V[who], { title: "typo", locale: "ja", body: "{{nmae}}様" }), "VALIDATION");
    await updateSavedReply(V[who], { id, title, locale: "ja", body: "{{name}}様、ありがとうございます。" });
    expect(await lastAudit()).toMatchObject({ action: "saved_reply.updated" });
    expect((await listSavedReplies(V[who])).find((s) => s.id === id)?.body).toBe("{{name}}様、ありがとうございます。");
    await deleteSavedReply(V[who], { id });
    expect(await lastAudit()).toMatchObject({ action: "saved_reply.deleted" });
    await expectAppError(deleteSavedReply(V[who], { id }), "NOT_FOUND");
    await expectAppError(updateSavedReply(V[who], { id, title, locale: "ja", body: "x" }), "NOT_FOUND");
    const [n] = await db().select({ n: sql<number>`count(*)::int` }).from(savedReplies).where(eq(savedReplies.id, id));
    expect(n!.n).toBe(0);
  });
});

describe("presence", () => {
  it("another agent on the item shows, with mode; expires after 30 s; leaving removes it; analysts refused", async () => {
    const it0 = await item();
    await beatPresence(CM2, it0.id, { mode: "replying" });
    const seen = await getItemPresence(V.community_manager, it0.id);
    expect(seen.others).toEqual([expect.objectContaining({ userId: CM2.id, name: "二人目のCM", mode: "replying" })]);
    expect((await getItemPresence(CM2, it0.id)).others).toEqual([]); // not oneself
    await db().update(presence).set({ updatedAt: new Date(Date.now() - 31_000) }).where(eq(presence.userId, CM2.id));
    expect((await getItemPresence(V.community_manager, it0.id)).others).toEqual([]);
    await beatPresence(CM2, it0.id, { mode: "viewing" });
    expect((await getItemPresence(V.pr, it0.id)).others).toHaveLength(1);
    await beatPresence(CM2, it0.id, { mode: "gone" });
    expect((await getItemPresence(V.pr, it0.id)).others).toHaveLength(0);
    await expectAppError(beatPresence(V.data_analyst, it0.id, { mode: "viewing" }), "FORBIDDEN");
    await expectAppError(beatPresence(V.community_manager, it0.id, { mode: "typing" }), "VALIDATION");
    await expectAppError(getItemPresence(V.community_manager, "00000000-0000-4000-8000-000000000999"), "NOT_FOUND");
    const dm = await item({ kind: "dm" });
    await expectAppError(getItemPresence(V.social_media_manager, dm.id), "NOT_FOUND");
  });

  it("the live state carries the version and newest reply, so a stale composer can warn before sending", async () => {
    const it0 = await item();
    const before = await getItemPresence(V.community_manager, it0.id);
    const r = await sendReply(CM2, { itemId: it0.id, text: "先に返信", baseVersion: before.version, lastSeenReplyId: before.lastReplyId });
    const after = await getItemPresence(V.community_manager, it0.id);
    expect(after.lastReplyId).toBe(r.replyId);
    expect(after.version).toBe(before.version + 1);
    expect(after.replies.at(-1)).toMatchObject({ id: r.replyId, state: "approved", isMine: false });
  });
});

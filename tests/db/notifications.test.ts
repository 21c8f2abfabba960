/**
 * Notifications on real PostgreSQL: notify() recipients (permission holders, never deactivated users,
 * never the excluded author), dedupe, the workflow's notifications (review requested, decided),
 * the reader's own notifications only (list, count, mark read), e-mail choices, the webhook admin,
 * and review due times (reminder and escalation exactly once).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, notificationDeliveries, notifications, notificationWebhooks, posts, reviewRequests, userRoles, users } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { createUser } from "@/db/seed/factories";
import { AppError } from "@/lib/errors";
import { ROLES as ALL_ROLES, roleHas, type Permission } from "@/lib/auth/permissions";
import { notify } from "@/lib/dal/notify";
import {
  countUnreadNotifications,
  getMyEmailPreferences,
  getNotificationBell,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  updateMyEmailPreferences,
} from "@/lib/dal/notifications";
import { createWebhook, deleteWebhook, getOutboundStatus, queueWebhookTest, updateWebhook } from "@/lib/dal/notification-webhooks";
import { createDraft, decideStage, submitForReview } from "@/lib/dal/posts";
import { runReviewDueTimes } from "@/lib/dal/review-due";
import { listReviewQueue } from "@/lib/dal/review-queue";
import { getManagerOverview } from "@/lib/dal/overview-manager";
import { loadViewer, type Viewer } from "@/lib/dal/viewer";
import { stageDueAt, reminderAt } from "@/lib/domain/due";
import { auditCount, lastAudit, ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
let V: Record<Who, Viewer>;
const db = () => getDb();
const CAFE_TEXT = "秋限定のパンプキンラテが本日から登場します。\nぜひお近くの店舗でお試しください。";
const PR_TEXT = "【PR】あおば食品とのコラボ企画です。\n秋の新作スイーツをあおばカフェ全店で販売します。";

beforeAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function expectAppError(p: Promise<unknown>, code: AppError["code"]) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

/** Active holders of a permission, from the database (the demo people and the per-role viewers). */
async function activeHolders(permission: Permission): Promise<string[]> {
  const roles = ALL_ROLES.filter((r) => roleHas(r, permission));
  const rows = await db()
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, roles), isNull(users.deactivatedAt)));
  return rows.map((r) => r.id).sort();
}

async function recipientsOf(kind: string, where: { postId?: string; dedupeKey?: string }) {
  const rows = await db()
    .select({ userId: notifications.userId, params: notifications.params, link: notifications.link, title: notifications.title })
    .from(notifications)
    .where(
      and(
        eq(notifications.kind, kind),
        where.postId ? sql`${notifications.params}->>'postId' = ${where.postId}` : undefined,
        where.dedupeKey ? eq(notifications.dedupeKey, where.dedupeKey) : undefined,
      ),
    );
  return rows;
}

function draft(o: { text?: string; isCommercial?: boolean } = {}) {
  return {
    brandId: BRAND_IDS.cafe,
    title: "秋の新メニュー告知",
    isCommercial: o.isCommercial ?? false,
    variants: [{ channelId: CHANNEL_IDS.cafeX, text: o.text ?? CAFE_TEXT }],
  };
}

describe("notify()", () => {
  it("reaches active holders of the permission, never deactivated users nor the excluded ones", async () => {
    const gone = await createUser(db(), { roles: ["pr"], deactivated: true, name: "退職した PR" });
    const both = await viewerWith(["content_creator", "pr"], { name: "creator and PR" });
    const n = await db().transaction((tx) =>
      notify(tx, { permission: "post.review_pr", excludeUserIds: [both.id], kind: "review.requested", params: { postTitle: "t", stage: "pr" }, dedupeKey: "k1" }),
    );
    const got = (await recipientsOf("review.requested", { dedupeKey: "k1" })).map((r) => r.userId).sort();
    const expected = (await activeHolders("post.review_pr")).filter((id) => id !== both.id);
    expect(got).toEqual(expected);
    expect(n).toBe(expected.length);
    expect(got).toContain(V.pr.id);
    expect(got).not.toContain(gone.id);
    expect(got).not.toContain(both.id);
    expect(got).not.toContain(V.legal.id);
  });

  it("explicit userIds: deduplicated with the permission, deactivated ones dropped", async () => {
    const gone = await createUser(db(), { roles: ["content_creator"], deactivated: true });
    const n = await db().transaction((tx) =>
      notify(tx, { userIds: [V.content_creator.id, V.content_creator.id, gone.id], kind: "post.published", params: { postTitle: "x" }, dedupeKey: "k2" }),
    );
    expect(n).toBe(1);
    expect((await recipientsOf("post.published", { dedupeKey: "k2" })).map((r) => r.userId)).toEqual([V.content_creator.id]);
  });

  it("dedupeKey: at most one per person, however often it is reported", async () => {
    const call = () => db().transaction((tx) => notify(tx, { userIds: [V.legal.id], kind: "review.reminder", params: { postTitle: "x", stage: "legal" }, dedupeKey: "once" }));
    expect(await call()).toBe(1);
    expect(await call()).toBe(0);
    await Promise.all([call(), call(), call()]);
    expect(await recipientsOf("review.reminder", { dedupeKey: "once" })).toHaveLength(1);
  });

  it("stores kind + params and a Japanese plain fallback; refuses links out of the portal", async () => {
    await db().transaction((tx) =>
      notify(tx, { userIds: [V.legal.id], kind: "publish.failed", params: { postTitle: "秋", channel: "X", error: "timeout" }, link: "/manager", dedupeKey: "k3" }),
    );
    const [row] = await recipientsOf("publish.failed", { dedupeKey: "k3" });
    expect(row?.params).toMatchObject({ postTitle: "秋", channel: "X" });
    expect(row?.title).toBe("公開に失敗しました: 「秋」");
    for (const link of ["https://evil.example", "//evil.example", "/\\evil", "javascript:alert(1)"]) {
      await expect(db().transaction((tx) => notify(tx, { userIds: [V.legal.id], kind: "post.published", params: {}, link }))).rejects.toThrow(/portal path/);
    }
  });
});

describe("the workflow notifies", () => {
  it("submit → PR reviewers (not the author); Legal reviewers when Legal is required", async () => {
    const author = await viewerWith(["content_creator", "pr"], { name: "作成者兼PR" });
    const d = await createDraft(author, draft({ text: PR_TEXT, isCommercial: true }));
    await submitForReview(author, { postId: d.postId, revisionId: d.revisionId });
    const requested = await recipientsOf("review.requested", { postId: d.postId });
    const prGot = requested.filter((r) => r.params.stage === "pr").map((r) => r.userId).sort();
    const legalGot = requested.filter((r) => r.params.stage === "legal").map((r) => r.userId).sort();
    expect(prGot).toEqual((await activeHolders("post.review_pr")).filter((id) => id !== author.id));
    expect(legalGot).toEqual(await activeHolders("post.review_legal"));
    expect(requested.every((r) => r.userId !== author.id)).toBe(true);
    const pr = requested.find((r) => r.params.stage === "pr")!;
    expect(pr.link).toBe(`/pr/reviews/${d.postId}`);
    expect(pr.params.authorName).toBe("作成者兼PR");
    expect(typeof pr.params.dueAt).toBe("string");
    // The stages opened are recorded (due times derive from them).
    const opened = await db().select({ stage: reviewRequests.stage }).from(reviewRequests).where(eq(reviewRequests.postId, d.postId));
    expect(opened.map((o) => o.stage).sort()).toEqual(["legal", "pr"]);
  });

  it("a decision tells the author, with the reason; the last review step opens the final stage for the managers", async () => {
    const d = await createDraft(V.content_creator, draft());
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
    const approval = await decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
    const decided = await recipientsOf("review.decided", { postId: d.postId });
    expect(decided.map((r) => r.userId)).toEqual([V.content_creator.id]);
    expect(decided[0]!.params).toMatchObject({ stage: "pr", decision: "approved", reason: null, reviewerName: "pr person" });
    expect(decided[0]!.link).toBe(`/studio/posts/${d.postId}`);
    expect(approval.state).toBe("final_review");
    const finals = (await recipientsOf("review.requested", { postId: d.postId })).filter((r) => r.params.stage === "final");
    expect(finals.map((r) => r.userId).sort()).toEqual(await activeHolders("post.approve_final"));

    await decideStage(V.social_media_manager, {
      postId: d.postId,
      revisionId: d.revisionId,
      stage: "final",
      decision: "changes_requested",
      reason: "投稿時間を夕方に変えてください",
    });
    const after = (await recipientsOf("review.decided", { postId: d.postId })).filter((r) => r.params.stage === "final");
    expect(after).toHaveLength(1);
    expect(after[0]!.params).toMatchObject({ decision: "changes_requested", reason: "投稿時間を夕方に変えてください" });
    expect(after[0]!.title).toContain("差し戻されました");
  });

  it("a rejected post's author hears why", async () => {
    const d = await createDraft(V.content_creator, draft());
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
    await decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "rejected", reason: "時期が不適切です" });
    const [row] = await recipientsOf("review.decided", { postId: d.postId });
    expect(row?.params).toMatchObject({ decision: "rejected", reason: "時期が不適切です" });
  });
});

describe("a person's own notifications", () => {
  let mine: string;
  let theirs: string;
  beforeAll(async () => {
    // One transaction each: created_at is the transaction's time.
    await db().transaction((tx) =>
      notify(tx, { userIds: [V.data_analyst.id], kind: "post.published", params: { postTitle: "A", channel: "X" }, link: "/analytics", dedupeKey: "own-1" }),
    );
    await db().transaction((tx) =>
      notify(tx, { userIds: [V.data_analyst.id], kind: "post.expired", params: { postTitle: "B", slotAt: "2026-03-02T01:00:00Z", cause: "not_approved" }, dedupeKey: "own-2" }),
    );
    await db().transaction((tx) => notify(tx, { userIds: [V.ad_ops.id], kind: "post.published", params: { postTitle: "C" }, dedupeKey: "own-3" }));
    const [a] = await db().select({ id: notifications.id }).from(notifications).where(eq(notifications.dedupeKey, "own-1"));
    const [c] = await db().select({ id: notifications.id }).from(notifications).where(eq(notifications.dedupeKey, "own-3"));
    mine = a!.id;
    theirs = c!.id;
  });

  it("lists only the viewer's own, newest first, rendered in their language and zone", async () => {
    const page = await listNotifications(V.data_analyst, { pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.title)).toEqual(["「B」は承認が間に合わず期限切れになりました", "「A」を公開しました"]);
    expect(page.items[0]!.body).toContain("2026年3月2日 10:00"); // 01:00 UTC in JST
    const en = await viewerWith(["data_analyst"]);
    await db().update(users).set({ locale: "en", timeZone: "Europe/London" }).where(eq(users.id, en.id));
    await db().transaction((tx) => notify(tx, { userIds: [en.id], kind: "post.expired", params: { postTitle: "B", slotAt: "2026-03-02T01:00:00Z", cause: "not_approved" } }));
    const enPage = await listNotifications((await loadViewer(en.id))!, {});
    expect(enPage.items[0]!.title).toBe("“B” expired: approval was not complete by its slot");
    expect(enPage.items[0]!.body).toContain("01:00");
  });

  it("counts unread, marks one (own only) and all read", async () => {
    expect(await countUnreadNotifications(V.data_analyst)).toBe(2);
    await expectAppError(markNotificationRead(V.data_analyst, theirs), "NOT_FOUND");
    await expectAppError(markNotificationRead(V.data_analyst, "not-a-uuid"), "NOT_FOUND");
    await expectAppError(markNotificationRead(V.data_analyst, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
    const [still] = await db().select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, theirs));
    expect(still?.readAt).toBeNull();
    const r = await markNotificationRead(V.data_analyst, mine);
    expect(r.readAt).toBeInstanceOf(Date);
    expect((await markNotificationRead(V.data_analyst, mine)).readAt.getTime()).toBe(r.readAt.getTime()); // idempotent
    expect(await countUnreadNotifications(V.data_analyst)).toBe(1);
    expect((await listNotifications(V.data_analyst, { filter: "unread" })).items.map((i) => i.id)).not.toContain(mine);
    expect(await markAllNotificationsRead(V.data_analyst)).toBe(1);
    expect(await countUnreadNotifications(V.data_analyst)).toBe(0);
    expect(await countUnreadNotifications(V.ad_ops)).toBeGreaterThanOrEqual(1);
  });

  it("pages", async () => {
    const p = await viewerWith(["legal"]);
    await db().transaction(async (tx) => {
      for (let i = 0; i < 12; i++) await notify(tx, { userIds: [p.id], kind: "post.published", params: { postTitle: `n${i}` } });
    });
    const p1 = await listNotifications(p, { page: 1, pageSize: 5 });
    const p3 = await listNotifications(p, { page: 3, pageSize: 5 });
    expect(p1).toMatchObject({ total: 12, pageCount: 3, unread: 12 });
    expect(p3.items).toHaveLength(2);
    await expectAppError(listNotifications(p, { page: 0 }), "VALIDATION");
    const bell = await getNotificationBell(p, 8);
    expect(bell.unread).toBe(12);
    expect(bell.items).toHaveLength(8);
  });

  it("every role may read its own; no role: FORBIDDEN", async () => {
    for (const r of ROLES) await expect(getNotificationBell(V[r])).resolves.toBeTruthy();
    await expectAppError(getNotificationBell(V.none), "FORBIDDEN");
    await expectAppError(listNotifications(V.none), "FORBIDDEN");
    await expectAppError(markNotificationRead(V.none, mine), "FORBIDDEN");
    await expectAppError(markAllNotificationsRead(V.none), "FORBIDDEN");
    await expectAppError(countUnreadNotifications(V.none), "FORBIDDEN");
  });
});

describe("e-mail choices", () => {
  it("defaults, own update audited, validation", async () => {
    const p = await viewerWith(["pr"]);
    const before = await getMyEmailPreferences(p);
    expect(before.smtpConfigured).toBe(false);
    expect(before.kinds.find((k) => k.kind === "review.requested")).toMatchObject({ enabled: true, isDefault: true });
    expect(before.kinds.find((k) => k.kind === "review.reminder")).toMatchObject({ enabled: false, isDefault: true });
    await updateMyEmailPreferences(p, { enabled: ["review.reminder"] });
    const row = await lastAudit();
    expect(row).toMatchObject({ action: "notification.email_preferences_updated", actorId: p.id, subjectId: p.id });
    const after = await getMyEmailPreferences(p);
    expect(after.kinds.find((k) => k.kind === "review.requested")).toMatchObject({ enabled: false, isDefault: false });
    expect(after.kinds.find((k) => k.kind === "review.reminder")?.enabled).toBe(true);
    await expectAppError(updateMyEmailPreferences(p, { enabled: ["nope" as "review.reminder"] }), "VALIDATION");
    await expectAppError(updateMyEmailPreferences(V.none, { enabled: [] }), "FORBIDDEN");
    await expectAppError(getMyEmailPreferences(V.none), "FORBIDDEN");
  });
});

describe("webhook admin", () => {
  it("admin only; URL validated, stored, never returned nor audited", async () => {
    const secret = "https://hooks.slack.com/services/T000/B000/SECRETSECRETSECRET1234";
    for (const r of ROLES.filter((x) => x !== "admin")) {
      await expectAppError(createWebhook(V[r], { name: "x", kind: "slack", url: secret }), "FORBIDDEN");
      await expectAppError(getOutboundStatus(V[r]), "FORBIDDEN");
    }
    for (const url of ["http://hooks.example.com/x", "ftp://x", "https://user:pw@hooks.example.com/x", "not a url", "http://10.0.0.1/x"]) {
      await expectAppError(createWebhook(V.admin, { name: "x", kind: "slack", url }), "VALIDATION");
    }
    const auditsBefore = await auditCount();
    const { id } = await createWebhook(V.admin, { name: "#sns-alerts", kind: "slack", url: secret });
    expect(await auditCount()).toBe(auditsBefore + 1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "notification_webhook.created", actorId: V.admin.id, subjectId: id });
    expect(JSON.stringify(audit?.data)).not.toContain("SECRET");
    const status = await getOutboundStatus(V.admin);
    const hook = status.webhooks.find((w) => w.id === id)!;
    expect(hook.maskedUrl).toBe("https://hooks.slack.com/…1234");
    expect(JSON.stringify(status)).not.toContain("SECRETSECRET");
    expect(hook.kinds).toContain("crisis.started");

    await updateWebhook(V.admin, { id, enabled: false, kinds: ["publish.failed"] });
    expect((await lastAudit())?.action).toBe("notification_webhook.updated");
    await expectAppError(updateWebhook(V.admin, { id: "00000000-0000-4000-8000-000000000000", enabled: true }), "NOT_FOUND");
    await expectAppError(queueWebhookTest(V.admin, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
    const t = await queueWebhookTest(V.admin, id);
    expect(t.deliveryId).toBeTruthy();
    await deleteWebhook(V.admin, id);
    expect((await lastAudit())?.action).toBe("notification_webhook.deleted");
    await expectAppError(deleteWebhook(V.admin, id), "NOT_FOUND");
    expect(await db().select().from(notificationWebhooks).where(eq(notificationWebhooks.id, id))).toHaveLength(0);
    // Its queued deliveries went with it.
    expect(await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.webhookId, id))).toHaveLength(0);
  });
});

describe("review due times", () => {
  async function submittedWithSlot(slotInMs: number, now: Date) {
    const d = await createDraft(V.content_creator, draft());
    await db().update(posts).set({ scheduledAt: new Date(now.getTime() + slotInMs) }).where(eq(posts.id, d.postId));
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
    const [rr] = await db().select().from(reviewRequests).where(and(eq(reviewRequests.postId, d.postId), eq(reviewRequests.stage, "pr")));
    return { ...d, request: rr! };
  }

  it("reminds the reviewers once before due, escalates to the managers once when overdue", async () => {
    const start = new Date();
    const s = await submittedWithSlot(3 * 3600_000, start); // slot in 3 h → PR due in 1.5 h
    const slot = new Date(start.getTime() + 3 * 3600_000);
    const due = stageDueAt("pr", s.request.requestedAt, slot);
    expect(Math.abs(due.getTime() - (s.request.requestedAt.getTime() + (slot.getTime() - s.request.requestedAt.getTime()) / 2))).toBeLessThan(1000);
    const remindAt = reminderAt(s.request.requestedAt, due);

    const early = await runReviewDueTimes(new Date(remindAt.getTime() - 60_000));
    expect(early.reminded).toBe(0);
    expect(await recipientsOf("review.reminder", { postId: s.postId })).toHaveLength(0);

    const at = new Date(remindAt.getTime() + 1000);
    const runs = await Promise.all([runReviewDueTimes(at), runReviewDueTimes(at), runReviewDueTimes(at)]);
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    const reminded = await recipientsOf("review.reminder", { postId: s.postId });
    expect(reminded.map((r) => r.userId).sort()).toEqual(await activeHolders("post.review_pr"));
    expect((await runReviewDueTimes(at)).reminded).toBe(0);

    // The queue shows it due soon.
    const queue = await listReviewQueue(V.pr, "pr");
    expect(queue.find((q) => q.postId === s.postId)?.dueAt?.getTime()).toBe(due.getTime());

    const late = new Date(due.getTime() + 60_000);
    const escalations = await Promise.all([runReviewDueTimes(late), runReviewDueTimes(late)]);
    expect(escalations.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    const overdue = await recipientsOf("review.overdue", { postId: s.postId });
    expect(overdue.map((r) => r.userId).sort()).toEqual(await activeHolders("post.approve_final"));
    expect(overdue[0]!.link).toBe(`/pr/reviews/${s.postId}`);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "review.escalated"), eq(auditEvents.subjectId, s.postId)));
    expect(audit).toMatchObject({ actorId: null, actorLabel: "system" });
    expect((await runReviewDueTimes(new Date(late.getTime() + 3600_000))).escalated).toBe(0);
    expect(await recipientsOf("review.overdue", { postId: s.postId })).toHaveLength(overdue.length);
  });

  it("a decided stage is no longer reminded; a post that entered review without a request row is backfilled", async () => {
    const start = new Date();
    const s = await submittedWithSlot(3 * 3600_000, start);
    await decideStage(V.pr, { postId: s.postId, revisionId: s.revisionId, stage: "pr", decision: "approved" });
    await runReviewDueTimes(new Date(start.getTime() + 2.9 * 3600_000));
    expect((await recipientsOf("review.reminder", { postId: s.postId })).filter((r) => r.params.stage === "pr")).toHaveLength(0);

    const legacy = await createDraft(V.content_creator, draft());
    await submitForReview(V.content_creator, { postId: legacy.postId, revisionId: legacy.revisionId });
    await db().delete(reviewRequests).where(eq(reviewRequests.postId, legacy.postId));
    await runReviewDueTimes(new Date(Date.now() + 10 * 24 * 3600_000));
    expect((await recipientsOf("review.overdue", { postId: legacy.postId })).length).toBeGreaterThan(0);
    expect(await db().select().from(reviewRequests).where(eq(reviewRequests.postId, legacy.postId))).toHaveLength(1);
  });

  it("the manager overview lists overdue stages with their due time; the queue shows the badge", async () => {
    const d = await createDraft(V.content_creator, draft());
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600_000);
    await db().update(reviewRequests).set({ requestedAt: tenDaysAgo }).where(eq(reviewRequests.postId, d.postId));
    const o = await getManagerOverview(V.social_media_manager);
    expect(o.overdueReviews.count).toBeGreaterThan(0);
    const [first] = o.overdueReviews.items;
    // Most overdue first: ours, opened ten days ago.
    expect(first).toMatchObject({ postId: d.postId, stage: "pr", escalated: false, since: tenDaysAgo });
    expect(first!.dueAt.getTime()).toBe(stageDueAt("pr", tenDaysAgo, null).getTime());
    const row = (await listReviewQueue(V.pr, "pr")).find((q) => q.postId === d.postId);
    expect(row).toMatchObject({ dueStatus: "overdue", escalated: false });
    await runReviewDueTimes();
    expect((await listReviewQueue(V.pr, "pr")).find((q) => q.postId === d.postId)?.escalated).toBe(true);
    expect((await getManagerOverview(V.social_media_manager)).overdueReviews.items.find((i) => i.postId === d.postId)?.escalated).toBe(true);
  });
});

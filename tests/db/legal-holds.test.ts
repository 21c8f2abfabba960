/**
 * Legal holds on real PostgreSQL (lib/dal/legal-holds.ts): only Legal places and releases them,
 * both audited; heldSubjects() — the contract the inbox and the publisher call before deleting,
 * hiding or purging — sees active holds on a post, a thread, or a platform user, and not released ones.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, corrections, inboxItems, legalHolds, posts, postTargets, publications } from "@/db/schema";
import { CHANNEL_IDS, seedOrganisation, BRAND_IDS } from "@/db/seed/demo";
import { createPost } from "@/db/seed/factories";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { heldInboxItemIds, heldPostIds, heldSubjects, assertNotHeld, listHolds, placeHold, releaseHold } from "@/lib/dal/legal-holds";
import { createCorrection } from "@/lib/dal/corrections";
import { originalActionFor } from "@/lib/dal/publishing";
import { requestModeration } from "@/lib/dal/inbox-moderation";
import { runRetention } from "@/lib/jobs/retention";
import { auditCount, lastAudit, ROLES, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
const db = () => getDb();
const WHO = [...ROLES, "none"] as const;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

let seq = 0;
async function inboxItem(o: { threadKey?: string; author?: string } = {}) {
  seq++;
  const [row] = await db()
    .insert(inboxItems)
    .values({
      channelId: CHANNEL_IDS.cafeX,
      platform: "x",
      externalId: `hold-test-${seq}-${Date.now()}`,
      kind: "comment",
      threadKey: o.threadKey ?? `thread-${seq}`,
      authorExternalId: o.author ?? `user-${seq}`,
      authorHandle: `@user${seq}`,
      text: `テストのコメント ${seq}`,
      receivedAt: new Date(),
    })
    .returning({ id: inboxItems.id, threadKey: inboxItems.threadKey, authorExternalId: inboxItems.authorExternalId });
  return row!;
}

async function aPost() {
  const p = await createPost(db(), { brandId: BRAND_IDS.cafe, channelIds: [CHANNEL_IDS.cafeX], authorId: V.content_creator.id, title: "保全対象の投稿" });
  return { id: p.postId };
}

describe("heldSubjects (the contract)", () => {
  it("is empty when nothing is held, and sees a hold on a post, a thread and a platform user until released", async () => {
    const post = await aPost();
    const item = await inboxItem({ author: "troll-1" });
    expect(await heldSubjects(db(), { postId: post.id })).toEqual([]);
    expect(await heldSubjects(db(), {})).toEqual([]);

    const h1 = await placeHold(V.legal, { subjectKind: "post", postId: post.id, reason: "訴訟予告への対応" });
    const h2 = await placeHold(V.legal, { subjectKind: "inbox_thread", threadKey: item.threadKey, reason: "名誉毀損の証拠" });
    const h3 = await placeHold(V.legal, { subjectKind: "platform_user", platform: "x", authorExternalId: "troll-1", reason: "脅迫の可能性" });

    const onPost = await heldSubjects(db(), { postId: post.id });
    expect(onPost.map((h) => h.id)).toEqual([h1.id]);
    expect(onPost[0]).toMatchObject({ subjectKind: "post", subjectRef: post.id, reason: "訴訟予告への対応", placedById: V.legal.id });
    const onItem = await heldSubjects(db(), { threadKey: item.threadKey, platform: "x", authorExternalId: "troll-1" });
    expect(onItem.map((h) => h.id).sort()).toEqual([h2.id, h3.id].sort());
    // The same person on another platform is someone else.
    expect(await heldSubjects(db(), { platform: "instagram", authorExternalId: "troll-1" })).toEqual([]);
    // Batch forms.
    const other = await inboxItem();
    const sameAuthor = await inboxItem({ author: "troll-1" });
    expect([...(await heldInboxItemIds(db(), [item.id, other.id, sameAuthor.id]))].sort()).toEqual([item.id, sameAuthor.id].sort());
    expect([...(await heldPostIds(db(), [post.id]))]).toEqual([post.id]);

    const err = await expectAppError(assertNotHeld(db(), { postId: post.id }), "CONFLICT");
    expect(err.message).toContain("訴訟予告への対応");
    expect(err.message.startsWith("legal_hold")).toBe(true);

    await releaseHold(V.legal, { holdId: h1.id, reason: "和解成立" });
    expect(await heldSubjects(db(), { postId: post.id })).toEqual([]);
    await assertNotHeld(db(), { postId: post.id });
  });
});

describe("placeHold / releaseHold per role", () => {
  it("only Legal places a hold; everyone else is FORBIDDEN and nothing is written", async () => {
    const post = await aPost();
    for (const who of WHO) {
      if (who !== "none" && roleHas(who, "legal_hold.manage")) continue;
      const before = await auditCount("legal_hold.placed");
      await expectAppError(placeHold(V[who], { subjectKind: "post", postId: post.id, reason: "x" }), "FORBIDDEN");
      expect(await auditCount("legal_hold.placed")).toBe(before);
    }
    expect(await heldSubjects(db(), { postId: post.id })).toEqual([]);
    expect(WHO.filter((w) => w !== "none" && roleHas(w, "legal_hold.manage"))).toEqual(["legal"]);
  });

  it("placing is audited; a second active hold on the same subject is a CONFLICT; unknown subjects are NOT_FOUND", async () => {
    const post = await aPost();
    const { id } = await placeHold(V.legal, { subjectKind: "post", postId: post.id, reason: "証拠保全" });
    const a = await lastAudit();
    expect(a).toMatchObject({ action: "legal_hold.placed", actorId: V.legal.id, subjectType: "post", subjectId: post.id });
    expect(a!.data).toMatchObject({ holdId: id, reason: "証拠保全", subjectKind: "post" });
    await expectAppError(placeHold(V.legal, { subjectKind: "post", postId: post.id, reason: "二重" }), "CONFLICT");
    await expectAppError(placeHold(V.legal, { subjectKind: "post", postId: crypto.randomUUID(), reason: "x" }), "NOT_FOUND");
    await expectAppError(placeHold(V.legal, { subjectKind: "inbox_thread", threadKey: "no-such-thread", reason: "x" }), "NOT_FOUND");
  });

  it("bad input is VALIDATION with nothing written", async () => {
    const before = await auditCount();
    const n = (await db().select().from(legalHolds)).length;
    const bad: unknown[] = [
      { subjectKind: "post", postId: "not-a-uuid", reason: "x" },
      { subjectKind: "post", postId: crypto.randomUUID(), reason: "   " },
      { subjectKind: "post", postId: crypto.randomUUID(), reason: "x".repeat(1001) },
      { subjectKind: "platform_user", platform: "myspace", authorExternalId: "a", reason: "x" },
      { subjectKind: "galaxy", reason: "x" },
      { subjectKind: "post", postId: crypto.randomUUID(), reason: "x", extra: 1 },
      null,
    ];
    for (const input of bad) await expectAppError(placeHold(V.legal, input as never), "VALIDATION");
    await expectAppError(releaseHold(V.legal, { holdId: "x", reason: "r" }), "VALIDATION");
    expect(await auditCount()).toBe(before);
    expect((await db().select().from(legalHolds)).length).toBe(n);
  });

  it("only Legal releases, with a reason; released twice is a CONFLICT; audited with both reasons", async () => {
    const post = await aPost();
    const { id } = await placeHold(V.legal, { subjectKind: "post", postId: post.id, reason: "調査中" });
    for (const who of WHO) {
      if (who === "legal") continue;
      await expectAppError(releaseHold(V[who], { holdId: id, reason: "x" }), "FORBIDDEN");
    }
    await expectAppError(releaseHold(V.legal, { holdId: crypto.randomUUID(), reason: "x" }), "NOT_FOUND");
    await releaseHold(V.legal, { holdId: id, reason: "調査終了" });
    const a = await lastAudit();
    expect(a).toMatchObject({ action: "legal_hold.released", actorId: V.legal.id, subjectId: post.id });
    expect(a!.data).toMatchObject({ holdId: id, reason: "調査終了", placedReason: "調査中" });
    await expectAppError(releaseHold(V.legal, { holdId: id, reason: "again" }), "CONFLICT");
    const [row] = await db().select().from(legalHolds).where(eq(legalHolds.id, id));
    expect(row!.releasedById).toBe(V.legal.id);
  });

  it("lists active and released holds for Legal and the manager (evidence.export); others FORBIDDEN", async () => {
    const active = await listHolds(V.legal);
    expect(active.every((h) => h.releasedAt === null)).toBe(true);
    expect(active.some((h) => h.subjectKind === "platform_user" && h.label === "x:troll-1")).toBe(true);
    const released = await listHolds(V.social_media_manager, { state: "released" });
    expect(released.length).toBeGreaterThan(0);
    expect(released.every((h) => h.releasedAt !== null && h.releasedByName)).toBe(true);
    for (const who of WHO) {
      if (who === "legal" || who === "social_media_manager") continue;
      await expectAppError(listHolds(V[who]), "FORBIDDEN");
    }
  });
});

describe("a hold blocks deletion, hiding and purge; release restores", () => {
  async function publishedPost(title: string) {
    const p = await createPost(db(), { brandId: BRAND_IDS.cafe, channelIds: [CHANNEL_IDS.cafeX], authorId: V.content_creator.id, title, state: "published" });
    const [t] = await db().select({ id: postTargets.id }).from(postTargets).where(eq(postTargets.postId, p.postId));
    await db().insert(publications).values({ targetId: t!.id, state: "published", externalId: `ext-${t!.id.slice(0, 8)}`, publishedAt: new Date(), attempts: 1 });
    return { id: p.postId, targetId: t!.id };
  }
  const correction = (postId: string, originalAction: "keep" | "hide" | "delete") => ({
    originalPostId: postId,
    kind: "retraction" as const,
    originalAction,
    publishAs: "new_post" as const,
    title: "撤回のお知らせ",
    variants: [{ channelId: CHANNEL_IDS.cafeX, text: "先日の投稿を撤回いたします。" }],
  });

  it("a correction may not delete or hide a held original (CONFLICT naming the hold); keep is allowed; after release delete works", async () => {
    const post = await publishedPost("保全中の原稿");
    const { id: holdId } = await placeHold(V.legal, { subjectKind: "post", postId: post.id, reason: "消費者庁への回答準備" });
    const before = await auditCount();
    for (const action of ["delete", "hide"] as const) {
      const err = await expectAppError(createCorrection(V.pr, correction(post.id, action)), "CONFLICT");
      expect(err.message).toContain("消費者庁への回答準備");
    }
    expect(await auditCount()).toBe(before);
    expect((await db().select().from(corrections).where(eq(corrections.originalPostId, post.id))).length).toBe(0);
    await releaseHold(V.legal, { holdId, reason: "回答完了" });
    const created = await createCorrection(V.pr, correction(post.id, "delete"));
    expect(created.correctionId).toBeTruthy();
  });

  it("the publisher keeps a held original up when its correction goes out (audited), and acts once the hold is released", async () => {
    const post = await publishedPost("訂正対象");
    const created = await createCorrection(V.pr, correction(post.id, "hide"));
    // The correction went out on X (as the publisher leaves it).
    const [ct] = await db().select({ id: postTargets.id }).from(postTargets).where(eq(postTargets.postId, created.postId));
    await db().update(postTargets).set({ state: "published" }).where(eq(postTargets.id, ct!.id));
    await db().insert(publications).values({ targetId: ct!.id, state: "published", externalId: "ext-corr", publishedAt: new Date(), attempts: 1 });
    const { id: holdId } = await placeHold(V.legal, { subjectKind: "post", postId: post.id, reason: "訂正後も原文を保全" });
    expect(await originalActionFor(created.postId, CHANNEL_IDS.cafeX)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "publication.original_action_held", subjectId: post.id, data: { holdId, mode: "hide" } });
    await releaseHold(V.legal, { holdId, reason: "保全不要" });
    expect(await originalActionFor(created.postId, CHANNEL_IDS.cafeX)).toMatchObject({ mode: "hide", originalPostId: post.id });
  });

  it("the inbox refuses to delete a comment in a held thread or from a held sender (CONFLICT naming the hold)", async () => {
    const item = await inboxItem({ threadKey: "held-thread-delete", author: "sender-9" });
    const { id: holdId } = await placeHold(V.legal, { subjectKind: "platform_user", platform: "x", authorExternalId: "sender-9", reason: "誹謗中傷の発信者" });
    const err = await expectAppError(requestModeration(V.community_manager, { itemId: item.id, action: "delete", reason: "スパム" }), "CONFLICT");
    expect(err.message).toContain("誹謗中傷の発信者");
    await releaseHold(V.legal, { holdId, reason: "開示請求完了" });
    await requestModeration(V.community_manager, { itemId: item.id, action: "delete", reason: "スパム" });
  });

  it("retention purges closed old inbox items and abandons stale drafts, except held ones; release lets the next run purge", async () => {
    const old = new Date(Date.now() - 400 * 86_400_000);
    const held = await inboxItem({ threadKey: "retention-held" });
    const free = await inboxItem({ threadKey: "retention-free" });
    const open = await inboxItem({ threadKey: "retention-open" });
    await db().update(inboxItems).set({ status: "closed", closedAt: old, receivedAt: old }).where(inArray(inboxItems.id, [held.id, free.id]));
    await db().update(inboxItems).set({ receivedAt: old }).where(eq(inboxItems.id, open.id));
    const heldDraft = await aPost();
    const freeDraft = await aPost();
    await db().update(posts).set({ updatedAt: old }).where(inArray(posts.id, [heldDraft.id, freeDraft.id]));
    const h1 = await placeHold(V.legal, { subjectKind: "inbox_thread", threadKey: "retention-held", reason: "係争中" });
    const h2 = await placeHold(V.legal, { subjectKind: "post", postId: heldDraft.id, reason: "下書きも証拠" });

    const r = await runRetention();
    expect(r.inboxPurged).toBeGreaterThanOrEqual(1);
    expect(r.inboxKeptForHold).toBeGreaterThanOrEqual(1);
    const rows = await db().select({ id: inboxItems.id, text: inboxItems.text, handle: inboxItems.authorHandle, purgedAt: inboxItems.purgedAt }).from(inboxItems).where(inArray(inboxItems.id, [held.id, free.id, open.id]));
    const by = new Map(rows.map((x) => [x.id, x]));
    expect(by.get(free.id)).toMatchObject({ text: "", handle: null });
    expect(by.get(free.id)!.purgedAt).not.toBeNull();
    expect(by.get(held.id)!.text).toContain("テストのコメント");
    expect(by.get(held.id)!.purgedAt).toBeNull();
    expect(by.get(open.id)!.purgedAt).toBeNull(); // not closed
    const states = new Map((await db().select({ id: posts.id, state: posts.state }).from(posts).where(inArray(posts.id, [heldDraft.id, freeDraft.id]))).map((x) => [x.id, x.state]));
    expect(states.get(freeDraft.id)).toBe("cancelled");
    expect(states.get(heldDraft.id)).toBe("draft");
    const purgeEvent = (await db().select().from(auditEvents).where(eq(auditEvents.action, "retention.inbox_purged")).orderBy(desc(auditEvents.id)).limit(1))[0]!;
    expect((purgeEvent.data as { purgedIds: string[] }).purgedIds).toContain(free.id);
    expect((purgeEvent.data as { purgedIds: string[] }).purgedIds).not.toContain(held.id);

    await releaseHold(V.legal, { holdId: h1.id, reason: "和解" });
    await releaseHold(V.legal, { holdId: h2.id, reason: "和解" });
    await runRetention();
    const [after] = await db().select({ purgedAt: inboxItems.purgedAt, text: inboxItems.text }).from(inboxItems).where(eq(inboxItems.id, held.id));
    expect(after!.purgedAt).not.toBeNull();
    expect(after!.text).toBe("");
    const [d] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, heldDraft.id));
    expect(d!.state).toBe("cancelled");
  });
});

/**
 * Comment threads on revisions (lib/dal/revision-comments.ts) on real PostgreSQL: who may comment
 * and read (every role), NOT_FOUND for an unknown post or another post's revision, VALIDATION with
 * nothing stored, the audit row, the thread's order and revision numbers, and who is notified.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { notifications, postRevisions, posts, revisionComments } from "@/db/schema";
import { CHANNEL_IDS, BRAND_IDS, seedOrganisation } from "@/db/seed/demo";
import { createPost } from "@/db/seed/factories";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { addRevisionComment, COMMENT_MAX, listRevisionComments } from "@/lib/dal/revision-comments";
import { auditCount, lastAudit, ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000f0000";

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function newPost(authorId = V.content_creator.id, o: Partial<Parameters<typeof createPost>[1]> = {}) {
  return createPost(db(), { brandId: BRAND_IDS.cafe, channelIds: [CHANNEL_IDS.cafeX], authorId, state: "in_review", ...o });
}

async function expectAppError(p: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code, (err as AppError).message).toBe(code);
  return err as AppError;
}

async function commentCount(revisionId?: string): Promise<number> {
  const q = db().select({ n: sql<number>`count(*)::int` }).from(revisionComments);
  const [row] = revisionId ? await q.where(eq(revisionComments.revisionId, revisionId)) : await q;
  return row?.n ?? 0;
}

async function notesFor(userId: string, postId: string) {
  return db()
    .select({ link: notifications.link, params: notifications.params })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "post.commented"), sql`${notifications.link} like ${"%" + postId}`));
}

describe("addRevisionComment — per role", () => {
  for (const who of WHO) {
    const allowed = who !== "none" && roleHas(who, "post.comment");
    it(`${who}: ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
      const p = await newPost();
      const before = await auditCount("post.commented");
      const call = addRevisionComment(V[who], { postId: p.postId, revisionId: p.revisionId, body: `  ${who} のコメント  ` });
      if (allowed) {
        const r = await call;
        expect(r).toMatchObject({ postId: p.postId, revisionId: p.revisionId, revisionNumber: 1 });
        const [row] = await db().select().from(revisionComments).where(eq(revisionComments.id, r.id));
        expect(row).toMatchObject({ authorId: V[who].id, body: `${who} のコメント`, revisionId: p.revisionId });
        expect(await auditCount("post.commented")).toBe(before + 1);
      } else {
        await expectAppError(call, "FORBIDDEN");
        expect(await commentCount(p.revisionId)).toBe(0);
        expect(await auditCount("post.commented")).toBe(before);
      }
    });
  }

  it("the four commenting roles are exactly manager, creator, PR and Legal", () => {
    expect(ROLES.filter((r) => roleHas(r, "post.comment")).sort()).toEqual(["content_creator", "legal", "pr", "social_media_manager"]);
  });
});

describe("listRevisionComments — per role", () => {
  for (const who of WHO) {
    const allowed = who !== "none" && roleHas(who, "post.read");
    it(`${who}: ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
      const p = await newPost();
      await addRevisionComment(V.pr, { postId: p.postId, revisionId: p.revisionId, body: "確認しました" });
      const call = listRevisionComments(V[who], p.postId);
      if (allowed) {
        const thread = await call;
        expect(thread.comments.map((c) => c.body)).toEqual(["確認しました"]);
        expect(thread.comments[0]).toMatchObject({ revisionNumber: 1, authorName: "pr person", authorId: V.pr.id });
      } else await expectAppError(call, "FORBIDDEN");
    });
  }
});

describe("NOT_FOUND", () => {
  it("an unknown post, for reading and for commenting (nothing stored)", async () => {
    const p = await newPost();
    await expectAppError(listRevisionComments(V.pr, UNKNOWN), "NOT_FOUND");
    const before = await commentCount();
    await expectAppError(addRevisionComment(V.pr, { postId: UNKNOWN, revisionId: p.revisionId, body: "x" }), "NOT_FOUND");
    expect(await commentCount()).toBe(before);
  });

  it("a revision of another post (nothing stored, no audit)", async () => {
    const a = await newPost();
    const b = await newPost();
    const before = await auditCount("post.commented");
    await expectAppError(addRevisionComment(V.legal, { postId: a.postId, revisionId: b.revisionId, body: "別の投稿の版" }), "NOT_FOUND");
    await expectAppError(addRevisionComment(V.legal, { postId: a.postId, revisionId: UNKNOWN, body: "存在しない版" }), "NOT_FOUND");
    expect(await commentCount(b.revisionId)).toBe(0);
    expect(await auditCount("post.commented")).toBe(before);
  });
});

describe("VALIDATION", () => {
  const bad: [string, unknown][] = [
    ["empty", ""],
    ["only spaces", "   \n  "],
    ["one over the limit", "あ".repeat(COMMENT_MAX + 1)],
    ["not a string", 42],
  ];
  for (const [name, body] of bad) {
    it(`${name}: refused, nothing stored`, async () => {
      const p = await newPost();
      const before = await auditCount("post.commented");
      const err = await expectAppError(addRevisionComment(V.pr, { postId: p.postId, revisionId: p.revisionId, body } as never), "VALIDATION");
      expect(Object.keys(err.fieldErrors ?? {})).toContain("body");
      expect(await commentCount(p.revisionId)).toBe(0);
      expect(await auditCount("post.commented")).toBe(before);
    });
  }

  it("exactly the limit is accepted; a malformed post id is VALIDATION", async () => {
    const p = await newPost();
    await addRevisionComment(V.pr, { postId: p.postId, revisionId: p.revisionId, body: "あ".repeat(COMMENT_MAX) });
    expect(await commentCount(p.revisionId)).toBe(1);
    await expectAppError(addRevisionComment(V.pr, { postId: "nope", revisionId: p.revisionId, body: "x" }), "VALIDATION");
    await expectAppError(listRevisionComments(V.pr, "nope"), "VALIDATION");
  });
});

describe("audit and thread", () => {
  it("post.commented is written with the commenter, the post and the revision", async () => {
    const p = await newPost();
    const r = await addRevisionComment(V.legal, { postId: p.postId, revisionId: p.revisionId, body: "表現を確認" });
    const row = await lastAudit();
    expect(row).toMatchObject({ action: "post.commented", actorId: V.legal.id, subjectType: "post", subjectId: p.postId, requestId: V.legal.requestId });
    expect(row?.data).toMatchObject({ commentId: r.id, revisionId: p.revisionId, revisionNumber: 1 });
  });

  it("lists every revision's comments oldest first with their revision numbers", async () => {
    const p = await newPost();
    await addRevisionComment(V.pr, { postId: p.postId, revisionId: p.revisionId, body: "一つ目" });
    const [rev2] = await db()
      .insert(postRevisions)
      .values({ postId: p.postId, number: 2, contentHash: "h2", content: { isCommercial: false, variants: [] }, createdById: V.content_creator.id })
      .returning({ id: postRevisions.id });
    await db().update(posts).set({ currentRevisionId: rev2!.id }).where(eq(posts.id, p.postId));
    await addRevisionComment(V.content_creator, { postId: p.postId, revisionId: rev2!.id, body: "二つ目" });
    // A comment on the older revision is still allowed (the UI only offers the current one).
    await addRevisionComment(V.legal, { postId: p.postId, revisionId: p.revisionId, body: "三つ目" });
    const thread = await listRevisionComments(V.social_media_manager, p.postId);
    expect(thread.currentRevisionNumber).toBe(2);
    expect(thread.currentRevisionId).toBe(rev2!.id);
    expect(thread.comments.map((c) => [c.body, c.revisionNumber])).toEqual([
      ["一つ目", 1],
      ["二つ目", 2],
      ["三つ目", 1],
    ]);
    // Another post's comments never leak in.
    const other = await newPost();
    expect((await listRevisionComments(V.pr, other.postId)).comments).toEqual([]);
  });
});

describe("notifications", () => {
  it("the author is told (linked to their studio page), the commenter is not", async () => {
    const p = await newPost();
    const r = await addRevisionComment(V.pr, { postId: p.postId, revisionId: p.revisionId, body: "ここを直してください" });
    expect(r.notified).toBe(1);
    const toAuthor = await notesFor(V.content_creator.id, p.postId);
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0]!.link).toBe(`/studio/posts/${p.postId}`);
    expect(toAuthor[0]!.params).toMatchObject({ postTitle: expect.any(String), author: "pr person", revision: 1, excerpt: "ここを直してください" });
    expect(await notesFor(V.pr.id, p.postId)).toHaveLength(0);
  });

  it("the author's own comment tells earlier commenters and the reviewers who decided, each linked to their review page", async () => {
    const author = await viewerWith(["content_creator"]);
    const prReviewer = await viewerWith(["pr"]);
    const finalReviewer = await viewerWith(["social_media_manager"]);
    const p = await newPost(author.id, { state: "approved", reviewers: { pr: prReviewer.id, final: finalReviewer.id } });
    await addRevisionComment(V.legal, { postId: p.postId, revisionId: p.revisionId, body: "法務から一言" });
    const r = await addRevisionComment(author, { postId: p.postId, revisionId: p.revisionId, body: "返信です" });
    expect(r.notified).toBe(3);
    expect((await notesFor(V.legal.id, p.postId)).map((n) => n.link)).toEqual([`/legal/reviews/${p.postId}`]);
    // The reviewers who decided hear of both comments (Legal's and the author's reply).
    const excerpts = (rows: { params: unknown }[]) => rows.map((n) => (n.params as { excerpt: string }).excerpt).sort();
    const toPr = await notesFor(prReviewer.id, p.postId);
    expect(excerpts(toPr)).toEqual(["法務から一言", "返信です"].sort());
    expect(new Set(toPr.map((n) => n.link))).toEqual(new Set([`/pr/reviews/${p.postId}`]));
    const toFinal = await notesFor(finalReviewer.id, p.postId);
    expect(excerpts(toFinal)).toEqual(["法務から一言", "返信です"].sort());
    expect(new Set(toFinal.map((n) => n.link))).toEqual(new Set([`/manager/approvals/${p.postId}`]));
    // The author got Legal's comment, not their own reply.
    expect((await notesFor(author.id, p.postId)).map((n) => (n.params as { excerpt: string }).excerpt)).toEqual(["法務から一言"]);
    // Someone who never touched the post hears nothing.
    expect(await notesFor(V.pr.id, p.postId)).toHaveLength(0);
  });

  it("a long comment is cut in the notification, kept whole in the thread", async () => {
    const p = await newPost();
    const body = "長".repeat(500);
    await addRevisionComment(V.pr, { postId: p.postId, revisionId: p.revisionId, body });
    const [n] = await notesFor(V.content_creator.id, p.postId);
    expect(((n!.params as { excerpt: string }).excerpt).length).toBe(200);
    expect((await listRevisionComments(V.pr, p.postId)).comments[0]!.body).toBe(body);
  });
});

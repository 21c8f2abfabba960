/**
 * The posts DAL (lib/dal/posts.ts) on real PostgreSQL: every function × every role (allowed or
 * FORBIDDEN), NOT_FOUND for unknown and invisible ids, the audit row of each change and the
 * atomicity of change + audit, revisions and optimistic concurrency, and the triple check's guards.
 * The race of 50 PR approvers lives in posts-race.test.ts (its own database).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { approvals, assets, postRevisions, posts, postTargets } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { roleHas, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { createDraft, decideStage, getPost, getRevisionDiff, listRevisions, saveRevision, submitForReview } from "@/lib/dal/posts";
import { auditCount, lastAudit, ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000f0000";

/** Plain, low-risk cafe copy: no Legal needed. */
const CAFE_TEXT = "秋限定のパンプキンラテが本日から登場します。\nぜひお近くの店舗でお試しください。";
/** A commercial post with the label at the start: passes disclosure, needs Legal. */
const PR_TEXT = "【PR】あおば食品とのコラボ企画です。\n秋の新作スイーツをあおばカフェ全店で販売します。";

/** An own 4:5 JPEG of the cafe brand: Instagram needs media (lib/domain/media-rules.ts), so the cafe drafts carry it there. */
let PHOTO: string;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
  const [photo] = await db()
    .insert(assets)
    .values({ brandId: BRAND_IDS.cafe, kind: "image", storageKey: `test/${crypto.randomUUID()}.jpg`, originalName: "パンプキンラテ.jpg", mimeType: "image/jpeg", sizeBytes: 200_000, width: 1080, height: 1350, uploadedById: V.content_creator.id })
    .returning({ id: assets.id });
  PHOTO = photo!.id;
});

async function expectAppError(p: Promise<unknown>, code: AppError["code"], message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code, (err as AppError).message).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

async function expectAudit(action: string, actor: Viewer, subjectId: string, data?: Record<string, unknown>) {
  const row = await lastAudit();
  expect(row?.action).toBe(action);
  expect(row?.actorId).toBe(actor.id);
  expect(row?.subjectType).toBe("post");
  expect(row?.subjectId).toBe(subjectId);
  expect(row?.requestId).toBe(actor.requestId);
  if (data) expect(row?.data).toMatchObject(data);
}

function cafeDraft(o: { isCommercial?: boolean; text?: string; title?: string } = {}) {
  return {
    brandId: BRAND_IDS.cafe,
    title: o.title ?? "秋の新メニュー告知",
    isCommercial: o.isCommercial ?? false,
    variants: [
      { channelId: CHANNEL_IDS.cafeX, text: o.text ?? CAFE_TEXT },
      { channelId: CHANNEL_IDS.cafeInstagram, text: `${o.text ?? CAFE_TEXT}\n#あおばカフェ`, mediaAssetIds: [PHOTO] },
    ],
  };
}

/** A draft by `author`, optionally submitted. */
async function newPost(author: Viewer = V.content_creator, o: { isCommercial?: boolean; text?: string; submit?: boolean } = {}) {
  const d = await createDraft(author, cafeDraft(o));
  if (o.submit) await submitForReview(author, { postId: d.postId, revisionId: d.revisionId });
  return d;
}

/** In final_review: submitted, PR ✓ (and Legal ✓ when needed). */
async function inFinalReview(o: { isCommercial?: boolean } = {}) {
  const d = await newPost(V.content_creator, { ...o, ...(o.isCommercial ? { text: PR_TEXT } : {}), submit: true });
  await decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
  if (o.isCommercial) await decideStage(V.legal, { postId: d.postId, revisionId: d.revisionId, stage: "legal", decision: "approved" });
  return d;
}

async function stateOf(postId: string) {
  const [row] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, postId));
  return row?.state;
}

async function countRows() {
  const [row] = await db().execute<{ p: number; r: number; t: number; a: number }>(
    sql`select (select count(*)::int from posts) p, (select count(*)::int from post_revisions) r, (select count(*)::int from post_targets) t, (select count(*)::int from approvals) a`,
  );
  return row!;
}

describe("createDraft", () => {
  it.each(WHO)("%s: allowed only with post.create", async (who) => {
    const p = createDraft(V[who], cafeDraft());
    if (who !== "none" && roleHas(who, "post.create")) {
      const d = await p;
      expect(d).toMatchObject({ number: 1, state: "draft", isNewRevision: true });
      await expectAudit("post.created", V[who], d.postId, { contentHash: d.contentHash, brandId: BRAND_IDS.cafe });
    } else {
      await expectAppError(p, "FORBIDDEN");
    }
  });

  it("stores revision #1 with the platform from the channel, targets with idempotency keys, and the check results", async () => {
    const d = await createDraft(V.content_creator, cafeDraft({ isCommercial: true, text: PR_TEXT }));
    const [rev] = await db().select().from(postRevisions).where(eq(postRevisions.id, d.revisionId));
    expect(rev!.number).toBe(1);
    expect(rev!.content).toEqual({
      isCommercial: true,
      variants: [
        { channelId: CHANNEL_IDS.cafeX, platform: "x", text: PR_TEXT, mediaAssetIds: [] },
        { channelId: CHANNEL_IDS.cafeInstagram, platform: "instagram", text: `${PR_TEXT}\n#あおばカフェ`, mediaAssetIds: [PHOTO] },
      ],
    });
    expect(rev!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const targets = await db()
      .select({ channelId: postTargets.channelId, key: postTargets.idempotencyKey, state: postTargets.state })
      .from(postTargets)
      .where(eq(postTargets.postId, d.postId));
    expect(targets.map((t) => t.key).sort()).toEqual([`${d.postId}:${CHANNEL_IDS.cafeX}`, `${d.postId}:${CHANNEL_IDS.cafeInstagram}`].sort());
    expect(targets.every((t) => t.state === "pending")).toBe(true);
    const [post] = await db().select().from(posts).where(eq(posts.id, d.postId));
    expect(post).toMatchObject({
      state: "draft",
      authorId: V.content_creator.id,
      currentRevisionId: d.revisionId,
      requiresLegal: true,
      isCommercial: true,
    });
  });

  it("a risky text gets a risk score from the DB lexicon and needs Legal", async () => {
    const d = await createDraft(V.content_creator, cafeDraft({ text: "台風と豪雨の被災地に、心よりお見舞い申し上げます。異物混入の報道について。" }));
    const [post] = await db().select({ riskScore: posts.riskScore, requiresLegal: posts.requiresLegal }).from(posts).where(eq(posts.id, d.postId));
    expect(post!.riskScore).toBeGreaterThan(0);
    expect(post!.requiresLegal).toBe(true);
    const plain = await newPost();
    const [p2] = await db().select({ riskScore: posts.riskScore, requiresLegal: posts.requiresLegal }).from(posts).where(eq(posts.id, plain.postId));
    expect(p2).toEqual({ riskScore: 0, requiresLegal: false });
  });

  it("media: a licensed (third-party) asset of the brand routes the post to Legal; another brand's asset is VALIDATION", async () => {
    const insertAsset = async (brandId: string, source: "own" | "licensed") => {
      const [a] = await db()
        .insert(assets)
        .values({
          brandId,
          kind: "image",
          storageKey: `test/${crypto.randomUUID()}.jpg`,
          originalName: "紅葉.jpg",
          mimeType: "image/jpeg",
          sizeBytes: 1024,
          source,
          uploadedById: V.content_creator.id,
        })
        .returning({ id: assets.id });
      return a!.id;
    };
    const own = await insertAsset(BRAND_IDS.cafe, "own");
    const licensed = await insertAsset(BRAND_IDS.cafe, "licensed");
    const beauty = await insertAsset(BRAND_IDS.beauty, "own");
    const withMedia = (ids: string[]) => ({
      ...cafeDraft(),
      variants: [{ channelId: CHANNEL_IDS.cafeInstagram, text: CAFE_TEXT, mediaAssetIds: ids }],
    });
    const a = await createDraft(V.content_creator, withMedia([own]));
    const b = await createDraft(V.content_creator, withMedia([own, licensed]));
    const legal = await db()
      .select({ id: posts.id, requiresLegal: posts.requiresLegal })
      .from(posts)
      .where(inArray(posts.id, [a.postId, b.postId]));
    expect(Object.fromEntries(legal.map((p) => [p.id, p.requiresLegal]))).toEqual({ [a.postId]: false, [b.postId]: true });
    expect((await getPost(V.legal, b.postId)).checks?.legalReasons).toEqual(["third_party_asset"]);
    const e = await expectAppError(createDraft(V.content_creator, withMedia([own, beauty])), "VALIDATION", "unknown_asset");
    expect(e.fieldErrors).toEqual({ "variants.0.mediaAssetIds.1": ["unknown_asset"] });
  });

  it("refuses bad input with VALIDATION and persists nothing", async () => {
    const before = await countRows();
    const audits = await auditCount();
    const bad: unknown[] = [
      { ...cafeDraft(), variants: [] },
      { ...cafeDraft(), title: "   " },
      { ...cafeDraft(), brandId: "not-a-uuid" },
      { ...cafeDraft(), brandId: UNKNOWN },
      { ...cafeDraft(), variants: [{ channelId: CHANNEL_IDS.beautyInstagram, text: "別ブランドのチャンネル" }] },
      {
        ...cafeDraft(),
        variants: [
          { channelId: CHANNEL_IDS.cafeX, text: "重複" },
          { channelId: CHANNEL_IDS.cafeX, text: "重複" },
        ],
      },
      { ...cafeDraft(), variants: [{ channelId: CHANNEL_IDS.cafeX, text: "あ".repeat(10_001) }] },
      { ...cafeDraft(), variants: [{ channelId: CHANNEL_IDS.cafeX, text: "画像", mediaAssetIds: [UNKNOWN] }] },
      { ...cafeDraft(), authorId: V.admin.id },
      { ...cafeDraft(), isCommercial: "はい" },
      null,
      "投稿",
    ];
    for (const input of bad) await expectAppError(createDraft(V.content_creator, input as never), "VALIDATION");
    const e = await expectAppError(
      createDraft(V.content_creator, { ...cafeDraft(), variants: [{ channelId: CHANNEL_IDS.foodsX, text: "あおば食品" }] }),
      "VALIDATION",
      "channel_not_in_brand",
    );
    expect(e.fieldErrors).toEqual({ "variants.0.channelId": ["channel_not_in_brand"] });
    expect(await countRows()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });
});

describe("saveRevision", () => {
  it.each(WHO)("%s: allowed only with post.edit (on their own post)", async (who) => {
    const mayEdit = who !== "none" && roleHas(who, "post.edit");
    const d = mayEdit ? await newPost(V[who]) : await newPost();
    const p = saveRevision(V[who], {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "文面を修正しました。" }],
    });
    if (mayEdit) {
      const r = await p;
      expect(r).toMatchObject({ number: 2, isNewRevision: true, state: "draft" });
      await expectAudit("post.revised", V[who], d.postId, { oldHash: d.contentHash, newHash: r.contentHash, voidedApprovals: 0 });
    } else {
      await expectAppError(p, "FORBIDDEN");
    }
  });

  it("another creator's post is FORBIDDEN (visible, not theirs); unknown posts are NOT_FOUND", async () => {
    const d = await newPost();
    const other = await viewerWith(["content_creator"], { name: "別のクリエイター" });
    await expectAppError(
      saveRevision(other, { postId: d.postId, expectedRevisionId: d.revisionId, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "横取り" }] }),
      "FORBIDDEN",
      "not_author",
    );
    await expectAppError(
      saveRevision(V.content_creator, {
        postId: UNKNOWN,
        expectedRevisionId: d.revisionId,
        variants: [{ channelId: CHANNEL_IDS.cafeX, text: "なし" }],
      }),
      "NOT_FOUND",
    );
  });

  it("without post.read a post of someone else is NOT_FOUND (scoped in WHERE)", async () => {
    const d = await newPost();
    const real = await viewerWith(["content_creator"]);
    const perms = new Set<Permission>(real.permissions);
    perms.delete("post.read");
    const noRead = { ...real, permissions: perms } as Viewer;
    await expectAppError(
      saveRevision(noRead, { postId: d.postId, expectedRevisionId: d.revisionId, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "見えない" }] }),
      "NOT_FOUND",
    );
    const own = await createDraft(noRead, cafeDraft());
    const r = await saveRevision(noRead, {
      postId: own.postId,
      expectedRevisionId: own.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "自分の投稿は見える" }],
    });
    expect(r.number).toBe(2);
  });

  it("creates immutable numbered revisions; unchanged content is a no-op; a title-only change is audited in place", async () => {
    const d = await newPost();
    const same = await saveRevision(V.content_creator, { postId: d.postId, expectedRevisionId: d.revisionId, variants: cafeDraft().variants });
    expect(same).toMatchObject({ revisionId: d.revisionId, number: 1, isNewRevision: false, contentHash: d.contentHash });
    const audits = await auditCount();
    const retitled = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      title: "秋の新メニュー（改題）",
      variants: cafeDraft().variants,
    });
    expect(retitled.isNewRevision).toBe(false);
    expect(await auditCount()).toBe(audits + 1);
    await expectAudit("post.retitled", V.content_creator, d.postId, { to: "秋の新メニュー（改題）" });

    const r2 = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "第2版の文面です。" }],
    });
    const r3 = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: r2.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeLine, text: "第3版、LINEで配信します。" }],
    });
    expect([r2.number, r3.number]).toEqual([2, 3]);
    const [first] = await db()
      .select({ content: postRevisions.content, contentHash: postRevisions.contentHash })
      .from(postRevisions)
      .where(eq(postRevisions.id, d.revisionId));
    expect(first!.contentHash).toBe(d.contentHash);
    expect((first!.content as { variants: unknown[] }).variants).toHaveLength(2);
    // Targets follow the channels: the dropped ones are cancelled, the new one is pending.
    const targets = await db()
      .select({ channelId: postTargets.channelId, state: postTargets.state })
      .from(postTargets)
      .where(eq(postTargets.postId, d.postId));
    expect(Object.fromEntries(targets.map((t) => [t.channelId, t.state]))).toEqual({
      [CHANNEL_IDS.cafeX]: "cancelled",
      [CHANNEL_IDS.cafeInstagram]: "cancelled",
      [CHANNEL_IDS.cafeLine]: "pending",
    });
    // A channel added back gets its old target (same idempotency key) pending again.
    const r4 = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: r3.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "第4版、Xに戻します。" }],
    });
    expect(r4.number).toBe(4);
    const again = await db()
      .select({ channelId: postTargets.channelId, state: postTargets.state, key: postTargets.idempotencyKey })
      .from(postTargets)
      .where(eq(postTargets.postId, d.postId));
    expect(again).toHaveLength(3);
    expect(again.find((t) => t.channelId === CHANNEL_IDS.cafeX)).toMatchObject({ state: "pending", key: `${d.postId}:${CHANNEL_IDS.cafeX}` });
    expect(again.find((t) => t.channelId === CHANNEL_IDS.cafeLine)?.state).toBe("cancelled");
    const list = await listRevisions(V.content_creator, d.postId);
    expect(list.map((r) => [r.number, r.isCurrent])).toEqual([
      [4, true],
      [3, false],
      [2, false],
      [1, false],
    ]);
  });

  it("a stale expectedRevisionId is CONFLICT and changes nothing", async () => {
    const d = await newPost();
    const r2 = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "先に保存した版" }],
    });
    const before = await countRows();
    await expectAppError(
      saveRevision(V.content_creator, {
        postId: d.postId,
        expectedRevisionId: d.revisionId,
        variants: [{ channelId: CHANNEL_IDS.cafeX, text: "古い版からの保存" }],
      }),
      "CONFLICT",
      "stale_revision",
    );
    expect(await countRows()).toEqual(before);
    const [post] = await db().select({ cur: posts.currentRevisionId }).from(posts).where(eq(posts.id, d.postId));
    expect(post!.cur).toBe(r2.revisionId);
  });

  it("flipping isCommercial is a new revision (it decides disclosure and Legal)", async () => {
    const d = await newPost();
    const r = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      isCommercial: true,
      variants: cafeDraft({ text: PR_TEXT }).variants,
    });
    expect(r.isNewRevision).toBe(true);
    const [post] = await db()
      .select({ isCommercial: posts.isCommercial, requiresLegal: posts.requiresLegal })
      .from(posts)
      .where(eq(posts.id, d.postId));
    expect(post).toEqual({ isCommercial: true, requiresLegal: true });
  });

  it("an edit after approvals voids them (visible in getPost) and returns the post to draft", async () => {
    const d = await inFinalReview({ isCommercial: true });
    expect(await stateOf(d.postId)).toBe("final_review");
    const r = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: PR_TEXT + "\n価格を訂正しました。" }],
    });
    expect(r).toMatchObject({ state: "draft", voidedApprovals: 2, number: 2 });
    await expectAudit("post.revised", V.content_creator, d.postId, {
      oldHash: d.contentHash,
      newHash: r.contentHash,
      voidedApprovals: 2,
      fromState: "final_review",
      toState: "draft",
    });
    const old = await db().select({ voidedAt: approvals.voidedAt }).from(approvals).where(eq(approvals.postId, d.postId));
    expect(old).toHaveLength(2);
    expect(old.every((a) => a.voidedAt instanceof Date)).toBe(true);
    const view = await getPost(V.social_media_manager, d.postId);
    expect(view.state).toBe("draft");
    expect(view.approvals).toEqual([]);
    expect(view.approvalStatus).toMatchObject({ pr: "pending", legal: "pending", final: "pending" });
    expect(view.currentRevision?.number).toBe(2);
    // A decision on the old revision is stale.
    await expectAppError(
      decideStage(V.social_media_manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" }),
      "CONFLICT",
      "stale_revision",
    );
  });

  it("not once publishing or published, nor after cancel (CONFLICT)", async () => {
    for (const state of ["publishing", "published", "cancelled"] as const) {
      const d = await newPost();
      await db().update(posts).set({ state }).where(eq(posts.id, d.postId));
      await expectAppError(
        saveRevision(V.content_creator, {
          postId: d.postId,
          expectedRevisionId: d.revisionId,
          variants: [{ channelId: CHANNEL_IDS.cafeX, text: "変更" }],
        }),
        "CONFLICT",
        "invalid_transition",
      );
    }
  });
});

describe("submitForReview", () => {
  it.each(WHO)("%s: allowed only with post.submit (on their own post)", async (who) => {
    const maySubmit = who !== "none" && roleHas(who, "post.submit");
    const d = maySubmit ? await newPost(V[who]) : await newPost();
    const p = submitForReview(V[who], { postId: d.postId, revisionId: d.revisionId });
    if (maySubmit) {
      expect(await p).toMatchObject({ state: "in_review", revisionId: d.revisionId });
      await expectAudit("post.submitted", V[who], d.postId, { contentHash: d.contentHash, requiresLegal: false });
    } else {
      await expectAppError(p, "FORBIDDEN");
    }
  });

  it("NOT_FOUND for unknown posts and revisions of another post; FORBIDDEN for another author's post", async () => {
    const d = await newPost();
    const other = await newPost();
    await expectAppError(submitForReview(V.content_creator, { postId: UNKNOWN, revisionId: d.revisionId }), "NOT_FOUND");
    await expectAppError(submitForReview(V.content_creator, { postId: d.postId, revisionId: other.revisionId }), "NOT_FOUND");
    const someoneElse = await viewerWith(["content_creator"]);
    await expectAppError(submitForReview(someoneElse, { postId: d.postId, revisionId: d.revisionId }), "FORBIDDEN");
  });

  it("a commercial post without disclosure cannot be submitted (VALIDATION with the finding codes)", async () => {
    const d = await newPost(V.content_creator, { isCommercial: true, text: "秋の新作スイーツが登場！ぜひ食べてみてください。 #PR" });
    const audits = await auditCount();
    const e = await expectAppError(
      submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId }),
      "VALIDATION",
      "checks_blocking",
    );
    expect(e.fieldErrors?.["variants.0.text"]).toContain("disclosure_failed");
    expect(await stateOf(d.postId)).toBe("draft");
    expect(await auditCount()).toBe(audits);
  });

  it("a banned term blocks submit", async () => {
    const d = await newPost(V.content_creator, { text: "日本一おいしいラテを召し上がれ。" });
    const e = await expectAppError(submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId }), "VALIDATION");
    expect(e.fieldErrors?.["variants.0.text"]).toContain("banned_term");
  });

  it("only from draft; a stale revision is CONFLICT", async () => {
    const d = await newPost(V.content_creator, { submit: true });
    await expectAppError(submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId }), "CONFLICT", "invalid_transition");
    const e = await newPost();
    await saveRevision(V.content_creator, {
      postId: e.postId,
      expectedRevisionId: e.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "第2版" }],
    });
    await expectAppError(submitForReview(V.content_creator, { postId: e.postId, revisionId: e.revisionId }), "CONFLICT", "stale_revision");
  });
});

describe("decideStage", () => {
  const STAGE_PERM = { pr: "post.review_pr", legal: "post.review_legal", final: "post.approve_final" } as const;

  it.each(WHO)("%s: each stage only with its permission", async (who) => {
    for (const stage of ["pr", "legal", "final"] as const) {
      const d =
        stage === "final"
          ? await inFinalReview({ isCommercial: true })
          : await newPost(V.content_creator, { isCommercial: true, text: PR_TEXT, submit: true });
      const p = decideStage(V[who], { postId: d.postId, revisionId: d.revisionId, stage, decision: "approved" });
      if (who !== "none" && roleHas(who, STAGE_PERM[stage])) {
        const r = await p;
        expect(r).toMatchObject({ stage, decision: "approved" });
        await expectAudit("post.decision", V[who], d.postId, { stage, decision: "approved", revisionHash: d.contentHash, reason: null });
      } else {
        await expectAppError(p, "FORBIDDEN");
      }
    }
  });

  it("NOT_FOUND for unknown posts and revisions; VALIDATION for malformed input", async () => {
    const d = await newPost(V.content_creator, { submit: true });
    await expectAppError(decideStage(V.pr, { postId: UNKNOWN, revisionId: d.revisionId, stage: "pr", decision: "approved" }), "NOT_FOUND");
    await expectAppError(decideStage(V.pr, { postId: d.postId, revisionId: UNKNOWN, stage: "pr", decision: "approved" }), "NOT_FOUND");
    await expectAppError(
      decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "ceo", decision: "approved" } as never),
      "VALIDATION",
    );
    await expectAppError(
      decideStage(V.data_analyst, { postId: d.postId, revisionId: d.revisionId, stage: "ceo", decision: "approved" } as never),
      "FORBIDDEN",
    );
    await expectAppError(decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "maybe" } as never), "VALIDATION");
    await expectAppError(
      decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "rejected", reason: "あ".repeat(2_001) }),
      "VALIDATION",
    );
  });

  it("nobody approves their own revision", async () => {
    const both = await viewerWith(["content_creator", "pr"], { name: "兼務 太郎" });
    const d = await newPost(both, { submit: true });
    await expectAppError(
      decideStage(both, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" }),
      "FORBIDDEN",
      "self_approval",
    );
    await expectAppError(
      decideStage(both, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "changes_requested", reason: "自分で差し戻し" }),
      "FORBIDDEN",
      "self_approval",
    );
    expect(await stateOf(d.postId)).toBe("in_review");
  });

  it("one person approves at most one stage of a revision", async () => {
    const prAndSmm = await viewerWith(["pr", "social_media_manager"], { name: "広報兼部長" });
    const d = await newPost(V.content_creator, { submit: true });
    await decideStage(prAndSmm, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
    await expectAppError(
      decideStage(prAndSmm, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" }),
      "FORBIDDEN",
      "same_reviewer",
    );
  });

  it("stage order: no final before PR and Legal; no decision on a draft; Legal only when required", async () => {
    const draft = await newPost(V.content_creator, { isCommercial: true, text: PR_TEXT });
    await expectAppError(
      decideStage(V.pr, { postId: draft.postId, revisionId: draft.revisionId, stage: "pr", decision: "approved" }),
      "CONFLICT",
      "invalid_transition",
    );

    const d = await newPost(V.content_creator, { isCommercial: true, text: PR_TEXT, submit: true });
    await expectAppError(
      decideStage(V.social_media_manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" }),
      "CONFLICT",
      "stage_order",
    );
    expect((await decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" })).state).toBe("in_review");
    await expectAppError(
      decideStage(V.social_media_manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" }),
      "CONFLICT",
      "stage_order",
    );
    expect((await decideStage(V.legal, { postId: d.postId, revisionId: d.revisionId, stage: "legal", decision: "approved" })).state).toBe(
      "final_review",
    );
    expect(
      (await decideStage(V.social_media_manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" })).state,
    ).toBe("approved");
    await expectAppError(
      decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" }),
      "CONFLICT",
      "invalid_transition",
    );

    const plain = await newPost(V.content_creator, { submit: true });
    await expectAppError(
      decideStage(V.legal, { postId: plain.postId, revisionId: plain.revisionId, stage: "legal", decision: "approved" }),
      "VALIDATION",
      "stage_not_required",
    );
  });

  it("Legal not required: PR ✓ alone reaches final_review, then SMM ✓ approves", async () => {
    const d = await newPost(V.content_creator, { submit: true });
    const r = await decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
    expect(r.state).toBe("final_review");
    await expectAudit("post.decision", V.pr, d.postId, { fromState: "in_review", toState: "final_review" });
    const view = await getPost(V.content_creator, d.postId);
    expect(view.approvalStatus).toMatchObject({ pr: "approved", legal: "not_required", reviewComplete: true });
    expect(view.approvals).toEqual([expect.objectContaining({ stage: "pr", decision: "approved", reviewerId: V.pr.id, reviewerName: "pr person" })]);
    expect(
      (await decideStage(V.social_media_manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" })).state,
    ).toBe("approved");
  });

  it("changes requested needs a reason, sends the post back, and only a new revision can be resubmitted", async () => {
    const d = await newPost(V.content_creator, { submit: true });
    await expectAppError(
      decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "changes_requested" }),
      "VALIDATION",
      "reason_required",
    );
    await expectAppError(
      decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "changes_requested", reason: "  " }),
      "VALIDATION",
      "reason_required",
    );
    const r = await decideStage(V.pr, {
      postId: d.postId,
      revisionId: d.revisionId,
      stage: "pr",
      decision: "changes_requested",
      reason: "発売日の表記を確認してください。",
    });
    expect(r.state).toBe("changes_requested");
    await expectAudit("post.decision", V.pr, d.postId, { decision: "changes_requested", reason: "発売日の表記を確認してください。" });
    await expectAppError(submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId }), "CONFLICT", "invalid_transition");
    const r2 = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "10月1日（火）発売です。" }],
    });
    expect(r2).toMatchObject({ state: "draft", voidedApprovals: 1 });
    expect((await submitForReview(V.content_creator, { postId: d.postId, revisionId: r2.revisionId })).state).toBe("in_review");
  });

  it("PR's rejection (却下) closes the post", async () => {
    const d = await newPost(V.content_creator, { isCommercial: true, text: PR_TEXT, submit: true });
    const r = await decideStage(V.pr, {
      postId: d.postId,
      revisionId: d.revisionId,
      stage: "pr",
      decision: "rejected",
      reason: "ブランド方針に合わないため掲載不可。",
    });
    expect(r.state).toBe("cancelled");
    expect(await stateOf(d.postId)).toBe("cancelled");
  });

  it("Legal's rejection returns the post to its author, recorded as rejected", async () => {
    const d = await newPost(V.content_creator, { isCommercial: true, text: PR_TEXT, submit: true });
    const r = await decideStage(V.legal, {
      postId: d.postId,
      revisionId: d.revisionId,
      stage: "legal",
      decision: "rejected",
      reason: "契約書が未締結のため掲載不可。",
    });
    expect(r.state).toBe("changes_requested");
    expect(await stateOf(d.postId)).toBe("changes_requested");
    const [row] = await db()
      .select({ decision: approvals.decision, reason: approvals.reason })
      .from(approvals)
      .where(and(eq(approvals.revisionId, d.revisionId), eq(approvals.stage, "legal")));
    expect(row).toEqual({ decision: "rejected", reason: "契約書が未締結のため掲載不可。" });
  });

  it("a second decision on the same stage is CONFLICT", async () => {
    const d = await newPost(V.content_creator, { isCommercial: true, text: PR_TEXT, submit: true });
    await decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
    const pr2 = await viewerWith(["pr"]);
    await expectAppError(
      decideStage(pr2, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" }),
      "CONFLICT",
      "already_decided",
    );
    const rows = await db()
      .select({ id: approvals.id })
      .from(approvals)
      .where(and(eq(approvals.revisionId, d.revisionId), eq(approvals.stage, "pr")));
    expect(rows).toHaveLength(1);
  });

  it("a brand rule added mid-review blocks the approval", async () => {
    const d = await newPost(V.content_creator, { submit: true });
    await getDb().execute(
      sql`insert into brand_rules (brand_id, kind, term, note) values (${BRAND_IDS.cafe}, 'banned_term', 'パンプキンラテ', 'テスト: 販売中止')`,
    );
    try {
      const e = await expectAppError(
        decideStage(V.pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" }),
        "VALIDATION",
        "checks_blocking",
      );
      expect(e.fieldErrors?.["variants.0.text"]).toContain("banned_term");
    } finally {
      await getDb().execute(sql`delete from brand_rules where term = 'パンプキンラテ'`);
    }
  });
});

describe("reads: getPost, listRevisions, getRevisionDiff", () => {
  it.each(WHO)("%s: allowed only with post.read", async (who) => {
    const d = await newPost();
    const r2 = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: "第2版" }],
    });
    const calls = [
      getPost(V[who], d.postId),
      listRevisions(V[who], d.postId),
      getRevisionDiff(V[who], { postId: d.postId, fromRevisionId: d.revisionId, toRevisionId: r2.revisionId }),
    ];
    if (who !== "none" && roleHas(who, "post.read")) {
      const [post, revs, diff] = await Promise.all(calls);
      expect((post as { id: string }).id).toBe(d.postId);
      expect(revs).toHaveLength(2);
      expect((diff as { to: { number: number } }).to.number).toBe(2);
    } else {
      for (const c of calls) await expectAppError(c, "FORBIDDEN");
    }
  });

  it("NOT_FOUND for unknown posts and for revisions of another post; VALIDATION for malformed ids", async () => {
    const d = await newPost();
    const other = await newPost();
    await expectAppError(getPost(V.pr, UNKNOWN), "NOT_FOUND");
    await expectAppError(listRevisions(V.pr, UNKNOWN), "NOT_FOUND");
    await expectAppError(getRevisionDiff(V.pr, { postId: UNKNOWN, fromRevisionId: d.revisionId, toRevisionId: d.revisionId }), "NOT_FOUND");
    await expectAppError(getRevisionDiff(V.pr, { postId: d.postId, fromRevisionId: d.revisionId, toRevisionId: other.revisionId }), "NOT_FOUND");
    await expectAppError(getPost(V.pr, "'; drop table posts; --"), "VALIDATION");
  });

  it("getPost returns the DTO: content, hash, targets with channels, approvals with names, recomputed checks", async () => {
    const d = await inFinalReview({ isCommercial: true });
    const post = await getPost(V.legal, d.postId);
    expect(post).toMatchObject({
      id: d.postId,
      brandName: "あおばカフェ",
      title: "秋の新メニュー告知",
      state: "final_review",
      authorId: V.content_creator.id,
      authorName: "content_creator person",
      isCommercial: true,
      requiresLegal: true,
      currentRevision: { id: d.revisionId, number: 1, contentHash: d.contentHash },
    });
    expect(post.currentRevision?.content.variants[0]?.text).toBe(PR_TEXT);
    expect(post.targets.map((t) => [t.platform, t.handle, t.channelName, t.state])).toEqual([
      ["x", "@aoba_cafe", "あおばカフェ公式", "pending"],
      ["instagram", "aoba.cafe", "あおばカフェ", "pending"],
    ]);
    expect(post.approvals.map((a) => [a.stage, a.decision, a.reviewerName])).toEqual([
      ["pr", "approved", "pr person"],
      ["legal", "approved", "legal person"],
    ]);
    expect(post.checks).toMatchObject({ blocking: false, requiresLegalReview: true, legalReasons: ["commercial"] });
    expect(post.checks?.variants).toHaveLength(2);
    expect(Object.keys(post)).not.toContain("currentRevisionId");
  });

  it("getRevisionDiff shows per-channel line changes, added and removed channels", async () => {
    const d = await newPost();
    const r2 = await saveRevision(V.content_creator, {
      postId: d.postId,
      expectedRevisionId: d.revisionId,
      variants: [
        { channelId: CHANNEL_IDS.cafeX, text: "秋限定のパンプキンラテが本日から登場します。\n全国の店舗でお試しください。" },
        { channelId: CHANNEL_IDS.cafeLine, text: "LINE限定クーポン配布中" },
      ],
    });
    const diff = await getRevisionDiff(V.pr, { postId: d.postId, fromRevisionId: d.revisionId, toRevisionId: r2.revisionId });
    expect(diff.from.number).toBe(1);
    expect(diff.to.number).toBe(2);
    const byChannel = Object.fromEntries(diff.variants.map((v) => [v.channelId, v]));
    expect(byChannel[CHANNEL_IDS.cafeX]).toMatchObject({
      status: "changed",
      lines: [
        { op: "equal", text: "秋限定のパンプキンラテが本日から登場します。" },
        { op: "del", text: "ぜひお近くの店舗でお試しください。" },
        { op: "add", text: "全国の店舗でお試しください。" },
      ],
    });
    expect(byChannel[CHANNEL_IDS.cafeLine]?.status).toBe("added");
    expect(byChannel[CHANNEL_IDS.cafeInstagram]?.status).toBe("removed");
    const same = await getRevisionDiff(V.pr, { postId: d.postId, fromRevisionId: r2.revisionId, toRevisionId: r2.revisionId });
    expect(same.variants.every((v) => v.status === "unchanged")).toBe(true);
  });
});

describe("a failure inside the transaction leaves neither the change nor the audit row", () => {
  async function withFailingAuditInsert(fn: () => Promise<void>) {
    await db().execute(
      sql.raw(
        `create or replace function test_fail_audit() returns trigger language plpgsql as $$ begin raise exception 'forced audit failure'; end $$`,
      ),
    );
    await db().execute(sql.raw(`create trigger test_fail_audit before insert on audit_events for each row execute function test_fail_audit()`));
    try {
      await fn();
    } finally {
      await db().execute(sql.raw(`drop trigger test_fail_audit on audit_events`));
    }
  }
  const forced = { cause: { message: expect.stringMatching(/forced audit failure/) } };

  it("createDraft, saveRevision, submitForReview, decideStage", async () => {
    const toEdit = await newPost();
    const toSubmit = await newPost();
    const toDecide = await newPost(V.content_creator, { submit: true });
    const before = await countRows();
    const audits = await auditCount();
    await withFailingAuditInsert(async () => {
      await expect(createDraft(V.content_creator, cafeDraft())).rejects.toMatchObject(forced);
      await expect(
        saveRevision(V.content_creator, {
          postId: toEdit.postId,
          expectedRevisionId: toEdit.revisionId,
          variants: [{ channelId: CHANNEL_IDS.cafeX, text: "保存されない" }],
        }),
      ).rejects.toMatchObject(forced);
      await expect(submitForReview(V.content_creator, { postId: toSubmit.postId, revisionId: toSubmit.revisionId })).rejects.toMatchObject(forced);
      await expect(
        decideStage(V.pr, { postId: toDecide.postId, revisionId: toDecide.revisionId, stage: "pr", decision: "approved" }),
      ).rejects.toMatchObject(forced);
    });
    expect(await countRows()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect(await stateOf(toSubmit.postId)).toBe("draft");
    expect(await stateOf(toDecide.postId)).toBe("in_review");
    const [cur] = await db().select({ cur: posts.currentRevisionId }).from(posts).where(eq(posts.id, toEdit.postId));
    expect(cur!.cur).toBe(toEdit.revisionId);
  });
});

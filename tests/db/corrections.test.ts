/**
 * Corrections, apologies, retractions and holding statements on real PostgreSQL
 * (lib/dal/corrections.ts), through the fast lane of the triple check (posts.ts, review-queue.ts):
 * only from a published post, by PR (and the manager), linked both ways, audited; PR, Legal and
 * the manager approve in parallel; nobody approves their own draft.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { corrections, posts, postTargets, publications } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { createScheduledPosts } from "@/db/seed/publishing-factories";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import {
  createCorrection,
  createStatement,
  getPostHistory,
  listCorrectablePosts,
  listCrisisCommunications,
  type CreateCorrectionInput,
} from "@/lib/dal/corrections";
import { createDraft, decideStage, getPost, saveRevision, submitForReview } from "@/lib/dal/posts";
import { listReviewQueue } from "@/lib/dal/review-queue";
import { auditCount, lastAudit, ROLES, viewerWith, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
let PR2: Viewer;
let SMM2: Viewer;
const db = () => getDb();
const WHO = [...ROLES, "none"] as const;
const MIN = 60_000;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
  PR2 = await viewerWith(["pr"], { name: "二人目の広報" });
  SMM2 = await viewerWith(["social_media_manager"], { name: "二人目のマネージャー" });
});

async function expectAppError(p: Promise<unknown>, code: string, message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

/** A post that went out on X and Instagram (as the publisher leaves it). */
async function publishedPost(o: { published?: boolean } = {}) {
  const [p] = await createScheduledPosts(db(), [
    {
      brandId: BRAND_IDS.cafe,
      channelIds: [CHANNEL_IDS.cafeX, CHANNEL_IDS.cafeInstagram],
      authorId: V.content_creator.id,
      prReviewerId: V.pr.id,
      finalReviewerId: V.social_media_manager.id,
      slotAt: new Date(Date.now() + 60 * MIN),
      title: "桜ラテ発売のお知らせ",
      text: "春の新作「桜ラテ」は全店で4月1日から販売します!",
    },
  ]);
  if (o.published === false) return p!;
  const at = new Date(Date.now() - 2 * 60 * MIN);
  await db().update(posts).set({ state: "published" }).where(eq(posts.id, p!.postId));
  for (const [i, targetId] of p!.targetIds.entries()) {
    // X went out; Instagram went out too unless told otherwise below.
    await db().update(postTargets).set({ state: "published" }).where(eq(postTargets.id, targetId));
    await db().insert(publications).values({ targetId, state: "published", externalId: `ext-${targetId.slice(0, 8)}`, externalUrl: `https://example.test/${i}`, publishedAt: at, attempts: 1 });
  }
  return p!;
}

function correctionInput(originalPostId: string, o: Partial<CreateCorrectionInput> = {}): CreateCorrectionInput {
  return {
    originalPostId,
    kind: "correction",
    originalAction: "keep",
    publishAs: "reply",
    title: "【訂正】桜ラテ発売のお知らせ",
    variants: [{ channelId: CHANNEL_IDS.cafeX, text: "【訂正とお詫び】4月1日の投稿内容に誤りがありました。\n誤:全店で4月1日から販売\n正:都内10店舗で4月8日から販売\n深くお詫び申し上げます。" }],
    ...o,
  };
}

describe("createCorrection", () => {
  it.each(WHO)("%s: allowed only with correction.create; linked and audited", async (who) => {
    const orig = await publishedPost();
    const countCorrections = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(corrections))[0]!.n;
    // counted before the call: a refusal is synchronous enough to reject before a later await could attach a handler
    const before = await countCorrections();
    const p = createCorrection(V[who], correctionInput(orig.postId));
    if (who !== "none" && roleHas(who, "correction.create")) {
      const c = await p;
      expect(c).toMatchObject({ state: "draft" });
      const [row] = await db().select().from(corrections).where(eq(corrections.newPostId, c.postId));
      expect(row).toMatchObject({ originalPostId: orig.postId, kind: "correction", originalAction: "keep", publishAs: "reply", createdById: V[who].id, originalActionDoneAt: null });
      const [post] = await db().select({ kind: posts.kind, authorId: posts.authorId, requiresLegal: posts.requiresLegal, brandId: posts.brandId, isCommercial: posts.isCommercial }).from(posts).where(eq(posts.id, c.postId));
      expect(post).toEqual({ kind: "correction", authorId: V[who].id, requiresLegal: true, brandId: BRAND_IDS.cafe, isCommercial: false });
      const a = await lastAudit();
      expect(a).toMatchObject({ action: "correction.created", actorId: V[who].id, subjectType: "post", subjectId: orig.postId });
      expect(a!.data).toMatchObject({ correctionId: c.correctionId, newPostId: c.postId, kind: "correction", publishAs: "reply", originalAction: "keep" });
    } else {
      await expectAppError(p, "FORBIDDEN");
      expect(await countCorrections()).toBe(before);
    }
  });

  it("only from a published post: anything else is CONFLICT and nothing is created", async () => {
    const notYet = await publishedPost({ published: false });
    const d = await createDraft(V.content_creator, { brandId: BRAND_IDS.cafe, title: "下書き", isCommercial: false, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "下書きです" }] });
    const audits = await auditCount();
    await expectAppError(createCorrection(V.pr, correctionInput(notYet.postId)), "CONFLICT", "original_not_published");
    await expectAppError(createCorrection(V.pr, correctionInput(d.postId)), "CONFLICT", "original_not_published");
    expect(await auditCount()).toBe(audits);
  });

  it("unknown original → NOT_FOUND; malformed input → VALIDATION; only the original's channels; a reply needs the original's publication there", async () => {
    const orig = await publishedPost();
    await expectAppError(createCorrection(V.pr, correctionInput("00000000-0000-4000-8000-000000000000")), "NOT_FOUND");
    await expectAppError(createCorrection(V.pr, { ...correctionInput(orig.postId), kind: "statement" as "correction" }), "VALIDATION");
    await expectAppError(createCorrection(V.pr, { ...correctionInput(orig.postId), originalAction: "burn" as "keep" }), "VALIDATION");
    await expectAppError(createCorrection(V.pr, { ...correctionInput(orig.postId), title: "  " }), "VALIDATION");
    await expectAppError(createCorrection(V.pr, { ...correctionInput(orig.postId), variants: [] }), "VALIDATION");
    const e = await expectAppError(
      createCorrection(V.pr, correctionInput(orig.postId, { variants: [{ channelId: CHANNEL_IDS.cafeLine, text: "LINE で訂正" }] })),
      "VALIDATION",
      "not_original_channel",
    );
    expect(e.fieldErrors).toEqual({ "variants.0.channelId": ["not_original_channel"] });
    // Instagram did not go out: a reply there has nothing to answer; a new post is fine.
    const [ig] = orig.targetIds.slice(1);
    await db().update(publications).set({ state: "failed" }).where(eq(publications.targetId, ig!));
    await expectAppError(
      createCorrection(V.pr, correctionInput(orig.postId, { variants: [{ channelId: CHANNEL_IDS.cafeInstagram, text: "訂正します" }] })),
      "VALIDATION",
      "no_publication",
    );
    const ok = await createCorrection(V.pr, correctionInput(orig.postId, { publishAs: "new_post", originalAction: "keep", variants: [{ channelId: CHANNEL_IDS.cafeInstagram, text: "訂正します" }] }));
    expect(ok.state).toBe("draft");
  });

  it("hiding or deleting the original needs a channel whose connector can take a post down: Instagram media cannot be (VALIDATION, nothing written)", async () => {
    const orig = await publishedPost();
    const history = await getPostHistory(V.pr, orig.postId);
    expect(Object.fromEntries(history.publications.map((p) => [p.platform, p.removable]))).toEqual({ x: true, instagram: false });
    const igOnly = { publishAs: "new_post" as const, variants: [{ channelId: CHANNEL_IDS.cafeInstagram, text: "訂正します" }] };
    const countCorrections = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(corrections))[0]!.n;
    const before = { n: await countCorrections(), audits: await auditCount() };
    for (const originalAction of ["hide", "delete"] as const) {
      const e = await expectAppError(createCorrection(V.pr, correctionInput(orig.postId, { ...igOnly, originalAction })), "VALIDATION", "original_action_unsupported");
      expect(e.fieldErrors).toEqual({ originalAction: ["original_action_unsupported"] });
    }
    expect(await countCorrections()).toBe(before.n);
    expect(await auditCount()).toBe(before.audits);
    // With X as well, the original is deleted where the connector can (X, sandbox); Instagram is the person's to do in the app.
    const both = await createCorrection(
      V.pr,
      correctionInput(orig.postId, { originalAction: "delete", variants: [{ channelId: CHANNEL_IDS.cafeX, text: "【訂正】販売日は4月8日です" }, { channelId: CHANNEL_IDS.cafeInstagram, text: "【訂正】販売日は4月8日です" }] }),
    );
    const [row] = await db().select({ action: corrections.originalAction }).from(corrections).where(eq(corrections.id, both.correctionId!));
    expect(row!.action).toBe("delete");
  });

  it("one open correction of a kind per original: a second is CONFLICT, another kind is fine, and after it is done a new one may start", async () => {
    const orig = await publishedPost();
    const first = await createCorrection(V.pr, correctionInput(orig.postId));
    await expectAppError(createCorrection(V.social_media_manager, correctionInput(orig.postId)), "CONFLICT", "correction_in_progress");
    const apology = await createCorrection(V.social_media_manager, correctionInput(orig.postId, { kind: "apology", title: "【お詫び】桜ラテ" }));
    expect(apology.postId).not.toBe(first.postId);
    await db().update(posts).set({ state: "published" }).where(eq(posts.id, first.postId));
    const again = await createCorrection(V.pr, correctionInput(orig.postId));
    expect(again.postId).not.toBe(first.postId);
  });

  it("two PR people starting the same correction at once: one draft, one CONFLICT", async () => {
    const orig = await publishedPost();
    const results = await Promise.allSettled([createCorrection(V.pr, correctionInput(orig.postId)), createCorrection(PR2, correctionInput(orig.postId))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT", message: "correction_in_progress" });
  });
});

describe("checks for a correction", () => {
  it("as a reply it needs no media of its own; as a new Instagram post it does", async () => {
    const orig = await publishedPost();
    const ig = [{ channelId: CHANNEL_IDS.cafeInstagram, text: "【訂正とお詫び】4月1日の投稿に誤りがありました。正しくは4月8日からです。" }];
    const reply = await createCorrection(V.pr, correctionInput(orig.postId, { variants: ig }));
    expect(await submitForReview(V.pr, { postId: reply.postId, revisionId: reply.revisionId })).toMatchObject({ state: "in_review" });
    expect((await getPost(V.pr, reply.postId)).checks?.blocking).toBe(false);
    const post = await createCorrection(V.pr, correctionInput(orig.postId, { kind: "apology", title: "【お詫び】", publishAs: "new_post", variants: ig }));
    const e = await expectAppError(submitForReview(V.pr, { postId: post.postId, revisionId: post.revisionId }), "VALIDATION", "checks_blocking");
    expect(e.fieldErrors?.["variants.0.text"]).toContain("media_required");
  });
});

describe("the fast lane", () => {
  async function submitted() {
    const orig = await publishedPost();
    const c = await createCorrection(V.pr, correctionInput(orig.postId));
    // PR submits their own correction without post.submit (correction.create covers their fast-lane posts).
    expect(roleHas("pr", "post.submit")).toBe(false);
    expect(await submitForReview(V.pr, { postId: c.postId, revisionId: c.revisionId })).toMatchObject({ state: "in_review" });
    return { orig, c };
  }

  it("PR, Legal and the manager's final stage are all open at once; the queues show it, fast lane first", async () => {
    const { c } = await submitted();
    for (const [v, stage] of [
      [PR2, "pr"],
      [V.legal, "legal"],
      [V.social_media_manager, "final"],
    ] as const) {
      const q = await listReviewQueue(v, stage);
      const item = q.find((i) => i.postId === c.postId);
      expect(item, stage).toMatchObject({ fastLane: true, kind: "correction", requiresLegal: true });
      expect(q[0]!.fastLane).toBe(true);
    }
    const a = await lastAudit();
    expect(a).toMatchObject({ action: "post.submitted" });
    expect(a!.data).toMatchObject({ fastLane: true, requiresLegal: true });
  });

  it("approved only when all three approved, in any order; the third decision approves it", async () => {
    const { c } = await submitted();
    const decide = (v: Viewer, stage: "pr" | "legal" | "final") => decideStage(v, { postId: c.postId, revisionId: c.revisionId, stage, decision: "approved" });
    expect((await decide(V.social_media_manager, "final")).state).toBe("in_review");
    expect((await listReviewQueue(V.social_media_manager, "final")).some((i) => i.postId === c.postId)).toBe(false);
    expect((await decide(V.legal, "legal")).state).toBe("in_review");
    expect((await decide(PR2, "pr")).state).toBe("approved");
    expect((await getPost(V.pr, c.postId)).approvalStatus).toMatchObject({ fullyApproved: true, pr: "approved", legal: "approved", final: "approved" });
  });

  it("the three decisions in parallel: all recorded, the post approved exactly once", async () => {
    const { c } = await submitted();
    const results = await Promise.all([
      decideStage(PR2, { postId: c.postId, revisionId: c.revisionId, stage: "pr", decision: "approved" }),
      decideStage(V.legal, { postId: c.postId, revisionId: c.revisionId, stage: "legal", decision: "approved" }),
      decideStage(V.social_media_manager, { postId: c.postId, revisionId: c.revisionId, stage: "final", decision: "approved" }),
    ]);
    expect(results.filter((r) => r.state === "approved")).toHaveLength(1);
    const [row] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, c.postId));
    expect(row!.state).toBe("approved");
  });

  it("nobody approves their own draft: the PR author cannot take the PR stage; another PR person can", async () => {
    const { c } = await submitted();
    await expectAppError(decideStage(V.pr, { postId: c.postId, revisionId: c.revisionId, stage: "pr", decision: "approved" }), "FORBIDDEN", "self_approval");
    // The manager who drafts one cannot give it final approval either.
    const orig = await publishedPost();
    const m = await createCorrection(V.social_media_manager, correctionInput(orig.postId, { kind: "retraction", title: "【撤回】" }));
    await submitForReview(V.social_media_manager, { postId: m.postId, revisionId: m.revisionId });
    await expectAppError(decideStage(V.social_media_manager, { postId: m.postId, revisionId: m.revisionId, stage: "final", decision: "approved" }), "FORBIDDEN", "self_approval");
    expect((await decideStage(SMM2, { postId: m.postId, revisionId: m.revisionId, stage: "final", decision: "approved" })).state).toBe("in_review");
  });

  it("three people: whoever approved one stage cannot approve another", async () => {
    const { c } = await submitted();
    const both = await viewerWith(["pr", "legal"], { name: "広報兼法務" });
    await decideStage(both, { postId: c.postId, revisionId: c.revisionId, stage: "pr", decision: "approved" });
    await expectAppError(decideStage(both, { postId: c.postId, revisionId: c.revisionId, stage: "legal", decision: "approved" }), "FORBIDDEN", "same_reviewer");
  });

  it("the manager can send it back during review; the PR author edits (their own correction only) and resubmits", async () => {
    const { c } = await submitted();
    const back = await decideStage(V.social_media_manager, { postId: c.postId, revisionId: c.revisionId, stage: "final", decision: "changes_requested", reason: "謝罪の主語を会社に" });
    expect(back.state).toBe("changes_requested");
    const r = await saveRevision(V.pr, { postId: c.postId, expectedRevisionId: c.revisionId, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "【訂正とお詫び】当社の4月1日の投稿に誤りがありました。正しくは都内10店舗で4月8日からです。" }] });
    expect(r).toMatchObject({ number: 2, state: "draft" });
    expect(await submitForReview(V.pr, { postId: c.postId, revisionId: r.revisionId })).toMatchObject({ state: "in_review" });
    // PR may not edit or submit an ordinary post, not even one they could see.
    const d = await createDraft(V.content_creator, { brandId: BRAND_IDS.cafe, title: "通常", isCommercial: false, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "通常投稿" }] });
    await expectAppError(saveRevision(V.pr, { postId: d.postId, expectedRevisionId: d.revisionId, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "横取り" }] }), "FORBIDDEN");
    // Nor someone else's correction.
    await expectAppError(saveRevision(PR2, { postId: c.postId, expectedRevisionId: r.revisionId, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "横取り" }] }), "FORBIDDEN");
    // A legal person holds neither post.edit nor correction.create.
    await expectAppError(submitForReview(V.legal, { postId: c.postId, revisionId: r.revisionId }), "FORBIDDEN");
  });
});

describe("createStatement (holding statements)", () => {
  it.each(WHO)("%s: allowed only with statement.manage", async (who) => {
    const p = createStatement(V[who], {
      brandId: BRAND_IDS.foods,
      title: "【お知らせ】一部商品について",
      variants: [{ channelId: CHANNEL_IDS.foodsX, text: "【お知らせ】一部商品について、現在事実関係を確認しております。あおば食品" }],
    });
    if (who !== "none" && roleHas(who, "statement.manage")) {
      const s = await p;
      expect(s).toMatchObject({ state: "draft", correctionId: null });
      const a = await lastAudit();
      expect(a).toMatchObject({ action: "post.created", actorId: V[who].id, subjectId: s.postId });
      expect(a!.data).toMatchObject({ kind: "statement", requiresLegal: true });
      expect(await submitForReview(V[who], { postId: s.postId, revisionId: s.revisionId })).toMatchObject({ state: "in_review" });
      expect((await listReviewQueue(V.social_media_manager, "final")).find((i) => i.postId === s.postId)).toMatchObject({ fastLane: true, kind: "statement" });
    } else await expectAppError(p, "FORBIDDEN");
  });

  it("channels must be active channels of the brand; the brand must exist", async () => {
    await expectAppError(
      createStatement(V.pr, { brandId: BRAND_IDS.foods, title: "t", variants: [{ channelId: CHANNEL_IDS.cafeX, text: "x" }] }),
      "VALIDATION",
      "channel_not_in_brand",
    );
    await expectAppError(
      createStatement(V.pr, { brandId: "00000000-0000-4000-8000-000000000000", title: "t", variants: [{ channelId: CHANNEL_IDS.cafeX, text: "x" }] }),
      "VALIDATION",
      "unknown_brand",
    );
  });
});

describe("history, both ways", () => {
  it("the original lists its corrections with their states; a correction names its original", async () => {
    const orig = await publishedPost();
    const c = await createCorrection(V.pr, correctionInput(orig.postId));
    const a = await createCorrection(V.pr, correctionInput(orig.postId, { kind: "apology", title: "【お詫び】", publishAs: "new_post", originalAction: "delete" }));
    await submitForReview(V.pr, { postId: a.postId, revisionId: a.revisionId });

    const h = await getPostHistory(V.content_creator, orig.postId);
    expect(h).toMatchObject({ postId: orig.postId, state: "published", kind: "post", correctionOf: null });
    expect(h.publishedAt).toBeInstanceOf(Date);
    expect(h.publications.map((p) => p.publicationState)).toEqual(["published", "published"]);
    expect(h.corrections.map((x) => [x.kind, x.newPostId, x.newState, x.publishAs, x.originalAction])).toEqual([
      ["correction", c.postId, "draft", "reply", "keep"],
      ["apology", a.postId, "in_review", "new_post", "delete"],
    ]);
    const back = await getPostHistory(V.legal, c.postId);
    expect(back.correctionOf).toMatchObject({ originalPostId: orig.postId, originalTitle: "桜ラテ発売のお知らせ", kind: "correction" });
    expect(back.corrections).toEqual([]);
  });

  it.each(WHO)("%s: reading history needs post.read", async (who) => {
    const orig = await publishedPost();
    const p = getPostHistory(V[who], orig.postId);
    if (who !== "none" && roleHas(who, "post.read")) expect((await p).postId).toBe(orig.postId);
    else await expectAppError(p, "FORBIDDEN");
  });

  it("lists: crisis communications for post.read; correctable (published) posts for correction.create", async () => {
    const orig = await publishedPost();
    const c = await createCorrection(V.pr, correctionInput(orig.postId));
    const comms = await listCrisisCommunications(V.content_creator);
    expect(comms.find((x) => x.postId === c.postId)).toMatchObject({ kind: "correction", originalPostId: orig.postId, originalTitle: "桜ラテ発売のお知らせ", publishAs: "reply", state: "draft" });
    expect(comms.every((x) => x.kind !== "post")).toBe(true);
    await expectAppError(listCrisisCommunications(V.data_analyst), "FORBIDDEN");

    const correctable = await listCorrectablePosts(V.social_media_manager);
    const row = correctable.find((x) => x.postId === orig.postId);
    expect(row).toMatchObject({ corrections: 1, openCorrections: 1, brandName: "あおばカフェ" });
    expect(row!.platforms.sort()).toEqual(["instagram", "x"]);
    for (let i = 1; i < correctable.length; i++) expect(correctable[i - 1]!.publishedAt.getTime()).toBeGreaterThanOrEqual(correctable[i]!.publishedAt.getTime());
    await expectAppError(listCorrectablePosts(V.legal), "FORBIDDEN");
    const [n] = await db().select({ n: sql<number>`count(*)::int` }).from(corrections).where(and(eq(corrections.originalPostId, orig.postId)));
    expect(n!.n).toBe(1);
  });
});

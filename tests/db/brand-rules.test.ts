/**
 * Brand rules and the risk lexicon (lib/dal/brand-rules.ts, lib/dal/risk-lexicon.ts) on real
 * PostgreSQL: who may read and write, validation with nothing stored, duplicates as CONFLICT,
 * audit rows with before/after, and that a change reaches the checks of the next draft/submit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assets, posts } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { createBrandRule, deleteBrandRule, listBrandRules, updateBrandRule } from "@/lib/dal/brand-rules";
import { createRiskTerm, deleteRiskTerm, listRiskTerms, updateRiskTerm } from "@/lib/dal/risk-lexicon";
import { createDraft, submitForReview } from "@/lib/dal/posts";
import { auditCount, lastAudit, ROLES, viewersByRole, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000f0000";
let PHOTO: string;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
  const [photo] = await db()
    .insert(assets)
    .values({ brandId: BRAND_IDS.cafe, kind: "image", storageKey: `test/${crypto.randomUUID()}.jpg`, originalName: "p.jpg", mimeType: "image/jpeg", sizeBytes: 200_000, width: 1080, height: 1350, uploadedById: V.content_creator.id })
    .returning({ id: assets.id });
  PHOTO = photo!.id;
});

async function expectAppError(p: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code, (err as AppError).message).toBe(code);
  return err as AppError;
}

const count = async (table: "brand_rules" | "risk_lexicon") => {
  const [row] = await db().execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return row!.n;
};

function cafeDraft(text: string) {
  return {
    brandId: BRAND_IDS.cafe,
    title: "告知",
    isCommercial: false,
    variants: [
      { channelId: CHANNEL_IDS.cafeX, text },
      { channelId: CHANNEL_IDS.cafeInstagram, text: `${text}\n#あおばカフェ`, mediaAssetIds: [PHOTO] },
    ],
  };
}

const uniq = () => crypto.randomUUID().slice(0, 8);

describe("brand rules", () => {
  it.each(WHO)("%s: reads the rules with post.read or brand_rule.manage", async (who) => {
    const p = listBrandRules(V[who]);
    if (who !== "none" && (roleHas(who, "post.read") || roleHas(who, "brand_rule.manage"))) expect((await p).length).toBeGreaterThan(0);
    else await expectAppError(p, "FORBIDDEN");
  });

  it.each(WHO)("%s: creates, updates and deletes only with brand_rule.manage", async (who) => {
    const before = await count("brand_rules");
    const p = createBrandRule(V[who], { brandId: BRAND_IDS.cafe, kind: "banned_term", term: `禁止${uniq()}` });
    if (who === "social_media_manager") {
      const r = await p;
      expect(r).toMatchObject({ brandId: BRAND_IDS.cafe, kind: "banned_term", replacement: null, note: null });
      expect(r.brandName).toBeTruthy();
      const u = await updateBrandRule(V[who], { id: r.id, brandId: null, kind: "preferred_term", term: r.term, replacement: "言い換え", note: "  メモ " });
      expect(u).toMatchObject({ brandId: null, brandName: null, kind: "preferred_term", replacement: "言い換え", note: "メモ" });
      await deleteBrandRule(V[who], { id: r.id });
      expect(await count("brand_rules")).toBe(before);
    } else {
      await expectAppError(p, "FORBIDDEN");
      const [any] = await listBrandRules(V.social_media_manager);
      await expectAppError(updateBrandRule(V[who], { id: any!.id, kind: "banned_term", term: "x" }), "FORBIDDEN");
      await expectAppError(deleteBrandRule(V[who], { id: any!.id }), "FORBIDDEN");
      expect(await count("brand_rules")).toBe(before);
    }
  });

  it("VALIDATION with nothing stored: empty/long term, unknown kind, replacement on a banned term, unknown brand, extra keys", async () => {
    const m = V.social_media_manager;
    const before = await count("brand_rules");
    const audits = await auditCount();
    await expectAppError(createBrandRule(m, { kind: "banned_term", term: "   " }), "VALIDATION");
    await expectAppError(createBrandRule(m, { kind: "banned_term", term: "あ".repeat(101) }), "VALIDATION");
    await expectAppError(createBrandRule(m, { kind: "nope" as "banned_term", term: "x" }), "VALIDATION");
    const e = await expectAppError(createBrandRule(m, { kind: "banned_term", term: "最高", replacement: "良い" }), "VALIDATION");
    expect(e.fieldErrors?.replacement).toBeTruthy();
    await expectAppError(createBrandRule(m, { brandId: UNKNOWN, kind: "banned_term", term: "x" }), "VALIDATION");
    await expectAppError(createBrandRule(m, { kind: "banned_term", term: "x", extra: 1 } as never), "VALIDATION");
    await expectAppError(updateBrandRule(m, { id: UNKNOWN, kind: "banned_term", term: "x" }), "NOT_FOUND");
    await expectAppError(deleteBrandRule(m, { id: UNKNOWN }), "NOT_FOUND");
    expect(await count("brand_rules")).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it("CONFLICT on the same (brand, kind, term), width and case folded; another brand or kind is fine", async () => {
    const m = V.social_media_manager;
    const t = `Best${uniq()}`;
    const r = await createBrandRule(m, { brandId: BRAND_IDS.cafe, kind: "banned_term", term: t });
    await expectAppError(createBrandRule(m, { brandId: BRAND_IDS.cafe, kind: "banned_term", term: ` ${t.toUpperCase()} ` }), "CONFLICT");
    await createBrandRule(m, { brandId: null, kind: "banned_term", term: t });
    const req = await createBrandRule(m, { brandId: BRAND_IDS.cafe, kind: "required_term", term: t });
    const other = await createBrandRule(m, { brandId: BRAND_IDS.cafe, kind: "banned_term", term: `${t}x` });
    await expectAppError(updateBrandRule(m, { id: other.id, brandId: BRAND_IDS.cafe, kind: "banned_term", term: t }), "CONFLICT");
    await updateBrandRule(m, { id: r.id, brandId: BRAND_IDS.cafe, kind: "banned_term", term: t }); // itself is no duplicate
    await deleteBrandRule(m, { id: req.id }); // a required term would block every later cafe draft
  });

  it("audit rows: created / updated (before and after) / deleted, by the manager, with the request id", async () => {
    const m = V.social_media_manager;
    const r = await createBrandRule(m, { kind: "banned_term", term: `監査${uniq()}`, note: "n" });
    let a = await lastAudit();
    expect(a).toMatchObject({ action: "brand_rule.created", actorId: m.id, subjectType: "brand_rule", subjectId: r.id, requestId: m.requestId });
    expect(a!.data).toMatchObject({ after: { brandId: null, kind: "banned_term", term: r.term, note: "n" } });
    await updateBrandRule(m, { id: r.id, kind: "banned_term", term: `${r.term}2` });
    a = await lastAudit();
    expect(a).toMatchObject({ action: "brand_rule.updated", subjectId: r.id });
    expect(a!.data).toMatchObject({ before: { term: r.term, note: "n" }, after: { term: `${r.term}2`, note: null } });
    await deleteBrandRule(m, { id: r.id });
    a = await lastAudit();
    expect(a).toMatchObject({ action: "brand_rule.deleted", subjectId: r.id });
    expect(a!.data).toMatchObject({ before: { term: `${r.term}2` } });
  });

  it("a new banned term makes submitting a post that contains it fail; deleting the rule lets it through", async () => {
    const word = `ほげ${uniq()}`;
    const d = await createDraft(V.content_creator, cafeDraft(`秋の新作ラテ、 ${word} で登場です。`));
    const rule = await createBrandRule(V.social_media_manager, { brandId: BRAND_IDS.cafe, kind: "banned_term", term: word, note: "景品表示法" });
    await expectAppError(submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId }), "VALIDATION");
    const [p] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, d.postId));
    expect(p!.state).toBe("draft");
    await deleteBrandRule(V.social_media_manager, { id: rule.id });
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId });
    const [p2] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, d.postId));
    expect(p2!.state).toBe("in_review");
  });
});

describe("risk lexicon", () => {
  it.each(WHO)("%s: reads the lexicon with post.read or risk_lexicon.manage", async (who) => {
    const p = listRiskTerms(V[who]);
    if (who !== "none" && (roleHas(who, "post.read") || roleHas(who, "risk_lexicon.manage"))) expect((await p).length).toBeGreaterThan(0);
    else await expectAppError(p, "FORBIDDEN");
  });

  it.each(WHO)("%s: creates, updates and deletes only with risk_lexicon.manage", async (who) => {
    const before = await count("risk_lexicon");
    const p = createRiskTerm(V[who], { term: `語${uniq()}`, lang: "ja", category: "backlash", weight: 5 });
    if (who === "admin") {
      const r = await p;
      expect(r).toMatchObject({ lang: "ja", category: "backlash", weight: 5 });
      const u = await updateRiskTerm(V[who], { id: r.id, term: r.term, lang: "ja", category: "new_category", weight: "7" as unknown as number });
      expect(u).toMatchObject({ category: "new_category", weight: 7 });
      await deleteRiskTerm(V[who], { id: r.id });
      expect(await count("risk_lexicon")).toBe(before);
    } else {
      await expectAppError(p, "FORBIDDEN");
      const [any] = await listRiskTerms(V.admin);
      await expectAppError(updateRiskTerm(V[who], { id: any!.id, term: "x", lang: "en", category: "legal", weight: 1 }), "FORBIDDEN");
      await expectAppError(deleteRiskTerm(V[who], { id: any!.id }), "FORBIDDEN");
      expect(await count("risk_lexicon")).toBe(before);
    }
  });

  it("VALIDATION with nothing stored: term length, language, category slug, weight range and integer", async () => {
    const a = V.admin;
    const before = await count("risk_lexicon");
    const audits = await auditCount();
    const ok = { term: "ok", lang: "en" as const, category: "legal", weight: 5 };
    for (const bad of [
      { ...ok, term: " " },
      { ...ok, term: "x".repeat(51) },
      { ...ok, lang: "fr" as "en" },
      { ...ok, category: "Not A Slug" },
      { ...ok, category: "a".repeat(41) },
      { ...ok, weight: 0 },
      { ...ok, weight: 11 },
      { ...ok, weight: 2.5 },
    ]) {
      await expectAppError(createRiskTerm(a, bad), "VALIDATION");
    }
    expect(await count("risk_lexicon")).toBe(before);
    expect(await auditCount()).toBe(audits);
    await expectAppError(updateRiskTerm(a, { id: UNKNOWN, ...ok }), "NOT_FOUND");
    await expectAppError(deleteRiskTerm(a, { id: UNKNOWN }), "NOT_FOUND");
  });

  it("CONFLICT on the same (term, lang), case and width folded; the other language is fine; audited with before/after", async () => {
    const a = V.admin;
    const t = `Hoax${uniq()}`;
    const r = await createRiskTerm(a, { term: t, lang: "en", category: "legal", weight: 6 });
    expect(await lastAudit()).toMatchObject({ action: "risk_term.created", actorId: a.id, subjectType: "risk_term", subjectId: r.id, requestId: a.requestId });
    await expectAppError(createRiskTerm(a, { term: t.toLowerCase(), lang: "en", category: "legal", weight: 6 }), "CONFLICT");
    await createRiskTerm(a, { term: t, lang: "ja", category: "legal", weight: 6 });
    await updateRiskTerm(a, { id: r.id, term: t, lang: "en", category: "legal", weight: 9 });
    const u = await lastAudit();
    expect(u).toMatchObject({ action: "risk_term.updated", subjectId: r.id });
    expect(u!.data).toMatchObject({ before: { weight: 6 }, after: { weight: 9 } });
    await deleteRiskTerm(a, { id: r.id });
    expect(await lastAudit()).toMatchObject({ action: "risk_term.deleted", subjectId: r.id, data: { before: { term: t, weight: 9 } } });
  });

  it("a new heavy term raises the next draft's risk score and routes it to Legal", async () => {
    const word = `ぼったくり${uniq()}`;
    const text = `秋の新作ラテ、${word}なんて言わせません。`;
    const d1 = await createDraft(V.content_creator, cafeDraft(text));
    const [p1] = await db().select({ riskScore: posts.riskScore, requiresLegal: posts.requiresLegal }).from(posts).where(eq(posts.id, d1.postId));
    expect(p1).toEqual({ riskScore: 0, requiresLegal: false });
    await createRiskTerm(V.admin, { term: word, lang: "ja", category: "backlash", weight: 10 });
    const d2 = await createDraft(V.content_creator, cafeDraft(text));
    const [p2] = await db().select({ riskScore: posts.riskScore, requiresLegal: posts.requiresLegal }).from(posts).where(eq(posts.id, d2.postId));
    expect(p2!.riskScore).toBe(83);
    expect(p2!.requiresLegal).toBe(true);
  });
});

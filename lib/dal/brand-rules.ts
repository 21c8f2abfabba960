import "server-only";
import { and, asc, eq, isNull, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { brandRules, brands } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { BRAND_RULE_KINDS, RULE_LIMITS, termKey } from "@/lib/domain/governance-rules";
import type { BrandRuleKind } from "@/lib/domain/brand-rules";
import { recordAudit } from "./audit";
import { parseInput } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Brand rules (issue 3, DESIGN.md §6): banned, required and preferred terms per brand or
 * company-wide (brandId null). The social media manager (brand_rule.manage) adds, edits and
 * deletes them, audited with before/after; everyone who reads posts (post.read) may read them,
 * since the studio's live checks apply them. The checks read the table directly
 * (posts-shared.ts loadCheckContext), so a change applies at the next save or submit.
 *
 * Decisions:
 * - Duplicates: the same (brand, kind, term) — terms compared NFKC + trimmed + case-insensitive —
 *   is a CONFLICT; a brand rule may repeat a company-wide one (it overrides its note).
 * - replacement belongs to preferred terms only; sending one for another kind is VALIDATION.
 * - Creation is serialised by a transaction-scoped advisory lock, so two managers adding the same
 *   term at once get one row and one CONFLICT (there is no unique index on the table).
 */

const SUBJECT = "brand_rule";

export type BrandRuleDto = {
  id: string;
  brandId: string | null;
  brandName: string | null;
  kind: BrandRuleKind;
  term: string;
  replacement: string | null;
  note: string | null;
  createdAt: Date;
};

const idSchema = z.uuid();
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

const ruleFields = {
  brandId: z
    .union([idSchema, z.literal("")])
    .nullish()
    .transform((v) => (v ? v : null)),
  kind: z.enum(BRAND_RULE_KINDS),
  term: z.string().trim().min(1).max(RULE_LIMITS.termMax),
  replacement: optionalText(RULE_LIMITS.replacementMax),
  note: optionalText(RULE_LIMITS.noteMax),
};

const replacementOnlyForPreferred = (v: { kind: BrandRuleKind; replacement: string | null }, ctx: z.RefinementCtx) => {
  if (v.replacement && v.kind !== "preferred_term") {
    ctx.addIssue({ code: "custom", path: ["replacement"], message: "replacement_only_for_preferred" });
  }
};

export const createBrandRuleSchema = z.strictObject(ruleFields).superRefine(replacementOnlyForPreferred);
export type CreateBrandRuleInput = z.input<typeof createBrandRuleSchema>;
export const updateBrandRuleSchema = z.strictObject({ id: idSchema, ...ruleFields }).superRefine(replacementOnlyForPreferred);
export type UpdateBrandRuleInput = z.input<typeof updateBrandRuleSchema>;
export const deleteBrandRuleSchema = z.strictObject({ id: idSchema });
export type DeleteBrandRuleInput = z.input<typeof deleteBrandRuleSchema>;

const dtoColumns = {
  id: brandRules.id,
  brandId: brandRules.brandId,
  brandName: brands.name,
  kind: brandRules.kind,
  term: brandRules.term,
  replacement: brandRules.replacement,
  note: brandRules.note,
  createdAt: brandRules.createdAt,
};

/** post.read or brand_rule.manage — every rule, company-wide first, then by brand, kind and term. */
export async function listBrandRules(viewer: Viewer): Promise<BrandRuleDto[]> {
  if (!viewer?.permissions.has("brand_rule.manage")) authorize(viewer, "post.read");
  return db
    .select(dtoColumns)
    .from(brandRules)
    .leftJoin(brands, eq(brands.id, brandRules.brandId))
    .orderBy(sql`${brandRules.brandId} is not null`, asc(brands.name), asc(brandRules.kind), asc(brandRules.term), asc(brandRules.id))
    .limit(2000);
}

type RuleValues = { brandId: string | null; kind: BrandRuleKind; term: string; replacement: string | null; note: string | null };

async function checkRule(tx: Tx, v: RuleValues, exceptId?: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('brand_rules'))`);
  if (v.brandId) {
    const [b] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, v.brandId)).limit(1);
    if (!b) throw new AppError("VALIDATION", "unknown_brand", { brandId: ["unknown_brand"] });
  }
  const conds: (SQL | undefined)[] = [
    v.brandId ? eq(brandRules.brandId, v.brandId) : isNull(brandRules.brandId),
    eq(brandRules.kind, v.kind),
    exceptId ? ne(brandRules.id, exceptId) : undefined,
  ];
  const same = await tx.select({ id: brandRules.id, term: brandRules.term }).from(brandRules).where(and(...conds));
  if (same.some((r) => termKey(r.term) === termKey(v.term))) {
    throw new AppError("CONFLICT", "duplicate_rule", { term: ["duplicate_rule"] });
  }
}

const auditView = (r: RuleValues) => ({ brandId: r.brandId, kind: r.kind, term: r.term, replacement: r.replacement, note: r.note });

async function dtoById(tx: Tx, id: string): Promise<BrandRuleDto> {
  const [dto] = await tx.select(dtoColumns).from(brandRules).leftJoin(brands, eq(brands.id, brandRules.brandId)).where(eq(brandRules.id, id)).limit(1);
  if (!dto) throw new AppError("NOT_FOUND");
  return dto;
}

async function lockRule(tx: Tx, id: string): Promise<RuleValues & { id: string }> {
  const [row] = await tx
    .select({ id: brandRules.id, brandId: brandRules.brandId, kind: brandRules.kind, term: brandRules.term, replacement: brandRules.replacement, note: brandRules.note })
    .from(brandRules)
    .where(eq(brandRules.id, id))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** brand_rule.manage — a new rule; audited brand_rule.created. */
export async function createBrandRule(viewer: Viewer, input: CreateBrandRuleInput): Promise<BrandRuleDto> {
  authorize(viewer, "brand_rule.manage");
  const v = parseInput(createBrandRuleSchema, input);
  return db.transaction(async (tx) => {
    await checkRule(tx, v);
    const [row] = await tx.insert(brandRules).values(v).returning({ id: brandRules.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "brand_rule.created",
      subjectType: SUBJECT,
      subjectId: row!.id,
      data: { after: auditView(v) },
      requestId: viewer.requestId,
    });
    return dtoById(tx, row!.id);
  });
}

/** brand_rule.manage — changes a rule (any field); audited brand_rule.updated with before and after. */
export async function updateBrandRule(viewer: Viewer, input: UpdateBrandRuleInput): Promise<BrandRuleDto> {
  authorize(viewer, "brand_rule.manage");
  const { id, ...v } = parseInput(updateBrandRuleSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockRule(tx, id);
    await checkRule(tx, v, id);
    await tx.update(brandRules).set(v).where(eq(brandRules.id, id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "brand_rule.updated",
      subjectType: SUBJECT,
      subjectId: id,
      data: { before: auditView(before), after: auditView(v) },
      requestId: viewer.requestId,
    });
    return dtoById(tx, id);
  });
}

/** brand_rule.manage — removes a rule; audited brand_rule.deleted with the whole rule. */
export async function deleteBrandRule(viewer: Viewer, input: DeleteBrandRuleInput): Promise<{ id: string }> {
  authorize(viewer, "brand_rule.manage");
  const { id } = parseInput(deleteBrandRuleSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockRule(tx, id);
    await tx.delete(brandRules).where(eq(brandRules.id, id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "brand_rule.deleted",
      subjectType: SUBJECT,
      subjectId: id,
      data: { before: auditView(before) },
      requestId: viewer.requestId,
    });
    return { id };
  });
}

/** For the rules page's brand picker: every brand, by name (brand_rule.manage). */
export async function listRuleBrands(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  authorize(viewer, "brand_rule.manage");
  return db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.name));
}

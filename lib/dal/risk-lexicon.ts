import "server-only";
import { and, asc, eq, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { riskLexicon } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { CATEGORY_SLUG, LEXICON_LIMITS, RISK_LANGS, termKey } from "@/lib/domain/governance-rules";
import type { RiskLang } from "@/lib/domain/risk";
import { recordAudit } from "./audit";
import { parseInput } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * The backlash-risk lexicon (issue 3): Japanese and English terms with a category and a weight
 * 1…10 (lib/domain/risk.ts scores with them). The admin (risk_lexicon.manage) edits it, audited
 * with before/after; post.read holders may read it (the studio scores drafts live with it).
 * Drafts are re-scored from the table at every save/submit (posts-shared.ts loadCheckContext).
 *
 * Decisions: (term, lang) is unique — compared NFKC + trimmed + case-insensitive — else CONFLICT;
 * a category is one of lib/domain/governance-rules.ts RISK_CATEGORIES or any new lower-case slug.
 */

const SUBJECT = "risk_term";

export type RiskTermDto = { id: string; term: string; lang: RiskLang; category: string; weight: number; createdAt: Date };

const idSchema = z.uuid();
const termFields = {
  term: z.string().trim().min(1).max(LEXICON_LIMITS.termMax),
  lang: z.enum(RISK_LANGS),
  category: z.string().trim().regex(CATEGORY_SLUG, "invalid_category"),
  weight: z.coerce.number().int().min(LEXICON_LIMITS.weightMin).max(LEXICON_LIMITS.weightMax),
};
export const createRiskTermSchema = z.strictObject(termFields);
export type CreateRiskTermInput = z.input<typeof createRiskTermSchema>;
export const updateRiskTermSchema = z.strictObject({ id: idSchema, ...termFields });
export type UpdateRiskTermInput = z.input<typeof updateRiskTermSchema>;
export const deleteRiskTermSchema = z.strictObject({ id: idSchema });
export type DeleteRiskTermInput = z.input<typeof deleteRiskTermSchema>;

const dtoColumns = {
  id: riskLexicon.id,
  term: riskLexicon.term,
  lang: riskLexicon.lang,
  category: riskLexicon.category,
  weight: riskLexicon.weight,
  createdAt: riskLexicon.createdAt,
};

/** risk_lexicon.manage or post.read — the whole lexicon by category, language, heaviest first. */
export async function listRiskTerms(viewer: Viewer): Promise<RiskTermDto[]> {
  if (!viewer?.permissions.has("risk_lexicon.manage")) authorize(viewer, "post.read");
  return db
    .select(dtoColumns)
    .from(riskLexicon)
    .orderBy(asc(riskLexicon.category), asc(riskLexicon.lang), sql`${riskLexicon.weight} desc`, asc(riskLexicon.term), asc(riskLexicon.id))
    .limit(5000);
}

type TermValues = { term: string; lang: RiskLang; category: string; weight: number };

async function checkUnique(tx: Tx, v: TermValues, exceptId?: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('risk_lexicon'))`);
  const conds: (SQL | undefined)[] = [eq(riskLexicon.lang, v.lang), exceptId ? ne(riskLexicon.id, exceptId) : undefined];
  const same = await tx.select({ term: riskLexicon.term }).from(riskLexicon).where(and(...conds));
  if (same.some((r) => termKey(r.term) === termKey(v.term))) throw new AppError("CONFLICT", "duplicate_term", { term: ["duplicate_term"] });
}

const auditView = (r: TermValues) => ({ term: r.term, lang: r.lang, category: r.category, weight: r.weight });

async function lockTerm(tx: Tx, id: string): Promise<TermValues> {
  const [row] = await tx
    .select({ term: riskLexicon.term, lang: riskLexicon.lang, category: riskLexicon.category, weight: riskLexicon.weight })
    .from(riskLexicon)
    .where(eq(riskLexicon.id, id))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** risk_lexicon.manage — a new term; audited risk_term.created. */
export async function createRiskTerm(viewer: Viewer, input: CreateRiskTermInput): Promise<RiskTermDto> {
  authorize(viewer, "risk_lexicon.manage");
  const v = parseInput(createRiskTermSchema, input);
  return db.transaction(async (tx) => {
    await checkUnique(tx, v);
    const [row] = await tx.insert(riskLexicon).values(v).returning(dtoColumns);
    await recordAudit(tx, { actor: actorOf(viewer), action: "risk_term.created", subjectType: SUBJECT, subjectId: row!.id, data: { after: auditView(v) }, requestId: viewer.requestId });
    return row!;
  });
}

/** risk_lexicon.manage — changes a term; audited risk_term.updated with before and after. */
export async function updateRiskTerm(viewer: Viewer, input: UpdateRiskTermInput): Promise<RiskTermDto> {
  authorize(viewer, "risk_lexicon.manage");
  const { id, ...v } = parseInput(updateRiskTermSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockTerm(tx, id);
    await checkUnique(tx, v, id);
    const [row] = await tx.update(riskLexicon).set(v).where(eq(riskLexicon.id, id)).returning(dtoColumns);
    await recordAudit(tx, { actor: actorOf(viewer), action: "risk_term.updated", subjectType: SUBJECT, subjectId: id, data: { before: auditView(before), after: auditView(v) }, requestId: viewer.requestId });
    return row!;
  });
}

/** risk_lexicon.manage — removes a term; audited risk_term.deleted. */
export async function deleteRiskTerm(viewer: Viewer, input: DeleteRiskTermInput): Promise<{ id: string }> {
  authorize(viewer, "risk_lexicon.manage");
  const { id } = parseInput(deleteRiskTermSchema, input);
  return db.transaction(async (tx) => {
    const before = await lockTerm(tx, id);
    await tx.delete(riskLexicon).where(eq(riskLexicon.id, id));
    await recordAudit(tx, { actor: actorOf(viewer), action: "risk_term.deleted", subjectType: SUBJECT, subjectId: id, data: { before: auditView(before) }, requestId: viewer.requestId });
    return { id };
  });
}

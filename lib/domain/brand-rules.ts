/**
 * Brand rules (the brand_rules table's shape) applied to a draft for one brand:
 * - banned_term    found   → blocking (e.g. 日本一, 最安, 絶対に治る — 景品表示法 / 薬機法)
 * - required_term  missing → blocking (e.g. the company name must appear)
 * - preferred_term found   → a suggestion with its replacement (コーヒー豆 → 珈琲豆)
 * Rules with brandId null apply to every brand; a brand's own rule wins over a global rule for the
 * same kind and term (its note is the one shown).
 *
 * Matching (NFKC-normalised, so full-width/half-width variants always meet):
 * - banned and preferred terms: NFKC + case-insensitive + katakana = hiragana + zero-width
 *   characters ignored, to catch variant spellings (シミが消える / しみが消える / ｼﾐが消える).
 * - required terms: NFKC only — width variants are accepted (ＡＢＣ = ABC) but the wording must be
 *   otherwise exact, since a required term is usually a name (「あおば食品」 is not satisfied by
 *   「アオバ食品」, nor "iPhone" by "IPHONE").
 * - Japanese terms match as substrings; a term end that is a Latin letter/digit needs a word
 *   boundary ("best" does not match "bestow"). No English inflection: rules are exact wordings.
 * - A preferred term inside an occurrence of its own replacement is not flagged (term 珈琲,
 *   replacement 珈琲豆: 「珈琲豆」 is already right).
 */
import { findInMapped, mapText, sourceSpan, termRegExp, type NormalizeOptions, type Span } from "./text-length";

export type BrandRuleKind = "banned_term" | "required_term" | "preferred_term";

/** One row of brand_rules (id optional, nullable columns as the database returns them). */
export interface BrandRule {
  id?: string;
  kind: BrandRuleKind;
  term: string;
  replacement?: string | null;
  note?: string | null;
  brandId: string | null;
}

export interface BrandOccurrence extends Span {
  /** As written in the post. */
  text: string;
}

export type BrandFinding =
  | { kind: "banned_term"; severity: "blocking"; ruleId: string | null; term: string; note: string | null; occurrences: BrandOccurrence[] }
  | { kind: "required_term_missing"; severity: "blocking"; ruleId: string | null; term: string; note: string | null }
  | {
      kind: "preferred_term";
      severity: "suggestion";
      ruleId: string | null;
      term: string;
      replacement: string | null;
      note: string | null;
      occurrences: BrandOccurrence[];
    };

export interface BrandRulesResult {
  /** Banned terms first, then missing required terms, then suggestions; each in rule order. */
  findings: BrandFinding[];
  blocking: boolean;
  /** The rules that applied to this brand (after de-duplication). */
  applied: BrandRule[];
}

const LOOSE: NormalizeOptions = { form: "NFKC", lowerCase: true, kana: true, dropFormat: true };
const EXACT: NormalizeOptions = { form: "NFKC", dropFormat: true };

/** The rules that apply to `brandId`: global ones and the brand's own; a brand rule replaces a global one for the same kind+term. */
export function rulesForBrand(rules: readonly BrandRule[], brandId: string | null): BrandRule[] {
  const picked = new Map<string, BrandRule>();
  for (const rule of rules) {
    if (rule.brandId !== null && rule.brandId !== brandId) continue;
    const opts = rule.kind === "required_term" ? EXACT : LOOSE;
    const norm = mapText(rule.term, opts).text.trim();
    if (norm === "") continue;
    const key = `${rule.kind}\u0000${norm}`;
    const existing = picked.get(key);
    if (!existing || (existing.brandId === null && rule.brandId !== null)) picked.set(key, rule);
  }
  return [...picked.values()];
}

export function applyBrandRules(text: string, rules: readonly BrandRule[], brandId: string | null): BrandRulesResult {
  const applied = rulesForBrand(rules, brandId);
  const loose = mapText(text, LOOSE);
  const exact = mapText(text, EXACT);

  const occurrencesOf = (term: string, opts: NormalizeOptions): BrandOccurrence[] => {
    const mapped = opts === EXACT ? exact : loose;
    const re = termRegExp(mapText(term, opts).text);
    if (!re) return [];
    return findInMapped(mapped, re).map((s) => {
      const src = sourceSpan(mapped, s.start, s.end);
      return { ...src, text: text.slice(src.start, src.end) };
    });
  };

  const banned: BrandFinding[] = [];
  const missing: BrandFinding[] = [];
  const suggestions: BrandFinding[] = [];
  for (const rule of applied) {
    const ruleId = rule.id ?? null;
    const note = rule.note ?? null;
    if (rule.kind === "banned_term") {
      const occurrences = occurrencesOf(rule.term, LOOSE);
      if (occurrences.length > 0) banned.push({ kind: "banned_term", severity: "blocking", ruleId, term: rule.term, note, occurrences });
    } else if (rule.kind === "required_term") {
      if (occurrencesOf(rule.term, EXACT).length === 0) {
        missing.push({ kind: "required_term_missing", severity: "blocking", ruleId, term: rule.term, note });
      }
    } else {
      const replacement = rule.replacement ?? null;
      const inReplacement = replacement ? occurrencesOf(replacement, LOOSE) : [];
      const occurrences = occurrencesOf(rule.term, LOOSE).filter(
        (o) => !inReplacement.some((r) => r.start <= o.start && o.end <= r.end),
      );
      if (occurrences.length > 0) {
        suggestions.push({ kind: "preferred_term", severity: "suggestion", ruleId, term: rule.term, replacement, note, occurrences });
      }
    }
  }
  const findings = [...banned, ...missing, ...suggestions];
  return { findings, blocking: banned.length > 0 || missing.length > 0, applied };
}

/**
 * Limits and vocabularies of the editable governance tables (brand_rules, risk_lexicon), shared by
 * the DAL's validation and the forms. Pure: no IO. What the fields mean: lib/domain/brand-rules.ts
 * (kinds, matching) and lib/domain/risk.ts (weights 0…10, a weight ≤ 0 is ignored there, so 1…10 here).
 */
import { RISK_WEIGHT_MAX } from "./risk";

export const BRAND_RULE_KINDS = ["banned_term", "required_term", "preferred_term"] as const;
export const RULE_LIMITS = { termMax: 100, replacementMax: 100, noteMax: 500 } as const;

export const LEXICON_LIMITS = { termMax: 50, categoryMax: 40, weightMin: 1, weightMax: RISK_WEIGHT_MAX } as const;
export const RISK_LANGS = ["ja", "en"] as const;
/** The categories the starting lexicon uses (db/seed/demo.ts); an admin may add a new slug. */
export const RISK_CATEGORIES = [
  "food_safety",
  "disaster",
  "accident",
  "discrimination",
  "backlash",
  "boycott",
  "legal",
  "privacy",
  "complaint",
] as const;
/** A free category: lower-case slug, a letter first. */
export const CATEGORY_SLUG = /^[a-z][a-z0-9_]{0,39}$/;

/** The key two rows collide on: NFKC, trimmed, lower-case (ﾘｺｰﾙ and リコール, "Scam" and "scam" are the same term). */
export function termKey(term: string): string {
  return term.normalize("NFKC").trim().toLowerCase();
}

import type { EntryPoint } from "./matrix";

/**
 * Brand rules (manager) and the risk lexicon (admin). Callers: SMM CM CR PR LG DA AO AD N X.
 * The default sample `{}` fails validation after authorization; tests/db/brand-rules.test.ts covers the DAL.
 */
export const RULES_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/manager/brand-rules/actions.ts#createBrandRuleAction", permission: "brand_rule.manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/manager/brand-rules/actions.ts#updateBrandRuleAction", permission: "brand_rule.manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/manager/brand-rules/actions.ts#deleteBrandRuleAction", permission: "brand_rule.manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/admin/lexicon/actions.ts#createRiskTermAction", permission: "risk_lexicon.manage", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/lexicon/actions.ts#updateRiskTermAction", permission: "risk_lexicon.manage", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/lexicon/actions.ts#deleteRiskTermAction", permission: "risk_lexicon.manage", outcomes: "FFFFFFFAFU" },
];

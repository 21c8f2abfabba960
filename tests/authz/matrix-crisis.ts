import type { EntryPoint } from "./matrix";

/**
 * Entry points of crisis mode and of corrections / statements. The default sample `{}` fails
 * validation after authorization, so calling them as an allowed caller changes nothing.
 * Crisis mode: the manager and PR (crisis.manage); statements: PR (statement.manage);
 * corrections: the manager and PR (correction.create; the DAL allows editing only one's own).
 */
export const CRISIS_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/crisis/actions.ts#startCrisisAction", permission: "crisis.manage", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/crisis/actions.ts#endCrisisAction", permission: "crisis.manage", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/crisis/actions.ts#resolveHeldAction", permission: "crisis.manage", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/crisis/actions.ts#createStatementAction", permission: "statement.manage", outcomes: "FFFAFFFFFU" },
  { id: "action app/(portal)/corrections/actions.ts#createCorrectionAction", permission: "correction.create", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/corrections/actions.ts#saveCorrectionAction", permission: "correction.create", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/corrections/actions.ts#submitCorrectionAction", permission: "correction.create", outcomes: "AFFAFFFFFU" },
  { id: "action app/(portal)/corrections/actions.ts#publishAsapAction", permission: "post.schedule", outcomes: "AFFFFFFFFU" },
];

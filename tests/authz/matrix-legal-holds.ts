import type { EntryPoint } from "./matrix";

/**
 * Legal holds, Legal's policies and evidence packs. Callers: SMM CM CR PR LG DA AO AD N X.
 * Holds and policies: Legal only (legal_hold.manage, legal_policy.manage); the default sample `{}`
 * fails validation after authorization. Evidence packs: Legal and the manager (evidence.export);
 * the URL names no post or reply, so an allowed caller gets 404 and nothing is exported.
 * tests/db/legal-holds.test.ts and tests/db/evidence-pack.test.ts cover the DAL per role.
 */
const NO_SUCH = "00000000-0000-4000-8000-000000000000";
export const LEGAL_HOLDS_ENTRY_POINTS: EntryPoint[] = [
  { id: "action app/(portal)/legal/holds/actions.ts#placeHoldAction", permission: "legal_hold.manage", outcomes: "FFFFAFFFFU" },
  { id: "action app/(portal)/legal/holds/actions.ts#releaseHoldAction", permission: "legal_hold.manage", outcomes: "FFFFAFFFFU" },
  { id: "action app/(portal)/legal/rights/actions.ts#updateLegalSettingsAction", permission: "legal_policy.manage", outcomes: "FFFFAFFFFU" },
  { id: "route GET /api/evidence/posts/[file]", permission: "evidence.export", outcomes: "AFFFAFFFFU", url: `/api/evidence/posts/${NO_SUCH}.csv`, publicStatuses: [404] },
  { id: "route GET /api/evidence/replies/[file]", permission: "evidence.export", outcomes: "AFFFAFFFFU", url: `/api/evidence/replies/${NO_SUCH}.pdf`, publicStatuses: [404] },
];

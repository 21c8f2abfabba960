/**
 * The authorization matrix: every public entry point of the app (route handler methods and
 * exported Server Actions) × every kind of caller → the expected outcome. Checked in on
 * purpose: adding an endpoint fails tests/unit/authz-inventory.test.ts until it is listed
 * here, and e2e/authz-matrix.spec.ts then calls each one over HTTP as each caller.
 *
 * Callers (columns, in order):
 *   SMM CM CR PR LG DA AO AD  — the eight roles (demo people manager … admin)
 *   N                         — signed in with no role (newcomer)
 *   X                         — anonymous (no session)
 * Outcomes: A = allowed (authorization passes; the sample input may still be refused as
 *           VALIDATION, and changes nothing), F = FORBIDDEN, U = UNAUTHENTICATED,
 *           P = public (no authorization needed).
 */
import { STUDIO_ENTRY_POINTS } from "./matrix-studio";
import { REVIEW_ENTRY_POINTS } from "./matrix-review";
import { PUBLISHING_ENTRY_POINTS } from "./matrix-publishing";
import { ASSET_ENTRY_POINTS } from "./matrix-assets";
import { CALENDAR_ENTRY_POINTS } from "./matrix-calendar";
import { NOTIFICATION_ENTRY_POINTS } from "./matrix-notifications";
import { CRISIS_ENTRY_POINTS } from "./matrix-crisis";
import { COMMENT_ENTRY_POINTS } from "./matrix-comments";
import { RULES_ENTRY_POINTS } from "./matrix-rules";
import { ADS_ENTRY_POINTS } from "./matrix-ads";
import { ANALYTICS_UI_ENTRY_POINTS } from "./matrix-analytics";
import { LEGAL_HOLDS_ENTRY_POINTS } from "./matrix-legal-holds";
import { LEGAL_QUEUE_ENTRY_POINTS } from "./matrix-legal-queue";
import { INBOX_REPLIES_ENTRY_POINTS } from "./matrix-inbox-replies";
import { INBOX_INGEST_ENTRY_POINTS } from "./matrix-inbox-ingest";
import { INBOX_ENTRY_POINTS } from "./matrix-inbox";

export const CALLERS = ["manager", "community", "creator", "pr", "legal", "analyst", "adops", "admin", "newcomer", "anonymous"] as const;
export type Caller = (typeof CALLERS)[number];
export type Outcome = "A" | "F" | "U" | "P";

export type EntryPoint = {
  /** "route METHOD /path" or "action <file>#<export>" */
  id: string;
  /** The permission the wrapper declares (checked against the source). */
  permission: string;
  /** 10 letters, one per caller, in CALLERS order. */
  outcomes: string;
  /** For routes: a concrete URL to call (dynamic segments filled in). */
  url?: string;
  /** Input sent when exercising; the default `{}` fails validation after authorization. */
  sample?: unknown;
  /** Calling it as an allowed caller would end that caller's session: exercise denials only. */
  endsSession?: boolean;
  /** Public routes guarded by other means (a webhook's signature): the statuses an unsigned call gets. */
  publicStatuses?: number[];
};

const CORE_ENTRY_POINTS: EntryPoint[] = [
  // ── route handlers ──
  { id: "route GET /api/health", permission: "public", outcomes: "PPPPPPPPPP" },
  { id: "route GET /api/auth/[...nextauth]", permission: "public", outcomes: "PPPPPPPPPP", url: "/api/auth/providers" },
  { id: "route POST /api/auth/[...nextauth]", permission: "public", outcomes: "PPPPPPPPPP", url: "/api/auth/signout" },
  { id: "route GET /api/admin/audit/export", permission: "audit.export", outcomes: "FFFFFFFAFU" },

  // ── server actions ──
  { id: "action app/(auth)/sign-in/actions.ts#signInAction", permission: "public", outcomes: "PPPPPPPPPP", sample: { callbackUrl: "//evil.example" } },
  { id: "action app/(auth)/sign-in/actions.ts#setGuestLocaleAction", permission: "public", outcomes: "PPPPPPPPPP", sample: { locale: "xx" } },
  { id: "action app/(portal)/actions.ts#signOutAction", permission: "signed-in", outcomes: "AAAAAAAAAU", endsSession: true },
  { id: "action app/(portal)/actions.ts#updateLocaleAction", permission: "profile.update_self", outcomes: "AAAAAAAAAU", sample: { locale: "xx" } },
  { id: "action app/(portal)/admin/actions.ts#grantRoleAction", permission: "user.manage_roles", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/actions.ts#revokeRoleAction", permission: "user.manage_roles", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/actions.ts#deactivateUserAction", permission: "user.deactivate", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/actions.ts#reactivateUserAction", permission: "user.deactivate", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/actions.ts#createGroupMappingAction", permission: "idp_mapping.manage", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/actions.ts#deleteGroupMappingAction", permission: "idp_mapping.manage", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/actions.ts#verifyAuditChainAction", permission: "audit.verify", outcomes: "FFFFFFFAFU", sample: "not-an-object" },
];

/** Every entry point of the app. Workspaces keep their rows in their own files. */
export const ENTRY_POINTS: EntryPoint[] = [...CORE_ENTRY_POINTS, ...ANALYTICS_UI_ENTRY_POINTS, ...LEGAL_HOLDS_ENTRY_POINTS, ...LEGAL_QUEUE_ENTRY_POINTS, ...STUDIO_ENTRY_POINTS, ...REVIEW_ENTRY_POINTS, ...PUBLISHING_ENTRY_POINTS, ...ASSET_ENTRY_POINTS, ...CALENDAR_ENTRY_POINTS, ...NOTIFICATION_ENTRY_POINTS, ...CRISIS_ENTRY_POINTS, ...COMMENT_ENTRY_POINTS, ...RULES_ENTRY_POINTS, ...ADS_ENTRY_POINTS, ...INBOX_INGEST_ENTRY_POINTS, ...INBOX_ENTRY_POINTS, ...INBOX_REPLIES_ENTRY_POINTS];

export function outcomeFor(entry: EntryPoint, caller: Caller): Outcome {
  const i = CALLERS.indexOf(caller);
  const o = entry.outcomes[i];
  if (!o || !"AFUP".includes(o)) throw new Error(`bad outcome for ${entry.id} / ${caller}`);
  return o as Outcome;
}

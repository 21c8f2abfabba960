/**
 * The one permission registry. Code asks `can(viewer, "post.approve_final")`, never for a role name.
 * The UI uses the same registry to hide what a role cannot do, but the DAL is the guard.
 */
import { ROLES } from "./roles";

export type Role = (typeof ROLES)[number];
export { ROLES };

export const PERMISSIONS = [
  // workspaces (landing pages and navigation)
  "workspace.manager",
  "workspace.community",
  "workspace.studio",
  "workspace.pr",
  "workspace.legal",
  "workspace.analytics",
  "workspace.ads",
  "workspace.admin",
  // content
  "post.read",
  "post.create",
  "post.edit",
  "post.submit",
  /** Comment on a revision of a visible post (the thread next to the editor and the review pages). */
  "post.comment",
  "post.review_pr",
  "post.review_legal",
  "post.approve_final",
  "post.schedule",
  /** Set or move the planned slot of a post that is not approved yet (the DAL limits it to one's own posts without post.schedule). */
  "post.plan_slot",
  /** Settle a publication the publisher could not decide (needs_human_check) or that failed: re-check, confirm live, retry, dismiss. */
  "publication.resolve",
  /** See what the sandbox network shows (the simulated timelines the demo publishes to). */
  "sandbox.read",
  "calendar.read",
  "asset.read",
  "asset.upload",
  "brand_rule.manage",
  "blackout.manage",
  "crisis.manage",
  "crisis.read",
  "statement.manage",
  "correction.create",
  // engagement
  "inbox.read",
  "inbox.read_dm",
  "inbox.reply",
  "inbox.assign",
  "inbox.moderate",
  "inbox.escalate",
  "inbox.approve_reply",
  "inbox.policy_manage",
  "saved_reply.manage",
  // legal
  "legal_review.read",
  "legal_review.decide",
  "legal_hold.manage",
  "evidence.export",
  /** Legal's policies: what expired asset rights do to published posts, retention ages. */
  "legal_policy.manage",
  /** File a takedown / copyright complaint for Legal (intake form, or from an inbox item): any staff member. */
  "takedown.create",
  // analytics
  "analytics.read",
  "analytics.export",
  // ads
  "ad_campaign.read",
  "ad_campaign.manage",
  "ad_campaign.launch",
  "ad_budget.approve",
  // administration
  "user.read",
  "user.manage_roles",
  "user.deactivate",
  "idp_mapping.manage",
  "audit.read",
  "audit.export",
  "audit.verify",
  "channel.manage",
  "risk_lexicon.manage",
  "notification_channel.manage",
  // everyone signed in with a role
  "notification.read",
  "profile.update_self",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Held by every role. */
const EVERYONE = ["notification.read", "crisis.read", "profile.update_self", "takedown.create"] as const satisfies readonly Permission[];
/** Held by anyone signed in, even with no role yet (so they can still pick a language). */
export const SIGNED_IN_PERMISSIONS = ["profile.update_self"] as const satisfies readonly Permission[];

export const ROLE_PERMISSIONS = {
  social_media_manager: [
    ...EVERYONE,
    "workspace.manager",
    "post.read",
    "post.approve_final",
    "post.comment",
    "post.schedule",
    "post.plan_slot",
    "publication.resolve",
    "calendar.read",
    "sandbox.read",
    "asset.read",
    "brand_rule.manage",
    "blackout.manage",
    "crisis.manage",
    "correction.create",
    "inbox.read",
    "inbox.approve_reply",
    "inbox.policy_manage",
    "legal_review.read",
    "evidence.export",
    "analytics.read",
    "ad_campaign.read",
    "ad_budget.approve",
  ],
  community_manager: [
    ...EVERYONE,
    "workspace.community",
    "inbox.read",
    "inbox.read_dm",
    "inbox.reply",
    "inbox.assign",
    "inbox.moderate",
    "inbox.escalate",
    "saved_reply.manage",
    "post.read",
    "calendar.read",
    "sandbox.read",
  ],
  content_creator: [
    ...EVERYONE,
    "workspace.studio",
    "post.read",
    "post.create",
    "post.edit",
    "post.submit",
    "post.comment",
    "post.plan_slot",
    "calendar.read",
    "sandbox.read",
    "asset.read",
    "asset.upload",
  ],
  pr: [
    ...EVERYONE,
    "workspace.pr",
    "post.read",
    "post.review_pr",
    "post.comment",
    "calendar.read",
    "sandbox.read",
    "asset.read",
    "blackout.manage",
    "crisis.manage",
    "statement.manage",
    "correction.create",
    "inbox.read",
    "inbox.read_dm",
    "inbox.approve_reply",
  ],
  legal: [
    ...EVERYONE,
    "workspace.legal",
    "post.read",
    "post.review_legal",
    "post.comment",
    "calendar.read",
    "sandbox.read",
    "asset.read",
    "legal_review.read",
    "legal_review.decide",
    "legal_hold.manage",
    "legal_policy.manage",
    "evidence.export",
    "inbox.read",
    "inbox.read_dm",
    "inbox.approve_reply",
  ],
  data_analyst: [...EVERYONE, "workspace.analytics", "analytics.read", "analytics.export", "calendar.read", "sandbox.read"],
  ad_ops: [
    ...EVERYONE,
    "workspace.ads",
    "ad_campaign.read",
    "ad_campaign.manage",
    "ad_campaign.launch",
    "post.read",
    "asset.read",
    "calendar.read",
    "sandbox.read",
  ],
  admin: [
    ...EVERYONE,
    "workspace.admin",
    "user.read",
    "user.manage_roles",
    "user.deactivate",
    "idp_mapping.manage",
    "audit.read",
    "audit.export",
    "audit.verify",
    "channel.manage",
    "risk_lexicon.manage",
    "notification_channel.manage",
  ],
} as const satisfies Record<Role, readonly Permission[]>;

export function permissionsFor(roles: readonly Role[]): ReadonlySet<Permission> {
  const out = new Set<Permission>(SIGNED_IN_PERMISSIONS);
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) out.add(p);
  return out;
}

export function roleHas(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

export function can(viewer: { permissions: ReadonlySet<Permission> } | null | undefined, permission: Permission): boolean {
  return !!viewer && viewer.permissions.has(permission);
}

/** Workspaces in display order, each with the permission that opens it. */
export const WORKSPACES = [
  { key: "manager", path: "/manager", permission: "workspace.manager", role: "social_media_manager" },
  { key: "community", path: "/community", permission: "workspace.community", role: "community_manager" },
  { key: "studio", path: "/studio", permission: "workspace.studio", role: "content_creator" },
  { key: "pr", path: "/pr", permission: "workspace.pr", role: "pr" },
  { key: "legal", path: "/legal", permission: "workspace.legal", role: "legal" },
  { key: "analytics", path: "/analytics", permission: "workspace.analytics", role: "data_analyst" },
  { key: "ads", path: "/ads", permission: "workspace.ads", role: "ad_ops" },
  { key: "admin", path: "/admin", permission: "workspace.admin", role: "admin" },
] as const satisfies readonly { key: string; path: string; permission: Permission; role: Role }[];

export type WorkspaceKey = (typeof WORKSPACES)[number]["key"];

export function workspacesFor(permissions: ReadonlySet<Permission>) {
  return WORKSPACES.filter((w) => permissions.has(w.permission));
}

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}

import { WORKSPACES, type Permission, type WorkspaceKey } from "@/lib/auth/permissions";

/** Per-workspace navigation, filtered by the same permission registry the DAL enforces. */
export type NavItem = { key: string; href: string; permission: Permission };

export const WORKSPACE_NAV: Record<WorkspaceKey, readonly NavItem[]> = {
  manager: [
    { key: "overview", href: "/manager", permission: "workspace.manager" },
    { key: "approvals", href: "/manager/approvals", permission: "post.approve_final" },
    { key: "assets", href: "/assets", permission: "asset.read" },
    { key: "crisis", href: "/crisis", permission: "crisis.manage" },
    { key: "corrections", href: "/corrections", permission: "correction.create" },
    { key: "calendar", href: "/calendar", permission: "calendar.read" },
    { key: "publishing", href: "/manager/publishing", permission: "publication.resolve" },
    { key: "brandRules", href: "/manager/brand-rules", permission: "brand_rule.manage" },
    { key: "adBudgets", href: "/manager/ad-budgets", permission: "ad_budget.approve" },
    { key: "legalQueue", href: "/legal", permission: "legal_review.read" },
    { key: "analytics", href: "/analytics", permission: "analytics.read" },
    { key: "sandbox", href: "/sandbox", permission: "sandbox.read" },
  ],
  community: [
    { key: "overview", href: "/community", permission: "workspace.community" },
    { key: "takedowns", href: "/takedowns", permission: "takedown.create" },
    { key: "calendar", href: "/calendar", permission: "calendar.read" },
  ],
  studio: [
    { key: "overview", href: "/studio", permission: "workspace.studio" },
    { key: "posts", href: "/studio/posts", permission: "post.create" },
    { key: "assets", href: "/studio/assets", permission: "asset.read" },
    { key: "calendar", href: "/calendar", permission: "calendar.read" },
    { key: "sandbox", href: "/sandbox", permission: "sandbox.read" },
  ],
  pr: [
    { key: "overview", href: "/pr", permission: "workspace.pr" },
    { key: "reviews", href: "/pr/reviews", permission: "post.review_pr" },
    { key: "assets", href: "/assets", permission: "asset.read" },
    { key: "crisis", href: "/crisis", permission: "crisis.manage" },
    { key: "corrections", href: "/corrections", permission: "correction.create" },
    { key: "calendar", href: "/calendar", permission: "calendar.read" },
    { key: "sandbox", href: "/sandbox", permission: "sandbox.read" },
  ],
  legal: [
    { key: "legalQueue", href: "/legal", permission: "legal_review.read" },
    { key: "takedowns", href: "/takedowns", permission: "takedown.create" },
    { key: "holds", href: "/legal/holds", permission: "legal_hold.manage" },
    { key: "rights", href: "/legal/rights", permission: "legal_hold.manage" },
    { key: "assets", href: "/assets", permission: "asset.read" },
    { key: "calendar", href: "/calendar", permission: "calendar.read" },
  ],
  analytics: [
    { key: "overview", href: "/analytics", permission: "analytics.read" },
    { key: "trends", href: "/analytics/trends", permission: "analytics.read" },
    { key: "postPerformance", href: "/analytics/posts", permission: "analytics.read" },
    { key: "response", href: "/analytics/response", permission: "analytics.read" },
    { key: "paid", href: "/analytics/paid", permission: "analytics.read" },
    { key: "reports", href: "/analytics/reports", permission: "analytics.read" },
    { key: "calendar", href: "/calendar", permission: "calendar.read" },
  ],
  ads: [
    { key: "overview", href: "/ads", permission: "workspace.ads" },
    { key: "campaigns", href: "/ads/campaigns", permission: "ad_campaign.read" },
    { key: "adPerformance", href: "/ads/performance", permission: "ad_campaign.read" },
    { key: "adRules", href: "/ads/rules", permission: "ad_campaign.read" },
    { key: "assets", href: "/assets", permission: "asset.read" },
    { key: "calendar", href: "/calendar", permission: "calendar.read" },
  ],
  admin: [
    { key: "overview", href: "/admin", permission: "workspace.admin" },
    { key: "users", href: "/admin/users", permission: "user.read" },
    { key: "mappings", href: "/admin/mappings", permission: "idp_mapping.manage" },
    { key: "audit", href: "/admin/audit", permission: "audit.read" },
    { key: "notifications", href: "/admin/notifications", permission: "notification_channel.manage" },
    { key: "lexicon", href: "/admin/lexicon", permission: "risk_lexicon.manage" },
  ],
};

export function workspaceOfPath(pathname: string): WorkspaceKey | null {
  const seg = pathname.split("/")[1] ?? "";
  return (WORKSPACES.find((w) => w.key === seg)?.key as WorkspaceKey | undefined) ?? null;
}

import { WORKSPACES, type Permission, type WorkspaceKey } from "@/lib/auth/permissions";

/** Per-workspace navigation, filtered by the same permission registry the DAL enforces. */
export type NavItem = { key: string; href: string; permission: Permission };

export const WORKSPACE_NAV: Record<WorkspaceKey, readonly NavItem[]> = {
  manager: [
    { key: "overview", href: "/manager", permission: "workspace.manager" },
    { key: "approvals", href: "/manager/approvals", permission: "post.approve_final" },
  ],
  community: [{ key: "overview", href: "/community", permission: "workspace.community" }],
  studio: [
    { key: "overview", href: "/studio", permission: "workspace.studio" },
    { key: "posts", href: "/studio/posts", permission: "post.create" },
  ],
  pr: [
    { key: "overview", href: "/pr", permission: "workspace.pr" },
    { key: "reviews", href: "/pr/reviews", permission: "post.review_pr" },
  ],
  legal: [
    { key: "overview", href: "/legal", permission: "workspace.legal" },
    { key: "reviews", href: "/legal/reviews", permission: "post.review_legal" },
  ],
  analytics: [{ key: "overview", href: "/analytics", permission: "workspace.analytics" }],
  ads: [{ key: "overview", href: "/ads", permission: "workspace.ads" }],
  admin: [
    { key: "overview", href: "/admin", permission: "workspace.admin" },
    { key: "users", href: "/admin/users", permission: "user.read" },
    { key: "mappings", href: "/admin/mappings", permission: "idp_mapping.manage" },
    { key: "audit", href: "/admin/audit", permission: "audit.read" },
  ],
};

export function workspaceOfPath(pathname: string): WorkspaceKey | null {
  const seg = pathname.split("/")[1] ?? "";
  return (WORKSPACES.find((w) => w.key === seg)?.key as WorkspaceKey | undefined) ?? null;
}

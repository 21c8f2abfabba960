import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, can, permissionsFor, roleHas, workspacesFor, type Permission, type Role } from "@/lib/auth/permissions";

/**
 * The expected role × permission matrix, written out independently of the registry.
 * Changing who may do what means changing this table on purpose.
 * Columns: SMM, CM, creator, PR, legal, analyst, ad ops, admin.
 */
const R: Role[] = ["social_media_manager", "community_manager", "content_creator", "pr", "legal", "data_analyst", "ad_ops", "admin"];
const EXPECTED: Record<Permission, string> = {
  "workspace.manager": "X.......",
  "workspace.community": ".X......",
  "workspace.studio": "..X.....",
  "workspace.pr": "...X....",
  "workspace.legal": "....X...",
  "workspace.analytics": ".....X..",
  "workspace.ads": "......X.",
  "workspace.admin": ".......X",
  "post.read": "XXXXX.X.",
  "post.create": "..X.....",
  "post.edit": "..X.....",
  "post.submit": "..X.....",
  "post.comment": "X.XXX...",
  "post.review_pr": "...X....",
  "post.review_legal": "....X...",
  "post.approve_final": "X.......",
  "post.schedule": "X.......",
  "post.plan_slot": "X.X.....",
  "publication.resolve": "X.......",
  "sandbox.read": "XXXXXXX.",
  "calendar.read": "XXXXXXX.",
  "asset.read": "X.XXX.X.",
  "asset.upload": "..X.....",
  "brand_rule.manage": "X.......",
  "blackout.manage": "X..X....",
  "crisis.manage": "X..X....",
  "crisis.read": "XXXXXXXX",
  "statement.manage": "...X....",
  "correction.create": "X..X....",
  "inbox.read": "XX.XX...",
  "inbox.read_dm": ".X.XX...",
  "inbox.reply": ".X......",
  "inbox.assign": ".X......",
  "inbox.moderate": ".X......",
  "inbox.escalate": ".X......",
  "inbox.approve_reply": "X..XX...",
  "inbox.policy_manage": "X.......",
  "saved_reply.manage": ".X......",
  "legal_review.read": "X...X...",
  "legal_review.decide": "....X...",
  "legal_hold.manage": "....X...",
  "evidence.export": "X...X...",
  "legal_policy.manage": "....X...",
  "takedown.create": "XXXXXXXX",
  "analytics.read": "X....X..",
  "analytics.export": ".....X..",
  "ad_campaign.read": "X.....X.",
  "ad_campaign.manage": "......X.",
  "ad_campaign.launch": "......X.",
  "ad_budget.approve": "X.......",
  "user.read": ".......X",
  "user.manage_roles": ".......X",
  "user.deactivate": ".......X",
  "idp_mapping.manage": ".......X",
  "audit.read": ".......X",
  "audit.export": ".......X",
  "audit.verify": ".......X",
  "channel.manage": ".......X",
  "notification_channel.manage": ".......X",
  "risk_lexicon.manage": ".......X",
  "notification.read": "XXXXXXXX",
  "profile.update_self": "XXXXXXXX",
};

describe("permission registry", () => {
  it("the expected table covers exactly the registry's permissions and roles", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
    expect([...R].sort()).toEqual([...ROLES].sort());
  });

  for (const permission of PERMISSIONS) {
    for (const [i, role] of R.entries()) {
      const allowed = EXPECTED[permission][i] === "X";
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(roleHas(role, permission)).toBe(allowed);
        expect(can({ permissions: permissionsFor([role]) }, permission)).toBe(allowed || permission === "profile.update_self");
      });
    }
  }

  it("has no duplicate permission per role", () => {
    for (const role of ROLES) {
      const list = ROLE_PERMISSIONS[role] as readonly string[];
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it("a person with no role can only change their own profile", () => {
    expect([...permissionsFor([])]).toEqual(["profile.update_self"]);
    expect(workspacesFor(permissionsFor([]))).toEqual([]);
  });

  it("several roles combine (union), and each opens its own workspace", () => {
    const p = permissionsFor(["content_creator", "community_manager"]);
    expect(p.has("post.create")).toBe(true);
    expect(p.has("inbox.reply")).toBe(true);
    expect(p.has("post.approve_final")).toBe(false);
    expect(workspacesFor(p).map((w) => w.key)).toEqual(["community", "studio"]);
  });

  it("fails closed for a missing viewer", () => {
    expect(can(null, "post.read")).toBe(false);
    expect(can(undefined, "crisis.read")).toBe(false);
  });

  it("every role opens exactly one workspace of its own", () => {
    for (const role of ROLES) {
      expect(workspacesFor(permissionsFor([role]))).toHaveLength(1);
    }
  });
});

/** The shell's own DAL: viewer loading, preferences, the crisis banner, health. */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { crisisStates, users } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { loadViewer, type Viewer } from "@/lib/dal/viewer";
import { updateMyPreferences } from "@/lib/dal/preferences";
import { listActiveCrises } from "@/lib/dal/crisis";
import { checkHealth } from "@/lib/dal/health";
import { AppError } from "@/lib/errors";
import { ROLES, auditCount, lastAudit, viewersByRole, type Role } from "./helpers";

let v: Record<Role | "none", Viewer>;
beforeAll(async () => {
  v = await viewersByRole();
});

describe("loadViewer", () => {
  it("reads roles and permissions from the database, and nothing for a deactivated or unknown user", async () => {
    const { id } = await createUser(getDb(), { roles: ["pr", "legal"] });
    const viewer = await loadViewer(id, "req-1");
    expect(viewer).toMatchObject({ id, roles: ["legal", "pr"], requestId: "req-1" });
    expect(viewer!.permissions.has("post.review_pr")).toBe(true);
    expect(viewer!.permissions.has("post.review_legal")).toBe(true);
    await getDb().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, id));
    expect(await loadViewer(id)).toBeNull();
    expect(await loadViewer("usr_does_not_exist")).toBeNull();
  });
});

describe("updateMyPreferences (profile.update_self)", () => {
  for (const role of [...ROLES, "none"] as const) {
    it(`${role}: changes only their own language, audited`, async () => {
      const viewer = v[role];
      const n = await auditCount("user.preferences_updated");
      await expect(updateMyPreferences(viewer, { locale: "en" })).resolves.toMatchObject({ locale: "en" });
      const [me] = await getDb().select({ locale: users.locale }).from(users).where(eq(users.id, viewer.id));
      expect(me!.locale).toBe("en");
      expect(await auditCount("user.preferences_updated")).toBe(n + 1);
      expect(await lastAudit()).toMatchObject({ actorId: viewer.id, subjectId: viewer.id });
      await updateMyPreferences(viewer, { locale: "ja" });
    });
  }

  it("refuses an unknown time zone and changes nothing", async () => {
    const viewer = v.pr;
    const n = await auditCount();
    const err = await updateMyPreferences(viewer, { timeZone: "Mars/Olympus" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("VALIDATION");
    const [me] = await getDb().select({ tz: users.timeZone }).from(users).where(eq(users.id, viewer.id));
    expect(me!.tz).toBe("Asia/Tokyo");
    expect(await auditCount()).toBe(n);
  });
});

describe("listActiveCrises (crisis.read)", () => {
  beforeAll(async () => {
    await getDb().insert(crisisStates).values([
      { scope: "all", reason: "地震発生のため全投稿停止", startedById: v.social_media_manager.id },
      { scope: "all", reason: "終了済み", startedById: v.pr.id, endedAt: new Date(), endedById: v.pr.id },
    ]);
  });
  for (const role of ROLES) {
    it(`${role} sees only active crises`, async () => {
      const list = await listActiveCrises(v[role]);
      expect(list.map((c) => c.reason)).toEqual(["地震発生のため全投稿停止"]);
      expect(Object.keys(list[0]!).sort()).toEqual(["brandName", "channelHandle", "id", "reason", "scope", "startedAt"]);
    });
  }
  it("a person with no role is refused", async () => {
    await expect(listActiveCrises(v.none)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("checkHealth", () => {
  it("reports the database as reachable", async () => {
    const h = await checkHealth();
    expect(h.database).toBe("ok");
    expect(h.worker).toBe("unknown");
    expect(h.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe("bootstrapAdminMapping (command line, first run)", () => {
  it("maps the IT group to admin once, audited as the system", async () => {
    const { bootstrapAdminMapping } = await import("@/lib/dal/system");
    const n = await auditCount("idp_mapping.created");
    expect(await bootstrapAdminMapping("Corp-IT-Admins")).toBe("created");
    expect(await bootstrapAdminMapping("corp-it-admins")).toBe("exists");
    expect(await auditCount("idp_mapping.created")).toBe(n + 1);
    expect(await lastAudit()).toMatchObject({ actorId: null, action: "idp_mapping.created" });
    await expect(bootstrapAdminMapping("   ")).rejects.toThrow(/1–200/);
  });
});

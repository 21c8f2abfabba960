/**
 * The admin DAL (lib/dal/admin*.ts) on real PostgreSQL: every function × every role (allowed or
 * FORBIDDEN), NOT_FOUND for missing targets, the audit row of each change, atomicity of change +
 * audit, session ending on deactivation, mapping duplicates and the CSV export.
 * The last-admin guards live in admin-guards.test.ts and the chain tampering in admin-chain.test.ts
 * (each file gets its own database, and those tests need a database of their own shape).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { idpGroupMappings, sessions, userRoles, users } from "@/db/schema";
import { createSession, createUser } from "@/db/seed/factories";
import { AppError } from "@/lib/errors";
import { roleHas, type Permission } from "@/lib/auth/permissions";
import { loadViewer, type Viewer } from "@/lib/dal/viewer";
import {
  AUDIT_CSV_COLUMNS,
  createGroupMapping,
  deactivateUser,
  deleteGroupMapping,
  exportAuditCsv,
  getAdminOverview,
  getUser,
  grantRole,
  listAuditEvents,
  listGroupMappings,
  listUsers,
  reactivateUser,
  revokeRole,
  verifyAuditChain,
} from "@/lib/dal/admin";
import { ADMIN_ERRORS } from "@/lib/dal/admin-errors";
import { verifyChain } from "@/lib/dal/audit";
import { auditCount, lastAudit, ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;

beforeAll(async () => {
  V = await viewersByRole();
});

const db = () => getDb();

async function expectAppError(p: Promise<unknown>, code: AppError["code"], message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

async function expectAudit(o: { action: string; actor: Viewer; subjectType: string; subjectId: string | null; data?: Record<string, unknown> }) {
  const row = await lastAudit();
  expect(row).not.toBeNull();
  expect(row!.action).toBe(o.action);
  expect(row!.actorId).toBe(o.actor.id);
  expect(row!.actorLabel).toBe(o.actor.name);
  expect(row!.subjectType).toBe(o.subjectType);
  expect(row!.subjectId).toBe(o.subjectId);
  expect(row!.requestId).toBe(o.actor.requestId);
  if (o.data) expect(row!.data).toMatchObject(o.data);
}

async function newMapping(groupName = `grp-${crypto.randomUUID()}`, role: Role = "pr") {
  const [row] = await db().insert(idpGroupMappings).values({ groupName, role }).returning({ id: idpGroupMappings.id });
  return row!.id;
}

async function rolesOf(userId: string) {
  return db().select({ role: userRoles.role, source: userRoles.source }).from(userRoles).where(eq(userRoles.userId, userId));
}

async function drain(gen: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const c of gen) out += c;
  return out;
}

/**
 * One entry per DAL function: the permission it needs, and a call that sets up its own target
 * and, when allowed, checks what it did (including the audit row, for changes).
 */
type Spec = { name: string; permission: Permission; mutates: boolean; run: (v: Viewer) => Promise<void> };

const SPECS: Spec[] = [
  {
    name: "listUsers",
    permission: "user.read",
    mutates: false,
    run: async (v) => {
      const { id } = await createUser(db(), { name: "一覧 確認", roles: ["legal"] });
      const r = await listUsers(v, { q: "一覧" });
      const found = r.items.find((u) => u.id === id);
      expect(found).toMatchObject({ id, name: "一覧 確認", isDeactivated: false, activeSessions: 0 });
      expect(found!.roles).toEqual([expect.objectContaining({ role: "legal", source: "idp" })]);
    },
  },
  {
    name: "getUser",
    permission: "user.read",
    mutates: false,
    run: async (v) => {
      const { id } = await createUser(db(), { roles: ["pr"] });
      await createSession(db(), id);
      const u = await getUser(v, id);
      expect(u).toMatchObject({ id, activeSessions: 1 });
      expect(Object.keys(u).sort()).toEqual(["activeSessions", "createdAt", "deactivatedAt", "email", "id", "isDeactivated", "lastSignInAt", "name", "roles"]);
    },
  },
  {
    name: "getAdminOverview",
    permission: "user.read",
    mutates: false,
    run: async (v) => {
      const o = await getAdminOverview(v);
      expect(o.users.total).toBeGreaterThan(0);
      expect(o.roleCounts).toHaveLength(ROLES.length);
    },
  },
  {
    name: "grantRole",
    permission: "user.manage_roles",
    mutates: true,
    run: async (v) => {
      const { id } = await createUser(db());
      expect(await grantRole(v, { userId: id, role: "pr" })).toEqual({ userId: id, role: "pr", source: "manual" });
      expect(await rolesOf(id)).toEqual([{ role: "pr", source: "manual" }]);
      await expectAudit({ action: "user.role_granted", actor: v, subjectType: "user", subjectId: id, data: { role: "pr", source: "manual" } });
    },
  },
  {
    name: "revokeRole",
    permission: "user.manage_roles",
    mutates: true,
    run: async (v) => {
      const { id } = await createUser(db(), { roles: ["pr", "legal"] });
      expect(await revokeRole(v, { userId: id, role: "pr" })).toEqual({ userId: id, role: "pr", source: "idp" });
      expect(await rolesOf(id)).toEqual([{ role: "legal", source: "idp" }]);
      await expectAudit({ action: "user.role_revoked", actor: v, subjectType: "user", subjectId: id, data: { role: "pr", source: "idp" } });
    },
  },
  {
    name: "deactivateUser",
    permission: "user.deactivate",
    mutates: true,
    run: async (v) => {
      const { id } = await createUser(db(), { roles: ["pr"] });
      await createSession(db(), id);
      expect(await deactivateUser(v, { userId: id })).toEqual({ userId: id, sessionsEnded: 1 });
      await expectAudit({ action: "user.deactivated", actor: v, subjectType: "user", subjectId: id, data: { sessionsEnded: 1 } });
    },
  },
  {
    name: "reactivateUser",
    permission: "user.deactivate",
    mutates: true,
    run: async (v) => {
      const { id } = await createUser(db(), { deactivated: true });
      expect(await reactivateUser(v, { userId: id })).toEqual({ userId: id });
      const [u] = await db().select({ d: users.deactivatedAt }).from(users).where(eq(users.id, id));
      expect(u!.d).toBeNull();
      await expectAudit({ action: "user.reactivated", actor: v, subjectType: "user", subjectId: id });
    },
  },
  {
    name: "listGroupMappings",
    permission: "idp_mapping.manage",
    mutates: false,
    run: async (v) => {
      const id = await newMapping();
      const list = await listGroupMappings(v);
      expect(list.find((m) => m.id === id)).toMatchObject({ id, role: "pr" });
    },
  },
  {
    name: "createGroupMapping",
    permission: "idp_mapping.manage",
    mutates: true,
    run: async (v) => {
      const groupName = `grp-${crypto.randomUUID()}`;
      const m = await createGroupMapping(v, { groupName: `  ${groupName}  `, role: "legal" });
      expect(m).toMatchObject({ groupName, role: "legal", createdByName: v.name });
      await expectAudit({ action: "idp_mapping.created", actor: v, subjectType: "idp_mapping", subjectId: m.id, data: { groupName, role: "legal" } });
    },
  },
  {
    name: "deleteGroupMapping",
    permission: "idp_mapping.manage",
    mutates: true,
    run: async (v) => {
      const groupName = `grp-${crypto.randomUUID()}`;
      const id = await newMapping(groupName, "ad_ops");
      expect(await deleteGroupMapping(v, { id })).toEqual({ id, groupName, role: "ad_ops" });
      expect(await db().select().from(idpGroupMappings).where(eq(idpGroupMappings.id, id))).toHaveLength(0);
      await expectAudit({ action: "idp_mapping.deleted", actor: v, subjectType: "idp_mapping", subjectId: id, data: { groupName, role: "ad_ops" } });
    },
  },
  {
    name: "listAuditEvents",
    permission: "audit.read",
    mutates: false,
    run: async (v) => {
      const r = await listAuditEvents(v, {});
      expect(r.items.length).toBeGreaterThan(0);
      expect(Object.keys(r.items[0]!).sort()).toEqual(["action", "actorId", "actorLabel", "at", "data", "id", "requestId", "subjectId", "subjectType"]);
    },
  },
  {
    name: "exportAuditCsv",
    permission: "audit.export",
    mutates: true,
    run: async (v) => {
      const { chunks, filename } = await exportAuditCsv(v, {});
      await expectAudit({ action: "audit.exported", actor: v, subjectType: "audit_log", subjectId: null, data: { format: "csv" } });
      expect(filename).toMatch(/^audit-\d{8}\.csv$/);
      const csv = await drain(chunks);
      expect(csv.startsWith(`\uFEFF${AUDIT_CSV_COLUMNS.join(",")}\r\n`)).toBe(true);
    },
  },
  {
    name: "verifyAuditChain",
    permission: "audit.verify",
    mutates: true,
    run: async (v) => {
      const before = await auditCount();
      const r = await verifyAuditChain(v);
      expect(r).toMatchObject({ ok: true, checked: before });
      await expectAudit({ action: "audit.verified", actor: v, subjectType: "audit_log", subjectId: null, data: { ok: true, checked: before } });
    },
  },
];

describe("authorization matrix: every admin DAL function × every role", () => {
  for (const spec of SPECS) {
    describe(spec.name, () => {
      for (const who of WHO) {
        const allowed = who !== "none" && roleHas(who, spec.permission);
        it(`${who}: ${allowed ? "allowed" : "FORBIDDEN"} (${spec.permission})`, async () => {
          const before = await auditCount();
          if (allowed) {
            await spec.run(V[who]);
            expect(await auditCount()).toBe(before + (spec.mutates ? 1 : 0));
          } else {
            await expectAppError(spec.run(V[who]), "FORBIDDEN");
            expect(await auditCount()).toBe(before);
          }
        });
      }
    });
  }

  it("the matrix covers every function lib/dal/admin exports", async () => {
    const mod = await import("@/lib/dal/admin");
    const fns = Object.entries(mod)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k)
      .sort();
    expect(fns).toEqual(SPECS.map((s) => s.name).sort());
  });

  it("a FORBIDDEN change leaves the data as it was", async () => {
    const { id } = await createUser(db(), { roles: ["pr"] });
    await createSession(db(), id);
    await expectAppError(grantRole(V.social_media_manager, { userId: id, role: "admin" }), "FORBIDDEN");
    await expectAppError(revokeRole(V.pr, { userId: id, role: "pr" }), "FORBIDDEN");
    await expectAppError(deactivateUser(V.legal, { userId: id }), "FORBIDDEN");
    expect(await rolesOf(id)).toEqual([{ role: "pr", source: "idp" }]);
    expect(await db().select({ u: sessions.userId }).from(sessions).where(eq(sessions.userId, id))).toHaveLength(1);
  });
});

describe("NOT_FOUND for missing targets (and nothing audited)", () => {
  const missing = "usr_does-not-exist";
  const cases: [string, (v: Viewer) => Promise<unknown>][] = [
    ["getUser", (v) => getUser(v, missing)],
    ["grantRole", (v) => grantRole(v, { userId: missing, role: "pr" })],
    ["revokeRole (no such user)", (v) => revokeRole(v, { userId: missing, role: "pr" })],
    ["deactivateUser", (v) => deactivateUser(v, { userId: missing })],
    ["reactivateUser", (v) => reactivateUser(v, { userId: missing })],
    ["deleteGroupMapping", (v) => deleteGroupMapping(v, { id: crypto.randomUUID() })],
  ];
  for (const [name, call] of cases) {
    it(name, async () => {
      const before = await auditCount();
      await expectAppError(call(V.admin), "NOT_FOUND");
      expect(await auditCount()).toBe(before);
    });
  }

  it("revokeRole of a role the person does not hold", async () => {
    const { id } = await createUser(db(), { roles: ["legal"] });
    const before = await auditCount();
    await expectAppError(revokeRole(V.admin, { userId: id, role: "pr" }), "NOT_FOUND", ADMIN_ERRORS.roleNotHeld);
    expect(await auditCount()).toBe(before);
  });
});

describe("bad input is VALIDATION, with nothing written", () => {
  it("rejects unknown roles, hostile ids and bad group names", async () => {
    const { id } = await createUser(db());
    const before = await auditCount();
    const bad: [Promise<unknown>, string][] = [
      [grantRole(V.admin, { userId: id, role: "root" as Role }), "role"],
      [revokeRole(V.admin, { userId: id, role: "superuser" as Role }), "role"],
      [grantRole(V.admin, { userId: "x\u0000y", role: "pr" }), "userId"],
      [deactivateUser(V.admin, { userId: "a".repeat(5000) }), "userId"],
      [getUser(V.admin, ""), "userId"],
      [createGroupMapping(V.admin, { groupName: "   ", role: "pr" }), "groupName"],
      [createGroupMapping(V.admin, { groupName: "g".repeat(201), role: "pr" }), "groupName"],
      [createGroupMapping(V.admin, { groupName: "bad\u0007name", role: "pr" }), "groupName"],
      [createGroupMapping(V.admin, { groupName: "ok", role: "owner" as Role }), "role"],
      [listUsers(V.admin, { q: "\u0000" }), "q"],
      [listAuditEvents(V.admin, { actor: "a\u0000" }), "actor"],
      [exportAuditCsv(V.admin, { action: "x".repeat(101) }), "action"],
    ];
    for (const [p, field] of bad) {
      const e = await expectAppError(p, "VALIDATION");
      expect(Object.keys(e.fieldErrors ?? {})).toContain(field);
    }
    expect(await auditCount()).toBe(before);
    expect(await rolesOf(id)).toEqual([]);
  });

  it("accepts a 200-character group name and LIKE wildcards as plain text", async () => {
    const name = "g".repeat(200);
    await createGroupMapping(V.admin, { groupName: name, role: "data_analyst" });
    await createUser(db(), { name: "割引 100%_off" });
    await createUser(db(), { name: "割引 1000 off" });
    const r = await listUsers(V.admin, { q: "100%_" });
    expect(r.items.map((u) => u.name)).toEqual(["割引 100%_off"]);
  });
});

describe("grantRole / revokeRole", () => {
  it("pins an IdP-sourced role as manual, and a second manual grant is CONFLICT", async () => {
    const { id } = await createUser(db(), { roles: ["pr"] });
    await grantRole(V.admin, { userId: id, role: "pr" });
    expect(await rolesOf(id)).toEqual([{ role: "pr", source: "manual" }]);
    await expectAudit({ action: "user.role_granted", actor: V.admin, subjectType: "user", subjectId: id, data: { previousSource: "idp" } });
    const before = await auditCount();
    await expectAppError(grantRole(V.admin, { userId: id, role: "pr" }), "CONFLICT", ADMIN_ERRORS.alreadyHeld);
    expect(await auditCount()).toBe(before);
  });

  it("records who granted it, visible in listUsers", async () => {
    const { id } = await createUser(db(), { name: "付与 確認" });
    await grantRole(V.admin, { userId: id, role: "ad_ops" });
    const u = await getUser(V.admin, id);
    expect(u.roles).toEqual([expect.objectContaining({ role: "ad_ops", source: "manual", grantedByName: V.admin.name })]);
  });

  it("role filter, 'none' filter, status filter and search by id", async () => {
    const a = await createUser(db(), { name: "フィルタ 甲", roles: ["legal"] });
    const b = await createUser(db(), { name: "フィルタ 乙" });
    const c = await createUser(db(), { name: "フィルタ 丙", roles: ["legal"], deactivated: true });
    const ids = (r: { items: { id: string }[] }) => r.items.map((u) => u.id).sort();
    expect(ids(await listUsers(V.admin, { q: "フィルタ", role: "legal" }))).toEqual([a.id, c.id].sort());
    expect(ids(await listUsers(V.admin, { q: "フィルタ", role: "none" }))).toEqual([b.id]);
    expect(ids(await listUsers(V.admin, { q: "フィルタ", role: "legal", status: "active" }))).toEqual([a.id]);
    expect(ids(await listUsers(V.admin, { q: "フィルタ", status: "deactivated" }))).toEqual([c.id]);
    expect(ids(await listUsers(V.admin, { q: b.id }))).toEqual([b.id]);
    const page = await listUsers(V.admin, { q: "フィルタ" });
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
  });
});

describe("deactivateUser / reactivateUser", () => {
  it("deletes every session row, and the person no longer loads as a viewer", async () => {
    const { id } = await createUser(db(), { roles: ["community_manager"], name: "退職 予定" });
    await createSession(db(), id);
    await createSession(db(), id);
    await createSession(db(), id, -60_000); // an expired one still counts as ended
    expect(await loadViewer(id)).not.toBeNull();
    const r = await deactivateUser(V.admin, { userId: id });
    expect(r).toEqual({ userId: id, sessionsEnded: 3 });
    expect(await db().select({ u: sessions.userId }).from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
    expect(await loadViewer(id)).toBeNull();
    await expectAudit({ action: "user.deactivated", actor: V.admin, subjectType: "user", subjectId: id, data: { sessionsEnded: 3, userName: "退職 予定" } });
    const u = await getUser(V.admin, id);
    expect(u).toMatchObject({ isDeactivated: true, activeSessions: 0 });
    expect(u.roles.map((x) => x.role)).toEqual(["community_manager"]);
  });

  it("twice is CONFLICT; reactivating restores sign-in but not the sessions", async () => {
    const { id } = await createUser(db(), { roles: ["pr"] });
    await deactivateUser(V.admin, { userId: id });
    await expectAppError(deactivateUser(V.admin, { userId: id }), "CONFLICT", ADMIN_ERRORS.alreadyDeactivated);
    await reactivateUser(V.admin, { userId: id });
    expect(await loadViewer(id)).not.toBeNull();
    await expectAppError(reactivateUser(V.admin, { userId: id }), "CONFLICT", ADMIN_ERRORS.alreadyActive);
  });

  it("an admin cannot deactivate themself", async () => {
    const me = await viewerWith(["admin"], { name: "自分 管理者" });
    const before = await auditCount();
    await expectAppError(deactivateUser(me, { userId: me.id }), "CONFLICT", ADMIN_ERRORS.selfDeactivate);
    expect(await auditCount()).toBe(before);
    expect(await loadViewer(me.id)).not.toBeNull();
  });

  it("two admins deactivating the same person at once: one wins, one CONFLICT, one audit row", async () => {
    const { id } = await createUser(db());
    await createSession(db(), id);
    const other = await viewerWith(["admin"]);
    const before = await auditCount("user.deactivated");
    const results = await Promise.allSettled([deactivateUser(V.admin, { userId: id }), deactivateUser(other, { userId: id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    expect(await auditCount("user.deactivated")).toBe(before + 1);
  });
});

describe("group mappings", () => {
  it("a duplicate (group, role) is CONFLICT, also when it differs only in case or spaces", async () => {
    await createGroupMapping(V.admin, { groupName: "Brand-Team", role: "content_creator" });
    const before = await auditCount();
    await expectAppError(createGroupMapping(V.admin, { groupName: "Brand-Team", role: "content_creator" }), "CONFLICT", ADMIN_ERRORS.duplicateMapping);
    await expectAppError(createGroupMapping(V.admin, { groupName: "  brand-team ", role: "content_creator" }), "CONFLICT");
    expect(await auditCount()).toBe(before);
    // The same group may map to a second role.
    await createGroupMapping(V.admin, { groupName: "Brand-Team", role: "data_analyst" });
    const rows = await db().select().from(idpGroupMappings).where(sql`lower(${idpGroupMappings.groupName}) = 'brand-team'`);
    expect(rows.map((r) => r.role).sort()).toEqual(["content_creator", "data_analyst"]);
  });

  it("ten concurrent identical creations produce exactly one mapping", async () => {
    const groupName = `race-${crypto.randomUUID()}`;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createGroupMapping(V.admin, { groupName, role: "pr" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db().select().from(idpGroupMappings).where(eq(idpGroupMappings.groupName, groupName))).toHaveLength(1);
  });

  it("deleting twice: the second is NOT_FOUND", async () => {
    const m = await createGroupMapping(V.admin, { groupName: `del-${crypto.randomUUID()}`, role: "legal" });
    await deleteGroupMapping(V.admin, { id: m.id });
    await expectAppError(deleteGroupMapping(V.admin, { id: m.id }), "NOT_FOUND");
  });
});

describe("a failure inside the transaction leaves neither the change nor the audit row", () => {
  /** As the database owner: make every audit insert fail, after the change has already run. */
  async function withFailingAuditInsert(fn: () => Promise<void>) {
    await db().execute(sql.raw(`create or replace function test_fail_audit() returns trigger language plpgsql as $$ begin raise exception 'forced audit failure'; end $$`));
    await db().execute(sql.raw(`create trigger test_fail_audit before insert on audit_events for each row execute function test_fail_audit()`));
    try {
      await fn();
    } finally {
      await db().execute(sql.raw(`drop trigger test_fail_audit on audit_events`));
    }
  }
  const forced = { cause: { message: expect.stringMatching(/forced audit failure/) } };

  it("grantRole, revokeRole, deactivateUser, reactivateUser, createGroupMapping, deleteGroupMapping", async () => {
    const grantee = await createUser(db());
    const revokee = await createUser(db(), { roles: ["legal"] });
    const leaver = await createUser(db(), { roles: ["pr"] });
    await createSession(db(), leaver.id);
    const returner = await createUser(db(), { deactivated: true });
    const mappingId = await newMapping(`keep-${crypto.randomUUID()}`, "pr");
    const newGroup = `never-${crypto.randomUUID()}`;
    const before = await auditCount();

    await withFailingAuditInsert(async () => {
      await expect(grantRole(V.admin, { userId: grantee.id, role: "pr" })).rejects.toMatchObject(forced);
      await expect(revokeRole(V.admin, { userId: revokee.id, role: "legal" })).rejects.toMatchObject(forced);
      await expect(deactivateUser(V.admin, { userId: leaver.id })).rejects.toMatchObject(forced);
      await expect(reactivateUser(V.admin, { userId: returner.id })).rejects.toMatchObject(forced);
      await expect(createGroupMapping(V.admin, { groupName: newGroup, role: "pr" })).rejects.toMatchObject(forced);
      await expect(deleteGroupMapping(V.admin, { id: mappingId })).rejects.toMatchObject(forced);
    });

    expect(await auditCount()).toBe(before);
    expect(await rolesOf(grantee.id)).toEqual([]);
    expect(await rolesOf(revokee.id)).toEqual([{ role: "legal", source: "idp" }]);
    expect(await loadViewer(leaver.id)).not.toBeNull();
    expect(await db().select({ u: sessions.userId }).from(sessions).where(eq(sessions.userId, leaver.id))).toHaveLength(1);
    expect(await loadViewer(returner.id)).toBeNull();
    expect(await db().select().from(idpGroupMappings).where(eq(idpGroupMappings.groupName, newGroup))).toHaveLength(0);
    expect(await db().select().from(idpGroupMappings).where(eq(idpGroupMappings.id, mappingId))).toHaveLength(1);
    // And once the fault is gone, the same calls go through and the chain is intact.
    await grantRole(V.admin, { userId: grantee.id, role: "pr" });
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("deactivateUser: if ending the sessions fails, the person stays active", async () => {
    const { id } = await createUser(db(), { roles: ["pr"] });
    await createSession(db(), id);
    await db().execute(sql.raw(`create or replace function test_fail_session_delete() returns trigger language plpgsql as $$ begin raise exception 'forced session failure'; end $$`));
    await db().execute(sql.raw(`create trigger test_fail_session_delete before delete on sessions for each row execute function test_fail_session_delete()`));
    const before = await auditCount();
    try {
      await expect(deactivateUser(V.admin, { userId: id })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/forced session failure/) } });
    } finally {
      await db().execute(sql.raw(`drop trigger test_fail_session_delete on sessions`));
    }
    expect(await loadViewer(id)).not.toBeNull();
    expect(await auditCount()).toBe(before);
  });
});

describe("audit log list and CSV export", () => {
  it("filters by actor (id or name), action prefix, subject and time; pages by id", async () => {
    const actor = await viewerWith(["admin"], { name: "監査 フィルタ担当" });
    const target = await createUser(db());
    await grantRole(actor, { userId: target.id, role: "pr" });
    await grantRole(actor, { userId: target.id, role: "legal" });
    await revokeRole(actor, { userId: target.id, role: "pr" });

    const byName = await listAuditEvents(V.admin, { actor: "フィルタ担当" });
    expect(byName.items.map((e) => e.action)).toEqual(["user.role_revoked", "user.role_granted", "user.role_granted"]);
    expect((await listAuditEvents(V.admin, { actor: actor.id })).items).toHaveLength(3);
    expect((await listAuditEvents(V.admin, { actor: actor.id, action: "user.role_g" })).items).toHaveLength(2);
    expect((await listAuditEvents(V.admin, { action: "user.role_", subjectType: "user", subjectId: target.id })).items).toHaveLength(3);
    expect((await listAuditEvents(V.admin, { actor: actor.id, action: "idp_mapping." })).items).toHaveLength(0);
    // A "%" in the prefix is a literal, not a wildcard.
    expect((await listAuditEvents(V.admin, { actor: actor.id, action: "%" })).items).toHaveLength(0);

    const newest = byName.items[0]!;
    const future = new Date(Date.now() + 60_000);
    expect((await listAuditEvents(V.admin, { actor: actor.id, from: future })).items).toHaveLength(0);
    expect((await listAuditEvents(V.admin, { actor: actor.id, to: newest.at })).items).toHaveLength(byName.items.filter((e) => e.at < newest.at).length);
    expect((await listAuditEvents(V.admin, { actor: actor.id, from: newest.at, to: future })).items.map((e) => e.id)).toContain(newest.id);

    const p1 = await listAuditEvents(V.admin, { actor: actor.id }, { limit: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p1.nextBefore).toBe(p1.items[1]!.id);
    const p2 = await listAuditEvents(V.admin, { actor: actor.id }, { limit: 2, before: p1.nextBefore! });
    expect(p2.items).toHaveLength(1);
    expect(p2.nextBefore).toBeNull();
    expect(p2.items[0]!.id).toBeLessThan(p1.items[1]!.id);
  });

  it("pages hold 50 events", async () => {
    const r = await listAuditEvents(V.admin, {});
    const total = await auditCount();
    expect(r.items).toHaveLength(Math.min(50, total));
    if (total > 50) expect(r.nextBefore).toBe(r.items[49]!.id);
  });

  it("neutralises formula cells, quotes per RFC 4180, keeps Japanese, and matches the filter", async () => {
    const evil = await viewerWith(["admin"], { name: "=HYPERLINK(\"http://evil.example\",\"クリック\")" });
    const plus = await viewerWith(["admin"], { name: "+81-3-1234" });
    const target = await createUser(db(), { name: "山田 太郎, 営業部" });
    await grantRole(evil, { userId: target.id, role: "pr" });
    await grantRole(plus, { userId: target.id, role: "legal" });

    const { chunks } = await exportAuditCsv(V.admin, { subjectId: target.id });
    const csv = await drain(chunks);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    expect(lines.at(-1)).toBe("");
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(2); // only the two events about the target, newest first
    expect(body[0]).toContain(",'+81-3-1234,user.role_granted,user,");
    expect(body[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""クリック"")",user.role_granted,user,`);
    // Japanese and the comma survive, inside a quoted JSON cell.
    expect(body[0]).toContain(`"{""role"":""legal""`);
    expect(csv).toContain("山田 太郎, 営業部");
    // The bytes the route sends: a UTF-8 BOM (EF BB BF), then the text intact.
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(csv);

    const at = await viewerWith(["admin"], { name: "@営業部\t広報" });
    const m = await createGroupMapping(at, { groupName: "=cmd|' /C calc'!A0", role: "ad_ops" });
    const mappingCsv = await drain((await exportAuditCsv(V.admin, { subjectType: "idp_mapping", subjectId: m.id })).chunks);
    const [, line] = mappingCsv.split("\r\n");
    expect(line).toContain(`,'@営業部\t広報,idp_mapping.created,idp_mapping,${m.id},`);
    // The formula-looking group name sits inside the JSON cell, which starts with "{".
    expect(line).toContain(`"{""groupName"":""=cmd|' /C calc'!A0"",""role"":""ad_ops""}"`);
  });

  it("exports in batches past 1000 rows, newest first, excluding its own audit event", async () => {
    const target = await createUser(db());
    // 1,100 events about one subject, written the way the DAL writes them.
    const { recordAudit } = await import("@/lib/dal/audit");
    await db().transaction(async (tx) => {
      for (let i = 0; i < 1100; i++) {
        await recordAudit(tx, { actor: { id: null, label: "bulk" }, action: "test.bulk", subjectType: "user", subjectId: target.id, data: { i } });
      }
    });
    const { chunks } = await exportAuditCsv(V.admin, { subjectId: target.id });
    const parts: string[] = [];
    for await (const c of chunks) parts.push(c);
    expect(parts.length).toBeGreaterThanOrEqual(3); // header, then at least two batches
    const rows = parts.join("").split("\r\n").slice(1, -1);
    expect(rows).toHaveLength(1100);
    const ids = rows.map((r) => Number(r.split(",")[0]));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const exported = await lastAudit();
    expect(exported!.action).toBe("audit.exported");
    expect(ids[0]).toBeLessThan(exported!.id);
  });

  it("the overview counts what is in the database", async () => {
    const o1 = await getAdminOverview(V.admin);
    const lonely = await createUser(db());
    const busy = await createUser(db(), { roles: ["legal"] });
    await createSession(db(), busy.id);
    await createSession(db(), busy.id);
    await db().update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, busy.id));
    const gone = await createUser(db(), { roles: ["legal"], deactivated: true });
    await createSession(db(), gone.id);
    const o2 = await getAdminOverview(V.admin);
    expect(o2.users.total).toBe(o1.users.total + 3);
    expect(o2.users.active).toBe(o1.users.active + 2);
    expect(o2.users.deactivated).toBe(o1.users.deactivated + 1);
    expect(o2.users.withoutRoles).toBe(o1.users.withoutRoles + 1);
    expect(o2.activeSessions).toBe(o1.activeSessions + 2);
    expect(o2.roleCounts.find((r) => r.role === "legal")!.count).toBe(o1.roleCounts.find((r) => r.role === "legal")!.count + 1);
    expect(o2.recentSignIns[0]).toMatchObject({ id: busy.id });
    const [m] = await db().select({ n: sql<number>`count(*)::int` }).from(idpGroupMappings);
    expect(o2.mappingCount).toBe(m!.n);
    expect((await getUser(V.admin, lonely.id)).roles).toEqual([]);
  });
});

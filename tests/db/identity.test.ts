/**
 * Sign-in bookkeeping: the session starts in one transaction with the profile refresh, the
 * IdP-group role sync and the audit event; sign-out is audited; refusals fail closed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { idpGroupMappings, sessions, userRoles, users } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { endSession, normaliseGroups, startSession, type IdpClaims } from "@/lib/dal/identity";
import { loadViewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { auditCount, lastAudit } from "./helpers";

const ISSUER = "http://localhost:4001";
const token = () => randomBytes(16).toString("hex");
const expires = () => new Date(Date.now() + 3600_000);
const claims = (subject: string, groups: string[], extra: Partial<IdpClaims> = {}): IdpClaims => ({ issuer: ISSUER, subject, name: "山田 太郎", email: "taro@aoba.example", groups, ...extra });
const rolesOf = async (userId: string) =>
  (await getDb().select({ role: userRoles.role, source: userRoles.source }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => `${r.role}:${r.source}`).sort();

beforeAll(async () => {
  await getDb()
    .insert(idpGroupMappings)
    .values([
      { groupName: "SNS-Creators", role: "content_creator" },
      { groupName: "corp-pr", role: "pr" },
      { groupName: "it-admins", role: "admin" },
      { groupName: "ＳＮＳ分析", role: "data_analyst" },
    ]);
});

describe("startSession", () => {
  it("maps groups to roles case-insensitively, refreshes the profile, and audits, all with the session", async () => {
    const { id, subject } = await createUser(getDb(), { issuer: ISSUER, name: "old name" });
    const t = token();
    const before = await auditCount("auth.sign_in");
    await startSession({ sessionToken: t, userId: id, expires: expires(), claims: claims(subject, ["sns-creators", " CORP-PR ", "unmapped"]), isNewUser: false });
    expect(await rolesOf(id)).toEqual(["content_creator:idp", "pr:idp"]);
    const [u] = await getDb().select({ name: users.name, last: users.lastSignInAt }).from(users).where(eq(users.id, id));
    expect(u!.name).toBe("山田 太郎");
    expect(u!.last).not.toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.sessionToken, t))).toHaveLength(1);
    expect(await auditCount("auth.sign_in")).toBe(before + 1);
    const a = await lastAudit();
    expect(a).toMatchObject({ action: "auth.sign_in", actorId: id, subjectId: id });
    expect(a!.data).toMatchObject({ added: ["content_creator", "pr"], removed: [], roles: ["content_creator", "pr"], groups: ["sns-creators", "corp-pr", "unmapped"] });
  });

  it("non-ASCII group names match (NFC, full-width kept distinct from ASCII)", async () => {
    expect(normaliseGroups(["ＳＮＳ分析", "sns分析"])).toEqual(["ｓｎｓ分析", "sns分析"]);
    const { id, subject } = await createUser(getDb(), { issuer: ISSUER });
    await startSession({ sessionToken: token(), userId: id, expires: expires(), claims: claims(subject, ["ＳＮＳ分析"]), isNewUser: false });
    expect(await rolesOf(id)).toEqual(["data_analyst:idp"]);
  });

  it("removes IdP roles the groups no longer grant, keeps manual grants", async () => {
    const { id, subject } = await createUser(getDb(), { issuer: ISSUER, roles: ["pr"] });
    await getDb().insert(userRoles).values({ userId: id, role: "legal", source: "manual" });
    await startSession({ sessionToken: token(), userId: id, expires: expires(), claims: claims(subject, ["sns-creators"]), isNewUser: false });
    expect(await rolesOf(id)).toEqual(["content_creator:idp", "legal:manual"]);
    expect((await lastAudit())!.data).toMatchObject({ removed: ["pr"], added: ["content_creator"] });
  });

  it("never removes the last active admin through a sign-in", async () => {
    const db = getDb();
    // make this the only admin in this database
    const { id, subject } = await createUser(db, { issuer: ISSUER, roles: ["admin"] });
    await db.delete(userRoles).where(and(eq(userRoles.role, "admin"), sql`${userRoles.userId} <> ${id}`));
    await startSession({ sessionToken: token(), userId: id, expires: expires(), claims: claims(subject, []), isNewUser: false });
    expect(await rolesOf(id)).toEqual(["admin:idp"]);
    expect((await lastAudit())!.data).toMatchObject({ keptLastAdmin: true });
    // with a second admin, the role does go
    const other = await createUser(db, { issuer: ISSUER, roles: ["admin"] });
    await startSession({ sessionToken: token(), userId: id, expires: expires(), claims: claims(subject, []), isNewUser: false });
    expect(await rolesOf(id)).toEqual([]);
    expect(await rolesOf(other.id)).toEqual(["admin:idp"]);
  });

  it("refuses a different subject or issuer for a bound user, leaving no session and no audit row", async () => {
    const { id, subject } = await createUser(getDb(), { issuer: ISSUER });
    for (const bad of [claims("someone-else", []), claims(subject, [], { issuer: "https://other-idp.example" })]) {
      const t = token();
      const n = await auditCount();
      const err = await startSession({ sessionToken: t, userId: id, expires: expires(), claims: bad, isNewUser: false }).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("CONFLICT");
      expect(await getDb().select().from(sessions).where(eq(sessions.sessionToken, t))).toHaveLength(0);
      expect(await auditCount()).toBe(n);
    }
  });

  it("refuses a deactivated user", async () => {
    const { id, subject } = await createUser(getDb(), { issuer: ISSUER, deactivated: true });
    const t = token();
    await expect(startSession({ sessionToken: t, userId: id, expires: expires(), claims: claims(subject, []), isNewUser: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().select().from(sessions).where(eq(sessions.sessionToken, t))).toHaveLength(0);
  });

  it("a failure after the role change rolls everything back (no roles, no session, no audit)", async () => {
    const { id, subject } = await createUser(getDb(), { issuer: ISSUER });
    const t = token();
    await getDb().insert(sessions).values({ sessionToken: t, userId: id, expires: expires() }); // duplicate token forces the insert to fail
    const n = await auditCount();
    await expect(startSession({ sessionToken: t, userId: id, expires: expires(), claims: claims(subject, ["corp-pr"]), isNewUser: false })).rejects.toThrow();
    expect(await rolesOf(id)).toEqual([]);
    expect(await auditCount()).toBe(n);
  });
});

describe("endSession", () => {
  it("deletes the session and audits the sign-out in one step; the viewer is gone", async () => {
    const { id, subject } = await createUser(getDb(), { issuer: ISSUER, roles: ["pr"] });
    const t = token();
    await startSession({ sessionToken: t, userId: id, expires: expires(), claims: claims(subject, ["corp-pr"]), isNewUser: false });
    expect(await loadViewer(id)).not.toBeNull();
    const n = await auditCount("auth.sign_out");
    expect(await endSession(t)).toMatchObject({ sessionToken: t, userId: id });
    expect(await getDb().select().from(sessions).where(eq(sessions.sessionToken, t))).toHaveLength(0);
    expect(await auditCount("auth.sign_out")).toBe(n + 1);
    expect(await endSession(t)).toBeNull();
    expect(await auditCount("auth.sign_out")).toBe(n + 1);
  });
});

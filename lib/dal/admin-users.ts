import "server-only";
import { and, asc, desc, eq, exists, ilike, inArray, isNotNull, isNull, not, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { idpGroupMappings, sessions, userRoles, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";
import { ADMIN_ERRORS } from "./admin-errors";
import { assertActiveAdminRemains, cleanSearch, likeEscape, lockAdminGuard, requireId, requireRole } from "./admin-shared";

export const USERS_PAGE_SIZE = 50;

export type RoleSource = "idp" | "manual";
export type AdminUserRoleDto = { role: Role; source: RoleSource; grantedAt: Date; grantedByName: string | null };
export type AdminUserDto = {
  id: string;
  name: string | null;
  email: string | null;
  roles: AdminUserRoleDto[];
  isDeactivated: boolean;
  deactivatedAt: Date | null;
  lastSignInAt: Date | null;
  /** Unexpired database sessions (a person signed in on two browsers has two). */
  activeSessions: number;
  createdAt: Date;
};

export type ListUsersInput = {
  /** Part of the name or e-mail, or an exact user id. */
  q?: string;
  /** Only people holding this role; "none" for people with no role at all. */
  role?: Role | "none";
  status?: "active" | "deactivated" | "all";
  /** 1-based. */
  page?: number;
};

export type ListUsersResult = { items: AdminUserDto[]; total: number; page: number; pageSize: number };

const activeSessionCount = sql<number>`(select count(*)::int from sessions s where s.user_id = ${users.id} and s.expires > now())`;

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  deactivatedAt: users.deactivatedAt,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
  activeSessions: activeSessionCount,
};

async function rolesOf(userIds: string[]): Promise<Map<string, AdminUserRoleDto[]>> {
  const out = new Map<string, AdminUserRoleDto[]>();
  if (userIds.length === 0) return out;
  const grantor = alias(users, "grantor");
  const rows = await db
    .select({
      userId: userRoles.userId,
      role: userRoles.role,
      source: userRoles.source,
      grantedAt: userRoles.grantedAt,
      grantedByName: grantor.name,
    })
    .from(userRoles)
    .leftJoin(grantor, eq(grantor.id, userRoles.grantedById))
    .where(inArray(userRoles.userId, userIds));
  const order = new Map<string, number>(ROLES.map((r, i) => [r, i]));
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({ role: r.role, source: r.source, grantedAt: r.grantedAt, grantedByName: r.grantedByName });
    out.set(r.userId, list);
  }
  for (const list of out.values()) list.sort((a, b) => (order.get(a.role) ?? 0) - (order.get(b.role) ?? 0));
  return out;
}

function toDto(u: { id: string; name: string | null; email: string | null; deactivatedAt: Date | null; lastSignInAt: Date | null; createdAt: Date; activeSessions: number }, roles: AdminUserRoleDto[]): AdminUserDto {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    roles,
    isDeactivated: !!u.deactivatedAt,
    deactivatedAt: u.deactivatedAt,
    lastSignInAt: u.lastSignInAt,
    activeSessions: Number(u.activeSessions),
    createdAt: u.createdAt,
  };
}

/** user.read — every portal user (company-wide directory), filtered by search text, role and status; 50 per page. */
export async function listUsers(viewer: Viewer, input: ListUsersInput = {}): Promise<ListUsersResult> {
  authorize(viewer, "user.read");
  const q = cleanSearch(input.q, "q");
  const role = input.role === undefined || input.role === "none" ? input.role : requireRole(input.role);
  const page = Number.isInteger(input.page) && input.page! > 0 ? Math.min(input.page!, 10_000) : 1;
  const where: SQL[] = [];
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    where.push(or(ilike(users.name, pattern), ilike(users.email, pattern), eq(users.id, q))!);
  }
  const holds = (r?: Role) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(userRoles)
        .where(and(eq(userRoles.userId, users.id), r ? eq(userRoles.role, r) : undefined)),
    );
  if (role === "none") where.push(not(holds()));
  else if (role) where.push(holds(role));
  if (input.status === "active") where.push(isNull(users.deactivatedAt));
  if (input.status === "deactivated") where.push(isNotNull(users.deactivatedAt));
  const cond = where.length ? and(...where) : undefined;

  const [rows, [totalRow]] = await Promise.all([
    db
      .select(userColumns)
      .from(users)
      .where(cond)
      .orderBy(sql`${users.name} asc nulls last`, asc(users.id))
      .limit(USERS_PAGE_SIZE)
      .offset((page - 1) * USERS_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(cond),
  ]);
  const roles = await rolesOf(rows.map((r) => r.id));
  return { items: rows.map((r) => toDto(r, roles.get(r.id) ?? [])), total: totalRow?.n ?? 0, page, pageSize: USERS_PAGE_SIZE };
}

/** user.read — one portal user by id (company-wide); NOT_FOUND if there is none. */
export async function getUser(viewer: Viewer, userId: string): Promise<AdminUserDto> {
  authorize(viewer, "user.read");
  const id = requireId(userId, "userId");
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  const roles = await rolesOf([row.id]);
  return toDto(row, roles.get(row.id) ?? []);
}

export type RoleChangeResult = { userId: string; role: Role; source: RoleSource };

/**
 * user.manage_roles — grants a role by hand (source manual, so it survives sign-ins) to any user.
 * A role the person holds only through the IdP is pinned as manual; one already held by hand is CONFLICT.
 */
export async function grantRole(viewer: Viewer, input: { userId: string; role: Role }): Promise<RoleChangeResult> {
  authorize(viewer, "user.manage_roles");
  const userId = requireId(input.userId, "userId");
  const role = requireRole(input.role);
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
    if (!target) throw new AppError("NOT_FOUND");
    let previousSource: RoleSource | null = null;
    const inserted = await tx
      .insert(userRoles)
      .values({ userId, role, source: "manual", grantedById: viewer.id })
      .onConflictDoNothing()
      .returning({ role: userRoles.role });
    if (inserted.length === 0) {
      const pinned = await tx
        .update(userRoles)
        .set({ source: "manual", grantedById: viewer.id, grantedAt: new Date() })
        .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role), eq(userRoles.source, "idp")))
        .returning({ role: userRoles.role });
      if (pinned.length === 0) throw new AppError("CONFLICT", ADMIN_ERRORS.alreadyHeld);
      previousSource = "idp";
    }
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "user.role_granted",
      subjectType: "user",
      subjectId: userId,
      data: { role, source: "manual", userName: target.name, ...(previousSource ? { previousSource } : {}) },
      requestId: viewer.requestId,
    });
    return { userId, role, source: "manual" as const };
  });
}

/**
 * user.manage_roles — removes a role (either source) from any user. NOT_FOUND if the user or
 * the grant does not exist; CONFLICT if it would leave no active admin.
 */
export async function revokeRole(viewer: Viewer, input: { userId: string; role: Role }): Promise<RoleChangeResult> {
  authorize(viewer, "user.manage_roles");
  const userId = requireId(input.userId, "userId");
  const role = requireRole(input.role);
  return db.transaction(async (tx) => {
    if (role === "admin") await lockAdminGuard(tx);
    const [target] = await tx
      .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    if (!target) throw new AppError("NOT_FOUND");
    const [removed] = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
      .returning({ source: userRoles.source });
    if (!removed) throw new AppError("NOT_FOUND", ADMIN_ERRORS.roleNotHeld);
    if (role === "admin" && !target.deactivatedAt) await assertActiveAdminRemains(tx);
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "user.role_revoked",
      subjectType: "user",
      subjectId: userId,
      data: { role, source: removed.source, userName: target.name },
      requestId: viewer.requestId,
    });
    return { userId, role, source: removed.source };
  });
}

/**
 * user.deactivate — deactivates any other user and deletes all their sessions in the same
 * transaction, so every browser of theirs is signed out on its next request. Not oneself; never
 * the last active admin.
 */
export async function deactivateUser(viewer: Viewer, input: { userId: string }): Promise<{ userId: string; sessionsEnded: number }> {
  authorize(viewer, "user.deactivate");
  const userId = requireId(input.userId, "userId");
  if (userId === viewer.id) throw new AppError("CONFLICT", ADMIN_ERRORS.selfDeactivate);
  return db.transaction(async (tx) => {
    await lockAdminGuard(tx);
    const [target] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
    if (!target) throw new AppError("NOT_FOUND");
    const updated = await tx
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("CONFLICT", ADMIN_ERRORS.alreadyDeactivated);
    const [adminRole] = await tx
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.role, "admin")))
      .limit(1);
    if (adminRole) await assertActiveAdminRemains(tx);
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ userId: sessions.userId });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "user.deactivated",
      subjectType: "user",
      subjectId: userId,
      data: { sessionsEnded: ended.length, userName: target.name },
      requestId: viewer.requestId,
    });
    return { userId, sessionsEnded: ended.length };
  });
}

/** user.deactivate — lets a deactivated user sign in again (any user); CONFLICT if already active. */
export async function reactivateUser(viewer: Viewer, input: { userId: string }): Promise<{ userId: string }> {
  authorize(viewer, "user.deactivate");
  const userId = requireId(input.userId, "userId");
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
    if (!target) throw new AppError("NOT_FOUND");
    const updated = await tx
      .update(users)
      .set({ deactivatedAt: null })
      .where(and(eq(users.id, userId), isNotNull(users.deactivatedAt)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("CONFLICT", ADMIN_ERRORS.alreadyActive);
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "user.reactivated",
      subjectType: "user",
      subjectId: userId,
      data: { userName: target.name },
      requestId: viewer.requestId,
    });
    return { userId };
  });
}

export type AdminOverviewDto = {
  users: { total: number; active: number; deactivated: number; withoutRoles: number; signedInLast24h: number };
  activeSessions: number;
  mappingCount: number;
  roleCounts: { role: Role; count: number }[];
  recentSignIns: { id: string; name: string | null; email: string | null; lastSignInAt: Date }[];
};

/** user.read — company-wide counts for the admin landing page (users, sessions, roles, mappings, recent sign-ins). */
export async function getAdminOverview(viewer: Viewer): Promise<AdminOverviewDto> {
  authorize(viewer, "user.read");
  const [countsRows, roleRows, recent] = await Promise.all([
    db
      .select({
        total: sql<number>`count(*)::int`,
        active: sql<number>`count(*) filter (where ${users.deactivatedAt} is null)::int`,
        deactivated: sql<number>`count(*) filter (where ${users.deactivatedAt} is not null)::int`,
        withoutRoles: sql<number>`count(*) filter (where ${users.deactivatedAt} is null and not exists (select 1 from user_roles r where r.user_id = ${users.id}))::int`,
        signedInLast24h: sql<number>`count(*) filter (where ${users.lastSignInAt} > now() - interval '24 hours')::int`,
        activeSessions: sql<number>`(select count(*)::int from sessions s join users su on su.id = s.user_id where s.expires > now() and su.deactivated_at is null)`,
        mappingCount: sql<number>`(select count(*)::int from ${idpGroupMappings})`,
      })
      .from(users),
    db
      .select({ role: userRoles.role, count: sql<number>`count(*)::int` })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(isNull(users.deactivatedAt))
      .groupBy(userRoles.role),
    db
      .select({ id: users.id, name: users.name, email: users.email, lastSignInAt: users.lastSignInAt })
      .from(users)
      .where(isNotNull(users.lastSignInAt))
      .orderBy(desc(users.lastSignInAt))
      .limit(5),
  ]);
  const c = countsRows[0];
  const byRole = new Map(roleRows.map((r) => [r.role, Number(r.count)]));
  return {
    users: {
      total: Number(c?.total ?? 0),
      active: Number(c?.active ?? 0),
      deactivated: Number(c?.deactivated ?? 0),
      withoutRoles: Number(c?.withoutRoles ?? 0),
      signedInLast24h: Number(c?.signedInLast24h ?? 0),
    },
    activeSessions: Number(c?.activeSessions ?? 0),
    mappingCount: Number(c?.mappingCount ?? 0),
    roleCounts: ROLES.map((role) => ({ role, count: byRole.get(role) ?? 0 })),
    recentSignIns: recent.map((r) => ({ id: r.id, name: r.name, email: r.email, lastSignInAt: r.lastSignInAt! })),
  };
}

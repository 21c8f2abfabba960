import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { userRoles, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isRole, type Role } from "@/lib/auth/permissions";
import { ADMIN_ERRORS, isCleanText } from "./admin-errors";

/**
 * Serializes every change that could leave the portal without an active admin (revoking the
 * admin role, deactivating someone): taken before the change, so the check after it sees the
 * other transactions' committed result. Arbitrary constant, distinct from the audit lock.
 */
const ADMIN_GUARD_LOCK = 7_270_101;
/** Serializes group-mapping creation, so a case-insensitive duplicate cannot slip in between. */
export const MAPPING_LOCK = 7_270_102;

export async function lockAdminGuard(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_GUARD_LOCK})`);
}

/** Throws CONFLICT when, after this transaction's own changes, no active admin remains. */
export async function assertActiveAdminRemains(tx: Tx): Promise<void> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "admin"), isNull(users.deactivatedAt)));
  if ((row?.n ?? 0) === 0) throw new AppError("CONFLICT", ADMIN_ERRORS.lastAdmin);
}

/** A role value from outside: VALIDATION unless it is one of ROLES. */
export function requireRole(role: unknown, field = "role"): Role {
  if (!isRole(role)) throw new AppError("VALIDATION", ADMIN_ERRORS.invalidRole, { [field]: [ADMIN_ERRORS.invalidRole] });
  return role;
}

/** An id from outside. Ids are opaque text: anything odd is simply not found, but never sent raw to SQL errors. */
export function requireId(id: unknown, field = "id"): string {
  if (typeof id !== "string" || id.length === 0 || id.length > 200 || !isCleanText(id)) {
    throw new AppError("VALIDATION", undefined, { [field]: ["Invalid id"] });
  }
  return id;
}

/** Free text used in a search: trimmed, bounded, no control characters. */
export function cleanSearch(s: string | undefined, field: string, max = 200): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!t) return undefined;
  if (t.length > max || !isCleanText(t)) throw new AppError("VALIDATION", ADMIN_ERRORS.invalidText, { [field]: [ADMIN_ERRORS.invalidText] });
  return t;
}

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

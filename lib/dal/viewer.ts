import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users, userRoles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isRole, permissionsFor, type Permission, type Role } from "@/lib/auth/permissions";

declare const viewerBrand: unique symbol;

/**
 * The person making this request, as the database says now (never from client input).
 * Only loadViewer makes one; every DAL function takes it as its first argument.
 */
export type Viewer = {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly locale: "ja" | "en";
  readonly timeZone: string;
  readonly roles: readonly Role[];
  readonly permissions: ReadonlySet<Permission>;
  readonly requestId: string;
  readonly [viewerBrand]: true;
};

/** Loads a viewer from the database. Deactivated or unknown users have no viewer. */
export async function loadViewer(userId: string, requestId: string = crypto.randomUUID()): Promise<Viewer | null> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      timeZone: users.timeZone,
      deactivatedAt: users.deactivatedAt,
      role: userRoles.role,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, userId));
  const first = rows[0];
  if (!first || first.deactivatedAt) return null;
  const roles = [...new Set(rows.map((r) => r.role).filter(isRole))].sort();
  return {
    id: first.id,
    name: first.name ?? first.email ?? "—",
    email: first.email,
    locale: first.locale === "en" ? "en" : "ja",
    timeZone: first.timeZone,
    roles,
    permissions: permissionsFor(roles),
    requestId,
  } as unknown as Viewer;
}

/** Throws FORBIDDEN unless the viewer holds the permission. Fails closed. */
export function authorize(viewer: Viewer | null | undefined, permission: Permission): asserts viewer is Viewer {
  if (!viewer) throw new AppError("UNAUTHENTICATED");
  if (!viewer.permissions.has(permission)) throw new AppError("FORBIDDEN");
}

/** Audit actor for a viewer. */
export function actorOf(viewer: Viewer) {
  return { id: viewer.id, label: viewer.name };
}

/** True if the user exists and is not deactivated (used by the sign-in callback). */
export async function isUserActive(userId: string): Promise<boolean> {
  const [row] = await db
    .select({ deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return !!row && !row.deactivatedAt;
}

import "server-only";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { accounts, idpGroupMappings, userRoles, users } from "@/db/schema";
import { isRole, type Role } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";

/**
 * Sign-in bookkeeping. These run inside the SSO callback, where the IdP's signed assertion is
 * the authority; they take no viewer because nobody is signed in yet.
 */

/** The portal user bound to (provider, IdP subject), or null. */
export async function findUserIdByAccount(provider: string, subject: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, subject)))
    .limit(1);
  return row?.userId ?? null;
}

/** Roles granted by the mapping table for a set of IdP groups (case-insensitive group names). */
export async function rolesForGroups(groups: readonly string[]): Promise<Role[]> {
  const wanted = [...new Set(groups.map((g) => g.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ role: idpGroupMappings.role })
    .from(idpGroupMappings)
    .where(inArray(sql`lower(${idpGroupMappings.groupName})`, wanted));
  return [...new Set(rows.map((r) => r.role).filter(isRole))].sort();
}

export type SignInClaims = {
  userId: string;
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
  groups: readonly string[];
  isNewUser: boolean;
  requestId?: string;
};

/**
 * Refreshes profile and IdP-sourced roles at every sign-in (JIT), and audits it.
 * Roles an admin granted by hand (source = manual) are kept.
 */
export async function syncIdentityAtSignIn(c: SignInClaims): Promise<{ roles: Role[] }> {
  const mapped = await rolesForGroups(c.groups);
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        name: c.name ?? undefined,
        email: c.email ?? undefined,
        idpIssuer: c.issuer,
        idpSubject: c.subject,
        lastSignInAt: new Date(),
      })
      .where(eq(users.id, c.userId));
    const before = await tx
      .select({ role: userRoles.role, source: userRoles.source })
      .from(userRoles)
      .where(eq(userRoles.userId, c.userId));
    const removed = before.filter((r) => r.source === "idp" && !mapped.includes(r.role)).map((r) => r.role);
    await tx
      .delete(userRoles)
      .where(
        and(
          eq(userRoles.userId, c.userId),
          eq(userRoles.source, "idp"),
          mapped.length ? notInArray(userRoles.role, mapped) : sql`true`,
        ),
      );
    const had = new Set(before.map((r) => r.role));
    const added = mapped.filter((r) => !had.has(r));
    if (mapped.length) {
      await tx
        .insert(userRoles)
        .values(mapped.map((role) => ({ userId: c.userId, role, source: "idp" as const })))
        .onConflictDoNothing();
    }
    const after = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, c.userId));
    const roles = after.map((r) => r.role).sort();
    await recordAudit(tx, {
      actor: { id: c.userId, label: c.name ?? c.email ?? c.subject },
      action: "auth.sign_in",
      subjectType: "user",
      subjectId: c.userId,
      data: { issuer: c.issuer, subject: c.subject, groups: [...c.groups], roles, added, removed, jit: c.isNewUser },
      requestId: c.requestId,
    });
    return { roles };
  });
}

/** Audits a refused sign-in (deactivated user). */
export async function recordSignInRefused(userId: string, reason: string): Promise<void> {
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: { id: userId, label: "sso" },
      action: "auth.sign_in_refused",
      subjectType: "user",
      subjectId: userId,
      data: { reason },
    }),
  );
}

/** Audits a sign-out (Auth.js has already deleted the session row). */
export async function recordSignOut(userId: string): Promise<void> {
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: { id: userId, label: u?.name ?? userId },
      action: "auth.sign_out",
      subjectType: "user",
      subjectId: userId,
    }),
  );
}

/** The adapter's user creation, keeping only the columns we own (JIT provisioning). */
export async function createUserFromIdp(data: {
  name?: string | null;
  email?: string | null;
  emailVerified?: Date | null;
  image?: string | null;
  locale?: string | null;
  timeZone?: string | null;
}) {
  const [row] = await db
    .insert(users)
    .values({
      name: data.name ?? null,
      email: data.email ?? null,
      emailVerified: data.emailVerified ?? null,
      image: data.image ?? null,
      locale: data.locale === "en" ? "en" : "ja",
      timeZone: isKnownTimeZone(data.timeZone) ? data.timeZone : "Asia/Tokyo",
    })
    .returning({ id: users.id, name: users.name, email: users.email, emailVerified: users.emailVerified, image: users.image });
  return { ...row!, email: row!.email ?? "" };
}

/** An IdP may send any string as zoneinfo; keep only names the runtime can format with. */
function isKnownTimeZone(tz: string | null | undefined): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

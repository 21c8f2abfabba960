import "server-only";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { accounts, idpGroupMappings, sessions, userRoles, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isRole, type Role } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";
import { lockAdminGuard } from "./admin-shared";

/**
 * Sign-in bookkeeping for the Auth.js adapter. These run inside the SSO callback, where the
 * IdP's signed assertion is the authority; they take no viewer because nobody is signed in yet.
 * Only lib/auth/config.ts calls them.
 */

/** Absolute session lifetime: roles removed at the IdP take effect at least this often. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export type IdpClaims = {
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
  groups: readonly string[];
};

/** Group names compare case-insensitively (in JS, once, so PostgreSQL's locale never matters). */
export function normaliseGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.map((g) => g.normalize("NFC").trim().toLowerCase()).filter((g) => g.length > 0 && g.length <= 256))];
}

/** The portal user bound to (provider, IdP subject), with what the sign-in check needs. */
export async function findAccountUser(provider: string, subject: string) {
  const [row] = await db
    .select({ userId: accounts.userId, deactivatedAt: users.deactivatedAt, idpIssuer: users.idpIssuer, idpSubject: users.idpSubject })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, subject)))
    .limit(1);
  return row ?? null;
}

/** Roles granted by the mapping table for a set of IdP groups. */
export async function rolesForGroups(tx: Tx, groups: readonly string[]): Promise<Role[]> {
  const wanted = normaliseGroups(groups);
  if (wanted.length === 0) return [];
  const rows = await tx.select({ group: idpGroupMappings.groupName, role: idpGroupMappings.role }).from(idpGroupMappings);
  return [...new Set(rows.filter((r) => wanted.includes(r.group.normalize("NFC").trim().toLowerCase())).map((r) => r.role).filter(isRole))].sort();
}

/** Audits a refused sign-in (deactivated user, identity mismatch). */
export async function recordSignInRefused(userId: string | null, reason: string, claims: Pick<IdpClaims, "issuer" | "subject">): Promise<void> {
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: { id: userId, label: "sso" },
      action: "auth.sign_in_refused",
      subjectType: "user",
      subjectId: userId,
      data: { reason, issuer: claims.issuer, subject: claims.subject },
    }),
  );
}

/** Refuses to attach a second IdP identity to a user who already has one (no account linking). */
export async function assertNoOtherAccount(userId: string, provider: string): Promise<void> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)));
  if ((row?.n ?? 0) > 0) throw new AppError("CONFLICT", "This portal user is already bound to another IdP identity");
}

/**
 * Starts a session at sign-in, in ONE transaction with everything the sign-in changes: the
 * profile refreshed from the IdP's claims, IdP-sourced roles replaced from the groups claim
 * through the mapping table (manual grants are kept), and the audit event. If any step fails,
 * no session exists: sign-in fails closed.
 */
export async function startSession(input: {
  sessionToken: string;
  userId: string;
  expires: Date;
  claims: IdpClaims;
  isNewUser: boolean;
}): Promise<{ sessionToken: string; userId: string; expires: Date }> {
  const { claims } = input;
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ idpIssuer: users.idpIssuer, idpSubject: users.idpSubject, deactivatedAt: users.deactivatedAt, name: users.name })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!user) throw new AppError("NOT_FOUND");
    if (user.deactivatedAt) throw new AppError("FORBIDDEN", "deactivated");
    if ((user.idpIssuer && user.idpIssuer !== claims.issuer) || (user.idpSubject && user.idpSubject !== claims.subject)) {
      throw new AppError("CONFLICT", "IdP identity does not match this user");
    }
    await tx
      .update(users)
      .set({
        ...(claims.name ? { name: claims.name } : {}),
        ...(claims.email ? { email: claims.email } : {}),
        idpIssuer: claims.issuer,
        idpSubject: claims.subject,
        lastSignInAt: new Date(),
      })
      .where(eq(users.id, input.userId));

    // Serialise with admin-role changes so the last admin cannot vanish through a sign-in.
    await lockAdminGuard(tx);
    const mapped = await rolesForGroups(tx, claims.groups);
    const before = await tx.select({ role: userRoles.role, source: userRoles.source }).from(userRoles).where(eq(userRoles.userId, input.userId));
    let removed = before.filter((r) => r.source === "idp" && !mapped.includes(r.role)).map((r) => r.role);
    let keptLastAdmin = false;
    if (removed.includes("admin")) {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(eq(userRoles.role, "admin"), ne(userRoles.userId, input.userId), isNull(users.deactivatedAt)));
      if ((others?.n ?? 0) === 0) {
        removed = removed.filter((r) => r !== "admin");
        keptLastAdmin = true;
      }
    }
    if (removed.length) {
      await tx.delete(userRoles).where(and(eq(userRoles.userId, input.userId), eq(userRoles.source, "idp"), inArray(userRoles.role, removed)));
    }
    const had = new Set(before.map((r) => r.role));
    const added = mapped.filter((r) => !had.has(r));
    if (added.length) {
      await tx
        .insert(userRoles)
        .values(added.map((role) => ({ userId: input.userId, role, source: "idp" as const })))
        .onConflictDoNothing();
    }
    const after = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, input.userId));
    const [session] = await tx
      .insert(sessions)
      .values({ sessionToken: input.sessionToken, userId: input.userId, expires: input.expires })
      .returning({ sessionToken: sessions.sessionToken, userId: sessions.userId, expires: sessions.expires });
    await recordAudit(tx, {
      actor: { id: input.userId, label: claims.name ?? user.name ?? claims.subject },
      action: "auth.sign_in",
      subjectType: "user",
      subjectId: input.userId,
      data: {
        issuer: claims.issuer,
        subject: claims.subject,
        groups: normaliseGroups(claims.groups),
        roles: after.map((r) => r.role).sort(),
        added,
        removed,
        jit: input.isNewUser,
        ...(keptLastAdmin ? { keptLastAdmin: true } : {}),
      },
    });
    return session!;
  });
}

/** Ends a session (sign-out) and audits it in the same transaction. */
export async function endSession(sessionToken: string, reason: "sign_out" | "expired_absolute" = "sign_out") {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(sessions)
      .where(eq(sessions.sessionToken, sessionToken))
      .returning({ sessionToken: sessions.sessionToken, userId: sessions.userId, expires: sessions.expires });
    if (!row) return null;
    const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.userId));
    await recordAudit(tx, {
      actor: { id: row.userId, label: u?.name ?? row.userId },
      action: reason === "sign_out" ? "auth.sign_out" : "auth.session_expired",
      subjectType: "user",
      subjectId: row.userId,
    });
    return row;
  });
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
      name: data.name || null,
      email: data.email || null,
      emailVerified: data.emailVerified ?? null,
      image: null,
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


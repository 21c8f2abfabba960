/**
 * Factories shared by the demo seed, the database tests and the e2e fixtures.
 * They write through drizzle directly (seed-time code, not request-time code).
 */
import { randomUUID, randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { accounts, brands, channels, sessions, userRoles, users } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";

export const SSO_PROVIDER_ID = "company-sso";

export async function createUser(
  db: Db,
  o: { id?: string; name?: string; email?: string; roles?: Role[]; subject?: string; issuer?: string; locale?: "ja" | "en"; deactivated?: boolean } = {},
) {
  const id = o.id ?? `usr_${randomUUID()}`;
  const subject = o.subject ?? `sub-${randomUUID()}`;
  const issuer = o.issuer ?? process.env.AUTH_OIDC_ISSUER ?? "http://localhost:4001";
  await db
    .insert(users)
    .values({
      id,
      name: o.name ?? `テスト ユーザー ${id.slice(-4)}`,
      email: o.email ?? `${id}@aoba.example`,
      idpIssuer: issuer,
      idpSubject: subject,
      locale: o.locale ?? "ja",
      deactivatedAt: o.deactivated ? new Date() : null,
    })
    .onConflictDoNothing();
  await db
    .insert(accounts)
    .values({ userId: id, type: "oidc", provider: SSO_PROVIDER_ID, providerAccountId: subject })
    .onConflictDoNothing();
  if (o.roles?.length) {
    await db
      .insert(userRoles)
      .values(o.roles.map((role) => ({ userId: id, role, source: "idp" as const })))
      .onConflictDoNothing();
  }
  return { id, subject };
}

/** A database session row, as Auth.js would create it; returns the cookie value. */
export async function createSession(db: Db, userId: string, ttlMs = 8 * 3600_000): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.insert(sessions).values({ sessionToken, userId, expires: new Date(Date.now() + ttlMs) });
  return sessionToken;
}

export async function createBrand(db: Db, o: { id?: string; slug?: string; name?: string; nameEn?: string; color?: string } = {}) {
  const slug = o.slug ?? `brand-${randomUUID().slice(0, 8)}`;
  const [row] = await db
    .insert(brands)
    .values({ ...(o.id ? { id: o.id } : {}), slug, name: o.name ?? `ブランド ${slug}`, nameEn: o.nameEn ?? `Brand ${slug}`, color: o.color ?? "#0f766e" })
    .onConflictDoNothing()
    .returning({ id: brands.id });
  return { id: row?.id ?? o.id! };
}

export async function createChannel(
  db: Db,
  o: { id?: string; brandId: string; platform: (typeof channels.$inferInsert)["platform"]; handle?: string; displayName?: string; connector?: "sandbox" | "meta"; externalAccountId?: string },
) {
  const handle = o.handle ?? `@${o.platform}_${randomUUID().slice(0, 6)}`;
  const [row] = await db
    .insert(channels)
    .values({
      ...(o.id ? { id: o.id } : {}),
      brandId: o.brandId,
      platform: o.platform,
      handle,
      displayName: o.displayName ?? handle,
      connector: o.connector ?? "sandbox",
      externalAccountId: o.externalAccountId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: channels.id });
  return { id: row?.id ?? o.id! };
}

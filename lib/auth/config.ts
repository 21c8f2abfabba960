import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
// Auth adapter wiring is the one place outside lib/dal allowed to hold the database handle.
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import {
  assertNoOtherAccount,
  createUserFromIdp,
  endSession,
  findAccountUser,
  recordSignInRefused,
  startSession,
  SESSION_ABSOLUTE_MS,
  type IdpClaims,
} from "@/lib/dal/identity";
import { safeRedirectPath } from "./safe-redirect";

export const SSO_PROVIDER_ID = "company-sso";

/** A groups claim is an array; a plain string is taken as comma-separated (never split on spaces). */
export function groupsFrom(profile: Record<string, unknown> | undefined, claim: string): string[] {
  const v = profile?.[claim];
  if (Array.isArray(v)) return v.filter((g): g is string => typeof g === "string");
  if (typeof v === "string") return v.split(",").map((g) => g.trim()).filter(Boolean);
  return [];
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim().slice(0, 320) : null);

/**
 * Built per request (NextAuth(() => …)), so the IdP claims captured in the signIn callback are
 * this request's own; createSession then applies them in the same transaction as the session.
 */
function buildConfig(): NextAuthConfig {
  const e = env();
  let pending: { claims: IdpClaims; isNewUser: boolean } | null = null;

  const base = DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  const adapter: Adapter = {
    ...base,
    createUser: (u) => createUserFromIdp(u as Parameters<typeof createUserFromIdp>[0]) as Promise<AdapterUser>,
    // Identity is issuer + subject only: never find (and so never block or link) by e-mail.
    getUserByEmail: async () => null,
    // Never attach a second IdP identity to an existing portal user; keep no IdP tokens.
    linkAccount: async (account) => {
      await assertNoOtherAccount(account.userId, account.provider);
      await base.linkAccount!({ userId: account.userId, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId });
    },
    createSession: async (s) => {
      if (!pending) throw new Error("session without a verified sign-in");
      return (await startSession({ ...s, ...pending })) as AdapterSession;
    },
    getSessionAndUser: async (token) => {
      const r = await base.getSessionAndUser!(token);
      if (!r) return null;
      const session = r.session as AdapterSession & { createdAt?: Date };
      const user = r.user as AdapterUser & { deactivatedAt?: Date | null };
      if (user.deactivatedAt) return null;
      if (session.createdAt && Date.now() - new Date(session.createdAt).getTime() > SESSION_ABSOLUTE_MS) {
        await endSession(token, "expired_absolute");
        return null;
      }
      return { session: { sessionToken: session.sessionToken, userId: session.userId, expires: session.expires }, user: { id: user.id, name: user.name, email: user.email, emailVerified: null } };
    },
    deleteSession: async (token) => (await endSession(token, "sign_out")) as AdapterSession | null,
  };

  return {
    adapter,
    secret: e.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "database", maxAge: 8 * 60 * 60, updateAge: 15 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      {
        id: SSO_PROVIDER_ID,
        name: e.AUTH_OIDC_NAME,
        type: "oidc",
        issuer: e.AUTH_OIDC_ISSUER,
        clientId: e.AUTH_OIDC_CLIENT_ID,
        clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
        checks: ["pkce", "state", "nonce"],
        authorization: { params: { scope: e.AUTH_OIDC_SCOPE } },
        allowDangerousEmailAccountLinking: false,
        profile(p: Record<string, unknown>) {
          return {
            id: String(p.sub),
            name: str(p.name) ?? str(p.preferred_username),
            email: str(p.email),
            image: null,
            locale: p.locale,
            timeZone: p.zoneinfo,
          };
        },
      },
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || account.provider !== SSO_PROVIDER_ID || !profile) return false;
        const claims: IdpClaims = {
          issuer: e.AUTH_OIDC_ISSUER,
          subject: account.providerAccountId,
          name: str(profile.name) ?? str(profile.preferred_username),
          email: str(profile.email),
          groups: groupsFrom(profile as Record<string, unknown>, e.AUTH_OIDC_GROUPS_CLAIM),
        };
        const existing = await findAccountUser(account.provider, account.providerAccountId);
        if (existing?.deactivatedAt) {
          await recordSignInRefused(existing.userId, "deactivated", claims);
          return "/sign-in?error=Deactivated";
        }
        if (existing?.idpIssuer && existing.idpIssuer !== claims.issuer) {
          await recordSignInRefused(existing.userId, "issuer_mismatch", claims);
          return "/sign-in?error=AccessDenied";
        }
        pending = { claims, isNewUser: !existing };
        return true;
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith(baseUrl)) return `${baseUrl}${safeRedirectPath(url.slice(baseUrl.length) || "/")}`;
        return `${baseUrl}${safeRedirectPath(url)}`;
      },
      // What /api/auth/session returns to the browser: no token, no IdP identifiers.
      session({ session, user }) {
        return { expires: session.expires, user: { id: user.id, name: user.name ?? null, email: user.email ?? null } } as typeof session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

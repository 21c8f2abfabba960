import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
// Auth adapter wiring is the one place outside lib/dal allowed to hold the database handle.
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import {
  createUserFromIdp,
  findUserIdByAccount,
  recordSignInRefused,
  recordSignOut,
  syncIdentityAtSignIn,
} from "@/lib/dal/identity";
import { isUserActive } from "@/lib/dal/viewer";
import { safeRedirectPath } from "./safe-redirect";

export const SSO_PROVIDER_ID = "company-sso";

function groupsFrom(profile: Record<string, unknown> | undefined, claim: string): string[] {
  const v = profile?.[claim];
  if (Array.isArray(v)) return v.filter((g): g is string => typeof g === "string");
  if (typeof v === "string") return v.split(/[,\s]+/).filter(Boolean);
  return [];
}

function buildConfig(): NextAuthConfig {
  const e = env();
  const base = DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  const adapter: Adapter = {
    ...base,
    createUser: (u) => createUserFromIdp(u as Parameters<typeof createUserFromIdp>[0]),
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
        // Never link by e-mail: identity is issuer + subject only.
        allowDangerousEmailAccountLinking: false,
        profile(p: Record<string, unknown>) {
          return {
            id: String(p.sub),
            name: (p.name as string) ?? (p.preferred_username as string) ?? null,
            email: (p.email as string) ?? null,
            image: null,
            locale: p.locale,
            timeZone: p.zoneinfo,
          };
        },
      },
    ],
    callbacks: {
      async signIn({ account }) {
        if (!account || account.provider !== SSO_PROVIDER_ID) return false;
        const existing = await findUserIdByAccount(account.provider, account.providerAccountId);
        if (existing && !(await isUserActive(existing))) {
          await recordSignInRefused(existing, "deactivated");
          return "/sign-in?error=Deactivated";
        }
        return true;
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith(baseUrl)) return `${baseUrl}${safeRedirectPath(url.slice(baseUrl.length) || "/")}`;
        return `${baseUrl}${safeRedirectPath(url)}`;
      },
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
    events: {
      async signIn({ user, account, profile, isNewUser }) {
        if (!user.id || !account) return;
        await syncIdentityAtSignIn({
          userId: user.id,
          issuer: e.AUTH_OIDC_ISSUER,
          subject: account.providerAccountId,
          name: user.name ?? null,
          email: user.email ?? null,
          groups: groupsFrom(profile as Record<string, unknown> | undefined, e.AUTH_OIDC_GROUPS_CLAIM),
          isNewUser: !!isNewUser,
        });
      },
      async signOut(message) {
        const userId = "session" in message ? message.session?.userId : undefined;
        if (userId) await recordSignOut(userId);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

/**
 * CLI entry for the development SSO provider: `npm run idp` (tsx scripts/dev-idp/main.ts).
 *
 * Environment (all optional):
 *   DEV_IDP_PORT                       default 4001
 *   AUTH_OIDC_CLIENT_ID                default sns-portal
 *   AUTH_OIDC_CLIENT_SECRET            default dev-only-client-secret-change-me
 *   DEV_IDP_REDIRECT_URIS              comma-separated, default http://localhost:3000/api/auth/callback/company-sso
 *   DEV_IDP_POST_LOGOUT_REDIRECT_URIS  comma-separated, default http://localhost:3000/sign-in
 */
import { startDevIdp } from "./server";

function list(value: string | undefined, fallback: string): string[] {
  return (value?.trim() ? value : fallback)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function port(value: string | undefined): number {
  const n = Number(value?.trim() || 4001);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`DEV_IDP_PORT must be a TCP port number, got "${value}"`);
  }
  return n;
}

async function main(): Promise<void> {
  const env = process.env;
  const idp = await startDevIdp({
    port: port(env.DEV_IDP_PORT),
    clientId: env.AUTH_OIDC_CLIENT_ID?.trim() || "sns-portal",
    clientSecret:
      env.AUTH_OIDC_CLIENT_SECRET?.trim() || "dev-only-client-secret-change-me",
    redirectUris: list(
      env.DEV_IDP_REDIRECT_URIS,
      "http://localhost:3000/api/auth/callback/company-sso",
    ),
    postLogoutRedirectUris: list(
      env.DEV_IDP_POST_LOGOUT_REDIRECT_URIS,
      "http://localhost:3000/sign-in",
    ),
  });
  console.log(`dev IdP listening on ${idp.issuer}`);

  const shutdown = () => {
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

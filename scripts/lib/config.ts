/** Defaults for the embedded (demo and test) setup. Production sets these through the environment. */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { DEV_META_APP_SECRET, DEV_META_VERIFY_TOKEN } from "../../lib/domain/meta-webhook";

export const DEV_CLIENT_ID = "sns-portal";
export const DEV_CLIENT_SECRET = "dev-only-client-secret-change-me";

/** A random AUTH_SECRET kept under .data so sessions survive a demo restart. */
export function localAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const s = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, s, { mode: 0o600 });
  return s;
}

export function portalEnv(o: { appPort: number; idpPort: number; databaseUrl: string; authSecret: string }): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    AUTH_SECRET: o.authSecret,
    AUTH_URL: `http://localhost:${o.appPort}`,
    AUTH_TRUST_HOST: "true",
    AUTH_OIDC_ISSUER: `http://localhost:${o.idpPort}`,
    AUTH_OIDC_CLIENT_ID: DEV_CLIENT_ID,
    AUTH_OIDC_CLIENT_SECRET: DEV_CLIENT_SECRET,
    AUTH_OIDC_NAME: "Aoba SSO (dev)",
    AUTH_OIDC_SCOPE: "openid profile email groups",
    // The Meta webhook's secrets: the documented development values unless set (the app runs with
    // NODE_ENV=production here, where the endpoint would otherwise answer 503 "not configured").
    META_APP_SECRET: process.env.META_APP_SECRET || DEV_META_APP_SECRET,
    META_WEBHOOK_VERIFY_TOKEN: process.env.META_WEBHOOK_VERIFY_TOKEN || DEV_META_VERIFY_TOKEN,
  };
}

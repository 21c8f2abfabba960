import path from "node:path";
import { z } from "zod";
import { smtpEnvSchema } from "./notifications/settings";

const assetDirSchema = z
  .string()
  .trim()
  .min(1)
  .default(".data/assets")
  .refine((p) => {
    const pub = path.resolve("public");
    const dir = path.resolve(p);
    return dir !== pub && !dir.startsWith(pub + path.sep);
  }, "ASSET_DIR must not be inside public/: uploaded files are served only through the authorised asset route");

/** ASSET_DIR alone, absolute (the asset store reads it without needing the rest of the configuration). */
export function assetDir(): string {
  const r = assetDirSchema.safeParse(process.env.ASSET_DIR || undefined);
  if (!r.success) throw new EnvError(`Invalid configuration:\n  - ASSET_DIR: ${r.error.issues[0]?.message}\nSee .env.example.`);
  return path.resolve(r.data);
}

/** Every setting the server reads, checked once. A bad or missing one stops start-up naming it. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (postgres://user:password@host:5432/db)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  AUTH_SECRET: z.string({ error: "AUTH_SECRET is required" }).min(32, "AUTH_SECRET must be at least 32 characters"),
  AUTH_URL: z.url("AUTH_URL must be an absolute URL such as https://portal.example.co.jp").optional(),
  AUTH_OIDC_ISSUER: z.url("AUTH_OIDC_ISSUER must be the IdP's issuer URL"),
  AUTH_OIDC_CLIENT_ID: z.string().min(1, "AUTH_OIDC_CLIENT_ID is required"),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1, "AUTH_OIDC_CLIENT_SECRET is required"),
  AUTH_OIDC_NAME: z.string().default("Company SSO"),
  AUTH_OIDC_SCOPE: z.string().default("openid profile email"),
  AUTH_OIDC_GROUPS_CLAIM: z.string().default("groups"),
  DEFAULT_TIME_ZONE: z.string().default("Asia/Tokyo"),
  APP_VERSION: z.string().optional(),
  // Outbound e-mail (lib/notifications): both or neither; PORTAL_URL makes links in mail and chat absolute.
  ...smtpEnvSchema.shape,
  /** Uploaded media (lib/assets/storage.ts). Served only through the authorised route, so never under public/. */
  ASSET_DIR: assetDirSchema,
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export class EnvError extends Error {}

/** Parses process.env once; throws an EnvError listing every bad variable by name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * Before each test file: a fresh database copied from the migrated template, as DATABASE_URL.
 * After it: the pool is closed and the database dropped.
 */
import { afterAll, inject } from "vitest";
import postgres from "postgres";
import { randomBytes } from "node:crypto";

const adminUrl = inject("pgAdminUrl");
const name = `t_${randomBytes(6).toString("hex")}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}" template "portal_template"`);
process.env.DATABASE_URL = adminUrl.replace(/\/[^/]*$/, `/${name}`);
process.env.AUTH_OIDC_ISSUER ??= "http://localhost:4001";

afterAll(async () => {
  const { closeDb } = await import("@/db");
  await closeDb();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

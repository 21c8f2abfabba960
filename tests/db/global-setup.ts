/**
 * Once per `vitest --project db` run: a PostgreSQL to test against, and a migrated template
 * database that every test file copies (CREATE DATABASE … TEMPLATE is fast).
 * scripts/test.ts normally starts the server and passes TEST_PG_ADMIN_URL; run alone, this
 * starts a throwaway embedded PostgreSQL itself.
 */
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedPg } from "../../scripts/lib/embedded-pg";
import { runMigrations } from "../../scripts/lib/migrate";

export const TEMPLATE_DB = "portal_template";
let started: EmbeddedPg | null = null;

export async function setup({ provide }: { provide: (k: string, v: string) => void }) {
  let adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) {
    const dir = path.resolve(".data", `vitest-pg-${process.pid}`);
    started = await startEmbeddedPostgres({ dataDir: dir, port: 54400 + (process.pid % 500), ephemeral: true });
    adminUrl = started.url("postgres");
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${TEMPLATE_DB}" with (force)`);
    await sql.unsafe(`create database "${TEMPLATE_DB}"`);
  } finally {
    await sql.end();
  }
  await runMigrations(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DB}`));
  provide("pgAdminUrl", adminUrl);
}

export async function teardown() {
  if (started) await started.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

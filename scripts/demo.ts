/**
 * npm run demo — the whole portal on embedded defaults:
 * embedded PostgreSQL (.data/pg) → migrations → demo data → dev SSO → worker → app on :3000.
 * Ctrl-C stops everything; the data stays for the next start.
 * `npm run demo -- --fresh` starts over from new demo data (dates relative to today).
 */
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedPg } from "./lib/embedded-pg";
import { runMigrations } from "./lib/migrate";
import { run, runToEnd, waitForUrl, stopAll, buildIsFresh, bin } from "./lib/procs";
import { localAuthSecret, portalEnv, DEV_CLIENT_ID, DEV_CLIENT_SECRET } from "./lib/config";
import { startDevIdp } from "./dev-idp/server";
import { startDemoMetaStub } from "./lib/meta-stub";
import { DEMO_PEOPLE } from "../db/seed/people";

const APP_PORT = Number(process.env.PORT ?? 3000);
const IDP_PORT = Number(process.env.DEV_IDP_PORT ?? 4001);
const PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const DATA = path.resolve(".data");

async function main() {
  const t0 = Date.now();
  let pg: EmbeddedPg | null = null;
  let databaseUrl = process.env.DATABASE_URL;
  if (process.argv.includes("--fresh")) {
    if (databaseUrl) throw new Error("--fresh only resets the embedded database; it never drops DATABASE_URL");
    console.log("▶ --fresh: removing .data/pg and .data/assets");
    fs.rmSync(path.join(DATA, "pg"), { recursive: true, force: true });
    // Uploaded media belonged to the old database's rows; the seed writes the demo's files again.
    if (!process.env.ASSET_DIR) fs.rmSync(path.join(DATA, "assets"), { recursive: true, force: true });
  }
  if (!databaseUrl) {
    console.log(`▶ starting embedded PostgreSQL on 127.0.0.1:${PG_PORT} (data in .data/pg)`);
    pg = await startEmbeddedPostgres({ dataDir: path.join(DATA, "pg"), port: PG_PORT, log: (l) => console.error(`[pg] ${l}`) });
    await ensureDatabase(pg.url("postgres"), "portal");
    databaseUrl = pg.url("portal");
  }
  console.log("▶ applying migrations");
  await runMigrations(databaseUrl);

  const env = portalEnv({ appPort: APP_PORT, idpPort: IDP_PORT, databaseUrl, authSecret: process.env.AUTH_SECRET ?? localAuthSecret(DATA) });
  console.log("▶ loading demo data");
  await runToEnd("seed", bin("tsx"), ["--conditions=react-server", "db/seed/run.ts"], { env });

  console.log(`▶ starting dev SSO on http://localhost:${IDP_PORT}`);
  const idp = await startDevIdp({
    port: IDP_PORT,
    clientId: DEV_CLIENT_ID,
    clientSecret: DEV_CLIENT_SECRET,
    redirectUris: [`http://localhost:${APP_PORT}/api/auth/callback/company-sso`],
    postLogoutRedirectUris: [`http://localhost:${APP_PORT}/sign-in`],
  });

  const meta = await startDemoMetaStub(databaseUrl, Number(process.env.META_STUB_PORT ?? 4002));
  console.log(`▶ local Meta Graph API stand-in on ${meta.stub.url} (the demo's Instagram and Facebook channels publish there)`);
  Object.assign(env, meta.env);

  // The inbox's sandbox stream: a trickle of comments and DMs, and a burst every third hour (issue 4).
  env.INBOX_SANDBOX_STREAM = process.env.INBOX_SANDBOX_STREAM ?? "on";
  console.log("▶ starting job worker");
  run("worker", bin("tsx"), ["--conditions=react-server", "worker/index.ts"], { env });

  if (!buildIsFresh(process.cwd())) {
    console.log("▶ building the app (first start or changed sources; takes a few minutes on 2 cores)");
    await runToEnd("build", bin("next"), ["build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  console.log(`▶ starting the app on http://localhost:${APP_PORT}`);
  const app = run("app", bin("next"), ["start", "--hostname", "localhost", "--port", String(APP_PORT)], {
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  await waitForUrl(`http://localhost:${APP_PORT}/api/health`, 120_000, app);

  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(`\n✔ Portal ready in ${secs}s: http://localhost:${APP_PORT}\n`);
  console.log("  Demo logins (dev SSO; password for all: demo)");
  for (const p of DEMO_PEOPLE) {
    console.log(`   ${p.loginId.padEnd(11)} ${p.nameEn.padEnd(18)} ${p.groups.join(", ").padEnd(28)} → ${p.landing ?? "no role yet"}`);
  }
  console.log("\n  Ctrl-C stops everything; data stays in .data/.\n");

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\n▶ stopping…");
    await stopAll();
    await idp.close().catch(() => {});
    await meta.stub.close().catch(() => {});
    if (pg) await pg.stop().catch(() => {});
    console.log("✔ stopped");
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  app.on("exit", (code) => {
    if (!stopping) {
      console.error(`app exited (${code}); stopping`);
      void shutdown();
    }
  });
}

main().catch(async (e) => {
  console.error(`✘ ${e instanceof Error ? e.message : e}`);
  await stopAll();
  process.exit(1);
});

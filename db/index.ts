import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export * as schema from "./schema";
export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle, or the db itself: DAL helpers accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

type Holder = { client: postgres.Sql; db: Db; url: string };
const globalForDb = globalThis as unknown as { __portalDb?: Holder };

function poolSize(): number {
  const n = Number(process.env.DATABASE_POOL_MAX ?? "10");
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/** The process-wide client, kept across dev reloads; created on first use so builds need no database. */
export function getDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the demo launcher sets it for the embedded PostgreSQL)");
  const held = globalForDb.__portalDb;
  if (held && held.url === url) return held.db;
  const client = postgres(url, {
    max: poolSize(),
    onnotice: () => {},
    // PgBouncer in transaction mode cannot keep prepared statements.
    prepare: process.env.DATABASE_PREPARE !== "false",
  });
  const db = drizzle(client, { schema });
  globalForDb.__portalDb = { client, db, url };
  return db;
}

/** Closes the pool (scripts and tests). */
export async function closeDb(): Promise<void> {
  const held = globalForDb.__portalDb;
  globalForDb.__portalDb = undefined;
  if (held) await held.client.end({ timeout: 5 });
}

/** `db.select()...` reads like a plain object but resolves the client lazily. */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const real = getDb() as unknown as Record<PropertyKey, unknown>;
    const v = real[prop];
    return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(real) : v;
  },
});

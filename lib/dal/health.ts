import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db";

/** Public: reports only whether the database answers and whether a worker beat recently. */
export async function checkHealth(): Promise<{ database: "ok" | "down"; worker: "ok" | "stale" | "unknown"; latencyMs: number | null }> {
  const t0 = performance.now();
  try {
    const rows = await db.execute<{ beat: Date | null }>(sql`select max(beat_at) as beat from worker_heartbeats`);
    const latencyMs = Math.round(performance.now() - t0);
    const beat = rows[0]?.beat ? new Date(rows[0].beat) : null;
    const worker = !beat ? "unknown" : Date.now() - beat.getTime() < 90_000 ? "ok" : "stale";
    return { database: "ok", worker, latencyMs };
  } catch {
    return { database: "down", worker: "unknown", latencyMs: null };
  }
}

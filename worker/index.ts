/**
 * The pg-boss worker process (`npm run worker`). Runs beside the app, on the same PostgreSQL;
 * any number can run at once (pg-boss hands each job to exactly one).
 */
import { PgBoss } from "pg-boss";
import os from "node:os";
import { beatWorker, closeDatabase } from "@/lib/dal/system";
import { registerJobs } from "@/lib/jobs/registry";
import { startPublishing } from "@/lib/jobs/publishing";
import { startInboxReplies } from "@/lib/jobs/inbox-replies";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("worker: DATABASE_URL is required");
    process.exit(1);
  }
  const workerId = `${os.hostname()}:${process.pid}`;
  const startedAt = new Date();
  const log = (m: string) => console.log(`[worker] ${m}`);
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 4 });
  let stopping = false;
  boss.on("error", (e: Error & { code?: string }) => {
    // 57P01: the database is shutting down (e.g. Ctrl-C on the demo) — not worth a stack trace.
    if (stopping || e.code === "57P01") return;
    console.error("[worker] pg-boss error", e);
  });
  await boss.start();
  await registerJobs(boss, log);
  const stopPublishing = await startPublishing(boss, workerId, log);
  const stopInboxReplies = await startInboxReplies(boss, workerId, log);
  await beatWorker(workerId, startedAt, { pid: process.pid });
  const beat = setInterval(() => {
    beatWorker(workerId, startedAt, { pid: process.pid }).catch((e) => console.error("[worker] heartbeat failed", e));
  }, 30_000);
  log(`ready (${workerId})`);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(beat);
    stopPublishing();
    stopInboxReplies();
    await boss.stop({ graceful: true, timeout: 10_000 }).catch(() => {});
    await closeDatabase();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error("[worker] failed to start", e);
  process.exit(1);
});

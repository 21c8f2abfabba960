/**
 * Publishing benchmark (issue 3): N targets (default 10,000) due in the same minute, published
 * by 2 worker processes (`worker/index.ts`, pg-boss) to the sandbox network. Reports the time
 * until all are published, the exactly-once count taken at the network, and the publish lag
 * (published_at − slot) p50/p95. Called by scripts/bench.ts; runnable alone:
 *   tsx --conditions=react-server scripts/bench-publishing.ts   (BENCH_PUBLISH_TARGETS=2000 for a quick run)
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

export type PublishingBenchResult = {
  targets: number;
  workers: number;
  allPublishedAfterSlotMs: number;
  throughputPerSecond: number;
  networkPosts: number;
  distinctKeys: number;
  duplicates: number;
  notPublished: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagMaxMs: number;
};

function startWorker(url: string, env: Record<string, string>): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "worker/index.ts"], {
    env: { ...process.env, DATABASE_URL: url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes("[worker] ready")) resolve();
    });
    proc.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    proc.on("exit", () => reject(new Error(`worker exited:\n${out.slice(-3000)}`)));
  });
  return { proc, ready };
}

export async function runPublishingBench(url: string, n = Number(process.env.BENCH_PUBLISH_TARGETS ?? 10_000), nWorkers = 2): Promise<PublishingBenchResult> {
  process.env.DATABASE_URL = url;
  const { getDb } = await import("@/db");
  const { createBrand, createChannel, createUser } = await import("@/db/seed/factories");
  const { createScheduledPosts } = await import("@/db/seed/publishing-factories");
  const db = getDb();
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const brandId = (await createBrand(db)).id;
  const channelIds: string[] = [];
  for (const p of ["x", "facebook", "instagram", "line", "tiktok", "youtube"] as const) channelIds.push((await createChannel(db, { brandId, platform: p })).id);
  const author = (await createUser(db, { roles: ["content_creator"] })).id;
  const pr = (await createUser(db, { roles: ["pr"] })).id;
  const manager = (await createUser(db, { roles: ["social_media_manager"] })).id;

  const workers = Array.from({ length: nWorkers }, () => startWorker(url, { SANDBOX_LATENCY_MS: process.env.SANDBOX_LATENCY_MS ?? "25", PUBLISH_LATE_TOLERANCE_MS: String(30 * 60_000) }));
  await Promise.all(workers.map((w) => w.ready));

  // Every target due at the same second, ~15 s from now (time to insert them).
  const slotAt = new Date(Math.ceil((Date.now() + 15_000) / 1000) * 1000);
  const specs = Array.from({ length: n }, (_, i) => ({
    brandId,
    channelIds: [channelIds[i % channelIds.length]!],
    authorId: author,
    prReviewerId: pr,
    finalReviewerId: manager,
    slotAt,
    text: `ベンチマーク投稿 #${i}`,
  }));
  const created = await createScheduledPosts(db, specs);
  if (Date.now() >= slotAt.getTime()) console.warn("publishing bench: inserting took longer than the lead time; lag figures include it");
  const targetIds = created.flatMap((c) => c.targetIds);

  let publishedAt = 0;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from post_targets where id = any(${targetIds}) and state = 'published'`;
    if (row!.n >= n) {
      publishedAt = Date.now();
      break;
    }
    const [stuck] = await sql<{ n: number }[]>`select count(*)::int as n from post_targets where id = any(${targetIds}) and state in ('failed','needs_human_check','expired')`;
    if (stuck!.n > 0) throw new Error(`${stuck!.n} targets did not publish`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const [net] = await sql<{ posts: number; keys: number }[]>`
    select count(*)::int as posts, count(distinct s.idempotency_key)::int as keys
    from sandbox_posts s join post_targets t on t.idempotency_key = s.idempotency_key where t.id = any(${targetIds})`;
  const [lag] = await sql<{ p50: number; p95: number; max: number }[]>`
    select percentile_cont(0.5) within group (order by lag_ms) as p50, percentile_cont(0.95) within group (order by lag_ms) as p95, max(lag_ms) as max
    from publications where target_id = any(${targetIds})`;
  const [notPub] = await sql<{ n: number }[]>`select count(*)::int as n from post_targets where id = any(${targetIds}) and state <> 'published'`;
  for (const w of workers) w.proc.kill("SIGTERM");
  await sql.end();
  const elapsed = publishedAt - slotAt.getTime();
  return {
    targets: n,
    workers: nWorkers,
    allPublishedAfterSlotMs: elapsed,
    throughputPerSecond: Math.round((n / Math.max(1, elapsed)) * 1000),
    networkPosts: net!.posts,
    distinctKeys: net!.keys,
    duplicates: net!.posts - net!.keys,
    notPublished: notPub!.n,
    lagP50Ms: Math.round(Number(lag!.p50)),
    lagP95Ms: Math.round(Number(lag!.p95)),
    lagMaxMs: Math.round(Number(lag!.max)),
  };
}

// Run alone: a throwaway embedded PostgreSQL.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startEmbeddedPostgres, ensureDatabase } = await import("./lib/embedded-pg");
  const { runMigrations } = await import("./lib/migrate");
  const dir = path.resolve(".data", "bench-publish-pg");
  fs.rmSync(dir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 54351, ephemeral: true });
  try {
    await ensureDatabase(pg.url("postgres"), "bench");
    await runMigrations(pg.url("bench"));
    const r = await runPublishingBench(pg.url("bench"));
    console.log(JSON.stringify(r, null, 2));
  } finally {
    const { closeDb } = await import("@/db");
    await closeDb();
    await pg.stop();
    process.exit(0);
  }
}

/**
 * npm run bench — platform benchmarks on a throwaway embedded PostgreSQL. Each figure is printed
 * next to the raw-SQL floor of the same work measured in the same run, as a ratio, and all of it
 * is written to bench-results/platform.json. Machines here are shared and noisy: compare ratios.
 *
 *   1. audit append: recordAudit (advisory lock + chain hash + insert, in a transaction) vs a
 *      plain INSERT of the same row in a transaction
 *   2. loadViewer (per request): the DAL call vs the same SQL through postgres.js
 *   3. audit log first page (50 rows, action-prefix filter) over 200,000 events: listAuditEvents
 *      vs the same SQL
 *   4. chain verification of 200,000 events: rows per second
 *   5. publishing: 10,000 targets due in the same second, published by 2 worker processes to the
 *      sandbox network: time until all are out, the exactly-once count at the network, publish lag
 *      p50/p95 (bench-results/publishing.json; BENCH_PUBLISH_TARGETS to change N)
 *   6. calendar month view with 1,000 posts (among ~20,000): server render time (the page's data
 *      phase + React's render of the month grid) next to the raw-SQL floor of its query
 *      (bench-results/calendar.json; BENCH_CALENDAR_POSTS to change N)
 *   -  inbox ingestion: signed Meta webhook batches through the real handler (dedupe, triage, rules,
 *      audit) — stored events per second next to plain INSERTs of the same rows, replays, unsigned
 *      refusals (bench-results/inbox-ingest.json; BENCH_INGEST_EVENTS to change N)
 *   7. analytics with 10,000,000 daily metric rows: overview and trends for a 90-day range through
 *      the DAL, p50/p95 next to the same SQL over the rollups, and the same questions over the raw
 *      rows (bench-results/analytics.json; BENCH_ANALYTICS_ROWS to change N)
 *   -  inbox list and search with 1,000,000 items: first page (50, filtered, by SLA due) and Japanese
 *      search through listInbox next to the same SQL (bench-results/inbox.json; BENCH_INBOX_ITEMS)
 */
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, ensureDatabase } from "./lib/embedded-pg";
import { runMigrations } from "./lib/migrate";
import { pct, r2, timeEach as timeRuns } from "./lib/bench-util";

const timeEach = (n: number, fn: () => Promise<unknown>) => timeRuns(n, fn, 20);

const N_APPEND = Number(process.env.BENCH_APPEND ?? 2000);
const N_EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const N_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

async function main() {
  const dir = path.resolve(".data", "bench-pg");
  fs.rmSync(dir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 54349, ephemeral: true });
  try {
    await ensureDatabase(pg.url("postgres"), "bench");
    const url = pg.url("bench");
    await runMigrations(url);
    process.env.DATABASE_URL = url;
    const { getDb, closeDb } = await import("@/db");
    const { recordAudit, verifyChain } = await import("@/lib/dal/audit");
    const { loadViewer } = await import("@/lib/dal/viewer");
    const { listAuditEvents } = await import("@/lib/dal/admin-audit");
    const { createUser } = await import("@/db/seed/factories");
    const db = getDb();
    const raw = postgres(url, { max: 4, onnotice: () => {} });
    const results: Record<string, unknown> = { machine: { cores: (await import("node:os")).cpus().length, node: process.version }, at: new Date().toISOString() };

    // 1. audit append
    const actor = { id: null, label: "bench" };
    let t = performance.now();
    for (let i = 0; i < N_APPEND; i++) {
      await db.transaction((tx) => recordAudit(tx, { actor, action: "bench.append", subjectType: "bench", subjectId: String(i), data: { i, 名前: "テスト" } }));
    }
    const dal = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < N_APPEND; i++) {
      await raw.begin((sql) => sql`insert into audit_events (at, actor_label, action, subject_type, subject_id, data, prev_hash, hash)
        values (now(), 'bench', 'bench.floor', 'bench', ${String(i)}, ${sql.json({ i })}, 'x', 'y')`);
    }
    const floor = performance.now() - t;
    results.auditAppend = { n: N_APPEND, perSecond: Math.round((N_APPEND / dal) * 1000), floorPerSecond: Math.round((N_APPEND / floor) * 1000), ratio: r2(dal / floor) };
    console.log(`audit append: ${Math.round((N_APPEND / dal) * 1000)}/s vs plain INSERT ${Math.round((N_APPEND / floor) * 1000)}/s → ×${r2(dal / floor)} the floor's time`);
    // the floor rows break the chain on purpose; remove them as the owner so later steps verify a clean chain
    await raw.unsafe("alter table audit_events disable trigger user; delete from audit_events where action = 'bench.floor'; alter table audit_events enable trigger user");

    // 2. loadViewer
    const { id } = await createUser(db, { roles: ["pr", "legal"] });
    const v1 = await timeEach(N_SAMPLES, () => loadViewer(id));
    const f1 = await timeEach(N_SAMPLES, () => raw`select u.id, u.name, u.email, u.locale, u.time_zone, u.deactivated_at, r.role from users u left join user_roles r on r.user_id = u.id where u.id = ${id}`);
    results.loadViewer = { p50: r2(pct(v1, 50)), p95: r2(pct(v1, 95)), floorP50: r2(pct(f1, 50)), floorP95: r2(pct(f1, 95)), ratioP50: r2(pct(v1, 50) / pct(f1, 50)) };
    console.log(`loadViewer: p50 ${r2(pct(v1, 50))} ms, p95 ${r2(pct(v1, 95))} ms vs raw SQL p50 ${r2(pct(f1, 50))} ms → ×${r2(pct(v1, 50) / pct(f1, 50))}`);

    // 3. audit first page over N_EVENTS events (inserted with a valid chain in bulk through SQL)
    const { computeAuditHash } = await import("@/lib/dal/audit-chain");
    const [last] = await raw<{ hash: string }[]>`select hash from audit_events order by id desc limit 1`;
    let prev = last!.hash;
    const actions = ["auth.sign_in", "auth.sign_out", "user.role_granted", "idp_mapping.created", "user.preferences_updated"];
    const base = Date.now() - N_EVENTS * 1000;
    for (let start = 0; start < N_EVENTS; start += 5000) {
      const rows = [];
      for (let i = start; i < Math.min(N_EVENTS, start + 5000); i++) {
        const f = { at: new Date(base + i * 1000), actorId: null, actorLabel: `user${i % 50}`, action: actions[i % actions.length]!, subjectType: "user", subjectId: `usr_${i % 500}`, data: { i }, requestId: null };
        const hash = computeAuditHash(prev, f);
        rows.push({ at: f.at, actor_label: f.actorLabel, action: f.action, subject_type: f.subjectType, subject_id: f.subjectId, data: raw.json(f.data), prev_hash: prev, hash });
        prev = hash;
      }
      await raw`insert into audit_events ${raw(rows, "at", "actor_label", "action", "subject_type", "subject_id", "data", "prev_hash", "hash")}`;
    }
    await raw`analyze audit_events`;
    const admin = (await loadViewer((await createUser(db, { roles: ["admin"] })).id))!;
    const v2 = await timeEach(N_SAMPLES, () => listAuditEvents(admin, { action: "user.role" }));
    const f2 = await timeEach(N_SAMPLES, () => raw`select id, at, actor_id, actor_label, action, subject_type, subject_id, data, request_id from audit_events where action like 'user.role%' order by id desc limit 51`);
    results.auditFirstPage = { events: N_EVENTS, p50: r2(pct(v2, 50)), p95: r2(pct(v2, 95)), floorP50: r2(pct(f2, 50)), floorP95: r2(pct(f2, 95)), ratioP50: r2(pct(v2, 50) / pct(f2, 50)) };
    console.log(`audit log first page over ${N_EVENTS} events: p50 ${r2(pct(v2, 50))} ms, p95 ${r2(pct(v2, 95))} ms vs raw SQL p50 ${r2(pct(f2, 50))} ms → ×${r2(pct(v2, 50) / pct(f2, 50))}`);

    // 4. chain verification
    t = performance.now();
    const rep = await verifyChain(db);
    const vt = performance.now() - t;
    if (!rep.ok) throw new Error(`bench chain does not verify: ${JSON.stringify(rep)}`);
    results.verifyChain = { rows: rep.checked, seconds: r2(vt / 1000), rowsPerSecond: Math.round((rep.checked / vt) * 1000) };
    console.log(`verify chain: ${rep.checked} rows in ${r2(vt / 1000)} s (${Math.round((rep.checked / vt) * 1000)} rows/s)`);

    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(path.join("bench-results", "platform.json"), JSON.stringify(results, null, 2));
    console.log("→ bench-results/platform.json");

    // 5. publishing: 10,000 targets due in the same minute, 2 worker processes (scripts/bench-publishing.ts)
    await ensureDatabase(pg.url("postgres"), "bench_publish");
    await runMigrations(pg.url("bench_publish"));
    const { runPublishingBench } = await import("./bench-publishing");
    const pub = await runPublishingBench(pg.url("bench_publish"));
    fs.writeFileSync(path.join("bench-results", "publishing.json"), JSON.stringify({ machine: results.machine, at: new Date().toISOString(), ...pub }, null, 2));
    console.log(
      `publishing: ${pub.targets} targets due in one second, ${pub.workers} workers → all published ${r2(pub.allPublishedAfterSlotMs / 1000)} s after the slot (${pub.throughputPerSecond}/s); ` +
        `${pub.networkPosts} posts at the network for ${pub.distinctKeys} keys (duplicates ${pub.duplicates}, not published ${pub.notPublished}); lag p50 ${r2(pub.lagP50Ms / 1000)} s, p95 ${r2(pub.lagP95Ms / 1000)} s`,
    );
    console.log("→ bench-results/publishing.json");

    // 6. calendar month view with 1,000 posts: server render next to its query's raw-SQL floor (scripts/bench-calendar.ts)
    await ensureDatabase(pg.url("postgres"), "bench_calendar");
    await runMigrations(pg.url("bench_calendar"));
    const { runCalendarBench, describeCalendarBench } = await import("./bench-calendar");
    const cal = await runCalendarBench(pg.url("bench_calendar"));
    fs.writeFileSync(path.join("bench-results", "calendar.json"), JSON.stringify({ machine: results.machine, at: new Date().toISOString(), ...cal }, null, 2));
    console.log(describeCalendarBench(cal));
    console.log("→ bench-results/calendar.json");

    // 7. analytics: overview and trends for 90 days over 10,000,000 daily metric rows (scripts/bench-analytics.ts)
    await ensureDatabase(pg.url("postgres"), "bench_analytics");
    await runMigrations(pg.url("bench_analytics"));
    const { runAnalyticsBench, describeAnalyticsBench } = await import("./bench-analytics");
    const an = await runAnalyticsBench(pg.url("bench_analytics"));
    fs.writeFileSync(path.join("bench-results", "analytics.json"), JSON.stringify({ machine: results.machine, at: new Date().toISOString(), ...an }, null, 2));
    console.log(describeAnalyticsBench(an));
    console.log("→ bench-results/analytics.json");

    // inbox ingestion: signed, deduplicated webhook events per second next to plain INSERTs (scripts/bench-inbox-ingest.ts)
    await ensureDatabase(pg.url("postgres"), "bench_ingest");
    await runMigrations(pg.url("bench_ingest"));
    const { runInboxIngestBench, describeInboxIngestBench } = await import("./bench-inbox-ingest");
    const ing = await runInboxIngestBench(pg.url("bench_ingest"));
    fs.writeFileSync(path.join("bench-results", "inbox-ingest.json"), JSON.stringify({ machine: results.machine, at: new Date().toISOString(), ...ing }, null, 2));
    console.log(describeInboxIngestBench(ing));
    console.log("→ bench-results/inbox-ingest.json");
    // inbox list and search over 1,000,000 items (scripts/bench-inbox.ts)
    await ensureDatabase(pg.url("postgres"), "bench_inbox");
    await runMigrations(pg.url("bench_inbox"));
    const { runInboxBench, describeInboxBench } = await import("./bench-inbox");
    const inbox = await runInboxBench(pg.url("bench_inbox"));
    fs.writeFileSync(path.join("bench-results", "inbox.json"), JSON.stringify({ machine: results.machine, at: new Date().toISOString(), ...inbox }, null, 2));
    console.log(describeInboxBench(inbox));
    console.log("→ bench-results/inbox.json");
    await raw.end();
    await closeDb();
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

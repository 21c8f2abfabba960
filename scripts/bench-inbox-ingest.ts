/**
 * Inbox ingestion benchmark (issue 4): signed, deduplicated events per second through the real
 * webhook path, next to the floor of plain INSERTs of the same rows in the same run.
 *
 *   - handler: Meta page-feed payloads of BENCH_INGEST_BATCH comments each (Japanese and English
 *     corpus text), signed with the app secret, sent BENCH_INGEST_CONCURRENCY at a time through
 *     handleMetaWebhookPost (what POST /api/webhooks/meta runs inside withRoute): body read with the
 *     cap, HMAC over the raw bytes, parse, channel lookup, triage with the lexicon, SLA due, one
 *     transaction with INSERT … ON CONFLICT DO NOTHING, the demo's rules (hide spam, escalate ≥ 80,
 *     round robin), the batch's audit event and the delivery row. Then every request again
 *     (replays: all duplicates) — the figure counts only stored, deduplicated events.
 *   - floor: the same rows (copies of the rows the handler stored, every column, same batch size,
 *     same concurrency) as plain multi-row INSERTs through postgres.js into the same table (same
 *     indexes, same generated search column), no signature, no triage, no dedupe work, no audit.
 *
 * Called by scripts/bench.ts; runnable alone:
 *   tsx --conditions=react-server scripts/bench-inbox-ingest.ts <DATABASE_URL>   (a migrated, empty database)
 */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { pct, r2 } from "./lib/bench-util";

export type InboxIngestBenchResult = {
  events: number;
  batch: number;
  concurrency: number;
  handlerSeconds: number;
  handlerEventsPerSecond: number;
  storedOnce: number;
  replaySeconds: number;
  replayEventsPerSecond: number;
  replayStored: number;
  floorSeconds: number;
  floorEventsPerSecond: number;
  ratioToFloor: number;
  requestP50Ms: number;
  requestP95Ms: number;
  rejectedUnsignedPerSecond: number;
};


async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

export async function runInboxIngestBench(url: string, o: { events?: number; batch?: number; concurrency?: number } = {}): Promise<InboxIngestBenchResult> {
  const events = o.events ?? Number(process.env.BENCH_INGEST_EVENTS ?? 20_000);
  const batch = o.batch ?? Number(process.env.BENCH_INGEST_BATCH ?? 100);
  const concurrency = o.concurrency ?? Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4);
  const secret = "bench-app-secret-0123456789";
  process.env.META_APP_SECRET = secret;
  const { closeDb, getDb } = await import("@/db");
  await closeDb();
  process.env.DATABASE_URL = url;
  const db = getDb();
  const { createBrand, createChannel, createUser } = await import("@/db/seed/factories");
  const { RISK_LEXICON } = await import("@/db/seed/demo");
  const schema = await import("@/db/schema");
  const { DEFAULT_POLICY } = await import("@/lib/domain/inbox-policy");
  const { CORPUS, rng } = await import("@/lib/domain/inbox-corpus");
  const { handleMetaWebhookPost } = await import("@/lib/webhooks/meta");

  const brand = await createBrand(db);
  const page = "990000000000777";
  const handlerChannel = await createChannel(db, { brandId: brand.id, platform: "facebook", connector: "meta", externalAccountId: page, displayName: "bench FB" });
  const floorChannel = await createChannel(db, { brandId: brand.id, platform: "facebook", displayName: "bench floor" });
  await db.insert(schema.riskLexicon).values(RISK_LEXICON);
  await db.insert(schema.inboxPolicy).values(Object.entries({ sla: DEFAULT_POLICY.sla, business_hours: DEFAULT_POLICY.businessHours, thresholds: DEFAULT_POLICY.thresholds, spike: DEFAULT_POLICY.spike }).map(([key, value]) => ({ key, value })));
  const a1 = await createUser(db, { roles: ["community_manager"] });
  const a2 = await createUser(db, { roles: ["community_manager"] });
  await db.insert(schema.inboxShifts).values([{ userId: a1.id, onShift: true }, { userId: a2.id, onShift: true }]);
  if (process.env.BENCH_INGEST_RULES !== "0") await db.insert(schema.inboxRules).values([
    { kind: "auto_hide", config: { channelIds: [], spam: true, profanity: false }, position: 0 },
    { kind: "auto_escalate", config: { channelIds: [], minRisk: 80, toRole: "pr" }, position: 1 },
    { kind: "auto_assign", config: { channelIds: [], language: null, mode: "round_robin", userIds: [] }, position: 2 },
  ]);

  // The events: comments on 50 posts, times spread over a day, corpus text with a serial number.
  const r = rng(7);
  const t0 = Math.floor(Date.now() / 1000) - 86_400;
  const changes = Array.from({ length: events }, (_, i) => {
    const line = CORPUS[Math.floor(r() * CORPUS.length)]!;
    const post = `${page}_${i % 50}`;
    return {
      field: "feed",
      value: { item: "comment", verb: "add", comment_id: `${post}_${i}`, post_id: post, parent_id: post, from: { id: `u${i % 997}`, name: `user ${i % 997}` }, message: `${line.text} #${i}`, created_time: t0 + Math.floor(r() * 86_400) },
    };
  });
  const bodies: string[] = [];
  for (let i = 0; i < changes.length; i += batch) bodies.push(JSON.stringify({ object: "page", entry: [{ id: page, time: t0, changes: changes.slice(i, i + batch) }] }));
  const sign = (b: string) => `sha256=${createHmac("sha256", secret).update(b).digest("hex")}`;
  const signed = bodies.map((b) => ({ body: b, sig: sign(b) }));

  const send = async (s: { body: string; sig: string }) => {
    const req = new Request("http://localhost/api/webhooks/meta", { method: "POST", body: s.body, headers: { "content-type": "application/json", "x-hub-signature-256": s.sig } });
    const res = await handleMetaWebhookPost(req, "bench");
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { stored: number };
  };

  // Warm-up outside the timing (its own rows, then removed).
  const warm = JSON.stringify({ object: "page", entry: [{ id: page, time: t0, changes: [{ field: "feed", value: { item: "comment", verb: "add", comment_id: "warm", post_id: `${page}_w`, message: "warm up" } }] }] });
  await send({ body: warm, sig: sign(warm) });

  const lat: number[] = [];
  let stored = 0;
  let t = performance.now();
  await pool(signed, concurrency, async (s) => {
    const a = performance.now();
    const got = await send(s);
    stored += got.stored;
    lat.push(performance.now() - a);
  });
  const handlerSeconds = (performance.now() - t) / 1000;

  let replayStored = 0;
  t = performance.now();
  await pool(signed, concurrency, async (s) => {
    const got = await send(s);
    replayStored += got.stored;
  });
  const replaySeconds = (performance.now() - t) / 1000;

  // Unsigned traffic: refused before the body is read.
  const unsignedN = 20_000;
  t = performance.now();
  for (let i = 0; i < unsignedN; i++) {
    const res = await handleMetaWebhookPost(new Request("http://localhost/api/webhooks/meta", { method: "POST", body: bodies[0]! }), "bench");
    if (res.status !== 401) throw new Error(`unsigned answered ${res.status}`);
  }
  const unsignedSeconds = (performance.now() - t) / 1000;

  // Floor: the same rows as plain INSERTs — exact copies of what the handler stored (every column:
  // triage results, SLA, status, raw payload…) under a second channel, so the floor pays the same
  // row width, generated search column and indexes; only the work around the INSERT is missing.
  const raw = postgres(url, { max: concurrency, onnotice: () => {} });
  const storedRows = await raw<Record<string, unknown>[]>`select * from inbox_items where channel_id = ${handlerChannel.id} and external_id <> 'warm' order by received_at, id`;
  const rows = storedRows.map(({ id: _id, search_terms: _terms, ...r }) => ({
    ...r,
    channel_id: floorChannel.id,
    risk_reasons: raw.json(r.risk_reasons as never),
    raw: r.raw === null ? null : raw.json(r.raw as never),
  }));
  const chunks: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += batch) chunks.push(rows.slice(i, i + batch));
  t = performance.now();
  await pool(chunks, concurrency, async (ch) => {
    await raw`insert into inbox_items ${raw(ch)}`;
  });
  const floorSeconds = (performance.now() - t) / 1000;
  await raw.end();

  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from inbox_items where channel_id <> ${floorChannel.id} and external_id <> 'warm'`);
  if (n !== events || stored !== events || replayStored !== 0) throw new Error(`dedupe broken: stored ${stored}, rows ${n}, replay stored ${replayStored} (want ${events}, ${events}, 0)`);

  return {
    events,
    batch,
    concurrency,
    handlerSeconds: r2(handlerSeconds),
    handlerEventsPerSecond: Math.round(events / handlerSeconds),
    storedOnce: n,
    replaySeconds: r2(replaySeconds),
    replayEventsPerSecond: Math.round(events / replaySeconds),
    replayStored,
    floorSeconds: r2(floorSeconds),
    floorEventsPerSecond: Math.round(events / floorSeconds),
    ratioToFloor: r2(floorSeconds > 0 ? handlerSeconds / floorSeconds : 0),
    requestP50Ms: r2(pct(lat, 50)),
    requestP95Ms: r2(pct(lat, 95)),
    rejectedUnsignedPerSecond: Math.round(unsignedN / unsignedSeconds),
  };
}

export function describeInboxIngestBench(x: InboxIngestBenchResult): string {
  return (
    `inbox ingest: ${x.events} signed events in batches of ${x.batch}, ${x.concurrency} at a time → ${x.handlerEventsPerSecond} events/s stored once ` +
    `(request p50 ${x.requestP50Ms} ms, p95 ${x.requestP95Ms} ms); replayed: ${x.replayEventsPerSecond} events/s, ${x.replayStored} stored; ` +
    `plain INSERT floor ${x.floorEventsPerSecond} rows/s → ${x.ratioToFloor}× the floor's time; unsigned refused at ${x.rejectedUnsignedPerSecond}/s`
  );
}

async function standalone(): Promise<void> {
  let url = process.argv[2];
  let stop = async () => {};
  if (!url) {
    // No database given: a throwaway embedded PostgreSQL (BENCH_PG_PORT, default 54351), migrated.
    const { startEmbeddedPostgres, ensureDatabase } = await import("./lib/embedded-pg");
    const { runMigrations } = await import("./lib/migrate");
    const dir = path.resolve(".data", `bench-ingest-pg-${process.pid}`);
    const pg = await startEmbeddedPostgres({ dataDir: dir, port: Number(process.env.BENCH_PG_PORT ?? 54351), ephemeral: true });
    await ensureDatabase(pg.url("postgres"), "bench_ingest");
    url = pg.url("bench_ingest");
    await runMigrations(url);
    stop = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await runInboxIngestBench(url).then(async (res) => {
      fs.mkdirSync("bench-results", { recursive: true });
      fs.writeFileSync(path.join("bench-results", "inbox-ingest.json"), JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, at: new Date().toISOString(), ...res }, null, 2));
      console.log(describeInboxIngestBench(res));
      const { closeDb } = await import("@/db");
      await closeDb();
    });
  } finally {
    await stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  standalone().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

/**
 * Inbox benchmark (issue 4, inbox-ui): 1,000,000 inbox items (inserted with generate_series, the
 * search terms computed by the stored generated column as on any insert), then, each next to the
 * raw-SQL floor of the same query measured in the same run:
 *
 *   1. the inbox first page: 50 items of one channel, active statuses, sorted by SLA due — listInbox
 *      (permission, zod, the keyset query, DTOs) vs the same SQL through postgres.js
 *   2. the same with the negative-sentiment filter (a less selective index walk)
 *   3. Japanese search over all 1,000,000: "炎上" (two characters, GIN bigram index) — listInbox vs SQL
 *   4. a two-word query "返金 遅い" (66,667 matches) and an English word "refund"
 *   5. a word in one item only ("123457"): the rare end, where walking the list in order is wasteful
 *
 * Searches run in two phases (lib/dal/inbox.ts listInbox: a bounded walk of the ordered list, then
 * the term index for rare terms); their floor is the same statements in raw SQL, and `plainExplainMs`
 * is EXPLAIN ANALYZE of the single plain query (filters + terms, ORDER BY, LIMIT) the DAL used to
 * send, for comparison.
 *
 * Called by scripts/bench.ts; runnable alone:
 *   tsx --conditions=react-server scripts/bench-inbox.ts <DATABASE_URL of a migrated, empty database>
 * BENCH_INBOX_ITEMS changes N (default 1,000,000); BENCH_SAMPLES the samples per figure (default 100);
 * BENCH_INBOX_REUSE=1 keeps the rows of an earlier run in the same database (loading takes minutes).
 */
import postgres from "postgres";
import { pct, r2, timeEach } from "./lib/bench-util";


export type InboxFigure = { name: string; rows: number; /** EXPLAIN ANALYZE's execution time of the floor query: the server's own work, free of client and machine-load noise. */ explainExecutionMs: number | null; /** Searches: EXPLAIN ANALYZE of the plain one-statement query. */ plainExplainMs?: number | null; dalP50Ms: number; dalP95Ms: number; floorP50Ms: number; floorP95Ms: number; ratioP50: number; ratioP95: number; plan: string };
export type InboxBenchResult = { items: number; insertSeconds: number; loadSeconds: number; indexSeconds: number; samples: number; figures: InboxFigure[] };

const JA = [
  "新作のフラペチーノ、とても美味しかったです！また行きます。",
  "注文した商品がまだ届きません。いつ発送されますか？",
  "店員さんの対応がとても丁寧で嬉しかったです。",
  "アレルギー表示について教えてください。ナッツは入っていますか？",
  "この広告、炎上してませんか？表現が不適切だと思います。",
  "返金をお願いしたいのですが、手続きを教えてください。",
  "返金の対応が遅いです。もう二週間待っています。",
  "キャンペーンの応募方法がわかりません。",
  "異物が入っていました。写真を送ります。",
  "アプリにログインできません。",
];
const EN = [
  "Loved the new seasonal drink, will come back!",
  "My order has not arrived yet, when will it ship?",
  "I would like a refund for the broken tumbler.",
  "Is this campaign available outside Japan?",
  "Your ad is tone deaf, this is going to blow up.",
];

export async function runInboxBench(url: string, o: { items?: number; samples?: number } = {}): Promise<InboxBenchResult> {
  const N = o.items ?? Number(process.env.BENCH_INBOX_ITEMS ?? 1_000_000);
  const samples = o.samples ?? Number(process.env.BENCH_SAMPLES ?? 100);
  const { closeDb, getDb } = await import("@/db");
  await closeDb();
  process.env.DATABASE_URL = url;
  const db = getDb();
  const { createBrand, createChannel, createUser } = await import("@/db/seed/factories");
  const { loadViewer } = await import("@/lib/dal/viewer");
  const { listInbox } = await import("@/lib/dal/inbox");
  const raw = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const platforms = ["x", "instagram", "facebook", "line", "tiktok", "youtube", "x", "instagram"] as const;
    const texts = [...JA, ...EN];
    const reuse = process.env.BENCH_INBOX_REUSE === "1" && Number((await raw<{ n: number }[]>`select count(*)::int as n from inbox_items`)[0]!.n) >= N;
    const channelIds: string[] = [];
    let cmId: string;
    let loadSeconds = 0;
    const t0 = performance.now();
    if (reuse) {
      const [b] = await raw<{ id: string }[]>`select id from brands where name = 'ベンチ' order by created_at limit 1`;
      for (const c of await raw<{ id: string }[]>`select id from channels where brand_id = ${b!.id} order by created_at, id`) channelIds.push(c.id);
      cmId = (await raw<{ id: string }[]>`select id from users where name = 'ベンチ 担当' order by created_at limit 1`)[0]!.id;
    } else {
      const brand = await createBrand(db, { name: "ベンチ" });
      for (const p of platforms) channelIds.push((await createChannel(db, { brandId: brand.id, platform: p })).id);
      cmId = (await createUser(db, { roles: ["community_manager"], name: "ベンチ 担当" })).id;
      // 1,000,000 rows in chunks of 100,000 (one statement each). Distribution: ~75% closed (the
      // history), the rest active; SLA due spread from 5 hours ago to a day ahead; 1 in 10 texts
      // says 炎上 or 返金; every 8th item a DM; a quarter negative.
      // A bulk load as one would do it: secondary indexes dropped first and built once at the end.
      const indexes = await raw<{ name: string; def: string }[]>`
        select indexname as name, indexdef as def from pg_indexes where tablename = 'inbox_items' and indexname <> 'inbox_items_pkey'`;
      for (const ix of indexes) await raw.unsafe(`drop index "${ix.name}"`);
      const CHUNK = 100_000;
      for (let start = 0; start < N; start += CHUNK) {
        const end = Math.min(N, start + CHUNK);
        await raw.unsafe(
          `insert into inbox_items (channel_id, brand_id, platform, external_id, kind, thread_key, author_external_id, author_name, text, language, sentiment, risk_score, priority, status, assignee_id, sla_due_at, received_at, created_at)
           select (${sqlArray(channelIds)})[1 + (g % 8)]::uuid, '${brand.id}'::uuid, (${sqlArray([...platforms])})[1 + (g % 8)]::platform, 'b' || g,
                  (case when g % 8 = 0 then 'dm' when g % 8 = 1 then 'mention' when g % 23 = 0 then 'review' else 'comment' end)::inbox_kind,
                  't' || (g / 3), 'a' || (g % 50000), '投稿者 ' || (g % 50000),
                  (${sqlArray(texts)})[1 + (g * 7 % ${texts.length})] || ' #' || g,
                  case when g * 7 % ${texts.length} >= ${JA.length} then 'en' else 'ja' end,
                  (case when g % 4 = 0 then 'negative' when g % 4 = 1 then 'positive' else 'neutral' end)::sentiment,
                  case when g * 7 % ${texts.length} in (4, 14) then 80 else (g % 40) end,
                  (case when g % 50 = 0 then 'urgent' when g % 10 = 0 then 'high' else 'normal' end)::priority,
                  (case when (g / 8) % 4 = 0 then 'open' when (g / 8) % 16 = 1 then 'assigned' when (g / 8) % 16 = 5 then 'escalated' when (g / 8) % 16 = 9 then 'waiting' else 'closed' end)::inbox_status,
                  case when (g / 8) % 16 = 1 then '${cmId}' else null end,
                  now() - interval '5 hours' + (g % 1740) * interval '1 minute',
                  now() - g * interval '3 seconds',
                  now() - g * interval '3 seconds'
           from generate_series(${start}, ${end - 1}) g`,
        );
      }
      loadSeconds = r2((performance.now() - t0) / 1000);
      await raw.unsafe("set maintenance_work_mem = '256MB'");
      for (const ix of indexes) await raw.unsafe(ix.def);
    }
    await raw`analyze inbox_items`;
    const viewer = (await loadViewer(cmId))!;
    const insertSeconds = r2((performance.now() - t0) / 1000);
    const indexSeconds = r2(insertSeconds - loadSeconds);

    const figures: InboxFigure[] = [];
    const cols = `i.id, i.kind, i.platform, i.channel_id, c.display_name, b.name, i.author_name, i.author_handle, left(i.text, 280), i.language, i.sentiment, i.risk_score, i.risk_reasons, i.priority, i.status, i.tags, i.assignee_id, a.name, i.sla_due_at, i.first_response_at, i.received_at, i.created_at, i.version`;
    const from = `from inbox_items i join channels c on c.id = i.channel_id join brands b on b.id = c.brand_id left join users a on a.id = i.assignee_id`;
    const order = `order by coalesce(i.sla_due_at, 'infinity'::timestamptz), i.id limit 51`;
    const active = `i.status in ('open', 'assigned', 'waiting', 'escalated')`;

    const measure = async (name: string, dal: () => Promise<{ items: unknown[] }>, floorSql: string, params: unknown[]) => {
      const rows = (await dal()).items.length;
      const d = await timeEach(samples, dal);
      const f = await timeEach(samples, () => raw.unsafe(floorSql, params as never[]));
      const plan = (await raw.unsafe(`explain (analyze, buffers off, timing off, summary on) ${floorSql}`, params as never[])).map((r) => Object.values(r)[0]).join("\n");
      const exec = /Execution Time: ([\d.]+) ms/.exec(plan);
      const fig = {
        name,
        rows,
        explainExecutionMs: exec ? Number(exec[1]) : null,
        dalP50Ms: r2(pct(d, 50)),
        dalP95Ms: r2(pct(d, 95)),
        floorP50Ms: r2(pct(f, 50)),
        floorP95Ms: r2(pct(f, 95)),
        ratioP50: r2(pct(d, 50) / pct(f, 50)),
        ratioP95: r2(pct(d, 95) / pct(f, 95)),
        plan,
      };
      figures.push(fig);
      return fig;
    };

    await measure(
      "first page: one channel, active, by SLA due",
      () => listInbox(viewer, { channel: [channelIds[2]!] }),
      `select ${cols} ${from} where ${active} and i.channel_id in ($1) ${order}`,
      [channelIds[2]!],
    );
    await measure(
      "first page: negative, active, all channels, by SLA due",
      () => listInbox(viewer, { sentiment: ["negative"] }),
      `select ${cols} ${from} where ${active} and i.sentiment in ('negative') ${order}`,
      [],
    );
    // The statements listInbox sends for a term search (see its comment), in raw SQL: steps of a
    // bounded walk in page order (each continuing where the last ended) until a page and its
    // look-ahead matched or the list ended, else every match from the term index, sorted; then the
    // page's rows. One repeatable-read transaction, as there.
    const WALK = 2000;
    const STEPS = 5;
    const searchSql = (base: string, terms: string[], pieces: string[]) => {
      const arr = `array[${terms.map((t) => `'${t}'`).join(", ")}]::text[]`;
      const match = (text: string) => pieces.map((p) => `strpos(lower(normalize(${text}, NFKC)), '${p}') > 0`).join(" and ");
      const key = `coalesce(i.sla_due_at, 'infinity'::timestamptz)`;
      const after = (from: { k: string; id: string } | null) => (from ? ` and (${key}, i.id) > ('${from.k}'::timestamptz, '${from.id}'::uuid)` : "");
      return {
        walk: (from: { k: string; id: string } | null, need: number) =>
          `select i.id from inbox_items i where i.id in (select w.id from (select i.id, ${key} as w_k, i.search_terms as w_terms, i.text as w_text from inbox_items i where ${base}${after(from)} order by ${key}, i.id limit ${WALK}) w where w.w_terms @> ${arr} and ${match("w.w_text")} order by w.w_k, w.id limit ${need})`,
        last: (from: { k: string; id: string } | null) =>
          `select s.k::text as k, s.id, count(*) over ()::int as n from (select ${key} as k, i.id from inbox_items i where ${base}${after(from)} order by ${key}, i.id limit ${WALK}) s order by s.k desc, s.id desc limit 1`,
        page: (ids: string[]) => `select ${cols} ${from} where i.id in (${ids.map((x) => `'${x}'`).join(", ") || "null"}) ${order}`,
        fallback: `select ${cols} ${from} where i.id in (select m.id from (select i.id, ${key} as m_k from inbox_items i where ${base} and i.search_terms @> ${arr} and ${match("i.text")} offset 0) m order by m.m_k, m.id limit 51) ${order}`,
        plain: `select ${cols} ${from} where ${base} and i.search_terms @> ${arr} and ${match("i.text")} ${order}`,
      };
    };
    const measureSearch = async (name: string, dal: () => Promise<{ items: unknown[] }>, base: string, terms: string[], pieces: string[]) => {
      const q = searchSql(base, terms, pieces);
      /** The statements listInbox sends, in order; returns them (for EXPLAIN). */
      const run = () =>
        raw.begin("isolation level repeatable read read only", async (tx) => {
          const sent: string[] = [];
          const exec = async (text: string) => {
            sent.push(text);
            return tx.unsafe(text);
          };
          const hits: string[] = [];
          let at: { k: string; id: string } | null = null;
          for (let step = 0; step < STEPS; step++) {
            for (const h of await exec(q.walk(at, 51 - hits.length))) hits.push(h.id as string);
            if (hits.length > 50) break;
            const [last] = await exec(q.last(at));
            if (!last || Number(last.n) < WALK) {
              at = null;
              break;
            }
            at = { k: last.k as string, id: last.id as string };
          }
          if (hits.length > 50 || at === null) {
            if (hits.length) await exec(q.page(hits));
          } else await exec(q.fallback);
          return sent;
        });
      const rows = (await dal()).items.length;
      const d = await timeEach(samples, dal);
      const f = await timeEach(samples, run);
      const sent = await run();
      const explain = async (sqlText: string) => (await raw.unsafe(`explain (analyze, buffers off, timing off, summary on) ${sqlText}`)).map((r) => Object.values(r)[0]).join("\n");
      const execOf = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
      const plans: string[] = [];
      let exec = 0;
      for (const text of sent) {
        const plan = await explain(text);
        plans.push(plan);
        exec += execOf(plan);
      }
      const plainExplainMs = execOf(await explain(q.plain));
      figures.push({
        name: `${name} [${sent.length} statements]`,
        rows,
        explainExecutionMs: r2(exec),
        plainExplainMs,
        dalP50Ms: r2(pct(d, 50)),
        dalP95Ms: r2(pct(d, 95)),
        floorP50Ms: r2(pct(f, 50)),
        floorP95Ms: r2(pct(f, 95)),
        ratioP50: r2(pct(d, 50) / pct(f, 50)),
        ratioP95: r2(pct(d, 95) / pct(f, 95)),
        plan: plans.join("\n-- next statement\n"),
      });
    };
    await measureSearch("search 炎上 over all items (any status), by SLA due", () => listInbox(viewer, { q: "炎上", status: "all" }), "true", ["炎上"], ["炎上"]);
    await measureSearch("search 返金 遅い (two words) over active items", () => listInbox(viewer, { q: "返金 遅い" }), active, ["返金", "遅い"], ["返金", "遅い"]);
    await measureSearch("search refund (English) over all items", () => listInbox(viewer, { q: "refund", status: "all" }), "true", ["refund"], ["refund"]);
    await measureSearch("search a word found in one item (123457) over all items", () => listInbox(viewer, { q: "123457", status: "all" }), "true", ["123457"], ["123457"]);
    return { items: N, insertSeconds, loadSeconds, indexSeconds, samples, figures };
  } finally {
    await raw.end();
  }
}

/** A Postgres array literal of text values, for the generate_series INSERT (values are ours, escaped anyway). */
function sqlArray(xs: string[]): string {
  return `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")}]`;
}

export function describeInboxBench(r: InboxBenchResult): string {
  return [
    `inbox: ${r.items.toLocaleString("en")} items loaded in ${r.insertSeconds} s (rows ${r.loadSeconds} s, indexes ${r.indexSeconds} s)`,
    ...r.figures.map((f) => `  ${f.name}: listInbox p50 ${f.dalP50Ms} ms, p95 ${f.dalP95Ms} ms vs raw SQL p50 ${f.floorP50Ms} ms, p95 ${f.floorP95Ms} ms → ×${f.ratioP50} (p95 ×${f.ratioP95}); ${f.rows} rows; EXPLAIN ANALYZE execution ${f.explainExecutionMs} ms${f.plainExplainMs != null ? ` (the plain one-statement query: ${f.plainExplainMs} ms)` : ""}`),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) throw new Error("usage: tsx --conditions=react-server scripts/bench-inbox.ts <DATABASE_URL of a migrated, empty database>");
  runInboxBench(url)
    .then(async (r) => {
      console.log(describeInboxBench(r));
      const fs = await import("node:fs");
      fs.mkdirSync("bench-results", { recursive: true });
      fs.writeFileSync("bench-results/inbox.json", JSON.stringify({ at: new Date().toISOString(), ...r }, null, 2));
      const { closeDb } = await import("@/db");
      await closeDb();
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

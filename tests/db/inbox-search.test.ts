/**
 * Inbox search, two-phase (lib/dal/inbox.ts listInbox): the SLA/newest-ordered walk with a bounded
 * number of rows, then the term index when the walk is inconclusive, must return exactly what the
 * plain query returns — `WHERE filters AND search_terms @> terms AND each piece in the text ORDER BY
 * key` — on every page of a keyset walk. Random data (seeded, reproducible) with terms of very
 * different frequencies, tied and missing SLA due times, DMs, and filters that leave fewer rows
 * than the walk's bound, so every path (walk conclusive, walk exhaustive, fallback) is taken.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { createBrand, createChannel } from "@/db/seed/factories";
import { listInbox, searchTuning } from "@/lib/dal/inbox";
import { ACTIVE_STATUSES, searchPlan, type InboxFilterInput } from "@/lib/domain/inbox-query";
import type { Viewer } from "@/lib/dal/viewer";
import { viewersByRole, type Role } from "./helpers";

const N = 6_000;
let v: Record<Role | "none", Viewer>;
let channels: string[] = [];
const db = () => getDb();
const arr = (xs: readonly string[]) => sql`array[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

beforeAll(async () => {
  v = await viewersByRole();
  const brand = await createBrand(db());
  channels = [];
  for (const p of ["x", "instagram", "facebook"] as const) channels.push((await createChannel(db(), { brandId: brand.id, platform: p })).id);
  // Words by how often they occur: 返金 ~40 %, 遅い ~25 %, refund ~20 %, 炎上 ~3 %, ぬるい ~0.5 %,
  // 異物 only in the last tenth of the SLA order (broad overall, absent where the walk starts).
  await db().execute(sql`select setseed(0.42)`);
  await db().execute(sql`
    insert into inbox_items (channel_id, platform, external_id, kind, thread_key, text, language, sentiment, status, sla_due_at, received_at)
    select (${sql.raw(`array['${channels.join("','")}']`)})[1 + (g % 3)]::uuid, 'x', 'r' || g,
           (case when random() < 0.15 then 'dm' when random() < 0.2 then 'mention' else 'comment' end)::inbox_kind,
           't' || g,
           concat_ws(' ',
             case when random() < 0.40 then '返金をお願いします' end,
             case when random() < 0.25 then '対応が遅いです' end,
             case when random() < 0.20 then 'Refund please' end,
             case when random() < 0.03 then 'この広告は炎上' end,
             case when random() < 0.005 then 'ぬるいコーヒー' end,
             case when g > ${N * 0.9} then '異物が入っていました' end,
             'メモ ' || g),
           case when random() < 0.5 then 'ja' else 'en' end,
           (case when random() < 0.3 then 'negative' when random() < 0.5 then 'neutral' else 'positive' end)::sentiment,
           (case when random() < 0.6 then 'open' when random() < 0.3 then 'assigned' when random() < 0.5 then 'closed' else 'waiting' end)::inbox_status,
           -- many ties (minutes from a small range), some without a due time, the tail late
           case when random() < 0.1 then null else date_trunc('milliseconds', now()) + (case when g > ${N * 0.9} then 10000 else 0 end + floor(random() * 600)) * interval '1 minute' end,
           date_trunc('milliseconds', now()) - (floor(random() * 3000)) * interval '1 minute'
    from generate_series(1, ${N}) g`);
  await db().execute(sql`analyze inbox_items`);
}, 60_000);

type Case = { name: string; filter: InboxFilterInput; viewer?: Role; /** Filter by the first channel (ids exist only after beforeAll). */ firstChannel?: boolean };

/** The plain query: what listInbox returned before the walk existed, all matches in page order. */
async function reference(c: Case): Promise<string[]> {
  const plan = searchPlan(c.filter.q);
  if (plan.mode !== "terms") throw new Error("terms only");
  const f = c.filter;
  const w: ReturnType<typeof sql>[] = [sql`search_terms @> ${arr(plan.terms)}`];
  for (const p of plan.pieces) w.push(sql`strpos(lower(normalize(text, NFKC)), ${p}) > 0`);
  const statuses = f.status === "all" ? null : f.status ? [f.status].flat() : [...ACTIVE_STATUSES];
  if (statuses) w.push(sql`status::text = any(${arr(statuses)})`);
  if (f.channel) w.push(sql`channel_id::text = any(${arr([f.channel].flat())})`);
  if (f.sentiment) w.push(sql`sentiment::text = any(${arr([f.sentiment].flat())})`);
  if (f.kind) w.push(sql`kind::text = any(${arr([f.kind].flat())})`);
  if (c.viewer === "social_media_manager") w.push(sql`kind <> 'dm'`);
  const order = f.sort === "newest" ? sql`received_at desc, id desc` : sql`coalesce(sla_due_at, 'infinity'::timestamptz), id`;
  const rows = await db().execute<{ id: string }>(sql`select id from inbox_items where ${sql.join(w, sql` and `)} order by ${order}`);
  return rows.map((r) => r.id);
}

type Path = "walk" | "steps" | "exhaustive" | "fallback";
/** How listInbox decides for the first page: the first walkRows × walkSteps rows (other filters only) and the matches among them. */
async function walkClass(c: Case, matches: Set<string>, limit: number): Promise<Path> {
  const { walkRows, walkSteps } = searchTuning;
  const f = c.filter;
  const w: ReturnType<typeof sql>[] = [sql`true`];
  const statuses = f.status === "all" ? null : f.status ? [f.status].flat() : [...ACTIVE_STATUSES];
  if (statuses) w.push(sql`status::text = any(${arr(statuses)})`);
  if (f.channel) w.push(sql`channel_id::text = any(${arr([f.channel].flat())})`);
  if (f.sentiment) w.push(sql`sentiment::text = any(${arr([f.sentiment].flat())})`);
  if (f.kind) w.push(sql`kind::text = any(${arr([f.kind].flat())})`);
  if (c.viewer === "social_media_manager") w.push(sql`kind <> 'dm'`);
  const order = f.sort === "newest" ? sql`received_at desc, id desc` : sql`coalesce(sla_due_at, 'infinity'::timestamptz), id`;
  const rows = await db().execute<{ id: string }>(sql`select id from inbox_items where ${sql.join(w, sql` and `)} order by ${order} limit ${walkRows * walkSteps}`);
  if (rows.slice(0, walkRows).filter((r) => matches.has(r.id)).length > limit) return "walk";
  if (rows.filter((r) => matches.has(r.id)).length > limit) return "steps";
  return rows.length < walkRows * walkSteps ? "exhaustive" : "fallback";
}

async function pageAll(c: Case, limit: number): Promise<{ ids: string[]; pages: number }> {
  const viewer = v[c.viewer ?? "community_manager"];
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await listInbox(viewer, c.filter, { cursor, limit });
    pages++;
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) break;
    expect(page.items).toHaveLength(limit);
    cursor = page.nextCursor;
    if (pages > 500) throw new Error("runaway paging");
  }
  return { ids, pages };
}

const cases: Case[] = [
  { name: "返金 (broad), active", filter: { q: "返金" } },
  { name: "返金 遅い (two words), active", filter: { q: "返金 遅い" } },
  { name: "refund (English), all statuses", filter: { q: "refund", status: "all" } },
  { name: "炎上 (some), all statuses", filter: { q: "炎上", status: "all" } },
  { name: "refu (an English prefix), active", filter: { q: "refu" } },
  { name: "ぬるい (rare), all statuses", filter: { q: "ぬるい", status: "all" } },
  { name: "異物 (broad, only late in the SLA order)", filter: { q: "異物", status: "all" } },
  { name: "返金 on one channel, negative (fewer rows than the walk)", filter: { q: "返金", sentiment: ["negative"] }, firstChannel: true },
  { name: "炎上 on one channel, negative (fewer rows than the walk, few matches)", filter: { q: "炎上", sentiment: ["negative"] }, firstChannel: true },
  { name: "返金, closed only (fewer rows than the walk)", filter: { q: "返金", status: ["closed"] } },
  { name: "返金 遅い, newest first", filter: { q: "返金 遅い", sort: "newest", status: "all" } },
  { name: "ぬるい, newest first", filter: { q: "ぬるい", sort: "newest" } },
  { name: "返金 without DM access", filter: { q: "返金", kind: ["dm", "comment"] }, viewer: "social_media_manager" },
  { name: "no match at all", filter: { q: "存在しない言葉", status: "all" } },
];

const tunings: { name: string; walkRows: number; walkSteps: number; paths: Path[] }[] = [
  { name: "the real bounds", walkRows: searchTuning.walkRows, walkSteps: searchTuning.walkSteps, paths: ["exhaustive", "steps", "walk"] },
  { name: "small bounds (150 rows × 4 steps), so every path is taken", walkRows: 150, walkSteps: 4, paths: ["exhaustive", "fallback", "steps", "walk"] },
];
const original = { ...searchTuning };
afterAll(() => Object.assign(searchTuning, original));

for (const tuning of tunings) {
  describe(`two-phase search returns exactly the plain query's rows, on every keyset page — ${tuning.name}`, () => {
    const seen = new Set<Path>();
    beforeAll(() => Object.assign(searchTuning, { walkRows: tuning.walkRows, walkSteps: tuning.walkSteps }));
    for (const c of cases) {
      it(c.name, async () => {
        if (c.firstChannel) c.filter.channel = [channels[0]!];
        const expected = await reference(c);
        for (const limit of [50, 23]) {
          const got = await pageAll(c, limit);
          expect(got.ids).toEqual(expected);
          expect(got.pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
        }
        seen.add(await walkClass(c, new Set(expected), 50));
      }, 60_000);
    }
    it(`took the paths ${tuning.paths.join(", ")}`, () => {
      expect([...seen].sort()).toEqual(tuning.paths);
    });
  });
}

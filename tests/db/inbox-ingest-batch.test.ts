/**
 * Ingestion's batch paths against real PostgreSQL (issue 4, ingestion performance): the rows go in
 * as one JSON parameter (every value must round-trip exactly), the legal holds of a whole batch are
 * looked up at once (heldSubjectsMany ≡ heldSubjects per subject; a batch with several held authors
 * hides none of them), and the round robin is decided before the INSERT and confirmed under the
 * shift rows' lock after it: concurrent batches still share the work exactly, and a shift state
 * changed behind the process's back (another process, a manager) is corrected, never trusted.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { inboxItems, inboxRules, inboxShifts, legalHolds, moderationActions, riskLexicon } from "@/db/schema";
import { RISK_LEXICON } from "@/db/seed/demo";
import { createBrand, createChannel, createUser } from "@/db/seed/factories";
import { ingestInbound, ingestInTx, type IngestEntry } from "@/lib/dal/inbox-ingest";
import { heldSubjects, heldSubjectsMany } from "@/lib/dal/legal-holds";

let channelId = "";
let legalId = "";
let n = 0;
const SPAM = "副業で月収100万円稼げる!プロフ見てね https://bit.ly/xxxx";

const entry = (o: Partial<IngestEntry> = {}): IngestEntry => ({
  channelId,
  platform: "x",
  accountId: "acc",
  externalId: `b-${++n}`,
  kind: "comment",
  threadKey: `x:post-${n}`,
  parentExternalId: null,
  authorExternalId: `u-${n}`,
  authorHandle: null,
  authorName: null,
  permalink: null,
  authorUrl: null,
  raw: null,
  text: "質問です",
  receivedAt: new Date("2026-03-02T01:00:00Z"),
  ...o,
});

beforeAll(async () => {
  const db = getDb();
  await db.insert(riskLexicon).values(RISK_LEXICON);
  const brand = await createBrand(db);
  channelId = (await createChannel(db, { brandId: brand.id, platform: "x", displayName: "一括テスト" })).id;
  legalId = (await createUser(db, { roles: ["legal"] })).id;
});

beforeEach(async () => {
  const db = getDb();
  await db.update(inboxRules).set({ enabled: false }).where(sql`true`);
  await db.delete(inboxShifts).where(sql`true`);
});

describe("the INSERT as one JSON parameter", () => {
  it("stores every value exactly: quotes, backslashes, emoji, new lines, nulls, nested raw JSON, dates", async () => {
    const text = `「返金」は? "quoted" \\ back\\slash 'single' 🍣👍🏽 ｶﾀｶﾅ\n二行目\t{json: [1]} null`;
    const raw = { value: { message: text, nested: { a: [1, "two", null, true], "ключ": "値" } } };
    const at = new Date("2026-03-02T03:04:05.678Z");
    const e = entry({ text, raw, receivedAt: at, authorHandle: "@o'brien", authorName: null, permalink: "https://x.com/a/status/1?x=\"y\"" });
    const r = await ingestInbound([e], { source: "test", now: at });
    expect(r.stored).toBe(1);
    const [row] = await getDb().select().from(inboxItems).where(eq(inboxItems.id, r.itemIds[0]!));
    expect(row).toMatchObject({ text, raw, authorHandle: "@o'brien", authorName: null, permalink: e.permalink, receivedAt: at, createdAt: at, channelId, platform: "x", kind: "comment", status: "open" });
    expect(Array.isArray(row!.riskReasons)).toBe(true);
    expect(row!.slaDueAt).toBeInstanceOf(Date);
    // The generated search column is filled as for any INSERT.
    const [got] = await getDb().select({ terms: sql<string[]>`search_terms` }).from(inboxItems).where(eq(inboxItems.id, row!.id));
    expect(got!.terms).toEqual(expect.arrayContaining(["返金", "quoted"]));
  });

  it("a replay and an in-batch duplicate store once", async () => {
    const e = entry();
    const first = await ingestInbound([e, { ...e, receivedAt: new Date(e.receivedAt.getTime() + 1000) }], { source: "test" });
    expect(first).toMatchObject({ received: 2, stored: 1, duplicates: 1 });
    const again = await ingestInbound([e], { source: "test" });
    expect(again).toMatchObject({ received: 1, stored: 0, duplicates: 1 });
  });
});

describe("legal holds of a batch in one lookup", () => {
  it("heldSubjectsMany answers, for each subject, exactly what heldSubjects answers", async () => {
    const db = getDb();
    const [h1, h2, h3, released] = await db
      .insert(legalHolds)
      .values([
        { subjectKind: "platform_user", subjectRef: "x:held-a", reason: "保全A", placedById: legalId, placedAt: new Date("2026-01-01T00:00:00Z") },
        { subjectKind: "platform_user", subjectRef: "x:held-b", reason: "保全B", placedById: legalId, placedAt: new Date("2026-01-02T00:00:00Z") },
        { subjectKind: "inbox_thread", subjectRef: "x:thread-held", reason: "スレッド保全", placedById: legalId, placedAt: new Date("2026-01-03T00:00:00Z") },
        { subjectKind: "platform_user", subjectRef: "x:released", reason: "解除済み", placedById: legalId, releasedAt: new Date() },
      ])
      .returning();
    const queries = [
      { threadKey: "x:t1", platform: "x", authorExternalId: "held-a" },
      { threadKey: "x:t2", platform: "x", authorExternalId: "free" },
      { threadKey: "x:thread-held", platform: "x", authorExternalId: "held-b" },
      { threadKey: "x:t3", platform: "instagram", authorExternalId: "held-a" },
      { threadKey: "x:t4", platform: "x", authorExternalId: "released" },
      { threadKey: "x:thread-held", platform: "x", authorExternalId: null },
      {},
    ];
    const many = await heldSubjectsMany(db, queries);
    const one = await Promise.all(queries.map((q) => heldSubjects(db, q)));
    expect(many.map((hs) => hs.map((h) => h.id))).toEqual(one.map((hs) => hs.map((h) => h.id)));
    expect(many.map((hs) => hs.map((h) => h.id))).toEqual([[h1!.id], [], [h2!.id, h3!.id], [], [], [h3!.id], []]);
    expect(released).toBeDefined();
    await db.delete(legalHolds).where(sql`true`);
  });

  it("a spam batch with several held authors (and a held thread) hides none of them, and hides the rest", async () => {
    const db = getDb();
    await db.insert(inboxRules).values({ kind: "auto_hide", config: { channelIds: [], spam: true, profanity: false }, position: 0 });
    await db.insert(legalHolds).values([
      { subjectKind: "platform_user", subjectRef: "x:spam-held-1", reason: "発信者保全1", placedById: legalId },
      { subjectKind: "platform_user", subjectRef: "x:spam-held-2", reason: "発信者保全2", placedById: legalId },
      { subjectKind: "inbox_thread", subjectRef: "x:spam-thread-held", reason: "スレッド保全", placedById: legalId },
    ]);
    const batch = [
      entry({ text: SPAM, authorExternalId: "spam-held-1" }),
      entry({ text: SPAM, authorExternalId: "spam-free-1" }),
      entry({ text: SPAM, authorExternalId: "spam-held-2" }),
      entry({ text: SPAM, authorExternalId: "spam-free-2", threadKey: "x:spam-thread-held" }),
      entry({ text: SPAM, authorExternalId: "spam-free-3" }),
      entry({ text: SPAM, authorExternalId: "spam-held-1" }),
    ];
    const r = await ingestInbound(batch, { source: "test" });
    expect(r.stored).toBe(6);
    const rows = await db.select().from(inboxItems).where(inArray(inboxItems.id, r.itemIds));
    const byExt = new Map(rows.map((x) => [x.externalId, x]));
    const status = batch.map((e) => byExt.get(e.externalId)!.status);
    expect(status).toEqual(["open", "hidden", "open", "open", "hidden", "open"]);
    const mods = await db.select().from(moderationActions).where(inArray(moderationActions.inboxItemId, r.itemIds));
    const held = mods.filter((m) => m.state === "held");
    expect(held).toHaveLength(4);
    expect(held.map((m) => m.error).join(" ")).toContain("発信者保全1");
    expect(held.map((m) => m.error).join(" ")).toContain("発信者保全2");
    expect(held.map((m) => m.error).join(" ")).toContain("スレッド保全");
    expect(mods.filter((m) => m.state === "pending")).toHaveLength(2);
    await db.delete(legalHolds).where(sql`true`);
  });
});

describe("round robin decided before the INSERT, confirmed under the lock", () => {
  async function agents(k: number) {
    const db = getDb();
    const users = [];
    for (let i = 0; i < k; i++) users.push(await createUser(db, { roles: ["community_manager"] }));
    await db.insert(inboxShifts).values(users.map((u) => ({ userId: u.id, onShift: true })));
    await db.insert(inboxRules).values({ kind: "auto_assign", config: { channelIds: [], language: null, mode: "round_robin", userIds: [] }, position: 0 });
    return users.map((u) => u.id);
  }
  async function assigneesOf(ids: string[]) {
    const rows = await getDb().select({ id: inboxItems.id, a: inboxItems.assigneeId, s: inboxItems.status }).from(inboxItems).where(inArray(inboxItems.id, ids));
    const m = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => m.get(id)!);
  }

  it("concurrent batches share the work exactly (2 agents, 6 batches of 5 at once → 15 each, every batch alternates)", async () => {
    const [a, b] = await agents(2);
    const results = await Promise.all(Array.from({ length: 6 }, () => ingestInbound(Array.from({ length: 5 }, () => entry()), { source: "test" })));
    const all = await assigneesOf(results.flatMap((r) => r.itemIds));
    expect(all.every((x) => x.s === "assigned")).toBe(true);
    expect(all.filter((x) => x.a === a)).toHaveLength(15);
    expect(all.filter((x) => x.a === b)).toHaveLength(15);
    for (const r of results) {
      const seq = (await assigneesOf(r.itemIds)).map((x) => x.a);
      for (let i = 1; i < seq.length; i++) expect(seq[i]).not.toBe(seq[i - 1]);
    }
    const shifts = await getDb().select().from(inboxShifts);
    expect(shifts.every((s) => s.lastAssignedAt !== null)).toBe(true);
  });

  it("a shift state changed behind the process's back is corrected: the least recently assigned agent still gets the next item", async () => {
    const db = getDb();
    const [a, b, c] = await agents(3);
    const first = await ingestInbound([entry(), entry(), entry()], { source: "test" });
    expect(new Set((await assigneesOf(first.itemIds)).map((x) => x.a))).toEqual(new Set([a, b, c]));
    // Another process assigned to a and c just now: b is now the least recently assigned.
    const later = new Date(Date.now() + 60_000);
    await db.update(inboxShifts).set({ lastAssignedAt: later }).where(inArray(inboxShifts.userId, [a!, c!]));
    const next = await ingestInbound([entry()], { source: "test" });
    expect((await assigneesOf(next.itemIds))[0]!.a).toBe(b);
    // A fourth agent comes on shift (never assigned): they are next.
    const d = (await createUser(db, { roles: ["community_manager"] })).id;
    await db.insert(inboxShifts).values({ userId: d, onShift: true });
    const then = await ingestInbound([entry()], { source: "test" });
    expect((await assigneesOf(then.itemIds))[0]!.a).toBe(d);
    // b goes off shift: never assigned again.
    await db.update(inboxShifts).set({ onShift: false }).where(eq(inboxShifts.userId, b!));
    const more = await Promise.all([1, 2, 3].map(() => ingestInbound([entry(), entry()], { source: "test" })));
    const got = await assigneesOf(more.flatMap((r) => r.itemIds));
    expect(got.map((x) => x.a)).not.toContain(b);
    // 6 items over a, c, d: 2 each.
    for (const id of [a, c, d]) expect(got.filter((x) => x.a === id)).toHaveLength(2);
  });

  it("the same batch delivered twice at once stores once, assigns each item once, and neither copy hangs", async () => {
    const [a, b] = await agents(2);
    const ids: string[] = [];
    for (let round = 0; round < 3; round++) {
      const batch = [entry(), entry(), entry(), entry()];
      const [r1, r2] = await Promise.all([ingestInbound(batch, { source: "test" }), ingestInbound(batch, { source: "test" })]);
      expect(r1.stored + r2.stored).toBe(4);
      ids.push(...r1.itemIds, ...r2.itemIds);
    }
    const got = await assigneesOf(ids);
    expect(got).toHaveLength(12);
    expect(got.filter((x) => x.a === a)).toHaveLength(6);
    expect(got.filter((x) => x.a === b)).toHaveLength(6);
  });

  it("a batch that fails after planning leaves the next batch's assignment right (no turn is lost)", async () => {
    const db = getDb();
    const [a, b] = await agents(2);
    await ingestInbound([entry()], { source: "test" });
    const before = await db.select().from(inboxShifts).where(and(eq(inboxShifts.onShift, true)));
    const least = before.sort((x, y) => (x.lastAssignedAt?.getTime() ?? -1) - (y.lastAssignedAt?.getTime() ?? -1))[0]!.userId;
    // A batch whose transaction rolls back after its round robin was planned and written.
    await expect(
      getDb().transaction(async (tx) => {
        await ingestInTx(tx, [entry()], { source: "test" });
        throw new Error("rollback after ingest");
      }),
    ).rejects.toThrow("rollback after ingest");
    const next = await ingestInbound([entry()], { source: "test" });
    expect((await assigneesOf(next.itemIds))[0]!.a).toBe(least);
    expect([a, b]).toContain(least);
  });
});

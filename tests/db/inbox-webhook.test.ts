/**
 * POST/GET /api/webhooks/meta, the route handler itself with real Request objects against the real
 * test database: signatures over raw bytes, replays and concurrency, big shuffled batches,
 * database down, caps; plus the rules applied at ingestion (auto-hide with a legal hold, auto-escalate,
 * round-robin assignment).
 */
import { beforeAll, afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { createHmac } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { auditEvents, escalations, inboxItems, inboxRules, inboxShifts, legalHolds, moderationActions, notifications, riskLexicon, webhookDeliveries } from "@/db/schema";
import { createBrand, createChannel, createUser } from "@/db/seed/factories";
import { RISK_LEXICON } from "@/db/seed/demo";
import { GET, POST } from "@/app/api/webhooks/meta/route";

// The webhook is public: it must never look for a session. (next-auth itself does not load under vitest.)
vi.mock("@/lib/auth/current", () => ({
  getViewer: async () => {
    throw new Error("the Meta webhook must not read a session");
  },
}));

const SECRET = "test-app-secret-0123456789";
const TOKEN = "test-verify-token";
const PAGE = "900000000000001";
const IG = "17841499999999901";
let fbChannel = "";
let igChannel = "";

beforeAll(async () => {
  process.env.META_APP_SECRET = SECRET;
  process.env.META_WEBHOOK_VERIFY_TOKEN = TOKEN;
  const db = getDb();
  const brand = await createBrand(db);
  fbChannel = (await createChannel(db, { brandId: brand.id, platform: "facebook", connector: "meta", externalAccountId: PAGE, displayName: "テストFB" })).id;
  igChannel = (await createChannel(db, { brandId: brand.id, platform: "instagram", connector: "meta", externalAccountId: IG, displayName: "テストIG" })).id;
  await db.insert(riskLexicon).values(RISK_LEXICON);
});

const sign = (raw: string | Uint8Array, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
const ctx = { params: Promise.resolve({}) };

function post(body: string | Uint8Array, headers: Record<string, string> = {}) {
  const req = new NextRequest("http://localhost/api/webhooks/meta", { method: "POST", body: body as unknown as BodyInit, headers: { "content-type": "application/json", ...headers } });
  return POST(req, ctx);
}
const signedPost = (body: string) => post(body, { "x-hub-signature-256": sign(body) });

let seq = 0;
function fbComment(o: { id?: string; text?: string; time?: number; postId?: string; parent?: string; from?: string } = {}) {
  const id = o.id ?? `${PAGE}_c${++seq}`;
  const postId = o.postId ?? `${PAGE}_p1`;
  return {
    field: "feed",
    value: {
      item: "comment",
      verb: "add",
      comment_id: id,
      post_id: postId,
      parent_id: o.parent ?? postId,
      from: { id: o.from ?? "user-1", name: "山田 太郎" },
      message: o.text ?? "こんにちは",
      created_time: o.time ?? 1_760_000_000,
    },
  };
}
const pageBody = (changes: unknown[]) => JSON.stringify({ object: "page", entry: [{ id: PAGE, time: 1_760_000_000, changes }] });

async function count(where?: ReturnType<typeof eq>) {
  const q = getDb().select({ n: sql<number>`count(*)::int` }).from(inboxItems);
  const [r] = where ? await q.where(where) : await q;
  return r!.n;
}
async function deliveries() {
  const [r] = await getDb().select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries);
  return r!.n;
}

afterEach(() => {
  process.env.META_APP_SECRET = SECRET;
});

describe("GET verify handshake", () => {
  const get = (qs: string) => GET(new NextRequest(`http://localhost/api/webhooks/meta?${qs}`), ctx);

  it("echoes only a numeric challenge with the right token", async () => {
    const ok = await get(`hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await get(`hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`)).status).toBe(403);
    const xss = await get(`hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(xss.status).toBe(403);
    expect(await xss.text()).not.toContain("script");
    expect((await get(`hub.mode=unsubscribe&hub.verify_token=${TOKEN}&hub.challenge=1`)).status).toBe(403);
    expect((await get("")).status).toBe(403);
  });
});

describe("POST signature", () => {
  const body = pageBody([fbComment({ id: "sig-1", text: "署名テスト" })]);

  it("no signature, wrong secret, truncated, sha1= only → 401 and nothing stored", async () => {
    const before = await count();
    const d0 = await deliveries();
    const a0 = (await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;
    const good = sign(body);
    const sha1 = `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`;
    const cases: Record<string, string>[] = [
      {},
      { "x-hub-signature-256": sign(body, "not-the-secret") },
      { "x-hub-signature-256": good.slice(0, -1) },
      { "x-hub-signature-256": good.slice(0, 7 + 32) },
      { "x-hub-signature-256": "sha256=" },
      { "x-hub-signature": sha1 },
      { "x-hub-signature-256": sha1 },
      { "x-hub-signature-256": `${good}00` },
      { "x-hub-signature-256": good.replace("sha256=", "sha512=") },
    ];
    for (const h of cases) {
      const res = await post(body, h);
      expect(res.status, JSON.stringify(h)).toBe(401);
    }
    expect(await count()).toBe(before);
    expect(await deliveries()).toBe(d0);
    expect((await getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n).toBe(a0);
  });

  it("a signature over other bytes of the same JSON is refused (raw bytes, not re-serialised JSON)", async () => {
    const raw = pageBody([fbComment({ id: "raw-1", text: "éè 😀" })]);
    const reSerialised = JSON.stringify(JSON.parse(raw), null, 1);
    const res = await post(raw, { "x-hub-signature-256": sign(reSerialised) });
    expect(res.status).toBe(401);
    expect(await count(eq(inboxItems.externalId, "raw-1"))).toBe(0);
  });

  it("emoji and non-ASCII signed over the raw UTF-8 bytes → accepted, stored exactly", async () => {
    const text = "炎上してる😡🔥 café ÑANDÚ — “quotes” \u200b 𠮷野家 🇯🇵👨‍👩‍👧";
    const raw = `{"object":"page","entry":[{"id":"${PAGE}","time":1760000000,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"emoji-1","post_id":"${PAGE}_p9","parent_id":"${PAGE}_p9","from":{"id":"u-emoji","name":"絵文字 さん"},"message":"${text}","created_time":1760000100}}]}]}`;
    const bytes = new TextEncoder().encode(raw);
    const res = await post(bytes, { "x-hub-signature-256": sign(bytes) });
    expect(res.status).toBe(200);
    const [row] = await getDb().select().from(inboxItems).where(eq(inboxItems.externalId, "emoji-1"));
    expect(row!.text).toBe(text);
    expect(row!.authorName).toBe("絵文字 さん");
    expect(row!.channelId).toBe(fbChannel);
    expect(row!.language).toBe("ja");
    expect(row!.riskScore).toBeGreaterThan(0);
    expect(row!.receivedAt.toISOString()).toBe(new Date(1_760_000_100_000).toISOString());
  });
});

describe("POST dedupe", () => {
  it("one request replayed 50 times → one item", async () => {
    const body = pageBody([fbComment({ id: "replay-50", text: "replay" })]);
    for (let i = 0; i < 50; i++) expect((await signedPost(body)).status).toBe(200);
    expect(await count(eq(inboxItems.externalId, "replay-50"))).toBe(1);
    const audits = await getDb().select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.action, "inbox.ingested"));
    const naming = audits.filter((a) => JSON.stringify(a.data).includes("stored\":1") && true);
    expect(naming.length).toBeGreaterThan(0);
  });

  it("the same request 20 times concurrently → one item", async () => {
    const body = pageBody([fbComment({ id: "concurrent-20", text: "並行" })]);
    const res = await Promise.all(Array.from({ length: 20 }, () => signedPost(body)));
    expect(res.map((r) => r.status)).toEqual(Array(20).fill(200));
    const stored = (await Promise.all(res.map((r) => r.json() as Promise<{ stored: number }>))).reduce((s, j) => s + j.stored, 0);
    expect(stored).toBe(1);
    expect(await count(eq(inboxItems.externalId, "concurrent-20"))).toBe(1);
  });

  it("a 1,000-entry batch, then the same entries split, shuffled and sent concurrently → each stored once", async () => {
    const base = 1_760_100_000;
    const changes = Array.from({ length: 1000 }, (_, i) => fbComment({ id: `bulk-${i}`, text: i % 7 === 0 ? `返金してほしい ${i}` : `comment ${i}`, time: base + ((i * 7919) % 1000), postId: `${PAGE}_bulk${i % 10}` }));
    const first = await signedPost(pageBody(changes));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { stored: number }).stored).toBe(1000);

    const shuffled = [...changes];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = (i * 48271) % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const parts: unknown[][] = [];
    for (let i = 0, size = 1; i < shuffled.length; i += size, size = (size * 3) % 97 + 1) parts.push(shuffled.slice(i, i + size));
    const res = await Promise.all(parts.map((p) => signedPost(pageBody(p))));
    expect(res.every((r) => r.status === 200)).toBe(true);
    const again = (await Promise.all(res.map((r) => r.json() as Promise<{ stored: number }>))).reduce((s, j) => s + j.stored, 0);
    expect(again).toBe(0);
    const [r] = await getDb()
      .select({ n: sql<number>`count(*)::int`, d: sql<number>`count(distinct external_id)::int` })
      .from(inboxItems)
      .where(sql`${inboxItems.externalId} like 'bulk-%'`);
    expect(r).toEqual({ n: 1000, d: 1000 });
    // Threads are rebuilt from platform time: each post's thread in created_time order.
    const thread = await getDb()
      .select({ ext: inboxItems.externalId, at: inboxItems.receivedAt })
      .from(inboxItems)
      .where(eq(inboxItems.threadKey, `facebook:${PAGE}_bulk3`))
      .orderBy(inboxItems.receivedAt);
    expect(thread).toHaveLength(100);
    const times = thread.map((t) => t.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("a batch with the same entry twice stores it once", async () => {
    const c = fbComment({ id: "twice-in-batch" });
    const res = await signedPost(pageBody([c, c]));
    expect(res.status).toBe(200);
    expect(await count(eq(inboxItems.externalId, "twice-in-batch"))).toBe(1);
  });
});

describe("POST formats", () => {
  it("Instagram comments and mentions, Messenger and Instagram DMs map to their channels; echoes and own comments are skipped", async () => {
    const ig = JSON.stringify({
      object: "instagram",
      entry: [
        {
          id: IG,
          time: 1_760_200_000,
          changes: [
            { field: "comments", value: { id: "igc-1", text: "かわいい!", from: { id: "igu-1", username: "hanako" }, media: { id: "m-1" } } },
            { field: "comments", value: { id: "igc-2", text: "返信", parent_id: "igc-1", from: { id: "igu-2", username: "taro" }, media: { id: "m-1" } } },
            { field: "comments", value: { id: "igc-own", text: "ありがとうございます", from: { id: IG, username: "brand" }, media: { id: "m-1" } } },
            { field: "mentions", value: { comment_id: "igm-1", media_id: "m-2" } },
          ],
          messaging: [
            { sender: { id: "igsid-1" }, recipient: { id: IG }, timestamp: 1_760_200_123_456, message: { mid: "igdm-1", text: "DMです" } },
            { sender: { id: IG }, recipient: { id: "igsid-1" }, timestamp: 1_760_200_123_999, message: { mid: "igdm-echo", text: "echo", is_echo: true } },
          ],
        },
      ],
    });
    const res = await signedPost(ig);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 4, skipped: 2 });
    const rows = await getDb().select().from(inboxItems).where(eq(inboxItems.channelId, igChannel)).orderBy(inboxItems.externalId);
    const by = Object.fromEntries(rows.map((r) => [r.externalId, r]));
    expect(by["igc-1"]).toMatchObject({ kind: "comment", threadKey: "instagram:m-1", authorHandle: "@hanako", sentiment: "positive" });
    expect(by["igc-2"]).toMatchObject({ parentExternalId: "igc-1", threadKey: "instagram:m-1" });
    expect(by["mention:igm-1"]).toMatchObject({ kind: "mention", threadKey: "instagram:m-2" });
    expect(by["igdm-1"]).toMatchObject({ kind: "dm", threadKey: "instagram:dm:igsid-1", authorExternalId: "igsid-1" });
    expect(by["igdm-1"]!.receivedAt.getTime()).toBe(1_760_200_123_456);

    const messenger = JSON.stringify({ object: "page", entry: [{ id: PAGE, time: 1_760_200_000_000, messaging: [{ sender: { id: "psid-9" }, recipient: { id: PAGE }, timestamp: 1_760_200_000_500, message: { mid: "m_fbdm-1", text: "Where is my order? This is terrible." } }] }] });
    expect((await signedPost(messenger)).status).toBe(200);
    const [dm] = await getDb().select().from(inboxItems).where(eq(inboxItems.externalId, "m_fbdm-1"));
    expect(dm).toMatchObject({ channelId: fbChannel, kind: "dm", language: "en", sentiment: "negative", priority: "high" });
  });

  it("entries for an unknown account are dropped and counted; unknown objects are skipped", async () => {
    const body = JSON.stringify({ object: "page", entry: [{ id: "unknown-page", changes: [fbComment({ id: "orphan" })] }] });
    const res = await signedPost(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 0, unknownChannel: 1 });
    const other = await signedPost(JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "x", changes: [] }] }));
    expect(other.status).toBe(200);
    expect(await count(eq(inboxItems.externalId, "orphan"))).toBe(0);
  });
});

describe("POST bad input", () => {
  it("signed garbage → 422; over the size cap → 413; nothing stored", async () => {
    const before = await count();
    for (const body of ["not json", "{}", '{"object":"page"}', '{"object":"page","entry":"x"}', "\u00ff\u00fe"]) {
      const res = await signedPost(body);
      expect(res.status, body).toBe(422);
    }
    const invalidUtf8 = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    expect((await post(invalidUtf8, { "x-hub-signature-256": sign(invalidUtf8) })).status).toBe(422);
    const big = pageBody([fbComment({ id: "big", text: "x".repeat(1024 * 1024) })]);
    expect((await signedPost(big)).status).toBe(413);
    // A lying content-length does not get a bigger body through: the cap counts bytes read.
    const res = await post(big, { "x-hub-signature-256": sign(big), "content-length": "100" });
    expect(res.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it("database unavailable → 503 (not 2xx), so Meta retries", async () => {
    const url = process.env.DATABASE_URL!;
    await closeDb();
    process.env.DATABASE_URL = "postgres://nobody:nothing@127.0.0.1:1/none";
    try {
      const res = await signedPost(pageBody([fbComment({ id: "db-down" })]));
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("30");
    } finally {
      await closeDb();
      process.env.DATABASE_URL = url;
    }
    expect(await count(eq(inboxItems.externalId, "db-down"))).toBe(0);
    // The retry, once the database is back, stores it.
    expect((await signedPost(pageBody([fbComment({ id: "db-down" })]))).status).toBe(200);
    expect(await count(eq(inboxItems.externalId, "db-down"))).toBe(1);
  });

  it("production without META_APP_SECRET refuses (503) rather than trusting a default", async () => {
    const env = process.env as Record<string, string | undefined>;
    const prev = env.NODE_ENV;
    delete env.META_APP_SECRET;
    env.NODE_ENV = "production";
    try {
      const body = pageBody([fbComment({ id: "no-secret" })]);
      expect((await post(body, { "x-hub-signature-256": sign(body, "dev-meta-app-secret-change-me") })).status).toBe(503);
    } finally {
      env.NODE_ENV = prev;
    }
    expect(await count(eq(inboxItems.externalId, "no-secret"))).toBe(0);
  });
});

describe("rules at ingestion", () => {
  it("auto-hide spam (reversible, logged), refused under a legal hold; auto-escalate by risk; round robin among who is on shift", async () => {
    const db = getDb();
    const cm1 = await createUser(db, { roles: ["community_manager"], name: "当番 一" });
    const cm2 = await createUser(db, { roles: ["community_manager"], name: "当番 二" });
    const off = await createUser(db, { roles: ["community_manager"], name: "非番" });
    const legal = await createUser(db, { roles: ["legal"] });
    const pr = await createUser(db, { roles: ["pr"] });
    await db.insert(inboxShifts).values([
      { userId: cm1.id, onShift: true },
      { userId: cm2.id, onShift: true },
      { userId: off.id, onShift: false },
    ]);
    const [hide] = await db.insert(inboxRules).values({ kind: "auto_hide", config: { channelIds: [], spam: true, profanity: false }, position: 0 }).returning();
    await db.insert(inboxRules).values({ kind: "auto_escalate", config: { channelIds: [], minRisk: 70, toRole: "pr" }, position: 1 });
    await db.insert(inboxRules).values({ kind: "auto_assign", config: { channelIds: [fbChannel], language: null, mode: "round_robin", userIds: [] }, position: 2 });
    await db.insert(legalHolds).values({ subjectKind: "inbox_thread", subjectRef: `facebook:${PAGE}_held`, reason: "証拠保全テスト", placedById: legal.id });

    const spam = "副業で月収100万円稼げる!プロフ見てね https://bit.ly/xxxx";
    const res = await signedPost(
      pageBody([
        fbComment({ id: "r-spam", text: spam, postId: `${PAGE}_rules` }),
        fbComment({ id: "r-spam-held", text: spam, postId: `${PAGE}_held` }),
        fbComment({ id: "r-risk", text: "異物混入していた。不買運動します。炎上させる", postId: `${PAGE}_rules` }),
        fbComment({ id: "r-a", text: "質問です", postId: `${PAGE}_rules` }),
        fbComment({ id: "r-b", text: "もう一つ質問", postId: `${PAGE}_rules` }),
      ]),
    );
    expect(res.status).toBe(200);
    const rows = Object.fromEntries((await db.select().from(inboxItems).where(sql`${inboxItems.externalId} like 'r-%'`)).map((r) => [r.externalId, r]));

    expect(rows["r-spam"]).toMatchObject({ status: "hidden", hiddenReason: "spam", hiddenById: null });
    expect(rows["r-spam"]!.hiddenAt).not.toBeNull();
    const [act] = await db.select().from(moderationActions).where(eq(moderationActions.inboxItemId, rows["r-spam"]!.id));
    expect(act).toMatchObject({ action: "hide", state: "pending", actorId: null, ruleId: hide!.id });

    expect(rows["r-spam-held"]!.status).not.toBe("hidden");
    const [held] = await db.select().from(moderationActions).where(eq(moderationActions.inboxItemId, rows["r-spam-held"]!.id));
    expect(held!.state).toBe("held");
    expect(held!.error).toContain("証拠保全テスト");

    expect(rows["r-risk"]).toMatchObject({ status: "escalated", priority: "urgent" });
    expect(rows["r-risk"]!.riskScore).toBeGreaterThanOrEqual(70);
    expect((rows["r-risk"]!.riskReasons as { term?: string }[]).map((r) => r.term)).toEqual(expect.arrayContaining(["異物混入", "不買運動"]));
    const [esc] = await db.select().from(escalations).where(eq(escalations.inboxItemId, rows["r-risk"]!.id));
    expect(esc).toMatchObject({ toRole: "pr", createdById: null });
    const prNotes = await db.select().from(notifications).where(and(eq(notifications.userId, pr.id), eq(notifications.kind, "inbox.escalated")));
    expect(prNotes).toHaveLength(1);

    const assignees = [rows["r-risk"]!.assigneeId, rows["r-a"]!.assigneeId, rows["r-b"]!.assigneeId];
    expect(new Set(assignees)).toEqual(new Set([cm1.id, cm2.id]));
    expect(assignees).not.toContain(off.id);
    expect(rows["r-a"]!.status).toBe("assigned");
    expect(rows["r-a"]!.assigneeId).not.toBe(rows["r-b"]!.assigneeId);

    const actions = (await db.select({ a: auditEvents.action, actor: auditEvents.actorId }).from(auditEvents).where(sql`${auditEvents.action} like 'inbox.auto_%'`)).map((r) => r);
    expect(actions.map((a) => a.a)).toEqual(expect.arrayContaining(["inbox.auto_hidden", "inbox.auto_hide_held", "inbox.auto_escalated", "inbox.auto_assigned"]));
    expect(actions.every((a) => a.actor === null)).toBe(true);
  });
});

/**
 * The inbox DAL (lib/dal/inbox.ts) on real PostgreSQL: who may read and act, DM redaction per
 * role, filters, keyset pages under concurrent inserts, Japanese / English search, the thread
 * view, triage moves with their audit rows, bulk partial failure, and the export pages.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { createBrand, createChannel } from "@/db/seed/factories";
import { createInboxItem, createInboxItems } from "@/db/seed/inbox-factories";
import { AppError } from "@/lib/errors";
import { searchTerms } from "@/lib/domain/inbox-query";
import {
  assignInboxItem,
  bulkInbox,
  countNewInbox,
  escalateInboxItem,
  getInboxFacets,
  getInboxSummary,
  getInboxThread,
  listInbox,
  setInboxItemStatus,
  startInboxExport,
  tagInboxItem,
} from "@/lib/dal/inbox";
import type { Viewer } from "@/lib/dal/viewer";
import { auditCount, viewersByRole, viewerWith, type Role } from "./helpers";

let v: Record<Role | "none", Viewer>;
let channelA: string;
let channelB: string;
const db = () => getDb();
const min = (m: number) => new Date(Date.now() + m * 60_000);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

async function itemRow(id: string) {
  const rows = await db().execute<{ status: string; assignee_id: string | null; tags: string[]; version: number }>(sql`select status, assignee_id, tags, version from inbox_items where id = ${id}`);
  return rows[0]!;
}

beforeAll(async () => {
  v = await viewersByRole();
  const brand = await createBrand(db());
  channelA = (await createChannel(db(), { brandId: brand.id, platform: "instagram", displayName: "あおば Instagram" })).id;
  channelB = (await createChannel(db(), { brandId: brand.id, platform: "x", displayName: "あおば X" })).id;
});

describe("who may read the inbox", () => {
  const allowed: Role[] = ["community_manager", "social_media_manager", "pr", "legal"];
  const refused: (Role | "none")[] = ["content_creator", "data_analyst", "ad_ops", "admin", "none"];

  it("community manager, manager, PR and Legal list, open threads and see counts; the others get FORBIDDEN", async () => {
    const { id } = await createInboxItem(db(), { channelId: channelA, text: "読めるかな" });
    for (const r of allowed) {
      expect((await listInbox(v[r], {})).items.some((i) => i.id === id), r).toBe(true);
      expect((await getInboxThread(v[r], id)).item.id).toBe(id);
      expect(await code(getInboxSummary(v[r]))).toBe("OK");
      expect(await code(getInboxFacets(v[r]))).toBe("OK");
    }
    for (const r of refused) {
      expect(await code(listInbox(v[r], {})), r).toBe("FORBIDDEN");
      expect(await code(getInboxThread(v[r], id)), r).toBe("FORBIDDEN");
      expect(await code(countNewInbox(v[r], {}, new Date(0))), r).toBe("FORBIDDEN");
      expect(await code(getInboxSummary(v[r])), r).toBe("FORBIDDEN");
      expect(await code(startInboxExport(v[r], {})), r).toBe("FORBIDDEN");
    }
  });

  it("DM bodies only with inbox.read_dm: the manager sees the DM redacted, and cannot find it by searching", async () => {
    const secret = `秘密の注文番号 ${randomUUID().slice(0, 8)} 返金希望`;
    const { id } = await createInboxItem(db(), { channelId: channelA, kind: "dm", text: secret });
    for (const r of ["community_manager", "pr", "legal"] as const) {
      const item = (await listInbox(v[r], { kind: ["dm"] })).items.find((i) => i.id === id)!;
      expect(item.excerpt, r).toBe(secret);
      expect(item.redacted).toBe(false);
      expect((await getInboxThread(v[r], id)).item.text).toBe(secret);
    }
    const smm = v.social_media_manager;
    const item = (await listInbox(smm, { kind: ["dm"] })).items.find((i) => i.id === id)!;
    expect(item.excerpt).toBeNull();
    expect(item.redacted).toBe(true);
    const thread = await getInboxThread(smm, id);
    expect(thread.item.text).toBeNull();
    expect(JSON.stringify(thread)).not.toContain("秘密");
    expect((await listInbox(smm, { q: "注文番号" })).items.some((i) => i.id === id)).toBe(false);
    expect((await listInbox(v.community_manager, { q: "注文番号" })).items.some((i) => i.id === id)).toBe(true);
  });
});

describe("filters", () => {
  it("kind, channel, sentiment, risk band, language, tag, assignee me / unassigned, SLA state", async () => {
    const cm = v.community_manager;
    const tag = `t${randomUUID().slice(0, 6)}`;
    const mk = (o: Parameters<typeof createInboxItem>[1]) => createInboxItem(db(), { tags: [tag], ...o });
    const breached = await mk({ channelId: channelA, slaDueAt: min(-10) });
    const warning = await mk({ channelId: channelA, slaDueAt: min(10) });
    const ok = await mk({ channelId: channelA, slaDueAt: min(300) });
    const answered = await mk({ channelId: channelA, slaDueAt: min(-10), firstResponseAt: min(-20), status: "waiting" });
    const mine = await mk({ channelId: channelB, assigneeId: cm.id, status: "assigned", sentiment: "negative", riskScore: 85, language: "en", kind: "mention" });
    const ids = async (f: Parameters<typeof listInbox>[1]) => (await listInbox(cm, { tag, ...f })).items.map((i) => i.id).sort();
    const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();

    expect(await ids({})).toEqual(sorted(breached, warning, ok, answered, mine));
    expect(await ids({ sla: ["breached"] })).toEqual(sorted(breached));
    expect(await ids({ sla: ["warning"] })).toEqual(sorted(warning));
    expect(await ids({ sla: ["ok"] })).toEqual(sorted(ok, mine));
    expect(await ids({ sla: ["none"] })).toEqual(sorted(answered));
    expect(await ids({ sla: ["breached", "warning"] })).toEqual(sorted(breached, warning));
    expect(await ids({ assignee: "me" })).toEqual(sorted(mine));
    expect(await ids({ assignee: "unassigned" })).toEqual(sorted(breached, warning, ok, answered));
    expect(await ids({ channel: [channelB] })).toEqual(sorted(mine));
    expect(await ids({ kind: ["mention"] })).toEqual(sorted(mine));
    expect(await ids({ sentiment: ["negative"], risk: ["high"] })).toEqual(sorted(mine));
    expect(await ids({ risk: ["low"] })).toEqual(sorted(breached, warning, ok, answered));
    expect(await ids({ language: "en" })).toEqual(sorted(mine));
    // several values per filter (the filter bar's checkboxes): any of them
    expect(await ids({ assignee: ["me", "unassigned"] })).toEqual(sorted(breached, warning, ok, answered, mine));
    expect(await ids({ assignee: [cm.id, "unassigned"] })).toEqual(sorted(breached, warning, ok, answered, mine));
    expect(await ids({ language: ["en", "und"] })).toEqual(sorted(mine));
    expect(await ids({ language: ["ja", "en"] })).toEqual(sorted(breached, warning, ok, answered, mine));
    expect(await ids({ kind: ["mention", "comment"], channel: [channelA, channelB] })).toEqual(sorted(breached, warning, ok, answered, mine));
    expect(await ids({ status: ["assigned", "waiting"] })).toEqual(sorted(answered, mine));
    // "me" is the caller: the other community member has none of these.
    const other = await viewerWith(["community_manager"]);
    expect((await listInbox(other, { tag, assignee: "me" })).items).toEqual([]);
    // closed items leave the default view, come back with status=all / closed
    await setInboxItemStatus(cm, { id: ok.id, status: "closed" });
    expect(await ids({})).not.toContain(ok.id);
    expect(await ids({ status: "all" })).toContain(ok.id);
    expect(await ids({ status: ["closed"] })).toEqual(sorted(ok));
    // the SLA list: breached first, then by due time; the SLA state on each item
    const page = await listInbox(cm, { tag });
    const order = page.items.map((i) => i.id);
    expect(order.indexOf(breached.id)).toBeLessThan(order.indexOf(warning.id));
    expect(order.indexOf(warning.id)).toBeLessThan(order.indexOf(mine.id));
    expect(page.items.find((i) => i.id === breached.id)!.slaState).toBe("breached");
  });

  it("bad filters are refused as VALIDATION", async () => {
    const cm = v.community_manager;
    expect(await code(listInbox(cm, { kind: ["tweet"] } as never))).toBe("VALIDATION");
    expect(await code(listInbox(cm, { channel: ["x' or 1=1"] } as never))).toBe("VALIDATION");
    expect(await code(listInbox(cm, {}, { cursor: "not-a-cursor" }))).toBe("VALIDATION");
    expect(await code(listInbox(cm, { q: "あ".repeat(500) }))).toBe("VALIDATION");
  });
});

describe("keyset pagination", () => {
  for (const sort of ["sla", "newest"] as const) {
    it(`${sort}: pages hold no duplicates and no gaps while new items keep arriving`, async () => {
      const cm = v.community_manager;
      const tag = `k${randomUUID().slice(0, 6)}`;
      const base = Date.now();
      const rows = Array.from({ length: 137 }, (_, i) => ({
        channelId: channelA,
        tags: [tag],
        // ties on purpose (same due / received time), and some without a due time
        slaDueAt: i % 9 === 0 ? null : new Date(base + Math.floor(i / 3) * 60_000),
        receivedAt: new Date(base - Math.floor(i / 4) * 60_000),
      }));
      const original = new Set(await createInboxItems(db(), rows));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listInbox(cm, { tag, sort }, { cursor, limit: 20 });
        seen.push(...page.items.map((i) => i.id));
        // Someone's webhook stores more while we page: before, inside and after the window.
        await createInboxItems(db(), [
          { channelId: channelA, tags: [tag], slaDueAt: new Date(base - 3_600_000), receivedAt: new Date(base + 3_600_000) },
          { channelId: channelA, tags: [tag], slaDueAt: new Date(base + 20 * 60_000), receivedAt: new Date(base - 20 * 60_000) },
        ]);
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 50);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
    });
  }

  it("a cursor from one sort is refused by the other", async () => {
    const cm = v.community_manager;
    const page = await listInbox(cm, { status: "all" }, { limit: 1 });
    expect(page.nextCursor).toBeTruthy();
    expect(await code(listInbox(cm, { status: "all", sort: "newest" }, { cursor: page.nextCursor! }))).toBe("VALIDATION");
  });
});

describe("search", () => {
  it("finds Japanese two-character words, English words, and falls back for one character", async () => {
    const cm = v.community_manager;
    const tag = `s${randomUUID().slice(0, 6)}`;
    const enjo = await createInboxItem(db(), { channelId: channelA, tags: [tag], text: "この広告、完全に炎上してますよ" });
    const henkin = await createInboxItem(db(), { channelId: channelA, tags: [tag], text: "届いた商品が壊れていたので返金をお願いします。" });
    const english = await createInboxItem(db(), { channelId: channelB, tags: [tag], text: "I want a REFUND for my broken tumbler!!", language: "en" });
    const fullwidth = await createInboxItem(db(), { channelId: channelB, tags: [tag], text: "ﾍﾝｷﾝ？ ＲＥＦＵＮＤ please" });
    const noise = await createInboxItem(db(), { channelId: channelA, tags: [tag], text: "返品と金額について(返 金ではない)" });
    const find = async (q: string) => (await listInbox(cm, { tag, q })).items.map((i) => i.id).sort();
    expect(await find("炎上")).toEqual([enjo.id]);
    expect(await find("返金")).toEqual([henkin.id]);
    expect(await find("refund")).toEqual([english.id, fullwidth.id].sort());
    expect(await find("Refund 返金")).toEqual([]);
    expect(await find("ヘンキン")).toEqual([fullwidth.id]);
    expect(await find("返金をお願い")).toEqual([henkin.id]);
    expect(await find("tumbler broken")).toEqual([english.id]);
    // English words match as prefixes, from the index: "refun" finds refund, "tumb brok" the tumbler
    expect(await find("refun")).toEqual([english.id, fullwidth.id].sort());
    expect(await find("tumb brok")).toEqual([english.id]);
    expect(await find("refunds")).toEqual([]);
    // one character: substring fallback
    expect(await find("炎")).toEqual([enjo.id]);
    expect(await find("返")).toEqual([henkin.id, noise.id].sort());
  });

  it("the SQL function and the TypeScript mirror give the same terms", async () => {
    const samples = ["炎上", "返金してください!", "Refund ＰＬＥＡＳＥ", "ｶﾀｶﾅとひらがな、漢字々", "猫 と 犬", "Café déjà vu 2024年", "🍣寿司🍣 sushi", "<img src=x onerror=alert(1)>", "Order A12345 refunded, counterrevolutionaries ok"];
    for (const s of samples) {
      const [row] = await db().execute<{ t: string[] }>(sql`select inbox_search_terms(${s}) as t`);
      expect([...row!.t].sort(), s).toEqual(searchTerms(s));
    }
  });
});

describe("thread view", () => {
  it("conversation by platform time, the author's earlier items, and the history", async () => {
    const cm = v.community_manager;
    const thread = `th-${randomUUID()}`;
    const t0 = Date.now() - 3_600_000;
    // stored out of order: threads are rebuilt from the platform's timestamps
    const second = await createInboxItem(db(), { channelId: channelA, threadKey: thread, text: "2通目", receivedAt: new Date(t0 + 120_000), authorExternalId: "fan-9" });
    const first = await createInboxItem(db(), { channelId: channelA, threadKey: thread, text: "1通目", receivedAt: new Date(t0), authorExternalId: "fan-9" });
    const earlier = await createInboxItem(db(), { channelId: channelA, text: "先月の質問", receivedAt: new Date(t0 - 86_400_000 * 30), authorExternalId: "fan-9" });
    await assignInboxItem(cm, { id: second.id, assigneeId: cm.id });
    await escalateInboxItem(cm, { id: second.id, to: "pr", reason: "拡散の兆候があります" });
    const t = await getInboxThread(cm, second.id);
    expect(t.conversation.map((i) => i.id)).toEqual([first.id, second.id]);
    expect(t.authorEarlier.map((i) => i.id)).toEqual([first.id, earlier.id]);
    const history = t.history.map((h) => `${h.kind}:${h.action}`);
    expect(history[0]).toBe("audit:inbox.assigned");
    expect([...history].sort()).toEqual(["audit:inbox.assigned", "audit:inbox.escalated", "escalation:pr"]);
    expect(t.history.every((h, i) => i === 0 || h.at >= t.history[i - 1]!.at)).toBe(true);
    expect(await code(getInboxThread(cm, randomUUID()))).toBe("NOT_FOUND");
    expect(await code(getInboxThread(cm, "nope"))).toBe("NOT_FOUND");
  });
});

describe("triage moves", () => {
  it("assign: to self or a teammate (audited, the teammate notified); not to someone outside the inbox; FORBIDDEN without inbox.assign", async () => {
    const cm = v.community_manager;
    const mate = await viewerWith(["community_manager"], { name: "同僚 花子" });
    const { id } = await createInboxItem(db(), { channelId: channelA });
    const before = await auditCount("inbox.assigned");
    const r = await assignInboxItem(cm, { id, assigneeId: cm.id });
    expect(r.changed).toBe(true);
    expect(await itemRow(id)).toMatchObject({ status: "assigned", assignee_id: cm.id, version: 2 });
    await assignInboxItem(cm, { id, assigneeId: mate.id, expectedVersion: 2 });
    expect(await auditCount("inbox.assigned")).toBe(before + 2);
    const [n] = await db().execute<{ n: number }>(sql`select count(*)::int n from notifications where user_id = ${mate.id} and kind = 'inbox.assigned'`);
    expect(n!.n).toBe(1);
    // stale version → CONFLICT, nothing changed
    expect(await code(assignInboxItem(cm, { id, assigneeId: cm.id, expectedVersion: 2 }))).toBe("CONFLICT");
    // not an inbox worker → VALIDATION, nothing changed
    expect(await code(assignInboxItem(cm, { id, assigneeId: v.content_creator.id }))).toBe("VALIDATION");
    expect(await itemRow(id)).toMatchObject({ assignee_id: mate.id, version: 3 });
    for (const r of ["social_media_manager", "pr", "legal", "content_creator", "data_analyst", "ad_ops", "admin", "none"] as const) {
      expect(await code(assignInboxItem(v[r], { id, assigneeId: null })), r).toBe("FORBIDDEN");
    }
    expect(await code(assignInboxItem(cm, { id: randomUUID(), assigneeId: cm.id }))).toBe("NOT_FOUND");
    // unassign → back to open
    await assignInboxItem(cm, { id, assigneeId: null });
    expect(await itemRow(id)).toMatchObject({ status: "open", assignee_id: null });
  });

  it("tag, close and reopen, each audited; bad tags change nothing", async () => {
    const cm = v.community_manager;
    const { id } = await createInboxItem(db(), { channelId: channelA });
    const audits = await auditCount();
    await tagInboxItem(cm, { id, add: ["返金", "VIP"] });
    await tagInboxItem(cm, { id, remove: ["VIP"] });
    expect((await itemRow(id)).tags).toEqual(["返金"]);
    expect(await code(tagInboxItem(cm, { id, add: ["<script>"] }))).toBe("VALIDATION");
    expect(await code(tagInboxItem(cm, { id, add: ["has space"] }))).toBe("VALIDATION");
    expect(await code(tagInboxItem(cm, { id }))).toBe("VALIDATION");
    await setInboxItemStatus(cm, { id, status: "closed" });
    expect((await itemRow(id)).status).toBe("closed");
    expect(await code(assignInboxItem(cm, { id, assigneeId: cm.id }))).toBe("CONFLICT");
    await setInboxItemStatus(cm, { id, status: "open" });
    expect((await itemRow(id)).status).toBe("open");
    expect(await auditCount()).toBe(audits + 4);
    expect(await code(setInboxItemStatus(v.pr, { id, status: "closed" }))).toBe("FORBIDDEN");
  });

  it("escalate to PR / Legal / manager: escalations row, status, audit, the target workspace notified", async () => {
    const cm = v.community_manager;
    const { id } = await createInboxItem(db(), { channelId: channelA, kind: "dm", text: "異物が入っていました" });
    const r = await escalateInboxItem(cm, { id, to: "legal", reason: "異物混入の申告。証拠保全をお願いします。" });
    expect((await itemRow(id)).status).toBe("escalated");
    const [esc] = await db().execute<{ to_role: string; created_by_id: string }>(sql`select to_role, created_by_id from escalations where id = ${r.escalationId}`);
    expect(esc).toMatchObject({ to_role: "legal", created_by_id: cm.id });
    const [n] = await db().execute<{ n: number }>(sql`select count(*)::int n from notifications where user_id = ${v.legal.id} and kind = 'inbox.escalated'`);
    expect(n!.n).toBe(1);
    expect(await code(escalateInboxItem(cm, { id, to: "admin" as never, reason: "xxxx" }))).toBe("VALIDATION");
    expect(await code(escalateInboxItem(cm, { id, to: "pr", reason: " " }))).toBe("VALIDATION");
    for (const r of ["social_media_manager", "pr", "legal", "data_analyst", "admin"] as const) {
      expect(await code(escalateInboxItem(v[r], { id, to: "pr", reason: "理由です" })), r).toBe("FORBIDDEN");
    }
    const [count] = await db().execute<{ n: number }>(sql`select count(*)::int n from escalations where inbox_item_id = ${id}`);
    expect(count!.n).toBe(1);
  });
});

describe("bulk actions", () => {
  it("each item on its own: partial failures reported per item, the rest done and audited", async () => {
    const cm = v.community_manager;
    const [a, b] = await createInboxItems(db(), [{ channelId: channelA }, { channelId: channelA }]);
    const hidden = (await createInboxItem(db(), { channelId: channelA, status: "hidden", hiddenAt: new Date() })).id;
    const missing = randomUUID();
    const before = await auditCount("inbox.closed");
    const res = await bulkInbox(cm, [a!, missing, hidden, b!], { op: "close" });
    expect(res).toEqual([
      { id: a, ok: true, changed: true },
      { id: missing, ok: false, code: "NOT_FOUND" },
      { id: hidden, ok: false, code: "CONFLICT" },
      { id: b, ok: true, changed: true },
    ]);
    expect(await auditCount("inbox.closed")).toBe(before + 2);
    expect((await itemRow(hidden)).status).toBe("hidden");
    // again: nothing changes, nothing audited
    const again = await bulkInbox(cm, [a!, b!], { op: "close" });
    expect(again.every((r) => r.ok && !r.changed)).toBe(true);
    expect(await auditCount("inbox.closed")).toBe(before + 2);
    // assign and tag in bulk
    const tagRes = await bulkInbox(cm, [a!, b!], { op: "tag", add: ["キャンペーン"] });
    expect(tagRes.every((r) => r.ok)).toBe(true);
    expect(await code(bulkInbox(cm, [], { op: "close" }))).toBe("VALIDATION");
    expect(await code(bulkInbox(cm, Array.from({ length: 51 }, () => randomUUID()), { op: "close" }))).toBe("VALIDATION");
    expect(await code(bulkInbox(v.social_media_manager, [a!], { op: "close" }))).toBe("FORBIDDEN");
    expect(await code(bulkInbox(v.data_analyst, [a!], { op: "close" }))).toBe("FORBIDDEN");
  });
});

describe("bulk hide through the moderation DAL", () => {
  it("queues a hide per comment (audited), refuses what cannot be hidden per item, needs inbox.moderate", async () => {
    const cm = v.community_manager;
    const comment = (await createInboxItem(db(), { channelId: channelA, kind: "comment", text: "スパムです" })).id;
    const dm = (await createInboxItem(db(), { channelId: channelA, kind: "dm", text: "DMは非表示にできない" })).id;
    const before = await auditCount("inbox.moderation_requested");
    const res = await bulkInbox(cm, [comment, dm], { op: "hide", reason: "スパム" });
    expect(res[0]).toEqual({ id: comment, ok: true, changed: true });
    expect(res[1]).toMatchObject({ id: dm, ok: false, code: "CONFLICT" });
    const [row] = await db().execute<{ action: string; state: string }>(sql`select action, state from moderation_actions where inbox_item_id = ${comment}`);
    expect(row).toMatchObject({ action: "hide", state: "pending" });
    expect(await auditCount("inbox.moderation_requested")).toBe(before + 1);
    for (const r of ["social_media_manager", "pr", "legal", "data_analyst"] as const) {
      expect(await code(bulkInbox(v[r], [comment], { op: "hide", reason: "x" })), r).toBe("FORBIDDEN");
    }
  });
});

describe("live updates and export", () => {
  it("counts what arrived after the page was loaded, for the filter", async () => {
    const cm = v.community_manager;
    const tag = `n${randomUUID().slice(0, 6)}`;
    const since = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await createInboxItems(db(), [{ channelId: channelA, tags: [tag] }, { channelId: channelA, tags: [tag], kind: "dm" }, { channelId: channelB, tags: ["other"] }]);
    expect(await countNewInbox(cm, { tag }, since)).toBe(2);
    expect(await countNewInbox(cm, { tag, kind: ["dm"] }, since)).toBe(1);
  });

  it("the export pages through the filter and is audited", async () => {
    const cm = v.community_manager;
    const tag = `e${randomUUID().slice(0, 6)}`;
    await createInboxItems(db(), Array.from({ length: 130 }, () => ({ channelId: channelA, tags: [tag] })));
    const before = await auditCount("inbox.exported");
    const { pages } = await startInboxExport(cm, { tag });
    let n = 0;
    for await (const p of pages) n += p.length;
    expect(n).toBe(130);
    expect(await auditCount("inbox.exported")).toBe(before + 1);
  });
});

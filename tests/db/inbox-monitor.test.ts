/**
 * The inbox's clocks and settings against real PostgreSQL: SLA warnings and breaches once each
 * (escalated to the manager, notified), spike alerts once per channel and window (notifying the
 * manager and PR), the spike alert page's data and its one-click crisis; the policy/rules/shift DAL
 * per role (allowed, FORBIDDEN, NOT_FOUND, audit row, bad input changes nothing); the demo seed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { crisisStates, escalations, inboxItems, inboxPolicy, inboxRules, inboxShifts, notifications, riskLexicon, spikeAlerts } from "@/db/schema";
import { RISK_LEXICON } from "@/db/seed/demo";
import { createBrand, createChannel } from "@/db/seed/factories";
import { ingestInbound, type IngestEntry } from "@/lib/dal/inbox-ingest";
import { getSpikeAlert, runInboxSlaClock, runSpikeDetection, startCrisisFromSpike } from "@/lib/dal/inbox-monitor";
import { createInboxRule, deleteInboxRule, getInboxSettings, setInboxShift, updateInboxPolicy, updateInboxRule } from "@/lib/dal/inbox-policy";
import { buildStreamEntries } from "@/lib/jobs/inbox-stream";
import { AppError } from "@/lib/errors";
import { auditCount, lastAudit, viewersByRole, type Role } from "./helpers";
import type { Viewer } from "@/lib/dal/viewer";

let V: Record<Role | "none", Viewer>;
let channelId = "";
let n = 0;

const entry = (o: Partial<IngestEntry> & { text: string; receivedAt: Date }): IngestEntry => ({
  channelId,
  platform: "x",
  accountId: "acc",
  externalId: `m-${++n}`,
  kind: "comment",
  threadKey: `x:post-${n}`,
  parentExternalId: null,
  authorExternalId: `u-${n}`,
  authorHandle: null,
  authorName: null,
  permalink: null,
  authorUrl: null,
  raw: null,
  ...o,
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  V = await viewersByRole();
  const db = getDb();
  await db.insert(riskLexicon).values(RISK_LEXICON);
  const brand = await createBrand(db);
  channelId = (await createChannel(db, { brandId: brand.id, platform: "x", displayName: "監視テスト" })).id;
});

describe("SLA clock", () => {
  it("warns the assignee once before the due time, breaches once after it and escalates to the manager", async () => {
    const db = getDb();
    const t0 = new Date("2026-06-01T01:00:00Z"); // 10:00 JST Monday
    const r = await ingestInbound([entry({ text: "異物混入していました", receivedAt: t0 })], { source: "test", now: t0 });
    const itemId = r.itemIds[0]!;
    await db.update(inboxItems).set({ assigneeId: V.community_manager.id, status: "assigned" }).where(eq(inboxItems.id, itemId));
    const [item] = await db.select().from(inboxItems).where(eq(inboxItems.id, itemId));
    expect(item!.priority).toBe("urgent");
    expect(item!.slaDueAt!.getTime()).toBe(t0.getTime() + 60 * 60_000);

    const early = await runInboxSlaClock(new Date(t0.getTime() + 30 * 60_000));
    expect(early.warned).toBe(0);
    const warn = new Date(t0.getTime() + 50 * 60_000);
    expect((await runInboxSlaClock(warn)).warned).toBe(1);
    expect((await runInboxSlaClock(warn)).warned).toBe(0);
    const cmNotes = await db.select().from(notifications).where(and(eq(notifications.userId, V.community_manager.id), eq(notifications.kind, "inbox.sla_warning")));
    expect(cmNotes).toHaveLength(1);

    const late = new Date(t0.getTime() + 61 * 60_000);
    const [a, b] = await Promise.all([runInboxSlaClock(late), runInboxSlaClock(late)]);
    expect(a.breached + b.breached).toBe(1);
    expect((await runInboxSlaClock(new Date(late.getTime() + 60_000))).breached).toBe(0);
    const [after] = await db.select().from(inboxItems).where(eq(inboxItems.id, itemId));
    expect(after!.slaBreachedAt).not.toBeNull();
    const esc = await db.select().from(escalations).where(eq(escalations.inboxItemId, itemId));
    expect(esc.map((e) => [e.toRole, e.reason, e.createdById])).toEqual([["social_media_manager", "sla_breached", null]]);
    const mgr = await db.select().from(notifications).where(and(eq(notifications.userId, V.social_media_manager.id), eq(notifications.kind, "inbox.sla_breached")));
    expect(mgr).toHaveLength(1);
    expect(mgr[0]!.link).toBe(`/community/items/${itemId}`);
    expect(await auditCount("inbox.sla_breached")).toBeGreaterThanOrEqual(1);
  });

  it("answered, hidden or waiting items have no clock", async () => {
    const t0 = new Date("2026-06-02T01:00:00Z");
    const r = await ingestInbound(
      [entry({ text: "最悪の対応", receivedAt: t0 }), entry({ text: "最悪の対応2", receivedAt: t0 }), entry({ text: "最悪の対応3", receivedAt: t0 })],
      { source: "test", now: t0 },
    );
    const [x, y, z] = r.itemIds;
    const db = getDb();
    await db.update(inboxItems).set({ firstResponseAt: t0 }).where(eq(inboxItems.id, x!));
    await db.update(inboxItems).set({ status: "hidden" }).where(eq(inboxItems.id, y!));
    await db.update(inboxItems).set({ status: "waiting" }).where(eq(inboxItems.id, z!));
    const res = await runInboxSlaClock(new Date(t0.getTime() + 30 * 86_400_000));
    const rows = await db.select({ id: inboxItems.id, b: inboxItems.slaBreachedAt }).from(inboxItems).where(sql`${inboxItems.id} in (${x}, ${y}, ${z})`);
    expect(rows.every((row) => row.b === null)).toBe(true);
    expect(res.breached).toBeGreaterThanOrEqual(0);
  });
});

describe("spike alerts", () => {
  it("a burst above the channel's baseline raises one alert per window, notifying the manager and PR; the alert page and one-click crisis", async () => {
    const db = getDb();
    const brand = await createBrand(db);
    const ch = (await createChannel(db, { brandId: brand.id, platform: "facebook", displayName: "急増テスト" })).id;
    const now = new Date("2026-06-03T03:10:00Z");
    // Baseline: about one negative item per window over the last day.
    const history: IngestEntry[] = [];
    for (let w = 1; w <= 48; w++) history.push(entry({ channelId: ch, text: "残念です", receivedAt: new Date(now.getTime() - w * 30 * 60_000) }));
    await ingestInbound(history, { source: "test", now });
    expect((await runSpikeDetection(now)).alerts).toBe(0);
    const burst = Array.from({ length: 9 }, (_, i) => entry({ channelId: ch, text: `異物混入の件、説明しろ ${i}`, receivedAt: new Date(now.getTime() - i * 60_000) }));
    await ingestInbound(burst, { source: "test", now });
    const runs = await Promise.all([runSpikeDetection(now), runSpikeDetection(now), runSpikeDetection(new Date(now.getTime() + 5 * 60_000))]);
    expect(runs.reduce((s, r) => s + r.alerts, 0)).toBe(1);
    const alerts = await db.select().from(spikeAlerts).where(eq(spikeAlerts.channelId, ch));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.count).toBeGreaterThanOrEqual(9);
    expect(alerts[0]!.windowStart.toISOString()).toBe("2026-06-03T03:00:00.000Z");
    for (const who of [V.social_media_manager, V.pr]) {
      const notes = await db.select().from(notifications).where(and(eq(notifications.userId, who.id), eq(notifications.kind, "inbox.spike")));
      expect(notes.map((x) => x.link)).toEqual([`/community/spikes/${alerts[0]!.id}`]);
    }
    const none = await db.select().from(notifications).where(and(eq(notifications.userId, V.community_manager.id), eq(notifications.kind, "inbox.spike")));
    expect(none).toHaveLength(0);

    const dto = await getSpikeAlert(V.pr, alerts[0]!.id);
    expect(dto.inboxHref).toContain(`channel=${ch}`);
    expect(dto.samples.length).toBeGreaterThan(0);
    expect(await code(getSpikeAlert(V.data_analyst, alerts[0]!.id))).toBe("FORBIDDEN");
    expect(await code(getSpikeAlert(V.pr, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");

    expect(await code(startCrisisFromSpike(V.community_manager, { spikeId: alerts[0]!.id, reason: "x" }))).toBe("FORBIDDEN");
    expect(await code(startCrisisFromSpike(V.pr, { spikeId: "00000000-0000-4000-8000-000000000000", reason: "x" }))).toBe("NOT_FOUND");
    const { crisisId } = await startCrisisFromSpike(V.pr, { spikeId: alerts[0]!.id, reason: "異物混入の急増" });
    const [crisis] = await db.select().from(crisisStates).where(eq(crisisStates.id, crisisId));
    expect(crisis).toMatchObject({ scope: "channel", channelId: ch, endedAt: null });
    expect((await db.select().from(spikeAlerts).where(eq(spikeAlerts.id, alerts[0]!.id)))[0]!.crisisId).toBe(crisisId);
    expect((await lastAudit())!.action).toBe("inbox.spike_crisis_started");
    expect((await startCrisisFromSpike(V.social_media_manager, { spikeId: alerts[0]!.id, reason: "again" })).crisisId).toBe(crisisId);
  });
});

describe("inbox settings DAL per role", () => {
  it("read: inbox.read holders; others FORBIDDEN", async () => {
    for (const r of ["social_media_manager", "community_manager", "pr", "legal"] as const) expect(await code(getInboxSettings(V[r]))).toBe("OK");
    for (const r of ["content_creator", "data_analyst", "ad_ops", "admin", "none"] as const) expect(await code(getInboxSettings(V[r]))).toBe("FORBIDDEN");
    const s = await getInboxSettings(V.community_manager);
    expect(s.canManage).toBe(false);
    expect(s.policy.sla.urgent.minutes).toBe(60);
  });

  it("policy: the manager only, audited with before/after; bad input changes nothing", async () => {
    const db = getDb();
    const value = { start: "10:00", end: "19:00", timeZone: "Asia/Tokyo", days: [1, 2, 3, 4, 5, 6], holidays: true };
    for (const r of ["community_manager", "pr", "legal", "admin", "none"] as const) expect(await code(updateInboxPolicy(V[r], { key: "business_hours", value }))).toBe("FORBIDDEN");
    const before = await auditCount();
    for (const bad of [
      { key: "business_hours", value: { ...value, end: "09:00" } },
      { key: "business_hours", value: { ...value, timeZone: "Mars/Olympus" } },
      { key: "sla", value: { urgent: { minutes: 1, clock: "24h" } } },
      { key: "nope", value: {} },
      { key: "thresholds", value: { escalateRisk: 500, approvalRisk: 10 } },
    ]) expect(await code(updateInboxPolicy(V.social_media_manager, bad as never))).toBe("VALIDATION");
    expect(await auditCount()).toBe(before);
    expect(await db.select().from(inboxPolicy)).toHaveLength(0);
    await updateInboxPolicy(V.social_media_manager, { key: "business_hours", value });
    const a = await lastAudit();
    expect(a).toMatchObject({ action: "inbox_policy.updated", actorId: V.social_media_manager.id, subjectId: "business_hours" });
    expect((a!.data as { before: { start: string } }).before.start).toBe("09:00");
    expect((await getInboxSettings(V.pr)).policy.businessHours.end).toBe("19:00");
  });

  it("rules: create, toggle, move, delete (manager only; NOT_FOUND; validation)", async () => {
    const db = getDb();
    expect(await code(createInboxRule(V.community_manager, { kind: "auto_hide", config: { channelIds: [], spam: true, profanity: true } }))).toBe("FORBIDDEN");
    expect(await code(createInboxRule(V.social_media_manager, { kind: "auto_hide", config: { channelIds: [], spam: false, profanity: false } }))).toBe("VALIDATION");
    expect(await code(createInboxRule(V.social_media_manager, { kind: "auto_hide", config: { channelIds: ["00000000-0000-4000-8000-0000000000ff"], spam: true, profanity: false } }))).toBe("VALIDATION");
    expect(await code(createInboxRule(V.social_media_manager, { kind: "auto_assign", config: { channelIds: [], language: "ja", mode: "user", userIds: [V.data_analyst.id] } }))).toBe("VALIDATION");
    const a = await createInboxRule(V.social_media_manager, { kind: "auto_hide", config: { channelIds: [channelId], spam: true, profanity: true } });
    const b = await createInboxRule(V.social_media_manager, { kind: "auto_assign", config: { channelIds: [], language: "en", mode: "user", userIds: [V.community_manager.id] } });
    expect((await lastAudit())!.action).toBe("inbox_rule.created");
    await updateInboxRule(V.social_media_manager, { id: b.id, move: "up" });
    await updateInboxRule(V.social_media_manager, { id: a.id, enabled: false });
    const rows = await db.select().from(inboxRules).orderBy(inboxRules.position);
    expect(rows.map((r) => [r.id, r.enabled])).toEqual([
      [b.id, true],
      [a.id, false],
    ]);
    expect(await code(updateInboxRule(V.social_media_manager, { id: "00000000-0000-4000-8000-000000000000", enabled: true }))).toBe("NOT_FOUND");
    expect(await code(deleteInboxRule(V.pr, { id: a.id }))).toBe("FORBIDDEN");
    await deleteInboxRule(V.social_media_manager, { id: a.id });
    expect((await lastAudit())!.action).toBe("inbox_rule.deleted");
    expect(await code(deleteInboxRule(V.social_media_manager, { id: a.id }))).toBe("NOT_FOUND");
  });

  it("shifts: only agents (inbox.reply holders) can be put on shift", async () => {
    expect(await code(setInboxShift(V.community_manager, { userId: V.community_manager.id, onShift: true }))).toBe("FORBIDDEN");
    expect(await code(setInboxShift(V.social_media_manager, { userId: V.data_analyst.id, onShift: true }))).toBe("VALIDATION");
    await setInboxShift(V.social_media_manager, { userId: V.community_manager.id, onShift: true });
    expect((await getDb().select().from(inboxShifts).where(eq(inboxShifts.userId, V.community_manager.id)))[0]!.onShift).toBe(true);
    expect((await lastAudit())!.action).toBe("inbox_shift.updated");
  });
});

describe("sandbox stream", () => {
  it("builds the same items for the same minute, and a burst at the burst time; ingesting twice stores once", async () => {
    const chs = [{ id: channelId, platform: "x" as const, connector: "sandbox" as const, externalAccountId: null, handle: "@x" }];
    const burstAt = new Date("2026-06-04T01:25:00Z"); // 10:25 JST
    const a = buildStreamEntries(chs, burstAt);
    expect(a.length).toBeGreaterThanOrEqual(6);
    expect(buildStreamEntries(chs, burstAt)).toEqual(a);
    const r1 = await ingestInbound(a, { source: "sandbox-stream", now: burstAt });
    const r2 = await ingestInbound(a, { source: "sandbox-stream", now: burstAt });
    expect(r1.stored).toBe(a.length);
    expect(r2.stored).toBe(0);
  });
});

describe("demo seed", () => {
  it("seeds a realistic, idempotent history: slow day, burst with its spike alert, hidden spam, breached and escalated items", async () => {
    const { seedOrganisation } = await import("@/db/seed/demo");
    const { seedInbox } = await import("@/db/seed/inbox");
    const db = getDb();
    await seedOrganisation(db);
    const now = new Date();
    await seedInbox(db, now);
    await seedInbox(db, now);
    const [c] = await db.execute<{ n: number; hidden: number; breached: number; ja: number; kinds: number; burst: number }>(sql`
      select count(*)::int n, count(*) filter (where status = 'hidden')::int hidden, count(*) filter (where sla_breached_at is not null)::int breached,
        count(*) filter (where language = 'ja')::int ja, count(distinct kind)::int kinds,
        count(*) filter (where channel_id = '00000000-0000-4000-8000-00000000c007' and received_at > now() - interval '21 hours' and received_at < now() - interval '19 hours')::int burst
      from inbox_items where external_id like 'seed-inbox-%'`);
    expect(c!.n).toBe(324);
    expect(c!.hidden).toBeGreaterThan(5);
    expect(c!.breached).toBeGreaterThan(5);
    expect(c!.ja).toBeGreaterThan(c!.n / 2);
    expect(c!.kinds).toBe(4);
    expect(c!.burst).toBeGreaterThanOrEqual(30);
    expect((await db.select().from(spikeAlerts).where(eq(spikeAlerts.channelId, "00000000-0000-4000-8000-00000000c007"))).length).toBe(1);
    // The clock has nothing old left to fire on at demo start (breaches are already stamped).
    await db.execute(sql`update inbox_items set status = 'closed' where external_id not like 'seed-inbox-%'`);
    const before = await runInboxSlaClock(new Date(now.getTime() - 60_000));
    expect(before.breached).toBe(0);
  });
});

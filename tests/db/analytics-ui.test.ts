/**
 * The analytics workspace's own reads and writes (analytics-ui) on real PostgreSQL: post,
 * response and paid performance, CSV export and the weekly report. Per role: analyst and manager
 * read, only the analyst exports and schedules; NOT_FOUND for what does not exist; audit rows;
 * bad input changes nothing; response-time median/p90 on known data; export rows equal the table
 * (formula-injection safe); the report job makes one report per week; no DM text or personal
 * handle reaches any DTO, CSV or report.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { analyticsReports, analyticsReportSchedules, channelMetricsDaily, inboxItems, postMetricsDaily, postTargets, publications, replies } from "@/db/schema";
import { createBrand, createChannel, createPost } from "@/db/seed/factories";
import { createInboxItem } from "@/db/seed/inbox-factories";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { addDays, eachDay, presetFilter, tokyoDate, tokyoDayStart, type AnalyticsFilter } from "@/lib/domain/analytics-filters";
import { rebuildAnalyticsRollups } from "@/lib/dal/analytics-pipeline";
import { overview } from "@/lib/dal/analytics";
import { getAnalyticsFilterOptions, getPostPerformance, listPostPerformance } from "@/lib/dal/analytics-posts";
import { getResponsePerformance } from "@/lib/dal/analytics-response";
import { getPaidPerformance } from "@/lib/dal/analytics-paid";
import { exportAnalyticsCsv } from "@/lib/dal/analytics-export";
import {
  createReportSchedule,
  downloadReport,
  generateReportNow,
  getReport,
  listReports,
  listReportSchedules,
  runDueReports,
  setReportScheduleEnabled,
} from "@/lib/dal/analytics-reports";
import { auditCount, lastAudit, ROLES, viewersByRole, type Role } from "./helpers";
import { parseCsv } from "../support/csv";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000a0000";
const MIN = 60_000;
const NOW = new Date();
const DM_TEXT = "DM本文:住所は東京都港区1-2-3、電話090-0000-0000";
const HANDLE = "@private_person_77";
const AUTHOR = "山田 秘密子";

let V: Record<Who, Viewer>;
let F: AnalyticsFilter;
let brandA: string;
let brandB: string;
let chX: string;
let chIg: string;
let chFb: string;
const postIds: string[] = [];
let draftPostId: string;

async function expectAppError(p: Promise<unknown>, code: AppError["code"]) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

async function csvOf(viewer: Viewer, filter: AnalyticsFilter, spec: Record<string, unknown>) {
  const r = await exportAnalyticsCsv(viewer, filter, spec);
  let text = "";
  for await (const c of r.chunks) text += c;
  return { ...r, text, rows: parseCsv(text) };
}

const day = (n: number) => tokyoDate(NOW, -n);

beforeAll(async () => {
  V = await viewersByRole();
  F = presetFilter("7", NOW);
  brandA = (await createBrand(db(), { name: "あおばテスト", slug: `a-${crypto.randomUUID().slice(0, 6)}` })).id;
  brandB = (await createBrand(db(), { name: "みどりテスト", slug: `b-${crypto.randomUUID().slice(0, 6)}` })).id;
  chX = (await createChannel(db(), { brandId: brandA, platform: "x", displayName: "あおば公式X" })).id;
  chIg = (await createChannel(db(), { brandId: brandA, platform: "instagram", displayName: "あおば公式IG" })).id;
  chFb = (await createChannel(db(), { brandId: brandB, platform: "facebook", displayName: "みどりFB" })).id;

  // Three published posts (one with a title a spreadsheet would run as a formula), one draft.
  const titles = ["=HYPERLINK(\"http://evil\")春の新作", "夏のキャンペーン告知", "+秋の限定メニュー"];
  for (const [i, title] of titles.entries()) {
    const channels = i === 2 ? [chFb] : [chX, chIg];
    const { postId } = await createPost(db(), { brandId: i === 2 ? brandB : brandA, channelIds: channels, authorId: V.content_creator.id, title, state: "published" });
    postIds.push(postId);
    const targets = await db().select({ id: postTargets.id, channelId: postTargets.channelId }).from(postTargets).where(eq(postTargets.postId, postId));
    for (const t of targets) {
      await db().insert(publications).values({ targetId: t.id, state: "published", externalId: `ext-${t.id}`, externalUrl: `https://example.com/p/${t.id}`, publishedAt: tokyoDayStart(day(6 - i)) });
      for (let d = 6 - i; d >= 1; d--) {
        const k = 7 - d + i;
        await db().insert(postMetricsDaily).values({ postId, channelId: t.channelId, day: day(d), impressions: 1000 * (i + 1) + k * 10, reach: 800 * (i + 1), likes: 20 + k, comments: 3 + i, shares: 2, saves: 1, clicks: 5 * k, videoViews: 10 * i });
      }
    }
  }
  draftPostId = (await createPost(db(), { brandId: brandA, channelIds: [chX], authorId: V.content_creator.id, title: "下書き(非公開)" })).postId;
  for (const ch of [chX, chIg, chFb]) for (let d = 14; d >= 1; d--) await db().insert(channelMetricsDaily).values({ channelId: ch, day: day(d), followers: 10_000 + (14 - d) * 5, impressions: 5000, reach: 4000, engagements: 300, mentions: 2 });

  // Inbox on chX, received two days ago: first responses after 10, 20, 30, 120 minutes (SLA 60 min).
  const base = new Date(tokyoDayStart(day(2)).getTime() + 3 * 3_600_000);
  const delays = [10, 20, 30, 120];
  for (const [i, m] of delays.entries()) {
    const { id } = await createInboxItem(db(), {
      channelId: chX,
      platform: "x",
      kind: i === 0 ? "dm" : "comment",
      text: i === 0 ? DM_TEXT : `コメント${i}`,
      authorHandle: HANDLE,
      authorName: AUTHOR,
      sentiment: i === 3 ? "negative" : "positive",
      receivedAt: base,
      slaDueAt: new Date(base.getTime() + 60 * MIN),
      firstResponseAt: new Date(base.getTime() + m * MIN),
      assigneeId: V.community_manager.id,
      status: "closed",
    });
    if (i < 2) await db().insert(replies).values({ inboxItemId: id, authorId: V.community_manager.id, text: "返信本文", state: "sent", sentAt: new Date(base.getTime() + m * MIN) });
  }
  // Unanswered and overdue (missed), and unanswered but not due yet (pending).
  await createInboxItem(db(), { channelId: chX, platform: "x", kind: "dm", text: DM_TEXT, authorHandle: HANDLE, authorName: AUTHOR, receivedAt: base, slaDueAt: new Date(base.getTime() + 60 * MIN), sentiment: "neutral" });
  await createInboxItem(db(), { channelId: chX, platform: "x", kind: "mention", text: "メンション", authorHandle: HANDLE, authorName: AUTHOR, receivedAt: new Date(tokyoDayStart(day(1)).getTime() + 60 * MIN), slaDueAt: new Date(NOW.getTime() + 3_600_000), sentiment: "neutral" });
  await rebuildAnalyticsRollups(db());
});

describe("who may read and export", () => {
  const reads: [string, (v: Viewer) => Promise<unknown>][] = [
    ["listPostPerformance", (v) => listPostPerformance(v, F)],
    ["getPostPerformance", (v) => getPostPerformance(v, postIds[0]!)],
    ["getResponsePerformance", (v) => getResponsePerformance(v, F)],
    ["getPaidPerformance", (v) => getPaidPerformance(v, F)],
    ["getAnalyticsFilterOptions", (v) => getAnalyticsFilterOptions(v)],
    ["listReports", (v) => listReports(v)],
    ["listReportSchedules", (v) => listReportSchedules(v)],
  ];
  for (const [name, call] of reads) {
    for (const who of WHO) {
      const allowed = who !== "none" && roleHas(who, "analytics.read");
      it(`${name} as ${who}: ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
        if (allowed) await expect(call(V[who])).resolves.toBeDefined();
        else await expectAppError(call(V[who]), "FORBIDDEN");
      });
    }
  }
  it("analyst and manager read; creator, CM, PR, legal, ads and admin do not", () => {
    expect(WHO.filter((w) => w !== "none" && roleHas(w, "analytics.read")).sort()).toEqual(["data_analyst", "social_media_manager"]);
    expect(WHO.filter((w) => w !== "none" && roleHas(w, "analytics.export"))).toEqual(["data_analyst"]);
  });
  for (const who of WHO) {
    const allowed = who === "data_analyst";
    it(`export, schedule, generate and download as ${who}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
      const before = await auditCount();
      if (allowed) {
        await expect(exportAnalyticsCsv(V[who], F, { table: "overview-brands" })).resolves.toBeDefined();
        return;
      }
      await expectAppError(exportAnalyticsCsv(V[who], F, { table: "posts" }), "FORBIDDEN");
      await expectAppError(createReportSchedule(V[who], { name: "x", weekday: 1, time: "09:00" }), "FORBIDDEN");
      await expectAppError(generateReportNow(V[who], {}), "FORBIDDEN");
      await expectAppError(setReportScheduleEnabled(V[who], UNKNOWN, false), "FORBIDDEN");
      await expectAppError(downloadReport(V[who], UNKNOWN, "csv"), "FORBIDDEN");
      expect(await auditCount()).toBe(before);
    });
  }
});

describe("post performance", () => {
  it("lists published posts with their totals, one row per post and channel, sorted and paged", async () => {
    const all = await listPostPerformance(V.data_analyst, F, { sort: "engagements", dir: "desc" }, 200);
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.postId)).not.toContain(draftPostId);
    for (const r of all.rows) {
      const [raw] = await db().execute<{ imp: string; eng: string }>(
        sql`select sum(impressions) as imp, sum(likes + comments + shares + saves) as eng from post_metrics_daily where post_id = ${r.postId} and channel_id = ${r.channelId}`,
      );
      expect(r.impressions).toBe(Number(raw!.imp));
      expect(r.engagements).toBe(Number(raw!.eng));
      expect(r.engagementRate).toBeCloseTo(Math.round((r.engagements / r.impressions) * 1000) / 10, 5);
    }
    const eng = all.rows.map((r) => r.engagements);
    expect(eng).toEqual([...eng].sort((a, b) => b - a));
    const asc = await listPostPerformance(V.social_media_manager, F, { sort: "impressions", dir: "asc" }, 2);
    expect(asc.pages).toBe(3);
    expect(asc.rows.map((r) => r.impressions)).toEqual([...all.rows.map((r) => r.impressions)].sort((a, b) => a - b).slice(0, 2));
    const page3 = await listPostPerformance(V.data_analyst, F, { sort: "impressions", dir: "asc", page: 99 }, 2);
    expect(page3.page).toBe(3);
    expect(page3.rows).toHaveLength(1);
  });
  it("narrows to a brand and a channel", async () => {
    expect((await listPostPerformance(V.data_analyst, { ...F, brandId: brandB })).total).toBe(1);
    expect((await listPostPerformance(V.data_analyst, { ...F, channelId: chIg })).total).toBe(2);
  });
  it("shows one post's curve over time; a draft, an unknown or a malformed id is NOT_FOUND", async () => {
    const p = await getPostPerformance(V.data_analyst, postIds[0]!);
    expect(p.channels.map((c) => c.channelId).sort()).toEqual([chX, chIg].sort());
    expect(p.curve.map((c) => c.day)).toEqual(eachDay(day(6), day(1)));
    expect(p.curve.reduce((a, c) => a + c.impressions, 0)).toBe(p.channels.reduce((a, c) => a + (c.totals?.impressions ?? 0), 0));
    await expectAppError(getPostPerformance(V.data_analyst, draftPostId), "NOT_FOUND");
    await expectAppError(getPostPerformance(V.data_analyst, UNKNOWN), "NOT_FOUND");
    await expectAppError(getPostPerformance(V.data_analyst, "'; drop table posts; --"), "NOT_FOUND");
  });
});

describe("response performance", () => {
  it("gives first-response median and p90, SLA attainment and volume by sentiment on known data", async () => {
    const r = await getResponsePerformance(V.data_analyst, F, NOW);
    // 6 items: answered after 10, 20, 30, 120 min; one overdue unanswered; one not due yet.
    expect(r.current).toMatchObject({ items: 6, answered: 4, medianMinutes: 25, p90Minutes: 93, slaMet: 3, slaMissed: 2, slaPending: 1, slaAttainment: 60 });
    const x = r.byChannel.find((c) => c.channelId === chX)!;
    expect(x).toMatchObject({ items: 6, medianMinutes: 25, slaAttainment: 60 });
    expect(r.byChannel.map((c) => c.channelId)).toEqual([chX]);
    const cm = r.byAgent.find((a) => a.agentId === V.community_manager.id)!;
    expect(cm).toMatchObject({ items: 4, answered: 4, slaMet: 3, slaMissed: 1, agentName: V.community_manager.name });
    expect(r.byAgent.find((a) => a.agentId === null)).toMatchObject({ items: 2, answered: 0 });
    expect(Object.fromEntries(r.bySentiment.map((s) => [s.sentiment, s.current]))).toEqual({ positive: 3, neutral: 2, negative: 1 });
    expect(r.previous.items).toBe(0);
    expect((await getResponsePerformance(V.data_analyst, { ...F, brandId: brandB }, NOW)).current.items).toBe(0);
  });
});

describe("paid performance", () => {
  it("is empty without campaigns", async () => {
    const p = await getPaidPerformance(V.data_analyst, F);
    expect(p.campaigns).toEqual([]);
    expect(p.current).toMatchObject({ spendJpy: 0, ctr: null, cpaJpy: null, roas: null });
  });
});

describe("CSV export", () => {
  it("holds exactly the post table's rows (every page), with formula cells defused, and is audited", async () => {
    const table = await listPostPerformance(V.data_analyst, F, { sort: "reach", dir: "desc" }, 200);
    const csv = await csvOf(V.data_analyst, F, { table: "posts", sort: "reach", dir: "desc" });
    expect(csv.text.startsWith("\uFEFF")).toBe(true);
    expect(csv.rowCount).toBe(table.total);
    const [head, ...rows] = csv.rows;
    expect(rows).toHaveLength(table.rows.length);
    const col = (k: string) => head!.indexOf(k);
    expect(rows.map((r) => r[col("post_id")])).toEqual(table.rows.map((r) => r.postId));
    expect(rows.map((r) => Number(r[col("impressions")]))).toEqual(table.rows.map((r) => r.impressions));
    expect(rows.map((r) => Number(r[col("engagements")]))).toEqual(table.rows.map((r) => r.engagements));
    const titles = rows.map((r) => r[col("title")]!);
    expect(titles).toContain("'=HYPERLINK(\"http://evil\")春の新作");
    expect(titles).toContain("'+秋の限定メニュー");
    expect(titles.some((t) => /^[=+\-@\t]/.test(t))).toBe(false);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "analytics.exported", subjectType: "analytics_table", subjectId: "posts", actorId: V.data_analyst.id });
    expect((audit!.data as { rows: number }).rows).toBe(table.total);
  });
  it("exports the overview's channel table and the response tables as shown", async () => {
    const o = await overview(V.data_analyst, { from: F.from, to: F.to });
    const csv = await csvOf(V.data_analyst, F, { table: "overview-channels" });
    const [head, ...rows] = csv.rows;
    expect(rows.map((r) => r[head!.indexOf("channel")])).toEqual(o.byChannel.map((c) => c.channelName));
    expect(rows.map((r) => Number(r[head!.indexOf("impressions")]))).toEqual(o.byChannel.map((c) => c.current.impressions));
    const resp = await csvOf(V.data_analyst, F, { table: "response-channels" });
    expect(resp.rows[1]![resp.rows[0]!.indexOf("first_response_median_min")]).toBe("25");
    expect(resp.rows[1]![resp.rows[0]!.indexOf("first_response_p90_min")]).toBe("93");
  });
  it("refuses an unknown table with nothing audited", async () => {
    const before = await auditCount("analytics.exported");
    await expectAppError(exportAnalyticsCsv(V.data_analyst, F, { table: "users" }), "VALIDATION");
    await expectAppError(exportAnalyticsCsv(V.data_analyst, F, { table: "post-daily" }), "VALIDATION");
    expect(await auditCount("analytics.exported")).toBe(before);
  });
});

describe("weekly report", () => {
  it("a schedule is validated, audited, and refuses recipients who may not read analytics", async () => {
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(analyticsReportSchedules);
    const audits = await auditCount();
    await expectAppError(createReportSchedule(V.data_analyst, { name: "x", weekday: 8, time: "09:00" }), "VALIDATION");
    await expectAppError(createReportSchedule(V.data_analyst, { name: "x", weekday: 1, time: "25:00" }), "VALIDATION");
    await expectAppError(createReportSchedule(V.data_analyst, { name: "", weekday: 1, time: "09:00" }), "VALIDATION");
    await expectAppError(createReportSchedule(V.data_analyst, { name: "x", weekday: 1, time: "09:00", recipientIds: [V.content_creator.id] }), "VALIDATION");
    await expectAppError(createReportSchedule(V.data_analyst, { name: "x", weekday: 1, time: "09:00", brandId: UNKNOWN }), "VALIDATION");
    await expectAppError(createReportSchedule(V.data_analyst, { name: "x", weekday: 1, time: "09:00", extra: 1 }), "VALIDATION");
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(analyticsReportSchedules)).toEqual(before);
    expect(await auditCount()).toBe(audits);

    const { id } = await createReportSchedule(V.data_analyst, { name: "月曜の定例", weekday: "1", time: "09:00", recipientIds: [V.social_media_manager.id] });
    expect(await lastAudit()).toMatchObject({ action: "analytics.report_schedule_created", subjectId: id, actorId: V.data_analyst.id });
    const list = await listReportSchedules(V.social_media_manager, NOW);
    expect(list.find((s) => s.id === id)).toMatchObject({ weekday: 1, time: "09:00", enabled: true, recipients: [{ id: V.social_media_manager.id }] });
    expect(list.find((s) => s.id === id)!.nextRunAt!.getTime()).toBeGreaterThan(NOW.getTime());
    await setReportScheduleEnabled(V.data_analyst, id, false);
    expect(await lastAudit()).toMatchObject({ action: "analytics.report_schedule_disabled", subjectId: id });
    await setReportScheduleEnabled(V.data_analyst, id, true);
    await expectAppError(setReportScheduleEnabled(V.data_analyst, UNKNOWN, true), "NOT_FOUND");
    await db().delete(analyticsReportSchedules).where(eq(analyticsReportSchedules.id, id));
  });

  it("the job makes one report per schedule and week however often it runs, and e-mails it once", async () => {
    const { id } = await createReportSchedule(V.data_analyst, { name: "週次", weekday: 1, time: "09:00", recipientIds: [V.social_media_manager.id] });
    // Made a month ago, so this week's Monday 09:00 (or last week's) is due.
    await db().update(analyticsReportSchedules).set({ createdAt: new Date(NOW.getTime() - 30 * 86_400_000) }).where(eq(analyticsReportSchedules.id, id));
    const sent: { to: string; subject: string }[] = [];
    const send = async (to: string, msg: { subject: string }) => void sent.push({ to, subject: msg.subject });
    const first = await runDueReports({ now: NOW, send });
    const second = await runDueReports({ now: new Date(NOW.getTime() + 10 * MIN), send });
    expect(first.generated).toBe(1);
    expect(second.generated).toBe(0);
    const rows = await db().select().from(analyticsReports).where(eq(analyticsReports.scheduleId, id));
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    expect(addDays(r.periodFrom, 6)).toBe(r.periodTo);
    expect(new Date(`${r.periodFrom}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(r.emailStatus).toBe("sent");
    expect(sent.map((s) => s.to).sort()).toEqual([V.data_analyst.email, V.social_media_manager.email].sort());
    expect(await auditCount("analytics.report_generated")).toBeGreaterThanOrEqual(1);
    // Stored in the portal: listed, viewable, downloadable (analyst), privacy-clean.
    expect((await listReports(V.social_media_manager)).items.map((i) => i.id)).toContain(r.id);
    const view = await getReport(V.social_media_manager, r.id);
    expect(view.html).toContain("<!doctype html>");
    const file = await downloadReport(V.data_analyst, r.id, "csv");
    expect(file.body.startsWith("\uFEFF")).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: "analytics.report_downloaded", subjectId: r.id });
    await expectAppError(getReport(V.data_analyst, UNKNOWN), "NOT_FOUND");
    await expectAppError(downloadReport(V.data_analyst, UNKNOWN, "html"), "NOT_FOUND");
  });

  it("without SMTP the report is stored and marked, not lost", async () => {
    const prev = { url: process.env.SMTP_URL, from: process.env.SMTP_FROM };
    delete process.env.SMTP_URL;
    const { id } = await createReportSchedule(V.data_analyst, { name: "SMTPなし", weekday: 3, time: "07:30", brandId: brandA });
    await db().update(analyticsReportSchedules).set({ createdAt: new Date(NOW.getTime() - 30 * 86_400_000) }).where(eq(analyticsReportSchedules.id, id));
    await runDueReports({ now: NOW });
    const [r] = await db().select().from(analyticsReports).where(eq(analyticsReports.scheduleId, id));
    expect(r!.emailStatus).toBe("not_configured");
    expect((r!.summary as { brandName: string }).brandName).toBe("あおばテスト");
    if (prev.url) process.env.SMTP_URL = prev.url;
  });

  it("'generate now' makes last week's report once", async () => {
    const a = await generateReportNow(V.data_analyst, {}, NOW);
    const b = await generateReportNow(V.data_analyst, { brandId: "" }, NOW);
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    await expectAppError(generateReportNow(V.data_analyst, { brandId: "nope" }), "VALIDATION");
  });
});

describe("privacy: aggregates and public post data only", () => {
  it("no DTO, CSV or report holds a DM's text, a person's handle or name", async () => {
    const outputs: unknown[] = [
      await listPostPerformance(V.data_analyst, F),
      await getPostPerformance(V.data_analyst, postIds[0]!),
      await getResponsePerformance(V.data_analyst, F),
      await getPaidPerformance(V.data_analyst, F),
      await overview(V.data_analyst, { from: F.from, to: F.to }),
      await listReports(V.data_analyst),
    ];
    for (const table of ["overview-brands", "overview-channels", "overview-daily", "trends", "posts", "response-channels", "response-agents", "response-sentiment", "paid-campaigns"]) {
      outputs.push((await csvOf(V.data_analyst, F, { table })).text);
    }
    const reports = await db().select({ html: analyticsReports.html, csv: analyticsReports.csv, summary: analyticsReports.summary }).from(analyticsReports);
    expect(reports.length).toBeGreaterThan(0);
    outputs.push(...reports);
    const text = JSON.stringify(outputs);
    expect(text).toContain("春の新作");
    for (const secret of [DM_TEXT, "住所", HANDLE, AUTHOR, "返信本文"]) expect(text).not.toContain(secret);
    // The items are there (the aggregates counted them), just never shown.
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(inboxItems).where(eq(inboxItems.authorHandle, HANDLE)))[0]!.n).toBe(6);
  });
});

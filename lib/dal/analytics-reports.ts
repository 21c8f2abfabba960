import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { createTranslator } from "use-intl/core";
import { db } from "@/db";
import { analyticsReports, analyticsReportSchedules, brands, userRoles, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ROLES, roleHas } from "@/lib/auth/permissions";
import { addDays, tokyoDate, weekStart, type AnalyticsFilter } from "@/lib/domain/analytics-filters";
import { dueReportPeriod, formatTimeOfDay, nextOccurrence, parseTimeOfDay } from "@/lib/domain/analytics-reports";
import { smtpSettings, portalBaseUrl } from "@/lib/notifications/settings";
import { smtpSender } from "@/lib/notifications/transport";
import ja from "@/messages/ja/analytics.json";
import en from "@/messages/en/analytics.json";
import { CSV_BOM, csvRow } from "./admin-csv";
import { overview } from "./analytics";
import { listPostPerformance } from "./analytics-posts";
import { getResponsePerformance } from "./analytics-response";
import { getPaidPerformance } from "./analytics-paid";
import { recordAudit } from "./audit";
import { actorOf, authorize, loadViewer, type Viewer } from "./viewer";

/*
 * The weekly report. An analyst schedules it (ISO weekday + HH:MM Asia/Tokyo, optionally one
 * brand, recipients among the portal's analytics readers); the pg-boss job
 * (lib/jobs/analytics-reports.ts) generates each due week's report once — the unique key
 * (schedule, brand, week's Monday) makes it idempotent however often the job runs — stores it
 * as HTML and CSV, and e-mails it when SMTP is configured. The report is built with the
 * schedule owner's own permissions (a viewer loaded from the database), from the same reads as
 * the workspace: aggregates and public post data only.
 *
 * Permissions: analytics.read lists and views; analytics.export schedules, generates and
 * downloads (a report leaves the portal as a file or an e-mail, like an export).
 */

export const REPORT_PAGE_SIZE = 20;
const MAX_RECIPIENTS = 20;

export const scheduleInputSchema = z.strictObject({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  weekday: z.coerce.number().int().min(1).max(7),
  time: z.string().refine((s) => parseTimeOfDay(s) !== null, "time"),
  brandId: z.union([z.uuid(), z.literal("")]).optional(),
  recipientIds: z
    .union([z.string().max(200), z.array(z.string().max(200)).max(MAX_RECIPIENTS)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
export type ScheduleInput = z.input<typeof scheduleInputSchema>;

export type ReportScheduleDto = {
  id: string;
  name: string;
  weekday: number;
  time: string;
  brandId: string | null;
  brandName: string | null;
  recipients: { id: string; name: string }[];
  enabled: boolean;
  createdByName: string | null;
  nextRunAt: Date | null;
  createdAt: Date;
};

export type ReportListItemDto = {
  id: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  brandName: string | null;
  scheduleName: string | null;
  createdAt: Date;
  emailStatus: (typeof analyticsReports.$inferSelect)["emailStatus"];
};

export type ReportDto = ReportListItemDto & { html: string; summary: ReportSummary; emailedAt: Date | null };

export type ReportSummary = {
  period: { from: string; to: string; previousFrom: string; previousTo: string };
  brandName: string | null;
  totals: { metric: string; current: number | null; previous: number | null }[];
  channels: { brand: string; platform: string; channel: string; impressions: number; engagements: number; engagementRate: number | null; followerGrowth: number | null }[];
  topPosts: { title: string; platform: string; channel: string; impressions: number; engagements: number; engagementRate: number | null; url: string | null }[];
  response: { items: number; answered: number; medianMinutes: number | null; p90Minutes: number | null; slaAttainment: number | null };
  paid: { campaigns: number; spendJpy: number; conversions: number; cpaJpy: number | null; roas: number | null };
};

/** Active users who may read analytics (recipients are limited to them). */
async function analyticsReaderIds(ids?: string[]): Promise<Map<string, { name: string; email: string | null; locale: string }>> {
  const roles = ROLES.filter((r) => roleHas(r, "analytics.read"));
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, roles), isNull(users.deactivatedAt), ids ? inArray(users.id, ids.length ? ids : ["-"]) : undefined));
  return new Map(rows.map((r) => [r.id, { name: r.name ?? r.email ?? "—", email: r.email, locale: r.locale }]));
}

/** analytics.read — who a schedule may send to (active analytics readers), for the form. */
export async function listReportRecipients(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  authorize(viewer, "analytics.read");
  const m = await analyticsReaderIds();
  return [...m.entries()].map(([id, u]) => ({ id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, "ja"));
}

/** analytics.read — every schedule (the team's), with its next run. */
export async function listReportSchedules(viewer: Viewer, now: Date = new Date()): Promise<ReportScheduleDto[]> {
  authorize(viewer, "analytics.read");
  const rows = await db
    .select({
      id: analyticsReportSchedules.id,
      name: analyticsReportSchedules.name,
      weekday: analyticsReportSchedules.weekday,
      hour: analyticsReportSchedules.hour,
      minute: analyticsReportSchedules.minute,
      brandId: analyticsReportSchedules.brandId,
      brandName: brands.name,
      recipientIds: analyticsReportSchedules.recipientIds,
      enabled: analyticsReportSchedules.enabled,
      createdByName: users.name,
      createdAt: analyticsReportSchedules.createdAt,
    })
    .from(analyticsReportSchedules)
    .leftJoin(brands, eq(brands.id, analyticsReportSchedules.brandId))
    .leftJoin(users, eq(users.id, analyticsReportSchedules.createdById))
    .orderBy(desc(analyticsReportSchedules.createdAt));
  const names = await analyticsReaderIds([...new Set(rows.flatMap((r) => r.recipientIds))]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    weekday: r.weekday,
    time: formatTimeOfDay(r.hour, r.minute),
    brandId: r.brandId,
    brandName: r.brandName,
    recipients: r.recipientIds.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)!.name })),
    enabled: r.enabled,
    createdByName: r.createdByName,
    nextRunAt: r.enabled ? nextOccurrence({ weekday: r.weekday, hour: r.hour, minute: r.minute }, now) : null,
    createdAt: r.createdAt,
  }));
}

async function checkBrandAndRecipients(brandId: string | null, recipientIds: string[]) {
  if (brandId) {
    const [b] = await db.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId));
    if (!b) throw new AppError("VALIDATION", undefined, { brandId: ["unknown"] });
  }
  const unique = [...new Set(recipientIds.filter(Boolean))];
  if (unique.length) {
    const ok = await analyticsReaderIds(unique);
    if (ok.size !== unique.length) throw new AppError("VALIDATION", undefined, { recipientIds: ["notAllowed"] });
  }
  return unique;
}

function parseSchedule(input: unknown) {
  const r = scheduleInputSchema.safeParse(input);
  if (!r.success) {
    const fe: Record<string, string[]> = {};
    for (const i of r.error.issues) (fe[String(i.path[0] ?? "_")] ??= []).push(i.message);
    throw new AppError("VALIDATION", undefined, fe);
  }
  return r.data;
}

/** analytics.export — a new weekly schedule (audited). */
export async function createReportSchedule(viewer: Viewer, input: unknown): Promise<{ id: string }> {
  authorize(viewer, "analytics.export");
  const q = parseSchedule(input);
  const { hour, minute } = parseTimeOfDay(q.time)!;
  const brandId = q.brandId || null;
  const recipientIds = await checkBrandAndRecipients(brandId, q.recipientIds);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(analyticsReportSchedules)
      .values({ name: q.name, weekday: q.weekday, hour, minute, brandId, recipientIds, createdById: viewer.id })
      .returning({ id: analyticsReportSchedules.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "analytics.report_schedule_created",
      subjectType: "analytics_report_schedule",
      subjectId: row!.id,
      data: { name: q.name, weekday: q.weekday, time: q.time, brandId, recipients: recipientIds.length },
      requestId: viewer.requestId,
    });
    return { id: row!.id };
  });
}

/** analytics.export — turn a schedule on or off (audited). NOT_FOUND for an unknown id. */
export async function setReportScheduleEnabled(viewer: Viewer, id: string, enabled: boolean): Promise<void> {
  authorize(viewer, "analytics.export");
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(analyticsReportSchedules)
      .set({ enabled, updatedAt: new Date() })
      .where(eq(analyticsReportSchedules.id, id))
      .returning({ id: analyticsReportSchedules.id });
    if (!row) throw new AppError("NOT_FOUND");
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: enabled ? "analytics.report_schedule_enabled" : "analytics.report_schedule_disabled",
      subjectType: "analytics_report_schedule",
      subjectId: id,
      requestId: viewer.requestId,
    });
  });
}

const listColumns = {
  id: analyticsReports.id,
  title: analyticsReports.title,
  periodFrom: analyticsReports.periodFrom,
  periodTo: analyticsReports.periodTo,
  brandName: brands.name,
  scheduleName: analyticsReportSchedules.name,
  createdAt: analyticsReports.createdAt,
  emailStatus: analyticsReports.emailStatus,
};

/** analytics.read — stored reports, newest first. */
export async function listReports(viewer: Viewer, page = 1): Promise<{ items: ReportListItemDto[]; total: number; page: number; pages: number }> {
  authorize(viewer, "analytics.read");
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(analyticsReports)) as [{ total: number }];
  const pages = Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE));
  const p = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const items = await db
    .select(listColumns)
    .from(analyticsReports)
    .leftJoin(brands, eq(brands.id, analyticsReports.brandId))
    .leftJoin(analyticsReportSchedules, eq(analyticsReportSchedules.id, analyticsReports.scheduleId))
    .orderBy(desc(analyticsReports.periodFrom), desc(analyticsReports.createdAt))
    .limit(REPORT_PAGE_SIZE)
    .offset((p - 1) * REPORT_PAGE_SIZE);
  return { items, total, page: p, pages };
}

/** analytics.read — one stored report. NOT_FOUND for an unknown id. */
export async function getReport(viewer: Viewer, id: string): Promise<ReportDto> {
  authorize(viewer, "analytics.read");
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND");
  const [row] = await db
    .select({ ...listColumns, html: analyticsReports.html, summary: analyticsReports.summary, emailedAt: analyticsReports.emailedAt })
    .from(analyticsReports)
    .leftJoin(brands, eq(brands.id, analyticsReports.brandId))
    .leftJoin(analyticsReportSchedules, eq(analyticsReportSchedules.id, analyticsReports.scheduleId))
    .where(eq(analyticsReports.id, id));
  if (!row) throw new AppError("NOT_FOUND");
  return { ...row, summary: row.summary as ReportSummary };
}

/** analytics.export — a stored report as a file (HTML or CSV), audited as a download. */
export async function downloadReport(viewer: Viewer, id: string, format: "html" | "csv"): Promise<{ filename: string; contentType: string; body: string }> {
  authorize(viewer, "analytics.export");
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND");
  const [row] = await db
    .select({ html: analyticsReports.html, csv: analyticsReports.csv, periodFrom: analyticsReports.periodFrom })
    .from(analyticsReports)
    .where(eq(analyticsReports.id, id));
  if (!row) throw new AppError("NOT_FOUND");
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: actorOf(viewer),
      action: "analytics.report_downloaded",
      subjectType: "analytics_report",
      subjectId: id,
      data: { format },
      requestId: viewer.requestId,
    }),
  );
  return format === "html"
    ? { filename: `analytics-weekly-${row.periodFrom}.html`, contentType: "text/html; charset=utf-8", body: row.html }
    : { filename: `analytics-weekly-${row.periodFrom}.csv`, contentType: "text/csv; charset=utf-8", body: row.csv };
}

// ── building a report ──

const MESSAGES = { ja, en } as const;

/** The numbers of one week (the owner's permissions apply: every read authorizes the viewer). */
export async function buildReportSummary(viewer: Viewer, from: string, to: string, brandId: string | null): Promise<ReportSummary> {
  const days = 7;
  const filter: AnalyticsFilter = { preset: "custom", from, to, days, prevFrom: addDays(from, -days), prevTo: addDays(from, -1), brandId, channelId: null };
  const [o, top, response, paid, brand] = await Promise.all([
    overview(viewer, { from, to, brandId }),
    listPostPerformance(viewer, filter, { sort: "engagements", dir: "desc", page: 1 }, 5),
    getResponsePerformance(viewer, filter),
    getPaidPerformance(viewer, filter),
    brandId ? db.select({ name: brands.name }).from(brands).where(eq(brands.id, brandId)) : Promise.resolve([]),
  ]);
  const c = o.totals.current;
  const p = o.totals.previous;
  return {
    period: { from, to, previousFrom: filter.prevFrom, previousTo: filter.prevTo },
    brandName: brand[0]?.name ?? null,
    totals: [
      { metric: "impressions", current: c.impressions, previous: p.impressions },
      { metric: "reach", current: c.reach, previous: p.reach },
      { metric: "engagements", current: c.engagements, previous: p.engagements },
      { metric: "engagementRate", current: c.engagementRate, previous: p.engagementRate },
      { metric: "followerGrowth", current: c.followerGrowth, previous: p.followerGrowth },
      { metric: "mentions", current: c.mentions, previous: p.mentions },
      { metric: "positive", current: c.sentiment.positive, previous: p.sentiment.positive },
      { metric: "neutral", current: c.sentiment.neutral, previous: p.sentiment.neutral },
      { metric: "negative", current: c.sentiment.negative, previous: p.sentiment.negative },
    ],
    channels: o.byChannel.map((ch) => ({
      brand: ch.brandName,
      platform: ch.platform,
      channel: ch.channelName,
      impressions: ch.current.impressions,
      engagements: ch.current.engagements,
      engagementRate: ch.current.engagementRate,
      followerGrowth: ch.current.followerGrowth,
    })),
    topPosts: top.rows.map((r) => ({ title: r.title, platform: r.platform, channel: r.channelName, impressions: r.impressions, engagements: r.engagements, engagementRate: r.engagementRate, url: r.externalUrl })),
    response: {
      items: response.current.items,
      answered: response.current.answered,
      medianMinutes: response.current.medianMinutes,
      p90Minutes: response.current.p90Minutes,
      slaAttainment: response.current.slaAttainment,
    },
    paid: { campaigns: paid.campaigns.length, spendJpy: paid.current.spendJpy, conversions: paid.current.conversions, cpaJpy: paid.current.cpaJpy, roas: paid.current.roas },
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** A self-contained HTML document (inline styles, every value escaped) and a CSV of the same numbers. */
export function renderReport(s: ReportSummary, locale: "ja" | "en", link: string | null): { title: string; html: string; csv: string; text: string } {
  type T = (key: string, values?: Record<string, string | number>) => string;
  const messages = { analytics: MESSAGES[locale] } as never;
  const t = createTranslator({ locale, messages, namespace: "analytics.report" as never }) as unknown as T;
  const nf = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US");
  const num = (v: number | null) => (v === null ? "—" : nf.format(v));
  const pct = (v: number | null) => (v === null ? "—" : `${nf.format(v)}%`);
  const fmt = (metric: string, v: number | null) => (metric === "engagementRate" ? pct(v) : num(v));
  const platforms: Record<string, string> = MESSAGES[locale].platforms;
  const platform = (p: string) => platforms[p] ?? p;
  const scope = s.brandName ?? t("allBrands");
  const title = t("title", { from: s.period.from, to: s.period.to, scope });
  const cell = "padding:4px 8px;border-bottom:1px solid #e2e8f0;text-align:right";
  const cellL = "padding:4px 8px;border-bottom:1px solid #e2e8f0;text-align:left";
  const table = (caption: string, head: string[], rows: string[][]) =>
    rows.length === 0
      ? `<h2 style="font-size:16px;margin:20px 0 6px">${esc(caption)}</h2><p style="color:#64748b">${esc(t("none"))}</p>`
      : `<h2 style="font-size:16px;margin:20px 0 6px">${esc(caption)}</h2><table style="border-collapse:collapse;font-size:13px"><thead><tr>${head
          .map((h, i) => `<th scope="col" style="${i ? cell : cellL};color:#475569">${esc(h)}</th>`)
          .join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((v, i) => (i ? `<td style="${cell}">${esc(v)}</td>` : `<th scope="row" style="${cellL};font-weight:500">${esc(v)}</th>`)).join("")}</tr>`).join("")}</tbody></table>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(title)}</title></head>`,
    `<body style="font-family:system-ui,'Hiragino Sans','Noto Sans JP',sans-serif;color:#0f172a;max-width:760px;margin:24px auto;padding:0 16px">`,
    `<h1 style="font-size:20px">${esc(title)}</h1>`,
    `<p style="color:#475569;font-size:13px">${esc(t("lead", { prevFrom: s.period.previousFrom, prevTo: s.period.previousTo }))}</p>`,
    table(
      t("totals"),
      [t("metric"), t("thisWeek"), t("lastWeek")],
      s.totals.map((r) => [t(`metrics.${r.metric}`), fmt(r.metric, r.current), fmt(r.metric, r.previous)]),
    ),
    table(
      t("channels"),
      [t("channel"), t("metrics.impressions"), t("metrics.engagements"), t("metrics.engagementRate"), t("metrics.followerGrowth")],
      s.channels.map((c) => [`${platform(c.platform)} · ${c.channel}`, num(c.impressions), num(c.engagements), pct(c.engagementRate), num(c.followerGrowth)]),
    ),
    table(
      t("topPosts"),
      [t("post"), t("metrics.impressions"), t("metrics.engagements"), t("metrics.engagementRate")],
      s.topPosts.map((p) => [`${p.title} (${platform(p.platform)})`, num(p.impressions), num(p.engagements), pct(p.engagementRate)]),
    ),
    table(t("response"), [t("metric"), t("thisWeek")], [
      [t("responseItems"), num(s.response.items)],
      [t("responseMedian"), s.response.medianMinutes === null ? "—" : t("minutes", { value: nf.format(s.response.medianMinutes) })],
      [t("responseP90"), s.response.p90Minutes === null ? "—" : t("minutes", { value: nf.format(s.response.p90Minutes) })],
      [t("slaAttainment"), pct(s.response.slaAttainment)],
    ]),
    s.paid.campaigns
      ? table(t("paid"), [t("metric"), t("thisWeek")], [
          [t("paidSpend"), `¥${nf.format(s.paid.spendJpy)}`],
          [t("paidConversions"), num(s.paid.conversions)],
          [t("paidCpa"), s.paid.cpaJpy === null ? "—" : `¥${nf.format(s.paid.cpaJpy)}`],
          [t("paidRoas"), pct(s.paid.roas)],
        ])
      : `<h2 style="font-size:16px;margin:20px 0 6px">${esc(t("paid"))}</h2><p style="color:#64748b">${esc(t("noPaid"))}</p>`,
    link ? `<p style="margin-top:24px"><a href="${esc(link)}">${esc(t("open"))}</a></p>` : "",
    `<p style="color:#94a3b8;font-size:12px;margin-top:24px">${esc(t("privacy"))}</p>`,
    `</body></html>`,
  ].join("");
  const csv =
    CSV_BOM +
    csvRow(["section", "name", "metric", "current", "previous"]) +
    s.totals.map((r) => csvRow(["totals", scope, r.metric, r.current, r.previous])).join("") +
    s.channels
      .flatMap((c) => [
        csvRow(["channel", `${c.platform} ${c.channel}`, "impressions", c.impressions, null]),
        csvRow(["channel", `${c.platform} ${c.channel}`, "engagements", c.engagements, null]),
        csvRow(["channel", `${c.platform} ${c.channel}`, "engagement_rate_pct", c.engagementRate, null]),
        csvRow(["channel", `${c.platform} ${c.channel}`, "follower_growth", c.followerGrowth, null]),
      ])
      .join("") +
    s.topPosts.map((p) => csvRow(["top_post", p.title, "engagements", p.engagements, null])).join("") +
    csvRow(["response", scope, "items", s.response.items, null]) +
    csvRow(["response", scope, "first_response_median_min", s.response.medianMinutes, null]) +
    csvRow(["response", scope, "first_response_p90_min", s.response.p90Minutes, null]) +
    csvRow(["response", scope, "sla_attainment_pct", s.response.slaAttainment, null]) +
    csvRow(["paid", scope, "spend_jpy", s.paid.spendJpy, null]) +
    csvRow(["paid", scope, "conversions", s.paid.conversions, null]);
  const text = [title, "", ...s.totals.map((r) => `${t(`metrics.${r.metric}`)}: ${fmt(r.metric, r.current)} (${fmt(r.metric, r.previous)})`), "", link ?? ""].join("\n");
  return { title, html, csv, text };
}

/** Inserts the report of one week once; returns its id and whether this call made it. */
async function storeReport(
  viewer: Viewer,
  o: { scheduleId: string | null; brandId: string | null; from: string; to: string; locale: "ja" | "en"; actor: { id: string | null; label: string } },
): Promise<{ id: string; created: boolean }> {
  const existing = async () =>
    db
      .select({ id: analyticsReports.id })
      .from(analyticsReports)
      .where(
        and(
          o.scheduleId ? eq(analyticsReports.scheduleId, o.scheduleId) : isNull(analyticsReports.scheduleId),
          o.brandId ? eq(analyticsReports.brandId, o.brandId) : isNull(analyticsReports.brandId),
          eq(analyticsReports.periodFrom, o.from),
        ),
      );
  const [found] = await existing();
  if (found) return { id: found.id, created: false };
  const summary = await buildReportSummary(viewer, o.from, o.to, o.brandId);
  const id = crypto.randomUUID();
  const rendered = renderReport(summary, o.locale, `${portalBaseUrl()}/analytics/reports/${id}`);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(analyticsReports)
      .values({
        id,
        scheduleId: o.scheduleId,
        brandId: o.brandId,
        periodFrom: o.from,
        periodTo: o.to,
        title: rendered.title,
        summary,
        html: rendered.html,
        csv: rendered.csv,
        createdById: o.actor.id,
        // Only scheduled reports are mailed; one made by hand is read in the portal.
        emailStatus: o.scheduleId ? "pending" : "none",
      })
      .onConflictDoNothing()
      .returning({ id: analyticsReports.id });
    if (!row) {
      const [again] = await existing();
      return { id: again!.id, created: false };
    }
    await recordAudit(tx, {
      actor: o.actor,
      action: "analytics.report_generated",
      subjectType: "analytics_report",
      subjectId: row.id,
      data: { scheduleId: o.scheduleId, brandId: o.brandId, from: o.from, to: o.to },
      requestId: viewer.requestId,
    });
    return { id: row.id, created: true };
  });
}

/** analytics.export — the last complete Monday–Sunday week's report, made now (or the one already made). */
export async function generateReportNow(viewer: Viewer, input: unknown, now: Date = new Date()): Promise<{ id: string; created: boolean }> {
  authorize(viewer, "analytics.export");
  const q = z.strictObject({ brandId: z.union([z.uuid(), z.literal("")]).optional() }).safeParse(input ?? {});
  if (!q.success) throw new AppError("VALIDATION", undefined, { brandId: ["invalid"] });
  const brandId = q.data.brandId || null;
  await checkBrandAndRecipients(brandId, []);
  const monday = weekStart(tokyoDate(now));
  return storeReport(viewer, { scheduleId: null, brandId, from: addDays(monday, -7), to: addDays(monday, -1), locale: viewer.locale, actor: actorOf(viewer) });
}

export type ReportRunResult = { due: number; generated: number; emailed: number; emailFailed: number; skipped: number };

/**
 * The job (no viewer: the system). For each enabled schedule whose weekly slot has passed, the
 * week's report is made once (as the schedule's owner; skipped if the owner can no longer read
 * analytics), then e-mailed to the owner and recipients when SMTP is configured.
 */
export async function runDueReports(opts: { now?: Date; send?: (to: string, msg: { subject: string; text: string; html: string }, messageId: string) => Promise<void> } = {}): Promise<ReportRunResult> {
  const now = opts.now ?? new Date();
  const out: ReportRunResult = { due: 0, generated: 0, emailed: 0, emailFailed: 0, skipped: 0 };
  const schedules = await db.select().from(analyticsReportSchedules).where(eq(analyticsReportSchedules.enabled, true));
  for (const s of schedules) {
    const period = dueReportPeriod({ weekday: s.weekday, hour: s.hour, minute: s.minute }, s.createdAt, now);
    if (!period) continue;
    out.due++;
    const owner = await loadViewer(s.createdById);
    if (!owner || !owner.permissions.has("analytics.read")) {
      out.skipped++;
      continue;
    }
    const r = await storeReport(owner, { scheduleId: s.id, brandId: s.brandId, from: period.from, to: period.to, locale: owner.locale, actor: { id: null, label: "system" } });
    if (r.created) out.generated++;
  }
  const sent = await sendPendingReports(now, opts.send);
  out.emailed = sent.sent;
  out.emailFailed = sent.failed;
  return out;
}

/** E-mails reports not sent yet (each once: claimed by a conditional update). */
async function sendPendingReports(now: Date, send?: (to: string, msg: { subject: string; text: string; html: string }, messageId: string) => Promise<void>) {
  const result = { sent: 0, failed: 0 };
  const pending = await db
    .select({ id: analyticsReports.id, scheduleId: analyticsReports.scheduleId, title: analyticsReports.title, html: analyticsReports.html, summary: analyticsReports.summary })
    .from(analyticsReports)
    .where(eq(analyticsReports.emailStatus, "pending"))
    .limit(50);
  const settings = smtpSettings();
  const sender = send ?? (settings ? smtpSender(settings) : null);
  for (const r of pending) {
    const [schedule] = r.scheduleId ? await db.select().from(analyticsReportSchedules).where(eq(analyticsReportSchedules.id, r.scheduleId)) : [];
    const ids = schedule ? [schedule.createdById, ...schedule.recipientIds] : [];
    const readers = await analyticsReaderIds([...new Set(ids)]);
    const to = [...readers.values()].map((u) => u.email).filter((e): e is string => !!e);
    const status = to.length === 0 ? "none" : sender ? "sent" : "not_configured";
    // Claim: only the worker that moves it off "pending" sends it.
    const [claimed] = await db
      .update(analyticsReports)
      .set({ emailStatus: status, emailedAt: status === "sent" ? now : null })
      .where(and(eq(analyticsReports.id, r.id), eq(analyticsReports.emailStatus, "pending")))
      .returning({ id: analyticsReports.id });
    if (!claimed || status !== "sent") continue;
    try {
      const summary = r.summary as ReportSummary;
      const text = `${r.title}\n\n${summary.period.from} – ${summary.period.to}\n${portalBaseUrl()}/analytics/reports/${r.id}`;
      for (const addr of to) await sender!(addr, { subject: r.title, text, html: r.html }, `<analytics-report-${r.id}-${addr}@sns-portal>`);
      result.sent++;
    } catch (e) {
      result.failed++;
      await db
        .update(analyticsReports)
        .set({ emailStatus: "failed", emailError: e instanceof Error ? e.message.slice(0, 200) : "error" })
        .where(eq(analyticsReports.id, r.id));
    }
  }
  return result;
}

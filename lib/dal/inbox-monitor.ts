import "server-only";
import { and, asc, desc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { channels, escalations, inboxItems, inboxPolicy, spikeAlerts } from "@/db/schema";
import { policyFromRows, type InboxPolicy } from "@/lib/domain/inbox-policy";
import { slaWarnMinutes } from "@/lib/domain/sla";
import { detectSpike, windowStart } from "@/lib/domain/spike";
import { AppError } from "@/lib/errors";
import { recordAudit, recordAudits, type AuditInput } from "./audit";
import { startCrisis } from "./crisis-mode";
import { excerpt } from "./inbox-ingest";
import { notify } from "./notify";
import { parseInput } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * The inbox's clocks, run by the worker as the system (runInboxSlaClock, runSpikeDetection), and the
 * spike alert as people see it (getSpikeAlert, startCrisisFromSpike).
 *
 * SLA clock (every minute): items still owing a first answer (open / assigned / escalated, not
 * hidden or deleted) are
 * - warned once (sla_warned_at) when they come within slaWarnMinutes of their due time — the
 *   assignee, or whoever may assign when nobody has it;
 * - marked breached once (sla_breached_at) past the due time: an escalation to the manager (by no
 *   one), the manager (inbox.policy_manage) and the assignee are notified.
 * Each step is one UPDATE … WHERE <stamp> IS NULL … RETURNING, so two workers never do it twice.
 * Notifications never carry a DM's words.
 *
 * Spikes (every minute): per channel, negative or medium+ risk (≥ 40) items in aligned windows,
 * against the channel's own median (lib/domain/spike.ts). A spike inserts spike_alerts ON CONFLICT
 * (channel, window) DO NOTHING: one alert per channel and window; only the inserting run notifies
 * (crisis.manage holders: the manager and PR) with a link to the alert page, which links the
 * pre-filtered inbox and starts crisis mode for the channel in one click.
 */

const SYSTEM = { id: null, label: "system (inbox clock)" };
const AWAITING = ["open", "assigned", "escalated"] as const;
const BATCH = 500;
/** Counted towards a spike: negative sentiment, or risk at least medium. */
export const SPIKE_RISK_MIN = 40;

async function loadPolicy(tx: Tx): Promise<InboxPolicy> {
  return policyFromRows(await tx.select({ key: inboxPolicy.key, value: inboxPolicy.value }).from(inboxPolicy));
}

type ClockRow = { id: string; assignee_id: string | null; channel_id: string; kind: string; text: string; sla_due_at: Date; channel: string };

export async function runInboxSlaClock(now: Date = new Date()): Promise<{ warned: number; breached: number }> {
  return db.transaction(async (tx) => {
    const policy = await loadPolicy(tx);
    const warnCase = sql.raw(
      `case i.priority ${(["urgent", "high", "normal", "low"] as const).map((p) => `when '${p}' then ${slaWarnMinutes(policy.sla[p])}`).join(" ")} else 15 end`,
    );
    const awaiting = sql.raw(AWAITING.map((s) => `'${s}'`).join(","));
    const iso = now.toISOString();

    const warned = await tx.execute<ClockRow>(sql`
      with due as (
        select i.id from inbox_items i
        where i.first_response_at is null and i.status in (${awaiting}) and i.deleted_at is null
          and i.sla_warned_at is null and i.sla_breached_at is null
          and i.sla_due_at > ${iso}::timestamptz
          and i.sla_due_at <= ${iso}::timestamptz + (${warnCase}) * interval '1 minute'
        order by i.sla_due_at limit ${BATCH} for update skip locked)
      update inbox_items i set sla_warned_at = ${iso}::timestamptz from due, channels c
      where i.id = due.id and c.id = i.channel_id
      returning i.id, i.assignee_id, i.channel_id, i.kind, i.text, i.sla_due_at, c.display_name as channel`);

    const breached = await tx.execute<ClockRow>(sql`
      with due as (
        select i.id from inbox_items i
        where i.first_response_at is null and i.status in (${awaiting}) and i.deleted_at is null
          and i.sla_breached_at is null and i.sla_due_at <= ${iso}::timestamptz
        order by i.sla_due_at limit ${BATCH} for update skip locked)
      update inbox_items i set sla_breached_at = ${iso}::timestamptz, sla_warned_at = coalesce(i.sla_warned_at, ${iso}::timestamptz),
        escalated_at = coalesce(i.escalated_at, ${iso}::timestamptz), updated_at = ${iso}::timestamptz
      from due, channels c
      where i.id = due.id and c.id = i.channel_id
      returning i.id, i.assignee_id, i.channel_id, i.kind, i.text, i.sla_due_at, c.display_name as channel`);

    const audits: AuditInput[] = [];
    const params = (r: ClockRow, assignee: string | null) => ({
      channel: r.channel,
      kind: r.kind,
      excerpt: r.kind === "dm" ? null : excerpt(r.text),
      dueAt: new Date(r.sla_due_at).toISOString(),
      assignee,
    });
    for (const r of warned) {
      await notify(tx, {
        ...(r.assignee_id ? { userIds: [r.assignee_id] } : { permission: "inbox.assign" as const }),
        kind: "inbox.sla_warning",
        params: params(r, null),
        link: `/community/items/${r.id}`,
        dedupeKey: `inbox.sla_warning:${r.id}`,
      });
      audits.push({ actor: SYSTEM, action: "inbox.sla_warned", subjectType: "inbox_item", subjectId: r.id, data: { dueAt: new Date(r.sla_due_at).toISOString(), assigneeId: r.assignee_id } });
    }
    if (breached.length) {
      await tx.insert(escalations).values(breached.map((r) => ({ inboxItemId: r.id, toRole: "social_media_manager" as const, reason: "sla_breached", createdById: null, createdAt: now })));
    }
    for (const r of breached) {
      await notify(tx, {
        userIds: r.assignee_id ? [r.assignee_id] : [],
        permission: "inbox.policy_manage",
        kind: "inbox.sla_breached",
        params: params(r, r.assignee_id ? "assigned" : null),
        link: `/community/items/${r.id}`,
        dedupeKey: `inbox.sla_breached:${r.id}`,
      });
      audits.push({ actor: SYSTEM, action: "inbox.sla_breached", subjectType: "inbox_item", subjectId: r.id, data: { dueAt: new Date(r.sla_due_at).toISOString(), assigneeId: r.assignee_id, escalatedTo: "social_media_manager" } });
    }
    await recordAudits(tx, audits);
    return { warned: warned.length, breached: breached.length };
  });
}

export async function runSpikeDetection(now: Date = new Date()): Promise<{ channels: number; alerts: number }> {
  return db.transaction(async (tx) => {
    const policy = await loadPolicy(tx);
    const s = policy.spike;
    const wMs = s.windowMinutes * 60_000;
    const current = windowStart(now, s.windowMinutes);
    const from = new Date(current.getTime() - s.baselineWindows * wMs);
    const rows = await tx.execute<{ channel_id: string; bucket: number; n: number }>(sql`
      select c.id as channel_id, b.bucket::int as bucket, b.n::int as n
      from channels c cross join lateral (
        select floor((extract(epoch from i.received_at) * 1000 - ${from.getTime()}) / ${wMs})::int as bucket, count(*) as n
        from inbox_items i
        where i.channel_id = c.id and i.received_at >= ${from.toISOString()}::timestamptz and i.received_at < ${new Date(current.getTime() + wMs).toISOString()}::timestamptz
          and (i.sentiment = 'negative' or i.risk_score >= ${SPIKE_RISK_MIN})
        group by 1) b
      where c.status = 'active'`);
    const per = new Map<string, number[]>();
    for (const r of rows) {
      const arr = per.get(r.channel_id) ?? new Array<number>(s.baselineWindows + 1).fill(0);
      if (r.bucket >= 0 && r.bucket <= s.baselineWindows) arr[r.bucket] = r.n;
      per.set(r.channel_id, arr);
    }
    let alerts = 0;
    for (const [channelId, counts] of per) {
      const v = detectSpike(counts[s.baselineWindows]!, counts.slice(0, s.baselineWindows), s);
      if (!v.spike) continue;
      const [alert] = await tx
        .insert(spikeAlerts)
        .values({ channelId, windowStart: current, windowEnd: new Date(current.getTime() + wMs), count: v.count, baseline: Math.round(v.baseline), notifiedAt: now })
        .onConflictDoNothing({ target: [spikeAlerts.channelId, spikeAlerts.windowStart] })
        .returning({ id: spikeAlerts.id });
      if (!alert) continue;
      alerts++;
      const [ch] = await tx.select({ name: channels.displayName }).from(channels).where(eq(channels.id, channelId));
      await notify(tx, {
        permission: "crisis.manage",
        kind: "inbox.spike",
        params: { channel: ch?.name ?? "", count: v.count, baseline: Math.round(v.baseline), windowStartAt: current.toISOString() },
        link: `/community/spikes/${alert.id}`,
        dedupeKey: `inbox.spike:${alert.id}`,
      });
      await recordAudit(tx, {
        actor: SYSTEM,
        action: "inbox.spike_detected",
        subjectType: "spike_alert",
        subjectId: alert.id,
        data: { channelId, windowStart: current.toISOString(), count: v.count, baseline: v.baseline, threshold: v.threshold },
      });
    }
    return { channels: per.size, alerts };
  });
}

// ── people ──────────────────────────────────────────────────────────────────

export type SpikeAlertDto = {
  id: string;
  channelId: string;
  channelName: string;
  brandId: string;
  windowStart: Date;
  windowEnd: Date;
  count: number;
  baseline: number;
  createdAt: Date;
  crisisId: string | null;
  /** The pre-filtered inbox: this channel, negative items, newest first. */
  inboxHref: string;
  /** The heaviest items of the window (a DM's words only for those who may read DMs). */
  samples: { id: string; kind: string; text: string | null; riskScore: number; receivedAt: Date }[];
};

const idSchema = z.uuid();

export function spikeInboxHref(channelId: string): string {
  return `/community?channel=${channelId}&sentiment=negative&status=all&sort=newest`;
}

/** inbox.read — one spike alert with its window's heaviest items. */
export async function getSpikeAlert(viewer: Viewer, id: string): Promise<SpikeAlertDto> {
  authorize(viewer, "inbox.read");
  const alertId = parseInput(idSchema, id);
  const [a] = await db
    .select({
      id: spikeAlerts.id,
      channelId: spikeAlerts.channelId,
      channelName: channels.displayName,
      brandId: channels.brandId,
      windowStart: spikeAlerts.windowStart,
      windowEnd: spikeAlerts.windowEnd,
      count: spikeAlerts.count,
      baseline: spikeAlerts.baseline,
      createdAt: spikeAlerts.createdAt,
      crisisId: spikeAlerts.crisisId,
    })
    .from(spikeAlerts)
    .innerJoin(channels, eq(channels.id, spikeAlerts.channelId))
    .where(eq(spikeAlerts.id, alertId));
  if (!a) throw new AppError("NOT_FOUND");
  const canDm = viewer.permissions.has("inbox.read_dm");
  const items = await db
    .select({ id: inboxItems.id, kind: inboxItems.kind, text: inboxItems.text, riskScore: inboxItems.riskScore, receivedAt: inboxItems.receivedAt })
    .from(inboxItems)
    .where(
      and(
        eq(inboxItems.channelId, a.channelId),
        gte(inboxItems.receivedAt, a.windowStart),
        lt(inboxItems.receivedAt, a.windowEnd),
        or(eq(inboxItems.sentiment, "negative"), gte(inboxItems.riskScore, SPIKE_RISK_MIN)),
        isNull(inboxItems.deletedAt),
      ),
    )
    .orderBy(desc(inboxItems.riskScore), asc(inboxItems.receivedAt))
    .limit(5);
  return {
    ...a,
    inboxHref: spikeInboxHref(a.channelId),
    samples: items.map((i) => ({ ...i, text: i.kind === "dm" && !canDm ? null : i.text })),
  };
}

/** inbox.read — recent spike alerts (newest first), for the settings/ops view. */
export async function listSpikeAlerts(viewer: Viewer, o: { limit?: number } = {}): Promise<Omit<SpikeAlertDto, "samples" | "inboxHref">[]> {
  authorize(viewer, "inbox.read");
  return db
    .select({
      id: spikeAlerts.id,
      channelId: spikeAlerts.channelId,
      channelName: channels.displayName,
      brandId: channels.brandId,
      windowStart: spikeAlerts.windowStart,
      windowEnd: spikeAlerts.windowEnd,
      count: spikeAlerts.count,
      baseline: spikeAlerts.baseline,
      createdAt: spikeAlerts.createdAt,
      crisisId: spikeAlerts.crisisId,
    })
    .from(spikeAlerts)
    .innerJoin(channels, eq(channels.id, spikeAlerts.channelId))
    .orderBy(desc(spikeAlerts.windowStart))
    .limit(Math.min(100, Math.max(1, o.limit ?? 20)));
}

export const startCrisisFromSpikeSchema = z.strictObject({ spikeId: z.uuid(), reason: z.string().trim().min(1).max(1000) });
export type StartCrisisFromSpikeInput = z.input<typeof startCrisisFromSpikeSchema>;

/**
 * crisis.manage — crisis mode for the spike's channel in one click (the crisis DAL does the work
 * and its audit); the alert then names the crisis. NOT_FOUND for an unknown alert.
 */
export async function startCrisisFromSpike(viewer: Viewer, input: StartCrisisFromSpikeInput): Promise<{ crisisId: string }> {
  authorize(viewer, "crisis.manage");
  const data = parseInput(startCrisisFromSpikeSchema, input);
  const [a] = await db.select({ channelId: spikeAlerts.channelId, crisisId: spikeAlerts.crisisId }).from(spikeAlerts).where(eq(spikeAlerts.id, data.spikeId));
  if (!a) throw new AppError("NOT_FOUND");
  if (a.crisisId) return { crisisId: a.crisisId };
  const crisis = await startCrisis(viewer, { scope: "channel", channelId: a.channelId, reason: data.reason });
  await db.transaction(async (tx) => {
    await tx.update(spikeAlerts).set({ crisisId: crisis.id }).where(and(eq(spikeAlerts.id, data.spikeId), isNull(spikeAlerts.crisisId)));
    await recordAudit(tx, { actor: actorOf(viewer), action: "inbox.spike_crisis_started", subjectType: "spike_alert", subjectId: data.spikeId, data: { crisisId: crisis.id, channelId: a.channelId } });
  });
  return { crisisId: crisis.id };
}

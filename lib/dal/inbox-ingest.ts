import "server-only";
import { and, asc, eq, getTableColumns, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { channels, escalations, inboxItems, inboxPolicy, inboxRules, inboxShifts, moderationActions, riskLexicon, webhookDeliveries } from "@/db/schema";
import type { Permission } from "@/lib/auth/permissions";
import type { InboundEntry } from "@/lib/domain/meta-webhook";
import { evaluateRules, pickRoundRobin, policyFromRows, ruleFromRow, type EscalationRole, type InboxPolicy, type InboxRule, type RuleDecision } from "@/lib/domain/inbox-policy";
import { compileRiskLexicon, type CompiledRiskLexicon } from "@/lib/domain/risk";
import { slaDueAt } from "@/lib/domain/sla";
import { triage, type TriageResult } from "@/lib/domain/triage";
import type { Platform } from "@/lib/domain/text-length";
import type { InboxStatus } from "@/lib/domain/inbox-query";
import { recordAudits, type AuditInput } from "./audit";
import { heldSubjectsMany } from "./legal-holds";
import { notify } from "./notify";

/*
 * Ingestion of inbound items (webhooks, the sandbox stream) as the system: no viewer, never
 * reachable from a page or action — the webhook route (after the signature check), the worker and
 * the bench are its callers.
 *
 * One transaction per batch, committed before the webhook answers 200:
 * 1. entries → channels by (platform, external_account_id) (or a given channel id); unknown or
 *    archived channels are counted and dropped;
 * 2. triage (lexicon loaded once per batch) and the SLA due time under the current policy; the
 *    rules' decisions, with the legal holds of everything to hide looked up in one query
 *    (heldSubjectsMany); the round robin decided provisionally (see "Round robin" below);
 * 3. INSERT … ON CONFLICT (channel_id, external_id) DO NOTHING RETURNING, the rows as one JSON
 *    parameter: replays and concurrent copies store once; only the rows this batch really created
 *    go on;
 * 4. the manager's rules on those rows: auto-hide (refused by a legal hold → a "held"
 *    moderation action, item stays visible), auto-escalate (escalation by no one + notification),
 *    auto-assign (round robin confirmed over inbox_shifts rows locked FOR UPDATE, late);
 * 5. audit: one "inbox.ingested" event per batch naming the stored ids, plus one event per rule
 *    action, appended with recordAudits (one lock, one INSERT); the webhook delivery row.
 * Locks are taken as late as possible (shift rows, then the audit chain): a batch holds them only
 * for its last few statements, never across its INSERT (issue 4 ingestion benchmark).
 */

export type IngestEntry = Omit<InboundEntry, "platform"> & { platform: Platform; channelId?: string };
export type IngestResult = { received: number; stored: number; duplicates: number; unknownChannel: number; itemIds: string[] };
export type IngestOptions = { source: string; now?: Date; requestId?: string | null; delivery?: { bodyBytes: number; status: number } };

const INSERT_CHUNK = 400;
const ESCALATION_PERMISSION: Record<EscalationRole, Permission> = {
  pr: "workspace.pr",
  legal: "workspace.legal",
  social_media_manager: "workspace.manager",
};

type ChannelRef = { id: string; brandId: string; platform: Platform; externalAccountId: string | null; displayName: string };

/** The pieces of context every batch reads once: lexicon, policy, rules. */
export type IngestContext = { lexicon: CompiledRiskLexicon; policy: InboxPolicy; rules: InboxRule[] };

export async function loadIngestContext(tx: Tx): Promise<IngestContext> {
  const [lex, pol, rules] = await Promise.all([
    tx.select({ term: riskLexicon.term, lang: riskLexicon.lang, category: riskLexicon.category, weight: riskLexicon.weight }).from(riskLexicon),
    tx.select({ key: inboxPolicy.key, value: inboxPolicy.value }).from(inboxPolicy),
    tx
      .select({ id: inboxRules.id, kind: inboxRules.kind, enabled: inboxRules.enabled, position: inboxRules.position, config: inboxRules.config })
      .from(inboxRules)
      .where(eq(inboxRules.enabled, true))
      .orderBy(asc(inboxRules.position), asc(inboxRules.createdAt)),
  ]);
  return {
    lexicon: compileRiskLexicon(lex),
    policy: policyFromRows(pol),
    rules: rules.map(ruleFromRow).filter((r): r is InboxRule => r !== null),
  };
}

async function resolveChannels(tx: Tx, entries: readonly IngestEntry[]): Promise<{ byAccount: Map<string, ChannelRef>; byId: Map<string, ChannelRef> }> {
  const ids = [...new Set(entries.map((e) => e.channelId).filter((x): x is string => !!x))];
  const accounts = [...new Set(entries.filter((e) => !e.channelId).map((e) => e.accountId))];
  const byAccount = new Map<string, ChannelRef>();
  const byId = new Map<string, ChannelRef>();
  if (!ids.length && !accounts.length) return { byAccount, byId };
  const conds = [ids.length ? inArray(channels.id, ids) : undefined, accounts.length ? inArray(channels.externalAccountId, accounts) : undefined].filter(Boolean);
  const rows = await tx
    .select({ id: channels.id, brandId: channels.brandId, platform: channels.platform, externalAccountId: channels.externalAccountId, displayName: channels.displayName })
    .from(channels)
    .where(and(ne(channels.status, "archived"), or(...conds)));
  for (const r of rows) {
    byId.set(r.id, r);
    if (r.externalAccountId) byAccount.set(`${r.platform}\u0000${r.externalAccountId}`, r);
  }
  return { byAccount, byId };
}

const INBOX_COLUMNS = new Set(Object.values(getTableColumns(inboxItems)).map((c) => c.name));
/** A column list for a raw INSERT into inbox_items; every name must be one of the table's columns. */
function inboxColumnList(names: string[]): SQL {
  for (const n of names) if (!INBOX_COLUMNS.has(n)) throw new Error(`inbox_items has no column ${n}`);
  return sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
}

const SYSTEM = (source: string) => ({ id: null, label: `system (${source})` });

/** Stores a batch of inbound entries as the system (see the module comment). */
export async function ingestInbound(entries: readonly IngestEntry[], opts: IngestOptions): Promise<IngestResult> {
  return db.transaction(async (tx) => ingestInTx(tx, entries, opts));
}

export async function ingestInTx(tx: Tx, entries: readonly IngestEntry[], opts: IngestOptions, ctx?: IngestContext): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const result: IngestResult = { received: entries.length, stored: 0, duplicates: 0, unknownChannel: 0, itemIds: [] };
  const audits: AuditInput[] = [];
  /** Statements sent with the audit events at the very end. */
  const last: PromiseLike<unknown>[] = [];
  const actor = SYSTEM(opts.source);

  if (entries.length) {
    const [{ byAccount, byId }, context] = await Promise.all([resolveChannels(tx, entries), ctx ? Promise.resolve(ctx) : loadIngestContext(tx)]);

    // Map, drop unknown channels, de-duplicate inside the batch (earliest platform time wins).
    const unique = new Map<string, { e: IngestEntry; ch: ChannelRef }>();
    for (const e of entries) {
      const ch = e.channelId ? byId.get(e.channelId) : byAccount.get(`${e.platform}\u0000${e.accountId}`);
      if (!ch) {
        result.unknownChannel++;
        continue;
      }
      const key = `${ch.id}\u0000${e.externalId}`;
      const seen = unique.get(key);
      if (!seen || e.receivedAt < seen.e.receivedAt) unique.set(key, { e, ch });
    }

    // Already stored (replays): dropped before any work. The INSERT below still guards races.
    const byChannel = new Map<string, string[]>();
    for (const { e, ch } of unique.values()) byChannel.set(ch.id, [...(byChannel.get(ch.id) ?? []), e.externalId]);
    for (const [chId, ids] of byChannel) {
      for (let i = 0; i < ids.length; i += 1000) {
        const have = await tx
          .select({ externalId: inboxItems.externalId })
          .from(inboxItems)
          .where(and(eq(inboxItems.channelId, chId), inArray(inboxItems.externalId, ids.slice(i, i + 1000))));
        for (const h of have) unique.delete(`${chId}\u0000${h.externalId}`);
      }
    }

    // Triage, SLA and the rules' decisions, before the INSERT (so each row is written once) and before any lock.
    type Planned = PlannedRef & { key: string };
    const planned: Planned[] = [];
    for (const [key, { e, ch }] of unique) {
      const t = triage({ text: e.text, kind: e.kind }, context.lexicon);
      const d: RuleDecision = context.rules.length
        ? evaluateRules(context.rules, { channelId: ch.id, language: t.language, triage: t }, context.policy.thresholds)
        : { hide: null, escalate: null, assign: null };
      planned.push({ key, e, ch, t, d, holdId: null, holdReason: null, assignee: null, assignedAt: now });
    }
    // Legal holds of everything a rule would hide, one query for the batch (held → stays visible).
    const toHide = planned.filter((p) => p.d.hide);
    const holds = await heldSubjectsMany(
      tx,
      toHide.map((p) => ({ threadKey: p.e.threadKey, platform: p.ch.platform, authorExternalId: p.e.authorExternalId })),
    );
    toHide.forEach((p, i) => {
      const h = holds[i]![0];
      if (h) {
        p.holdId = h.id;
        p.holdReason = h.reason;
      }
    });

    // The rows (column names as in the table); status and assignee are completed by the round robin.
    const rows = planned.map(({ e, ch, t, d, holdId }) => {
      const hidden = !!d.hide && !holdId;
      return {
        channel_id: ch.id,
        brand_id: ch.brandId,
        platform: ch.platform,
        external_id: e.externalId,
        kind: e.kind,
        thread_key: e.threadKey,
        parent_external_id: e.parentExternalId ?? null,
        author_external_id: e.authorExternalId ?? null,
        author_handle: e.authorHandle ?? null,
        author_name: e.authorName ?? null,
        author_url: e.authorUrl ?? null,
        permalink: e.permalink ?? null,
        text: e.text,
        language: t.language,
        sentiment: t.sentiment,
        risk_score: t.riskScore,
        risk_reasons: t.riskReasons,
        priority: t.priority,
        status: (hidden ? "hidden" : d.escalate ? "escalated" : "open") as InboxStatus,
        assignee_id: null as string | null,
        hidden_at: hidden ? now : null,
        hidden_reason: hidden ? d.hide!.reason : null,
        escalated_at: !hidden && d.escalate ? now : null,
        sla_due_at: slaDueAt(e.receivedAt, context.policy.sla[t.priority], context.policy.businessHours),
        received_at: e.receivedAt,
        raw: e.raw ?? null,
        created_at: now,
        updated_at: now,
      };
    });
    const rr = await roundRobinPlan(tx, planned, rows, now);

    const created: { id: string; channelId: string; externalId: string }[] = [];
    try {
      // One statement per chunk, the rows as one JSON parameter read with the table's own row type
      // (json_populate_recordset): drizzle building a 30-column × 100-row VALUES list cost more
      // CPU than PostgreSQL spent on the INSERT itself.
      const cols = rows.length ? inboxColumnList(Object.keys(rows[0]!)) : sql``;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const got = await tx.execute<{ id: string; channel_id: string; external_id: string }>(sql`
          insert into ${inboxItems} (${cols})
          select ${cols} from json_populate_recordset(null::inbox_items, ${JSON.stringify(rows.slice(i, i + INSERT_CHUNK))}::text::json)
          on conflict (channel_id, external_id) do nothing
          returning id, channel_id, external_id`);
        for (const g of got) created.push({ id: g.id, channelId: g.channel_id, externalId: g.external_id });
      }
      result.stored = created.length;
      result.duplicates = result.received - result.unknownChannel - created.length;
      result.itemIds = created.map((c) => c.id);

      const byKey = new Map(planned.map((p) => [p.key, p]));
      const createdPlanned = created.map((c) => ({ id: c.id, p: byKey.get(`${c.channelId}\u0000${c.externalId}`)! }));
      if (created.length && context.rules.length) await ruleSideEffects(tx, createdPlanned, actor, audits, now);
      if (created.length) last.push(...(await finishAssignments(tx, rr, createdPlanned, actor, audits)));
    } finally {
      rr?.release();
    }
    if (created.length) {
      audits.unshift({
        actor,
        action: "inbox.ingested",
        subjectType: "inbox_batch",
        subjectId: null,
        requestId: opts.requestId ?? null,
        data: { source: opts.source, received: result.received, stored: result.stored, duplicates: result.duplicates, unknownChannel: result.unknownChannel, itemIds: result.itemIds },
      });
    }
  }
  // The shift rows' writes, the delivery row and the audit events sent together (pipelined on the
  // transaction's connection): the shift rows are held only for these and the commit; the audit
  // chain's lock comes last, held only for its own two statements and the commit.
  await Promise.all([
    ...last,
    opts.delivery
      ? tx.insert(webhookDeliveries).values({
          source: opts.source,
          receivedAt: now,
          signatureOk: true,
          entries: result.received,
          stored: result.stored,
          bodyBytes: opts.delivery.bodyBytes,
          status: opts.delivery.status,
        })
      : null,
    recordAudits(tx, audits),
  ]);
  return result;
}

type PlannedRef = { e: IngestEntry; ch: ChannelRef; t: TriageResult; d: RuleDecision; holdId: string | null; holdReason: string | null; assignee: string | null; assignedAt: Date };

/** What the rules decided, for the rows this batch really created: moderation log, escalations, notifications, audit (assignments: finishAssignments). */
async function ruleSideEffects(tx: Tx, created: { id: string; p: PlannedRef }[], actor: { id: null; label: string }, audits: AuditInput[], now: Date): Promise<void> {
  const mods: (typeof moderationActions.$inferInsert)[] = [];
  const escs: (typeof escalations.$inferInsert)[] = [];
  const toNotify = new Map<EscalationRole, { id: string; channel: string; excerpt: string | null; risk: number }[]>();
  for (const { id, p } of created) {
    const { e, ch, t, d } = p;
    if (d.hide && p.holdId) {
      mods.push({ inboxItemId: id, action: "hide", state: "held", reason: d.hide.reason, ruleId: d.hide.ruleId, error: `legal_hold: ${p.holdReason} (#${p.holdId.slice(0, 8)})`, createdAt: now });
      audits.push({ actor, action: "inbox.auto_hide_held", subjectType: "inbox_item", subjectId: id, data: { ruleId: d.hide.ruleId, reason: d.hide.reason, holdId: p.holdId } });
    } else if (d.hide) {
      mods.push({ inboxItemId: id, action: "hide", state: "pending", reason: d.hide.reason, ruleId: d.hide.ruleId, createdAt: now });
      audits.push({ actor, action: "inbox.auto_hidden", subjectType: "inbox_item", subjectId: id, data: { ruleId: d.hide.ruleId, reason: d.hide.reason, channelId: ch.id } });
      continue;
    }
    if (d.escalate) {
      escs.push({ inboxItemId: id, toRole: d.escalate.toRole, reason: `auto_escalate: risk ${t.riskScore} ≥ ${d.escalate.minRisk}`, createdById: null, createdAt: now });
      const list = toNotify.get(d.escalate.toRole) ?? [];
      list.push({ id, channel: ch.displayName, excerpt: e.kind === "dm" ? null : excerpt(e.text), risk: t.riskScore });
      toNotify.set(d.escalate.toRole, list);
      audits.push({ actor, action: "inbox.auto_escalated", subjectType: "inbox_item", subjectId: id, data: { ruleId: d.escalate.ruleId, toRole: d.escalate.toRole, riskScore: t.riskScore } });
    }
  }
  // One notification per role and batch: a burst of forty hostile comments is one message, not forty.
  // These statements do not depend on each other: sent together (pipelined on the transaction's connection).
  const work: Promise<unknown>[] = [];
  for (const [role, list] of toNotify) {
    const top = [...list].sort((a, b) => b.risk - a.risk)[0]!;
    work.push(
      notify(tx, {
        permission: ESCALATION_PERMISSION[role],
        kind: "inbox.escalated",
        params: { channel: [...new Set(list.map((x) => x.channel))].join(", "), excerpt: top.excerpt, risk: top.risk, count: list.length, reason: "rule" },
        link: list.length === 1 ? `/community/items/${top.id}` : "/community?status=escalated&sort=newest",
        dedupeKey: `inbox.escalated:${top.id}:${role}`,
      }),
    );
  }
  if (mods.length) work.push(tx.insert(moderationActions).values(mods).execute());
  if (escs.length) work.push(tx.insert(escalations).values(escs).execute());
  await Promise.all(work);
}

// ── Round robin without holding the shift rows across the INSERT ────────────────────────────────
//
// Fairness rule (unchanged): each round-robin item goes to the on-shift agent assigned least
// recently (pickRoundRobin), decisions strictly in sequence, across concurrent batches too.
// Holding inbox_shifts FOR UPDATE from the decision to the commit made concurrent batches wait for
// each other's whole INSERT (measured: most of a request's time was that wait). Now:
//  1. plan (before the INSERT, no lock): each batch decides provisionally from the shift state
//     this process predicts: the last state it wrote (when nothing committed since is newer; else
//     the committed state), advanced by the batches planned before and still in flight;
//  2. finish (after the INSERT): it takes the on-shift rows FOR UPDATE, in planning order within
//     the process (it waits for its predecessor to have them, at most RR_TURN_WAIT_MS), and
//     compares them with the state it planned from. Equal (the usual case): the provisional
//     assignees stand. Different (another process, a failed batch, a shift change, a duplicate
//     lost to a race): the picks are redone from the locked state and the changed rows updated.
// Either way the stored assignees are exactly what picking under the lock gives, and the shift
// rows are written in the items' transaction, which holds them only for its last statements.

type ShiftState = { userId: string; lastAssignedAt: Date | null }[];
type RrItem = { p: PlannedRef; row: { assignee_id: string | null; status: InboxStatus } };
type RrPlan = { items: RrItem[]; now: Date; start: ShiftState; end: ShiftState; waitTurn: Promise<void>; release: () => void };

const RR_TURN_WAIT_MS = 3_000;
const rrProcess: { written: ShiftState | null; inflight: RrPlan[]; turn: Promise<void> } = { written: null, inflight: [], turn: Promise.resolve() };
const cloneShifts = (s: ShiftState): ShiftState => s.map((x) => ({ userId: x.userId, lastAssignedAt: x.lastAssignedAt }));
const ms = (d: Date | null) => (d ? d.getTime() : -1);
const sameShifts = (a: ShiftState, b: ShiftState) => a.length === b.length && a.every((x, i) => x.userId === b[i]!.userId && ms(x.lastAssignedAt) === ms(b[i]!.lastAssignedAt));
/** Usable as a base: the same agents on shift, and nothing committed is newer. */
const notBehind = (w: ShiftState, committed: ShiftState) =>
  w.length === committed.length && w.every((x, i) => x.userId === committed[i]!.userId && ms(committed[i]!.lastAssignedAt) <= ms(x.lastAssignedAt));

/**
 * Picks for `items` in order on `shifts` (mutated); sets each item's assignee and assignedAt when `apply`.
 * Assignment times only move forward (after every time already in `shifts`, even when this batch's
 * `now` is a few ms older than a concurrent batch's picks), so "least recently assigned" follows the
 * order of the picks themselves: otherwise two batches started in the same instant could hand one
 * agent several items in a row.
 */
function pickAll(items: RrItem[], shifts: ShiftState, now: Date, apply: boolean): void {
  let t = Math.max(now.getTime(), ...shifts.map((x) => ms(x.lastAssignedAt) + 1));
  for (const it of items) {
    const who = pickRoundRobin(shifts, it.p.d.assign!.userIds);
    const at = who ? new Date(t++) : null;
    if (who) shifts.find((x) => x.userId === who)!.lastAssignedAt = at;
    if (apply) {
      it.p.assignee = who;
      if (at) it.p.assignedAt = at;
    }
  }
}
const rowStatus = (p: PlannedRef): InboxStatus => (p.d.escalate ? "escalated" : p.assignee ? "assigned" : "open");

async function roundRobinPlan(tx: Tx, planned: PlannedRef[], rows: { assignee_id: string | null; status: InboxStatus }[], now: Date): Promise<RrPlan | null> {
  const items: RrItem[] = [];
  planned.forEach((p, i) => {
    const d = p.d;
    if (!d.assign || (d.hide && !p.holdId)) return;
    if (d.assign.mode !== "user") items.push({ p, row: rows[i]! });
    else if ((p.assignee = d.assign.userIds[0] ?? null)) {
      rows[i]!.assignee_id = p.assignee;
      rows[i]!.status = rowStatus(p);
    }
  });
  if (!items.length) return null;
  const committed = await tx.select({ userId: inboxShifts.userId, lastAssignedAt: inboxShifts.lastAssignedAt }).from(inboxShifts).where(eq(inboxShifts.onShift, true)).orderBy(asc(inboxShifts.userId));
  // From here to the return: no await (the prediction is read and advanced in one step).
  const start = cloneShifts(rrProcess.written && notBehind(rrProcess.written, committed) ? rrProcess.written : committed);
  for (const pl of rrProcess.inflight) pickAll(pl.items, start, pl.now, false);
  const end = cloneShifts(start);
  pickAll(items, end, now, true);
  for (const it of items) {
    it.row.assignee_id = it.p.assignee;
    it.row.status = rowStatus(it.p);
  }
  const waitTurn = rrProcess.turn;
  let resolve!: () => void;
  rrProcess.turn = new Promise<void>((r) => (resolve = r));
  const plan: RrPlan = {
    items,
    now,
    start,
    end,
    waitTurn,
    release: () => {
      resolve();
      rrProcess.inflight = rrProcess.inflight.filter((x) => x !== plan);
    },
  };
  rrProcess.inflight.push(plan);
  return plan;
}

/** Confirms (or redoes) the round robin under the shift rows' lock; writes the shift rows and the assignment audit event. */
/** Returns the writes still to send (lazy statements: sent, in order, when the caller awaits them with the batch's last ones). */
async function finishAssignments(tx: Tx, plan: RrPlan | null, created: { id: string; p: PlannedRef }[], actor: { id: null; label: string }, audits: AuditInput[]): Promise<PromiseLike<unknown>[]> {
  const writes: PromiseLike<unknown>[] = [];
  if (plan) {
    // The predecessor can be stuck behind this batch (the same item delivered twice at once: its INSERT waits for this commit): never wait for it for long.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([plan.waitTurn, new Promise((r) => (timer = setTimeout(r, RR_TURN_WAIT_MS)))]);
    clearTimeout(timer);
    const locked = await tx
      .select({ userId: inboxShifts.userId, lastAssignedAt: inboxShifts.lastAssignedAt })
      .from(inboxShifts)
      .where(eq(inboxShifts.onShift, true))
      .orderBy(asc(inboxShifts.userId))
      .for("update");
    const idOf = new Map(created.map((c) => [c.p, c.id]));
    const fixes: { id: string; a: string | null; s: InboxStatus }[] = [];
    let written = plan.end;
    if (!sameShifts(locked, plan.start) || plan.items.some((it) => !idOf.has(it.p))) {
      // Redo the picks from the locked state, for the rows really created, in the same order.
      const mine = plan.items.filter((it) => idOf.has(it.p));
      const before = mine.map((it) => it.p.assignee);
      written = cloneShifts(locked);
      pickAll(mine, written, plan.now, true);
      mine.forEach((it, i) => {
        if (it.p.assignee !== before[i]) fixes.push({ id: idOf.get(it.p)!, a: it.p.assignee, s: rowStatus(it.p) });
      });
    }
    // Synchronously with leaving the in-flight list: later plans fold from this state.
    rrProcess.written = written;
    plan.release();
    if (fixes.length)
      writes.push(
        tx.execute(sql`update ${inboxItems} set assignee_id = v.a, status = v.s::inbox_status
        from json_to_recordset(${JSON.stringify(fixes)}::text::json) as v(id uuid, a text, s text)
        where ${inboxItems.id} = v.id`),
      );
  }
  const lastPick = new Map<string, number>();
  const assignments: Record<string, { assigneeId: string; ruleId: string }> = {};
  for (const { id, p } of created) {
    if (!p.d.assign || !p.assignee || (p.d.hide && !p.holdId)) continue;
    lastPick.set(p.assignee, Math.max(lastPick.get(p.assignee) ?? 0, p.assignedAt.getTime()));
    // One event for the batch's assignments: the chain stays short on hot paths.
    assignments[id] = { assigneeId: p.assignee, ruleId: p.d.assign.ruleId };
  }
  if (lastPick.size) {
    const picks = JSON.stringify([...lastPick].map(([user_id, at]) => ({ user_id, at: new Date(at).toISOString() })));
    writes.push(
      tx.execute(sql`update ${inboxShifts} set last_assigned_at = v.at
        from json_to_recordset(${picks}::text::json) as v(user_id text, at timestamptz)
        where ${inboxShifts.userId} = v.user_id`),
    );
  }
  if (Object.keys(assignments).length) audits.push({ actor, action: "inbox.auto_assigned", subjectType: "inbox_batch", subjectId: null, data: { assignments } });
  return writes;
}

export function excerpt(text: string, max = 80): string {
  const s = text.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export type StreamChannel = { id: string; platform: Platform; connector: "sandbox" | "meta"; externalAccountId: string | null; handle: string };

/** System (the sandbox stream job): the active channels it writes for. */
export async function sandboxStreamChannels(): Promise<StreamChannel[]> {
  return db
    .select({ id: channels.id, platform: channels.platform, connector: channels.connector, externalAccountId: channels.externalAccountId, handle: channels.handle })
    .from(channels)
    .where(eq(channels.status, "active"))
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

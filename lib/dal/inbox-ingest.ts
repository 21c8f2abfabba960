import "server-only";
import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { channels, escalations, inboxItems, inboxPolicy, inboxRules, inboxShifts, moderationActions, riskLexicon, webhookDeliveries } from "@/db/schema";
import type { Permission } from "@/lib/auth/permissions";
import type { InboundEntry } from "@/lib/domain/meta-webhook";
import { evaluateRules, pickRoundRobin, policyFromRows, ruleFromRow, type EscalationRole, type InboxPolicy, type InboxRule, type RuleDecision } from "@/lib/domain/inbox-policy";
import { compileRiskLexicon, type CompiledRiskLexicon } from "@/lib/domain/risk";
import { slaDueAt } from "@/lib/domain/sla";
import { triage, type TriageResult } from "@/lib/domain/triage";
import type { Platform } from "@/lib/domain/text-length";
import { recordAudits, type AuditInput } from "./audit";
import { heldSubjects } from "./legal-holds";
import { notify } from "./notify";

/*
 * Ingestion of inbound items (webhooks, the sandbox stream) as the system: no viewer, never
 * reachable from a page or action — the webhook route (after the signature check), the worker and
 * the bench are its callers.
 *
 * One transaction per batch, committed before the webhook answers 200:
 * 1. entries → channels by (platform, external_account_id) (or a given channel id); unknown or
 *    archived channels are counted and dropped;
 * 2. triage (lexicon loaded once per batch) and the SLA due time under the current policy;
 * 3. INSERT … ON CONFLICT (channel_id, external_id) DO NOTHING RETURNING: replays and concurrent
 *    copies store once; only the rows this batch really created go on;
 * 4. the manager's rules on those rows: auto-hide (refused by a legal hold → a "held"
 *    moderation action, item stays visible), auto-escalate (escalation by no one + notification),
 *    auto-assign (round robin over inbox_shifts rows locked FOR UPDATE);
 * 5. audit: one "inbox.ingested" event per batch naming the stored ids, plus one event per rule
 *    action, appended with recordAudits (one lock, one INSERT); the webhook delivery row.
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

const SYSTEM = (source: string) => ({ id: null, label: `system (${source})` });

/** Stores a batch of inbound entries as the system (see the module comment). */
export async function ingestInbound(entries: readonly IngestEntry[], opts: IngestOptions): Promise<IngestResult> {
  return db.transaction(async (tx) => ingestInTx(tx, entries, opts));
}

export async function ingestInTx(tx: Tx, entries: readonly IngestEntry[], opts: IngestOptions, ctx?: IngestContext): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const result: IngestResult = { received: entries.length, stored: 0, duplicates: 0, unknownChannel: 0, itemIds: [] };
  const audits: AuditInput[] = [];
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

    // Triage, SLA and the rules' decisions, before the INSERT (so each row is written once).
    type Planned = PlannedRef & { key: string };
    const planned: Planned[] = [];
    let shifts: { userId: string; lastAssignedAt: Date | null }[] | null = null;
    let tick = 0;
    for (const [key, { e, ch }] of unique) {
      const t = triage({ text: e.text, kind: e.kind }, context.lexicon);
      const d: RuleDecision = context.rules.length ? evaluateRules(context.rules, { channelId: ch.id, language: t.language, triage: t }, context.policy.thresholds) : { hide: null, escalate: null, assign: null };
      let holdId: string | null = null;
      let holdReason: string | null = null;
      if (d.hide) {
        const holds = await heldSubjects(tx, { threadKey: e.threadKey, platform: ch.platform, authorExternalId: e.authorExternalId });
        if (holds.length) {
          holdId = holds[0]!.id;
          holdReason = holds[0]!.reason;
        }
      }
      planned.push({ key, e, ch, t, d, holdId, holdReason, assignee: null, assignedAt: now });
    }
    // Round robin after triage, so the shift rows stay locked only for the assignment itself.
    for (const p of planned) {
      const d = p.d;
      if (!d.assign || (d.hide && !p.holdId)) continue;
      if (d.assign.mode === "user") {
        p.assignee = d.assign.userIds[0] ?? null;
        continue;
      }
      shifts ??= await tx
        .select({ userId: inboxShifts.userId, lastAssignedAt: inboxShifts.lastAssignedAt })
        .from(inboxShifts)
        .where(eq(inboxShifts.onShift, true))
        .orderBy(asc(inboxShifts.userId))
        .for("update");
      p.assignee = pickRoundRobin(shifts, d.assign.userIds);
      if (p.assignee) {
        p.assignedAt = new Date(now.getTime() + tick++);
        shifts.find((x) => x.userId === p.assignee)!.lastAssignedAt = p.assignedAt;
      }
    }

    const rows: (typeof inboxItems.$inferInsert)[] = planned.map(({ e, ch, t, d, holdId, assignee }) => {
      const hidden = !!d.hide && !holdId;
      return {
        channelId: ch.id,
        brandId: ch.brandId,
        platform: ch.platform,
        externalId: e.externalId,
        kind: e.kind,
        threadKey: e.threadKey,
        parentExternalId: e.parentExternalId,
        authorExternalId: e.authorExternalId,
        authorHandle: e.authorHandle,
        authorName: e.authorName,
        authorUrl: e.authorUrl,
        permalink: e.permalink,
        text: e.text,
        language: t.language,
        sentiment: t.sentiment,
        riskScore: t.riskScore,
        riskReasons: t.riskReasons,
        priority: t.priority,
        status: hidden ? "hidden" : d.escalate ? "escalated" : assignee ? "assigned" : "open",
        assigneeId: hidden ? null : assignee,
        hiddenAt: hidden ? now : null,
        hiddenReason: hidden ? d.hide!.reason : null,
        escalatedAt: !hidden && d.escalate ? now : null,
        slaDueAt: slaDueAt(e.receivedAt, context.policy.sla[t.priority], context.policy.businessHours),
        receivedAt: e.receivedAt,
        raw: e.raw ?? null,
        createdAt: now,
        updatedAt: now,
      };
    });

    const created: { id: string; channelId: string; externalId: string }[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const got = await tx
        .insert(inboxItems)
        .values(chunk)
        .onConflictDoNothing({ target: [inboxItems.channelId, inboxItems.externalId] })
        .returning({ id: inboxItems.id, channelId: inboxItems.channelId, externalId: inboxItems.externalId });
      created.push(...got);
    }
    result.stored = created.length;
    result.duplicates = result.received - result.unknownChannel - created.length;
    result.itemIds = created.map((c) => c.id);

    if (created.length && context.rules.length) {
      const byKey = new Map(planned.map((p) => [p.key, p]));
      await ruleSideEffects(
        tx,
        created.map((c) => ({ id: c.id, p: byKey.get(`${c.channelId}\u0000${c.externalId}`)! })),
        actor,
        audits,
        now,
      );
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
  if (opts.delivery) {
    await tx.insert(webhookDeliveries).values({
      source: opts.source,
      receivedAt: now,
      signatureOk: true,
      entries: result.received,
      stored: result.stored,
      bodyBytes: opts.delivery.bodyBytes,
      status: opts.delivery.status,
    });
  }
  await recordAudits(tx, audits);
  return result;
}

type PlannedRef = { e: IngestEntry; ch: ChannelRef; t: TriageResult; d: RuleDecision; holdId: string | null; holdReason: string | null; assignee: string | null; assignedAt: Date };

/** What the rules decided, for the rows this batch really created: moderation log, escalations, notifications, shifts, audit. */
async function ruleSideEffects(tx: Tx, created: { id: string; p: PlannedRef }[], actor: { id: null; label: string }, audits: AuditInput[], now: Date): Promise<void> {
  const mods: (typeof moderationActions.$inferInsert)[] = [];
  const escs: (typeof escalations.$inferInsert)[] = [];
  const lastPick = new Map<string, number>();
  const assignments: Record<string, { assigneeId: string; ruleId: string }> = {};
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
    if (d.assign && p.assignee) {
      lastPick.set(p.assignee, Math.max(lastPick.get(p.assignee) ?? 0, p.assignedAt.getTime()));
      // One event for the batch's assignments (appended by the caller): the chain stays short on hot paths.
      assignments[id] = { assigneeId: p.assignee, ruleId: d.assign.ruleId };
    }
  }
  // One notification per role and batch: a burst of forty hostile comments is one message, not forty.
  for (const [role, list] of toNotify) {
    const top = [...list].sort((a, b) => b.risk - a.risk)[0]!;
    await notify(tx, {
      permission: ESCALATION_PERMISSION[role],
      kind: "inbox.escalated",
      params: { channel: [...new Set(list.map((x) => x.channel))].join(", "), excerpt: top.excerpt, risk: top.risk, count: list.length, reason: "rule" },
      link: list.length === 1 ? `/community/items/${top.id}` : "/community?status=escalated&sort=newest",
      dedupeKey: `inbox.escalated:${top.id}:${role}`,
    });
  }
  if (mods.length) await tx.insert(moderationActions).values(mods);
  if (escs.length) await tx.insert(escalations).values(escs);
  for (const [userId, at] of lastPick) await tx.update(inboxShifts).set({ lastAssignedAt: new Date(at) }).where(eq(inboxShifts.userId, userId));
  if (Object.keys(assignments).length) audits.push({ actor, action: "inbox.auto_assigned", subjectType: "inbox_batch", subjectId: null, data: { assignments } });
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

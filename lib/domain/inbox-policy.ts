/**
 * The inbox policy the manager sets (SLA targets per priority, business hours, thresholds, spike
 * settings) and the ingestion rules (auto-assign, auto-hide, auto-escalate), as pure data + zod
 * schemas + the rule evaluation. Stored as inbox_policy rows (one per key) and inbox_rules rows.
 *
 * Rule evaluation at ingestion (evaluateRules), enabled rules in position order:
 * - auto_hide: the first matching rule hides the item (spam and/or profanity, optional channel list).
 *   A hidden item is not assigned or escalated by the rules.
 * - auto_escalate: the first rule whose minRisk ≤ the item's risk escalates it to its role.
 *   Without a minRisk the policy's escalateRisk threshold applies.
 * - auto_assign: the first rule matching channel and language assigns — round robin among who is on
 *   shift (optionally only its listed people), or to one named person.
 */
import { z } from "zod";
import { DEFAULT_BUSINESS_HOURS, type BusinessHours, type SlaTarget } from "./sla";
import { DEFAULT_SPIKE, type SpikeSettings } from "./spike";
import type { Language, Priority, TriageResult } from "./triage";

export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const POLICY_KEYS = ["sla", "business_hours", "thresholds", "spike"] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export type SlaPolicy = Record<Priority, SlaTarget>;
export type Thresholds = { escalateRisk: number; approvalRisk: number };
export type InboxPolicy = { sla: SlaPolicy; businessHours: BusinessHours; thresholds: Thresholds; spike: SpikeSettings };

export const DEFAULT_POLICY: InboxPolicy = {
  sla: {
    urgent: { minutes: 60, clock: "24h" },
    high: { minutes: 240, clock: "24h" },
    normal: { minutes: 480, clock: "business" },
    low: { minutes: 1440, clock: "business" },
  },
  businessHours: DEFAULT_BUSINESS_HOURS,
  thresholds: { escalateRisk: 70, approvalRisk: 60 },
  spike: DEFAULT_SPIKE,
};

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "invalid_time");
const slaTargetSchema = z.strictObject({ minutes: z.coerce.number().int().min(5).max(60 * 24 * 14), clock: z.enum(["24h", "business"]) });
export const slaPolicySchema = z.strictObject({ urgent: slaTargetSchema, high: slaTargetSchema, normal: slaTargetSchema, low: slaTargetSchema });
export const businessHoursSchema = z
  .strictObject({
    start: hhmm,
    end: hhmm,
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "invalid_time_zone"),
    days: z.array(z.coerce.number().int().min(1).max(7)).min(1).max(7),
    holidays: z.coerce.boolean(),
  })
  .refine((h) => h.start < h.end, { message: "end_before_start", path: ["end"] });
export const thresholdsSchema = z.strictObject({
  escalateRisk: z.coerce.number().int().min(1).max(100),
  approvalRisk: z.coerce.number().int().min(1).max(100),
});
export const spikeSettingsSchema = z.strictObject({
  windowMinutes: z.coerce.number().int().min(5).max(24 * 60),
  baselineWindows: z.coerce.number().int().min(4).max(24 * 14),
  minCount: z.coerce.number().int().min(2).max(10_000),
  factor: z.coerce.number().min(1.5).max(50),
});

export const POLICY_SCHEMAS = { sla: slaPolicySchema, business_hours: businessHoursSchema, thresholds: thresholdsSchema, spike: spikeSettingsSchema } as const;

/** Stored rows → a complete policy (a missing or unreadable row falls back to the default). */
export function policyFromRows(rows: readonly { key: string; value: unknown }[]): InboxPolicy {
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const pick = <T>(key: PolicyKey, fallback: T): T => {
    const r = POLICY_SCHEMAS[key].safeParse(byKey.get(key));
    return r.success ? (r.data as T) : fallback;
  };
  return {
    sla: pick("sla", DEFAULT_POLICY.sla),
    businessHours: pick("business_hours", DEFAULT_POLICY.businessHours),
    thresholds: pick("thresholds", DEFAULT_POLICY.thresholds),
    spike: pick("spike", DEFAULT_POLICY.spike),
  };
}

// ── rules ───────────────────────────────────────────────────────────────────

export const RULE_KINDS = ["auto_assign", "auto_hide", "auto_escalate"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const ESCALATION_ROLES = ["pr", "legal", "social_media_manager"] as const;
export type EscalationRole = (typeof ESCALATION_ROLES)[number];

const channelList = z.array(z.uuid()).max(100).default([]);
export const autoAssignConfigSchema = z.strictObject({
  channelIds: channelList,
  language: z.enum(["ja", "en", "other"]).nullable().default(null),
  /** round_robin among who is on shift (limited to userIds when given), or one person. */
  mode: z.enum(["round_robin", "user"]).default("round_robin"),
  userIds: z.array(z.string().min(1).max(100)).max(100).default([]),
});
export const autoHideConfigSchema = z
  .strictObject({ channelIds: channelList, spam: z.boolean().default(true), profanity: z.boolean().default(false) })
  .refine((c) => c.spam || c.profanity, { message: "nothing_to_hide", path: ["spam"] });
export const autoEscalateConfigSchema = z.strictObject({
  channelIds: channelList,
  minRisk: z.coerce.number().int().min(1).max(100).nullable().default(null),
  toRole: z.enum(ESCALATION_ROLES),
});

export type AutoAssignConfig = z.infer<typeof autoAssignConfigSchema>;
export type AutoHideConfig = z.infer<typeof autoHideConfigSchema>;
export type AutoEscalateConfig = z.infer<typeof autoEscalateConfigSchema>;

export type InboxRule =
  | { id: string; kind: "auto_assign"; enabled: boolean; position: number; config: AutoAssignConfig }
  | { id: string; kind: "auto_hide"; enabled: boolean; position: number; config: AutoHideConfig }
  | { id: string; kind: "auto_escalate"; enabled: boolean; position: number; config: AutoEscalateConfig };

export const RULE_CONFIG_SCHEMAS = { auto_assign: autoAssignConfigSchema, auto_hide: autoHideConfigSchema, auto_escalate: autoEscalateConfigSchema } as const;

/** A stored row → a typed rule, or null when its config no longer parses (it is then ignored). */
export function ruleFromRow(row: { id: string; kind: string; enabled: boolean; position: number; config: unknown }): InboxRule | null {
  if (!(RULE_KINDS as readonly string[]).includes(row.kind)) return null;
  const kind = row.kind as RuleKind;
  const r = RULE_CONFIG_SCHEMAS[kind].safeParse(row.config);
  if (!r.success) return null;
  return { id: row.id, kind, enabled: row.enabled, position: row.position, config: r.data } as InboxRule;
}

export type RuleSubject = { channelId: string; language: Language; triage: Pick<TriageResult, "spam" | "profanity" | "riskScore"> };

export type RuleDecision = {
  hide: { ruleId: string; reason: "spam" | "profanity" } | null;
  escalate: { ruleId: string; toRole: EscalationRole; minRisk: number } | null;
  assign: { ruleId: string; mode: "round_robin" | "user"; userIds: string[] } | null;
};

const inChannels = (list: readonly string[], channelId: string) => list.length === 0 || list.includes(channelId);

export function evaluateRules(rules: readonly InboxRule[], s: RuleSubject, thresholds: Thresholds): RuleDecision {
  const out: RuleDecision = { hide: null, escalate: null, assign: null };
  const ordered = [...rules].filter((r) => r.enabled).sort((a, b) => a.position - b.position);
  for (const r of ordered) {
    if (r.kind !== "auto_hide" || out.hide || !inChannels(r.config.channelIds, s.channelId)) continue;
    if (r.config.spam && s.triage.spam) out.hide = { ruleId: r.id, reason: "spam" };
    else if (r.config.profanity && s.triage.profanity) out.hide = { ruleId: r.id, reason: "profanity" };
  }
  if (out.hide) return out;
  for (const r of ordered) {
    if (out.escalate) break;
    if (r.kind !== "auto_escalate" || !inChannels(r.config.channelIds, s.channelId)) continue;
    const min = r.config.minRisk ?? thresholds.escalateRisk;
    if (s.triage.riskScore >= min) out.escalate = { ruleId: r.id, toRole: r.config.toRole, minRisk: min };
  }
  for (const r of ordered) {
    if (out.assign) break;
    if (r.kind !== "auto_assign" || !inChannels(r.config.channelIds, s.channelId)) continue;
    if (r.config.language && r.config.language !== s.language) continue;
    if (r.config.mode === "user" && r.config.userIds.length === 0) continue;
    out.assign = { ruleId: r.id, mode: r.config.mode, userIds: r.config.userIds };
  }
  return out;
}

/**
 * Round robin: of the eligible people on shift, the one assigned longest ago (never first; ties by id).
 * Returns null when nobody eligible is on shift.
 */
export function pickRoundRobin(shifts: readonly { userId: string; lastAssignedAt: Date | null }[], only: readonly string[] = []): string | null {
  const pool = shifts.filter((s) => only.length === 0 || only.includes(s.userId));
  if (pool.length === 0) return null;
  pool.sort((a, b) => (a.lastAssignedAt?.getTime() ?? -1) - (b.lastAssignedAt?.getTime() ?? -1) || (a.userId < b.userId ? -1 : 1));
  return pool[0]!.userId;
}

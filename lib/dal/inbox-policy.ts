import "server-only";
import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { channels, inboxPolicy, inboxRules, inboxShifts, userRoles, users, webhookDeliveries } from "@/db/schema";
import { ROLES, roleHas } from "@/lib/auth/permissions";
import {
  POLICY_SCHEMAS,
  RULE_CONFIG_SCHEMAS,
  policyFromRows,
  ruleFromRow,
  type InboxPolicy,
  type InboxRule,
  type PolicyKey,
} from "@/lib/domain/inbox-policy";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { parseInput } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * The inbox policy the manager sets (inbox.policy_manage): SLA targets per priority and their
 * clock, business hours, risk thresholds, spike settings; the ingestion rules; who is on shift.
 * Read by whoever works or oversees the inbox (inbox.read: the community manager sees the rules
 * that route work to them). Every change is audited with before/after in its transaction.
 */

export type InboxSettingsDto = {
  policy: InboxPolicy;
  rules: (InboxRule & { createdAt: Date })[];
  shifts: { userId: string; name: string | null; onShift: boolean; lastAssignedAt: Date | null }[];
  /** People who may answer the inbox (inbox.reply), active — the candidates for shifts and rules. */
  agents: { id: string; name: string | null }[];
  channels: { id: string; name: string; platform: string }[];
  deliveries: { last24h: number; stored24h: number; lastAt: Date | null };
  canManage: boolean;
};

async function agentsList(): Promise<{ id: string; name: string | null }[]> {
  const roles = ROLES.filter((r) => roleHas(r, "inbox.reply"));
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, roles), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name))
    .limit(500);
}

/** inbox.read — the whole settings page's data. */
export async function getInboxSettings(viewer: Viewer): Promise<InboxSettingsDto> {
  authorize(viewer, "inbox.read");
  const since = new Date(Date.now() - 86_400_000);
  const [pol, ruleRows, shiftRows, agents, chans, [del]] = await Promise.all([
    db.select({ key: inboxPolicy.key, value: inboxPolicy.value }).from(inboxPolicy),
    db
      .select({ id: inboxRules.id, kind: inboxRules.kind, enabled: inboxRules.enabled, position: inboxRules.position, config: inboxRules.config, createdAt: inboxRules.createdAt })
      .from(inboxRules)
      .orderBy(asc(inboxRules.position), asc(inboxRules.createdAt))
      .limit(200),
    db
      .select({ userId: inboxShifts.userId, name: users.name, onShift: inboxShifts.onShift, lastAssignedAt: inboxShifts.lastAssignedAt })
      .from(inboxShifts)
      .innerJoin(users, eq(users.id, inboxShifts.userId))
      .orderBy(asc(users.name)),
    agentsList(),
    db.select({ id: channels.id, name: channels.displayName, platform: channels.platform }).from(channels).where(eq(channels.status, "active")).orderBy(asc(channels.displayName)),
    db
      .select({
        n: sql<number>`count(*)::int`,
        stored: sql<number>`coalesce(sum(${webhookDeliveries.stored}), 0)::int`,
        last: sql<Date | null>`max(${webhookDeliveries.receivedAt})`,
      })
      .from(webhookDeliveries)
      .where(gte(webhookDeliveries.receivedAt, since)),
  ]);
  const rules = ruleRows.flatMap((r) => {
    const rule = ruleFromRow(r);
    return rule ? [{ ...rule, createdAt: r.createdAt }] : [];
  });
  return {
    policy: policyFromRows(pol),
    rules,
    shifts: shiftRows,
    agents,
    channels: chans,
    deliveries: { last24h: del?.n ?? 0, stored24h: del?.stored ?? 0, lastAt: del?.last ? new Date(del.last) : null },
    canManage: viewer.permissions.has("inbox.policy_manage"),
  };
}

// ── policy ──────────────────────────────────────────────────────────────────

export const updatePolicySchema = z.discriminatedUnion("key", [
  z.strictObject({ key: z.literal("sla"), value: POLICY_SCHEMAS.sla }),
  z.strictObject({ key: z.literal("business_hours"), value: POLICY_SCHEMAS.business_hours }),
  z.strictObject({ key: z.literal("thresholds"), value: POLICY_SCHEMAS.thresholds }),
  z.strictObject({ key: z.literal("spike"), value: POLICY_SCHEMAS.spike }),
]);
export type UpdatePolicyInput = z.input<typeof updatePolicySchema>;

const POLICY_FIELD: Record<PolicyKey, keyof InboxPolicy> = { sla: "sla", business_hours: "businessHours", thresholds: "thresholds", spike: "spike" };

/** inbox.policy_manage — replaces one policy key (applies to items arriving from now on). */
export async function updateInboxPolicy(viewer: Viewer, input: UpdatePolicyInput): Promise<{ key: PolicyKey }> {
  authorize(viewer, "inbox.policy_manage");
  const data = parseInput(updatePolicySchema, input);
  await db.transaction(async (tx) => {
    const rows = await tx.select({ key: inboxPolicy.key, value: inboxPolicy.value }).from(inboxPolicy).for("update");
    const before = policyFromRows(rows)[POLICY_FIELD[data.key]];
    await tx
      .insert(inboxPolicy)
      .values({ key: data.key, value: data.value, updatedById: viewer.id, updatedAt: new Date() })
      .onConflictDoUpdate({ target: inboxPolicy.key, set: { value: data.value, updatedById: viewer.id, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox_policy.updated",
      subjectType: "inbox_policy",
      subjectId: data.key,
      requestId: viewer.requestId,
      data: { before, after: data.value },
    });
  });
  return { key: data.key };
}

// ── rules ───────────────────────────────────────────────────────────────────

const ruleInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("auto_assign"), config: RULE_CONFIG_SCHEMAS.auto_assign, enabled: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal("auto_hide"), config: RULE_CONFIG_SCHEMAS.auto_hide, enabled: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal("auto_escalate"), config: RULE_CONFIG_SCHEMAS.auto_escalate, enabled: z.boolean().default(true) }),
]);
export const createRuleSchema = ruleInput;
export type CreateRuleInput = z.input<typeof createRuleSchema>;
export const updateRuleSchema = z.strictObject({ id: z.uuid(), enabled: z.boolean().optional(), move: z.enum(["up", "down"]).optional() });
export type UpdateRuleInput = z.input<typeof updateRuleSchema>;
export const deleteRuleSchema = z.strictObject({ id: z.uuid() });
export type DeleteRuleInput = z.input<typeof deleteRuleSchema>;

const MAX_RULES = 100;

async function checkUsers(ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const agents = new Set((await agentsList()).map((a) => a.id));
  if (ids.some((id) => !agents.has(id))) throw new AppError("VALIDATION", "invalid_input", { "config.userIds": ["not_an_agent"] });
}

async function checkChannels(ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const found = await db.select({ id: channels.id }).from(channels).where(inArray(channels.id, [...ids]));
  if (found.length !== new Set(ids).size) throw new AppError("VALIDATION", "invalid_input", { "config.channelIds": ["unknown_channel"] });
}

/** inbox.policy_manage — adds a rule at the end of the order. */
export async function createInboxRule(viewer: Viewer, input: CreateRuleInput): Promise<{ id: string }> {
  authorize(viewer, "inbox.policy_manage");
  const data = parseInput(createRuleSchema, input);
  await checkChannels(data.config.channelIds);
  if (data.kind === "auto_assign") await checkUsers(data.config.userIds);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox_rules'))`);
    const [{ n, max } = { n: 0, max: -1 }] = await tx.select({ n: sql<number>`count(*)::int`, max: sql<number>`coalesce(max(${inboxRules.position}), -1)::int` }).from(inboxRules);
    if (n >= MAX_RULES) throw new AppError("CONFLICT", "too_many_rules");
    const [row] = await tx
      .insert(inboxRules)
      .values({ kind: data.kind, config: data.config, enabled: data.enabled, position: max + 1, createdById: viewer.id })
      .returning({ id: inboxRules.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox_rule.created",
      subjectType: "inbox_rule",
      subjectId: row!.id,
      requestId: viewer.requestId,
      data: { kind: data.kind, config: data.config, enabled: data.enabled },
    });
    return { id: row!.id };
  });
}

/** inbox.policy_manage — switch a rule on/off or move it one place up/down. */
export async function updateInboxRule(viewer: Viewer, input: UpdateRuleInput): Promise<{ id: string }> {
  authorize(viewer, "inbox.policy_manage");
  const data = parseInput(updateRuleSchema, input);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox_rules'))`);
    const all = await tx.select({ id: inboxRules.id, enabled: inboxRules.enabled, position: inboxRules.position }).from(inboxRules).orderBy(asc(inboxRules.position), asc(inboxRules.createdAt));
    const i = all.findIndex((r) => r.id === data.id);
    if (i < 0) throw new AppError("NOT_FOUND");
    const before = { enabled: all[i]!.enabled, position: i };
    if (data.enabled !== undefined) await tx.update(inboxRules).set({ enabled: data.enabled }).where(eq(inboxRules.id, data.id));
    let position = i;
    if (data.move) {
      const j = data.move === "up" ? i - 1 : i + 1;
      if (j >= 0 && j < all.length) {
        [all[i], all[j]] = [all[j]!, all[i]!];
        position = j;
        for (let k = 0; k < all.length; k++) if (all[k]!.position !== k) await tx.update(inboxRules).set({ position: k }).where(eq(inboxRules.id, all[k]!.id));
      }
    }
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox_rule.updated",
      subjectType: "inbox_rule",
      subjectId: data.id,
      requestId: viewer.requestId,
      data: { before, after: { enabled: data.enabled ?? before.enabled, position } },
    });
    return { id: data.id };
  });
}

/** inbox.policy_manage — deletes a rule (moderation actions it caused keep its id in the audit). */
export async function deleteInboxRule(viewer: Viewer, input: DeleteRuleInput): Promise<{ id: string }> {
  authorize(viewer, "inbox.policy_manage");
  const data = parseInput(deleteRuleSchema, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ id: inboxRules.id, kind: inboxRules.kind, config: inboxRules.config }).from(inboxRules).where(eq(inboxRules.id, data.id)).for("update");
    if (!row) throw new AppError("NOT_FOUND");
    // Moderation actions reference the rule: keep them, forget the link.
    await tx.execute(sql`update moderation_actions set rule_id = null where rule_id = ${data.id}`);
    await tx.delete(inboxRules).where(eq(inboxRules.id, data.id));
    await recordAudit(tx, { actor: actorOf(viewer), action: "inbox_rule.deleted", subjectType: "inbox_rule", subjectId: data.id, requestId: viewer.requestId, data: { before: { kind: row.kind, config: row.config } } });
    return { id: data.id };
  });
}

// ── shifts ──────────────────────────────────────────────────────────────────

export const setShiftSchema = z.strictObject({ userId: z.string().min(1).max(100), onShift: z.boolean() });
export type SetShiftInput = z.input<typeof setShiftSchema>;

/** inbox.policy_manage — puts an agent on or off shift (round robin only picks who is on). */
export async function setInboxShift(viewer: Viewer, input: SetShiftInput): Promise<{ userId: string; onShift: boolean }> {
  authorize(viewer, "inbox.policy_manage");
  const data = parseInput(setShiftSchema, input);
  await checkUsers([data.userId]).catch(() => {
    throw new AppError("VALIDATION", "invalid_input", { userId: ["not_an_agent"] });
  });
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ onShift: inboxShifts.onShift }).from(inboxShifts).where(eq(inboxShifts.userId, data.userId)).for("update");
    await tx.insert(inboxShifts).values({ userId: data.userId, onShift: data.onShift }).onConflictDoUpdate({ target: inboxShifts.userId, set: { onShift: data.onShift } });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox_shift.updated",
      subjectType: "user",
      subjectId: data.userId,
      requestId: viewer.requestId,
      data: { before: { onShift: before?.onShift ?? false }, after: { onShift: data.onShift } },
    });
    return data;
  });
}


/**
 * Demo inbox history (issue 4): ~330 items over the last three days across the eight channels —
 * a slow day, two normal days, and last evening a burst of complaints about a food-safety scare on
 * あおば食品's Facebook page (with the spike alert it raised). Older items are mostly answered and
 * closed, some breached their SLA and were escalated, spam was hidden by the rule; the last hours
 * are open and assigned round robin. Also the default inbox policy, three rules and the shift list.
 *
 * Triage and SLA due times come from the same pure functions ingestion uses; rows are written
 * directly (seed-time code), idempotently (fixed ids; ON CONFLICT DO NOTHING). Deterministic.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { escalations, inboxItems, inboxPolicy, inboxRules, inboxShifts, moderationActions, spikeAlerts } from "@/db/schema";
import { DEFAULT_POLICY } from "@/lib/domain/inbox-policy";
import { authorFor, pickLine, rng, type StreamMode } from "@/lib/domain/inbox-corpus";
import { compileRiskLexicon, type RiskTerm } from "@/lib/domain/risk";
import { slaDueAt } from "@/lib/domain/sla";
import { windowStart } from "@/lib/domain/spike";
import { triage } from "@/lib/domain/triage";
import { CHANNEL_IDS, RISK_LEXICON, demoUserId, CHANNEL_PLATFORM } from "./demo";

const MIN = 60_000;
const HOUR = 60 * MIN;
const PLATFORM = CHANNEL_PLATFORM;
const BRAND: Record<keyof typeof CHANNEL_IDS, string> = {
  cafeX: "00000000-0000-4000-8000-00000000b001",
  cafeInstagram: "00000000-0000-4000-8000-00000000b001",
  cafeLine: "00000000-0000-4000-8000-00000000b001",
  beautyInstagram: "00000000-0000-4000-8000-00000000b002",
  beautyTiktok: "00000000-0000-4000-8000-00000000b002",
  beautyYoutube: "00000000-0000-4000-8000-00000000b002",
  foodsFacebook: "00000000-0000-4000-8000-00000000b003",
  foodsX: "00000000-0000-4000-8000-00000000b003",
};
const id = (kind: number, n: number) => `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;
export const SEED_RULE_IDS = { hideSpam: id(0x301, 1), escalate: id(0x301, 2), assign: id(0x301, 3) } as const;

export async function seedInbox(db: Db, now: Date = new Date()): Promise<void> {
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from inbox_items where external_id like 'seed-inbox-%'`);
  await seedPolicy(db);
  if (n > 0) return; // history is relative to the first seeding's "now"; do not add a second one

  const lexicon = compileRiskLexicon(RISK_LEXICON as RiskTerm[]);
  const r = rng(20_260_401);
  const agents = [demoUserId("community"), demoUserId("community2"), demoUserId("multi")];
  const keys = Object.keys(CHANNEL_IDS) as (keyof typeof CHANNEL_IDS)[];
  const burstStart = new Date(now.getTime() - 20 * HOUR);
  const plan: { at: Date; ch: keyof typeof CHANNEL_IDS; mode: StreamMode }[] = [];
  // A slow day (72–48 h ago), two normal ones, a burst last evening on the foods Facebook page.
  for (let i = 0; i < 40; i++) plan.push({ at: new Date(now.getTime() - 48 * HOUR - r() * 24 * HOUR), ch: keys[Math.floor(r() * keys.length)]!, mode: "slow" });
  for (let i = 0; i < 250; i++) plan.push({ at: new Date(now.getTime() - r() * 48 * HOUR), ch: keys[Math.floor(r() * keys.length)]!, mode: "normal" });
  for (let i = 0; i < 34; i++) plan.push({ at: new Date(burstStart.getTime() + r() * 28 * MIN), ch: "foodsFacebook", mode: "burst" });
  plan.sort((a, b) => a.at.getTime() - b.at.getTime());

  const items: (typeof inboxItems.$inferInsert)[] = [];
  const escs: (typeof escalations.$inferInsert)[] = [];
  const mods: (typeof moderationActions.$inferInsert)[] = [];
  let rr = 0;
  plan.forEach((p, n) => {
    const line = pickLine(r, p.mode);
    const t = triage({ text: line.text, kind: line.kind }, lexicon);
    const author = authorFor(r, line.text);
    const platform = PLATFORM[p.ch];
    const itemId = id(0x300, n + 1);
    const post = `${platform}-post-${Math.floor(p.at.getTime() / (6 * HOUR))}`;
    const due = slaDueAt(p.at, DEFAULT_POLICY.sla[t.priority], DEFAULT_POLICY.businessHours);
    const age = now.getTime() - p.at.getTime();
    const row: typeof inboxItems.$inferInsert = {
      id: itemId,
      channelId: CHANNEL_IDS[p.ch],
      brandId: BRAND[p.ch],
      platform,
      externalId: `seed-inbox-${n + 1}`,
      kind: line.kind,
      threadKey: line.kind === "dm" ? `${platform}:dm:${author.id}` : line.kind === "review" ? `${platform}:review:seed-${n}` : `${platform}:${post}`,
      parentExternalId: line.kind === "comment" || line.kind === "mention" ? post : null,
      authorExternalId: author.id,
      authorHandle: author.handle,
      authorName: author.name,
      text: line.text,
      language: t.language,
      sentiment: t.sentiment,
      riskScore: t.riskScore,
      riskReasons: t.riskReasons,
      priority: t.priority,
      status: "open",
      slaDueAt: due,
      receivedAt: p.at,
      raw: { sandbox: true, seed: true },
      createdAt: p.at,
      updatedAt: p.at,
    };
    if (t.spam) {
      Object.assign(row, { status: "hidden", hiddenAt: new Date(p.at.getTime() + 2_000), hiddenReason: "spam", hiddenById: null });
      mods.push({ inboxItemId: itemId, action: "hide", state: "done", reason: "spam", ruleId: SEED_RULE_IDS.hideSpam, createdAt: p.at, completedAt: new Date(p.at.getTime() + 3_000) });
      items.push(row);
      return;
    }
    const assignee = agents[rr++ % agents.length]!;
    if (age > 6 * HOUR && r() < 0.82) {
      // Answered: mostly within the target, some late.
      const slaMs = due.getTime() - p.at.getTime();
      const answeredAfter = Math.max(4 * MIN, slaMs * (r() < 0.85 ? 0.2 + r() * 0.7 : 1.1 + r() * 0.8));
      const first = new Date(Math.min(now.getTime() - MIN, p.at.getTime() + answeredAfter));
      Object.assign(row, { assigneeId: assignee, firstResponseAt: first, status: "closed", closedAt: new Date(first.getTime() + 10 * MIN), slaWarnedAt: first > due ? due : null, slaBreachedAt: first > due ? due : null });
    } else {
      Object.assign(row, { assigneeId: age > 20 * MIN ? assignee : null, status: age > 20 * MIN ? "assigned" : "open" });
      if (due.getTime() < now.getTime()) {
        Object.assign(row, { slaWarnedAt: new Date(due.getTime() - 10 * MIN), slaBreachedAt: due, escalatedAt: due });
        escs.push({ inboxItemId: itemId, toRole: "social_media_manager", reason: "sla_breached", createdById: null, createdAt: due });
      } else if (due.getTime() - now.getTime() < 30 * MIN) {
        row.slaWarnedAt = new Date(now.getTime() - MIN);
      }
    }
    if (t.riskScore >= 80 && row.status !== "closed") {
      Object.assign(row, { status: "escalated", escalatedAt: row.escalatedAt ?? new Date(p.at.getTime() + 5_000) });
      escs.push({ inboxItemId: itemId, toRole: "pr", reason: `auto_escalate: risk ${t.riskScore} ≥ 80`, createdById: null, createdAt: new Date(p.at.getTime() + 5_000) });
    }
    items.push(row);
  });

  await db.transaction(async (tx) => {
    for (let i = 0; i < items.length; i += 200) await tx.insert(inboxItems).values(items.slice(i, i + 200)).onConflictDoNothing();
    if (escs.length) await tx.insert(escalations).values(escs);
    if (mods.length) await tx.insert(moderationActions).values(mods);
    const ws = windowStart(new Date(burstStart.getTime() + 10 * MIN), DEFAULT_POLICY.spike.windowMinutes);
    await tx
      .insert(spikeAlerts)
      .values({ id: id(0x302, 1), channelId: CHANNEL_IDS.foodsFacebook, windowStart: ws, windowEnd: new Date(ws.getTime() + DEFAULT_POLICY.spike.windowMinutes * MIN), count: 21, baseline: 1, notifiedAt: new Date(ws.getTime() + 12 * MIN) })
      .onConflictDoNothing();
  });
}

async function seedPolicy(db: Db): Promise<void> {
  await db
    .insert(inboxPolicy)
    .values([
      { key: "sla", value: DEFAULT_POLICY.sla },
      { key: "business_hours", value: DEFAULT_POLICY.businessHours },
      { key: "thresholds", value: DEFAULT_POLICY.thresholds },
      { key: "spike", value: DEFAULT_POLICY.spike },
    ])
    .onConflictDoNothing();
  await db
    .insert(inboxRules)
    .values([
      { id: SEED_RULE_IDS.hideSpam, kind: "auto_hide", config: { channelIds: [], spam: true, profanity: false }, position: 0, createdById: demoUserId("manager") },
      { id: SEED_RULE_IDS.escalate, kind: "auto_escalate", config: { channelIds: [], minRisk: 80, toRole: "pr" }, position: 1, createdById: demoUserId("manager") },
      { id: SEED_RULE_IDS.assign, kind: "auto_assign", config: { channelIds: [], language: null, mode: "round_robin", userIds: [] }, position: 2, createdById: demoUserId("manager") },
    ])
    .onConflictDoNothing();
  await db
    .insert(inboxShifts)
    .values([
      { userId: demoUserId("community"), onShift: true },
      { userId: demoUserId("community2"), onShift: true },
      { userId: demoUserId("multi"), onShift: false },
    ])
    .onConflictDoNothing();
}

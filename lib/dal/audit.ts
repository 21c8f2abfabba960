import "server-only";
import { sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Tx } from "@/db";
import { GENESIS_HASH, computeAuditHash, type ChainedFields } from "./audit-chain";

// The pure chain logic lives in ./audit-chain (importable by the CLI); re-exported for DAL callers.
export { GENESIS_HASH, canonicalJson, computeAuditHash, verifyChain } from "./audit-chain";
export type { ChainedFields, ChainReport } from "./audit-chain";

/** Arbitrary constant: the advisory lock that keeps the chain linear under concurrency. */
const AUDIT_LOCK_KEY = 7_270_001;

export type AuditActor = { id: string | null; label: string };
export type AuditInput = {
  actor: AuditActor;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
  requestId?: string | null;
};

/**
 * Appends one event to the chain. Must run inside the transaction of the change it records,
 * so that both commit or neither does. Internal to the DAL: callers have checked permission.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<{ id: number; hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const last = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.id} desc`)
    .limit(1);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  // Millisecond precision on both sides (column is timestamptz(3)), so the hash round-trips.
  const at = new Date();
  const fields: ChainedFields = {
    at,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    data: input.data ?? {},
    requestId: input.requestId ?? null,
  };
  const hash = computeAuditHash(prevHash, fields);
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...fields, data: fields.data as Record<string, unknown>, prevHash, hash })
    .returning({ id: auditEvents.id });
  return { id: row!.id, hash };
}

/**
 * Appends several events in one go (one lock, one read of the chain's tail, one INSERT): for hot
 * paths such as the publisher, where the chain's lock is the bottleneck. Same rules as recordAudit.
 */
export async function recordAudits(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  if (inputs.length === 1) {
    await recordAudit(tx, inputs[0]!);
    return;
  }
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const last = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.id} desc`)
    .limit(1);
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = inputs.map((input) => {
    const fields: ChainedFields = {
      at,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      data: input.data ?? {},
      requestId: input.requestId ?? null,
    };
    const hash = computeAuditHash(prevHash, fields);
    const row = { ...fields, data: fields.data as Record<string, unknown>, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // One statement: ids are drawn in VALUES order, which is the chain's order.
  await tx.insert(auditEvents).values(rows);
}

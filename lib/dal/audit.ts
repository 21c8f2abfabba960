import "server-only";
import { createHash } from "node:crypto";
import { asc, gt, sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Tx } from "@/db";

export const GENESIS_HASH = "0".repeat(64);
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

/** JSON with sorted keys, so that jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export type ChainedFields = {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: unknown;
  requestId: string | null;
};

export function computeAuditHash(prevHash: string, f: ChainedFields): string {
  const body = canonicalJson({
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorLabel: f.actorLabel,
    action: f.action,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    data: f.data ?? {},
    requestId: f.requestId,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

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

export type ChainReport =
  | { ok: true; checked: number; lastId: number | null }
  | { ok: false; checked: number; brokenAt: number; reason: "hash_mismatch" | "prev_hash_mismatch"; expected: string; found: string };

/**
 * Walks the whole chain in id order. Finds an edited row (its hash no longer matches its
 * content), a deleted or reordered row, or an inserted forgery (prev_hash does not match the
 * row before it). Reports the first broken entry.
 */
export async function verifyChain(tx: Tx, batchSize = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prev) {
        return { ok: false, checked, brokenAt: r.id, reason: "prev_hash_mismatch", expected: prev, found: r.prevHash };
      }
      const expected = computeAuditHash(r.prevHash, r);
      if (expected !== r.hash) {
        return { ok: false, checked, brokenAt: r.id, reason: "hash_mismatch", expected, found: r.hash };
      }
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
  return { ok: true, checked, lastId: checked ? lastId : null };
}

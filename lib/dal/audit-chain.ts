/**
 * The hash chain of audit_events as pure logic plus one read-only walk. No "server-only" marker:
 * the `npm run audit:verify` CLI imports this file directly. recordAudit (which writes) stays in
 * ./audit.ts, which re-exports everything here.
 */
import { createHash } from "node:crypto";
import { asc, gt } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { Tx } from "@/db";
import { canonicalJson } from "@/lib/domain/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export { canonicalJson };

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

import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { auditEvents } from "@/db/schema";
import { canonicalJson, recordAudit, verifyChain } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";
import { cleanSearch, likeEscape } from "./admin-shared";
import { CSV_BOM, auditExportFilename, csvRow, formatLocalTimestamp, safeTimeZone } from "./admin-csv";
import type { AuditFilter } from "./admin-audit-filters";

export type { AuditFilter } from "./admin-audit-filters";

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_BATCH = 1000;

export type AuditEventDto = {
  id: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: unknown;
  requestId: string | null;
};

const eventColumns = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  data: auditEvents.data,
  requestId: auditEvents.requestId,
};

function filterConditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  const actor = cleanSearch(filter.actor, "actor");
  const action = cleanSearch(filter.action, "action", 100);
  const subjectType = cleanSearch(filter.subjectType, "subjectType", 50);
  const subjectId = cleanSearch(filter.subjectId, "subjectId");
  if (actor) where.push(or(eq(auditEvents.actorId, actor), ilike(auditEvents.actorLabel, `%${likeEscape(actor)}%`))!);
  if (action) where.push(sql`${auditEvents.action} like ${`${likeEscape(action)}%`}`);
  if (subjectType) where.push(eq(auditEvents.subjectType, subjectType));
  if (subjectId) where.push(eq(auditEvents.subjectId, subjectId));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lt(auditEvents.at, filter.to));
  return where;
}

/**
 * audit.read — the whole audit log (company-wide), newest first, filtered by actor, action
 * prefix, subject and time; keyset pages of 50 (`before` = the last id of the previous page).
 */
export async function listAuditEvents(
  viewer: Viewer,
  filter: AuditFilter = {},
  page: { before?: number; limit?: number } = {},
): Promise<{ items: AuditEventDto[]; nextBefore: number | null }> {
  authorize(viewer, "audit.read");
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? AUDIT_PAGE_SIZE), 1), 200);
  const where = filterConditions(filter);
  if (page.before !== undefined && Number.isSafeInteger(page.before)) where.push(lt(auditEvents.id, page.before));
  const rows = await db
    .select(eventColumns)
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.id : null };
}

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at_utc",
  "at_local",
  "time_zone",
  "actor_id",
  "actor",
  "action",
  "subject_type",
  "subject_id",
  "data",
  "request_id",
  "prev_hash",
  "hash",
] as const;

/**
 * audit.export — the whole audit log (company-wide) matching the filter, as CSV text chunks
 * (BOM and header first, then rows newest first in batches of 1000). The export is audited
 * (`audit.exported`, with the filter) before the first byte, and covers the events before it.
 */
export async function exportAuditCsv(
  viewer: Viewer,
  filter: AuditFilter = {},
): Promise<{ filename: string; chunks: AsyncGenerator<string, void, void> }> {
  authorize(viewer, "audit.export");
  const where = filterConditions(filter);
  const timeZone = safeTimeZone(viewer.timeZone);
  const exported = await db.transaction((tx) =>
    recordAudit(tx, {
      actor: actorOf(viewer),
      action: "audit.exported",
      subjectType: "audit_log",
      data: {
        format: "csv",
        filter: {
          ...filter,
          ...(filter.from ? { from: filter.from.toISOString() } : {}),
          ...(filter.to ? { to: filter.to.toISOString() } : {}),
        },
      },
      requestId: viewer.requestId,
    }),
  );
  async function* chunks(): AsyncGenerator<string, void, void> {
    yield CSV_BOM + csvRow(AUDIT_CSV_COLUMNS);
    let before = exported.id;
    for (;;) {
      const rows = await db
        .select({ ...eventColumns, prevHash: auditEvents.prevHash, hash: auditEvents.hash })
        .from(auditEvents)
        .where(and(...where, lt(auditEvents.id, before)))
        .orderBy(desc(auditEvents.id))
        .limit(EXPORT_BATCH);
      if (rows.length === 0) return;
      yield rows
        .map((r) =>
          csvRow([
            r.id,
            r.at.toISOString(),
            formatLocalTimestamp(r.at, timeZone),
            timeZone,
            r.actorId,
            r.actorLabel,
            r.action,
            r.subjectType,
            r.subjectId,
            canonicalJson(r.data),
            r.requestId,
            r.prevHash,
            r.hash,
          ]),
        )
        .join("");
      if (rows.length < EXPORT_BATCH) return;
      before = rows[rows.length - 1]!.id;
    }
  }
  return { filename: auditExportFilename(new Date(), timeZone), chunks: chunks() };
}

export type AuditVerificationDto =
  | { ok: true; checked: number; lastId: number | null; verifiedAt: Date }
  | { ok: false; checked: number; brokenAt: number; reason: "hash_mismatch" | "prev_hash_mismatch"; verifiedAt: Date };

/**
 * audit.verify — walks the whole chain (company-wide) and reports OK with the count, or the
 * first broken entry and why. The verification is itself recorded (`audit.verified`).
 */
export async function verifyAuditChain(viewer: Viewer): Promise<AuditVerificationDto> {
  authorize(viewer, "audit.verify");
  const report = await verifyChain(db);
  const verifiedAt = new Date();
  const result: AuditVerificationDto = report.ok
    ? { ok: true, checked: report.checked, lastId: report.lastId, verifiedAt }
    : { ok: false, checked: report.checked, brokenAt: report.brokenAt, reason: report.reason, verifiedAt };
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: actorOf(viewer),
      action: "audit.verified",
      subjectType: "audit_log",
      data: report.ok
        ? { ok: true, checked: report.checked, lastId: report.lastId }
        : { ok: false, checked: report.checked, brokenAt: report.brokenAt, reason: report.reason },
      requestId: viewer.requestId,
    }),
  );
  return result;
}

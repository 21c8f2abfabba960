import "server-only";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { idpGroupMappings, notifications, sessions, userRoles, workerHeartbeats } from "@/db/schema";
import { recordAudit, verifyChain } from "./audit";
import { SESSION_ABSOLUTE_MS } from "./identity";

/**
 * Work the job worker does as the system itself (no person is signed in). These are never
 * reachable from a page, action or route; the worker process is their only caller.
 */

/** Records that a worker is alive (read by /api/health and the admin overview). */
export async function beatWorker(workerId: string, startedAt: Date, info: Record<string, unknown>): Promise<void> {
  await db
    .insert(workerHeartbeats)
    .values({ workerId, startedAt, beatAt: new Date(), info })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { beatAt: new Date(), info } });
}

/** Deletes sessions past their expiry or their absolute lifetime; returns how many. */
export async function purgeExpiredSessions(): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expires, new Date()), lt(sessions.createdAt, new Date(Date.now() - SESSION_ABSOLUTE_MS))))
    .returning({ t: sessions.sessionToken });
  return rows.length;
}

/** Verifies the audit chain; on a break, tells every admin and records the finding. */
export async function verifyAuditChainAsSystem(): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
  const report = await verifyChain(db);
  if (report.ok) return { ok: true, checked: report.checked };
  await db.transaction(async (tx) => {
    const admins = await tx.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "admin"));
    if (admins.length) {
      await tx.insert(notifications).values(
        admins.map((a) => ({
          userId: a.userId,
          kind: "audit.chain_broken",
          title: `監査ログの改ざんを検知しました (#${report.brokenAt}) / Audit chain broken at #${report.brokenAt}`,
          link: "/admin/audit",
        })),
      );
    }
    await recordAudit(tx, {
      actor: { id: null, label: "system" },
      action: "audit.chain_broken",
      subjectType: "audit_event",
      subjectId: String(report.brokenAt),
      data: { reason: report.reason, checked: report.checked },
    });
  });
  return { ok: false, checked: report.checked, brokenAt: report.brokenAt };
}

export async function databaseNow(): Promise<Date> {
  const [r] = await db.execute<{ now: Date }>(sql`select now() as now`);
  return new Date(r!.now);
}

/** Closes the pool when a worker process stops. */
export async function closeDatabase(): Promise<void> {
  await closeDb();
}

/**
 * First-run bootstrap from the command line (npm run admin:bootstrap): maps an IdP group to the
 * admin role so IT can sign in and manage everything else in /admin. Audited as the system.
 */
export async function bootstrapAdminMapping(groupName: string): Promise<"created" | "exists"> {
  const name = groupName.trim();
  if (!name || name.length > 200) throw new Error("group name must be 1–200 characters");
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: idpGroupMappings.id })
      .from(idpGroupMappings)
      .where(and(eq(sql`lower(${idpGroupMappings.groupName})`, name.toLowerCase()), eq(idpGroupMappings.role, "admin")));
    if (existing.length) return "exists";
    const [row] = await tx.insert(idpGroupMappings).values({ groupName: name, role: "admin" }).returning({ id: idpGroupMappings.id });
    await recordAudit(tx, {
      actor: { id: null, label: "system (admin:bootstrap)" },
      action: "idp_mapping.created",
      subjectType: "idp_group_mapping",
      subjectId: row!.id,
      data: { groupName: name, role: "admin", via: "cli" },
    });
    return "created";
  });
}

/** Shared helpers for database tests: real users with real roles, loaded as real viewers. */
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { loadViewer, type Viewer } from "@/lib/dal/viewer";
import { ROLES, type Role } from "@/lib/auth/permissions";

export { ROLES };
export type { Role };

/** A new user holding exactly these roles, as the DAL sees them. */
export async function viewerWith(roles: Role[], o: { name?: string } = {}): Promise<Viewer> {
  const { id } = await createUser(getDb(), { roles, name: o.name });
  const v = await loadViewer(id);
  if (!v) throw new Error("viewer did not load");
  return v;
}

/** One viewer per role (plus one with no role), created once per test file. */
export async function viewersByRole(): Promise<Record<Role | "none", Viewer>> {
  const out = {} as Record<Role | "none", Viewer>;
  for (const r of ROLES) out[r] = await viewerWith([r], { name: `${r} person` });
  out.none = await viewerWith([], { name: "no-role person" });
  return out;
}

export async function auditCount(action?: string): Promise<number> {
  const db = getDb();
  const q = db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  const [row] = action ? await q.where(eq(auditEvents.action, action)) : await q;
  return row?.n ?? 0;
}

export async function lastAudit() {
  const [row] = await getDb().select().from(auditEvents).orderBy(sql`id desc`).limit(1);
  return row ?? null;
}

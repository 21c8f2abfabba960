/**
 * The "never without an admin" guards, on a database of their own (they need to know exactly
 * who the active admins are).
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { userRoles } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { AppError } from "@/lib/errors";
import { deactivateUser, grantRole, revokeRole } from "@/lib/dal/admin";
import { ADMIN_ERRORS } from "@/lib/dal/admin-errors";
import { loadViewer } from "@/lib/dal/viewer";
import { auditCount, viewerWith } from "./helpers";

async function adminIds(): Promise<string[]> {
  const rows = await getDb().select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "admin"));
  return rows.map((r) => r.id).sort();
}

describe("last active admin", () => {
  it("an admin may drop their own admin role while another admin remains, but the last one may not", async () => {
    const a = await viewerWith(["admin"], { name: "管理 A" });
    const b = await viewerWith(["admin"], { name: "管理 B" });
    await revokeRole(a, { userId: b.id, role: "admin" });
    expect(await adminIds()).toEqual([a.id]);

    const before = await auditCount();
    const err = await revokeRole(a, { userId: a.id, role: "admin" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "CONFLICT", message: ADMIN_ERRORS.lastAdmin });
    expect(await adminIds()).toEqual([a.id]);
    expect(await auditCount()).toBe(before);

    // A second admin appears; now either may go.
    await grantRole(a, { userId: b.id, role: "admin" });
    await revokeRole(a, { userId: a.id, role: "admin" });
    expect(await adminIds()).toEqual([b.id]);
  });

  it("a deactivated admin does not count, and their admin role can be removed freely", async () => {
    const [only] = await adminIds();
    const gone = await createUser(getDb(), { roles: ["admin"], deactivated: true });
    const actor = await viewerWith(["admin"]);
    await revokeRole(actor, { userId: gone.id, role: "admin" });
    // Back to one active admin besides `actor`: remove actor's role is fine, then `only` is last.
    await revokeRole(actor, { userId: actor.id, role: "admin" });
    expect(await adminIds()).toEqual([only]);
  });

  it("deactivating the last active admin is refused, even by a viewer loaded before their own role went", async () => {
    const [last] = await adminIds();
    // `stale` was an admin when this request began; its role is gone by the time it acts.
    const stale = await viewerWith(["admin"], { name: "古い 管理者" });
    await getDb().delete(userRoles).where(eq(userRoles.userId, stale.id));
    const before = await auditCount();
    await expect(deactivateUser(stale, { userId: last! })).rejects.toMatchObject({ code: "CONFLICT", message: ADMIN_ERRORS.lastAdmin });
    expect(await auditCount()).toBe(before);
  });

  it("two admins removing each other's admin role at the same moment: exactly one succeeds", async () => {
    const survivors = await adminIds();
    // Leave exactly two active admins: p and q.
    const p = await viewerWith(["admin"], { name: "同時 P" });
    const q = await viewerWith(["admin"], { name: "同時 Q" });
    for (const id of survivors) await revokeRole(p, { userId: id, role: "admin" });
    expect(await adminIds()).toEqual([p.id, q.id].sort());

    const results = await Promise.allSettled([revokeRole(p, { userId: q.id, role: "admin" }), revokeRole(q, { userId: p.id, role: "admin" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "CONFLICT", message: ADMIN_ERRORS.lastAdmin });
    expect(await adminIds()).toHaveLength(1);
  });

  it("deactivating one admin while the other drops their own admin role: the portal keeps an active admin", async () => {
    const [p] = await adminIds();
    const q = await viewerWith(["admin"], { name: "同時 R" });
    const results = await Promise.allSettled([deactivateUser(q, { userId: p! }), revokeRole(q, { userId: q.id, role: "admin" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", message: ADMIN_ERRORS.lastAdmin } });
    const active = [];
    for (const id of await adminIds()) if (await loadViewer(id)) active.push(id);
    expect(active).toHaveLength(1);
  });
});

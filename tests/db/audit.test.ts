import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recordAudit, recordAudits, verifyChain } from "@/lib/dal/audit";

describe("audit chain smoke", () => {
  it("appends and verifies", async () => {
    const db = getDb();
    await db.transaction((tx) => recordAudit(tx, { actor: { id: null, label: "test" }, action: "test.one", subjectType: "test", data: { b: 1, a: "日本語" } }));
    await db.transaction((tx) => recordAudit(tx, { actor: { id: null, label: "test" }, action: "test.two", subjectType: "test" }));
    const r = await verifyChain(db);
    expect(r).toMatchObject({ ok: true, checked: 2 });
    await expect(db.execute(sql`update audit_events set action = 'x'`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
  });
});

describe("recordAudits (several events in one append)", () => {
  it("chains them in order, interleaved with single appends from concurrent transactions, and the chain verifies", async () => {
    const db = getDb();
    const actor = { id: null, label: "test" };
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        db.transaction((tx) => recordAudits(tx, [0, 1, 2].map((k) => ({ actor, action: "test.batch", subjectType: "t", subjectId: `${i}:${k}`, data: { i, k } })))),
      ),
      ...Array.from({ length: 10 }, (_, i) => db.transaction((tx) => recordAudit(tx, { actor, action: "test.single", subjectType: "t", subjectId: String(i) }))),
    ]);
    const rows = await db.execute<{ subject_id: string }>(sql`select subject_id from audit_events where action = 'test.batch' order by id`);
    // Within one batch the order of the inputs is kept.
    const byBatch = new Map<string, number[]>();
    for (const r of rows) {
      const [i, k] = r.subject_id.split(":");
      byBatch.set(i!, [...(byBatch.get(i!) ?? []), Number(k)]);
    }
    for (const ks of byBatch.values()) expect(ks).toEqual([0, 1, 2]);
    expect(rows).toHaveLength(30);
    const report = await verifyChain(db);
    expect(report.ok).toBe(true);
  });
});

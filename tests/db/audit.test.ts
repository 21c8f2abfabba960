import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recordAudit, verifyChain } from "@/lib/dal/audit";

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

/**
 * The audit chain as the admin area sees it: append-only trigger, 200 concurrent audited
 * changes, and tampering done as the database owner (triggers disabled) that verifyAuditChain
 * must catch, naming the first broken entry. Each tamper is undone afterwards so the next case
 * starts from an intact chain; the one that cannot be undone (a forgery at the end) runs last.
 */
process.env.DATABASE_POOL_MAX = "20";

import { beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { computeAuditHash, verifyChain } from "@/lib/dal/audit";
import { grantRole, revokeRole, verifyAuditChain } from "@/lib/dal/admin";
import type { Viewer } from "@/lib/dal/viewer";
import { auditCount, lastAudit, viewerWith } from "./helpers";

const db = () => getDb();
let admin: Viewer;

beforeAll(async () => {
  admin = await viewerWith(["admin"], { name: "監査 検証者" });
  // Some history to tamper with.
  for (let i = 0; i < 6; i++) {
    const { id } = await createUser(db());
    await grantRole(admin, { userId: id, role: "pr" });
  }
});

type Row = typeof auditEvents.$inferSelect;

async function rows(): Promise<Row[]> {
  return db().select().from(auditEvents).orderBy(asc(auditEvents.id));
}

/** As the owner: with the append-only triggers off, run raw statements, then switch them back on. */
async function tamper(fn: () => Promise<unknown>) {
  await db().execute(sql`alter table audit_events disable trigger user`);
  try {
    await fn();
  } finally {
    await db().execute(sql`alter table audit_events enable trigger user`);
  }
}

async function overwrite(id: number, r: Omit<Row, "id">) {
  await db()
    .update(auditEvents)
    .set({ at: r.at, actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, data: r.data, requestId: r.requestId, prevHash: r.prevHash, hash: r.hash })
    .where(eq(auditEvents.id, id));
}

/** verifyAuditChain through the DAL, checking that the verification itself was recorded. */
async function verifyAsAdmin() {
  const r = await verifyAuditChain(admin);
  const rec = await lastAudit();
  expect(rec).toMatchObject({ action: "audit.verified", actorId: admin.id, data: r.ok ? { ok: true, checked: r.checked } : { ok: false, brokenAt: r.brokenAt, reason: r.reason } });
  return r;
}

async function middle(): Promise<[Row, Row, Row]> {
  const all = await rows();
  const i = Math.floor(all.length / 2);
  return [all[i - 1]!, all[i]!, all[i + 1]!];
}

describe("append-only", () => {
  it("UPDATE, DELETE and TRUNCATE on audit_events are refused by the trigger", async () => {
    const refused = (op: string) => ({ cause: { message: expect.stringMatching(new RegExp(`append-only \\(${op} refused\\)`)) } });
    const before = await rows();
    await expect(db().execute(sql`update audit_events set actor_label = 'x'`)).rejects.toMatchObject(refused("UPDATE"));
    await expect(db().update(auditEvents).set({ data: {} }).where(eq(auditEvents.id, before[0]!.id))).rejects.toMatchObject(refused("UPDATE"));
    await expect(db().execute(sql`delete from audit_events where id = ${before[0]!.id}`)).rejects.toMatchObject(refused("DELETE"));
    await expect(db().execute(sql`truncate audit_events`)).rejects.toMatchObject(refused("TRUNCATE"));
    expect(await rows()).toEqual(before);
  });
});

describe("concurrency", () => {
  it("200 concurrent audited role changes leave a chain that verifies with exactly the expected count", async () => {
    const people = [];
    for (let i = 0; i < 100; i++) people.push(await createUser(db(), { roles: ["pr"] }));
    const before = await auditCount();
    const results = await Promise.allSettled(
      people.flatMap((p) => [grantRole(admin, { userId: p.id, role: "content_creator" }), revokeRole(admin, { userId: p.id, role: "pr" })]),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await auditCount()).toBe(before + 200);
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: before + 200 });
    expect(await verifyAsAdmin()).toMatchObject({ ok: true, checked: before + 200 });
    // Ids and prev_hash links agree: each row points at the one before it.
    const all = await rows();
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
  });
});

describe("verifyAuditChain finds tampering and names the first broken entry", () => {
  it("an edited row", async () => {
    const [, victim] = await middle();
    await tamper(() => db().execute(sql`update audit_events set data = jsonb_set(data, '{role}', '"admin"') where id = ${victim.id}`));
    expect(await verifyAsAdmin()).toMatchObject({ ok: false, brokenAt: victim.id, reason: "hash_mismatch" });
    await tamper(() => overwrite(victim.id, victim));
    expect(await verifyAsAdmin()).toMatchObject({ ok: true });
  });

  it("an edited timestamp or actor (not just data)", async () => {
    const [, victim] = await middle();
    await tamper(() => db().execute(sql`update audit_events set at = at + interval '1 millisecond' where id = ${victim.id}`));
    expect(await verifyChain(db())).toMatchObject({ ok: false, brokenAt: victim.id, reason: "hash_mismatch" });
    await tamper(() => db().execute(sql`update audit_events set at = ${victim.at.toISOString()}::timestamptz, actor_label = 'someone else' where id = ${victim.id}`));
    expect(await verifyChain(db())).toMatchObject({ ok: false, brokenAt: victim.id, reason: "hash_mismatch" });
    await tamper(() => overwrite(victim.id, victim));
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("a deleted row: the entry after the gap is reported", async () => {
    const [, victim, next] = await middle();
    await tamper(() => db().execute(sql`delete from audit_events where id = ${victim.id}`));
    expect(await verifyAsAdmin()).toMatchObject({ ok: false, brokenAt: next.id, reason: "prev_hash_mismatch" });
    await tamper(() => db().insert(auditEvents).values(victim));
    expect(await verifyAsAdmin()).toMatchObject({ ok: true });
  });

  it("a reordered pair (whole rows swapped): the first of the two is reported", async () => {
    const [, a, b] = await middle();
    await tamper(async () => {
      await overwrite(a.id, b);
      await overwrite(b.id, a);
    });
    expect(await verifyAsAdmin()).toMatchObject({ ok: false, brokenAt: a.id, reason: "prev_hash_mismatch" });
    await tamper(async () => {
      await overwrite(a.id, a);
      await overwrite(b.id, b);
    });
    expect(await verifyAsAdmin()).toMatchObject({ ok: true });
  });

  it("a reordered pair (contents swapped, hash columns left in place)", async () => {
    const [, a, b] = await middle();
    await tamper(async () => {
      await overwrite(a.id, { ...b, prevHash: a.prevHash, hash: a.hash });
      await overwrite(b.id, { ...a, prevHash: b.prevHash, hash: b.hash });
    });
    expect(await verifyAsAdmin()).toMatchObject({ ok: false, brokenAt: a.id, reason: "hash_mismatch" });
    await tamper(async () => {
      await overwrite(a.id, a);
      await overwrite(b.id, b);
    });
    expect(await verifyAsAdmin()).toMatchObject({ ok: true });
  });

  it("a forgery inserted into an id gap, with a made-up prev_hash, or correctly linked", async () => {
    // Open a gap in the ids, then write real events after it.
    const [{ max }] = (await db().execute<{ max: number }>(sql`select max(id)::int as max from audit_events`)) as unknown as [{ max: number }];
    await db().execute(sql`select setval('audit_events_id_seq', ${max + 10})`);
    const { id: uid } = await createUser(db());
    await grantRole(admin, { userId: uid, role: "legal" });
    const all = await rows();
    const before = all.find((r) => r.id === max)!;
    const after = all.find((r) => r.id > max)!;
    const forgedId = max + 5;
    const fields = { at: new Date(before.at.getTime() + 1), actorId: admin.id, actorLabel: admin.name, action: "user.role_granted", subjectType: "user", subjectId: uid, data: { role: "admin", source: "manual" }, requestId: null };

    // (a) made-up links: caught at the forgery itself.
    await tamper(() => db().insert(auditEvents).values({ id: forgedId, ...fields, prevHash: "f".repeat(64), hash: "e".repeat(64) }));
    expect(await verifyAsAdmin()).toMatchObject({ ok: false, brokenAt: forgedId, reason: "prev_hash_mismatch" });
    await tamper(() => db().execute(sql`delete from audit_events where id = ${forgedId}`));
    expect(await verifyChain(db())).toMatchObject({ ok: true });

    // (b) a careful forger links it to the row before and hashes it properly: the next real row no longer links.
    await tamper(() => db().insert(auditEvents).values({ id: forgedId, ...fields, prevHash: before.hash, hash: computeAuditHash(before.hash, fields) }));
    expect(await verifyAsAdmin()).toMatchObject({ ok: false, brokenAt: after.id, reason: "prev_hash_mismatch" });
    await tamper(() => db().execute(sql`delete from audit_events where id = ${forgedId}`));
    expect(await verifyAsAdmin()).toMatchObject({ ok: true });
  });

  it("a forgery appended at the end with a wrong prev_hash (last: it cannot be undone cleanly)", async () => {
    const last = (await lastAudit())!;
    const intact = await auditCount();
    const forgedId = last.id + 1;
    await tamper(() =>
      db()
        .insert(auditEvents)
        .values({ id: forgedId, at: new Date(), actorId: null, actorLabel: "forger", action: "user.role_granted", subjectType: "user", subjectId: admin.id, data: {}, requestId: null, prevHash: "0".repeat(64), hash: "1".repeat(64) }),
    );
    await db().execute(sql`select setval('audit_events_id_seq', ${forgedId})`);
    const r = await verifyAsAdmin();
    expect(r).toMatchObject({ ok: false, brokenAt: forgedId, reason: "prev_hash_mismatch", checked: intact });
  });
});

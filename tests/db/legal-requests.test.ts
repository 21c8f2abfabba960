/**
 * The legal-request contract (lib/dal/legal-requests.ts) on real PostgreSQL: requestLegalReview is
 * idempotent per subject version, withdraws the open review of an older version, links the last
 * decided review and carries its conditions, notifies Legal and writes the audit row; bad input
 * stores nothing; legalClearance answers per exact hash.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { legalReviews, notifications } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/dal/viewer";
import { legalClearance, legalSnapshotHash, requestLegalReview, withdrawLegalReview } from "@/lib/dal/legal-requests";
import { SLA } from "@/lib/domain/legal-review";
import { auditCount, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
const db = () => getDb();
let n = 0;
const subject = () => `reply-${++n}-${Date.now()}`;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function reviewCount(): Promise<number> {
  const [r] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(legalReviews);
  return r!.n;
}

function req(subjectId: string, text: string, o: Partial<Parameters<typeof requestLegalReview>[1]> = {}) {
  const snapshot = { text, inboxItemId: "x" };
  return {
    subjectKind: "reply" as const,
    subjectId,
    title: `返信: ${text.slice(0, 20)}`,
    snapshot,
    subjectHash: legalSnapshotHash(snapshot),
    requestedById: V.community_manager.id,
    brandId: BRAND_IDS.cafe,
    channelId: CHANNEL_IDS.cafeX,
    ...o,
  };
}

describe("requestLegalReview", () => {
  it("creates an open review with the kind's SLA, notifies Legal and writes the audit row", async () => {
    const before = await auditCount("legal_review.requested");
    const s = subject();
    const t0 = Date.now();
    const r = await db().transaction((tx) => requestLegalReview(tx, req(s, "ご不便をおかけしました")));
    expect(r.created).toBe(true);
    const [row] = await db().select().from(legalReviews).where(eq(legalReviews.id, r.id));
    expect(row!.state).toBe("open");
    expect(row!.subjectKind).toBe("reply");
    expect(row!.requestedById).toBe(V.community_manager.id);
    expect(row!.brandId).toBe(BRAND_IDS.cafe);
    expect(row!.snapshot).toEqual({ text: "ご不便をおかけしました", inboxItemId: "x" });
    const due = row!.dueAt!.getTime() - t0;
    expect(due).toBeGreaterThan(SLA.reply.dueMs - 60_000);
    expect(due).toBeLessThanOrEqual(SLA.reply.dueMs + 60_000);
    expect(await auditCount("legal_review.requested")).toBe(before + 1);
    const notes = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.kind, "legal.requested"), eq(notifications.link, `/legal/queue/${r.id}`)));
    expect(notes.map((x) => x.userId)).toContain(V.legal.id);
    expect(notes.map((x) => x.userId)).not.toContain(V.community_manager.id);
  });

  it("is idempotent for the same subject and hash", async () => {
    const s = subject();
    const a = await db().transaction((tx) => requestLegalReview(tx, req(s, "同じ文面")));
    const count = await reviewCount();
    const audits = await auditCount();
    const b = await db().transaction((tx) => requestLegalReview(tx, req(s, "同じ文面")));
    expect(b).toEqual({ id: a.id, created: false });
    expect(await reviewCount()).toBe(count);
    expect(await auditCount()).toBe(audits);
  });

  it("concurrent identical requests create one review", async () => {
    const s = subject();
    const rs = await Promise.all([1, 2, 3].map(() => db().transaction((tx) => requestLegalReview(tx, req(s, "並行")))));
    expect(new Set(rs.map((r) => r.id)).size).toBe(1);
    expect(rs.filter((r) => r.created)).toHaveLength(1);
  });

  it("withdraws the open review of an older hash, and an earlier due time wins", async () => {
    const s = subject();
    const a = await db().transaction((tx) => requestLegalReview(tx, req(s, "版1")));
    const soon = new Date(Date.now() + 10 * 60_000);
    const b = await db().transaction((tx) => requestLegalReview(tx, req(s, "版2", { dueAt: soon })));
    expect(b.id).not.toBe(a.id);
    const [old] = await db().select().from(legalReviews).where(eq(legalReviews.id, a.id));
    expect(old!.state).toBe("withdrawn");
    const [cur] = await db().select().from(legalReviews).where(eq(legalReviews.id, b.id));
    expect(cur!.dueAt!.getTime()).toBe(soon.getTime());
    expect(cur!.previousReviewId).toBeNull(); // the withdrawn one was never decided
    expect(await legalClearance(db(), "reply", s, req(s, "版1").subjectHash)).toBe("none");
    expect(await legalClearance(db(), "reply", s, req(s, "版2").subjectHash)).toBe("pending");
  });

  it("links the last decided review and carries its conditions, unmet", async () => {
    const s = subject();
    const a = await db().transaction((tx) => requestLegalReview(tx, req(s, "最安値です")));
    await db()
      .update(legalReviews)
      .set({
        state: "approved_with_conditions",
        decidedAt: new Date(),
        decidedById: V.legal.id,
        assigneeId: V.legal.id,
        conditionItems: [{ id: "c1", text: "「最安値」を削除すること", met: false }],
      })
      .where(eq(legalReviews.id, a.id));
    const b = await db().transaction((tx) => requestLegalReview(tx, req(s, "お得です")));
    const [row] = await db().select().from(legalReviews).where(eq(legalReviews.id, b.id));
    expect(row!.previousReviewId).toBe(a.id);
    expect(row!.assigneeId).toBe(V.legal.id);
    expect(row!.conditionItems).toEqual([{ id: "c1", text: "「最安値」を削除すること", met: false }]);
    expect(await legalClearance(db(), "reply", s, req(s, "最安値です").subjectHash)).toBe("approved_with_conditions");
  });

  it("bad input changes nothing (VALIDATION)", async () => {
    const count = await reviewCount();
    const audits = await auditCount();
    const bad: Partial<Parameters<typeof requestLegalReview>[1]>[] = [
      { subjectHash: "not-a-hash" },
      { title: "   " },
      { subjectId: "" },
      { requestedById: "no-such-user" },
      { brandId: "not-a-uuid" },
      { snapshot: { big: "x".repeat(210_000) } },
      { subjectKind: "tweet" as never },
    ];
    for (const o of bad) {
      const err = await db()
        .transaction((tx) => requestLegalReview(tx, req(subject(), "x", o)))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err, JSON.stringify(Object.keys(o))).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("VALIDATION");
    }
    expect(await reviewCount()).toBe(count);
    expect(await auditCount()).toBe(audits);
  });
});

describe("legalClearance", () => {
  it("answers per exact hash: none, pending, decided; another hash never counts", async () => {
    const s = subject();
    const r1 = req(s, "版A");
    expect(await legalClearance(db(), "reply", s, r1.subjectHash)).toBe("none");
    const a = await db().transaction((tx) => requestLegalReview(tx, r1));
    expect(await legalClearance(db(), "reply", s, r1.subjectHash)).toBe("pending");
    await db().update(legalReviews).set({ state: "approved", decidedAt: new Date() }).where(eq(legalReviews.id, a.id));
    expect(await legalClearance(db(), "reply", s, r1.subjectHash)).toBe("approved");
    expect(await legalClearance(db(), "reply", s, req(s, "版B").subjectHash)).toBe("none");
    expect(await legalClearance(db(), "ad_creative", s, r1.subjectHash)).toBe("none");
    await db().update(legalReviews).set({ state: "rejected" }).where(eq(legalReviews.id, a.id));
    expect(await legalClearance(db(), "reply", s, r1.subjectHash)).toBe("rejected");
  });

  it("withdrawLegalReview withdraws the open one with an audit row", async () => {
    const s = subject();
    const r1 = req(s, "取り下げ");
    await db().transaction((tx) => requestLegalReview(tx, r1));
    const before = await auditCount("legal_review.withdrawn");
    const k = await db().transaction((tx) => withdrawLegalReview(tx, "reply", s, { id: V.community_manager.id, label: "cm" }));
    expect(k).toBe(1);
    expect(await auditCount("legal_review.withdrawn")).toBe(before + 1);
    expect(await legalClearance(db(), "reply", s, r1.subjectHash)).toBe("none");
  });
});

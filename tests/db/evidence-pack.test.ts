/**
 * Evidence packs on real PostgreSQL (lib/dal/evidence.ts, lib/evidence/render.ts): the pack of a
 * post walked through the real workflow lists every one of its audit events with the chain's
 * hashes (the CSV, parsed, matches audit_events row for row), every revision, decision, hold and
 * publication; the PDF carries the Japanese text (extracted from its streams); Legal and the
 * manager only; exporting is audited; the CSV is formula-injection safe.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, inboxItems, legalReviews, postTargets, publications, replies } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { createDraft, decideStage, saveRevision, submitForReview } from "@/lib/dal/posts";
import { placeHold, releaseHold } from "@/lib/dal/legal-holds";
import { postEvidence, recordEvidenceExport, replyEvidence } from "@/lib/dal/evidence";
import { EVIDENCE_CSV_COLUMNS, renderEvidenceCsv, renderEvidencePdf } from "@/lib/evidence/render";
import { parseCsv } from "../support/csv";
import { pdfText } from "../support/pdf-text";
import { lastAudit, ROLES, viewerWith, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
let CREATOR: Viewer;
const db = () => getDb();
const WHO = [...ROLES, "none"] as const;
const TITLE = "春の新作「桜ラテ」タイアップ";
const TEXT1 = "【PR】春の新作「桜ラテ」を○○さんと一緒に味わいました!";
const TEXT2 = "【PR】春の新作「桜ラテ」を○○さんと一緒に味わいました。#あおばカフェ";

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
  // A person whose name starts like a spreadsheet formula: the CSV must neutralise it.
  CREATOR = await viewerWith(["content_creator"], { name: "=HYPERLINK(\"http://evil.example\",\"x\")" });
});

async function expectAppError(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

/** A commercial post: drafted, revised, submitted, PR ✓, Legal ✓, final ✓, a hold placed and released, published on X. */
async function walkedPost() {
  const d = await createDraft(CREATOR, { brandId: BRAND_IDS.cafe, title: TITLE, isCommercial: true, variants: [{ channelId: CHANNEL_IDS.cafeX, text: TEXT1 }] });
  const r2 = await saveRevision(CREATOR, { postId: d.postId, expectedRevisionId: d.revisionId, variants: [{ channelId: CHANNEL_IDS.cafeX, text: TEXT2 }] });
  await submitForReview(CREATOR, { postId: d.postId, revisionId: r2.revisionId });
  await decideStage(V.pr, { postId: d.postId, revisionId: r2.revisionId, stage: "pr", decision: "approved" });
  await decideStage(V.legal, { postId: d.postId, revisionId: r2.revisionId, stage: "legal", decision: "approved", reason: "表記OK" });
  await decideStage(V.social_media_manager, { postId: d.postId, revisionId: r2.revisionId, stage: "final", decision: "approved" });
  const hold = await placeHold(V.legal, { subjectKind: "post", postId: d.postId, reason: "景表法の照会に備えた保全" });
  await releaseHold(V.legal, { holdId: hold.id, reason: "照会終了" });
  const [t] = await db().select({ id: postTargets.id }).from(postTargets).where(eq(postTargets.postId, d.postId));
  await db().update(postTargets).set({ state: "published" }).where(eq(postTargets.id, t!.id));
  await db().insert(publications).values({ targetId: t!.id, state: "published", externalId: "sbx-123", externalUrl: "https://sandbox.example/p/123", publishedAt: new Date(), attempts: 1 });
  return { postId: d.postId, holdId: hold.id };
}

describe("post evidence pack", () => {
  it("matches the post's audit events row for row (CSV), with every revision, decision and hold", async () => {
    const { postId, holdId } = await walkedPost();
    const pack = await postEvidence(V.legal, postId);

    // The post's own events, and those of its Legal review requests and holds.
    const reviewIds = (await db().select({ id: legalReviews.id }).from(legalReviews).where(eq(legalReviews.postId, postId))).map((r) => r.id);
    const expected = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          inArray(auditEvents.subjectType, ["post", "legal_hold", "legal_review"]),
          inArray(auditEvents.subjectId, [postId, holdId, ...reviewIds]),
        ),
      )
      .orderBy(asc(auditEvents.id));
    expect(reviewIds.length).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(pack.events.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(pack.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["post.created", "post.revised", "post.submitted", "post.decision", "legal_hold.placed", "legal_hold.released"]),
    );
    expect(pack.chain.allHashesOk).toBe(true);

    const rows = parseCsv(renderEvidenceCsv(pack));
    expect(rows[0]).toEqual([...EVIDENCE_CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body.length).toBe(expected.length);
    body.forEach((r, i) => {
      const e = expected[i]!;
      const rec = Object.fromEntries(EVIDENCE_CSV_COLUMNS.map((c, j) => [c, r[j]]));
      expect(rec.event_id).toBe(String(e.id));
      expect(rec.at_utc).toBe(e.at.toISOString());
      expect(rec.action).toBe(e.action);
      expect(rec.subject_id).toBe(e.subjectId);
      expect(rec.prev_hash).toBe(e.prevHash);
      expect(rec.hash).toBe(e.hash);
      expect(rec.hash_ok).toBe("true");
      expect(JSON.parse(rec.data!)).toEqual(e.data);
    });
    // The formula-looking name is neutralised (a leading quote), the rest kept.
    const creatorRow = body.find((r) => r[EVIDENCE_CSV_COLUMNS.indexOf("action")] === "post.created")!;
    expect(creatorRow[EVIDENCE_CSV_COLUMNS.indexOf("actor")]!.startsWith("'=HYPERLINK")).toBe(true);

    // Domain tables.
    expect(pack.revisions.map((r) => [r.number, r.variants[0]!.text])).toEqual([
      [1, TEXT1],
      [2, TEXT2],
    ]);
    expect(pack.revisions[1]!.checks.legalReasons).toContain("commercial");
    expect(pack.decisions.map((d) => [d.stage, d.decision, d.revisionNumber])).toEqual([
      ["pr", "approved", 2],
      ["legal", "approved", 2],
      ["final", "approved", 2],
    ]);
    expect(pack.decisions.find((d) => d.stage === "legal")).toMatchObject({ reviewerName: "legal person" });
    expect(pack.holds).toEqual([expect.objectContaining({ id: holdId, reason: "景表法の照会に備えた保全", releaseReason: "照会終了", placedByName: "legal person" })]);
    expect(pack.publications).toEqual([expect.objectContaining({ state: "published", externalId: "sbx-123" })]);
  });

  it("renders a PDF whose text (embedded Japanese font) lists the post, its texts and every event with its hash", async () => {
    const { postId } = await walkedPost();
    const pack = await postEvidence(V.social_media_manager, postId);
    const pdf = await renderEvidencePdf(pack);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/FontFile2|\/FontFile3/);
    const text = pdfText(pdf);
    expect(text).toContain("証拠資料");
    expect(text).toContain(TITLE);
    expect(text).toContain("#あおばカフェ");
    expect(text).toContain("景表法の照会に備えた保全");
    for (const e of pack.events) {
      expect(text).toContain(`#${e.id}`);
      expect(text).toContain(e.action);
      expect(text).toContain(e.hash);
    }
  });

  it("Legal and the manager export; everyone else FORBIDDEN; unknown and malformed ids NOT_FOUND; the export is audited", async () => {
    const { postId } = await walkedPost();
    for (const who of WHO) {
      const p = postEvidence(V[who], postId);
      if (who !== "none" && roleHas(who, "evidence.export")) {
        const pack = await p;
        await recordEvidenceExport(V[who], pack, "csv");
        expect(await lastAudit()).toMatchObject({ action: "evidence.exported", actorId: V[who].id, subjectType: "post", subjectId: postId, data: { format: "csv", events: pack.chain.count } });
      } else await expectAppError(p, "FORBIDDEN");
    }
    expect(WHO.filter((w) => w !== "none" && roleHas(w, "evidence.export")).sort()).toEqual(["legal", "social_media_manager"]);
    await expectAppError(postEvidence(V.legal, crypto.randomUUID()), "NOT_FOUND");
    await expectAppError(postEvidence(V.legal, "../../etc/passwd"), "NOT_FOUND");
    await expectAppError(replyEvidence(V.legal, crypto.randomUUID()), "NOT_FOUND");
    // A second pack includes the first export (never its own).
    const again = await postEvidence(V.legal, postId);
    expect(again.events.filter((e) => e.action === "evidence.exported").length).toBe(2);
  });
});

describe("reply evidence pack", () => {
  it("lists the reply, the thread it answers, its events and the holds on the thread", async () => {
    const [item] = await db()
      .insert(inboxItems)
      .values({ channelId: CHANNEL_IDS.cafeX, platform: "x", externalId: `ev-${Date.now()}`, kind: "comment", threadKey: "ev-thread-1", authorExternalId: "u-77", authorHandle: "@angry_customer", text: "対応が遅すぎます。訴えます。", receivedAt: new Date(Date.now() - 3_600_000) })
      .returning({ id: inboxItems.id });
    const [reply] = await db()
      .insert(replies)
      .values({ inboxItemId: item!.id, authorId: V.community_manager.id, text: "ご不便をおかけし申し訳ございません。DMで詳細を伺えますか。", state: "sent", sentAt: new Date(), externalId: "sbx-r-1" })
      .returning({ id: replies.id });
    await placeHold(V.legal, { subjectKind: "inbox_thread", threadKey: "ev-thread-1", reason: "訴訟予告" });
    const pack = await replyEvidence(V.legal, reply!.id);
    expect(pack.kind).toBe("reply");
    expect(pack.thread.map((m) => m.text)).toEqual(["対応が遅すぎます。訴えます。", "ご不便をおかけし申し訳ございません。DMで詳細を伺えますか。"]);
    expect(pack.holds.map((h) => h.reason)).toEqual(["訴訟予告"]);
    expect(pack.events.map((e) => e.action)).toContain("legal_hold.placed");
    const text = pdfText(await renderEvidencePdf(pack));
    expect(text).toContain("訴訟予告");
    expect(text).toContain("@angry_customer");
    expect((await db().select().from(replies).where(eq(replies.id, reply!.id))).length).toBe(1);
  });
});

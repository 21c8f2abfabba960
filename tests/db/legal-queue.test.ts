/**
 * Legal's queue and structured reviews (lib/dal/legal-queue.ts) on real PostgreSQL, per role:
 * only Legal assigns, saves and decides (every other role FORBIDDEN); reading needs legal_review.read;
 * NOT_FOUND for unknown reviews; decisions bind to the hash; conditions block the next approval until
 * Legal marks them met (also through the post workflow); bad input changes nothing; audit rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { approvals, legalReviews, posts, takedownRequests } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { legalSnapshotHash, requestLegalReview } from "@/lib/dal/legal-requests";
import {
  assignLegalReview,
  createTakedown,
  decideLegalReview,
  getLegalReview,
  listLegalQueue,
  saveLegalReview,
  scanLegalSla,
  setConditionMet,
} from "@/lib/dal/legal-queue";
import { createDraft, decideStage, getPost, saveRevision, submitForReview } from "@/lib/dal/posts";
import { auditCount, ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;
let legal2: Viewer;
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000f0000";
let seq = 0;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
  legal2 = await viewerWith(["legal"], { name: "second legal" });
});

async function expectAppError(p: Promise<unknown>, code: AppError["code"], message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code, (err as AppError).message).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

/** A reply review (non-post kind) requested by the community manager. */
async function replyReview(text = `返信文 ${++seq}: 当店は日本一のコーヒーです`) {
  const snapshot = { text, inboxItemText: "コーヒーが冷めていました" };
  const subjectHash = legalSnapshotHash(snapshot);
  const subjectId = `reply-${seq}-${Date.now()}`;
  const r = await db().transaction((tx) =>
    requestLegalReview(tx, {
      subjectKind: "reply",
      subjectId,
      title: "返信の確認",
      snapshot,
      subjectHash,
      requestedById: V.community_manager.id,
      brandId: BRAND_IDS.cafe,
      channelId: CHANNEL_IDS.cafeX,
    }),
  );
  return { id: r.id, subjectId, subjectHash };
}

async function reviewRow(id: string) {
  const [row] = await db().select().from(legalReviews).where(eq(legalReviews.id, id));
  return row!;
}

/** Table fingerprint: nothing changed when it is equal before and after. */
async function fingerprint() {
  const [r] = await db()
    .select({
      n: sql<string>`md5(coalesce(string_agg(row_to_json(l)::text, '|' order by id), ''))`,
    })
    .from(sql`legal_reviews l`);
  const [t] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(takedownRequests);
  return `${r!.n}:${t!.n}:${await auditCount()}`;
}

const PR_TEXT = "【PR】あおばカフェ×フォトグラファー森田さんのコラボです。\n秋の新作をご紹介します。";

/** A commercial post submitted by the creator: its legal stage opens a structured review. */
async function submittedCommercialPost(text = PR_TEXT) {
  const d = await createDraft(V.content_creator, {
    brandId: BRAND_IDS.cafe,
    title: `タイアップ投稿 ${++seq}`,
    isCommercial: true,
    variants: [{ channelId: CHANNEL_IDS.cafeX, text }],
  });
  await submitForReview(V.content_creator, {
    postId: d.postId,
    revisionId: d.revisionId,
  });
  const [row] = await db()
    .select()
    .from(legalReviews)
    .where(and(eq(legalReviews.subjectKind, "post_revision"), eq(legalReviews.postId, d.postId), eq(legalReviews.revisionId, d.revisionId)));
  return { ...d, review: row! };
}

describe("listLegalQueue / getLegalReview — per role", () => {
  for (const who of WHO) {
    const allowed = who !== "none" && roleHas(who, "legal_review.read");
    it(`${who}: ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
      const r = await replyReview();
      if (allowed) {
        const q = await listLegalQueue(V[who]);
        expect(q.items.some((i) => i.id === r.id)).toBe(true);
        const d = await getLegalReview(V[who], r.id);
        expect(d.kind).toBe("reply");
        expect(d.automatic.claims.map((c) => c.term)).toContain("日本一");
        expect(d.canDecide).toBe(who === "legal");
      } else {
        await expectAppError(listLegalQueue(V[who]), "FORBIDDEN");
        await expectAppError(getLegalReview(V[who], r.id), "FORBIDDEN");
      }
    });
  }
  it("NOT_FOUND for an unknown or malformed id; VALIDATION for a bad filter", async () => {
    await expectAppError(getLegalReview(V.legal, UNKNOWN), "NOT_FOUND");
    await expectAppError(getLegalReview(V.legal, "x'; drop table legal_reviews;--"), "NOT_FOUND");
    await expectAppError(listLegalQueue(V.legal, { kind: "tweet" as never }), "VALIDATION");
    await expectAppError(listLegalQueue(V.legal, { extra: 1 } as never), "VALIDATION");
  });
  it("filters by kind, assignee, risk and sorts by due time", async () => {
    const a = await replyReview();
    await assignLegalReview(V.legal, {
      reviewId: a.id,
      assigneeId: V.legal.id,
    });
    const mine = await listLegalQueue(V.legal, {
      assignee: "me",
      kind: "reply",
    });
    expect(mine.items.every((i) => i.assigneeId === V.legal.id && i.kind === "reply")).toBe(true);
    expect(mine.items.some((i) => i.id === a.id)).toBe(true);
    const none = await listLegalQueue(V.legal, {
      kind: "talent_usage",
      risk: "high",
    });
    expect(none.items.every((i) => i.kind === "talent_usage" && i.risk === "high")).toBe(true);
    const all = await listLegalQueue(V.legal);
    const dues = all.items.map((i) => i.dueAt?.getTime() ?? Infinity);
    expect([...dues].sort((x, y) => x - y)).toEqual(dues);
  });
});

describe("assign / save / condition / decide — only Legal", () => {
  for (const who of WHO) {
    const allowed = who !== "none" && roleHas(who, "legal_review.decide");
    it(`${who}: ${allowed ? "allowed" : "FORBIDDEN, nothing changes"}`, async () => {
      const r = await replyReview();
      const row = await reviewRow(r.id);
      if (allowed) {
        const before = await auditCount("legal_review.assigned");
        await assignLegalReview(V[who], {
          reviewId: r.id,
          assigneeId: legal2.id,
        });
        expect(await auditCount("legal_review.assigned")).toBe(before + 1);
        expect((await reviewRow(r.id)).state).toBe("in_progress");
        const s = await saveLegalReview(V[who], {
          reviewId: r.id,
          version: row.version + 1,
          risk: "high",
          checklist: [{ item: "regulated_claims", result: "issue", note: "日本一" }],
          findings: [
            {
              severity: "high",
              item: "regulated_claims",
              note: "根拠なし",
              templateKey: "superlative_no_evidence",
            },
          ],
        });
        expect(s.version).toBe(row.version + 2);
        const d = await decideLegalReview(V[who], {
          reviewId: r.id,
          subjectHash: r.subjectHash,
          decision: "rejected",
          reason: "「日本一」の根拠がありません",
        });
        expect(d.state).toBe("rejected");
        const after = await reviewRow(r.id);
        expect(after.decisionHash).toBe(r.subjectHash);
        expect(after.decidedById).toBe(V[who].id);
      } else {
        const fp = await fingerprint();
        await expectAppError(assignLegalReview(V[who], { reviewId: r.id, assigneeId: V.legal.id }), "FORBIDDEN");
        await expectAppError(
          saveLegalReview(V[who], {
            reviewId: r.id,
            version: row.version,
            checklist: [],
            findings: [],
          }),
          "FORBIDDEN",
        );
        await expectAppError(
          setConditionMet(V[who], {
            reviewId: r.id,
            conditionId: "c1",
            subjectHash: r.subjectHash,
            met: true,
          }),
          "FORBIDDEN",
        );
        await expectAppError(
          decideLegalReview(V[who], {
            reviewId: r.id,
            subjectHash: r.subjectHash,
            decision: "approved",
          }),
          "FORBIDDEN",
        );
        expect(await fingerprint()).toBe(fp);
      }
    });
  }

  it("NOT_FOUND for unknown reviews; assignment only to legal staff", async () => {
    await expectAppError(assignLegalReview(V.legal, { reviewId: UNKNOWN, assigneeId: null }), "NOT_FOUND");
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: UNKNOWN,
        subjectHash: "a".repeat(64),
        decision: "approved",
      }),
      "NOT_FOUND",
    );
    const r = await replyReview();
    const fp = await fingerprint();
    await expectAppError(assignLegalReview(V.legal, { reviewId: r.id, assigneeId: V.pr.id }), "VALIDATION");
    expect(await fingerprint()).toBe(fp);
  });

  it("bad input changes nothing", async () => {
    const r = await replyReview();
    const row = await reviewRow(r.id);
    const fp = await fingerprint();
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r.id,
        subjectHash: r.subjectHash,
        decision: "rejected",
      }),
      "VALIDATION",
    );
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r.id,
        subjectHash: r.subjectHash,
        decision: "approved_with_conditions",
        conditions: ["  "],
      }),
      "VALIDATION",
    );
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r.id,
        subjectHash: r.subjectHash,
        decision: "maybe" as never,
      }),
      "VALIDATION",
    );
    await expectAppError(
      saveLegalReview(V.legal, {
        reviewId: r.id,
        version: row.version,
        checklist: [{ item: "not_an_item", result: "ok" }],
        findings: [],
      }),
      "VALIDATION",
    );
    await expectAppError(
      saveLegalReview(V.legal, {
        reviewId: r.id,
        version: row.version,
        checklist: [],
        findings: [{ severity: "fatal" as never, note: "x" }],
      }),
      "VALIDATION",
    );
    await expectAppError(
      saveLegalReview(V.legal, {
        reviewId: r.id,
        version: row.version,
        checklist: [],
        findings: [{ severity: "low", note: "x".repeat(3000) }],
      }),
      "VALIDATION",
    );
    await expectAppError(
      saveLegalReview(V.legal, {
        reviewId: r.id,
        version: row.version + 7,
        checklist: [],
        findings: [],
      }),
      "CONFLICT",
      "stale_review",
    );
    expect(await fingerprint()).toBe(fp);
  });

  it("decisions bind to the hash: another hash is CONFLICT; a decided review cannot be decided again", async () => {
    const r = await replyReview();
    const fp = await fingerprint();
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r.id,
        subjectHash: "b".repeat(64),
        decision: "approved",
      }),
      "CONFLICT",
      "stale_version",
    );
    expect(await fingerprint()).toBe(fp);
    await decideLegalReview(V.legal, {
      reviewId: r.id,
      subjectHash: r.subjectHash,
      decision: "approved",
    });
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r.id,
        subjectHash: r.subjectHash,
        decision: "rejected",
        reason: "x",
      }),
      "CONFLICT",
      "review_closed",
    );
  });

  it("a critical finding blocks a plain approval", async () => {
    const r = await replyReview();
    const row = await reviewRow(r.id);
    await saveLegalReview(V.legal, {
      reviewId: r.id,
      version: row.version,
      checklist: [],
      findings: [{ severity: "critical", note: "名誉毀損のおそれ" }],
    });
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r.id,
        subjectHash: r.subjectHash,
        decision: "approved",
      }),
      "CONFLICT",
      "critical_finding_open",
    );
  });
});

describe("conditions (non-post subject)", () => {
  it("carry to the next version and block its approval until Legal marks them met on that version", async () => {
    const r1 = await replyReview("当店は日本一です");
    await decideLegalReview(V.legal, {
      reviewId: r1.id,
      subjectHash: r1.subjectHash,
      decision: "approved_with_conditions",
      conditions: ["「日本一」を削除すること"],
    });
    expect((await reviewRow(r1.id)).state).toBe("approved_with_conditions");
    // The requester makes a new version and asks again.
    const snapshot = {
      text: "当店自慢のコーヒーです",
      inboxItemText: "コーヒーが冷めていました",
    };
    const h2 = legalSnapshotHash(snapshot);
    const r2 = await db().transaction((tx) =>
      requestLegalReview(tx, {
        subjectKind: "reply",
        subjectId: r1.subjectId,
        title: "返信の確認",
        snapshot,
        subjectHash: h2,
        requestedById: V.community_manager.id,
      }),
    );
    const row2 = await reviewRow(r2.id);
    expect(row2.previousReviewId).toBe(r1.id);
    expect(row2.conditionItems).toHaveLength(1);
    expect(row2.conditionItems[0]!.met).toBe(false);
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r2.id,
        subjectHash: h2,
        decision: "approved",
      }),
      "CONFLICT",
      "conditions_unmet",
    );
    // Marking binds to the version Legal looks at.
    await expectAppError(
      setConditionMet(V.legal, {
        reviewId: r2.id,
        conditionId: row2.conditionItems[0]!.id,
        subjectHash: r1.subjectHash,
        met: true,
      }),
      "CONFLICT",
      "stale_version",
    );
    await expectAppError(
      setConditionMet(V.legal, {
        reviewId: r2.id,
        conditionId: "nope",
        subjectHash: h2,
        met: true,
      }),
      "NOT_FOUND",
    );
    const before = await auditCount("legal_review.condition_met");
    const m = await setConditionMet(V.legal, {
      reviewId: r2.id,
      conditionId: row2.conditionItems[0]!.id,
      subjectHash: h2,
      met: true,
      note: "削除を確認",
    });
    expect(m.unmet).toBe(0);
    expect(await auditCount("legal_review.condition_met")).toBe(before + 1);
    await decideLegalReview(V.legal, {
      reviewId: r2.id,
      subjectHash: h2,
      decision: "approved",
    });
    expect((await reviewRow(r2.id)).state).toBe("approved");
  });
});

describe("posts: the legal stage is the structured review", () => {
  it("submit opens a post_revision review bound to the revision hash, with its snapshot", async () => {
    const p = await submittedCommercialPost();
    expect(p.review).toBeTruthy();
    expect(p.review.subjectHash).toBe(p.contentHash);
    expect(p.review.requestedById).toBe(V.content_creator.id);
    expect((p.review.snapshot as { content: { isCommercial: boolean } }).content.isCommercial).toBe(true);
    const d = await getLegalReview(V.legal, p.review.id);
    expect(d.checklist.map((c) => c.item)).toContain("disclosure");
  });

  it("approve with conditions → changes requested; the creator edits; approval refused until met; then approved from the diff", async () => {
    const p = await submittedCommercialPost();
    await saveLegalReview(V.legal, {
      reviewId: p.review.id,
      version: p.review.version,
      checklist: [{ item: "copyright", result: "issue", note: "撮影者クレジットが必要" }],
      findings: [
        {
          severity: "low",
          item: "copyright",
          note: "クレジット表記",
          templateKey: "credit_required",
        },
      ],
    });
    await decideLegalReview(V.legal, {
      reviewId: p.review.id,
      subjectHash: p.contentHash,
      decision: "approved_with_conditions",
      conditions: ["撮影者「森田 亮」のクレジットを入れること"],
    });
    const post1 = await getPost(V.legal, p.postId);
    expect(post1.state).toBe("changes_requested");
    const [legalApproval] = await db()
      .select()
      .from(approvals)
      .where(and(eq(approvals.postId, p.postId), eq(approvals.stage, "legal")));
    expect(legalApproval!.decision).toBe("changes_requested");
    expect(legalApproval!.reason).toContain("森田 亮");
    expect(legalApproval!.revisionHash).toBe(p.contentHash);

    // The creator meets the condition in a new revision and resubmits.
    const saved = await saveRevision(V.content_creator, {
      postId: p.postId,
      expectedRevisionId: p.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: `${PR_TEXT}\n写真: 森田 亮` }],
    });
    await submitForReview(V.content_creator, {
      postId: p.postId,
      revisionId: saved.revisionId,
    });
    const [r2] = await db()
      .select()
      .from(legalReviews)
      .where(and(eq(legalReviews.postId, p.postId), eq(legalReviews.revisionId, saved.revisionId)));
    expect(r2!.previousReviewId).toBe(p.review.id);
    expect(r2!.conditionItems.map((c) => c.met)).toEqual([false]);
    const detail = await getLegalReview(V.legal, r2!.id);
    expect(detail.previous?.revisionId).toBe(p.revisionId);

    // Blocked on both paths until Legal marks the condition met.
    await expectAppError(
      decideLegalReview(V.legal, {
        reviewId: r2!.id,
        subjectHash: saved.contentHash,
        decision: "approved",
      }),
      "CONFLICT",
      "conditions_unmet",
    );
    await expectAppError(
      decideStage(V.legal, {
        postId: p.postId,
        revisionId: saved.revisionId,
        stage: "legal",
        decision: "approved",
      }),
      "CONFLICT",
      "conditions_unmet",
    );
    await setConditionMet(V.legal, {
      reviewId: r2!.id,
      conditionId: r2!.conditionItems[0]!.id,
      subjectHash: saved.contentHash,
      met: true,
    });
    await decideLegalReview(V.legal, {
      reviewId: r2!.id,
      subjectHash: saved.contentHash,
      decision: "approved",
    });
    const post2 = await getPost(V.legal, p.postId);
    expect(post2.approvalStatus?.legal).toBe("approved");
    expect((await reviewRow(r2!.id)).state).toBe("approved");
  });

  it("reject → the post goes back to its author with the reason (not cancelled); the author revises and Legal sees the new version", async () => {
    const p = await submittedCommercialPost(`${PR_TEXT}\nこの美容液でシミが消える!`);
    const notesBefore = await db().execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${V.content_creator.id} and kind = 'review.decided'`);
    const audits = await auditCount("legal_review.decided");
    await decideLegalReview(V.legal, {
      reviewId: p.review.id,
      subjectHash: p.contentHash,
      decision: "rejected",
      reason: "「シミが消える」は化粧品では表示できません(薬機法)",
    });
    expect(await auditCount("legal_review.decided")).toBe(audits + 1);
    const row = await reviewRow(p.review.id);
    expect(row.state).toBe("rejected");
    expect(row.decisionHash).toBe(p.contentHash);
    const post1 = await getPost(V.content_creator, p.postId);
    expect(post1.state).toBe("changes_requested");
    const [legalApproval] = await db()
      .select()
      .from(approvals)
      .where(and(eq(approvals.postId, p.postId), eq(approvals.stage, "legal")));
    expect(legalApproval!.decision).toBe("rejected");
    expect(legalApproval!.reason).toContain("薬機法");
    const notesAfter = await db().execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${V.content_creator.id} and kind = 'review.decided'`);
    expect(notesAfter[0]!.n).toBe(notesBefore[0]!.n + 1);

    // The author revises and resubmits; Legal gets the new version with the rejected one as "previous".
    const saved = await saveRevision(V.content_creator, {
      postId: p.postId,
      expectedRevisionId: p.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: `${PR_TEXT}\n肌にうるおいを与える美容液` }],
    });
    await submitForReview(V.content_creator, { postId: p.postId, revisionId: saved.revisionId });
    const [r2] = await db()
      .select()
      .from(legalReviews)
      .where(and(eq(legalReviews.postId, p.postId), eq(legalReviews.revisionId, saved.revisionId)));
    expect(r2!.state).toBe("open");
    expect(r2!.previousReviewId).toBe(p.review.id);
    const detail = await getLegalReview(V.legal, r2!.id);
    expect(detail.previous?.state).toBe("rejected");
    expect(detail.automatic.claims).toEqual([]);
    await decideLegalReview(V.legal, { reviewId: r2!.id, subjectHash: saved.contentHash, decision: "approved" });
    expect((await getPost(V.legal, p.postId)).approvalStatus?.legal).toBe("approved");
  });

  it("a Legal rejection through the post stage path also returns the post to its author", async () => {
    const p = await submittedCommercialPost();
    await decideStage(V.legal, { postId: p.postId, revisionId: p.revisionId, stage: "legal", decision: "rejected", reason: "肖像の同意書がありません" });
    expect((await getPost(V.content_creator, p.postId)).state).toBe("changes_requested");
    expect((await reviewRow(p.review.id)).state).toBe("rejected");
  });

  it("the author cannot decide Legal's review of their own revision; a Legal stage decision via the API is mirrored", async () => {
    const p = await submittedCommercialPost();
    await decideStage(V.legal, {
      postId: p.postId,
      revisionId: p.revisionId,
      stage: "legal",
      decision: "approved",
    });
    const row = await reviewRow(p.review.id);
    expect(row.state).toBe("approved");
    expect(row.decisionHash).toBe(p.contentHash);
  });

  it("an edit withdraws the open review of the older revision", async () => {
    const p = await submittedCommercialPost();
    await saveRevision(V.content_creator, {
      postId: p.postId,
      expectedRevisionId: p.revisionId,
      variants: [{ channelId: CHANNEL_IDS.cafeX, text: `${PR_TEXT}\n追記` }],
    });
    expect((await reviewRow(p.review.id)).state).toBe("withdrawn");
    const [post] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, p.postId));
    expect(post!.state).toBe("draft");
  });
});

describe("createTakedown — any staff member", () => {
  for (const who of WHO) {
    const allowed = who !== "none";
    it(`${who}: ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
      const input = {
        complainant: "森田 亮",
        contact: "morita@example.jp",
        url: "https://x.com/aoba/status/1",
        kind: "copyright" as const,
        description: "写真の無断使用です",
      };
      if (!allowed) {
        const fp = await fingerprint();
        await expectAppError(createTakedown(V[who], input), "FORBIDDEN");
        expect(await fingerprint()).toBe(fp);
        return;
      }
      const before = await auditCount("takedown.created");
      const t = await createTakedown(V[who], input);
      expect(await auditCount("takedown.created")).toBe(before + 1);
      const row = await reviewRow(t.reviewId);
      expect(row.subjectKind).toBe("takedown");
      expect(row.subjectId).toBe(t.id);
      if (who === "legal") {
        // Legal may assess a complaint they entered themselves.
        await decideLegalReview(V.legal, {
          reviewId: t.reviewId,
          subjectHash: row.subjectHash!,
          decision: "approved",
          reason: "写真を差し替え",
        });
        const [tk] = await db().select().from(takedownRequests).where(eq(takedownRequests.id, t.id));
        expect(tk!.status).toBe("accepted");
      }
    });
  }
  it("bad input and unknown inbox items change nothing", async () => {
    const fp = await fingerprint();
    await expectAppError(
      createTakedown(V.pr, {
        complainant: "",
        kind: "copyright",
        description: "x",
      }),
      "VALIDATION",
    );
    await expectAppError(
      createTakedown(V.pr, {
        complainant: "a",
        kind: "copyright",
        description: "x",
        url: "javascript:alert(1)",
      }),
      "VALIDATION",
    );
    await expectAppError(
      createTakedown(V.pr, {
        complainant: "a",
        kind: "virus" as never,
        description: "x",
      }),
      "VALIDATION",
    );
    await expectAppError(
      createTakedown(V.community_manager, {
        complainant: "a",
        kind: "copyright",
        description: "x",
        inboxItemId: UNKNOWN,
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      createTakedown(V.content_creator, {
        complainant: "a",
        kind: "copyright",
        description: "x",
        inboxItemId: UNKNOWN,
      }),
      "FORBIDDEN",
    );
    expect(await fingerprint()).toBe(fp);
  });
});

describe("scanLegalSla", () => {
  it("warns before the due time and reports a breach, once each", async () => {
    const r = await replyReview();
    const row = await reviewRow(r.id);
    const due = row.dueAt!.getTime();
    const w = await scanLegalSla(new Date(due - 10 * 60_000));
    expect(w.warned).toBeGreaterThanOrEqual(1);
    const again = await scanLegalSla(new Date(due - 5 * 60_000));
    expect(again.warned).toBe(0);
    const b = await scanLegalSla(new Date(due + 60_000));
    expect(b.breached).toBeGreaterThanOrEqual(1);
  });
});

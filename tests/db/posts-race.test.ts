/**
 * Two approvers racing produce exactly one decision per (revision, stage) (DESIGN.md §6):
 * 50 PR reviewers approve the same revision at once → one approval row, one audit event,
 * 49 CONFLICTs. In its own file so the race has a database to itself.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { approvals, posts } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { verifyChain } from "@/lib/dal/audit";
import { createDraft, decideStage, getPost, submitForReview } from "@/lib/dal/posts";
import { auditCount, viewerWith } from "./helpers";

beforeAll(async () => {
  await seedOrganisation(getDb());
});

describe("racing approvers", () => {
  it("50 parallel PR approvals of one revision: exactly one approval and 49 CONFLICTs", async () => {
    const author = await viewerWith(["content_creator"], { name: "制作 花子" });
    const d = await createDraft(author, {
      brandId: BRAND_IDS.foods,
      title: "新商品のお知らせ",
      isCommercial: false,
      variants: [{ channelId: CHANNEL_IDS.foodsX, text: "あおば食品から、国産大豆100%の新しいお味噌が登場しました。" }],
    });
    await submitForReview(author, { postId: d.postId, revisionId: d.revisionId });
    const reviewers = await Promise.all(Array.from({ length: 50 }, (_, i) => viewerWith(["pr"], { name: `広報 ${i + 1}` })));
    const decisionsBefore = await auditCount("post.decision");

    const results = await Promise.allSettled(
      reviewers.map((v) => decideStage(v, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    for (const e of failed) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("CONFLICT");
    }

    const rows = await getDb()
      .select({ reviewerId: approvals.reviewerId })
      .from(approvals)
      .where(and(eq(approvals.revisionId, d.revisionId), eq(approvals.stage, "pr")));
    expect(rows).toHaveLength(1);
    expect(await auditCount("post.decision")).toBe(decisionsBefore + 1);
    const [post] = await getDb().select({ state: posts.state }).from(posts).where(eq(posts.id, d.postId));
    expect(post!.state).toBe("final_review");
    const view = await getPost(reviewers[0]!, d.postId);
    expect(view.approvals).toHaveLength(1);
    expect(view.approvals[0]!.reviewerId).toBe(rows[0]!.reviewerId);

    expect((await verifyChain(getDb())).ok).toBe(true);
  });
});

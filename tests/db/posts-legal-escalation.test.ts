/**
 * Legal's requirement is re-derived at every approval: a risk term added to the lexicon while a
 * post waits sends it to Legal instead of letting PR and the manager approve it alone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { posts, riskLexicon } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { createDraft, decideStage, submitForReview } from "@/lib/dal/posts";
import type { Viewer } from "@/lib/dal/viewer";
import { auditCount, lastAudit, viewerWith } from "./helpers";

const TEXT = "新作の焼き菓子「もみじフィナンシェ」を本日から販売します。";
let creator: Viewer, pr: Viewer, legal: Viewer, manager: Viewer;

beforeAll(async () => {
  await seedOrganisation(getDb());
  creator = await viewerWith(["content_creator"]);
  pr = await viewerWith(["pr"]);
  legal = await viewerWith(["legal"]);
  manager = await viewerWith(["social_media_manager"]);
});

async function submitted(title: string) {
  const d = await createDraft(creator, {
    brandId: BRAND_IDS.cafe,
    title,
    isCommercial: false,
    variants: [{ channelId: CHANNEL_IDS.cafeX, text: TEXT.replace("もみじ", title) }],
  });
  await submitForReview(creator, { postId: d.postId, revisionId: d.revisionId });
  const [p] = await getDb().select({ requiresLegal: posts.requiresLegal }).from(posts).where(eq(posts.id, d.postId));
  expect(p!.requiresLegal).toBe(false);
  return d;
}
const stateOf = async (id: string) => (await getDb().select({ s: posts.state, l: posts.requiresLegal }).from(posts).where(eq(posts.id, id)))[0]!;

describe("a risk term added mid-review routes the post to Legal", () => {
  it("at PR approval: recorded, audited, and the post waits for Legal instead of moving to final review", async () => {
    const d = await submitted("栗");
    await getDb().insert(riskLexicon).values({ term: "栗フィナンシェ", lang: "ja", category: "test", weight: 10 });
    const n = await auditCount("post.legal_required");
    await decideStage(pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
    expect(await stateOf(d.postId)).toEqual({ s: "in_review", l: true });
    expect(await auditCount("post.legal_required")).toBe(n + 1);
    await decideStage(legal, { postId: d.postId, revisionId: d.revisionId, stage: "legal", decision: "approved" });
    expect((await stateOf(d.postId)).s).toBe("final_review");
  });

  it("at final approval: refused with legal_now_required, and the post goes back to Legal's queue", async () => {
    const d = await submitted("柚子");
    await decideStage(pr, { postId: d.postId, revisionId: d.revisionId, stage: "pr", decision: "approved" });
    expect((await stateOf(d.postId)).s).toBe("final_review");
    await getDb().insert(riskLexicon).values({ term: "柚子フィナンシェ", lang: "ja", category: "test", weight: 10 });
    const err = await decideStage(manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" }).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT", message: "legal_now_required" });
    expect(await stateOf(d.postId)).toEqual({ s: "in_review", l: true });
    expect(await lastAudit()).toMatchObject({ action: "post.legal_required", actorId: manager.id });
    await decideStage(legal, { postId: d.postId, revisionId: d.revisionId, stage: "legal", decision: "approved" });
    await decideStage(manager, { postId: d.postId, revisionId: d.revisionId, stage: "final", decision: "approved" });
    expect((await stateOf(d.postId)).s).toBe("approved");
  });
});

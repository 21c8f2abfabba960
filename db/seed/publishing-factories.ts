/**
 * Factories for the publisher's tests, the publishing benchmark and e2e fixtures: posts that have
 * been through the triple check (real approval rows bound to the revision hash) and are armed for
 * a slot, written in bulk. Seed-time code: it writes through drizzle directly.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { approvals, postRevisions, posts, postTargets } from "@/db/schema";
import { contentHashOf } from "./workspaces";

export type ScheduledPostSpec = {
  brandId: string;
  channelIds: string[];
  authorId: string;
  /** Reviewers of the PR and final stages (distinct from the author and each other). */
  prReviewerId: string;
  finalReviewerId: string;
  slotAt: Date;
  text?: string;
  kind?: "post" | "correction" | "apology" | "retraction" | "statement";
  /** "scheduled" arms the targets; "in_review" leaves the post unapproved (for expiry tests). */
  state?: "scheduled" | "in_review" | "approved";
  title?: string;
};

/** Inserts `specs` in a few statements; returns post and target ids in order. */
export async function createScheduledPosts(db: Db, specs: ScheduledPostSpec[]): Promise<{ postId: string; targetIds: string[] }[]> {
  const out: { postId: string; targetIds: string[] }[] = [];
  const postRows: (typeof posts.$inferInsert)[] = [];
  const revRows: (typeof postRevisions.$inferInsert)[] = [];
  const approvalRows: (typeof approvals.$inferInsert)[] = [];
  const targetRows: (typeof postTargets.$inferInsert)[] = [];
  for (const s of specs) {
    const postId = randomUUID();
    const revisionId = randomUUID();
    const state = s.state ?? "scheduled";
    const text = s.text ?? `【お知らせ】テスト投稿 ${postId.slice(0, 8)}`;
    const content = { isCommercial: false, variants: s.channelIds.map((channelId) => ({ channelId, platform: "x", text, mediaAssetIds: [] })) };
    const hash = contentHashOf(content);
    postRows.push({
      id: postId,
      brandId: s.brandId,
      kind: s.kind ?? "post",
      title: s.title ?? `テスト ${postId.slice(0, 8)}`,
      state,
      authorId: s.authorId,
      currentRevisionId: revisionId,
      scheduledAt: s.slotAt,
    });
    revRows.push({ id: revisionId, postId, number: 1, contentHash: hash, content, createdById: s.authorId });
    if (state !== "in_review") {
      approvalRows.push({ postId, revisionId, revisionHash: hash, stage: "pr", reviewerId: s.prReviewerId, decision: "approved" });
      approvalRows.push({ postId, revisionId, revisionHash: hash, stage: "final", reviewerId: s.finalReviewerId, decision: "approved" });
    }
    const targetIds: string[] = [];
    for (const channelId of s.channelIds) {
      const id = randomUUID();
      targetIds.push(id);
      targetRows.push({ id, postId, channelId, scheduledAt: s.slotAt, state: state === "scheduled" ? "scheduled" : "pending", idempotencyKey: `${postId}:${channelId}` });
    }
    out.push({ postId, targetIds });
  }
  const chunk = <T>(rows: T[], n = 1000) => Array.from({ length: Math.ceil(rows.length / n) }, (_, i) => rows.slice(i * n, i * n + n));
  for (const c of chunk(postRows)) await db.insert(posts).values(c);
  for (const c of chunk(revRows)) await db.insert(postRevisions).values(c);
  for (const c of chunk(approvalRows)) if (c.length) await db.insert(approvals).values(c);
  for (const c of chunk(targetRows)) await db.insert(postTargets).values(c);
  return out;
}

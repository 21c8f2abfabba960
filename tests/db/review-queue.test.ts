/**
 * The review queues (lib/dal/review-queue.ts) on real PostgreSQL over the demo seed: every role
 * allowed or FORBIDDEN per stage, and each queue equal to an independent SQL query.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { seedOrganisation } from "@/db/seed/demo";
import { seedWorkspaces } from "@/db/seed/workspaces";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { demoUserId } from "@/db/seed/demo";
import { loadViewer } from "@/lib/dal/viewer";
import { decideStage, getPost } from "@/lib/dal/posts";
import { listReviewQueue, REVIEW_STAGE_PERMISSION, type ReviewStage } from "@/lib/dal/review-queue";
import { ROLES, viewersByRole, type Role } from "./helpers";

const STAGES: ReviewStage[] = ["pr", "legal", "final"];
let V: Record<Role | "none", Viewer>;
const db = () => getDb();

beforeAll(async () => {
  await seedOrganisation(db());
  await seedWorkspaces(db());
  V = await viewersByRole();
});

/** Independent of the DAL: the ids in queue order (fast lane first, then oldest), straight from the tables. */
async function expectedIds(stage: ReviewStage): Promise<string[]> {
  const undecided = sql`not exists (select 1 from approvals a where a.revision_id = p.current_revision_id and a.stage = ${stage} and a.voided_at is null)`;
  const fast = sql`p.kind in ('correction', 'apology', 'retraction', 'statement')`;
  const where =
    stage === "final"
      ? sql`(p.state = 'final_review' or (p.state = 'in_review' and ${fast} and ${undecided}))`
      : sql`p.state = 'in_review' ${stage === "legal" ? sql`and p.requires_legal` : sql``} and ${undecided}`;
  const rows = await db().execute<{ id: string }>(sql`select p.id from posts p where ${where} order by (${fast}) desc, p.updated_at asc, p.id asc`);
  return [...rows].map((r) => r.id);
}

describe("listReviewQueue", () => {
  for (const stage of STAGES) {
    for (const who of [...ROLES, "none"] as const) {
      const allowed = who !== "none" && roleHas(who, REVIEW_STAGE_PERMISSION[stage]);
      it(`${stage} × ${who}: ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
        const p = listReviewQueue(V[who], stage);
        if (allowed) await expect(p).resolves.toBeInstanceOf(Array);
        else {
          const err = await p.catch((e: unknown) => e);
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe("FORBIDDEN");
        }
      });
    }
  }

  it("an unknown stage is VALIDATION for a reviewer and FORBIDDEN for anyone else", async () => {
    const bad = "bogus" as ReviewStage;
    await expect(listReviewQueue(V.pr, bad)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(listReviewQueue(V.data_analyst, bad)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("each stage has at least one reviewer role", () => {
    for (const stage of STAGES) expect(ROLES.some((r) => roleHas(r, REVIEW_STAGE_PERMISSION[stage]))).toBe(true);
  });

  const reviewerOf: Record<ReviewStage, Role> = { pr: "pr", legal: "legal", final: "social_media_manager" };
  for (const stage of STAGES) {
    it(`${stage}: the list matches independent SQL over the seed, oldest first, with explicit columns`, async () => {
      const expected = await expectedIds(stage);
      expect(expected.length).toBeGreaterThan(0);
      const list = await listReviewQueue(V[reviewerOf[stage]], stage);
      expect(list.map((i) => i.postId)).toEqual(expected);
      for (const item of list) {
        expect(Object.keys(item).sort()).toEqual(
          ["authorName", "brandName", "channels", "dueAt", "dueStatus", "escalated", "fastLane", "kind", "postId", "requiresLegal", "riskScore", "scheduledAt", "title", "waitingSince"].sort(),
        );
        expect(item.channels.length).toBeGreaterThan(0);
        if (stage === "legal") expect(item.requiresLegal).toBe(true);
      }
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        if (a.fastLane === b.fastLane) expect(b.waitingSince.getTime()).toBeGreaterThanOrEqual(a.waitingSince.getTime());
        else expect(a.fastLane).toBe(true);
      }
    });
  }

  it("a seeded post awaiting PR and Legal moves through the three queues as the demo people decide", async () => {
    const as = async (loginId: string) => (await loadViewer(demoUserId(loginId)))!;
    const [pr, legal, manager] = [await as("pr"), await as("legal"), await as("manager")];
    const [row] = [
      ...(await db().execute<{ id: string }>(sql`
        select p.id from posts p where p.state = 'in_review' and p.requires_legal and p.author_id not in ('usr_pr', 'usr_legal', 'usr_manager')
          and not exists (select 1 from approvals a where a.revision_id = p.current_revision_id and a.voided_at is null)
        order by p.updated_at asc, p.id asc limit 1`)),
    ];
    expect(row).toBeDefined();
    const postId = row!.id;
    const ids = async (v: Viewer, s: ReviewStage) => (await listReviewQueue(v, s)).map((i) => i.postId);
    expect(await ids(pr, "pr")).toContain(postId);
    expect(await ids(legal, "legal")).toContain(postId);
    expect(await ids(manager, "final")).not.toContain(postId);

    const revisionId = (await getPost(pr, postId)).currentRevision!.id;
    await decideStage(pr, { postId, revisionId, stage: "pr", decision: "approved" });
    expect(await ids(pr, "pr")).not.toContain(postId);
    expect(await ids(manager, "final")).not.toContain(postId);
    await decideStage(legal, { postId, revisionId, stage: "legal", decision: "approved" });
    expect(await ids(legal, "legal")).not.toContain(postId);
    expect(await ids(manager, "final")).toContain(postId);
    const done = await decideStage(manager, { postId, revisionId, stage: "final", decision: "approved" });
    expect(done.state).toBe("approved");
    expect(await ids(manager, "final")).not.toContain(postId);
  });
});

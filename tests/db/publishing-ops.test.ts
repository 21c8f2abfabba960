/** The people's side of publishing: the manager settles what the publisher could not; everyone else is refused. */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { posts, postTargets, publications } from "@/db/schema";
import { createBrand, createChannel } from "@/db/seed/factories";
import { createScheduledPosts } from "@/db/seed/publishing-factories";
import {
  getPublishingSummary,
  getSandboxTimeline,
  listPostPublications,
  listPublishingIssues,
  listSandboxChannels,
  resolvePublication,
} from "@/lib/dal/publishing-ops";
import { injectSandboxFault } from "@/lib/dal/sandbox-network";
import { publishTarget } from "@/lib/jobs/publishing";
import type { Viewer } from "@/lib/dal/viewer";
import { auditCount, viewersByRole, viewerWith, ROLES } from "./helpers";

const db = () => getDb();
let v: Awaited<ReturnType<typeof viewersByRole>>;
let brandId: string;
let sandboxChannel: string;
let metaChannel: string;
let otherCreator: Viewer;

beforeAll(async () => {
  process.env.SANDBOX_LATENCY_MS = "0";
  process.env.PUBLISH_TIMEOUT_MS = "1500";
  v = await viewersByRole();
  otherCreator = await viewerWith(["content_creator"]);
  brandId = (await createBrand(db())).id;
  sandboxChannel = (await createChannel(db(), { brandId, platform: "x" })).id;
  metaChannel = (await createChannel(db(), { brandId, platform: "facebook", connector: "meta", externalAccountId: "1234" })).id;
});

/** A post whose publication ended in needs_human_check (the network timed out and reconciliation could not decide). */
async function unsettled(state: "needs_human_check" | "failed" = "needs_human_check") {
  const [p] = await createScheduledPosts(db(), [
    { brandId, channelIds: [sandboxChannel], authorId: v.content_creator.id, prReviewerId: v.pr.id, finalReviewerId: v.social_media_manager.id, slotAt: new Date(Date.now() - 500) },
  ]);
  const targetId = p!.targetIds[0]!;
  if (state === "failed") await injectSandboxFault("reject", { channelId: sandboxChannel });
  else await injectSandboxFault("timeout", { channelId: sandboxChannel });
  await publishTarget(targetId, "w", () => {});
  if (state === "needs_human_check") {
    // A timeout that did nothing retries; force the undecidable case the way an unreachable network would leave it.
    await db().update(postTargets).set({ state: "needs_human_check", nextAttemptAt: null }).where(eq(postTargets.id, targetId));
    await db().update(posts).set({ state: "failed" }).where(eq(posts.id, p!.postId));
  }
  return { postId: p!.postId, targetId };
}

const targetState = async (id: string) => (await db().select({ s: postTargets.state }).from(postTargets).where(eq(postTargets.id, id)))[0]!.s;
const postState = async (id: string) => (await db().select({ s: posts.state }).from(posts).where(eq(posts.id, id)))[0]!.s;

describe("publishing issues", () => {
  it("the manager sees unsettled publications; every other role is FORBIDDEN", async () => {
    const { targetId } = await unsettled();
    const list = await listPublishingIssues(v.social_media_manager);
    expect(list.find((i) => i.targetId === targetId)?.targetState).toBe("needs_human_check");
    const summary = await getPublishingSummary(v.social_media_manager);
    expect(summary.needsHuman).toBeGreaterThanOrEqual(1);
    for (const r of ROLES.filter((r) => r !== "social_media_manager")) {
      await expect(listPublishingIssues(v[r])).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(resolvePublication(v[r], { targetId, action: "dismiss" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(resolvePublication(v.none, { targetId, action: "dismiss" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await targetState(targetId)).toBe("needs_human_check");
  });

  it("confirm live: published by a human, the post follows, audited; a second settlement is a CONFLICT", async () => {
    const { postId, targetId } = await unsettled();
    const before = await auditCount("publication.resolved");
    const r = await resolvePublication(v.social_media_manager, { targetId, action: "confirm_live", externalUrl: "https://x.com/aoba/status/1" });
    expect(r).toMatchObject({ targetState: "published", postState: "published" });
    expect(await postState(postId)).toBe("published");
    const [pub] = await db().select().from(publications).where(eq(publications.targetId, targetId));
    expect(pub).toMatchObject({ state: "published", resolvedBy: "human", externalUrl: "https://x.com/aoba/status/1" });
    expect(await auditCount("publication.resolved")).toBe(before + 1);
    await expect(resolvePublication(v.social_media_manager, { targetId, action: "dismiss" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("bad input changes nothing", async () => {
    const { targetId } = await unsettled();
    await expect(resolvePublication(v.social_media_manager, { targetId, action: "confirm_live", externalUrl: "javascript:alert(1)" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(resolvePublication(v.social_media_manager, { targetId, action: "explode" as "dismiss" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(resolvePublication(v.social_media_manager, { targetId: "00000000-0000-4000-8000-000000000000", action: "dismiss" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await targetState(targetId)).toBe("needs_human_check");
  });

  it("dismiss: failed and off the list", async () => {
    const { targetId } = await unsettled("failed");
    expect(await targetState(targetId)).toBe("failed");
    await resolvePublication(v.social_media_manager, { targetId, action: "dismiss" });
    expect((await listPublishingIssues(v.social_media_manager)).some((i) => i.targetId === targetId)).toBe(false);
  });

  it("retry: re-armed through the workflow a few seconds ahead, and then publishes once", async () => {
    const { postId, targetId } = await unsettled("failed");
    const r = await resolvePublication(v.social_media_manager, { targetId, action: "retry" });
    expect(r).toEqual({ targetState: "scheduled", postState: "scheduled" });
    const [t] = await db().select().from(postTargets).where(eq(postTargets.id, targetId));
    expect(t!.scheduledAt!.getTime()).toBeGreaterThan(Date.now());
    await db().update(postTargets).set({ scheduledAt: new Date(Date.now() - 10) }).where(eq(postTargets.id, targetId));
    expect(await publishTarget(targetId, "w", () => {})).toBe("published");
    expect(await postState(postId)).toBe("published");
  });

  it("recheck: found on the network → published via reconciliation; not found → unchanged", async () => {
    const { targetId } = await unsettled();
    const miss = await resolvePublication(v.social_media_manager, { targetId, action: "recheck" });
    expect(miss.found).toBe(false);
    expect(await targetState(targetId)).toBe("needs_human_check");
    // The post turns up on the network (the timed-out call had gone through after all).
    const { acceptSandboxPost } = await import("@/lib/dal/sandbox-network");
    const [t] = await db().select().from(postTargets).where(eq(postTargets.id, targetId));
    await acceptSandboxPost({ channelId: sandboxChannel, idempotencyKey: t!.idempotencyKey, text: "x", media: [], inReplyTo: null });
    const hit = await resolvePublication(v.social_media_manager, { targetId, action: "recheck" });
    expect(hit).toMatchObject({ found: true, targetState: "published" });
  });
});

describe("a post's publications and the sandbox network", () => {
  it("post.read holders see a post's publications; without post.read it is NOT_FOUND", async () => {
    const { postId } = await unsettled("failed");
    expect(await listPostPublications(v.content_creator, postId)).toHaveLength(1);
    expect(await listPostPublications(v.pr, postId)).toHaveLength(1);
    expect(await listPostPublications(otherCreator, postId)).toHaveLength(1);
    await expect(listPostPublications(v.admin, postId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listPostPublications(v.none, postId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listPostPublications(v.pr, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("content roles read the sandbox timelines; admin and newcomers are FORBIDDEN; a Meta channel is not a sandbox one", async () => {
    const allowed = ["social_media_manager", "community_manager", "content_creator", "pr", "legal", "data_analyst", "ad_ops"] as const;
    for (const r of allowed) {
      const chans = await listSandboxChannels(v[r]);
      expect(chans.some((c) => c.id === sandboxChannel)).toBe(true);
      expect(chans.some((c) => c.id === metaChannel)).toBe(false);
    }
    await expect(listSandboxChannels(v.admin)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getSandboxTimeline(v.none, sandboxChannel)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getSandboxTimeline(v.pr, metaChannel)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSandboxTimeline(v.pr, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const tl = await getSandboxTimeline(v.pr, sandboxChannel);
    expect(tl.channel.id).toBe(sandboxChannel);
  });
});

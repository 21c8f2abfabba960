/**
 * The publisher's claim / call / complete cycle against real PostgreSQL and the sandbox network,
 * in process (the multi-process cases — several workers, SIGKILL — are in publishing-workers.test.ts).
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { crisisStates, notifications, posts, postTargets, publications, sandboxPosts } from "@/db/schema";
import { createBrand, createChannel, createUser } from "@/db/seed/factories";
import { createScheduledPosts, type ScheduledPostSpec } from "@/db/seed/publishing-factories";
import {
  claimTarget,
  completeClaim,
  expireUnapprovedAtSlot,
  findDueTargets,
  findStaleClaims,
  takeOverClaim,
  MAX_ATTEMPTS,
} from "@/lib/dal/publishing";
import { clearSandboxFaults, countSandboxPosts, injectSandboxFault } from "@/lib/dal/sandbox-network";
import { carryOut, publishTarget, recoverTarget } from "@/lib/jobs/publishing";
import { auditCount } from "./helpers";

const db = () => getDb();
let brandId: string;
let channelA: string;
let channelB: string;
let people: { author: string; pr: string; manager: string };
const log = () => {};

beforeAll(async () => {
  process.env.SANDBOX_LATENCY_MS = "0";
  process.env.PUBLISH_TIMEOUT_MS = "1500";
  brandId = (await createBrand(db())).id;
  channelA = (await createChannel(db(), { brandId, platform: "x" })).id;
  channelB = (await createChannel(db(), { brandId, platform: "facebook" })).id;
  people = {
    author: (await createUser(db(), { roles: ["content_creator"] })).id,
    pr: (await createUser(db(), { roles: ["pr"] })).id,
    manager: (await createUser(db(), { roles: ["social_media_manager"] })).id,
  };
});

beforeEach(async () => {
  await clearSandboxFaults();
  await db().delete(crisisStates).where(inArray(crisisStates.scope, ["all", "brand", "channel"]));
});

function spec(o: Partial<ScheduledPostSpec> = {}): ScheduledPostSpec {
  return {
    brandId,
    channelIds: [channelA],
    authorId: people.author,
    prReviewerId: people.pr,
    finalReviewerId: people.manager,
    slotAt: new Date(Date.now() - 1000),
    ...o,
  };
}

async function one(o: Partial<ScheduledPostSpec> = {}) {
  const [p] = await createScheduledPosts(db(), [spec(o)]);
  return p!;
}

async function targetOf(id: string) {
  const [t] = await db().select().from(postTargets).where(eq(postTargets.id, id));
  return t!;
}
async function postOf(id: string) {
  const [p] = await db().select().from(posts).where(eq(posts.id, id));
  return p!;
}
async function pubOf(targetId: string) {
  const [p] = await db().select().from(publications).where(eq(publications.targetId, targetId));
  return p;
}
async function networkCount(targetId: string) {
  const rows = await db().select({ id: sandboxPosts.id }).from(sandboxPosts).where(eq(sandboxPosts.idempotencyKey, (await targetOf(targetId)).idempotencyKey));
  return rows.length;
}

describe("publishing a due target", () => {
  it("publishes once, records the lag and the audit event, and settles the post", async () => {
    const p = await one({ channelIds: [channelA, channelB] });
    const before = await auditCount("publication.published");
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("published");
    expect((await postOf(p.postId)).state).toBe("publishing"); // the other network is still to go
    expect(await publishTarget(p.targetIds[1]!, "w1", log)).toBe("published");
    expect((await postOf(p.postId)).state).toBe("published");
    const pub = await pubOf(p.targetIds[0]!);
    expect(pub?.state).toBe("published");
    expect(pub?.externalId).toMatch(/^sbx_/);
    expect(pub?.lagMs).toBeGreaterThanOrEqual(1000);
    expect(pub?.resolvedBy).toBe("response");
    expect(await networkCount(p.targetIds[0]!)).toBe(1);
    expect(await auditCount("publication.published")).toBe(before + 2);
    expect(await auditCount("post.published")).toBeGreaterThanOrEqual(1);
    // The author hears it went out, once per channel.
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, people.author), eq(notifications.kind, "post.published")));
    expect(told.filter((n) => n.link === `/studio/posts/${p.postId}`)).toHaveLength(2);
  });

  it("a target not yet due, or not scheduled, is left alone", async () => {
    const future = await one({ slotAt: new Date(Date.now() + 60_000) });
    expect(await claimTarget(future.targetIds[0]!, "w1")).toEqual({ kind: "skipped", reason: "not_due" });
    expect((await findDueTargets()).some((d) => d.targetId === future.targetIds[0])).toBe(false);
    const unarmed = await one({ state: "approved", slotAt: new Date(Date.now() + 60_000) });
    expect(await claimTarget(unarmed.targetIds[0]!, "w1")).toEqual({ kind: "skipped", reason: "not_scheduled" });
  });

  it("20 concurrent claims of one target: exactly one wins", async () => {
    const p = await one();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => publishTarget(p.targetIds[0]!, `w${i}`, log)));
    expect(results.filter((r) => r === "published")).toHaveLength(1);
    expect(await networkCount(p.targetIds[0]!)).toBe(1);
    expect((await pubOf(p.targetIds[0]!))?.attempts).toBe(1);
  });
});

describe("failures", () => {
  it("a permanent refusal fails the target and the post, with the code kept", async () => {
    const p = await one();
    await injectSandboxFault("reject", { channelId: channelA });
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("failed");
    expect((await postOf(p.postId)).state).toBe("failed");
    expect((await pubOf(p.targetIds[0]!))?.errorCode).toBe("rejected");
    expect(await networkCount(p.targetIds[0]!)).toBe(0);
    // The author (to their post) and the manager (to the monitor) are told.
    const told = await db().select().from(notifications).where(eq(notifications.kind, "publish.failed"));
    expect(told.find((n) => n.userId === people.author)?.link).toBe(`/studio/posts/${p.postId}`);
    expect(told.find((n) => n.userId === people.manager)?.link).toBe("/manager/publishing");
  });

  it("a failure known to be safe is retried after a backoff, with the same key, and then publishes", async () => {
    const p = await one();
    await injectSandboxFault("unavailable", { channelId: channelA });
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("scheduled");
    const t = await targetOf(p.targetIds[0]!);
    expect(t.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    const key = t.idempotencyKey;
    // Not before its time…
    expect(await claimTarget(p.targetIds[0]!, "w1")).toEqual({ kind: "skipped", reason: "not_due" });
    // …then it goes, with the same idempotency key.
    const res = await claimTarget(p.targetIds[0]!, "w1", new Date(t.nextAttemptAt!.getTime() + 1));
    expect(res.kind).toBe("claimed");
    if (res.kind !== "claimed") return;
    expect(res.claim.idempotencyKey).toBe(key);
    expect(res.claim.attempt).toBe(2);
    const done = await completeClaim(res.claim, await carryOut(res.claim));
    expect(done.targetState).toBe("published");
    expect(await networkCount(p.targetIds[0]!)).toBe(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} safe failures`, async () => {
    const p = await one();
    await injectSandboxFault("unavailable", { channelId: channelA, count: MAX_ATTEMPTS });
    let now = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const res = await claimTarget(p.targetIds[0]!, "w1", now);
      expect(res.kind).toBe("claimed");
      if (res.kind !== "claimed") return;
      const done = await completeClaim(res.claim, await carryOut(res.claim), now);
      if (i < MAX_ATTEMPTS - 1) now = new Date(done.retryAt!.getTime() + 1);
      else expect(done.targetState).toBe("failed");
    }
    expect((await postOf(p.postId)).state).toBe("failed");
  });

  it("succeeded-but-timed-out is reconciled to published, not posted twice", async () => {
    const p = await one();
    await injectSandboxFault("succeed_timeout", { channelId: channelA });
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("published");
    expect((await pubOf(p.targetIds[0]!))?.resolvedBy).toBe("reconcile");
    expect(await networkCount(p.targetIds[0]!)).toBe(1);
  });

  it("a timeout that did nothing is reconciled (absent), then retried with the same key after reconciling again", async () => {
    const p = await one();
    await injectSandboxFault("timeout", { channelId: channelA });
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("scheduled");
    expect((await pubOf(p.targetIds[0]!))?.state).toBe("unknown");
    const t = await targetOf(p.targetIds[0]!);
    const res = await claimTarget(p.targetIds[0]!, "w1", new Date(t.nextAttemptAt!.getTime() + 1));
    expect(res.kind === "claimed" && res.claim.mustReconcileFirst).toBe(true);
    if (res.kind !== "claimed") return;
    expect((await completeClaim(res.claim, await carryOut(res.claim))).targetState).toBe("published");
    expect(await networkCount(p.targetIds[0]!)).toBe(1);
  });
});

describe("the slot's rules", () => {
  it("a scheduled post without its approvals for the current revision expires at the slot, never published", async () => {
    const p = await one();
    // Void the approvals, as an edit racing the slot would.
    const { approvals } = await import("@/db/schema");
    await db().update(approvals).set({ voidedAt: new Date() }).where(eq(approvals.postId, p.postId));
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("expired");
    expect((await postOf(p.postId)).state).toBe("expired");
    expect((await targetOf(p.targetIds[0]!)).state).toBe("expired");
    expect(await networkCount(p.targetIds[0]!)).toBe(0);
  });

  it("a slot that fires later than the tolerance (worker down) expires instead of going out late", async () => {
    const p = await one({ slotAt: new Date(Date.now() - 6 * 60_000) });
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("expired");
    expect((await postOf(p.postId)).state).toBe("expired");
    expect(await auditCount("post.expired")).toBeGreaterThan(0);
  });

  it("posts still in review when the slot comes expire (sweeper)", async () => {
    const p = await one({ state: "in_review", slotAt: new Date(Date.now() - 1000) });
    const later = await one({ state: "in_review", slotAt: new Date(Date.now() + 3_600_000) });
    expect(await expireUnapprovedAtSlot()).toBeGreaterThanOrEqual(1);
    expect((await postOf(p.postId)).state).toBe("expired");
    expect((await postOf(later.postId)).state).toBe("in_review");
  });

  it("a crisis in scope holds the target at its slot; nothing goes out; exempt kinds still go", async () => {
    const held = await one();
    const statement = await one({ kind: "statement" });
    await db().insert(crisisStates).values({ scope: "brand", brandId, reason: "テスト: 炎上対応", startedById: people.manager });
    expect(await publishTarget(held.targetIds[0]!, "w1", log)).toBe("held");
    const t = await targetOf(held.targetIds[0]!);
    expect(t.state).toBe("held");
    expect(t.heldCrisisId).not.toBeNull();
    expect((await postOf(held.postId)).state).toBe("scheduled");
    expect(await networkCount(held.targetIds[0]!)).toBe(0);
    expect(await publishTarget(statement.targetIds[0]!, "w1", log)).toBe("published");
    // Held stays held after the crisis ends: nothing fires by itself.
    await db().update(crisisStates).set({ endedAt: new Date() }).where(eq(crisisStates.brandId, brandId));
    expect((await findDueTargets()).some((d) => d.targetId === held.targetIds[0])).toBe(false);
    expect(await claimTarget(held.targetIds[0]!, "w1")).toEqual({ kind: "skipped", reason: "not_scheduled" });
  });

  it("a crisis on another channel does not hold this one", async () => {
    const p = await one();
    await db().insert(crisisStates).values({ scope: "channel", channelId: channelB, reason: "別チャネル", startedById: people.manager });
    expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("published");
  });
});

describe("recovery of a claim whose worker died", () => {
  it("after the remote success: reconciled to published, not re-posted", async () => {
    const p = await one();
    const res = await claimTarget(p.targetIds[0]!, "w-dead");
    if (res.kind !== "claimed") throw new Error("not claimed");
    // The dead worker's call reached the network…
    const { sandboxConnector } = await import("@/lib/channels/sandbox");
    await sandboxConnector.publish({ ...res.claim, inReplyToExternalId: null, signal: AbortSignal.timeout(1000) });
    // …and its lease ran out.
    process.env.PUBLISH_CLAIM_LEASE_MS = "1";
    await new Promise((r) => setTimeout(r, 5));
    const stale = await findStaleClaims();
    process.env.PUBLISH_CLAIM_LEASE_MS = "";
    const mine = stale.find((s) => s.targetId === p.targetIds[0]);
    expect(mine).toBeDefined();
    expect(await recoverTarget(mine!.targetId, mine!.claimToken, "w2", log)).toBe("published");
    expect(await networkCount(p.targetIds[0]!)).toBe(1);
    expect((await pubOf(p.targetIds[0]!))?.resolvedBy).toBe("reconcile");
    // A second recoverer with the same stale token gets nothing; the dead worker's late completion is ignored.
    expect(await takeOverClaim(mine!.targetId, mine!.claimToken, "w3")).toBeNull();
    expect((await completeClaim(res.claim, { kind: "failed", code: "network", message: "late", retryable: false })).applied).toBe(false);
    expect((await targetOf(p.targetIds[0]!)).state).toBe("published");
  });

  it("before the remote call: published once after recovery", async () => {
    const p = await one();
    const res = await claimTarget(p.targetIds[0]!, "w-dead");
    if (res.kind !== "claimed") throw new Error("not claimed");
    expect(await recoverTarget(p.targetIds[0]!, res.claim.claimToken, "w2", log)).toBe("published");
    expect(await networkCount(p.targetIds[0]!)).toBe(1);
    expect(await auditCount("publication.recovered")).toBeGreaterThan(0);
  });
});

describe("through the Meta Graph connector (local Graph API stand-in)", () => {
  it("a Page post whose answer is lost is reconciled from the Page feed and posted once", async () => {
    const { startMetaGraphStub } = await import("@/scripts/stubs/meta-graph");
    const stub = await startMetaGraphStub({ tokens: ["t0k"], pages: ["555"], igUsers: [] });
    process.env.META_GRAPH_URL = stub.url;
    process.env.META_PUB_TEST_TOKEN = "t0k";
    try {
      const fbId = (await createChannel(db(), { brandId, platform: "facebook", connector: "meta", externalAccountId: "555" })).id;
      const { channels } = await import("@/db/schema");
      await db().update(channels).set({ credentialsRef: "env:META_PUB_TEST_TOKEN" }).where(eq(channels.id, fbId));
      const p = await one({ channelIds: [fbId], text: "Meta 経由の予約投稿" });
      stub.fault(/\/555\/feed$/, { kind: "succeed_hang" });
      expect(await publishTarget(p.targetIds[0]!, "w1", log)).toBe("published");
      expect(stub.fbPosts("555")).toHaveLength(1);
      const pub = await pubOf(p.targetIds[0]!);
      expect(pub).toMatchObject({ state: "published", resolvedBy: "reconcile" });
      expect(pub!.externalId).toMatch(/^555_/);
      // A rate limit is retried later; an expired token fails for good and says so.
      const q = await one({ channelIds: [fbId], text: "トークン切れ" });
      process.env.META_PUB_TEST_TOKEN = "expired";
      expect(await publishTarget(q.targetIds[0]!, "w1", log)).toBe("failed");
      expect((await pubOf(q.targetIds[0]!))?.errorCode).toBe("auth");
    } finally {
      await stub.close();
      delete process.env.META_GRAPH_URL;
    }
  });
});

describe("corrections", () => {
  it("a correction published as a reply answers the original and hides it on the same network", async () => {
    const original = await one();
    expect(await publishTarget(original.targetIds[0]!, "w1", log)).toBe("published");
    const correction = await one({ kind: "correction", text: "【訂正】価格に誤りがありました" });
    const { corrections } = await import("@/db/schema");
    await db().insert(corrections).values({ originalPostId: original.postId, kind: "correction", newPostId: correction.postId, originalAction: "hide", publishAs: "reply", createdById: people.pr });
    expect(await publishTarget(correction.targetIds[0]!, "w1", log)).toBe("published");
    const [origPub] = await db().select().from(publications).where(eq(publications.targetId, original.targetIds[0]!));
    expect(origPub!.state).toBe("hidden");
    const [onNetwork] = await db().select().from(sandboxPosts).where(eq(sandboxPosts.externalId, origPub!.externalId!));
    expect(onNetwork!.state).toBe("hidden");
    const [reply] = await db().select().from(sandboxPosts).where(eq(sandboxPosts.idempotencyKey, (await targetOf(correction.targetIds[0]!)).idempotencyKey));
    expect(reply!.inReplyTo).toBe(origPub!.externalId);
    const [c] = await db().select().from(corrections).where(eq(corrections.newPostId, correction.postId));
    expect(c!.originalActionDoneAt).not.toBeNull();
    expect(await auditCount("publication.original_hidden")).toBe(1);
  });
});

describe("sandbox network", () => {
  it("dedupes by idempotency key per channel", async () => {
    const { sandboxConnector } = await import("@/lib/channels/sandbox");
    const ch = { id: channelA, platform: "x" as const, handle: "h", connector: "sandbox" as const, externalAccountId: null, credentialsRef: null };
    const key = `k-${Date.now()}`;
    const a = await sandboxConnector.publish({ channel: ch, idempotencyKey: key, text: "一度だけ", media: [], signal: AbortSignal.timeout(1000) });
    const b = await sandboxConnector.publish({ channel: ch, idempotencyKey: key, text: "一度だけ", media: [], signal: AbortSignal.timeout(1000) });
    expect(a.kind === "published" && b.kind === "published" && a.externalId === b.externalId).toBe(true);
    expect((await countSandboxPosts({ keyPrefix: key })).posts).toBe(1);
  });
});

/**
 * Asset rights over time on real PostgreSQL (lib/dal/asset-rights.ts, lib/jobs/asset-rights.ts):
 * Legal and the manager are told 14 and 3 days ahead, once each; when the rights end every
 * published post using the asset is flagged and, by Legal's policy, hidden or deleted through its
 * connector (the sandbox network here) with the record kept and audited; a held post stays up.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assetRightsFlags, assets, auditEvents, notifications, postRevisions, posts, postTargets, publications, sandboxPosts } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { createPost } from "@/db/seed/factories";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/dal/viewer";
import { acceptSandboxPost } from "@/lib/dal/sandbox-network";
import { placeHold, releaseHold } from "@/lib/dal/legal-holds";
import { getLegalSettings, updateLegalSettings } from "@/lib/dal/legal-settings";
import { listRightsOverview } from "@/lib/dal/asset-rights";
import { runAssetRights } from "@/lib/jobs/asset-rights";
import { lastAudit, ROLES, viewersByRole, type Role } from "./helpers";

let V: Record<Role | "none", Viewer>;
const db = () => getDb();
const DAY = 86_400_000;

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function anAsset(endsAt: Date, name = "talent-photo.jpg") {
  const [a] = await db()
    .insert(assets)
    .values({ brandId: BRAND_IDS.cafe, kind: "image", storageKey: `test/${crypto.randomUUID()}.jpg`, originalName: name, mimeType: "image/jpeg", sizeBytes: 1000, source: "talent", licence: "タレント契約 2026", licenceExpiresAt: endsAt, uploadedById: V.content_creator.id })
    .returning({ id: assets.id });
  return a!.id;
}

/** A post published on the sandbox X channel whose revision uses the asset there. */
async function publishedWith(assetId: string, title = "タレント起用キャンペーン") {
  const p = await createPost(db(), { brandId: BRAND_IDS.cafe, channelIds: [CHANNEL_IDS.cafeX], authorId: V.content_creator.id, title, state: "published" });
  await db()
    .update(postRevisions)
    .set({ content: { isCommercial: true, variants: [{ channelId: CHANNEL_IDS.cafeX, platform: "x", text: "【PR】新キャンペーン", mediaAssetIds: [assetId] }] } })
    .where(eq(postRevisions.id, p.revisionId));
  const [t] = await db().select({ id: postTargets.id }).from(postTargets).where(eq(postTargets.postId, p.postId));
  const { externalId } = await acceptSandboxPost({ channelId: CHANNEL_IDS.cafeX, idempotencyKey: `rights-${t!.id}`, text: "【PR】新キャンペーン", media: [], inReplyTo: null });
  await db().insert(publications).values({ targetId: t!.id, state: "published", externalId, publishedAt: new Date(), attempts: 1 });
  return { postId: p.postId, targetId: t!.id, externalId };
}

async function noticesFor(userId: string, kind: string) {
  const [r] = await db().select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  return r!.n;
}

async function pubState(targetId: string) {
  const [r] = await db().select({ state: publications.state }).from(publications).where(eq(publications.targetId, targetId));
  return r!.state;
}

async function sandboxState(externalId: string) {
  const [r] = await db().select({ state: sandboxPosts.state }).from(sandboxPosts).where(eq(sandboxPosts.externalId, externalId));
  return r!.state;
}

describe("asset rights job", () => {
  it("tells Legal and the manager 14 and 3 days ahead, once each", async () => {
    const now = new Date();
    const assetId = await anAsset(new Date(now.getTime() + 10 * DAY), "licensed-sakura.jpg");
    await publishedWith(assetId);
    await runAssetRights(now);
    expect(await noticesFor(V.legal.id, "asset_rights.expiring")).toBe(1);
    expect(await noticesFor(V.social_media_manager.id, "asset_rights.expiring")).toBe(1);
    expect(await noticesFor(V.content_creator.id, "asset_rights.expiring")).toBe(0);
    // Re-runs are silent.
    await runAssetRights(new Date(now.getTime() + 3_600_000));
    expect(await noticesFor(V.legal.id, "asset_rights.expiring")).toBe(1);
    // Inside 3 days: one more, once.
    await runAssetRights(new Date(now.getTime() + 8 * DAY));
    await runAssetRights(new Date(now.getTime() + 8 * DAY + 3_600_000));
    expect(await noticesFor(V.legal.id, "asset_rights.expiring")).toBe(2);
    expect(await noticesFor(V.social_media_manager.id, "asset_rights.expiring")).toBe(2);
    const notices = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "asset_rights.expiry_notice"), eq(auditEvents.subjectId, assetId)));
    expect(notices.map((n) => (n.data as { leadDays: number }).leadDays)).toEqual([14, 3]);
  });

  it("when the rights end, hides the published post through the sandbox connector (policy hide); the record stays; audited", async () => {
    const assetId = await anAsset(new Date(Date.now() - 60_000));
    const p = await publishedWith(assetId);
    const r = await runAssetRights();
    expect(r.removed).toBeGreaterThanOrEqual(1);
    expect(await pubState(p.targetId)).toBe("hidden");
    expect(await sandboxState(p.externalId)).toBe("hidden");
    const [flag] = await db().select().from(assetRightsFlags).where(eq(assetRightsFlags.targetId, p.targetId));
    expect(flag).toMatchObject({ assetId, postId: p.postId, outcome: "hidden" });
    // The post itself is kept (record), still published in the portal's history.
    const [post] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, p.postId));
    expect(post!.state).toBe("published");
    const actions = (await db().select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.subjectType, "post"), eq(auditEvents.subjectId, p.postId)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["asset_rights.expired", "publication.rights_hidden"]));
    expect(await noticesFor(V.legal.id, "asset_rights.expired")).toBeGreaterThanOrEqual(1);
    // A second run changes nothing.
    const again = await runAssetRights();
    expect(again).toMatchObject({ flagged: 0, pending: 0, held: 0, removed: 0 });
  });

  it("a held post is not removed: flagged as held, Legal told, still live; policy delete removes the unheld one", async () => {
    await updateLegalSettings(V.legal, { rightsExpiryAction: "delete", inboxRetentionDays: 365, draftRetentionDays: 180 });
    const assetId = await anAsset(new Date(Date.now() - 60_000), "ugc-photo.jpg");
    const held = await publishedWith(assetId, "保全中の投稿");
    const free = await publishedWith(assetId, "保全なしの投稿");
    const hold = await placeHold(V.legal, { subjectKind: "post", postId: held.postId, reason: "権利者との交渉記録として保全" });
    await runAssetRights();
    expect(await pubState(held.targetId)).toBe("published");
    expect(await sandboxState(held.externalId)).toBe("live");
    const [hf] = await db().select().from(assetRightsFlags).where(eq(assetRightsFlags.targetId, held.targetId));
    expect(hf!.outcome).toBe("held");
    expect(hf!.detail).toContain("権利者との交渉記録として保全");
    expect(await pubState(free.targetId)).toBe("deleted");
    expect(await sandboxState(free.externalId)).toBe("deleted");
    // Releasing the hold does not remove it behind Legal's back: the flag stays "held" for a person to decide.
    await releaseHold(V.legal, { holdId: hold.id, reason: "交渉終了" });
    await runAssetRights();
    expect(await pubState(held.targetId)).toBe("published");
    await updateLegalSettings(V.legal, { rightsExpiryAction: "hide", inboxRetentionDays: 365, draftRetentionDays: 180 });
  });

  it("a hold placed after flagging but before removal is respected at removal time", async () => {
    await updateLegalSettings(V.legal, { rightsExpiryAction: "hide", inboxRetentionDays: 365, draftRetentionDays: 180 });
    const assetId = await anAsset(new Date(Date.now() - 60_000));
    const p = await publishedWith(assetId);
    const { flagExpiredRights, claimRightsRemovals } = await import("@/lib/dal/asset-rights");
    await flagExpiredRights();
    await placeHold(V.legal, { subjectKind: "post", postId: p.postId, reason: "削除前に保全" });
    const claims = await claimRightsRemovals();
    expect(claims.find((c) => c.targetId === p.targetId)).toBeUndefined();
    const [f] = await db().select().from(assetRightsFlags).where(eq(assetRightsFlags.targetId, p.targetId));
    expect(f!.outcome).toBe("held");
    expect(await pubState(p.targetId)).toBe("published");
  });

  it("policy flag only: flagged, nothing removed", async () => {
    await updateLegalSettings(V.legal, { rightsExpiryAction: "flag", inboxRetentionDays: 365, draftRetentionDays: 180 });
    const assetId = await anAsset(new Date(Date.now() - 60_000));
    const p = await publishedWith(assetId);
    await runAssetRights();
    const [f] = await db().select().from(assetRightsFlags).where(eq(assetRightsFlags.targetId, p.targetId));
    expect(f!.outcome).toBe("flagged");
    expect(await pubState(p.targetId)).toBe("published");
    await updateLegalSettings(V.legal, { rightsExpiryAction: "hide", inboxRetentionDays: 365, draftRetentionDays: 180 });
  });
});

describe("Legal's policies and the rights view per role", () => {
  it("only Legal changes the policy (audited with before and after); bad input refused; Legal and the manager read", async () => {
    for (const who of [...ROLES, "none"] as const) {
      const p = updateLegalSettings(V[who], { rightsExpiryAction: "delete", inboxRetentionDays: 400, draftRetentionDays: 200 });
      if (who === "legal") {
        await p;
        expect(await lastAudit()).toMatchObject({ action: "legal_settings.updated", actorId: V.legal.id, data: { after: { rightsExpiryAction: "delete", inboxRetentionDays: 400 } } });
      } else await expect(p).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const before = await getLegalSettings(V.legal);
    for (const bad of [{ rightsExpiryAction: "burn", inboxRetentionDays: 400, draftRetentionDays: 200 }, { rightsExpiryAction: "hide", inboxRetentionDays: 1, draftRetentionDays: 200 }, { rightsExpiryAction: "hide", inboxRetentionDays: 400, draftRetentionDays: 200, extra: 1 }]) {
      await expect(updateLegalSettings(V.legal, bad as never)).rejects.toBeInstanceOf(AppError);
    }
    expect(await getLegalSettings(V.social_media_manager)).toMatchObject({ rightsExpiryAction: before.rightsExpiryAction, inboxRetentionDays: 400 });
    await expect(getLegalSettings(V.pr)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await updateLegalSettings(V.legal, { rightsExpiryAction: "hide", inboxRetentionDays: 365, draftRetentionDays: 180 });
  });

  it("the rights view lists expiring and expired assets with the posts using them", async () => {
    const soon = await anAsset(new Date(Date.now() + 5 * DAY), "expiring-soon.jpg");
    await publishedWith(soon, "期限間近の素材を使う投稿");
    const list = await listRightsOverview(V.legal);
    const row = list.find((a) => a.id === soon)!;
    expect(row).toMatchObject({ status: "expiring", originalName: "expiring-soon.jpg" });
    expect(row.posts.map((p) => p.title)).toEqual(["期限間近の素材を使う投稿"]);
    expect(list.some((a) => a.status === "expired" && a.posts.some((p) => p.outcome === "held"))).toBe(true);
    await expect(listRightsOverview(V.content_creator)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

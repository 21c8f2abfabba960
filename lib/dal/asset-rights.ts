import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { assetRightsFlags, assets, brands, channels, postRevisions, posts, postTargets, publications } from "@/db/schema";
import type { ChannelRef } from "@/lib/channels/types";
import { recordAudit } from "./audit";
import { notify } from "./notify";
import { heldSubjects, lockHoldsShared, postHeld } from "./legal-holds";
import { readLegalSettings } from "./legal-settings";
import { CHANNEL_REF_COLUMNS } from "./publishing";
import { authorize, type Viewer } from "./viewer";

/*
 * Asset rights over time (issue 5). An asset's rights end at assets.licence_expires_at: the
 * licence of a licensed/agency/UGC asset, or the contract window of a talent asset.
 *
 * lib/jobs/asset-rights.ts runs, as the system:
 *   1. noticeExpiringRights: 14 and 3 days ahead, Legal and the manager are told, once each per
 *      (asset, rights end, lead time) — notify()'s dedupe key makes a re-run silent.
 *   2. flagExpiredRights: when the rights have ended, every published target whose revision uses
 *      the asset on that channel gets an asset_rights_flags row (the record, kept): "flagged" when
 *      the policy is flag only, "held" when a legal hold covers the post (Legal and the manager are
 *      told instead), else "pending" removal. Audited per post; Legal and the manager notified.
 *   3. claimRightsRemovals → the connector's remove (hide or delete, as the policy says) →
 *      recordRightsRemoval. The hold is checked again right before the remote call.
 */

const SYSTEM = { id: null, label: "system:asset-rights" } as const;
const DAY = 86_400_000;
export const RIGHTS_NOTICE_DAYS = [14, 3] as const;

/** Published targets of posts whose published revision uses the asset on that target's channel. */
function usesAsset(assetId: unknown) {
  return sql`${postRevisions.content}->'variants' @> jsonb_build_array(jsonb_build_object('channelId', ${postTargets.channelId}::text, 'mediaAssetIds', jsonb_build_array(${assetId}::text)))`;
}

async function publishedTargetsUsing(assetId: string) {
  return db
    .select({ targetId: postTargets.id, postId: posts.id, title: posts.title, channelId: postTargets.channelId })
    .from(postTargets)
    .innerJoin(publications, and(eq(publications.targetId, postTargets.id), eq(publications.state, "published")))
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
    .where(usesAsset(assetId));
}

function assetLabel(a: { originalName: string; source: string }) {
  return `${a.originalName} (${a.source})`;
}

/** Step 1. Returns how many notices went out (0 on a re-run). */
export async function noticeExpiringRights(now: Date = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + RIGHTS_NOTICE_DAYS[0] * DAY);
  const rows = await db
    .select({ id: assets.id, originalName: assets.originalName, source: assets.source, endsAt: assets.licenceExpiresAt })
    .from(assets)
    .where(and(gt(assets.licenceExpiresAt, now), lte(assets.licenceExpiresAt, horizon)));
  let sent = 0;
  for (const a of rows) {
    const daysLeft = (a.endsAt!.getTime() - now.getTime()) / DAY;
    // The nearest lead time already reached: 3 days inside 3, else 14.
    const lead = RIGHTS_NOTICE_DAYS.filter((d) => daysLeft <= d).at(-1)!;
    const used = await publishedTargetsUsing(a.id);
    const inUse = new Set(used.map((u) => u.postId)).size;
    sent += await db.transaction(async (tx) => {
      const params = { asset: assetLabel(a), endsAt: a.endsAt!.toISOString(), days: lead, posts: inUse };
      const dedupeKey = `rights:${a.id}:${a.endsAt!.toISOString()}:${lead}`;
      const n =
        (await notify(tx, { permission: "workspace.legal", kind: "asset_rights.expiring", params, link: "/legal/rights", dedupeKey })) +
        (await notify(tx, { permission: "workspace.manager", kind: "asset_rights.expiring", params, link: "/assets", dedupeKey }));
      if (n > 0) await recordAudit(tx, { actor: SYSTEM, action: "asset_rights.expiry_notice", subjectType: "asset", subjectId: a.id, data: { endsAt: a.endsAt!.toISOString(), leadDays: lead, postsInUse: inUse } });
      return n;
    });
  }
  return sent;
}

/** Step 2. Returns the number of new flag rows. */
export async function flagExpiredRights(now: Date = new Date()): Promise<{ flagged: number; pending: number; held: number }> {
  const { rightsExpiryAction } = await readLegalSettings();
  const expired = await db
    .select({ id: assets.id, originalName: assets.originalName, source: assets.source, endsAt: assets.licenceExpiresAt })
    .from(assets)
    // Rights that ended in the last 60 days: older ones were flagged by earlier runs.
    .where(and(lte(assets.licenceExpiresAt, now), gt(assets.licenceExpiresAt, new Date(now.getTime() - 60 * DAY))));
  const out = { flagged: 0, pending: 0, held: 0 };
  for (const a of expired) {
    const endsAt = a.endsAt!;
    const targets = await publishedTargetsUsing(a.id);
    if (targets.length === 0) continue;
    await db.transaction(async (tx) => {
      await lockHoldsShared(tx);
      const byPost = new Map<string, { title: string; targetIds: string[] }>();
      for (const t of targets) {
        const e = byPost.get(t.postId) ?? { title: t.title, targetIds: [] };
        e.targetIds.push(t.targetId);
        byPost.set(t.postId, e);
      }
      for (const [postId, p] of byPost) {
        const holds = await heldSubjects(tx, { postId });
        const outcome: "held" | "flagged" | "pending" = holds.length > 0 ? "held" : rightsExpiryAction === "flag" ? "flagged" : "pending";
        const inserted = await tx
          .insert(assetRightsFlags)
          .values(p.targetIds.map((targetId) => ({ assetId: a.id, postId, targetId, rightsEndAt: endsAt, outcome, detail: holds[0] ? `hold ${holds[0].id}: ${holds[0].reason}` : null })))
          .onConflictDoNothing()
          .returning({ id: assetRightsFlags.id });
        if (inserted.length === 0) continue;
        out[outcome === "pending" ? "pending" : outcome === "held" ? "held" : "flagged"] += inserted.length;
        await recordAudit(tx, {
          actor: SYSTEM,
          action: "asset_rights.expired",
          subjectType: "post",
          subjectId: postId,
          data: { assetId: a.id, asset: assetLabel(a), endsAt: endsAt.toISOString(), targets: p.targetIds, outcome, policy: rightsExpiryAction, ...(holds[0] ? { holdId: holds[0].id } : {}) },
        });
        const params = { asset: assetLabel(a), postTitle: p.title, endsAt: endsAt.toISOString(), outcome };
        const dedupeKey = `rights-expired:${a.id}:${endsAt.toISOString()}:${postId}`;
        await notify(tx, { permission: "workspace.legal", kind: "asset_rights.expired", params, link: "/legal/rights", dedupeKey });
        await notify(tx, { permission: "workspace.manager", kind: "asset_rights.expired", params, link: "/assets", dedupeKey });
      }
    });
  }
  return out;
}

export type RightsRemoval = { flagId: string; postId: string; targetId: string; externalId: string; mode: "hide" | "delete"; channel: ChannelRef };

/**
 * Step 3a. Pending removals, each re-checked against holds just before the remote call: a post
 * held since it was flagged becomes "held" and is left alone. The policy is read now (a change to
 * flag only stops removals not yet made: they become "flagged").
 */
export async function claimRightsRemovals(limit = 100): Promise<RightsRemoval[]> {
  const { rightsExpiryAction } = await readLegalSettings();
  return db.transaction(async (tx) => {
    await lockHoldsShared(tx);
    const rows = await tx
      .select({ flagId: assetRightsFlags.id, postId: assetRightsFlags.postId, targetId: assetRightsFlags.targetId, externalId: publications.externalId, pubState: publications.state, held: postHeld, channel: CHANNEL_REF_COLUMNS })
      .from(assetRightsFlags)
      .innerJoin(posts, eq(posts.id, assetRightsFlags.postId))
      .innerJoin(postTargets, eq(postTargets.id, assetRightsFlags.targetId))
      .innerJoin(channels, eq(channels.id, postTargets.channelId))
      .leftJoin(publications, eq(publications.targetId, assetRightsFlags.targetId))
      .where(eq(assetRightsFlags.outcome, "pending"))
      .orderBy(asc(assetRightsFlags.createdAt))
      .limit(limit)
      .for("update", { of: assetRightsFlags, skipLocked: true });
    const out: RightsRemoval[] = [];
    for (const r of rows) {
      const settle = async (outcome: "held" | "flagged" | "hidden" | "deleted", detail: string) => {
        await tx.update(assetRightsFlags).set({ outcome, detail, updatedAt: new Date() }).where(eq(assetRightsFlags.id, r.flagId));
        await recordAudit(tx, { actor: SYSTEM, action: `asset_rights.${outcome === "held" ? "removal_held" : "removal_skipped"}`, subjectType: "post", subjectId: r.postId, data: { flagId: r.flagId, targetId: r.targetId, detail } });
      };
      if (r.held) await settle("held", "legal hold placed before removal");
      else if (rightsExpiryAction === "flag") await settle("flagged", "policy changed to flag only");
      else if (r.pubState !== "published" || !r.externalId) await settle(r.pubState === "deleted" ? "deleted" : "hidden", `already ${r.pubState ?? "gone"}`);
      else out.push({ flagId: r.flagId, postId: r.postId, targetId: r.targetId, externalId: r.externalId, mode: rightsExpiryAction, channel: r.channel });
    }
    return out;
  });
}

/** Step 3b. What the network said: the publication is marked hidden/deleted (the record stays). */
export async function recordRightsRemoval(r: RightsRemoval, outcome: { kind: "done" } | { kind: "failed"; code: string; message: string; retryable: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    if (outcome.kind === "done") {
      const state = r.mode === "hide" ? "hidden" : "deleted";
      await tx.update(publications).set({ state, updatedAt: new Date() }).where(and(eq(publications.targetId, r.targetId), eq(publications.state, "published")));
      await tx.update(assetRightsFlags).set({ outcome: state, detail: null, updatedAt: new Date() }).where(eq(assetRightsFlags.id, r.flagId));
      await recordAudit(tx, { actor: SYSTEM, action: `publication.rights_${state}`, subjectType: "post", subjectId: r.postId, data: { flagId: r.flagId, targetId: r.targetId, externalId: r.externalId, channelId: r.channel.id } });
    } else {
      // A failure known to have changed nothing is tried again on the next run; others need a person.
      await tx
        .update(assetRightsFlags)
        .set({ outcome: outcome.retryable ? "pending" : "failed", detail: `${outcome.code}: ${outcome.message}`.slice(0, 500), updatedAt: new Date() })
        .where(eq(assetRightsFlags.id, r.flagId));
      await recordAudit(tx, { actor: SYSTEM, action: "asset_rights.removal_failed", subjectType: "post", subjectId: r.postId, data: { flagId: r.flagId, targetId: r.targetId, code: outcome.code, retryable: outcome.retryable } });
    }
  });
}

// ── The view (/legal/rights) ──

export type RightsAssetDto = {
  id: string;
  originalName: string;
  source: string;
  licence: string | null;
  brandName: string | null;
  endsAt: Date;
  status: "expiring" | "expired";
  posts: { postId: string; title: string; state: string; outcome: string | null; channels: string[] }[];
};

/** Assets whose rights end within `days` or have ended (most urgent first), with the posts affected. */
export async function listRightsOverview(viewer: Viewer, o: { days?: number; now?: Date } = {}): Promise<RightsAssetDto[]> {
  if (!viewer.permissions.has("legal_hold.manage")) authorize(viewer, "evidence.export");
  const now = o.now ?? new Date();
  const horizon = new Date(now.getTime() + (o.days ?? 30) * DAY);
  const rows = await db
    .select({ id: assets.id, originalName: assets.originalName, source: assets.source, licence: assets.licence, brandName: brands.name, endsAt: assets.licenceExpiresAt })
    .from(assets)
    .leftJoin(brands, eq(brands.id, assets.brandId))
    .where(and(lte(assets.licenceExpiresAt, horizon), or(isNull(assets.archivedAt), gt(assets.licenceExpiresAt, new Date(now.getTime() - 90 * DAY)))))
    .orderBy(desc(sql`${assets.licenceExpiresAt} <= ${now.toISOString()}::timestamptz`), asc(assets.licenceExpiresAt))
    .limit(200);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const flags = await db
    .select({ assetId: assetRightsFlags.assetId, postId: assetRightsFlags.postId, outcome: assetRightsFlags.outcome })
    .from(assetRightsFlags)
    .where(inArray(assetRightsFlags.assetId, ids));
  const out: RightsAssetDto[] = [];
  for (const r of rows) {
    const used = await db
      .select({ postId: posts.id, title: posts.title, state: posts.state, channel: channels.handle, platform: channels.platform })
      .from(postTargets)
      .innerJoin(posts, eq(posts.id, postTargets.postId))
      .innerJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
      .innerJoin(channels, eq(channels.id, postTargets.channelId))
      .where(and(usesAsset(r.id), inArray(posts.state, ["approved", "scheduled", "publishing", "published", "in_review", "final_review", "draft", "changes_requested"])));
    const byPost = new Map<string, RightsAssetDto["posts"][number]>();
    for (const u of used) {
      const e = byPost.get(u.postId) ?? { postId: u.postId, title: u.title, state: u.state, outcome: null, channels: [] };
      e.channels.push(`${u.platform} ${u.channel}`);
      byPost.set(u.postId, e);
    }
    for (const f of flags) if (f.assetId === r.id && byPost.has(f.postId)) byPost.get(f.postId)!.outcome = f.outcome;
    out.push({ ...r, endsAt: r.endsAt!, status: r.endsAt! <= now ? "expired" : "expiring", posts: [...byPost.values()] });
  }
  return out;
}

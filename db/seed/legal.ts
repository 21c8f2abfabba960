import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { assets, inboxItems, legalReviews, postRevisions, posts, postTargets, replies, takedownRequests } from "@/db/schema";
import { snapshotHash } from "@/lib/domain/legal-hash";
import { syncPostLegalReviews } from "@/lib/dal/legal-posts";
import { BRAND_IDS, CHANNEL_IDS, demoUserId } from "./demo";
import { seedId } from "./workspaces";

/*
 * Demo data for Legal's queue (issue 5), on top of the workspace seed's ten legal reviews: each gets
 * the exact thing under review (snapshot) and its hash, requester, brand/channel and risk, so every
 * review screen shows real content — post revisions with their assets' rights, an ad creative with
 * a "No.1" claim, the official reply to a contamination report with its inbox item, a photographer's
 * takedown complaint, a talent usage check. Added: a second reply with 「日本一」, a trademark complaint
 * filed from an inbox item, and the approval with conditions on AOBA Rouge carrying structured
 * conditions. Idempotent: only rows whose snapshot is still empty are filled, inserts skip existing ids.
 */

const HOUR = 3_600_000;

export async function seedLegalQueue(db: Db, now: Date = new Date()): Promise<void> {
  const rows = await db
    .select()
    .from(legalReviews)
    .where(inArray(legalReviews.id, Array.from({ length: 10 }, (_, i) => seedId("legalReview", i + 1))));
  if (rows.length === 0) return; // workspace seed not present
  const at = (h: number) => new Date(now.getTime() + h * HOUR);

  for (const r of rows) {
    if (r.subjectHash) continue;
    let snapshot: Record<string, unknown> = {};
    let subjectHash: string;
    let brandId: string | null = null;
    let channelId: string | null = null;
    let requestedById: string | null = null;
    let risk: "low" | "medium" | "high" = "medium";
    let revisionHash: string | null = null;

    if (r.subjectKind === "post_revision" && r.revisionId && r.postId) {
      const [rev] = await db.select().from(postRevisions).where(eq(postRevisions.id, r.revisionId));
      const [p] = await db.select({ title: posts.title, brandId: posts.brandId, riskScore: posts.riskScore }).from(posts).where(eq(posts.id, r.postId));
      const [tgt] = await db.select({ channelId: postTargets.channelId }).from(postTargets).where(eq(postTargets.postId, r.postId)).limit(1);
      if (!rev || !p) continue;
      const content = rev.content as { variants?: { mediaAssetIds?: string[] }[] };
      const ids = [...new Set((content.variants ?? []).flatMap((v) => v.mediaAssetIds ?? []))];
      const assetRows = ids.length
        ? await db
            .select({ id: assets.id, name: assets.originalName, kind: assets.kind, source: assets.source, licence: assets.licence, licenceExpiresAt: assets.licenceExpiresAt, hasLikeness: assets.hasLikeness })
            .from(assets)
            .where(inArray(assets.id, ids))
        : [];
      snapshot = { postTitle: p.title, revisionNumber: rev.number, content: rev.content, assets: assetRows.map((a) => ({ ...a, licenceExpiresAt: a.licenceExpiresAt?.toISOString() ?? null })) };
      subjectHash = rev.contentHash;
      revisionHash = rev.contentHash;
      brandId = p.brandId;
      channelId = tgt?.channelId ?? null;
      requestedById = rev.createdById;
      risk = p.riskScore >= 60 ? "high" : p.riskScore >= 30 ? "medium" : "low";
    } else if (r.subjectKind === "reply") {
      const [rep] = await db.select({ text: replies.text, inboxItemId: replies.inboxItemId, authorId: replies.authorId }).from(replies).where(eq(replies.id, r.subjectId));
      const [item] = rep
        ? await db
            .select({ text: inboxItems.text, authorHandle: inboxItems.authorHandle, platform: inboxItems.platform, receivedAt: inboxItems.receivedAt, brandId: inboxItems.brandId, channelId: inboxItems.channelId })
            .from(inboxItems)
            .where(eq(inboxItems.id, rep.inboxItemId))
        : [];
      // The same snapshot and hash the reply composer sends (lib/dal/inbox-replies.ts askLegal, replyTextHash): the sender reads this clearance.
      snapshot = {
        replyText: rep?.text ?? "",
        inboxItem: item ? { id: rep!.inboxItemId, text: item.text, authorHandle: item.authorHandle, platform: item.platform, receivedAt: item.receivedAt.toISOString() } : null,
      };
      subjectHash = createHash("sha256").update(rep?.text ?? "", "utf8").digest("hex");
      brandId = item?.brandId ?? null;
      channelId = item?.channelId ?? null;
      requestedById = rep?.authorId ?? demoUserId("community");
      risk = "high";
    } else if (r.subjectKind === "takedown") {
      const [t] = await db.select().from(takedownRequests).where(eq(takedownRequests.id, r.subjectId));
      snapshot = { complainant: t?.complainant ?? "", contact: t?.contact ?? null, url: t?.url ?? null, takedownKind: "copyright", description: t?.description ?? "", postId: seedId("post", 3) };
      subjectHash = snapshotHash(snapshot);
      brandId = BRAND_IDS.cafe;
      channelId = CHANNEL_IDS.cafeInstagram;
      requestedById = demoUserId("community");
      await db.update(takedownRequests).set({ kind: "copyright", reportedById: demoUserId("community"), postId: seedId("post", 3), status: "in_review" }).where(eq(takedownRequests.id, r.subjectId));
    } else if (r.subjectKind === "ad_creative") {
      snapshot = {
        headline: "冬のギフト早割 10%オフ",
        primaryText: "【広告】お客様満足度No.1のドリップギフト。12月10日までのご予約で10%オフ。",
        callToAction: "予約する",
        placement: "Facebook フィード",
        landingUrl: "https://aoba-foods.example.jp/gift",
        isCommercial: true,
      };
      subjectHash = snapshotHash(snapshot);
      requestedById = demoUserId("adops");
      risk = "medium";
    } else {
      snapshot = {
        talent: "美容家 MIO",
        text: "【PR】MIOさん愛用のAOBA Serum Pro。肌の奥まで浸透する新処方。",
        usage: "TikTok 二次利用・広告配信への転用",
        contractWindow: { from: "2026-01-15", to: "2026-07-14", media: ["Instagram", "TikTok(オーガニックのみ)"] },
        isCommercial: true,
      };
      subjectHash = snapshotHash(snapshot);
      requestedById = demoUserId("adops");
      brandId = BRAND_IDS.beauty;
      channelId = CHANNEL_IDS.beautyTiktok;
      risk = "high";
    }

    const decided = ["approved", "approved_with_conditions", "rejected"].includes(r.state);
    await db
      .update(legalReviews)
      .set({
        snapshot,
        subjectHash,
        requestedById,
        brandId: brandId ?? r.brandId,
        channelId: channelId ?? r.channelId,
        risk,
        decisionHash: decided ? (revisionHash ?? subjectHash) : null,
        conditionItems:
          r.state === "approved_with_conditions" && r.conditions
            ? r.conditions
                .split(/\n/)
                .filter(Boolean)
                .map((text, i) => ({ id: `seed-c${i + 1}`, text, met: false }))
            : r.conditionItems,
        assignedAt: r.assigneeId ? r.createdAt : null,
      })
      .where(and(eq(legalReviews.id, r.id), sql`${legalReviews.subjectHash} is null`));
  }

  // A second reply held for Legal: a superlative in an answer to a complaint.
  const replySnapshot = {
    replyText: "ご意見ありがとうございます。当店のブレンドは日本一の香りと自負しておりますが、今回の抽出ムラについては店舗で確認いたします。",
    inboxItem: { text: "仙台駅前店のラテ、今日はぬるくて香りもしなかった。残念。", authorHandle: "latte_lover_s", platform: "x", receivedAt: at(-3).toISOString() },
  };
  const takedownSnapshot = {
    complainant: "株式会社アオバ珈琲商会(仮称) 知財部",
    contact: "ip@aoba-coffee-shokai.example.jp",
    url: "https://www.instagram.com/p/CxAobaCafe0007/",
    takedownKind: "trademark",
    description: "貴社の投稿で使用されている「AOBA BLEND」の表記が当社の登録商標(第6xxxxxx号)と同一です。投稿の削除と今後の使用中止を求めます。",
    postId: null,
    inboxItem: { text: "【知財部より】貴社アカウントの投稿について商標権侵害の申入れをいたします。詳細はDMをご確認ください。", authorHandle: "aoba_coffee_ip", platform: "instagram", receivedAt: at(-5).toISOString() },
  };
  await db
    .insert(takedownRequests)
    .values({
      id: seedId("takedown", 3),
      complainant: takedownSnapshot.complainant,
      contact: takedownSnapshot.contact,
      url: takedownSnapshot.url,
      description: takedownSnapshot.description,
      kind: "trademark",
      status: "in_review",
      reportedById: demoUserId("community"),
      receivedAt: at(-5),
    })
    .onConflictDoNothing();
  await db
    .insert(legalReviews)
    .values([
      {
        id: seedId("legalReview", 11),
        subjectKind: "reply",
        subjectId: seedId("reply", 1038),
        title: "ぬるいラテへの返信文案(「日本一」表現)",
        state: "open",
        snapshot: replySnapshot,
        subjectHash: createHash("sha256").update(replySnapshot.replyText, "utf8").digest("hex"),
        requestedById: demoUserId("community"),
        brandId: BRAND_IDS.cafe,
        channelId: CHANNEL_IDS.cafeX,
        risk: "medium",
        dueAt: at(0.4),
        createdAt: at(-1.6),
        updatedAt: at(-1.6),
      },
      {
        id: seedId("legalReview", 12),
        subjectKind: "takedown",
        subjectId: seedId("takedown", 3),
        title: "「AOBA BLEND」商標権侵害の申入れ(受信箱から)",
        state: "open",
        snapshot: takedownSnapshot,
        subjectHash: snapshotHash(takedownSnapshot),
        requestedById: demoUserId("community"),
        risk: "high",
        brandId: BRAND_IDS.cafe,
        channelId: CHANNEL_IDS.cafeInstagram,
        dueAt: at(19),
        createdAt: at(-5),
        updatedAt: at(-5),
      },
    ])
    .onConflictDoNothing();

  // Every other post awaiting Legal gets its structured review, as the workflow gives new ones.
  await db.transaction((tx) => syncPostLegalReviews(tx, now));
}

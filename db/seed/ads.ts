/**
 * Demo data for the ads workspace (issue 7), on top of the workspace seed's three campaigns:
 * - the manager's threshold (¥1,000,000) and the pending budget request of the beauty launch;
 * - three more campaigns on sandbox channels with 30 days of simulated delivery: one running
 *   (with a rule that paused one of its ads), one ended, one paused by hand;
 * - a creative waiting in Legal, automated rules and their firings.
 * Idempotent (fixed ids, ON CONFLICT DO NOTHING); delivery comes from the same deterministic
 * simulator the sandbox connector uses, so the numbers look like the live ones.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { adBudgetApprovals, adMetricsDaily, adRuleFirings, adRules, adSets, adSettings, ads, approvals, campaigns, legalReviews, postRevisions, posts, spendDaily } from "@/db/schema";
import { addDays, creativeSnapshot, dailyCaps, simulateDay, tokyoDayOf, totalBudget, type AdObjective } from "@/lib/domain/ads";
import { BRAND_IDS, CHANNEL_IDS, demoUserId } from "./demo";
import { seedId } from "./workspaces";

const id = (n: number) => `00000000-0000-4000-9ad0-${n.toString(16).padStart(12, "0")}`;
export const ADS_SEED_MARKER = id(1);

/** The current revision of a published post of the brand with a live final approval (what a boost needs). */
async function boostable(db: Db, brandId: string): Promise<string | null> {
  const [row] = await db
    .select({ rev: postRevisions.id })
    .from(posts)
    .innerJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
    .innerJoin(approvals, and(eq(approvals.revisionId, postRevisions.id), eq(approvals.revisionHash, postRevisions.contentHash), eq(approvals.stage, "final"), eq(approvals.decision, "approved"), isNull(approvals.voidedAt)))
    .where(and(eq(posts.brandId, brandId), inArray(posts.state, ["published", "approved", "scheduled"])))
    .limit(1);
  return row?.rev ?? null;
}

type AdSpec = { n: number; set: number; name: string; boost?: string | null; text?: string; headline?: string; status: string; pausedReason?: "rule" | "manual"; legal?: "approved" | "open" };

export async function seedAds(db: Db, now: Date = new Date()): Promise<{ seeded: boolean }> {
  const [exists] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, ADS_SEED_MARKER)).limit(1);
  if (exists) return { seeded: false };
  const today = tokyoDayOf(now);
  const adops = demoUserId("adops");
  const manager = demoUserId("manager");
  const legal = demoUserId("legal");
  const cafeRev = await boostable(db, BRAND_IDS.cafe);
  const foodsRev = await boostable(db, BRAND_IDS.foods);

  await db.transaction(async (tx) => {
    await tx.insert(adSettings).values({ id: "default", approvalThresholdJpy: 1_000_000, updatedById: manager }).onConflictDoNothing();

    // The workspace seed's beauty launch (¥3.5M, pending approval) gets its request row.
    const [beauty] = await tx.select({ id: campaigns.id, status: campaigns.status, budgetType: campaigns.budgetType, budgetJpy: campaigns.budgetJpy, startsOn: campaigns.startsOn, endsOn: campaigns.endsOn }).from(campaigns).where(eq(campaigns.id, seedId("campaign", 2)));
    if (beauty?.status === "pending_approval") {
      await tx.insert(adBudgetApprovals).values({ id: id(900), campaignId: beauty.id, amountJpy: totalBudget(beauty), note: "新美容液の発売に合わせた全国配信。前年の同規模ローンチ実績 CPA ¥3,200。", requestedById: adops, requestedAt: new Date(now.getTime() - 26 * 3_600_000) }).onConflictDoNothing();
    }
    // The workspace seed's running cafe boost: approved budget amount, delivery cursor.
    await tx.update(campaigns).set({ budgetApprovedJpy: 800_000, sandboxNextDay: today, launchedAt: sql`coalesce(${campaigns.launchedAt}, now() - interval '10 days')` }).where(and(eq(campaigns.id, seedId("campaign", 1)), eq(campaigns.status, "active")));

    const specs: {
      n: number;
      name: string;
      brandId: string;
      channelId: string;
      objective: AdObjective;
      budgetType: "daily" | "lifetime";
      budgetJpy: number;
      startsOn: string;
      endsOn: string;
      status: "active" | "ended" | "paused" | "draft";
      pausedReason?: "manual";
      approved?: number;
      targeting: Record<string, unknown>;
      sets: { n: number; name: string; daily: number | null }[];
      ads: AdSpec[];
      deliverThrough: string | null;
    }[] = [
      {
        n: 1,
        name: "あおばカフェ 秋の焼き菓子フェア",
        brandId: BRAND_IDS.cafe,
        channelId: CHANNEL_IDS.cafeX,
        objective: "conversions",
        budgetType: "lifetime",
        budgetJpy: 600_000,
        startsOn: addDays(today, -24),
        endsOn: addDays(today, 5),
        status: "active",
        approved: undefined,
        targeting: { ageMin: 20, ageMax: 44, genders: [], prefectures: ["東京都", "神奈川県", "埼玉県", "千葉県"], interests: ["カフェ", "スイーツ", "焼き菓子"], languages: ["ja"] },
        sets: [
          { n: 1, name: "首都圏 20-34 スイーツ好き", daily: 12_000 },
          { n: 2, name: "首都圏 35-44 手土産需要", daily: 8_000 },
        ],
        ads: [
          { n: 1, set: 1, name: "焼き菓子 ブースト", boost: cafeRev, text: "【PR】秋の焼き菓子フェア開催中。マロンとかぼちゃのフィナンシェが登場。", status: "active" },
          { n: 2, set: 1, name: "フィナンシェ 静止画", text: "【広告】秋の焼き菓子フェア。マロンフィナンシェ 1個 ¥280、3個セット ¥780。", headline: "秋の焼き菓子フェア", status: "paused", pausedReason: "rule", legal: "approved" },
          { n: 3, set: 2, name: "手土産セット カルーセル", text: "【広告】手土産にちょうどいい、焼き菓子6個入りギフト。店頭とオンラインで。", headline: "焼き菓子ギフト", status: "active", legal: "approved" },
        ],
        deliverThrough: addDays(today, -1),
      },
      {
        n: 2,
        name: "あおば食品 夏の冷やし麺キャンペーン",
        brandId: BRAND_IDS.foods,
        channelId: CHANNEL_IDS.foodsX,
        objective: "traffic",
        budgetType: "daily",
        budgetJpy: 15_000,
        startsOn: addDays(today, -75),
        endsOn: addDays(today, -46),
        status: "ended",
        targeting: { ageMin: 25, ageMax: 59, genders: [], prefectures: [], interests: ["料理", "レシピ"], languages: ["ja"] },
        sets: [{ n: 3, name: "全国 25-59 料理好き", daily: 15_000 }],
        ads: [
          { n: 4, set: 3, name: "冷やし麺 ブースト", boost: foodsRev, text: "#PR 冷やし麺のつゆ、新しくなりました。", status: "ended" },
          { n: 5, set: 3, name: "レシピ動画誘導", text: "【PR】3分でできる冷やし麺アレンジ。レシピはプロフィールのリンクから。", headline: "冷やし麺アレンジ", status: "ended", legal: "approved" },
        ],
        deliverThrough: addDays(today, -46),
      },
      {
        n: 3,
        name: "AOBA Beauty サンプル請求(TikTok)",
        brandId: BRAND_IDS.beauty,
        channelId: CHANNEL_IDS.beautyTiktok,
        objective: "conversions",
        budgetType: "daily",
        budgetJpy: 25_000,
        startsOn: addDays(today, -30),
        endsOn: addDays(today, 14),
        status: "paused",
        pausedReason: "manual",
        approved: 1_125_000,
        targeting: { ageMin: 20, ageMax: 39, genders: ["female"], prefectures: [], interests: ["スキンケア", "コスメ"], languages: ["ja"] },
        sets: [{ n: 4, name: "全国 20-39 女性 スキンケア", daily: 25_000 }],
        ads: [{ n: 6, set: 4, name: "サンプル請求 縦型動画", text: "【PR】AOBA Beauty 新美容液の無料サンプル、先着1万名様に。", headline: "無料サンプル", status: "active", legal: "approved" }],
        deliverThrough: addDays(today, -1),
      },
      {
        n: 4,
        name: "あおば食品 お歳暮 予約受付(X)",
        brandId: BRAND_IDS.foods,
        channelId: CHANNEL_IDS.foodsX,
        objective: "conversions",
        budgetType: "daily",
        budgetJpy: 18_000,
        startsOn: addDays(today, 7),
        endsOn: addDays(today, 36),
        status: "draft",
        targeting: { ageMin: 40, ageMax: 65, genders: [], prefectures: [], interests: ["お歳暮", "グルメ"], languages: ["ja"] },
        sets: [{ n: 5, name: "全国 40-65 ギフト関心層", daily: 18_000 }],
        ads: [{ n: 7, set: 5, name: "お歳暮 早割 静止画", text: "【広告】あおば食品のお歳暮、早期ご予約で送料無料。人気の詰め合わせ3種。", headline: "お歳暮 早割", status: "in_review", legal: "open" }],
        deliverThrough: null,
      },
    ];

    for (const c of specs) {
      const cid = id(c.n);
      await tx
        .insert(campaigns)
        .values({
          id: cid,
          name: c.name,
          brandId: c.brandId,
          channelId: c.channelId,
          objective: c.objective,
          budgetType: c.budgetType,
          budgetJpy: c.budgetJpy,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          targeting: c.targeting,
          status: c.status,
          pausedReason: c.pausedReason ?? null,
          budgetApprovedJpy: c.approved ?? null,
          budgetApprovedById: c.approved ? manager : null,
          externalId: c.status === "draft" ? null : `sbx_cmp_seed${c.n}`,
          launchKey: c.status === "draft" ? null : `campaign:${cid}:seed`,
          launchedAt: c.status === "draft" ? null : new Date(`${c.startsOn}T00:00:00+09:00`),
          endedAt: c.status === "ended" ? new Date(`${c.endsOn}T23:59:00+09:00`) : null,
          sandboxNextDay: c.deliverThrough ? addDays(c.deliverThrough, 1) : null,
          createdById: adops,
          createdAt: new Date(`${addDays(c.startsOn, -5)}T10:00:00+09:00`),
        })
        .onConflictDoNothing();
      for (const s of c.sets) await tx.insert(adSets).values({ id: id(100 + s.n), campaignId: cid, name: s.name, dailyBudgetJpy: s.daily, targeting: c.targeting, externalId: c.status === "draft" ? null : `sbx_set_seed${s.n}` }).onConflictDoNothing();
      for (const a of c.ads) {
        const isBoost = !!a.boost;
        const creative = { text: a.text ?? "", headline: a.headline ?? null, linkUrl: null, cta: null };
        const { snapshot, hash } = creativeSnapshot(creative);
        const reviewId = !isBoost ? id(500 + a.n) : null;
        await tx
          .insert(ads)
          .values({
            id: id(200 + a.n),
            adSetId: id(100 + a.set),
            name: a.name,
            sourceKind: isBoost ? "boost" : "creative",
            postRevisionId: isBoost ? a.boost! : null,
            creativeText: isBoost ? null : creative.text,
            creativeHeadline: isBoost ? null : creative.headline,
            creativeHash: isBoost ? null : hash,
            status: a.status as "active",
            pausedReason: a.pausedReason ?? null,
            externalId: c.status === "draft" ? null : `sbx_ad_seed${a.n}`,
          })
          .onConflictDoNothing();
        if (reviewId) {
          const decided = a.legal === "approved";
          await tx
            .insert(legalReviews)
            .values({
              id: reviewId,
              subjectKind: "ad_creative",
              subjectId: id(200 + a.n),
              title: `${c.name} / ${a.name}`,
              state: decided ? "approved" : "open",
              snapshot,
              subjectHash: hash,
              requestedById: adops,
              brandId: c.brandId,
              channelId: c.channelId,
              decidedById: decided ? legal : null,
              decidedAt: decided ? new Date(`${addDays(c.startsOn, -2)}T15:00:00+09:00`) : null,
              dueAt: decided ? null : new Date(now.getTime() + 20 * 3_600_000),
              createdAt: new Date(`${addDays(c.startsOn, -4)}T11:00:00+09:00`),
            })
            .onConflictDoNothing();
          await tx.update(ads).set({ legalReviewId: reviewId }).where(eq(ads.id, id(200 + a.n)));
        }
      }
      // Delivery: the simulator, day by day through deliverThrough (a rule-paused ad stops on its firing day).
      if (!c.deliverThrough) continue;
      const pausedOn = addDays(c.deliverThrough, -3);
      let spent = 0;
      const spendRows: (typeof spendDaily.$inferInsert)[] = [];
      const metricRows: (typeof adMetricsDaily.$inferInsert)[] = [];
      for (let d = c.startsOn; d <= c.deliverThrough; d = addDays(d, 1)) {
        const live = c.ads.filter((a) => !(a.pausedReason === "rule" && d > pausedOn));
        const caps = dailyCaps(c, d, c.sets.map((s) => ({ id: String(s.n), dailyBudgetJpy: s.daily, adIds: live.filter((a) => a.set === s.n).map((a) => String(a.n)) })));
        for (const a of live) {
          const remaining = c.budgetType === "lifetime" ? Math.max(0, c.budgetJpy - spent) : undefined;
          const sim = simulateDay({ adId: id(200 + a.n), day: d, objective: c.objective, dailyCapJpy: caps.get(String(a.n)) ?? 0, remainingJpy: remaining, performance: a.pausedReason === "rule" ? 0.35 : 1 });
          spent += sim.spendJpy;
          spendRows.push({ adId: id(200 + a.n), day: d, spendJpy: sim.spendJpy });
          metricRows.push({ adId: id(200 + a.n), day: d, impressions: sim.impressions, clicks: sim.clicks, conversions: sim.conversions, revenueJpy: sim.revenueJpy });
        }
      }
      if (spendRows.length) {
        await tx.insert(spendDaily).values(spendRows).onConflictDoNothing();
        await tx.insert(adMetricsDaily).values(metricRows).onConflictDoNothing();
      }
    }

    // Rules and firings.
    await tx
      .insert(adRules)
      .values([
        { id: id(700), name: "CPA ¥4,000超が2日続いたら停止", kind: "cpa_above", params: { limitJpy: 4_000, days: 2 }, action: "pause_ad", createdById: adops, createdAt: new Date(now.getTime() - 40 * 86_400_000) },
        { id: id(701), name: "ブースト投稿への批判コメント急増で停止", kind: "negative_comments_spike", params: { count: 15, hours: 3 }, action: "pause_ad", createdById: adops, createdAt: new Date(now.getTime() - 40 * 86_400_000) },
        { id: id(702), name: "焼き菓子フェア CPA ¥2,500超(通知のみ)", campaignId: id(1), kind: "cpa_above", params: { limitJpy: 2_500, days: 3 }, action: "notify", enabled: false, createdById: adops, createdAt: new Date(now.getTime() - 20 * 86_400_000) },
      ])
      .onConflictDoNothing();
    await tx
      .insert(adRuleFirings)
      .values({ id: id(800), ruleId: id(700), adId: id(202), windowKey: `cpa:${addDays(today, -5)}`, observed: { limitJpy: 4_000, days: 2, streak: 2 }, actionTaken: "paused", firedAt: new Date(`${addDays(today, -3)}T06:05:00+09:00`) })
      .onConflictDoNothing();
  });
  return { seeded: true };
}

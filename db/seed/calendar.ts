/**
 * A month of posts for the content calendar: from four weeks ago to a month ahead, two to four
 * a day for the three brands (one campaign day much busier, so the month view shows "+N more"),
 * each in the state its slot implies — published (and one failed, two expired) in the past;
 * scheduled, approved, in final review, in review, sent back or still a draft ahead. Every post
 * has a real revision, approvals bound to its hash and one target per channel, so it can be
 * opened, reviewed, scheduled and moved like any other.
 *
 * - Slots avoid the blackout windows already in the database (a post that would fall inside one
 *   is left out).
 * - Armed (scheduled) posts go out on sandbox channels only: the demo's worker really publishes
 *   them at their slot.
 * - Idempotent: fixed ids, skipped when its marker post exists, one transaction under the seed
 *   lock. Deterministic: a seeded PRNG.
 */
import { createHash } from "node:crypto";
import { eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { approvals, blackoutWindows, postRevisions, postTargets, posts, publications } from "@/db/schema";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { addDays, dayKeyOf, zonedToUtc } from "@/lib/domain/calendar";
import type { PostState } from "@/lib/domain/workflow";
import { BRAND_IDS, CHANNEL_IDS, demoUserId, CHANNEL_PLATFORM } from "./demo";
import { seedId } from "./workspaces";

const TZ = "Asia/Tokyo";
const HOUR = 3_600_000;
/** Row numbers from here on belong to this seed (the workspace seed uses small ones). */
const BASE = 1000;
/** Present once the calendar seed has run (its first post). */
export const CALENDAR_SEED_MARKER = seedId("post", BASE + 1);
/** Same lock as the workspace seed: the two never interleave. */
const SEED_LOCK_KEY = 7_270_101;

type ChannelKey = keyof typeof CHANNEL_IDS;
type BrandKey = keyof typeof BRAND_IDS;

const PLATFORM = CHANNEL_PLATFORM;
/** The sandbox-connected channels of each brand (meta-connected ones are not armed by the seed). */
const SANDBOX: Record<BrandKey, ChannelKey[][]> = {
  cafe: [["cafeX"], ["cafeLine"], ["cafeX", "cafeLine"]],
  beauty: [["beautyTiktok"], ["beautyYoutube"], ["beautyTiktok", "beautyYoutube"]],
  foods: [["foodsX"]],
};
const ANY: Record<BrandKey, ChannelKey[][]> = {
  cafe: [["cafeX", "cafeInstagram"], ["cafeInstagram"], ["cafeLine"], ["cafeX"]],
  beauty: [["beautyInstagram"], ["beautyInstagram", "beautyTiktok"], ["beautyYoutube"], ["beautyTiktok"]],
  foods: [["foodsFacebook", "foodsX"], ["foodsFacebook"], ["foodsX"]],
};

const TOPICS: Record<BrandKey, [string, string][]> = {
  cafe: [
    ["本日のおすすめブレンド", "今日のおすすめは、すっきりとした後味の中煎りブレンド。焼き菓子と一緒にどうぞ。"],
    ["モーニングセットのご案内", "平日8時〜10時は、トーストとゆで卵のモーニングセットをご用意しています。"],
    ["バリスタのひとこと", "バリスタおすすめの淹れ方のコツは、蒸らしを30秒しっかりとること。"],
    ["店舗スタッフ紹介", "今週のスタッフ紹介は、仙台駅前店の店長です。おすすめは季節のラテ。"],
    ["焼き菓子の新作", "新作の焼き菓子が本日から登場。ほろほろ食感のクッキーです。"],
    ["雨の日スタンプ2倍", "雨の日はショップカードのスタンプを2倍押しします。本日閉店まで。"],
    ["珈琲豆の量り売り", "全店で珈琲豆を100gから量り売りしています。お好みに合わせてご提案します。"],
    ["週末のテラス席", "週末はテラス席もご利用いただけます。ペット同伴も歓迎です。"],
    ["おうちカフェのレシピ", "ご自宅で楽しめるカフェオレのレシピを紹介します。ミルクは60℃が目安です。"],
    ["新店舗オープンのお知らせ", "来月、盛岡に新しい店舗がオープンします。詳しくは公式サイトで。"],
  ],
  beauty: [
    ["今日のメイクTips", "下地は薄く2回に分けて重ねると、崩れにくい仕上がりになります。"],
    ["スキンケアQ&A", "いただいたご質問にお答えします。化粧水は手のひらで温めてからなじませて。"],
    ["新色リップのスウォッチ", "AOBA Rouge 全8色を、明るい肌と標準の肌で比べました。"],
    ["30秒メイクチャレンジ", "リップ1本でどこまでできるか、30秒でチャレンジ。"],
    ["研究所だより", "京都の研究所で、使い心地のテストを重ねています。"],
    ["UVケアの基本", "日焼け止めは2〜3時間おきの塗り直しがおすすめです。"],
    ["スタッフのお気に入り", "今月のスタッフのお気に入りは、保湿クリーム。"],
    ["ベースメイク動画 公開", "ベースメイクの基本を10分で解説する動画を公開しました。"],
  ],
  foods: [
    ["今夜のレシピ", "あおば食品の炊き込みご飯の素で作る、簡単な夕ごはんのレシピです。"],
    ["工場見学のお知らせ", "あおば食品 仙台工場のオンライン見学ツアー、次回の参加者を募集しています。"],
    ["だしの取り方講座", "あおば食品の社員が、かつおと昆布のだしの取り方を紹介します。"],
    ["お弁当のアレンジ", "あおば食品の炊き込みご飯の素で作る、おにぎらずのアレンジ。"],
    ["食品ロス削減の取り組み", "あおば食品は、規格外の野菜を使った商品づくりに取り組んでいます。"],
    ["季節の鍋つゆ", "寒い夜はあおば食品の鍋つゆで。柚子塩がおすすめです。"],
  ],
};

const SLOT_TIMES = ["08:00", "12:00", "12:30", "18:00", "19:00", "20:30", "21:00"];

/** mulberry32: the same sequence on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Window = { startsAt: Date; endsAt: Date };

export type CalendarSeedRows = {
  posts: (typeof posts.$inferInsert)[];
  revisions: (typeof postRevisions.$inferInsert)[];
  targets: (typeof postTargets.$inferInsert)[];
  approvals: (typeof approvals.$inferInsert)[];
  publications: (typeof publications.$inferInsert)[];
};

/** The state a post with this slot is in, by how far the slot is from now. */
function stateFor(hoursAhead: number, r: number): PostState {
  if (hoursAhead < 0) return r < 0.03 ? "failed" : r < 0.08 ? "expired" : "published";
  if (hoursAhead < 48) return r < 0.75 ? "scheduled" : r < 0.9 ? "approved" : "final_review";
  if (hoursAhead < 240) return r < 0.45 ? "scheduled" : r < 0.65 ? "approved" : r < 0.82 ? "final_review" : "in_review";
  return r < 0.2 ? "scheduled" : r < 0.35 ? "approved" : r < 0.6 ? "in_review" : r < 0.7 ? "changes_requested" : "draft";
}

/** Every row of the calendar seed for a given now and the blackout windows to avoid (pure). */
export function buildCalendarRows(now: Date, windows: readonly Window[] = []): CalendarSeedRows {
  const rnd = prng(20_251_101);
  const today = dayKeyOf(now, TZ);
  const out: CalendarSeedRows = { posts: [], revisions: [], targets: [], approvals: [], publications: [] };
  const brands: BrandKey[] = ["cafe", "beauty", "foods"];
  let n = BASE;
  const U = demoUserId;

  for (let d = -28; d <= 30; d++) {
    const day = addDays(today, d);
    // A campaign launch a few days ahead fills one day; weekends are a little busier.
    const count = d === 5 ? 9 : 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < count; i++) {
      n++;
      const brand = brands[(n + i) % brands.length]!;
      const time = SLOT_TIMES[Math.floor(rnd() * SLOT_TIMES.length)]!;
      let slot = zonedToUtc(day, time, TZ);
      // Nothing is planned inside a blackout window (the row number is still used: ids stay stable).
      if (windows.some((w) => w.startsAt <= slot && slot < w.endsAt)) continue;
      const hoursAhead = (slot.getTime() - now.getTime()) / HOUR;
      // Too close to now to be believable either way: move it a little further out.
      if (Math.abs(hoursAhead) < 1) slot = new Date(slot.getTime() + 2 * HOUR);
      const state = stateFor((slot.getTime() - now.getTime()) / HOUR, rnd());
      const armed = state === "scheduled";
      const pool = armed ? SANDBOX[brand] : ANY[brand];
      const channels = pool[Math.floor(rnd() * pool.length)]!;
      const [title, text] = TOPICS[brand][Math.floor(rnd() * TOPICS[brand].length)]!;
      const author = rnd() < 0.7 ? "creator" : "multi";
      const postId = seedId("post", n);
      const revId = seedId("revision", n * 10);
      const content = {
        isCommercial: false,
        variants: channels.map((ch) => ({ channelId: CHANNEL_IDS[ch], platform: PLATFORM[ch], text, mediaAssetIds: [] as string[] })),
      };
      const hash = createHash("sha256").update(canonicalJson(content)).digest("hex");
      const createdAt = new Date(Math.min(slot.getTime(), now.getTime()) - (72 + Math.floor(rnd() * 96)) * HOUR);
      const revAt = new Date(createdAt.getTime() + HOUR);
      out.posts.push({
        id: postId,
        brandId: BRAND_IDS[brand],
        kind: "post",
        title,
        state,
        authorId: U(author),
        currentRevisionId: revId,
        isCommercial: false,
        requiresLegal: false,
        riskScore: Math.floor(rnd() * 12),
        scheduledAt: slot,
        createdAt,
        updatedAt: new Date(Math.min(now.getTime() - 5 * 60_000, revAt.getTime() + 30 * HOUR)),
      });
      out.revisions.push({ id: revId, postId, number: 1, contentHash: hash, content, createdById: U(author), createdAt: revAt });

      const decided = (stage: "pr" | "final", k: number, decision: "approved" | "changes_requested" = "approved", reason: string | null = null) =>
        out.approvals.push({
          id: seedId("approval", n * 10 + k),
          postId,
          revisionId: revId,
          revisionHash: hash,
          stage,
          reviewerId: U(stage === "pr" ? "pr" : "manager"),
          decision,
          reason,
          createdAt: new Date(Math.min(revAt.getTime() + (k + 1) * 3 * HOUR, now.getTime() - 10 * 60_000)),
        });
      if (["final_review", "approved", "scheduled", "published", "failed", "expired"].includes(state)) decided("pr", 1);
      if (["approved", "scheduled", "published", "failed"].includes(state)) decided("final", 2);
      if (state === "changes_requested") decided("pr", 1, "changes_requested", "日付と販売店舗を明記してください。");

      channels.forEach((ch, j) => {
        const targetId = seedId("target", n * 10 + j);
        const targetState =
          state === "scheduled" ? "scheduled" : state === "published" ? "published" : state === "failed" ? "failed" : state === "expired" ? "expired" : "pending";
        out.targets.push({
          id: targetId,
          postId,
          channelId: CHANNEL_IDS[ch],
          scheduledAt: slot,
          state: targetState,
          idempotencyKey: `${postId}:${CHANNEL_IDS[ch]}`,
          stateChangedAt: state === "published" || state === "failed" || state === "expired" ? slot : revAt,
          createdAt: revAt,
        });
        if (targetState === "published" || targetState === "failed") {
          const lagMs = 500 + Math.floor(rnd() * 3000);
          out.publications.push({
            id: seedId("publication", n * 10 + j),
            targetId,
            externalId: targetState === "published" ? `sbx-cal-${n}-${j}` : null,
            state: targetState,
            attempts: targetState === "published" ? 1 : 4,
            lastError: targetState === "failed" ? "sandbox: 503 Service Unavailable (4 attempts)" : null,
            publishedAt: targetState === "published" ? new Date(slot.getTime() + lagMs) : null,
            lagMs: targetState === "published" ? lagMs : null,
            createdAt: new Date(slot.getTime() - 60_000),
          });
        }
      });
    }
  }
  return out;
}

/** Seeds the calendar month once (see the file comment). Returns whether it wrote anything. */
export async function seedCalendar(db: Db, options: { now?: Date } = {}): Promise<{ seeded: boolean; posts: number }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const existing = await tx.select({ id: posts.id }).from(posts).where(eq(posts.id, CALENDAR_SEED_MARKER)).limit(1);
    if (existing.length > 0) return { seeded: false, posts: 0 };
    const windows = await tx
      .select({ startsAt: blackoutWindows.startsAt, endsAt: blackoutWindows.endsAt })
      .from(blackoutWindows)
      .where(gt(blackoutWindows.endsAt, new Date(now.getTime() - 30 * 24 * HOUR)));
    const rows = buildCalendarRows(now, windows);
    await tx.insert(posts).values(rows.posts).onConflictDoNothing();
    await tx.insert(postRevisions).values(rows.revisions).onConflictDoNothing();
    await tx.insert(postTargets).values(rows.targets).onConflictDoNothing();
    await tx.insert(approvals).values(rows.approvals).onConflictDoNothing();
    if (rows.publications.length) await tx.insert(publications).values(rows.publications).onConflictDoNothing();
    return { seeded: true, posts: rows.posts.length };
  });
}

/**
 * Workspace content for the demo: posts in every state of the triple check (with immutable
 * revisions, per-channel targets, approvals bound to revision hashes and publications), the media
 * library, ~60 inbox items with replies and escalations, legal reviews, holds and a takedown,
 * 90 days of channel metrics, three ad campaigns, blackout windows, notifications and one ended
 * crisis. All times are relative to "now" so the demo always looks current.
 *
 * Idempotent: every row has a fixed id, the whole seed runs in one transaction under an advisory
 * lock, and it is skipped when its marker post already exists (re-running never duplicates rows,
 * even across midnight when the metric days would otherwise shift).
 * Deterministic: a seeded PRNG, never Math.random.
 */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import {
  adMetricsDaily,
  adSets,
  ads,
  approvals,
  assets,
  blackoutWindows,
  campaigns,
  channelMetricsDaily,
  corrections,
  crisisStates,
  escalations,
  inboxItems,
  legalHolds,
  legalReviews,
  notifications,
  postMetricsDaily,
  postRevisions,
  postTargets,
  posts,
  publications,
  replies,
  savedReplies,
  spendDaily,
  takedownRequests,
  type POST_STATES,
  type TARGET_STATES,
} from "@/db/schema";
import type { PLATFORMS } from "@/db/schema/enums";
import { BRAND_IDS, CHANNEL_IDS, demoUserId, CHANNEL_PLATFORM } from "./demo";
import { canonicalJson } from "@/lib/domain/canonical-json";

type PostState = (typeof POST_STATES)[number];
type TargetState = (typeof TARGET_STATES)[number];
type Platform = (typeof PLATFORMS)[number];
type BrandKey = keyof typeof BRAND_IDS;
type ChannelKey = keyof typeof CHANNEL_IDS;
type Login = "manager" | "community" | "creator" | "pr" | "legal" | "analyst" | "adops" | "admin" | "multi" | "community2";

// ---------------------------------------------------------------------------------------------
// Fixed ids: 00000000-0000-4000-8TTT-NNNNNNNNNNNN (TTT = table code, N = row number).

const TABLE_CODES = {
  post: 0x101,
  revision: 0x102,
  target: 0x103,
  approval: 0x104,
  publication: 0x105,
  asset: 0x106,
  correction: 0x107,
  blackout: 0x108,
  inbox: 0x201,
  reply: 0x202,
  escalation: 0x203,
  savedReply: 0x204,
  legalReview: 0x301,
  legalHold: 0x302,
  takedown: 0x303,
  campaign: 0x401,
  adSet: 0x402,
  ad: 0x403,
  notification: 0x501,
  crisis: 0x502,
} as const;

/** The fixed id of the n-th seeded row of a table (exported for tests and later seeds). */
export function seedId(table: keyof typeof TABLE_CODES, n: number): string {
  return `00000000-0000-4000-8${TABLE_CODES[table].toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;
}

/** Present once the workspace seed has run. */
export const WORKSPACE_SEED_MARKER = seedId("post", 1);

/** Arbitrary constant: serialises concurrent seeds of the same database. */
const SEED_LOCK_KEY = 7_270_101;

// ---------------------------------------------------------------------------------------------
// Helpers: time relative to now (UTC stored, Asia/Tokyo calendar), canonical hashing, PRNG.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** sha256 over JSON with sorted keys (same canonical form as the audit chain). */
export function contentHashOf(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** mulberry32 seeded from a string (FNV-1a): the same name gives the same sequence. */
function prng(name: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Clock = {
  now: Date;
  /** now + hours */
  at(hours: number): Date;
  /** now - minutes */
  minutesAgo(minutes: number): Date;
  /** The first half-hour mark at least `hours` from now (slots look like 12:00, 18:30). */
  slot(hours: number): Date;
  /** Asia/Tokyo calendar date `offsetDays` from today, as YYYY-MM-DD. */
  day(offsetDays: number): string;
  /** A wall-clock time in Tokyo on the day `offsetDays` from today. */
  jst(offsetDays: number, hhmm: string): Date;
};

function makeClock(now: Date): Clock {
  const base = new Date(Math.floor(now.getTime() / MIN) * MIN);
  const day = (offsetDays: number) => new Date(base.getTime() + 9 * HOUR + offsetDays * DAY).toISOString().slice(0, 10);
  return {
    now: base,
    at: (hours) => new Date(base.getTime() + hours * HOUR),
    minutesAgo: (minutes) => new Date(base.getTime() - minutes * MIN),
    slot: (hours) => new Date(Math.ceil((base.getTime() + hours * HOUR) / (30 * MIN)) * 30 * MIN),
    day,
    jst: (offsetDays, hhmm) => new Date(`${day(offsetDays)}T${hhmm}:00+09:00`),
  };
}

const U = (login: Login) => demoUserId(login);

const PLATFORM_OF = CHANNEL_PLATFORM;

const HANDLE_OF: Record<ChannelKey, string> = {
  cafeX: "aoba_cafe",
  cafeInstagram: "aoba.cafe",
  cafeLine: "@aobacafe",
  beautyInstagram: "aoba.beauty",
  beautyTiktok: "@aoba_beauty",
  beautyYoutube: "@AOBABeautyChannel",
  foodsFacebook: "aobafoods",
  foodsX: "aoba_foods",
};

// ---------------------------------------------------------------------------------------------
// Seasonal themes: the demo is seeded relative to now, so its limited editions, gifts and
// holidays follow the Tokyo season of the day it is seeded on.

type Theme = {
  season: string;
  /** The cafe's seasonal drink, its English name and a short description. */
  drink: string;
  drinkEn: string;
  drinkDesc: string;
  drinkTag: string;
  tart: string;
  /** Next season's drink, teased ahead of launch. */
  nextSeason: string;
  nextDrink: string;
  nextDrinkDesc: string;
  recipe: string;
  coffret: string;
  giftGuideEn: string;
  holidayNotice: string;
  holidayNoticeText: string;
  foodsLimited: string;
  foodsLimitedText: string;
  foodsLimitedShort: string;
  gift: string;
};

const THEMES: Record<"spring" | "summer" | "autumn" | "winter", Theme> = {
  spring: {
    season: "春", drink: "桜ほうじ茶ラテ", drinkEn: "sakura hojicha latte", drinkDesc: "桜の華やかな香りと、香ばしいほうじ茶の組み合わせをどうぞ。", drinkTag: "桜",
    tart: "苺とピスタチオのタルト", nextSeason: "夏", nextDrink: "瀬戸内レモンティーソーダ", nextDrinkDesc: "瀬戸内産レモンの爽やかな酸味と紅茶の香り",
    recipe: "春キャベツと桜えびの炊き込みご飯", coffret: "春の限定コフレ", giftGuideEn: "Mother's Day gift guide",
    holidayNotice: "ゴールデンウィーク期間の営業・配送についてのお知らせ", holidayNoticeText: "ゴールデンウィーク期間中(4月29日〜5月6日)のご注文は、5月7日以降の順次発送となります。",
    foodsLimited: "春夏限定 冷やし茶漬けの素 2種 新発売", foodsLimitedText: "あおば食品の春夏限定「冷やし茶漬けの素」(梅しそ・鯛だし)が新発売。暑くなってきた日のお昼にどうぞ。", foodsLimitedShort: "冷やし茶漬け",
    gift: "お中元",
  },
  summer: {
    season: "夏", drink: "瀬戸内レモンティーソーダ", drinkEn: "Setouchi lemon tea soda", drinkDesc: "瀬戸内産レモンの爽やかな酸味と紅茶の香りで、暑い日もすっきり。", drinkTag: "レモン",
    tart: "桃とヨーグルトクリームのタルト", nextSeason: "秋", nextDrink: "ほうじ茶モンブランラテ", nextDrinkDesc: "香ばしいほうじ茶となめらかなモンブランクリーム",
    recipe: "とうもろこしの炊き込みご飯", coffret: "サマーコフレ", giftGuideEn: "Summer gift guide",
    holidayNotice: "夏季休業期間の営業・配送についてのお知らせ", holidayNoticeText: "夏季休業期間(8月11日〜8月16日)のご注文は、8月17日以降の順次発送となります。",
    foodsLimited: "夏季限定 冷やしだし3種 新発売", foodsLimitedText: "あおば食品の夏季限定「冷やしだし」3種(梅・すだち・トマト)が新発売。そうめんや冷奴にかけるだけ。", foodsLimitedShort: "冷やしだし",
    gift: "夏ギフト",
  },
  autumn: {
    season: "秋", drink: "ほうじ茶モンブランラテ", drinkEn: "hojicha Mont Blanc latte", drinkDesc: "香ばしいほうじ茶となめらかなモンブランクリームをどうぞ🌰", drinkTag: "ほうじ茶",
    tart: "いちじくと紅茶のタルト", nextSeason: "冬", nextDrink: "ホワイトショコラ ジンジャーラテ", nextDrinkDesc: "ホワイトチョコレートのやさしい甘さと、ほんのり効かせた生姜",
    recipe: "秋鮭の炊き込みご飯", coffret: "ホリデーコフレ", giftGuideEn: "Holiday gift guide",
    holidayNotice: "年末年始の営業・配送についてのお知らせ", holidayNoticeText: "12月28日正午以降のご注文は、1月5日以降の順次発送となります。",
    foodsLimited: "冬季限定 鍋つゆ3種 新発売", foodsLimitedText: "あおば食品の冬季限定鍋つゆ3種(柚子塩・味噌バター・トマト)が新発売。寒い夜は、お鍋で温まりましょう。", foodsLimitedShort: "鍋つゆ",
    gift: "お歳暮",
  },
  winter: {
    season: "冬", drink: "ホワイトショコラ ジンジャーラテ", drinkEn: "white chocolate ginger latte", drinkDesc: "ホワイトチョコレートのやさしい甘さと、ほんのり効かせた生姜で体の芯から温まります。", drinkTag: "冬限定",
    tart: "りんごとキャラメルのタルト", nextSeason: "春", nextDrink: "桜ほうじ茶ラテ", nextDrinkDesc: "桜の華やかな香りと、香ばしいほうじ茶",
    recipe: "牡蠣と生姜の炊き込みご飯", coffret: "春の限定コフレ", giftGuideEn: "Valentine's gift guide",
    holidayNotice: "降雪に伴う配送遅延についてのお知らせ", holidayNoticeText: "北海道・東北・北陸の一部地域で、降雪のためお届けに1〜3日の遅れが出ております。",
    foodsLimited: "冬季限定 鍋つゆ3種 新発売", foodsLimitedText: "あおば食品の冬季限定鍋つゆ3種(柚子塩・味噌バター・トマト)が新発売。寒い夜は、お鍋で温まりましょう。", foodsLimitedShort: "鍋つゆ",
    gift: "春ギフト",
  },
};

function themeFor(c: Clock): Theme {
  const month = Number(c.day(0).slice(5, 7));
  if (month >= 3 && month <= 5) return THEMES.spring;
  if (month >= 6 && month <= 8) return THEMES.summer;
  if (month >= 9 && month <= 11) return THEMES.autumn;
  return THEMES.winter;
}

/** A Tokyo date written the Japanese way, e.g. 10月25日(土). */
function jaDate(c: Clock, offsetDays: number): string {
  const day = c.day(offsetDays);
  const dow = "日月火水木金土"[new Date(`${day}T00:00:00Z`).getUTCDay()];
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日(${dow})`;
}

// ---------------------------------------------------------------------------------------------
// Media library.

type AssetKey =
  | "hojichaLatte"
  | "collabTumbler"
  | "sendaiStaff"
  | "storeExterior"
  | "rougeLineup"
  | "mioTieup"
  | "kyotoLab"
  | "uvModel"
  | "takikomi"
  | "recipeStock"
  | "cafeTart"
  | "cafeGift"
  | "handDrip"
  | "beautyHowto"
  | "serumLaunch"
  | "makeShorts"
  | "coffret";

type AssetSpec = {
  n: number;
  brand: BrandKey;
  kind: "image" | "video";
  /** Videos: a small clip committed under db/seed/assets/; images are drawn at seed time (asset-files.ts). */
  file?: string;
  originalName: string;
  mime: string;
  size: number;
  w: number;
  h: number;
  source: "own" | "licensed" | "ugc" | "agency" | "talent";
  licence?: string;
  expiresInDays?: number;
  likeness?: boolean;
  by: Login;
  daysAgo: number;
};

const ASSETS: Record<AssetKey, AssetSpec> = {
  hojichaLatte: { n: 1, brand: "cafe", kind: "image", originalName: "季節限定ラテ_メイン.jpg", mime: "image/jpeg", size: 1_482_331, w: 1080, h: 1350, source: "own", by: "creator", daysAgo: 24 },
  collabTumbler: { n: 2, brand: "cafe", kind: "image", originalName: "コラボタンブラー_イラスト入り.jpg", mime: "image/jpeg", size: 2_903_114, w: 1080, h: 1080, source: "licensed", licence: "イラスト使用許諾契約 No.2025-A12(SNS掲載に限る)", expiresInDays: 12, by: "creator", daysAgo: 6 },
  sendaiStaff: { n: 3, brand: "cafe", kind: "image", originalName: "仙台駅前店_スタッフ集合.jpg", mime: "image/jpeg", size: 1_120_870, w: 1080, h: 1080, source: "own", licence: "従業員肖像利用同意書(今年度)", likeness: true, by: "creator", daysAgo: 12 },
  storeExterior: { n: 4, brand: "cafe", kind: "image", originalName: "store_exterior_final.jpg", mime: "image/jpeg", size: 987_412, w: 1200, h: 800, source: "agency", licence: "制作会社納品物(二次利用可)", by: "multi", daysAgo: 40 },
  rougeLineup: { n: 5, brand: "beauty", kind: "image", originalName: "AOBA_Rouge_全8色.jpg", mime: "image/jpeg", size: 2_210_045, w: 1080, h: 1350, source: "own", by: "creator", daysAgo: 22 },
  mioTieup: { n: 6, brand: "beauty", kind: "video", file: "beauty-tieup.mp4", originalName: "MIO様_タイアップ_30秒_v3.mp4", mime: "video/mp4", size: 48_301_220, w: 360, h: 640, source: "talent", licence: "タレント肖像使用契約(SNS・6か月、TikTok/Instagram)", expiresInDays: 20, likeness: true, by: "creator", daysAgo: 4 },
  kyotoLab: { n: 7, brand: "beauty", kind: "image", originalName: "kyoto_lab_behind_the_scenes.jpg", mime: "image/jpeg", size: 1_705_930, w: 1080, h: 1350, source: "own", by: "multi", daysAgo: 9 },
  uvModel: { n: 8, brand: "beauty", kind: "image", originalName: "UVケア_モデル起用カット.jpg", mime: "image/jpeg", size: 1_930_221, w: 1080, h: 1350, source: "licensed", licence: "モデル写真 使用許諾(前シーズン限り)", expiresInDays: -5, likeness: true, by: "creator", daysAgo: 95 },
  takikomi: { n: 9, brand: "foods", kind: "image", originalName: "だし香る炊き込みご飯の素_シズル.jpg", mime: "image/jpeg", size: 1_344_780, w: 1200, h: 1200, source: "agency", licence: "制作会社納品物(二次利用可)", by: "creator", daysAgo: 18 },
  cafeTart: { n: 11, brand: "cafe", kind: "image", originalName: "季節のタルト_俯瞰.jpg", mime: "image/jpeg", size: 1_000_000, w: 1080, h: 1080, source: "own", by: "creator", daysAgo: 5 },
  cafeGift: { n: 12, brand: "cafe", kind: "image", originalName: "ギフトセット_集合.jpg", mime: "image/jpeg", size: 1_000_000, w: 1080, h: 1350, source: "own", by: "multi", daysAgo: 14 },
  handDrip: { n: 13, brand: "cafe", kind: "image", originalName: "ハンドドリップ_手元.jpg", mime: "image/jpeg", size: 1_000_000, w: 1080, h: 1350, source: "own", by: "creator", daysAgo: 8 },
  beautyHowto: { n: 14, brand: "beauty", kind: "video", file: "beauty-howto.mp4", originalName: "ベースメイク解説_本編.mp4", mime: "video/mp4", size: 1_000_000, w: 640, h: 360, source: "own", by: "multi", daysAgo: 30 },
  serumLaunch: { n: 15, brand: "beauty", kind: "video", file: "beauty-serum.mp4", originalName: "AOBA_Serum_Pro_ティザー.mp4", mime: "video/mp4", size: 1_000_000, w: 360, h: 640, source: "agency", licence: "制作会社納品物(二次利用可・全SNS)", by: "multi", daysAgo: 3 },
  makeShorts: { n: 16, brand: "beauty", kind: "video", file: "beauty-shorts.mp4", originalName: "30秒メイク_縦.mp4", mime: "video/mp4", size: 1_000_000, w: 360, h: 640, source: "own", by: "multi", daysAgo: 6 },
  coffret: { n: 17, brand: "beauty", kind: "image", originalName: "ホリデーコフレ_キービジュアル.jpg", mime: "image/jpeg", size: 1_000_000, w: 1080, h: 1350, source: "own", by: "creator", daysAgo: 10 },
  recipeStock: { n: 10, brand: "foods", kind: "image", originalName: "stock_takikomi_gohan_arrange.jpg", mime: "image/jpeg", size: 876_004, w: 1600, h: 1067, source: "licensed", licence: "ストックフォト 標準ライセンス(Web・SNS)", expiresInDays: 27, by: "creator", daysAgo: 3 },
};

// ---------------------------------------------------------------------------------------------
// Posts. Each spec lists its revisions oldest first; the last one is current. Decisions on a
// revision become approvals bound to that revision's id and hash; an "approved" decision on an
// older revision is voided when the next revision is created.

type Stage = "pr" | "legal" | "final";
type Decision = ["approved" | "changes_requested", string?];
type RevSpec = { text: string; by?: Login; hoursAgo: number; decisions?: Partial<Record<Stage, Decision>> };
type PostSpec = {
  n: number;
  brand: BrandKey;
  kind?: "post" | "correction" | "apology" | "retraction" | "statement";
  title: string;
  state: PostState;
  author: Login;
  channels: ChannelKey[];
  /** The slot (hours from now); null = not planned yet. */
  slot: Date | null;
  commercial?: boolean;
  legal?: boolean;
  risk: number;
  tags?: string[];
  assets?: AssetKey[];
  revs: RevSpec[];
  /** When the post entered its current state. */
  enteredHoursAgo: number;
};

const OK: Decision = ["approved"];

function buildPostSpecs(c: Clock, t: Theme): PostSpec[] {
  // Slot helpers: past slots on a Tokyo wall clock; future ones on the next half hour.
  const past = (daysAgo: number, hhmm: string) => c.jst(-daysAgo, hhmm);
  const hAgo = (d: Date) => (c.now.getTime() - d.getTime()) / HOUR;
  const published = (daysAgo: number, hhmm: string) => {
    const slot = past(daysAgo, hhmm);
    const h = hAgo(slot);
    return { slot, revAt: h + 52, enteredHoursAgo: h };
  };

  const p1 = published(12, "11:00");
  const p2 = published(15, "12:00");
  const p3 = published(9, "19:00");
  const p4 = published(4, "10:00");
  const p5 = published(2, "08:00");
  const p14 = published(18, "18:00");
  const p15 = published(11, "20:00");
  const p16 = published(6, "21:00");
  const p17 = published(1, "12:00");
  const p26 = published(13, "11:30");
  const p27 = published(7, "15:00");
  const p28 = published(3, "17:00");
  const expiredSlot = past(2, "12:00");
  const failedSlot = c.slot(-5.5);

  return [
    // ---------------- あおばカフェ ----------------
    {
      n: 1, brand: "cafe", title: `${t.season}限定「${t.drink}」販売開始`, state: "published", author: "creator",
      channels: ["cafeX", "cafeInstagram"], slot: p1.slot, risk: 5, tags: ["あおばカフェ", `${t.season}限定`, t.drinkTag], assets: ["hojichaLatte"],
      revs: [
        { text: `本日から${t.season}限定「${t.drink}」が登場。${t.drinkDesc}Tサイズ 620円(税込)。`, hoursAgo: p1.revAt + 20, decisions: { pr: ["changes_requested", "価格は税込表記で統一し、販売期間も明記してください。"] } },
        { text: `本日から${t.season}限定「${t.drink}」が登場。${t.drinkDesc}Tサイズ 580円(税込)、今シーズン限定の販売です。※一部店舗を除く`, hoursAgo: p1.revAt, decisions: { pr: OK, final: OK } },
      ],
      enteredHoursAgo: p1.enteredHoursAgo,
    },
    {
      n: 2, brand: "cafe", title: "珈琲豆の量り売りフェア(全店)", state: "published", author: "multi",
      channels: ["cafeLine", "cafeX"], slot: p2.slot, risk: 8, tags: ["珈琲豆", "量り売り"],
      revs: [{ text: "【珈琲豆の量り売りフェア】今週末まで、全店で珈琲豆を100gから量り売り。スタッフがお好みに合わせてご提案します☕", hoursAgo: p2.revAt, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: p2.enteredHoursAgo,
    },
    {
      n: 3, brand: "cafe", title: "店舗スタッフ紹介 #3 仙台駅前店", state: "published", author: "creator",
      channels: ["cafeInstagram"], slot: p3.slot, risk: 12, legal: true, tags: ["あおばカフェ", "スタッフ紹介", "仙台"], assets: ["sendaiStaff"],
      revs: [{ text: "スタッフ紹介 第3回は仙台駅前店のみなさん!店長おすすめは「ずんだクリームラテ」。お近くにお越しの際はぜひお立ち寄りください。", hoursAgo: p3.revAt, decisions: { pr: OK, legal: OK, final: OK } }],
      enteredHoursAgo: p3.enteredHoursAgo,
    },
    {
      n: 4, brand: "cafe", kind: "correction", title: `【訂正】${t.drink}の価格表記について`, state: "published", author: "creator",
      channels: ["cafeX"], slot: p4.slot, risk: 15,
      revs: [{ text: `【訂正】先日の投稿で、${t.drink}のTサイズ価格に誤りがありました。正しくは Tサイズ 580円(税込)、Gサイズ 640円(税込)です。ご迷惑をおかけし申し訳ございません。`, hoursAgo: hAgo(p4.slot) + 6, decisions: { pr: OK, legal: OK, final: OK } }],
      legal: true, enteredHoursAgo: p4.enteredHoursAgo,
    },
    {
      n: 5, brand: "cafe", title: "雨の日スタンプ2倍キャンペーン", state: "published", author: "multi",
      channels: ["cafeLine"], slot: p5.slot, risk: 6, commercial: false,
      revs: [{ text: "☔今日は雨の日スタンプ2倍デー☔ LINEのショップカードをご提示いただくと、スタンプを2個押しします。本日閉店まで。", hoursAgo: p5.revAt, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: p5.enteredHoursAgo,
    },
    {
      n: 6, brand: "cafe", title: "本日のおすすめ:季節のタルト", state: "scheduled", author: "creator",
      channels: ["cafeX", "cafeInstagram"], slot: c.slot(3), risk: 4, tags: ["あおばカフェ", "タルト"], assets: ["cafeTart"],
      revs: [{ text: `本日のおすすめは、季節のタルト「${t.tart}」。珈琲豆の香りが引き立つ深煎りブレンドと一緒にどうぞ。`, hoursAgo: 30, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: 20,
    },
    {
      n: 7, brand: "cafe", title: "週末限定 モーニングセットのお知らせ", state: "scheduled", author: "multi",
      channels: ["cafeLine"], slot: c.slot(26), risk: 3,
      revs: [{ text: "【週末限定】土日の朝8時〜10時は、トースト+ゆで卵+ドリンクのモーニングセットを480円(税込)でご用意しています。", hoursAgo: 28, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: 9,
    },
    {
      n: 8, brand: "cafe", title: `${t.nextSeason}限定「${t.nextDrink}」予告`, state: "final_review", author: "creator",
      channels: ["cafeX", "cafeInstagram"], slot: c.slot(30), risk: 10, tags: [`${t.nextSeason}限定`, "あおばカフェ"], assets: ["hojichaLatte"],
      revs: [{ text: `まもなく${t.nextSeason}限定「${t.nextDrink}」が登場!${t.nextDrinkDesc}をお楽しみに。`, hoursAgo: 40, decisions: { pr: OK } }],
      enteredHoursAgo: 38,
    },
    {
      n: 9, brand: "cafe", title: "人気イラストレーターとのコラボタンブラー発売", state: "in_review", author: "creator",
      channels: ["cafeInstagram", "cafeX"], slot: c.slot(20), risk: 35, commercial: true, legal: true, tags: ["コラボ", "タンブラー"], assets: ["collabTumbler"],
      revs: [
        { text: "イラストレーター はるの さんとのコラボタンブラーが登場!", hoursAgo: 30, decisions: { pr: ["changes_requested", "価格と販売開始日、オンライン販売の有無を明記してください。"] } },
        { text: `【コラボ】イラストレーター はるの さんとのコラボタンブラーが${jaDate(c, 3)}発売!2,800円(税込)、全店とオンラインストアで数量限定です。`, hoursAgo: 10, decisions: { pr: OK } },
      ],
      enteredHoursAgo: 10,
    },
    {
      n: 10, brand: "cafe", title: `${t.nextSeason}のギフトカタログ 先行案内`, state: "draft", author: "creator",
      channels: ["cafeInstagram", "cafeLine"], slot: null, risk: 5, tags: ["ギフト"], assets: ["cafeGift"],
      revs: [{ text: `(下書き)${t.nextSeason}のギフトカタログを公開しました。人気の珈琲豆セットや焼き菓子の詰め合わせなど全24種類。`, hoursAgo: 4 }],
      enteredHoursAgo: 4,
    },
    {
      n: 11, brand: "cafe", title: "バリスタ直伝 おうちカフェの淹れ方", state: "changes_requested", author: "creator",
      channels: ["cafeInstagram"], slot: c.slot(96), risk: 40, legal: true, tags: ["おうちカフェ", "ハンドドリップ"], assets: ["handDrip"],
      revs: [
        {
          text: "日本一おいしいハンドドリップの淹れ方を、あおばカフェのバリスタが伝授します。お湯の温度は92℃がポイント!",
          hoursAgo: 22,
          decisions: { pr: OK, legal: ["changes_requested", "「日本一」は根拠資料のない最上級表現のため使用できません(景品表示法)。「バリスタおすすめの」などに変更してください。"] },
        },
      ],
      enteredHoursAgo: 19,
    },
    {
      n: 12, brand: "cafe", title: "開店10周年 感謝祭のお知らせ", state: "expired", author: "multi",
      channels: ["cafeX", "cafeInstagram"], slot: expiredSlot, risk: 8, assets: ["storeExterior"],
      revs: [{ text: "おかげさまで、あおばカフェは開店10周年を迎えます。感謝祭では全品10%オフ!", hoursAgo: hAgo(expiredSlot) + 30, decisions: { pr: OK } }],
      enteredHoursAgo: hAgo(expiredSlot),
    },
    {
      n: 13, brand: "cafe", title: "LINEクーポン配信(今月号)", state: "failed", author: "multi",
      channels: ["cafeLine"], slot: failedSlot, risk: 6,
      revs: [{ text: "【LINE友だち限定】今月のクーポンをお届けします。ドリンク全品50円引き、月末まで何度でも使えます。", hoursAgo: hAgo(failedSlot) + 26, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: hAgo(failedSlot) - 0.1,
    },
    // ---------------- AOBA Beauty ----------------
    {
      n: 14, brand: "beauty", title: "新色リップ「AOBA Rouge」全8色 発売", state: "published", author: "creator",
      channels: ["beautyInstagram", "beautyTiktok"], slot: p14.slot, risk: 25, legal: true, tags: ["AOBABeauty", "新色リップ", "AOBARouge"], assets: ["rougeLineup"],
      revs: [
        { text: "絶対落ちない新色リップ「AOBA Rouge」全8色が登場。", hoursAgo: p14.revAt + 48, decisions: { legal: ["changes_requested", "「絶対落ちない」は断定表現のため不可。「落ちにくい」等に変更してください。"] } },
        { text: `落ちにくい新色リップ「AOBA Rouge」全8色が登場。${t.season}のトレンドカラーをチェック💄`, hoursAgo: p14.revAt + 24, decisions: { pr: OK } },
        { text: `落ちにくい新色リップ「AOBA Rouge」全8色が登場。${t.season}のトレンドカラーをチェック💄 全国のバラエティショップと公式オンラインストアで発売中。`, hoursAgo: p14.revAt, decisions: { pr: OK, legal: OK, final: OK } },
      ],
      enteredHoursAgo: p14.enteredHoursAgo,
    },
    {
      n: 15, brand: "beauty", title: `YouTube:${t.season}のベースメイク解説`, state: "published", author: "multi",
      channels: ["beautyYoutube", "beautyInstagram"], slot: p15.slot, risk: 10, tags: ["ベースメイク", "メイク動画"], assets: ["beautyHowto"],
      revs: [{ text: `${t.season}のベースメイクを、AOBA Beauty のメイクアップアーティストが10分で解説します。季節の変わり目の肌の揺らぎに合わせた下地の選び方も。`, hoursAgo: p15.revAt, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: p15.enteredHoursAgo,
    },
    {
      n: 16, brand: "beauty", title: "Behind the scenes: our Kyoto lab", state: "published", author: "multi",
      channels: ["beautyInstagram"], slot: p16.slot, risk: 5, tags: ["AOBABeauty", "MadeInKyoto"], assets: ["kyotoLab"],
      revs: [{ text: "Behind the scenes at our Kyoto lab, where every AOBA Beauty formula is tested for texture and comfort before it reaches you. 🧪", hoursAgo: p16.revAt, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: p16.enteredHoursAgo,
    },
    {
      n: 17, brand: "beauty", title: "美容液モニター募集 結果発表", state: "published", author: "creator",
      channels: ["beautyInstagram"], slot: p17.slot, risk: 18, legal: true, tags: ["モニター", "AOBABeauty"], assets: ["kyotoLab"],
      revs: [{ text: "美容液モニターにご応募いただいた皆さま、ありがとうございました。当選された方には本日DMでご連絡しています。", hoursAgo: p17.revAt, decisions: { pr: OK, legal: OK, final: OK } }],
      enteredHoursAgo: p17.enteredHoursAgo,
    },
    {
      n: 18, brand: "beauty", title: "美容家MIOさん タイアップ動画", state: "in_review", author: "creator",
      channels: ["beautyTiktok", "beautyInstagram"], slot: c.slot(96), risk: 45, commercial: true, legal: true, tags: ["PR", "AOBABeauty", "MIO"], assets: ["mioTieup"],
      revs: [{ text: `【PR】美容家MIOさんが、AOBA Rouge の新色で${t.season}のデイリーメイクを紹介してくれました。`, hoursAgo: 5, decisions: { pr: OK } }],
      enteredHoursAgo: 5,
    },
    {
      n: 19, brand: "beauty", title: "新美容液「AOBA Serum Pro」発売告知", state: "in_review", author: "multi",
      channels: ["beautyInstagram", "beautyTiktok", "beautyYoutube"], slot: c.slot(144), risk: 55, legal: true, tags: ["AOBASerumPro", "新発売"], assets: ["serumLaunch"],
      revs: [{ text: `新美容液「AOBA Serum Pro」${jaDate(c, 10)}発売。肌の奥まで浸透し、乾燥による小じわを目立たなくする(効能評価試験済み)。`, hoursAgo: 28 }],
      enteredHoursAgo: 28,
    },
    {
      n: 20, brand: "beauty", title: "敏感肌さん向けQ&Aライブ 告知", state: "changes_requested", author: "creator",
      channels: ["beautyInstagram"], slot: c.slot(120), risk: 20, tags: ["インスタライブ", "敏感肌"], assets: ["kyotoLab"],
      revs: [{ text: "敏感肌の方の悩みに、研究員が必ずお答えします!インスタライブでQ&A。", hoursAgo: 12, decisions: { pr: ["changes_requested", "「必ずお答えします」は約束できないため「できる限りお答えします」に。配信日時が食品ブランドの新商品発表と重なるため翌週へ変更してください。"] } }],
      enteredHoursAgo: 10.5,
    },
    {
      n: 21, brand: "beauty", title: `${t.coffret} 予約開始`, state: "final_review", author: "creator",
      channels: ["beautyInstagram", "beautyTiktok"], slot: c.slot(40), risk: 22, legal: true, tags: [t.coffret, "AOBABeauty"], assets: ["coffret"],
      revs: [
        { text: `${t.coffret}の予約受付を開始します。数量限定。`, hoursAgo: 50, decisions: { pr: OK } },
        { text: `${t.coffret}の予約受付を本日より開始します。数量限定・なくなり次第終了。公式オンラインストアでは送料無料。`, hoursAgo: 26, decisions: { pr: OK, legal: OK } },
      ],
      enteredHoursAgo: 23,
    },
    {
      n: 22, brand: "beauty", title: "TikTok:30秒メイクチャレンジ", state: "approved", author: "multi",
      channels: ["beautyTiktok"], slot: c.slot(72), risk: 12, tags: ["30秒メイク", "AOBABeauty"], assets: ["makeShorts"],
      revs: [{ text: "30秒でどこまでできる?AOBA Rouge 1本で仕上げるメイクチャレンジ。あなたも #30秒メイク で挑戦してみてね!", hoursAgo: 30, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: 25,
    },
    {
      n: 23, brand: "beauty", title: "YouTube:乾燥肌のスキンケアルーティン(台本)", state: "draft", author: "multi",
      channels: ["beautyYoutube"], slot: null, risk: 10,
      revs: [{ text: "(台本メモ)冒頭15秒で悩みを提示 → 洗顔 → 化粧水の重ね付け → 美容液 → クリームで蓋。", hoursAgo: 50 }],
      enteredHoursAgo: 50,
    },
    {
      n: 24, brand: "beauty", title: `${t.giftGuideEn} (EN)`, state: "draft", author: "creator",
      channels: ["beautyInstagram"], slot: c.slot(168), risk: 6, tags: ["AOBAGifts"], assets: ["coffret"],
      revs: [
        { text: `Our ${t.giftGuideEn.toLowerCase().replace("mother's", "Mother's").replace("valentine's", "Valentine's")}: five AOBA Beauty picks under ¥5,000.`, hoursAgo: 26 },
        { text: `Our ${t.giftGuideEn.toLowerCase().replace("mother's", "Mother's").replace("valentine's", "Valentine's")} is here: five AOBA Beauty picks under ¥5,000, gift-wrapped for free at our online store.`, hoursAgo: 2 },
      ],
      enteredHoursAgo: 2,
    },
    {
      n: 25, brand: "beauty", title: "UVケア特集 再告知", state: "cancelled", author: "creator",
      channels: ["beautyInstagram"], slot: past(20, "12:00"), risk: 15, legal: true, assets: ["uvModel"],
      revs: [{ text: "紫外線対策は一年中。AOBA Beauty のUVケアアイテムを再紹介します。", hoursAgo: hAgo(past(20, "12:00")) + 40 }],
      enteredHoursAgo: hAgo(past(20, "12:00")) + 20,
    },
    // ---------------- あおば食品 ----------------
    {
      n: 26, brand: "foods", title: "新商品「だし香る炊き込みご飯の素」", state: "published", author: "creator",
      channels: ["foodsFacebook", "foodsX"], slot: p26.slot, risk: 8, tags: ["あおば食品", "新商品"], assets: ["takikomi"],
      revs: [{ text: "あおば食品から新商品「だし香る炊き込みご飯の素」が登場。お米2合に混ぜて炊くだけで、かつおと昆布の香る本格炊き込みご飯に。", hoursAgo: p26.revAt, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: p26.enteredHoursAgo,
    },
    {
      n: 27, brand: "foods", title: "工場見学オンラインツアー 開催報告", state: "published", author: "multi",
      channels: ["foodsFacebook"], slot: p27.slot, risk: 5,
      revs: [{ text: "あおば食品 仙台工場のオンライン見学ツアーに、120名の方にご参加いただきました。ご質問の多かった「だしの取り方」は次回詳しくご紹介します。", hoursAgo: p27.revAt, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: p27.enteredHoursAgo,
    },
    {
      n: 28, brand: "foods", kind: "statement", title: t.holidayNotice, state: "published", author: "creator",
      channels: ["foodsFacebook", "foodsX"], slot: p28.slot, risk: 12, legal: true,
      revs: [{ text: `あおば食品 公式オンラインストアより、${t.holidayNotice.replace(/についてのお知らせ$/, "")}についてお知らせします。${t.holidayNoticeText}`, hoursAgo: p28.revAt, decisions: { pr: OK, legal: OK, final: OK } }],
      enteredHoursAgo: p28.enteredHoursAgo,
    },
    {
      n: 29, brand: "foods", title: `今夜のレシピ:${t.recipe}`, state: "scheduled", author: "creator",
      channels: ["foodsFacebook", "foodsX"], slot: c.slot(8), risk: 4, tags: ["あおば食品", "今夜のレシピ"], assets: ["recipeStock"],
      revs: [{ text: `今夜のレシピは「${t.recipe}」。あおば食品の炊き込みご飯の素に、旬の具材をのせて炊くだけ。`, hoursAgo: 34, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: 12,
    },
    {
      n: 30, brand: "foods", title: t.foodsLimited, state: "approved", author: "multi",
      channels: ["foodsFacebook", "foodsX"], slot: c.slot(120), risk: 10, tags: ["あおば食品", t.foodsLimitedShort],
      revs: [{ text: t.foodsLimitedText, hoursAgo: 20, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: 15,
    },
    {
      n: 31, brand: "foods", title: "社員おすすめ!食品ロス削減レシピ", state: "in_review", author: "creator",
      channels: ["foodsFacebook"], slot: c.slot(52), risk: 6,
      revs: [{ text: "あおば食品の社員が考えた、余った炊き込みご飯で作るおにぎらずレシピ。食品ロス削減にもつながります。", hoursAgo: 30 }],
      enteredHoursAgo: 30,
    },
    {
      n: 32, brand: "foods", title: `${t.gift}キャンペーン 告知案`, state: "draft", author: "creator",
      channels: ["foodsFacebook", "foodsX"], slot: null, risk: 30, commercial: true, legal: true, tags: [t.gift, "キャンペーン"],
      revs: [{ text: `【プレゼント】あおば食品の${t.gift}セットを抽選で50名様に。応募はこの投稿をフォロー&リポストするだけ!`, hoursAgo: 3 }],
      enteredHoursAgo: 3,
    },
    {
      n: 33, brand: "foods", title: "週末のおすすめ:炊き込みご飯の素 アレンジ", state: "scheduled", author: "multi",
      channels: ["foodsX"], slot: c.slot(44), risk: 4, tags: ["あおば食品"],
      revs: [{ text: "週末は炊き込みご飯の素でアレンジ。炊き上がりにバターとしょうゆを少し加えると、おこげまでおいしい洋風ごはんに。あおば食品", hoursAgo: 25, decisions: { pr: OK, final: OK } }],
      enteredHoursAgo: 7,
    },
  ];
}

function variantText(platform: Platform, text: string, tags: string[] = []): string {
  const hash = (n: number) => tags.slice(0, n).map((t) => `#${t}`).join(" ");
  switch (platform) {
    case "instagram":
      return tags.length ? `${text}\n\n${hash(tags.length)}` : text;
    case "x":
    case "tiktok":
      return tags.length ? `${text} ${hash(2)}` : text;
    default:
      return text;
  }
}

const TARGET_STATE_OF: Record<PostState, TargetState> = {
  draft: "pending",
  in_review: "pending",
  changes_requested: "pending",
  final_review: "pending",
  approved: "pending",
  scheduled: "scheduled",
  publishing: "publishing",
  published: "published",
  expired: "expired",
  failed: "needs_human_check",
  cancelled: "cancelled",
};

// ---------------------------------------------------------------------------------------------
// Inbox. [n, channel, kind, lang, author, handle, text, sentiment, risk, priority, status,
//         assignee, receivedMinutesAgo, reply?, replyAfterMinutes?]

type InboxTuple = [
  number,
  ChannelKey,
  "comment" | "dm" | "mention" | "review",
  "ja" | "en",
  string,
  string | null,
  string,
  "positive" | "neutral" | "negative",
  number,
  "urgent" | "high" | "normal" | "low",
  "open" | "assigned" | "waiting" | "escalated" | "closed" | "hidden",
  Login | null,
  number,
  string?,
  number?,
];

const SLA_MINUTES = { urgent: 60, high: 240, normal: 1440, low: 4320 } as const;

function buildInbox(t: Theme): InboxTuple[] {
  return [
  // あおばカフェ X
  [1, "cafeX", "mention", "ja", "みか", "@mika_cafe_love", `@aoba_cafe ${t.drink}飲みました!最高でした☕️ また行きます`, "positive", 0, "low", "closed", "community", 2000, `ありがとうございます!${t.drink}は今シーズン限定の販売です。またのご来店をお待ちしております☕`, 95],
  [2, "cafeX", "comment", "ja", "たけし", "@takeshi_sendai", "仙台駅前店って何時まで営業してますか?", "neutral", 0, "normal", "open", null, 120],
  [3, "cafeX", "comment", "ja", "Yuki", "@yuki_0815", "祝日の営業時間が知りたいです。来週の月曜もやってますか?", "neutral", 0, "normal", "open", null, 1560],
  [4, "cafeX", "mention", "ja", "ぽんた", "@ponta_latte", "@aoba_cafe 今日行った店舗、店員さんの態度がちょっと冷たかった…残念", "negative", 28, "high", "assigned", "community", 150],
  [5, "cafeX", "mention", "ja", "フォロワー増やし隊", "@follow_boost_jp", "フォロワー1万人増やせます!今ならDMで無料診断→ bit.ly/fw-boost", "neutral", 15, "low", "hidden", null, 3100],
  [6, "cafeX", "comment", "en", "Emma", "@emma_in_tokyo", "Do you have oat milk options for the seasonal latte?", "neutral", 0, "normal", "open", null, 300],
  [7, "cafeX", "mention", "ja", "匿名", "@anon_829173", "@aoba_cafe 値上げばっかりで最悪。二度と行かない。こんな会社潰れろ", "negative", 62, "high", "open", null, 90],
  [51, "cafeX", "mention", "ja", "なおこ", "@naoko_coffee", "@aoba_cafe 仙台駅前店のスタッフさん、忘れ物を走って届けてくれて神対応でした", "positive", 0, "low", "closed", "community2", 2600, "うれしいお言葉をありがとうございます!スタッフにも必ず伝えます。", 180],
  [58, "cafeX", "comment", "ja", "りょう", "@ryo_drive", "駐車場はありますか?", "neutral", 0, "normal", "waiting", "community2", 700, "お問い合わせありがとうございます。どちらの店舗をご利用予定か教えていただけますか?", 40],
  // あおばカフェ Instagram
  [8, "cafeInstagram", "comment", "ja", "さくら", "sakura.sweets", "写真かわいすぎる😍 今週末行きます!", "positive", 0, "low", "closed", "community", 1900, "ありがとうございます✨ 週末お待ちしております!", 60],
  [9, "cafeInstagram", "comment", "ja", "あやママ", "aya_mama_3kids", `${t.drink}にナッツは入っていますか?子どもがナッツアレルギーなので心配です`, "neutral", 30, "high", "assigned", "multi", 195],
  [10, "cafeInstagram", "dm", "ja", "みほ", "miho_kochi", "コラボタンブラーはオンラインでも買えますか?地方在住で店舗に行けないので…", "neutral", 0, "normal", "assigned", "community2", 900],
  [11, "cafeInstagram", "dm", "en", "Kenji Food Diary", "kenji.eats.osaka", "Hi! I'm a food blogger based in Osaka and would love to collaborate on your autumn menu. Who can I talk to?", "positive", 5, "low", "open", null, 600],
  [12, "cafeInstagram", "comment", "ja", "はるか", "haruka_cafe_log", "新作いつまでですか?", "neutral", 0, "normal", "closed", "community", 2300, "今シーズン限定の販売です。なくなり次第終了となりますのでお早めに☕", 45],
  [13, "cafeInstagram", "comment", "ja", "副業サポート", "fukugyo_support_88", "💰スマホだけで月50万💰 詳しくはプロフのリンクから", "neutral", 20, "low", "hidden", null, 2900],
  [14, "cafeInstagram", "comment", "en", "Wei Ling", "weiling.sg", `The ${t.drinkEn} is amazing!! Wish you had a store in Singapore 🇸🇬`, "positive", 0, "low", "closed", "community2", 3300, "Thank you so much, Wei Ling! We're thrilled you enjoyed it. Hope to welcome you again in Japan ☕", 210],
  [52, "cafeInstagram", "comment", "ja", "けい", "kei_takeout", "テイクアウトの予約はできますか?明日の朝10個ほどお願いしたいです", "neutral", 0, "normal", "open", null, 1400],
  // あおばカフェ LINE
  [15, "cafeLine", "dm", "ja", "ゆうこ", null, "クーポンが表示されません。今月のクーポンって今日から使えるんですよね?", "negative", 12, "high", "open", null, 60],
  [16, "cafeLine", "dm", "ja", "まさと", null, "LINEクーポンが届いていないのですが、配信されましたか?", "neutral", 8, "high", "open", null, 130],
  [17, "cafeLine", "dm", "ja", "ちひろ", null, "店舗に忘れ物をしました。黒い折りたたみ傘です。仙台駅前店です。", "neutral", 0, "normal", "waiting", "community", 2000, "お問い合わせありがとうございます。お忘れになった日時とお座りだった席を教えていただけますか?店舗に確認いたします。", 35],
  [18, "cafeLine", "dm", "ja", "としお", null, "ポイントカードの統合方法を教えてください", "neutral", 0, "normal", "closed", "community", 2700, "お問い合わせありがとうございます。アプリの「マイページ>カード統合」から、お手持ちのカード番号を入力してください。", 50],
  [19, "cafeLine", "dm", "ja", "かおり", null, "注文したドリンクに髪の毛が入っていました。交換してもらいましたが衛生面が心配です。", "negative", 45, "high", "assigned", "community", 420],
  [53, "cafeLine", "dm", "ja", "だいき", null, "Wi-Fiのパスワードを教えてください", "neutral", 0, "low", "closed", "community2", 1300, "店内のWi-Fiは「AOBA_FREE」をお選びください。パスワードはレシート下部に記載しています。", 15],
  // AOBA Beauty Instagram
  [20, "beautyInstagram", "comment", "ja", "ゆい", "yui_bluebase", "AOBA Rougeの03番、ブルベにぴったりでした💄", "positive", 0, "low", "closed", "community", 3000, "ありがとうございます💄 03番は青みローズで、ブルベさんに人気のカラーです!", 120],
  [21, "beautyInstagram", "comment", "ja", "りな", "rina_sensitive", "敏感肌でも使えますか?パッチテスト済みですか?", "neutral", 5, "normal", "open", null, 1200],
  [22, "beautyInstagram", "comment", "ja", "まゆ", "mayu_skin_diary", "この美容液を使ったら肌荒れしました。返金してもらえますか?", "negative", 48, "high", "assigned", "community", 360],
  [23, "beautyInstagram", "dm", "ja", "ともこ", "tomoko_1975", "先日購入した化粧水、ポンプが壊れていて出てきません。交換できますか?", "negative", 15, "normal", "assigned", "community2", 1800],
  [24, "beautyInstagram", "comment", "en", "Jessica", "jess.beauty.la", "Is this product cruelty-free? Do you ship to the US?", "neutral", 0, "normal", "open", null, 600],
  [25, "beautyInstagram", "comment", "en", "Free Gifts", "free.iphone.giveaway.2025", "Check my profile for a FREE iPhone giveaway!!! 🎁🎁", "neutral", 25, "low", "hidden", null, 2500],
  [26, "beautyInstagram", "mention", "ja", "なな", "nana_cosme", "@aoba.beauty の新作リップ、色持ちすごい。マスクにもほとんど付かない", "positive", 0, "low", "closed", "community", 2200, "嬉しいご感想をありがとうございます!", 90],
  [27, "beautyInstagram", "dm", "ja", "匿名アカウント", "truth_seeker_0404", "MIOとタイアップとか正気?あいつの過去の発言知らないの?起用やめないなら不買運動するわ", "negative", 78, "urgent", "escalated", "community", 100],
  [54, "beautyInstagram", "dm", "en", "Lin Store Taipei", "lin.select.taipei", "Hello, I run a select shop in Taipei and I'm interested in wholesale for AOBA Beauty. Is there a contact?", "positive", 0, "low", "open", null, 3600],
  // AOBA Beauty TikTok
  [28, "beautyTiktok", "comment", "ja", "ここ", "@coco_make", "このメイク真似したい!使ってるアイシャドウ教えて🥺", "positive", 0, "normal", "open", null, 240],
  [29, "beautyTiktok", "comment", "ja", "しょう", "@sho_music", "BGMなんて曲ですか?", "neutral", 0, "low", "open", null, 900],
  [30, "beautyTiktok", "comment", "ja", "あかり", "@akari_real", "加工しすぎでは?実際の色と全然違う", "negative", 20, "normal", "open", null, 2400],
  [31, "beautyTiktok", "comment", "ja", "フォロバ100", "@followback_100", "フォロバ100%!相互フォローしよ", "neutral", 10, "low", "hidden", null, 1700],
  [32, "beautyTiktok", "comment", "en", "Mia", "@mia.makeup.daily", "omg the 30 sec challenge 😂 doing this tomorrow", "positive", 0, "low", "closed", "community2", 1500, "Can't wait to see it, Mia! Tag us with #30秒メイク 💄", 70],
  [55, "beautyTiktok", "comment", "ja", "みさ", "@misa_check", "これPR?案件ならちゃんと表記してほしい", "negative", 35, "normal", "open", null, 540],
  // AOBA Beauty YouTube
  [33, "beautyYoutube", "comment", "ja", "ぴよ", "@piyo-cosme", "動画で使っていた下地の品番を教えてください", "neutral", 0, "normal", "open", null, 1320],
  [34, "beautyYoutube", "comment", "ja", "かな", "@kana-dryskin", "説明がわかりやすくて助かります。乾燥肌編もお願いします!", "positive", 0, "low", "closed", "multi", 2800, "ありがとうございます!乾燥肌のスキンケア編、ただいま準備中です。お楽しみに✨", 240],
  [35, "beautyYoutube", "comment", "en", "Sophie", "@sophie-jbeauty", "Could you add English subtitles please?", "neutral", 0, "low", "open", null, 3000],
  [36, "beautyYoutube", "comment", "ja", "通りすがり", "@toorisugari-77", "広告多すぎ", "negative", 10, "low", "open", null, 1800],
  [59, "beautyYoutube", "comment", "ja", "えり", "@eri-yellowbase", "この色、イエベでも似合いますか?", "neutral", 0, "normal", "open", null, 60],
  // あおば食品 Facebook
  [37, "foodsFacebook", "review", "ja", "山田 恵子", null, "購入した「だし香る炊き込みご飯の素」に黒い異物(プラスチック片のようなもの)が混入していました。ロット番号は2411-Bです。子どもが食べる前に気付きましたが本当に怖かったです。きちんと調査して説明してください。", "negative", 92, "urgent", "escalated", "community", 180, "このたびはご心配とご不快な思いをおかけし、誠に申し訳ございません。詳しい状況をお伺いしたく、メッセージにてご連絡させていただきました。", 22],
  [38, "foodsFacebook", "comment", "ja", "佐々木 亮", null, "この商品、小麦アレルギーでも食べられますか?原材料を教えてください", "neutral", 30, "high", "assigned", "community", 120],
  [39, "foodsFacebook", "review", "ja", "小川 由美", null, "炊き込みご飯の素、家族に大好評でした!リピート確定です", "positive", 0, "low", "closed", "community", 3900, `うれしいレビューをありがとうございます!「${t.recipe}」のアレンジもおすすめです。`, 300],
  [40, "foodsFacebook", "comment", "ja", "石井 健", null, "工場見学のオンラインツアー、次回はいつですか?", "neutral", 0, "normal", "open", null, 720],
  [41, "foodsFacebook", "dm", "ja", "食品セレクト みやぎ", null, "御社の商品を当店で取り扱いたいのですが、卸の窓口を教えてください", "positive", 0, "normal", "assigned", "community", 1680],
  [42, "foodsFacebook", "review", "ja", "匿名", null, "最近量が減った気がする。ステルス値上げ?", "negative", 25, "normal", "open", null, 480],
  [43, "foodsFacebook", "comment", "ja", "当選事務局", null, "【当選】おめでとうございます!賞品のお受け取りはこちらから手続きしてください", "neutral", 40, "low", "hidden", null, 2100],
  [44, "foodsFacebook", "comment", "en", "Aisha Rahman", null, "Are your products halal certified?", "neutral", 0, "normal", "open", null, 1980],
  [56, "foodsFacebook", "comment", "ja", "藤田 真理", null, `${t.gift}の申込はいつからですか?`, "neutral", 0, "normal", "open", null, 180],
  [60, "foodsFacebook", "dm", "ja", "高木 誠", null, "商品に関する問い合わせです。配送された箱が破損していて、中のパックも一部つぶれていました。", "negative", 18, "normal", "waiting", "community", 1500, "ご迷惑をおかけし申し訳ございません。お手数ですが、破損状況の写真とご注文番号をお送りいただけますでしょうか。", 55],
  // あおば食品 X
  [45, "foodsX", "mention", "ja", "ニュースまとめ速報", "@news_matome_sokuho", "@aoba_foods 炊き込みご飯の素に異物が入ってたって投稿見たけど本当?", "negative", 55, "high", "open", null, 40],
  [46, "foodsX", "mention", "ja", "ひろみ", "@hiromi_nabe", `@aoba_foods ${t.foodsLimitedShort}の新作楽しみ!`, "positive", 0, "low", "closed", "community2", 2400],
  [47, "foodsX", "comment", "ja", "ゆうき", "@yuuki_kaji", "賞味期限の表示が見づらいです。もう少し大きくしてほしい", "neutral", 8, "normal", "open", null, 1080],
  [48, "foodsX", "mention", "ja", "正義の味方", "@seigi_no_mikata_x", "@aoba_foods 異物混入を隠蔽してるって本当?ちゃんと謝罪しろ", "negative", 70, "urgent", "open", null, 25],
  [49, "foodsX", "mention", "en", "Lukas", "@lukas_eats_berlin", "@aoba_foods any plans to sell in Europe? Your dashi mixes would sell out in Berlin", "positive", 0, "low", "open", null, 2200],
  [50, "foodsX", "comment", "ja", "まい", "@mai_kondate", "レシピ動画もっと見たいです", "positive", 0, "low", "closed", "community", 3500, "ありがとうございます!毎週金曜に新しいレシピを投稿予定です。", 150],
  [57, "foodsX", "mention", "ja", "こうじ", "@koji_gohan", "@aoba_foods 今日のレシピ作った!美味しかった", "positive", 0, "low", "closed", "community2", 3700],
  ];
}

// ---------------------------------------------------------------------------------------------
// Channel metrics: one profile per channel (followers 90 days ago, daily growth, rates).

type ChannelProfile = { followers: number; growth: number; impPerFollower: number; reach: number; er: number; mentions: number; weekend: number };

const CHANNEL_PROFILES: Record<ChannelKey, ChannelProfile> = {
  cafeX: { followers: 46_800, growth: 0.0011, impPerFollower: 0.9, reach: 0.58, er: 0.012, mentions: 34, weekend: 1.15 },
  cafeInstagram: { followers: 121_300, growth: 0.0015, impPerFollower: 0.55, reach: 0.7, er: 0.036, mentions: 9, weekend: 1.2 },
  cafeLine: { followers: 298_500, growth: 0.0008, impPerFollower: 0.32, reach: 0.86, er: 0.021, mentions: 0, weekend: 1.05 },
  beautyInstagram: { followers: 207_900, growth: 0.0013, impPerFollower: 0.5, reach: 0.72, er: 0.041, mentions: 14, weekend: 1.1 },
  beautyTiktok: { followers: 71_200, growth: 0.0042, impPerFollower: 2.3, reach: 0.8, er: 0.067, mentions: 6, weekend: 1.25 },
  beautyYoutube: { followers: 40_100, growth: 0.0010, impPerFollower: 0.35, reach: 0.82, er: 0.045, mentions: 1, weekend: 1.3 },
  foodsFacebook: { followers: 36_900, growth: -0.0002, impPerFollower: 0.3, reach: 0.64, er: 0.008, mentions: 2, weekend: 0.92 },
  foodsX: { followers: 26_300, growth: 0.0008, impPerFollower: 1.1, reach: 0.55, er: 0.011, mentions: 18, weekend: 1.08 },
};

/** Weekday shape (Sun..Sat) for a consumer brand; the weekend factor scales Sat/Sun. */
const WEEKDAY = [1, 0.88, 0.93, 0.97, 0.98, 1.04, 1];

const METRIC_DAYS = 90;

// ---------------------------------------------------------------------------------------------

export type SeedWorkspacesOptions = { now?: Date };

/** Seeds the workspace content once (see the file comment). Returns whether it wrote anything. */
export async function seedWorkspaces(db: Db, options: SeedWorkspacesOptions = {}): Promise<{ seeded: boolean }> {
  const c = makeClock(options.now ?? new Date());
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const existing = await tx.select({ id: posts.id }).from(posts).where(eq(posts.id, WORKSPACE_SEED_MARKER)).limit(1);
    if (existing.length > 0) return { seeded: false };

    const rows = buildRows(c);
    // Parents before children; every insert is idempotent on its fixed id as a second guard.
    await tx.insert(assets).values(rows.assets).onConflictDoNothing();
    await tx.insert(posts).values(rows.posts).onConflictDoNothing();
    await tx.insert(postRevisions).values(rows.revisions).onConflictDoNothing();
    await tx.insert(postTargets).values(rows.targets).onConflictDoNothing();
    await tx.insert(approvals).values(rows.approvals).onConflictDoNothing();
    await tx.insert(publications).values(rows.publications).onConflictDoNothing();
    await tx.insert(corrections).values(rows.corrections).onConflictDoNothing();
    await tx.insert(blackoutWindows).values(rows.blackouts).onConflictDoNothing();
    await tx.insert(inboxItems).values(rows.inbox).onConflictDoNothing();
    await tx.insert(replies).values(rows.replies).onConflictDoNothing();
    await tx.insert(escalations).values(rows.escalations).onConflictDoNothing();
    await tx.insert(savedReplies).values(rows.savedReplies).onConflictDoNothing();
    await tx.insert(takedownRequests).values(rows.takedowns).onConflictDoNothing();
    await tx.insert(legalReviews).values(rows.legalReviews).onConflictDoNothing();
    await tx.insert(legalHolds).values(rows.legalHolds).onConflictDoNothing();
    await tx.insert(channelMetricsDaily).values(rows.channelMetrics).onConflictDoNothing();
    await tx.insert(postMetricsDaily).values(rows.postMetrics).onConflictDoNothing();
    await tx.insert(campaigns).values(rows.campaigns).onConflictDoNothing();
    await tx.insert(adSets).values(rows.adSets).onConflictDoNothing();
    await tx.insert(ads).values(rows.ads).onConflictDoNothing();
    await tx.insert(spendDaily).values(rows.spend).onConflictDoNothing();
    await tx.insert(adMetricsDaily).values(rows.adMetrics).onConflictDoNothing();
    await tx.insert(notifications).values(rows.notifications).onConflictDoNothing();
    await tx.insert(crisisStates).values(rows.crises).onConflictDoNothing();
    return { seeded: true };
  });
}

/** Server-generated-style names for the demo's files: fixed per asset, so the seed stays idempotent (asset-files.ts writes them). */
export function seedStorageKey(n: number, mime: string): string {
  const h = createHash("sha256").update(`aoba-demo-asset-${n}`).digest("hex").slice(0, 32);
  const ext = mime === "image/png" ? "png" : mime === "video/mp4" ? "mp4" : "jpg";
  return `${h.slice(0, 2)}/${h}.${ext}`;
}

/** The demo's media library, for asset-files.ts (which writes the files and records their real size, hash and thumbnail). */
export function seedAssetSpecs() {
  return Object.values(ASSETS).map((a) => ({
    id: seedId("asset", a.n),
    n: a.n,
    kind: a.kind,
    mime: a.mime,
    width: a.w,
    height: a.h,
    file: a.file ?? null,
    color: BRAND_COLORS[a.brand],
    storageKey: seedStorageKey(a.n, a.mime),
  }));
}

const BRAND_COLORS: Record<BrandKey, string> = { cafe: "#0f766e", beauty: "#be185d", foods: "#b45309" };

/** Every row the seed would write for a given "now" (pure; exported for tests). */
export function buildWorkspaceRows(now: Date) {
  return buildRows(makeClock(now));
}

function buildRows(c: Clock) {
  const t = themeFor(c);
  // ----- assets
  const assetId = (k: AssetKey) => seedId("asset", ASSETS[k].n);
  const assetRows: (typeof assets.$inferInsert)[] = Object.values(ASSETS).map((a) => ({
    id: seedId("asset", a.n),
    brandId: BRAND_IDS[a.brand],
    kind: a.kind,
    storageKey: seedStorageKey(a.n, a.mime),
    originalName: a.originalName,
    mimeType: a.mime,
    sizeBytes: a.size,
    width: a.w,
    height: a.h,
    source: a.source,
    licence: a.licence ?? null,
    licenceExpiresAt: a.expiresInDays === undefined ? null : c.jst(a.expiresInDays, "23:59"),
    hasLikeness: a.likeness ?? false,
    uploadedById: U(a.by),
    createdAt: c.at(-a.daysAgo * 24),
  }));

  // ----- posts, revisions, targets, approvals, publications
  const specs = buildPostSpecs(c, t);
  const postRows: (typeof posts.$inferInsert)[] = [];
  const revisionRows: (typeof postRevisions.$inferInsert)[] = [];
  const targetRows: (typeof postTargets.$inferInsert)[] = [];
  const approvalRows: (typeof approvals.$inferInsert)[] = [];
  const publicationRows: (typeof publications.$inferInsert)[] = [];
  const currentRevision = new Map<number, string>();
  /** The newest published external id per channel, so comments can point at a real post. */
  const latestPublished = new Map<ChannelKey, { externalId: string; at: Date }>();
  /** Published targets, for post metrics. */
  const publishedTargets: { postId: string; channel: ChannelKey; at: Date }[] = [];
  const stageOffsetHours: Record<Stage, number> = { pr: 1.5, legal: 3, final: 5 };
  const reviewerOf: Record<Stage, Login> = { pr: "pr", legal: "legal", final: "manager" };
  const STAGES: Stage[] = ["pr", "legal", "final"];

  for (const s of specs) {
    const postId = seedId("post", s.n);
    const firstRevAt = c.at(-s.revs[0]!.hoursAgo);
    s.revs.forEach((r, i) => {
      const revId = seedId("revision", s.n * 10 + i + 1);
      const content = {
        variants: s.channels.map((ch) => ({
          channelId: CHANNEL_IDS[ch],
          platform: PLATFORM_OF[ch],
          text: variantText(PLATFORM_OF[ch], r.text, s.tags),
          mediaAssetIds: (s.assets ?? []).map(assetId),
        })),
      };
      const hash = contentHashOf(content);
      const revAt = c.at(-r.hoursAgo);
      revisionRows.push({ id: revId, postId, number: i + 1, contentHash: hash, content, createdById: U(r.by ?? s.author), createdAt: revAt });
      const next = s.revs[i + 1];
      for (const stage of STAGES) {
        const d = r.decisions?.[stage];
        if (!d) continue;
        const decidedAt = new Date(Math.min(revAt.getTime() + stageOffsetHours[stage] * HOUR, c.now.getTime() - 10 * MIN));
        approvalRows.push({
          id: seedId("approval", (s.n * 10 + i + 1) * 4 + STAGES.indexOf(stage)),
          postId,
          revisionId: revId,
          revisionHash: hash,
          stage,
          reviewerId: U(reviewerOf[stage]),
          decision: d[0],
          reason: d[1] ?? null,
          // An edit voids every approval of the revision it replaces.
          voidedAt: next && d[0] === "approved" ? c.at(-next.hoursAgo) : null,
          createdAt: decidedAt,
        });
      }
      if (!next) currentRevision.set(s.n, revId);
    });
    const currentRevId = currentRevision.get(s.n)!;
    postRows.push({
      id: postId,
      brandId: BRAND_IDS[s.brand],
      kind: s.kind ?? "post",
      title: s.title,
      state: s.state,
      authorId: U(s.author),
      currentRevisionId: currentRevId,
      isCommercial: s.commercial ?? false,
      requiresLegal: s.legal ?? false,
      riskScore: s.risk,
      scheduledAt: s.slot,
      createdAt: new Date(firstRevAt.getTime() - 45 * MIN),
      updatedAt: c.at(-s.enteredHoursAgo),
    });
    s.channels.forEach((ch, j) => {
      const targetId = seedId("target", s.n * 10 + j + 1);
      const state = TARGET_STATE_OF[s.state];
      targetRows.push({
        id: targetId,
        postId,
        channelId: CHANNEL_IDS[ch],
        scheduledAt: s.slot,
        state,
        idempotencyKey: `${postId}:${CHANNEL_IDS[ch]}`,
        createdAt: new Date(firstRevAt.getTime() - 40 * MIN),
      });
      if (state === "published" && s.slot) {
        const rnd = prng(`pub:${targetId}`);
        const lagMs = 600 + Math.floor(rnd() * 3400);
        const publishedAt = new Date(s.slot.getTime() + lagMs);
        const externalId = externalIdFor(ch, s.n * 10 + j);
        publicationRows.push({
          id: seedId("publication", s.n * 10 + j + 1),
          targetId,
          externalId,
          externalUrl: externalUrlFor(ch, externalId),
          state: "published",
          attempts: 1,
          publishedAt,
          lagMs,
          createdAt: new Date(s.slot.getTime() - 2 * MIN),
        });
        const prev = latestPublished.get(ch);
        if (!prev || prev.at < publishedAt) latestPublished.set(ch, { externalId, at: publishedAt });
        publishedTargets.push({ postId, channel: ch, at: publishedAt });
      }
      if (state === "needs_human_check" && s.slot) {
        publicationRows.push({
          id: seedId("publication", s.n * 10 + j + 1),
          targetId,
          state: "unknown",
          attempts: 1,
          lastError: "LINE Messaging API: no response within 30 s; delivery outcome unknown. Auto-retry stopped to avoid a duplicate broadcast.",
          createdAt: new Date(s.slot.getTime() - 2 * MIN),
        });
      }
    });
  }

  const correctionRows: (typeof corrections.$inferInsert)[] = [
    { id: seedId("correction", 1), originalPostId: seedId("post", 1), kind: "correction", newPostId: seedId("post", 4), originalAction: "keep", createdById: U("pr"), createdAt: c.at(-(24 * 4 + 8)) },
  ];

  // ----- blackout windows
  const blackoutRows: (typeof blackoutWindows.$inferInsert)[] = [
    { id: seedId("blackout", 1), brandId: null, startsAt: c.jst(9, "00:00"), endsAt: c.jst(10, "16:00"), reason: "決算発表前の沈黙期間(第2四半期決算)。発表(15:00 適時開示)まで全ブランドの投稿を停止", createdById: U("pr"), createdAt: c.at(-24 * 12) },
    { id: seedId("blackout", 2), brandId: BRAND_IDS.beauty, startsAt: c.jst(13, "00:00"), endsAt: c.jst(14, "11:00"), reason: "新製品発表会(報道解禁前)のため AOBA Beauty の投稿を停止", createdById: U("pr"), createdAt: c.at(-24 * 5) },
    { id: seedId("blackout", 3), brandId: null, startsAt: c.jst(-41, "09:00"), endsAt: c.jst(-39, "18:00"), reason: "大規模地震(最大震度6弱)の発生に伴う投稿自粛", createdById: U("manager"), createdAt: c.at(-24 * 41) },
  ];

  // ----- inbox, replies, escalations
  const inboxRows: (typeof inboxItems.$inferInsert)[] = [];
  const replyRows: (typeof replies.$inferInsert)[] = [];
  const inboxId = (n: number) => seedId("inbox", n);
  for (const [n, ch, kind, lang, name, handle, text, sentiment, risk, priority, status, assignee, ago, reply, replyAfter] of buildInbox(t)) {
    const receivedAt = c.minutesAgo(ago);
    const platform = PLATFORM_OF[ch];
    const externalId = `${platform}-in-${(9_100_000 + n * 137).toString()}`;
    const authorExternalId = `${platform}-user-${(50_000 + n * 71).toString()}`;
    const parent = kind === "comment" ? (latestPublished.get(ch)?.externalId ?? null) : null;
    const firstResponseAt = reply && replyAfter !== undefined ? c.minutesAgo(ago - replyAfter) : null;
    inboxRows.push({
      id: inboxId(n),
      channelId: CHANNEL_IDS[ch],
      platform,
      externalId,
      kind,
      threadKey: kind === "dm" ? `${platform}:dm:${authorExternalId}` : `${platform}:${parent ?? externalId}`,
      parentExternalId: parent,
      authorExternalId,
      authorHandle: handle,
      authorName: name,
      text,
      language: lang,
      sentiment,
      riskScore: risk,
      priority,
      status,
      assigneeId: assignee ? U(assignee) : null,
      slaDueAt: new Date(receivedAt.getTime() + SLA_MINUTES[priority] * MIN),
      firstResponseAt,
      receivedAt,
      createdAt: new Date(receivedAt.getTime() + 4_000),
    });
    if (reply && firstResponseAt) {
      replyRows.push({
        id: seedId("reply", n),
        inboxItemId: inboxId(n),
        authorId: U(assignee ?? "community"),
        text: reply,
        state: "sent",
        externalId: `${platform}-reply-${(7_700_000 + n * 113).toString()}`,
        createdAt: new Date(firstResponseAt.getTime() - 3 * MIN),
        sentAt: firstResponseAt,
      });
    }
  }
  // The official answer to the contamination report waits for legal before it may be sent.
  replyRows.push({
    id: seedId("reply", 1037),
    inboxItemId: inboxId(37),
    authorId: U("community"),
    text: "山田様 このたびは弊社商品に異物が混入していたとのこと、ご心配をおかけし誠に申し訳ございません。現在、ロット2411-Bの製造記録と品質検査記録を確認しております。お手数ですが、現品の回収にご協力いただけますでしょうか。担当者より改めてご連絡いたします。",
    state: "pending_approval",
    createdAt: c.minutesAgo(70),
  });

  const escalationRows: (typeof escalations.$inferInsert)[] = [
    { id: seedId("escalation", 1), inboxItemId: inboxId(37), toRole: "legal", reason: "異物混入の申告(ロット2411-B)。製造物責任と証拠保全の観点から法務確認を依頼します。", createdById: U("community"), createdAt: c.minutesAgo(150) },
    { id: seedId("escalation", 2), inboxItemId: inboxId(37), toRole: "pr", reason: "異物混入の申告がXで拡散し始めています(関連メンション2件)。公式見解の要否をご判断ください。", createdById: U("community"), createdAt: c.minutesAgo(145) },
    { id: seedId("escalation", 3), inboxItemId: inboxId(27), toRole: "pr", reason: "タイアップ起用タレントへの批判と不買運動の示唆。起用継続と声明の要否について広報の判断を依頼します。", createdById: U("community"), createdAt: c.minutesAgo(80) },
  ];

  const savedReplyRows: (typeof savedReplies.$inferInsert)[] = [
    { id: seedId("savedReply", 1), title: "営業時間のご案内", locale: "ja", body: "{{name}}様、お問い合わせありがとうございます。{{brand}}の営業時間は平日9時〜21時、土日・祝日10時〜20時です。皆さまのご来店をお待ちしております。", createdById: U("community"), createdAt: c.at(-24 * 60) },
    { id: seedId("savedReply", 2), title: "アレルギーに関するお問い合わせ", locale: "ja", body: "{{name}}様、ご質問ありがとうございます。アレルギー情報は商品ページの「原材料・アレルゲン」欄に掲載しております。ご不明な点はお客様相談室(0120-000-000、平日10時〜17時)までお問い合わせください。", createdById: U("community"), createdAt: c.at(-24 * 58) },
    { id: seedId("savedReply", 3), title: "お詫びとDMへのご案内", locale: "ja", body: "{{name}}様、このたびはご不快な思いをおかけし申し訳ございません。詳しい状況をお伺いしたく、恐れ入りますがダイレクトメッセージにてご連絡いただけますでしょうか。", createdById: U("community"), createdAt: c.at(-24 * 55) },
    { id: seedId("savedReply", 4), title: "お褒めの言葉へのお礼", locale: "ja", body: "{{name}}様、うれしいお言葉をありがとうございます!スタッフ一同の励みになります。またのご利用をお待ちしております。", createdById: U("community2"), createdAt: c.at(-24 * 40) },
    { id: seedId("savedReply", 5), title: "Opening hours", locale: "en", body: "Hi {{name}}, thanks for reaching out! {{brand}} is open 9:00–21:00 on weekdays and 10:00–20:00 on weekends and holidays. We look forward to seeing you.", createdById: U("community2"), createdAt: c.at(-24 * 38) },
    { id: seedId("savedReply", 6), title: "Thank you", locale: "en", body: "Thank you so much, {{name}}! We're thrilled you enjoyed it, and we'll share your kind words with the team.", createdById: U("community2"), createdAt: c.at(-24 * 30) },
    { id: seedId("savedReply", 7), title: "Move to DM", locale: "en", body: "Hi {{name}}, we're sorry to hear this. Could you send us a direct message with your order number so we can look into it right away?", createdById: U("community2"), createdAt: c.at(-24 * 30) },
  ];

  // ----- legal
  const takedownRows: (typeof takedownRequests.$inferInsert)[] = [
    { id: seedId("takedown", 1), complainant: "森田 亮(フォトグラファー)", contact: "morita.photo@example.jp", url: "https://www.instagram.com/p/Cx0AobaCafe0003/", description: "店舗スタッフ紹介の投稿に、私が撮影した仙台駅前店の外観写真が許諾なく使われています。削除または撮影者表記をお願いします。", status: "received", receivedAt: c.at(-20) },
    { id: seedId("takedown", 2), complainant: "株式会社ミドリ商事 法務部", contact: "legal@midori-shoji.example.jp", url: "https://x.com/aoba_foods/status/1830000000000000261", description: "貴社投稿の「だし香る」という表現が当社の登録商標に類似しているとして削除を求めます。", status: "rejected", receivedAt: c.at(-24 * 32) },
  ];

  const rev = (n: number) => currentRevision.get(n)!;
  const checklist = (items: [string, "ok" | "issue" | "n/a" | null, string?][]) =>
    items.map(([item, result, note]) => ({ item, result, ...(note ? { note } : {}) }));
  const legalReviewRows: (typeof legalReviews.$inferInsert)[] = [
    {
      id: seedId("legalReview", 1), subjectKind: "post_revision", subjectId: rev(9), postId: seedId("post", 9), revisionId: rev(9),
      title: "コラボタンブラー告知(イラスト使用許諾・広告表示)", state: "in_progress", assigneeId: U("legal"),
      checklist: checklist([["著作権・肖像権", "ok", "許諾契約 No.2025-A12 の範囲内(SNS掲載)"], ["商標", "n/a"], ["景品表示法", "ok"], ["ステルスマーケティング規制(広告表示)", null, "作家への報酬条件を確認中"], ["契約条件(使用範囲・期間)", null, "許諾期限が12日後。掲載期間の延長要否を確認"]]),
      findings: [{ severity: "medium", note: "イラストの使用許諾が12日後に期限切れ。投稿の掲載継続期間を契約と合わせること。" }],
      dueAt: c.slot(8), createdAt: c.at(-10),
    },
    {
      id: seedId("legalReview", 2), subjectKind: "post_revision", subjectId: rev(18), postId: seedId("post", 18), revisionId: rev(18),
      title: "美容家MIOさん タイアップ投稿(ステマ規制・肖像)", state: "open", assigneeId: U("legal"),
      checklist: checklist([["著作権・肖像権", null], ["ステルスマーケティング規制(広告表示)", null], ["薬機法", null], ["契約条件(使用範囲・期間)", null]]),
      dueAt: c.slot(28), createdAt: c.at(-5),
    },
    {
      id: seedId("legalReview", 3), subjectKind: "post_revision", subjectId: rev(19), postId: seedId("post", 19), revisionId: rev(19),
      title: "AOBA Serum Pro 発売告知(薬機法表現)", state: "in_progress", assigneeId: U("legal"),
      checklist: checklist([["薬機法", "issue", "「肌の奥まで浸透」は不可(角質層までと明記)"], ["景品表示法", "ok"], ["効能評価試験の根拠資料", null, "試験報告書の提出待ち"]]),
      findings: [{ severity: "high", note: "「肌の奥まで浸透」は化粧品の効能範囲を超える表現。「角質層まで浸透」に修正が必要。" }],
      dueAt: c.slot(-3), createdAt: c.at(-28),
    },
    {
      id: seedId("legalReview", 4), subjectKind: "post_revision", subjectId: rev(11), postId: seedId("post", 11), revisionId: rev(11),
      title: "おうちカフェの淹れ方(最上級表現)", state: "rejected", assigneeId: U("legal"),
      checklist: checklist([["景品表示法", "issue", "「日本一」の根拠資料なし"], ["著作権・肖像権", "ok"]]),
      decisionReason: "「日本一」は根拠資料のない最上級表現のため使用できません(景品表示法)。", decidedById: U("legal"), decidedAt: c.at(-22 + 3), dueAt: c.slot(-4), createdAt: c.at(-22),
    },
    {
      id: seedId("legalReview", 5), subjectKind: "post_revision", subjectId: rev(21), postId: seedId("post", 21), revisionId: rev(21),
      title: `${t.coffret} 予約開始(数量限定表示)`, state: "approved", assigneeId: U("legal"),
      checklist: checklist([["景品表示法", "ok", "「数量限定・なくなり次第終了」の表示あり"], ["薬機法", "ok"]]),
      decidedById: U("legal"), decidedAt: c.at(-26 + 3), dueAt: c.slot(-2), createdAt: c.at(-26),
    },
    {
      id: seedId("legalReview", 6), subjectKind: "post_revision", subjectId: rev(14), postId: seedId("post", 14), revisionId: rev(14),
      title: "AOBA Rouge 発売告知", state: "approved_with_conditions", assigneeId: U("legal"),
      checklist: checklist([["薬機法", "ok", "「落ちにくい」に修正済み"], ["景品表示法", "ok"]]),
      conditions: "TikTok への掲載は発売後6か月以内とすること(素材の使用期間)。", decidedById: U("legal"), decidedAt: c.at(-24 * 18 - 30), dueAt: c.slot(-24 * 18 - 20), createdAt: c.at(-24 * 18 - 50),
    },
    {
      id: seedId("legalReview", 7), subjectKind: "talent_usage", subjectId: assetId("mioTieup"),
      title: "MIOさん 肖像使用範囲の確認(TikTok二次利用・広告転用)", state: "open", assigneeId: U("legal"),
      checklist: checklist([["契約条件(使用範囲・期間)", null, "契約上、広告配信への転用は別途合意が必要"], ["肖像権", null]]),
      dueAt: c.slot(50), createdAt: c.at(-4),
    },
    {
      id: seedId("legalReview", 8), subjectKind: "takedown", subjectId: seedId("takedown", 1),
      title: "写真無断使用の申立て(森田 亮 氏)", state: "open", assigneeId: U("legal"),
      checklist: checklist([["撮影者・権利者の確認", null], ["制作会社との契約確認", null, "外観写真は制作会社納品物の可能性"]]),
      dueAt: c.slot(24 * 6), createdAt: c.at(-20),
    },
    {
      id: seedId("legalReview", 9), subjectKind: "ad_creative", subjectId: seedId("ad", 4),
      title: `${t.gift}早割 広告クリエイティブ(Facebook)`, state: "open", assigneeId: U("legal"),
      checklist: checklist([["ステルスマーケティング規制(広告表示)", "ok", "冒頭に【広告】表示あり"], ["景品表示法(有利誤認)", null, "「早割10%オフ」の比較対象価格を確認"]]),
      dueAt: c.slot(72), createdAt: c.at(-6),
    },
    {
      id: seedId("legalReview", 10), subjectKind: "reply", subjectId: seedId("reply", 1037),
      title: "異物混入申告への公式回答文案(ロット2411-B)", state: "open", assigneeId: U("legal"),
      checklist: checklist([["事実関係の表現(責任の認否)", null], ["個人情報の取扱い", null]]),
      dueAt: c.slot(2), createdAt: c.minutesAgo(65),
    },
  ];

  const legalHoldRows: (typeof legalHolds.$inferInsert)[] = [
    { id: seedId("legalHold", 1), subjectKind: "inbox_thread", subjectRef: inboxRows.find((r) => r.id === inboxId(37))!.threadKey, reason: "異物混入申告(ロット2411-B)に関する証拠保全。関連投稿・返信の削除禁止。", placedById: U("legal"), placedAt: c.minutesAgo(120) },
    { id: seedId("legalHold", 2), subjectKind: "platform_user", subjectRef: "x-user-40213", reason: "なりすましアカウントによる誹謗中傷(発信者情報開示請求の準備)", placedById: U("legal"), placedAt: c.at(-24 * 75), releasedById: U("legal"), releasedAt: c.at(-24 * 20) },
  ];

  // ----- channel metrics (90 days ending yesterday, Tokyo calendar)
  const publishDays = new Map<string, number>();
  for (const t of publishedTargets) {
    const k = `${t.channel}:${new Date(t.at.getTime() + 9 * HOUR).toISOString().slice(0, 10)}`;
    publishDays.set(k, (publishDays.get(k) ?? 0) + 1);
  }
  const channelMetricRows: (typeof channelMetricsDaily.$inferInsert)[] = [];
  for (const ch of Object.keys(CHANNEL_PROFILES) as ChannelKey[]) {
    const p = CHANNEL_PROFILES[ch];
    const rnd = prng(`channel:${ch}`);
    let followers = p.followers;
    for (let i = METRIC_DAYS; i >= 1; i--) {
      const day = c.day(-i);
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
      const weekday = dow === 0 || dow === 6 ? p.weekend : WEEKDAY[dow]!;
      const posted = publishDays.get(`${ch}:${day}`) ?? 0;
      // Growth with noise; a post day brings a small extra bump.
      followers = Math.round(followers * (1 + p.growth + (rnd() - 0.5) * 0.0012) + posted * followers * 0.0015);
      let impressions = followers * p.impPerFollower * weekday * (0.85 + rnd() * 0.3) * (posted ? 1.45 : 1);
      if (ch === "beautyTiktok" && i <= 18 && i >= 15) impressions *= 2.2; // a post went semi-viral
      const reach = impressions * p.reach * (0.95 + rnd() * 0.1);
      const engagements = impressions * p.er * (0.8 + rnd() * 0.4);
      let mentions = Math.round(p.mentions * weekday * (0.6 + rnd() * 0.8));
      if (ch === "foodsX" && i <= 1) mentions *= 4; // the contamination rumour
      channelMetricRows.push({
        channelId: CHANNEL_IDS[ch],
        day,
        followers,
        impressions: Math.round(impressions),
        reach: Math.round(reach),
        engagements: Math.round(engagements),
        mentions,
      });
    }
  }

  // ----- post metrics for published posts (publish day through yesterday, decaying)
  const postMetricRows: (typeof postMetricsDaily.$inferInsert)[] = [];
  const todayMs = Date.parse(`${c.day(0)}T00:00:00Z`);
  for (const t of publishedTargets) {
    const p = CHANNEL_PROFILES[t.channel];
    const platform = PLATFORM_OF[t.channel];
    const rnd = prng(`post:${t.postId}:${t.channel}`);
    const pubDay = new Date(t.at.getTime() + 9 * HOUR).toISOString().slice(0, 10);
    const daysAgo = Math.round((todayMs - Date.parse(`${pubDay}T00:00:00Z`)) / DAY);
    const base = p.followers * p.impPerFollower * 0.6 * (0.7 + rnd() * 0.6);
    for (let k = 0; k < Math.min(daysAgo, 21); k++) {
      const day = c.day(-(daysAgo - k));
      const impressions = Math.max(0, Math.round(base * Math.pow(0.48, k) * (0.9 + rnd() * 0.2)));
      const engaged = impressions * p.er * (0.8 + rnd() * 0.5);
      postMetricRows.push({
        postId: t.postId,
        channelId: CHANNEL_IDS[t.channel],
        day,
        impressions,
        reach: Math.round(impressions * p.reach),
        likes: Math.round(engaged * 0.78),
        comments: Math.round(engaged * 0.06),
        shares: Math.round(engaged * (platform === "x" || platform === "facebook" ? 0.12 : 0.05)),
        saves: Math.round(engaged * (platform === "instagram" ? 0.1 : 0.01)),
        clicks: Math.round(impressions * 0.004),
        videoViews: platform === "tiktok" || platform === "youtube" ? Math.round(impressions * 0.62) : 0,
      });
    }
  }

  // ----- ads: one active boost, one launch awaiting budget approval, one draft awaiting legal
  const campaignRows: (typeof campaigns.$inferInsert)[] = [
    {
      id: seedId("campaign", 1), name: `あおばカフェ ${t.season}の新作ブースト`, brandId: BRAND_IDS.cafe, channelId: CHANNEL_IDS.cafeInstagram,
      objective: "engagement", budgetType: "lifetime", budgetJpy: 800_000, startsOn: c.day(-10), endsOn: c.day(19),
      targeting: { ageMin: 20, ageMax: 44, genders: ["female", "male"], prefectures: ["東京都", "神奈川県", "宮城県"], interests: ["カフェ", "スイーツ", "コーヒー"], languages: ["ja"] },
      status: "active", budgetApprovedById: U("manager"), createdById: U("adops"), createdAt: c.at(-24 * 13),
    },
    {
      id: seedId("campaign", 2), name: "AOBA Beauty 新美容液ローンチ", brandId: BRAND_IDS.beauty, channelId: CHANNEL_IDS.beautyInstagram,
      objective: "awareness", budgetType: "lifetime", budgetJpy: 3_500_000, startsOn: c.day(7), endsOn: c.day(37),
      targeting: { ageMin: 25, ageMax: 49, genders: ["female"], prefectures: [], interests: ["スキンケア", "エイジングケア"], languages: ["ja"] },
      status: "pending_approval", createdById: U("adops"), createdAt: c.at(-26),
    },
    {
      id: seedId("campaign", 3), name: `あおば食品 ${t.gift}早割`, brandId: BRAND_IDS.foods, channelId: CHANNEL_IDS.foodsFacebook,
      objective: "conversions", budgetType: "daily", budgetJpy: 20_000, startsOn: c.day(14), endsOn: c.day(44),
      targeting: { ageMin: 35, ageMax: 64, genders: ["female", "male"], prefectures: [], interests: [t.gift, "グルメ", "料理"], languages: ["ja"] },
      status: "draft", createdById: U("adops"), createdAt: c.at(-8),
    },
  ];
  const adSetRows: (typeof adSets.$inferInsert)[] = [
    { id: seedId("adSet", 1), campaignId: seedId("campaign", 1), name: "首都圏 20-34 カフェ好き", targeting: { ageMin: 20, ageMax: 34, prefectures: ["東京都", "神奈川県"] }, dailyBudgetJpy: 16_000, createdAt: c.at(-24 * 13) },
    { id: seedId("adSet", 2), campaignId: seedId("campaign", 1), name: "宮城 20-44 仙台駅周辺", targeting: { ageMin: 20, ageMax: 44, prefectures: ["宮城県"] }, dailyBudgetJpy: 9_000, createdAt: c.at(-24 * 13) },
    { id: seedId("adSet", 3), campaignId: seedId("campaign", 2), name: "全国 25-49 スキンケア関心層", targeting: { ageMin: 25, ageMax: 49 }, dailyBudgetJpy: 115_000, createdAt: c.at(-26) },
    { id: seedId("adSet", 4), campaignId: seedId("campaign", 3), name: "全国 35-64 ギフト関心層", targeting: { ageMin: 35, ageMax: 64 }, dailyBudgetJpy: 20_000, createdAt: c.at(-8) },
  ];
  const adRows: (typeof ads.$inferInsert)[] = [
    { id: seedId("ad", 1), adSetId: seedId("adSet", 1), name: `${t.drink} ブースト(首都圏)`, sourceKind: "boost", postRevisionId: rev(1), status: "active", createdAt: c.at(-24 * 12) },
    { id: seedId("ad", 2), adSetId: seedId("adSet", 2), name: `${t.drink} ブースト(宮城)`, sourceKind: "boost", postRevisionId: rev(1), status: "active", createdAt: c.at(-24 * 12) },
    { id: seedId("ad", 3), adSetId: seedId("adSet", 3), name: "AOBA Serum Pro ローンチ動画 15秒", sourceKind: "creative", creativeText: `【広告】新美容液 AOBA Serum Pro ${jaDate(c, 10)}発売。うるおいを角質層まで。`, status: "draft", createdAt: c.at(-25) },
    { id: seedId("ad", 4), adSetId: seedId("adSet", 4), name: `${t.gift}早割 カルーセル`, sourceKind: "creative", creativeText: `【広告】あおば食品の${t.gift}、早割で10%オフ。だし香る炊き込みご飯の素と鍋つゆの詰め合わせを大切な方へ。`, legalReviewId: seedId("legalReview", 9), status: "in_review", createdAt: c.at(-7) },
  ];
  const spendRows: (typeof spendDaily.$inferInsert)[] = [];
  const adMetricRows: (typeof adMetricsDaily.$inferInsert)[] = [];
  for (const [adN, daily] of [[1, 16_000], [2, 9_000]] as const) {
    const rnd = prng(`ad:${adN}`);
    for (let i = 10; i >= 1; i--) {
      const day = c.day(-i);
      const spend = Math.round(daily * (0.8 + rnd() * 0.22));
      const impressions = Math.round((spend / (560 + rnd() * 160)) * 1000);
      const clicks = Math.round(impressions * (0.009 + rnd() * 0.005));
      spendRows.push({ adId: seedId("ad", adN), day, spendJpy: spend });
      adMetricRows.push({ adId: seedId("ad", adN), day, impressions, clicks, conversions: Math.round(clicks * 0.03), revenueJpy: 0 });
    }
  }

  // ----- notifications (1–2 per person)
  const note = (i: number, who: Login, kind: string, title: string, body: string, link: string | null, minutesAgo: number, read = false) =>
    ({ id: seedId("notification", i), userId: U(who), kind, title, body, link, readAt: read ? c.minutesAgo(minutesAgo - 5) : null, createdAt: c.minutesAgo(minutesAgo) }) satisfies typeof notifications.$inferInsert;
  const notificationRows = [
    note(1, "manager", "approval.final_pending", "最終承認待ちの投稿が2件あります", specs.filter((p) => p.state === "final_review").map((p) => `「${p.title}」`).join(""), "/manager", 170),
    note(2, "manager", "publication.needs_human_check", "LINEクーポン配信の結果確認が必要です", "配信結果が不明のため自動再試行を停止しました。", "/manager", 320),
    note(3, "community", "inbox.sla_breached", "SLA超過の問い合わせがあります", "担当中の問い合わせの一部が対応期限を過ぎています。", "/community", 60),
    note(4, "community", "inbox.escalation", "エスカレーション: 異物混入の申告", "法務・広報へエスカレーション済み。公式回答文案は法務確認中です。", "/community", 140, true),
    note(5, "creator", "post.changes_requested", "「バリスタ直伝 おうちカフェの淹れ方」が差し戻されました", "法務: 「日本一」は根拠資料のない最上級表現のため使用できません。", "/studio", 360),
    note(6, "creator", "asset.licence_expiring", "素材のライセンス期限が近づいています", "コラボタンブラーのイラスト使用許諾が12日後に期限切れになります。", "/studio", 900, true),
    note(7, "pr", "inbox.escalation", "異物混入の申告がエスカレーションされました", "あおば食品 Facebook のレビュー。関連メンションがXで増えています。", "/pr", 145),
    note(8, "pr", "post.review_pending", "PRレビュー待ち: 新美容液「AOBA Serum Pro」発売告知", "提出から24時間以上経過しています。", "/pr", 240),
    note(9, "legal", "legal_review.overdue", "法務レビューの期限を過ぎています", "AOBA Serum Pro 発売告知(薬機法表現)", "/legal", 180),
    note(10, "legal", "takedown.received", "削除申立てを受け付けました", "写真無断使用の申立て(森田 亮 氏)", "/legal", 1200, true),
    note(11, "analyst", "report.ready", "月次レポートの集計が完了しました", "先月分のチャネル別集計が利用できます。", "/analytics", 600),
    note(12, "adops", "campaign.budget_pending", "予算承認待ち: AOBA Beauty 新美容液ローンチ", "承認基準額を超えるため、SNS責任者の承認待ちです。", "/ads", 1500),
    note(13, "adops", "ad.legal_pending", "クリエイティブの法務確認待ち", `${t.gift}早割 カルーセル`, "/ads", 360, true),
    note(14, "admin", "idp.mapping_review", "IdPグループ対応付けの定期確認", "四半期ごとの棚卸し時期です。", "/admin", 2880),
    note(15, "multi", "inbox.assigned", "問い合わせが割り当てられました", "あおばカフェ Instagram: ナッツアレルギーについての質問", "/community", 190),
    note(16, "community2", "inbox.assigned", "2 items were assigned to you", "Instagram DMs: collab tumbler online sales, broken pump", "/community", 880),
  ];

  const crisisRows: (typeof crisisStates.$inferInsert)[] = [
    { id: seedId("crisis", 1), scope: "all", reason: "大規模地震(最大震度6弱)の発生に伴い、全チャネルの予約投稿と広告配信を一時停止", startedById: U("manager"), startedAt: c.jst(-41, "08:40"), endedById: U("manager"), endedAt: c.jst(-39, "17:10") },
  ];

  return {
    assets: assetRows,
    posts: postRows,
    revisions: revisionRows,
    targets: targetRows,
    approvals: approvalRows,
    publications: publicationRows,
    corrections: correctionRows,
    blackouts: blackoutRows,
    inbox: inboxRows,
    replies: replyRows,
    escalations: escalationRows,
    savedReplies: savedReplyRows,
    takedowns: takedownRows,
    legalReviews: legalReviewRows,
    legalHolds: legalHoldRows,
    channelMetrics: channelMetricRows,
    postMetrics: postMetricRows,
    campaigns: campaignRows,
    adSets: adSetRows,
    ads: adRows,
    spend: spendRows,
    adMetrics: adMetricRows,
    notifications: notificationRows,
    crises: crisisRows,
  };
}

function externalIdFor(ch: ChannelKey, n: number): string {
  switch (PLATFORM_OF[ch]) {
    case "x":
      return `18${(4_000_000_000_000_000 + n * 7_919).toString()}`;
    case "instagram":
      return `17${(900_000_000_000_000 + n * 104_729).toString()}`;
    case "facebook":
      return `100000000000003_${(800_000_000_000 + n * 1_301).toString()}`;
    case "line":
      return `line-bc-${(n * 9_973).toString(36)}`;
    case "tiktok":
      return `73${(10_000_000_000_000_000 + n * 6_133).toString()}`;
    case "youtube":
      return `yt${(n * 48_271).toString(36).padStart(9, "A")}`;
  }
}

function externalUrlFor(ch: ChannelKey, externalId: string): string | null {
  const handle = HANDLE_OF[ch];
  switch (PLATFORM_OF[ch]) {
    case "x":
      return `https://x.com/${handle}/status/${externalId}`;
    case "instagram":
      return `https://www.instagram.com/p/${externalId}/`;
    case "facebook":
      return `https://www.facebook.com/${externalId}`;
    case "tiktok":
      return `https://www.tiktok.com/${handle}/video/${externalId}`;
    case "youtube":
      return `https://www.youtube.com/watch?v=${externalId}`;
    case "line":
      return null;
  }
}

/**
 * Demo history for the analytics workspace (issue 6): what the brands did before the calendar
 * month. Without it every seeded post is recent, the previous period of any range is empty and
 * the overview can only say "no comparison data".
 *
 * - Published posts from HISTORY_DAYS ago up to the day before the calendar seed's first day
 *   (one or two a day across the three brands, each to one or two of the brand's channels), with
 *   a revision, the PR and final approvals bound to its hash, targets and publications. Their
 *   metrics are NOT written here: the analytics seed pulls them through the real pipeline (the
 *   sandbox model keyed by these external ids), exactly as the worker would.
 * - Closed inbox items for the same days (before the inbox seed's last three days): comments,
 *   mentions, DMs and reviews with the sentiment triage gives their text, answered within or
 *   after the SLA, spam hidden. They are where the overview's mentions and sentiment per day and
 *   the response-performance history come from. A food-safety rumour on あおば食品's X account
 *   HISTORY_RUMOUR_DAYS_AGO days ago makes one negative spike.
 *
 * Idempotent: fixed ids, skipped when its marker post exists, one transaction under the seed
 * lock. Deterministic: a seeded PRNG; dates relative to the first run's "now". Runs after the
 * calendar seed and before the sandbox network and analytics seeds.
 */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { approvals, inboxItems, postRevisions, postTargets, posts, publications } from "@/db/schema";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { addDays, dayKeyOf, zonedToUtc } from "@/lib/domain/calendar";
import { authorFor, pickLine, rng, type CorpusKind, type StreamMode } from "@/lib/domain/inbox-corpus";
import { DEFAULT_POLICY } from "@/lib/domain/inbox-policy";
import { compileRiskLexicon, type RiskTerm } from "@/lib/domain/risk";
import { slaDueAt } from "@/lib/domain/sla";
import { triage } from "@/lib/domain/triage";
import { BRAND_IDS, CHANNEL_IDS, RISK_LEXICON, demoUserId, CHANNEL_PLATFORM } from "./demo";
import { seedId } from "./workspaces";

const TZ = "Asia/Tokyo";
const MIN = 60_000;
const HOUR = 60 * MIN;
/** How far back the history goes: a 90-day range and the 90 days before it, and a little more. */
export const HISTORY_DAYS = 185;
/** The calendar seed starts 28 days ago; the history ends the day before. */
export const HISTORY_LAST_DAY_AGO = 29;
/** The inbox seed covers the last 72 hours; the inbox history runs up to them (items later are skipped). */
const INBOX_LAST_DAY_AGO = 3;
export const HISTORY_RUMOUR_DAYS_AGO = 63;
/** The workspace seed's ended crisis (all channels paused), days ago, first and last. */
const CRISIS_DAYS_AGO = [41, 39] as const;
/** Row numbers from here on belong to this seed (calendar: 1000…, workspace: small ones). */
const BASE = 5000;
export const HISTORY_SEED_MARKER = seedId("post", BASE + 1);
/** Same lock as the workspace and calendar seeds. */
const SEED_LOCK_KEY = 7_270_101;

type ChannelKey = keyof typeof CHANNEL_IDS;
type BrandKey = keyof typeof BRAND_IDS;

const PLATFORM = CHANNEL_PLATFORM;
const BRAND_OF: Record<ChannelKey, BrandKey> = {
  cafeX: "cafe",
  cafeInstagram: "cafe",
  cafeLine: "cafe",
  beautyInstagram: "beauty",
  beautyTiktok: "beauty",
  beautyYoutube: "beauty",
  foodsFacebook: "foods",
  foodsX: "foods",
};
/** Which channels a brand's post goes to. */
const TARGETS: Record<BrandKey, ChannelKey[][]> = {
  cafe: [["cafeX", "cafeInstagram"], ["cafeInstagram"], ["cafeX"], ["cafeLine"], ["cafeX", "cafeLine"]],
  beauty: [["beautyInstagram"], ["beautyInstagram", "beautyTiktok"], ["beautyTiktok"], ["beautyYoutube"]],
  foods: [["foodsFacebook", "foodsX"], ["foodsFacebook"], ["foodsX"]],
};
/** Inbound items a channel gets on an ordinary day (mean). */
const INBOUND_PER_DAY: Record<ChannelKey, number> = {
  cafeX: 3,
  cafeInstagram: 2,
  cafeLine: 1,
  beautyInstagram: 2,
  beautyTiktok: 1.5,
  beautyYoutube: 1,
  foodsFacebook: 1.5,
  foodsX: 2.5,
};

const TOPICS: Record<BrandKey, [string, string][]> = {
  cafe: [
    ["秋のブレンド 販売開始", "香ばしい深煎りの秋ブレンドが本日から。焼き芋のモンブランと一緒にどうぞ。"],
    ["モーニングセットのご案内", "平日8時〜10時は、トーストとゆで卵のモーニングセットをご用意しています。"],
    ["バリスタのひとこと", "蒸らしは30秒。粉全体がふくらんだら、細くゆっくり注ぎましょう。"],
    ["店舗スタッフ紹介", "今週は青葉通り店のバリスタ。おすすめはカフェモカです。"],
    ["夏季限定 珈琲ゼリー", "自家焙煎の珈琲で作った、ほろ苦いゼリーが今年も登場しました。"],
    ["珈琲豆の量り売り", "全店で珈琲豆を100gから量り売りしています。お好みに合わせてご提案します。"],
    ["おうちカフェのレシピ", "水出しアイスコーヒーの作り方。8時間かけてゆっくり抽出します。"],
  ],
  beauty: [
    ["今日のメイクTips", "汗に強いベースメイクは、下地を薄く2回に分けて重ねるのがコツです。"],
    ["スキンケアQ&A", "乾燥が気になる季節は、化粧水のあとすぐに乳液でふたをしましょう。"],
    ["新色アイシャドウ", "秋の新色アイシャドウ全6色をスウォッチでご紹介します。"],
    ["30秒メイクチャレンジ", "アイシャドウ1色だけで、どこまで変われるか挑戦しました。"],
    ["研究所だより", "京都の研究所で、季節ごとの肌の変化を調べています。"],
    ["UVケアの基本", "日焼け止めは2〜3時間おきの塗り直しがおすすめです。"],
  ],
  foods: [
    ["今夜のレシピ", "あおば食品のだしパックで作る、具だくさんの豚汁です。"],
    ["工場見学のお知らせ", "あおば食品 仙台工場のオンライン見学ツアー、参加者を募集しています。"],
    ["お弁当のアレンジ", "あおば食品の炊き込みご飯の素で作る、秋のきのこおにぎり。"],
    ["食品ロス削減の取り組み", "あおば食品は、規格外の野菜を使った商品づくりに取り組んでいます。"],
    ["夏のそうめんつゆ", "あおば食品のつゆで、冷やしすだちそうめん。"],
  ],
};
const SLOT_TIMES = ["08:00", "12:00", "12:30", "18:00", "19:00", "20:30", "21:00"];

/** The network's id of a history publication: Graph-shaped for the Meta channels, sandbox ids otherwise. */
export function historyExternalId(ch: ChannelKey, n: number, j: number): string {
  if (ch === "foodsFacebook") return `100000000000003_${(900_000_000_000 + n * 10 + j).toString()}`;
  if (ch === "cafeInstagram" || ch === "beautyInstagram") return `17${(950_000_000_000_000 + n * 10 + j).toString()}`;
  return `sbx-hist-${n}-${j}`;
}

type Rows = {
  posts: (typeof posts.$inferInsert)[];
  revisions: (typeof postRevisions.$inferInsert)[];
  targets: (typeof postTargets.$inferInsert)[];
  approvals: (typeof approvals.$inferInsert)[];
  publications: (typeof publications.$inferInsert)[];
  inbox: (typeof inboxItems.$inferInsert)[];
};

/** Every row of the history seed for a given now (pure). */
export function buildHistoryRows(now: Date): Rows {
  const out: Rows = { posts: [], revisions: [], targets: [], approvals: [], publications: [], inbox: [] };
  const today = dayKeyOf(now, TZ);
  const r = rng(20_250_601);
  const brands: BrandKey[] = ["cafe", "beauty", "foods"];
  const U = demoUserId;
  let n = BASE;
  for (let d = -HISTORY_DAYS; d <= -HISTORY_LAST_DAY_AGO; d++) {
    const day = addDays(today, d);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    // Nothing went out while the demo's earthquake crisis (41–39 days ago) paused publishing.
    const paused = d >= -CRISIS_DAYS_AGO[0] && d <= -CRISIS_DAYS_AGO[1];
    const count = paused ? 0 : (dow === 0 || dow === 6 ? 1 : 2) + (r() < 0.25 ? 1 : 0);
    for (let i = 0; i < count; i++) {
      n++;
      const brand = brands[Math.floor(r() * brands.length)]!;
      const slot = zonedToUtc(day, SLOT_TIMES[Math.floor(r() * SLOT_TIMES.length)]!, TZ);
      const channels = TARGETS[brand][Math.floor(r() * TARGETS[brand].length)]!;
      const [title, text] = TOPICS[brand][Math.floor(r() * TOPICS[brand].length)]!;
      const author = r() < 0.7 ? "creator" : "multi";
      const postId = seedId("post", n);
      const revId = seedId("revision", n * 10);
      const content = { isCommercial: false, variants: channels.map((ch) => ({ channelId: CHANNEL_IDS[ch], platform: PLATFORM[ch], text, mediaAssetIds: [] as string[] })) };
      const hash = createHash("sha256").update(canonicalJson(content)).digest("hex");
      const createdAt = new Date(slot.getTime() - (48 + Math.floor(r() * 96)) * HOUR);
      const revAt = new Date(createdAt.getTime() + HOUR);
      out.posts.push({
        id: postId,
        brandId: BRAND_IDS[brand],
        kind: "post",
        title,
        state: "published",
        authorId: U(author),
        currentRevisionId: revId,
        isCommercial: false,
        requiresLegal: false,
        riskScore: Math.floor(r() * 12),
        scheduledAt: slot,
        createdAt,
        updatedAt: slot,
      });
      out.revisions.push({ id: revId, postId, number: 1, contentHash: hash, content, createdById: U(author), createdAt: revAt });
      (["pr", "final"] as const).forEach((stage, k) =>
        out.approvals.push({
          id: seedId("approval", n * 10 + k + 1),
          postId,
          revisionId: revId,
          revisionHash: hash,
          stage,
          reviewerId: U(stage === "pr" ? "pr" : "manager"),
          decision: "approved",
          reason: null,
          createdAt: new Date(revAt.getTime() + (k + 1) * 3 * HOUR),
        }),
      );
      channels.forEach((ch, j) => {
        const targetId = seedId("target", n * 10 + j);
        const lagMs = 500 + Math.floor(r() * 3000);
        out.targets.push({
          id: targetId,
          postId,
          channelId: CHANNEL_IDS[ch],
          scheduledAt: slot,
          state: "published",
          idempotencyKey: `${postId}:${CHANNEL_IDS[ch]}`,
          stateChangedAt: slot,
          createdAt: revAt,
        });
        out.publications.push({
          id: seedId("publication", n * 10 + j),
          targetId,
          externalId: historyExternalId(ch, n, j),
          state: "published",
          attempts: 1,
          publishedAt: new Date(slot.getTime() + lagMs),
          lagMs,
          createdAt: new Date(slot.getTime() - MIN),
        });
      });
    }
  }
  out.inbox = buildInboxHistory(now, today);
  return out;
}

function buildInboxHistory(now: Date, today: string): Rows["inbox"] {
  const lexicon = compileRiskLexicon(RISK_LEXICON as RiskTerm[]);
  const r = rng(20_250_602);
  // The corpus is small: triage each line once (it is the slow part of building the rows).
  const triaged = new Map<string, ReturnType<typeof triage>>();
  const triageOf = (text: string, kind: CorpusKind) => {
    const key = `${kind}\u0000${text}`;
    let t = triaged.get(key);
    if (!t) triaged.set(key, (t = triage({ text, kind }, lexicon)));
    return t;
  };
  const agents = [demoUserId("community"), demoUserId("community2"), demoUserId("multi")];
  const out: Rows["inbox"] = [];
  let n = 0;
  for (let d = -HISTORY_DAYS; d <= -INBOX_LAST_DAY_AGO; d++) {
    const day = addDays(today, d);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    // Slow growth over the half year: the accounts get more attention.
    const trend = 0.75 + 0.35 * ((d + HISTORY_DAYS) / HISTORY_DAYS);
    for (const ch of Object.keys(CHANNEL_IDS) as ChannelKey[]) {
      const rumour = ch === "foodsX" && (d === -HISTORY_RUMOUR_DAYS_AGO || d === -HISTORY_RUMOUR_DAYS_AGO + 1);
      const mean = INBOUND_PER_DAY[ch] * trend * (weekend ? 1.2 : 1) * (rumour ? (d === -HISTORY_RUMOUR_DAYS_AGO ? 10 : 4) : 1);
      const count = Math.max(0, Math.round(mean * (0.6 + r() * 0.8)));
      const mode: StreamMode = rumour ? "burst" : r() < 0.3 ? "slow" : "normal";
      for (let i = 0; i < count; i++) {
        n++;
        const at = zonedToUtc(day, `${String(7 + Math.floor(r() * 16)).padStart(2, "0")}:${String(Math.floor(r() * 60)).padStart(2, "0")}`, TZ);
        if (at.getTime() > now.getTime() - 3 * 24 * HOUR) continue;
        const line = pickLine(r, mode, PLATFORM[ch] === "line" ? ["dm"] : undefined);
        const t = triageOf(line.text, line.kind);
        const author = authorFor(r, line.text);
        const platform = PLATFORM[ch];
        const post = `${platform}-post-${Math.floor(at.getTime() / (6 * HOUR))}`;
        const due = slaDueAt(at, DEFAULT_POLICY.sla[t.priority], DEFAULT_POLICY.businessHours);
        const row: typeof inboxItems.$inferInsert = {
          id: `00000000-0000-4000-83a0-${n.toString(16).padStart(12, "0")}`,
          channelId: CHANNEL_IDS[ch],
          brandId: BRAND_IDS[BRAND_OF[ch]],
          platform,
          externalId: `seed-history-${n}`,
          kind: line.kind,
          threadKey: line.kind === "dm" ? `${platform}:dm:${author.id}` : line.kind === "review" ? `${platform}:review:hist-${n}` : `${platform}:${post}`,
          parentExternalId: line.kind === "comment" || line.kind === "mention" ? post : null,
          authorExternalId: author.id,
          authorHandle: author.handle,
          authorName: author.name,
          text: line.text,
          language: t.language,
          sentiment: t.sentiment,
          riskScore: t.riskScore,
          riskReasons: t.riskReasons,
          priority: t.priority,
          status: "closed",
          slaDueAt: due,
          receivedAt: at,
          raw: { sandbox: true, seed: true, history: true },
          createdAt: at,
          updatedAt: at,
        };
        if (t.spam) {
          Object.assign(row, { status: "hidden", hiddenAt: new Date(at.getTime() + 2_000), hiddenReason: "spam", hiddenById: null, closedAt: null });
        } else {
          // Answered: mostly within the target (faster over the months), some late.
          const slaMs = due.getTime() - at.getTime();
          const improving = 1 - 0.3 * ((d + HISTORY_DAYS) / HISTORY_DAYS);
          const answeredAfter = Math.max(4 * MIN, slaMs * (r() < 0.86 ? (0.15 + r() * 0.7) * improving : 1.05 + r() * 0.9));
          const first = new Date(at.getTime() + answeredAfter);
          Object.assign(row, {
            assigneeId: agents[n % agents.length]!,
            firstResponseAt: first,
            closedAt: new Date(first.getTime() + 10 * MIN),
            slaWarnedAt: first > due ? due : null,
            slaBreachedAt: first > due ? due : null,
            updatedAt: new Date(first.getTime() + 10 * MIN),
          });
        }
        out.push(row);
      }
    }
  }
  return out;
}

/** Seeds the history once (see the file comment). */
export async function seedAnalyticsHistory(db: Db, options: { now?: Date } = {}): Promise<{ seeded: boolean; posts: number; inbox: number }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const existing = await tx.select({ id: posts.id }).from(posts).where(eq(posts.id, HISTORY_SEED_MARKER)).limit(1);
    if (existing.length > 0) return { seeded: false, posts: 0, inbox: 0 };
    const rows = buildHistoryRows(now);
    const insert = async <T>(rowsOf: T[], write: (part: T[]) => Promise<unknown>) => {
      for (let i = 0; i < rowsOf.length; i += 500) await write(rowsOf.slice(i, i + 500));
    };
    await insert(rows.posts, (p) => tx.insert(posts).values(p).onConflictDoNothing());
    await insert(rows.revisions, (p) => tx.insert(postRevisions).values(p).onConflictDoNothing());
    await insert(rows.targets, (p) => tx.insert(postTargets).values(p).onConflictDoNothing());
    await insert(rows.approvals, (p) => tx.insert(approvals).values(p).onConflictDoNothing());
    await insert(rows.publications, (p) => tx.insert(publications).values(p).onConflictDoNothing());
    await insert(rows.inbox, (p) => tx.insert(inboxItems).values(p).onConflictDoNothing());
    return { seeded: true, posts: rows.posts.length, inbox: rows.inbox.length };
  });
}

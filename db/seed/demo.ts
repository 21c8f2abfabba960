/**
 * The demo company: 株式会社あおば with three brands, their six channels, the SNS team
 * (one person per role, linked to the dev IdP), the group→role mappings, the risk lexicon
 * and brand rules. Idempotent: fixed ids and ON CONFLICT DO NOTHING.
 * Workspace content (posts, inbox, reviews, metrics, campaigns) is added by seedWorkspaces.
 */
import type { Db } from "@/db";
import { brandRules, channels, idpGroupMappings, riskLexicon } from "@/db/schema";
import { and, eq, isNull, sql } from "drizzle-orm";
import { DEMO_GROUP_MAPPINGS, DEMO_PEOPLE } from "./people";
import { createBrand, createChannel, createUser } from "./factories";
import type { Role } from "@/lib/auth/permissions";

export const BRAND_IDS = {
  cafe: "00000000-0000-4000-8000-00000000b001",
  beauty: "00000000-0000-4000-8000-00000000b002",
  foods: "00000000-0000-4000-8000-00000000b003",
} as const;

export const CHANNEL_IDS = {
  cafeX: "00000000-0000-4000-8000-00000000c001",
  cafeInstagram: "00000000-0000-4000-8000-00000000c002",
  cafeLine: "00000000-0000-4000-8000-00000000c003",
  beautyInstagram: "00000000-0000-4000-8000-00000000c004",
  beautyTiktok: "00000000-0000-4000-8000-00000000c005",
  beautyYoutube: "00000000-0000-4000-8000-00000000c006",
  foodsFacebook: "00000000-0000-4000-8000-00000000c007",
  foodsX: "00000000-0000-4000-8000-00000000c008",
} as const;

/** Each demo channel's platform (what seedDemo creates below; the workspace seeds read it). */
export const CHANNEL_PLATFORM = {
  cafeX: "x",
  cafeInstagram: "instagram",
  cafeLine: "line",
  beautyInstagram: "instagram",
  beautyTiktok: "tiktok",
  beautyYoutube: "youtube",
  foodsFacebook: "facebook",
  foodsX: "x",
} as const satisfies Record<keyof typeof CHANNEL_IDS, string>;

/**
 * The demo's Meta ad accounts (act_<digits>), one per brand as a company would bill them; the
 * local Graph stand-in accepts any act_ id, so ads on the demo's Meta channels launch through the
 * Meta ads connector like the sandbox ones do.
 */
export const DEMO_AD_ACCOUNTS = { cafe: "120000000000101", beauty: "120000000000102", foods: "120000000000103" } as const;

/** Demo users' portal ids, by login id. */
export const demoUserId = (loginId: string) => `usr_${loginId}`;

const mappingRole = new Map<string, Role>(DEMO_GROUP_MAPPINGS.map((m) => [m.group, m.role]));

export async function seedOrganisation(db: Db): Promise<void> {
  await createBrand(db, { id: BRAND_IDS.cafe, slug: "aoba-cafe", name: "あおばカフェ", nameEn: "Aoba Café", color: "#0f766e" });
  await createBrand(db, { id: BRAND_IDS.beauty, slug: "aoba-beauty", name: "AOBA Beauty", nameEn: "AOBA Beauty", color: "#be185d" });
  await createBrand(db, { id: BRAND_IDS.foods, slug: "aoba-foods", name: "あおば食品", nameEn: "Aoba Foods", color: "#b45309" });

  const ch = CHANNEL_IDS;
  await createChannel(db, { id: ch.cafeX, brandId: BRAND_IDS.cafe, platform: "x", handle: "@aoba_cafe", displayName: "あおばカフェ公式" });
  await createChannel(db, { id: ch.cafeInstagram, brandId: BRAND_IDS.cafe, platform: "instagram", handle: "aoba.cafe", displayName: "あおばカフェ", connector: "meta", externalAccountId: "17841400000000001", adAccountId: DEMO_AD_ACCOUNTS.cafe });
  await createChannel(db, { id: ch.cafeLine, brandId: BRAND_IDS.cafe, platform: "line", handle: "@aobacafe", displayName: "あおばカフェ LINE公式" });
  await createChannel(db, { id: ch.beautyInstagram, brandId: BRAND_IDS.beauty, platform: "instagram", handle: "aoba.beauty", displayName: "AOBA Beauty", connector: "meta", externalAccountId: "17841400000000002", adAccountId: DEMO_AD_ACCOUNTS.beauty });
  await createChannel(db, { id: ch.beautyTiktok, brandId: BRAND_IDS.beauty, platform: "tiktok", handle: "@aoba_beauty", displayName: "AOBA Beauty" });
  await createChannel(db, { id: ch.beautyYoutube, brandId: BRAND_IDS.beauty, platform: "youtube", handle: "@AOBABeautyChannel", displayName: "AOBA Beauty Channel" });
  await createChannel(db, { id: ch.foodsFacebook, brandId: BRAND_IDS.foods, platform: "facebook", handle: "aobafoods", displayName: "あおば食品", connector: "meta", externalAccountId: "100000000000003", adAccountId: DEMO_AD_ACCOUNTS.foods });
  await createChannel(db, { id: ch.foodsX, brandId: BRAND_IDS.foods, platform: "x", handle: "@aoba_foods", displayName: "あおば食品【公式】" });
  // A demo database seeded before channels had ad accounts gets them too (never overwriting one set since).
  for (const [id, act] of [[ch.cafeInstagram, DEMO_AD_ACCOUNTS.cafe], [ch.beautyInstagram, DEMO_AD_ACCOUNTS.beauty], [ch.foodsFacebook, DEMO_AD_ACCOUNTS.foods]] as const)
    await db.update(channels).set({ adAccountId: act }).where(and(eq(channels.id, id), isNull(channels.adAccountId)));

  await db
    .insert(idpGroupMappings)
    .values(DEMO_GROUP_MAPPINGS.map((m) => ({ id: `map_${m.group}`, groupName: m.group, role: m.role })))
    .onConflictDoNothing();

  // Everyone but the newcomer already worked here; the newcomer is created at first sign-in (JIT).
  for (const p of DEMO_PEOPLE) {
    if (p.loginId === "newcomer") continue;
    const roles = p.groups.map((g) => mappingRole.get(g)).filter((r): r is Role => !!r);
    await createUser(db, { id: demoUserId(p.loginId), name: p.name, email: p.email, subject: p.subject, roles, locale: p.locale });
  }

  const [{ n: lexiconCount } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from risk_lexicon`);
  if (lexiconCount === 0) await db.insert(riskLexicon).values(RISK_LEXICON);
  const [{ n: ruleCount } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from brand_rules`);
  if (ruleCount === 0) await db.insert(brandRules).values(BRAND_RULES);
}

/** A starting lexicon of backlash-risk terms (admins edit it). Weights 1–10. */
export const RISK_LEXICON: (typeof riskLexicon.$inferInsert)[] = [
  ...[
    ["異物混入", "food_safety", 10],
    ["食中毒", "food_safety", 10],
    ["賞味期限切れ", "food_safety", 8],
    ["アレルギー", "food_safety", 6],
    ["リコール", "food_safety", 8],
    ["地震", "disaster", 7],
    ["津波", "disaster", 8],
    ["台風", "disaster", 5],
    ["豪雨", "disaster", 5],
    ["被災", "disaster", 7],
    ["事故", "accident", 6],
    ["死亡", "accident", 9],
    ["差別", "discrimination", 9],
    ["ハラスメント", "discrimination", 8],
    ["炎上", "backlash", 7],
    ["不買", "boycott", 9],
    ["不買運動", "boycott", 10],
    ["謝罪しろ", "backlash", 8],
    ["詐欺", "legal", 8],
    ["訴訟", "legal", 8],
    ["個人情報", "privacy", 7],
    ["情報漏洩", "privacy", 9],
    ["返金", "complaint", 4],
    ["最悪", "complaint", 4],
    ["二度と買わない", "complaint", 6],
  ].map(([term, category, weight]) => ({ term: term as string, lang: "ja" as const, category: category as string, weight: weight as number })),
  ...[
    ["food poisoning", "food_safety", 10],
    ["contamination", "food_safety", 9],
    ["recall", "food_safety", 8],
    ["earthquake", "disaster", 7],
    ["tsunami", "disaster", 8],
    ["racist", "discrimination", 9],
    ["sexist", "discrimination", 8],
    ["boycott", "boycott", 9],
    ["lawsuit", "legal", 8],
    ["scam", "legal", 8],
    ["data breach", "privacy", 9],
    ["refund", "complaint", 4],
    ["worst", "complaint", 4],
  ].map(([term, category, weight]) => ({ term: term as string, lang: "en" as const, category: category as string, weight: weight as number })),
];

export const BRAND_RULES: (typeof brandRules.$inferInsert)[] = [
  { brandId: null, kind: "banned_term", term: "絶対に治る", note: "薬機法: 効能の断定は不可" },
  { brandId: null, kind: "banned_term", term: "日本一", note: "景品表示法: 根拠資料なしの最上級表現は不可" },
  { brandId: null, kind: "banned_term", term: "最安", note: "景品表示法: 根拠資料なしの最上級表現は不可" },
  { brandId: BRAND_IDS.beauty, kind: "banned_term", term: "シミが消える", note: "薬機法: 化粧品の効能範囲外" },
  { brandId: BRAND_IDS.cafe, kind: "preferred_term", term: "コーヒー豆", replacement: "珈琲豆", note: "ブランド表記" },
  { brandId: BRAND_IDS.foods, kind: "required_term", term: "あおば食品", note: "企業名を明記" },
];

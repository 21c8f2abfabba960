import { describe, expect, it } from "vitest";
import { RISK_LEXICON } from "@/db/seed/demo";
import {
  RISK_LEVEL_THRESHOLDS,
  combineWeights,
  compileRiskLexicon,
  riskAtLeast,
  riskLevel,
  scoreRisk,
  type RiskResult,
  type RiskTerm,
} from "@/lib/domain/risk";

/** The seeded lexicon, as the DAL will hand it over. */
const LEXICON: RiskTerm[] = RISK_LEXICON.map((r) => ({ term: r.term, lang: r.lang, category: r.category, weight: r.weight }));

const score = (text: string) => scoreRisk(text, LEXICON);
const terms = (r: RiskResult) => r.matches.map((m) => m.term);

/** Every highlight points at the text as written. */
function expectSpansConsistent(text: string, r: RiskResult) {
  for (const h of r.highlights) expect(text.slice(h.start, h.end)).toBe(h.text);
  for (const m of r.matches) for (const s of m.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  const starts = r.highlights.map((h) => h.start);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
}

describe("risk: realistic Japanese posts and comments", () => {
  it("異物混入 in an apology draft is high risk, highlighted where it is", () => {
    const text = "【お詫び】一部の「あおばサンド」に異物混入の可能性があることが判明しました。";
    const r = score(text);
    expect(r).toMatchObject({ score: 83, level: "high" });
    expect(r.matches).toEqual([
      {
        term: "異物混入",
        lang: "ja",
        category: "food_safety",
        weight: 10,
        count: 1,
        spans: [{ start: 17, end: 21, text: "異物混入" }],
        why: 'food_safety term "異物混入" (weight 10)',
      },
    ]);
    expectSpansConsistent(text, r);
  });

  it("a customer comment with 食中毒 + 最悪 + 二度と買わない combines to 94", () => {
    const text = "昨日ここのサンドイッチ食べたら食中毒になった。最悪。二度と買わない";
    const r = score(text);
    expect(terms(r)).toEqual(["食中毒", "二度と買わない", "最悪"]); // heaviest first
    // 100 × (1 − (1 − 10/12)(1 − 6/12)(1 − 4/12)) = 94.4
    expect(r).toMatchObject({ score: 94, level: "high" });
    expectSpansConsistent(text, r);
  });

  it("地震 in a store-closure notice is medium: a risk flag for Legal, not a blocker", () => {
    const r = score("地震の影響により、仙台駅前店は本日臨時休業いたします。");
    expect(r).toMatchObject({ score: 58, level: "medium" });
    expect(r.matches[0]).toMatchObject({ term: "地震", category: "disaster" });
  });

  it("地震 + 被災 together are high", () => {
    expect(score("地震で被災された皆さまに心よりお見舞い申し上げます").score).toBe(83);
  });

  it("不買運動 wins over 不買 where they overlap; a separate 不買 still counts", () => {
    const one = score("SNSで不買運動が広がっている");
    expect(terms(one)).toEqual(["不買運動"]);
    expect(one.highlights).toHaveLength(1);
    expect(one.score).toBe(83);

    const both = score("不買運動とか言ってる人がいるけど、私は不買はしない");
    expect(terms(both)).toEqual(["不買運動", "不買"]);
    // 100 × (1 − (2/12)(3/12)) = 95.8
    expect(both.score).toBe(96);
    expectSpansConsistent("不買運動とか言ってる人がいるけど、私は不買はしない", both);
  });

  it("an everyday post scores 0", () => {
    expect(score("春の新作「さくらラテ」が登場しました☕ 全国の店舗でお待ちしています")).toEqual({ score: 0, level: "none", matches: [], highlights: [] });
  });

  it("a complaint word alone is low", () => {
    expect(score("レジの待ち時間が最悪だった")).toMatchObject({ score: 33, level: "low" });
  });
});

describe("risk: normalisation for Japanese", () => {
  it("half-width katakana matches full-width terms (ﾘｺｰﾙ = リコール)", () => {
    const text = "これってﾘｺｰﾙ対象じゃないの？";
    const r = score(text);
    expect(terms(r)).toEqual(["リコール"]);
    expect(r.highlights[0]).toMatchObject({ text: "ﾘｺｰﾙ", start: 4, end: 8 });
  });

  it("hiragana and katakana fold together (りこーる, ハラスメント/はらすめんと)", () => {
    expect(terms(score("りこーるされるらしい"))).toEqual(["リコール"]);
    expect(terms(score("それ、はらすめんとですよ"))).toEqual(["ハラスメント"]);
  });

  it("a zero-width space does not hide a term; the highlight covers it", () => {
    const text = "食\u200B中毒の件、説明して";
    const r = score(text);
    expect(terms(r)).toEqual(["食中毒"]);
    expect(r.highlights[0]).toMatchObject({ start: 0, end: 4 });
  });

  it("positions are UTF-16 indices of the original text, after emoji too", () => {
    const text = "👨‍👩‍👧家族で食べて食中毒";
    const r = score(text);
    expect(r.highlights[0]).toMatchObject({ start: 8 + 6, end: 8 + 9, text: "食中毒" });
  });

  it("an English term right next to Japanese still matches (no space in Japanese)", () => {
    expect(terms(score("これ絶対SCAMだろ"))).toEqual(["scam"]);
  });
});

describe("risk: English", () => {
  it("food poisoning, case-insensitive and across whitespace", () => {
    const r = score("Got FOOD\nPoisoning after your chicken wrap. Never again.");
    expect(terms(r)).toEqual(["food poisoning"]);
    expect(r.level).toBe("high");
  });

  it('"SCAM!!" matches scam; "scampi" does not', () => {
    expect(score("SCAM!!")).toMatchObject({ score: 67, level: "medium" });
    expect(terms(score("SCAM!!"))).toEqual(["scam"]);
    expect(score("Loved the garlic scampi")).toMatchObject({ score: 0, level: "none" });
    expect(terms(score("Ｓｃａｍ."))).toEqual(["scam"]); // full-width Latin
  });

  it("inflections count: recalled, scammed, boycotting, lawsuits", () => {
    expect(terms(score("Your product was recalled in 2024"))).toEqual(["recall"]);
    expect(terms(score("I got scammed"))).toEqual(["scam"]);
    expect(terms(score("We are boycotting this brand"))).toEqual(["boycott"]);
    expect(terms(score("Two lawsuits pending"))).toEqual(["lawsuit"]);
  });

  it("but not words that merely start the same", () => {
    expect(score("recallable memories, scampering dogs, racists? no: racistic is not a word").matches.map((m) => m.term)).toEqual(["racist"]);
  });

  it("a repeated term counts once; a different term raises the score", () => {
    const once = score("worst service");
    const thrice = score("worst. worst. WORST service");
    expect(thrice.score).toBe(once.score);
    expect(thrice.matches[0]).toMatchObject({ count: 3, why: 'complaint term "worst" (weight 4), 3×' });
    expect(thrice.highlights).toHaveLength(3);
    expect(score("worst service, I want a refund").score).toBeGreaterThan(once.score);
  });
});

describe("risk: scoring rules", () => {
  it("combineWeights is 100 × (1 − Π(1 − w/12)), clamped to 0…10 per weight", () => {
    expect(combineWeights([])).toBe(0);
    expect(combineWeights([10])).toBe(83);
    expect(combineWeights([4])).toBe(33);
    expect(combineWeights([7, 7])).toBe(83);
    expect(combineWeights([12])).toBe(83);
    expect(combineWeights([-3])).toBe(0);
    expect(combineWeights([Number.NaN])).toBe(0);
    expect(combineWeights([10, 10, 10, 10, 10])).toBe(100);
  });

  it("levels: 0 none, 1–39 low, 40–69 medium, ≥70 high", () => {
    expect(RISK_LEVEL_THRESHOLDS).toEqual({ low: 1, medium: 40, high: 70 });
    expect([0, 1, 39, 40, 69, 70, 100].map(riskLevel)).toEqual(["none", "low", "low", "medium", "medium", "high", "high"]);
    expect(riskAtLeast("medium", "medium")).toBe(true);
    expect(riskAtLeast("low", "medium")).toBe(false);
    expect(riskAtLeast("high", "medium")).toBe(true);
  });

  it("each single seeded term alone lands on the level its weight implies", () => {
    for (const t of LEXICON) {
      const r = score(`テスト ${t.term} です`);
      expect(r.score, t.term).toBe(combineWeights([t.weight]));
      expect(r.matches.map((m) => m.term), t.term).toContain(t.term);
    }
  });

  it("is deterministic: lexicon order and compilation do not change the result", () => {
    const text = "不買運動と食中毒とSCAMとrecall、地震、最悪";
    const reversed = [...LEXICON].reverse();
    const a = scoreRisk(text, LEXICON);
    expect(scoreRisk(text, reversed)).toEqual(a);
    expect(scoreRisk(text, compileRiskLexicon(LEXICON))).toEqual(a);
    expect(scoreRisk(text, LEXICON)).toEqual(a);
  });

  it("duplicate rows (width variants) collapse to the heavier one; empty terms and zero weights are ignored", () => {
    const lexicon: RiskTerm[] = [
      { term: "リコール", lang: "ja", category: "food_safety", weight: 5 },
      { term: "ﾘｺｰﾙ", lang: "ja", category: "food_safety", weight: 8 },
      { term: "  ", lang: "ja", category: "x", weight: 9 },
      { term: "炎上", lang: "ja", category: "backlash", weight: 0 },
    ];
    expect(compileRiskLexicon(lexicon).entries).toHaveLength(1);
    const r = scoreRisk("リコールで炎上", lexicon);
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({ weight: 8 });
  });

  it("at equal length the heavier term wins an overlap", () => {
    const lexicon: RiskTerm[] = [
      { term: "あいう", lang: "ja", category: "light", weight: 2 },
      { term: "いうえ", lang: "ja", category: "heavy", weight: 9 },
    ];
    expect(scoreRisk("かあいうえか", lexicon).matches.map((m) => m.category)).toEqual(["heavy"]);
  });
});

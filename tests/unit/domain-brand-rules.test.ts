import { describe, expect, it } from "vitest";
import { BRAND_IDS, BRAND_RULES } from "@/db/seed/demo";
import { applyBrandRules, rulesForBrand, type BrandFinding, type BrandRule } from "@/lib/domain/brand-rules";

/** The seeded rules, as the DAL will hand them over (nullable columns as null). */
const RULES: BrandRule[] = BRAND_RULES.map((r) => ({
  kind: r.kind,
  term: r.term,
  replacement: r.replacement ?? null,
  note: r.note ?? null,
  brandId: r.brandId ?? null,
}));

const kinds = (findings: BrandFinding[]) => findings.map((f) => `${f.kind}:${f.term}`);

describe("brand rules: which rules apply", () => {
  it("global rules apply to every brand; a brand's own rules only to it", () => {
    const cafe = rulesForBrand(RULES, BRAND_IDS.cafe).map((r) => r.term);
    expect(cafe).toEqual(["絶対に治る", "日本一", "最安", "コーヒー豆"]);
    const beauty = rulesForBrand(RULES, BRAND_IDS.beauty).map((r) => r.term);
    expect(beauty).toEqual(["絶対に治る", "日本一", "最安", "シミが消える"]);
    expect(rulesForBrand(RULES, null).map((r) => r.term)).toEqual(["絶対に治る", "日本一", "最安"]);
  });

  it("a brand's rule replaces a global one for the same kind and (normalised) term", () => {
    const rules: BrandRule[] = [
      { kind: "banned_term", term: "日本一", note: "全社", brandId: null },
      { kind: "banned_term", term: "日本一", note: "カフェ独自の注記", brandId: BRAND_IDS.cafe },
    ];
    const r = applyBrandRules("日本一おいしい", rules, BRAND_IDS.cafe);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ kind: "banned_term", note: "カフェ独自の注記" });
    expect(applyBrandRules("日本一おいしい", rules, BRAND_IDS.foods).findings[0]).toMatchObject({ note: "全社" });
  });

  it("empty terms are ignored", () => {
    expect(rulesForBrand([{ kind: "banned_term", term: "  ", brandId: null }], null)).toEqual([]);
  });
});

describe("brand rules: banned terms (blocking)", () => {
  it("finds a banned superlative with its position and note", () => {
    const text = "あおばの生食パンは日本一の口どけ！";
    const r = applyBrandRules(text, RULES, BRAND_IDS.cafe);
    expect(r.blocking).toBe(true);
    expect(r.findings).toEqual([
      {
        kind: "banned_term",
        severity: "blocking",
        ruleId: null,
        term: "日本一",
        note: "景品表示法: 根拠資料なしの最上級表現は不可",
        occurrences: [{ start: 9, end: 12, text: "日本一" }],
      },
    ]);
  });

  it("matches inside longer words (Japanese has no spaces): 最安値 contains 最安", () => {
    expect(kinds(applyBrandRules("業界最安値に挑戦", RULES, BRAND_IDS.cafe).findings)).toEqual(["banned_term:最安"]);
  });

  it("NFKC and kana folding catch variant spellings: ｼﾐが消える, しみが消える", () => {
    for (const text of ["ｼﾐが消える美容液", "しみが消える美容液", "シミが消える美容液"]) {
      const r = applyBrandRules(text, RULES, BRAND_IDS.beauty);
      expect(kinds(r.findings), text).toEqual(["banned_term:シミが消える"]);
      const f = r.findings[0];
      if (f?.kind === "banned_term") expect(f.occurrences[0]?.text).toBe(text.slice(0, text.indexOf("美")));
    }
  });

  it("the beauty brand's banned claim does not apply to the cafe", () => {
    expect(applyBrandRules("シミが消える魔法のラテ", RULES, BRAND_IDS.cafe).findings).toEqual([]);
  });

  it("English banned terms are case-insensitive, on word boundaries", () => {
    const rules: BrandRule[] = [{ kind: "banned_term", term: "Best", brandId: null, id: "rule-1" }];
    expect(applyBrandRules("The BEST latte!", rules, null).findings).toMatchObject([{ ruleId: "rule-1", occurrences: [{ text: "BEST" }] }]);
    expect(applyBrandRules("Bestow a gift, bestseller", rules, null).findings).toEqual([]);
    expect(applyBrandRules("ＢＥＳＴな一杯", rules, null).findings).toHaveLength(1);
  });

  it("every occurrence is listed", () => {
    const r = applyBrandRules("日本一、また日本一。", RULES, null);
    const f = r.findings[0];
    expect(f?.kind === "banned_term" && f.occurrences.map((o) => o.start)).toEqual([0, 6]);
  });
});

describe("brand rules: required terms (blocking when missing)", () => {
  it("the foods brand must name the company", () => {
    expect(applyBrandRules("春のお弁当フェア開催中", RULES, BRAND_IDS.foods)).toMatchObject({
      blocking: true,
      findings: [{ kind: "required_term_missing", severity: "blocking", term: "あおば食品", note: "企業名を明記" }],
    });
    expect(applyBrandRules("あおば食品の春のお弁当フェア開催中", RULES, BRAND_IDS.foods)).toMatchObject({ blocking: false, findings: [] });
  });

  it("the wording must be the name as written: a katakana spelling does not satisfy it", () => {
    expect(applyBrandRules("アオバ食品の春フェア", RULES, BRAND_IDS.foods).blocking).toBe(true);
  });

  it("width variants do satisfy it (NFKC), case does not", () => {
    const rules: BrandRule[] = [{ kind: "required_term", term: "AOBA Cafe", brandId: null }];
    expect(applyBrandRules("ＡＯＢＡ Ｃａｆｅ 新作", rules, null).blocking).toBe(false);
    expect(applyBrandRules("Aoba cafe 新作", rules, null).blocking).toBe(true);
  });
});

describe("brand rules: preferred terms (suggestions)", () => {
  it("suggests the replacement, without blocking", () => {
    const text = "厳選したコーヒー豆を使用";
    const r = applyBrandRules(text, RULES, BRAND_IDS.cafe);
    expect(r.blocking).toBe(false);
    expect(r.findings).toEqual([
      {
        kind: "preferred_term",
        severity: "suggestion",
        ruleId: null,
        term: "コーヒー豆",
        replacement: "珈琲豆",
        note: "ブランド表記",
        occurrences: [{ start: 4, end: 9, text: "コーヒー豆" }],
      },
    ]);
  });

  it("catches the half-width spelling too", () => {
    expect(kinds(applyBrandRules("ｺｰﾋｰ豆にこだわり", RULES, BRAND_IDS.cafe).findings)).toEqual(["preferred_term:コーヒー豆"]);
  });

  it("a term inside its own replacement is already right", () => {
    const rules: BrandRule[] = [{ kind: "preferred_term", term: "珈琲", replacement: "珈琲豆", brandId: null }];
    expect(applyBrandRules("珈琲豆を挽く", rules, null).findings).toEqual([]);
    expect(applyBrandRules("珈琲を淹れる", rules, null).findings).toHaveLength(1);
  });

  it("orders findings: banned, then missing, then suggestions", () => {
    const rules: BrandRule[] = [
      { kind: "preferred_term", term: "コーヒー豆", replacement: "珈琲豆", brandId: null },
      { kind: "required_term", term: "あおば", brandId: null },
      { kind: "banned_term", term: "最安", brandId: null },
    ];
    expect(kinds(applyBrandRules("最安のコーヒー豆", rules, null).findings)).toEqual([
      "banned_term:最安",
      "required_term_missing:あおば",
      "preferred_term:コーヒー豆",
    ]);
  });
});

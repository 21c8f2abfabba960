import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BRAND_IDS, BRAND_RULES, RISK_LEXICON } from "@/db/seed/demo";
import type { BrandRule } from "@/lib/domain/brand-rules";
import { runChecks, runChecksForPost, type ChecksInput } from "@/lib/domain/checks";
import { compileRiskLexicon, type RiskTerm } from "@/lib/domain/risk";

const LEXICON: RiskTerm[] = RISK_LEXICON.map((r) => ({ term: r.term, lang: r.lang, category: r.category, weight: r.weight }));
const RULES: BrandRule[] = BRAND_RULES.map((r) => ({ kind: r.kind, term: r.term, replacement: r.replacement ?? null, note: r.note ?? null, brandId: r.brandId ?? null }));

const base = (over: Partial<ChecksInput> = {}): ChecksInput => ({
  platform: "x",
  text: "春の新作「さくらラテ」が登場しました☕ 全国の店舗でお待ちしています",
  isCommercial: false,
  brandId: BRAND_IDS.cafe,
  lexicon: LEXICON,
  rules: RULES,
  ...over,
});
const codes = (r: ReturnType<typeof runChecks>) => r.findings.map((f) => `${f.severity}:${f.code}`);

describe("runChecks", () => {
  it("a clean, non-commercial post: nothing to show, nothing blocks, no Legal", () => {
    const r = runChecks(base());
    expect(r).toMatchObject({ blocking: false, blockingFindings: [], findings: [], requiresLegalReview: false, legalReasons: [] });
    expect(r.length).toMatchObject({ platform: "x", withinLimit: true });
    expect(r.disclosure.status).toBe("not_applicable");
    expect(r.risk.level).toBe("none");
  });

  it("over X's limit blocks, with the overflow highlighted", () => {
    const text = "あ".repeat(141);
    const r = runChecks(base({ text }));
    expect(r.blocking).toBe(true);
    expect(r.blockingFindings).toEqual([
      { code: "over_limit", severity: "blocking", source: "length", spans: [{ start: 140, end: 141 }], params: { length: 282, limit: 280, overBy: 2, unit: "x_weighted" } },
    ]);
  });

  it("a commercial post without a label blocks and goes to Legal", () => {
    const r = runChecks(base({ isCommercial: true }));
    expect(codes(r)).toEqual(["blocking:disclosure_failed"]);
    expect(r.blockingFindings[0]?.params).toMatchObject({ reason: "no_label", label: null, window: 40 });
    expect(r).toMatchObject({ requiresLegalReview: true, legalReasons: ["commercial"] });
  });

  it("a commercial post with 【PR】 at the start passes the disclosure check but still goes to Legal", () => {
    const r = runChecks(base({ isCommercial: true, text: "【PR】春の新作「さくらラテ」が登場しました" }));
    expect(r.blocking).toBe(false);
    expect(r.disclosure.status).toBe("pass");
    expect(r.legalReasons).toEqual(["commercial"]);
  });

  it("#PR buried in the trailing hashtags blocks with the label highlighted", () => {
    const text = "春の新作「さくらラテ」が登場しました。桜の香りとミルクの組み合わせをぜひお楽しみください\n#カフェ #新作 #PR";
    const r = runChecks(base({ platform: "instagram", isCommercial: true, text }));
    const f = r.blockingFindings[0];
    expect(f).toMatchObject({ code: "disclosure_failed", params: { reason: "label_buried_in_hashtags", label: "PR" } });
    expect(text.slice(f?.spans[0]?.start, f?.spans[0]?.end)).toBe("PR");
  });

  it("medium risk (地震) is a warning and a risk flag for Legal, not a blocker", () => {
    const r = runChecks(base({ text: "地震の影響により、本日は臨時休業いたします" }));
    expect(codes(r)).toEqual(["warning:risk_medium"]);
    expect(r).toMatchObject({ blocking: false, requiresLegalReview: true, legalReasons: ["risk"] });
    expect(r.findings[0]?.params).toMatchObject({ score: 58, level: "medium", categories: "disaster" });
  });

  it("high risk is a warning (a human decides), and goes to Legal", () => {
    const r = runChecks(base({ text: "一部商品に異物混入の可能性があります" }));
    expect(codes(r)).toEqual(["warning:risk_high"]);
    expect(r.blocking).toBe(false);
    expect(r.legalReasons).toEqual(["risk"]);
  });

  it("low risk is informational and does not need Legal", () => {
    const r = runChecks(base({ text: "最悪の天気でも、あったかいラテをどうぞ" }));
    expect(codes(r)).toEqual(["info:risk_low"]);
    expect(r.requiresLegalReview).toBe(false);
  });

  it("third-party assets and likeness route to Legal, in a fixed order", () => {
    const r = runChecks(base({ hasLikeness: true, hasThirdPartyAsset: true, isCommercial: true, text: "【PR】地震に備えて" }));
    expect(r.legalReasons).toEqual(["risk", "commercial", "third_party_asset", "likeness"]);
  });

  it("brand rules: banned and missing required block; preferred is a suggestion", () => {
    const cafe = runChecks(base({ text: "日本一のコーヒー豆で淹れました" }));
    expect(codes(cafe)).toEqual(["blocking:banned_term", "info:preferred_term"]);
    expect(cafe.findings[0]).toMatchObject({ spans: [{ start: 0, end: 3 }], params: { term: "日本一" } });
    expect(cafe.findings[1]).toMatchObject({ params: { term: "コーヒー豆", replacement: "珈琲豆" } });

    const foods = runChecks(base({ brandId: BRAND_IDS.foods, text: "春のお弁当フェア開催中" }));
    expect(codes(foods)).toEqual(["blocking:required_term_missing"]);
  });

  it("findings are ordered blocking, warning, info", () => {
    const r = runChecks(base({ text: `最安の珈琲、地震にも負けない。${"あ".repeat(130)}` }));
    expect(codes(r)).toEqual(["blocking:over_limit", "blocking:banned_term", "warning:risk_medium"]);
  });

  it("YouTube title: forbidden brackets and an empty title block", () => {
    expect(codes(runChecks(base({ platform: "youtube", field: "title", text: "<新作> 登場" })))).toEqual([
      "blocking:forbidden_character",
      "blocking:forbidden_character",
    ]);
    expect(codes(runChecks(base({ platform: "youtube", field: "title", text: "" })))).toEqual(["blocking:required_field_empty"]);
  });

  it("Instagram: 31 hashtags block; a full-width ＃ and many emoji warn", () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    expect(codes(runChecks(base({ platform: "instagram", text: `新作 ${tags}` })))).toEqual(["blocking:too_many_hashtags"]);
    expect(codes(runChecks(base({ platform: "instagram", text: "新作 ＃カフェ" })))).toEqual(["warning:fullwidth_hashtag"]);
    expect(codes(runChecks(base({ platform: "instagram", text: "👍".repeat(2100) })))).toEqual(["warning:length_unit_uncertain"]);
  });

  it("is deterministic and serialisable: the same input gives the same JSON", () => {
    const input = base({ isCommercial: true, platform: "instagram", text: "#PR 日本一のコーヒー豆、SCAMじゃないよ 👍🏽🇯🇵" });
    const a = runChecks(input);
    const b = runChecks({ ...input, lexicon: compileRiskLexicon(LEXICON) });
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe("runChecksForPost", () => {
  it("blocks if any variant blocks; Legal if any needs it; risk score is the highest", () => {
    const r = runChecksForPost({
      isCommercial: false,
      brandId: BRAND_IDS.beauty,
      lexicon: LEXICON,
      rules: RULES,
      variants: [
        { platform: "x", text: "新作美容液、登場。" },
        { platform: "instagram", text: "新作美容液、登場。シミが消える実感を" },
        { platform: "youtube", field: "title", text: "地震に備えるスキンケア" },
      ],
    });
    expect(r.variants.map((v) => v.blocking)).toEqual([false, true, false]);
    expect(r).toMatchObject({ blocking: true, requiresLegalReview: true, legalReasons: ["risk"], riskScore: 58 });
  });

  it("post-level reasons hold even with no variants", () => {
    const r = runChecksForPost({ isCommercial: true, hasLikeness: true, brandId: null, lexicon: LEXICON, rules: [], variants: [] });
    expect(r).toMatchObject({ blocking: false, requiresLegalReview: true, legalReasons: ["commercial", "likeness"], riskScore: 0 });
  });
});

describe("lib/domain content rules stay pure", () => {
  const files = ["workflow.ts", "text-length.ts", "risk.ts", "disclosure.ts", "brand-rules.ts", "checks.ts"];
  it.each(files)("%s imports only sibling domain modules and reads no clock", (file) => {
    const source = readFileSync(path.resolve(import.meta.dirname, "../../lib/domain", file), "utf8");
    const imports = Array.from(source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm), (m) => m[1]);
    for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[a-z-]+$/);
    expect(source).not.toMatch(/Date\.now|new Date\(\)|Math\.random|fetch\(|process\.env/);
  });
});

import { describe, expect, it } from "vitest";
import { corrections } from "@/db/schema/content";
import {
  CORRECTION_KINDS,
  FILLED_BY_PERSON,
  PLACEHOLDERS,
  TEMPLATES,
  TEMPLATE_KINDS,
  TEMPLATE_LOCALES,
  TEMPLATE_VARS,
  excerpt,
  formatOriginalDate,
  localeOfText,
  oneLine,
  renderTemplate,
  templateTitle,
  type TemplateVars,
} from "@/lib/domain/correction-templates";
import { measure, PLATFORMS } from "@/lib/domain/text-length";

const FULL: TemplateVars = {
  originalDate: "2026年4月1日",
  originalExcerpt: "春の新作「桜ラテ」は全店で4月1日から販売します!",
  wrongFact: "全店で4月1日から販売",
  correctFact: "都内10店舗で4月8日から販売",
  detail: "販売開始日を誤って掲載いたしました",
  topic: "一部店舗での異物混入のご指摘",
  brandName: "あおばカフェ",
};

describe("correction templates", () => {
  it("the correction kinds are the corrections table's kinds", () => {
    expect([...CORRECTION_KINDS].sort()).toEqual([...corrections.kind.enumValues].sort());
  });

  it("every locale × kind: the full form uses exactly its declared variables, the compact form every fact a person fills in", () => {
    for (const locale of TEMPLATE_LOCALES) {
      for (const kind of TEMPLATE_KINDS) {
        const used = (form: "full" | "compact") => [...new Set([...TEMPLATES[locale][kind][form].matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
        expect(used("full"), `${locale}/${kind}`).toEqual([...TEMPLATE_VARS[kind]].sort());
        // The compact form may leave out what the account already says (the brand name), never a fact a person filled in.
        for (const v of used("compact")) expect(TEMPLATE_VARS[kind]).toContain(v);
        for (const v of FILLED_BY_PERSON[kind]) expect(used("compact"), `${locale}/${kind} compact`).toContain(v);
        for (const v of FILLED_BY_PERSON[kind]) expect(TEMPLATE_VARS[kind]).toContain(v);
      }
    }
  });

  it("renders the Japanese correction with the wrong and the right fact", () => {
    const r = renderTemplate("correction", "ja", FULL);
    expect(r).toMatchObject({ form: "full", missing: [], fits: true });
    expect(r.text).toBe(
      "【訂正とお詫び】\n2026年4月1日の投稿内容に誤りがありました。\n誤:全店で4月1日から販売\n正:都内10店舗で4月8日から販売\nご迷惑をおかけしましたことを深くお詫び申し上げ、訂正いたします。",
    );
  });

  it("starts with the label Japanese readers expect for each kind", () => {
    expect(renderTemplate("correction", "ja", FULL).text.startsWith("【訂正とお詫び】")).toBe(true);
    expect(renderTemplate("apology", "ja", FULL).text.startsWith("【お詫び】")).toBe(true);
    expect(renderTemplate("retraction", "ja", FULL).text.startsWith("【投稿の撤回について】")).toBe(true);
    expect(renderTemplate("statement", "ja", FULL).text.startsWith("【お知らせ】")).toBe(true);
    expect(renderTemplate("correction", "en", FULL).text.startsWith("Correction:")).toBe(true);
  });

  it("an empty variable shows as a placeholder and is listed as missing", () => {
    const r = renderTemplate("correction", "ja", { originalDate: "2026年4月1日", wrongFact: "  " });
    expect(r.missing).toEqual(["wrongFact", "correctFact"]);
    expect(r.text).toContain(PLACEHOLDERS.ja.wrongFact);
    expect(r.text).toContain(PLACEHOLDERS.ja.correctFact);
    const en = renderTemplate("statement", "en", {});
    expect(en.missing).toEqual(["topic", "brandName"]);
    expect(en.text).toContain("[the matter]");
  });

  it("variables are one line each and cannot inject template syntax or line breaks", () => {
    const r = renderTemplate("correction", "ja", { ...FULL, wrongFact: "A\n\n{correctFact}\tB", correctFact: "C" });
    expect(r.text).toContain("誤:A {correctFact} B\n正:C");
    expect(oneLine("  a \n b\t\tc ")).toBe("a b c");
    expect(oneLine(null)).toBe("");
  });

  it("the apology quotes a short excerpt of the original, cut with …", () => {
    const r = renderTemplate("apology", "ja", { ...FULL, originalExcerpt: "あ".repeat(100) });
    expect(r.text).toContain(`「${"あ".repeat(39)}…」`);
    expect(excerpt("短い")).toBe("短い");
    expect(excerpt("👨‍👩‍👧‍👦".repeat(5), 3)).toBe("👨‍👩‍👧‍👦👨‍👩‍👧‍👦…");
  });

  it("fits X's weighted 280 by switching to the compact form and shortening the excerpt", () => {
    const longDetail = "販売開始日と対象店舗を誤って掲載し、多くのお客様にご来店いただいたにもかかわらず商品をご用意できませんでした";
    for (const kind of TEMPLATE_KINDS) {
      const r = renderTemplate(kind, "ja", { ...FULL, detail: longDetail, originalExcerpt: "い".repeat(80) }, "x");
      expect(r.fits, kind).toBe(true);
      expect(measure("x", r.text).withinLimit, kind).toBe(true);
    }
    const apology = renderTemplate("apology", "ja", { ...FULL, detail: longDetail, originalExcerpt: "い".repeat(80) }, "x");
    expect(apology.form).toBe("compact");
    // Other networks have room for the full form.
    expect(renderTemplate("apology", "ja", { ...FULL, detail: longDetail }, "facebook").form).toBe("full");
  });

  it("reports fits: false when even the compact form is too long, and still returns text", () => {
    const r = renderTemplate("correction", "ja", { ...FULL, wrongFact: "誤".repeat(300) }, "x");
    expect(r.fits).toBe(false);
    expect(r.form).toBe("compact");
    expect(r.text.length).toBeGreaterThan(0);
  });

  it("every template renders within every network's limit with realistic facts", () => {
    for (const platform of PLATFORMS) {
      for (const locale of TEMPLATE_LOCALES) {
        for (const kind of TEMPLATE_KINDS) expect(renderTemplate(kind, locale, FULL, platform).fits, `${platform}/${locale}/${kind}`).toBe(true);
      }
    }
  });

  it("formats the original's date in the reader's time zone", () => {
    const at = new Date("2026-03-31T16:30:00Z"); // 1 April in Tokyo, 31 March in New York
    expect(formatOriginalDate(at, "ja", "Asia/Tokyo")).toBe("2026年4月1日");
    expect(formatOriginalDate(at, "en", "Asia/Tokyo")).toBe("April 1, 2026");
    expect(formatOriginalDate(at, "en", "America/New_York")).toBe("March 31, 2026");
  });

  it("titles and locale detection", () => {
    expect(templateTitle("correction", "ja", "桜ラテ発売告知")).toBe("【訂正】桜ラテ発売告知");
    expect(templateTitle("statement", "en", "")).toBe("Notice: [the matter]");
    expect(localeOfText("春の新作")).toBe("ja");
    expect(localeOfText("カフェ")).toBe("ja");
    expect(localeOfText("New spring latte")).toBe("en");
  });
});

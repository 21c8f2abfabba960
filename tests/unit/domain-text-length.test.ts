import { describe, expect, it } from "vitest";
import { PLATFORMS as DB_PLATFORMS } from "@/db/schema/enums";
import {
  FIELD_SPECS,
  PLATFORMS,
  countGraphemes,
  fieldSpec,
  findHashtags,
  findMentions,
  findUrls,
  isEmojiGrapheme,
  katakanaToHiragana,
  mapText,
  measure,
  sourceSpan,
  termRegExp,
  utf8ByteLength,
  weightedLengthX,
} from "@/lib/domain/text-length";

const x = (text: string) => measure("x", text).length;
const LONG_URL = "https://www.aoba-foods.co.jp/campaign/2026/spring/limited-edition?utm_source=x&utm_medium=social&utm_campaign=sakura";

describe("platforms", () => {
  it("the list is the database's platform enum", () => {
    expect([...PLATFORMS]).toEqual([...DB_PLATFORMS]);
  });
  it("every platform has a body spec; only YouTube has a title", () => {
    for (const p of PLATFORMS) expect(FIELD_SPECS[p].body.limit).toBeGreaterThan(0);
    expect(PLATFORMS.filter((p) => FIELD_SPECS[p].title)).toEqual(["youtube"]);
    expect(() => fieldSpec("x", "title")).toThrow(RangeError);
  });
});

describe("X: twitter-text v3 weighted length", () => {
  it("140 full-width characters are exactly 280: at the limit", () => {
    const m = measure("x", "あ".repeat(140));
    expect(m).toMatchObject({ unit: "x_weighted", length: 280, limit: 280, remaining: 0, overBy: 0, withinLimit: true, overflowAt: null, issues: [] });
  });

  it("141 full-width characters are over by 2, and the overflow starts at the 141st", () => {
    const m = measure("x", "あ".repeat(141));
    expect(m).toMatchObject({ length: 282, remaining: 0, overBy: 2, withinLimit: false, overflowAt: 140 });
    expect(m.issues).toEqual([{ code: "over_limit", severity: "error", overBy: 2, unit: "x_weighted" }]);
  });

  it("Latin and general punctuation weigh 1; kana, kanji, full-width forms weigh 2", () => {
    expect(x("Hello, world!")).toBe(13);
    expect(x("日本語")).toBe(6);
    expect(x("新商品 Spring Latte")).toBe(3 * 2 + 1 + 12);
    expect(x("ＡＢＣ１２３")).toBe(12); // full-width Latin and digits are not in the weight-1 ranges
    expect(x("「」、。")).toBe(8); // CJK punctuation
    expect(x("—“”…")).toBe(5); // U+2014, U+201C/D weigh 1; U+2026 … is outside the ranges (2)
    expect(x("½é")).toBe(2); // Latin-1
  });

  it("half-width katakana counts 2 per code point, so ｶﾞ (two code points) is 4 while ガ is 2", () => {
    expect(x("ｱｲｳｴｵ")).toBe(10);
    expect(x("ｶﾞ")).toBe(4);
    expect(x("ガ")).toBe(2);
    expect(x("ｷｬﾝﾍﾟｰﾝ")).toBe(14);
  });

  it("normalises to NFC first: a decomposed が counts like the composed one", () => {
    expect(x("か\u3099")).toBe(2);
    expect(x("e\u0301")).toBe(1);
  });

  it("any URL counts 23, however long or short", () => {
    expect(LONG_URL.length).toBeGreaterThan(100);
    expect(x(LONG_URL)).toBe(23);
    expect(x("https://t.co/x")).toBe(23);
    expect(x(`詳しくは${LONG_URL}をご覧ください`)).toBe(4 * 2 + 23 + 7 * 2);
    expect(x(`春の新作🌸 ${LONG_URL} #カフェ`)).toBe(4 * 2 + 2 + 1 + 23 + 1 + 1 + 3 * 2);
    expect(weightedLengthX(`詳しくは${LONG_URL}。`).urls).toEqual([{ start: 4, end: 4 + LONG_URL.length }]);
  });

  it("a URL that would end the post exactly at 280", () => {
    const text = `${"あ".repeat(128)} ${LONG_URL}`; // 256 + 1 + 23
    expect(measure("x", text)).toMatchObject({ length: 280, withinLimit: true });
    expect(measure("x", `あ${text}`)).toMatchObject({ length: 282, overBy: 2, overflowAt: 130 }); // the URL is what crosses the limit
  });

  it("emoji count 2 each, whole sequences included: skin tone, ZWJ family, flags, keycaps", () => {
    expect(x("👍")).toBe(2);
    expect(x("👍🏽")).toBe(2);
    expect(x("👨‍👩‍👧")).toBe(2);
    expect(x("🇯🇵")).toBe(2);
    expect(x("🇯🇵🇺🇸")).toBe(4);
    expect(x("1️⃣")).toBe(2);
    expect(x("❤️")).toBe(2); // not 2 + 2 for the variation selector
    expect(x("🏴󠁧󠁢󠁥󠁮󠁧󠁿")).toBe(2);
    expect(x("©")).toBe(1); // text ©: Latin-1, weight 1
    expect(x("©️")).toBe(2); // emoji ©
  });

  it("mixed 日本語 + English + emoji", () => {
    expect(x("新商品👍🏽🇯🇵 Thanks!")).toBe(3 * 2 + 2 + 2 + 1 + 7);
    expect(x("家族で👨‍👩‍👧 Let's go!")).toBe(3 * 2 + 2 + 1 + 9);
    const atLimit = "あ".repeat(139) + "👨‍👩‍👧";
    expect(measure("x", atLimit)).toMatchObject({ length: 280, withinLimit: true });
    expect(measure("x", atLimit + "!")).toMatchObject({ length: 281, overBy: 1, overflowAt: 139 + "👨‍👩‍👧".length });
  });

  it("the overflow index is in the original text even when NFC changes its length", () => {
    const text = "か\u3099".repeat(141); // 282 UTF-16 units, NFC makes it 141
    expect(measure("x", text)).toMatchObject({ length: 282, overflowAt: 280 });
  });

  it("empty text is 0", () => {
    expect(measure("x", "")).toMatchObject({ length: 0, remaining: 280, withinLimit: true, graphemes: 0 });
  });
});

describe("URL detection (as X links them)", () => {
  it.each([
    ["https://example.com", "https://example.com"],
    ["HTTP://EXAMPLE.COM/A", "HTTP://EXAMPLE.COM/A"],
    ["www.example.jp", "www.example.jp"],
    ["example.com", "example.com"],
    ["aoba.co.jp", "aoba.co.jp"],
    ["example.jp/news", "example.jp/news"],
    ["t.co", "t.co"],
    ["https://example.com/path.", "https://example.com/path"],
    ["(https://example.com/a)", "https://example.com/a"],
    ["https://ja.wikipedia.org/wiki/A_(B)", "https://ja.wikipedia.org/wiki/A_(B)"],
    ["https://example.com/ニュース", "https://example.com/"],
    ["http://192.168.0.1:8080/x", "http://192.168.0.1:8080/x"],
  ])("%s → %s", (text, url) => {
    const found = findUrls(text);
    expect(found).toHaveLength(1);
    const [span] = found;
    expect(text.slice(span?.start, span?.end)).toBe(url);
  });

  it.each(["example.jp", "info@example.com", "Node.js", "v1.2.3", "ファイル.pdf", "foo.unknowntld", "#example.com"])("%s is not a link", (text) => {
    expect(findUrls(text)).toEqual([]);
  });

  it("a URL right after Japanese text is found", () => {
    const text = "詳細はhttps://aoba.example.com/news?id=1をご確認ください";
    const [span] = findUrls(text);
    expect(text.slice(span?.start, span?.end)).toBe("https://aoba.example.com/news?id=1");
  });
});

describe("Instagram: 2,200 characters, 30 hashtags, 20 mentions", () => {
  it("counts user-perceived characters: a family emoji is one", () => {
    expect(measure("instagram", "👨‍👩‍👧")).toMatchObject({ unit: "grapheme", length: 1, graphemes: 1 });
    expect(measure("instagram", "あ".repeat(2200))).toMatchObject({ length: 2200, withinLimit: true });
    expect(measure("instagram", "あ".repeat(2201))).toMatchObject({ length: 2201, overBy: 1, overflowAt: 2200 });
  });

  it("30 hashtags pass, 31 fail", () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#新作${i}`).join(" ");
    expect(measure("instagram", `春の新作です\n${tags(30)}`)).toMatchObject({ hashtags: 30, issues: [] });
    expect(measure("instagram", `春の新作です\n${tags(31)}`).issues).toEqual([{ code: "too_many_hashtags", severity: "error", count: 31, max: 30 }]);
  });

  it("full-width ＃ is not a hashtag on Instagram: not counted, and flagged", () => {
    const m = measure("instagram", "春 #カフェ ＃桜 #新作");
    expect(m.hashtags).toBe(2);
    expect(m.issues).toEqual([{ code: "fullwidth_hashtag", severity: "warning", spans: [{ start: 7, end: 9 }] }]);
  });

  it("20 mentions pass, 21 fail; e-mail addresses are not mentions", () => {
    const at = (n: number) => Array.from({ length: n }, (_, i) => `@user_${i}`).join(" ");
    expect(measure("instagram", at(20)).issues).toEqual([]);
    expect(measure("instagram", at(21)).issues).toEqual([{ code: "too_many_mentions", severity: "error", count: 21, max: 20 }]);
    expect(measure("instagram", "お問い合わせ: info@aoba.example.com").mentions).toBe(0);
  });

  it("warns when the text fits in characters but not in UTF-16 units (unit undocumented)", () => {
    const text = "👍".repeat(1200) + "あ".repeat(1000); // 2,200 graphemes, 3,400 UTF-16 units
    const m = measure("instagram", text);
    expect(m).toMatchObject({ length: 2200, withinLimit: true });
    expect(m.issues).toEqual([{ code: "unit_uncertain", severity: "warning", utf16Length: 3400 }]);
  });
});

describe("hashtags and mentions", () => {
  it("finds hashtags in Japanese text, not C# or HTML entities", () => {
    const text = "新作 #春限定 #cafe_aoba C# &#123; #2026";
    expect(findHashtags(text).map((h) => text.slice(h.start, h.end))).toEqual(["#春限定", "#cafe_aoba", "#2026"]);
    expect(measure("x", "＃春 #夏").hashtags).toBe(2);
    expect(measure("instagram", "＃春 #夏").hashtags).toBe(1);
  });
  it("finds mentions right after Japanese text", () => {
    const text = "ありがとう@aoba_cafe さん、mail@x.com";
    expect(findMentions(text).map((m) => text.slice(m.start, m.end))).toEqual(["@aoba_cafe"]);
  });
});

describe("Facebook, LINE, TikTok", () => {
  it("Facebook Page post: 63,206 characters", () => {
    expect(measure("facebook", "a".repeat(63206))).toMatchObject({ limit: 63206, withinLimit: true });
    expect(measure("facebook", "a".repeat(63207))).toMatchObject({ overBy: 1 });
  });

  it("LINE: 5,000 UTF-16 code units, so 🍎 is 2 and a family emoji 8", () => {
    expect(measure("line", "🍎")).toMatchObject({ unit: "utf16", length: 2, graphemes: 1 });
    expect(measure("line", "👨‍👩‍👧").length).toBe(8);
    expect(measure("line", "あ".repeat(5000))).toMatchObject({ length: 5000, withinLimit: true });
    expect(measure("line", "あ".repeat(4999) + "🍎")).toMatchObject({ length: 5001, overBy: 1, overflowAt: 5000 });
    expect(measure("line", "ｱｲｳ").length).toBe(3); // half-width katakana: one unit each
  });

  it("TikTok caption: 2,200 UTF-16 code units", () => {
    expect(measure("tiktok", "あ".repeat(2200))).toMatchObject({ unit: "utf16", withinLimit: true });
    expect(measure("tiktok", "あ".repeat(2199) + "👍")).toMatchObject({ length: 2201, overBy: 1 });
  });
});

describe("YouTube", () => {
  it("title: 100 characters, required, no < or >", () => {
    expect(measure("youtube", "【公式】春の新作ラテ", { field: "title" })).toMatchObject({ unit: "grapheme", limit: 100, length: 10, issues: [] });
    expect(measure("youtube", "あ".repeat(101), { field: "title" })).toMatchObject({ overBy: 1 });
    expect(measure("youtube", "  ", { field: "title" }).issues).toEqual([{ code: "required", severity: "error" }]);
    expect(measure("youtube", "<新作> 登場", { field: "title" }).issues).toEqual([
      { code: "forbidden_character", severity: "error", char: "<", spans: [{ start: 0, end: 1 }] },
      { code: "forbidden_character", severity: "error", char: ">", spans: [{ start: 3, end: 4 }] },
    ]);
  });

  it("description: 5,000 UTF-8 bytes, so ~1,666 Japanese characters", () => {
    expect(measure("youtube", "a".repeat(5000))).toMatchObject({ unit: "utf8_bytes", length: 5000, withinLimit: true });
    expect(measure("youtube", "あ".repeat(1666))).toMatchObject({ length: 4998, withinLimit: true });
    expect(measure("youtube", "あ".repeat(1667))).toMatchObject({ length: 5001, overBy: 1, overflowAt: 1666 });
    expect(measure("youtube", "詳しくは a > b").issues).toEqual([{ code: "forbidden_character", severity: "error", char: ">", spans: [{ start: 7, end: 8 }] }]);
  });

  it("full-width ＜＞ are allowed; an empty description is fine", () => {
    expect(measure("youtube", "＜新作＞").issues).toEqual([]);
    expect(measure("youtube", "").issues).toEqual([]);
  });
});

describe("Unicode primitives", () => {
  it("utf8ByteLength", () => {
    expect(utf8ByteLength("aé日👍")).toBe(1 + 2 + 3 + 4);
    expect(utf8ByteLength("\uD800")).toBe(3);
  });

  it("countGraphemes", () => {
    expect(countGraphemes("ｶﾞ👨‍👩‍👧🇯🇵が")).toBe(4);
  });

  it("isEmojiGrapheme", () => {
    expect(["👍", "👍🏽", "👨‍👩‍👧", "🇯🇵", "#️⃣", "☀️", "©️"].every(isEmojiGrapheme)).toBe(true);
    expect(["a", "あ", "©", "™", "☀︎", "1"].some(isEmojiGrapheme)).toBe(false);
  });

  it("katakanaToHiragana keeps the long vowel mark", () => {
    expect(katakanaToHiragana("リコール・ヴァ")).toBe("りこーる・ゔぁ");
  });

  it("mapText maps every normalised character back to its original cluster", () => {
    const m = mapText("ＳＣＡＭ！ｶﾞｲﾄﾞ", { form: "NFKC", lowerCase: true, kana: true });
    expect(m.text).toBe("scam!がいど");
    expect(sourceSpan(m, 0, 4)).toEqual({ start: 0, end: 4 });
    expect(sourceSpan(m, 5, 6)).toEqual({ start: 5, end: 7 }); // が ← ｶﾞ (two code units)
    expect(sourceSpan(m, 5, 8)).toEqual({ start: 5, end: 10 });
  });

  it("termRegExp respects Latin word boundaries only", () => {
    const find = (term: string, text: string, inflect = false) => {
      const re = termRegExp(term, { inflect });
      return re ? Array.from(text.matchAll(re), (m) => m[0]) : [];
    };
    expect(find("scam", "scampi scam scam's")).toEqual(["scam", "scam"]);
    expect(find("scam", "scam's", true)).toEqual(["scam's"]);
    expect(find("recall", "recalled recalls recall", true)).toEqual(["recalled", "recalls", "recall"]);
    expect(find("food poisoning", "food  poisoning / food-poisoning")).toEqual(["food  poisoning", "food-poisoning"]);
    expect(find("不買", "絶対不買だ")).toEqual(["不買"]);
    expect(find("  ", "x")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import {
  DEFAULT_DISCLOSURE_WINDOW,
  checkDisclosure,
  detectLang,
  findDisclosureLabels,
  type DisclosureFailReason,
  type DisclosureLang,
  type DisclosureResult,
} from "@/lib/domain/disclosure";

const check = (text: string, options: { lang?: DisclosureLang; window?: number } = {}) => checkDisclosure({ text, isCommercial: true, ...options });
const reasonOf = (r: DisclosureResult) => (r.status === "not_applicable" ? r.reason : r.reason);

/** A body of exactly n characters with no label in it (kana only, so nothing glues onto a following label). */
const body = (n: number) => "おしらせです、".repeat(20).slice(0, n);
const LONG_BODY = "春の新作「さくらラテ」が登場しました。桜の香りとほんのり甘いミルクの組み合わせを、ぜひ店舗でお楽しみください。";

describe("disclosure: labels near the start pass", () => {
  it.each([
    ["【PR】春の新作「さくらラテ」が登場しました", "PR"],
    ["#PR 春の新作「さくらラテ」が登場しました", "PR"],
    ["PR｜春の新作「さくらラテ」", "PR"],
    ["［広告］春の新作「さくらラテ」", "広告"],
    ["広告 春の新作「さくらラテ」が登場", "広告"],
    ["この投稿は広告を含みます。春の新作が登場", "広告"],
    ["本投稿はプロモーションを含みます。春の新作が登場", "プロモーション"],
    ["【タイアップ】あおばカフェ×さくら堂", "タイアップ"],
    ["タイアップ投稿です。あおばカフェの新作を…", "タイアップ"],
    ["#宣伝 新しいお店ができました", "宣伝"],
    ["ＰＲ　春の新作ラテ", "ＰＲ"],
    ["【ｐｒ】春の新作ラテ", "ｐｒ"],
    ["提供：あおば食品\n春のお弁当を作ってみました", "提供"],
    ["【提供】あおば食品", "提供"],
    ["PR投稿です。いつもありがとうございます", "PR"],
    ["広告・PR 春の新作", "広告"],
  ])("%s", (text, label) => {
    const r = check(text);
    expect(r).toMatchObject({ applicable: true, status: "pass", reason: "label_near_start", lang: "ja", window: DEFAULT_DISCLOSURE_WINDOW });
    if (r.status === "pass") expect(r.label.text).toBe(label);
  });

  it("gifted-product wording counts from the start of its sentence", () => {
    const r = check("あおば食品株式会社さまから商品提供を受けています。さっそく春のお弁当を作ってみました！");
    expect(r).toMatchObject({ status: "pass", label: { kind: "gifted", position: 0 } });
    const polite = check("あおば食品さまより商品をご提供いただきました。春のお弁当を作ってみました！");
    expect(polite).toMatchObject({ status: "pass", label: { kind: "gifted", text: "提供いただ", position: 0 } });
  });

  it("leading whitespace and blank lines are not counted", () => {
    const r = check("\n\n　 【PR】春の新作");
    expect(r).toMatchObject({ status: "pass", label: { position: 1, start: 5, end: 7 } });
  });

  it("English posts accept Ad, #ad, Sponsored, Paid partnership", () => {
    for (const text of ["Ad: our new Sakura Latte is here", "#ad Our new Sakura Latte", "Sponsored | Sakura Latte", "Paid partnership with Aoba Cafe", "[AD] Sakura Latte"]) {
      expect(check(text), text).toMatchObject({ status: "pass", lang: "en" });
    }
  });

  it("a label beginning at the window's last character passes; one character later fails", () => {
    expect(check(`${body(38)}【PR】`)).toMatchObject({ status: "pass", label: { position: 39 } }); // P is the 40th character
    expect(check(`${body(39)}【PR】`)).toMatchObject({ status: "fail", reason: "label_not_near_start", label: { position: 40 } });
    expect(check(`${body(39)}PR`)).toMatchObject({ status: "pass", label: { position: 39 } });
    expect(check(`${body(40)}PR`)).toMatchObject({ status: "fail", reason: "label_not_near_start", label: { position: 40 } });
  });

  it("the window is a parameter", () => {
    const text = `${body(50)}【PR】`;
    expect(check(text)).toMatchObject({ status: "fail", reason: "label_not_near_start", window: 40 });
    expect(check(text, { window: 60 })).toMatchObject({ status: "pass", window: 60 });
    expect(check("PR 新作", { window: 0 })).toMatchObject({ status: "pass", window: 1 }); // clamped to at least 1
  });
});

describe("disclosure: failures", () => {
  it.each<[string, string, DisclosureFailReason]>([
    ["no label at all", "春の新作「さくらラテ」が登場しました！ #カフェ #新作", "no_label"],
    ["#PR lost at the end of a hashtag block", `${LONG_BODY}\n#カフェ #新作 #桜 #PR`, "label_buried_in_hashtags"],
    ["#PR at the end of a short post's hashtags", "新作です #cafe #PR", "label_buried_in_hashtags"],
    ["#PR first in the trailing block, after the body", "新作です\n#PR #cafe", "label_buried_in_hashtags"],
    ["#PR second in a leading hashtag run", "#新作 #PR 春のラテが登場", "label_buried_in_hashtags"],
    ["【PR】 after a long first paragraph", `${LONG_BODY}【PR】`, "label_not_near_start"],
    ["gifted sentence after a long first paragraph", `${LONG_BODY}あおば食品さまから商品提供を受けています。`, "label_not_near_start"],
    ["広告代理店 is not a label", "広告代理店の皆さまと一緒に春の新作を作りました", "no_label"],
    ["新聞広告 is not a label", "本日の新聞広告でもご紹介しています", "no_label"],
    ["広告費 / 誇大広告 are not labels", "誇大広告はしません。広告費も抑えています", "no_label"],
    ["自己PR is not a label", "自己PRをどうぞ！新入社員紹介", "no_label"],
    ["PR担当 is not a label", "PR担当の田中です。春の新作について", "no_label"],
    ["PR TIMES is not a label", "PR TIMESで新商品を発表しました", "no_label"],
    ["APRIL / PRICE are not labels", "APRIL SALE: PRICE DOWN", "no_label"],
    ["プロモーションビデオ is not a label", "プロモーションビデオを公開しました", "no_label"],
    ["セールスプロモーション is not a label", "セールスプロモーションの勉強会", "no_label"],
    ["情報提供 / 提供開始 are not labels", "情報提供ありがとうございます。サービスの提供開始は4月です", "no_label"],
    ["a label inside a URL does not count", "https://aoba.example.com/pr/spring 春の新作", "no_label"],
    ["a label inside an @handle does not count", "@pr_aoba 春の新作です", "no_label"],
    ["negated: これは広告ではありません", "【PR】新作です。※これは広告ではありません", "label_negated"],
    ["negated: 案件ではないです", "PR 案件ではないです、本当に好きなんです", "label_negated"],
    ["English-only label on a Japanese post", "[Ad] 春の新作「さくらラテ」", "label_not_in_post_language"],
    ["Sponsored on a Japanese post", "Sponsored 春の新作「さくらラテ」が登場", "label_not_in_post_language"],
    ["empty commercial post", "", "no_label"],
  ])("%s", (_name, text, reason) => {
    const r = check(text);
    expect(r.status).toBe("fail");
    expect(reasonOf(r)).toBe(reason);
  });

  it("the failure names the label and where it is", () => {
    const text = `${LONG_BODY}\n#カフェ #新作 #桜 #PR`;
    const r = check(text);
    expect(r).toMatchObject({ status: "fail", reason: "label_buried_in_hashtags", label: { kind: "pr", text: "PR", inHashtag: true } });
    if (r.status === "fail" && r.label) expect(text.slice(r.label.start, r.label.end)).toBe("PR");
  });

  it("English posts: #ad buried at the end fails; Ad-free, add, ads and not-sponsored do not pass", () => {
    expect(check("Loving the new Sakura Latte, it tastes like spring in a cup #cafe #ad")).toMatchObject({ reason: "label_buried_in_hashtags" });
    expect(check("Ad-free week! Add a latte to your order, see our ads")).toMatchObject({ reason: "no_label" });
    expect(check("Sponsored? Not sponsored, just love it")).toMatchObject({ reason: "label_negated" });
  });

  it("an English label passes when the post is declared English", () => {
    expect(check("[Ad] 春の新作ラテ", { lang: "en" })).toMatchObject({ status: "pass", lang: "en" });
  });

  it("one good label is enough even when another is buried", () => {
    expect(check(`【PR】${LONG_BODY}\n#カフェ #PR`)).toMatchObject({ status: "pass", label: { position: 1, start: 1 } });
  });
});

describe("disclosure: applicability and helpers", () => {
  it("non-commercial posts are not applicable, label or not", () => {
    expect(checkDisclosure({ text: "春の新作です", isCommercial: false })).toEqual({ applicable: false, status: "not_applicable", reason: "not_commercial" });
    expect(checkDisclosure({ text: "【PR】春の新作です", isCommercial: false }).status).toBe("not_applicable");
  });

  it("detectLang: any kana or kanji makes a Japanese post", () => {
    expect(detectLang("Sakura Latte 新登場")).toBe("ja");
    expect(detectLang("Sakura Latte is here")).toBe("en");
    expect(detectLang("")).toBe("en");
  });

  it("findDisclosureLabels lists every label in order with original positions", () => {
    const text = "【ＰＲ】新作です。#広告 Sponsored";
    const labels = findDisclosureLabels(text);
    expect(labels.map((l) => [l.kind, l.lang, l.text, l.inHashtag])).toEqual([
      ["pr", "any", "ＰＲ", false],
      ["ad", "ja", "広告", true],
      ["sponsored", "en", "Sponsored", false],
    ]);
    for (const l of labels) expect(text.slice(l.start, l.end)).toBe(l.text);
  });
});

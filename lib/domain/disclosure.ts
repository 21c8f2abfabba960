/**
 * Japan's stealth-marketing rule (景品表示法 ステマ規制, in force 2023-10-01): a commercial post
 * (paid partnership, gifted product, ad creative) must say clearly that it is an advertisement.
 * This is the lint the drafting studio shows live and the server re-runs at every approval.
 *
 * What counts as a label
 * - Japanese: 広告, 宣伝, PR, プロモーション, タイアップ, and the gifted-product wordings
 *   「〇〇から商品の提供を受けています」「商品提供」「提供：〇〇」「ご提供いただき…」.
 *   Width and case do not matter (ＰＲ, ｐｒ, 【ＰＲ】).
 * - A label that is part of another word does not count: 広告代理店, 新聞広告, 自己PR, PR担当,
 *   プロモーションビデオ, 情報提供, PR TIMES. The rule: no kanji/katakana glued before or after
 *   (Latin letters for PR), except the compounds 〜投稿 〜企画 〜案件 〜記事 〜動画 (「PR投稿」
 *   still says "this is an ad"). Hiragana may follow (「広告です」「プロモーションを含みます」).
 * - English (accepted for English posts only): Ad, #ad, Advertisement, Sponsored,
 *   Paid partnership, Paid promotion. "PR" is accepted in both languages. A Japanese post labelled
 *   only in English fails with `label_not_in_post_language`: the rule asks for a label the
 *   general (Japanese) consumer understands.
 *
 * Where it must be
 * - Near the start: the label must begin within the first `window` characters (grapheme
 *   clusters, leading whitespace ignored), default 40 — roughly the first line of a feed card
 *   and well inside what Instagram shows before "…more". For a gifted-product sentence
 *   (「A社から商品提供を受けています」) the sentence's start counts, not the word 提供.
 * - Not buried among hashtags: a hashtag label (#PR, #広告) passes only as the first hashtag of
 *   its run, and not when that run is the trailing hashtag block after the body text.
 *   「#PR 新商品…」 passes; 「新商品… #cafe #新作 #PR」 fails even in a short post.
 * - Negation voids everything: 「これは広告ではありません」/"not sponsored" anywhere fails
 *   (`label_negated`), as the Consumer Affairs Agency's guidance names exactly this trick.
 * Labels inside URLs or @handles are ignored.
 */
import { findUrls, graphemes, mapText, sourceSpan, type MappedText } from "./text-length";

export type DisclosureLang = "ja" | "en";
export type DisclosureLabelKind = "ad" | "pr" | "promotion" | "tie_up" | "gifted" | "sponsored" | "paid_partnership";

export interface DisclosureLabel {
  kind: DisclosureLabelKind;
  /** "any" for PR, accepted in both languages. */
  lang: DisclosureLang | "any";
  /** As written in the post. */
  text: string;
  /** UTF-16 indices into the original text. */
  start: number;
  end: number;
  /** Characters (graphemes, leading whitespace ignored) before the label — or before its sentence, for gifted wording. */
  position: number;
  inHashtag: boolean;
}

export type DisclosureFailReason =
  | "no_label"
  | "label_not_near_start"
  | "label_buried_in_hashtags"
  | "label_not_in_post_language"
  | "label_negated";

export type DisclosureResult =
  | { applicable: false; status: "not_applicable"; reason: "not_commercial" }
  | {
      applicable: true;
      status: "pass";
      reason: "label_near_start";
      label: DisclosureLabel;
      labels: DisclosureLabel[];
      lang: DisclosureLang;
      window: number;
    }
  | {
      applicable: true;
      status: "fail";
      reason: DisclosureFailReason;
      /** The label the reason is about, when there is one. */
      label: DisclosureLabel | null;
      labels: DisclosureLabel[];
      lang: DisclosureLang;
      window: number;
    };

export interface DisclosureInput {
  text: string;
  isCommercial: boolean;
  /** The post's language; detected from the text when omitted (any kana or kanji → "ja"). */
  lang?: DisclosureLang;
  /** The label must begin within this many characters. Default 40. */
  window?: number;
}

export const DEFAULT_DISCLOSURE_WINDOW = 40;

// Patterns run on NFKC + lower-cased text (ＰＲ → pr, ＃ → #, ： → :), kana left as written.
const CJK = String.raw`[\p{Script=Han}\p{Script=Katakana}\u30FC]`;
const LATIN = String.raw`[\p{Script=Latin}\p{Nd}_]`;
const SUFFIX = "(?:投稿|企画|案件|記事|動画)";
/** Not glued to a following kanji/katakana word, unless the compound still means "advertisement". */
const JA_END = `(?=${SUFFIX}|(?!${CJK}))`;

interface LabelPattern {
  kind: DisclosureLabelKind;
  lang: DisclosureLang | "any";
  re: RegExp;
  /** Position is measured from the start of the sentence (gifted-product wording). */
  sentence?: boolean;
}

const LABEL_PATTERNS: readonly LabelPattern[] = [
  { kind: "ad", lang: "ja", re: new RegExp(`(?<!${CJK})広告${JA_END}`, "gu") },
  { kind: "ad", lang: "ja", re: new RegExp(`(?<!${CJK})宣伝${JA_END}`, "gu") },
  { kind: "promotion", lang: "ja", re: new RegExp(`(?<!${CJK})プロモーション${JA_END}`, "gu") },
  { kind: "tie_up", lang: "ja", re: new RegExp(`(?<!${CJK})タイアップ${JA_END}`, "gu") },
  {
    kind: "pr",
    lang: "any",
    re: new RegExp(`(?<!${LATIN}|${CJK}|[@.\\-])pr(?!\\s*times)(?=${SUFFIX}|(?!${LATIN}|${CJK}|-))`, "gu"),
  },
  { kind: "gifted", lang: "ja", re: /提供を[受う]け/gu, sentence: true },
  { kind: "gifted", lang: "ja", re: new RegExp(`(?<!${CJK})(?:商品|製品)の?提供${JA_END}`, "gu"), sentence: true },
  { kind: "gifted", lang: "ja", re: new RegExp(`(?<!${CJK})提供(?:いただ|頂)`, "gu"), sentence: true },
  { kind: "gifted", lang: "ja", re: new RegExp(`(?<!${CJK}|\\p{Script=Hiragana})提供(?=[:\\s)\\]】」』]|$)`, "gu") },
  { kind: "ad", lang: "en", re: /(?<![\p{L}\p{N}_@\-])(?:ad|advertisement)(?![\p{L}\p{N}_\-])/gu },
  { kind: "sponsored", lang: "en", re: /(?<![\p{L}\p{N}_@\-])sponsored(?![\p{L}\p{N}_\-])/gu },
  { kind: "paid_partnership", lang: "en", re: /(?<![\p{L}\p{N}_@\-])paid[\s-]+partnership(?![\p{L}\p{N}_\-])/gu },
  { kind: "promotion", lang: "en", re: /(?<![\p{L}\p{N}_@\-])paid[\s-]+promotion(?![\p{L}\p{N}_\-])/gu },
];

/**
 * 「広告ではありません」「PRじゃない」「案件ではありません」, "not an ad", "not sponsored", #notsponsored.
 * (「ステマではありません」 is deliberately not here: it is said *alongside* a proper label.)
 */
const NEGATION_PATTERNS: readonly RegExp[] = [
  /(?:広告|宣伝|pr|プロモーション|タイアップ|案件)(?:では|じゃ|で)(?:ない|ありません|ございません|なく|はない|はありません)/gu,
  /(?<![\p{L}\p{N}_])not\s+(?:an?\s+)?(?:ad|advertisement|sponsored|paid(?:\s+partnership|\s+promotion)?)(?![\p{L}\p{N}_])/gu,
  /#notsponsored|#notanad|#nonsponsored/gu,
];

const SENTENCE_END = /[。．.!！?？\n]/u;

/** "ja" when the text has any kana or kanji; otherwise "en". */
export function detectLang(text: string): DisclosureLang {
  return /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text) ? "ja" : "en";
}

interface HashtagInfo {
  start: number; // mapped text, at "#"
  end: number;
  indexInRun: number;
  runIsLeading: boolean;
  runIsTrailing: boolean;
}

function hashtagRuns(mapped: MappedText): HashtagInfo[] {
  const text = mapped.text;
  const tags = Array.from(text.matchAll(/#[^\s#]+/gu), (m) => ({ start: m.index, end: m.index + m[0].length }));
  const out: HashtagInfo[] = [];
  let run: { start: number; end: number }[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0];
    const last = run[run.length - 1];
    if (!first || !last) return;
    const runIsLeading = text.slice(0, first.start).trim() === "";
    const runIsTrailing = text.slice(last.end).trim() === "";
    run.forEach((t, i) => out.push({ ...t, indexInRun: i, runIsLeading, runIsTrailing }));
    run = [];
  };
  for (const tag of tags) {
    const prev = run[run.length - 1];
    if (prev && text.slice(prev.end, tag.start).trim() !== "") flush();
    run.push(tag);
  }
  flush();
  return out;
}

/** Every disclosure label in the text (all languages), in text order, overlaps removed. */
export function findDisclosureLabels(text: string): DisclosureLabel[] {
  return scan(text).labels;
}

function scan(text: string): { labels: DisclosureLabel[]; negations: DisclosureLabel[]; buried: Set<DisclosureLabel> } {
  const mapped = mapText(text, { form: "NFKC", lowerCase: true, dropFormat: true });
  const urls = findUrls(text);
  const tags = hashtagRuns(mapped);
  const buried = new Set<DisclosureLabel>();

  const make = (kind: DisclosureLabelKind, lang: DisclosureLang | "any", nStart: number, nEnd: number, sentence: boolean) => {
    const { start, end } = sourceSpan(mapped, nStart, nEnd);
    let from = start;
    if (sentence) {
      while (from > 0 && !SENTENCE_END.test(text[from - 1] ?? "")) from--;
    }
    const tag = tags.find((t) => t.start === nStart - 1 && mapped.text[nStart - 1] === "#");
    const label: DisclosureLabel = {
      kind,
      lang,
      text: text.slice(start, end),
      start,
      end,
      position: graphemes(text.slice(0, from).trimStart()).length,
      inHashtag: tag !== undefined,
    };
    if (tag && (tag.indexInRun > 0 || (tag.runIsTrailing && !tag.runIsLeading))) buried.add(label);
    return label;
  };
  const inUrl = (l: DisclosureLabel) => urls.some((u) => l.start < u.end && u.start < l.end);

  const found: DisclosureLabel[] = [];
  for (const p of LABEL_PATTERNS) {
    for (const m of mapped.text.matchAll(p.re)) {
      const label = make(p.kind, p.lang, m.index, m.index + m[0].length, p.sentence ?? false);
      if (!inUrl(label)) found.push(label);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const labels: DisclosureLabel[] = [];
  for (const l of found) {
    const prev = labels[labels.length - 1];
    if (prev && l.start < prev.end) continue;
    labels.push(l);
  }

  const negations: DisclosureLabel[] = [];
  for (const re of NEGATION_PATTERNS) {
    for (const m of mapped.text.matchAll(re)) {
      const label = make("ad", "any", m.index, m.index + m[0].length, false);
      if (!inUrl(label)) negations.push(label);
    }
  }
  negations.sort((a, b) => a.start - b.start);
  return { labels, negations, buried };
}

export function checkDisclosure(input: DisclosureInput): DisclosureResult {
  if (!input.isCommercial) return { applicable: false, status: "not_applicable", reason: "not_commercial" };
  const window = Math.max(1, Math.floor(input.window ?? DEFAULT_DISCLOSURE_WINDOW));
  const lang = input.lang ?? detectLang(input.text);
  const { labels, negations, buried } = scan(input.text);
  const fail = (reason: DisclosureFailReason, label: DisclosureLabel | null): DisclosureResult => ({
    applicable: true,
    status: "fail",
    reason,
    label,
    labels,
    lang,
    window,
  });

  const negation = negations[0];
  if (negation) return fail("label_negated", negation);

  const usable = labels.filter((l) => l.lang === "any" || l.lang === lang || lang === "en");
  for (const label of usable) {
    if (!buried.has(label) && label.position < window) {
      return { applicable: true, status: "pass", reason: "label_near_start", label, labels, lang, window };
    }
  }
  const first = usable[0];
  if (first) return fail(buried.has(first) ? "label_buried_in_hashtags" : "label_not_near_start", first);
  const other = labels[0];
  if (other) return fail("label_not_in_post_language", other);
  return fail("no_label", null);
}

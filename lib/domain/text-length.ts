/**
 * Character counting and length limits per network, counted the way each network counts, so the
 * drafting studio can show "remaining" as you type and the server can refuse what the network would.
 *
 * Pure: no IO, no clock, no dependency. The same code runs in the browser and on the server.
 * The one environment dependency is Intl.Segmenter (grapheme clusters, UAX #29), whose Unicode
 * tables follow the engine's ICU; a brand-new emoji may segment differently on a very old browser.
 *
 * How each network counts (the unit decides `length`, `limit`, `remaining`, `overBy`):
 *
 * | platform / field      | limit  | unit         | why this unit                                                     |
 * |-----------------------|--------|--------------|-------------------------------------------------------------------|
 * | x                     | 280    | x_weighted   | twitter-text config v3, re-implemented here (see weightedLengthX)  |
 * | instagram             | 2,200  | grapheme     | unit undocumented; the app counts what you see. + 30 #, 20 @       |
 * | facebook (Page post)  | 63,206 | grapheme     | unit undocumented; the composer counts what you see                |
 * | line (text message)   | 5,000  | utf16        | documented: Messaging API counts UTF-16 code units (🍎 = 2)        |
 * | tiktok (caption)      | 2,200  | utf16        | Content Posting API states the limit in UTF-16 runes; UTF-16 is    |
 * |                       |        |              | also ≥ code points ≥ graphemes, so it never under-counts           |
 * | youtube title         | 100    | grapheme     | Data API: "100 characters", no < or >                              |
 * | youtube description   | 5,000  | utf8_bytes   | Data API: "5000 bytes", no < or > — Japanese is 3 bytes a char, so  |
 * |                       |        |              | the real limit for a Japanese description is ~1,666 characters     |
 *
 * Where the unit is undocumented (grapheme), a warning `unit_uncertain` is added when the text fits in
 * graphemes but not in UTF-16 code units, so a post near the limit with many emoji is double-checked.
 *
 * The second half of this file holds the Unicode primitives the matchers (risk, disclosure, brand
 * rules) share: normalisation with a map back to the original text, and term search with Latin word
 * boundaries. They live here because this is the module that owns "what is a character".
 */

/** Same list, same order as db/schema/enums.ts PLATFORMS (a unit test keeps them equal). */
export const PLATFORMS = ["x", "instagram", "facebook", "line", "tiktok", "youtube"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** "title" exists only for YouTube; every other network has one text field, the body. */
export type TextField = "body" | "title";
export type LengthUnit = "x_weighted" | "grapheme" | "utf16" | "utf8_bytes";

export interface FieldSpec {
  readonly unit: LengthUnit;
  readonly limit: number;
  readonly maxHashtags?: number;
  readonly maxMentions?: number;
  /** Characters the network's API refuses anywhere in the field. */
  readonly forbiddenChars?: readonly string[];
  /** The field may not be empty (YouTube titles). */
  readonly required?: boolean;
}

export const FIELD_SPECS: { readonly [P in Platform]: { readonly body: FieldSpec; readonly title?: FieldSpec } } = {
  x: { body: { unit: "x_weighted", limit: 280 } },
  instagram: { body: { unit: "grapheme", limit: 2200, maxHashtags: 30, maxMentions: 20 } },
  facebook: { body: { unit: "grapheme", limit: 63206 } },
  line: { body: { unit: "utf16", limit: 5000 } },
  tiktok: { body: { unit: "utf16", limit: 2200 } },
  youtube: {
    body: { unit: "utf8_bytes", limit: 5000, forbiddenChars: ["<", ">"] },
    title: { unit: "grapheme", limit: 100, forbiddenChars: ["<", ">"], required: true },
  },
};

/** A half-open range [start, end) in UTF-16 indices of the text the caller passed in. */
export interface Span {
  start: number;
  end: number;
}

export type LengthIssue =
  | { code: "over_limit"; severity: "error"; overBy: number; unit: LengthUnit }
  | { code: "too_many_hashtags"; severity: "error"; count: number; max: number }
  | { code: "too_many_mentions"; severity: "error"; count: number; max: number }
  | { code: "forbidden_character"; severity: "error"; char: string; spans: Span[] }
  | { code: "required"; severity: "error" }
  | { code: "unit_uncertain"; severity: "warning"; utf16Length: number }
  | { code: "fullwidth_hashtag"; severity: "warning"; spans: Span[] };

export interface LengthMeasurement {
  platform: Platform;
  field: TextField;
  unit: LengthUnit;
  /** In `unit`. */
  length: number;
  limit: number;
  /** limit − length, never negative. */
  remaining: number;
  /** length − limit, never negative. */
  overBy: number;
  withinLimit: boolean;
  /** User-perceived characters, for display next to the network's own count. */
  graphemes: number;
  /** Index in the original text of the first character past the limit (to shade the overflow), or null. */
  overflowAt: number | null;
  /** Hashtags and @mentions as the network would parse them (counted for every network, limited on Instagram). */
  hashtags: number;
  mentions: number;
  /** URLs found (each counts 23 on X). */
  urls: Span[];
  issues: LengthIssue[];
}

export function fieldSpec(platform: Platform, field: TextField = "body"): FieldSpec {
  const specs = FIELD_SPECS[platform];
  if (field === "title") {
    if (!specs.title) throw new RangeError(`${platform} has no title field`);
    return specs.title;
  }
  return specs.body;
}

/** Measure `text` for one network field. `field` defaults to "body" (YouTube: the description). */
export function measure(platform: Platform, text: string, options: { field?: TextField } = {}): LengthMeasurement {
  const field = options.field ?? "body";
  const spec = fieldSpec(platform, field);
  const issues: LengthIssue[] = [];

  let length: number;
  let overflowAt: number | null;
  let urls: Span[];
  if (spec.unit === "x_weighted") {
    const x = weightedLengthX(text, spec.limit);
    length = x.length;
    overflowAt = x.overflowAt;
    urls = x.urls;
  } else {
    const counted = countInUnit(text, spec.unit, spec.limit);
    length = counted.length;
    overflowAt = counted.overflowAt;
    urls = findUrls(text);
  }

  const graphemes = countGraphemes(text);
  const overBy = Math.max(0, length - spec.limit);
  if (overBy > 0) issues.push({ code: "over_limit", severity: "error", overBy, unit: spec.unit });
  if (spec.unit === "grapheme" && overBy === 0 && text.length > spec.limit) {
    issues.push({ code: "unit_uncertain", severity: "warning", utf16Length: text.length });
  }

  const hashtagSpans = findHashtags(text);
  // X links "＃tag" too; Instagram only the half-width "#".
  const hashtags = platform === "instagram" ? hashtagSpans.filter((h) => !h.fullwidth).length : hashtagSpans.length;
  const mentions = findMentions(text).length;
  if (spec.maxHashtags !== undefined && hashtags > spec.maxHashtags) {
    issues.push({ code: "too_many_hashtags", severity: "error", count: hashtags, max: spec.maxHashtags });
  }
  if (spec.maxMentions !== undefined && mentions > spec.maxMentions) {
    issues.push({ code: "too_many_mentions", severity: "error", count: mentions, max: spec.maxMentions });
  }
  // Instagram only links the half-width "#": "＃春" stays plain text, which is rarely what was meant.
  const fullwidth = hashtagSpans.filter((h) => h.fullwidth);
  if (platform === "instagram" && fullwidth.length > 0) {
    issues.push({ code: "fullwidth_hashtag", severity: "warning", spans: fullwidth.map(({ start, end }) => ({ start, end })) });
  }

  for (const char of spec.forbiddenChars ?? []) {
    const spans: Span[] = [];
    for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + char.length)) spans.push({ start: i, end: i + char.length });
    if (spans.length > 0) issues.push({ code: "forbidden_character", severity: "error", char, spans });
  }
  if (spec.required && text.trim() === "") issues.push({ code: "required", severity: "error" });

  return {
    platform,
    field,
    unit: spec.unit,
    length,
    limit: spec.limit,
    remaining: Math.max(0, spec.limit - length),
    overBy,
    withinLimit: overBy === 0,
    graphemes,
    overflowAt,
    hashtags,
    mentions,
    urls,
    issues,
  };
}

// ---------------------------------------------------------------------------------------------
// Counting units
// ---------------------------------------------------------------------------------------------

const graphemeSegmenter = new Intl.Segmenter("ja", { granularity: "grapheme" });

/** Grapheme clusters (user-perceived characters) with their UTF-16 start index. */
export function graphemes(text: string): { segment: string; index: number }[] {
  return Array.from(graphemeSegmenter.segment(text), ({ segment, index }) => ({ segment, index }));
}

export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of graphemeSegmenter.segment(text)) n++;
  return n;
}

/** UTF-8 length without TextEncoder; a lone surrogate counts 3, as TextEncoder's U+FFFD would. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function countInUnit(text: string, unit: Exclude<LengthUnit, "x_weighted">, limit: number): { length: number; overflowAt: number | null } {
  let length = 0;
  let overflowAt: number | null = null;
  if (unit === "grapheme") {
    for (const { index } of graphemeSegmenter.segment(text)) {
      length++;
      if (overflowAt === null && length > limit) overflowAt = index;
    }
  } else if (unit === "utf16") {
    length = text.length;
    overflowAt = length > limit ? limit : null;
  } else {
    let i = 0;
    for (const ch of text) {
      length += utf8ByteLength(ch);
      if (overflowAt === null && length > limit) overflowAt = i;
      i += ch.length;
    }
  }
  return { length, overflowAt };
}

// ---------------------------------------------------------------------------------------------
// X (twitter-text v3 weighted length)
// ---------------------------------------------------------------------------------------------

/**
 * twitter-text config v3: code points in these ranges weigh 1, every other code point weighs 2
 * (CJK, kana — full- and half-width —, full-width forms, symbols, astral characters).
 * 0–4351 is U+0000–U+10FF (Latin, Latin-1, Greek, Cyrillic, …); the others are general punctuation
 * (spaces and ZWJ, dashes and quotes, primes).
 */
export const X_WEIGHT_ONE_RANGES: readonly (readonly [number, number])[] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
export const X_MAX_WEIGHTED_LENGTH = 280;
export const X_URL_LENGTH = 23;
const X_EMOJI_WEIGHT = 2;

function xCodePointWeight(cp: number): number {
  for (const [lo, hi] of X_WEIGHT_ONE_RANGES) if (cp >= lo && cp <= hi) return 1;
  return 2;
}

// twemoji (which twitter-text uses) only treats these as emoji when followed by VS16 (U+FE0F).
const EMOJI_ONLY_WITH_VS16 = new Set([0xa9, 0xae, 0x2122, 0x265f]);

/**
 * True when a grapheme cluster is an emoji (or emoji sequence: ZWJ family, skin tone, flag, keycap,
 * subdivision flag) that X counts once, at weight 2.
 */
export function isEmojiGrapheme(g: string): boolean {
  if (/\p{Regional_Indicator}/u.test(g)) return true;
  if (g.includes("\u20E3")) return true; // keycap 1️⃣ #️⃣
  const first = g.codePointAt(0);
  if (first === undefined || !/^\p{Extended_Pictographic}/u.test(g)) return false;
  if (g.includes("\uFE0E")) return false; // text presentation explicitly requested
  if (EMOJI_ONLY_WITH_VS16.has(first) && !g.includes("\uFE0F")) return false;
  return true;
}

/**
 * X's weighted length, as twitter-text parseTweet computes it with config v3:
 * NFC first; every URL counts 23; every emoji sequence counts 2; other code points 1 or 2 by range.
 *
 * One known difference: a ZWJ sequence that is not a recommended (RGI) emoji — say 👍‍👍 — is one
 * grapheme here (2) but several emoji to twemoji (2 + 1 + 2). Such sequences do not occur in practice.
 */
export function weightedLengthX(text: string, limit = X_MAX_WEIGHTED_LENGTH): { length: number; overflowAt: number | null; urls: Span[] } {
  const norm = mapText(text, { form: "NFC" });
  const urlsNorm = findUrls(norm.text);
  const urlAt = new Map(urlsNorm.map((u) => [u.start, u.end]));
  let length = 0;
  let overflowAt: number | null = null;
  let pos = 0; // index into norm.text up to which everything is counted
  const note = (origIndex: number) => {
    if (overflowAt === null && length > limit) overflowAt = origIndex;
  };
  for (const seg of norm.segments) {
    const segEnd = seg.normStart + seg.text.length;
    if (segEnd <= pos) continue; // wholly inside a URL already counted
    if (seg.normStart < pos) {
      // A URL ended inside this cluster (e.g. a combining mark after the URL): count the rest by code point.
      for (const ch of norm.text.slice(pos, segEnd)) length += xCodePointWeight(ch.codePointAt(0) ?? 0);
      pos = segEnd;
      note(seg.srcStart);
      continue;
    }
    const urlEnd = urlAt.get(seg.normStart);
    if (urlEnd !== undefined) {
      length += X_URL_LENGTH;
      pos = urlEnd;
      note(seg.srcStart);
      continue;
    }
    if (isEmojiGrapheme(seg.text)) length += X_EMOJI_WEIGHT;
    else for (const ch of seg.text) length += xCodePointWeight(ch.codePointAt(0) ?? 0);
    pos = segEnd;
    note(seg.srcStart);
  }
  return { length, overflowAt, urls: urlsNorm.map((u) => sourceSpan(norm, u.start, u.end)) };
}

// ---------------------------------------------------------------------------------------------
// URLs, hashtags, mentions
// ---------------------------------------------------------------------------------------------

/**
 * Top-level domains recognised on a URL written without "http(s)://". With a scheme any alphabetic
 * TLD is accepted. A bare "name.jp" (one label + country code, no path) is not a link, as on X.
 */
const GENERIC_TLDS = new Set(
  (
    "com net org info biz name pro edu gov mil int app dev page blog shop store online site website tech xyz club " +
    "live news media link click life world today jobs travel design art fun games cloud email top icu vip work " +
    "tokyo osaka nagoya yokohama kyoto okinawa ryukyu"
  ).split(" "),
);
const COUNTRY_TLDS = new Set(
  (
    "jp us uk io ai co me tv cc ly gl to fm am be de fr it es nl ch at se no fi dk pl ru cn kr tw hk sg au nz ca br mx in id th vn ph my eu " +
    "ie pt gr cz hu ro tr il ae sa za ar cl pe is lu li mc"
  ).split(" "),
);

const URL_PATH_CHARS = String.raw`[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]`;
const URL_RE = new RegExp(
  String.raw`(?<![A-Za-z0-9@＠$#＃_])` +
    String.raw`(?:(?<scheme>https?://)(?<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}|\d{1,3}(?:\.\d{1,3}){3})` +
    String.raw`|(?<![\-./])(?<bare>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?<tld>[a-z]{2,63})))` +
    String.raw`(?![a-z0-9\-])(?<port>:\d{1,5})?(?<path>[/?#]${URL_PATH_CHARS}*)?`,
  "giu",
);

/** URLs in `text` as X links them (scheme optional for common TLDs), with trailing punctuation trimmed. */
export function findUrls(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const g = m.groups ?? {};
    if (!g.scheme) {
      const tld = (g.tld ?? "").toLowerCase();
      const bare = (g.bare ?? "").toLowerCase();
      const isCountry = COUNTRY_TLDS.has(tld);
      if (!isCountry && !GENERIC_TLDS.has(tld)) continue;
      const labels = bare.split(".").length;
      if (isCountry && labels === 2 && !g.path && bare !== "t.co") continue;
    }
    let end = m.index + m[0].length;
    // Sentence punctuation after a URL is not part of it; nor is an unbalanced closing bracket.
    while (end > m.index) {
      const c = text[end - 1] ?? "";
      if (".,:;!?'\"*".includes(c)) end--;
      else if (c === ")" && count(text.slice(m.index, end), ")") > count(text.slice(m.index, end), "(")) end--;
      else if (c === "]" && count(text.slice(m.index, end), "]") > count(text.slice(m.index, end), "[")) end--;
      else break;
    }
    out.push({ start: m.index, end });
  }
  return out;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

// A hashtag: "#" or "＃" not glued to a preceding word (C#, abc#def) and followed by a word character.
const HASHTAG_RE = /(?<![\p{L}\p{N}_&#＃])([#＃])[\p{L}\p{M}\p{N}_]+/gu;
// An @mention: handle characters, not part of an e-mail address (Japanese may sit right before it).
const MENTION_RE = /(?<![A-Za-z0-9_.!#$%&*@＠])[@＠][A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?/gu;

export function findHashtags(text: string): (Span & { fullwidth: boolean })[] {
  return Array.from(text.matchAll(HASHTAG_RE), (m) => ({ start: m.index, end: m.index + m[0].length, fullwidth: m[1] === "＃" }));
}

export function findMentions(text: string): Span[] {
  return Array.from(text.matchAll(MENTION_RE), (m) => ({ start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------------
// Shared Unicode primitives for the matchers (risk, disclosure, brand rules)
// ---------------------------------------------------------------------------------------------

export interface NormalizeOptions {
  /** Unicode normalisation form; NFKC folds full-width ASCII, half-width katakana, ① etc. */
  form: "NFC" | "NFKC";
  /** Lower-case (locale-independent). */
  lowerCase?: boolean;
  /** Katakana → hiragana, so リコール, りこーる and ﾘｺｰﾙ meet. */
  kana?: boolean;
  /** Drop format characters (zero-width space, ZWJ, bidi marks) that hide a term from a naive search. */
  dropFormat?: boolean;
}

export interface MappedSegment {
  /** The normalised cluster. */
  text: string;
  normStart: number;
  srcStart: number;
  srcEnd: number;
}

/** A normalised text with, for every UTF-16 index in it, the original cluster it came from. */
export interface MappedText {
  source: string;
  text: string;
  segments: MappedSegment[];
  srcStart: number[];
  srcEnd: number[];
}

/*
 * Normalising a cluster is a pure function of the cluster and the options, and the same few thousand
 * clusters (kana, common kanji, ASCII) make up almost every text: each options set keeps a bounded
 * memo (cleared when full): about a third of triage's time on inbox ingestion's hot path was this.
 */
const CLUSTER_MEMO_MAX = 20_000;
const clusterMemos = new Map<string, Map<string, string>>();
function clusterMemo(o: NormalizeOptions): Map<string, string> {
  const key = `${o.form}|${o.lowerCase ? 1 : 0}${o.kana ? 1 : 0}${o.dropFormat ? 1 : 0}`;
  let m = clusterMemos.get(key);
  if (!m) clusterMemos.set(key, (m = new Map()));
  return m;
}

/**
 * Normalises grapheme by grapheme, so every character of the result maps back to the cluster it came
 * from (normalisation never crosses a cluster boundary: combining marks, half-width voicing marks
 * and Hangul jamo all belong to their base's cluster).
 */
export function mapText(source: string, options: NormalizeOptions): MappedText {
  const segments: MappedSegment[] = [];
  const srcStart: number[] = [];
  const srcEnd: number[] = [];
  let out = "";
  const memo = clusterMemo(options);
  for (const { segment, index } of graphemeSegmenter.segment(source)) {
    let t = memo.get(segment);
    if (t === undefined) {
      t = segment.normalize(options.form);
      if (options.lowerCase) t = t.toLowerCase();
      if (options.kana) t = katakanaToHiragana(t);
      if (options.dropFormat) t = t.replace(/\p{Cf}/gu, "");
      if (memo.size >= CLUSTER_MEMO_MAX) memo.clear();
      memo.set(segment, t);
    }
    const end = index + segment.length;
    segments.push({ text: t, normStart: out.length, srcStart: index, srcEnd: end });
    for (let i = 0; i < t.length; i++) {
      srcStart.push(index);
      srcEnd.push(end);
    }
    out += t;
  }
  return { source, text: out, segments, srcStart, srcEnd };
}

/** Maps a span of the normalised text back to the original text (whole clusters). */
export function sourceSpan(mapped: MappedText, start: number, end: number): Span {
  if (start >= mapped.text.length) return { start: mapped.source.length, end: mapped.source.length };
  const s = mapped.srcStart[start] ?? mapped.source.length;
  if (end <= start) return { start: s, end: s };
  return { start: s, end: mapped.srcEnd[end - 1] ?? mapped.source.length };
}

/** ァ–ヶ and ヽヾ move to the hiragana block (they are exactly 0x60 apart). ー stays. */
export function katakanaToHiragana(s: string): string {
  return s.replace(/[\u30A1-\u30F6\u30FD\u30FE]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** A "word" character for Latin-script boundaries. CJK has no spaces, so it never makes a boundary. */
const WORD_CHAR = String.raw`[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}_]`;
const WORD_CHAR_RE = new RegExp(`^${WORD_CHAR}$`, "u");

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== "" && WORD_CHAR_RE.test(ch);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * A global regex finding `normalizedTerm` (already normalised with the same options as the text):
 * - an end of the term that is a Latin letter or digit must sit on a word boundary ("scam" does
 *   not match "scampi"); a Japanese end matches anywhere (Japanese has no spaces);
 * - whitespace inside the term matches any run of whitespace or hyphens ("food  poisoning");
 * - with `inflect`, common English endings are allowed: -s -es -ed -ing -er -ers -'s, -d after e,
 *   and the doubled final consonant (scammed, scammer). So "recall" matches "recalled" and
 *   "recalls", and a risk is not missed because it was written in the past tense.
 * Returns null for an empty term.
 */
export function termRegExp(normalizedTerm: string, options: { inflect?: boolean } = {}): RegExp | null {
  const term = normalizedTerm.trim();
  if (term === "") return null;
  const chars = Array.from(term);
  const first = chars[0];
  const last = chars[chars.length - 1] ?? "";
  let body = term.split(/\s+/u).map(escapeRegExp).join(String.raw`[\s\-]+`);
  if (options.inflect && /^\p{Script=Latin}$/u.test(last)) {
    const endings = ["s", "es", "ed", "ing", "er", "ers", "'s", "’s"];
    if (last === "e") endings.push("d");
    if (!"aeiouy".includes(last) && chars.length >= 3) endings.unshift(`${escapeRegExp(last)}(?:ed|ing|er|ers)`);
    body += `(?:${endings.join("|")})?`;
  }
  const before = isWordChar(first) ? `(?<!${WORD_CHAR})` : "";
  const after = isWordChar(last) ? `(?!${WORD_CHAR})` : "";
  return new RegExp(`${before}(?:${body})${after}`, "gu");
}

/** All non-overlapping occurrences of `re` in `mapped.text`, as spans of the normalised text. */
export function findInMapped(mapped: MappedText, re: RegExp): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (const m of mapped.text.matchAll(re)) {
    if (m[0].length === 0) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

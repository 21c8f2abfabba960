/**
 * Triage of an inbound item at ingestion: language, sentiment, backlash-risk score with reasons,
 * spam and profanity, priority. Pure and deterministic; the DAL loads the risk lexicon once per
 * batch (compileRiskLexicon) and passes it in.
 *
 * - Language by script: any kana → "ja"; otherwise Latin letters outnumbering Han → "en";
 *   Han only → "ja" (short Japanese texts such as 「返金希望」 have no kana); other scripts → "other".
 * - Risk: the content checks' lexicon (lib/domain/risk.ts, same normalisation: full/half width,
 *   katakana/hiragana, zero-width characters) plus signals of our own, combined with the same
 *   formula (combineWeights): profanity 4, threats 9, negative sentiment 2 (only when nothing
 *   else matched, so an angry message is never "none"), shouting 1. Every contribution is a reason.
 * - Sentiment: small ja/en polarity word lists; the lexicon's complaint/boycott/backlash terms
 *   count as negative; medium risk or more without praise is negative.
 * - Spam: weighted signals (money/follower bait words, link shorteners, several links, long
 *   character runs, many @handles); spam when the total reaches SPAM_THRESHOLD.
 * - Priority: urgent for a threat or high risk (≥ 70); high for medium risk (≥ 40) or a negative DM
 *   or review; low for spam, and for positive items with no risk; normal otherwise.
 */
import { combineWeights, compileRiskLexicon, mapForRisk, riskLevel, scoreRiskMapped, termsFound, type CompiledRiskLexicon, type RiskLevel, type RiskTerm } from "./risk";
import type { MappedText } from "./text-length";

export type Language = "ja" | "en" | "other";
export type Sentiment = "positive" | "neutral" | "negative";
export type Priority = "urgent" | "high" | "normal" | "low";
export type TriageKind = "comment" | "dm" | "mention" | "review";

export type RiskReason = { code: string; term?: string; category?: string; weight: number };

export type TriageResult = {
  language: Language;
  sentiment: Sentiment;
  riskScore: number;
  riskLevel: RiskLevel;
  riskReasons: RiskReason[];
  spam: boolean;
  spamScore: number;
  spamReasons: string[];
  profanity: boolean;
  threat: boolean;
  priority: Priority;
};

export const SPAM_THRESHOLD = 4;

const term = (t: string, lang: "ja" | "en", category: string, weight = 1): RiskTerm => ({ term: t, lang, category, weight });

const POSITIVE = compileRiskLexicon([
  ...["ありがとう", "有難う", "美味しい", "おいしい", "最高", "大好き", "好き", "素敵", "嬉しい", "うれしい", "楽しみ", "感動", "助かり", "かわいい", "可愛い", "良かった", "よかった", "応援", "癒され", "満足", "おすすめ", "リピート"].map((t) =>
    term(t, "ja", "positive"),
  ),
  ...["thanks", "thank you", "love", "great", "awesome", "amazing", "delicious", "happy", "excellent", "perfect", "beautiful", "recommend", "fantastic", "wonderful"].map((t) =>
    term(t, "en", "positive"),
  ),
]);
const POSITIVE_EMOJI = /[👍❤😊🥰✨🙏😍💕🎉☺]/u;

const NEGATIVE = compileRiskLexicon([
  ...["ひどい", "酷い", "不満", "残念", "がっかり", "ガッカリ", "遅い", "まずい", "不味い", "二度と", "壊れ", "届かない", "届いてない", "許せない", "不快", "苦情", "クレーム", "対応が悪い", "最低", "返して", "怒", "ふざけ", "いい加減", "問題"].map((t) =>
    term(t, "ja", "negative"),
  ),
  ...["terrible", "awful", "bad", "disappointed", "angry", "broken", "never again", "hate", "rude", "disgusting", "complaint", "poor", "unacceptable", "horrible", "ridiculous", "not working"].map((t) =>
    term(t, "en", "negative"),
  ),
]);
const NEGATIVE_EMOJI = /[😡💢👎🤬😠]/u;
const NEGATIVE_CATEGORIES = new Set(["complaint", "boycott", "backlash"]);

const PROFANITY = compileRiskLexicon([
  ...["クソ", "くそ", "糞", "バカ", "馬鹿", "アホ", "ゴミ", "カス", "クズ", "うざい", "きもい", "キモい", "ボケ"].map((t) => term(t, "ja", "profanity")),
  ...["fuck", "shit", "bitch", "asshole", "bastard", "idiot", "stupid", "crap", "damn", "moron", "wtf"].map((t) => term(t, "en", "profanity")),
]);

const THREATS = compileRiskLexicon([
  ...["死ね", "殺す", "殺してやる", "燃やす", "爆破", "晒す", "特定した", "住所", "覚えとけ"].map((t) => term(t, "ja", "threat")),
  ...["kill you", "i will find you", "burn it down", "bomb", "dox", "watch your back"].map((t) => term(t, "en", "threat")),
]);

const SPAM_WORDS = compileRiskLexicon([
  ...["副業", "稼げ", "在宅ワーク", "日給", "月収", "儲か", "フォロバ", "相互フォロー", "プロフ見て", "プロフィールのリンク", "LINE追加", "ライン追加", "無料プレゼント", "当選しました", "仮想通貨", "投資案件", "出会い", "高収入"].map((t) =>
    term(t, "ja", "spam"),
  ),
  ...["check my profile", "dm me", "follow back", "free followers", "crypto", "bitcoin", "forex", "giveaway winner", "click the link", "work from home", "onlyfans", "promo code", "earn money", "cheap followers"].map((t) =>
    term(t, "en", "spam"),
  ),
]);
const SHORTENERS = /\b(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|lin\.ee|ow\.ly|is\.gd|cutt\.ly|rb\.gy)\/\S+/i;
const URL_RE = /https?:\/\/\S+/gi;

export function detectLanguage(text: string): Language {
  let kana = 0;
  let han = 0;
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9f)) kana++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) han++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0xff21 && c <= 0xff5a)) latin++;
    else if (/\p{L}/u.test(ch)) other++;
  }
  if (kana > 0) return "ja";
  if (latin === 0 && han === 0) return other > 0 ? "other" : "ja";
  if (other > latin + han) return "other";
  if (latin > han) return "en";
  return "ja";
}

function distinctTerms(mapped: MappedText, lex: CompiledRiskLexicon): string[] {
  return termsFound(mapped, lex);
}

function shouting(text: string): boolean {
  if (/[!！]{3,}/.test(text)) return true;
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  const upper = text.match(/[A-Z]/g)?.length ?? 0;
  return letters >= 12 && upper / letters > 0.8;
}

export function detectSpam(text: string, mapped: MappedText = mapForRisk(text)): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  for (const t of distinctTerms(mapped, SPAM_WORDS)) {
    score += 2;
    reasons.push(`word:${t}`);
  }
  if (SHORTENERS.test(text)) {
    score += 3;
    reasons.push("shortener");
  }
  const urls = text.match(URL_RE)?.length ?? 0;
  if (urls >= 2) {
    score += 2;
    reasons.push(`links:${urls}`);
  }
  if (/(.)\1{9,}/u.test(text)) {
    score += 1;
    reasons.push("repeated_characters");
  }
  const handles = text.match(/@[A-Za-z0-9_.]{2,}/g)?.length ?? 0;
  if (handles >= 5) {
    score += 2;
    reasons.push(`handles:${handles}`);
  }
  return { score, reasons };
}

export type TriageInput = { text: string; kind: TriageKind };

export function triage(input: TriageInput, lexicon: CompiledRiskLexicon | readonly RiskTerm[]): TriageResult {
  const text = input.text ?? "";
  const language = detectLanguage(text);
  const mapped = mapForRisk(text);
  const risk = scoreRiskMapped(mapped, Array.isArray(lexicon) ? compileRiskLexicon(lexicon) : (lexicon as CompiledRiskLexicon));
  const reasons: RiskReason[] = risk.matches.map((m) => ({ code: "lexicon", term: m.term, category: m.category, weight: m.weight }));

  const profanityTerms = distinctTerms(mapped, PROFANITY);
  const threatTerms = distinctTerms(mapped, THREATS);
  for (const t of threatTerms) reasons.push({ code: "threat", term: t, category: "threat", weight: 9 });
  if (profanityTerms.length) reasons.push({ code: "profanity", term: profanityTerms[0], category: "abuse", weight: 4 });

  const pos = distinctTerms(mapped, POSITIVE).length + (POSITIVE_EMOJI.test(text) ? 1 : 0);
  let neg = distinctTerms(mapped, NEGATIVE).length + (NEGATIVE_EMOJI.test(text) ? 1 : 0);
  neg += risk.matches.filter((m) => NEGATIVE_CATEGORIES.has(m.category)).length;
  neg += profanityTerms.length ? 1 : 0;
  neg += threatTerms.length ? 2 : 0;
  let sentiment: Sentiment = neg > pos ? "negative" : pos > neg ? "positive" : "neutral";
  if (risk.score >= 40 && pos <= neg) sentiment = "negative";

  if (shouting(text)) reasons.push({ code: "shouting", weight: 1 });
  if (sentiment === "negative" && !reasons.some((r) => r.code !== "shouting")) reasons.push({ code: "negative_sentiment", weight: 2 });

  const riskScore = combineWeights(reasons.map((r) => r.weight));
  const level = riskLevel(riskScore);
  const spam = detectSpam(text, mapped);
  const isSpam = spam.score >= SPAM_THRESHOLD;
  const threat = threatTerms.length > 0;

  let priority: Priority = "normal";
  if (threat || riskScore >= 70) priority = "urgent";
  else if (riskScore >= 40 || (sentiment === "negative" && (input.kind === "dm" || input.kind === "review"))) priority = "high";
  else if (isSpam || (sentiment === "positive" && riskScore === 0)) priority = "low";

  reasons.sort((a, b) => b.weight - a.weight);
  return {
    language,
    sentiment,
    riskScore,
    riskLevel: level,
    riskReasons: reasons,
    spam: isSpam,
    spamScore: spam.score,
    spamReasons: spam.reasons,
    profanity: profanityTerms.length > 0,
    threat,
    priority,
  };
}

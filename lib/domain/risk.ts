/**
 * Backlash-risk (炎上) scoring of a text against the risk lexicon (the risk_lexicon table's shape).
 * Used live in the drafting studio, on the server at submit/approval, and for inbox triage.
 *
 * Matching
 * - Every text is matched against every term, whatever the term's `lang` (Japanese posts quote
 *   English words and the other way round).
 * - Normalisation, on text and term alike: NFKC (full-width ↔ half-width, ｶﾀｶﾅ → カタカナ),
 *   lower-case, katakana → hiragana (リコール = りこーる = ﾘｺｰﾙ), and format characters dropped
 *   (a zero-width space inside 食​中毒 does not hide it).
 * - Japanese has no word boundaries: a Japanese term matches as a substring.
 * - A term end that is a Latin letter/digit must sit on a word boundary: "scam" matches "SCAM!!"
 *   and "scam." but not "scampi".
 * - English terms (lang "en") also match common inflections: "recall" matches "recalled",
 *   "recalls", "recalling"; "scam" matches "scammed", "scammer". Decision: a risk written in the
 *   past tense is still a risk, and missing it costs more than a false alarm.
 * - Overlaps: the longest match wins (不買運動 over 不買 at the same place); at equal length the
 *   heavier term, then the earlier one.
 *
 * Scoring
 * - Each distinct lexicon term found contributes once, however often it occurs (repeating a word
 *   does not make a post riskier; a second, different risk term does).
 * - score = round(100 × (1 − Π(1 − w/12))) over the distinct terms found, w clamped to 0…10.
 *   One weight-10 term alone scores 83; a weight-4 complaint word scores 33; two weight-7 terms 83.
 *   The divisor 12 keeps a single term below 100, so more evidence always raises the score.
 * - Level: 0 → none, 1–39 → low, 40–69 → medium, ≥ 70 → high.
 * Deterministic: the same text and lexicon always give the same result, in browser and server.
 */
import { findInMapped, mapText, sourceSpan, termRegExp, type MappedText, type NormalizeOptions } from "./text-length";

export type RiskLang = "ja" | "en";
export type RiskLevel = "none" | "low" | "medium" | "high";

/** One row of the risk_lexicon table (id optional so seed data and tests can use it directly). */
export interface RiskTerm {
  id?: string;
  term: string;
  lang: RiskLang;
  category: string;
  weight: number;
}

export interface RiskSpan {
  /** UTF-16 indices into the original text, for highlighting. */
  start: number;
  end: number;
  /** The text as written (e.g. "ﾘｺｰﾙ" for the term リコール). */
  text: string;
}

export interface RiskMatch {
  term: string;
  lang: RiskLang;
  category: string;
  weight: number;
  count: number;
  spans: RiskSpan[];
  /** A short explanation for the checks panel, e.g. `food_safety term "食中毒" (weight 10), 2×`. */
  why: string;
}

export interface RiskHighlight extends RiskSpan {
  term: string;
  category: string;
  weight: number;
}

export interface RiskResult {
  score: number;
  level: RiskLevel;
  /** Heaviest first, then by first position. */
  matches: RiskMatch[];
  /** Every matched span in text order, for the editor's highlighting. */
  highlights: RiskHighlight[];
}

export const RISK_WEIGHT_MAX = 10;
/** Divisor in 1 − Π(1 − w/RISK_WEIGHT_DIVISOR); > RISK_WEIGHT_MAX so one term never saturates. */
export const RISK_WEIGHT_DIVISOR = 12;
/** Lower bound (inclusive) of each level's score range. */
export const RISK_LEVEL_THRESHOLDS = { low: 1, medium: 40, high: 70 } as const;

const NORMALIZE: NormalizeOptions = { form: "NFKC", lowerCase: true, kana: true, dropFormat: true };

interface CompiledEntry {
  term: string;
  lang: RiskLang;
  category: string;
  weight: number;
  re: RegExp;
}

/** A lexicon prepared once (normalised, de-duplicated, regexes built) and reused for many texts. */
export interface CompiledRiskLexicon {
  readonly kind: "compiled_risk_lexicon";
  readonly entries: readonly CompiledEntry[];
}

function clampWeight(w: number): number {
  if (!Number.isFinite(w)) return 0;
  return Math.min(RISK_WEIGHT_MAX, Math.max(0, w));
}

/**
 * Normalises and de-duplicates the lexicon: two rows with the same normalised term and language
 * (e.g. リコール and ﾘｺｰﾙ) keep the heavier one. Empty terms and weights ≤ 0 are ignored.
 */
export function compileRiskLexicon(lexicon: readonly RiskTerm[]): CompiledRiskLexicon {
  const byKey = new Map<string, CompiledEntry>();
  for (const row of lexicon) {
    const weight = clampWeight(row.weight);
    const normalized = mapText(row.term, NORMALIZE).text.trim();
    if (normalized === "" || weight <= 0) continue;
    const re = termRegExp(normalized, { inflect: row.lang === "en" });
    if (!re) continue;
    const key = `${row.lang}\u0000${normalized}`;
    const existing = byKey.get(key);
    if (!existing || existing.weight < weight) byKey.set(key, { term: row.term, lang: row.lang, category: row.category, weight, re });
  }
  return { kind: "compiled_risk_lexicon", entries: [...byKey.values()] };
}

/** 100 × (1 − Π(1 − w/12)), rounded; weights clamped to 0…10. */
export function combineWeights(weights: readonly number[]): number {
  let keep = 1;
  for (const w of weights) keep *= 1 - clampWeight(w) / RISK_WEIGHT_DIVISOR;
  return Math.round(100 * (1 - keep));
}

export function riskLevel(score: number): RiskLevel {
  if (score >= RISK_LEVEL_THRESHOLDS.high) return "high";
  if (score >= RISK_LEVEL_THRESHOLDS.medium) return "medium";
  if (score >= RISK_LEVEL_THRESHOLDS.low) return "low";
  return "none";
}

/** True when a level is at least `min` (none < low < medium < high). */
export function riskAtLeast(level: RiskLevel, min: RiskLevel): boolean {
  const order: readonly RiskLevel[] = ["none", "low", "medium", "high"];
  return order.indexOf(level) >= order.indexOf(min);
}

interface Candidate {
  entry: CompiledEntry;
  start: number; // original text
  end: number;
  normLength: number;
}

export function scoreRisk(text: string, lexicon: readonly RiskTerm[] | CompiledRiskLexicon): RiskResult {
  const compiled = isCompiled(lexicon) ? lexicon : compileRiskLexicon(lexicon);
  return scoreRiskMapped(mapForRisk(text), compiled);
}

/** The text normalised the way the lexicon is matched (for callers scoring one text against several lexicons). */
export function mapForRisk(text: string): MappedText {
  return mapText(text, NORMALIZE);
}

/** Terms of a compiled lexicon found in an already-normalised text (no overlap resolution, no spans): a cheap yes/no per term. */
export function termsFound(mapped: MappedText, compiled: CompiledRiskLexicon): string[] {
  const out: string[] = [];
  for (const e of compiled.entries) {
    e.re.lastIndex = 0;
    if (e.re.test(mapped.text)) out.push(e.term);
  }
  return out;
}

/** scoreRisk on a text already normalised by mapForRisk (one normalisation, several lexicons). */
export function scoreRiskMapped(mapped: MappedText, compiled: CompiledRiskLexicon): RiskResult {
  const text = mapped.source;

  const candidates: Candidate[] = [];
  for (const entry of compiled.entries) {
    for (const span of findInMapped(mapped, entry.re)) {
      const src = sourceSpan(mapped, span.start, span.end);
      candidates.push({ entry, start: src.start, end: src.end, normLength: span.end - span.start });
    }
  }

  // Longest first, then heavier, then earlier; accept greedily what does not overlap an accepted match.
  candidates.sort(
    (a, b) =>
      b.normLength - a.normLength ||
      b.entry.weight - a.entry.weight ||
      a.start - b.start ||
      (a.entry.term < b.entry.term ? -1 : a.entry.term > b.entry.term ? 1 : 0),
  );
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    if (accepted.some((a) => c.start < a.end && a.start < c.end)) continue;
    accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);

  const byEntry = new Map<CompiledEntry, RiskSpan[]>();
  for (const c of accepted) {
    const spans = byEntry.get(c.entry) ?? [];
    spans.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end) });
    byEntry.set(c.entry, spans);
  }

  const matches: RiskMatch[] = [...byEntry.entries()].map(([entry, spans]) => ({
    term: entry.term,
    lang: entry.lang,
    category: entry.category,
    weight: entry.weight,
    count: spans.length,
    spans,
    why: `${entry.category} term "${entry.term}" (weight ${entry.weight})${spans.length > 1 ? `, ${spans.length}×` : ""}`,
  }));
  matches.sort((a, b) => b.weight - a.weight || (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));

  const score = combineWeights(matches.map((m) => m.weight));
  const highlights: RiskHighlight[] = accepted.map((c) => ({
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
    term: c.entry.term,
    category: c.entry.category,
    weight: c.entry.weight,
  }));
  return { score, level: riskLevel(score), matches, highlights };
}

function isCompiled(x: readonly RiskTerm[] | CompiledRiskLexicon): x is CompiledRiskLexicon {
  return !Array.isArray(x);
}

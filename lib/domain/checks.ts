/**
 * The live checks panel: length, brand rules, disclosure and backlash risk for one text, combined
 * into one result with a single `blocking` flag. The drafting studio runs it on every keystroke; the
 * server runs the same function at submit and at every approval (workflow.ts `checksBlocking`), so
 * it is pure, deterministic and dependency-free.
 *
 * What blocks (the post cannot be submitted or approved):
 * - over the network's length limit, too many hashtags/mentions (Instagram), a character the
 *   network refuses (< > on YouTube), an empty YouTube title;
 * - a banned term; a missing required term;
 * - for a commercial post, a failed disclosure check (no label, label too late, buried in hashtags,
 *   label in the wrong language, negated label).
 * What does not block but routes the post to Legal (`requiresLegalReview`, DESIGN.md §6):
 * - risk level medium or high (a "risk flag"), a commercial relationship, a third-party asset,
 *   a person's likeness. High risk is also shown as a warning: a human decides, not the linter.
 * Suggestions (preferred terms) and low risk are informational.
 * Media (when the caller passes `media`, see media-rules.ts): the network's media rules (required
 * media, counts, formats, sizes, durations, aspect ratio) and the assets' licences block; a licence
 * expiring within two weeks warns.
 *
 * Every finding carries a stable `code`, a severity, spans into the text for highlighting and
 * `params` for the UI's translated message (next-intl), so no message text is built here.
 */
import { applyBrandRules, type BrandRule, type BrandRulesResult } from "./brand-rules";
import { checkDisclosure, type DisclosureLang, type DisclosureResult } from "./disclosure";
import { compileRiskLexicon, riskAtLeast, scoreRisk, type CompiledRiskLexicon, type RiskLevel, type RiskResult, type RiskTerm } from "./risk";
import { measure, type LengthMeasurement, type Platform, type Span, type TextField } from "./text-length";
import { checkVariantMedia, type MediaFindingCode, type MediaItem } from "./media-rules";

export type FindingSeverity = "blocking" | "warning" | "info";
export type FindingSource = "length" | "brand" | "disclosure" | "risk" | "media";

export type FindingCode =
  | "over_limit"
  | "too_many_hashtags"
  | "too_many_mentions"
  | "forbidden_character"
  | "required_field_empty"
  | "length_unit_uncertain"
  | "fullwidth_hashtag"
  | "banned_term"
  | "required_term_missing"
  | "preferred_term"
  | "disclosure_failed"
  | "risk_high"
  | "risk_medium"
  | "risk_low"
  | MediaFindingCode;

export interface CheckFinding {
  code: FindingCode;
  severity: FindingSeverity;
  source: FindingSource;
  /** Where in the text (UTF-16 indices), for highlighting; empty when it is about the whole text. */
  spans: Span[];
  /** Values for the translated message. */
  params: Record<string, string | number | null>;
}

export type LegalReason = "risk" | "commercial" | "third_party_asset" | "likeness";

export interface ChecksInput {
  platform: Platform;
  /** "title" for a YouTube title; default "body". */
  field?: TextField;
  text: string;
  /** Paid partnership, gifted product or ad creative. */
  isCommercial: boolean;
  brandId: string | null;
  lexicon: readonly RiskTerm[] | CompiledRiskLexicon;
  rules: readonly BrandRule[];
  hasThirdPartyAsset?: boolean;
  hasLikeness?: boolean;
  /** The post's language for the disclosure rule; detected when omitted. */
  lang?: DisclosureLang;
  /** Characters within which the disclosure label must begin; default 40. */
  disclosureWindow?: number;
  /**
   * The variant's attachments in order (`{ id, missing: true }` for an id that no longer resolves).
   * Omitted: media rules are not run at all (a caller that knows nothing of media).
   */
  media?: readonly VariantMedia[];
  /** For licence expiry (the caller's clock: this module reads none); without it licences are not judged. */
  now?: Date;
  /** The planned slot, when known: a licence ending before it blocks. */
  slotAt?: Date | string | null;
  /** Published as a reply (a correction under the original): no media is required. */
  asReply?: boolean;
}

export type VariantMedia = MediaItem | { id: string; missing: true };

export interface ChecksResult {
  length: LengthMeasurement;
  risk: RiskResult;
  disclosure: DisclosureResult;
  brand: BrandRulesResult;
  /** Blocking first, then warnings, then info; within a severity in source order. */
  findings: CheckFinding[];
  blocking: boolean;
  blockingFindings: CheckFinding[];
  requiresLegalReview: boolean;
  legalReasons: LegalReason[];
}

/** Risk at or above this level is a "risk flag" that sends the post to Legal. */
export const LEGAL_RISK_LEVEL: RiskLevel = "medium";

const SEVERITY_ORDER: Record<FindingSeverity, number> = { blocking: 0, warning: 1, info: 2 };

export function runChecks(input: ChecksInput): ChecksResult {
  const { text } = input;
  const length = measure(input.platform, text, { field: input.field ?? "body" });
  const risk = scoreRisk(text, input.lexicon);
  const disclosure = checkDisclosure({ text, isCommercial: input.isCommercial, lang: input.lang, window: input.disclosureWindow });
  const brand = applyBrandRules(text, input.rules, input.brandId);

  const findings: CheckFinding[] = [];
  const add = (f: CheckFinding) => findings.push(f);

  for (const issue of length.issues) {
    switch (issue.code) {
      case "over_limit":
        add({
          code: "over_limit",
          severity: "blocking",
          source: "length",
          spans: length.overflowAt === null ? [] : [{ start: length.overflowAt, end: text.length }],
          params: { length: length.length, limit: length.limit, overBy: issue.overBy, unit: issue.unit },
        });
        break;
      case "too_many_hashtags":
      case "too_many_mentions":
        add({ code: issue.code, severity: "blocking", source: "length", spans: [], params: { count: issue.count, max: issue.max } });
        break;
      case "forbidden_character":
        add({ code: "forbidden_character", severity: "blocking", source: "length", spans: issue.spans, params: { char: issue.char } });
        break;
      case "required":
        add({ code: "required_field_empty", severity: "blocking", source: "length", spans: [], params: { field: length.field } });
        break;
      case "unit_uncertain":
        add({
          code: "length_unit_uncertain",
          severity: "warning",
          source: "length",
          spans: [],
          params: { utf16Length: issue.utf16Length, limit: length.limit },
        });
        break;
      case "fullwidth_hashtag":
        add({ code: "fullwidth_hashtag", severity: "warning", source: "length", spans: issue.spans, params: {} });
        break;
    }
  }

  for (const f of brand.findings) {
    if (f.kind === "banned_term") {
      add({ code: "banned_term", severity: "blocking", source: "brand", spans: spansOf(f.occurrences), params: { term: f.term, note: f.note } });
    } else if (f.kind === "required_term_missing") {
      add({ code: "required_term_missing", severity: "blocking", source: "brand", spans: [], params: { term: f.term, note: f.note } });
    } else {
      add({
        code: "preferred_term",
        severity: "info",
        source: "brand",
        spans: spansOf(f.occurrences),
        params: { term: f.term, replacement: f.replacement, note: f.note },
      });
    }
  }

  if (disclosure.status === "fail") {
    add({
      code: "disclosure_failed",
      severity: "blocking",
      source: "disclosure",
      spans: disclosure.label ? [{ start: disclosure.label.start, end: disclosure.label.end }] : [],
      params: { reason: disclosure.reason, label: disclosure.label?.text ?? null, window: disclosure.window },
    });
  }

  if (risk.level !== "none") {
    add({
      code: risk.level === "high" ? "risk_high" : risk.level === "medium" ? "risk_medium" : "risk_low",
      severity: risk.level === "low" ? "info" : "warning",
      source: "risk",
      spans: risk.highlights.map(({ start, end }) => ({ start, end })),
      params: { score: risk.score, level: risk.level, categories: [...new Set(risk.matches.map((m) => m.category))].join(",") },
    });
  }

  if (input.media !== undefined) {
    for (const f of checkVariantMedia({ platform: input.platform, media: input.media, now: input.now ?? null, slotAt: input.slotAt, asReply: input.asReply })) {
      add({ code: f.code, severity: f.severity, source: "media", spans: [], params: { ...f.params, assetId: f.assetId } });
    }
  }

  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]); // stable: source order kept
  const blockingFindings = findings.filter((f) => f.severity === "blocking");

  const legalReasons: LegalReason[] = [];
  if (riskAtLeast(risk.level, LEGAL_RISK_LEVEL)) legalReasons.push("risk");
  if (input.isCommercial) legalReasons.push("commercial");
  if (input.hasThirdPartyAsset) legalReasons.push("third_party_asset");
  if (input.hasLikeness) legalReasons.push("likeness");

  return {
    length,
    risk,
    disclosure,
    brand,
    findings,
    blocking: blockingFindings.length > 0,
    blockingFindings,
    requiresLegalReview: legalReasons.length > 0,
    legalReasons,
  };
}

function spansOf(occurrences: readonly Span[]): Span[] {
  return occurrences.map(({ start, end }) => ({ start, end }));
}

export interface PostVariant {
  platform: Platform;
  field?: TextField;
  text: string;
  /** See ChecksInput.media. */
  media?: readonly VariantMedia[];
}

export interface PostChecksResult {
  variants: ChecksResult[];
  blocking: boolean;
  requiresLegalReview: boolean;
  legalReasons: LegalReason[];
  /** The highest risk score among the variants (posts.risk_score). */
  riskScore: number;
}

/**
 * All variants of one post (one text per channel, YouTube title and description separately), as the
 * server runs them at submit and approval: blocking if any variant blocks; Legal if any needs it.
 */
export function runChecksForPost(input: Omit<ChecksInput, "platform" | "field" | "text"> & { variants: readonly PostVariant[] }): PostChecksResult {
  const lexicon = Array.isArray(input.lexicon) ? compileRiskLexicon(input.lexicon) : input.lexicon;
  const variants = input.variants.map((v) => runChecks({ ...input, lexicon, platform: v.platform, field: v.field, text: v.text, media: v.media }));
  const reasons = new Set(variants.flatMap((v) => v.legalReasons));
  // Commercial, asset and likeness reasons hold for the post even with no variant yet.
  if (input.isCommercial) reasons.add("commercial");
  if (input.hasThirdPartyAsset) reasons.add("third_party_asset");
  if (input.hasLikeness) reasons.add("likeness");
  const order: readonly LegalReason[] = ["risk", "commercial", "third_party_asset", "likeness"];
  const legalReasons = order.filter((r) => reasons.has(r));
  return {
    variants,
    blocking: variants.some((v) => v.blocking),
    requiresLegalReview: legalReasons.length > 0,
    legalReasons,
    riskScore: variants.reduce((max, v) => Math.max(max, v.risk.score), 0),
  };
}

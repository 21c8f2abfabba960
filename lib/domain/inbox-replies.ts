/**
 * Rules of answering the inbox, as pure functions (no IO): saved-reply variables, when a reply
 * needs someone's approval before it goes out, and when a send collides with someone else's work.
 *
 * Saved replies
 * - Variables are written {{name}}; the known ones are SAVED_REPLY_VARIABLES. Spaces inside the
 *   braces are allowed ({{ name }}). A saved reply may only use known variables (checked on save).
 * - Filling replaces each known variable with the value given; one without a value (an author with
 *   no display name) is left in the text and reported in `missing`, so the agent sees it and the
 *   composer does not send a reply that still says {{name}}.
 *
 * Approval (DESIGN.md §1 "no approval chain longer than the risk requires")
 * - An open escalation to Legal → Legal approves (legal_reviews, the exact text bound by hash).
 * - An open escalation to PR, or the item's or the reply's risk at or above the policy threshold →
 *   PR approves (anyone holding inbox.approve_reply: PR or the social media manager).
 * - An escalation to the manager → the manager's queue (same permission).
 * - Otherwise the reply goes out without approval.
 * - Legal outranks PR outranks manager: one approval, by the strictest lane that applies.
 *
 * Collision
 * - A send carries the item version and the newest reply id the agent saw when the page loaded;
 *   if either differs now, someone else replied or the item changed: CONFLICT, nothing is sent.
 *
 * Checks on a reply (the composer live, the server again at send)
 * - The content checks of drafts (lib/domain/checks.ts): brand rules, risk lexicon, length.
 * - Blocking: a banned term, over the network's length, an empty text, an unfilled {{variable}}.
 * - Not applied to replies: required wording (a brand's campaign hashtag does not belong in an
 *   answer to a customer) and the advertising disclosure (a reply is not an ad).
 */
import { runChecks, type CheckFinding, type ChecksResult } from "./checks";
import type { BrandRule } from "./brand-rules";
import type { CompiledRiskLexicon, RiskTerm } from "./risk";
import type { Platform } from "./text-length";

export const SAVED_REPLY_VARIABLES = ["name", "handle", "date", "agent", "brand"] as const;
export type SavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

export const SAVED_REPLY_LIMITS = { titleMax: 120, bodyMax: 2000 } as const;
/** Longest reply any of our networks accepts in one message (Messenger: 2,000 characters). */
export const REPLY_TEXT_MAX = 2000;

const VARIABLE_RE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

/** Variables a template uses, in order of first use. */
export function templateVariables(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(VARIABLE_RE)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** Variables in a template that are not known ones (a typo such as {{nmae}}). */
export function unknownVariables(body: string): string[] {
  return templateVariables(body).filter((v) => !(SAVED_REPLY_VARIABLES as readonly string[]).includes(v));
}

export type TemplateValues = Partial<Record<SavedReplyVariable, string | null | undefined>>;

/** Fills the known variables; unknown or empty ones stay as written and are listed in `missing`. */
export function fillTemplate(body: string, values: TemplateValues): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = body.replace(VARIABLE_RE, (whole, name: string) => {
    const v = (values as Record<string, string | null | undefined>)[name];
    if (typeof v === "string" && v.trim() !== "") return v;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text, missing };
}

/** True when the text still contains a {{variable}} (not filled in). */
export function hasUnfilledVariables(text: string): boolean {
  return new RegExp(VARIABLE_RE.source).test(text);
}

/** The date as the customer reads it: Japanese style for ja, "29 November 2026" for en, in the given zone. */
export function templateDate(now: Date, locale: "ja" | "en", timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { year: "numeric", month: "long", day: "numeric", timeZone }).format(now);
}

export type ApprovalRole = "pr" | "legal" | "manager";
export type EscalationRole = "pr" | "legal" | "social_media_manager" | string;

export const DEFAULT_APPROVAL_RISK = 70;

/** Which approval a reply needs before it is sent, or null for none. */
export function approvalRequirement(input: {
  /** Roles of the item's open (unresolved) escalations. */
  openEscalations: readonly EscalationRole[];
  itemRisk: number;
  replyRisk: number;
  /** inbox_policy "thresholds".approvalRisk (0–100). */
  threshold: number;
}): { role: ApprovalRole; reason: "escalated_legal" | "escalated_pr" | "escalated_manager" | "risk" } | null {
  if (input.openEscalations.includes("legal")) return { role: "legal", reason: "escalated_legal" };
  if (input.openEscalations.includes("pr")) return { role: "pr", reason: "escalated_pr" };
  if (Math.max(input.itemRisk, input.replyRisk) >= input.threshold) return { role: "pr", reason: "risk" };
  if (input.openEscalations.includes("social_media_manager")) return { role: "manager", reason: "escalated_manager" };
  return null;
}

/** Why a send collides, or null when the agent's view is still current. */
export function collision(input: {
  baseVersion: number;
  currentVersion: number;
  lastSeenReplyId: string | null;
  currentLastReplyId: string | null;
}): "replied" | "changed" | null {
  if ((input.lastSeenReplyId ?? null) !== (input.currentLastReplyId ?? null)) return "replied";
  if (input.baseVersion !== input.currentVersion) return "changed";
  return null;
}

/** How long a presence heartbeat counts (the client beats every PRESENCE_BEAT_MS). */
export const PRESENCE_TTL_MS = 30_000;
export const PRESENCE_BEAT_MS = 5_000;

/** Retries of sends known to have changed nothing remotely: after 15 s, 1 min, 4 min. */
export const REPLY_MAX_ATTEMPTS = 4;
export function replyBackoffMs(attempt: number): number {
  return 15_000 * 4 ** Math.max(0, attempt - 1);
}

export type ReplyFinding = CheckFinding | { code: "unfilled_variable"; severity: "blocking"; source: "template"; spans: { start: number; end: number }[]; params: { names: string } };

export interface ReplyChecks {
  findings: ReplyFinding[];
  blocking: boolean;
  risk: ChecksResult["risk"];
}

/** The checks of one reply text (pure: the composer runs it per keystroke, the server at send). */
export function checkReply(input: { platform: Platform; text: string; brandId: string | null; lexicon: readonly RiskTerm[] | CompiledRiskLexicon; rules: readonly BrandRule[] }): ReplyChecks {
  const text = input.text;
  const r = runChecks({ platform: input.platform, text, isCommercial: false, brandId: input.brandId, lexicon: input.lexicon, rules: input.rules });
  const findings: ReplyFinding[] = r.findings.filter((f) => f.code !== "required_term_missing" && f.code !== "disclosure_failed" && f.code !== "too_many_hashtags" && f.code !== "required_field_empty");
  // {{name}}, and also a single-brace {name} (older templates): either left in would reach the customer.
  const unfilled = [...text.matchAll(new RegExp(`${VARIABLE_RE.source}|(?<!\\{)\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\}(?!\\})`, "g"))].map((m) => Object.assign(m, { 1: m[1] ?? m[2] }));
  if (unfilled.length > 0)
    findings.unshift({
      code: "unfilled_variable",
      severity: "blocking",
      source: "template",
      spans: unfilled.map((m) => ({ start: m.index, end: m.index + m[0].length })),
      params: { names: [...new Set(unfilled.map((m) => m[1]!))].join(", ") },
    });
  return { findings, blocking: text.trim() === "" || text.length > REPLY_TEXT_MAX || findings.some((f) => f.severity === "blocking"), risk: r.risk };
}

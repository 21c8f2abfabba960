import type { Tone } from "./badge";

/**
 * Colour tones for the shared status vocabularies. Labels come from messages (common.json);
 * these only pick the colour that goes with the words.
 */
export const POST_STATE_TONE: Record<string, Tone> = {
  draft: "muted",
  in_review: "info",
  changes_requested: "warning",
  final_review: "brand",
  approved: "success",
  scheduled: "success",
  publishing: "info",
  published: "neutral",
  expired: "danger",
  failed: "danger",
  cancelled: "muted",
};

export const TARGET_STATE_TONE: Record<string, Tone> = {
  pending: "muted",
  scheduled: "success",
  held: "warning",
  publishing: "info",
  published: "neutral",
  failed: "danger",
  needs_human_check: "danger",
  expired: "danger",
  cancelled: "muted",
};

export const INBOX_STATUS_TONE: Record<string, Tone> = {
  open: "info",
  assigned: "brand",
  waiting: "muted",
  escalated: "danger",
  closed: "success",
  hidden: "muted",
};

export const SENTIMENT_TONE: Record<string, Tone> = { positive: "success", neutral: "neutral", negative: "danger" };

export const PRIORITY_TONE: Record<string, Tone> = { urgent: "danger", high: "warning", normal: "neutral", low: "muted" };

/** Risk 0–100 in three bands. */
export function riskLevel(score: number): "high" | "medium" | "low" {
  return score >= 70 ? "high" : score >= 40 ? "medium" : "low";
}

export const RISK_TONE: Record<"high" | "medium" | "low", Tone> = { high: "danger", medium: "warning", low: "neutral" };

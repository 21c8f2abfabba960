import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import type { ReplyFinding } from "@/lib/domain/inbox-replies";

/** The words for a refused reply / moderation / saved-reply action: the DAL's message key when known, else the generic text. */
export function useReplyErrorText() {
  const t = useTranslations("replies.errors");
  const tc = useTranslations("common.errors");
  return (err: PublicError): string => {
    if (err.message.startsWith("legal_hold:")) return t("legal_hold", { detail: err.message.slice("legal_hold:".length).trim() });
    const keys = [err.message, ...Object.values(err.fieldErrors ?? {}).flat()];
    const known = keys.find((k) => typeof k === "string" && /^[a-z_.]+$/.test(k) && t.has(k as never));
    if (known) return t(known as never);
    return tc.has(err.code as never) ? tc(err.code as never) : t("generic");
  };
}

/** A connector error code in words (unknown codes are shown as they are). */
export function useErrorCodeText() {
  const t = useTranslations("replies.errorCodes");
  return (code: string | null) => (!code ? "" : t.has(code as never) ? t(code as never) : t("other", { code }));
}

function params(p: Record<string, string | number | null>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v ?? ""]));
}

/** A check finding in words: the studio's wording for content checks, ours for template variables. */
export function useReplyFindingText() {
  const ts = useTranslations("studio.checks") as unknown as (key: string, values: Record<string, string | number>) => string;
  const t = useTranslations("replies.checks");
  return (f: ReplyFinding) => (f.code === "unfilled_variable" ? t("unfilled_variable", { names: String(f.params.names) }) : ts(`codes.${f.code}`, params(f.params)));
}

export const REPLY_STATE_TONE = {
  draft: "muted",
  pending_approval: "warning",
  approved: "info",
  rejected: "danger",
  sending: "info",
  sent: "success",
  failed: "danger",
  held: "warning",
  needs_check: "danger",
} as const;

"use client";

import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { approvalRequirement, checkReply, fillTemplate, REPLY_TEXT_MAX } from "@/lib/domain/inbox-replies";
import { compileRiskLexicon } from "@/lib/domain/risk";
import type { ReplyComposerContext } from "@/lib/dal/inbox-replies";
import type { PublicError } from "@/lib/errors";
import { sendReplyAction } from "../reply-actions";
import { btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { useReplyErrorText, useReplyFindingText } from "./reply-shared";

export type SavedReplyOption = { id: string; title: string; locale: "ja" | "en"; body: string };

const SEVERITY_STYLE = {
  blocking: "border-red-400 bg-red-50 text-red-900",
  warning: "border-amber-400 bg-amber-50 text-amber-900",
  info: "border-slate-300 bg-slate-50 text-slate-700",
} as const;

/**
 * The reply box: insert a saved reply with its variables filled, the brand and risk checks live
 * on every keystroke (the same pure function the server runs at send), which approval the reply
 * will need, a warning when someone else replied or the item changed since load, and Send
 * (Ctrl+Enter). A send carries the version and newest reply the agent saw; a collision comes back
 * as a clear conflict with nothing sent.
 */
export function ReplyComposer(props: {
  ctx: ReplyComposerContext;
  saved: SavedReplyOption[];
  canManageSaved: boolean;
  base: { version: number; lastReplyId: string | null };
  stale: "replied" | "changed" | null;
  othersReplying: boolean;
  onReload: () => void;
  onModeChange: (m: "viewing" | "replying") => void;
  onSent: (r: { replyId: string; version: number; state: "approved" | "pending_approval" }) => void;
}) {
  const { ctx } = props;
  const t = useTranslations("replies");
  const tStudio = useTranslations("studio.checks");
  const errorText = useReplyErrorText();
  const findingText = useReplyFindingText();
  const ids = { text: "inbox-reply-composer", saved: useId(), checks: useId(), approval: useId() };
  const [text, setText] = useState("");
  const [savedId, setSavedId] = useState("");
  const [usedSavedId, setUsedSavedId] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<PublicError | null>(null);
  const [notice, setNotice] = useState<"sent" | "submitted" | null>(null);
  const [pending, start] = useTransition();
  const area = useRef<HTMLTextAreaElement>(null);

  const lexicon = useMemo(() => compileRiskLexicon(ctx.lexicon), [ctx.lexicon]);
  const checks = useMemo(
    () => (text.trim() ? checkReply({ platform: ctx.platform, text, brandId: ctx.brandId, lexicon, rules: ctx.rules }) : null),
    [text, ctx.platform, ctx.brandId, lexicon, ctx.rules],
  );
  const need = approvalRequirement({ openEscalations: ctx.openEscalations, itemRisk: ctx.itemRisk, replyRisk: checks?.risk.score ?? 0, threshold: ctx.approvalThreshold });
  const tooLong = text.length > REPLY_TEXT_MAX;
  const canSend = !!checks && !checks.blocking && !tooLong && !pending;

  const replying = text.trim().length > 0;
  const { onModeChange } = props;
  useEffect(() => onModeChange(replying ? "replying" : "viewing"), [replying, onModeChange]);

  const insert = () => {
    const s = props.saved.find((x) => x.id === savedId);
    if (!s) return;
    const filled = fillTemplate(s.body, ctx.templateValues);
    const el = area.current;
    // At the cursor when there is text already; otherwise the saved reply is the text.
    if (el && text) {
      const at = el.selectionStart ?? text.length;
      const end = el.selectionEnd ?? at;
      setText(text.slice(0, at) + filled.text + text.slice(end));
    } else setText(filled.text);
    setMissing(filled.missing);
    setUsedSavedId(s.id);
    setNotice(null);
    requestAnimationFrame(() => area.current?.focus());
  };

  const send = () => {
    if (!canSend) return;
    setError(null);
    setNotice(null);
    start(async () => {
      const r = await sendReplyAction({ itemId: ctx.itemId, text, baseVersion: props.base.version, lastSeenReplyId: props.base.lastReplyId, savedReplyId: usedSavedId });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setText("");
      setMissing([]);
      setUsedSavedId(null);
      setSavedId("");
      setNotice(r.data.state === "approved" ? "sent" : "submitted");
      props.onSent(r.data);
    });
  };

  const reasonText = need
    ? t(`composer.approval.reasons.${need.reason}`, { score: Math.max(ctx.itemRisk, checks?.risk.score ?? 0), threshold: ctx.approvalThreshold })
    : "";
  const byLocale = (l: "ja" | "en") => props.saved.filter((s) => s.locale === l);

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50/60 p-3" data-testid="reply-composer">
      {props.stale && (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="reply-stale">
          <span>{props.stale === "replied" ? t("composer.staleReplied") : t("composer.staleChanged")}</span>
          <button type="button" className={btnSecondary} onClick={props.onReload}>
            {t("composer.reload")}
          </button>
        </div>
      )}
      {props.othersReplying && !props.stale && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">{t("presence.someoneReplying")}</p>
      )}

      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor={ids.saved} className={labelCls}>
            {t("composer.savedLabel")}
          </label>
          <select id={ids.saved} className={inputCls} value={savedId} onChange={(e) => setSavedId(e.target.value)} data-testid="saved-reply-select" disabled={props.saved.length === 0}>
            <option value="">{props.saved.length === 0 ? t("composer.savedEmpty") : t("composer.savedNone")}</option>
            {(["ja", "en"] as const).map((l) =>
              byLocale(l).length ? (
                <optgroup key={l} label={t(`saved.locales.${l}`)}>
                  {byLocale(l).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        </div>
        <button type="button" className={btnSecondary} onClick={insert} disabled={!savedId} data-testid="saved-reply-insert">
          {t("composer.insert")}
        </button>
        {props.canManageSaved && (
          <Link href="/community/saved-replies" className="px-1 py-1.5 text-xs text-brand-700 underline hover:text-brand-800">
            {t("composer.manageSaved")}
          </Link>
        )}
      </div>

      <div>
        <label htmlFor={ids.text} className={labelCls}>
          {t("composer.label")}
        </label>
        <textarea
          id={ids.text}
          ref={area}
          data-testid="reply-text"
          className={`${inputCls} min-h-28 resize-y`}
          value={text}
          placeholder={t("composer.placeholder")}
          aria-describedby={`${ids.checks} ${ids.approval}`}
          aria-invalid={checks?.blocking || tooLong ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
            setNotice(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            }
          }}
        />
        <p className={`mt-1 text-right text-xs tabular-nums ${tooLong ? "text-red-700" : "text-slate-500"}`}>{t("composer.count", { count: text.length, max: REPLY_TEXT_MAX })}</p>
        {missing.length > 0 && <p className="text-xs text-amber-800">{t("composer.missingVariables", { names: missing.map((m) => `{{${m}}}`).join(" ") })}</p>}
      </div>

      <div id={ids.checks} aria-live="polite" className="rounded-md border border-slate-200 bg-white p-3" data-testid="reply-checks">
        <h3 className="text-xs font-semibold text-slate-700">{t("checks.title")}</h3>
        {!checks ? (
          <p className="mt-1 text-xs text-slate-500">{t("checks.empty")}</p>
        ) : (
          <>
            {checks.findings.length === 0 && !tooLong ? (
              <p className="mt-1 text-xs text-emerald-700">{t("checks.ok")}</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {tooLong && <li className={`rounded-md border-l-4 px-2 py-1 text-sm ${SEVERITY_STYLE.blocking}`}>{t("checks.tooLong", { max: REPLY_TEXT_MAX })}</li>}
                {checks.findings.map((f, i) => (
                  <li key={i} className={`rounded-md border-l-4 px-2 py-1 text-sm ${SEVERITY_STYLE[f.severity]}`} data-testid={`reply-finding-${f.code}`}>
                    {findingText(f)}
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-2 text-xs text-slate-600" data-testid="reply-risk">
              {t("checks.risk", { score: checks.risk.score, level: tStudio(`riskLevels.${checks.risk.level}`) })}
              {checks.risk.matches.length > 0 && <> · {t("checks.matched", { terms: [...new Set(checks.risk.matches.flatMap((m) => m.spans.map((s) => s.text)))].join("、") })}</>}
            </p>
          </>
        )}
      </div>

      <p
        id={ids.approval}
        data-testid="reply-approval-notice"
        data-lane={need?.role ?? "none"}
        className={`rounded-md border px-3 py-2 text-sm ${need ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-600"}`}
      >
        {need ? t(`composer.approval.${need.role}`, { reason: reasonText }) : t("composer.approval.none")}
      </p>

      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="reply-error" data-code={error.code}>
          {errorText(error)}
          {error.code === "CONFLICT" && (error.message === "inbox_reply.replied" || error.message === "inbox_reply.changed") && (
            <button type="button" className={`${btnSecondary} ml-2`} onClick={props.onReload}>
              {t("composer.reload")}
            </button>
          )}
        </p>
      )}
      {notice && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="reply-notice">
          {t(`composer.${notice}`)}
        </p>
      )}

      <div className="flex justify-end">
        <button type="button" className={btnPrimary} onClick={send} disabled={!canSend} data-testid="reply-send">
          {pending ? t("composer.sending") : need ? t("composer.sendForApproval") : t("composer.send")}
        </button>
      </div>
    </div>
  );
}

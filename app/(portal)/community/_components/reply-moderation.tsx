"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { btnDanger, btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import type { ModerationDto } from "@/lib/dal/inbox-moderation";
import type { PublicError } from "@/lib/errors";
import { moderateItemAction } from "../reply-actions";
import { useErrorCodeText, useReplyErrorText } from "./reply-shared";

const STATE_TONE = { pending: "info", sending: "info", done: "success", failed: "danger", held: "warning", needs_check: "danger" } as const;

/** Hide / unhide / delete the comment on its network, with a required reason; the history of what was done. */
export function ReplyModeration({ itemId, canModerate, isHidden, history, timeZone }: { itemId: string; canModerate: boolean; isHidden: boolean; history: ModerationDto[]; timeZone: string }) {
  const t = useTranslations("replies.moderation");
  const format = useFormatter();
  const router = useRouter();
  const errorText = useReplyErrorText();
  const codeText = useErrorCodeText();
  const reasonId = useId();
  const [action, setAction] = useState<"hide" | "unhide" | "delete" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<PublicError | null>(null);
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();
  const inFlight = history.some((h) => h.state === "pending" || h.state === "sending" || h.state === "held");

  const submit = () => {
    if (!action || !reason.trim()) return;
    setError(null);
    start(async () => {
      const r = await moderateItemAction({ itemId, action, reason });
      if (!r.ok) return setError(r.error);
      setAction(null);
      setReason("");
      setDone(true);
      router.refresh();
    });
  };

  return (
    <div className="rounded-lg border border-slate-200 p-3" data-testid="reply-moderation">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-800">
          {t("title")}
          {isHidden && <Badge tone="warning">{t("hidden")}</Badge>}
        </h3>
        {canModerate && !action && (
          <div className="flex flex-wrap gap-2">
            {isHidden ? (
              <button type="button" className={btnSecondary} disabled={inFlight} onClick={() => (setAction("unhide"), setDone(false))} data-testid="moderate-unhide">
                {t("unhide")}
              </button>
            ) : (
              <button type="button" className={btnSecondary} disabled={inFlight} onClick={() => (setAction("hide"), setDone(false))} data-testid="moderate-hide">
                {t("hide")}
              </button>
            )}
            <button type="button" className={btnDanger} disabled={inFlight} onClick={() => (setAction("delete"), setDone(false))} data-testid="moderate-delete">
              {t("delete")}
            </button>
          </div>
        )}
      </div>
      {action && (
        <div className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className={`text-sm ${action === "delete" ? "font-medium text-red-800" : "text-slate-700"}`}>
            {t(action === "hide" ? "confirmHide" : action === "unhide" ? "confirmUnhide" : "confirmDelete")}
          </p>
          <div>
            <label htmlFor={reasonId} className={labelCls}>
              {t("reason")}
            </label>
            <input
              id={reasonId}
              className={inputCls}
              value={reason}
              maxLength={1000}
              placeholder={t("reasonPlaceholder")}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && setAction(null)}
              autoFocus
              data-testid="moderate-reason"
            />
          </div>
          <div className="flex gap-2">
            <button type="button" className={action === "delete" ? btnDanger : btnPrimary} disabled={!reason.trim() || pending} onClick={submit} data-testid="moderate-submit">
              {pending ? t("working") : t("submit")}
            </button>
            <button type="button" className={btnSecondary} onClick={() => (setAction(null), setError(null))}>
              {t("cancel")}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="moderate-error">
          {errorText(error)}
        </p>
      )}
      {done && (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {t("requested")}
        </p>
      )}
      {history.length > 0 && (
        <div className="mt-3">
          <h4 className="text-xs font-medium text-slate-600">{t("history")}</h4>
          <ul className="mt-1 space-y-1 text-xs text-slate-700">
            {history.map((h) => (
              <li key={h.id} className="flex flex-wrap items-center gap-1.5" data-testid="moderation-entry" data-state={h.state}>
                <Badge tone={STATE_TONE[h.state]}>{t(`states.${h.state}`)}</Badge>
                <span className="font-medium">{t(`actions.${h.action}`)}</span>
                <span>{h.isRule ? t("byRule") : (h.actorName ?? "—")}</span>
                {h.reason && <span className="text-slate-500">「{h.reason}」</span>}
                {h.errorCode && <span className="text-red-800">{codeText(h.errorCode)}</span>}
                <time dateTime={h.createdAt.toISOString()} className="tabular-nums text-slate-500">
                  {format.dateTime(h.createdAt, { timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })}
                </time>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

"use client";

import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { btnPrimary, btnSecondary, inputCls } from "@/components/scheduling/ui";
import { checkReply, REPLY_TEXT_MAX } from "@/lib/domain/inbox-replies";
import type { ReplyComposerContext, ReplyDto } from "@/lib/dal/inbox-replies";
import type { PublicError } from "@/lib/errors";
import { editReplyAction } from "../reply-actions";
import { REPLY_STATE_TONE, useErrorCodeText, useReplyErrorText, useReplyFindingText } from "./reply-shared";

/** The house format (as components/ui/time.tsx, which is server-only): 11月29日(日) 16:30. */
const dateTimeFormat = (timeZone: string) => ({ timeZone, month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" }) as const;

const EDITABLE = new Set(["pending_approval", "rejected", "approved", "held", "failed"]);

/** The item's replies in order, each with its status (live), who approved or rejected it and why, and an edit for the author's own unsent ones. */
export function ReplyList({ replies, timeZone, ctx }: { replies: ReplyDto[]; timeZone: string; ctx: ReplyComposerContext }) {
  const t = useTranslations("replies");
  if (replies.length === 0) return <p className="text-sm text-slate-500" data-testid="reply-list-empty">{t("section.none")}</p>;
  return (
    <ol className="space-y-2" data-testid="reply-list">
      {replies.map((r) => (
        <ReplyRow key={r.id} reply={r} timeZone={timeZone} ctx={ctx} />
      ))}
    </ol>
  );
}

function ReplyRow({ reply: r, timeZone, ctx }: { reply: ReplyDto; timeZone: string; ctx: ReplyComposerContext }) {
  const t = useTranslations("replies");
  const format = useFormatter();
  const codeText = useErrorCodeText();
  const [editing, setEditing] = useState(false);
  const canEdit = r.isMine && EDITABLE.has(r.state) && ctx.canReply;
  const at = r.sentAt ?? r.createdAt;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3" data-testid="reply-item" data-state={r.state} data-reply-id={r.id}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span className="flex flex-wrap items-center gap-1.5">
          <span className="font-medium text-slate-700">{r.isMine ? t("list.mine") : (r.authorName ?? "—")}</span>
          <time dateTime={at.toISOString()} className="tabular-nums">
            {format.dateTime(at, dateTimeFormat(timeZone))}
          </time>
        </span>
        <Badge tone={REPLY_STATE_TONE[r.state]}>{t(`states.${r.state}`)}</Badge>
      </div>
      {editing ? (
        <EditReply reply={r} ctx={ctx} onDone={() => setEditing(false)} />
      ) : (
        <p className="mt-1.5 whitespace-pre-wrap break-words text-sm text-slate-900" data-testid="reply-item-text">
          {r.text}
        </p>
      )}
      <div className="mt-1.5 space-y-0.5 text-xs text-slate-600">
        {r.state === "pending_approval" && r.approvalRole && <p>{t("list.awaiting", { lane: t(`lanes.${r.approvalRole}`) })}</p>}
        {r.decidedByName && r.state !== "pending_approval" && <p>{t("list.decidedBy", { name: r.decidedByName })}</p>}
        {r.state === "rejected" && r.rejectionReason && <p className="text-red-800">{t("list.rejectedReason", { reason: r.rejectionReason })}</p>}
        {(r.state === "failed" || r.state === "needs_check" || (r.state === "approved" && r.errorCode)) && r.errorCode && (
          <p className="text-red-800">{t("list.error", { error: codeText(r.errorCode) })}</p>
        )}
        {r.state === "held" && <p className="text-amber-800">{t("list.held")}</p>}
        {r.state === "needs_check" && <p className="text-red-800">{t("list.needsCheck")}</p>}
      </div>
      {canEdit && !editing && (
        <button type="button" className={`${btnSecondary} mt-2`} onClick={() => setEditing(true)} data-testid="reply-edit">
          {t("list.edit")}
        </button>
      )}
    </li>
  );
}

function EditReply({ reply, ctx, onDone }: { reply: ReplyDto; ctx: ReplyComposerContext; onDone: () => void }) {
  const t = useTranslations("replies");
  const errorText = useReplyErrorText();
  const findingText = useReplyFindingText();
  const [text, setText] = useState(reply.text);
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const checks = text.trim() ? checkReply({ platform: ctx.platform, text, brandId: ctx.brandId, lexicon: ctx.lexicon, rules: ctx.rules }) : null;
  const blocking = !checks || checks.blocking || text.length > REPLY_TEXT_MAX;
  const save = () =>
    start(async () => {
      const r = await editReplyAction({ replyId: reply.id, text });
      if (!r.ok) setError(r.error);
      else onDone();
    });
  return (
    <div className="mt-2 space-y-2">
      <textarea aria-label={t("composer.label")} className={`${inputCls} min-h-24`} value={text} onChange={(e) => setText(e.target.value)} data-testid="reply-edit-text" />
      <p className="text-xs text-slate-500">{t("list.editHint")}</p>
      {checks && checks.findings.length > 0 && (
        <ul className="space-y-1 text-xs">
          {checks.findings.map((f, i) => (
            <li key={i} className={f.severity === "blocking" ? "text-red-800" : "text-amber-800"}>
              {findingText(f)}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {errorText(error)}
        </p>
      )}
      <div className="flex gap-2">
        <button type="button" className={btnPrimary} onClick={save} disabled={blocking || pending} data-testid="reply-edit-save">
          {pending ? t("list.saving") : t("list.save")}
        </button>
        <button type="button" className={btnSecondary} onClick={onDone}>
          {t("list.cancel")}
        </button>
      </div>
    </div>
  );
}

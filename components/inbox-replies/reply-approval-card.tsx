"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { btnDanger, btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { decideReplyAction } from "@/app/(portal)/community/reply-actions";
import type { ReplyApprovalDto } from "@/lib/dal/inbox-replies";
import type { PublicError } from "@/lib/errors";
import { useReplyErrorText } from "@/app/(portal)/community/_components/reply-shared";

type Approval = Omit<ReplyApprovalDto, "createdAt"> & { createdAt: string };

/** One pending reply: the customer's message (inert text), the proposed reply, approve or reject with a reason. */
export function ReplyApprovalCard({ approval: a, timeZone, canReadDm }: { approval: Approval; timeZone: string; canReadDm: boolean }) {
  const t = useTranslations("replies");
  const tc = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const errorText = useReplyErrorText();
  const reasonId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<PublicError | null>(null);
  const [done, setDone] = useState<"approved" | "rejected" | null>(null);
  const [pending, start] = useTransition();

  const decide = (decision: "approve" | "reject") =>
    start(async () => {
      setError(null);
      const r = await decideReplyAction(decision === "approve" ? { replyId: a.replyId, decision, textHash: a.textHash } : { replyId: a.replyId, decision, textHash: a.textHash, reason });
      if (!r.ok) return setError(r.error);
      setDone(r.data.state);
      router.refresh();
    });

  const reasonText = a.approvalReason
    ? (t as unknown as (k: string, v: Record<string, number>) => string)(`approvals.reasons.${a.approvalReason}`, { score: a.item.riskScore })
    : t(`lanes.${a.approvalRole}`);
  const dmHidden = a.item.kind === "dm" && !canReadDm;

  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="reply-approval" data-reply-id={a.replyId}>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
        <Badge tone="muted">{tc(`inboxKinds.${a.item.kind}` as never)}</Badge>
        <span>{a.item.channelName}</span>
        <Badge tone={a.item.riskScore >= 70 ? "danger" : a.item.riskScore >= 40 ? "warning" : "neutral"}>{t("approvals.risk", { score: a.item.riskScore })}</Badge>
        <Badge tone="warning">{t(`lanes.${a.approvalRole}`)}</Badge>
        <time dateTime={a.createdAt} className="ml-auto tabular-nums">
          {format.dateTime(new Date(a.createdAt), { timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })}
        </time>
      </div>
      <div className="mt-2 grid gap-2 md:grid-cols-2">
        <div>
          <p className="text-xs font-medium text-slate-500">
            {t("approvals.inReplyTo")}: {a.item.authorName ?? "—"} {a.item.authorHandle && <span className="text-slate-400">{a.item.authorHandle}</span>}
          </p>
          <blockquote className="mt-1 whitespace-pre-wrap break-words border-l-4 border-slate-200 pl-3 text-sm text-slate-800" data-testid="reply-approval-item">
            {dmHidden ? <span className="italic text-slate-500">{t("approvals.dmHidden")}</span> : a.item.text}
          </blockquote>
        </div>
        <div>
          <p className="text-xs font-medium text-slate-500">
            {t("approvals.reply")} · {t("approvals.by", { name: a.isMine ? t("list.mine") : (a.authorName ?? "—") })}
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words rounded-md border border-brand-200 bg-brand-50/60 p-2 text-sm text-slate-900" data-testid="reply-approval-text">
            {a.text}
          </p>
        </div>
      </div>
      <p className="mt-2 text-xs text-slate-600">{t("approvals.reason", { reason: reasonText })}</p>
      {done ? (
        <p role="status" className="mt-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="reply-approval-done">
          {t(`approvals.${done}`)}
        </p>
      ) : a.isMine ? (
        <p className="mt-2 text-xs text-slate-500">{t("approvals.ownReply")}</p>
      ) : rejecting ? (
        <div className="mt-2 space-y-2">
          <label htmlFor={reasonId} className={labelCls}>
            {t("approvals.rejectReason")}
          </label>
          <textarea id={reasonId} className={`${inputCls} min-h-16`} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} autoFocus data-testid="reply-reject-reason" />
          <div className="flex gap-2">
            <button type="button" className={btnDanger} disabled={!reason.trim() || pending} onClick={() => decide("reject")} data-testid="reply-reject-confirm">
              {pending ? t("approvals.working") : t("approvals.confirmReject")}
            </button>
            <button type="button" className={btnSecondary} onClick={() => setRejecting(false)}>
              {t("list.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          <button type="button" className={btnPrimary} disabled={pending} onClick={() => decide("approve")} data-testid="reply-approve">
            {pending ? t("approvals.working") : t("approvals.approve")}
          </button>
          <button type="button" className={btnSecondary} disabled={pending} onClick={() => setRejecting(true)} data-testid="reply-reject">
            {t("approvals.reject")}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="reply-approval-error">
          {errorText(error)}
        </p>
      )}
    </li>
  );
}

"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { addRevisionCommentAction } from "@/app/(portal)/comments/actions";

const btnPrimary =
  "inline-flex items-center justify-center gap-1 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-600/40 disabled:cursor-not-allowed disabled:opacity-50";

type ErrorKey = "comment_required" | "comment_too_long" | "NOT_FOUND";

function errorKeyOf(err: PublicError): ErrorKey | null {
  const codes = [err.message, ...(err.fieldErrors?.body ?? [])];
  if (codes.includes("comment_required")) return "comment_required";
  if (codes.includes("comment_too_long")) return "comment_too_long";
  if (err.code === "NOT_FOUND") return "NOT_FOUND";
  return null;
}

/** Comment on the current revision. Checked here first (empty, too long), then again by the action and the DAL. */
export function CommentForm(props: { postId: string; revisionId: string; revisionNumber: number; max: number }) {
  const t = useTranslations("comments");
  const tc = useTranslations("common.errors");
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<{ key: ErrorKey | null; err?: PublicError } | null>(null);
  const [posted, setPosted] = useState(false);
  const [pending, start] = useTransition();
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);

  const send = () => {
    setPosted(false);
    const trimmed = body.trim();
    if (!trimmed) return fail({ key: "comment_required" });
    if (trimmed.length > props.max) return fail({ key: "comment_too_long" });
    setError(null);
    start(async () => {
      const r = await addRevisionCommentAction({ postId: props.postId, revisionId: props.revisionId, body: trimmed });
      if (r.ok) {
        setBody("");
        setPosted(true);
        router.refresh();
      } else fail({ key: errorKeyOf(r.error), err: r.error });
    });
  };
  const fail = (e: { key: ErrorKey | null; err?: PublicError }) => {
    setError(e);
    ref.current?.focus();
  };

  const message = error ? (error.key ? t(`errors.${error.key}`, { max: props.max }) : tc(error.err?.code ?? "INTERNAL")) : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      noValidate
      className="space-y-2"
      data-testid="comment-form"
    >
      <label htmlFor={fieldId} className="block text-xs font-medium text-slate-600">
        {t("formLabel", { number: props.revisionNumber })}
      </label>
      <textarea
        ref={ref}
        id={fieldId}
        name="body"
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
        aria-invalid={!!error?.key && error.key !== "NOT_FOUND"}
        aria-describedby={`${hintId}${message ? ` ${errorId}` : ""}`}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500"
        data-testid="comment-body-input"
      />
      <p id={hintId} className="flex justify-between gap-2 text-xs text-slate-500">
        <span>{t("hint", { max: props.max })}</span>
        <span className={`tabular-nums ${body.trim().length > props.max ? "font-medium text-red-700" : ""}`} aria-hidden>
          {body.trim().length}/{props.max}
        </span>
      </p>
      {message && (
        <p id={errorId} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="comment-error">
          {message}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="comment-submit">
          {pending ? t("submitting") : t("submit")}
        </button>
        <span role="status" className="text-xs text-emerald-700" data-testid="comment-posted">
          {posted ? t("posted") : ""}
        </span>
      </div>
    </form>
  );
}

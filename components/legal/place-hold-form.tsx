"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { placeHoldAction } from "@/app/(portal)/legal/holds/actions";

const PLATFORMS = ["x", "instagram", "facebook", "line", "tiktok", "youtube"] as const;
type Kind = "post" | "inbox_thread" | "platform_user";
export type HoldSubject = { kind: "post"; postId: string } | { kind: "inbox_thread"; threadKey: string } | { kind: "platform_user"; platform: string; authorExternalId: string };

const input =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
const label = "mb-1 block text-xs font-medium text-slate-600";
const btn = "inline-flex items-center justify-center rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50";

/**
 * Places a legal hold. With `subject` fixed (a post page, an inbox thread) it asks only for the
 * reason; without it, Legal picks the kind and names the subject. Mount it anywhere a viewer with
 * legal_hold.manage may see it (the action checks again).
 */
export function PlaceHoldForm({ subject, compact = false }: { subject?: HoldSubject; compact?: boolean }) {
  const t = useTranslations("legalHolds.holds");
  const router = useRouter();
  const [kind, setKind] = useState<Kind>(subject?.kind ?? "post");
  const [ref, setRef] = useState({ postId: "", threadKey: "", platform: "x", authorExternalId: "" });
  const [reason, setReason] = useState("");
  const [error, setError] = useState<PublicError | null>(null);
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();
  const ids = { kind: useId(), ref: useId(), platform: useId(), reason: useId(), err: useId() };

  const payload = () => {
    if (subject) {
      const { kind: k, ...rest } = subject;
      return { subjectKind: k, ...rest, reason };
    }
    if (kind === "post") return { subjectKind: kind, postId: ref.postId.trim(), reason };
    if (kind === "inbox_thread") return { subjectKind: kind, threadKey: ref.threadKey.trim(), reason };
    return { subjectKind: kind, platform: ref.platform, authorExternalId: ref.authorExternalId.trim(), reason };
  };
  const submit = () =>
    start(async () => {
      setError(null);
      setDone(false);
      const r = await placeHoldAction(payload());
      if (!r.ok) return setError(r.error);
      setReason("");
      setDone(true);
      router.refresh();
    });
  const message = error ? (["VALIDATION", "NOT_FOUND", "CONFLICT", "FORBIDDEN"].includes(error.code) ? t(`errors.${error.code}` as "errors.VALIDATION") : t("errors.other", { code: error.code })) : null;

  return (
    <form
      className={compact ? "space-y-2" : "grid gap-3 md:grid-cols-[12rem_minmax(0,1fr)] md:items-start"}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      data-testid="place-hold-form"
    >
      {!subject && (
        <>
          <div>
            <label htmlFor={ids.kind} className={label}>{t("kind")}</label>
            <select id={ids.kind} className={input} value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="hold-kind">
              {(["post", "inbox_thread", "platform_user"] as const).map((k) => (
                <option key={k} value={k}>{t(`kinds.${k}`)}</option>
              ))}
            </select>
          </div>
          <div className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
            {kind === "platform_user" && (
              <div>
                <label htmlFor={ids.platform} className={label}>{t("platform")}</label>
                <select id={ids.platform} className={input} value={ref.platform} onChange={(e) => setRef({ ...ref, platform: e.target.value })}>
                  {PLATFORMS.map((p) => (
                    <option key={p} value={p}>{p}</option>
                  ))}
                </select>
              </div>
            )}
            <div className={kind === "platform_user" ? "" : "sm:col-span-2"}>
              <label htmlFor={ids.ref} className={label}>{kind === "post" ? t("postId") : kind === "inbox_thread" ? t("threadKey") : t("authorExternalId")}</label>
              <input
                id={ids.ref}
                className={input}
                value={kind === "post" ? ref.postId : kind === "inbox_thread" ? ref.threadKey : ref.authorExternalId}
                onChange={(e) => setRef({ ...ref, ...(kind === "post" ? { postId: e.target.value } : kind === "inbox_thread" ? { threadKey: e.target.value } : { authorExternalId: e.target.value }) })}
                maxLength={300}
                required
                data-testid="hold-ref"
              />
            </div>
          </div>
        </>
      )}
      <div className={subject || compact ? "" : "md:col-span-2"}>
        <label htmlFor={ids.reason} className={label}>{t("reason")}</label>
        <textarea
          id={ids.reason}
          className={input}
          rows={compact ? 2 : 2}
          maxLength={1000}
          required
          placeholder={t("reasonHint")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? ids.err : undefined}
          data-testid="hold-reason"
        />
      </div>
      <div className={subject || compact ? "flex items-center gap-3" : "flex items-center gap-3 md:col-span-2"}>
        <button type="submit" className={btn} disabled={pending || reason.trim().length === 0} data-testid="hold-submit">
          {pending ? t("placing") : t("place")}
        </button>
        <span aria-live="polite" className="text-sm">
          {message && <span id={ids.err} role="alert" className="text-red-700" data-testid="hold-error">{message}</span>}
          {done && !message && <span className="text-emerald-700" data-testid="hold-placed">{t("placed")}</span>}
        </span>
      </div>
    </form>
  );
}

"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { measure, type Platform } from "@/lib/domain/text-length";
import { btnPrimary, btnSecondary, inputCls, labelCls, noticeError, noticeOk } from "@/components/crisis/ui";
import { useErrorText } from "@/components/crisis/use-error-text";
import { saveCorrectionAction, submitCorrectionAction } from "../actions";

/**
 * The author's editor for a correction or statement: one text per channel, save (a new revision:
 * earlier approvals are void), and submit to the fast lane. The revision id travels along: a stale
 * one is refused by the server.
 */
export function CorrectionEditor(props: {
  postId: string;
  revisionId: string;
  variants: { channelId: string; platform: Platform; label: string; text: string }[];
  canEdit: boolean;
  canSubmit: boolean;
}) {
  const t = useTranslations("corrections.detail");
  const router = useRouter();
  const errorText = useErrorText("corrections");
  const [texts, setTexts] = useState<Record<string, string>>(Object.fromEntries(props.variants.map((v) => [v.channelId, v.text])));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<"saved" | "submitted" | null>(null);
  const [pending, start] = useTransition();
  const dirty = props.variants.some((v) => texts[v.channelId] !== v.text);

  const save = () =>
    start(async () => {
      setError(null);
      setDone(null);
      const r = await saveCorrectionAction({
        postId: props.postId,
        expectedRevisionId: props.revisionId,
        variants: props.variants.map((v) => ({ channelId: v.channelId, text: texts[v.channelId] ?? "" })),
      });
      if (r.ok) {
        setDone("saved");
        router.refresh();
      } else setError(errorText(r.error));
    });
  const submit = () =>
    start(async () => {
      setError(null);
      setDone(null);
      const r = await submitCorrectionAction({ postId: props.postId, revisionId: props.revisionId });
      if (r.ok) {
        setDone("submitted");
        router.refresh();
      } else setError(errorText(r.error));
    });

  return (
    <div className="space-y-4" data-testid="correction-editor">
      {props.variants.map((v) => {
        const text = texts[v.channelId] ?? "";
        const m = measure(v.platform, text);
        return (
          <div key={v.channelId}>
            <div className="flex items-end justify-between gap-2">
              <label htmlFor={`edit-${v.channelId}`} className={labelCls}>
                {v.label}
              </label>
              <span className={`text-xs tabular-nums ${m.withinLimit ? "text-slate-500" : "font-semibold text-red-700"}`}>
                {m.length} / {m.limit}
              </span>
            </div>
            <textarea
              id={`edit-${v.channelId}`}
              rows={6}
              value={text}
              readOnly={!props.canEdit}
              onChange={(e) => setTexts((prev) => ({ ...prev, [v.channelId]: e.target.value }))}
              aria-invalid={!m.withinLimit}
              className={inputCls}
              data-testid="correction-edit-text"
            />
          </div>
        );
      })}
      {error && (
        <p role="alert" className={noticeError} data-testid="correction-edit-error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className={noticeOk}>
          {t(done)}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {props.canEdit && (
          <button type="button" className={btnSecondary} onClick={save} disabled={pending || !dirty} data-testid="correction-save">
            {t("save")}
          </button>
        )}
        {props.canSubmit && (
          <button type="button" className={btnPrimary} onClick={submit} disabled={pending || dirty} data-testid="correction-submit">
            {t("submit")}
          </button>
        )}
      </div>
    </div>
  );
}

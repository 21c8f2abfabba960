"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/components/crisis/confirm-dialog";
import { btnSecondary, inputCls, labelCls, noticeError } from "@/components/crisis/ui";
import { useErrorText } from "@/components/crisis/use-error-text";
import { endCrisisAction } from "../actions";

/** End (resume): a confirmation that says held posts stay held, an optional note. */
export function EndCrisisButton({ crisisId, scope }: { crisisId: string; scope: string }) {
  const t = useTranslations("crisis");
  const router = useRouter();
  const errorText = useErrorText("crisis");
  const noteId = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const confirm = () =>
    start(async () => {
      const r = await endCrisisAction({ crisisId, reason: note.trim() || undefined });
      setOpen(false);
      if (r.ok) router.refresh();
      else {
        setError(errorText(r.error));
        router.refresh();
      }
    });
  return (
    <div>
      <button type="button" className={btnSecondary} onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="crisis-end">
        {t("active.end")}
        <span className="sr-only"> ({scope})</span>
      </button>
      {error && (
        <p role="alert" className={`mt-2 ${noticeError}`}>
          {error}
        </p>
      )}
      <ConfirmDialog open={open} onClose={() => setOpen(false)} onConfirm={confirm} title={t("active.endTitle")} confirmLabel={t("active.endConfirm")} tone="primary" busy={pending} testId="crisis-end-dialog">
        <p>{t("active.endBody")}</p>
        <div>
          <label htmlFor={noteId} className={labelCls}>
            {t("active.endNoteLabel")}
          </label>
          <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} className={inputCls} data-testid="crisis-end-note" />
        </div>
      </ConfirmDialog>
    </div>
  );
}

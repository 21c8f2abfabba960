"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { INBOX_SHORTCUTS } from "@/lib/domain/inbox-shortcuts";

/** A modal on the native <dialog>: focus trapped, Esc closes, focus goes back to where it was. */
function Modal({ open, onClose, title, children, testId }: { open: boolean; onClose: () => void; title: string; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      // React's autoFocus runs before the dialog is open; focus the marked field once it is.
      d.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && d.open) d.close();
    if (!open && opener.current instanceof HTMLElement) opener.current.focus();
  }, [open]);
  // Unmounted while open (the parent renders it only when needed): give the focus back too.
  useEffect(
    () => () => {
      if (opener.current instanceof HTMLElement) opener.current.focus();
    },
    [],
  );
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid={testId}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="p-6">
        <h2 id={titleId} className="mb-3 text-lg font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}

/** The help overlay: every shortcut and what it does. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("community.shortcuts");
  return (
    <Modal open={open} onClose={onClose} title={t("title")} testId="shortcut-help">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {INBOX_SHORTCUTS.map((s) => (
          <div key={s.key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{s.key}</kbd>
            </dt>
            <dd className="text-slate-700">{t(`keys.${s.command}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-slate-500">{t("note")}</p>
      <div className="mt-5 flex justify-end">
        <button type="button" data-autofocus className={btnSecondary} onClick={onClose}>
          {t("close")}
        </button>
      </div>
    </Modal>
  );
}

export type EscalateInput = { to: "pr" | "legal" | "social_media_manager"; reason: string };

/** Choose PR / Legal / manager and write the reason. Render it only while open (a fresh form each time). */
export function EscalateDialog({ open, onClose, onSubmit, busy, error }: { open: boolean; onClose: () => void; onSubmit: (v: EscalateInput) => void; busy?: boolean; error?: string | null }) {
  const t = useTranslations("community.actions");
  const [to, setTo] = useState<EscalateInput["to"]>("pr");
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const hintId = useId();
  return (
    <Modal open={open} onClose={onClose} title={t("escalateTitle")} testId="escalate-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit({ to, reason });
        }}
        className="space-y-4 text-sm"
      >
        <p className="text-slate-600">{t("escalateDescription")}</p>
        <fieldset>
          <legend className={labelCls}>{t("escalateTo")}</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {(["pr", "legal", "social_media_manager"] as const).map((k) => (
              <label key={k} className="inline-flex items-center gap-1.5">
                <input type="radio" name="to" value={k} checked={to === k} onChange={() => setTo(k)} />
                {t(`targets.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={reasonId} className={labelCls}>
            {t("escalateReason")}
          </label>
          <textarea
            id={reasonId}
            aria-describedby={hintId}
            required
            minLength={3}
            maxLength={1000}
            rows={4}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={inputCls}
            data-testid="escalate-reason"
            data-autofocus
          />
          <p id={hintId} className="mt-1 text-xs text-slate-500">
            {t("escalateReasonHint")}
          </p>
        </div>
        {error && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={btnSecondary} onClick={onClose}>
            {t("cancel")}
          </button>
          <button type="submit" className={btnPrimary} disabled={busy || reason.trim().length < 3} data-testid="escalate-submit">
            {busy ? t("working") : t("escalateSubmit")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

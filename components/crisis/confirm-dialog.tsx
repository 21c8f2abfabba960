"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { btnDangerSolid, btnPrimary, btnSecondary } from "./ui";

/**
 * A modal confirmation on the native <dialog> (focus trapped, Esc cancels, focus returns to the
 * opener). Cancel has focus first, so Enter never confirms by accident. Controlled: `open`.
 */
export function ConfirmDialog(props: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  busy?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const tc = useTranslations("common");
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={props.onClose}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      data-testid={props.testId}
    >
      <div className="p-6">
        <h2 id={titleId} className="mb-2 text-lg font-semibold">
          {props.title}
        </h2>
        <div id={bodyId} className="space-y-3 text-sm text-slate-700">
          {props.children}
        </div>
        <div className="mt-6 flex justify-end gap-2">
          <button type="button" autoFocus className={btnSecondary} onClick={props.onClose}>
            {tc("cancel")}
          </button>
          <button
            type="button"
            className={props.tone === "primary" ? btnPrimary : btnDangerSolid}
            disabled={props.busy}
            onClick={props.onConfirm}
            data-testid={props.testId ? `${props.testId}-confirm` : undefined}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}

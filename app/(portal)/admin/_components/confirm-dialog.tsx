"use client";

import { useId, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { btnDanger, btnPrimary, btnSecondary } from "./ui";

/**
 * A button that opens a modal confirmation (native <dialog>: focus is trapped, Esc cancels,
 * focus returns to the button). Cancel has focus first, so Enter never confirms by accident.
 */
export function ConfirmDialog(props: {
  trigger: ReactNode;
  triggerLabel?: string;
  triggerClassName: string;
  title: string;
  body: ReactNode;
  warning?: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  disabled?: boolean;
  onConfirm: () => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const tc = useTranslations("common");
  return (
    <>
      <button
        type="button"
        className={props.triggerClassName}
        aria-label={props.triggerLabel}
        aria-haspopup="dialog"
        disabled={props.disabled}
        onClick={() => ref.current?.showModal()}
        data-testid={props.testId}
      >
        {props.trigger}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
        data-testid={props.testId ? `${props.testId}-dialog` : undefined}
      >
        <div className="p-6">
          <h2 id={titleId} className="mb-2 text-lg font-semibold">
            {props.title}
          </h2>
          <div id={bodyId} className="text-sm text-slate-700">
            {props.body}
          </div>
          {props.warning && (
            <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
              {props.warning}
            </p>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <button type="button" autoFocus className={btnSecondary} onClick={() => ref.current?.close()}>
              {tc("cancel")}
            </button>
            <button
              type="button"
              className={props.tone === "primary" ? btnPrimary : btnDanger}
              onClick={() => {
                ref.current?.close();
                props.onConfirm();
              }}
              data-testid={props.testId ? `${props.testId}-confirm` : undefined}
            >
              {props.confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}

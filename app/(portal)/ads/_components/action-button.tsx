"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/auth/define-action";
import type { PublicError } from "@/lib/errors";
import { btnDangerOutline, btnPrimary, btnSecondary } from "../../admin/_components/ui";
import { AdsError } from "./ads-error";

const STYLE = { primary: btnPrimary, secondary: btnSecondary, danger: btnDangerOutline } as const;

/** One button, one server action: pending state, the error under it, a refresh on success. */
export function ActionButton<I>({
  action,
  input,
  label,
  pendingLabel,
  variant = "secondary",
  testId,
  confirmText,
  disabledReasonId,
}: {
  action: (input: I) => Promise<ActionResult>;
  input: I;
  label: string;
  pendingLabel: string;
  variant?: keyof typeof STYLE;
  testId?: string;
  confirmText?: string;
  /** Disabled, described by the element with this id (why it cannot be used now). The server refuses it anyway. */
  disabledReasonId?: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<PublicError | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        className={STYLE[variant]}
        disabled={pending || !!disabledReasonId}
        aria-describedby={disabledReasonId}
        data-testid={testId}
        onClick={() => {
          if (confirmText && !window.confirm(confirmText)) return;
          start(async () => {
            setError(null);
            const r = await action(input);
            if (!r.ok) return setError(r.error);
            router.refresh();
          });
        }}
      >
        {pending ? pendingLabel : label}
      </button>
      <span aria-live="polite">
        <AdsError error={error} className="max-w-sm" />
      </span>
    </span>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { PublicError } from "@/lib/errors";
import { btnDangerOutline, btnPrimary, btnSecondary, input, label } from "../../../admin/_components/ui";
import { AdsError } from "../../../ads/_components/ads-error";
import { decideBudgetAction, setThresholdAction } from "../actions";

/** Approve (bound to the amount shown) or reject with a reason. */
export function DecideBudget({ requestId }: { requestId: string }) {
  const t = useTranslations("ads.budgets");
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const decide = (decision: "approved" | "rejected") =>
    start(async () => {
      setError(null);
      const r = await decideBudgetAction({ requestId, decision, reason });
      if (!r.ok) return setError(r.error);
      router.refresh();
    });
  return (
    <div className="mt-2 space-y-2" data-testid="decide-budget">
      <div>
        <label htmlFor={`${id}-r`} className={label}>{t("reason")}</label>
        <input id={`${id}-r`} className={input} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} aria-invalid={!!error?.fieldErrors?.reason} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={btnPrimary} disabled={pending} onClick={() => decide("approved")} data-testid="approve-budget">
          {t("approve")}
        </button>
        <button type="button" className={btnDangerOutline} disabled={pending} onClick={() => decide("rejected")} data-testid="reject-budget">
          {t("reject")}
        </button>
      </div>
      {error?.fieldErrors?.reason ? <p className="text-xs text-red-700" role="alert">{t("reasonRequired")}</p> : <AdsError error={error} />}
    </div>
  );
}

export function ThresholdForm({ current }: { current: number }) {
  const t = useTranslations("ads.budgets");
  const router = useRouter();
  const [v, setV] = useState(String(current));
  const [error, setError] = useState<PublicError | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  const id = useId();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      noValidate
      data-testid="threshold-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          setSaved(false);
          const r = await setThresholdAction({ approvalThresholdJpy: v });
          if (!r.ok) return setError(r.error);
          setSaved(true);
          router.refresh();
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-t`} className={label}>{t("threshold")}</label>
        <input id={`${id}-t`} className={input} inputMode="numeric" value={v} onChange={(e) => setV(e.target.value.replace(/[^\d]/g, ""))} aria-invalid={!!error} />
      </div>
      <button type="submit" className={btnSecondary} disabled={pending}>
        {t("saveThreshold")}
      </button>
      <span aria-live="polite" className="text-sm">
        {saved && <span className="text-emerald-700">{t("saved")}</span>}
        <AdsError error={error} />
      </span>
    </form>
  );
}

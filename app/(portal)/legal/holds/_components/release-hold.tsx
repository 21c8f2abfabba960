"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { btnDangerOutline, btnSecondary, input, label } from "../../../admin/_components/ui";
import { releaseHoldAction } from "../actions";

/** Release with a reason: a small inline form opened from the row (Escape closes it). */
export function ReleaseHold({ holdId }: { holdId: string }) {
  const t = useTranslations("legalHolds.holds");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  if (!open)
    return (
      <button type="button" className={btnDangerOutline} onClick={() => setOpen(true)} data-testid="release-open">
        {t("release")}
      </button>
    );
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          const r = await releaseHoldAction({ holdId, reason });
          if (!r.ok) return setError(["VALIDATION", "NOT_FOUND", "CONFLICT", "FORBIDDEN"].includes(r.error.code) ? t(`errors.${r.error.code}` as "errors.VALIDATION") : t("errors.other", { code: r.error.code }));
          setOpen(false);
          router.refresh();
        });
      }}
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
      data-testid="release-form"
    >
      <label htmlFor={id} className={label}>{t("releaseReason")}</label>
      <input id={id} className={input} value={reason} maxLength={1000} required autoFocus onChange={(e) => setReason(e.target.value)} data-testid="release-reason" />
      <div className="flex gap-2">
        <button type="submit" className={btnDangerOutline} disabled={pending || !reason.trim()} data-testid="release-submit">
          {pending ? t("releasing") : t("releaseConfirm")}
        </button>
        <button type="button" className={btnSecondary} onClick={() => setOpen(false)}>{t("cancel")}</button>
      </div>
      {error && <p role="alert" className="text-xs text-red-700">{error}</p>}
    </form>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { btnDanger, input, label, link } from "../../../../admin/_components/ui";
import { startCrisisFromSpikeAction } from "../../actions";

/** One click into crisis mode for the spike's channel (the reason is prefilled and editable). */
export function StartCrisisForm({ spikeId, defaultReason }: { spikeId: string; defaultReason: string }) {
  const t = useTranslations("inboxSettings");
  const [reason, setReason] = useState(defaultReason);
  const [state, setState] = useState<"idle" | "done" | { error: string }>("idle");
  const [pending, start] = useTransition();
  const id = useId();
  if (state === "done")
    return (
      <p role="status" className="text-sm text-emerald-700" data-testid="crisis-started">
        {t("alert.started")} — <Link href="/crisis" className={link}>{t("alert.openCrisis")}</Link>
      </p>
    );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await startCrisisFromSpikeAction({ spikeId, reason });
          setState(r.ok ? "done" : { error: r.error.code });
        });
      }}
      className="space-y-3"
    >
      <div>
        <label htmlFor={id} className={label}>{t("alert.reason")}</label>
        <textarea id={id} className={input} rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </div>
      <button type="submit" className={btnDanger} disabled={pending || !reason.trim()} data-testid="spike-start-crisis">
        {t("alert.start")}
      </button>
      <div aria-live="polite">
        {typeof state === "object" && (
          <p role="alert" className="text-sm text-red-700">{t("failed", { code: state.error })}</p>
        )}
      </div>
    </form>
  );
}

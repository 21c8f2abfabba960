"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { PublicError } from "@/lib/errors";
import { btnSecondary, input, label } from "../../../../admin/_components/ui";
import { addAdSetAction } from "../../../actions";
import { AdsError } from "../../../_components/ads-error";

/** A new ad set: its name and daily budget share; targeting starts as the campaign's. */
export function AdSetForm({ campaignId, targeting }: { campaignId: string; targeting: unknown }) {
  const t = useTranslations("ads.detail");
  const router = useRouter();
  const [name, setName] = useState("");
  const [budget, setBudget] = useState("");
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      data-testid="ad-set-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          const r = await addAdSetAction({ campaignId, name, dailyBudgetJpy: budget, targeting });
          if (!r.ok) return setError(r.error);
          setName("");
          setBudget("");
          router.refresh();
        });
      }}
    >
      <div className="min-w-56 flex-1">
        <label htmlFor={`${id}-n`} className={label}>{t("adSetName")}</label>
        <input id={`${id}-n`} className={input} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} aria-invalid={!!error?.fieldErrors?.name} />
      </div>
      <div className="w-40">
        <label htmlFor={`${id}-b`} className={label}>{t("adSetBudget")}</label>
        <input id={`${id}-b`} className={input} inputMode="numeric" value={budget} onChange={(e) => setBudget(e.target.value.replace(/[^\d]/g, ""))} />
      </div>
      <button type="submit" className={btnSecondary} disabled={pending} data-testid="ad-set-submit">
        {pending ? t("adding") : t("addAdSet")}
      </button>
      <span aria-live="polite" className="basis-full">
        <AdsError error={error} />
      </span>
    </form>
  );
}

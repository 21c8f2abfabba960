"use client";

import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";

const KNOWN = new Set([
  "invalid_input", "flight_order", "flight_too_long", "age_order", "not_editable", "not_launchable", "already_launched", "no_ads",
  "budget_approval_required", "budget_approval_pending", "budget_under_threshold", "crisis_active", "revision_not_approved",
  "creative_not_cleared", "disclosure_missing", "not_active", "not_paused", "campaign_ended", "request_decided", "own_request",
  "connector_failed", "not_sandbox", "flight_over", "no_ad_account", "no_ads_credentials",
]);

/** An ads action's failure in the viewer's language: our own codes by key, else the generic text of the error code. */
export function useAdsErrorText() {
  const t = useTranslations("ads.errors");
  const tc = useTranslations("common.errors");
  return (err: PublicError) => (KNOWN.has(err.message) ? t(err.message) : tc(err.code));
}

export function AdsError({ error, className = "" }: { error: PublicError | null | undefined; className?: string }) {
  const text = useAdsErrorText();
  if (!error) return null;
  return (
    <p role="alert" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`} data-testid="action-error">
      {text(error)}
    </p>
  );
}

"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { PublicError } from "@/lib/errors";
import type { ActionResult } from "@/lib/auth/define-action";

/** Runs a Server Action, keeps its error, refreshes the page's data on success. */
export function useLegalAction<I>(action: (input: I) => Promise<ActionResult<unknown>>) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<PublicError | null>(null);
  const [done, setDone] = useState(false);
  const run = (input: I, after?: () => void) => {
    setError(null);
    setDone(false);
    start(async () => {
      const r = await action(input);
      if (r.ok) {
        setDone(true);
        after?.();
        router.refresh();
      } else setError(r.error);
    });
  };
  return { run, pending, error, done, setError };
}

/** The refusal codes the legal forms explain in their own words. */
export const LEGAL_ERRORS = [
  "conditions_unmet",
  "critical_finding_open",
  "stale_version",
  "review_closed",
  "stale_review",
  "self_review",
  "self_approval",
  "reason_required",
  "conditions_required",
  "not_legal_staff",
] as const;

export function legalErrorKey(err: PublicError): (typeof LEGAL_ERRORS)[number] | null {
  const codes = [err.message, ...Object.values(err.fieldErrors ?? {}).flat()];
  return LEGAL_ERRORS.find((k) => codes.includes(k)) ?? null;
}

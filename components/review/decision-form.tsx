"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import type { ActionResult } from "@/lib/auth/define-action";
import { REASON_MAX } from "./decision-schema";
import type { Decision } from "./stages";

/** The DAL's refusal codes this form explains in its own words; anything else gets the generic text of its error code. */
const KNOWN_ERRORS = [
  "reason_required",
  "stale_revision",
  "already_decided",
  "stage_order",
  "invalid_transition",
  "stage_not_required",
  "checks_blocking",
  "legal_now_required",
  "slot_passed",
  "slot_not_reached",
] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];

const btnPrimary =
  "inline-flex items-center justify-center gap-1 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-50";

function errorKey(err: PublicError): KnownError | "forbidden" | null {
  const codes = [err.message, ...(err.fieldErrors?.reason ?? [])];
  const known = KNOWN_ERRORS.find((k) => codes.includes(k));
  if (known) return known;
  if (err.code === "CONFLICT") return "stale_revision";
  // Self-approval and same-reviewer refusals reach the browser as a bare FORBIDDEN.
  if (err.code === "FORBIDDEN") return "forbidden";
  return null;
}

/**
 * Approve / request changes / reject the revision shown. The revision id travels as a hidden field:
 * if the post changed meanwhile the server refuses with CONFLICT. A reason is required for the last two
 * (checked here first, then again by the action and the DAL).
 */
export function DecisionForm(props: {
  ns: string;
  action: (input: FormData) => Promise<ActionResult<unknown>>;
  postId: string;
  revisionId: string;
  queueHref: string;
}) {
  const t = useTranslations(`${props.ns}.review`);
  const tc = useTranslations("common.errors");
  const router = useRouter();
  const [decision, setDecision] = useState<Decision>("approved");
  const [reason, setReason] = useState("");
  const [clientError, setClientError] = useState(false);
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const reasonId = useId();
  const hintId = useId();
  const needsReason = decision !== "approved";

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    if (needsReason && !reason.trim()) {
      setClientError(true);
      return;
    }
    setClientError(false);
    const fd = new FormData(e.currentTarget);
    start(async () => {
      const r = await props.action(fd);
      if (r.ok) router.push(`${props.queueHref}?decided=${decision}`);
      else setError(r.error);
    });
  };

  const key = error ? errorKey(error) : null;
  const message = clientError ? t("errors.reason_required") : error ? (key ? t(`errors.${key}`) : tc(error.code)) : null;
  const reasonInvalid = clientError || key === "reason_required";

  const options: { value: Decision; label: string }[] = [
    { value: "approved", label: t("approve") },
    { value: "changes_requested", label: t("requestChanges") },
    { value: "rejected", label: t("reject") },
  ];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="decision-form">
      <input type="hidden" name="postId" value={props.postId} />
      <input type="hidden" name="revisionId" value={props.revisionId} />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("decisionLabel")}</legend>
        <div className="flex flex-wrap gap-4">
          {options.map((o) => (
            <label key={o.value} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name="decision"
                value={o.value}
                checked={decision === o.value}
                onChange={() => setDecision(o.value)}
                data-testid={`decision-${o.value}`}
              />
              {o.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={reasonId} className="mb-1 block text-xs font-medium text-slate-600">
          {t("reasonLabel")}
        </label>
        <textarea
          id={reasonId}
          name="reason"
          rows={3}
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-required={needsReason}
          aria-invalid={reasonInvalid}
          aria-describedby={hintId}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500"
          data-testid="decision-reason"
        />
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {t("reasonHint")}
        </p>
      </div>
      {message && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="decision-error">
          {message}
        </p>
      )}
      <button type="submit" className={btnPrimary} disabled={pending} data-testid="decision-submit">
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

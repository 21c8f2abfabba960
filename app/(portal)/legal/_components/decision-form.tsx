"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import { useLegalAction } from "./use-action";
import { ErrorNote } from "./error-note";

type Decision = "approved" | "approved_with_conditions" | "rejected";
type Input = { reviewId: string; subjectHash: string; decision: Decision; reason?: string; conditions?: string };

/**
 * Approve / approve with conditions / reject the exact version shown: its hash travels with the
 * form, so a newer version is refused by the server (stale_version). A rejection needs a reason,
 * an approval with conditions at least one condition (checked here, again by the action and the DAL).
 */
export function LegalDecisionForm(props: {
  reviewId: string;
  subjectHash: string;
  unmetConditions: number;
  /** Whether a rejection goes back to an author who may revise (not for a complaint). */
  returnsToAuthor?: boolean;
  action: (input: Input) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("legalQueue.decision");
  const [decision, setDecision] = useState<Decision>("approved");
  const [reason, setReason] = useState("");
  const [conditions, setConditions] = useState("");
  const [clientError, setClientError] = useState<"reasonRequired" | "conditionsRequired" | null>(null);
  const { run, pending, error } = useLegalAction(props.action);
  const reasonId = useId();
  const condId = useId();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (decision === "rejected" && !reason.trim()) return setClientError("reasonRequired");
    if (decision === "approved_with_conditions" && !conditions.trim()) return setClientError("conditionsRequired");
    setClientError(null);
    run({ reviewId: props.reviewId, subjectHash: props.subjectHash, decision, reason: reason.trim() || undefined, conditions: decision === "approved_with_conditions" ? conditions : undefined });
  };

  const options: { value: Decision; label: string }[] = [
    { value: "approved", label: t("approve") },
    { value: "approved_with_conditions", label: t("approveWithConditions") },
    { value: "rejected", label: t("reject") },
  ];

  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="legal-decision-form">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("title")}</legend>
        <div className="flex flex-col gap-2">
          {options.map((o) => (
            <label key={o.value} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name="decision" value={o.value} checked={decision === o.value} onChange={() => setDecision(o.value)} data-testid={`legal-decision-${o.value}`} />
              {o.label}
            </label>
          ))}
        </div>
      </fieldset>
      {decision === "approved_with_conditions" && (
        <div>
          <label htmlFor={condId} className="mb-1 block text-xs font-medium text-slate-600">
            {t("conditionsLabel")}
          </label>
          <textarea
            id={condId}
            rows={4}
            maxLength={10000}
            value={conditions}
            onChange={(e) => setConditions(e.target.value)}
            aria-invalid={clientError === "conditionsRequired"}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            data-testid="legal-conditions-input"
          />
          <p className="mt-1 text-xs text-slate-500">{t("conditionsHint")}</p>
        </div>
      )}
      {decision === "rejected" && props.returnsToAuthor && (
        <p className="text-xs text-slate-600" data-testid="legal-reject-hint">
          {t("rejectHint")}
        </p>
      )}
      <div>
        <label htmlFor={reasonId} className="mb-1 block text-xs font-medium text-slate-600">
          {t("reasonLabel")}
        </label>
        <textarea
          id={reasonId}
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={clientError === "reasonRequired"}
          className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          data-testid="legal-reason"
        />
      </div>
      {props.unmetConditions > 0 && decision !== "rejected" && (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("errors.conditions_unmet")}
        </p>
      )}
      {clientError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(clientError)}
        </p>
      )}
      <ErrorNote error={error} testId="legal-decision-error" />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50"
        data-testid="legal-decision-submit"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

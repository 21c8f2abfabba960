"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import { useLegalAction } from "./use-action";
import { ErrorNote } from "./error-note";

type Condition = { id: string; text: string; met: boolean; metAt?: string | null };

/** The conditions carried from the last decision: Legal marks each met while looking at this version's diff. */
export function ConditionsPanel(props: {
  reviewId: string;
  subjectHash: string;
  conditions: Condition[];
  readOnly: boolean;
  metLabels: Record<string, string>;
  action: (input: { reviewId: string; conditionId: string; subjectHash: string; met: boolean }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("legalQueue.conditions");
  const { run, pending, error } = useLegalAction(props.action);
  const unmet = props.conditions.filter((c) => !c.met).length;
  return (
    <div className="space-y-3" data-testid="legal-conditions" data-unmet={unmet}>
      <p className="text-xs text-slate-600">{t("description")}</p>
      <ul className="space-y-2">
        {props.conditions.map((c) => (
          <li key={c.id} className="rounded-lg border border-slate-200 p-3" data-testid="legal-condition" data-met={c.met}>
            <p className="whitespace-pre-wrap text-sm text-slate-900">{c.text}</p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${c.met ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}>{c.met ? t("met") : t("unmet")}</span>
              {c.met && props.metLabels[c.id] && <span className="text-xs text-slate-500">{props.metLabels[c.id]}</span>}
              {!props.readOnly && (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => run({ reviewId: props.reviewId, conditionId: c.id, subjectHash: props.subjectHash, met: !c.met })}
                  className={
                    c.met
                      ? "text-xs text-slate-700 underline-offset-2 hover:underline disabled:opacity-50"
                      : "rounded-md bg-emerald-700 px-2.5 py-1 text-xs font-medium text-white hover:bg-emerald-800 disabled:opacity-50"
                  }
                  data-testid={c.met ? "condition-unmet" : "condition-met"}
                >
                  {c.met ? t("markUnmet") : t("markMet")}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <p role="status" className={`text-sm ${unmet ? "text-amber-800" : "text-emerald-800"}`}>
        {unmet ? t("someUnmet", { count: unmet }) : t("allMet")}
      </p>
      <ErrorNote error={error} />
    </div>
  );
}

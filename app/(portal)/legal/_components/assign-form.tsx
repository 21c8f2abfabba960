"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import { useLegalAction } from "./use-action";
import { ErrorNote } from "./error-note";

/** Assign the review among legal staff; "take it" assigns oneself. */
export function AssignForm(props: {
  reviewId: string;
  assigneeId: string | null;
  viewerId: string;
  staff: { id: string; name: string }[];
  action: (input: { reviewId: string; assigneeId: string }) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("legalQueue.assign");
  const [value, setValue] = useState(props.assigneeId ?? "");
  const { run, pending, error, done } = useLegalAction(props.action);
  const id = useId();
  return (
    <div className="space-y-2" data-testid="legal-assign">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {t("label")}
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id={id}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          data-testid="legal-assign-select"
        >
          <option value="">{t("none")}</option>
          {props.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={pending || value === (props.assigneeId ?? "")}
          onClick={() => run({ reviewId: props.reviewId, assigneeId: value })}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
          data-testid="legal-assign-save"
        >
          {t("save")}
        </button>
        {props.assigneeId !== props.viewerId && (
          <button
            type="button"
            disabled={pending}
            onClick={() => {
              setValue(props.viewerId);
              run({ reviewId: props.reviewId, assigneeId: props.viewerId });
            }}
            className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50"
            data-testid="legal-assign-take"
          >
            {t("take")}
          </button>
        )}
      </div>
      {done && (
        <p role="status" className="text-xs text-emerald-700">
          {t("saved")}
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

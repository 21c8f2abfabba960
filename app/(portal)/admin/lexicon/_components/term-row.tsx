"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "../../_components/confirm-dialog";
import { btnDangerOutline, btnSecondary, td } from "../../_components/ui";
import { deleteRiskTermAction } from "../actions";
import { TermForm, type TermValues } from "./term-form";

/** One lexicon term: shown, or edited in place; delete asks first. */
export function TermRow({ term, categories }: { term: TermValues & { id: string }; categories: string[] }) {
  const t = useTranslations("rules");
  const [editing, setEditing] = useState(false);
  const [pending, start] = useTransition();
  if (editing) {
    return (
      <tr data-testid="term-row" data-term-id={term.id}>
        <td colSpan={3} className={`${td} bg-slate-50`}>
          <TermForm categories={categories} initial={term} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="term-row" data-term-id={term.id}>
      <td className={`${td} font-medium`}>{term.term}</td>
      <td className={`${td} tabular-nums`}>
        <span className="inline-flex items-center gap-2">
          <span aria-hidden className="inline-block h-2 rounded bg-amber-500" style={{ width: `${term.weight * 0.5}rem` }} />
          {term.weight}
        </span>
      </td>
      <td className={`${td} whitespace-nowrap`}>
        <div className="flex gap-2">
          <button type="button" className={`${btnSecondary} px-2 py-1 text-xs`} aria-label={t("lexicon.editLabel", { term: term.term })} onClick={() => setEditing(true)} data-testid="term-edit">
            {t("common.edit")}
          </button>
          <ConfirmDialog
            trigger={t("common.delete")}
            triggerLabel={t("lexicon.deleteLabel", { term: term.term })}
            triggerClassName={`${btnDangerOutline} px-2 py-1 text-xs`}
            title={t("lexicon.deleteTitle")}
            body={<p>{t("lexicon.deleteBody", { term: term.term })}</p>}
            confirmLabel={t("common.delete")}
            disabled={pending}
            onConfirm={() => start(async () => void (await deleteRiskTermAction({ id: term.id })))}
            testId="term-delete"
          />
        </div>
      </td>
    </tr>
  );
}

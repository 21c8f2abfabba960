"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "../../../admin/_components/confirm-dialog";
import { btnDangerOutline, btnSecondary, td } from "../../../admin/_components/ui";
import { deleteBrandRuleAction } from "../actions";
import { RuleForm, type RuleValues } from "./rule-form";

/** One rule: shown, or edited in place; delete asks first. */
export function RuleRow({ rule, brands }: { rule: RuleValues & { id: string }; brands: { id: string; name: string }[] }) {
  const t = useTranslations("rules");
  const [editing, setEditing] = useState(false);
  const [pending, start] = useTransition();
  if (editing) {
    return (
      <tr data-testid="rule-row" data-rule-id={rule.id}>
        <td colSpan={4} className={`${td} bg-slate-50`}>
          <RuleForm brands={brands} initial={rule} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="rule-row" data-rule-id={rule.id}>
      <td className={`${td} font-medium`}>{rule.term}</td>
      <td className={td}>{rule.replacement ? `→ ${rule.replacement}` : "—"}</td>
      <td className={`${td} text-slate-600`}>{rule.note ?? "—"}</td>
      <td className={`${td} whitespace-nowrap`}>
        <div className="flex gap-2">
          <button type="button" className={`${btnSecondary} px-2 py-1 text-xs`} aria-label={t("brandRules.editLabel", { term: rule.term })} onClick={() => setEditing(true)} data-testid="rule-edit">
            {t("common.edit")}
          </button>
          <ConfirmDialog
            trigger={t("common.delete")}
            triggerLabel={t("brandRules.deleteLabel", { term: rule.term })}
            triggerClassName={`${btnDangerOutline} px-2 py-1 text-xs`}
            title={t("brandRules.deleteTitle")}
            body={<p>{t("brandRules.deleteBody", { term: rule.term, kind: t(`kinds.${rule.kind}`) })}</p>}
            confirmLabel={t("common.delete")}
            disabled={pending}
            onConfirm={() => start(async () => void (await deleteBrandRuleAction({ id: rule.id })))}
            testId="rule-delete"
          />
        </div>
      </td>
    </tr>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { BRAND_RULE_KINDS, RULE_LIMITS } from "@/lib/domain/governance-rules";
import type { BrandRuleKind } from "@/lib/domain/brand-rules";
import { btnPrimary, btnSecondary, input, label } from "../../../admin/_components/ui";
import { createBrandRuleAction, updateBrandRuleAction } from "../actions";

export type RuleValues = { id?: string; brandId: string | null; kind: BrandRuleKind; term: string; replacement: string | null; note: string | null };

/** Adds a rule, or (with `initial.id`) edits one in place; field errors under their field. */
export function RuleForm({ brands, initial, onDone }: { brands: { id: string; name: string }[]; initial?: RuleValues; onDone?: () => void }) {
  const t = useTranslations("rules");
  const [v, setV] = useState<RuleValues>(initial ?? { brandId: null, kind: "banned_term", term: "", replacement: null, note: null });
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const ids = { brand: useId(), kind: useId(), term: useId(), repl: useId(), note: useId(), err: useId() };
  const fieldError = (f: string) => {
    const m = error?.fieldErrors?.[f];
    if (!m?.length) return null;
    return m[0]!.startsWith("duplicate") ? t("common.duplicate") : t("common.invalid");
  };
  const submit = () =>
    start(async () => {
      setError(null);
      const payload = { brandId: v.brandId ?? "", kind: v.kind, term: v.term, replacement: v.kind === "preferred_term" ? (v.replacement ?? "") : "", note: v.note ?? "" };
      const r = initial?.id ? await updateBrandRuleAction({ id: initial.id, ...payload }) : await createBrandRuleAction(payload);
      if (!r.ok) return setError(r.error);
      if (!initial?.id) setV({ ...v, term: "", replacement: null, note: null });
      onDone?.();
    });
  const termErr = fieldError("term");
  return (
    <form
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[12rem_10rem_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto] lg:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid={initial?.id ? "rule-edit-form" : "rule-form"}
      noValidate
    >
      <div>
        <label htmlFor={ids.brand} className={label}>{t("brandRules.brand")}</label>
        <select id={ids.brand} name="brandId" className={input} value={v.brandId ?? ""} onChange={(e) => setV({ ...v, brandId: e.target.value || null })}>
          <option value="">{t("brandRules.allBrands")}</option>
          {brands.map((b) => (
            <option key={b.id} value={b.id}>{b.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.kind} className={label}>{t("brandRules.kind")}</label>
        <select id={ids.kind} name="kind" className={input} value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as BrandRuleKind })}>
          {BRAND_RULE_KINDS.map((k) => (
            <option key={k} value={k}>{t(`kinds.${k}`)}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.term} className={label}>{t("brandRules.term")}</label>
        <input id={ids.term} name="term" className={input} required maxLength={RULE_LIMITS.termMax} value={v.term} onChange={(e) => setV({ ...v, term: e.target.value })} aria-invalid={!!termErr} aria-describedby={termErr ? ids.err : undefined} />
        {termErr && <p id={ids.err} className="mt-1 text-xs text-red-700" role="alert">{termErr}</p>}
      </div>
      <div>
        <label htmlFor={ids.repl} className={label}>{t("brandRules.replacement")}</label>
        <input id={ids.repl} name="replacement" className={input} maxLength={RULE_LIMITS.replacementMax} disabled={v.kind !== "preferred_term"} value={v.kind === "preferred_term" ? (v.replacement ?? "") : ""} onChange={(e) => setV({ ...v, replacement: e.target.value })} title={t("brandRules.replacementHint")} />
      </div>
      <div>
        <label htmlFor={ids.note} className={label}>{t("brandRules.note")}</label>
        <input id={ids.note} name="note" className={input} maxLength={RULE_LIMITS.noteMax} value={v.note ?? ""} onChange={(e) => setV({ ...v, note: e.target.value })} />
      </div>
      <div className="flex gap-2 lg:pt-5">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="rule-submit">
          {pending ? t("common.saving") : initial?.id ? t("common.save") : t("common.add")}
        </button>
        {onDone && initial?.id && (
          <button type="button" className={btnSecondary} onClick={onDone}>{t("common.cancel")}</button>
        )}
      </div>
      <div aria-live="polite" className="sm:col-span-2 lg:col-span-6">
        {error && !termErr && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="action-error">{t("common.failed", { code: error.code })}</p>}
      </div>
    </form>
  );
}

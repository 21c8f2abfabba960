"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { LEXICON_LIMITS, RISK_CATEGORIES, RISK_LANGS } from "@/lib/domain/governance-rules";
import type { RiskLang } from "@/lib/domain/risk";
import { btnPrimary, btnSecondary, input, label } from "../../_components/ui";
import { createRiskTermAction, updateRiskTermAction } from "../actions";

export type TermValues = { id?: string; term: string; lang: RiskLang; category: string; weight: number };

/** Adds a lexicon term, or (with `initial.id`) edits one in place. */
export function TermForm({ categories, initial, onDone }: { categories: string[]; initial?: TermValues; onDone?: () => void }) {
  const t = useTranslations("rules");
  const [v, setV] = useState<TermValues>(initial ?? { term: "", lang: "ja", category: "backlash", weight: 5 });
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const ids = { term: useId(), lang: useId(), cat: useId(), list: useId(), w: useId(), err: useId() };
  const fieldError = (f: string) => {
    const m = error?.fieldErrors?.[f];
    if (!m?.length) return null;
    return m[0]!.startsWith("duplicate") ? t("common.duplicate") : t("common.invalid");
  };
  const submit = () =>
    start(async () => {
      setError(null);
      const payload = { term: v.term, lang: v.lang, category: v.category, weight: v.weight };
      const r = initial?.id ? await updateRiskTermAction({ id: initial.id, ...payload }) : await createRiskTermAction(payload);
      if (!r.ok) return setError(r.error);
      if (!initial?.id) setV({ ...v, term: "" });
      onDone?.();
    });
  const errs = { term: fieldError("term"), category: fieldError("category"), weight: fieldError("weight") };
  const known = [...new Set([...RISK_CATEGORIES, ...categories])];
  return (
    <form
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_8rem_minmax(0,2fr)_8rem_auto] lg:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid={initial?.id ? "term-edit-form" : "term-form"}
      noValidate
    >
      <div>
        <label htmlFor={ids.term} className={label}>{t("lexicon.term")}</label>
        <input id={ids.term} name="term" className={input} maxLength={LEXICON_LIMITS.termMax} value={v.term} onChange={(e) => setV({ ...v, term: e.target.value })} aria-invalid={!!errs.term} />
        {errs.term && <p className="mt-1 text-xs text-red-700" role="alert">{errs.term}</p>}
      </div>
      <div>
        <label htmlFor={ids.lang} className={label}>{t("lexicon.lang")}</label>
        <select id={ids.lang} name="lang" className={input} value={v.lang} onChange={(e) => setV({ ...v, lang: e.target.value as RiskLang })}>
          {RISK_LANGS.map((l) => (
            <option key={l} value={l}>{t(`langs.${l}`)}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.cat} className={label}>{t("lexicon.category")}</label>
        <input id={ids.cat} name="category" list={ids.list} className={input} maxLength={LEXICON_LIMITS.categoryMax} value={v.category} onChange={(e) => setV({ ...v, category: e.target.value })} aria-invalid={!!errs.category} title={t("lexicon.categoryHint")} />
        <datalist id={ids.list}>
          {known.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        {errs.category && <p className="mt-1 text-xs text-red-700" role="alert">{errs.category}</p>}
      </div>
      <div>
        <label htmlFor={ids.w} className={label}>{t("lexicon.weight")}</label>
        <input id={ids.w} name="weight" type="number" min={LEXICON_LIMITS.weightMin} max={LEXICON_LIMITS.weightMax} step={1} className={input} value={Number.isFinite(v.weight) ? v.weight : ""} onChange={(e) => setV({ ...v, weight: e.target.valueAsNumber })} aria-invalid={!!errs.weight} />
        {errs.weight && <p className="mt-1 text-xs text-red-700" role="alert">{errs.weight}</p>}
      </div>
      <div className="flex gap-2 lg:pt-5">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="term-submit">
          {pending ? t("common.saving") : initial?.id ? t("common.save") : t("common.add")}
        </button>
        {onDone && initial?.id && (
          <button type="button" className={btnSecondary} onClick={onDone}>{t("common.cancel")}</button>
        )}
      </div>
      <div aria-live="polite" className="sm:col-span-2 lg:col-span-5">
        {error && !errs.term && !errs.category && !errs.weight && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="action-error">{t("common.failed", { code: error.code })}</p>}
      </div>
    </form>
  );
}

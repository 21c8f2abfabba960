"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import { CHECK_RESULTS, FINDING_TEMPLATES, RISKS, SEVERITIES, type CheckResult, type Severity } from "@/lib/domain/legal-review";
import { useLegalAction } from "./use-action";
import { ErrorNote } from "./error-note";

type Entry = { item: string; result: CheckResult | null; note?: string };
type Finding = { id?: string; severity: Severity; item?: string; note: string; templateKey?: string };
type SaveInput = {
  reviewId: string;
  version: number;
  risk?: "low" | "medium" | "high";
  checklist: { item: string; result: CheckResult | null; note?: string }[];
  findings: Finding[];
};

const inputCls = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-200";

/**
 * The structured review: one row per checklist item (result + note), the findings with severity,
 * templates for frequent findings (ja / en), and the review's risk. Saved together, optimistically
 * against the version the page was read at. Read-only when the viewer cannot decide.
 */
export function ReviewEditor(props: {
  reviewId: string;
  version: number;
  risk: "low" | "medium" | "high";
  checklist: Entry[];
  findings: Finding[];
  /** The automatic disclosure result per checklist item (shown beside the reviewer's judgement). */
  automatic: Partial<Record<string, string>>;
  locale: "ja" | "en";
  readOnly: boolean;
  action: (input: SaveInput) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("legalQueue");
  const [entries, setEntries] = useState<Entry[]>(props.checklist);
  const [findings, setFindings] = useState<Finding[]>(props.findings);
  const [risk, setRisk] = useState(props.risk);
  const [tplLang, setTplLang] = useState<"ja" | "en">(props.locale);
  const { run, pending, error, done } = useLegalAction(props.action);
  const riskId = useId();
  const tplId = useId();
  const items = entries.map((e) => e.item);

  const setEntry = (i: number, patch: Partial<Entry>) => setEntries((es) => es.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const setFinding = (i: number, patch: Partial<Finding>) => setFindings((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const addTemplate = (key: string) => {
    const tpl = FINDING_TEMPLATES.find((x) => x.key === key);
    if (!tpl) return;
    setFindings((fs) => [...fs, { severity: tpl.severity, item: items.includes(tpl.item) ? tpl.item : undefined, note: tpl[tplLang], templateKey: tpl.key }]);
    if (items.includes(tpl.item)) setEntries((es) => es.map((e) => (e.item === tpl.item && e.result !== "issue" ? { ...e, result: "issue" } : e)));
  };

  const save = () =>
    run({
      reviewId: props.reviewId,
      version: props.version,
      risk,
      checklist: entries.map((e) => ({ item: e.item, result: e.result, ...(e.note?.trim() ? { note: e.note.trim() } : {}) })),
      findings: findings.filter((f) => f.note.trim()).map((f) => ({ ...f, note: f.note.trim(), item: f.item || undefined })),
    });

  const templates = FINDING_TEMPLATES.filter((tpl) => items.includes(tpl.item));

  return (
    <div className="space-y-5" data-testid="legal-review-editor">
      <fieldset disabled={props.readOnly} className="min-w-0 space-y-3">
        <legend className="sr-only">{t("checklist.title")}</legend>
        {entries.map((e, i) => (
          <div key={e.item} className="rounded-lg border border-slate-200 p-3" data-testid="legal-check" data-item={e.item} data-result={e.result ?? "none"}>
            <p className="text-sm font-medium text-slate-900">{t.has(`checklist.items.${e.item}`) ? t(`checklist.items.${e.item}`) : e.item}</p>
            {props.automatic[e.item] && <p className="mt-0.5 text-xs text-slate-600">{t("checklist.automaticDisclosure", { result: props.automatic[e.item]! })}</p>}
            <div role="radiogroup" aria-label={t("checklist.title")} className="mt-2 flex flex-wrap gap-3">
              {CHECK_RESULTS.map((r) => (
                <label key={r} className="inline-flex items-center gap-1.5 text-sm text-slate-800">
                  <input type="radio" name={`check-${e.item}`} value={r} checked={e.result === r} onChange={() => setEntry(i, { result: r })} data-testid={`check-${e.item}-${r}`} />
                  {t(`checklist.results.${r}`)}
                </label>
              ))}
            </div>
            <label className="mt-2 block text-xs text-slate-600">
              <span className="sr-only">{t("checklist.note")}</span>
              <input
                type="text"
                maxLength={2000}
                placeholder={t("checklist.note")}
                value={e.note ?? ""}
                onChange={(ev) => setEntry(i, { note: ev.target.value })}
                className={inputCls}
                data-testid={`check-${e.item}-note`}
              />
            </label>
          </div>
        ))}
      </fieldset>

      <fieldset disabled={props.readOnly} className="min-w-0 space-y-3" data-testid="legal-findings">
        <legend className="text-sm font-semibold text-slate-900">{t("findings.title")}</legend>
        <p className="text-xs text-slate-500">{t("findings.description")}</p>
        {findings.length === 0 && <p className="text-sm italic text-slate-500">{t("findings.empty")}</p>}
        {findings.map((f, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-slate-200 p-3" data-testid="legal-finding">
            <div className="flex flex-wrap gap-2">
              <label className="text-xs text-slate-600">
                {t("findings.severity")}
                <select value={f.severity} onChange={(e) => setFinding(i, { severity: e.target.value as Severity })} className={`${inputCls} mt-1`} data-testid="finding-severity">
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {t(`severities.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="min-w-40 flex-1 text-xs text-slate-600">
                {t("findings.item")}
                <select value={f.item ?? ""} onChange={(e) => setFinding(i, { item: e.target.value || undefined })} className={`${inputCls} mt-1`}>
                  <option value="">{t("findings.noItem")}</option>
                  {items.map((it) => (
                    <option key={it} value={it}>
                      {t.has(`checklist.items.${it}`) ? t(`checklist.items.${it}`) : it}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="block text-xs text-slate-600">
              {t("findings.note")}
              <textarea rows={3} maxLength={2000} value={f.note} onChange={(e) => setFinding(i, { note: e.target.value })} className={`${inputCls} mt-1`} data-testid="finding-note" />
            </label>
            {!props.readOnly && (
              <button type="button" onClick={() => setFindings((fs) => fs.filter((_, j) => j !== i))} className="text-xs text-red-700 underline-offset-2 hover:underline">
                {t("findings.remove")}
              </button>
            )}
          </div>
        ))}
        {/* Read only (the manager): what Legal recorded, without the tools to add to it. */}
        {!props.readOnly && (
        <div className="flex flex-wrap items-end gap-2">
          <button
            type="button"
            onClick={() => setFindings((fs) => [...fs, { severity: "medium", note: "" }])}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50"
            data-testid="finding-add"
          >
            {t("findings.add")}
          </button>
          <label htmlFor={tplId} className="sr-only">
            {t("findings.template")}
          </label>
          <select
            id={tplId}
            value=""
            onChange={(e) => addTemplate(e.target.value)}
            className="w-full min-w-0 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            data-testid="finding-template"
          >
            <option value="">{t("findings.templateNone")}</option>
            {templates.map((tpl) => (
              <option key={tpl.key} value={tpl.key}>
                [{t(`severities.${tpl.severity}`)}] {tpl[tplLang].slice(0, 48)}…
              </option>
            ))}
          </select>
          <div role="radiogroup" aria-label={t("findings.templateLang")} className="flex gap-1 text-xs">
            {(["ja", "en"] as const).map((l) => (
              <label key={l} className="inline-flex items-center gap-1">
                <input type="radio" name="tpl-lang" checked={tplLang === l} onChange={() => setTplLang(l)} />
                {l === "ja" ? "日本語" : "English"}
              </label>
            ))}
          </div>
        </div>
        )}
        <label htmlFor={riskId} className="block text-xs font-medium text-slate-600">
          {t("findings.risk")}
        </label>
        <select id={riskId} value={risk} onChange={(e) => setRisk(e.target.value as typeof risk)} className={inputCls} data-testid="legal-risk">
          {RISKS.map((r) => (
            <option key={r} value={r}>
              {t(`risks.${r}`)}
            </option>
          ))}
        </select>
      </fieldset>

      {!props.readOnly && (
        <div className="space-y-2">
          <button
            type="button"
            onClick={save}
            disabled={pending}
            className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50"
            data-testid="legal-review-save"
          >
            {pending ? t("checklist.saving") : t("checklist.save")}
          </button>
          {done && (
            <p role="status" className="text-xs text-emerald-700" data-testid="legal-review-saved">
              {t("checklist.saved")}
            </p>
          )}
          <ErrorNote error={error} />
        </div>
      )}
    </div>
  );
}

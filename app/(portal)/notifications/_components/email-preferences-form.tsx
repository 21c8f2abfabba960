"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { updateEmailPreferencesAction } from "../actions";
import { btnPrimary } from "./ui";

type Pref = { kind: string; enabled: boolean; isDefault: boolean };

/** One checkbox per kind; saving stores the whole set (what is checked is on). */
export function EmailPreferencesForm({ prefs, disabled }: { prefs: Pref[]; disabled: boolean }) {
  const t = useTranslations("notifications.settings");
  const tp = useTranslations("notifications.page");
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<"saved" | "error" | null>(null);
  const [checked, setChecked] = useState(() => new Set(prefs.filter((p) => p.enabled).map((p) => p.kind)));
  const key = (kind: string) => kind.replaceAll(".", "_");

  return (
    <form
      data-testid="email-preferences"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await updateEmailPreferencesAction({ enabled: [...checked] });
          setStatus(r.ok ? "saved" : "error");
        });
      }}
    >
      <fieldset disabled={disabled || pending}>
        <legend className="sr-only">{t("emailHeading")}</legend>
        <ul className="divide-y divide-slate-100">
          {prefs.map((p) => {
            const id = `pref-${key(p.kind)}`;
            return (
              <li key={p.kind} className="flex items-start gap-3 py-3">
                <input
                  id={id}
                  type="checkbox"
                  name="enabled"
                  value={p.kind}
                  checked={checked.has(p.kind)}
                  onChange={(e) => {
                    setStatus(null);
                    setChecked((old) => {
                      const next = new Set(old);
                      if (e.target.checked) next.add(p.kind);
                      else next.delete(p.kind);
                      return next;
                    });
                  }}
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-700 focus:ring-brand-600"
                  aria-describedby={`${id}-hint`}
                />
                <label htmlFor={id} className="min-w-0 flex-1 text-sm">
                  <span className="font-medium text-slate-900">{t(`kinds.${key(p.kind)}.label`)}</span>
                  {p.isDefault && <span className="ml-2 text-xs text-slate-500">({t("default")})</span>}
                  <span id={`${id}-hint`} className="block text-xs text-slate-600">
                    {t(`kinds.${key(p.kind)}.hint`)}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        <div className="mt-4 flex items-center gap-3">
          <button type="submit" className={btnPrimary} data-testid="save-preferences">
            {pending ? t("saving") : t("save")}
          </button>
          <span aria-live="polite" className={`text-sm ${status === "error" ? "text-red-700" : "text-emerald-700"}`}>
            {status === "saved" ? t("saved") : status === "error" ? tp("error") : null}
          </span>
        </div>
      </fieldset>
    </form>
  );
}

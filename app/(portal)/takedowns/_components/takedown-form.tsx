"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import type { ActionResult } from "@/lib/auth/define-action";
import { TAKEDOWN_KIND_VALUES } from "@/lib/domain/legal-review";

const inputCls = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-200 aria-[invalid=true]:border-red-500";

/** The intake form: required fields checked here and again on the server; on success the form clears and the list refreshes. */
export function TakedownForm(props: { inboxItemId?: string; action: (fd: FormData) => Promise<ActionResult<unknown>> }) {
  const t = useTranslations("legalQueue");
  const tc = useTranslations("common.errors");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<PublicError | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const ids = { complainant: useId(), contact: useId(), url: useId(), kind: useId(), description: useId() };

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const miss = ["complainant", "description"].filter((k) => !String(fd.get(k) ?? "").trim());
    setMissing(miss);
    setDone(false);
    setError(null);
    if (miss.length) return;
    start(async () => {
      const r = await props.action(fd);
      if (r.ok) {
        setDone(true);
        formRef.current?.reset();
        router.refresh();
      } else setError(r.error);
    });
  };
  const fieldErr = (k: string) => missing.includes(k) || !!error?.fieldErrors?.[k];
  const errText = (k: string) =>
    missing.includes(k) ? t("intake.errors.required") : error?.fieldErrors?.[k]?.includes("invalid_url") ? t("intake.errors.invalid_url") : error?.fieldErrors?.[k] ? t("intake.errors.invalid_input") : null;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="grid gap-3 md:grid-cols-2" data-testid="takedown-form">
      {props.inboxItemId && <input type="hidden" name="inboxItemId" value={props.inboxItemId} />}
      <div>
        <label htmlFor={ids.complainant} className="text-xs font-medium text-slate-600">
          {t("intake.complainant")} *
        </label>
        <input id={ids.complainant} name="complainant" maxLength={200} aria-invalid={fieldErr("complainant")} className={inputCls} data-testid="takedown-complainant" />
        {errText("complainant") && <p className="mt-0.5 text-xs text-red-700">{errText("complainant")}</p>}
      </div>
      <div>
        <label htmlFor={ids.contact} className="text-xs font-medium text-slate-600">
          {t("intake.contact")}
        </label>
        <input id={ids.contact} name="contact" maxLength={300} className={inputCls} data-testid="takedown-contact" />
      </div>
      <div>
        <label htmlFor={ids.url} className="text-xs font-medium text-slate-600">
          {t("intake.url")}
        </label>
        <input id={ids.url} name="url" type="url" maxLength={1000} aria-invalid={fieldErr("url")} className={inputCls} data-testid="takedown-url" placeholder="https://" />
        {errText("url") && <p className="mt-0.5 text-xs text-red-700">{errText("url")}</p>}
      </div>
      <div>
        <label htmlFor={ids.kind} className="text-xs font-medium text-slate-600">
          {t("intake.kind")}
        </label>
        <select id={ids.kind} name="kind" defaultValue="copyright" className={inputCls} data-testid="takedown-kind">
          {TAKEDOWN_KIND_VALUES.map((k) => (
            <option key={k} value={k}>
              {t(`takedownKinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="md:col-span-2">
        <label htmlFor={ids.description} className="text-xs font-medium text-slate-600">
          {t("intake.description")} *
        </label>
        <textarea
          id={ids.description}
          name="description"
          rows={5}
          maxLength={5000}
          aria-invalid={fieldErr("description")}
          aria-describedby={`${ids.description}-hint`}
          className={inputCls}
          data-testid="takedown-description"
        />
        <p id={`${ids.description}-hint`} className="mt-0.5 text-xs text-slate-500">
          {t("intake.descriptionHint")}
        </p>
        {errText("description") && <p className="mt-0.5 text-xs text-red-700">{errText("description")}</p>}
      </div>
      <div className="space-y-2 md:col-span-2">
        {error && !error.fieldErrors && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {tc(error.code)}
          </p>
        )}
        {done && (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="takedown-created">
            {t("intake.created")}
          </p>
        )}
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50" data-testid="takedown-submit">
          {pending ? t("intake.submitting") : t("intake.submit")}
        </button>
      </div>
    </form>
  );
}

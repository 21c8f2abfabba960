"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { createReportScheduleAction, generateReportNowAction, setReportScheduleEnabledAction } from "../actions";

const input = "block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
const label = "mb-1 block text-xs font-medium text-slate-600";
const btnPrimary = "inline-flex items-center justify-center rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50";
const btnSecondary = "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

/** A new weekly schedule: name, weekday, time (Asia/Tokyo), brand, recipients. */
export function ScheduleForm({ brands, recipients }: { brands: { id: string; name: string }[]; recipients: { id: string; name: string }[] }) {
  const t = useTranslations("analytics.reports");
  const router = useRouter();
  const [error, setError] = useState<PublicError | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  const ids = { name: useId(), weekday: useId(), time: useId(), brand: useId(), rcpt: useId() };
  const fieldError = (f: string) => (error?.fieldErrors?.[f]?.length ? t("invalidField") : null);
  return (
    <form
      noValidate
      data-testid="schedule-form"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const form = e.currentTarget;
        start(async () => {
          setError(null);
          setSaved(false);
          const r = await createReportScheduleAction({
            name: String(fd.get("name") ?? ""),
            weekday: String(fd.get("weekday") ?? ""),
            time: String(fd.get("time") ?? ""),
            brandId: String(fd.get("brandId") ?? ""),
            recipientIds: fd.getAll("recipientIds").map(String),
          });
          if (!r.ok) return setError(r.error);
          form.reset();
          setSaved(true);
          router.refresh();
        });
      }}
    >
      <div>
        <label htmlFor={ids.name} className={label}>{t("name")}</label>
        <input id={ids.name} name="name" required maxLength={100} defaultValue={t("defaultName")} className={input} aria-invalid={!!fieldError("name")} />
        {fieldError("name") && <p className="mt-1 text-xs text-red-700" role="alert">{fieldError("name")}</p>}
      </div>
      <div>
        <label htmlFor={ids.weekday} className={label}>{t("weekday")}</label>
        <select id={ids.weekday} name="weekday" defaultValue="1" className={input}>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <option key={d} value={d}>{t(`weekdays.${d}`)}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.time} className={label}>{t("time")}</label>
        <input id={ids.time} name="time" type="time" required defaultValue="09:00" step={60} className={input} aria-invalid={!!fieldError("time")} aria-describedby={`${ids.time}-hint`} />
        <p id={`${ids.time}-hint`} className="mt-1 text-xs text-slate-500">{fieldError("time") ?? t("timeHint")}</p>
      </div>
      <div>
        <label htmlFor={ids.brand} className={label}>{t("brand")}</label>
        <select id={ids.brand} name="brandId" defaultValue="" className={input}>
          <option value="">{t("allBrands")}</option>
          {brands.map((b) => (
            <option key={b.id} value={b.id}>{b.name}</option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className={label}>{t("recipients")}</legend>
        <div className="max-h-28 space-y-1 overflow-auto rounded-md border border-slate-200 p-2">
          {recipients.map((r) => (
            <label key={r.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="recipientIds" value={r.id} />
              {r.name}
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-500">{fieldError("recipientIds") ?? t("recipientsHint")}</p>
      </fieldset>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-5">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="schedule-submit">
          {pending ? t("saving") : t("create")}
        </button>
        <p role="status" className="text-sm text-slate-600">
          {saved ? t("saved") : error && !error.fieldErrors ? t("error") : ""}
        </p>
      </div>
    </form>
  );
}

/** Turns a schedule on or off. */
export function ScheduleToggle({ id, enabled }: { id: string; enabled: boolean }) {
  const t = useTranslations("analytics.reports");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failed, setFailed] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={btnSecondary}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await setReportScheduleEnabledAction({ id, enabled: !enabled });
            setFailed(!r.ok);
            router.refresh();
          })
        }
      >
        {enabled ? t("disable") : t("enable")}
      </button>
      {failed && <span role="alert" className="text-xs text-red-700">{t("error")}</span>}
    </span>
  );
}

/** Makes last week's report now (or opens the one already made). */
export function GenerateNow({ brands }: { brands: { id: string; name: string }[] }) {
  const t = useTranslations("analytics.reports");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failed, setFailed] = useState(false);
  const id = useId();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="generate-now"
      onSubmit={(e) => {
        e.preventDefault();
        const brandId = String(new FormData(e.currentTarget).get("brandId") ?? "");
        start(async () => {
          const r = await generateReportNowAction({ brandId });
          setFailed(!r.ok);
          if (r.ok) router.push(`/analytics/reports/${r.data.id}`);
        });
      }}
    >
      <div>
        <label htmlFor={id} className={label}>{t("brand")}</label>
        <select id={id} name="brandId" defaultValue="" className={input}>
          <option value="">{t("allBrands")}</option>
          {brands.map((b) => (
            <option key={b.id} value={b.id}>{b.name}</option>
          ))}
        </select>
      </div>
      <button type="submit" className={btnPrimary} disabled={pending}>
        {pending ? t("generating") : t("generateNow")}
      </button>
      {failed && <span role="alert" className="text-xs text-red-700">{t("error")}</span>}
    </form>
  );
}

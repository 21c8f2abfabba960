"use client";

import { useId, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { PublicError } from "@/lib/errors";
import { AD_GENDERS, AD_LANGUAGES, AD_OBJECTIVES, BUDGET_TYPES, PACING_KINDS, PREFECTURES, flightDays } from "@/lib/domain/ads";
import { btnPrimary, btnSecondary, input, label } from "../../admin/_components/ui";
import { createCampaignAction, updateCampaignAction } from "../actions";
import { AdsError } from "./ads-error";

export type CampaignFormValues = {
  name: string;
  brandId: string;
  channelId: string;
  objective: (typeof AD_OBJECTIVES)[number];
  budgetType: (typeof BUDGET_TYPES)[number];
  budgetJpy: string;
  startsOn: string;
  endsOn: string;
  pacing: (typeof PACING_KINDS)[number];
  ageMin: string;
  ageMax: string;
  genders: string[];
  prefectures: string[];
  interests: string;
  languages: string[];
};

type Options = { brands: { id: string; name: string }[]; channels: { id: string; brandId: string; platform: string; name: string; connector: string; adsSetupGap?: string | null }[] };

const REGIONS: [string, number, number][] = [
  ["hokkaidoTohoku", 0, 7],
  ["kanto", 7, 14],
  ["chubu", 14, 23],
  ["kinki", 23, 30],
  ["chugokuShikoku", 30, 39],
  ["kyushuOkinawa", 39, 47],
];

/** Plan a campaign (or, with `campaignId`, edit its plan): budget, flight, pacing and targeting. */
export function CampaignForm({ options, initial, campaignId, thresholdJpy }: { options: Options; initial: CampaignFormValues; campaignId?: string; thresholdJpy: number }) {
  const t = useTranslations("ads.form");
  const ta = useTranslations("ads");
  const locale = useLocale();
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const f = (k: string) => `${id}-${k}`;
  const fieldErr = (k: string) => error?.fieldErrors?.[k]?.[0] ?? null;
  const set = <K extends keyof CampaignFormValues>(k: K, val: CampaignFormValues[K]) => setV((x) => ({ ...x, [k]: val }));
  const toggle = (k: "genders" | "prefectures" | "languages", val: string) => set(k, v[k].includes(val) ? v[k].filter((x) => x !== val) : [...v[k], val]);
  const channels = options.channels.filter((c) => c.brandId === v.brandId);
  const days = v.startsOn && v.endsOn && v.startsOn <= v.endsOn ? flightDays(v.startsOn, v.endsOn) : 0;
  const total = v.budgetType === "daily" ? Number(v.budgetJpy || 0) * days : Number(v.budgetJpy || 0);
  const yen = (n: number) => new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB", { style: "currency", currency: "JPY", maximumFractionDigits: 0 }).format(n);

  const submit = () =>
    start(async () => {
      setError(null);
      const payload = {
        name: v.name,
        objective: v.objective,
        budgetType: v.budgetType,
        budgetJpy: v.budgetJpy,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        pacing: v.pacing,
        targeting: { ageMin: v.ageMin, ageMax: v.ageMax, genders: v.genders, prefectures: v.prefectures, interests: v.interests, languages: v.languages },
      };
      const r = campaignId ? await updateCampaignAction({ campaignId, ...payload }) : await createCampaignAction({ ...payload, brandId: v.brandId, channelId: v.channelId });
      if (!r.ok) return setError(r.error);
      const newId = (r.data as { id: string }).id;
      router.push(`/ads/campaigns/${newId}`);
      router.refresh();
    });

  const err = (k: string) => {
    const e = fieldErr(k);
    return e ? (
      <p id={`${f(k)}-err`} className="mt-1 text-xs text-red-700" role="alert">
        {t("invalid")}
      </p>
    ) : null;
  };
  const aria = (k: string) => ({ "aria-invalid": !!fieldErr(k), "aria-describedby": fieldErr(k) ? `${f(k)}-err` : undefined });

  return (
    <form
      className="space-y-6"
      noValidate
      data-testid="campaign-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("basics")}</legend>
        <div className="md:col-span-2">
          <label htmlFor={f("name")} className={label}>{t("name")}</label>
          <input id={f("name")} className={input} value={v.name} maxLength={120} required onChange={(e) => set("name", e.target.value)} {...aria("name")} />
          {err("name")}
        </div>
        <div>
          <label htmlFor={f("brand")} className={label}>{t("brand")}</label>
          <select id={f("brand")} className={input} value={v.brandId} disabled={!!campaignId} onChange={(e) => setV((x) => ({ ...x, brandId: e.target.value, channelId: options.channels.find((c) => c.brandId === e.target.value)?.id ?? "" }))}>
            {options.brands.map((b) => (
              <option key={b.id} value={b.id}>{b.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={f("channel")} className={label}>{t("channel")}</label>
          <select id={f("channel")} className={input} value={v.channelId} disabled={!!campaignId} onChange={(e) => set("channelId", e.target.value)} {...aria("channelId")}>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.platform}{c.connector === "sandbox" ? ` · ${t("sandbox")}` : ""}{c.adsSetupGap ? ` · ${t("noAdAccount")}` : ""})
              </option>
            ))}
          </select>
          {err("channelId")}
          {channels.find((c) => c.id === v.channelId)?.adsSetupGap && (
            <p role="note" className="mt-1 text-xs text-amber-800" data-testid="channel-setup-gap">
              {t("setupGapNote")}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={f("objective")} className={label}>{t("objective")}</label>
          <select id={f("objective")} className={input} value={v.objective} onChange={(e) => set("objective", e.target.value as CampaignFormValues["objective"])}>
            {AD_OBJECTIVES.map((o) => (
              <option key={o} value={o}>{ta(`objectives.${o}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={f("pacing")} className={label}>{t("pacing")}</label>
          <select id={f("pacing")} className={input} value={v.pacing} onChange={(e) => set("pacing", e.target.value as CampaignFormValues["pacing"])}>
            {PACING_KINDS.map((p) => (
              <option key={p} value={p}>{t(`pacingKinds.${p}`)}</option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("budgetAndFlight")}</legend>
        <div>
          <label htmlFor={f("budgetType")} className={label}>{t("budgetType")}</label>
          <select id={f("budgetType")} className={input} value={v.budgetType} onChange={(e) => set("budgetType", e.target.value as CampaignFormValues["budgetType"])}>
            {BUDGET_TYPES.map((b) => (
              <option key={b} value={b}>{t(`budgetTypes.${b}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={f("budget")} className={label}>{t("budgetJpy")}</label>
          <input id={f("budget")} className={input} inputMode="numeric" value={v.budgetJpy} onChange={(e) => set("budgetJpy", e.target.value.replace(/[^\d]/g, ""))} {...aria("budgetJpy")} data-testid="budget-input" />
          {err("budgetJpy")}
        </div>
        <div>
          <label htmlFor={f("starts")} className={label}>{t("startsOn")}</label>
          <input id={f("starts")} type="date" className={input} value={v.startsOn} onChange={(e) => set("startsOn", e.target.value)} {...aria("startsOn")} />
          {err("startsOn")}
        </div>
        <div>
          <label htmlFor={f("ends")} className={label}>{t("endsOn")}</label>
          <input id={f("ends")} type="date" className={input} value={v.endsOn} onChange={(e) => set("endsOn", e.target.value)} {...aria("endsOn")} />
          {err("endsOn")}
        </div>
        <p className="text-sm text-slate-700 md:col-span-4" aria-live="polite" data-testid="budget-total">
          {t("totalLine", { days, total: yen(total) })}{" "}
          {total > thresholdJpy && <span className="font-medium text-amber-800">{t("needsApproval", { threshold: yen(thresholdJpy) })}</span>}
        </p>
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("targeting")}</legend>
        <div>
          <label htmlFor={f("ageMin")} className={label}>{t("ageMin")}</label>
          <input id={f("ageMin")} type="number" min={13} max={65} className={input} value={v.ageMin} onChange={(e) => set("ageMin", e.target.value)} {...aria("targeting.ageMin")} />
        </div>
        <div>
          <label htmlFor={f("ageMax")} className={label}>{t("ageMax")}</label>
          <input id={f("ageMax")} type="number" min={13} max={65} className={input} value={v.ageMax} onChange={(e) => set("ageMax", e.target.value)} {...aria("targeting.ageMax")} />
          {err("targeting.ageMax")}
        </div>
        <div role="group" aria-labelledby={f("genders")}>
          <span id={f("genders")} className={label}>{t("genders")}</span>
          <div className="flex gap-3 pt-1 text-sm">
            {AD_GENDERS.map((g) => (
              <label key={g} className="inline-flex items-center gap-1">
                <input type="checkbox" checked={v.genders.includes(g)} onChange={() => toggle("genders", g)} /> {t(`genderOptions.${g}`)}
              </label>
            ))}
          </div>
          <p className="text-xs text-slate-500">{t("allIfNone")}</p>
        </div>
        <div role="group" aria-labelledby={f("langs")}>
          <span id={f("langs")} className={label}>{t("languages")}</span>
          <div className="flex flex-wrap gap-3 pt-1 text-sm">
            {AD_LANGUAGES.map((l) => (
              <label key={l} className="inline-flex items-center gap-1">
                <input type="checkbox" checked={v.languages.includes(l)} onChange={() => toggle("languages", l)} /> {t(`languageOptions.${l}`)}
              </label>
            ))}
          </div>
        </div>
        <div className="md:col-span-4">
          <label htmlFor={f("interests")} className={label}>{t("interests")}</label>
          <input id={f("interests")} className={input} value={v.interests} placeholder={t("interestsHint")} onChange={(e) => set("interests", e.target.value)} />
        </div>
        <div className="md:col-span-4" role="group" aria-labelledby={f("prefs")}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span id={f("prefs")} className={label}>
              {t("prefectures")} — {v.prefectures.length ? t("prefCount", { n: v.prefectures.length }) : t("allJapan")}
            </span>
            {v.prefectures.length > 0 && (
              <button type="button" className="text-xs text-brand-700 underline" onClick={() => set("prefectures", [])}>
                {t("clearPrefectures")}
              </button>
            )}
          </div>
          <div className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-3">
            {REGIONS.map(([key, from, to]) => (
              <fieldset key={key}>
                <legend className="text-xs font-semibold text-slate-700">{t(`regions.${key}`)}</legend>
                <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm">
                  {PREFECTURES.slice(from, to).map((p) => (
                    <label key={p.code} className="inline-flex items-center gap-1">
                      <input type="checkbox" checked={v.prefectures.includes(p.ja)} onChange={() => toggle("prefectures", p.ja)} data-testid={`pref-${p.code}`} />
                      {locale === "ja" ? p.ja : p.en}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="campaign-submit">
          {pending ? t("saving") : campaignId ? t("save") : t("create")}
        </button>
        <button type="button" className={btnSecondary} onClick={() => router.back()}>
          {t("cancel")}
        </button>
        <span aria-live="polite">
          <AdsError error={error} />
        </span>
      </div>
    </form>
  );
}

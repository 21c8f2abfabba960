"use client";

import { useId, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { POST_STATES } from "@/lib/domain/workflow";
import { inputCls, labelCls } from "@/components/scheduling/ui";
import { STATE_CHIP } from "./styles";

type Option = { id: string; name: string };

/**
 * Brand, channel and state filters as a plain GET form (works without JavaScript via the apply
 * button); with JavaScript every change navigates at once. The view and the date are kept.
 */
export function CalendarFilters(props: {
  view: string;
  date: string;
  brandId: string | null;
  channelId: string | null;
  states: string[];
  brands: Option[];
  channels: (Option & { brandId: string; platform: string })[];
}) {
  const t = useTranslations("calendar.filters");
  const tc = useTranslations("common");
  const router = useRouter();
  const [pending, start] = useTransition();
  const brandId = useId();
  const channelId = useId();
  const channels = props.brandId ? props.channels.filter((c) => c.brandId === props.brandId) : props.channels;

  const navigate = (form: HTMLFormElement) => {
    const fd = new FormData(form);
    const q = new URLSearchParams();
    for (const [k, v] of fd.entries()) if (typeof v === "string" && v) q.append(k, v);
    // A channel of another brand would filter everything out: drop it when the brand changes.
    const ch = props.channels.find((c) => c.id === q.get("channel"));
    if (ch && q.get("brand") && ch.brandId !== q.get("brand")) q.delete("channel");
    start(() => router.push(`/calendar?${q.toString()}`));
  };

  return (
    <form
      method="get"
      action="/calendar"
      onChange={(e) => navigate(e.currentTarget)}
      onSubmit={(e) => {
        e.preventDefault();
        navigate(e.currentTarget);
      }}
      className="flex flex-wrap items-end gap-3"
      aria-busy={pending}
      data-testid="cal-filters"
    >
      <input type="hidden" name="view" value={props.view} />
      <input type="hidden" name="date" value={props.date} />
      <div className="w-44">
        <label htmlFor={brandId} className={labelCls}>
          {t("brand")}
        </label>
        <select id={brandId} name="brand" defaultValue={props.brandId ?? ""} className={inputCls} data-testid="cal-filter-brand">
          <option value="">{tc("allBrands")}</option>
          {props.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <div className="w-56">
        <label htmlFor={channelId} className={labelCls}>
          {t("channel")}
        </label>
        <select id={channelId} name="channel" defaultValue={props.channelId ?? ""} className={inputCls} data-testid="cal-filter-channel">
          <option value="">{t("allChannels")}</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {tc(`platforms.${c.platform}`)} · {c.name}
            </option>
          ))}
        </select>
      </div>
      <details className="relative">
        <summary className="flex h-[34px] cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50" data-testid="cal-filter-states">
          {t("states")}
          <span className="rounded-full bg-slate-100 px-1.5 text-xs tabular-nums">{props.states.length ? props.states.length : t("statesDefault")}</span>
          <span aria-hidden>▾</span>
        </summary>
        <fieldset className="absolute z-20 mt-1 w-56 space-y-1 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
          <legend className="sr-only">{t("states")}</legend>
          {POST_STATES.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="state" value={s} defaultChecked={props.states.includes(s)} />
              <span aria-hidden className={`h-2.5 w-2.5 rounded-sm ${STATE_CHIP[s].swatch}`} />
              {tc(`postStates.${s}`)}
            </label>
          ))}
          <p className="pt-1 text-xs text-slate-500">{t("statesHint")}</p>
        </fieldset>
      </details>
      <noscript>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          {tc("apply")}
        </button>
      </noscript>
      {(props.brandId || props.channelId || props.states.length > 0) && (
        <a href={`/calendar?view=${props.view}&date=${props.date}`} className="pb-1.5 text-sm text-brand-700 hover:underline" data-testid="cal-filter-clear">
          {t("clear")}
        </a>
      )}
    </form>
  );
}

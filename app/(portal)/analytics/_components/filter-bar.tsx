"use client";

import { useState, useTransition, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

type Option = { id: string; name: string };
type ChannelOption = Option & { brandId: string; platform: string };

/**
 * The workspace's filters, kept in the URL: range presets (7/28/90 days) or a custom Tokyo-day
 * range, brand and channel. Changing a select applies it at once; the page re-renders on the
 * server with the new search params while this bar says it is updating.
 */
export function FilterBar({
  basePath,
  preset,
  from,
  to,
  brandId,
  channelId,
  brands,
  channels,
  keep = {},
  errors = [],
}: {
  basePath: string;
  preset: string;
  from: string;
  to: string;
  brandId: string | null;
  channelId: string | null;
  brands: Option[];
  channels: ChannelOption[];
  /** Other params of the page to keep (metric, sort…). */
  keep?: Record<string, string>;
  errors?: string[];
}) {
  const t = useTranslations("analytics.filters");
  const tp = useTranslations("common.platforms");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [custom, setCustom] = useState(preset === "custom");

  const href = (over: Record<string, string | null>) => {
    const p = new URLSearchParams();
    const base: Record<string, string | null> = { range: preset === "28" ? null : preset, from: preset === "custom" ? from : null, to: preset === "custom" ? to : null, brand: brandId, channel: channelId, ...keep };
    for (const [k, v] of Object.entries({ ...base, ...over })) if (v) p.set(k, v);
    const qs = p.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const go = (over: Record<string, string | null>) => start(() => router.push(href(over), { scroll: false }));
  const visibleChannels = brandId ? channels.filter((c) => c.brandId === brandId) : channels;

  const onCustom = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    go({ range: "custom", from: String(fd.get("from") ?? ""), to: String(fd.get("to") ?? "") });
  };

  return (
    <div className="mb-6 rounded-xl border border-slate-200 bg-white p-3 shadow-sm" role="search" aria-label={t("label")} aria-busy={pending || undefined} data-testid="analytics-filters">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <span className="mb-1 block text-xs font-medium text-slate-600" id="range-label">
            {t("range")}
          </span>
          <div role="group" aria-labelledby="range-label" className="inline-flex overflow-hidden rounded-md border border-slate-300">
            {(["7", "28", "90"] as const).map((p) => (
              <Link
                key={p}
                href={href({ range: p === "28" ? null : p, from: null, to: null })}
                scroll={false}
                aria-current={preset === p ? "true" : undefined}
                onClick={() => setCustom(false)}
                className="border-r border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 aria-[current=true]:bg-brand-700 aria-[current=true]:font-semibold aria-[current=true]:text-white"
                data-testid={`range-${p}`}
              >
                {t("days", { days: p })}
              </Link>
            ))}
            <button
              type="button"
              aria-pressed={custom}
              onClick={() => setCustom((c) => !c)}
              className="px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 aria-pressed:bg-brand-50 aria-pressed:font-semibold aria-pressed:text-brand-800"
              data-testid="range-custom"
            >
              {t("custom")}
            </button>
          </div>
        </div>
        <div>
          <label htmlFor="filter-brand" className="mb-1 block text-xs font-medium text-slate-600">
            {t("brand")}
          </label>
          <select
            id="filter-brand"
            value={brandId ?? ""}
            onChange={(e) => go({ brand: e.target.value || null, channel: null, page: null })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">{t("allBrands")}</option>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-channel" className="mb-1 block text-xs font-medium text-slate-600">
            {t("channel")}
          </label>
          <select
            id="filter-channel"
            value={channelId ?? ""}
            onChange={(e) => go({ channel: e.target.value || null, page: null })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">{t("allChannels")}</option>
            {visibleChannels.map((c) => (
              <option key={c.id} value={c.id}>
                {tp(c.platform)} · {c.name}
              </option>
            ))}
          </select>
        </div>
        <p className="ml-auto text-xs text-slate-500" aria-live="polite">
          {pending ? t("updating") : t("period", { from, to })}
        </p>
      </div>
      {custom && (
        <form onSubmit={onCustom} className="mt-3 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-3" data-testid="custom-range">
          <div>
            <label htmlFor="filter-from" className="mb-1 block text-xs font-medium text-slate-600">
              {t("from")}
            </label>
            <input id="filter-from" name="from" type="date" required defaultValue={from} className="rounded-md border border-slate-300 px-2 py-1 text-sm" />
          </div>
          <div>
            <label htmlFor="filter-to" className="mb-1 block text-xs font-medium text-slate-600">
              {t("to")}
            </label>
            <input id="filter-to" name="to" type="date" required defaultValue={to} className="rounded-md border border-slate-300 px-2 py-1 text-sm" />
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
            {t("apply")}
          </button>
          <p className="text-xs text-slate-500">{t("tokyoNote")}</p>
        </form>
      )}
      {errors.length > 0 && (
        <p role="alert" className="mt-2 text-xs text-amber-800">
          {t("ignored", { fields: errors.join(", ") })}
        </p>
      )}
    </div>
  );
}

"use client";

import { useId, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { renderTemplate, templateTitle, type TemplateLocale } from "@/lib/domain/correction-templates";
import { measure, type Platform } from "@/lib/domain/text-length";
import { NETWORK_MEDIA } from "@/lib/domain/media-rules";
import { btnPrimary, btnSecondary, inputCls, labelCls, noticeError } from "@/components/crisis/ui";
import { useErrorText } from "@/components/crisis/use-error-text";
import { createStatementAction } from "../actions";

export type StatementBrand = { id: string; name: string; channels: { id: string; platform: Platform; name: string }[] };

/** A statement is text only: networks that require an image or video are offered but not preselected. */
const textOnly = (c: { platform: Platform }) => !NETWORK_MEDIA[c.platform].required;

/**
 * A holding statement from the template: brand, channels, the matter; one text per channel that
 * follows the template until the person edits it. Created and sent to the fast lane in one step.
 */
export function StatementForm({ brands, locale, platformNames }: { brands: StatementBrand[]; locale: TemplateLocale; platformNames: Record<string, string> }) {
  const t = useTranslations("crisis.statement");
  const router = useRouter();
  const errorText = useErrorText("crisis");
  const ids = { brand: useId(), topic: useId(), title: useId(), hint: useId() };
  const [brandId, setBrandId] = useState(brands[0]?.id ?? "");
  const brand = brands.find((b) => b.id === brandId) ?? null;
  const [picked, setPicked] = useState<Set<string>>(new Set(brand?.channels.filter(textOnly).map((c) => c.id) ?? []));
  const [topic, setTopic] = useState("");
  const [title, setTitle] = useState<string | null>(null);
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const generated = useMemo(() => {
    const out: Record<string, string> = {};
    for (const c of brand?.channels ?? []) out[c.id] = renderTemplate("statement", locale, { topic, brandName: brand?.name }, c.platform).text;
    return out;
  }, [brand, topic, locale]);
  const textOf = (id: string) => edited[id] ?? generated[id] ?? "";
  const shownTitle = title ?? templateTitle("statement", locale, topic);

  const chooseBrand = (id: string) => {
    setBrandId(id);
    setPicked(new Set(brands.find((b) => b.id === id)?.channels.filter(textOnly).map((c) => c.id) ?? []));
    setEdited({});
  };
  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = () =>
    start(async () => {
      setError(null);
      const channels = (brand?.channels ?? []).filter((c) => picked.has(c.id));
      const r = await createStatementAction({ brandId, title: shownTitle.trim(), variants: channels.map((c) => ({ channelId: c.id, text: textOf(c.id) })) });
      if (r.ok) router.push(`/corrections/${r.data.postId}${r.data.submitted ? "?submitted=1" : `?notSubmitted=${encodeURIComponent(r.data.notSubmittedBecause ?? "")}`}`);
      else setError(errorText(r.error));
    });

  if (brands.length === 0) return <p className="text-sm text-slate-600">{t("noChannels")}</p>;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="statement-form"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={ids.brand} className={labelCls}>
            {t("brandLabel")}
          </label>
          <select id={ids.brand} value={brandId} onChange={(e) => chooseBrand(e.target.value)} className={inputCls} data-testid="statement-brand">
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.topic} className={labelCls}>
            {t("topicLabel")}
          </label>
          <input
            id={ids.topic}
            value={topic}
            maxLength={200}
            onChange={(e) => setTopic(e.target.value)}
            aria-describedby={ids.hint}
            className={inputCls}
            data-testid="statement-topic"
          />
          <p id={ids.hint} className="mt-1 text-xs text-slate-500">
            {t("topicHint")}
          </p>
        </div>
      </div>
      <fieldset>
        <legend className={labelCls}>{t("channelsLabel")}</legend>
        {brand && brand.channels.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noChannels")}</p>
        ) : (
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {brand?.channels.map((c) => (
              <label key={c.id} className="inline-flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" checked={picked.has(c.id)} onChange={() => toggle(c.id)} data-testid="statement-channel" />
                {platformNames[c.platform] ?? c.platform} · {c.name}
                {!textOnly(c) && <span className="text-xs text-slate-500">({t("needsMedia")})</span>}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div>
        <label htmlFor={ids.title} className={labelCls}>
          {t("titleLabel")}
        </label>
        <input id={ids.title} value={shownTitle} maxLength={200} onChange={(e) => setTitle(e.target.value)} className={inputCls} data-testid="statement-title" />
      </div>
      {brand?.channels
        .filter((c) => picked.has(c.id))
        .map((c) => {
          const text = textOf(c.id);
          const m = measure(c.platform, text);
          const label = `${platformNames[c.platform] ?? c.platform} · ${c.name}`;
          return (
            <div key={c.id}>
              <div className="flex items-end justify-between gap-2">
                <label htmlFor={`statement-text-${c.id}`} className={labelCls}>
                  {t("textLabel", { channel: label })}
                </label>
                <span className={`text-xs tabular-nums ${m.withinLimit ? "text-slate-500" : "font-semibold text-red-700"}`}>
                  {m.length} / {m.limit}
                </span>
              </div>
              <textarea
                id={`statement-text-${c.id}`}
                rows={4}
                value={text}
                onChange={(e) => setEdited((prev) => ({ ...prev, [c.id]: e.target.value }))}
                aria-invalid={!m.withinLimit}
                className={inputCls}
                data-testid="statement-text"
              />
            </div>
          );
        })}
      {error && (
        <p role="alert" className={noticeError} data-testid="statement-error">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={btnPrimary} disabled={pending || picked.size === 0} data-testid="statement-create">
          {t("create")}
        </button>
        <button type="button" className={btnSecondary} onClick={() => setEdited({})} disabled={Object.keys(edited).length === 0}>
          {t("regenerate")}
        </button>
      </div>
    </form>
  );
}

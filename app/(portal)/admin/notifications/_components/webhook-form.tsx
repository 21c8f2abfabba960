"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { createWebhookAction } from "../actions";
import { btnPrimary, input, label } from "../../_components/ui";

/** Adds a webhook: name, type, URL (never shown again in full), language and the kinds it forwards. */
export function WebhookForm({ kinds, defaultKinds }: { kinds: readonly string[]; defaultKinds: readonly string[] }) {
  const t = useTranslations("notifications.admin");
  const ts = useTranslations("notifications.settings.kinds");
  const [pending, start] = useTransition();
  const [error, setError] = useState<PublicError | null>(null);
  const [done, setDone] = useState(false);
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [kind, setKind] = useState<"slack" | "teams">("slack");
  const [locale, setLocale] = useState<"ja" | "en">("ja");
  const [picked, setPicked] = useState(() => new Set(defaultKinds));
  const id = useId();
  const fieldError = (f: string) => {
    const m = error?.fieldErrors?.[f]?.[0];
    if (!m) return null;
    return m === "webhook_url_invalid" ? t("errors.webhook_url_invalid") : t("errors.invalid_input");
  };

  return (
    <form
      data-testid="webhook-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setDone(false);
          const r = await createWebhookAction({ name, kind, url, locale, kinds: [...picked] });
          if (r.ok) {
            setError(null);
            setDone(true);
            setName("");
            setUrl("");
          } else setError(r.error);
        });
      }}
      className="space-y-3"
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-name`} className={label}>
            {t("name")}
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("namePlaceholder")}
            maxLength={100}
            required
            className={input}
            aria-invalid={fieldError("name") ? true : undefined}
          />
          {fieldError("name") && <p className="mt-1 text-xs text-red-700">{fieldError("name")}</p>}
        </div>
        <div>
          <label htmlFor={`${id}-kind`} className={label}>
            {t("kind")}
          </label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as "slack" | "teams")} className={input}>
            <option value="slack">{t("types.slack")}</option>
            <option value="teams">{t("types.teams")}</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-locale`} className={label}>
            {t("language")}
          </label>
          <select id={`${id}-locale`} value={locale} onChange={(e) => setLocale(e.target.value as "ja" | "en")} className={input}>
            <option value="ja">{t("languages.ja")}</option>
            <option value="en">{t("languages.en")}</option>
          </select>
        </div>
      </div>
      <div>
        <label htmlFor={`${id}-url`} className={label}>
          {t("url")}
        </label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          required
          className={`${input} font-mono`}
          aria-invalid={fieldError("url") ? true : undefined}
          aria-describedby={`${id}-url-hint${fieldError("url") ? ` ${id}-url-err` : ""}`}
        />
        <p id={`${id}-url-hint`} className="mt-1 text-xs text-slate-500">
          {t("urlHelp")}
        </p>
        {fieldError("url") && (
          <p id={`${id}-url-err`} className="mt-1 text-xs text-red-700">
            {fieldError("url")}
          </p>
        )}
      </div>
      <fieldset>
        <legend className={label}>{t("kinds")}</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {kinds.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={picked.has(k)}
                onChange={(e) =>
                  setPicked((old) => {
                    const next = new Set(old);
                    if (e.target.checked) next.add(k);
                    else next.delete(k);
                    return next;
                  })
                }
                className="h-4 w-4 rounded border-slate-300"
              />
              {ts(`${k.replaceAll(".", "_")}.label`)}
            </label>
          ))}
        </div>
        {fieldError("kinds") && <p className="mt-1 text-xs text-red-700">{fieldError("kinds")}</p>}
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="webhook-add">
          {pending ? t("adding") : t("add")}
        </button>
        <span aria-live="polite" className="text-sm">
          {done ? <span className="text-emerald-700">{t("added")}</span> : error && !error.fieldErrors ? <span className="text-red-700">{t("errors.invalid_input")}</span> : null}
        </span>
      </div>
    </form>
  );
}

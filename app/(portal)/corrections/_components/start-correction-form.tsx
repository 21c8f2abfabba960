"use client";

import { useId, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  CORRECTION_KINDS,
  FILLED_BY_PERSON,
  ORIGINAL_ACTIONS,
  PUBLISH_AS,
  renderTemplate,
  templateTitle,
  type CorrectionKind,
  type OriginalAction,
  type PublishAs,
  type TemplateLocale,
  type TemplateVarName,
} from "@/lib/domain/correction-templates";
import { measure, type Platform } from "@/lib/domain/text-length";
import { btnPrimary, btnSecondary, inputCls, labelCls, noticeError } from "@/components/crisis/ui";
import { useErrorText } from "@/components/crisis/use-error-text";
import { createCorrectionAction } from "../actions";

export type CorrectableChannel = {
  channelId: string;
  platform: Platform;
  label: string;
  published: boolean;
  /** Whether the channel's connector can hide or delete the original (Instagram media cannot be). */
  removable: boolean;
};

/**
 * Start a correction, apology or retraction of a published post: the kind, the facts the template
 * needs, the channels (the original's), how it goes out and what happens to the original; one text
 * per channel follows the template until the person edits it. Created and sent to the fast lane.
 */
export function StartCorrectionForm(props: {
  originalPostId: string;
  originalTitle: string;
  originalText: string;
  originalDate: string;
  locale: TemplateLocale;
  channels: CorrectableChannel[];
}) {
  const t = useTranslations("corrections.start");
  const te = useTranslations("corrections.original");
  const router = useRouter();
  const errorText = useErrorText("corrections");
  const ids = { kind: useId(), title: useId(), vars: useId() };
  const anyPublished = props.channels.some((c) => c.published);
  const [kind, setKind] = useState<CorrectionKind>("correction");
  const [vars, setVars] = useState<Partial<Record<TemplateVarName, string>>>({});
  const [publishAs, setPublishAs] = useState<PublishAs>(anyPublished ? "reply" : "new_post");
  const [originalAction, setOriginalAction] = useState<OriginalAction>("keep");
  const [picked, setPicked] = useState<Set<string>>(new Set(props.channels.filter((c) => c.published).map((c) => c.channelId)));
  const [title, setTitle] = useState<string | null>(null);
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const templateVars = { ...vars, originalDate: props.originalDate, originalExcerpt: props.originalText };
  const generated = useMemo(() => {
    const out: Record<string, ReturnType<typeof renderTemplate>> = {};
    for (const c of props.channels) out[c.channelId] = renderTemplate(kind, props.locale, { ...vars, originalDate: props.originalDate, originalExcerpt: props.originalText }, c.platform);
    return out;
  }, [kind, vars, props.channels, props.locale, props.originalDate, props.originalText]);
  const textOf = (id: string) => edited[id] ?? generated[id]?.text ?? "";
  const shownTitle = title ?? templateTitle(kind, props.locale, props.originalTitle);
  const missing = renderTemplate(kind, props.locale, templateVars).missing.filter((v) => (FILLED_BY_PERSON[kind] as readonly string[]).includes(v));
  const chosen = props.channels.filter((c) => picked.has(c.channelId));
  const replyImpossible = publishAs === "reply" && chosen.some((c) => !c.published);
  // Hide / delete runs per channel through its connector; where it cannot (Instagram), a person must do it in the app.
  const removable = chosen.filter((c) => c.removable);
  const byHand = chosen.filter((c) => !c.removable);
  const removalImpossible = chosen.length > 0 && removable.length === 0;
  const effectiveAction: OriginalAction = removalImpossible ? "keep" : originalAction;

  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const changeKind = (k: CorrectionKind) => {
    setKind(k);
    setEdited({});
  };

  const submit = () =>
    start(async () => {
      setError(null);
      if (chosen.length === 0) return setError(errorText({ code: "VALIDATION", message: "channels_required" }));
      if (!shownTitle.trim()) return setError(errorText({ code: "VALIDATION", message: "title_required" }));
      const r = await createCorrectionAction({
        originalPostId: props.originalPostId,
        kind,
        publishAs,
        originalAction: effectiveAction,
        title: shownTitle.trim(),
        variants: chosen.map((c) => ({ channelId: c.channelId, text: textOf(c.channelId) })),
        submit: true,
      });
      if (r.ok) router.push(`/corrections/${r.data.postId}${r.data.submitted ? "?submitted=1" : `?notSubmitted=${encodeURIComponent(r.data.notSubmittedBecause ?? "")}`}`);
      else setError(errorText(r.error));
    });

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="start-correction"
    >
      <fieldset>
        <legend id={ids.kind} className={labelCls}>
          {t("kindLabel")}
        </legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {CORRECTION_KINDS.map((k) => (
            <label key={k} className={`flex cursor-pointer gap-2 rounded-md border px-3 py-2 text-sm ${kind === k ? "border-brand-600 bg-brand-50" : "border-slate-200"}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => changeKind(k)} className="mt-0.5" data-testid={`correction-kind-${k}`} />
              <span>
                <span className="font-medium text-slate-900">{t(`kinds.${k}`)}</span>
                <span className="block text-xs text-slate-600">{t(`kindHints.${k}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2" aria-describedby={ids.vars}>
        {FILLED_BY_PERSON[kind].map((v) => (
          <div key={v} className={v === "detail" ? "sm:col-span-2" : undefined}>
            <label htmlFor={`var-${v}`} className={labelCls}>
              {t(`vars.${v}` as "vars.wrongFact")}
            </label>
            <input
              id={`var-${v}`}
              value={vars[v] ?? ""}
              maxLength={500}
              onChange={(e) => setVars((prev) => ({ ...prev, [v]: e.target.value }))}
              className={inputCls}
              data-testid={`correction-var-${v}`}
            />
          </div>
        ))}
      </div>
      <p id={ids.vars} className="text-xs text-slate-500">
        {t("textHelp")}
      </p>

      <div className="grid gap-4 md:grid-cols-3">
        <fieldset>
          <legend className={labelCls}>{t("channelsLabel")}</legend>
          <div className="space-y-1">
            {props.channels.map((c) => (
              <label key={c.channelId} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" checked={picked.has(c.channelId)} onChange={() => toggle(c.channelId)} data-testid="correction-channel" />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className={labelCls}>{t("publishAsLabel")}</legend>
          <div className="space-y-1">
            {PUBLISH_AS.map((p) => (
              <label key={p} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="publishAs" value={p} checked={publishAs === p} onChange={() => setPublishAs(p)} data-testid={`correction-publish-as-${p}`} />
                {te(`publishAs.${p}`)}
              </label>
            ))}
          </div>
          {replyImpossible && <p className="mt-1 text-xs text-red-700">{t("noReplyTarget")}</p>}
        </fieldset>
        <fieldset>
          <legend className={labelCls}>{t("originalActionLabel")}</legend>
          <div className="space-y-1">
            {ORIGINAL_ACTIONS.map((a) => (
              <label key={a} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name="originalAction"
                  value={a}
                  checked={effectiveAction === a}
                  disabled={a !== "keep" && removalImpossible}
                  aria-describedby={a !== "keep" && removalImpossible ? "correction-removal-unsupported" : undefined}
                  onChange={() => setOriginalAction(a)}
                  data-testid={`correction-original-${a}`}
                />
                <span className={a !== "keep" && removalImpossible ? "text-slate-400" : undefined}>{te(`originalAction.${a}`)}</span>
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500">{t("originalActionHint")}</p>
          {byHand.length > 0 && (removalImpossible || effectiveAction !== "keep") && (
            <p id="correction-removal-unsupported" role="note" className="mt-1 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="correction-removal-unsupported">
              {removalImpossible ? t("removalUnsupported", { channels: byHand.map((c) => c.label).join(" / ") }) : t("removalByHand", { channels: byHand.map((c) => c.label).join(" / ") })}
            </p>
          )}
        </fieldset>
      </div>

      <div>
        <label htmlFor={ids.title} className={labelCls}>
          {t("titleLabel")}
        </label>
        <input id={ids.title} value={shownTitle} maxLength={200} onChange={(e) => setTitle(e.target.value)} className={inputCls} data-testid="correction-title" />
      </div>

      {chosen.map((c) => {
        const text = textOf(c.channelId);
        const m = measure(c.platform, text);
        return (
          <div key={c.channelId}>
            <div className="flex items-end justify-between gap-2">
              <label htmlFor={`correction-text-${c.channelId}`} className={labelCls}>
                {t("textLabel", { channel: c.label })}
              </label>
              <span className={`text-xs tabular-nums ${m.withinLimit ? "text-slate-500" : "font-semibold text-red-700"}`}>{t("length", { count: m.length, limit: m.limit })}</span>
            </div>
            <textarea
              id={`correction-text-${c.channelId}`}
              rows={6}
              value={text}
              onChange={(e) => setEdited((prev) => ({ ...prev, [c.channelId]: e.target.value }))}
              aria-invalid={!m.withinLimit}
              className={inputCls}
              data-testid="correction-text"
            />
          </div>
        );
      })}

      {missing.length > 0 && Object.keys(edited).length === 0 && (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="correction-missing">
          {t("placeholdersLeft", { names: missing.map((v) => t(`vars.${v}` as "vars.wrongFact")).join("、") })}
        </p>
      )}
      {error && (
        <p role="alert" className={noticeError} data-testid="correction-error">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={btnPrimary} disabled={pending || replyImpossible} data-testid="correction-create">
          {t("submit")}
        </button>
        <button type="button" className={btnSecondary} onClick={() => setEdited({})} disabled={Object.keys(edited).length === 0}>
          {t("regenerate")}
        </button>
      </div>
    </form>
  );
}

"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { btnDanger, btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { ConfirmDialog } from "@/components/crisis/confirm-dialog";
import { fillTemplate, SAVED_REPLY_LIMITS, templateDate, unknownVariables } from "@/lib/domain/inbox-replies";
import type { PublicError } from "@/lib/errors";
import { createSavedReplyAction, deleteSavedReplyAction, updateSavedReplyAction } from "../saved-replies/actions";
import { useReplyErrorText } from "./reply-shared";

export type SavedReplyRow = { id: string; title: string; locale: "ja" | "en"; body: string; createdByName: string | null; updatedAt: string };
type Draft = { title: string; locale: "ja" | "en"; body: string };

/** A template's text with its {{variables}} marked, as inert text. */
function Marked({ body }: { body: string }) {
  const parts = body.split(/(\{\{\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\}\})/g);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded bg-brand-50 px-0.5 font-mono text-[0.85em] text-brand-800">
            {p}
          </mark>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

/** The saved replies page: a form to add or change one (with a live preview and variable check) and the list. */
export function SavedRepliesManager({ items, variables, timeZone }: { items: SavedReplyRow[]; variables: string[]; timeZone: string }) {
  const t = useTranslations("replies.saved");
  const format = useFormatter();
  const router = useRouter();
  const errorText = useReplyErrorText();
  const ids = { title: useId(), locale: useId(), body: useId() };
  const empty: Draft = { title: "", locale: "ja", body: "" };
  const [editingId, setEditingId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [error, setError] = useState<PublicError | null>(null);
  const [notice, setNotice] = useState<"created" | "updated" | "deleted" | null>(null);
  const [confirm, setConfirm] = useState<SavedReplyRow | null>(null);
  const [pending, start] = useTransition();

  const unknown = unknownVariables(draft.body);
  const valid = draft.title.trim() && draft.body.trim() && unknown.length === 0 && draft.body.length <= SAVED_REPLY_LIMITS.bodyMax;
  const preview = fillTemplate(draft.body, {
    name: t("previewValues.name"),
    handle: t("previewValues.handle"),
    agent: t("previewValues.agent"),
    date: templateDate(new Date(), draft.locale, timeZone),
    brand: t("previewValues.brand"),
  }).text;

  const save = () =>
    start(async () => {
      setError(null);
      const r = editingId ? await updateSavedReplyAction({ id: editingId, ...draft }) : await createSavedReplyAction(draft);
      if (!r.ok) return setError(r.error);
      setNotice(editingId ? "updated" : "created");
      setEditingId(null);
      setDraft(empty);
      router.refresh();
    });
  const remove = (row: SavedReplyRow) =>
    start(async () => {
      const r = await deleteSavedReplyAction({ id: row.id });
      setConfirm(null);
      if (!r.ok) return setError(r.error);
      setNotice("deleted");
      if (editingId === row.id) {
        setEditingId(null);
        setDraft(empty);
      }
      router.refresh();
    });

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <section aria-labelledby="saved-form-title" className="h-fit rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="saved-reply-form">
        <h2 id="saved-form-title" className="mb-3 text-base font-semibold text-slate-900">
          {editingId ? t("edit") : t("new")}
        </h2>
        <div className="space-y-3">
          <div>
            <label htmlFor={ids.title} className={labelCls}>
              {t("fields.title")}
            </label>
            <input id={ids.title} className={inputCls} value={draft.title} maxLength={SAVED_REPLY_LIMITS.titleMax} onChange={(e) => setDraft({ ...draft, title: e.target.value })} data-testid="saved-title" />
          </div>
          <div>
            <label htmlFor={ids.locale} className={labelCls}>
              {t("fields.locale")}
            </label>
            <select id={ids.locale} className={inputCls} value={draft.locale} onChange={(e) => setDraft({ ...draft, locale: e.target.value === "en" ? "en" : "ja" })} data-testid="saved-locale">
              <option value="ja">{t("locales.ja")}</option>
              <option value="en">{t("locales.en")}</option>
            </select>
          </div>
          <div>
            <label htmlFor={ids.body} className={labelCls}>
              {t("fields.body")}
            </label>
            <textarea
              id={ids.body}
              className={`${inputCls} min-h-32`}
              value={draft.body}
              maxLength={SAVED_REPLY_LIMITS.bodyMax}
              aria-invalid={unknown.length > 0 ? true : undefined}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
              data-testid="saved-body"
            />
            {unknown.length > 0 && (
              <p className="mt-1 text-xs text-red-700" role="alert">
                {errorText({ code: "VALIDATION", message: "unknown_variable" })} ({unknown.map((v) => `{{${v}}}`).join(" ")})
              </p>
            )}
          </div>
          <div className="rounded-md border border-slate-200 bg-slate-50 p-2 text-xs text-slate-600">
            <p className="mb-1 font-medium text-slate-700">{t("variablesTitle")}</p>
            <ul className="grid grid-cols-1 gap-0.5">
              {variables.map((v) => (
                <li key={v}>
                  <button
                    type="button"
                    className="font-mono text-brand-700 underline decoration-dotted hover:text-brand-800"
                    onClick={() => setDraft((d) => ({ ...d, body: `${d.body}{{${v}}}` }))}
                  >{`{{${v}}}`}</button>{" "}
                  — {t(`variables.${v}` as never)}
                </li>
              ))}
            </ul>
          </div>
          {draft.body.trim() && (
            <div className="rounded-md border border-slate-200 p-2 text-sm" data-testid="saved-preview">
              <p className="mb-1 text-xs font-medium text-slate-600">{t("preview")}</p>
              <p className="whitespace-pre-wrap text-slate-800">{preview}</p>
            </div>
          )}
          {error && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="saved-error">
              {errorText(error)}
            </p>
          )}
          {notice && (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              {t(notice)}
            </p>
          )}
          <div className="flex gap-2">
            <button type="button" className={btnPrimary} disabled={!valid || pending} onClick={save} data-testid="saved-save">
              {pending ? t("saving") : editingId ? t("save") : t("create")}
            </button>
            {editingId && (
              <button type="button" className={btnSecondary} onClick={() => (setEditingId(null), setDraft(empty), setError(null))}>
                {t("cancel")}
              </button>
            )}
          </div>
        </div>
      </section>

      <div className="space-y-3 lg:col-span-2" data-testid="saved-reply-list">
        {items.length === 0 ? (
          <EmptyState icon="✎">{t("empty")}</EmptyState>
        ) : (
          items.map((s) => (
            <article key={s.id} className={`rounded-xl border bg-white p-4 shadow-sm ${editingId === s.id ? "border-brand-400" : "border-slate-200"}`} data-testid="saved-reply-item">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="flex items-center gap-2 font-semibold text-slate-900">
                    <Badge tone={s.locale === "ja" ? "brand" : "info"}>{t(`locales.${s.locale}`)}</Badge>
                    <span className="break-words">{s.title}</span>
                  </h3>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {s.createdByName && <>{t("by", { name: s.createdByName })} · </>}
                    <time dateTime={s.updatedAt}>{format.dateTime(new Date(s.updatedAt), { timeZone, year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })}</time>
                  </p>
                </div>
                <div className="flex gap-2">
                  <button
                    type="button"
                    className={btnSecondary}
                    onClick={() => {
                      setEditingId(s.id);
                      setDraft({ title: s.title, locale: s.locale, body: s.body });
                      setNotice(null);
                      setError(null);
                    }}
                    aria-label={`${t("edit")}: ${s.title}`}
                  >
                    {t("edit")}
                  </button>
                  <button type="button" className={btnDanger} onClick={() => setConfirm(s)} aria-label={`${t("delete")}: ${s.title}`}>
                    {t("delete")}
                  </button>
                </div>
              </div>
              <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">
                <Marked body={s.body} />
              </p>
            </article>
          ))
        )}
      </div>
      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && remove(confirm)}
        title={t("delete")}
        confirmLabel={t("delete")}
        tone="danger"
        busy={pending}
        testId="saved-delete-dialog"
      >
        {confirm ? t("confirmDelete", { title: confirm.title }) : null}
      </ConfirmDialog>
    </div>
  );
}

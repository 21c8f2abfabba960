"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import { parseLocalDateTime, toLocalDateTime } from "@/lib/domain/calendar";
import { btnDanger, btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { useSlotErrorText } from "@/components/scheduling/use-slot-error";
import { createBlackoutAction, deleteBlackoutAction, updateBlackoutAction } from "../actions";

export type BlackoutRow = {
  id: string;
  scope: "company" | "brand" | "channel";
  brandId: string | null;
  brandName: string | null;
  channelId: string | null;
  channelName: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdByName: string | null;
  affectedPosts: number;
  isActive: boolean;
};

type Options = { brands: { id: string; name: string }[]; channels: { id: string; brandId: string; platform: string; name: string }[] };

/**
 * Blackout windows ahead (and in force): who set them, why, and how many planned posts fall
 * inside. PR and the manager add, edit and delete them here; everyone else reads.
 */
export function BlackoutPanel(props: { rows: BlackoutRow[]; canManage: boolean; timeZone: string; options: Options }) {
  const t = useTranslations("calendar.blackouts");
  const format = useFormatter();
  const [editing, setEditing] = useState<BlackoutRow | "new" | null>(null);
  const when = (iso: string) => format.dateTime(new Date(iso), { timeZone: props.timeZone, month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" });

  return (
    <section aria-labelledby="blackouts-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="blackout-panel">
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id="blackouts-heading" className="text-base font-semibold text-slate-900">
            {t("title")}
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">{t("description")}</p>
        </div>
        {props.canManage && editing === null && (
          <button type="button" className={btnSecondary} onClick={() => setEditing("new")} data-testid="blackout-add">
            {t("add")}
          </button>
        )}
      </div>
      <div className="space-y-3 p-4">
        {editing !== null && (
          <BlackoutForm key={editing === "new" ? "new" : editing.id} row={editing === "new" ? null : editing} timeZone={props.timeZone} options={props.options} onDone={() => setEditing(null)} />
        )}
        {props.rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-200 px-4 py-6 text-center text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <ul className="-my-2 divide-y divide-slate-100">
            {props.rows.map((w) => (
              <li key={w.id} className="py-2.5" data-testid="blackout-row" data-blackout-id={w.id}>
                <div className="flex flex-wrap items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-slate-900">{w.reason}</p>
                    <p className="mt-0.5 text-xs text-slate-600">
                      <span className="tabular-nums">
                        {when(w.startsAt)} 〜 {when(w.endsAt)}
                      </span>
                      {" · "}
                      {w.scope === "company" ? t("scopeCompany") : w.scope === "brand" ? t("scopeBrand", { name: w.brandName ?? "—" }) : t("scopeChannel", { name: w.channelName ?? "—" })}
                      {w.isActive && <span className="ml-2 rounded-full bg-red-700 px-2 py-0.5 text-[10px] font-semibold text-white">{t("active")}</span>}
                    </p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {t("setBy", { name: w.createdByName ?? "—" })}
                      {w.affectedPosts > 0 && <span className="ml-2 font-medium text-red-800">{t("affected", { count: w.affectedPosts })}</span>}
                    </p>
                  </div>
                  {props.canManage && editing === null && (
                    <div className="flex gap-2">
                      <button type="button" className={btnSecondary} onClick={() => setEditing(w)} data-testid="blackout-edit">
                        {t("edit")}
                      </button>
                      <DeleteButton row={w} timeZone={props.timeZone} />
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function DeleteButton({ row, timeZone }: { row: BlackoutRow; timeZone: string }) {
  const t = useTranslations("calendar.blackouts");
  const tm = useTranslations("calendar.move");
  const router = useRouter();
  const errorText = useSlotErrorText(timeZone);
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <button type="button" className={btnDanger} onClick={() => ref.current?.showModal()} aria-haspopup="dialog" data-testid="blackout-delete">
        {t("delete")}
      </button>
      <dialog ref={ref} aria-labelledby={`del-${row.id}`} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={`del-${row.id}`} className="mb-2 text-lg font-semibold">
          {t("deleteTitle")}
        </h2>
        <p className="text-sm text-slate-700">{row.reason}</p>
        {error && (
          <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <button type="button" autoFocus className={btnSecondary} onClick={() => ref.current?.close()}>
            {tm("cancel")}
          </button>
          <button
            type="button"
            className={btnDanger}
            disabled={pending}
            data-testid="blackout-delete-confirm"
            onClick={() =>
              start(async () => {
                const r = await deleteBlackoutAction({ id: row.id });
                if (r.ok) {
                  ref.current?.close();
                  router.refresh();
                } else setError(errorText(r.error));
              })
            }
          >
            {t("delete")}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** Add or edit one window. Times are entered in the viewer's zone; the reason is required. */
function BlackoutForm({ row, timeZone, options, onDone }: { row: BlackoutRow | null; timeZone: string; options: Options; onDone: () => void }) {
  const t = useTranslations("calendar.blackouts");
  const tc = useTranslations("common");
  const router = useRouter();
  const errorText = useSlotErrorText(timeZone);
  const ids = { scope: useId(), brand: useId(), channel: useId(), start: useId(), end: useId(), reason: useId() };
  const [scope, setScope] = useState<BlackoutRow["scope"]>(row?.scope ?? "company");
  const [brandId, setBrandId] = useState(row?.brandId ?? options.brands[0]?.id ?? "");
  const [channelId, setChannelId] = useState(row?.channelId ?? options.channels[0]?.id ?? "");
  const [startsAt, setStartsAt] = useState(row ? toLocalDateTime(new Date(row.startsAt), timeZone) : "");
  const [endsAt, setEndsAt] = useState(row ? toLocalDateTime(new Date(row.endsAt), timeZone) : "");
  const [reason, setReason] = useState(row?.reason ?? "");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const s = parseLocalDateTime(startsAt, timeZone);
    const en = parseLocalDateTime(endsAt, timeZone);
    const local: Record<string, string[]> = {};
    if (!s) local.startsAt = ["invalid_instant"];
    if (!en) local.endsAt = ["invalid_instant"];
    if (!reason.trim()) local.reason = ["reason_required"];
    if (Object.keys(local).length) {
      setFields(local);
      setError(t("fixFields"));
      return;
    }
    const input = {
      brandId: scope === "brand" ? brandId : null,
      channelId: scope === "channel" ? channelId : null,
      startsAt: s!.toISOString(),
      endsAt: en!.toISOString(),
      reason,
    };
    start(async () => {
      const r: ActionResult<unknown> = row ? await updateBlackoutAction({ ...input, id: row.id }) : await createBlackoutAction(input);
      if (r.ok) {
        onDone();
        router.refresh();
      } else {
        setFields(r.error.fieldErrors ?? {});
        setError(errorText(r.error));
      }
    });
  };

  const invalid = (k: string) => (fields[k]?.length ? true : undefined);
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-brand-100 bg-brand-50/40 p-3" data-testid="blackout-form">
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={ids.scope} className={labelCls}>
            {t("scope")}
          </label>
          <select id={ids.scope} value={scope} onChange={(e) => setScope(e.target.value as BlackoutRow["scope"])} className={inputCls} data-testid="blackout-scope">
            <option value="company">{t("scopeCompany")}</option>
            <option value="brand">{t("scopeBrandOption")}</option>
            <option value="channel">{t("scopeChannelOption")}</option>
          </select>
        </div>
        {scope === "brand" && (
          <div>
            <label htmlFor={ids.brand} className={labelCls}>
              {t("brand")}
            </label>
            <select id={ids.brand} value={brandId} onChange={(e) => setBrandId(e.target.value)} className={inputCls} aria-invalid={invalid("brandId")}>
              {options.brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {scope === "channel" && (
          <div className="sm:col-span-2">
            <label htmlFor={ids.channel} className={labelCls}>
              {t("channel")}
            </label>
            <select id={ids.channel} value={channelId} onChange={(e) => setChannelId(e.target.value)} className={inputCls} aria-invalid={invalid("channelId")}>
              {options.channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {tc(`platforms.${c.platform}`)} · {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={ids.start} className={labelCls}>
            {t("startsAt", { zone: timeZone })}
          </label>
          <input id={ids.start} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} className={inputCls} aria-invalid={invalid("startsAt")} required data-testid="blackout-start" />
        </div>
        <div>
          <label htmlFor={ids.end} className={labelCls}>
            {t("endsAt", { zone: timeZone })}
          </label>
          <input id={ids.end} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} className={inputCls} aria-invalid={invalid("endsAt")} required data-testid="blackout-end" />
        </div>
      </div>
      <div>
        <label htmlFor={ids.reason} className={labelCls}>
          {t("reason")}
        </label>
        <textarea id={ids.reason} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={inputCls} aria-invalid={invalid("reason")} required data-testid="blackout-reason" placeholder={t("reasonPlaceholder")} />
      </div>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="blackout-error">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="blackout-save">
          {pending ? t("saving") : row ? t("saveChanges") : t("create")}
        </button>
        <button type="button" className={btnSecondary} onClick={onDone}>
          {tc("cancel")}
        </button>
      </div>
    </form>
  );
}

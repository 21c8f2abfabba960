"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { parseLocalDateTime, toLocalDateTime } from "@/lib/domain/calendar";
import { btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { useSlotErrorText } from "@/components/scheduling/use-slot-error";
import { movePlannedSlotAction } from "@/app/(portal)/calendar/actions";

/** A date-and-time field for the planned slot, in the viewer's zone; refusals (past, blackout, stale) shown under it. */
export function PlannedSlotField(props: { postId: string; slotAt: string | null; timeZone: string; editable: boolean; note: string | null }) {
  const t = useTranslations("calendar.planned");
  const format = useFormatter();
  const router = useRouter();
  const errorText = useSlotErrorText(props.timeZone);
  const id = useId();
  const [local, setLocal] = useState(props.slotAt ? toLocalDateTime(new Date(props.slotAt), props.timeZone) : "");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { timeZone: props.timeZone, year: "numeric", month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" });

  if (!props.editable) {
    return (
      <div className="text-sm text-slate-700" data-testid="planned-slot-readonly">
        <p className="font-medium tabular-nums">{props.slotAt ? when(props.slotAt) : t("none")}</p>
        {props.note && <p className="mt-1 text-xs text-slate-500">{props.note}</p>}
      </div>
    );
  }

  const save = (slotAt: string | null, message: string) => {
    setError(null);
    setDone(null);
    start(async () => {
      const r = await movePlannedSlotAction({ postId: props.postId, slotAt, expectedSlotAt: props.slotAt });
      if (r.ok) {
        setDone(message);
        router.refresh();
      } else setError(errorText(r.error));
    });
  };

  const next = parseLocalDateTime(local, props.timeZone);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (next) save(next.toISOString(), t("saved"));
      }}
      data-testid="planned-slot"
    >
      <div className="w-60">
        <label htmlFor={id} className={labelCls}>
          {t("label", { zone: props.timeZone })}
        </label>
        <input id={id} type="datetime-local" step={300} value={local} onChange={(e) => setLocal(e.target.value)} aria-invalid={!!error} className={inputCls} data-testid="planned-slot-input" />
      </div>
      <button type="submit" className={btnPrimary} disabled={pending || !next} data-testid="planned-slot-save">
        {t("save")}
      </button>
      {props.slotAt && (
        <button type="button" className={btnSecondary} disabled={pending} onClick={() => save(null, t("cleared"))} data-testid="planned-slot-clear">
          {t("clear")}
        </button>
      )}
      {error && (
        <p role="alert" className="basis-full rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="planned-slot-error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="basis-full text-sm text-emerald-800" data-testid="planned-slot-done">
          {done}
        </p>
      )}
    </form>
  );
}

"use client";

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import type { PostState } from "@/lib/domain/workflow";
import { parseLocalDateTime, toLocalDateTime } from "@/lib/domain/calendar";
import { ARMABLE_STATES } from "@/lib/domain/scheduling";
import { btnDanger, btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { useSlotErrorText } from "@/components/scheduling/use-slot-error";
import { rescheduleAction, schedulePostAction, unschedulePostAction } from "@/app/(portal)/calendar/actions";

/** Schedule / change / unschedule one post. The server re-checks approval, the slot and blackouts; its refusal is shown here. */
export function ScheduleForm(props: {
  postId: string;
  state: PostState;
  slotAt: string | null;
  fullyApproved: boolean;
  timeZone: string;
  armed: number;
  targets: number;
}) {
  const t = useTranslations("calendar.schedule");
  const tc = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const errorText = useSlotErrorText(props.timeZone);
  const fieldId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [local, setLocal] = useState(props.slotAt ? toLocalDateTime(new Date(props.slotAt), props.timeZone) : "");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { timeZone: props.timeZone, year: "numeric", month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" });

  const armable = (ARMABLE_STATES as readonly string[]).includes(props.state);
  if (!armable) {
    return (
      <p className="text-sm text-slate-600" data-testid="schedule-not-yet">
        {t("notYet", { state: tc(`postStates.${props.state}`) })}
        {props.slotAt && <span className="mt-1 block text-xs">{t("planned", { time: when(props.slotAt) })}</span>}
      </p>
    );
  }
  if (!props.fullyApproved) {
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="schedule-not-approved">
        {t("notApproved")}
      </p>
    );
  }

  const isScheduled = props.state === "scheduled";
  const next = parseLocalDateTime(local, props.timeZone);
  const run = (call: () => Promise<ActionResult<unknown>>, message: string) => {
    setError(null);
    setDone(null);
    start(async () => {
      const r = await call();
      if (r.ok) {
        setDone(message);
        router.refresh();
      } else setError(errorText(r.error));
    });
  };

  return (
    <div className="space-y-3" data-testid="schedule-form" data-state={props.state}>
      <p className="text-sm text-slate-800" data-testid="schedule-status">
        {isScheduled && props.slotAt
          ? t("scheduledAt", { time: when(props.slotAt), armed: props.armed, targets: props.targets })
          : props.slotAt
            ? t("plannedNotArmed", { time: when(props.slotAt) })
            : t("noSlot")}
      </p>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!next) return setError(t("pickTime"));
          const slotAt = next.toISOString();
          if (isScheduled) run(() => rescheduleAction({ postId: props.postId, slotAt, expectedSlotAt: props.slotAt }), t("rescheduled"));
          else run(() => schedulePostAction({ postId: props.postId, slotAt }), t("scheduled"));
        }}
      >
        <div>
          <label htmlFor={fieldId} className={labelCls}>
            {t("slotLabel", { zone: props.timeZone })}
          </label>
          <input
            id={fieldId}
            type="datetime-local"
            step={300}
            value={local}
            onChange={(e) => setLocal(e.target.value)}
            required
            aria-invalid={!!error}
            className={inputCls}
            data-testid="schedule-slot"
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={btnPrimary} disabled={pending || !next} data-testid="schedule-submit">
            {pending ? t("saving") : isScheduled ? t("rescheduleButton") : t("scheduleButton")}
          </button>
          {isScheduled && (
            <button type="button" className={btnDanger} disabled={pending} onClick={() => dialogRef.current?.showModal()} aria-haspopup="dialog" data-testid="schedule-unschedule">
              {t("unscheduleButton")}
            </button>
          )}
        </div>
      </form>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="schedule-error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="schedule-done">
          {done}
        </p>
      )}
      <dialog ref={dialogRef} aria-labelledby={`${fieldId}-un`} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={`${fieldId}-un`} className="mb-2 text-lg font-semibold">
          {t("unscheduleTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("unscheduleBody")}</p>
        <div className="mt-6 flex justify-end gap-2">
          <button type="button" autoFocus className={btnSecondary} onClick={() => dialogRef.current?.close()}>
            {tc("cancel")}
          </button>
          <button
            type="button"
            className={btnDanger}
            data-testid="schedule-unschedule-confirm"
            onClick={() => {
              dialogRef.current?.close();
              run(() => unschedulePostAction({ postId: props.postId }), t("unscheduled"));
            }}
          >
            {t("unscheduleButton")}
          </button>
        </div>
      </dialog>
    </div>
  );
}

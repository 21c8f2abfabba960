"use client";

import { createContext, useCallback, useContext, useId, useMemo, useRef, useState, useSyncExternalStore, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import type { PublicError } from "@/lib/errors";
import { addDays, dayKeyOf, moveToDay, parseLocalDateTime, toLocalDateTime } from "@/lib/domain/calendar";
import { useSlotErrorText } from "@/components/scheduling/use-slot-error";
import { btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import type { CalendarItem } from "./model";

/*
 * Moving a post's slot from the calendar, by mouse or keyboard:
 * - drag a chip onto another day: the time of day stays (in the viewer's zone). A planned slot
 *   (not approved yet) moves at once; an approved or scheduled post opens the confirmation
 *   dialog first (old → new), because the server re-arms it and records a reschedule.
 * - the chip's "move…" button opens the same dialog with a date-and-time field (the keyboard way).
 * The server decides (author or manager, state, blackout, past); refusals show as an alert.
 */

type MoveState = { item: CalendarItem; slot: string; source: "drag" | "menu" } | null;

type Mover = {
  timeZone: string;
  /** Hydrated: drag handlers are attached (before that a native drag would go nowhere). */
  ready: boolean;
  dragging: CalendarItem | null;
  pendingId: string | null;
  startDrag: (item: CalendarItem) => void;
  endDrag: () => void;
  dropOnDay: (day: string) => void;
  openMove: (item: CalendarItem) => void;
};

const MoverContext = createContext<Mover | null>(null);
const noSubscribe = () => () => {};

export function useSlotMover(): Mover {
  const m = useContext(MoverContext);
  if (!m) throw new Error("useSlotMover outside SlotMoverProvider");
  return m;
}

type SlotInput = { postId: string; slotAt: string; expectedSlotAt: string };
/** The two server actions, passed down by the page (calendar/actions.ts): a client bundle never imports the DAL. */
export type SlotActions = {
  movePlannedSlot: (input: SlotInput) => Promise<ActionResult<unknown>>;
  reschedule: (input: SlotInput) => Promise<ActionResult<unknown>>;
};

export function SlotMoverProvider({ timeZone, actions, children }: { timeZone: string; actions: SlotActions; children: ReactNode }) {
  const t = useTranslations("calendar.move");
  const router = useRouter();
  const errorText = useSlotErrorText(timeZone);
  const [dragging, setDragging] = useState<CalendarItem | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [move, setMove] = useState<MoveState>(null);
  const [boardError, setBoardError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [, start] = useTransition();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const ready = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );

  const run = useCallback(
    (item: CalendarItem, slotIso: string, after: (err: PublicError | null) => void) => {
      setPendingId(item.id);
      setBoardError(null);
      start(async () => {
        const input = { postId: item.id, slotAt: slotIso, expectedSlotAt: item.slotAt };
        const r: ActionResult<unknown> = item.move === "reschedule" ? await actions.reschedule(input) : await actions.movePlannedSlot(input);
        setPendingId(null);
        if (r.ok) {
          setStatus(t("moved", { title: item.title }));
          router.refresh();
          after(null);
        } else after(r.error);
      });
    },
    [router, t, actions],
  );

  const openDialog = useCallback((next: NonNullable<MoveState>) => {
    setMove(next);
    // The dialog renders with the new state first.
    requestAnimationFrame(() => dialogRef.current?.showModal());
  }, []);

  const mover = useMemo<Mover>(
    () => ({
      timeZone,
      ready,
      dragging,
      pendingId,
      startDrag: (item) => setDragging(item),
      endDrag: () => setDragging(null),
      dropOnDay: (day) => {
        const item = dragging;
        setDragging(null);
        if (!item?.move) return;
        const slot = moveToDay(new Date(item.slotAt), day, timeZone);
        if (slot.getTime() === new Date(item.slotAt).getTime()) return;
        if (item.move === "reschedule") openDialog({ item, slot: slot.toISOString(), source: "drag" });
        else run(item, slot.toISOString(), (err) => setBoardError(err ? errorText(err) : null));
      },
      // A slot already past (expired, failed) starts from the same time tomorrow instead.
      openMove: (item) => {
        const past = new Date(item.slotAt).getTime() <= Date.now();
        const slot = past ? moveToDay(new Date(item.slotAt), addDays(dayKeyOf(new Date(), timeZone), 1), timeZone).toISOString() : item.slotAt;
        openDialog({ item, slot, source: "menu" });
      },
    }),
    [timeZone, ready, dragging, pendingId, openDialog, run, errorText],
  );

  return (
    <MoverContext.Provider value={mover}>
      <p role="status" aria-live="polite" className="sr-only" data-testid="calendar-status">
        {status}
      </p>
      {boardError && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="calendar-error">
          {boardError}
          <button type="button" className="ml-3 text-xs underline" onClick={() => setBoardError(null)}>
            {t("dismiss")}
          </button>
        </p>
      )}
      <div data-testid="calendar-board" data-ready={ready}>
        {children}
      </div>
      <MoveDialog
        ref={dialogRef}
        state={move}
        timeZone={timeZone}
        onClose={() => setMove(null)}
        onSubmit={(item, slotIso, done) => run(item, slotIso, (err) => done(err ? errorText(err) : null))}
      />
    </MoverContext.Provider>
  );
}

/** The move / confirm dialog: old → new, an editable date and time, Cancel focused first. */
function MoveDialog({
  ref,
  ...props
}: {
  ref: React.RefObject<HTMLDialogElement | null>;
  state: MoveState;
  timeZone: string;
  onClose: () => void;
  onSubmit: (item: CalendarItem, slotIso: string, done: (error: string | null) => void) => void;
}) {
  const t = useTranslations("calendar.move");
  const format = useFormatter();
  const titleId = useId();
  const fieldId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<string>("");
  const [seen, setSeen] = useState<MoveState>(null);
  // Reset the field whenever a new move opens (state from props, without an effect).
  if (props.state !== seen) {
    setSeen(props.state);
    setLocal(props.state ? toLocalDateTime(new Date(props.state.slot), props.timeZone) : "");
    setError(null);
    setBusy(false);
  }
  const item = props.state?.item ?? null;
  const when = (d: Date) => format.dateTime(d, { timeZone: props.timeZone, year: "numeric", month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" });
  const next = parseLocalDateTime(local, props.timeZone);
  const isReschedule = item?.move === "reschedule";
  const close = () => ref.current?.close();

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={props.onClose}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      data-testid="move-dialog"
    >
      {item && (
        <form
          className="space-y-4 p-6"
          onSubmit={(e) => {
            e.preventDefault();
            if (!next) {
              setError(t("invalidTime"));
              return;
            }
            setBusy(true);
            props.onSubmit(item, next.toISOString(), (err) => {
              setBusy(false);
              if (err) setError(err);
              else close();
            });
          }}
        >
          <div>
            <h2 id={titleId} className="text-lg font-semibold">
              {isReschedule ? t("confirmTitle") : t("title")}
            </h2>
            <p className="mt-1 text-sm text-slate-700">{item.title}</p>
          </div>
          {isReschedule && (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t("approvedNote")}
            </p>
          )}
          <div>
            <label htmlFor={fieldId} className={labelCls}>
              {t("newTime", { zone: props.timeZone })}
            </label>
            <input
              id={fieldId}
              type="datetime-local"
              required
              step={300}
              value={local}
              onChange={(e) => setLocal(e.target.value)}
              aria-invalid={!!error}
              className={inputCls}
              data-testid="move-datetime"
            />
          </div>
          <p className="text-sm text-slate-800" data-testid="move-summary">
            <span className="tabular-nums">{when(new Date(item.slotAt))}</span>
            <span aria-hidden> → </span>
            <span className="sr-only">{t("to")}</span>
            <strong className="tabular-nums">{next ? when(next) : "—"}</strong>
          </p>
          {error && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="move-error">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" autoFocus className={btnSecondary} onClick={close}>
              {t("cancel")}
            </button>
            <button type="submit" className={btnPrimary} disabled={busy || !next} data-testid="move-confirm">
              {busy ? t("saving") : isReschedule ? t("confirmReschedule") : t("confirmMove")}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

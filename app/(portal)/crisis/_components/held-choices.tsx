"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { parseLocalDateTime } from "@/lib/domain/calendar";
import { ConfirmDialog } from "@/components/crisis/confirm-dialog";
import { btnDanger, btnPrimary, btnSecondary, inputCls, labelCls, noticeError, noticeOk } from "@/components/crisis/ui";
import { useErrorText } from "@/components/crisis/use-error-text";
import { resolveHeldAction } from "../actions";

type Choice = "publish_now" | "reschedule" | "cancel";

/**
 * The three choices for one held item, as plain buttons in a labelled group (Tab / Enter / Space).
 * Publish now is disabled, with the reason next to it, while a crisis still covers the item.
 * Every choice carries the item's version: if someone decided first, the server says so.
 */
export function HeldChoices(props: { targetId: string; version: string; covered: boolean; title: string; channel: string; timeZone: string }) {
  const t = useTranslations("crisis.held");
  const router = useRouter();
  const errorText = useErrorText("crisis");
  const ids = { group: useId(), slot: useId(), covered: useId() };
  const [confirm, setConfirm] = useState<"publish_now" | "cancel" | null>(null);
  const [rescheduling, setRescheduling] = useState(false);
  const [slot, setSlot] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Choice | null>(null);
  const [pending, start] = useTransition();

  const run = (choice: Choice) =>
    start(async () => {
      setError(null);
      const at = choice === "reschedule" ? parseLocalDateTime(slot, props.timeZone) : null;
      const r = await resolveHeldAction({
        targetId: props.targetId,
        version: props.version,
        choice,
        ...(choice === "reschedule" ? { slotAt: at ? at.toISOString() : slot } : {}),
      });
      setConfirm(null);
      if (r.ok) {
        setDone(choice);
        setRescheduling(false);
      } else setError(errorText(r.error));
      router.refresh();
    });

  if (done) {
    return (
      <p role="status" className={noticeOk} data-testid="held-done">
        {t(`done.${done}`)}
      </p>
    );
  }
  return (
    <div role="group" aria-labelledby={ids.group} className="space-y-2" data-testid="held-choices">
      <span id={ids.group} className="sr-only">
        {t("choicesFor", { title: props.title, channel: props.channel })}
      </span>
      <div className="flex flex-wrap gap-1.5">
        <button
          type="button"
          className={btnPrimary}
          disabled={props.covered || pending}
          aria-describedby={props.covered ? ids.covered : undefined}
          onClick={() => setConfirm("publish_now")}
          data-testid="held-publish-now"
        >
          {t("publishNow")}
        </button>
        <button type="button" className={btnSecondary} disabled={pending} aria-expanded={rescheduling} onClick={() => setRescheduling((v) => !v)} data-testid="held-reschedule">
          {t("reschedule")}
        </button>
        <button type="button" className={btnDanger} disabled={pending} onClick={() => setConfirm("cancel")} data-testid="held-cancel">
          {t("cancel")}
        </button>
      </div>
      {props.covered && (
        <p id={ids.covered} className="text-xs text-slate-600">
          {t("covered")}
        </p>
      )}
      {rescheduling && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run("reschedule");
          }}
        >
          <div>
            <label htmlFor={ids.slot} className={labelCls}>
              {t("slotLabel")}
            </label>
            <input id={ids.slot} type="datetime-local" value={slot} onChange={(e) => setSlot(e.target.value)} required className={inputCls} data-testid="held-slot" />
          </div>
          <button type="submit" className={btnPrimary} disabled={pending} data-testid="held-slot-save">
            {t("saveSlot")}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className={noticeError} data-testid="held-error">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && run(confirm)}
        title={confirm === "publish_now" ? t("confirmPublishTitle") : t("confirmCancelTitle")}
        confirmLabel={confirm === "publish_now" ? t("publishNow") : t("cancel")}
        tone={confirm === "publish_now" ? "primary" : "danger"}
        busy={pending}
        testId="held-confirm"
      >
        <p>{confirm === "publish_now" ? t("confirmPublishBody", { title: props.title, channel: props.channel }) : t("confirmCancelBody", { title: props.title, channel: props.channel })}</p>
      </ConfirmDialog>
    </div>
  );
}

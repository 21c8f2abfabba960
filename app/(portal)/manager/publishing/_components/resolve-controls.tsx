"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";

type Result = { targetState: string; postState: string; found?: boolean };
type Action = "recheck" | "confirm_live" | "retry" | "dismiss";

const btn = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50";
const btnPrimary = "rounded-md bg-brand-700 px-2 py-1 text-xs font-medium text-white hover:bg-brand-800 disabled:opacity-50";

/**
 * The four ways to settle a publication. "I saw it live" opens a small form for the URL;
 * "do not publish" asks first. The server decides; a second person settling the same row gets a clear conflict.
 */
export function ResolveControls(props: {
  targetId: string;
  targetState: "needs_human_check" | "failed" | "scheduled";
  action: (input: unknown) => Promise<ActionResult<Result>>;
}) {
  const t = useTranslations("publishing.actions");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [url, setUrl] = useState("");
  const urlId = useId();

  if (props.targetState === "scheduled") return null;

  const run = (action: Action, extra: Record<string, string> = {}) => {
    setMessage(null);
    start(async () => {
      const r = await props.action({ targetId: props.targetId, action, ...extra });
      if (r.ok) {
        const text =
          action === "recheck" ? (r.data.found ? t("done.recheckFound") : t("done.recheckNotFound")) : t(`done.${action}`);
        setMessage({ tone: "ok", text });
        setConfirming(false);
        router.refresh();
      } else {
        const key = ["not_unsettled", "not_fully_approved"].find((k) => r.error.message === k || r.error.fieldErrors?.action?.includes(k));
        setMessage({ tone: "error", text: key ? t(`errors.${key}`) : t("errors.generic") });
      }
    });
  };

  return (
    <div className="flex flex-col items-end gap-1.5">
      <div className="flex flex-wrap justify-end gap-1.5" role="group" aria-label={t("recheck")}>
        <button type="button" className={btn} disabled={pending} onClick={() => run("recheck")}>
          {t("recheck")}
        </button>
        {props.targetState === "needs_human_check" && (
          <button type="button" className={btn} disabled={pending} aria-expanded={confirming} onClick={() => setConfirming((v) => !v)}>
            {t("confirmLive")}
          </button>
        )}
        <button type="button" className={btnPrimary} disabled={pending} onClick={() => run("retry")}>
          {t("retry")}
        </button>
        <button
          type="button"
          className={btn}
          disabled={pending}
          onClick={() => {
            if (window.confirm(t("dismissConfirm"))) run("dismiss");
          }}
        >
          {t("dismiss")}
        </button>
      </div>
      {confirming && (
        <form
          className="flex flex-wrap items-end justify-end gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            run("confirm_live", url ? { externalUrl: url } : {});
          }}
        >
          <label htmlFor={urlId} className="text-xs text-slate-600">
            {t("urlLabel")}
            <input
              id={urlId}
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              className="mt-0.5 block w-64 rounded-md border border-slate-300 px-2 py-1 text-xs"
              placeholder="https://"
            />
          </label>
          <button type="submit" className={btnPrimary} disabled={pending}>
            {t("confirm")}
          </button>
          <button type="button" className={btn} onClick={() => setConfirming(false)}>
            {t("cancel")}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite" className={`text-xs ${message?.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
        {pending ? t("working") : message?.text}
      </p>
    </div>
  );
}

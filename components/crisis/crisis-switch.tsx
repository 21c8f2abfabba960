"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { startCrisisAction } from "@/app/(portal)/crisis/actions";
import { ConfirmDialog } from "./confirm-dialog";
import { btnDangerSolid, inputCls, labelCls, noticeError, noticeOk } from "./ui";
import { useErrorText } from "./use-error-text";

export type ScopeOptions = {
  brands: { id: string; name: string }[];
  channels: { id: string; brandId: string; brandName: string; platform: string; name: string; handle: string }[];
};

type Scope = "all" | "brand" | "channel";
const SCOPES: Scope[] = ["all", "brand", "channel"];

/**
 * The crisis switch: scope (everything / a brand / a channel), a required reason, then a
 * confirmation naming the scope. The server refuses a second crisis of the same scope.
 */
export function CrisisSwitch({ options, platformNames, compact = false }: { options: ScopeOptions; platformNames: Record<string, string>; compact?: boolean }) {
  const t = useTranslations("crisis");
  const router = useRouter();
  const errorText = useErrorText("crisis");
  const ids = { reason: useId(), brand: useId(), channel: useId(), hint: useId(), error: useId() };
  const [scope, setScope] = useState<Scope>("all");
  const [brandId, setBrandId] = useState("");
  const [channelId, setChannelId] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<"reason" | "brand" | "channel" | null>(null);
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();

  const channelLabel = (c: ScopeOptions["channels"][number]) => `${platformNames[c.platform] ?? c.platform} · ${c.name} (${c.handle})`;
  const scopeLabel =
    scope === "all"
      ? t("scope.allShort")
      : scope === "brand"
        ? (options.brands.find((b) => b.id === brandId)?.name ?? "")
        : (() => {
            const c = options.channels.find((x) => x.id === channelId);
            return c ? `${c.brandName} · ${channelLabel(c)}` : "";
          })();

  const open = () => {
    setError(null);
    setDone(false);
    if (scope === "brand" && !brandId) return fail("brand", t("errors.scope_target_required"));
    if (scope === "channel" && !channelId) return fail("channel", t("errors.scope_target_required"));
    if (!reason.trim()) return fail("reason", t("errors.reason_required"));
    setFieldError(null);
    setConfirming(true);
  };
  const fail = (field: "reason" | "brand" | "channel", message: string) => {
    setFieldError(field);
    setError(message);
  };
  const confirm = () =>
    start(async () => {
      const r = await startCrisisAction({ scope, brandId: scope === "brand" ? brandId : undefined, channelId: scope === "channel" ? channelId : undefined, reason });
      setConfirming(false);
      if (r.ok) {
        setDone(true);
        setReason("");
        router.refresh();
      } else {
        const e: PublicError = r.error;
        setError(errorText(e));
        setFieldError(e.fieldErrors?.reason ? "reason" : null);
      }
    });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        open();
      }}
      className="space-y-3"
      data-testid="crisis-switch"
    >
      <fieldset>
        <legend className={labelCls}>{t("scope.label")}</legend>
        <div className={compact ? "flex flex-wrap gap-x-4 gap-y-1" : "flex flex-wrap gap-x-5 gap-y-2"}>
          {SCOPES.map((s) => (
            <label key={s} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} data-testid={`crisis-scope-${s}`} />
              {t(`scope.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {scope === "brand" && (
        <div>
          <label htmlFor={ids.brand} className={labelCls}>
            {t("scope.brandLabel")}
          </label>
          <select
            id={ids.brand}
            value={brandId}
            onChange={(e) => setBrandId(e.target.value)}
            className={inputCls}
            aria-invalid={fieldError === "brand"}
            aria-describedby={fieldError === "brand" ? ids.error : undefined}
            data-testid="crisis-brand"
          >
            <option value="">{t("scope.choose")}</option>
            {options.brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {scope === "channel" && (
        <div>
          <label htmlFor={ids.channel} className={labelCls}>
            {t("scope.channelLabel")}
          </label>
          <select
            id={ids.channel}
            value={channelId}
            onChange={(e) => setChannelId(e.target.value)}
            className={inputCls}
            aria-invalid={fieldError === "channel"}
            aria-describedby={fieldError === "channel" ? ids.error : undefined}
            data-testid="crisis-channel"
          >
            <option value="">{t("scope.choose")}</option>
            {options.brands.map((b) => (
              <optgroup key={b.id} label={b.name}>
                {options.channels
                  .filter((c) => c.brandId === b.id)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {channelLabel(c)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor={ids.reason} className={labelCls}>
          {t("switch.reasonLabel")}
        </label>
        <textarea
          id={ids.reason}
          rows={compact ? 2 : 3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          aria-required
          aria-invalid={fieldError === "reason"}
          aria-describedby={`${ids.hint}${fieldError === "reason" ? ` ${ids.error}` : ""}`}
          className={inputCls}
          data-testid="crisis-reason"
        />
        <p id={ids.hint} className="mt-1 text-xs text-slate-500">
          {t("switch.reasonHint")}
        </p>
      </div>
      {error && (
        <p id={ids.error} role="alert" className={noticeError} data-testid="crisis-switch-error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className={noticeOk} data-testid="crisis-switch-done">
          {t("switch.started")}
        </p>
      )}
      <button type="submit" className={btnDangerSolid} disabled={pending} data-testid="crisis-start">
        {t("switch.start")}
      </button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={confirm}
        title={t("switch.confirmTitle")}
        confirmLabel={t("switch.confirm")}
        busy={pending}
        testId="crisis-confirm"
      >
        <p>{t("switch.confirmBody", { scope: scopeLabel })}</p>
        <blockquote className="whitespace-pre-wrap border-l-4 border-red-200 pl-3 text-slate-900">{reason.trim()}</blockquote>
      </ConfirmDialog>
    </form>
  );
}

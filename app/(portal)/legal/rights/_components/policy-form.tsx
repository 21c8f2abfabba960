"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { btnPrimary, input, label } from "../../../admin/_components/ui";
import { updateLegalSettingsAction } from "../actions";

type Values = { rightsExpiryAction: "flag" | "hide" | "delete"; inboxRetentionDays: number; draftRetentionDays: number };

/** Legal's policies: what expired rights do, and the retention ages. */
export function PolicyForm({ initial }: { initial: Values }) {
  const t = useTranslations("legalHolds.rights");
  const th = useTranslations("legalHolds.holds");
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const ids = { action: useId(), inbox: useId(), draft: useId() };
  return (
    <form
      className="grid gap-3 md:grid-cols-[minmax(0,1fr)_12rem_12rem_auto] md:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setMsg(null);
          const r = await updateLegalSettingsAction(v);
          if (!r.ok) return setMsg({ ok: false, text: r.error.code === "VALIDATION" || r.error.code === "FORBIDDEN" ? th(`errors.${r.error.code}`) : th("errors.other", { code: r.error.code }) });
          setMsg({ ok: true, text: t("saved") });
          router.refresh();
        });
      }}
      data-testid="policy-form"
    >
      <div>
        <label htmlFor={ids.action} className={label}>{t("action")}</label>
        <select id={ids.action} className={input} value={v.rightsExpiryAction} onChange={(e) => setV({ ...v, rightsExpiryAction: e.target.value as Values["rightsExpiryAction"] })} data-testid="policy-action">
          {(["flag", "hide", "delete"] as const).map((a) => (
            <option key={a} value={a}>{t(`actions.${a}`)}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.inbox} className={label}>{t("inboxRetentionDays")}</label>
        <input id={ids.inbox} type="number" min={30} max={3650} className={input} value={v.inboxRetentionDays} onChange={(e) => setV({ ...v, inboxRetentionDays: Number(e.target.value) })} />
      </div>
      <div>
        <label htmlFor={ids.draft} className={label}>{t("draftRetentionDays")}</label>
        <input id={ids.draft} type="number" min={30} max={3650} className={input} value={v.draftRetentionDays} onChange={(e) => setV({ ...v, draftRetentionDays: Number(e.target.value) })} />
      </div>
      <button type="submit" className={btnPrimary} disabled={pending} data-testid="policy-save">{pending ? t("saving") : t("save")}</button>
      <p aria-live="polite" className="text-sm md:col-span-4">
        {msg && <span role={msg.ok ? undefined : "alert"} className={msg.ok ? "text-emerald-700" : "text-red-700"}>{msg.text}</span>}
      </p>
    </form>
  );
}

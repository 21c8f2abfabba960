"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { deleteWebhookAction, testWebhookAction, updateWebhookAction } from "../actions";
import { ConfirmDialog } from "../../_components/confirm-dialog";
import { btnDangerOutline, btnSecondary } from "../../_components/ui";

/** Pause / enable, send a test, delete (after a confirmation naming it). */
export function WebhookRowActions({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const t = useTranslations("notifications.admin");
  const tp = useTranslations("notifications.page");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (fn: () => Promise<{ ok: boolean }>, okText: string) =>
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? { ok: true, text: okText } : { ok: false, text: tp("error") });
    });
  const small = "px-2 py-1 text-xs";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-1.5">
        <button
          type="button"
          className={`${btnSecondary} ${small}`}
          disabled={pending}
          aria-label={`${enabled ? t("disable") : t("enable")}: ${name}`}
          onClick={() => run(() => updateWebhookAction({ id, enabled: !enabled }), t("saved"))}
        >
          {enabled ? t("disable") : t("enable")}
        </button>
        <button
          type="button"
          className={`${btnSecondary} ${small}`}
          disabled={pending || !enabled}
          aria-label={`${t("test")}: ${name}`}
          data-testid="webhook-test"
          onClick={() => run(() => testWebhookAction({ id }), t("testQueued"))}
        >
          {t("test")}
        </button>
        <ConfirmDialog
          trigger={t("delete")}
          triggerLabel={`${t("delete")}: ${name}`}
          triggerClassName={`${btnDangerOutline} ${small}`}
          title={t("delete")}
          body={<p>{t("deleteConfirm", { name })}</p>}
          confirmLabel={t("delete")}
          disabled={pending}
          onConfirm={() => run(() => deleteWebhookAction({ id }), t("deleted"))}
          testId="webhook-delete"
        />
      </div>
      <p aria-live="polite" className={`text-xs ${message?.ok ? "text-emerald-700" : "text-red-700"}`}>
        {message?.text}
      </p>
    </div>
  );
}

"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { deactivateUserAction, reactivateUserAction } from "../actions";
import { ActionError } from "./action-error";
import { ConfirmDialog } from "./confirm-dialog";
import { btnDangerOutline, btnSecondary } from "./ui";

/** Deactivate / reactivate one person, after a confirmation that names them. */
export function UserStatusButton(props: { userId: string; userName: string; email: string | null; isDeactivated: boolean; isSelf: boolean }) {
  const t = useTranslations("admin.users");
  const [pending, start] = useTransition();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<PublicError | null>(null);
  const vars = { name: props.userName, email: props.email ?? "—" };

  const run = (kind: "deactivate" | "reactivate") =>
    start(async () => {
      setDone(null);
      setError(null);
      if (kind === "deactivate") {
        const r = await deactivateUserAction({ userId: props.userId });
        if (r.ok) setDone(t("deactivatedDone", { name: props.userName, count: (r.data as { sessionsEnded: number }).sessionsEnded }));
        else setError(r.error);
      } else {
        const r = await reactivateUserAction({ userId: props.userId });
        if (r.ok) setDone(t("reactivatedDone", { name: props.userName }));
        else setError(r.error);
      }
    });

  return (
    <div className="space-y-1.5">
      {props.isSelf ? (
        <p className="text-xs text-slate-500">{t("selfHint")}</p>
      ) : props.isDeactivated ? (
        <ConfirmDialog
          trigger={t("reactivate")}
          triggerLabel={t("reactivateLabel", vars)}
          triggerClassName={`${btnSecondary} px-2 py-1 text-xs`}
          title={t("reactivateTitle", vars)}
          body={<p>{t("reactivateBody", vars)}</p>}
          confirmLabel={t("reactivateConfirm")}
          tone="primary"
          disabled={pending}
          onConfirm={() => run("reactivate")}
          testId="reactivate"
        />
      ) : (
        <ConfirmDialog
          trigger={t("deactivate")}
          triggerLabel={t("deactivateLabel", vars)}
          triggerClassName={`${btnDangerOutline} px-2 py-1 text-xs`}
          title={t("deactivateTitle", vars)}
          body={<p>{t("deactivateBody", vars)}</p>}
          confirmLabel={t("deactivateConfirm")}
          disabled={pending}
          onConfirm={() => run("deactivate")}
          testId="deactivate"
        />
      )}
      <div aria-live="polite" className="text-xs">
        {error ? <ActionError error={error} className="py-1 text-xs" /> : done ? <span className="text-emerald-700">{done}</span> : null}
      </div>
    </div>
  );
}

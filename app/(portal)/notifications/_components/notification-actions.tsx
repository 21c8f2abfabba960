"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQueryClient } from "@tanstack/react-query";
import { markAllNotificationsReadAction, markNotificationReadAction } from "../actions";
import { btnSecondary } from "./ui";

function useAfterChange() {
  const router = useRouter();
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ["notifications", "bell"] });
    router.refresh();
  };
}

/** "Mark as read" on one row of /notifications. */
export function MarkReadButton({ id, title }: { id: string; title: string }) {
  const t = useTranslations("notifications.page");
  const [pending, start] = useTransition();
  const [failed, setFailed] = useState(false);
  const after = useAfterChange();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={`${btnSecondary} px-2 py-1 text-xs`}
        disabled={pending}
        aria-label={`${t("markRead")}: ${title}`}
        data-testid="mark-read"
        onClick={() =>
          start(async () => {
            const r = await markNotificationReadAction({ id });
            setFailed(!r.ok);
            if (r.ok) after();
          })
        }
      >
        {t("markRead")}
      </button>
      {failed && (
        <span role="alert" className="text-xs text-red-700">
          {t("error")}
        </span>
      )}
    </span>
  );
}

/** "Mark all as read" for everything the page showed (newer arrivals stay unread). */
export function MarkAllReadButton({ before }: { before: string }) {
  const t = useTranslations("notifications.page");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const after = useAfterChange();
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-live="polite" className="text-xs text-emerald-700">
        {message}
      </span>
      <button
        type="button"
        className={btnSecondary}
        disabled={pending}
        data-testid="mark-all-read"
        onClick={() =>
          start(async () => {
            const r = await markAllNotificationsReadAction({ before });
            if (r.ok) {
              setMessage(t("markedAllRead", { count: (r.data as { count: number }).count }));
              after();
            } else setMessage(t("error"));
          })
        }
      >
        {t("markAllRead")}
      </button>
    </span>
  );
}

"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/components/crisis/confirm-dialog";
import { btnPrimary, noticeError } from "@/components/crisis/ui";
import { useErrorText } from "@/components/crisis/use-error-text";
import { publishAsapAction } from "../actions";

/** "Publish as soon as possible" for an approved correction or statement, with a confirmation. */
export function PublishAsapButton({ postId, title }: { postId: string; title: string }) {
  const t = useTranslations("corrections.detail");
  const router = useRouter();
  const errorText = useErrorText("corrections");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const confirm = () =>
    start(async () => {
      const r = await publishAsapAction({ postId });
      setOpen(false);
      if (r.ok) router.refresh();
      else setError(errorText(r.error));
    });
  return (
    <div className="space-y-2">
      <button type="button" className={btnPrimary} onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="correction-publish-asap">
        {t("publishAsap")}
      </button>
      {error && (
        <p role="alert" className={noticeError}>
          {error}
        </p>
      )}
      <ConfirmDialog open={open} onClose={() => setOpen(false)} onConfirm={confirm} title={t("publishAsapTitle")} confirmLabel={t("publishAsap")} tone="primary" busy={pending} testId="correction-publish-asap-dialog">
        <p>{t("publishAsapBody", { title })}</p>
      </ConfirmDialog>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { adminErrorKey } from "@/lib/dal/admin-errors";

/** Turns an action's error into the viewer's language: known admin messages by key, else the code's text. */
export function useErrorText() {
  const t = useTranslations("admin.errors");
  const tc = useTranslations("common.errors");
  return {
    message(err: PublicError): string {
      const key = adminErrorKey(err.message);
      return key ? t(key) : tc(err.code);
    },
    field(messages: string[] | undefined): string | null {
      if (!messages?.length) return null;
      const key = adminErrorKey(messages[0]);
      return key ? t(key) : t("invalidField");
    },
  };
}

/** An action's failure, in a red box announced to screen readers. */
export function ActionError({ error, className = "" }: { error: PublicError | null | undefined; className?: string }) {
  const text = useErrorText();
  const tc = useTranslations("common.errors");
  if (!error) return null;
  return (
    <p role="alert" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`} data-testid="action-error">
      {text.message(error)}
      {error.requestId && error.code === "INTERNAL" && <span className="mt-1 block font-mono text-xs text-red-700">{tc("requestId", { id: error.requestId })}</span>}
    </p>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { legalErrorKey } from "./use-action";

/** One line explaining why the server refused, in the reader's language. */
export function ErrorNote({ error, testId }: { error: PublicError | null; testId?: string }) {
  const t = useTranslations("legalQueue.decision.errors");
  const tc = useTranslations("common.errors");
  if (!error) return null;
  const key = legalErrorKey(error);
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid={testId ?? "legal-error"} data-error={key ?? error.code}>
      {key ? t(key) : tc(error.code)}
    </p>
  );
}

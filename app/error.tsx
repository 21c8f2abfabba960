"use client";

import { useTranslations } from "next-intl";
import { StatusPage } from "@/components/ui/status-page";

/** No error text reaches the browser; the digest lets IT find the server log line. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <StatusPage code="500" title={t("errorTitle")} body={t("errorBody")} homeLabel={t("backHome")}>
      {error.digest && <p className="mb-4 font-mono text-xs text-slate-500">{t("errors.requestId", { id: error.digest })}</p>}
      <button type="button" onClick={reset} className="mb-4 mr-2 rounded-md border border-slate-300 px-4 py-2 text-sm">
        {t("retry")}
      </button>
    </StatusPage>
  );
}

"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { verifyAuditChainAction } from "../actions";
import { ActionError } from "./action-error";
import { btnSecondary } from "./ui";
import { ChainIcon } from "@/components/ui/icons";

type Verification =
  | { ok: true; checked: number; lastId: number | null; verifiedAt: string }
  | { ok: false; checked: number; brokenAt: number; reason: "hash_mismatch" | "prev_hash_mismatch"; verifiedAt: string };

/** "Verify chain": OK with the count, or the first broken entry and why, in a red panel. */
export function VerifyChainPanel({ timeZone }: { timeZone: string }) {
  const t = useTranslations("admin.verify");
  const format = useFormatter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<PublicError | null>(null);

  const verify = () =>
    start(async () => {
      setError(null);
      const r = await verifyAuditChainAction({});
      if (r.ok) setResult(r.data as Verification);
      else {
        setResult(null);
        setError(r.error);
      }
    });

  const at = result
    ? format.dateTime(new Date(result.verifiedAt), { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
    : "";

  return (
    <div className="space-y-3" data-testid="verify-chain">
      <button type="button" onClick={verify} disabled={pending} className={btnSecondary} aria-busy={pending} data-testid="verify-chain-button">
        <ChainIcon />
        {pending ? t("running") : t("button")}
      </button>
      <div aria-live="polite">
        {error && <ActionError error={error} />}
        {result?.ok && (
          <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="verify-ok">
            <p className="font-semibold">✓ {t("okTitle")}</p>
            <p>{t("okBody", { count: result.checked })}</p>
            <p className="mt-1 text-xs text-emerald-800">{t("verifiedAt", { time: at })}</p>
          </div>
        )}
        {result && !result.ok && (
          <div role="alert" className="rounded-md border-2 border-red-600 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="verify-broken">
            <p className="text-base font-bold">⚠ {t("brokenTitle")}</p>
            <p className="mt-1">{t("brokenBody", { id: result.brokenAt, checked: result.checked })}</p>
            <p>{t("reason", { reason: t(`reasons.${result.reason}`) })}</p>
            <p className="mt-2 flex flex-wrap items-center gap-3">
              <Link href={`/admin/audit?before=${result.brokenAt + 1}`} className="font-medium text-red-800 underline underline-offset-2">
                {t("viewEntry")}
              </Link>
              <span className="text-xs text-red-800">{t("verifiedAt", { time: at })}</span>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

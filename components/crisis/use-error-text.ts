"use client";

import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";

/**
 * The words for a refused action: the DAL's stable message key (or the first field error's) when
 * `<ns>.errors` knows it, else the generic text of the error code.
 */
export function useErrorText(ns: "crisis" | "corrections") {
  const t = useTranslations(`${ns}.errors`);
  const tc = useTranslations("common.errors");
  const th = useTranslations("legalHolds");
  return (err: PublicError): string => {
    // A legal hold refuses with its reason (lib/dal/legal-holds.ts holdConflict): say which hold.
    if (err.code === "CONFLICT" && err.message.startsWith("legal_hold:")) return th("conflict", { detail: err.message.slice("legal_hold:".length).trim() });
    const keys = [err.message, ...Object.values(err.fieldErrors ?? {}).flat()];
    const known = keys.find((k) => typeof k === "string" && t.has(k));
    if (known) return t(known);
    return tc.has(err.code) ? tc(err.code) : t("generic");
  };
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";

/**
 * Turns a refusal of the scheduling or blackout DAL into a sentence: the blackout window by name
 * and time, a slot in the past, a stale view, not fully approved… Unknown keys fall back to the
 * generic text of the error code (never the server's raw message).
 */
export function useSlotErrorText(timeZone: string): (err: PublicError) => string {
  const t = useTranslations("calendar.errors");
  const tc = useTranslations("common.errors");
  const format = useFormatter();
  const when = (iso: string | undefined) =>
    iso ? format.dateTime(new Date(iso), { timeZone, month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" }) : "—";
  return (err) => {
    const fe = err.fieldErrors ?? {};
    if (err.message === "blackout") {
      return t("blackout", { reason: fe["blackout.reason"]?.[0] ?? "—", from: when(fe["blackout.startsAt"]?.[0]), to: when(fe["blackout.endsAt"]?.[0]) });
    }
    const keys = [err.message, ...Object.values(fe).flat()];
    const known = keys.find((k) => typeof k === "string" && /^[a-z_]+$/.test(k) && t.has(k));
    if (known) return t(known);
    return tc(err.code);
  };
}

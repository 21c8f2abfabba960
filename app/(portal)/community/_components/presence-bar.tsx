"use client";

import { useTranslations } from "next-intl";

export type PresencePersonJson = { userId: string; name: string | null; mode: "viewing" | "replying"; since: string };

function initials(name: string | null): string {
  const n = (name ?? "?").trim();
  // Japanese names: the first character; Latin names: the initials of the first two words.
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(n)) return n.slice(0, 1);
  return n
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");
}

/** Who else has the item open right now, live; someone writing a reply is marked (and announced to screen readers). */
export function PresenceBar({ others, offline }: { others: PresencePersonJson[]; offline: boolean }) {
  const t = useTranslations("replies.presence");
  const replying = others.filter((o) => o.mode === "replying");
  return (
    <div className="flex flex-col items-end gap-1" data-testid="presence-bar" data-count={others.length}>
      <ul aria-label={t("label")} className="flex flex-wrap items-center justify-end gap-1.5">
        {others.length === 0 ? (
          <li className="text-xs text-slate-500">{t("alone")}</li>
        ) : (
          others.map((o) => {
            const label = t(o.mode, { name: o.name ?? "—" });
            return (
              <li
                key={o.userId}
                data-testid="presence-person"
                data-mode={o.mode}
                className={`inline-flex items-center gap-1.5 rounded-full border py-0.5 pl-0.5 pr-2 text-xs ${o.mode === "replying" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-slate-50 text-slate-700"}`}
                title={label}
              >
                <span aria-hidden className={`flex h-6 w-6 items-center justify-center rounded-full text-[11px] font-semibold text-white ${o.mode === "replying" ? "bg-amber-600" : "bg-slate-500"}`}>
                  {initials(o.name)}
                </span>
                <span>{label}</span>
                {o.mode === "replying" && (
                  <span aria-hidden className="inline-flex gap-0.5">
                    <span className="h-1 w-1 animate-pulse rounded-full bg-amber-600" />
                    <span className="h-1 w-1 animate-pulse rounded-full bg-amber-600 [animation-delay:150ms]" />
                    <span className="h-1 w-1 animate-pulse rounded-full bg-amber-600 [animation-delay:300ms]" />
                  </span>
                )}
              </li>
            );
          })
        )}
      </ul>
      <p aria-live="polite" className="sr-only">
        {replying.map((o) => t("replying", { name: o.name ?? "—" })).join("、")}
      </p>
      {offline && <p className="text-xs text-red-700">{t("offline")}</p>}
    </div>
  );
}

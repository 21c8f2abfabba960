"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { updateLocaleAction } from "@/app/(portal)/actions";

/** 日本語 / English, saved on the person's profile. */
export function LanguageSwitch({ current, label }: { current: "ja" | "en"; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const choose = (locale: "ja" | "en") =>
    start(async () => {
      const r = await updateLocaleAction({ locale });
      if (r.ok) router.refresh();
    });
  return (
    <div role="group" aria-label={label} className="flex rounded-md border border-slate-300 text-xs" data-testid="language-switch">
      {(["ja", "en"] as const).map((l) => (
        <button
          key={l}
          type="button"
          disabled={pending}
          aria-pressed={current === l}
          onClick={() => choose(l)}
          className="px-2 py-1 first:rounded-l-md last:rounded-r-md aria-pressed:bg-slate-800 aria-pressed:text-white"
        >
          {l === "ja" ? "日本語" : "EN"}
        </button>
      ))}
    </div>
  );
}

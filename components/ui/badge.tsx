import type { ReactNode } from "react";
import clsx from "clsx";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger" | "muted" | "brand";

const TONES: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  info: "bg-sky-50 text-sky-800 ring-sky-200",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-300",
  danger: "bg-red-50 text-red-800 ring-red-200",
  muted: "bg-white text-slate-600 ring-slate-200",
  brand: "bg-brand-50 text-brand-800 ring-brand-100",
};

/** Glyphs that carry the tone for people who cannot tell the colours apart. */
const MARKS: Partial<Record<Tone, string>> = { danger: "!", warning: "▲", success: "✓" };

/** A status chip: always text, with colour and a small mark as extra signals. */
export function Badge({ tone = "neutral", children, className, title }: { tone?: Tone; children: ReactNode; className?: string; title?: string }) {
  const mark = MARKS[tone];
  return (
    <span
      title={title}
      className={clsx(
        "inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone],
        className,
      )}
    >
      {mark ? (
        <span aria-hidden className="text-[0.65rem] font-bold leading-none">
          {mark}
        </span>
      ) : (
        <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current opacity-70" />
      )}
      {children}
    </span>
  );
}

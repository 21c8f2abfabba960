import clsx from "clsx";
import type { Tone } from "./badge";

const FILL: Record<Tone, string> = {
  neutral: "bg-slate-500",
  info: "bg-sky-500",
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  danger: "bg-red-600",
  muted: "bg-slate-300",
  brand: "bg-brand-600",
};

/** A horizontal bar for a percentage; the number is always printed next to it by the caller. */
export function Meter({ value, max = 100, tone = "brand", label, className }: { value: number; max?: number; tone?: Tone; label: string; className?: string }) {
  const pct = Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={0}
      aria-valuemax={max}
      className={clsx("h-2 w-full overflow-hidden rounded-full bg-slate-100", className)}
    >
      <div className={clsx("h-full rounded-full", FILL[tone])} style={{ width: `${pct}%` }} />
    </div>
  );
}

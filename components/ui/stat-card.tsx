import type { ReactNode } from "react";
import clsx from "clsx";
import type { Tone } from "./badge";

const ACCENTS: Record<Tone, string> = {
  neutral: "border-l-slate-300",
  info: "border-l-sky-400",
  success: "border-l-emerald-500",
  warning: "border-l-amber-500",
  danger: "border-l-red-600",
  muted: "border-l-slate-200",
  brand: "border-l-brand-600",
};

/** A row of headline numbers, as one description list. */
export function StatGrid({ children, label, className }: { children: ReactNode; label?: string; className?: string }) {
  return (
    <dl aria-label={label} className={clsx("mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6", className)}>
      {children}
    </dl>
  );
}

/**
 * One headline number. The tone is a coloured edge; `status` says the same thing in words
 * (e.g. a Badge "要対応"), so colour is never the only signal.
 */
export function StatCard({ label, value, hint, tone = "neutral", status }: { label: string; value: ReactNode; hint?: ReactNode; tone?: Tone; status?: ReactNode }) {
  return (
    <div className={clsx("flex flex-col rounded-xl border border-l-4 border-slate-200 bg-white p-4 shadow-sm", ACCENTS[tone])}>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 flex flex-wrap items-baseline gap-2">
        <span className="text-2xl font-semibold tabular-nums text-slate-900">{value}</span>
        {status}
      </dd>
      {hint && <dd className="mt-1 text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

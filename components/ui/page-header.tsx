import type { ReactNode } from "react";

/** The top of a workspace page: one h1, a line of context, optional actions or meta on the right. */
export function PageHeader({ title, subtitle, meta }: { title: string; subtitle?: ReactNode; meta?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle && <p className="mt-1 max-w-3xl text-sm text-slate-600">{subtitle}</p>}
      </div>
      {meta && <div className="text-xs text-slate-500">{meta}</div>}
    </header>
  );
}

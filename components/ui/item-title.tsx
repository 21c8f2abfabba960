import type { ReactNode } from "react";

/** The left side of a list row: a title and, under it, a quiet line of context (the children). */
export function ItemTitle({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <p className="font-medium text-slate-900">{title}</p>
      <p className="text-xs text-slate-500">{children}</p>
    </div>
  );
}

import type { ReactNode } from "react";

/** What a panel shows when there is nothing to do: a sentence, not a blank box. */
export function EmptyState({ children, icon = "✓" }: { children: ReactNode; icon?: string }) {
  return (
    <p className="flex items-center justify-center gap-2 rounded-lg border border-dashed border-slate-200 px-4 py-6 text-center text-sm text-slate-500">
      <span aria-hidden>{icon}</span>
      {children}
    </p>
  );
}

"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * A chart with its data table. The table is always in the page (screen readers and find-in-page
 * reach it); the button shows it on screen too, under the chart.
 */
export function ChartFrame({ chart, table, showLabel, hideLabel, testId }: { chart: ReactNode; table: ReactNode; showLabel: string; hideLabel: string; testId?: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid={testId}>
      {chart}
      <div className="mt-3 flex justify-end">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-table`}
          onClick={() => setOpen((o) => !o)}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {open ? hideLabel : showLabel}
        </button>
      </div>
      <div id={`${id}-table`} className={open ? "mt-3 max-h-96 overflow-auto" : "sr-only"} data-testid={testId ? `${testId}-table` : undefined}>
        {table}
      </div>
    </div>
  );
}

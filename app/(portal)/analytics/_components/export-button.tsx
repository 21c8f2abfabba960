"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";

/**
 * Downloads a CSV export from /api/analytics/export, reading the stream to show progress: the
 * server sends the row count up front (X-Total-Rows), and each received line is a row. The file is
 * saved under the server's name once complete. Without JavaScript the link downloads directly.
 */
export function ExportButton({ href, label }: { href: string; label?: string }) {
  const t = useTranslations("analytics.export");
  const [state, setState] = useState<{ kind: "idle" } | { kind: "running"; rows: number; total: number | null } | { kind: "done"; rows: number } | { kind: "error" }>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);

  async function run(e: React.MouseEvent) {
    e.preventDefault();
    if (state.kind === "running") return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    try {
      const res = await fetch(href, { signal: ctrl.signal, credentials: "same-origin" });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const total = Number(res.headers.get("x-total-rows"));
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "analytics.csv";
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let lines = 0;
      setState({ kind: "running", rows: 0, total: Number.isFinite(total) ? total : null });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const b of value) if (b === 10) lines++;
        // The first line is the header.
        setState({ kind: "running", rows: Math.max(0, lines - 1), total: Number.isFinite(total) ? total : null });
      }
      const blob = new Blob(parts as BlobPart[], { type: "text/csv;charset=utf-8" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: "done", rows: Math.max(0, lines - 1) });
    } catch {
      if (!ctrl.signal.aborted) setState({ kind: "error" });
      else setState({ kind: "idle" });
    } finally {
      abort.current = null;
    }
  }

  const pct = state.kind === "running" && state.total ? Math.min(100, Math.round((state.rows / state.total) * 100)) : null;
  return (
    <div className="flex items-center gap-2" data-testid="export">
      <a
        href={href}
        onClick={run}
        aria-disabled={state.kind === "running" || undefined}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 aria-disabled:opacity-60"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M10 3v10m0 0-4-4m4 4 4-4M4 16h12" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {label ?? t("csv")}
      </a>
      {state.kind === "running" && (
        <>
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={state.total ?? undefined}
            aria-valuenow={state.rows}
            className="h-1.5 w-20 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct ?? 30}%` }} />
          </div>
          <span className="text-xs tabular-nums text-slate-600">{state.total ? t("progress", { rows: state.rows, total: state.total }) : t("progressRows", { rows: state.rows })}</span>
          <button type="button" onClick={() => abort.current?.abort()} className="text-xs text-slate-500 underline">
            {t("cancel")}
          </button>
        </>
      )}
      <span role="status" className="text-xs text-slate-600">
        {state.kind === "done" ? t("done", { rows: state.rows }) : state.kind === "error" ? t("error") : ""}
      </span>
    </div>
  );
}

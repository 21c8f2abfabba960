import type { PacingRow } from "@/lib/domain/ads";

/**
 * Planned (line) against actual (bars) spend per day, as an SVG. The numbers are in the table
 * that follows it on the page; the chart carries a title and a one-line summary for screen readers.
 */
export function PacingChart({ rows, title, summary, labels }: { rows: PacingRow[]; title: string; summary: string; labels: { planned: string; actual: string; over: string; under: string; axisFrom: string; axisTo: string; max: string } }) {
  const W = 720;
  const H = 220;
  const pad = { l: 8, r: 8, t: 22, b: 24 };
  const max = Math.max(1, ...rows.map((r) => Math.max(r.plannedJpy, r.actualJpy ?? 0))) * 1.1;
  const n = Math.max(1, rows.length);
  const bw = (W - pad.l - pad.r) / n;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const x = (i: number) => pad.l + i * bw;
  const line = rows.map((r, i) => `${i === 0 ? "M" : "L"}${(x(i) + bw / 2).toFixed(1)},${y(r.plannedJpy).toFixed(1)}`).join(" ");
  return (
    <figure className="w-full" data-testid="pacing-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-56 w-full" role="img" aria-labelledby="pacing-title pacing-desc" preserveAspectRatio="none">
        <title id="pacing-title">{title}</title>
        <desc id="pacing-desc">{summary}</desc>
        <line x1={pad.l} x2={W - pad.r} y1={y(0)} y2={y(0)} stroke="#cbd5e1" />
        {rows.map((r, i) =>
          r.actualJpy === null ? null : (
            <rect
              key={r.day}
              x={x(i) + bw * 0.15}
              width={Math.max(1, bw * 0.7)}
              y={y(r.actualJpy)}
              height={Math.max(0, y(0) - y(r.actualJpy))}
              fill={r.flag === "over" ? "#dc2626" : r.flag === "under" ? "#d97706" : "#0f766e"}
              opacity={0.85}
            >
              <title>{`${r.day}: ${labels.actual} ${r.actualJpy.toLocaleString()} / ${labels.planned} ${r.plannedJpy.toLocaleString()}`}</title>
            </rect>
          ),
        )}
        <path d={line} fill="none" stroke="#334155" strokeWidth={2} strokeDasharray="5 4" />
        <text x={pad.l} y={H - 6} fontSize="11" fill="#64748b">{labels.axisFrom}</text>
        <text x={W - pad.r} y={H - 6} fontSize="11" fill="#64748b" textAnchor="end">{labels.axisTo}</text>
        <text x={W - pad.r} y={12} fontSize="11" fill="#64748b" textAnchor="end">{labels.max}</text>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1"><span aria-hidden className="inline-block h-0.5 w-5 border-t-2 border-dashed border-slate-700" />{labels.planned}</span>
        <span className="inline-flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-brand-700" />{labels.actual}</span>
        <span className="inline-flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-red-600" />{labels.over}</span>
        <span className="inline-flex items-center gap-1"><span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-amber-600" />{labels.under}</span>
      </figcaption>
    </figure>
  );
}

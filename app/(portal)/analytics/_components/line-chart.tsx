"use client";

import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { useLocale } from "next-intl";
import { niceMax } from "./chart-scale";

export type ChartSeries = {
  key: string;
  label: string;
  color: string;
  /** One value per x label; null = no data that day (the line breaks). */
  values: (number | null)[];
  /** The same values formatted for people (shown in the readout and tooltip). */
  formatted: string[];
  dashed?: boolean;
};

export type ChartAnnotation = { kind: "crisis" | "post"; from: number; to: number; label: string };

const W = 720;
const PAD = { top: 12, right: 12, bottom: 26, left: 56 };

/**
 * A line chart drawn as SVG (no chart library). One tab stop: ← → Home End move a cursor over
 * the days and a live region reads the values out; the data table beside it (ChartFrame) holds
 * the same numbers. Missing days break the line; annotations shade crisis periods and mark big posts.
 */
export function LineChart({
  label,
  help,
  xLabels,
  series,
  annotations = [],
  height = 220,
  testId,
}: {
  label: string;
  /** How to use the keyboard here (read after the label). */
  help: string;
  xLabels: string[];
  series: ChartSeries[];
  annotations?: ChartAnnotation[];
  height?: number;
  testId?: string;
}) {
  const locale = useLocale();
  const id = useId();
  const [cursor, setCursor] = useState<number | null>(null);
  const n = xLabels.length;
  const max = useMemo(() => niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)))), [series]);
  const min = useMemo(() => Math.min(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))), [series]);
  const innerW = W - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n <= 1 ? innerW / 2 : (i / (n - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - ((v - min) / (max - min || 1)) * innerH;
  const fmt = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => min + f * (max - min));
  const labelEvery = Math.max(1, Math.ceil(n / 8));

  const paths = series.map((s) => {
    let d = "";
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  });

  const onKey = (e: KeyboardEvent) => {
    if (!n) return;
    const k = e.key;
    if (!["ArrowLeft", "ArrowRight", "Home", "End", "Escape"].includes(k)) return;
    e.preventDefault();
    if (k === "Escape") return setCursor(null);
    setCursor((c) => {
      if (k === "Home") return 0;
      if (k === "End") return n - 1;
      if (c === null) return k === "ArrowLeft" ? n - 1 : 0;
      return Math.max(0, Math.min(n - 1, c + (k === "ArrowLeft" ? -1 : 1)));
    });
  };
  const readout = cursor === null ? "" : `${xLabels[cursor]}: ${series.map((s) => `${s.label} ${s.formatted[cursor] ?? "—"}`).join(", ")}`;

  return (
    <div
      tabIndex={0}
      role="group"
      aria-label={label}
      aria-describedby={`${id}-help`}
      onKeyDown={onKey}
      onBlur={() => setCursor(null)}
      onMouseLeave={() => setCursor(null)}
      className="relative rounded-md outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      data-testid={testId}
    >
      <p id={`${id}-help`} className="sr-only">
        {help}
      </p>
      <svg viewBox={`0 0 ${W} ${height}`} className="h-auto w-full" aria-hidden>
        {annotations.map((a, i) =>
          a.kind === "crisis" ? (
            <g key={i}>
              <rect x={x(a.from) - 3} y={PAD.top} width={Math.max(6, x(a.to) - x(a.from) + 6)} height={innerH} fill="#fee2e2" opacity={0.7} />
              <text x={x(a.from)} y={PAD.top + 10} className="fill-red-800 text-[10px]">
                {a.label}
              </text>
            </g>
          ) : (
            <g key={i}>
              <line x1={x(a.from)} x2={x(a.from)} y1={PAD.top} y2={PAD.top + innerH} stroke="#7c3aed" strokeDasharray="2 3" />
              <circle cx={x(a.from)} cy={PAD.top + 4} r={4} fill="#7c3aed" />
            </g>
          ),
        )}
        {ticks.map((t, i) => (
          <g key={i}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(t) + 3} textAnchor="end" className="fill-slate-500 text-[10px]">
              {fmt.format(t)}
            </text>
          </g>
        ))}
        {xLabels.map((l, i) =>
          (i % labelEvery === 0 && n - 1 - i >= labelEvery / 2) || i === n - 1 ? (
            <text key={i} x={x(i)} y={height - 8} textAnchor="middle" className="fill-slate-500 text-[10px]">
              {l}
            </text>
          ) : null,
        )}
        {series.map((s, si) => (
          <path key={s.key} d={paths[si]} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 4" : undefined} strokeLinejoin="round" strokeLinecap="round" />
        ))}
        {series.map((s) =>
          s.values.map((v, i) =>
            v !== null && (n <= 31 || i === cursor) ? <circle key={`${s.key}-${i}`} cx={x(i)} cy={y(v)} r={i === cursor ? 4 : 2.2} fill={s.color} /> : null,
          ),
        )}
        {cursor !== null && <line x1={x(cursor)} x2={x(cursor)} y1={PAD.top} y2={PAD.top + innerH} stroke="#334155" strokeWidth={1} />}
        {/* Invisible columns for the mouse: hovering a day moves the cursor there. */}
        {xLabels.map((_, i) => (
          <rect
            key={`hit-${i}`}
            x={x(i) - innerW / Math.max(1, n - 1) / 2}
            y={PAD.top}
            width={innerW / Math.max(1, n - 1)}
            height={innerH}
            fill="transparent"
            onMouseEnter={() => setCursor(i)}
          />
        ))}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <svg width="18" height="6" aria-hidden>
              <line x1="0" x2="18" y1="3" y2="3" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dashed ? "4 3" : undefined} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <p aria-live="polite" className={cursor === null ? "sr-only" : "mt-1 rounded bg-slate-900 px-2 py-1 text-xs text-white"} data-testid={testId ? `${testId}-readout` : undefined}>
        {readout}
      </p>
    </div>
  );
}

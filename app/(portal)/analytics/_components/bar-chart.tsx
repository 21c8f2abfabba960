/**
 * Stacked vertical bars as SVG, rendered on the server. Focusable as one image with a summary
 * label; the numbers are in the data table beside it (ChartFrame). Each bar has a <title> for
 * mouse users. A light scale on the left (0, ¼ … the top), compact numbers in the viewer's locale.
 */
import { useLocale } from "next-intl";
import { niceMax } from "./chart-scale";

export type BarSeries = { key: string; label: string; color: string; values: number[] };

const W = 720;
const PAD = { top: 10, right: 8, bottom: 24, left: 48 };

export function BarChart({ label, xLabels, series, titles, height = 180, testId }: { label: string; xLabels: string[]; series: BarSeries[]; titles: string[]; height?: number; testId?: string }) {
  const n = xLabels.length;
  const totals = xLabels.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(1, ...totals));
  const fmt = new Intl.NumberFormat(useLocale(), { notation: "compact", maximumFractionDigits: 1 });
  const innerW = W - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, n);
  const bw = Math.max(2, Math.min(28, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  return (
    <figure tabIndex={0} aria-label={label} role="img" className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-brand-600" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${height}`} className="h-auto w-full" aria-hidden>
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH * (1 - f)} y2={PAD.top + innerH * (1 - f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={PAD.top + innerH * (1 - f) + 3} textAnchor="end" className="fill-slate-500 text-[10px]">
              {fmt.format(max * f)}
            </text>
          </g>
        ))}
        <text x={PAD.left - 6} y={PAD.top + innerH + 3} textAnchor="end" className="fill-slate-500 text-[10px]">
          {fmt.format(0)}
        </text>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} stroke="#cbd5e1" />
        {xLabels.map((l, i) => {
          let acc = 0;
          const cx = PAD.left + slot * i + slot / 2;
          return (
            <g key={i}>
              <title>{titles[i]}</title>
              {series.map((s) => {
                const v = s.values[i] ?? 0;
                const h = (v / max) * innerH;
                const yTop = PAD.top + innerH - acc - h;
                acc += h;
                return v > 0 ? <rect key={s.key} x={cx - bw / 2} y={yTop} width={bw} height={h} fill={s.color} /> : null;
              })}
              {((i % labelEvery === 0 && n - 1 - i >= labelEvery / 2) || i === n - 1) && (
                <text x={cx} y={height - 8} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {l}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

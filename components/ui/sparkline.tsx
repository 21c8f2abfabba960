/**
 * A small trend line rendered on the server as SVG. Decorative support for a number that is
 * printed in text next to it; the label describes the trend for screen readers.
 */
export function Sparkline({ values, label, width = 240, height = 48, className }: { values: number[]; label: string; width?: number; height?: number; className?: string }) {
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 4 - ((v - min) / span) * (height - 8)).toFixed(1)}`);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} className={className} preserveAspectRatio="none">
      <polyline points={`0,${height} ${points.join(" ")} ${width},${height}`} className="fill-brand-50" stroke="none" />
      <polyline points={points.join(" ")} fill="none" className="stroke-brand-700" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

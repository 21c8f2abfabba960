/** Timing helpers shared by the benchmarks (scripts/bench*.ts). */

/** Rounds to two decimals (milliseconds and ratios in the result files). */
export const r2 = (x: number) => Math.round(x * 100) / 100;

/** The p-th percentile (nearest rank) of `xs`; 0 for no samples. */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** Runs `fn` `warm` times untimed, then `n` times, and returns each timed run's milliseconds. */
export async function timeEach(n: number, fn: () => Promise<unknown>, warm = 10): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

import type { HeldOut } from './calibration';

/** Linear-interpolated quantile of sorted values, q in [0, 1]. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of nothing');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Multipliers on a predicted throughput: the 10th and 90th percentile of held-out measured/predicted ratios. */
export interface RatioBand {
  low: number;
  high: number;
  /** How many held-out runs the band comes from. */
  runs: number;
}

export function ratioBand(held: readonly HeldOut[], low = 0.1, high = 0.9): RatioBand | null {
  const r = held.flatMap((h) => (h.ratio === null ? [] : [h.ratio])).sort((a, b) => a - b);
  if (r.length < 3) return null;
  return { low: quantile(r, low), high: quantile(r, high), runs: r.length };
}

/** Mean and max of |predicted/measured − 1| of throughput, the error the calibration report shows. */
export function errorSummary(held: readonly HeldOut[]): { mean: number; max: number; median: number; count: number } | null {
  const e = held.flatMap((h) => (h.ratio === null ? [] : [Math.abs(1 / h.ratio - 1)])).sort((a, b) => a - b);
  if (e.length === 0) return null;
  return { mean: e.reduce((s, v) => s + v, 0) / e.length, max: e[e.length - 1]!, median: quantile(e, 0.5), count: e.length };
}

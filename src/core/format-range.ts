/**
 * Text for a self-host figure with its range (src/core/pipeline/self-host-range.ts): "≈" before an
 * estimate that carries a range, the range in parentheses where there is room. Without a range the
 * number is shown as it is (no "≈": rates the user set, or no band). Shared by the CLI, the status
 * bar, hovers, CodeLens and the panel, so every surface words a range the same way. Pure.
 */
import { formatPercent, formatUsd } from './format';

type Range = readonly [number, number] | null | undefined;
type KRange = readonly [number | null, number | null] | null | undefined;

const shown = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const hasRange = (r: Range): r is readonly [number, number] => !!r && shown(r[0]) && shown(r[1]);

/** "≈$0.0123" with a range, "$0.0123" without: where there is no room for the range (status bar text, CodeLens). */
export function approxUsd(point: number | null | undefined, range: Range): string {
  return shown(point) && hasRange(range) ? `≈${formatUsd(point)}` : formatUsd(point);
}

/** "$0.0100–$0.0200", or null without a range. */
export function usdRangeText(range: Range): string | null {
  return hasRange(range) ? `${formatUsd(range[0])}–${formatUsd(range[1])}` : null;
}

/** "≈$0.0123 ($0.0100–$0.0200)" with a range, "$0.0123" without. */
export function usdWithRange(point: number | null | undefined, range: Range): string {
  const r = usdRangeText(range);
  return shown(point) && r ? `≈${formatUsd(point)} (${r})` : formatUsd(point);
}

/** Break-even utilization: "≈45 % (30–80 %)" with a range, "45 %" without. */
export function percentWithRange(point: number | null | undefined, range: Range): string {
  if (!shown(point) || !hasRange(range)) return formatPercent(point);
  return `≈${formatPercent(point)} (${(range[0] * 100).toFixed(0)}–${formatPercent(range[1])})`;
}

/**
 * Crossover k: "12 (8–20)"; an end with no crossover up to k max reads "none"; the point alone
 * without a range. `none` is the text of a missing point ("none up to 30").
 */
export function kWithRange(point: number | null, range: KRange, none: string): string {
  const p = point === null ? none : String(point);
  if (!range) return p;
  const end = (k: number | null) => (k === null ? 'none' : String(k));
  return range[0] === range[1] && range[0] === point ? p : `${p} (${end(range[0])}–${end(range[1])})`;
}

/** One line saying where the ranges come from, or null without a band. */
export function bandNote(band: { low: number; high: number; runs: number; from?: string } | null | undefined): string | null {
  if (!band) return null;
  return `≈: self-host figures are estimates; the range is throughput ×${band.low.toFixed(2)}–×${band.high.toFixed(2)} (10th–90th percentile of measured/predicted throughput, ${band.from ?? 'calibration'}, ${band.runs} runs)`;
}

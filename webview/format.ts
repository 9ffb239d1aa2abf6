/**
 * Text for numbers in the panel. The core's formatters are pure and browser-safe, so the panel uses
 * the very same ones as the CLI, the status bar and the hovers (never "$0" for an unknown price,
 * never "NaN" or "Infinity"); the rest are panel-only helpers on top of them.
 */
import { formatNumber, formatPercent, formatTokens, formatUsd } from '../src/core/format';

export { formatNumber, formatPercent, formatTokens, formatUsd };

/** A number that may be shown: finite, not null. */
export function isShown(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The raw value a test compares with the CLI's JSON: the number as JSON writes it, or "null". */
export function dataValue(v: number | null | undefined): string {
  return isShown(v) ? String(v) : 'null';
}

/** k (calls per task): integers as they are, means with one decimal. */
export function formatK(v: number | null | undefined): string {
  if (!isShown(v)) return 'n/a';
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** $ per 1M tokens, with the unit. */
export function formatPerM(v: number | null | undefined): string {
  const s = formatUsd(v);
  return isShown(v) ? `${s}/1M` : s;
}

/**
 * An axis tick for dollars: as many decimals as the distance between ticks needs, at least cents below a dollar step ($0.50, $1.00, $0.0025, $20),
 * or the panel's usual dollar text when the step is unknown.
 */
export function formatUsdTick(v: number, step?: number): string {
  if (!Number.isFinite(v)) return '';
  if (v === 0) return '$0';
  if (step === undefined || !(step > 0) || !Number.isFinite(step)) return formatUsd(v);
  const needed = Math.min(8, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  // cents as cents: $0.50, not $0.5
  const decimals = needed > 0 ? Math.max(2, needed) : 0;
  return `${v < 0 ? '-' : ''}$${Math.abs(v).toFixed(decimals)}`;
}

/**
 * Text for numbers shown to people: never "NaN" or "Infinity"; unknown prices read "unpriced".
 * Shared by the CLI, the status bar, hovers and the panel.
 */
import type { TaskShape } from './inference/task-stats';

export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'unpriced';
  if (!Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a === 0) return '$0';
  if (a >= 100) return `$${v.toFixed(0)}`;
  if (a >= 1) return `$${v.toFixed(2)}`;
  if (a >= 0.01) return `$${v.toFixed(4)}`;
  return `$${v.toPrecision(3)}`;
}

export function formatPercent(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  return `${(v * 100).toFixed(digits)} %`;
}

export function formatTokens(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function formatNumber(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  return v.toFixed(digits);
}

/** A task's shape as table cells (k, subagent calls, I0, O, Δ, r, observed cache share): one wording for the CLI and the report. */
export function taskShapeCells(t: Omit<TaskShape, 'tokenSource'>): string[] {
  return [
    String(t.calls),
    String(t.subagentCalls),
    formatTokens(t.initialInputTokens),
    formatTokens(t.meanOutputTokens),
    formatTokens(t.meanNewInputTokens),
    formatNumber(t.repeatedFraction),
    formatPercent(t.observedCachedFraction),
  ];
}

/** Throws when a value meant for output holds NaN or ±Infinity anywhere: a bug, never shown. */
export function assertFiniteDeep(value: unknown, path = '$'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`non-finite number at ${path}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertFiniteDeep(v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertFiniteDeep(v, `${path}.${k}`);
  }
}

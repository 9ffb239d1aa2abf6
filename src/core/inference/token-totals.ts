/**
 * What a task (or a file) spent: token sums over its calls and the cost observed for them. Pure; the
 * CLI's JSON and text (and any other front end) show these numbers from here.
 */
import type { CallMeasure } from './measure';
import type { TaskCosts } from './task-costs';
import { formatTokens, formatUsd } from '../format';

/** Σ over calls; `input` includes cached tokens (read and written). null: some call's number is unknown. */
export interface TokenTotals {
  input: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  output: number | null;
}

export interface SpendTotals {
  tokens: TokenTotals;
  /**
   * $ at our prices for what was sent: the recorded cache split where usage records it (apiCachedObserved),
   * else every input token at the input price (apiNoCache: nothing recorded as cached). null: unpriced or unknown.
   */
  observedCost: number | null;
  observedCostBasis: 'recorded cache split' | 'no cache recorded' | 'mixed' | null;
  /** The cost the trace itself records (SWE-agent / mini-swe-agent instance_cost), beside ours, never added to it; null where absent. */
  recordedCost: number | null;
}

function sum(values: readonly (number | null)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

export function callTokenTotals(calls: readonly CallMeasure[]): TokenTotals {
  return {
    input: sum(calls.map((c) => c.input)),
    cacheRead: sum(calls.map((c) => c.cacheRead)),
    cacheWrite: sum(calls.map((c) => c.cacheWrite)),
    output: sum(calls.map((c) => c.output)),
  };
}

/** One task's totals from its measured calls and its costs. */
export function taskSpend(t: { perCall: readonly CallMeasure[]; cost: TaskCosts; recordedCost?: number | null }): SpendTotals {
  const tokens = callTokenTotals(t.perCall);
  const recordedCost = t.recordedCost ?? null;
  if (t.cost.apiCachedObserved !== null) return { tokens, observedCost: t.cost.apiCachedObserved, observedCostBasis: 'recorded cache split', recordedCost };
  // no call records a cache read: nothing was billed as cached
  const noneCached = t.perCall.every((c) => c.cacheRead === null);
  if (noneCached && t.cost.apiNoCache !== null) return { tokens, observedCost: t.cost.apiNoCache, observedCostBasis: 'no cache recorded', recordedCost };
  return { tokens, observedCost: null, observedCostBasis: null, recordedCost };
}

/** Totals over several tasks (a file, a folder): sums of the task totals, null where any is unknown. */
export function sumSpend(parts: readonly SpendTotals[]): SpendTotals {
  const bases = new Set(parts.map((p) => p.observedCostBasis));
  const observedCost = sum(parts.map((p) => p.observedCost));
  return {
    tokens: {
      input: sum(parts.map((p) => p.tokens.input)),
      cacheRead: sum(parts.map((p) => p.tokens.cacheRead)),
      cacheWrite: sum(parts.map((p) => p.tokens.cacheWrite)),
      output: sum(parts.map((p) => p.tokens.output)),
    },
    observedCost,
    observedCostBasis: observedCost === null || parts.length === 0 ? null : bases.size === 1 ? parts[0]!.observedCostBasis : 'mixed',
    // each task's recorded cost once: a file or folder total only where every task records one
    recordedCost: parts.length === 0 ? null : sum(parts.map((p) => p.recordedCost)),
  };
}

/** A file's totals: the sum over its tasks. */
export function fileSpend(f: { tasks: readonly { perCall: readonly CallMeasure[]; cost: TaskCosts; recordedCost?: number | null }[] }): SpendTotals {
  return sumSpend(f.tasks.map(taskSpend));
}

/**
 * "input 1.2M (cache read 1.1M, cache write 20k), output 12k, observed cost $3.21": one line of
 * totals, like ccusage's. The CLI's text output and the panel's totals line print this.
 */
export function totalsLine(s: SpendTotals): string {
  const t = s.tokens;
  return `input ${formatTokens(t.input)} (cache read ${formatTokens(t.cacheRead)}, cache write ${formatTokens(t.cacheWrite)}), output ${formatTokens(t.output)}, observed cost ${s.observedCost === null ? 'unknown' : formatUsd(s.observedCost)}${s.observedCostBasis ? ` (${s.observedCostBasis})` : ''}${s.recordedCost !== null ? `; the trace records ${formatUsd(s.recordedCost)} (its own count, not added)` : ''}`;
}

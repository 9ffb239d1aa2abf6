import type { CallMeasure } from './measure';

/** The token shape of one task, inferred from its calls. Unknown values are null, never 0. */
export interface TaskShape {
  /** k: every model call of the agent under test for this task, subagents included. */
  calls: number;
  subagentCalls: number;
  /** I0: input tokens of the task's first call. */
  initialInputTokens: number | null;
  /** O: mean output tokens per call. */
  meanOutputTokens: number | null;
  /** Δ: mean new (not repeated) input tokens per call after the first. */
  meanNewInputTokens: number | null;
  /** r: Σ repeated / Σ input over the calls after the first. */
  repeatedFraction: number | null;
  /** Σ cache_read / Σ input over the calls whose usage records cache reads. */
  observedCachedFraction: number | null;
  /** Where the token numbers came from: recorded usage, our tokenizer, tokenizer scaled to recorded totals, or several. */
  tokenSource: 'recorded' | 'tokenizer' | 'scaled' | 'mixed' | 'none';
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Σ part / Σ input over the calls where both are known; null when none is, or their input sums to 0. */
function ratioOfSums(calls: readonly CallMeasure[], part: (c: CallMeasure) => number | null): number | null {
  let partSum = 0;
  let inSum = 0;
  for (const c of calls) {
    const p = part(c);
    if (p === null || c.input === null) continue;
    partSum += p;
    inSum += c.input;
  }
  return inSum > 0 ? partSum / inSum : null;
}

export function taskShape(calls: readonly CallMeasure[]): TaskShape {
  const later = calls.slice(1);
  const outputs = calls.flatMap((c) => (c.output === null ? [] : [c.output]));
  const newInputs = later.flatMap((c) => (c.input === null || c.repeated === null ? [] : [Math.max(0, c.input - c.repeated)]));
  const sources = new Set(calls.flatMap((c) => [c.inputSource, c.outputSource]).filter((s) => s !== null));
  return {
    calls: calls.length,
    subagentCalls: calls.filter((c) => c.isSubagent).length,
    initialInputTokens: calls[0]?.input ?? null,
    meanOutputTokens: mean(outputs),
    meanNewInputTokens: mean(newInputs),
    repeatedFraction: ratioOfSums(later, (c) => c.repeated),
    observedCachedFraction: ratioOfSums(calls, (c) => c.cacheRead),
    tokenSource: sources.size === 0 ? 'none' : sources.size > 1 ? 'mixed' : sources.values().next().value!,
  };
}

export interface Distribution {
  mean: number | null;
  p50: number | null;
  p90: number | null;
  max: number | null;
}

/** Mean and nearest-rank percentiles over the known values. */
export function distribution(values: readonly (number | null)[]): Distribution {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return { mean: null, p50: null, p90: null, max: null };
  const rank = (p: number) => v[Math.max(0, Math.ceil(p * v.length) - 1)]!;
  return { mean: v.reduce((s, x) => s + x, 0) / v.length, p50: rank(0.5), p90: rank(0.9), max: v[v.length - 1]! };
}

import type { CallMeasure } from './measure';

/**
 * Integers proportional to `weights` that sum exactly to `total` (largest remainder), so the scaled
 * per-call numbers add up to the recorded total without a rounding drift.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/**
 * Where a file records a task's token totals but no per-call usage (SWE-agent `tokens_sent` /
 * `tokens_received`), the tokenizer gives the shape across calls and the record gives the sum: each
 * side (input, output) whose every call is a tokenizer estimate is scaled to its recorded total and
 * marked 'scaled'. Repeated input keeps its share of each call's input. A side with an unknown or zero
 * total, or a call already recorded, is left as it is.
 */
export function scaleToRecordedTotals(calls: CallMeasure[], totals: { input: number | null; output: number | null }): CallMeasure[] {
  const scalable = (side: 'input' | 'output', total: number | null): total is number => {
    const source = side === 'input' ? 'inputSource' : 'outputSource';
    return total !== null && total > 0 && calls.length > 0 && calls.every((c) => c[side] !== null && c[source] === 'tokenizer') && calls.some((c) => c[side]! > 0);
  };
  let out = calls;
  if (scalable('input', totals.input)) {
    const inputs = apportion(out.map((c) => c.input!), totals.input);
    out = out.map((c, i) => {
      const input = inputs[i]!;
      const repeated = c.repeated === null ? null : c.input! > 0 ? Math.min(input, Math.round((c.repeated * input) / c.input!)) : 0;
      return { ...c, input, repeated, inputSource: 'scaled' };
    });
  }
  if (scalable('output', totals.output)) {
    const outputs = apportion(out.map((c) => c.output!), totals.output);
    out = out.map((c, i) => ({ ...c, output: outputs[i]!, outputSource: 'scaled' }));
  }
  return out;
}

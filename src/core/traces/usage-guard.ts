/**
 * The one check every reader's usage passes through (readers/index.ts wraps each reader's `read`;
 * the Claude Code billing sum calls it too): a usage number no real call can have (1e15, 1e308, or
 * a sum that overflowed to Infinity) would be priced at billions of dollars or turn into Infinity
 * downstream. Such a call's usage becomes unknown (null, never 0) with a warning naming its line;
 * the call, its text and the rest of the file are kept.
 */
import type { Diagnostic, Task, Usage } from './model';

/**
 * The most tokens one call can plausibly report in any usage field: 100 M, ten times the largest
 * context window offered today (10 M tokens), so no real call is refused.
 */
export const MAX_TOKENS_PER_CALL = 100_000_000;
/** Calls named one by one before the rest are counted in one line. */
const NAMED_CALLS = 10;

const FIELDS = ['inTotal', 'cacheRead', 'cacheWrite', 'output', 'reasoning'] as const;

/** The first implausible field of a usage, or null when every number is a plausible count. */
export function implausibleUsage(u: Usage): { field: (typeof FIELDS)[number]; value: number } | null {
  for (const field of FIELDS) {
    const value = u[field];
    if (value !== null && !(Number.isFinite(value) && value >= 0 && value <= MAX_TOKENS_PER_CALL)) return { field, value };
  }
  return null;
}

/**
 * Replaces implausible usage by unknown in place and returns the diagnostics to add (one per call
 * up to NAMED_CALLS, then one summary line).
 */
export function guardUsage(tasks: readonly Task[]): Diagnostic[] {
  return reportImplausible(markImplausibleUsage(tasks));
}

/** Replaces implausible usage by unknown in place; one warning per such call, uncapped (a live read keeps them per task). */
export function markImplausibleUsage(tasks: readonly Task[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const task of tasks) {
    for (const call of task.calls) {
      const bad = implausibleUsage(call.usage);
      if (bad === null) continue;
      call.usage = { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: call.usage.source };
      out.push({
        line: call.line,
        severity: 'warning',
        message: `call ${call.id}: usage ${bad.field} = ${String(bad.value)} is not a plausible token count for one call (0 to ${MAX_TOKENS_PER_CALL.toLocaleString('en-US')}): this call's usage is treated as unknown`,
      });
    }
  }
  return out;
}

/** The warnings of markImplausibleUsage as shown: the first NAMED_CALLS, then one summary line. */
export function reportImplausible(perCall: readonly Diagnostic[]): Diagnostic[] {
  const out = perCall.slice(0, NAMED_CALLS);
  const more = perCall.length - out.length;
  if (more > 0) out.push({ line: null, severity: 'warning', message: `${more} more call(s) with implausible usage treated as unknown` });
  return out;
}

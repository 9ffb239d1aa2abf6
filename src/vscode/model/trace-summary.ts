/** One trace file in a line (the status bar). Pure. */
import type { FileAnalysis, TaskAnalysis } from '../../core/inference/analyze';

export interface TraceSummary {
  tasks: number;
  /** The verdict for this file's workload at its k (the answer first); null when not computed. */
  verdict?: string | null;
  /** Mean calls per task; null with no task. */
  meanK: number | null;
  /** Mean API $ per task over the priced tasks: what the provider billed where usage records the cache split, else the cached estimate. */
  apiPerTask: number | null;
  apiBasis: 'billed' | 'cached' | null;
  /** Mean self-host $ per task with prefix reuse. */
  selfHostPerTask: number | null;
  /** That mean under the throughput band (src/core/pipeline/self-host-range.ts), when the store computed it; null: no band. */
  selfHostPerTaskRange?: [number, number] | null;
  /** Tasks whose API cost is unknown (a model the price data does not know). */
  unpricedTasks: number;
  errors: number;
}

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

function apiOf(t: TaskAnalysis): { v: number; billed: boolean } | null {
  if (t.cost.apiCachedObserved !== null) return { v: t.cost.apiCachedObserved, billed: true };
  if (t.cost.apiCached !== null) return { v: t.cost.apiCached, billed: false };
  return null;
}

export function traceSummary(f: FileAnalysis): TraceSummary {
  const api = f.tasks.map(apiOf);
  const priced = api.filter((a): a is { v: number; billed: boolean } => a !== null);
  const selfHost = f.tasks.map((t) => t.cost.selfHostReuse).filter((v): v is number => v !== null);
  return {
    tasks: f.tasks.length,
    meanK: mean(f.tasks.map((t) => t.calls)),
    apiPerTask: mean(priced.map((a) => a.v)),
    apiBasis: priced.length === 0 ? null : priced.every((a) => a.billed) ? 'billed' : 'cached',
    selfHostPerTask: mean(selfHost),
    unpricedTasks: f.tasks.length - priced.length,
    errors: f.diagnostics.filter((d) => d.severity === 'error').length,
  };
}

import type { FileAnalysis } from '../inference/analyze';
import type { TaskCosts } from '../inference/task-costs';

const COST_KEYS = ['apiNoCache', 'apiCached', 'apiCachedObserved', 'selfHostReuse', 'selfHostNoReuse'] as const satisfies readonly (keyof TaskCosts)[];

/** A session's totals over its tasks. */
export interface SessionTotals {
  /** Model calls in the file (subagent calls included); null when no reader understood the file. */
  calls: number | null;
  /** Σ of the tasks' costs, per basis; a basis is null as soon as one task's is (never a partial sum shown as a total). */
  cost: TaskCosts | null;
}

/** The one place a session file's calls and cost are summed (CLI `sessions`, the Agent Traces view, the live status bar). */
export function sessionTotals(f: FileAnalysis): SessionTotals {
  if (f.format === null) return { calls: null, cost: null };
  const cost: TaskCosts = { apiNoCache: 0, apiCached: 0, apiCachedObserved: 0, selfHostReuse: 0, selfHostNoReuse: 0 };
  let calls = 0;
  for (const t of f.tasks) {
    calls += t.calls;
    for (const k of COST_KEYS) {
      const v = t.cost[k];
      const sum = cost[k];
      cost[k] = v === null || sum === null ? null : sum + v;
    }
  }
  return { calls, cost };
}

import type { ApiPrices } from '../engine/api-cost';
import { agenticTable, crossoverK, type AgenticParams, type Crossover, type SelfHostRates } from '../engine/agentic';
import type { FileMeasures } from './analyze';
import { distribution, type Distribution } from './task-stats';

export interface AnalysisSummary {
  tasks: number;
  k: Distribution;
  initialInputTokens: Distribution;
  meanOutputTokens: Distribution;
  meanNewInputTokens: Distribution;
  repeatedFraction: Distribution;
  /** The fitted (I0, O, Δ, r) fed to the agentic model to project other k; null when not inferable. */
  projection: AgenticParams | null;
  crossoverK: Crossover;
  /** The largest k the crossover was looked for up to. */
  kMax: number;
}

/**
 * Across all tasks: distributions of the inferred shape, and the crossover k of the agentic model
 * fed with the mean shape. Δ here excludes the previous output (it is new input), so the
 * projection appends outputs to the context, as a chat transcript does.
 */
export function summarize(files: readonly FileMeasures[], api: ApiPrices | null, selfHost: SelfHostRates | null, kMax = 50): AnalysisSummary {
  const tasks = files.flatMap((f) => f.tasks);
  const k = distribution(tasks.map((t) => t.calls));
  const i0 = distribution(tasks.map((t) => t.initialInputTokens));
  const o = distribution(tasks.map((t) => t.meanOutputTokens));
  const d = distribution(tasks.map((t) => t.meanNewInputTokens));
  const r = distribution(tasks.map((t) => t.repeatedFraction));
  const projection: AgenticParams | null =
    i0.mean !== null && o.mean !== null
      ? { initialInput: i0.mean, perStepOutput: o.mean, newInputPerStep: d.mean ?? 0, repeatedFraction: Math.min(1, Math.max(0, r.mean ?? 0)), appendOutputs: true }
      : null;
  const kUpTo = Math.max(kMax, k.max ?? 0);
  const rows = projection ? agenticTable(projection, kUpTo, api, selfHost) : [];
  return {
    tasks: tasks.length,
    k,
    initialInputTokens: i0,
    meanOutputTokens: o,
    meanNewInputTokens: d,
    repeatedFraction: r,
    projection,
    crossoverK: rows.length ? crossoverK(rows) : { vsApiNoCache: null, vsApiCached: null },
    kMax: kUpTo,
  };
}

/**
 * Step 3 of measure → price → project: a workload and k turned into Figure 4's rows, the crossover
 * k, $ per call and $ per task at k in the four modes, and the verdict. Hover, CodeLens, status
 * bar, panel, report, CSV and the CLI's `agentic`, `analyze` and `prompt` all call `project`. Pure.
 */
import type { ApiPrices } from '../engine/api-cost';
import { agenticTable, crossoverK, type AgenticParams, type AgenticRow, type Crossover, type ModeCosts, type SelfHostRates } from '../engine/agentic';
import type { KChoice, KSource, Workload } from './workload';
import { verdictOf, type Verdict, type VerdictLabels } from './verdict';

export interface ProjectionInput {
  workload: Workload;
  k: KChoice;
  /** Rows 1..max(kMax, k) are returned (Figure 4's range). */
  kMax?: number;
  api: ApiPrices | null;
  selfHost: SelfHostRates | null;
  /** false: API without cache discount and self-host without prefix reuse. */
  cache: boolean;
  /** Names the verdict uses; without them there is no verdict. */
  labels?: VerdictLabels;
}

export interface Projection {
  params: AgenticParams;
  paramsSource: string;
  k: number;
  kSource: KSource;
  kLabel: string;
  rows: AgenticRow[];
  crossoverK: Crossover;
  /** One call with the workload's first input: API without cache, self-host without reuse. */
  perCall: { api: number | null; selfHost: number | null };
  /** $ per task at k. */
  perTask: ModeCosts;
  verdict: Verdict | null;
  /** Why the projection could not be computed (bad parameters); empty when it was. */
  problems: string[];
}

const NONE: ModeCosts = { apiNoCache: null, apiCached: null, selfHostReuse: null, selfHostNoReuse: null };

export function project(input: ProjectionInput): Projection {
  const { workload, k } = input;
  const kMax = Math.max(input.kMax ?? k.k, k.k);
  let rows: AgenticRow[] = [];
  const problems: string[] = [];
  try {
    rows = agenticTable(workload.params, kMax, input.api, input.selfHost);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  if (!input.cache) rows = rows.map((r) => ({ ...r, apiCached: r.apiNoCache, selfHostReuse: r.selfHostNoReuse }));
  const first = rows[0];
  const at = rows[k.k - 1];
  const perTask: ModeCosts = at ? { apiNoCache: at.apiNoCache, apiCached: at.apiCached, selfHostReuse: at.selfHostReuse, selfHostNoReuse: at.selfHostNoReuse } : NONE;
  return {
    params: workload.params,
    paramsSource: workload.source,
    k: k.k,
    kSource: k.source,
    kLabel: k.label,
    rows,
    crossoverK: rows.length ? crossoverK(rows) : { vsApiNoCache: null, vsApiCached: null },
    perCall: { api: first?.apiNoCache ?? null, selfHost: first?.selfHostNoReuse ?? null },
    perTask,
    verdict: input.labels ? verdictOf(perTask, k.k, input.cache, input.labels) : null,
    problems,
  };
}

/**
 * Step 3 of measure → price → project: a workload and k turned into Figure 4's rows, the crossover
 * k, $ per call and $ per task at k in the four modes, and the verdict. Hover, CodeLens, status
 * bar, panel, report, CSV and the CLI's `agentic`, `analyze` and `prompt` all call `project`. Pure.
 */
import type { ApiPrices } from '../engine/api-cost';
import { agenticTable, crossoverK, type AgenticParams, type AgenticRow, type Crossover, type ModeCosts, type SelfHostRates } from '../engine/agentic';
import { scaleRates } from '../perf/ranges';
import type { RatioBand } from '../perf/uncertainty';
import type { KChoice, KSource, Workload } from './workload';
import { verdictOf, type Verdict, type VerdictLabels } from './verdict';
import { modeRanges, selfHostRange, type CostRange, type KRange, type SelfHostModeRanges } from './self-host-range';

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
  /** The throughput band of `selfHost`'s rates (self-host-range.ts `ratesBand`); null/absent: no ranges. */
  band?: RatioBand | null;
}

/** Every self-host figure of a projection as its range under the throughput band (null: no band). */
export interface ProjectionRanges {
  band: RatioBand | null;
  perCallSelfHost: CostRange;
  perTask: SelfHostModeRanges;
  /** Figure 4's self-host band, one per row. */
  rows: ({ k: number } & SelfHostModeRanges)[];
  /** Crossover k with the band's fastest rates, then its slowest (the cache switch applied as for the point); null without a band. */
  crossoverK: { vsApiNoCache: KRange; vsApiCached: KRange } | null;
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
  ranges: ProjectionRanges;
  /** Why the projection could not be computed (bad parameters); empty when it was. */
  problems: string[];
}

const NONE: ModeCosts = { apiNoCache: null, apiCached: null, selfHostReuse: null, selfHostNoReuse: null };

export function project(input: ProjectionInput): Projection {
  const { workload, k } = input;
  const kMax = Math.max(input.kMax ?? k.k, k.k);
  const problems: string[] = [];
  // the cache switch off: no cache discount and no prefix reuse
  const table = (selfHost: SelfHostRates | null): AgenticRow[] => {
    const t = agenticTable(workload.params, kMax, input.api, selfHost);
    return input.cache ? t : t.map((r) => ({ ...r, apiCached: r.apiNoCache, selfHostReuse: r.selfHostNoReuse }));
  };
  let rows: AgenticRow[] = [];
  try {
    rows = table(input.selfHost);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  const first = rows[0];
  const at = rows[k.k - 1];
  const perTask: ModeCosts = at ? { apiNoCache: at.apiNoCache, apiCached: at.apiCached, selfHostReuse: at.selfHostReuse, selfHostNoReuse: at.selfHostNoReuse } : NONE;
  const ranges = projectionRanges(rows, perTask, input.selfHost, input.band ?? null, table);
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
    verdict: input.labels ? verdictOf(perTask, k.k, input.cache, input.labels, ranges.perTask) : null,
    ranges,
    problems,
  };
}

function projectionRanges(rows: AgenticRow[], perTask: ModeCosts, selfHost: SelfHostRates | null, band: RatioBand | null, table: (s: SelfHostRates) => AgenticRow[]): ProjectionRanges {
  const usable = band !== null && selfHost !== null && rows.length > 0;
  // faster replicas (band.high) cross over first: the k range runs from the fast end to the slow one
  const fast = usable ? crossoverK(table(scaleRates(selfHost, band.high))) : null;
  const slow = usable ? crossoverK(table(scaleRates(selfHost, band.low))) : null;
  return {
    band: usable ? band : null,
    perCallSelfHost: selfHostRange(rows[0]?.selfHostNoReuse, usable ? band : null),
    perTask: modeRanges(perTask, usable ? band : null),
    rows: rows.map((r) => ({ k: r.k, ...modeRanges(r, usable ? band : null) })),
    crossoverK: fast && slow ? { vsApiNoCache: [fast.vsApiNoCache, slow.vsApiNoCache], vsApiCached: [fast.vsApiCached, slow.vsApiCached] } : null,
  };
}

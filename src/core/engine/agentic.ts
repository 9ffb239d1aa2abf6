import { apiCallCostCached, apiCallCostNoCache, validateApiPrices, type ApiPrices } from './api-cost';
import { requireFraction, requireNonNegative, requirePositive, requirePositiveInteger } from './params';
import { selfHostRequestCost, validateRates, type ReplicaRates } from './selfhost-cost';

/** The article's agentic workload: k calls per user task. */
export interface AgenticParams {
  /** I0: input tokens of the first call. */
  initialInput: number;
  /** O: output tokens per call. */
  perStepOutput: number;
  /** Δ: new input tokens added per step. */
  newInputPerStep: number;
  /** r: share of each later call's input already seen in the task (frac_repeat_input). */
  repeatedFraction: number;
  /** Outputs are appended to the context too: input grows by Δ + O per step. */
  appendOutputs: boolean;
}

export function validateAgenticParams(p: AgenticParams): AgenticParams {
  requireNonNegative('agentic.initialInput', p.initialInput);
  requireNonNegative('agentic.perStepOutput', p.perStepOutput);
  requireNonNegative('agentic.newInputPerStep', p.newInputPerStep);
  requireFraction('agentic.repeatedFraction', p.repeatedFraction);
  return p;
}

export interface Step {
  input: number;
  repeated: number;
  output: number;
}

/** Step i (1-based): input_i = I0 + (i−1)·Δ (+ (i−1)·O when outputs are appended); repeated_i = r·input_i for i ≥ 2. */
export function agenticStep(p: AgenticParams, i: number): Step {
  const growth = p.newInputPerStep + (p.appendOutputs ? p.perStepOutput : 0);
  const input = p.initialInput + (i - 1) * growth;
  return { input, repeated: i >= 2 ? p.repeatedFraction * input : 0, output: p.perStepOutput };
}

/** Cost of one user task, $, in the four modes. A null mode is not computable (unpriced / no self-host rates). */
export interface ModeCosts {
  apiNoCache: number | null;
  apiCached: number | null;
  selfHostReuse: number | null;
  selfHostNoReuse: number | null;
}

export interface SelfHostRates extends ReplicaRates {
  /** $ per busy replica-second. */
  costPerReplicaSecond: number;
}

/** Costs of a sequence of calls: the per-step sums behind every agentic and trace-derived figure. */
export function sequenceCosts(steps: Iterable<Step>, api: ApiPrices | null, selfHost: SelfHostRates | null): ModeCosts {
  let noCache = 0, cached = 0, reuse = 0, noReuse = 0;
  for (const s of steps) {
    if (api) {
      noCache += apiCallCostNoCache(api, s.input, s.output);
      cached += apiCallCostCached(api, s.input, s.repeated, s.output);
    }
    if (selfHost) {
      reuse += selfHostRequestCost(selfHost.costPerReplicaSecond, selfHost, s.input - s.repeated, s.output);
      noReuse += selfHostRequestCost(selfHost.costPerReplicaSecond, selfHost, s.input, s.output);
    }
  }
  return {
    apiNoCache: api ? noCache : null,
    apiCached: api ? cached : null,
    selfHostReuse: selfHost ? reuse : null,
    selfHostNoReuse: selfHost ? noReuse : null,
  };
}

export interface AgenticRow extends ModeCosts {
  k: number;
}

export interface Crossover {
  /** Smallest k at which selfHostReuse is cheaper than apiNoCache, or null (none up to k max). */
  vsApiNoCache: number | null;
  vsApiCached: number | null;
}

/** Cost per user task for k = 1..kMax (cumulative over steps, computed in one pass). */
export function agenticTable(p: AgenticParams, kMax: number, api: ApiPrices | null, selfHost: SelfHostRates | null): AgenticRow[] {
  validateAgenticParams(p);
  requirePositiveInteger('kMax', kMax);
  if (api) validateApiPrices(api);
  if (selfHost) {
    validateRates(selfHost);
    requirePositive('selfHost.costPerReplicaSecond', selfHost.costPerReplicaSecond);
  }
  const rows: AgenticRow[] = [];
  let acc: ModeCosts = { apiNoCache: 0, apiCached: 0, selfHostReuse: 0, selfHostNoReuse: 0 };
  for (let k = 1; k <= kMax; k++) {
    const step = sequenceCosts([agenticStep(p, k)], api, selfHost);
    acc = {
      apiNoCache: add(acc.apiNoCache, step.apiNoCache),
      apiCached: add(acc.apiCached, step.apiCached),
      selfHostReuse: add(acc.selfHostReuse, step.selfHostReuse),
      selfHostNoReuse: add(acc.selfHostNoReuse, step.selfHostNoReuse),
    };
    rows.push({ k, ...acc });
  }
  return rows;
}

function add(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

export function crossoverK(rows: readonly AgenticRow[]): Crossover {
  const first = (mode: 'apiNoCache' | 'apiCached') => {
    for (const r of rows) {
      const api = r[mode];
      if (api !== null && r.selfHostReuse !== null && r.selfHostReuse < api) return r.k;
    }
    return null;
  };
  return { vsApiNoCache: first('apiNoCache'), vsApiCached: first('apiCached') };
}

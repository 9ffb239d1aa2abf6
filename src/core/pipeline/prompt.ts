/**
 * What a prompt file costs: the hover, the CodeLens, the status bar and `agentcost prompt` all call
 * `promptCosts`. For the current choice and each saved scenario: $ per call (the prompt as input, O
 * output tokens) and $ per user task at k with and without cache / prefix reuse, the k rule's k and
 * the verdict. O, Δ and r come from the traces analyzed (when any), else the article's. Pure.
 */
import type { Catalog } from '../catalog/schema';
import { dependsOnEstimates } from '../assumptions';
import type { AgenticParams, ModeCosts } from '../engine/agentic';
import type { Scenario } from '../scenario';
import { answer } from './answer';
import { makePricing, type PriceChoice } from './pricing';
import type { KSource } from './workload';
import type { RatioBand } from '../perf/uncertainty';
import type { CostRange, SelfHostModeRanges } from './self-host-range';
import { promptWorkload, type Workload } from './workload';

export interface ScenarioCost {
  name: string;
  model: string;
  perCall: { api: number | null; selfHost: number | null };
  perTask: ModeCosts;
  /** The self-host figures above as ranges (self-host-range.ts); null where there is no throughput band. */
  ranges: { perCallSelfHost: CostRange; perTask: SelfHostModeRanges; band: RatioBand | null };
  /** Why a number is missing (unpriced model, no baseline for the GPU...). */
  problems: string[];
  dependsOnEstimates: boolean;
}

export interface PromptCosts {
  tokens: number;
  k: number;
  kSource: KSource;
  /** Which k and why, in words. */
  kLabel: string;
  params: AgenticParams;
  paramsSource: string;
  /** The current choice's verdict (the answer first); null when nothing is priced. */
  verdict: string | null;
  /** The current choice first, then each saved scenario. */
  scenarios: ScenarioCost[];
}

export interface PromptRequest {
  tokens: number;
  /** The current choice (settings, or the CLI's flags / scenario file). */
  choice: PriceChoice;
  /** Saved scenarios compared after it (the extension's agentcost.scenarios). */
  saved?: readonly (Scenario & { name?: string | undefined })[] | undefined;
  /** The traces analyzed in this window (their O, Δ, r and k), if any. */
  traces?: Workload | null | undefined;
  userK?: number | null | undefined;
  userKLabel?: string | undefined;
}

export function promptCosts(cat: Catalog, req: PromptRequest): PromptCosts {
  const workload = promptWorkload(cat, req.tokens, req.traces ?? null);
  const costOf = (choice: PriceChoice, name?: string) => {
    const pricing = makePricing(cat, choice);
    const a = answer(cat, { workload, pricing, userK: req.userK, userKLabel: req.userKLabel });
    const s = pricing.scenario;
    const cost: ScenarioCost = { name: name ?? s.name, model: s.model, perCall: a.perCall, perTask: a.perTask, ranges: { perCallSelfHost: a.ranges.perCallSelfHost, perTask: a.ranges.perTask, band: a.ranges.band }, problems: [...s.problems, ...a.problems], dependsOnEstimates: dependsOnEstimates(s.assumptions) };
    return { a, cost };
  };
  const current = costOf(req.choice);
  const scenarios = [current.cost];
  for (const sc of req.saved ?? []) scenarios.push(costOf({ scenario: sc, scenarioOrigin: `scenario "${sc.name ?? 'unnamed'}"` }, sc.name).cost);
  const a = current.a;
  return { tokens: req.tokens, k: a.k, kSource: a.kSource, kLabel: a.kLabel, params: a.params, paramsSource: a.paramsSource, verdict: a.verdict?.text ?? null, scenarios };
}

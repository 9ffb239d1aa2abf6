/**
 * What a prompt file costs, for the hover, the CodeLens and the status bar: for the default
 * scenario (settings) and each saved scenario, $ per call (the prompt as input, O output tokens)
 * and $ per user task at k calls, with and without cache (API) / prefix reuse (self-host).
 * k is agentcost.k when set, else the mean k of the traces analyzed in this window, else the
 * article's k. O, Δ and r come from those traces too, else the article's Tau2 parameters. Pure.
 */
import type { Catalog } from '../../core/catalog/schema';
import { findModel } from '../../core/catalog/lookup';
import { dependsOnEstimates } from '../../core/assumptions';
import { agenticTable, type AgenticParams } from '../../core/engine/agentic';
import { resolveScenario, type ResolvedScenario } from '../../core/scenario';
import type { Config } from '../../shared/config';
import { apiProviderFromConfig } from './controls';

/** What the last workspace trace analysis inferred (null fields: nothing analyzed). */
export interface InferredWorkload {
  /** Mean calls per task. */
  k: number | null;
  /** Mean shape fitted on the tasks (I0 is replaced by the prompt's own count). */
  projection: AgenticParams | null;
  tasks: number;
}

export interface ScenarioCost {
  name: string;
  model: string;
  perCall: { api: number | null; selfHost: number | null };
  perTask: { apiNoCache: number | null; apiCached: number | null; selfHostNoReuse: number | null; selfHostReuse: number | null };
  /** Why a number is missing (unpriced model, no baseline for the GPU...). */
  problems: string[];
  dependsOnEstimates: boolean;
}

export interface PromptCosts {
  tokens: number;
  k: number;
  kSource: string;
  params: AgenticParams;
  paramsSource: string;
  scenarios: ScenarioCost[];
}

function costsOf(name: string, s: ResolvedScenario, params: AgenticParams, k: number): ScenarioCost {
  const problems = [...s.problems];
  let rows: ReturnType<typeof agenticTable> = [];
  try {
    rows = agenticTable(params, k, s.api, s.selfHost);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  const first = rows[0];
  const last = rows[k - 1];
  return {
    name,
    model: s.model,
    perCall: { api: first?.apiNoCache ?? null, selfHost: first?.selfHostNoReuse ?? null },
    perTask: {
      apiNoCache: last?.apiNoCache ?? null,
      apiCached: last?.apiCached ?? null,
      selfHostNoReuse: last?.selfHostNoReuse ?? null,
      selfHostReuse: last?.selfHostReuse ?? null,
    },
    problems,
    dependsOnEstimates: dependsOnEstimates(s.assumptions),
  };
}

export function promptCosts(cat: Catalog, config: Config, tokens: number, inferred: InferredWorkload | null): PromptCosts {
  const ag = cat.agentic;
  let k: number;
  let kSource: string;
  if (config.k > 0) {
    k = config.k;
    kSource = 'your setting agentcost.k';
  } else if (inferred?.k) {
    k = Math.max(1, Math.round(inferred.k));
    kSource = `the mean k of the ${inferred.tasks} task(s) analyzed in this window`;
  } else {
    k = ag.kExtrapolated;
    kSource = "the article's k";
  }
  const fromTraces = inferred?.projection ?? null;
  const params: AgenticParams = fromTraces
    ? { ...fromTraces, initialInput: tokens, appendOutputs: true }
    : { initialInput: tokens, perStepOutput: ag.perStepOutput, newInputPerStep: ag.newInputPerStep, repeatedFraction: ag.repeatedFraction, appendOutputs: false };
  const paramsSource = fromTraces ? 'O, Δ and r from the traces analyzed in this window' : "O, Δ and r: the article's Tau2 parameters";

  const current = resolveScenario(cat, {}, { model: config.defaultModel, provider: apiProviderFromConfig(cat, config), gpu: config.defaultGpu, utilization: config.utilization, overhead: config.overhead });
  const scenarios = [costsOf(current.name, current, params, k)];
  for (const sc of config.scenarios) {
    const rs = resolveScenario(cat, sc, {}, `scenario "${sc.name ?? 'unnamed'}"`);
    scenarios.push(costsOf(sc.name ?? rs.name, rs, params, k));
  }
  return { tokens, k, kSource, params, paramsSource, scenarios };
}

/** The display name of a catalog model id (the id itself when the catalog does not know it). */
export function modelName(cat: Catalog, id: string): string {
  return findModel(cat, id)?.name ?? id;
}

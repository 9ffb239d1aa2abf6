/**
 * Step 2 of measure → price → project: one `Pricing` from the catalog and one choice. Per-task
 * costs in the five modes come only from `priceFile`; a price or utilization change re-prices the
 * same measures (no file is read again).
 */
import type { Catalog } from '../catalog/schema';
import { findApiOffer } from '../catalog/lookup';
import type { ApiPrices } from '../engine/api-cost';
import type { SelfHostRates } from '../engine/agentic';
import type { FileAnalysis, FileMeasures } from '../inference/analyze';
import { traceModelPricing, type PriceUsed } from '../inference/pricing';
import { taskCosts, type PriceOf, type TaskCosts } from '../inference/task-costs';
import { resolveScenario, type ResolvedScenario, type Scenario, type ScenarioFlags } from '../scenario';

import { EACH_CALL_LABEL, EACH_CALL_PRICE } from './each-call';

export { EACH_CALL_LABEL, EACH_CALL_PRICE };

/** The scenario flags (provider: a provider id, or EACH_CALL_PRICE, the default), plus: */
export interface PriceChoice extends ScenarioFlags {
  /** A scenario file or saved scenario: prices every call at its API. */
  scenario?: (Scenario & { name?: string | undefined }) | undefined;
  /** How the scenario is named in messages ("scenario file x.json"). */
  scenarioOrigin?: string | undefined;
  /** false: no cache discount on the API and no prefix reuse when self-hosting. Default true. */
  cache?: boolean | undefined;
}

export interface Pricing {
  /** The scenario: self-host rates, and the API every call is priced at unless `eachCall`. */
  scenario: ResolvedScenario;
  eachCall: boolean;
  cache: boolean;
  /** The scenario's API prices with the cache switch applied (null: unpriced). */
  scenarioApi: ApiPrices | null;
  /** Per call: the scenario's API, or the call's own model's (null: unpriced). */
  priceOf: PriceOf;
  selfHost: SelfHostRates | null;
  /** The dated price sets each-call pricing used (model, provider, date), filled as calls are priced. */
  used: ReadonlyMap<string, PriceUsed>;
  /** Models the catalog cannot price (each-call pricing only), filled as calls are priced. */
  unpriced: ReadonlySet<string>;
  /** How the API side is priced, in words. */
  apiLabel: string;
}

export const noCacheDiscount = (p: ApiPrices | null): ApiPrices | null => (p ? { ...p, cachedInputPerM: null } : null);

export function makePricing(cat: Catalog, choice: PriceChoice): Pricing {
  const eachCall = !choice.scenario && (choice.provider === undefined || choice.provider === EACH_CALL_PRICE);
  const cache = choice.cache ?? true;
  const scenario = resolveScenario(
    cat,
    choice.scenario ?? {},
    {
      model: choice.model,
      provider: eachCall ? undefined : choice.provider,
      gpu: choice.gpu,
      utilization: choice.utilization,
      overhead: choice.overhead,
      usdPerGpuHour: choice.usdPerGpuHour,
      precision: choice.precision,
      gpuCount: choice.gpuCount,
      priceVariant: choice.priceVariant,
      origin: choice.origin,
    },
    choice.scenarioOrigin ?? 'scenario',
  );
  const trace = traceModelPricing(cat);
  const scenarioApi = cache ? scenario.api : noCacheDiscount(scenario.api);
  const priceOf: PriceOf = eachCall ? (c) => (cache ? trace.priceOf(c) : noCacheDiscount(trace.priceOf(c))) : () => scenarioApi;
  return {
    scenario,
    eachCall,
    cache,
    scenarioApi,
    priceOf,
    selfHost: scenario.selfHost,
    used: eachCall ? trace.used : new Map(),
    unpriced: eachCall ? trace.unpriced : new Set(),
    apiLabel: eachCall ? EACH_CALL_LABEL : `every call at ${scenario.name}`,
  };
}

/** What pricing a measured call needs: a whole `Pricing`, or rates a caller already holds (live analysis, sessions). */
export type PricingRates = Pick<Pricing, 'priceOf' | 'selfHost' | 'cache'>;

/** Per-task costs of measured tasks: the only place they are computed. */
export function costsOf(perCall: FileMeasures['tasks'][number]['perCall'], p: PricingRates): TaskCosts {
  const cost = taskCosts(perCall, p.priceOf, p.selfHost);
  if (!p.cache) {
    cost.apiCached = cost.apiNoCache;
    cost.selfHostReuse = cost.selfHostNoReuse;
  }
  return cost;
}

export function priceFile(f: FileMeasures, p: PricingRates): FileAnalysis {
  return { ...f, tasks: f.tasks.map((t) => ({ ...t, cost: costsOf(t.perCall, p) })) };
}

/** The model most calls used (ties: the first seen); null when no call records one. The one "dominant model" rule. */
export function dominantModel(files: readonly FileMeasures[]): string | null {
  const counts = new Map<string, number>();
  for (const f of files) for (const t of f.tasks) for (const c of t.perCall) if (c.model) counts.set(c.model, (counts.get(c.model) ?? 0) + 1);
  let top: string | null = null;
  let best = 0;
  for (const [m, n] of counts) if (n > best) [top, best] = [m, n];
  return top;
}

/**
 * The API prices a projection (Figure 4, crossovers, the verdict) uses: the scenario's, or with
 * each-call pricing the dominant model's catalog price.
 */
export function projectionApi(cat: Catalog, p: Pricing, files: readonly FileMeasures[]): { api: ApiPrices | null; model: string | null } {
  if (!p.eachCall) return { api: p.scenarioApi, model: p.scenario.model };
  const top = dominantModel(files);
  const anyCall = files.some((f) => f.tasks.some((t) => t.perCall.length > 0));
  // no trace (a prompt file): the article's provider; calls with no model recorded: unpriced
  if (!anyCall) return { api: p.scenarioApi, model: p.scenario.model };
  if (top === null) return { api: null, model: null };
  const found = findApiOffer(cat, top);
  const api = 'offer' in found ? { ...found.offer, minCacheableTokens: null } : null;
  return { api: p.cache ? api : noCacheDiscount(api), model: top };
}

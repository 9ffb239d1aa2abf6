import { apiCallCostCached, apiCallCostNoCache, apiCallCostObserved, type ApiPrices } from '../engine/api-cost';
import type { SelfHostRates } from '../engine/agentic';
import { selfHostRequestCost } from '../engine/selfhost-cost';
import type { CallMeasure } from './measure';

/** $ per task from the measured call sequence. null: not computable (a number or a price unknown). */
export interface TaskCosts {
  apiNoCache: number | null;
  apiCached: number | null;
  /** What the provider billed, where usage records the cache split. */
  apiCachedObserved: number | null;
  selfHostReuse: number | null;
  selfHostNoReuse: number | null;
}

/** The API prices of a call: the scenario's, or the call's own model's. null = unpriced. */
export type PriceOf = (call: CallMeasure) => ApiPrices | null;

export function taskCosts(calls: readonly CallMeasure[], priceOf: PriceOf, selfHost: SelfHostRates | null): TaskCosts {
  let noCache: number | null = 0;
  let cached: number | null = 0;
  let observed: number | null = 0;
  let reuse: number | null = 0;
  let noReuse: number | null = 0;
  for (const c of calls) {
    const p = priceOf(c);
    const known = c.input !== null && c.output !== null;
    if (!p || !known) noCache = cached = null;
    if (!p || !known || c.cacheRead === null) observed = null;
    if (!selfHost || !known) noReuse = null;
    if (!selfHost || !known || c.repeated === null) reuse = null;
    if (!known) continue;
    const input = c.input!;
    const output = c.output!;
    if (p && noCache !== null) noCache += apiCallCostNoCache(p, input, output);
    if (p && cached !== null && c.repeated !== null) cached += apiCallCostCached(p, input, c.repeated, output);
    else cached = null;
    if (p && observed !== null) observed += apiCallCostObserved(p, input, c.cacheRead!, c.cacheWrite ?? 0, output, c.cacheWrite1h ?? 0);
    if (selfHost && noReuse !== null) noReuse += selfHostRequestCost(selfHost.costPerReplicaSecond, selfHost, input, output);
    if (selfHost && reuse !== null) reuse += selfHostRequestCost(selfHost.costPerReplicaSecond, selfHost, input - c.repeated!, output);
  }
  return { apiNoCache: noCache, apiCached: cached, apiCachedObserved: observed, selfHostReuse: reuse, selfHostNoReuse: noReuse };
}

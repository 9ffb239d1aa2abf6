import type { Catalog } from '../catalog/schema';
import { cachePolicy, findApiOffer } from '../catalog/lookup';
import type { ApiPrices } from '../engine/api-cost';
import type { CallMeasure } from './measure';
import type { PriceOf } from './task-costs';

/**
 * Prices each call at its own model's API price (what the trace's author pays today), looked up
 * once per (provider, model). Unknown models are unpriced: the task's API costs become null.
 */
export function traceModelPricing(cat: Catalog): { priceOf: PriceOf; unpriced: Set<string> } {
  const memo = new Map<string, ApiPrices | null>();
  const unpriced = new Set<string>();
  const priceOf: PriceOf = (c: CallMeasure) => {
    if (!c.model) {
      unpriced.add('(no model recorded)');
      return null;
    }
    const key = `${c.provider ?? ''}|${c.model}`;
    if (!memo.has(key)) {
      let found = findApiOffer(cat, c.model, c.provider);
      if ('unpriced' in found && c.provider) found = findApiOffer(cat, c.model);
      if ('offer' in found) {
        const o = found.offer;
        const policy = cachePolicy(cat, o.provider);
        memo.set(key, {
          inputPerM: o.inputPerM,
          cachedInputPerM: o.cachedInputPerM,
          cacheWritePerM: o.cacheWritePerM,
          outputPerM: o.outputPerM,
          minCacheableTokens: policy?.minCacheableTokens ?? null,
        });
      } else {
        memo.set(key, null);
        unpriced.add(c.model);
      }
    }
    return memo.get(key)!;
  };
  return { priceOf, unpriced };
}

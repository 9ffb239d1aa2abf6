import type { ApiOffer, Catalog } from '../catalog/schema';
import { cachePolicy, findApiOffer, offerForPrompt } from '../catalog/lookup';
import type { ApiPrices } from '../engine/api-cost';
import type { CallMeasure } from './measure';
import type { PriceOf } from './task-costs';

/** Which price set priced a model's calls: the date asked for and the dated set in force then. */
export interface PriceUsed {
  model: string;
  provider: string;
  pricedAt: string | null;
  priceSetSince: string | null;
  priceSetBefore: string | null;
  source: string;
}

/**
 * Prices each call at its own model's API price in force on the call's date (where the pricing data
 * has dates; today's otherwise), looked up once per (provider, model, day); a prompt over a
 * long-context threshold prices the whole request at the tier's prices. Unknown models are unpriced:
 * the task's API costs become null.
 */
export function traceModelPricing(cat: Catalog): { priceOf: PriceOf; unpriced: Set<string>; used: Map<string, PriceUsed> } {
  const memo = new Map<string, { offer: ApiOffer; minCacheableTokens: number | null } | null>();
  const unpriced = new Set<string>();
  const used = new Map<string, PriceUsed>();
  const priceOf: PriceOf = (c: CallMeasure) => {
    if (!c.model) {
      unpriced.add('(no model recorded)');
      return null;
    }
    const day = c.timestamp && !Number.isNaN(Date.parse(c.timestamp)) ? c.timestamp.slice(0, 10) : null;
    const key = `${c.provider ?? ''}|${c.model}|${day ?? ''}`;
    if (!memo.has(key)) {
      const at = day ? new Date(`${day}T12:00:00Z`) : undefined;
      let found = findApiOffer(cat, c.model, c.provider, undefined, at);
      if ('unpriced' in found && c.provider) found = findApiOffer(cat, c.model, undefined, undefined, at);
      if ('offer' in found) {
        const o = found.offer;
        memo.set(key, { offer: o, minCacheableTokens: cachePolicy(cat, o.provider)?.minCacheableTokens ?? null });
        const u = `${o.provider}|${c.model}|${o.priceSetSince ?? ''}|${o.priceSetBefore ?? ''}`;
        if (!used.has(u)) used.set(u, { model: c.model, provider: o.provider, pricedAt: o.pricedAt ?? null, priceSetSince: o.priceSetSince ?? null, priceSetBefore: o.priceSetBefore ?? null, source: o.source });
      } else {
        memo.set(key, null);
        unpriced.add(c.model);
      }
    }
    const m = memo.get(key);
    if (!m) return null;
    const o = offerForPrompt(m.offer, c.input);
    return {
      inputPerM: o.inputPerM,
      cachedInputPerM: o.cachedInputPerM,
      cacheWritePerM: o.cacheWritePerM,
      cacheWrite1hPerM: o.cacheWrite1hPerM ?? null,
      outputPerM: o.outputPerM,
      minCacheableTokens: m.minCacheableTokens,
    } satisfies ApiPrices;
  };
  return { priceOf, unpriced, used };
}

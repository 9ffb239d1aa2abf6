import { requireNonNegative } from './params';

/** API prices in $ per 1M tokens. */
export interface ApiPrices {
  inputPerM: number;
  /** null: the provider publishes no cache-read price, so repeated tokens get no discount. */
  cachedInputPerM: number | null;
  /** null: cache writes cost the input price. */
  cacheWritePerM: number | null;
  /** 1-hour cache writes (Anthropic); absent or null: they cost cacheWritePerM. */
  cacheWrite1hPerM?: number | null;
  outputPerM: number;
  /** A prompt (or a repeated prefix) shorter than this is never cached. null: no known minimum. */
  minCacheableTokens: number | null;
}

export function validateApiPrices(p: ApiPrices): ApiPrices {
  requireNonNegative('api.inputPerM', p.inputPerM);
  requireNonNegative('api.outputPerM', p.outputPerM);
  if (p.cachedInputPerM !== null) requireNonNegative('api.cachedInputPerM', p.cachedInputPerM);
  if (p.cacheWritePerM !== null) requireNonNegative('api.cacheWritePerM', p.cacheWritePerM);
  if (p.minCacheableTokens !== null) requireNonNegative('api.minCacheableTokens', p.minCacheableTokens);
  return p;
}

/** Blended $ per 1M total tokens for P prompt and C completion tokens per request: (P·p_in + C·p_out)/(P + C). */
export function apiBlendedPerM(p: ApiPrices, promptTokens: number, completionTokens: number): number {
  requireNonNegative('promptTokens', promptTokens);
  requireNonNegative('completionTokens', completionTokens);
  const total = promptTokens + completionTokens;
  if (total === 0) return 0;
  return (promptTokens * p.inputPerM + completionTokens * p.outputPerM) / total;
}

/** $ for one call without caching: every input token at the input price. */
export function apiCallCostNoCache(p: ApiPrices, input: number, output: number): number {
  return (input * p.inputPerM + output * p.outputPerM) / 1e6;
}

/**
 * $ for one call with prompt caching, `repeated` being the prefix already sent before:
 * repeated tokens at the cache-read price, the rest at the cache-write price where the provider
 * charges one (else the input price). Nothing is cached when the provider has no cache-read price,
 * when the prompt is below the minimum cacheable length, or when the repeated prefix is.
 */
export function apiCallCostCached(p: ApiPrices, input: number, repeated: number, output: number): number {
  if (p.cachedInputPerM === null) return apiCallCostNoCache(p, input, output);
  const min = p.minCacheableTokens ?? 0;
  if (input < min) return apiCallCostNoCache(p, input, output);
  const hit = repeated >= min ? Math.min(repeated, input) : 0;
  const writePrice = p.cacheWritePerM ?? p.inputPerM;
  return (hit * p.cachedInputPerM + (input - hit) * writePrice + output * p.outputPerM) / 1e6;
}

/**
 * $ a provider billed for a call whose usage records its cache split: uncached, cache-write and
 * cache-read tokens each at their price; `cacheWrite1h` of the writes at the 1-hour write price.
 */
export function apiCallCostObserved(p: ApiPrices, inTotal: number, cacheRead: number, cacheWrite: number, output: number, cacheWrite1h = 0): number {
  const uncached = Math.max(0, inTotal - cacheRead - cacheWrite);
  const readPrice = p.cachedInputPerM ?? p.inputPerM;
  const writePrice = p.cacheWritePerM ?? p.inputPerM;
  const write1h = Math.min(cacheWrite, cacheWrite1h);
  const write1hPrice = p.cacheWrite1hPerM ?? writePrice;
  return (uncached * p.inputPerM + cacheRead * readPrice + (cacheWrite - write1h) * writePrice + write1h * write1hPrice + output * p.outputPerM) / 1e6;
}

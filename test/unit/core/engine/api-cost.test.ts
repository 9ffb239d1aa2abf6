import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiBlendedPerM, apiCallCostCached, apiCallCostNoCache, apiCallCostObserved, type ApiPrices } from '../../../../src/core/engine/api-cost';

const close = (a: number, b: number, rel = 1e-12) => assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300), `${a} ≠ ${b}`);

const anthropicLike: ApiPrices = { inputPerM: 1, cachedInputPerM: 0.1, cacheWritePerM: 1.25, outputPerM: 5, minCacheableTokens: 1024 };

test('blended $/1M = (P·p_in + C·p_out)/(P + C)', () => {
  // DeepSeek V3.2 set B, Long 4000/200: (4000·0.26 + 200·0.38)/4200 = 1116/4200
  close(apiBlendedPerM({ ...anthropicLike, inputPerM: 0.26, outputPerM: 0.38 }, 4000, 200), 1116 / 4200);
  assert.equal(apiBlendedPerM(anthropicLike, 0, 0), 0);
});

test('no-cache call: all input at the input price', () => {
  close(apiCallCostNoCache(anthropicLike, 2000, 100), (2000 * 1 + 100 * 5) / 1e6);
});

test('cached call: hits at the cache-read price, the rest at the write price', () => {
  // 1500·0.1 + 500·1.25 + 100·5 = 150 + 625 + 500
  close(apiCallCostCached(anthropicLike, 2000, 1500, 100), 1275e-6);
});

test('nothing is cached below the minimum prefix', () => {
  // repeated prefix 1000 < 1024: no hit, the whole 2000-token prompt is written: 2000·1.25 + 500
  close(apiCallCostCached(anthropicLike, 2000, 1000, 100), 3000e-6);
  // the prompt itself is below the minimum: not cacheable, input price: 1000·1 + 500
  close(apiCallCostCached(anthropicLike, 1000, 900, 100), 1500e-6);
});

test('no cache-read price means no cache discount; no write price means writes cost the input price', () => {
  const noCache = { ...anthropicLike, cachedInputPerM: null };
  close(apiCallCostCached(noCache, 5000, 4000, 10), apiCallCostNoCache(noCache, 5000, 10));
  const noWrite = { ...anthropicLike, cacheWritePerM: null, minCacheableTokens: null };
  close(apiCallCostCached(noWrite, 2000, 1500, 100), (1500 * 0.1 + 500 * 1 + 100 * 5) / 1e6);
});

test('observed cost prices uncached, cache-write and cache-read tokens apart', () => {
  const p: ApiPrices = { inputPerM: 3, cachedInputPerM: 0.3, cacheWritePerM: 3.75, outputPerM: 15, minCacheableTokens: 1024 };
  // uncached 100·3 + read 600·0.3 + write 300·3.75 + out 50·15 = 300 + 180 + 1125 + 750
  close(apiCallCostObserved(p, 1000, 600, 300, 50), 2355e-6);
});

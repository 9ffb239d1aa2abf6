/*
 * Cost-accounting pitfalls other trackers fell into, on prices. Expected dollars are computed here by
 * hand from Anthropic's published prices (platform.claude.com pricing, also in @pydantic/genai-prices
 * 0.1.8): Sonnet 4.5 input $3, output $15, cache read $0.30, 5-minute write $3.75, 1-hour write $6 per
 * 1M; over 200k prompt tokens $6 / $22.50 / $0.60 / $7.50 / $12. Opus 4.6: $5 / $25 / $0.50 / $6.25 /
 * $10, over 200k ×2 (×1.5 output) until 2026-03-13, when the long-context tiers were dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedCatalog } from '../../../../src/core/catalog/load';
import { offerForPrompt, findApiOffer } from '../../../../src/core/catalog/lookup';
import type { CallMeasure } from '../../../../src/core/inference/measure';
import { traceModelPricing } from '../../../../src/core/inference/pricing';
import { taskCosts } from '../../../../src/core/inference/task-costs';

const call = (model: string, timestamp: string | null, input: number, cacheRead: number, cacheWrite: number, cacheWrite1h: number, output: number): CallMeasure => ({
  callId: 'c', lineage: 'main', model, provider: 'anthropic', isSubagent: false, input, output, repeated: 0, cacheRead, cacheWrite, cacheWrite1h,
  inputSource: 'recorded', outputSource: 'recorded', repeatedMethod: 'first-in-lineage', line: 1, timestamp,
});
const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('cache writes: 1-hour writes at the 1-hour price, 5-minute at the 5-minute price, none dropped', () => {
  const { priceOf } = traceModelPricing(shippedCatalog());
  // 10 uncached + 5,000 read + 3,000 written (2,000 of them to the 1-hour cache), 100 out
  const c = call('claude-sonnet-4-5-20250929', '2025-10-01T10:00:00Z', 8010, 5000, 3000, 2000, 100);
  const cost = taskCosts([c], priceOf, null).apiCachedObserved;
  close(cost, (10 * 3 + 5000 * 0.3 + 1000 * 3.75 + 2000 * 6 + 100 * 15) / 1e6);
});

test('long-context tiers: a prompt over 200k prices the whole request at the tier, one under it at base', () => {
  const { priceOf } = traceModelPricing(shippedCatalog());
  const big = call('claude-sonnet-4-5-20250929', '2025-10-01T10:00:00Z', 250_000, 0, 0, 0, 1000);
  close(taskCosts([big], priceOf, null).apiNoCache, (250_000 * 6 + 1000 * 22.5) / 1e6);
  const small = call('claude-sonnet-4-5-20250929', '2025-10-01T10:00:00Z', 150_000, 0, 0, 0, 1000);
  close(taskCosts([small], priceOf, null).apiNoCache, (150_000 * 3 + 1000 * 15) / 1e6);
  // exactly at the threshold is not over it
  const offer = findApiOffer(shippedCatalog(), 'claude-sonnet-4-5-20250929');
  assert.ok('offer' in offer);
  assert.equal(offerForPrompt(offer.offer, 200_000).inputPerM, 3);
  assert.equal(offerForPrompt(offer.offer, 200_001).inputPerM, 6);
});

test('historical prices: a call is priced at the price in force on its date, and the report says which', () => {
  const { priceOf, used } = traceModelPricing(shippedCatalog());
  const before = call('claude-opus-4-6', '2026-02-10T09:00:00Z', 250_000, 0, 0, 0, 1000);
  const after = call('claude-opus-4-6', '2026-04-01T09:00:00Z', 250_000, 0, 0, 0, 1000);
  close(taskCosts([before], priceOf, null).apiNoCache, (250_000 * 10 + 1000 * 37.5) / 1e6);
  close(taskCosts([after], priceOf, null).apiNoCache, (250_000 * 5 + 1000 * 25) / 1e6);
  const sets = [...used.values()].filter((u) => u.model === 'claude-opus-4-6').map((u) => [u.pricedAt, u.priceSetSince, u.priceSetBefore]);
  assert.deepEqual(sets, [['2026-02-10', null, '2026-03-13'], ['2026-04-01', '2026-03-13', null]]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedCatalog } from '../../../../src/core/catalog/load';
import { resolveThroughput } from '../../../../src/core/engine/throughput';
import { breakEvenRange, costRange, crossoverRange, throughputBand } from '../../../../src/core/perf/ranges';

test('break-even range: u* divides by the throughput multipliers; a range across 70 % is an uncertain zone', () => {
  // u* = 0.3 / 0.5 = 0.6; band 0.5×–1.5× throughput ⇒ u* from 0.6/1.5 = 0.4 to 0.6/0.5 = 1.2.
  const r = breakEvenRange(0.3, 0.5, { low: 0.5, high: 1.5, runs: 10 });
  assert.ok(Math.abs(r.point - 0.6) < 1e-12 && Math.abs(r.range[0] - 0.4) < 1e-12 && Math.abs(r.range[1] - 1.2) < 1e-12);
  assert.equal(r.zone, 'green');
  assert.equal(r.uncertainZone, true);
  assert.deepEqual(costRange(2, null), [2, 2]);
});

test('crossover k range: the fast end never needs more steps than the slow end', () => {
  const p = { initialInput: 7300, perStepOutput: 299, newInputPerStep: 231, repeatedFraction: 0.9, appendOutputs: false };
  const api = { inputPerM: 0.26, cachedInputPerM: 0.13, cacheWritePerM: null, outputPerM: 0.38, minCacheableTokens: null };
  const self = { costPerReplicaSecond: 0.004, prefillTokPerS: 20000, decodeTokPerS: 3000 };
  const r = crossoverRange(p, 30, api, self, { low: 0.5, high: 2, runs: 10 });
  const [fast, slow] = r.vsApiNoCache;
  assert.ok(fast !== null && (slow === null || fast <= slow));
});

test('throughput band: interpolation path from its own leave-one-out, a scaled GPU from the performance model', () => {
  const cat = shippedCatalog();
  const h100 = resolveThroughput(cat, 'qwen3-32b', 'h100');
  const b200 = resolveThroughput(cat, 'qwen3-32b', 'b200');
  assert.ok('throughput' in h100 && 'throughput' in b200);
  const a = throughputBand(cat, h100.throughput);
  const b = throughputBand(cat, b200.throughput);
  assert.equal(a?.from, 'interpolation leave-one-out');
  assert.equal(b?.from, 'performance model, deployment left out');
  assert.ok(a && a.low < 1 && a.high > 1 && b && b.low < b.high);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { agenticTable, type AgenticParams } from '../../../../src/core/engine/agentic';
import type { ApiPrices } from '../../../../src/core/engine/api-cost';
import { costPerReplicaSecond } from '../../../../src/core/engine/selfhost-cost';
import { ParameterError } from '../../../../src/core/engine/params';

const price = fc.double({ min: 0, max: 100, noNaN: true });
const tokens = fc.double({ min: 0, max: 200_000, noNaN: true });
const rate = fc.double({ min: 1, max: 1e6, noNaN: true });
const utilization = fc.double({ min: 0.01, max: 1, noNaN: true });

/** Prices where caching is a discount: cache-read ≤ input, and no write premium (a premium can make k = 1 dearer cached). */
const discountPrices: fc.Arbitrary<ApiPrices> = fc
  .record({ input: price, readShare: fc.double({ min: 0, max: 1, noNaN: true }), hasRead: fc.boolean(), output: price, min: fc.option(fc.integer({ min: 0, max: 4096 })) })
  .map(({ input, readShare, hasRead, output, min }) => ({
    inputPerM: input,
    cachedInputPerM: hasRead ? input * readShare : null,
    cacheWritePerM: null,
    outputPerM: output,
    minCacheableTokens: min,
  }));

const params: fc.Arbitrary<AgenticParams> = fc.record({
  initialInput: tokens,
  perStepOutput: fc.double({ min: 0, max: 20_000, noNaN: true }),
  newInputPerStep: fc.double({ min: 0, max: 20_000, noNaN: true }),
  repeatedFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  appendOutputs: fc.boolean(),
});

const selfHost = fc.record({
  gpuCount: fc.integer({ min: 1, max: 16 }),
  usdPerGpuHour: fc.double({ min: 0.01, max: 50, noNaN: true }),
  utilization,
  overhead: fc.double({ min: 0, max: 2, noNaN: true }),
  prefillTokPerS: rate,
  decodeTokPerS: rate,
});

test('every cost is finite and ≥ 0; apiCached ≤ apiNoCache; selfHostReuse ≤ selfHostNoReuse', () => {
  fc.assert(
    fc.property(params, discountPrices, selfHost, fc.integer({ min: 1, max: 40 }), (p, api, sh, k) => {
      const c = costPerReplicaSecond(sh);
      const rows = agenticTable(p, k, api, { costPerReplicaSecond: c, prefillTokPerS: sh.prefillTokPerS, decodeTokPerS: sh.decodeTokPerS });
      for (const r of rows) {
        for (const v of [r.apiNoCache, r.apiCached, r.selfHostReuse, r.selfHostNoReuse]) {
          assert.ok(v !== null && Number.isFinite(v) && v >= 0);
        }
        assert.ok(r.apiCached! <= r.apiNoCache! * (1 + 1e-12));
        assert.ok(r.selfHostReuse! <= r.selfHostNoReuse! * (1 + 1e-12));
      }
    }),
    { numRuns: 300 },
  );
});

test('self-host cost falls as utilization rises', () => {
  fc.assert(
    fc.property(selfHost, utilization, utilization, (sh, u1, u2) => {
      fc.pre(u1 !== u2);
      const [lo, hi] = u1 < u2 ? [u1, u2] : [u2, u1];
      const atHi = costPerReplicaSecond({ ...sh, utilization: hi });
      const atLo = costPerReplicaSecond({ ...sh, utilization: lo });
      assert.ok(atHi <= atLo);
      // strictly cheaper unless the two utilizations are a rounding error apart (1 ulp: equal costs)
      if (hi - lo > 1e-9 * hi) assert.ok(atHi < atLo);
    }),
  );
});

test('a cache-write premium can make the cached API dearer at k = 1 (why the property above excludes it)', () => {
  const api: ApiPrices = { inputPerM: 3, cachedInputPerM: 0.3, cacheWritePerM: 3.75, outputPerM: 15, minCacheableTokens: null };
  const [row] = agenticTable({ initialInput: 5000, perStepOutput: 100, newInputPerStep: 0, repeatedFraction: 0.9, appendOutputs: false }, 1, api, null);
  assert.ok(row!.apiCached! > row!.apiNoCache!);
});

test('NaN, infinite or out-of-range parameters are refused by name, never computed', () => {
  const bad = fc.constantFrom(NaN, Infinity, -Infinity, -1);
  fc.assert(
    fc.property(params, bad, fc.constantFrom('initialInput', 'perStepOutput', 'newInputPerStep', 'repeatedFraction'), (p, v, field) => {
      assert.throws(
        () => agenticTable({ ...p, [field]: v }, 3, null, null),
        (e: unknown) => e instanceof ParameterError && e.parameter === `agentic.${field}`,
      );
    }),
  );
});

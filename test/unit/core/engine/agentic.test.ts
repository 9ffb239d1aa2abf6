import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agenticStep, agenticTable, crossoverK, type AgenticParams, type AgenticRow } from '../../../../src/core/engine/agentic';
import type { ApiPrices } from '../../../../src/core/engine/api-cost';
import { hybridCosts } from '../../../../src/core/engine/hybrid';
import { ParameterError } from '../../../../src/core/engine/params';

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(b), 1e-300), `${a} ≠ ${b}`);

const params: AgenticParams = { initialInput: 1000, perStepOutput: 100, newInputPerStep: 50, repeatedFraction: 0.5, appendOutputs: false };
const api: ApiPrices = { inputPerM: 1, cachedInputPerM: 0.1, cacheWritePerM: null, outputPerM: 2, minCacheableTokens: null };
const self = { costPerReplicaSecond: 0.001, prefillTokPerS: 1000, decodeTokPerS: 100 };

test('steps: input_i = I0 + (i−1)·Δ, repeated_i = r·input_i from i = 2', () => {
  assert.deepEqual(agenticStep(params, 1), { input: 1000, repeated: 0, output: 100 });
  assert.deepEqual(agenticStep(params, 3), { input: 1100, repeated: 550, output: 100 });
  assert.deepEqual(agenticStep({ ...params, appendOutputs: true }, 3), { input: 1300, repeated: 650, output: 100 });
});

test('hand-computed costs for k = 1 and k = 2', () => {
  const [k1, k2] = agenticTable(params, 2, api, self);
  // k = 1: API (1000·1 + 100·2)/1e6 both modes; self-host 0.001·(1000/1000 + 100/100)
  close(k1!.apiNoCache, 1200e-6);
  close(k1!.apiCached, 1200e-6);
  close(k1!.selfHostReuse, 0.002);
  close(k1!.selfHostNoReuse, 0.002);
  // step 2: input 1050, repeated 525. API no cache 1050 + 200; cached 525·0.1 + 525·1 + 200;
  // self-host reuse 0.001·(525/1000 + 1); no reuse 0.001·(1050/1000 + 1)
  close(k2!.apiNoCache, 2450e-6);
  close(k2!.apiCached, 1200e-6 + 777.5e-6);
  close(k2!.selfHostReuse, 0.002 + 0.001525);
  close(k2!.selfHostNoReuse, 0.002 + 0.00205);
});

test('unpriced API or missing self-host rates give null lines, never 0', () => {
  const [row] = agenticTable(params, 1, null, self);
  assert.equal(row!.apiNoCache, null);
  assert.equal(row!.apiCached, null);
  assert.ok(row!.selfHostReuse! > 0);
  const [row2] = agenticTable(params, 1, api, null);
  assert.equal(row2!.selfHostReuse, null);
  assert.deepEqual(crossoverK([row2!]), { vsApiNoCache: null, vsApiCached: null });
});

test('crossover k is the first k where self-host with reuse is cheaper', () => {
  const rows: AgenticRow[] = [
    { k: 1, apiNoCache: 1, apiCached: 1, selfHostReuse: 2, selfHostNoReuse: 2 },
    { k: 2, apiNoCache: 2, apiCached: 1.5, selfHostReuse: 1.9, selfHostNoReuse: 4 },
    { k: 3, apiNoCache: 3, apiCached: 1.8, selfHostReuse: 1.7, selfHostNoReuse: 6 },
  ];
  assert.deepEqual(crossoverK(rows), { vsApiNoCache: 2, vsApiCached: 3 });
  assert.deepEqual(crossoverK(rows.slice(0, 1)), { vsApiNoCache: null, vsApiCached: null });
});

test('bad agentic parameters name themselves', () => {
  assert.throws(() => agenticTable({ ...params, repeatedFraction: 1.5 }, 3, api, self), (e: unknown) => e instanceof ParameterError && e.parameter === 'agentic.repeatedFraction');
  assert.throws(() => agenticTable(params, 0, api, self), (e: unknown) => e instanceof ParameterError && e.parameter === 'kMax');
  assert.throws(() => agenticTable(params, 3, { ...api, inputPerM: -1 }, self), (e: unknown) => e instanceof ParameterError && e.parameter === 'api.inputPerM');
  assert.throws(() => agenticTable(params, 3, api, { ...self, decodeTokPerS: 0 }), (e: unknown) => e instanceof ParameterError && e.parameter === 'selfHost.decodeTokPerS');
  assert.throws(() => agenticTable({ ...params, initialInput: NaN }, 3, api, self), (e: unknown) => e instanceof ParameterError && e.parameter === 'agentic.initialInput');
});

test('hybrid routing: single-pass to the API, agentic to self-host', () => {
  const h = hybridCosts({ singlePassShare: 0.75, singlePass: { api: 0.001, selfHost: 0.003 }, agentic: { api: 0.05, selfHost: 0.02 } });
  close(h.apiOnly, 0.75 * 0.001 + 0.25 * 0.05);
  close(h.selfHostOnly, 0.75 * 0.003 + 0.25 * 0.02);
  close(h.routed, 0.75 * 0.001 + 0.25 * 0.02);
  assert.equal(h.best, 'routed');
  assert.throws(() => hybridCosts({ singlePassShare: -0.1, singlePass: { api: 1, selfHost: 1 }, agentic: { api: 1, selfHost: 1 } }), ParameterError);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallMeasure } from '../../../../src/core/inference/measure';
import { fileSpend, sumSpend, taskSpend } from '../../../../src/core/inference/token-totals';
import type { TaskCosts } from '../../../../src/core/inference/task-costs';

const m = (input: number | null, output: number | null, cacheRead: number | null, cacheWrite: number | null): CallMeasure => ({
  callId: 'c', lineage: 'l', model: null, provider: null, isSubagent: false, input, output, repeated: null, cacheRead, cacheWrite, cacheWrite1h: null,
  inputSource: 'recorded', outputSource: 'recorded', repeatedMethod: null, line: null,
});
const costs = (c: Partial<TaskCosts>): TaskCosts => ({ apiNoCache: null, apiCached: null, apiCachedObserved: null, selfHostReuse: null, selfHostNoReuse: null, ...c });

test('task totals: sums over calls; a field unknown on any call is null, never a partial sum', () => {
  const t = taskSpend({ perCall: [m(1000, 50, 800, 100), m(1200, 70, 1000, null)], cost: costs({ apiNoCache: 1, apiCachedObserved: 0.4 }) });
  assert.deepEqual(t.tokens, { input: 2200, cacheRead: 1800, cacheWrite: null, output: 120 });
  assert.equal(t.observedCost, 0.4);
  assert.equal(t.observedCostBasis, 'recorded cache split');
});

test('observed cost: the no-cache price when no call records a cache read; null when a cache split is partly unknown', () => {
  const none = taskSpend({ perCall: [m(10, 1, null, null)], cost: costs({ apiNoCache: 0.02 }) });
  assert.deepEqual([none.observedCost, none.observedCostBasis], [0.02, 'no cache recorded']);
  const partial = taskSpend({ perCall: [m(10, 1, 5, null), m(10, 1, null, null)], cost: costs({ apiNoCache: 0.02 }) });
  assert.deepEqual([partial.observedCost, partial.observedCostBasis], [null, null]);
});

test('file and folder totals: sums of the task totals, a mix of cost bases says so', () => {
  const a = { perCall: [m(100, 10, 50, 0)], cost: costs({ apiCachedObserved: 0.5 }) };
  const b = { perCall: [m(300, 30, null, null)], cost: costs({ apiNoCache: 0.25 }) };
  const f = fileSpend({ tasks: [a, b] });
  assert.deepEqual(f.tokens, { input: 400, cacheRead: null, cacheWrite: null, output: 40 });
  assert.deepEqual([f.observedCost, f.observedCostBasis], [0.75, 'mixed']);
  assert.deepEqual(sumSpend([]), { tokens: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, observedCost: 0, observedCostBasis: null, recordedCost: null });
});

test('a cost the trace records is shown beside ours, summed once over tasks, never added to the observed cost', () => {
  const a = { perCall: [m(100, 10, null, null)], cost: costs({ apiNoCache: 0.5 }), recordedCost: 0.3 };
  const b = { perCall: [m(300, 30, null, null)], cost: costs({ apiNoCache: 0.25 }), recordedCost: 0.2 };
  const f = fileSpend({ tasks: [a, b] });
  assert.deepEqual([f.observedCost, f.recordedCost], [0.75, 0.5]);
  // one task without a recorded cost: the file's recorded total is unknown, not a partial sum
  assert.equal(fileSpend({ tasks: [a, { ...b, recordedCost: null }] }).recordedCost, null);
});

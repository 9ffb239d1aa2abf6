import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileAnalysis, TaskAnalysis } from '../../../../src/core/inference/analyze';
import { hybridSummary } from '../../../../src/core/pipeline/hybrid-summary';
import type { ApiPrices } from '../../../../src/core/engine/api-cost';
import type { SelfHostRates } from '../../../../src/core/engine/agentic';

// Hand-made tasks: only the fields the summary reads (shape for the crossover, calls, costs).
const task = (id: string, calls: number, apiCached: number | null, selfHostReuse: number | null): TaskAnalysis =>
  ({
    id, title: null, line: null, perCall: [], calls, subagentCalls: 0, initialInputTokens: 7300, meanOutputTokens: 299, meanNewInputTokens: 231, repeatedFraction: 0.9,
    observedCachedFraction: null, tokenSource: 'recorded usage',
    cost: { apiNoCache: apiCached, apiCached, apiCachedObserved: null, selfHostReuse, selfHostNoReuse: selfHostReuse },
  }) as unknown as TaskAnalysis;
const file = (tasks: TaskAnalysis[]): FileAnalysis => ({ path: 'f.jsonl', format: null, tasks, diagnostics: [] });

// DeepInfra DeepSeek V3.2 (0.27/0.216/0.40 per 1M as in the catalog's shape; any prices with a crossover do) and cheap self-host rates
const api: ApiPrices = { inputPerM: 0.27, cachedInputPerM: 0.216, cacheWritePerM: null, outputPerM: 0.4, minCacheableTokens: null };
const selfHost: SelfHostRates = { prefillTokPerS: 200000, decodeTokPerS: 4000, costPerReplicaSecond: 0.02 };
// by hand (python3): k = 1 costs $0.00209 on the API and $0.00222 self-hosted; cumulative at k = 2 (outputs appended, as summarize projects) $0.00394 vs $0.00380: crossover 2

test('routed = Σ API cost of tasks below the threshold (and single calls) + Σ self-host cost of the rest; totals are plain sums', () => {
  const tasks = [task('a', 1, 0.01, 0.5), task('b', 2, 0.03, 0.02), task('c', 12, 0.4, 0.1), task('d', 30, 1.2, 0.3), task('e', 5, null, 0.05)];
  const h = hybridSummary([file(tasks)], api, selfHost);
  assert.ok(h, 'priced');
  assert.equal(h.threshold, 2);
  // by hand: e is unpriced on the API (excluded); a (k = 1) always API
  const t = 2;
  const routedTasks = tasks.filter((x) => x.cost.apiCached !== null);
  const toSelf = routedTasks.filter((x) => x.calls > 1 && x.calls >= t);
  const toApi = routedTasks.filter((x) => !toSelf.includes(x));
  const byHand = toApi.reduce((s, x) => s + x.cost.apiCached!, 0) + toSelf.reduce((s, x) => s + x.cost.selfHostReuse!, 0);
  assert.equal(h.priced, 4);
  assert.equal(h.tasks, 5);
  assert.equal(h.toApi + h.toSelfHost, 4);
  assert.ok(Math.abs(h.routed - byHand) < 1e-12);
  assert.ok(Math.abs(h.apiOnly - (0.01 + 0.03 + 0.4 + 1.2)) < 1e-12);
  assert.ok(Math.abs(h.selfHostOnly - (0.5 + 0.02 + 0.1 + 0.3)) < 1e-12);
  // the per-task figures of engine/hybrid.ts are the totals over the priced tasks
  assert.ok(Math.abs(h.perTask.routed * 4 - h.routed) < 1e-12);
  assert.ok(Math.abs(h.perTask.apiOnly * 4 - h.apiOnly) < 1e-12);
  // routed is not bounded by the other two in general: here single-pass 'a' on the API beats self-host only
  assert.equal(h.best, h.routed <= Math.min(h.apiOnly, h.selfHostOnly) ? 'routed' : h.apiOnly < h.selfHostOnly ? 'apiOnly' : 'selfHostOnly');
});

test('no crossover: every task stays on the API and routed = API only', () => {
  const dear: SelfHostRates = { prefillTokPerS: 10, decodeTokPerS: 1, costPerReplicaSecond: 10 };
  const h = hybridSummary([file([task('a', 1, 0.01, 5), task('b', 20, 0.5, 90)])], api, dear);
  assert.ok(h);
  assert.equal(h.threshold, null);
  assert.equal(h.toSelfHost, 0);
  assert.equal(h.routed, h.apiOnly);
  assert.equal(h.best, 'apiOnly');
});

test('nothing priced both ways: null (unknown, not $0)', () => {
  assert.equal(hybridSummary([file([task('a', 3, null, 0.1)])], api, selfHost), null);
});

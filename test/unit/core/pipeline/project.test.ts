import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { project } from '../../../../src/core/pipeline/project';
import { verdictOf } from '../../../../src/core/pipeline/verdict';
import { articleWorkload, chooseK, promptWorkload } from '../../../../src/core/pipeline/workload';

const labels = { api: 'the API (DeepSeek V3.2 · deepinfra)', selfHost: 'DeepSeek V3.2 on 8×NVIDIA B200', utilization: 0.7, otherModel: null };

test('the one default-k rule: traces, else the user\'s k, else the article\'s; each says which', () => {
  const cat = buildCatalog();
  const traces = { ...articleWorkload(cat), tracesK: 3.6, tracesTasks: 5 };
  assert.deepEqual([chooseK(cat, traces, 9).k, chooseK(cat, traces, 9).source], [4, 'traces']);
  assert.match(chooseK(cat, traces, 9).label, /mean k of the 5 task/);
  assert.deepEqual([chooseK(cat, articleWorkload(cat), 9).k, chooseK(cat, articleWorkload(cat), 9).source], [9, 'user']);
  assert.deepEqual([chooseK(cat, null, 0).k, chooseK(cat, null, 0).source], [cat.agentic.kExtrapolated, 'catalog']);
});

test('projection: per call is the k = 1 row, per task the k row; cache off makes cached = no cache', () => {
  const cat = buildCatalog();
  // $1 / $2 per 1M in / out, cached input $0.1; a replica-second costs $0.001 at 10k prefill, 1k decode tok/s
  const api = { inputPerM: 1, cachedInputPerM: 0.1, cacheWritePerM: null, outputPerM: 2, minCacheableTokens: null };
  const selfHost = { costPerReplicaSecond: 0.001, prefillTokPerS: 10000, decodeTokPerS: 1000 };
  const workload = promptWorkload(cat, 1000, null);
  const p = project({ workload, k: { k: 2, source: 'user', label: '--k' }, api, selfHost, cache: true });
  // call 1: 1000 in, 299 out: API 1000e-6 + 299·2e-6 = 0.001598; self-host 0.001·(1000/10000 + 299/1000) = 0.000399
  assert.ok(Math.abs(p.perCall.api! - 0.001598) < 1e-15);
  assert.ok(Math.abs(p.perCall.selfHost! - 0.000399) < 1e-15);
  // call 2: input 1000 + 231 = 1231, 90 % repeated (1107.9) at $0.1; new 123.1 at $1
  const call2Cached = 1107.9 * 0.1e-6 + 123.1 * 1e-6 + 299 * 2e-6;
  assert.ok(Math.abs(p.perTask.apiCached! - (0.001598 + call2Cached)) < 1e-15);
  const off = project({ workload, k: { k: 2, source: 'user', label: '--k' }, api, selfHost, cache: false });
  assert.equal(off.perTask.apiCached, off.perTask.apiNoCache);
  assert.equal(off.perTask.selfHostReuse, off.perTask.selfHostNoReuse);
});

test('verdict: the cheapest option, by how much against the other side, and what it leans on', () => {
  const v = verdictOf({ apiNoCache: 0.2, apiCached: 0.106, selfHostReuse: 0.0097, selfHostNoReuse: 0.05 }, 10, true, labels)!;
  assert.equal(v.cheapest, 'selfHostReuse');
  assert.deepEqual(v.versus, { mode: 'apiCached', usd: 0.106 });
  assert.ok(Math.abs(v.ratio! - 0.106 / 0.0097) < 1e-12);
  assert.match(v.text, /^Self-hosting DeepSeek V3\.2 on 8×NVIDIA B200 is cheapest at k = 10: \$0\.00970 per task/);
  assert.match(v.text, /\(11×\)/);
  assert.match(v.leansOn, /70 % busy/);
  const api = verdictOf({ apiNoCache: 0.02, apiCached: 0.01, selfHostReuse: 0.5, selfHostNoReuse: 0.9 }, 3, true, labels)!;
  assert.equal(api.cheapest, 'apiCached');
  assert.equal(api.ratio, 50);
  assert.match(api.text, /^The API \(DeepSeek V3\.2 · deepinfra\) is cheapest at k = 3: \$0\.0100 per task \(the API with cached input\) vs \$0\.5000 self-hosting/);
  const unpriced = verdictOf({ apiNoCache: null, apiCached: null, selfHostReuse: 0.5, selfHostNoReuse: 0.9 }, 3, true, labels)!;
  assert.equal(unpriced.versus, null);
  assert.match(unpriced.text, /other side is unpriced/);
  assert.equal(verdictOf({ apiNoCache: null, apiCached: null, selfHostReuse: null, selfHostNoReuse: null }, 3, true, labels), null);
});

test('verdict: a self-host figure with a range reads "≈$x ($lo–$hi)"; a range that reaches the API\'s figure says either could be cheaper', () => {
  const costs = { apiNoCache: 0.2, apiCached: 0.106, selfHostReuse: 0.0097, selfHostNoReuse: 0.05 };
  const v = verdictOf(costs, 10, true, labels, { selfHostReuse: [0.005, 0.02], selfHostNoReuse: [0.03, 0.09] })!;
  assert.match(v.text, /is cheapest at k = 10: ≈\$0\.00970 \(\$0\.00500–\$0\.0200\) per task/);
  assert.equal(v.uncertain, false, '0.02 < 0.106: self-host wins over its whole range');
  assert.ok(!v.text.includes('either side'));
  // the range's slow end (0.2) passes the API's 0.106: uncertain, and said
  const wide = verdictOf(costs, 10, true, labels, { selfHostReuse: [0.005, 0.2], selfHostNoReuse: [0.03, 0.09] })!;
  assert.equal(wide.uncertain, true);
  assert.match(wide.text, /Within the self-host estimate's range either side could be cheaper\.$/);
  // the API wins: the self-host figure it is compared with carries the ≈ and its range
  const api = verdictOf({ apiNoCache: 0.02, apiCached: 0.01, selfHostReuse: 0.5, selfHostNoReuse: 0.9 }, 3, true, labels, { selfHostReuse: [0.3, 0.8], selfHostNoReuse: [0.5, 1.4] })!;
  assert.match(api.text, /vs ≈\$0\.5000 \(\$0\.3000–\$0\.8000\) self-hosting/);
  assert.equal(api.uncertain, false);
  // no band: no ≈, uncertain unknown
  const bare = verdictOf(costs, 10, true, labels, { selfHostReuse: null, selfHostNoReuse: null })!;
  assert.ok(!bare.text.includes('≈'));
  assert.equal(bare.uncertain, null);
});

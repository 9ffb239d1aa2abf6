import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedCatalog } from '../../../../src/core/catalog/load';
import { agenticStep } from '../../../../src/core/engine/agentic';
import { rankSelfHost, rankedPrecisions } from '../../../../src/core/pipeline/ranking';
import { articleWorkload, chooseK } from '../../../../src/core/pipeline/workload';
import { resolveScenario } from '../../../../src/core/scenario';

const cat = shippedCatalog();
const workload = articleWorkload(cat);
const k = chooseK(cat, workload, null);
const ranked = rankSelfHost(cat, { workload, k, cache: true, current: { model: 'deepseek-v3.2', gpu: 'b200' } });

test('rows are sorted by point cost, each within its range, ranks 1..n', () => {
  assert.ok(ranked.rows.length > 100, `${ranked.rows.length} rows`);
  ranked.rows.forEach((r, i) => {
    assert.equal(r.rank, i + 1);
    if (i > 0) assert.ok(ranked.rows[i - 1]!.costPerTask <= r.costPerTask);
    // a range only where a band exists, never a zero-width stand-in
    assert.equal(r.range === null, r.band === null);
    if (r.range) assert.ok(r.range[0] < r.costPerTask && r.costPerTask < r.range[1]);
    assert.ok(Number.isFinite(r.costPerTask) && r.costPerTask > 0);
    assert.ok(rankedPrecisions(r.precision === 'fp8' ? 'bf16' : r.precision).includes(r.precision));
  });
});

test('a row\'s cost per task = Σ over the k steps of (new input × input $/1M + output × output $/1M), from the article\'s step formula', () => {
  for (const r of [ranked.rows[0]!, ranked.rows[Math.floor(ranked.rows.length / 2)]!, ranked.rows.at(-1)!]) {
    let byHand = 0;
    // the article's step: input_i = I0 + (i−1)·Δ, repeated_i = r·input_i from step 2; self-host reuse prefills only the new part
    const p = workload.params;
    for (let i = 1; i <= k.k; i++) {
      const input = p.initialInput + (i - 1) * p.newInputPerStep;
      const repeated = i >= 2 ? p.repeatedFraction * input : 0;
      byHand += ((input - repeated) * r.inputPerM + p.perStepOutput * r.outputPerM) / 1e6;
    }
    assert.ok(Math.abs(byHand - r.costPerTask) <= 1e-9 * byHand, `${r.model} ${r.gpu}: ${byHand} vs ${r.costPerTask}`);
  }
});

test('the current choice is marked once and prices as resolveScenario does for --model/--gpu', () => {
  const cur = ranked.rows.filter((r) => r.current);
  assert.equal(cur.length, 1);
  const s = resolveScenario(cat, {}, { model: 'deepseek-v3.2', gpu: 'b200' });
  assert.equal(cur[0]!.gpuCount, s.economics?.gpuCount);
  assert.ok(Math.abs(cur[0]!.inputPerM - (s.selfHost!.costPerReplicaSecond * 1e6) / s.selfHost!.prefillTokPerS) < 1e-12);
  assert.equal(cur[0]!.basis, 'scaled');
});

test('measured rows are marked measured ([D]); the performance model\'s estimated ([E]); unpriced GPUs and misfits are listed, not dropped', () => {
  const q = ranked.rows.find((r) => r.model === 'qwen3-32b' && r.gpu === 'h100' && r.precision === 'bf16');
  assert.equal(q?.basis, 'measured');
  assert.equal(q?.status, 'derived');
  assert.ok(ranked.rows.some((r) => r.basis === 'estimated' && r.status === 'estimated'));
  assert.ok(ranked.excluded.some((e) => e.gpu === 'gb200' && /\$\/GPU-hour/.test(e.reason)));
  assert.ok(ranked.excluded.some((e) => e.model === 'kimi-k2' && e.gpu === 'h100'));
  assert.ok(!ranked.rows.some((r) => r.model === 'kimi-k2' && r.gpu === 'h100'));
});

test('a context longer than a model\'s maximum leaves it out (Llama 2 70B: 4,096 tokens)', () => {
  const step = agenticStep(workload.params, k.k);
  assert.ok(step.input + step.output > 4096);
  assert.ok(!ranked.rows.some((r) => r.model === 'llama-2-70b'));
  assert.ok(ranked.excluded.some((e) => e.model === 'llama-2-70b' && /maximum/.test(e.reason)));
});

test('more utilization is never dearer, row by row', () => {
  const lo = rankSelfHost(cat, { workload, k, cache: true, utilization: 0.4 });
  const hi = rankSelfHost(cat, { workload, k, cache: true, utilization: 0.9 });
  const key = (r: { model: string; gpu: string; precision: string }) => `${r.model}|${r.gpu}|${r.precision}`;
  const hiBy = new Map(hi.rows.map((r) => [key(r), r]));
  for (const r of lo.rows) {
    const h = hiBy.get(key(r));
    assert.ok(h, key(r));
    assert.ok(h.costPerTask < r.costPerTask, key(r));
  }
});

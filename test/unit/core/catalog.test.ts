import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, buildCatalog, parseOverlay, shippedCatalog, CatalogError } from '../../../src/core/catalog/load';
import { findApiOffer, findScaling, gpuOffer } from '../../../src/core/catalog/lookup';
import { resolveScenario } from '../../../src/core/scenario';
import { resolveThroughput } from '../../../src/core/engine/throughput';

test('the shipped catalog validates and every entry carries status, source and date', () => {
  const cat = shippedCatalog();
  const entries = [...cat.apiOffers, ...cat.gpuOffers, ...cat.baselines, ...cat.scaling, ...cat.workloads, ...cat.archetypes, cat.agentic, cat.selfHostDefaults];
  for (const e of entries) {
    assert.ok(['confirmed', 'derived', 'estimated'].includes(e.status));
    assert.ok(e.source.length > 10, `source of ${JSON.stringify(e).slice(0, 80)}`);
    assert.ok(e.date.length >= 4);
  }
  assert.deepEqual(cat.workloads.map((w) => w.id), ['short', 'sharegpt', 'medium', 'long', 'very-long']);
  assert.equal(cat.baselines.length, 24);
  // the reconstructed B200 price and the spec-ratio multipliers stay flagged as estimates
  assert.equal(gpuOffer(cat, 'b200')?.usdPerGpuHour, 2.5);
  assert.equal(gpuOffer(cat, 'b200')?.status, 'estimated');
  assert.ok(cat.scaling.every((s) => s.status === 'estimated'));
});

test('the article\'s DeepInfra offers: DeepSeek V3.2 set B by default, set A on request', () => {
  const cat = shippedCatalog();
  const b = findApiOffer(cat, 'deepseek-v3.2', 'deepinfra');
  assert.ok('offer' in b && b.offer.variant === 'B' && b.offer.inputPerM === 0.26 && b.offer.cachedInputPerM === 0.13);
  const a = findApiOffer(cat, 'deepseek-v3.2', 'deepinfra', 'A');
  assert.ok('offer' in a && a.offer.inputPerM === 0.27 && a.offer.cachedInputPerM === 0.216);
  const qwen = findApiOffer(cat, 'Qwen/Qwen3-32B', 'deepinfra');
  assert.ok('offer' in qwen && qwen.offer.cachedInputPerM === null, 'no published cached price: no discount');
});

test('models from traces are priced by the dataset snapshot; unknown models are unpriced, not $0', () => {
  const cat = shippedCatalog();
  const claude = findApiOffer(cat, 'claude-sonnet-4-5-20250929', 'anthropic');
  assert.ok('offer' in claude);
  assert.equal(claude.offer.inputPerM, 3);
  assert.equal(claude.offer.cacheWritePerM, 3.75);
  assert.match(claude.offer.source, /genai-prices 0\.1\.8/);
  const unknown = findApiOffer(cat, 'my-private-model-7b');
  assert.ok('unpriced' in unknown && /my-private-model-7b/.test(unknown.unpriced));
  const s = resolveScenario(cat, {}, { model: 'my-private-model-7b', provider: 'nobody' });
  assert.equal(s.api, null);
  assert.ok(s.problems.some((p) => p.includes('my-private-model-7b')));
});

test('a user overlay replaces or adds entries and wins the default', () => {
  const overlay = parseOverlay(
    { gpuOffers: [{ gpu: 'b200', usdPerGpuHour: 4.2, provider: 'my cloud', kind: 'reserved', status: 'confirmed', source: 'our contract', date: '2026-11' }] },
    'test',
  );
  const cat = applyOverlay(shippedCatalog(), overlay);
  assert.equal(gpuOffer(cat, 'b200')?.usdPerGpuHour, 4.2);
  assert.equal(cat.gpuOffers.filter((o) => o.gpu === 'b200' && o.preferred).length, 1);
  assert.throws(() => parseOverlay({ gpuOffers: [{ gpu: 'b200', usdPerGpuHour: -1 }] }, 'my.json'), (e: unknown) => e instanceof CatalogError && /my\.json.*gpuOffers\.0/.test(e.message));
  assert.throws(() => parseOverlay({ nonsense: 1 }, 'x.json'), CatalogError);
});

test('GPU scaling: direct, inverse and chained multipliers', () => {
  const cat = buildCatalog();
  assert.deepEqual([findScaling(cat, 'h100', 'b200')!.prefill, findScaling(cat, 'h100', 'b200')!.decode], [2.274, 2.388]);
  const inv = findScaling(cat, 'b200', 'h200')!;
  assert.ok(Math.abs(inv.decode - 1 / 1.667) < 1e-12 && inv.inverted);
  assert.equal(findScaling(cat, 'a100', 'b200'), undefined, 'no A100 multipliers in the data');
});

test('throughput: measured profiles on the benchmarked GPU, scaled elsewhere, with a leave-one-out error', () => {
  const cat = buildCatalog();
  const h100 = resolveThroughput(cat, 'qwen3-32b', 'h100');
  assert.ok('throughput' in h100);
  const long = h100.throughput.measured.find((m) => m.workload === 'long')!;
  assert.equal(long.totalTokPerS, 2046.48 + 102.21);
  assert.equal(h100.throughput.scaledFrom, null);
  const b200 = resolveThroughput(cat, 'qwen3-32b', 'b200');
  assert.ok('throughput' in b200);
  const longB = b200.throughput.measured.find((m) => m.workload === 'long')!;
  assert.ok(Math.abs(longB.totalTokPerS - (2046.48 * 2.274 + 102.21 * 2.388)) < 1e-9);
  assert.ok(b200.throughput.leaveOneOut && b200.throughput.leaveOneOut.points.length === 5);
  assert.ok(b200.throughput.assumptions.some((a) => a.id === 'selfHost.interpolation' && /leave-one-out/.test(String(a.value))));
  // GLM 4.7 is priced from GLM-4.6 runs, and says so
  const glm = resolveThroughput(cat, 'glm-4.7', 'b200');
  assert.ok('throughput' in glm && glm.throughput.assumptions.some((a) => a.id === 'selfHost.proxyModel' && a.status === 'estimated'));
  // the concurrency-limited GLM run is kept in the catalog but not fitted
  const glmH200 = resolveThroughput(cat, 'glm-4.6', 'h200');
  assert.ok('throughput' in glmH200 && glmH200.throughput.leaveOneOut!.points.every((p) => p.label !== 'sharegpt-concurrency-4'));
});

test('model ids as other tools spell them find their price', () => {
  const cat = shippedCatalog();
  const ollama = findApiOffer(cat, 'qwen3:32b');
  assert.ok('offer' in ollama && ollama.offer.provider === 'deepinfra' && /qwen3-32b/.test(ollama.offer.note ?? ''));
  // an explicit provider that does not list it stays unpriced; without one, the maker's price is found
  assert.ok('unpriced' in findApiOffer(cat, 'google/gemini-3-pro-preview', 'openrouter'));
  const maker = findApiOffer(cat, 'google/gemini-3-pro-preview');
  assert.ok('offer' in maker && maker.offer.provider === 'google' && maker.offer.inputPerM === 2);
  const noProvider = findApiOffer(cat, 'meta-llama/llama-4-maverick');
  assert.ok('offer' in noProvider && noProvider.offer.provider === 'openrouter' && /OpenRouter/.test(noProvider.offer.note ?? ''));
  assert.ok('unpriced' in findApiOffer(cat, 'hardcoded'));
});

test('runs measured on the target GPU (an imported vLLM benchmark) are used instead of scaled ones', () => {
  const overlay = parseOverlay(
    {
      baselines: [
        { model: 'deepseek-v3.2', gpu: 'b200', gpuCount: 8, engine: 'vLLM v0.14', workload: 'long', totalTokPerS: 30000, inputTokPerS: 28500, outputTokPerS: 1500, meanPromptTokens: 4000, meanCompletionTokens: 200, status: 'confirmed', source: 'my vllm bench serve run', date: '2026-11' },
      ],
    },
    'test',
  );
  const cat = applyOverlay(buildCatalog(), overlay);
  const tp = resolveThroughput(cat, 'deepseek-v3.2', 'b200');
  assert.ok('throughput' in tp);
  assert.equal(tp.throughput.scaledFrom, null);
  assert.equal(tp.throughput.measured.find((m) => m.workload === 'long')?.totalTokPerS, 30000);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedCatalog } from '../../../../src/core/catalog/load';
import { hardwareCatalog } from '../../../../src/core/catalog/arch';
import { gpuOffer } from '../../../../src/core/catalog/lookup';
import { fitReplica } from '../../../../src/core/perf/memory-fit';
import { resolveScenario } from '../../../../src/core/scenario';

test('every catalog model on every priced GPU is self-hostable, or the problem says where it fits', () => {
  const cat = shippedCatalog();
  const hw = hardwareCatalog();
  let priced = 0;
  for (const m of hw.models) {
    for (const g of hw.gpus) {
      if (!gpuOffer(cat, g.id)) continue;
      const s = resolveScenario(cat, {}, { model: m.id, gpu: g.id });
      // whether one sequence of the catalog's longest shape fits at all, from the memory fit directly
      const longest = Math.max(...cat.workloads.map((w) => (w.promptTokens ?? 217) + (w.completionTokens ?? 200)));
      const fits = fitReplica(m, g, m.nativePrecision, Math.min(longest, m.maxContext), 1).fits;
      if (s.selfHost) {
        priced++;
        assert.ok(s.economics && s.economics.gpuCount >= 1);
        const a = s.assumptions.find((x) => x.id === 'selfHost.prefillTokPerS');
        const perf = s.assumptions.some((x) => x.id === 'selfHost.performanceModel');
        // rates from the performance model are estimated ([E]) and say so
        if (perf) assert.equal(a?.status, 'estimated', `${m.id} on ${g.id}`);
      } else {
        assert.equal(fits, false, `${m.id} on ${g.id} fits but is not priced: ${s.problems.join('; ')}`);
        assert.ok(s.problems.some((p) => /fits on/.test(p)), `${m.id} on ${g.id}: ${s.problems.join('; ')}`);
        assert.ok(!s.problems.some((p) => /no GPU count per replica/.test(p)), 'no replica-size noise when nothing fits');
      }
    }
  }
  assert.ok(priced > 150, `only ${priced} model × GPU pairs priced`);
});

test('a measured model keeps its measured (derived) rates', () => {
  const s = resolveScenario(shippedCatalog(), {}, { model: 'qwen3-32b', gpu: 'h100' });
  assert.equal(s.assumptions.find((x) => x.id === 'selfHost.prefillTokPerS')?.status, 'derived');
});

test('Kimi K2 in fp8 does not fit 8× H100 (1 TB of weights, 687 GB): the message names GPUs it fits', () => {
  const s = resolveScenario(shippedCatalog(), {}, { model: 'kimi-k2', gpu: 'h100' });
  assert.equal(s.selfHost, null);
  const p = s.problems.find((x) => /fits on/.test(x));
  assert.ok(p && /H200/.test(p) && /MI300X/.test(p), p);
});

/** What the panel says it could not compute, and for which part of it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../src/core/catalog/load';
import { buildSnapshot, defaultControls } from '../../../src/core/panel/snapshot';
import { resolveScenario } from '../../../src/core/scenario';
import { analyzeExample } from './fixtures';

test('one measured workload shape (GLM-4.6 FP8 on 8× H100, ShareGPT): a and b from the performance model for that deployment, the measured run kept', () => {
  const cat = buildCatalog();
  const s = resolveScenario(cat, {}, { model: 'glm-4.7', gpu: 'h100' });
  assert.ok(s.selfHost, s.problems.join('\n'));
  assert.equal(s.economics?.gpuCount, 8);
  assert.deepEqual(s.throughput?.measured.map((m) => m.workload), ['sharegpt']);
  assert.ok(s.assumptions.some((a) => a.id === 'selfHost.performanceModel' && /\(fp8\) on 8×/.test(a.label)), s.assumptions.map((a) => a.label).join('\n'));
  assert.equal(s.assumptions.find((a) => a.id === 'selfHost.prefillTokPerS')?.status, 'estimated');
});

test("panel problems: another model's (Figures 1–3 only) are marked as such; the scenario's own are not", async () => {
  const cat = buildCatalog();
  const input = { subject: { kind: 'trace' as const, label: 'claude-code-session.jsonl' }, files: [await analyzeExample()] };
  const base = defaultControls(cat, true);

  // GB200 has no rental price in the catalog: every model's self-host side says so
  const qwen = buildSnapshot(cat, input, { ...base, model: 'qwen3-32b', provider: 'deepinfra', gpu: 'gb200' }, null);
  assert.ok(qwen.problems.some((x) => x.startsWith('Figures 1–3, GLM 4.7: no $/GPU-hour')), qwen.problems.join('\n'));
  assert.ok(qwen.problems.some((x) => x.startsWith('no $/GPU-hour')));

  const glm = buildSnapshot(cat, input, { ...base, model: 'glm-4.7', provider: 'deepinfra', gpu: 'gb200' }, null);
  assert.ok(glm.problems.some((x) => x.startsWith('no $/GPU-hour')), glm.problems.join('\n'));
  assert.ok(!glm.problems.some((x) => x.startsWith('Figures 1–3, GLM 4.7')));
});

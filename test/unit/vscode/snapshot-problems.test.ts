/** What the panel says it could not compute, and for which part of it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../src/core/catalog/load';
import { buildSnapshot, defaultControls } from '../../../src/core/panel/snapshot';
import { resolveScenario } from '../../../src/core/scenario';
import { analyzeExample } from './fixtures';

test('one measured workload shape: the problem says why there is no prefill/decode split and what to do', () => {
  const cat = buildCatalog();
  const s = resolveScenario(cat, {}, { model: 'glm-4.7', gpu: 'h100' });
  assert.equal(s.selfHost, null);
  const p = s.problems.find((x) => x.startsWith('no prefill/decode rates for glm-4.7 on NVIDIA H100 SXM'));
  assert.ok(p, s.problems.join('\n'));
  assert.match(p, /only one workload shape is measured \(sharegpt\)/);
  assert.match(p, /import a `vllm bench serve` result/);
});

test("panel problems: another model's (Figures 1–3 only) are marked as such; the scenario's own are not", async () => {
  const cat = buildCatalog();
  const input = { subject: { kind: 'trace' as const, label: 'claude-code-session.jsonl' }, files: [await analyzeExample()] };
  const base = defaultControls(cat, true);

  const qwen = buildSnapshot(cat, input, { ...base, model: 'qwen3-32b', provider: 'deepinfra', gpu: 'h100' }, null);
  assert.ok(qwen.problems.some((x) => x.startsWith('Figures 1–3, GLM 4.7: no prefill/decode rates for glm-4.7')), qwen.problems.join('\n'));
  assert.ok(!qwen.problems.some((x) => x.startsWith('no prefill/decode rates for glm-4.7')));

  const glm = buildSnapshot(cat, input, { ...base, model: 'glm-4.7', provider: 'deepinfra', gpu: 'h100' }, null);
  assert.ok(glm.problems.some((x) => x.startsWith('no prefill/decode rates for glm-4.7')), glm.problems.join('\n'));
  assert.ok(!glm.problems.some((x) => x.startsWith('Figures 1–3, GLM 4.7')));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedCatalog } from '../../../../src/core/catalog/load';
import { resolveThroughput } from '../../../../src/core/engine/throughput';
import { resolveScenario } from '../../../../src/core/scenario';

test('a model with no baseline is priced through the performance model, marked estimated', () => {
  const cat = shippedCatalog();
  const s = resolveScenario(cat, {}, { model: 'openai/gpt-oss-120b', gpu: 'h100' });
  assert.ok(s.selfHost, s.problems.join('; '));
  const a = s.assumptions.find((x) => x.id === 'selfHost.performanceModel');
  assert.ok(a && a.status === 'estimated');
  // gpt-oss-120b's 65.3 GB checkpoint fits one 80 GB H100.
  assert.equal(s.economics?.gpuCount, 1);
});

test('measured baselines keep the existing path; --precision or --gpus switch to the performance model', () => {
  const cat = shippedCatalog();
  const measured = resolveThroughput(cat, 'qwen3-32b', 'h100');
  assert.ok('throughput' in measured && measured.throughput.leaveOneOut !== null && measured.throughput.measured.length === 5);
  const fp8 = resolveThroughput(cat, 'qwen3-32b', 'h100', { precision: 'fp8' });
  assert.ok('throughput' in fp8 && fp8.throughput.assumptions.some((x) => x.id === 'selfHost.performanceModel'));
  // The bf16 runs are not fp8 runs: none of them is kept as a measured profile.
  assert.equal(fp8.throughput.measured.length, 0);
  const one = resolveThroughput(cat, 'qwen3-32b', 'h100', { gpuCount: 1 });
  const two = resolveThroughput(cat, 'qwen3-32b', 'h100', { gpuCount: 2 });
  assert.ok('throughput' in one && 'throughput' in two && two.throughput.gpuCount === 2);
  // Two GPUs hold far more KV cache (a bigger batch) and twice the bandwidth: decode is faster per replica.
  assert.ok(two.throughput.decodeTokPerS! > one.throughput.decodeTokPerS!);
});

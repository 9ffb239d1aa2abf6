import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedCatalog } from '../../../src/core/catalog/load';
import { findArch, findGpuSpec } from '../../../src/core/catalog/arch';
import { PublishedRunsFile } from '../../../scripts/published-runs-schema';

// The held-out validation set (docs/calibration/heldout-README.md). These tests check the file only; they
// never run the performance model on it, so that its one-time evaluation stays blind.
const file = join(__dirname, '../../../docs/calibration/heldout-vllm-runs.json');
const parsed = PublishedRunsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));

test('heldout-vllm-runs.json has the published-runs schema', () => {
  assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
  assert.ok(parsed.data.runs.length >= 15);
});

test('every held-out run names a model and a GPU the catalog resolves', () => {
  shippedCatalog(); // registers the architecture tables
  for (const r of parsed.data!.runs) {
    assert.ok(findArch(r.model), `model ${r.model}`);
    assert.ok(findGpuSpec(r.gpu), `gpu ${r.gpu}`);
  }
});

test('total tokens/s agrees with output tokens/s x (prompt + completion) / completion where both are given', () => {
  const both = parsed.data!.runs.filter((r) => r.outputTokPerS !== undefined);
  assert.ok(both.length > 0);
  for (const r of both) {
    const expected = r.outputTokPerS! * (r.promptTokens + r.completionTokens) / r.completionTokens;
    // 0.1 % covers the one-decimal rounding of ShareGPT means (about 200 tokens each)
    assert.ok(Math.abs(r.totalTokPerS / expected - 1) < 1e-3, `${r.model} ${r.gpu} ${r.workload}: ${r.totalTokPerS} vs ${expected.toFixed(2)}`);
  }
});

test('the held-out set is vLLM and reuses no source already used for calibration or validation', () => {
  for (const r of parsed.data!.runs) {
    assert.equal(r.engineClass, 'vllm');
    assert.match(r.engine, /vLLM/);
    assert.match(r.date, /^\d{4}-\d{2}-\d{2}$/, 'every held-out run is dated');
    // GPUStack's performance lab (calibration and the first validation set) and the ROCm README release
    // 040de12d (published-other-runs.json) are excluded by construction
    assert.doesNotMatch(r.source, /gpustack|040de12d/i);
  }
});

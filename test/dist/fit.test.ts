import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { shippedCatalog } from '../../src/core/catalog/load';
import { estimateSelfHost } from '../../src/core/perf/estimate';

const CLI = join(__dirname, '../../dist/cli.js');
function cli(...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: `npm test` builds it first (npm run build)');
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

test('fit --json: a measured run gives the rates directly (Qwen3-32B, 1×H100, 2000/100)', () => {
  const r = cli('fit', '--model', 'Qwen/Qwen3-32B', '--gpu', 'h100', '--input', '2000', '--output', '100', '--json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { measured: boolean; gpus: number; throughputTokPerS: number; range: { throughputTokPerS: [number, number] } };
  assert.equal(j.measured, true);
  assert.equal(j.gpus, 1);
  // The GPUStack medium run: 1996.3 + 100.0 tokens at 3195.30 total tok/s.
  assert.ok(Math.abs(j.throughputTokPerS - 3195.3) < 1e-6);
  assert.deepEqual(j.range.throughputTokPerS, [j.throughputTokPerS, j.throughputTokPerS]);
});

test('fit --json: an unmeasured deployment is estimated, its range brackets the point, same number as the core', () => {
  const r = cli('fit', '--model', 'openai/gpt-oss-120b', '--gpu', 'mi300x', '--json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { measured: boolean; throughputTokPerS: number; range: { throughputTokPerS: [number, number] } };
  assert.equal(j.measured, false);
  const [lo, hi] = j.range.throughputTokPerS;
  assert.ok(lo < j.throughputTokPerS && j.throughputTokPerS < hi);
  const core = estimateSelfHost(shippedCatalog(), { model: 'openai/gpt-oss-120b', gpu: 'mi300x', promptTokens: 2000, completionTokens: 200 });
  assert.ok('estimate' in core && Math.abs(core.estimate.rates.throughputTokPerS - j.throughputTokPerS) < 1e-9);
});

test('fit: a model that fits no replica exits 1 and says why; models lists Hugging Face ids', () => {
  const r = cli('fit', '--model', 'kimi-k2', '--gpu', 'l40s');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /does not fit/);
  const m = cli('models', '--json');
  assert.equal(m.status, 0, m.stderr);
  const ids = (JSON.parse(m.stdout) as { models: { huggingFace: string }[] }).models.map((x) => x.huggingFace);
  assert.ok(ids.includes('meta-llama/Llama-3.1-8B-Instruct') && ids.includes('mistralai/Mixtral-8x7B-Instruct-v0.1'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findArch, findGpuSpec } from '../../../../src/core/catalog/arch';
import { shippedCatalog } from '../../../../src/core/catalog/load';

// The architecture tables load with the catalog.
shippedCatalog();
import type { GpuSpec } from '../../../../src/core/catalog/arch-schema';
import { schedulerDefaults } from '../../../../src/core/perf/vllm-defaults';
import { prefillSeconds, prefillSteps } from '../../../../src/core/perf/prefill-steps';
import { runsWeightOnly } from '../../../../src/core/perf/precision';
import { predictRates, type Efficiency } from '../../../../src/core/perf/roofline';
import { fitEfficiency } from '../../../../src/core/perf/calibration';
import type { CalibrationRun } from '../../../../src/core/perf/calibration-runs';

const close = (a: number, b: number, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} ≠ ${b}`);
const gpu = (id: string): GpuSpec => {
  const g = findGpuSpec(id);
  assert.ok(g, id);
  return g;
};

test("vLLM's scheduler defaults per GPU: ≥ 70 GiB and not an A100 → 8192 tokens / 1024 sequences, else 2048 / 256", () => {
  // vllm/engine/arg_utils.py _set_default_args (OpenAI server): the A100 is excluded by name.
  assert.deepEqual(schedulerDefaults(gpu('a100')), { maxNumSeqs: 256, maxNumBatchedTokens: 2048 });
  assert.deepEqual(schedulerDefaults(gpu('h100')), { maxNumSeqs: 1024, maxNumBatchedTokens: 8192 });
  assert.deepEqual(schedulerDefaults(gpu('h200')), { maxNumSeqs: 1024, maxNumBatchedTokens: 8192 });
  assert.deepEqual(schedulerDefaults(gpu('mi300x')), { maxNumSeqs: 1024, maxNumBatchedTokens: 8192 });
  // 48 GiB: under the 70 GiB line.
  assert.deepEqual(schedulerDefaults(gpu('l40s')), { maxNumSeqs: 256, maxNumBatchedTokens: 2048 });
  // The memory line alone: an 80 GiB GPU not named A100 gets the large defaults.
  assert.equal(schedulerDefaults({ ...gpu('a100'), id: 'x', name: 'X 80GB', aliases: [] }).maxNumBatchedTokens, 8192);
});

test('prefill steps: c prompts of P tokens packed into steps of T tokens need ceil(c·P/T) steps in all', () => {
  // 1000 prompts of 128 tokens: 128,000 tokens; at 8192 per step 15.625 → 16 steps, at 2048 62.5 → 63.
  assert.deepEqual(prefillSteps({ promptTokens: 128, concurrency: 1000, stepBudget: 8192 }), { tokensPerStep: 8192, stepsPerRequest: 16 / 1000 });
  assert.deepEqual(prefillSteps({ promptTokens: 128, concurrency: 1000, stepBudget: 2048 }), { tokensPerStep: 2048, stepsPerRequest: 63 / 1000 });
  // One prompt of 32,000 tokens alone: 32000/2048 = 15.625 → 16 chunks.
  assert.deepEqual(prefillSteps({ promptTokens: 32000, concurrency: 1, stepBudget: 2048 }), { tokensPerStep: 2048, stepsPerRequest: 16 });
  // A step smaller than the budget when the prompts in flight hold fewer tokens.
  assert.equal(prefillSteps({ promptTokens: 100, concurrency: 4, stepBudget: 8192 }).tokensPerStep, 400);
});

test('prefill seconds: max(FLOPs, one weight read per step) plus the per-step sync, by hand', () => {
  // 16 steps, 92 layers × 170 µs = 15.64 ms of sync per step → 0.25024 s.
  const sync = 92 * 170e-6;
  // Compute-bound: 1e15 FLOPs at 1e14 FLOP/s = 10 s > 16 × 0.05 s of weight reads.
  close(prefillSeconds(16, { flops: 1e15, achievedFlops: 1e14, weightReadSeconds: 0.05, syncPerStepSeconds: sync }), 10 + 16 * sync);
  // Memory floor: 1e12 FLOPs take 0.01 s, but 16 weight reads take 0.8 s.
  close(prefillSeconds(16, { flops: 1e12, achievedFlops: 1e14, weightReadSeconds: 0.05, syncPerStepSeconds: sync }), 0.8 + 16 * sync);
  // One GPU: no sync.
  close(prefillSeconds(16, { flops: 1e15, achievedFlops: 1e14, weightReadSeconds: 0.05, syncPerStepSeconds: 0 }), 10);
});

test("a TP A100 replica pays its sync on 4× as many prefill steps as one with vLLM's 8192-token budget", () => {
  const llama = findArch('llama-3.3-70b')!;
  const a100 = gpu('a100');
  const sameButLarge: GpuSpec = { ...a100, id: 'x', name: 'X 80GB', aliases: [] };
  const eff: Efficiency = { compute: 0.5, computeExponent: 1, bandwidth: 0.5, moe: 1, requestOverheadS: 0, syncPerLayerS: 1e-4 };
  const shape = { promptTokens: 2000, completionTokens: 10, concurrency: 500 };
  const at = (g: GpuSpec) => 2000 / predictRates(llama, g, 'bf16', 8, shape, eff)!.prefillTokPerS;
  // 500 × 2000 = 1e6 tokens: ceil(1e6/2048) = 489 steps vs ceil(1e6/8192) = 123, over 500 requests, each
  // step 80 layers × 100 µs = 8 ms; compute outweighs the weight reads in both (dense: same FLOPs).
  close(at(a100) - at(sameButLarge), ((489 - 123) / 500) * 80 * 1e-4, 1e-6);
});

test('weight-only paths: 8/4-bit weights on a GPU without tensor cores for them', () => {
  assert.equal(runsWeightOnly(gpu('a100'), 'fp8'), true);
  assert.equal(runsWeightOnly(gpu('h100'), 'fp8'), false);
  assert.equal(runsWeightOnly(gpu('h100'), 'fp4'), true);
  assert.equal(runsWeightOnly(gpu('b200'), 'fp4'), false);
  assert.equal(runsWeightOnly(gpu('a100'), 'bf16'), false);
  // The weight-only share applies to A100 FP8 only; absent, the 8/4-bit share covers it.
  const q = findArch('qwen3-32b')!;
  const base: Efficiency = { compute: 0.5, computeExponent: 1, bandwidth: 0.5, moe: 1, requestOverheadS: 0, lowPrecision: 0.5 };
  const shape = { promptTokens: 4000, completionTokens: 1, concurrency: 64 };
  const a = (e: Efficiency) => predictRates(q, gpu('a100'), 'fp8', 1, shape, e)!.prefillTokPerS;
  const h = (e: Efficiency) => predictRates(q, gpu('h100'), 'fp8', 1, shape, e)!.prefillTokPerS;
  // Compute-bound prefill: the rate scales with the share (1 vs 0.5 → twice the rate, to the overhead-free limit).
  close(a({ ...base, weightOnly: 1 }) / a(base), 2, 1e-3);
  assert.equal(h({ ...base, weightOnly: 1 }), h(base));
});

test('the weight-only share is fitted on its own only with two runs on that path, else it is tied to the 8/4-bit share', () => {
  const truth: Efficiency = { compute: 0.4, computeExponent: 0.5, bandwidth: 0.6, moe: 1, requestOverheadS: 0.005, lowPrecision: 0.5, weightOnly: 0.9 };
  const q = findArch('qwen3-32b')!;
  const shapes = [[128, 4, 500], [2000, 100, 500], [4000, 200, 500], [1000, 1000, 100]] as const;
  const runs = (deployments: [string, 'bf16' | 'fp8'][]): CalibrationRun[] =>
    deployments.flatMap(([g, precision]) =>
      shapes.map(([P, C, concurrency]) => {
        const shape = { promptTokens: P, completionTokens: C, concurrency, variableLength: false };
        const p = predictRates(q, gpu(g), precision, 1, shape, truth)!;
        return { label: `${g} ${precision} ${P}`, group: `${g}|${precision}`, arch: q, gpu: gpu(g), precision, gpuCount: 1, ...shape, seconds: p.secondsPerRequest };
      }),
    );
  const both = fitEfficiency(runs([['h100', 'bf16'], ['a100', 'bf16'], ['h100', 'fp8'], ['a100', 'fp8']]))!;
  assert.ok(Math.abs(both.efficiency.weightOnly! / 0.9 - 1) < 0.05, `weightOnly ${both.efficiency.weightOnly}`);
  const one = runs([['h100', 'bf16'], ['a100', 'bf16'], ['h100', 'fp8']]).concat(runs([['a100', 'fp8']]).slice(0, 1));
  assert.equal(fitEfficiency(one)!.efficiency.weightOnly, undefined);
});

test('property: with prefill steps, their weight-read floor and sync, more memory bandwidth is still never slower', () => {
  const eff: Efficiency = { compute: 0.5, computeExponent: 0.8, bandwidth: 0.5, moe: 0.6, requestOverheadS: 0.005, syncPerLayerS: 1.5e-4, moeHalfTokens: 8 };
  fc.assert(
    fc.property(fc.constantFrom('a100', 'h100', 'l40s'), fc.constantFrom('qwen3-30b-a3b', 'llama-3.3-70b', 'gpt-oss-120b'), fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1, max: 4, noNaN: true }), (g, m, P, C, conc, k) => {
      const arch = findArch(m)!;
      const base = gpu(g);
      const faster: GpuSpec = { ...base, memoryTBps: base.memoryTBps * k };
      const shape = { promptTokens: P, completionTokens: C, concurrency: conc };
      const a = predictRates(arch, base, arch.nativePrecision, 8, shape, eff);
      const b = predictRates(arch, faster, arch.nativePrecision, 8, shape, eff);
      if (!a || !b) return true;
      return b.secondsPerRequest <= a.secondsPerRequest * (1 + 1e-12);
    }),
  );
});

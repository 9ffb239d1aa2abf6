import type { GpuSpec, ModelArch, Precision } from '../catalog/arch-schema';
import { replicaMemory, sequencesThatFit } from './memory-fit';
import { decodeFlopsPerToken, expertSplit, expertsTouched, kvBytesReadPerToken, prefillFlops } from './model-math';
import { peakFlops, runsWeightOnly, weightBytes } from './precision';
import { prefillSeconds, prefillSteps } from './prefill-steps';
import { schedulerDefaults } from './vllm-defaults';

/**
 * What a serving engine achieves, calibrated on measured runs:
 * - `compute`: fraction of dense peak FLOP/s at a 1 PFLOP/s GPU (prefill and compute-bound decode);
 * - `computeExponent`: achieved FLOP/s grow as peak^exponent (measured: an H100 prefills ~1.5× an A100
 *   for 3.2× the peak), so per GPU achieved = compute · 1e15 · (peak / 1e15)^exponent;
 * - `bandwidth`: fraction of peak memory bandwidth (decode);
 * - `moe`: multiplier on compute for mixture-of-experts models (grouped expert kernels, routing
 *   imbalance; in the calibration runs it also absorbs tensor-parallel overhead, all MoE runs being TP8);
 * - `requestOverheadS`: replica-seconds per request outside the GPU math (API server, scheduling,
 *   tokenization): what limits 128-token prompts.
 */
export interface Efficiency {
  compute: number;
  computeExponent: number;
  bandwidth: number;
  moe: number;
  requestOverheadS: number;
  /**
   * Native 8/4-bit GEMMs (the GPU has tensor cores for the format: FP8 on H100/H200): share of that peak
   * reached, relative to the share BF16 reaches of its own (1, or absent: the peak ratio holds).
   * Block-scaled FP8 GEMMs reach less.
   */
  lowPrecision?: number;
  /**
   * Weight-only 8/4-bit (no tensor cores for the format: FP8 on A100, MXFP4 on H100/A100; the weights are
   * dequantized to 16-bit in the kernel): share of the BF16 rate reached. Absent: `lowPrecision` covers
   * both paths (what the fit does until each path has runs enough to be checked, calibration.ts).
   */
  weightOnly?: number;
  /** Seconds per layer added to every decode step of a tensor-parallel replica (two all-reduces' latency). */
  syncPerLayerS?: number;
  /**
   * Tokens per expert per step at which grouped expert GEMMs reach half their efficiency (absent: no
   * dependence). A decode step of batch B gives each expert B·k/E tokens, a prefill step far more.
   */
  moeHalfTokens?: number;
  /**
   * Completion tokens by which a variable-length set's longest requests outlast the rest (absent: 0):
   * a benchmark artifact fitted so that it does not bias the other factors.
   */
  drainTokens?: number;
}

export function achievedFlops(peakPerGpu: number, gpuCount: number, eff: Efficiency): number {
  return eff.compute * 1e15 * Math.pow(peakPerGpu / 1e15, eff.computeExponent) * gpuCount;
}

/** Efficiency of grouped expert GEMMs with `tokens` tokens per step: t / (t + half), 1 for dense models. */
export function expertEfficiency(arch: ModelArch, tokens: number, eff: Efficiency): number {
  const e = arch.experts;
  if (!e || !eff.moeHalfTokens) return 1;
  const perExpert = (tokens * e.perToken) / e.routed;
  return perExpert / (perExpert + eff.moeHalfTokens);
}

export interface WorkloadShape {
  promptTokens: number;
  completionTokens: number;
  /** Requests in flight (the benchmark's prompts sent at once, or the serving target). */
  concurrency: number;
  /** A benchmark over a set of varied lengths (ShareGPT) measured until its last request ends. */
  variableLength?: boolean;
}

export interface RatePrediction {
  /** Prefill rate a and decode rate b of the replica, tokens/s. */
  prefillTokPerS: number;
  decodeTokPerS: number;
  /** Sequences decoded together: min(concurrency, max-num-seqs, what the KV cache holds). */
  decodeBatch: number;
  decodeBound: 'memory' | 'compute';
  /** Replica-seconds one request takes: P/a + C/b (the request overhead is inside a), plus its share of a variable-length set's drain. */
  secondsPerRequest: number;
}

/** null when not one sequence of this shape fits the replica's memory. */
export function predictRates(arch: ModelArch, gpu: GpuSpec, precision: Precision, gpuCount: number, shape: WorkloadShape, eff: Efficiency): RatePrediction | null {
  const P = Math.max(1, shape.promptTokens);
  const C = Math.max(0, shape.completionTokens);
  const moe = arch.experts ? eff.moe : 1;
  const lowBits = precision !== 'fp8' && precision !== 'fp4' ? 1 : runsWeightOnly(gpu, precision) ? (eff.weightOnly ?? eff.lowPrecision ?? 1) : (eff.lowPrecision ?? 1);
  const scheduler = schedulerDefaults(gpu);
  const flops = achievedFlops(peakFlops(gpu, precision), gpuCount, eff) * moe * lowBits;
  const bandwidth = gpu.memoryTBps * 1e12 * gpuCount * eff.bandwidth;

  // A sequence holds P + C/2 tokens on average while it decodes.
  const meanContext = P + C / 2;
  const mem = replicaMemory(arch, gpu, precision, gpuCount);
  const fit = sequencesThatFit(arch, mem, meanContext);
  if (fit < 1 || sequencesThatFit(arch, mem, P + C) < 1) return null;
  const batch = Math.max(1, Math.min(shape.concurrency, scheduler.maxNumSeqs, fit));

  // A step reads the dense weights and the experts its tokens touch; a TP replica syncs every layer.
  const bytesPerParam = weightBytes(arch, precision) / (arch.totalParamsB * 1e9);
  const split = expertSplit(arch);
  const weightReadSeconds = (tokens: number) => ((split.denseParams + split.expertParams * expertsTouched(arch, tokens)) * bytesPerParam) / bandwidth;
  const sync = gpuCount > 1 ? arch.layers * (eff.syncPerLayerS ?? 0) : 0;

  // Prefill runs in steps of max_num_batched_tokens; the per-request overhead is charged to it:
  // a = P / (prefill time + overhead).
  const steps = prefillSteps({ promptTokens: P, concurrency: shape.concurrency, stepBudget: scheduler.maxNumBatchedTokens });
  const prefill = prefillSeconds(steps.stepsPerRequest, {
    flops: prefillFlops(arch, P),
    achievedFlops: flops * expertEfficiency(arch, steps.tokensPerStep, eff),
    weightReadSeconds: weightReadSeconds(steps.tokensPerStep),
    syncPerStepSeconds: sync,
  });
  const prefillTokPerS = P / (prefill + eff.requestOverheadS);

  // One decode step reads the dense weights, the experts the batch touches, and each sequence's KV cache.
  const decodeStep = (b: number) => {
    const memorySeconds = weightReadSeconds(b) + (b * kvBytesReadPerToken(arch, meanContext)) / bandwidth;
    const computeSeconds = (b * decodeFlopsPerToken(arch, meanContext)) / (flops * expertEfficiency(arch, b, eff));
    return { memorySeconds, computeSeconds, seconds: Math.max(memorySeconds, computeSeconds) + sync };
  };
  const step = decodeStep(batch);
  const decodeTokPerS = batch / step.seconds;
  // A variable-length set sent at once ends with its longest completions decoding almost alone: their
  // extra tokens at batch 1, shared over the set's requests. Steady serving has no such drain.
  const drain = shape.variableLength ? ((eff.drainTokens ?? 0) * decodeStep(1).seconds) / Math.max(1, shape.concurrency) : 0;
  return {
    prefillTokPerS,
    decodeTokPerS,
    decodeBatch: batch,
    decodeBound: step.memorySeconds >= step.computeSeconds ? 'memory' : 'compute',
    secondsPerRequest: P / prefillTokPerS + C / decodeTokPerS + drain,
  };
}

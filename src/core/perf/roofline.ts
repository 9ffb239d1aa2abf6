import type { GpuSpec, ModelArch, Precision } from '../catalog/arch-schema';
import { maxNumSeqs, replicaMemory, sequencesThatFit } from './memory-fit';
import { decodeFlopsPerToken, expertSplit, expertsTouched, kvBytesReadPerToken, prefillFlops } from './model-math';
import { peakFlops, weightBytes } from './precision';

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
}

export function achievedFlops(peakPerGpu: number, gpuCount: number, eff: Efficiency): number {
  return eff.compute * 1e15 * Math.pow(peakPerGpu / 1e15, eff.computeExponent) * gpuCount;
}

export interface WorkloadShape {
  promptTokens: number;
  completionTokens: number;
  /** Requests in flight (the benchmark's prompts sent at once, or the serving target). */
  concurrency: number;
}

export interface RatePrediction {
  /** Prefill rate a and decode rate b of the replica, tokens/s. */
  prefillTokPerS: number;
  decodeTokPerS: number;
  /** Sequences decoded together: min(concurrency, max-num-seqs, what the KV cache holds). */
  decodeBatch: number;
  decodeBound: 'memory' | 'compute';
  /** Replica-seconds one request takes: P/a + C/b (the request overhead is inside a). */
  secondsPerRequest: number;
}

/** null when not one sequence of this shape fits the replica's memory. */
export function predictRates(arch: ModelArch, gpu: GpuSpec, precision: Precision, gpuCount: number, shape: WorkloadShape, eff: Efficiency): RatePrediction | null {
  const P = Math.max(1, shape.promptTokens);
  const C = Math.max(0, shape.completionTokens);
  const moe = arch.experts ? eff.moe : 1;
  const flops = achievedFlops(peakFlops(gpu, precision), gpuCount, eff) * moe;
  const bandwidth = gpu.memoryTBps * 1e12 * gpuCount * eff.bandwidth;

  // A sequence holds P + C/2 tokens on average while it decodes.
  const meanContext = P + C / 2;
  const mem = replicaMemory(arch, gpu, precision, gpuCount);
  const fit = sequencesThatFit(arch, mem, meanContext);
  if (fit < 1 || sequencesThatFit(arch, mem, P + C) < 1) return null;
  const batch = Math.max(1, Math.min(shape.concurrency, maxNumSeqs(gpu), fit));

  // The per-request overhead is charged to prefill: a = P / (prefill time + overhead).
  const prefillSeconds = prefillFlops(arch, P) / flops + eff.requestOverheadS;
  const prefillTokPerS = P / prefillSeconds;

  // One decode step reads the dense weights, the experts the batch touches, and each sequence's KV cache.
  const bytesPerParam = weightBytes(arch, precision) / (arch.totalParamsB * 1e9);
  const split = expertSplit(arch);
  const weightRead = (split.denseParams + split.expertParams * expertsTouched(arch, batch)) * bytesPerParam;
  const stepBytes = weightRead + batch * kvBytesReadPerToken(arch, meanContext);
  const memorySeconds = stepBytes / bandwidth;
  const computeSeconds = (batch * decodeFlopsPerToken(arch, meanContext)) / flops;
  const step = Math.max(memorySeconds, computeSeconds);
  const decodeTokPerS = batch / step;
  return {
    prefillTokPerS,
    decodeTokPerS,
    decodeBatch: batch,
    decodeBound: memorySeconds >= computeSeconds ? 'memory' : 'compute',
    secondsPerRequest: P / prefillTokPerS + C / decodeTokPerS,
  };
}

import type { GpuSpec, ModelArch, Precision } from '../catalog/arch-schema';
import { kvBytesForSequence } from './model-math';
import { weightBytes } from './precision';

/** vLLM serving defaults the estimate assumes; estimated, not measured here (scheduler limits: vllm-defaults.ts). */
export const SERVING = {
  /** --gpu-memory-utilization default. */
  gpuMemoryUtilization: 0.9,
  /**
   * Activations, CUDA graphs and allocator slack per GPU, outside weights and KV cache: at most about
   * 1 GB, since vLLM started Qwen3-32B (40,960-token context, 10.7 GB of KV) on one 80 GB H100.
   */
  runtimeOverheadGB: 1,
} as const;

/** GPU memory sizes are quoted in GiB (an "80 GB" H100 has 80 GiB = 85.9 GB). */
const GIB = 1.073741824;

export const REPLICA_SIZES = [1, 2, 4, 8] as const;

export interface ReplicaMemory {
  gpuCount: number;
  weightsGB: number;
  /** Memory left for the KV cache, GB (≤ 0: the weights do not fit). */
  kvCacheGB: number;
  totalGB: number;
}

export function replicaMemory(arch: ModelArch, gpu: GpuSpec, precision: Precision, gpuCount: number): ReplicaMemory {
  const totalGB = gpu.memoryGB * GIB * gpuCount;
  const weightsGB = weightBytes(arch, precision) / 1e9;
  const kvCacheGB = totalGB * SERVING.gpuMemoryUtilization - weightsGB - SERVING.runtimeOverheadGB * gpuCount;
  return { gpuCount, weightsGB, kvCacheGB, totalGB };
}

/** How many sequences of `context` tokens the KV cache holds at once (0 when none). */
export function sequencesThatFit(arch: ModelArch, mem: ReplicaMemory, context: number): number {
  if (mem.kvCacheGB <= 0) return 0;
  return Math.floor((mem.kvCacheGB * 1e9) / kvBytesForSequence(arch, Math.max(1, context)));
}

export type FitResult =
  | { fits: true; gpuCount: number; memory: ReplicaMemory; sequences: number }
  | { fits: false; reason: string; tried: ReplicaMemory[] };

/**
 * The smallest replica (1, 2, 4 or 8 GPUs, or exactly `gpuCount` when given) whose memory holds the
 * weights plus the KV cache of `concurrency` sequences of `context` tokens.
 */
export function fitReplica(
  arch: ModelArch,
  gpu: GpuSpec,
  precision: Precision,
  context: number,
  concurrency: number,
  gpuCount?: number,
): FitResult {
  if (context > arch.maxContext) {
    return { fits: false, reason: `a context of ${context} tokens exceeds ${arch.name}'s maximum of ${arch.maxContext}`, tried: [] };
  }
  const sizes = gpuCount !== undefined ? [gpuCount] : [...REPLICA_SIZES];
  const tried: ReplicaMemory[] = [];
  for (const n of sizes) {
    const mem = replicaMemory(arch, gpu, precision, n);
    tried.push(mem);
    const sequences = sequencesThatFit(arch, mem, context);
    if (sequences >= concurrency) return { fits: true, gpuCount: n, memory: mem, sequences };
  }
  const last = tried[tried.length - 1]!;
  const why =
    last.kvCacheGB <= 0
      ? `the ${precision} weights (${last.weightsGB.toFixed(0)} GB) leave no room for a KV cache on ${last.gpuCount}× ${gpu.name} (${last.totalGB.toFixed(0)} GB)`
      : `${last.gpuCount}× ${gpu.name} leaves ${last.kvCacheGB.toFixed(1)} GB of KV cache: ${sequencesThatFit(arch, last, context)} sequences of ${context} tokens, fewer than the ${concurrency} asked for`;
  return { fits: false, reason: why, tried };
}

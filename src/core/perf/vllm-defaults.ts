import type { GpuSpec } from '../catalog/arch-schema';

/**
 * vLLM's scheduler limits for its OpenAI server when the command line leaves them unset, which depend on
 * the GPU: `EngineArgs._set_default_args` in vllm-project/vllm vllm/engine/arg_utils.py (read at commit
 * 99d7eb5d, of the v0.11 line; the GPUStack runs used v0.10.2–v0.13.0, other versions not read): a device with
 * ≥ 70 GiB whose name does not contain "a100" gets max_num_batched_tokens 8192 and max_num_seqs 1024;
 * any other (the A100 on purpose, vLLM PR #17885: a larger budget lowered its throughput) 2048 and 256.
 * max_num_seqs is then capped at max_num_batched_tokens.
 */
export interface SchedulerDefaults {
  /** Sequences the scheduler keeps running at once (--max-num-seqs). */
  maxNumSeqs: number;
  /** Tokens (prefill chunks + decodes) one scheduler step may process (--max-num-batched-tokens). */
  maxNumBatchedTokens: number;
}

const LARGE: SchedulerDefaults = { maxNumSeqs: 1024, maxNumBatchedTokens: 8192 };
const SMALL: SchedulerDefaults = { maxNumSeqs: 256, maxNumBatchedTokens: 2048 };

/** Memory sizes in the GPU table are GiB (an "80 GB" H100 reports 80 GiB to vLLM). */
export function schedulerDefaults(gpu: GpuSpec): SchedulerDefaults {
  const a100 = [gpu.id, gpu.name, ...gpu.aliases].some((n) => n.toLowerCase().includes('a100'));
  const d = gpu.memoryGB >= 70 && !a100 ? LARGE : SMALL;
  return { maxNumSeqs: Math.min(d.maxNumSeqs, d.maxNumBatchedTokens), maxNumBatchedTokens: d.maxNumBatchedTokens };
}

export function maxNumSeqs(gpu: GpuSpec): number {
  return schedulerDefaults(gpu).maxNumSeqs;
}

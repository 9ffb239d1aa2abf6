import type { Catalog } from '../catalog/schema';
import type { GpuSpec, ModelArch, Precision } from '../catalog/arch-schema';
import { findArch, findGpuSpec, type HardwareCatalog, hardwareCatalog } from '../catalog/arch';
import { maxNumSeqs } from './vllm-defaults';

/** One measured saturated run the efficiency factors are fitted on. */
export interface CalibrationRun {
  label: string;
  /** model|gpu|gpuCount|precision: runs of one deployment, left out together for the cross-deployment error. */
  group: string;
  arch: ModelArch;
  gpu: GpuSpec;
  precision: Precision;
  gpuCount: number;
  promptTokens: number;
  completionTokens: number;
  concurrency: number;
  variableLength: boolean;
  /** Measured replica-seconds per request: (P + C) / total tok/s. */
  seconds: number;
}

/** Precision of a run from the name of the checkpoint measured ("zai-org/GLM-4.6-FP8", "(FP8 native)"). */
function runPrecision(measuredModel: string | undefined, arch: ModelArch): Precision {
  const m = (measuredModel ?? '').toLowerCase();
  if (/fp8/.test(m)) return 'fp8';
  if (/fp4|mxfp4|nvfp4/.test(m)) return 'fp4';
  if (/bf16/.test(m)) return 'bf16';
  return arch.nativePrecision;
}

/**
 * The catalog's measured vLLM runs (the shipped GPUStack runs plus any `vllm bench serve` result the
 * user imported as a baseline) whose model and GPU the architecture tables know. Runs with limited
 * concurrency are kept: the model takes concurrency as an input.
 */
export function calibrationRuns(cat: Catalog, hw: HardwareCatalog = hardwareCatalog()): CalibrationRun[] {
  const out: CalibrationRun[] = [];
  for (const b of cat.baselines) {
    const arch = findArch(b.model, hw);
    const gpu = findGpuSpec(b.gpu, hw);
    if (!arch || !gpu) continue;
    const precision = runPrecision(b.measuredModel, arch);
    out.push({
      label: `${arch.id} ${b.gpuCount}×${gpu.id} ${precision} ${b.workload}`,
      group: `${arch.id}|${gpu.id}|${b.gpuCount}|${precision}`,
      arch,
      gpu,
      precision,
      gpuCount: b.gpuCount,
      promptTokens: b.meanPromptTokens,
      completionTokens: b.meanCompletionTokens,
      concurrency: b.concurrency ?? maxNumSeqs(gpu),
      // ShareGPT draws real conversations (lengths vary), and GPUStack sends its 1000 prompts at once; the
      // other sets are fixed-length random prompts, and the concurrency-4 run never drains to batch 1.
      variableLength: /sharegpt/i.test(b.workload) && (b.concurrency ?? 0) >= 1000,
      seconds: (b.meanPromptTokens + b.meanCompletionTokens) / b.totalTokPerS,
    });
  }
  return out;
}

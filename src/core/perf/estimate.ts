import type { Baseline, Catalog } from '../catalog/schema';
import type { GpuSpec, ModelArch, Precision } from '../catalog/arch-schema';
import { findArch, findGpuSpec, hardwareCatalog, hasHardwareCatalog } from '../catalog/arch';
import { calibrationFor } from './calibrated';
import { fitReplica, type FitResult } from './memory-fit';
import { maxNumSeqs } from './vllm-defaults';
import { predictRates } from './roofline';

export interface SaturationRates {
  requestsPerS: number;
  outputTokPerS: number;
  /** Prompt + completion tokens per second. */
  throughputTokPerS: number;
}

export type Range = [number, number];

export interface SelfHostEstimate {
  model: string;
  modelName: string;
  gpu: string;
  gpuName: string;
  precision: Precision;
  gpuCount: number;
  promptTokens: number;
  completionTokens: number;
  replica: Extract<FitResult, { fits: true }>;
  prefillTokPerS: number;
  decodeTokPerS: number;
  decodeBatch: number;
  decodeBound: 'memory' | 'compute';
  rates: SaturationRates;
  /** 10th–90th percentile band from the leave-one-deployment-out error; a measured run has a zero-width range. */
  range: { requestsPerS: Range; outputTokPerS: Range; throughputTokPerS: Range };
  /** True where a measured run of this model × GPU × replica × precision × shape gives the rates directly. */
  measured: boolean;
  basis: string;
}

export type EstimateLookup = { estimate: SelfHostEstimate } | { unavailable: string };

export interface EstimateRequest {
  model: string;
  gpu: string;
  precision?: Precision;
  gpuCount?: number;
  promptTokens: number;
  completionTokens: number;
  /** Sequences the replica must hold at once for the memory fit (default 16). */
  concurrency?: number;
}

export const DEFAULT_FIT_CONCURRENCY = 16;

const near = (a: number, b: number) => Math.abs(a - b) <= 0.05 * Math.max(b, 1);

function measuredRun(cat: Catalog, arch: ModelArch, gpu: GpuSpec, precision: Precision, n: number, P: number, C: number): Baseline | undefined {
  const runs = calibrationFor(cat)?.runs ?? [];
  const hit = runs.find(
    (r) => r.arch.id === arch.id && r.gpu.id === gpu.id && r.precision === precision && r.gpuCount === n && near(r.promptTokens, P) && near(r.completionTokens, C) && r.concurrency >= 100,
  );
  if (!hit) return undefined;
  return cat.baselines.find((b) => `${arch.id} ${b.gpuCount}×${gpu.id} ${precision} ${b.workload}` === hit.label);
}

const scale = (v: number, band: { low: number; high: number } | null): Range => (band ? [v * band.low, v * band.high] : [v, v]);

/**
 * Self-host rates of one model on one GPU type for requests of P prompt and C completion tokens at
 * saturation: a measured run when one matches, else the calibrated performance model.
 */
export function estimateSelfHost(cat: Catalog, req: EstimateRequest): EstimateLookup {
  if (!hasHardwareCatalog()) return { unavailable: 'the architecture tables are not loaded' };
  const hw = hardwareCatalog();
  const arch = findArch(req.model, hw);
  if (!arch) return { unavailable: `no architecture data for model "${req.model}" (see \`agentcost models\`)` };
  const gpu = findGpuSpec(req.gpu, hw);
  if (!gpu) return { unavailable: `no specs for GPU "${req.gpu}" (known: ${hw.gpus.map((g) => g.id).join(', ')})` };
  const precision = req.precision ?? arch.nativePrecision;
  const P = req.promptTokens;
  const C = req.completionTokens;
  const replica = fitReplica(arch, gpu, precision, P + C, req.concurrency ?? DEFAULT_FIT_CONCURRENCY, req.gpuCount);
  if (!replica.fits) return { unavailable: `${arch.name} (${precision}) does not fit: ${replica.reason}` };
  const cal = calibrationFor(cat);
  if (!cal) return { unavailable: 'no measured runs to calibrate the performance model on' };
  const pred = predictRates(arch, gpu, precision, replica.gpuCount, { promptTokens: P, completionTokens: C, concurrency: maxNumSeqs(gpu) }, cal.fit.efficiency);
  if (!pred) return { unavailable: `${arch.name} (${precision}) on ${replica.gpuCount}× ${gpu.name}: a request of ${P + C} tokens does not fit the KV cache` };

  const run = measuredRun(cat, arch, gpu, precision, replica.gpuCount, P, C);
  // As throughput.ts does for a benchmarked profile: the measured tokens/s applied to this request's tokens.
  const seconds = run ? (P + C) / run.totalTokPerS : pred.secondsPerRequest;
  // A measured run fixes P/a + C/b; a and b keep the model's split between prefill and decode.
  const k = pred.secondsPerRequest / seconds;
  const rates: SaturationRates = { requestsPerS: 1 / seconds, outputTokPerS: C / seconds, throughputTokPerS: (P + C) / seconds };
  const band = run ? null : cal.band;
  const efficiency = cal.fit.efficiency;
  return {
    estimate: {
      model: arch.id,
      modelName: arch.name,
      gpu: gpu.id,
      gpuName: gpu.name,
      precision,
      gpuCount: replica.gpuCount,
      promptTokens: P,
      completionTokens: C,
      replica,
      prefillTokPerS: pred.prefillTokPerS * k,
      decodeTokPerS: pred.decodeTokPerS * k,
      decodeBatch: pred.decodeBatch,
      decodeBound: pred.decodeBound,
      rates,
      range: { requestsPerS: scale(rates.requestsPerS, band), outputTokPerS: scale(rates.outputTokPerS, band), throughputTokPerS: scale(rates.throughputTokPerS, band) },
      measured: run !== undefined,
      basis: run
        ? `measured: ${run.source}`
        : `performance model calibrated on ${cal.runs.length} measured vLLM runs (compute ${(100 * efficiency.compute).toFixed(0)} % at 1 PFLOP/s, exponent ${efficiency.computeExponent.toFixed(2)}, bandwidth ${(100 * efficiency.bandwidth).toFixed(0)} %, MoE ×${efficiency.moe.toFixed(2)}, ${(1000 * efficiency.requestOverheadS).toFixed(1)} ms/request); range = 10th–90th percentile of leave-one-deployment-out ratios`,
    },
  };
}

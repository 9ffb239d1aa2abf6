import type { Baseline, Catalog, Provenance } from '../catalog/schema';
import { baselinesFor, findGpu, findModel, findScaling, type ScalingStep } from '../catalog/lookup';
import { assumption, type Assumption } from '../assumptions';
import { perfThroughput, type PerfOptions } from '../perf/as-throughput';
import { calibrationFor } from '../perf/calibrated';
import { findArch, findGpuSpec } from '../catalog/arch';
import type { Precision } from '../catalog/arch-schema';
import { fitLinearShape, leaveOneOut, predictSeconds, type LeaveOneOut, type LinearShapeFit, type ShapePoint } from './interpolation';

/** A benchmarked workload profile, usable directly (its rates scaled when the GPU differs). */
export interface MeasuredProfile {
  workload: string;
  promptTokens: number;
  completionTokens: number;
  /** Replica throughput in total tokens/s (input rate × prefill multiplier + output rate × decode multiplier). */
  totalTokPerS: number;
  baseline: Baseline;
}

/** What one replica of a (model, GPU) does, from benchmarks. */
export interface ReplicaThroughput {
  model: string;
  gpu: string;
  gpuCount: number;
  measured: MeasuredProfile[];
  /** Fitted prefill rate a and decode rate b (tokens/s per replica) on the target GPU, null when not fittable. */
  prefillTokPerS: number | null;
  decodeTokPerS: number | null;
  fit: LinearShapeFit | null;
  leaveOneOut: LeaveOneOut | null;
  scaledFrom: { gpu: string; step: ScalingStep } | null;
  assumptions: Assumption[];
}

export type ThroughputLookup = { throughput: ReplicaThroughput } | { unavailable: string };

export type RequestSeconds = { seconds: number; method: 'measured' | 'fitted' };

function fitPoints(baselines: readonly Baseline[]): ShapePoint[] {
  return baselines
    .filter((b) => !b.excludeFromFit)
    .map((b) => ({
      promptTokens: b.meanPromptTokens,
      completionTokens: b.meanCompletionTokens,
      seconds: (b.meanPromptTokens + b.meanCompletionTokens) / b.totalTokPerS,
      label: b.workload,
    }));
}

/** The GPU count most runs of this (model, GPU) used: runs on other replica sizes are not comparable. */
function mainGpuCount(list: readonly Baseline[]): number {
  const counts = new Map<number, number>();
  for (const b of list) counts.set(b.gpuCount, (counts.get(b.gpuCount) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]![0];
}

function chooseBase(cat: Catalog, throughputModel: string, targetGpu: string, preferred?: string) {
  const gpusWithRuns = [...new Set(cat.baselines.filter((b) => b.model.toLowerCase() === throughputModel.toLowerCase()).map((b) => b.gpu))];
  // Runs measured on the target GPU itself (e.g. an imported `vllm bench serve` result) beat any scaling.
  const target = gpusWithRuns.find((g) => g.toLowerCase() === targetGpu.toLowerCase());
  const first = [target, preferred].filter((g): g is string => g !== undefined);
  const ordered = [...new Set([...first, ...gpusWithRuns])];
  for (const g of ordered) {
    const runs = baselinesFor(cat, throughputModel, g);
    if (runs.length === 0) continue;
    const step = findScaling(cat, g, targetGpu);
    if (step) return { gpu: g, runs, step };
  }
  return undefined;
}

function scalingProvenance(step: ScalingStep): Provenance {
  const parts = step.from.map((s) => `${s.from}→${s.to} prefill ×${s.prefill}, decode ×${s.decode} (${s.source})`);
  return {
    status: 'estimated',
    source: (step.inverted ? 'inverse of ' : '') + parts.join(' then '),
    date: step.from[0]?.date ?? '',
  };
}

// A catalog object never changes (an import builds a new one): its lookups are computed once. The ranking
// of every model × GPU (pipeline/ranking.ts) re-prices them on each panel change.
const memo = new WeakMap<Catalog, Map<string, ThroughputLookup>>();

export function resolveThroughput(cat: Catalog, modelId: string, gpuId: string, perf: PerfOptions = {}): ThroughputLookup {
  const key = JSON.stringify([modelId, gpuId, perf.precision ?? null, perf.gpuCount ?? null]);
  let byKey = memo.get(cat);
  if (!byKey) memo.set(cat, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const found = lookupThroughput(cat, modelId, gpuId, perf);
  byKey.set(key, found);
  return found;
}

function lookupThroughput(cat: Catalog, modelId: string, gpuId: string, perf: PerfOptions): ThroughputLookup {
  const model = findModel(cat, modelId);
  const gpu = findGpu(cat, gpuId);
  if (!gpu) return { unavailable: `unknown GPU "${gpuId}" (known: ${cat.gpus.map((g) => g.id).join(', ')})` };
  // A precision or replica size of the user's choice, or no baseline to scale: the performance model.
  if (perf.precision !== undefined || perf.gpuCount !== undefined) return perfThroughput(cat, modelId, gpu.id, perf);
  const tm = model?.throughputModel ?? modelId;
  const base = chooseBase(cat, tm, gpu.id, model?.articleBaseGpu);
  if (!base) {
    const viaModel = perfThroughput(cat, modelId, gpu.id);
    if ('throughput' in viaModel) return viaModel;
    return { unavailable: `no vLLM throughput baseline for model "${modelId}" that can be scaled to ${gpu.name}; ${viaModel.unavailable}` };
  }

  const count = mainGpuCount(base.runs);
  const runs = base.runs.filter((b) => b.gpuCount === count);
  const { step } = base;
  const assumptions: Assumption[] = [];
  const first = runs[0]!;
  assumptions.push(
    assumption(
      'selfHost.baseline',
      `vLLM baseline runs (${first.measuredModel ?? tm}, ${count}× ${base.gpu.toUpperCase()}, ${first.engine})`,
      runs.map((r) => r.workload).join(', '),
      first,
    ),
  );
  if (model && model.throughputModel.toLowerCase() !== model.id.toLowerCase()) {
    assumptions.push(assumption('selfHost.proxyModel', `Throughput of ${model.name} taken from ${model.throughputModel}`, model.throughputModel, model));
  }
  if (step.from.length > 0) {
    const prov = scalingProvenance(step);
    assumptions.push(assumption('selfHost.prefillMultiplier', `Prefill multiplier ${base.gpu}→${gpu.id}`, round(step.prefill, 4), prov));
    assumptions.push(assumption('selfHost.decodeMultiplier', `Decode multiplier ${base.gpu}→${gpu.id}`, round(step.decode, 4), prov));
  }

  const measured: MeasuredProfile[] = runs.map((b) => ({
    workload: b.workload,
    promptTokens: b.meanPromptTokens,
    completionTokens: b.meanCompletionTokens,
    totalTokPerS: b.inputTokPerS * step.prefill + b.outputTokPerS * step.decode,
    baseline: b,
  }));
  const points = fitPoints(runs);
  const fit = fitLinearShape(points);
  const loo = leaveOneOut(points);
  const scaledFit = fit
    ? { secondsPerPromptToken: fit.secondsPerPromptToken / step.prefill, secondsPerCompletionToken: fit.secondsPerCompletionToken / step.decode }
    : null;
  if (scaledFit) {
    const unpredictable = loo ? loo.points.filter((p) => p.relativeError === null).map((p) => p.label) : [];
    const looText = loo
      ? `leave-one-out error on the ${points.length} benchmark points: mean ${(100 * loo.meanAbsRelativeError).toFixed(1)} %, max ${(100 * loo.maxAbsRelativeError).toFixed(1)} %` +
        (unpredictable.length ? ` (${unpredictable.join(', ')}: not predictable from the other runs)` : '')
      : 'too few points for a leave-one-out check';
    assumptions.push(
      assumption('selfHost.interpolation', 'Unbenchmarked shapes: replica-seconds = P/a + C/b, fitted (non-negative, relative least squares)', looText, {
        status: 'derived',
        source: `fitted on the ${points.length} baseline runs above`,
        date: first.date,
      }),
    );
  }
  const scaledFrom = step.from.length > 0 ? { gpu: base.gpu, step } : null;
  if (!scaledFit) {
    // One measured shape cannot split a replica-second into prefill and decode: the performance model
    // gives a and b for this very deployment, and the measured shape still prices itself (requestSeconds).
    const viaModel = perfThroughput(cat, modelId, gpu.id, { precision: measuredPrecision(cat, tm, base.gpu, count), gpuCount: count });
    if ('throughput' in viaModel) return { throughput: { ...viaModel.throughput, measured, scaledFrom, assumptions: [...assumptions, ...viaModel.throughput.assumptions] } };
  }
  return {
    throughput: {
      model: model?.id ?? modelId,
      gpu: gpu.id,
      gpuCount: count,
      measured,
      prefillTokPerS: scaledFit ? 1 / scaledFit.secondsPerPromptToken : null,
      decodeTokPerS: scaledFit ? 1 / scaledFit.secondsPerCompletionToken : null,
      fit: scaledFit,
      leaveOneOut: loo,
      scaledFrom,
      assumptions,
    },
  };
}

/**
 * Replica-seconds for one request: the measured throughput when the workload is a benchmarked
 * profile, else the interpolation model. null when neither is available.
 */
export function requestSeconds(tp: ReplicaThroughput, promptTokens: number, completionTokens: number, workload?: string): RequestSeconds | null {
  const m = workload ? tp.measured.find((p) => p.workload === workload) : undefined;
  if (m) return { seconds: (promptTokens + completionTokens) / m.totalTokPerS, method: 'measured' };
  if (tp.fit) return { seconds: predictSeconds(tp.fit, promptTokens, completionTokens), method: 'fitted' };
  return null;
}

/** The weight precision of the measured runs of a deployment (from the checkpoint's name, as the calibration reads it). */
export function measuredPrecision(cat: Catalog, model: string, gpu: string, gpuCount: number): Precision | undefined {
  const arch = findArch(model);
  const spec = findGpuSpec(gpu);
  return calibrationFor(cat)?.runs.find((r) => r.arch.id === arch?.id && r.gpu.id === spec?.id && r.gpuCount === gpuCount)?.precision;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

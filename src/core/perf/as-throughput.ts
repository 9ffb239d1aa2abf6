import type { Catalog } from '../catalog/schema';
import type { Precision } from '../catalog/arch-schema';
import { findArch, findGpuSpec, hasHardwareCatalog } from '../catalog/arch';
import { findGpu } from '../catalog/lookup';
import { assumption } from '../assumptions';
import type { MeasuredProfile, ReplicaThroughput, ThroughputLookup } from '../engine/throughput';
import { fitLinearShape, type ShapePoint } from '../engine/interpolation';
import { calibrationFor } from './calibrated';
import { fitReplica } from './memory-fit';
import { maxNumSeqs } from './vllm-defaults';
import { predictRates } from './roofline';

export interface PerfOptions {
  precision?: Precision | undefined;
  gpuCount?: number | undefined;
}

/**
 * The performance model in the engine's shape (one replica, one a and b): the model's predictions for
 * the catalog's workload shapes, summarised by the same P/a + C/b least-squares fit the measured runs
 * get, so a scenario on an unmeasured model × GPU prices like a measured one, with "estimated" on it.
 * Measured runs of exactly this deployment are kept as measured profiles (they win for their shape).
 */
export function perfThroughput(cat: Catalog, modelId: string, gpuId: string, opts: PerfOptions = {}): ThroughputLookup {
  if (!hasHardwareCatalog()) return { unavailable: `no vLLM baseline for model "${modelId}" and no architecture tables loaded` };
  const arch = findArch(modelId);
  const spec = findGpuSpec(gpuId);
  const gpu = findGpu(cat, gpuId);
  if (!arch) return { unavailable: `no vLLM baseline and no architecture data for model "${modelId}" (see \`agentcost models\`)` };
  if (!spec || !gpu) return { unavailable: `no specs for GPU "${gpuId}"` };
  const cal = calibrationFor(cat);
  if (!cal) return { unavailable: 'no measured runs to calibrate the performance model on' };
  const precision = opts.precision ?? arch.nativePrecision;
  const shapes = cat.workloads.map((w) => ({ label: w.id, P: w.promptTokens ?? 217, C: w.completionTokens ?? 200 }));
  const longest = Math.max(...shapes.map((s) => s.P + s.C));
  // The smallest replica that holds one sequence of the catalog's longest shape (what vLLM needs to start
  // with that max-model-len), or the size asked for; its batch size then follows from the free memory.
  const fit = fitReplica(arch, spec, precision, Math.min(longest, arch.maxContext), 1, opts.gpuCount);
  if (!fit.fits) return { unavailable: `${arch.name} (${precision}) on ${gpu.name}: ${fit.reason}` };
  const n = fit.gpuCount;
  const points: ShapePoint[] = [];
  for (const s of shapes) {
    const p = predictRates(arch, spec, precision, n, { promptTokens: s.P, completionTokens: s.C, concurrency: maxNumSeqs(spec) }, cal.fit.efficiency);
    if (p) points.push({ promptTokens: s.P, completionTokens: s.C, seconds: p.secondsPerRequest, label: s.label });
  }
  const lin = fitLinearShape(points);
  if (!lin) return { unavailable: `${arch.name} on ${gpu.name}: the performance model gives no rates for the catalog's workload shapes` };
  const measured: MeasuredProfile[] = cat.baselines
    .filter((b) => findArch(b.model)?.id === arch.id && findGpuSpec(b.gpu)?.id === spec.id && b.gpuCount === n && !b.excludeFromFit)
    .filter((b) => cal.runs.some((r) => r.arch.id === arch.id && r.gpu.id === spec.id && r.gpuCount === n && r.precision === precision && r.promptTokens === b.meanPromptTokens))
    .map((b) => ({ workload: b.workload, promptTokens: b.meanPromptTokens, completionTokens: b.meanCompletionTokens, totalTokPerS: b.totalTokPerS, baseline: b }));
  const e = cal.fit.efficiency;
  const band = cal.band ? `${cal.band.low.toFixed(2)}×–${cal.band.high.toFixed(2)}×` : 'unknown';
  const tp: ReplicaThroughput = {
    model: arch.id,
    gpu: gpu.id,
    gpuCount: n,
    measured,
    prefillTokPerS: 1 / lin.secondsPerPromptToken,
    decodeTokPerS: 1 / lin.secondsPerCompletionToken,
    fit: lin,
    leaveOneOut: null,
    scaledFrom: null,
    assumptions: [
      assumption(
        'selfHost.performanceModel',
        `Throughput of ${arch.name} (${precision}) on ${n}× ${gpu.name} from the performance model`,
        `throughput range ${band} of the estimate (10th–90th percentile, leave-one-deployment-out)`,
        {
          status: 'estimated',
          source: `FLOP/byte counts of ${arch.hfIds[0]} and ${gpu.name} specs; efficiency fitted on ${cal.runs.length} measured vLLM runs (compute ${e.compute.toFixed(2)}, exponent ${e.computeExponent.toFixed(2)}, bandwidth ${e.bandwidth.toFixed(2)}, MoE ${e.moe.toFixed(2)}, ${(e.requestOverheadS * 1000).toFixed(1)} ms/request); docs/calibration.md`,
          date: arch.date,
        },
      ),
    ],
  };
  return { throughput: tp };
}

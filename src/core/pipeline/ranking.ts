/**
 * "Which open model on which GPU is cheapest for my traces": every catalog model × GPU type × precision
 * (the native one, and FP8 for a 16-bit model) on the smallest replica that holds the workload's context,
 * priced per task at k exactly as `--model M --gpu G [--precision P]` prices it (resolveScenario, then
 * `project`), with the range of the throughput band. Sorted by the point cost. Pure.
 */
import type { Catalog } from '../catalog/schema';
import type { Precision } from '../catalog/arch-schema';
import { findArch, findGpuSpec, hardwareCatalog, hasHardwareCatalog } from '../catalog/arch';
import { agenticStep } from '../engine/agentic';
import { measuredPrecision } from '../engine/throughput';
import { fitReplica } from '../perf/memory-fit';
import { costRange, throughputBand } from '../perf/ranges';
import { selfHostInputOutputPerM } from '../perf/split-cost';
import { resolveScenario, type ResolvedScenario, type ScenarioFlags } from '../scenario';
import type { RankingResult, RankingRow } from './ranking-types';
import { project } from './project';
import type { KChoice, Workload } from './workload';

export type { RankingResult, RankingRow };

export interface RankingRequest {
  workload: Workload;
  k: KChoice;
  /** false: self-host without prefix reuse. */
  cache: boolean;
  /** The user's utilization and overhead (undefined: the catalog's defaults). GPU prices are each GPU's catalog price. */
  utilization?: number | undefined;
  overhead?: number | undefined;
  /** The deployment currently chosen (marked in the table). */
  current?: { model: string; gpu: string; precision?: Precision | undefined } | undefined;
}

/** The precisions a model is ranked at: its native one, and FP8 for a 16-bit checkpoint (FP4 is a quality choice, not ranked). */
export function rankedPrecisions(native: Precision): Precision[] {
  return native === 'bf16' || native === 'fp16' ? [native, 'fp8'] : [native];
}

// The ranking resolves hundreds of deployments; a panel change of model, GPU, k or workload re-ranks with
// the same ones. A catalog never changes (an import builds a new one), so they are kept per catalog.
const resolved = new WeakMap<Catalog, Map<string, ResolvedScenario>>();
const MEMO_LIMIT = 20000;

function resolveOnce(cat: Catalog, flags: ScenarioFlags): ResolvedScenario {
  let byKey = resolved.get(cat);
  if (!byKey) resolved.set(cat, (byKey = new Map()));
  const key = JSON.stringify([flags.model, flags.gpu, flags.precision ?? null, flags.gpuCount ?? null, flags.utilization ?? null, flags.overhead ?? null]);
  const hit = byKey.get(key);
  if (hit) return hit;
  if (byKey.size >= MEMO_LIMIT) byKey.clear();
  const s = resolveScenario(cat, {}, flags);
  byKey.set(key, s);
  return s;
}

function basisOf(s: ResolvedScenario): RankingRow['basis'] {
  const tp = s.throughput;
  if (!tp || tp.assumptions.some((a) => a.id === 'selfHost.performanceModel')) return 'estimated';
  return tp.scaledFrom ? 'scaled' : 'measured';
}


export function rankSelfHost(cat: Catalog, req: RankingRequest): RankingResult {
  const step = agenticStep(req.workload.params, req.k.k);
  const context = Math.ceil(step.input + step.output);
  const out: RankingResult = { k: req.k.k, kLabel: req.k.label, context, rows: [], excluded: [] };
  if (!hasHardwareCatalog()) return out;
  const cur = req.current;
  const curArch = cur ? findArch(cur.model)?.id : undefined;
  const curGpu = cur ? findGpuSpec(cur.gpu)?.id : undefined;
  const rows: Omit<RankingRow, 'rank'>[] = [];
  for (const arch of hardwareCatalog().models) {
    for (const gpu of cat.gpus) {
      const spec = findGpuSpec(gpu.id);
      if (!spec) continue;
      const flags = { model: arch.id, gpu: gpu.id, utilization: req.utilization, overhead: req.overhead, origin: 'ranking' };
      const byDefault = resolveOnce(cat, flags);
      const tp = byDefault.throughput;
      // the default lookup's precision: the measured runs' where they give the rates, else the native one
      const defaultPrecision = tp && tp.measured.length > 0 ? (measuredPrecision(cat, tp.model, tp.scaledFrom?.gpu ?? tp.gpu, tp.gpuCount) ?? arch.nativePrecision) : arch.nativePrecision;
      for (const precision of rankedPrecisions(arch.nativePrecision)) {
        const skip = (reason: string) => out.excluded.push({ model: arch.id, gpu: gpu.id, precision, reason });
        if (context > arch.maxContext) {
          skip(`a task's context at k = ${req.k.k} (${context} tokens) exceeds ${arch.name}'s maximum of ${arch.maxContext}`);
          continue;
        }
        let s = precision === defaultPrecision ? byDefault : resolveOnce(cat, { ...flags, precision });
        // the replica must hold one sequence of the workload's longest context: the smallest that does
        const n = s.economics?.gpuCount;
        if (s.selfHost && n !== undefined && !fitReplica(arch, spec, precision, context, 1, n).fits) {
          const bigger = fitReplica(arch, spec, precision, context, 1);
          s = bigger.fits && bigger.gpuCount > n ? resolveOnce(cat, { ...flags, precision, gpuCount: bigger.gpuCount }) : s;
          if (!bigger.fits) {
            skip(`one sequence of ${context} tokens does not fit: ${bigger.reason}`);
            continue;
          }
        }
        if (!s.selfHost || !s.economics) {
          skip(s.problems.filter((p) => !/API price|api\./i.test(p)).join('; ') || 'self-host not priced');
          continue;
        }
        const p = project({ workload: req.workload, k: req.k, api: null, selfHost: s.selfHost, cache: req.cache });
        const cost = p.perTask.selfHostReuse;
        if (cost === null || !Number.isFinite(cost)) {
          skip(p.problems.join('; ') || 'no cost per task');
          continue;
        }
        const band = s.throughput ? throughputBand(cat, s.throughput) : null;
        const split = selfHostInputOutputPerM(s.selfHost.costPerReplicaSecond, s.selfHost.prefillTokPerS, s.selfHost.decodeTokPerS);
        const basis = basisOf(s);
        rows.push({
          model: arch.id,
          modelName: arch.name,
          gpu: gpu.id,
          gpuName: gpu.name,
          precision,
          gpuCount: s.economics.gpuCount,
          usdPerGpuHour: s.economics.usdPerGpuHour,
          costPerTask: cost,
          range: band ? costRange(cost, band) : null,
          band,
          inputPerM: split.inputPerM,
          outputPerM: split.outputPerM,
          basis,
          status: basis === 'measured' ? 'derived' : 'estimated',
          current: arch.id === curArch && spec.id === curGpu && (cur?.precision ?? defaultPrecision) === precision,
        });
      }
    }
  }
  rows.sort((a, b) => a.costPerTask - b.costPerTask || a.model.localeCompare(b.model) || a.gpu.localeCompare(b.gpu) || a.precision.localeCompare(b.precision));
  out.rows = rows.map((r, i) => ({ rank: i + 1, ...r }));
  return out;
}

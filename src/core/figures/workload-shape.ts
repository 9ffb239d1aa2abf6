import type { Catalog } from '../catalog/schema';
import { findWorkload } from '../catalog/lookup';
import type { ReplicaThroughput } from '../engine/throughput';

export interface WorkloadShape {
  workload: string;
  promptTokens: number;
  completionTokens: number;
}

/**
 * The (P, C) of a workload profile for one model: the measured means of that model's benchmark run
 * when there is one (ShareGPT has no fixed lengths), else the profile's nominal lengths.
 */
export function workloadShape(cat: Catalog, workloadId: string, tp: ReplicaThroughput | null): WorkloadShape | null {
  const run = tp?.measured.find((m) => m.workload === workloadId);
  if (run) return { workload: workloadId, promptTokens: run.promptTokens, completionTokens: run.completionTokens };
  const w = findWorkload(cat, workloadId);
  if (!w || w.promptTokens === null || w.completionTokens === null) return null;
  return { workload: w.id, promptTokens: w.promptTokens, completionTokens: w.completionTokens };
}

/**
 * Figures 1–3 for a set of scenarios, assembled once: the panel, `agentcost compare` and
 * `agentcost reproduce-article` all call `singlePassFigures`. The utilization sweep and the zone
 * limits come from the catalog (selfHostDefaults.utilizationSweep, .zones), here only. Pure.
 */
import type { Catalog } from '../catalog/schema';
import type { ResolvedScenario } from '../scenario';
import { breakEven, utilizationCurve, utilizationSteps, workloadCost, type BreakEvenRow, type UtilizationPoint, type WorkloadCostRow } from './single-pass';

/** Figure 2's step between utilization points. */
export const UTILIZATION_STEP = 0.05;

export interface SinglePassFigures {
  figure1: WorkloadCostRow[];
  figure2: UtilizationPoint[];
  figure3: BreakEvenRow[];
  /** Figure 3's zone limits: green ≤ greenMax < yellow ≤ yellowMax < red. */
  zones: { greenMax: number; yellowMax: number };
}

export interface FigureOptions {
  /** Figure 1's workloads (default: the article's Figure 1 workloads). */
  workloads?: readonly string[] | undefined;
  /** Figure 2's workload (default: sharegpt, the article's). */
  curveWorkload?: string | undefined;
}

/** The catalog's utilization sweep (the article's 30–90 %). */
export function utilizationSweep(cat: Catalog): number[] {
  const [lo, hi] = cat.selfHostDefaults.utilizationSweep;
  return utilizationSteps(lo, hi, UTILIZATION_STEP);
}

export function singlePassFigures(cat: Catalog, scenarios: readonly ResolvedScenario[], opts: FigureOptions = {}): SinglePassFigures {
  const workloads = opts.workloads ?? cat.article.figure1Workloads;
  const sweep = utilizationSweep(cat);
  return {
    figure1: scenarios.flatMap((s) => workloads.map((w) => workloadCost(cat, s, w)).filter((r): r is WorkloadCostRow => r !== null)),
    figure2: scenarios.flatMap((s) => utilizationCurve(cat, s, opts.curveWorkload ?? 'sharegpt', sweep)),
    figure3: scenarios.flatMap((s) => cat.archetypes.filter((a) => a.workloads.length > 0).map((a) => breakEven(cat, s, a.id, a.workloads))),
    zones: cat.selfHostDefaults.zones,
  };
}

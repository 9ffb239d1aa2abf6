import type { Catalog } from '../catalog/schema';
import type { ResolvedScenario } from '../scenario';
import { apiBlendedPerM } from '../engine/api-cost';
import { breakEvenUtilization, zoneOf, type Zone } from '../engine/breakeven';
import { costPerReplicaSecond, selfHostPerM } from '../engine/selfhost-cost';
import { requestSeconds } from '../engine/throughput';
import { workloadShape, type WorkloadShape } from './workload-shape';
import { breakEvenRangeOf, figureBand, selfHostRange, type CostRange } from '../pipeline/self-host-range';

export type Cheaper = 'api' | 'selfHost' | null;

/** Figure 1: API vs self-host $ per 1M total tokens for one workload. */
export interface WorkloadCostRow extends WorkloadShape {
  model: string;
  apiPerM: number | null;
  selfHostPerM: number | null;
  cheaper: Cheaper;
  /** 'measured': the benchmarked profile's throughput; 'fitted': the interpolation model. */
  throughputMethod: 'measured' | 'fitted' | null;
  /** selfHostPerM under the throughput band (self-host-range.ts); null without a band. */
  selfHostPerMRange: CostRange;
}

function cheaperOf(api: number | null, self: number | null): Cheaper {
  if (api === null || self === null) return null;
  return self < api ? 'selfHost' : 'api';
}

/** Replica-seconds and $ per 1M at a given utilization for a shape; null when self-host is not priced. */
function selfHostAt(s: ResolvedScenario, shape: WorkloadShape, utilization: number) {
  if (!s.economics || !s.throughput) return null;
  const secs = requestSeconds(s.throughput, shape.promptTokens, shape.completionTokens, shape.workload);
  if (!secs) return null;
  const c = costPerReplicaSecond({ ...s.economics, utilization });
  return { perM: selfHostPerM(c, secs.seconds, shape.promptTokens, shape.completionTokens), method: secs.method };
}

export function workloadCost(cat: Catalog, s: ResolvedScenario, workloadId: string): WorkloadCostRow | null {
  const shape = workloadShape(cat, workloadId, s.throughput);
  if (!shape) return null;
  const api = s.api ? apiBlendedPerM(s.api, shape.promptTokens, shape.completionTokens) : null;
  const self = s.economics ? selfHostAt(s, shape, s.economics.utilization) : null;
  return {
    model: s.model,
    ...shape,
    apiPerM: api,
    selfHostPerM: self?.perM ?? null,
    cheaper: cheaperOf(api, self?.perM ?? null),
    throughputMethod: self?.method ?? null,
    selfHostPerMRange: selfHostRange(self?.perM, figureBand(cat, s)),
  };
}

/** Figure 2: self-host $ per 1M vs utilization for one workload, with the flat API line. */
export interface UtilizationPoint {
  model: string;
  workload: string;
  utilization: number;
  selfHostPerM: number | null;
  apiPerM: number | null;
  /** selfHostPerM under the throughput band (Figure 2's band); null without a band. */
  selfHostPerMRange: CostRange;
}

export function utilizationCurve(cat: Catalog, s: ResolvedScenario, workloadId: string, utilizations: readonly number[]): UtilizationPoint[] {
  const shape = workloadShape(cat, workloadId, s.throughput);
  if (!shape) return [];
  const api = s.api ? apiBlendedPerM(s.api, shape.promptTokens, shape.completionTokens) : null;
  const band = figureBand(cat, s);
  return utilizations.map((u) => {
    const self = selfHostAt(s, shape, u)?.perM ?? null;
    return { model: s.model, workload: workloadId, utilization: u, selfHostPerM: self, apiPerM: api, selfHostPerMRange: selfHostRange(self, band) };
  });
}

/** Figure 3: break-even utilization of a model for an archetype (an equal-request mix of its workloads). */
export interface BreakEvenRow {
  model: string;
  archetype: string;
  workloads: string[];
  breakEvenUtilization: number | null;
  zone: Zone | null;
  /** Break-even utilization under the throughput band; null without a band (or without a point). */
  breakEvenUtilizationRange: CostRange;
  /** True when that range reaches another zone than the point's: the zone is uncertain. Null without a range. */
  uncertainZone: boolean | null;
}

export function breakEven(cat: Catalog, s: ResolvedScenario, archetypeId: string, workloadIds: readonly string[]): BreakEvenRow {
  let selfDollars = 0;
  let apiDollars = 0;
  let tokens = 0;
  let ok = s.api !== null;
  for (const w of workloadIds) {
    const shape = workloadShape(cat, w, s.throughput);
    const self = shape ? selfHostAt(s, shape, 1) : null;
    if (!shape || !self || !s.api) {
      ok = false;
      break;
    }
    const n = shape.promptTokens + shape.completionTokens;
    selfDollars += (self.perM * n) / 1e6;
    apiDollars += (apiBlendedPerM(s.api, shape.promptTokens, shape.completionTokens) * n) / 1e6;
    tokens += n;
  }
  const u = ok && tokens > 0 && apiDollars > 0 ? breakEvenUtilization(selfDollars, apiDollars) : null;
  const r = u === null ? null : breakEvenRangeOf(selfDollars, apiDollars, figureBand(cat, s), cat.selfHostDefaults.zones);
  return {
    model: s.model,
    archetype: archetypeId,
    workloads: [...workloadIds],
    breakEvenUtilization: u,
    zone: u === null ? null : zoneOf(u, cat.selfHostDefaults.zones),
    breakEvenUtilizationRange: r?.range ?? null,
    uncertainZone: r?.uncertainZone ?? null,
  };
}

/** Utilization steps from lo to hi inclusive. */
export function utilizationSteps(lo: number, hi: number, step = 0.05): number[] {
  const out: number[] = [];
  const n = Math.round((hi - lo) / step);
  for (let i = 0; i <= n; i++) out.push(Math.round((lo + i * step) * 1000) / 1000);
  return out;
}

import type { Baseline, Catalog } from '../catalog/schema';
import { leaveOneOut } from '../engine/interpolation';
import type { ReplicaThroughput } from '../engine/throughput';
import { agenticTable, crossoverK, type AgenticParams, type SelfHostRates } from '../engine/agentic';
import type { ApiPrices } from '../engine/api-cost';
import { breakEvenUtilization, zoneOf, type Zone, type ZoneBounds } from '../engine/breakeven';
import { calibrationFor } from './calibrated';
import { quantile, type RatioBand } from './uncertainty';

/**
 * The uncertainty of a replica's throughput as multipliers on it (measured/predicted, 10th–90th
 * percentile), by where its rates come from:
 * - a measured profile: none (null band, the number is a measurement);
 * - the interpolation on measured runs: its own leave-one-out ratios pooled over every fitted group;
 * - a GPU scaling or the performance model: the performance model's leave-one-deployment-out ratios
 *   (a transfer to a GPU or model nothing was measured on).
 */
export interface ThroughputBand extends RatioBand {
  from: 'interpolation leave-one-out' | 'performance model, deployment left out';
}

export function throughputBand(cat: Catalog, tp: ReplicaThroughput): ThroughputBand | null {
  if (tp.scaledFrom === null && tp.leaveOneOut !== null) {
    const pooled = interpolationRatios(cat);
    if (pooled.length >= 3) return { low: quantile(pooled, 0.1), high: quantile(pooled, 0.9), runs: pooled.length, from: 'interpolation leave-one-out' };
  }
  const band = calibrationFor(cat)?.band ?? null;
  return band ? { ...band, from: 'performance model, deployment left out' } : null;
}

/** measured/predicted throughput = predicted/measured seconds = 1 + the interpolation's relative error. */
function interpolationRatios(cat: Catalog): number[] {
  const groups = new Map<string, Baseline[]>();
  for (const b of cat.baselines.filter((x) => !x.excludeFromFit)) {
    const k = `${b.model}|${b.gpu}|${b.gpuCount}`.toLowerCase();
    groups.set(k, [...(groups.get(k) ?? []), b]);
  }
  const out: number[] = [];
  for (const list of groups.values()) {
    const loo = leaveOneOutOf(list);
    for (const e of loo) out.push(1 + e);
  }
  return out.sort((a, b) => a - b);
}

function leaveOneOutOf(list: readonly Baseline[]): number[] {
  const loo = leaveOneOut(list.map((b) => ({ promptTokens: b.meanPromptTokens, completionTokens: b.meanCompletionTokens, seconds: (b.meanPromptTokens + b.meanCompletionTokens) / b.totalTokPerS, label: b.workload })));
  return (loo?.points ?? []).flatMap((p) => (p.relativeError === null ? [] : [p.relativeError]));
}

export type Interval = [number, number];

/** A throughput band applied to self-host rates: both a and b times the multiplier (faster ⇒ cheaper). */
export function scaleRates(rates: SelfHostRates, factor: number): SelfHostRates {
  return { ...rates, prefillTokPerS: rates.prefillTokPerS * factor, decodeTokPerS: rates.decodeTokPerS * factor };
}

/** Self-host $ (per 1M, per task, anything linear in replica-seconds) under the band: [cost/high, cost/low]. */
export function costRange(cost: number, band: RatioBand | null): Interval {
  return band ? [cost / band.high, cost / band.low] : [cost, cost];
}

/**
 * Break-even utilization as a range: u* is proportional to replica-seconds, so it divides by the
 * throughput multiplier. `uncertainZone` when the range crosses a zone boundary.
 */
export function breakEvenRange(
  selfHostPerMAtFullUtilization: number,
  apiPerM: number,
  band: RatioBand | null,
  bounds?: ZoneBounds,
): { point: number; range: Interval; zone: Zone; uncertainZone: boolean } {
  const point = breakEvenUtilization(selfHostPerMAtFullUtilization, apiPerM);
  const range = costRange(point, band);
  const zone = zoneOf(point, bounds);
  return { point, range, zone, uncertainZone: zoneOf(range[0], bounds) !== zone || zoneOf(range[1], bounds) !== zone };
}

/**
 * Crossover k (vs each API mode) as a range: the k with the fastest rates of the band (high) and with
 * the slowest (low); null where self-hosting never wins up to kMax.
 */
export function crossoverRange(
  p: AgenticParams,
  kMax: number,
  api: ApiPrices,
  selfHost: SelfHostRates,
  band: RatioBand | null,
): { vsApiNoCache: [number | null, number | null]; vsApiCached: [number | null, number | null] } {
  const at = (f: number) => crossoverK(agenticTable(p, kMax, api, scaleRates(selfHost, f)));
  const fast = at(band?.high ?? 1);
  const slow = at(band?.low ?? 1);
  return { vsApiNoCache: [fast.vsApiNoCache, slow.vsApiNoCache], vsApiCached: [fast.vsApiCached, slow.vsApiCached] };
}

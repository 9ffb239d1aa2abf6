/**
 * The range every self-host figure carries (issue 13, "Honest uncertainty"): the point estimate
 * divided by the 10th–90th percentile throughput multipliers of the throughput it was computed
 * with (src/core/perf/ranges.ts `throughputBand`). The pipeline, the figures, the CLI and the
 * editor take their ranges from here only. API costs carry none: they are linear in tokens at list
 * prices. A range is null where there is no band (rates the user typed in, no calibration data),
 * never a zero-width guess. Pure.
 */
import type { Catalog } from '../catalog/schema';
import type { ModeCosts } from '../engine/agentic';
import type { ZoneBounds } from '../engine/breakeven';
import type { ApiPrices } from '../engine/api-cost';
import type { SelfHostRates } from '../engine/agentic';
import type { AnalysisSummary } from '../inference/summary';
import { breakEvenRange, costRange, crossoverRange, throughputBand, type ThroughputBand } from '../perf/ranges';
import type { RatioBand } from '../perf/uncertainty';
import type { ResolvedScenario } from '../scenario';

export type { ThroughputBand };

/** [low, high] $ (or utilization); null: no band for this throughput, or the point itself is unknown. */
export type CostRange = [number, number] | null;

/** Crossover k with the fastest rates of the band, then the slowest; null at an end: no crossover up to k max. */
export type KRange = [number | null, number | null];

/** Figures 1–3 price with the scenario's catalog throughput (`requestSeconds`): its band. */
export function figureBand(cat: Catalog, s: Pick<ResolvedScenario, 'throughput'>): ThroughputBand | null {
  return s.throughput ? throughputBand(cat, s.throughput) : null;
}

/**
 * The band of the rates a projection uses (`scenario.selfHost`): the catalog throughput's, or null
 * when a scenario file set a and b itself (the user's numbers, not our estimate).
 */
export function ratesBand(cat: Catalog, s: Pick<ResolvedScenario, 'throughput' | 'selfHost'>): ThroughputBand | null {
  const tp = s.throughput;
  const r = s.selfHost;
  if (!tp || !r || r.prefillTokPerS !== tp.prefillTokPerS || r.decodeTokPerS !== tp.decodeTokPerS) return null;
  return throughputBand(cat, tp);
}

/** A self-host $ figure (anything linear in replica-seconds) as its range. */
export function selfHostRange(cost: number | null | undefined, band: RatioBand | null): CostRange {
  if (cost === null || cost === undefined || !Number.isFinite(cost) || !band) return null;
  return costRange(cost, band);
}

export interface SelfHostModeRanges {
  selfHostReuse: CostRange;
  selfHostNoReuse: CostRange;
}

/** The two self-host modes of a `ModeCosts` (per task, a Figure 4 row, a measured task) as ranges. */
export function modeRanges(c: Pick<ModeCosts, 'selfHostReuse' | 'selfHostNoReuse'>, band: RatioBand | null): SelfHostModeRanges {
  return { selfHostReuse: selfHostRange(c.selfHostReuse, band), selfHostNoReuse: selfHostRange(c.selfHostNoReuse, band) };
}

export interface BreakEvenRangeView {
  /** Break-even utilization under the band; null without a band. */
  range: CostRange;
  /** True when the range reaches another zone than the point's; null without a band. */
  uncertainZone: boolean | null;
}

/** Break-even utilization (self-host $ at 100 % / API $) as a range, and whether it crosses a zone limit. */
export function breakEvenRangeOf(selfHostAtFull: number, api: number, band: RatioBand | null, bounds: ZoneBounds): BreakEvenRangeView {
  if (!band || !(api > 0) || !Number.isFinite(selfHostAtFull)) return { range: null, uncertainZone: null };
  const r = breakEvenRange(selfHostAtFull, api, band, bounds);
  return { range: r.range, uncertainZone: r.uncertainZone };
}

/** The crossover k of `summarize` (analyzed traces, `agentcost analyze`) as a range; null without a band or a projection. */
export function summaryCrossoverRange(
  summary: Pick<AnalysisSummary, 'projection' | 'kMax'>,
  api: ApiPrices | null,
  selfHost: SelfHostRates | null,
  band: RatioBand | null,
): { vsApiNoCache: KRange; vsApiCached: KRange } | null {
  if (!band || !summary.projection || !api || !selfHost) return null;
  return crossoverRange(summary.projection, summary.kMax, api, selfHost, band);
}

import type { CalibrationRun } from './calibration-runs';
import { predictRates, type Efficiency } from './roofline';
import { runsWeightOnly } from './precision';

import { nelderMead } from './nelder-mead';

/** log(predicted / measured) seconds for one run; null when the run's shape does not fit the model's memory estimate. */
export function logRatio(run: CalibrationRun, eff: Efficiency): number | null {
  const p = predictRates(run.arch, run.gpu, run.precision, run.gpuCount, run, eff);
  return p ? Math.log(p.secondsPerRequest / run.seconds) : null;
}

export interface CalibrationFit {
  efficiency: Efficiency;
  /** Root mean square of log(predicted/measured) over the runs fitted. */
  rmsLogError: number;
  runs: number;
}

/** Parameters searched in log space; each is kept in a plausible band by a soft penalty. */
const PARAMS = [
  { key: 'compute', start: 0.4, lo: 0.01, hi: 1 },
  { key: 'computeExponent', start: 1, lo: 0.2, hi: 1.2 },
  { key: 'bandwidth', start: 0.6, lo: 0.05, hi: 1 },
  { key: 'moe', start: 0.5, lo: 0.02, hi: 1.5 },
  { key: 'requestOverheadS', start: 0.005, lo: 1e-5, hi: 0.2 },
  { key: 'lowPrecision', start: 0.7, lo: 0.1, hi: 1.5 },
  { key: 'weightOnly', start: 0.7, lo: 0.1, hi: 1.5 },
  { key: 'syncPerLayerS', start: 2e-5, lo: 1e-7, hi: 1e-3 },
  { key: 'moeHalfTokens', start: 16, lo: 0.1, hi: 1000 },
  { key: 'drainTokens', start: 300, lo: 1, hi: 2048 },
] as const;

type Param = (typeof PARAMS)[number];

/** Runs a kernel path (native or weight-only 8/4-bit) needs before it gets a share of its own. */
export const MIN_RUNS_PER_PATH = 2;

function toEfficiency(free: readonly Param[], x: readonly number[], fixed: Partial<Efficiency>): Efficiency {
  const e = Object.fromEntries(free.map((p, i) => [p.key, Math.exp(x[i]!)])) as unknown as Efficiency;
  return { ...e, ...fixed };
}

/**
 * Least squares on log(predicted/measured) seconds per request over the runs (Nelder–Mead from three
 * starts). A factor the runs cannot constrain is held at its neutral value: the MoE factor at 1 without
 * both dense and MoE runs, the compute exponent at 1 with runs on a single compute peak.
 */
export function fitEfficiency(runs: readonly CalibrationRun[], hold: Partial<Efficiency> = {}): CalibrationFit | null {
  if (runs.length < 2) return null;
  const fixed: Partial<Efficiency> = { ...hold };
  if (!(runs.some((r) => r.arch.experts) && runs.some((r) => !r.arch.experts))) fixed.moe ??= 1;
  if (new Set(runs.map((r) => r.gpu.bf16Tflops)).size < 2) fixed.computeExponent ??= 1;
  // Neutral values (no effect) where no run could tell: no 8/4-bit run, no multi-GPU run, no MoE run.
  const lowBits = runs.filter((r) => r.precision === 'fp8' || r.precision === 'fp4');
  if (!lowBits.length) fixed.lowPrecision ??= 1;
  // The native and weight-only paths get a share each only when each has runs enough to be checked
  // (two; one run would be matched exactly, whatever else is particular to its deployment); otherwise
  // one share covers both (weightOnly absent: roofline.ts falls back to lowPrecision).
  const weightOnlyRuns = lowBits.filter((r) => runsWeightOnly(r.gpu, r.precision)).length;
  const tied = weightOnlyRuns < MIN_RUNS_PER_PATH || lowBits.length - weightOnlyRuns < MIN_RUNS_PER_PATH;
  if (!runs.some((r) => r.gpuCount > 1)) fixed.syncPerLayerS ??= 0;
  if (!runs.some((r) => r.arch.experts)) fixed.moeHalfTokens ??= 0;
  if (!runs.some((r) => r.variableLength)) fixed.drainTokens ??= 0;
  const fastest = Math.min(...runs.map((r) => r.seconds));
  // Only the free factors are searched: a held factor would be an inert direction of the simplex, which
  // changes where Nelder–Mead stops without changing the objective.
  const free = PARAMS.filter((p) => fixed[p.key] === undefined && !(tied && p.key === 'weightOnly'));
  const objective = (x: number[]) => {
    const eff = toEfficiency(free, x, fixed);
    let s = 0;
    for (const r of runs) {
      const l = logRatio(r, eff);
      s += l === null ? 25 : l * l;
    }
    free.forEach((p, i) => {
      // The per-request overhead cannot exceed the fastest measured request (it is part of every one).
      const hi = p.key === 'requestOverheadS' ? Math.min(p.hi, fastest) : p.hi;
      const over = Math.max(0, x[i]! - Math.log(hi)) + Math.max(0, Math.log(p.lo) - x[i]!);
      s += 100 * over * over;
    });
    return s;
  };
  let best: { x: number[]; value: number } | null = null;
  for (const scale of [1, 0.5, 2]) {
    const x0 = free.map((p) => Math.log(p.key === 'computeExponent' ? p.start : p.start * scale));
    let r = nelderMead(objective, x0, 0.7, 600);
    r = nelderMead(objective, r.x, 0.2, 600);
    if (!best || r.value < best.value) best = r;
  }
  const efficiency = toEfficiency(free, best!.x, fixed);
  let s = 0;
  for (const r of runs) s += (logRatio(r, efficiency) ?? 5) ** 2;
  return { efficiency, rmsLogError: Math.sqrt(s / runs.length), runs: runs.length };
}

export interface HeldOut {
  label: string;
  group: string;
  /** measured / predicted throughput of the held-out run (1 = exact; > 1: the model was pessimistic). */
  ratio: number | null;
}

/** Each run predicted by a fit on all the others. */
export function leaveOneOut(runs: readonly CalibrationRun[]): HeldOut[] {
  return runs.map((r, i) => heldOut(r, runs.filter((_, j) => j !== i)));
}

/** Each run predicted by a fit that saw no run of its deployment (model × GPU × count × precision). */
export function leaveOneGroupOut(runs: readonly CalibrationRun[]): HeldOut[] {
  const fits = new Map<string, CalibrationFit | null>();
  return runs.map((r) => {
    if (!fits.has(r.group)) fits.set(r.group, fitEfficiency(runs.filter((o) => o.group !== r.group)));
    const fit = fits.get(r.group)!;
    const l = fit ? logRatio(r, fit.efficiency) : null;
    return { label: r.label, group: r.group, ratio: l === null ? null : Math.exp(l) };
  });
}

/**
 * Within one deployment, like the interpolation it is compared with: each run predicted from the other
 * runs of its deployment, only compute and bandwidth fitted (two numbers, as the interpolation's a and
 * b), the other factors held at the pooled fit's values.
 */
export function leaveOneOutWithinGroup(runs: readonly CalibrationRun[], pooled: Efficiency): HeldOut[] {
  const { compute: _c, bandwidth: _b, ...rest } = pooled;
  const hold: Partial<Efficiency> = { lowPrecision: 1, syncPerLayerS: 0, moeHalfTokens: 0, drainTokens: 0, ...rest, weightOnly: pooled.weightOnly ?? pooled.lowPrecision ?? 1 };
  return runs.map((r, i) => heldOut(r, runs.filter((o, j) => j !== i && o.group === r.group), hold));
}

function heldOut(run: CalibrationRun, rest: readonly CalibrationRun[], hold: Partial<Efficiency> = {}): HeldOut {
  const fit = fitEfficiency(rest, hold);
  const l = fit ? logRatio(run, fit.efficiency) : null;
  return { label: run.label, group: run.group, ratio: l === null ? null : Math.exp(l) };
}

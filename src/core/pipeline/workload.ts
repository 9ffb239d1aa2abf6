/**
 * What a projection is fed: the workload (I0, O, Δ, r; from traces, or a prompt file plus
 * assumptions) and k, with the one default-k rule. Pure.
 */
import type { Catalog } from '../catalog/schema';
import type { AgenticParams } from '../engine/agentic';
import type { FileMeasures } from '../inference/analyze';
import { summarize } from '../inference/summary';

export interface Workload {
  params: AgenticParams;
  /** Where I0, O, Δ and r came from, in words. */
  source: string;
  /** Mean calls per task of the traces behind it; null when not from traces. */
  tracesK: number | null;
  tracesTasks: number;
}

/** The mean shape of measured traces; null when no task has a known I0 and O. */
export function traceWorkload(files: readonly FileMeasures[]): Workload | null {
  const s = summarize(files, null, null, 1);
  if (s.tasks === 0 || !s.projection) return null;
  return { params: s.projection, source: 'from your traces', tracesK: s.k.mean, tracesTasks: s.tasks };
}

/**
 * A prompt file as a task's first input: O, Δ and r from the traces analyzed (when there are any),
 * else the article's agentic parameters.
 */
export function promptWorkload(cat: Catalog, tokens: number, traces: Workload | null): Workload {
  const ag = cat.agentic;
  if (traces) return { ...traces, params: { ...traces.params, initialInput: tokens, appendOutputs: true }, source: 'I0 from your prompt file; O, Δ and r from the traces analyzed' };
  return {
    params: { initialInput: tokens, perStepOutput: ag.perStepOutput, newInputPerStep: ag.newInputPerStep, repeatedFraction: ag.repeatedFraction, appendOutputs: false },
    source: "I0 from your prompt file; O, Δ and r: the article's Tau2 parameters",
    tracesK: null,
    tracesTasks: 0,
  };
}

/** The article's workload (no trace, no prompt). */
export function articleWorkload(cat: Catalog): Workload {
  const ag = cat.agentic;
  return {
    params: { initialInput: ag.initialInput, perStepOutput: ag.perStepOutput, newInputPerStep: ag.newInputPerStep, repeatedFraction: ag.repeatedFraction, appendOutputs: false },
    source: "the article's Tau2 parameters",
    tracesK: null,
    tracesTasks: 0,
  };
}

import type { KSource } from './k-source';

export type { KSource };

export interface KChoice {
  k: number;
  source: KSource;
  /** Which k and why, in words: every surface shows it. */
  label: string;
}

/**
 * The one default-k rule: the analyzed traces' mean k where there are traces, else the user's k
 * (agentcost.k, `--k`; 0 = not set), else the catalog's (the article's extrapolated k).
 */
export function chooseK(cat: Catalog, workload: Workload | null, userK: number | null | undefined, userLabel = 'your setting agentcost.k'): KChoice {
  if (workload?.tracesK) return { k: Math.max(1, Math.round(workload.tracesK)), source: 'traces', label: `the mean k of the ${workload.tracesTasks} task(s) analyzed` };
  if (userK && userK > 0) return { k: Math.round(userK), source: 'user', label: userLabel };
  return { k: cat.agentic.kExtrapolated, source: 'catalog', label: "the article's k" };
}

/**
 * The article's hybrid architecture applied to the analyzed tasks: "route simple, single-pass requests
 * to a cost-leader API, and route requests that are likely to be multi-step or reuse-heavy to a
 * self-hosted capacity pool", with multi-step meaning past the crossover k ("if your agent task
 * regularly lives above the crossover point ... the case for self-hosted reuse strengthens"). Each
 * task's own costs (priceFile): API with cache (without, when the cache switch is off) and self-host
 * with prefix reuse. Totals over the tasks whose both costs are known. Pure.
 */
import type { ApiPrices } from '../engine/api-cost';
import type { SelfHostRates } from '../engine/agentic';
import { hybridCosts } from '../engine/hybrid';
import type { FileAnalysis } from '../inference/analyze';
import { summarize } from '../inference/summary';
import type { HybridSummary } from './hybrid-text';

export type { HybridSummary };
export { hybridText } from './hybrid-text';

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 0);
const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);

/**
 * `api` and `selfHost`: the projection's prices (the same that give `agentcost analyze`'s crossover k).
 * null when no task has both costs.
 */
export function hybridSummary(files: readonly FileAnalysis[], api: ApiPrices | null, selfHost: SelfHostRates | null): HybridSummary | null {
  const tasks = files.flatMap((f) => f.tasks);
  // the crossover of the traces' mean shape against the API with cache (= without, when the cache is off: costsOf and projectionApi drop the discount)
  const threshold = summarize(files, api, selfHost).crossoverK.vsApiCached;
  const priced = tasks.flatMap((t) => (t.cost.apiCached !== null && t.cost.selfHostReuse !== null ? [{ k: t.calls, api: t.cost.apiCached, selfHost: t.cost.selfHostReuse }] : []));
  if (priced.length === 0) return null;
  const toSelf = (k: number) => k > 1 && threshold !== null && k >= threshold;
  const a = priced.filter((t) => !toSelf(t.k));
  const s = priced.filter((t) => toSelf(t.k));
  const perTask = hybridCosts({
    singlePassShare: a.length / priced.length,
    singlePass: { api: mean(a.map((t) => t.api)), selfHost: mean(a.map((t) => t.selfHost)) },
    agentic: { api: mean(s.map((t) => t.api)), selfHost: mean(s.map((t) => t.selfHost)) },
  });
  return {
    threshold,
    rule:
      threshold === null
        ? 'every task to the API: self-host with reuse is cheaper at no k of the traces\' mean shape'
        : `tasks of k ≥ ${Math.max(2, threshold)} calls to self-host (the crossover k vs the API${threshold <= 1 ? '; single calls stay on the API' : ''}), the rest to the API`,
    tasks: tasks.length,
    priced: priced.length,
    toApi: a.length,
    toSelfHost: s.length,
    apiOnly: sum(priced.map((t) => t.api)),
    selfHostOnly: sum(priced.map((t) => t.selfHost)),
    routed: sum(a.map((t) => t.api)) + sum(s.map((t) => t.selfHost)),
    best: perTask.best,
    perTask,
  };
}


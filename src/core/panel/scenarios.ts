/** The panel's scenario table: the current choice and each saved scenario at the same workload and k. Pure. */
import type { Catalog } from '../catalog/schema';
import type { Answer } from '../pipeline/answer';
import { makePricing } from '../pipeline/pricing';
import { project } from '../pipeline/project';
import { ratesBand } from '../pipeline/self-host-range';
import type { KChoice, Workload } from '../pipeline/workload';
import type { Scenario } from '../scenario';
import type { ScenarioRowView } from './view';

const OPTION_NAMES = [
  ['apiNoCache', 'API, no cache'],
  ['apiCached', 'API, cached'],
  ['selfHostReuse', 'self-host, reuse'],
  ['selfHostNoReuse', 'self-host, no reuse'],
] as const;

export function scenarioRow(name: string, perTask: Answer['perTask'], ranges: Answer['ranges']['perTask']): ScenarioRowView {
  let cheapest: { label: string; usd: number } | null = null;
  for (const [key, label] of OPTION_NAMES) {
    const v = perTask[key];
    if (v !== null && (cheapest === null || v < cheapest.usd)) cheapest = { label, usd: v };
  }
  return { name, ...perTask, selfHostReuseRange: ranges.selfHostReuse, selfHostNoReuseRange: ranges.selfHostNoReuse, cheapest: cheapest?.label ?? null };
}

/** A saved scenario's row: its own prices and rates, the panel's workload, k and cache switch. */
export function savedScenarioRow(cat: Catalog, sc: Scenario & { name?: string | undefined }, workload: Workload, k: KChoice, cache: boolean): { row: ScenarioRowView; problems: string[] } {
  const p = makePricing(cat, { scenario: sc, scenarioOrigin: `scenario "${sc.name ?? 'unnamed'}"`, cache });
  const a = project({ workload, k, api: p.scenarioApi, selfHost: p.selfHost, cache, band: ratesBand(cat, p.scenario) });
  return { row: scenarioRow(sc.name ?? p.scenario.name, a.perTask, a.ranges.perTask), problems: a.problems };
}

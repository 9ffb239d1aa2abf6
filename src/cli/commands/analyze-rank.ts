/** `agentcost analyze --rank`: the ranking of every open model × GPU for the analyzed traces, as text. */
import type { Catalog } from '../../core/catalog/schema';
import type { Answer } from '../../core/pipeline/answer';
import type { Pricing } from '../../core/pipeline/pricing';
import { rankSelfHost, type RankingResult } from '../../core/pipeline/ranking';
import { RANKING_HEAD, rankingCaption, rankingCells } from '../../core/pipeline/ranking-text';
import type { Workload } from '../../core/pipeline/workload';
import { table } from '../render';

/** Rows printed as text; --json gives all of them and the combinations left out. */
export const RANK_ROWS_LISTED = 25;

export function rankForTraces(cat: Catalog, workload: Workload, a: Answer, pricing: Pricing, flags: { utilization?: number | undefined; overhead?: number | undefined; precision?: RankingResult['rows'][number]['precision'] | undefined }): RankingResult {
  const s = pricing.scenario;
  return rankSelfHost(cat, {
    workload,
    k: { k: a.k, source: a.kSource, label: a.kLabel },
    cache: pricing.cache,
    utilization: flags.utilization,
    overhead: flags.overhead,
    current: { model: s.model, gpu: s.gpu, precision: flags.precision },
  });
}

export function rankingLines(r: RankingResult | null): string[] {
  if (!r) return ['Cheapest self-host for these traces: no task with a known shape to rank for.'];
  const shown = r.rows.slice(0, RANK_ROWS_LISTED);
  const right = RANKING_HEAD.map((_, i) => i === 0 || (i >= 4 && i <= 9));
  return [
    'Cheapest self-host for these traces',
    `  ${rankingCaption(r)}`,
    table(RANKING_HEAD, shown.map(rankingCells), right),
    ...(r.rows.length > shown.length ? [`  … and ${r.rows.length - shown.length} more (--json lists them all)`] : []),
  ];
}

/** The ranking table's columns, one wording for `agentcost analyze --rank` and the panel's export. */
import { formatUsd } from '../format';
import type { RankingResult, RankingRow } from './ranking-types';

export const RANKING_HEAD = ['rank', 'model', 'GPU', 'precision', 'GPUs', '$/GPU-h', '$ per task', 'range', 'in $/1M', 'out $/1M', 'basis'];

const BASIS: Record<RankingRow['basis'], string> = { measured: 'measured [D]', scaled: 'scaled [E]', estimated: 'model [E]' };

export function rankingCells(r: RankingRow): string[] {
  return [
    `#${r.rank}${r.current ? ' *' : ''}`,
    r.modelName,
    r.gpuName,
    r.precision,
    String(r.gpuCount),
    formatUsd(r.usdPerGpuHour),
    formatUsd(r.costPerTask),
    r.range === null ? '-' : `${formatUsd(r.range[0])}–${formatUsd(r.range[1])}`,
    formatUsd(r.inputPerM),
    formatUsd(r.outputPerM),
    BASIS[r.basis],
  ];
}

/** What the table is, in words (k, context, how many were left out). */
export function rankingCaption(r: RankingResult): string {
  return (
    `Self-host $ per task at k = ${r.k} (${r.kLabel}); every replica holds one ${r.context}-token context; ` +
    `range: 10th–90th percentile of the throughput error; * = the current choice` +
    (r.excluded.length ? `; ${r.excluded.length} combination(s) not ranked (no GPU price, too large, or context too long)` : '')
  );
}

/**
 * The "cheapest open model × GPU" table and the hybrid routing line as view models: the cells are the
 * core's own wording (pipeline/ranking-text.ts, pipeline/hybrid-summary.ts), the same as the CLI's. Pure.
 */
import type { HybridView, RankingView } from '../../src/shared/protocol';
import { RANKING_HEAD, rankingCaption, rankingCells } from '../../src/core/pipeline/ranking-text';
import { hybridText } from '../../src/core/pipeline/hybrid-text';
import { dataValue, formatUsd } from '../format';
import type { Table } from './view';

const NUMERIC = new Set([0, 4, 5, 6, 7, 8, 9]);
/** The field each numeric column shows (data-col, data-value), for tests and the e2e suite. */
const COLS: Record<number, keyof RankingView['rows'][number]> = { 4: 'gpuCount', 5: 'usdPerGpuHour', 6: 'costPerTask', 8: 'inputPerM', 9: 'outputPerM' };

export function rankingTable(r: RankingView): Table {
  return {
    head: RANKING_HEAD.map((text, i) => ({ text, numeric: NUMERIC.has(i) })),
    rows: r.rows.map((row) => ({
      key: `${row.model}|${row.gpu}|${row.precision}`,
      selected: row.current,
      tag: row.status,
      cells: rankingCells(row).map((text, i) => {
        const col = COLS[i];
        const v = col ? (row[col] as number) : undefined;
        return { text, numeric: NUMERIC.has(i), ...(col ? { col, value: dataValue(v) } : {}), ...(i === 7 && row.band ? { title: `throughput ×${row.band.low.toFixed(2)}–×${row.band.high.toFixed(2)} (${row.band.from}, ${row.band.runs} runs)` } : {}) };
      }),
    })),
  };
}

export function rankingSubtitle(r: RankingView): string {
  return `${rankingCaption({ ...r, rows: [], excluded: [] })}${r.excluded ? `; ${r.excluded} combination(s) not ranked (no GPU price, too large, or context too long)` : ''}. The first ${r.rows.length} of ${r.total}; \`agentcost analyze --rank --json\` lists all.`;
}

export function hybridLine(hy: HybridView | null): string {
  return hy ? hybridText(hy, formatUsd) : 'No analyzed task priced both on the API and self-hosted: no routing to compare.';
}

/**
 * The five charts as library-neutral models: categories or numbers on x, series of values (null = no
 * value: drawn as a gap, never as zero), reference rules, markers and background bands. Built from the
 * host's snapshot only (the webview computes no costs); the chart adapter turns a model into a chart.
 * Pure: no DOM, no chart library, unit-tested in Node.
 */
import type { ChartId, Figure1Row, Figure2Point, Figure3Row, Figure4View, PanelSnapshot, TimelineView } from '../../src/shared/protocol';
import { formatK, formatPercent, isShown } from '../format';
import { kWithRange, percentWithRange } from '../../src/core/format-range';

import { rangeOf, type RangeModel } from './chart-ranges';

export type { RangeModel };

/** Colors are theme tokens, resolved from `--vscode-charts-*` variables by the DOM code. */
export type ColorToken = 'blue' | 'red' | 'green' | 'yellow' | 'orange' | 'purple' | 'foreground' | 'lines';
export const COLOR_TOKENS: readonly ColorToken[] = ['blue', 'red', 'green', 'yellow', 'orange', 'purple', 'foreground', 'lines'];
export const cssVarOf = (c: ColorToken): string => `--vscode-charts-${c}`;

/** What the y values are, so ticks and tooltips format them. */
export type ValueKind = 'usd' | 'usdPerM' | 'tokens' | 'fraction';

export interface SeriesModel {
  /** Stable key (tests, legends): e.g. "apiNoCache". */
  key: string;
  label: string;
  color: ColorToken;
  /** One value per x position; null where there is none. */
  values: (number | null)[];
  dashed?: boolean;
  /** Stacked bars: which stack this series belongs to (all series of a stacked chart share one). */
  stack?: string;
}

export interface RuleModel {
  axis: 'x' | 'y';
  value: number;
  label: string;
  color: ColorToken;
}

export interface MarkerModel {
  x: number;
  y: number;
  label: string;
  color: ColorToken;
}

export interface BandModel {
  /** y range; `to: null` = up to the top of the plot. */
  from: number;
  to: number | null;
  color: ColorToken;
  label: string;
}

export interface ChartModel {
  id: ChartId;
  title: string;
  /** Lines over a numeric x, or bars over categories (grouped side by side, or stacked). */
  kind: 'lines' | 'groupedBars' | 'stackedBars';
  xLabel: string;
  yLabel: string;
  yKind: ValueKind;
  /** x positions: numbers for 'lines', category labels for bars. */
  x: number[] | string[];
  /** Bar charts: one color per category, overriding the series color (Figure 3's zones). */
  barColors?: (ColorToken | null)[];
  series: SeriesModel[];
  rules: RuleModel[];
  markers: MarkerModel[];
  bands: BandModel[];
  ranges: RangeModel[];
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string | null;
  /** Short notes under the chart (values that could not be drawn, where parameters come from). */
  notes: string[];
}

const hasValue = (series: readonly SeriesModel[]) => series.some((s) => s.values.some(isShown));
const finite = (v: number | null | undefined): number | null => (isShown(v) ? v : null);

function chart(base: Omit<ChartModel, 'empty' | 'notes' | 'rules' | 'markers' | 'bands' | 'ranges'> & Partial<ChartModel>, emptyText: string): ChartModel {
  const model: ChartModel = { rules: [], markers: [], bands: [], ranges: [], notes: [], empty: null, ...base };
  if (model.x.length === 0 || !hasValue(model.series)) model.empty = emptyText;
  return model;
}

/** Per-call timeline of one task: repeated input / new input / output stacked per call. */
export function timelineChart(t: TimelineView | null, taskLabel: string | null): ChartModel {
  const calls = t?.calls ?? [];
  const sub = calls.filter((c) => c.subagent).length;
  return chart(
    {
      id: 'timeline',
      title: taskLabel ? `Tokens per call: ${taskLabel}` : 'Tokens per call',
      kind: 'stackedBars',
      xLabel: 'call',
      yLabel: 'tokens',
      yKind: 'tokens',
      x: calls.map((c) => (c.subagent ? `${c.index}*` : String(c.index))),
      series: [
        { key: 'repeated', label: 'repeated input', color: 'blue', stack: 'tokens', values: calls.map((c) => finite(c.repeated)) },
        { key: 'newInput', label: 'new input', color: 'orange', stack: 'tokens', values: calls.map((c) => finite(c.newInput)) },
        { key: 'output', label: 'output', color: 'green', stack: 'tokens', values: calls.map((c) => finite(c.output)) },
      ],
      notes: sub ? [`* ${sub} subagent call${sub === 1 ? '' : 's'}`] : [],
    },
    t ? 'No per-call token counts recorded for this task.' : 'No task selected: open a trace to see its calls.',
  );
}

export const FIGURE4_SERIES = [
  { key: 'apiNoCache', label: 'API, no cache', color: 'red', dashed: false },
  { key: 'apiCached', label: 'API, cached input', color: 'orange', dashed: false },
  { key: 'selfHostReuse', label: 'self-host, prefix reuse', color: 'blue', dashed: false },
  { key: 'selfHostNoReuse', label: 'self-host, no reuse', color: 'purple', dashed: true },
] as const;

/** Figure 4: cost per task vs k in four modes, crossover markers, the user's k. */
export function figure4Chart(f: Figure4View): ChartModel {
  const rows = f.rows;
  const series: SeriesModel[] = FIGURE4_SERIES.map((d) => ({ key: d.key, label: d.label, color: d.color, dashed: d.dashed, values: rows.map((r) => finite(r[d.key])) }));
  const rangeAt = (k: number) => f.rowRanges.find((r) => r.k === k);
  const ranges = (['selfHostReuse', 'selfHostNoReuse'] as const).flatMap((key) => rangeOf(key, 'band', rows.map((r) => rangeAt(r.k)?.[key])));
  const markers: MarkerModel[] = [];
  const notes: string[] = [`parameters ${f.paramsSource}`];
  if (ranges.length) notes.push('shaded: the self-host range (throughput 10th–90th percentile of the calibration)');
  const cross = [
    { k: f.crossoverK.vsApiNoCache, range: f.crossoverKRange?.vsApiNoCache, vs: 'API, no cache', color: 'red' as const },
    { k: f.crossoverK.vsApiCached, range: f.crossoverKRange?.vsApiCached, vs: 'API, cached', color: 'orange' as const },
  ];
  for (const c of cross) {
    const row = c.k === null ? undefined : rows.find((r) => r.k === c.k);
    const y = finite(row?.selfHostReuse);
    if (c.k !== null && y !== null) {
      const label = `self-host (reuse) cheaper than ${c.vs} from k = ${kWithRange(c.k, c.range, 'none')} (circled)`;
      markers.push({ x: c.k, y, label, color: c.color });
      notes.push(label);
    }
    else notes.push(`no crossover vs ${c.vs} up to k = ${rows.length ? rows[rows.length - 1]!.k : 0}${c.range && c.range[0] !== null ? ` (from k = ${c.range[0]} at the fast end of the range)` : ''}`);
  }
  const rules: RuleModel[] = isShown(f.userK) ? [{ axis: 'x', value: f.userK, label: `your k = ${formatK(f.userK)}`, color: 'foreground' }] : [];
  return chart({ id: 'figure4', title: 'Cost per user task vs number of calls k', kind: 'lines', xLabel: 'k (model calls per task)', yLabel: '$ per task', yKind: 'usd', x: rows.map((r) => r.k), series, markers, rules, notes, ranges }, 'No cost could be computed for these settings (unpriced).');
}

/** Series colors for models, in order of first appearance. */
const MODEL_COLORS: readonly ColorToken[] = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'];
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** Figure 2: self-host $ per 1M vs utilization per model, with each model's flat API price. */
export function figure2Chart(points: readonly Figure2Point[]): ChartModel {
  const xs = uniq(points.map((p) => p.utilization)).sort((a, b) => a - b);
  const models = uniq(points.map((p) => p.model));
  const series: SeriesModel[] = [];
  const ranges: RangeModel[] = [];
  const notes: string[] = [];
  models.forEach((m, i) => {
    const color = MODEL_COLORS[i % MODEL_COLORS.length]!;
    const at = (u: number) => points.find((p) => p.model === m && p.utilization === u);
    const self = xs.map((u) => finite(at(u)?.selfHostPerM));
    const api = xs.map((u) => finite(at(u)?.apiPerM));
    series.push({ key: `${m}:selfHost`, label: `${m} self-host`, color, values: self });
    ranges.push(...rangeOf(`${m}:selfHost`, 'band', xs.map((u) => at(u)?.selfHostPerMRange)));
    if (api.some(isShown)) series.push({ key: `${m}:api`, label: `${m} API`, color, dashed: true, values: api });
    else notes.push(`${m}: API unpriced`);
    if (!self.some(isShown)) notes.push(`${m}: self-host n/a (no throughput baseline)`);
  });
  return chart({ id: 'figure2', title: '$ per 1M tokens vs GPU utilization (ShareGPT shape)', kind: 'lines', xLabel: 'utilization', yLabel: '$ per 1M tokens', yKind: 'usdPerM', x: xs, series, notes: ranges.length ? [...notes, 'shaded: each self-host line\'s range (throughput 10th–90th percentile of the calibration)'] : notes, ranges }, 'No model could be priced at these settings.');
}

/** Zone limits of Figure 3's bands: the host sends the catalog's (PanelSnapshot.zones). */
export type ZoneLimits = PanelSnapshot['zones'];
export const zoneColor = (z: Figure3Row['zone']): ColorToken | null => (z === null ? null : z);
export function zoneText(z: ZoneLimits): Record<NonNullable<Figure3Row['zone']>, string> {
  return {
    green: `green: break-even ≤ ${formatPercent(z.greenMax)} utilization`,
    yellow: `yellow: ≤ ${formatPercent(z.yellowMax)}`,
    red: `red: above ${formatPercent(z.yellowMax)}, self-hosting cannot win`,
  };
}

/** Figure 3: break-even utilization per model × archetype, colored by zone, over the zone bands. */
export function figure3Chart(rows: readonly Figure3Row[], zones: ZoneLimits): ChartModel {
  const text = zoneText(zones);
  const notes = rows.filter((r) => !isShown(r.breakEvenUtilization)).map((r) => `${r.model} / ${r.archetype}: n/a`);
  // one line per uncertain bar when they are few; a count when many (the values table has each range)
  const uncertain = rows.filter((x) => x.uncertainZone);
  if (uncertain.length > 0 && uncertain.length <= 3) for (const r of uncertain) notes.push(`${r.model} / ${r.archetype}: break-even ${percentWithRange(r.breakEvenUtilization, r.breakEvenUtilizationRange)} crosses a zone limit: ${r.zone ?? 'its'} zone uncertain (?)`);
  else if (uncertain.length > 3) notes.push(`?: the break-even range crosses a zone limit, the zone is uncertain (${uncertain.length} of ${rows.length} bars; Values gives each range)`);
  if (rows.some((r) => r.breakEvenUtilizationRange)) notes.push('whiskers: the break-even range (throughput 10th–90th percentile of the calibration)');
  return chart(
    {
      id: 'figure3',
      title: 'Break-even utilization by model and agent archetype',
      kind: 'groupedBars',
      xLabel: 'model / archetype',
      yLabel: 'break-even utilization',
      yKind: 'fraction',
      x: rows.map((r) => `${r.model} / ${r.archetype}`),
      barColors: rows.map((r) => zoneColor(r.zone)),
      series: [{ key: 'breakEvenUtilization', label: 'break-even utilization', color: 'foreground', values: rows.map((r) => finite(r.breakEvenUtilization)) }],
      ranges: rangeOf('breakEvenUtilization', 'whiskers', rows.map((r) => r.breakEvenUtilizationRange), rows.map((r) => r.uncertainZone === true)),
      bands: [
        { from: 0, to: zones.greenMax, color: 'green', label: text.green },
        { from: zones.greenMax, to: zones.yellowMax, color: 'yellow', label: text.yellow },
        { from: zones.yellowMax, to: null, color: 'red', label: text.red },
      ],
      rules: [
        { axis: 'y', value: zones.greenMax, label: formatPercent(zones.greenMax), color: 'green' },
        { axis: 'y', value: zones.yellowMax, label: formatPercent(zones.yellowMax), color: 'red' },
      ],
      notes,
    },
    'No break-even utilization could be computed (unpriced).',
  );
}

/** Figure 1: API vs self-host $ per 1M tokens per model and workload regime. */
export function figure1Chart(rows: readonly Figure1Row[]): ChartModel {
  return chart(
    {
      id: 'figure1',
      title: 'API vs self-host $ per 1M tokens by workload',
      kind: 'groupedBars',
      xLabel: 'model / workload',
      yLabel: '$ per 1M tokens',
      yKind: 'usdPerM',
      x: rows.map((r) => `${r.model} / ${r.workload}`),
      series: [
        { key: 'apiPerM', label: 'API', color: 'red', values: rows.map((r) => finite(r.apiPerM)) },
        { key: 'selfHostPerM', label: 'self-host', color: 'blue', values: rows.map((r) => finite(r.selfHostPerM)) },
      ],
      ranges: rangeOf('selfHostPerM', 'whiskers', rows.map((r) => r.selfHostPerMRange)),
      notes: [
        ...rows.filter((r) => !isShown(r.apiPerM) || !isShown(r.selfHostPerM)).map((r) => `${r.model} / ${r.workload}: ${!isShown(r.apiPerM) ? 'API unpriced' : 'self-host n/a'}`),
        ...(rows.some((r) => r.selfHostPerMRange) ? ['whiskers: the self-host range (throughput 10th–90th percentile of the calibration)'] : []),
      ],
    },
    'No workload could be priced at these settings.',
  );
}

/** Stacked totals per x (for a stacked bar chart's scale); null where every part is null. */
export function stackTotals(series: readonly SeriesModel[], n: number): (number | null)[] {
  return Array.from({ length: n }, (_, i) => {
    let total: number | null = null;
    for (const s of series) {
      const v = s.values[i];
      if (isShown(v)) total = (total ?? 0) + v;
    }
    return total;
  });
}

/** The largest value a chart draws (bars stacked), for a y range that fits rules, markers and bands. */
export function yMax(model: ChartModel): number {
  const values = model.kind === 'stackedBars' ? stackTotals(model.series, model.x.length) : model.series.flatMap((s) => s.values);
  const all = [...values.filter(isShown), ...model.ranges.flatMap((r) => r.hi).filter(isShown), ...model.markers.map((m) => m.y), ...model.rules.filter((r) => r.axis === 'y').map((r) => r.value)];
  const max = all.length ? Math.max(...all) : 1;
  return max > 0 ? max : 1;
}

export interface AllCharts {
  timeline: ChartModel;
  figure1: ChartModel;
  figure2: ChartModel;
  figure3: ChartModel;
  figure4: ChartModel;
}

/** All five charts of a snapshot, in the panel's order. */
export function allCharts(s: {
  timeline: TimelineView | null;
  figure1: Figure1Row[];
  figure2: Figure2Point[];
  figure3: Figure3Row[];
  zones: ZoneLimits;
  figure4: Figure4View;
  tasks: { key: string; id: string; title: string | null }[];
}): AllCharts {
  const task = s.timeline ? s.tasks.find((t) => t.key === s.timeline!.taskKey) : undefined;
  return {
    timeline: timelineChart(s.timeline, task ? (task.title ?? task.id) : null),
    figure4: figure4Chart(s.figure4),
    figure2: figure2Chart(s.figure2),
    figure3: figure3Chart(s.figure3, s.zones),
    figure1: figure1Chart(s.figure1),
  };
}

/**
 * The panel's tables and header as plain data: cells carry the shown text and, where they show a
 * number, the raw value (rendered as `data-value`, compared by tests with the CLI's JSON). Every
 * string that came from a trace (task ids, titles, file paths, model names, diagnostics) is kept as
 * text here and set with textContent by the DOM code. Pure, unit-tested in Node.
 */
import { EACH_CALL_LABEL, EACH_CALL_PRICE } from '../../src/core/pipeline/each-call';
import { STATUS_TAG } from '../../src/core/tags';
import type { AssumptionView, CostsView, DiagnosticView, DistributionView, PanelSnapshot, ScenarioRowView, TaskRowView, WorkloadView } from '../../src/shared/protocol';
import { dataValue, formatK, formatPercent, formatTokens, formatUsd, isShown } from '../format';
import { approxUsd, usdRangeText } from '../../src/core/format-range';

export interface Cell {
  text: string;
  /** `data-value`: the raw number or "null"; absent for text cells. */
  value?: string;
  /** `data-col`: the snapshot field the cell shows (e.g. "apiNoCache"). */
  col?: string;
  /** A longer text for the tooltip (`title` attribute). */
  title?: string;
  numeric?: boolean;
}

export interface Table {
  head: { text: string; title?: string; numeric?: boolean }[];
  rows: { key: string; cells: Cell[]; selected?: boolean; tag?: string }[];
}

const num = (text: string, v: number | null | undefined, col?: string): Cell => ({ text, value: dataValue(v), numeric: true, ...(col ? { col } : {}) });
export const usdCell = (v: number | null | undefined, col?: string): Cell => num(formatUsd(v), v, col);
const tokCell = (v: number | null | undefined, col?: string): Cell => num(formatTokens(v), v, col);
const pctCell = (v: number | null | undefined, col?: string): Cell => num(formatPercent(v, 1), v, col);
const kCell = (v: number | null | undefined, col?: string): Cell => num(formatK(v), v, col);

/** The API provider value that prices every call at its own model's price. */
export const providerLabel = (p: string): string => (p === EACH_CALL_PRICE ? EACH_CALL_LABEL : p);

export { STATUS_TAG };

const SUBJECT_KIND: Record<PanelSnapshot['subject']['kind'], string> = { trace: 'trace file', folder: 'trace folder', prompt: 'prompt file', scenario: 'scenario' };
export const subjectText = (s: PanelSnapshot['subject']): string => `${SUBJECT_KIND[s.kind] ?? s.kind}: ${s.label}`;

/** The workload's measures with their distribution across tasks. */
export function workloadTable(w: WorkloadView): Table {
  const measures: { key: keyof WorkloadView; label: string; title: string; cell: (v: number | null, col: string) => Cell }[] = [
    { key: 'k', label: 'k: model calls per task', title: 'k', cell: kCell },
    { key: 'initialInputTokens', label: 'I0: initial input tokens', title: 'tokens of the first call\'s prompt', cell: tokCell },
    { key: 'meanOutputTokens', label: 'O: output tokens per call', title: 'mean per task', cell: tokCell },
    { key: 'meanNewInputTokens', label: 'Δ: new input tokens per step', title: 'mean per task', cell: tokCell },
    { key: 'repeatedFraction', label: 'r: repeated fraction of the prompt', title: 'share of each prompt that repeats earlier context', cell: pctCell },
    { key: 'observedCachedFraction', label: 'observed cache hit rate', title: 'cached share of the input as the traces recorded it', cell: pctCell },
  ];
  const stats = ['mean', 'p50', 'p90', 'max'] as const;
  return {
    head: [{ text: 'measure' }, ...stats.map((s) => ({ text: s, numeric: true }))],
    rows: measures.map((m) => {
      const d = w[m.key] as DistributionView;
      return { key: m.key, cells: [{ text: m.label, title: m.title }, ...stats.map((s) => m.cell(d[s], `${m.key}.${s}`))] };
    }),
  };
}

const COST_COLS: { key: keyof CostsView; label: string; title: string }[] = [
  { key: 'apiNoCache', label: 'API, no cache', title: 'every input token at the input price' },
  { key: 'apiCached', label: 'API, cached', title: 'repeated input at the cache-read price' },
  { key: 'apiCachedObserved', label: 'API, observed cache', title: 'cached tokens as the trace recorded them' },
  { key: 'selfHostReuse', label: 'self-host, reuse', title: 'vLLM with prefix caching' },
  { key: 'selfHostNoReuse', label: 'self-host, no reuse', title: 'vLLM recomputing every prompt' },
];

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function taskLabel(t: Pick<TaskRowView, 'id' | 'title'>): string {
  return t.title && t.title.trim() ? t.title : t.id;
}

/** Rows the tasks table shows at first: laying out hundreds of rows costs more than the five charts. */
export const TASK_ROW_LIMIT = 100;

/** The first `limit` tasks (all when null), plus the selected one when it lies beyond; how many are left out. */
export function visibleTasks(tasks: readonly TaskRowView[], selected: string | null, limit: number | null): { tasks: TaskRowView[]; hidden: number } {
  if (limit === null || tasks.length <= limit) return { tasks: [...tasks], hidden: 0 };
  const shown = tasks.slice(0, limit);
  const sel = selected === null ? undefined : tasks.find((t, i) => i >= limit && t.key === selected);
  if (sel) shown.push(sel);
  return { tasks: shown, hidden: tasks.length - shown.length };
}

/** The tasks table; the selected task's row is marked. */
export function tasksTable(tasks: readonly TaskRowView[], selected: string | null): Table {
  return {
    head: [
      { text: 'task' },
      { text: 'file' },
      { text: 'calls', numeric: true, title: 'model calls (of which subagent calls)' },
      { text: 'I0', numeric: true, title: 'initial input tokens' },
      { text: 'O', numeric: true, title: 'mean output tokens per call' },
      { text: 'Δ', numeric: true, title: 'mean new input tokens per step' },
      { text: 'r', numeric: true, title: 'repeated fraction' },
      { text: 'cache', numeric: true, title: 'observed cached fraction' },
      ...COST_COLS.map((c) => ({ text: c.label, numeric: true, title: c.title })),
      { text: 'tokens from' },
    ],
    rows: tasks.map((t) => ({
      key: t.key,
      selected: t.key === selected,
      cells: [
        { text: taskLabel(t), title: t.title ? `${t.id}: ${t.title}` : t.id, col: 'task' },
        { text: baseName(t.file), title: t.file, col: 'file' },
        num(t.subagentCalls ? `${t.calls} (${t.subagentCalls})` : String(t.calls), t.calls, 'calls'),
        tokCell(t.initialInputTokens, 'initialInputTokens'),
        tokCell(t.meanOutputTokens, 'meanOutputTokens'),
        tokCell(t.meanNewInputTokens, 'meanNewInputTokens'),
        pctCell(t.repeatedFraction, 'repeatedFraction'),
        pctCell(t.observedCachedFraction, 'observedCachedFraction'),
        ...COST_COLS.map((c) => rangedUsdCell(t.cost[c.key], c.key, c.key === 'selfHostReuse' || c.key === 'selfHostNoReuse' ? t.costRange[c.key] : null)),
        { text: t.tokenSource, col: 'tokenSource' },
      ],
    })),
  };
}

/** A self-host $ cell: "≈$x" when it has a range, the range in its tooltip; data-value stays the point. */
function rangedUsdCell(v: number | null, col: string, range: readonly [number, number] | null): Cell {
  const r = usdRangeText(range);
  return r ? { ...usdCell(v, col), text: approxUsd(v, range), title: `range ${r} (throughput 10th–90th percentile of the calibration)` } : usdCell(v, col);
}

export function scenariosTable(rows: readonly ScenarioRowView[]): Table {
  const cols = ['apiNoCache', 'apiCached', 'selfHostReuse', 'selfHostNoReuse'] as const;
  return {
    head: [{ text: 'scenario' }, ...cols.map((c) => ({ text: COST_COLS.find((x) => x.key === c)!.label, numeric: true })), { text: 'cheapest' }],
    rows: rows.map((r, i) => ({
      key: `${i}:${r.name}`,
      cells: [{ text: r.name, col: 'name' }, ...cols.map((c) => rangedUsdCell(r[c], c, c === 'selfHostReuse' ? r.selfHostReuseRange : c === 'selfHostNoReuse' ? r.selfHostNoReuseRange : null)), { text: r.cheapest ?? 'n/a (unpriced)', col: 'cheapest' }],
    })),
  };
}

export function assumptionsTable(rows: readonly AssumptionView[]): Table {
  return {
    head: [{ text: 'status' }, { text: 'assumption' }, { text: 'value' }, { text: 'source' }, { text: 'date' }],
    rows: rows.map((a) => {
      const s = STATUS_TAG[a.status] ?? { tag: '[?]', text: a.status };
      return {
        key: a.id,
        tag: a.status,
        cells: [
          { text: `${s.tag} ${s.text}`, title: s.text, col: 'status' },
          { text: a.label, title: a.id, col: 'label' },
          { text: a.value, col: 'value' },
          { text: a.source, col: 'source' },
          { text: a.date || '—', col: 'date' },
        ],
      };
    }),
  };
}

export function diagnosticText(d: DiagnosticView): string {
  return `${d.file}${d.line === null ? '' : `:${d.line}`} ${d.severity} ${d.message}`;
}

export function diagnosticsSummary(ds: readonly DiagnosticView[]): string {
  if (ds.length === 0) return 'Diagnostics: none';
  const count = (s: DiagnosticView['severity']) => ds.filter((d) => d.severity === s).length;
  const parts = (['error', 'warning', 'info'] as const).map((s) => [s, count(s)] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  return `Diagnostics: ${parts.join(', ')}`;
}

/** The projection parameters of Figure 4, as a line of text. */
export function paramsText(p: PanelSnapshot['figure4']['params'], source: string): string {
  return `I0 = ${formatTokens(p.initialInput)}, O = ${formatTokens(p.perStepOutput)}, Δ = ${formatTokens(p.newInputPerStep)}, r = ${formatPercent(p.repeatedFraction, 1)}, outputs ${p.appendOutputs ? 'appended to the context' : 'not appended'} (${source})`;
}

/** Charts as tables of their values (under each chart, for screen readers and for copying numbers); a series with a range gets low and high columns. */
export function chartDataTable(m: {
  x: (number | string)[];
  xLabel: string;
  yKind: 'usd' | 'usdPerM' | 'tokens' | 'fraction';
  series: { key: string; label: string; values: (number | null)[] }[];
  ranges?: { seriesKey: string; lo: (number | null)[]; hi: (number | null)[]; uncertain?: boolean[] }[];
}): Table {
  const cell = (v: number | null, col: string): Cell => (m.yKind === 'tokens' ? tokCell(v, col) : m.yKind === 'fraction' ? pctCell(v, col) : usdCell(v, col));
  const rangeOf = (key: string) => m.ranges?.find((r) => r.seriesKey === key);
  const head = m.series.flatMap((s) => {
    const r = rangeOf(s.key);
    const cols = [{ text: s.label, numeric: true }];
    if (r) cols.push({ text: `${s.label}, low`, numeric: true }, { text: `${s.label}, high`, numeric: true });
    if (r?.uncertain) cols.push({ text: 'zone uncertain', numeric: false });
    return cols;
  });
  const cells = (i: number): Cell[] =>
    m.series.flatMap((s) => {
      const r = rangeOf(s.key);
      const out = [cell(s.values[i] ?? null, s.key)];
      // no range at this x (no band, or no point): "n/a", not "unpriced"
      const end = (v: number | null | undefined, col: string): Cell => (isShown(v) ? cell(v, col) : { text: 'n/a', value: 'null', numeric: true, col });
      if (r) out.push(end(r.lo[i], `${s.key}Low`), end(r.hi[i], `${s.key}High`));
      if (r?.uncertain) out.push({ text: r.uncertain[i] ? 'yes' : 'no', col: 'uncertainZone' });
      return out;
    });
  return {
    head: [{ text: m.xLabel }, ...head],
    rows: m.x.map((x, i) => ({ key: String(x), cells: [{ text: String(x), col: 'x' }, ...cells(i)] })),
  };
}

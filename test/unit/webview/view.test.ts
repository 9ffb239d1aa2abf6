import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assumptionsTable, chartDataTable, diagnosticsSummary, diagnosticText, providerLabel, scenariosTable, subjectText, TASK_ROW_LIMIT, taskLabel, tasksTable, visibleTasks, workloadTable } from '../../../webview/model/view';
import { figure1Chart } from '../../../webview/model/charts';
import { dataValue, formatK, formatPerM, formatUsd, formatUsdTick } from '../../../webview/format';
import { formatUsd as coreFormatUsd } from '../../../src/core/format';
import { EVIL, figure1, task } from './sample';

test('format: the core\'s semantics; data-value carries the raw number or "null"', () => {
  assert.equal(formatUsd, coreFormatUsd);
  assert.equal(formatUsd(null), 'unpriced');
  assert.equal(formatUsd(Number.NaN), 'n/a');
  assert.equal(formatPerM(null), 'unpriced');
  assert.equal(formatPerM(0.26), '$0.2600/1M');
  assert.equal(dataValue(0.279684), '0.279684');
  assert.equal(dataValue(null), 'null');
  assert.equal(dataValue(Number.POSITIVE_INFINITY), 'null');
  assert.equal(formatK(2.857), '2.9');
  assert.equal(formatK(4), '4');
  assert.equal(formatK(null), 'n/a');
});

test('format: dollar ticks take their decimals from the tick step', () => {
  assert.equal(formatUsdTick(0.5, 0.5), '$0.50');
  assert.equal(formatUsdTick(2.5, 0.5), '$2.50');
  assert.equal(formatUsdTick(0.0025, 0.0005), '$0.0025');
  assert.equal(formatUsdTick(20, 5), '$20');
  assert.equal(formatUsdTick(0, 0.5), '$0');
  assert.equal(formatUsdTick(Number.NaN, 1), '');
  assert.equal(formatUsdTick(0.05), '$0.0500');
});

test('tasks table: cost cells carry data-value and data-col; unknown costs read "unpriced" with data-value "null"', () => {
  const t = tasksTable([task(), task({ key: '0:t2', id: 't2', title: null, subagentCalls: 2 })], '0:t2');
  assert.equal(t.rows.length, 2);
  assert.equal(t.rows[1]!.selected, true);
  assert.equal(t.rows[0]!.selected, false);
  const cell = (r: number, col: string) => t.rows[r]!.cells.find((c) => c.col === col)!;
  assert.deepEqual([cell(0, 'apiNoCache').text, cell(0, 'apiNoCache').value], ['$0.2500', '0.25']);
  assert.deepEqual([cell(0, 'apiCachedObserved').text, cell(0, 'apiCachedObserved').value], ['unpriced', 'null']);
  assert.deepEqual([cell(0, 'observedCachedFraction').text, cell(0, 'observedCachedFraction').value], ['n/a', 'null']);
  assert.equal(cell(1, 'task').text, 't2');
  assert.equal(cell(1, 'calls').text, '3 (2)');
  assert.equal(cell(0, 'file').text, 'session.jsonl');
  assert.equal(cell(0, 'file').title, '/home/me/traces/session.jsonl');
  assert.equal(t.head.length, t.rows[0]!.cells.length);
});

test('trace text is kept verbatim (the DOM sets it as text)', () => {
  const t = tasksTable([task({ title: EVIL, id: EVIL })], null);
  assert.equal(t.rows[0]!.cells[0]!.text, EVIL);
  assert.equal(taskLabel({ id: 'x', title: '   ' }), 'x');
  assert.equal(diagnosticText({ file: 'a.jsonl', line: 3, severity: 'warning', message: EVIL }), `a.jsonl:3 warning ${EVIL}`);
  assert.equal(diagnosticText({ file: 'a.jsonl', line: null, severity: 'error', message: 'm' }), 'a.jsonl error m');
  assert.equal(subjectText({ kind: 'folder', label: EVIL }), `trace folder: ${EVIL}`);
});

test('assumptions: visible [C]/[D]/[E]/[U] tags, "estimated" spelled out, a dash for no date', () => {
  const base = { label: 'l', value: 'v', source: 's' };
  const t = assumptionsTable([
    { id: 'a', status: 'confirmed', date: '2026-01-01', ...base },
    { id: 'b', status: 'derived', date: '', ...base },
    { id: 'c', status: 'estimated', date: '2026', ...base },
    { id: 'd', status: 'user', date: '2026-11-27', ...base },
  ]);
  assert.deepEqual(t.rows.map((r) => r.cells[0]!.text), ['[C] confirmed', '[D] derived', '[E] estimated', '[U] yours']);
  assert.deepEqual(t.rows.map((r) => r.tag), ['confirmed', 'derived', 'estimated', 'user']);
  assert.equal(t.rows[1]!.cells[4]!.text, '—');
});

test('scenarios: four costs and the cheapest; none priced reads n/a', () => {
  const t = scenariosTable([{ name: 'S', apiNoCache: 0.2, apiCached: null, selfHostReuse: 0.01, selfHostNoReuse: 0.02, selfHostReuseRange: null, selfHostNoReuseRange: null, cheapest: null }]);
  assert.deepEqual(t.rows[0]!.cells.map((c) => c.text), ['S', '$0.2000', 'unpriced', '$0.0100', '$0.0200', 'n/a (unpriced)']);
  assert.deepEqual(t.rows[0]!.cells.map((c) => c.value), [undefined, '0.2', 'null', '0.01', '0.02', undefined]);
});

test('workload: mean / p50 / p90 / max per measure', () => {
  const d = (v: number | null) => ({ mean: v, p50: v, p90: v, max: v });
  const t = workloadTable({ tasks: 2, k: d(4), initialInputTokens: d(17205.5), meanOutputTokens: d(177.3), meanNewInputTokens: d(714), repeatedFraction: d(0.96), observedCachedFraction: d(null), tokenSources: ['recorded usage'] });
  assert.deepEqual(t.head.map((h) => h.text), ['measure', 'mean', 'p50', 'p90', 'max']);
  assert.deepEqual(t.rows.map((r) => r.key), ['k', 'initialInputTokens', 'meanOutputTokens', 'meanNewInputTokens', 'repeatedFraction', 'observedCachedFraction']);
  assert.deepEqual(t.rows[1]!.cells.slice(1).map((c) => c.text), ['17.2k', '17.2k', '17.2k', '17.2k']);
  assert.deepEqual(t.rows[4]!.cells[1]!.text, '96.0 %');
  assert.deepEqual(t.rows[5]!.cells[1]!.value, 'null');
});

test('diagnostics summary and provider label', () => {
  assert.equal(diagnosticsSummary([]), 'Diagnostics: none');
  const d = (severity: 'error' | 'warning' | 'info') => ({ file: 'f', line: 1, severity, message: 'm' });
  assert.equal(diagnosticsSummary([d('error'), d('warning'), d('warning')]), 'Diagnostics: 1 error, 2 warnings');
  assert.equal(providerLabel('auto'), "each call at its own model's price");
  assert.equal(providerLabel('deepinfra'), 'deepinfra');
});

test('chart values table: one row per x, one column per series, raw values kept', () => {
  const t = chartDataTable(figure1Chart(figure1));
  // the self-host series has a range (sample.ts: m1 / short 0.2–0.8; none for m1 / long): low and high columns
  assert.deepEqual(t.head.map((h) => h.text), ['model / workload', 'API', 'self-host', 'self-host, low', 'self-host, high']);
  assert.deepEqual(t.rows[0]!.cells.map((c) => c.value), [undefined, '0.26', '0.4', '0.2', '0.8']);
  assert.deepEqual(t.rows[1]!.cells.map((c) => c.text), ['m1 / long', 'unpriced', '$0.2000', 'n/a', 'n/a']);
  assert.deepEqual(t.rows[1]!.cells.map((c) => c.value), [undefined, 'null', '0.2', 'null', 'null']);
});

test('tasks shown at first: the first ones, plus the selected one beyond them', () => {
  const many = Array.from({ length: 150 }, (_, i) => task({ key: `0:t${i}`, id: `t${i}` }));
  const first = visibleTasks(many, '0:t3', TASK_ROW_LIMIT);
  assert.equal(first.tasks.length, TASK_ROW_LIMIT);
  assert.equal(first.hidden, 150 - TASK_ROW_LIMIT);
  const beyond = visibleTasks(many, '0:t140', TASK_ROW_LIMIT);
  assert.equal(beyond.tasks.length, TASK_ROW_LIMIT + 1);
  assert.equal(beyond.tasks[TASK_ROW_LIMIT]!.key, '0:t140');
  assert.equal(beyond.hidden, 150 - TASK_ROW_LIMIT - 1);
  assert.deepEqual(visibleTasks(many, null, null), { tasks: many, hidden: 0 });
  assert.equal(visibleTasks(many.slice(0, 5), null, TASK_ROW_LIMIT).hidden, 0);
});

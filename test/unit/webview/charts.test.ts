import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allCharts, figure1Chart, figure2Chart, figure3Chart, figure4Chart, stackTotals, timelineChart, yMax } from '../../../webview/model/charts';
import { figure1, figure2, figure3, figure4, snapshot } from './sample';

test('timeline: repeated / new input / output stacked per call; null stays null, never 0', () => {
  const m = timelineChart(snapshot().timeline, 'Fix the bug');
  assert.equal(m.kind, 'stackedBars');
  assert.deepEqual(m.x, ['1', '2*', '3']);
  assert.deepEqual(m.series.map((s) => s.key), ['repeated', 'newInput', 'output']);
  assert.deepEqual(m.series[1]!.values, [12000, null, null]);
  assert.deepEqual(m.series[0]!.values, [0, 12100, null]);
  assert.deepEqual(stackTotals(m.series, 3), [12100, 12150, null]);
  assert.equal(yMax(m), 12150);
  assert.match(m.notes.join(), /1 subagent call/);
  assert.equal(m.title, 'Tokens per call: Fix the bug');
  assert.equal(m.empty, null);
});

test('timeline: no task or no counts gives an empty chart with a reason', () => {
  assert.match(timelineChart(null, null).empty ?? '', /No task selected/);
  const blank = timelineChart({ taskKey: 'k', calls: [{ index: 1, repeated: null, newInput: null, output: null, subagent: false }] }, 'x');
  assert.match(blank.empty ?? '', /No per-call token counts/);
});

test('Figure 4: four modes over k, crossover marked on the self-host line, the user k as a rule', () => {
  const m = figure4Chart(figure4());
  assert.deepEqual(m.series.map((s) => s.key), ['apiNoCache', 'apiCached', 'selfHostReuse', 'selfHostNoReuse']);
  assert.deepEqual(m.x, [1, 2, 3, 4]);
  assert.deepEqual(m.series[0]!.values, figure4().rows.map((r) => r.apiNoCache));
  assert.equal(m.markers.length, 1);
  assert.deepEqual({ x: m.markers[0]!.x, y: m.markers[0]!.y }, { x: 2, y: figure4().rows[1]!.selfHostReuse });
  assert.match(m.notes.join('\n'), /no crossover vs API, cached up to k = 4/);
  assert.deepEqual(m.rules.map((r) => [r.axis, r.value, r.label]), [['x', 2.5, 'your k = 2.5']]);
});

test('Figure 4: no user k (a hand-made scenario) and all-unpriced rows', () => {
  const none = figure4Chart(figure4({ userK: null }));
  assert.equal(none.rules.length, 0);
  const unpriced = figure4Chart(figure4({ rows: figure4().rows.map((r) => ({ k: r.k, apiNoCache: null, apiCached: null, selfHostReuse: null, selfHostNoReuse: null })), crossoverK: { vsApiNoCache: null, vsApiCached: null } }));
  assert.match(unpriced.empty ?? '', /unpriced/);
  assert.equal(unpriced.markers.length, 0);
});

test('Figure 2: utilization sorted, one self-host line and one dashed API line per priced model', () => {
  const m = figure2Chart(figure2);
  assert.deepEqual(m.x, [0.3, 0.5]);
  assert.deepEqual(m.series.map((s) => [s.key, s.dashed ?? false]), [['m1:selfHost', false], ['m1:api', true], ['m2:selfHost', false]]);
  assert.deepEqual(m.series[0]!.values, [2, 1.2]);
  assert.equal(m.series[0]!.color, m.series[1]!.color);
  assert.match(m.notes.join('\n'), /m2: API unpriced/);
  assert.match(m.notes.join('\n'), /m2: self-host n\/a/);
});

test('Figure 3: bars colored by zone over green / yellow / red bands; unknown break-even left out', () => {
  const zones = { greenMax: 0.6, yellowMax: 0.95 };
  const m = figure3Chart(figure3, zones);
  assert.deepEqual(m.barColors, ['green', 'yellow', 'red', null]);
  assert.deepEqual(m.series[0]!.values, [0.5, 0.9, 1.7, null]);
  assert.deepEqual(m.bands.map((b) => [b.from, b.to, b.color]), [[0, 0.6, 'green'], [0.6, 0.95, 'yellow'], [0.95, null, 'red']], 'the limits the host sent, not constants of the webview');
  assert.deepEqual(m.x, ['m1 / chat', 'm1 / coding', 'm2 / chat', 'm2 / coding']);
  assert.match(m.notes.join(), /m2 \/ coding: n\/a/);
  assert.equal(yMax(m), 1.7);
});

test('Figure 1: API and self-host side by side per model and workload', () => {
  const m = figure1Chart(figure1);
  assert.equal(m.kind, 'groupedBars');
  assert.deepEqual(m.series.map((s) => s.values), [[0.26, null], [0.4, 0.2]]);
  assert.match(m.notes.join(), /m1 \/ long: API unpriced/);
  assert.match(figure1Chart([]).empty ?? '', /No workload/);
});

test('non-finite numbers never reach a chart', () => {
  const m = figure1Chart([{ model: 'm', workload: 'w', apiPerM: Number.NaN, selfHostPerM: Number.POSITIVE_INFINITY, selfHostPerMRange: null, cheaper: null }]);
  assert.deepEqual(m.series.map((s) => s.values), [[null], [null]]);
  assert.ok(m.empty);
  assert.equal(yMax(m), 1);
});

test('allCharts titles the timeline with the selected task', () => {
  const c = allCharts(snapshot());
  assert.deepEqual(Object.keys(c).sort(), ['figure1', 'figure2', 'figure3', 'figure4', 'timeline']);
  assert.equal(c.timeline.title, 'Tokens per call: Fix the bug');
  assert.equal(allCharts(snapshot({ tasks: [] })).timeline.title, 'Tokens per call');
});

test('a real snapshot (core, example trace): every chart has something to draw, values as the host sent them', async () => {
  const { buildCatalog } = await import('../../../src/core/catalog/load');
  const { measurePaths } = await import('../../../src/core/inference/analyze');
  const { measuringOptions } = await import('../../../src/core/pipeline/measuring');
  const { buildSnapshot, defaultControls } = await import('../../../src/core/panel/snapshot');
  const { readers } = await import('../../../src/core/traces/readers');
  const { FIXTURES } = await import('../helpers/shared');
  const cat = buildCatalog();
  const { files } = await measurePaths([`${FIXTURES}/examples/claude-code-session.jsonl`], measuringOptions({ readers, counter: () => Promise.reject(new Error('the example records usage')) }).options);
  const s = buildSnapshot(cat, { subject: { kind: 'trace', label: 'x' }, files }, defaultControls(cat, true), null);
  const c = allCharts(s);
  for (const m of Object.values(c)) assert.equal(m.empty, null, m.id);
  assert.deepEqual(c.figure4.series.find((x) => x.key === 'selfHostReuse')!.values, s.figure4.rows.map((r) => r.selfHostReuse));
  assert.equal(c.timeline.x.length, s.timeline!.calls.length);
  assert.equal(c.figure3.x.length, s.figure3.length);
  assert.equal(c.figure1.x.length, s.figure1.length);
  assert.deepEqual(c.figure2.x, [...new Set(s.figure2.map((p) => p.utilization))].sort((a, b) => a - b));
});

test('ranges: Figures 2 and 4 a band on the self-host lines, Figures 1 and 3 whiskers, a zone crossing marked', () => {
  const f4 = figure4Chart(figure4());
  assert.deepEqual(f4.ranges.map((r) => [r.seriesKey, r.style]), [['selfHostReuse', 'band'], ['selfHostNoReuse', 'band']]);
  // sample.ts: self-host reuse at k = 2 is 0.052, its range 0.026–0.104
  assert.ok(Math.abs(f4.ranges[0]!.lo[1]! - 0.026) < 1e-12 && Math.abs(f4.ranges[0]!.hi[1]! - 0.104) < 1e-12);
  assert.ok(yMax(f4) >= 0.4, 'the y axis holds the top of the band (no-reuse at k = 4: 0.2 × 2)');
  assert.match(f4.notes.join('\n'), /cheaper than API, no cache from k = 2 \(1–4\)/);
  const f2 = figure2Chart(figure2);
  assert.deepEqual(f2.ranges.map((r) => [r.seriesKey, r.style, r.lo, r.hi]), [['m1:selfHost', 'band', [1, 0.6], [4, 2.4]]], 'm2 has no range: no band');
  const f1 = figure1Chart(figure1);
  assert.deepEqual(f1.ranges.map((r) => [r.seriesKey, r.style, r.lo, r.hi]), [['selfHostPerM', 'whiskers', [0.2, null], [0.8, null]]]);
  const f3 = figure3Chart(figure3, { greenMax: 0.7, yellowMax: 1 });
  assert.deepEqual(f3.ranges[0]!.uncertain, [false, true, false, false]);
  assert.match(f3.notes.join('\n'), /m1 \/ coding: break-even ≈90 % \(60–120 %\) crosses a zone limit: yellow zone uncertain/);
});

test('no range anywhere: no band, no whisker, no extra note', () => {
  const f4 = figure4Chart(figure4({ rowRanges: figure4().rows.map((r) => ({ k: r.k, selfHostReuse: null, selfHostNoReuse: null })), crossoverKRange: null }));
  assert.deepEqual(f4.ranges, []);
  assert.ok(!f4.notes.some((n) => n.includes('shaded')));
});

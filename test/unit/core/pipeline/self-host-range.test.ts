/**
 * The self-host ranges (src/core/pipeline/self-host-range.ts) as the CLI's JSON and the panel's
 * snapshot carry them: the same numbers on both, each = point / band high … point / band low (the
 * division done here), bracketing the point, a zone crossing flagged, and null (never 0) without a band.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { agenticTable, type AgenticRow } from '../../../../src/core/engine/agentic';
import { buildSnapshot, defaultControls } from '../../../../src/core/panel/snapshot';
import { articleWorkload } from '../../../../src/core/pipeline/workload';
import { project } from '../../../../src/core/pipeline/project';
import { figureBand, ratesBand } from '../../../../src/core/pipeline/self-host-range';
import { resolveScenario } from '../../../../src/core/scenario';
import { cliJson } from '../../helpers/cli-in-process';

type Pair = [number, number] | null;
const cat = buildCatalog();

function close(a: number | null | undefined, b: number | null | undefined, what: string): void {
  if (a === null || b === null || a === undefined || b === undefined) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);
}
function sameRange(a: Pair | undefined, b: Pair | undefined, what: string): void {
  if (!a || !b) return assert.equal(a ?? null, b ?? null, what);
  close(a[0], b[0], `${what} low`);
  close(a[1], b[1], `${what} high`);
}

interface CompareJson {
  figure1: { model: string; workload: string; selfHostPerM: number | null; selfHostPerMRange: Pair }[];
  figure2: { model: string; utilization: number; selfHostPerM: number | null; selfHostPerMRange: Pair }[];
  figure3: { model: string; archetype: string; breakEvenUtilization: number | null; zone: string | null; breakEvenUtilizationRange: Pair; uncertainZone: boolean | null }[];
}

test('Figures 1-3: compare --json ranges = the panel snapshot\'s, = point / band, bracket the point; zone crossings flagged', async () => {
  const controls = defaultControls(cat, false);
  const snap = buildSnapshot(cat, { subject: { kind: 'scenario', label: 'x' } }, controls, null);
  const models = [...new Set(snap.figure1.map((r) => r.model))];
  const cli = await cliJson<CompareJson>('compare', '--models', models.join(','), '--provider', cat.agentic.provider, '--gpu', controls.gpu);
  const bandOf = (m: string) => figureBand(cat, resolveScenario(cat, {}, { model: m, provider: cat.agentic.provider, gpu: controls.gpu }));
  let ranged = 0;
  for (const r of snap.figure1) {
    const c = cli.figure1.find((x) => x.model === r.model && x.workload === r.workload);
    assert.ok(c, `${r.model} / ${r.workload} in the CLI`);
    sameRange(r.selfHostPerMRange, c.selfHostPerMRange, `Figure 1 ${r.model} / ${r.workload}`);
    const band = bandOf(r.model);
    if (r.selfHostPerM === null || !band) {
      assert.equal(r.selfHostPerMRange, null, 'no point or no band: no range');
      continue;
    }
    sameRange(r.selfHostPerMRange, [r.selfHostPerM / band.high, r.selfHostPerM / band.low], 'Figure 1 from the band');
    assert.ok(r.selfHostPerMRange![0] < r.selfHostPerM && r.selfHostPerM < r.selfHostPerMRange![1], 'brackets the point');
    ranged++;
  }
  assert.ok(ranged > 0, 'some Figure 1 rows carry a range');
  for (const p of snap.figure2) {
    const c = cli.figure2.find((x) => x.model === p.model && Math.abs(x.utilization - p.utilization) < 1e-9);
    if (c) sameRange(p.selfHostPerMRange, c.selfHostPerMRange, `Figure 2 ${p.model} at ${p.utilization}`);
  }
  // the article's zones: green ≤ 70 % < yellow ≤ 100 % < red
  const zone = (u: number) => (u <= cat.selfHostDefaults.zones.greenMax ? 'green' : u <= cat.selfHostDefaults.zones.yellowMax ? 'yellow' : 'red');
  let crossing = 0;
  for (const r of snap.figure3) {
    const c = cli.figure3.find((x) => x.model === r.model && x.archetype === r.archetype);
    assert.ok(c);
    sameRange(r.breakEvenUtilizationRange, c.breakEvenUtilizationRange, `Figure 3 ${r.model} / ${r.archetype}`);
    assert.equal(r.uncertainZone, c.uncertainZone);
    const g = r.breakEvenUtilizationRange;
    if (!g || r.breakEvenUtilization === null) continue;
    assert.ok(g[0] < r.breakEvenUtilization && r.breakEvenUtilization < g[1], 'brackets the point');
    const crosses = zone(g[0]) !== r.zone || zone(g[1]) !== r.zone;
    assert.equal(r.uncertainZone, crosses, `${r.model} / ${r.archetype}: ${g.join('–')} around ${r.breakEvenUtilization} (${r.zone})`);
    if (crosses) crossing++;
  }
  assert.ok(crossing > 0, 'with a 0.35×–2.55× band some break-even range crosses a zone limit');
});

interface AgenticJson {
  rows: AgenticRow[];
  crossoverK: { vsApiNoCache: number | null; vsApiCached: number | null };
  rowRanges: { k: number; selfHostReuse: Pair; selfHostNoReuse: Pair }[];
  crossoverKRange: { vsApiNoCache: [number | null, number | null]; vsApiCached: [number | null, number | null] } | null;
  throughputBand: { low: number; high: number } | null;
}

test('Figure 4: agentic --json row and crossover ranges = the panel snapshot\'s (the article\'s workload)', async () => {
  const snap = buildSnapshot(cat, { subject: { kind: 'scenario', label: 'x' } }, defaultControls(cat, false), null);
  const cli = await cliJson<AgenticJson>('agentic', '--k-max', String(snap.controls.kMax));
  const band = cli.throughputBand;
  assert.ok(band);
  assert.equal(snap.figure4.rowRanges.length, cli.rowRanges.length);
  cli.rows.forEach((row, i) => {
    for (const m of ['selfHostReuse', 'selfHostNoReuse'] as const) {
      sameRange(snap.figure4.rowRanges[i]![m], cli.rowRanges[i]![m], `k = ${row.k} ${m}`);
      sameRange(cli.rowRanges[i]![m], [row[m]! / band.high, row[m]! / band.low], `k = ${row.k} ${m} from the band`);
    }
  });
  assert.deepEqual(snap.figure4.crossoverKRange, cli.crossoverKRange);
  const r = cli.crossoverKRange!;
  for (const vs of ['vsApiNoCache', 'vsApiCached'] as const) {
    const [fast, slow] = r[vs];
    const point = cli.crossoverK[vs];
    // faster replicas cross over no later than the point, slower ones no earlier (null: none up to k max)
    if (point !== null) assert.ok(fast !== null && fast <= point && (slow === null || slow >= point), `${vs}: ${fast}–${slow} around ${point}`);
  }
});

test('the cache switch off: the crossover range uses rows without reuse, as the point does', () => {
  const s = resolveScenario(cat, {}, {});
  const band = ratesBand(cat, s);
  assert.ok(band && s.selfHost && s.api);
  const w = articleWorkload(cat);
  const p = project({ workload: w, k: { k: 10, source: 'user', label: 't' }, kMax: 40, api: { ...s.api, cachedInputPerM: null }, selfHost: s.selfHost, cache: false, band });
  // by hand: the first k at which self-host without reuse, at the band's fast end, costs less than the API without cache
  const fast = { ...s.selfHost, prefillTokPerS: s.selfHost.prefillTokPerS * band.high, decodeTokPerS: s.selfHost.decodeTokPerS * band.high };
  const rows = agenticTable(w.params, 40, { ...s.api, cachedInputPerM: null }, fast);
  const first = rows.find((r) => r.selfHostNoReuse! < r.apiNoCache!)?.k ?? null;
  assert.equal(p.ranges.crossoverK?.vsApiNoCache[0], first);
  close(p.ranges.perTask.selfHostReuse?.[0], p.perTask.selfHostNoReuse! / band.high, 'no reuse: reuse range = no-reuse range');
});

test('rates a scenario file sets itself carry no range: null, never 0', () => {
  const s = resolveScenario(cat, { selfHost: { prefillTokPerS: 20000, decodeTokPerS: 3000, usdPerGpuHour: 2, gpuCount: 8 } }, {}, 'test');
  assert.ok(s.selfHost);
  assert.equal(ratesBand(cat, s), null);
  const p = project({ workload: articleWorkload(cat), k: { k: 5, source: 'user', label: 't' }, api: s.api, selfHost: s.selfHost, cache: true, band: ratesBand(cat, s) });
  assert.ok(p.perTask.selfHostReuse !== null && p.perTask.selfHostReuse > 0);
  assert.deepEqual(p.ranges.perTask, { selfHostReuse: null, selfHostNoReuse: null });
  assert.equal(p.ranges.perCallSelfHost, null);
  assert.equal(p.ranges.crossoverK, null);
  assert.ok(p.ranges.rows.every((r) => r.selfHostReuse === null && r.selfHostNoReuse === null));
  // the GPU from the catalog (its throughput resolved) but a and b typed in: still the user's numbers, no band
  const g = resolveScenario(cat, { gpu: 'b200', selfHost: { prefillTokPerS: 20000, decodeTokPerS: 3000 } }, {}, 'test');
  assert.ok(g.throughput && g.selfHost && g.selfHost.prefillTokPerS === 20000);
  assert.equal(ratesBand(cat, g), null);
  assert.ok(figureBand(cat, g), 'Figures 1-3 use the catalog throughput: they keep its band');
});

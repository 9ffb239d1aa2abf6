/**
 * Every exported self-host figure carries its range: the cost-vs-k, scenarios, Figure 1 and Figure 3
 * CSVs have low/high columns equal to the snapshot's ranges (the same ones the charts draw and the
 * CLI prints), each bracketing its point; Figure 4's are checked against point / band high … point /
 * band low, the division done here with the CLI's `throughputBand`. No band: empty cells, never 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { measurePaths } from '../../../../src/core/inference/analyze';
import { measuringOptions } from '../../../../src/core/pipeline/measuring';
import { buildSnapshot } from '../../../../src/core/panel/snapshot';
import { readers } from '../../../../src/core/traces/readers';
import { createTokenCounter } from '../../../../src/core/tokenize';
import { reportCsv, reportMarkdown } from '../../../../src/core/panel/report';
import type { PanelSnapshot } from '../../../../src/core/panel/view';
import { defaultConfig } from '../../../../src/shared/config';
import { controlsFromConfig } from '../../../../src/vscode/model/controls';
import { cliJson } from '../../helpers/cli-in-process';
import { csvRecords } from '../../helpers/csv';
import { REPO_ROOT } from '../../helpers/shared';

const TRACES = join(REPO_ROOT, 'test/e2e/workspace/traces');

function close(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);
}

async function snapshot(): Promise<{ snap: PanelSnapshot; band: { low: number; high: number } }> {
  const cat = buildCatalog();
  const config = defaultConfig();
  const measured = await measurePaths([TRACES], measuringOptions({ readers, counter: () => createTokenCounter(config.encoding) }).options);
  const snap = buildSnapshot(cat, { subject: { kind: 'folder', label: 'x' }, files: measured.files }, controlsFromConfig(cat, config, true), null);
  const cli = await cliJson<{ throughputBand: { low: number; high: number } | null }>('analyze', TRACES);
  assert.ok(cli.throughputBand, 'the default self-host has a band');
  return { snap, band: cli.throughputBand };
}

function checkRange(rec: Record<string, string>, col: string, point: number | null, range: [number, number] | null, what: string): void {
  if (point === null || range === null) {
    assert.deepEqual([rec[`${col}Low`], rec[`${col}High`]], ['', ''], `${what}: no range, empty cells`);
    return;
  }
  close(Number(rec[`${col}Low`]), range[0], `${what} low`);
  close(Number(rec[`${col}High`]), range[1], `${what} high`);
  assert.ok(range[0] <= point && point <= range[1], `${what}: the range brackets the point`);
}

test('cost-vs-k CSV: low/high columns = Figure 4\'s band = point / band', async () => {
  const { snap, band } = await snapshot();
  const recs = csvRecords(reportCsv(snap, 'costPerTask'));
  assert.equal(recs.length, snap.figure4.rows.length);
  recs.forEach((rec, i) => {
    const row = snap.figure4.rows[i]!;
    const r = snap.figure4.rowRanges[i]!;
    assert.equal(Number(rec.k), row.k);
    for (const m of ['selfHostReuse', 'selfHostNoReuse'] as const) {
      const point = row[m];
      assert.ok(point !== null && r[m], `k ${row.k} ${m}: priced, with a range`);
      checkRange(rec, m, point, r[m], `k ${row.k} ${m}`);
      close(r[m]![0], point / band.high, `k ${row.k} ${m} low from the band`);
      close(r[m]![1], point / band.low, `k ${row.k} ${m} high from the band`);
    }
  });
  const bare = csvRecords(reportCsv({ ...snap, figure4: { ...snap.figure4, rowRanges: snap.figure4.rowRanges.map((r) => ({ ...r, selfHostReuse: null, selfHostNoReuse: null })) } }, 'costPerTask'));
  assert.ok(bare.every((r) => r.selfHostReuseLow === '' && r.selfHostNoReuseHigh === ''));
});

test('scenarios, Figure 1 and Figure 3 CSVs carry their ranges; the Markdown words them with ≈', async () => {
  const { snap } = await snapshot();
  const scen = csvRecords(reportCsv(snap, 'scenarios'));
  assert.equal(scen.length, snap.scenarios.length);
  scen.forEach((rec, i) => {
    const s = snap.scenarios[i]!;
    checkRange(rec, 'selfHostReuse', s.selfHostReuse, s.selfHostReuseRange, `${s.name} reuse`);
    checkRange(rec, 'selfHostNoReuse', s.selfHostNoReuse, s.selfHostNoReuseRange, `${s.name} no reuse`);
  });
  const f1 = csvRecords(reportCsv(snap, 'figure1'));
  assert.ok(f1.length > 0 && snap.figure1.some((r) => r.selfHostPerMRange !== null), 'Figure 1 has ranged rows');
  f1.forEach((rec, i) => checkRange(rec, 'selfHostPerM', snap.figure1[i]!.selfHostPerM, snap.figure1[i]!.selfHostPerMRange, `figure1 ${i}`));
  const f3 = csvRecords(reportCsv(snap, 'figure3'));
  assert.ok(f3.length > 0 && snap.figure3.some((r) => r.breakEvenUtilizationRange !== null), 'Figure 3 has ranged rows');
  f3.forEach((rec, i) => {
    const r = snap.figure3[i]!;
    checkRange(rec, 'breakEvenUtilization', r.breakEvenUtilization, r.breakEvenUtilizationRange, `figure3 ${i}`);
    assert.equal(rec.uncertainZone, r.uncertainZone === null ? '' : String(r.uncertainZone));
  });
  const md = reportMarkdown(snap);
  const f1Section = md.slice(md.indexOf('## $ per 1M tokens by workload'));
  assert.match(f1Section, /\| ≈\$[0-9.]+ \(\$[0-9.]+–\$[0-9.]+\) \|/, 'Figure 1 self-host cells with ≈ and range');
  const f3Section = md.slice(md.indexOf('## Break-even utilization'));
  assert.match(f3Section, /\| ≈[0-9.]+ % \([0-9]+–[0-9.]+ %\) \|/, 'Figure 3 break-even cells with ≈ and range');
});

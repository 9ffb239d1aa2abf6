/**
 * The panel's task rows carry each task's self-host range as `agentcost analyze --json` gives it
 * (`costRange`), and the task table words it with the shared formatter: "≈$x" in the cell, the
 * range in its tooltip, the point (not the text) in data-value, which the real-editor tests read.
 * The range is checked against the CLI's JSON and against point / band high … point / band low
 * (the division done here, with the CLI's `throughputBand`). The exports carry the same: the tasks
 * CSV as low/high columns, the Markdown as "≈$x ($lo–$hi)", and the ranking CSV as the rows of
 * `agentcost analyze --rank --json`.
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
import { approxUsd, usdRangeText } from '../../../../src/core/format-range';
import { formatUsd } from '../../../../src/core/format';
import { reportCsv, reportMarkdown } from '../../../../src/core/panel/report';
import type { RankingResult } from '../../../../src/core/pipeline/ranking';
import { defaultConfig } from '../../../../src/shared/config';
import { controlsFromConfig } from '../../../../src/vscode/model/controls';
import { tasksTable } from '../../../../webview/model/view';
import { cliJson } from '../../helpers/cli-in-process';
import { csvRecords } from '../../helpers/csv';
import { REPO_ROOT } from '../../helpers/shared';

type Pair = [number, number] | null;
const MODES = ['selfHostReuse', 'selfHostNoReuse'] as const;
const TRACES = join(REPO_ROOT, 'test/e2e/workspace/traces');

interface CliAnalyze {
  files: { path: string; tasks: { id: string; cost: Record<(typeof MODES)[number], number | null>; costRange: Record<(typeof MODES)[number], Pair> }[] }[];
  throughputBand: { low: number; high: number } | null;
}

function close(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);
}

async function snapshotAndCli() {
  const cat = buildCatalog();
  const config = defaultConfig();
  const measured = await measurePaths([TRACES], measuringOptions({ readers, counter: () => createTokenCounter(config.encoding) }).options);
  const snap = buildSnapshot(cat, { subject: { kind: 'folder', label: 'x' }, files: measured.files }, controlsFromConfig(cat, config, true), null);
  const cli = await cliJson<CliAnalyze & { ranking: RankingResult }>('analyze', TRACES, '--rank');
  return { snap, cli, cliTasks: cli.files.flatMap((f) => f.tasks.map((t) => ({ file: f.path, ...t }))) };
}

test('exports: the tasks CSV has the CLI\'s costRange as low/high columns, the Markdown "≈$x ($lo–$hi)"; the ranking CSV = analyze --rank --json rows', async () => {
  const { snap, cli, cliTasks } = await snapshotAndCli();
  const band = cli.throughputBand;
  assert.ok(band);
  const records = csvRecords(reportCsv(snap, 'tasks'));
  assert.equal(records.length, cliTasks.length);
  const md = reportMarkdown(snap);
  records.forEach((rec, i) => {
    const c = cliTasks[i]!;
    assert.equal(rec.task, c.id);
    for (const m of MODES) {
      const r = c.costRange[m];
      assert.ok(r && c.cost[m] !== null, `${c.id} ${m}`);
      close(Number(rec[`${m}Low`]), r[0], `${c.id} ${m}Low`);
      close(Number(rec[`${m}High`]), r[1], `${c.id} ${m}High`);
      close(Number(rec[m]), c.cost[m]!, `${c.id} ${m}`);
      const words = `≈${formatUsd(c.cost[m])} (${formatUsd(r[0])}–${formatUsd(r[1])})`;
      assert.ok(md.includes(words), `${c.id} ${m}: ${words} in the Markdown`);
    }
  });
  // no band: empty cells, never 0
  const bare = csvRecords(reportCsv({ ...snap, tasks: snap.tasks.map((t) => ({ ...t, costRange: { selfHostReuse: null, selfHostNoReuse: null } })) }, 'tasks'));
  assert.ok(bare.every((r) => r.selfHostReuseLow === '' && r.selfHostNoReuseHigh === ''));

  const ranked = csvRecords(reportCsv(snap, 'ranking'));
  assert.ok(ranked.length > 0);
  ranked.forEach((rec, i) => {
    const c = cli.ranking.rows[i]!;
    assert.deepEqual([rec.rank, rec.model, rec.gpu, rec.precision, rec.gpuCount, rec.basis, rec.current], [String(c.rank), c.model, c.gpu, c.precision, String(c.gpuCount), c.basis, String(c.current)]);
    close(Number(rec.costPerTask), c.costPerTask, `#${c.rank} cost`);
    if (c.range) {
      close(Number(rec.costPerTaskLow), c.range[0], `#${c.rank} low`);
      close(Number(rec.costPerTaskHigh), c.range[1], `#${c.rank} high`);
    } else assert.deepEqual([rec.costPerTaskLow, rec.costPerTaskHigh], ['', ''], `#${c.rank}: no band, no range`);
  });
});

test('task rows: the snapshot\'s costRange = analyze --json costRange = cost / band; the table says ≈ and gives the range', async () => {
  const { snap, cli, cliTasks } = await snapshotAndCli();
  const band = cli.throughputBand;
  assert.ok(band, 'the default self-host (catalog throughput) has a band');
  assert.equal(snap.tasks.length, cliTasks.length);
  assert.ok(snap.tasks.length > 0);
  const table = tasksTable(snap.tasks, null);
  snap.tasks.forEach((row, i) => {
    const c = cliTasks[i]!;
    assert.equal(row.id, c.id);
    const cells = table.rows[i]!.cells;
    for (const m of MODES) {
      const mine = row.costRange[m];
      const theirs = c.costRange[m];
      const point = c.cost[m];
      if (point === null) {
        assert.equal(mine, null, `${c.id} ${m}: no point, no range`);
        assert.equal(theirs, null);
        continue;
      }
      assert.ok(mine && theirs, `${c.id} ${m}: a range`);
      close(mine[0], theirs[0], `${c.id} ${m} low`);
      close(mine[1], theirs[1], `${c.id} ${m} high`);
      close(theirs[0], point / band.high, `${c.id} ${m} low from the band`);
      close(theirs[1], point / band.low, `${c.id} ${m} high from the band`);
      assert.ok(mine[0] <= point && point <= mine[1], `${c.id} ${m}: the range brackets the point`);
      const cell = cells.find((x) => x.col === m)!;
      assert.equal(cell.text, approxUsd(point, theirs));
      assert.ok(cell.text.startsWith('≈'), cell.text);
      assert.ok(cell.title?.includes(usdRangeText(theirs)!), cell.title);
      assert.equal(Number(cell.value), row.cost[m], 'data-value stays the point');
    }
    // API cells carry no range: no ≈
    assert.ok(!cells.find((x) => x.col === 'apiNoCache')!.text.startsWith('≈'));
  });
});

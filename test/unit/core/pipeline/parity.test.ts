/**
 * One number everywhere: the extension's per-task costs (TraceStore's measuring and cache → the
 * panel's snapshot) equal `agentcost analyze --json` for every trace in ../shared/traces and every
 * fixture of test/e2e/workspace; the hover, CodeLens, status bar and the panel's current row equal
 * `agentcost prompt --json` for the same prompt and settings. The CLI runs in-process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCatalog } from '../../../../src/core/catalog/load';
import { formatUsd } from '../../../../src/core/format';
import { approxUsd, usdWithRange } from '../../../../src/core/format-range';
import { detectReader, listFiles, type FileMeasures } from '../../../../src/core/inference/analyze';
import type { SeenEntry } from '../../../../src/core/inference/cross-file-duplicates';
import { measureInOrder, type MeasuredFile } from '../../../../src/core/pipeline/folder-measures';
import { runJob } from '../../../../src/core/pipeline/worker-jobs';
import type { Diagnostic } from '../../../../src/core/traces/model';
import { inWalkOrder } from '../../../../src/core/traces/walk';
import { buildSnapshot } from '../../../../src/core/panel/snapshot';
import { MeasureCache } from '../../../../src/core/pipeline/measure-cache';
import { readers } from '../../../../src/core/traces/readers';
import { defaultConfig, type Config } from '../../../../src/shared/config';
import { controlsFromConfig } from '../../../../src/vscode/model/controls';
import { promptCostsFromConfig } from '../../../../src/vscode/model/prompt-costs';
import { promptCodeLensTitle, promptHoverMarkdown } from '../../../../src/vscode/text/hover';
import { promptStatusView } from '../../../../src/vscode/text/status-bar';
import { cliJson, runCli } from '../../helpers/cli-in-process';
import { FIXTURES, REPO_ROOT, SHARED_TRACES } from '../../helpers/shared';

const E2E_TRACES = join(REPO_ROOT, 'test/e2e/workspace/traces');
const CROSS_FILE = join(FIXTURES, 'traces/claude-code/cross-file');
const PROMPT = join(REPO_ROOT, 'test/e2e/workspace/prompts/support-agent.prompt.md');
const MODES = ['apiNoCache', 'apiCached', 'apiCachedObserved', 'selfHostReuse', 'selfHostNoReuse'] as const;

function close(a: number | null, b: number | null, what: string): void {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);
}

/**
 * TraceStore.analyzeMany without the editor: the worker job (run in this thread, as TraceStore does
 * without the worker bundle) behind its two caches, files ordered as Analyze Workspace Traces
 * orders what its globs found (inWalkOrder), then measureInOrder.
 */
async function extensionMeasures(folder: string, config: Config): Promise<FileMeasures[]> {
  const job = async (path: string, earlier: SeenEntry[]): Promise<MeasuredFile> => {
    const r = await runJob({ kind: 'measure', path, encoding: config.encoding, maxFileBytes: config.maxFileSizeMB * 1024 * 1024, earlier });
    assert.ok(r.ok && r.kind === 'measure', JSON.stringify(r));
    return { measures: r.measures, claims: r.claims };
  };
  const alone = new MeasureCache<MeasuredFile>((p) => stat(p), (p) => job(p, []));
  const deduped = new MeasureCache<MeasuredFile, SeenEntry[]>((p) => stat(p), (p, _s, earlier) => job(p, earlier ?? []));
  // the editor's file search returns files in no particular order
  const found = (await listFiles([folder])).files.reverse();
  const r = await measureInOrder(
    inWalkOrder(found),
    {
      detect: async (p) => (await detectReader(p, readers)) !== null,
      alone: (p) => alone.get(p, config.encoding),
      excluding: async (p, earlier) => (await deduped.get(p, config.encoding, undefined, { id: JSON.stringify(earlier), value: earlier })).measures,
    },
    new AbortController().signal,
  );
  return r.files;
}

/** What the extension does: TraceStore's measuring, then the panel's snapshot with the settings' controls. */
async function extensionSnapshot(folder: string, config: Config) {
  const cat = buildCatalog();
  const files = await extensionMeasures(folder, config);
  return buildSnapshot(cat, { subject: { kind: 'folder', label: 'x' }, files }, controlsFromConfig(cat, config, true), null);
}
const extensionTasks = async (folder: string, config: Config) => (await extensionSnapshot(folder, config)).tasks;

test('the panel\'s totals line = the totals line of agentcost analyze\'s summary (tokens and observed cost)', async () => {
  const snap = await extensionSnapshot(E2E_TRACES, defaultConfig());
  const text = (await runCli('analyze', E2E_TRACES)).stdout;
  const cliLine = /^ {2}totals +(.+)$/m.exec(text.slice(text.indexOf('Summary over')))?.[1];
  assert.ok(cliLine, text);
  assert.ok(snap.totals?.includes('observed cost $'), String(snap.totals));
  assert.equal(snap.totals, cliLine);
});

interface CliAnalyze {
  files: { path: string; tasks: { id: string; calls: number; cost: Record<(typeof MODES)[number], number | null> }[]; diagnostics: Diagnostic[] }[];
}

const droppedNote = (d: Diagnostic): boolean => d.severity === 'info' && d.message.includes('already counted in');

for (const [name, folder, dropped] of [
  // hand-made: a parent session, its subagent's own file (one shared request inside a parent task), a --resume copy
  ['test/fixtures/traces/claude-code/cross-file', CROSS_FILE, 2],
  // real Claude Code sessions: no request is logged in two of these files
  ['../shared/traces/claude-code', join(SHARED_TRACES, 'claude-code'), 0],
] as const) {
  test(`a request logged in two files is counted once by both the extension and the CLI, with the same note (${name})`, async () => {
    const config = defaultConfig();
    const ext = await extensionMeasures(folder, config);
    const cli = await cliJson<CliAnalyze>('analyze', folder);
    assert.deepEqual(ext.map((f) => f.path), cli.files.map((f) => f.path), 'the same files in the same order');
    ext.forEach((f, i) => assert.deepEqual(f.diagnostics, cli.files[i]!.diagnostics, f.path));
    assert.equal(ext.flatMap((f) => f.diagnostics.filter(droppedNote)).length, dropped);
    assert.equal(cli.files.flatMap((f) => f.diagnostics.filter(droppedNote)).length, dropped);
    const snapTasks = (await extensionSnapshot(folder, config)).tasks;
    const cliTasks = cli.files.flatMap((f) => f.tasks.map((t) => ({ file: f.path, ...t })));
    assert.deepEqual(snapTasks.map((t) => `${t.file}|${t.id}|${t.calls}`), cliTasks.map((t) => `${t.file}|${t.id}|${t.calls}`));
    snapTasks.forEach((t, i) => {
      for (const m of MODES) close(t.cost[m], cliTasks[i]!.cost[m], `${t.file} ${t.id} ${m}`);
    });
  });
}

test('the cross-file fixture depends on the order: a plain path sort would read the parent before its subagent file', async () => {
  const files = (await listFiles([CROSS_FILE])).files;
  assert.notDeepEqual([...files].sort(), files);
  assert.deepEqual(inWalkOrder([...files].sort()), files);
});

for (const [name, folder] of [
  ['../shared/traces', SHARED_TRACES],
  ['test/e2e/workspace/traces', E2E_TRACES],
] as const) {
  test(`extension per-task costs = agentcost analyze --json, every trace of ${name}`, async () => {
    const config = defaultConfig();
    const ext = await extensionTasks(folder, config);
    const cli = await cliJson<CliAnalyze>('analyze', folder);
    const cliTasks = cli.files.flatMap((f) => f.tasks.map((t) => ({ file: f.path, ...t })));
    assert.equal(ext.length, cliTasks.length, 'the same tasks');
    assert.ok(ext.length > 0);
    let priced = 0;
    ext.forEach((t, i) => {
      const c = cliTasks[i]!;
      assert.equal(`${t.file}|${t.id}`, `${c.file}|${c.id}`);
      for (const m of MODES) close(t.cost[m], c.cost[m], `${t.file} ${t.id} ${m}`);
      if (t.cost.apiCached !== null && t.cost.selfHostReuse !== null) priced++;
    });
    assert.ok(priced > 0, 'some tasks are priced on both sides: the comparison is not all nulls');
  });
}

interface CliPrompt {
  tokens: number;
  k: number;
  kSource: string;
  params: { initialInput: number; perStepOutput: number; newInputPerStep: number; repeatedFraction: number; appendOutputs: boolean };
  perCall: { api: number | null; selfHost: number | null };
  perTask: { apiNoCache: number | null; apiCached: number | null; selfHostReuse: number | null; selfHostNoReuse: number | null };
  perCallRange: { selfHost: [number, number] | null };
  perTaskRange: { selfHostReuse: [number, number] | null; selfHostNoReuse: [number, number] | null };
  throughputBand: { low: number; high: number; runs: number } | null;
}

type Pair = [number, number] | null;
function sameRange(a: Pair, b: Pair, what: string): void {
  if (a === null || b === null) return assert.equal(a, b, what);
  close(a[0], b[0], `${what} low`);
  close(a[1], b[1], `${what} high`);
}

const settingsCases: { name: string; set: Partial<Config>; flags: string[] }[] = [
  { name: 'default settings', set: {}, flags: [] },
  { name: 'agentcost.k = 7, utilization 0.5, H100', set: { k: 7, utilization: 0.5, defaultGpu: 'h100' }, flags: ['--k', '7', '--utilization', '0.5', '--gpu', 'h100'] },
  { name: 'provider deepseek, overhead 0.3', set: { defaultProvider: 'deepseek', overhead: 0.3 }, flags: ['--provider', 'deepseek', '--overhead', '0.3'] },
];

for (const c of settingsCases) {
  test(`hover, CodeLens, status bar and the panel's current row = agentcost prompt --json (${c.name})`, async () => {
    const config = { ...defaultConfig(), ...c.set };
    const cat = buildCatalog();
    const cli = await cliJson<CliPrompt>('prompt', PROMPT, ...c.flags);
    const costs = promptCostsFromConfig(cat, config, cli.tokens, null);
    const hover = costs.scenarios[0]!;
    assert.equal(costs.k, cli.k);
    assert.equal(costs.kSource, cli.kSource);
    assert.deepEqual(costs.params, cli.params);
    for (const m of ['api', 'selfHost'] as const) close(hover.perCall[m], cli.perCall[m], `per call ${m}`);
    for (const m of ['apiNoCache', 'apiCached', 'selfHostReuse', 'selfHostNoReuse'] as const) close(hover.perTask[m], cli.perTask[m], `per task ${m}`);
    assert.ok(cli.perTask.apiCached !== null && cli.perTask.selfHostReuse !== null, 'priced on both sides');
    // the ranges: the same in the editor's costs as in the CLI's JSON, and each = point / band high … point / band low
    const band = cli.throughputBand;
    assert.ok(band && band.low < 1 && band.high > 1, 'the catalog throughput carries a band');
    sameRange(hover.ranges.perCallSelfHost, cli.perCallRange.selfHost, 'per call self-host range');
    for (const m of ['selfHostReuse', 'selfHostNoReuse'] as const) {
      sameRange(hover.ranges.perTask[m], cli.perTaskRange[m], `per task ${m} range`);
      const point = cli.perTask[m]!;
      sameRange(cli.perTaskRange[m], [point / band.high, point / band.low], `per task ${m} range from the band`);
      assert.ok(cli.perTaskRange[m]![0] < point && point < cli.perTaskRange[m]![1], `${m}: the range brackets the point`);
    }

    // what each surface prints is made of those numbers
    const view = { tokens: cli.tokens, exact: true, encoding: 'o200k_base' as const, modelName: 'DeepSeek V3.2', modelEncoding: undefined };
    const lens = promptCodeLensTitle(view, costs);
    assert.ok(lens.includes(`(k=${cli.k}) API ${formatUsd(cli.perTask.apiCached)} cached vs self-host ≈${formatUsd(cli.perTask.selfHostReuse)}`), lens);
    const status = promptStatusView(view, costs);
    assert.ok(status.text.includes(`API ${formatUsd(cli.perCall.api)} · self-host ${approxUsd(cli.perCall.selfHost, cli.perCallRange.selfHost)}`), status.text);
    assert.ok(status.text.includes('≈'), status.text);
    assert.ok(status.tooltip.includes(`per task at k = ${cli.k}`), status.tooltip);
    // the tooltip and the hover give the CLI's ranges
    assert.ok(status.tooltip.includes(usdWithRange(cli.perCall.selfHost, cli.perCallRange.selfHost)), status.tooltip);
    assert.ok(status.tooltip.includes(usdWithRange(cli.perTask.selfHostReuse, cli.perTaskRange.selfHostReuse)), status.tooltip);
    const md = promptHoverMarkdown({ file: view, costs, uri: 'file:///p.prompt.md' });
    assert.ok(md.includes(`${formatUsd(cli.perTask.apiNoCache)} / ${formatUsd(cli.perTask.apiCached)}`), md);
    assert.ok(md.includes(`${usdWithRange(cli.perTask.selfHostNoReuse, cli.perTaskRange.selfHostNoReuse)} / ${usdWithRange(cli.perTask.selfHostReuse, cli.perTaskRange.selfHostReuse)}`), md);

    // the panel opened on the same prompt file: its "Current" row
    const snap = buildSnapshot(cat, { subject: { kind: 'prompt', label: 'p' }, prompt: { tokens: cli.tokens, exact: true, encoding: 'o200k_base' }, userK: config.k }, controlsFromConfig(cat, config, false), null);
    const row = snap.scenarios[0]!;
    assert.equal(snap.figure4.k, cli.k);
    for (const m of ['apiNoCache', 'apiCached', 'selfHostReuse', 'selfHostNoReuse'] as const) close(row[m], cli.perTask[m], `panel current row ${m}`);
    sameRange(row.selfHostReuseRange, cli.perTaskRange.selfHostReuse, 'panel current row selfHostReuse range');
    sameRange(row.selfHostNoReuseRange, cli.perTaskRange.selfHostNoReuse, 'panel current row selfHostNoReuse range');
  });
}

test('agentic with the prompt\'s params gives the prompt\'s row at k', async () => {
  const p = await cliJson<CliPrompt>('prompt', PROMPT, '--k', '9');
  const a = await cliJson<{ rows: { k: number; apiNoCache: number; apiCached: number; selfHostReuse: number; selfHostNoReuse: number }[] }>(
    'agentic', '--k-max', String(p.k),
    '--initial-input', String(p.params.initialInput), '--per-step-output', String(p.params.perStepOutput),
    '--new-input', String(p.params.newInputPerStep), '--repeated-fraction', String(p.params.repeatedFraction),
    ...(p.params.appendOutputs ? ['--append-outputs'] : []),
  );
  const row = a.rows[p.k - 1]!;
  assert.equal(row.k, 9);
  for (const m of ['apiNoCache', 'apiCached', 'selfHostReuse', 'selfHostNoReuse'] as const) close(row[m], p.perTask[m], m);
  close(a.rows[0]!.apiNoCache, p.perCall.api, 'per call = the k = 1 row');
});

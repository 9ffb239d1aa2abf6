/**
 * The editor scenarios: the vscode API suite inside the extension host, the status bar item and the
 * hover in a prompt file, the status bar item on a trace file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatNumber, formatUsd } from '../../../src/core/format';
import { approxUsd } from '../../../src/core/format-range';
import { abs, analyze, check, PROMPT, shot, TRACE, type Scenario } from '../context';
import type { AnalyzeJson } from '../lib/cli';
import { waitUntil } from '../lib/util';
import { hoverWidget, moveMouseAway, openFile, runCommand, statusItems, statusText } from '../lib/workbench';

/** Expected status bar text of a trace file, from the CLI (same rule as the extension: billed where known). */
function traceStatusExpected(a: AnalyzeJson): string {
  const tasks = a.files.flatMap((f) => f.tasks);
  const mean = (v: number[]): number | null => (v.length ? v.reduce((x, y) => x + y, 0) / v.length : null);
  const k = mean(tasks.map((t) => t.calls));
  const api = mean(tasks.map((t) => t.cost.apiCachedObserved ?? t.cost.apiCached).filter((v): v is number => v !== null));
  const sh = mean(tasks.map((t) => t.cost.selfHostReuse).filter((v): v is number => v !== null));
  // the mean's range = the mean of the tasks' ranges (linear); "≈" when the CLI gives one
  const ranges = tasks.flatMap((t) => (t.cost.selfHostReuse !== null && t.costRange?.selfHostReuse ? [t.costRange.selfHostReuse] : []));
  const lo = mean(ranges.map((r) => r[0]));
  const hi = mean(ranges.map((r) => r[1]));
  return `k ${formatNumber(k, k !== null && Number.isInteger(k) ? 0 : 1)} · API ${formatUsd(api)} · self-host ${approxUsd(sh, lo !== null && hi !== null ? [lo, hi] : null)} /task`;
}

export const integrationScenario: Scenario = {
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
};

export const statusBarScenario: Scenario = {
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
      const ag = ctx.cli.agentic('--initial-input', String(tokens), '--per-step-output', o!, '--k-max', '1');
      const row = ag.rows[0]!;
      const expected = `API ${formatUsd(row.apiNoCache)} · self-host ${approxUsd(row.selfHostNoReuse, ag.rowRanges[0]?.selfHostNoReuse)} /call`;
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
};

export const hoverScenario: Scenario = {
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
};

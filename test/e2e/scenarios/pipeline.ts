/**
 * One number everywhere, on screen: for every trace format of the workspace, the panel's task costs
 * equal `agentcost analyze --json`; for the prompt file, the hover, the CodeLens, the status bar and
 * the panel's "Current" row equal `agentcost prompt --json`. Runs before any workspace analysis, so
 * the prompt's k is the catalog's (as the CLI's without --k).
 */
import { formatUsd } from '../../../src/core/format';
import { approxUsd, usdWithRange } from '../../../src/core/format-range';
import { abs, analyze, check, PROMPT, shot, type Scenario } from '../context';
import { openPanelOn, readTable } from '../lib/panel';
import { diffRow, diffTasks } from '../lib/panel-compare';
import { waitUntil } from '../lib/util';
import { hoverWidget, moveMouseAway, openFile, runCommand, statusItems, statusText, visibleWebview } from '../lib/workbench';

/** One file per trace format of test/e2e/workspace (the Claude Code one is the panel scenario's). */
const FORMAT_FIXTURES = [
  'traces/openai/release-notes.jsonl',
  'traces/anthropic/triage.jsonl',
  'traces/otel/support-bot.otlp.jsonl',
  'traces/openai-no-usage/wiki-answers.jsonl',
  'traces/claude-code/refactor-session.jsonl',
];

const COSTS = ['apiNoCache', 'apiCached', 'apiCachedObserved', 'selfHostReuse', 'selfHostNoReuse'] as const;

export const traceFormatsScenario: Scenario = {
  name: 'trace-formats',
  title: "one number: the panel's task costs equal `agentcost analyze --json` for every trace format of the workspace",
  timeoutMs: 240_000,
  async run(ctx) {
    for (const rel of FORMAT_FIXTURES) {
      const a = analyze(ctx, rel);
      const tasks = a.files[0]!.tasks;
      const frame = await openPanelOn(ctx, rel);
      const table = await readTable(frame, '#tasks');
      const d = diffTasks(table, tasks, COSTS, false);
      check(ctx, `${rel} [${a.files[0]!.format}]: the panel's ${tasks.length} task(s) show the CLI's five costs per task (${COSTS.join(', ')})`, table.size === tasks.length && d.length === 0, d.join('; ') || [...table.keys()].join(', '));
      const shape = diffTasks(table, tasks, [], true);
      check(ctx, `${rel}: the panel's k, I0, O, Δ and r per task equal the CLI's (the inputs of those costs)`, shape.length === 0, shape.join('; '));
      await shot(ctx, rel.split('/').pop()!.replace(/\W+/g, '-'));
    }
  },
};

export const promptCostsScenario: Scenario = {
  name: 'prompt-costs',
  title: 'one number: hover, CodeLens, status bar and the panel\'s "Current" row equal `agentcost prompt --json`',
  timeoutMs: 180_000,
  async run(ctx) {
    const { page } = ctx;
    const p = ctx.cli.prompt(abs(ctx, PROMPT));
    const usd = formatUsd;
    await openFile(page, PROMPT);

    const perCall = `API ${usd(p.perCall.api)} · self-host ${approxUsd(p.perCall.selfHost, p.perCallRange.selfHost)} /call`;
    const status = await waitUntil('the status bar at the CLI\'s $ per call', async () => ((await statusText(page)).includes(perCall) ? statusText(page) : ''), 60_000).catch(() => statusText(page));
    check(ctx, `${PROMPT}: the status bar shows prompt --json's cost per call (${perCall})`, status.includes(perCall), status);
    await statusItems(page).first().hover();
    const tip = await hoverWidget(page, /per task at k/).catch(() => '');
    const tipTask = `per task at k = ${p.k}`;
    check(ctx, `${PROMPT}: the status bar tooltip shows prompt --json's k = ${p.k} and cost per task (${usd(p.perTask.apiCached)} cached, ${usd(p.perTask.selfHostReuse)} with reuse)`, tip.includes(tipTask) && tip.includes(usd(p.perTask.apiCached)) && tip.includes(usd(p.perTask.selfHostReuse)), tip);
    const range = usdWithRange(p.perTask.selfHostReuse, p.perTaskRange.selfHostReuse);
    check(ctx, `${PROMPT}: the status bar tooltip gives prompt --json's self-host range (${range})`, tip.includes(range), tip);
    if (p.verdict) check(ctx, `${PROMPT}: the status bar tooltip shows the verdict first`, tip.includes(p.verdict.slice(0, 40)), tip);
    await moveMouseAway(page);

    const lensWant = `per task (k=${p.k}) API ${usd(p.perTask.apiCached)} cached vs self-host ${approxUsd(p.perTask.selfHostReuse, p.perTaskRange.selfHostReuse)} with reuse`;
    const lens = page.locator('.editor-group-container.active .codelens-decoration').first();
    const lensText = await waitUntil('the CodeLens at the CLI\'s numbers', async () => {
      const t = (await lens.innerText({ timeout: 2_000 }).catch(() => '')) ?? '';
      return t.includes(lensWant) ? t : '';
    }, 30_000).catch(async () => lens.innerText({ timeout: 2_000 }).catch(() => ''));
    check(ctx, `${PROMPT}: the CodeLens shows prompt --json's cost per call and per task (${lensWant})`, lensText.includes(lensWant) && lensText.includes(`API ${usd(p.perCall.api)} vs self-host ${approxUsd(p.perCall.selfHost, p.perCallRange.selfHost)}`), lensText);

    const word = page.locator('.editor-group-container.active .view-lines .view-line').nth(2).locator('span span').first();
    await word.hover();
    let hover = await hoverWidget(page, /AgentCost/, 8_000).catch(() => '');
    if (!hover) {
      await word.click();
      await runCommand(page, 'Show or Focus Hover');
      hover = await hoverWidget(page, /AgentCost/).catch(() => '');
    }
    const pair = (a: number | null, b: number | null) => `${usd(a)} / ${usd(b)}`;
    // self-host with the CLI's ranges: "≈$x ($lo–$hi)"
    const selfPair = `${usdWithRange(p.perTask.selfHostNoReuse, p.perTaskRange.selfHostNoReuse)} / ${usdWithRange(p.perTask.selfHostReuse, p.perTaskRange.selfHostReuse)}`;
    check(
      ctx,
      `${PROMPT}: the hover shows prompt --json's costs per call and per task at k = ${p.k} (API ${pair(p.perTask.apiNoCache, p.perTask.apiCached)}, self-host ${selfPair})`,
      hover.includes(usd(p.perCall.api)) && hover.includes(pair(p.perTask.apiNoCache, p.perTask.apiCached)) && hover.includes(selfPair) && hover.includes(`k = ${p.k}`),
      hover,
    );
    await shot(ctx, 'hover');
    await moveMouseAway(page);

    // the panel on the prompt file (the status bar item opens it): its "Current" scenario row
    await statusItems(page).first().click();
    const frame = await visibleWebview(page, 30_000);
    await frame.locator('#scenarios [data-value]').first().waitFor({ timeout: 60_000 });
    const row = [...(await readTable(frame, '#scenarios')).values()][0];
    const d = diffRow(row, p.perTask);
    check(ctx, `${PROMPT}: the panel's "Current" row shows prompt --json's four costs per task at k = ${p.k}`, d.length === 0, d.join('; '));
    const verdict = await frame.locator('#verdict').innerText({ timeout: 5_000 }).catch(() => '');
    check(ctx, `${PROMPT}: the panel header shows the verdict first, the CLI's`, p.verdict !== null && verdict === p.verdict, `${verdict} | ${p.verdict}`);
    await shot(ctx, 'panel');
  },
};

/**
 * Zero configuration, live: a Claude Code session of this workspace, written outside it (a Claude
 * config folder named in agentcost.discovery.locations), is listed in the Agent Traces view and
 * followed in the status bar; appending calls to it updates the status bar and the open panel within
 * 2 s, with the numbers `agentcost analyze --json` prints for the final file.
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatUsd } from '../../../src/core/format';
import { approxUsd } from '../../../src/core/format-range';
import { abs, check, shot, TRACE, type Scenario } from '../context';
import type { AnalyzeJson } from '../lib/cli';
import { readUserSettings, writeUserSettings } from '../lib/code-server';
import { diffTasks } from '../lib/panel-compare';
import { panelReady, readTable } from '../lib/panel';
import { waitUntil } from '../lib/util';
import { agentTracesRows, reloadWorkbench, statusItems, statusText } from '../lib/workbench';

/** What the live status item says for the file, from the CLI (calls, the last task's k, Σ billed API, Σ self-host with reuse, "≈" with a range). */
function liveExpected(a: AnalyzeJson): string {
  const tasks = a.files.flatMap((f) => f.tasks);
  const sum = (v: (number | null)[]) => (v.some((x) => x === null) ? null : (v as number[]).reduce((x, y) => x + y, 0));
  const calls = tasks.reduce((n, t) => n + t.calls, 0);
  const k = tasks[tasks.length - 1]?.calls ?? null;
  // the sum's range = the sum of the tasks' ranges (linear); "≈" when the CLI gives one
  const ranges = tasks.map((t) => t.costRange?.selfHostReuse ?? null);
  const range = ranges.every((r) => r !== null) ? ([sum(ranges.map((r) => r![0])), sum(ranges.map((r) => r![1]))] as const) : null;
  const selfHost = sum(tasks.map((t) => t.cost.selfHostReuse));
  return `${calls} calls · k ${k ?? '—'} · API ${formatUsd(sum(tasks.map((t) => t.cost.apiCachedObserved)))} · self-host ${approxUsd(selfHost, range && range[0] !== null && range[1] !== null ? [range[0], range[1]] : null)}`;
}

export const liveSessionScenario: Scenario = {
  name: 'live-session',
  title: 'the workspace\'s Claude Code session is found outside it and followed live (status bar and panel)',
  timeoutMs: 240_000,
  async run(ctx) {
    const { page, profile } = ctx;
    const claudeHome = join(ctx.workspace, '..', 'claude-config');
    const dir = join(claudeHome, 'projects', ctx.workspace.replace(/[^a-zA-Z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const session = join(dir, 'live-session.jsonl');
    // the workspace's Claude Code trace, as if it had run in this workspace folder
    const lines = readFileSync(abs(ctx, TRACE), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      if ('cwd' in o) o.cwd = ctx.workspace;
      return JSON.stringify(o) + '\n';
    });
    const half = Math.floor(lines.length / 2);
    writeFileSync(session, lines.slice(0, half).join(''));
    const before = readUserSettings(profile);
    // the status bar prices at the settings' scenario: the CLI's defaults, so earlier scenarios' picks are left out here
    const pricing = ['agentcost.utilization', 'agentcost.overhead', 'agentcost.defaultModel', 'agentcost.defaultProvider', 'agentcost.defaultGpu', 'agentcost.gpuPrices', 'agentcost.catalog.baselines', 'agentcost.catalog.overlay', 'agentcost.catalog.files'];
    const plain = Object.fromEntries(Object.entries(before).filter(([k]) => !pricing.includes(k)));
    writeUserSettings(profile, { ...plain, 'agentcost.discovery.locations': { claudeConfigDirs: [claudeHome] } });
    try {
      await reloadWorkbench(page, ctx.readyFile);
      // the CLI on a copy of the file as it is now (its results are cached by path; the copy is outside projects/)
      const snapshot = (name: string): AnalyzeJson => {
        copyFileSync(session, join(claudeHome, name));
        return ctx.cli.analyze(join(claudeHome, name));
      };
      const firstJson = snapshot('as-first-seen.jsonl');
      const first = liveExpected(firstJson);
      const shown = await waitUntil('the live session in the status bar', async () => ((await statusText(page)).includes(first) ? 'yes' : ''), 60_000).catch(() => '');
      check(ctx, `the status bar follows the session: ${first} (the CLI's numbers)`, shown !== '', await statusText(page));
      const rows = await agentTracesRows(page);
      check(ctx, 'the Agent Traces view lists the session under This workspace → Claude Code', rows.some((r) => r.includes('This workspace')) && rows.some((r) => r.includes('Claude Code')), rows.join(' | ').slice(0, 400));

      // the panel on the session (a click on the live item), then the rest of the session is written
      await statusItems(page).filter({ hasText: 'calls · k' }).first().click();
      const frame = await panelReady(ctx);
      // the CLI's numbers for the final file first, so that the timing below is the editor's alone
      writeFileSync(join(claudeHome, 'final.jsonl'), lines.join(''));
      const final = ctx.cli.analyze(join(claudeHome, 'final.jsonl'));
      const t0 = Date.now();
      appendFileSync(session, lines.slice(half).join(''));
      const expected = liveExpected(final);
      const callsOf = (a: AnalyzeJson) => a.files.flatMap((f) => f.tasks).reduce((n, t) => n + t.calls, 0);
      check(ctx, `the append adds calls (${callsOf(firstJson)} → ${callsOf(final)})`, callsOf(final) > callsOf(firstJson));
      await waitUntil('the status bar after the append', async () => ((await statusText(page)).includes(expected) ? 'yes' : ''), 20_000, 50).catch(() => '');
      const statusMs = Date.now() - t0;
      check(ctx, `after the append the status bar shows the final file's CLI numbers (${expected}) within 2 s (${statusMs} ms)`, (await statusText(page)).includes(expected) && statusMs <= 2000, await statusText(page));
      const tasks = final.files[0]!.tasks;
      // the task shape (k, I0, O, Δ, r, cache): the panel keeps the controls earlier scenarios picked (provider, utilization), which the costs depend on
      const diffNow = async () => diffTasks(await readTable(frame, '#tasks').catch(() => new Map()), tasks, []);
      const diff = await waitUntil('the panel after the append', async () => ((await diffNow()).length === 0 ? ['ok'] : null), 20_000, 100).catch(diffNow);
      const panelMs = Date.now() - t0;
      check(ctx, `the open panel shows the final file's ${tasks.length} tasks (k, I0, O, Δ, r, cache) as the CLI computes them, within 2 s (${panelMs} ms)`, diff[0] === 'ok' && panelMs <= 2000, diff.slice(0, 5).join('; '));
      await shot(ctx, 'live-status', page.locator('#workbench\\.parts\\.statusbar'));
    } finally {
      writeUserSettings(profile, before);
      await reloadWorkbench(page, ctx.readyFile);
    }
  },
};

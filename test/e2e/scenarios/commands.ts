/**
 * The command scenarios: the palette commands on an open panel, and what a person does next (exports,
 * assumptions, a token count, the status bar item and the Agent Traces view, high contrast).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatUsd } from '../../../src/core/format';
import { abs, analyze, CHARTS, check, PROMPT, shot, TRACE, VLLM_RESULT, type Scenario } from '../context';
import { readUserSettings, writeUserSettings } from '../lib/code-server';
import { chartInfo, chartsSettled, chartValues, controlsShown, openPanelOn, panelFullScreenshot, panelReady, readTable, utilizationShown } from '../lib/panel';
import { diffTasks } from '../lib/panel-compare';
import { waitUntil } from '../lib/util';
import {
  acceptSaveDialog,
  agentTracesRows,
  analyzeWorkspace,
  answerQuickInput,
  dirtyTabCount,
  findNotification,
  openFile,
  paletteCount,
  pickColorTheme,
  revertAndCloseEditors,
  runCommand,
  statusItems,
  viewPane,
} from '../lib/workbench';

export const paletteScenario: Scenario = {
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

    // Edit Scenarios: the user settings JSON opens at agentcost.scenarios. The key is written first (its
    // default, so nothing changes): where it is missing, VS Code inserts it and leaves the editor unsaved,
    // and its hot-exit backup of that edit can come back after a later window reload, dirty, and veto the
    // next one. Revealing an existing key edits nothing.
    writeUserSettings(ctx.profile, { ...readUserSettings(ctx.profile), 'agentcost.scenarios': [] });
    await runCommand(page, 'AgentCost: Edit Scenarios');
    const activeTab = (): Promise<string> => page.locator('.editor-group-container.active .tabs-container .tab.active').first().textContent({ timeout: 5_000 }).then((t) => t ?? '', () => '');
    const tab = await waitUntil('the settings JSON tab', async () => ((await activeTab()).includes('settings.json') ? 'settings.json' : ''), 10_000).catch(() => activeTab());
    check(ctx, 'Edit Scenarios opens the settings JSON', tab === 'settings.json', tab);
    const atKey = await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'agentcost.scenarios' }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
    check(ctx, 'the editor shows agentcost.scenarios', atKey);
    await shot(ctx, 'edit-scenarios');
    // if the workbench still had the file without the key and inserted it, save that (the same value):
    // an unsaved settings.json must not outlive the scenario
    const dirtySettings = page.locator('.tabs-container .tab.dirty', { hasText: 'settings.json' });
    if ((await dirtySettings.count()) > 0) {
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+S');
      await waitUntil('the settings JSON saved', async () => ((await dirtySettings.count()) === 0 ? true : null), 15_000).catch(() => undefined);
    }
    const closed = await revertAndCloseEditors(page, 'settings.json');
    check(ctx, 'the settings JSON is closed', closed);
    check(ctx, 'no unsaved editor is left behind', (await dirtyTabCount(page)) === 0, `${await dirtyTabCount(page)} dirty tab(s)`);
  },
};

/**
 * The file a save dialog wrote, read once AgentCost says "… saved to <path>" (it says so after the
 * write has finished: the file can exist, still empty, before that). null if it never says so.
 */
async function savedFile(page: Page, path: string): Promise<Buffer | null> {
  const said = await findNotification(page, `AgentCost's "saved to ${basename(path)}" notification`, (t) => t.includes('saved to') && t.includes(basename(path)));
  return said && existsSync(path) ? readFileSync(path) : null;
}

export const exportsScenario: Scenario = {
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
    const md = (await savedFile(page, mdPath))?.toString('utf8') ?? '';
    check(ctx, `Export Markdown report writes ${basename(mdPath)}`, md.length > 0, mdPath);
    const missing = [...shownTasks.values()].flatMap((row) =>
      (['apiNoCache', 'apiCached', 'selfHostReuse'] as const).filter((m) => !md.includes(formatUsd(row[m] ?? null))).map((m) => `${m} ${formatUsd(row[m] ?? null)}`),
    );
    check(ctx, "the report's task table has the panel's costs", md.includes('## Tasks') && missing.length === 0, missing.join('; '));
    check(ctx, 'the report lists the assumptions with their tags', /\[E\]/.test(md) && /source/i.test(md));

    // Export PNG of Figure 4: a real PNG image
    await frame.locator('#export-figure4-png').click();
    const pngPath = await acceptSaveDialog(page, 'figure4 chart');
    const png = await savedFile(page, pngPath);
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
    // the document is untitled, so unsaved: discard it, or the next window reload is vetoed behind a beforeunload dialog
    const assumptionsClosed = await revertAndCloseEditors(page, 'assumptions');
    check(ctx, 'the assumptions document is closed without saving', assumptionsClosed);
    check(ctx, 'no unsaved editor is left behind', (await dirtyTabCount(page)) === 0, `${await dirtyTabCount(page)} dirty tab(s)`);

    // Count Tokens in Selection: not in the palette without a selection; with the whole prompt selected, the CLI's count
    await openFile(page, PROMPT);
    const listedWithout = await paletteCount(page, 'AgentCost: Count Tokens in Selection');
    check(ctx, 'Count Tokens in Selection is hidden from the palette without a selection', listedWithout === 0, `${listedWithout} rows`);
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await runCommand(page, 'AgentCost: Count Tokens in Selection');
    const tokens = ctx.cli.tokens(abs(ctx, PROMPT));
    const counted = await findNotification(page, 'the count message', (t) => t.includes('tokens in the selection'), 15_000);
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
    await chartsSettled(frame);
    for (const c of CHARTS) {
      const info = await chartInfo(frame, c);
      check(ctx, `high contrast: chart ${c} drawn with data`, info.kind !== 'none' && info.marks >= 20, JSON.stringify(info));
    }
    await panelFullScreenshot(ctx, 'high-contrast');
    await pickColorTheme(page, 'Default Dark Modern');
    // the workbench writes the theme into the user settings: wait for it, or the next scenario's own
    // write to that file (and its window reload) races the workbench's
    const written = await waitUntil('the theme in the user settings', () => readUserSettings(ctx.profile)['workbench.colorTheme'] === 'Default Dark Modern' || null, 30_000).catch(() => false);
    check(ctx, 'the dark theme is saved in the user settings', written === true, JSON.stringify(readUserSettings(ctx.profile)['workbench.colorTheme']));
  },
};

/**
 * The workspace scenarios: Analyze Workspace Traces with its progress, the Agent Traces view and
 * cancelling; and the same workspace untrusted (Restricted Mode).
 */
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { abs, analyze, ANALYZE_WORKSPACE, check, LARGE_TRACES, PROMPT, shot, TRACE, TRACE_FILES, type Scenario } from '../context';
import { readUserSettings, writeUserSettings } from '../lib/code-server';
import { settledRead } from '../lib/settle';
import { waitUntil } from '../lib/util';
import { agentTracesRows, analyzeWorkspace, findNotification, openFile, reloadWorkbench, type HostReady, runCommand, statusText, toasts, viewPane } from '../lib/workbench';

export const workspaceTracesScenario: Scenario = {
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
      // the toast slides in: shoot once it stands still
      await settledRead('the progress toast in place', page, () => progress.first().boundingBox(), (b) => b !== null, 10_000).catch(() => undefined);
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

    // cancel a second run right after it starts. The extension caches measures by path, size and
    // mtime, so an unchanged workspace is re-analyzed in milliseconds: touch the large traces so
    // the second run reads them again and is still running when Cancel is clicked.
    const now = new Date();
    for (const f of LARGE_TRACES) utimesSync(abs(ctx, f), now, now);
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
        // the result message follows the progress: wait for it (or, after the timeout, check what is there)
        const messages = page.locator('.notifications-toasts .notification-list-item-message');
        await messages.filter({ hasText: /cancel/i }).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
        const msgs = await messages.allInnerTexts();
        const cancelled = msgs.find((m) => /cancel/i.test(m)) ?? '';
        check(ctx, 'a notification says the run was cancelled', cancelled !== '', msgs.join(' | '));
        // a full run reads every trace file; the cancelled one reports fewer (the large traces take longer than the click)
        const files = Number(/(\d+) files?/.exec(cancelled)?.[1] ?? NaN);
        check(ctx, `the cancelled run stopped early (${files} of ${TRACE_FILES.length} files read; the full run took ${fullMs} ms)`, files < TRACE_FILES.length, cancelled);
      }
    }
    await shot(ctx, 'after-cancel');
  },
};

export const restrictedModeScenario: Scenario = {
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
    let again: HostReady | undefined;
    try {
      // written behind the workbench's back: a window reload makes sure it is read
      const trustedHost = await reloadWorkbench(page, ctx.readyFile);
      check(ctx, 'trust off: the reloaded window is trusted', trustedHost.trusted, JSON.stringify(trustedHost));
      await analyzeWorkspace(page);
      const trusted = await agentTracesRows(page);
      check(ctx, 'trusted: Analyze Workspace Traces also reads the trace folder outside the workspace', trusted.some((r) => r.includes(outsideName)), trusted.join(' | ').slice(0, 400));

      // workspace trust on, no startup prompt: after a window reload the folder opens in Restricted Mode
      writeUserSettings(profile, { ...readUserSettings(profile), 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' });
      const untrustedHost = await reloadWorkbench(page, ctx.readyFile);
      check(ctx, "AgentCost's extension host sees an untrusted workspace", !untrustedHost.trusted, JSON.stringify(untrustedHost));
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
      const warned = await findNotification(page, 'the warning about the ignored folder', (t) => t.includes('agentcost.traceFolders') && t.includes('outside the workspace, which is not trusted'));
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
      const perCall = (t: string): string => /API (\$[\d.,]+|unpriced)\D+self-host (≈?\$[\d.,]+|unpriced)/.exec(t)?.slice(1).join(' / ') ?? '';
      const statusNow = await waitUntil('the status bar to agree with the CodeLens', async () => {
        const t = await statusText(page);
        return perCall(t) !== '' && perCall(t) === perCall(lensText) ? t : '';
      }, 10_000).catch(() => statusText(page));
      check(ctx, "the status bar's $ per call equals the CodeLens's", perCall(statusNow) !== '' && perCall(statusNow) === perCall(lensText), `status ${perCall(statusNow)}; CodeLens ${perCall(lensText)}`);
      await shot(ctx, 'restricted-tree');
    } finally {
      // back to the settings of the other scenarios, trusted again
      writeUserSettings(profile, before);
      ctx.state.panelOpen = undefined;
      again = await reloadWorkbench(page, ctx.readyFile);
    }
    // the ready signal comes at startup finished, when the workbench has restored its parts
    check(ctx, "trusted again after the settings are restored (AgentCost's extension host)", again?.trusted === true, JSON.stringify(again));
    // the same locator that found Restricted Mode above (so it is known to match), now with nothing to find
    const back = (await page.getByText('Restricted Mode', { exact: false }).filter({ visible: true }).count()) > 0;
    check(ctx, 'trusted again after the settings are restored (no Restricted Mode in the workbench)', !back);
  },
};

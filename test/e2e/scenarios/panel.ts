/**
 * The panel scenarios: every chart and table against the CLI, the utilization control, and a hostile
 * trace that must stay inert.
 */
import { analyze, CHARTS, check, HOSTILE, PAYLOADS, shot, TRACE, TRACE_MODEL, type Scenario } from '../context';
import { ALERT_MARK, CSP_MARK } from '../lib/browser';
import { chartInfo, chartValues, openPanelOn, panelFullScreenshot, panelReady, readTable, setUtilization, utilizationShown } from '../lib/panel';
import { API_MODES, cliFigure4, diffFigures123, diffRow, diffTasks, diffTimeline, fig4Expected, same, SELF_HOST_MODES } from '../lib/panel-compare';
import { nextFrames } from '../lib/settle';
import { waitUntil } from '../lib/util';
import { closeQuickInput } from '../lib/workbench';

export const panelScenario: Scenario = {
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
};

export const utilizationScenario: Scenario = {
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
};

export const hostileScenario: Scenario = {
  name: 'hostile',
  title: '5. a hostile trace: payloads shown as text, no dialog, no script, no CSP violation',
  async run(ctx) {
    const { page, session } = ctx;
    const consoleStart = session.console.length;
    const dialogsStart = session.dialogs.length;
    const frame = await openPanelOn(ctx, HOSTILE);
    // an injected <img onerror> would have fired once every image finished loading (a broken one is complete
    // after its error event) and the frame rendered again
    await frame.locator('body').evaluate(
      () =>
        Promise.all(
          Array.from(document.images)
            .filter((i) => !i.complete)
            .map((i) => new Promise<void>((done) => {
              i.addEventListener('load', () => done(), { once: true });
              i.addEventListener('error', () => done(), { once: true });
            })),
        ),
      undefined,
      { timeout: 15_000 },
    ).catch(() => undefined);
    await nextFrames(frame);
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
};

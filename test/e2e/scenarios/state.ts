/**
 * The scenarios on state the panel keeps: its UI state across a page reload, and the color theme.
 */
import type { FrameLocator } from 'playwright-core';
import { analyze, CHARTS, check, shot, TRACE, type Scenario } from '../context';
import { readUserSettings } from '../lib/code-server';
import { chartInfo, chartsSettled, chartValues, openPanelOn, panelFullScreenshot, panelReady, readTable, setUtilization, utilizationShown } from '../lib/panel';
import { diffTasks } from '../lib/panel-compare';
import { sleep, waitUntil } from '../lib/util';
import { pickColorTheme, themeKind } from '../lib/workbench';

export const reloadScenario: Scenario = {
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
};

export const themesScenario: Scenario = {
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
      // charts re-render on theme change: every chart drawn, the same on two reads frames apart
      await chartsSettled(frame);
      for (const c of CHARTS) {
        const info = await chartInfo(frame, c);
        check(ctx, `${kind}: chart ${c} drawn with data`, info.kind !== 'none' && info.marks >= 20, JSON.stringify(info));
      }
      bg[kind] = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
      await panelFullScreenshot(ctx, kind);
    }
    check(ctx, 'the panel background differs between light and dark', bg.light !== bg.dark, JSON.stringify(bg));
  },
};

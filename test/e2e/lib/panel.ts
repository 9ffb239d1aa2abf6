/**
 * Reading the panel's webview: opening it on a trace, waiting until it has rendered and settled, its
 * tables, chart values and controls, and full-length screenshots of it.
 */
import type { FrameLocator } from 'playwright-core';
import { ANALYZE_TRACE, analyze, CHARTS, shot, type Ctx } from '../context';
import { settledRead } from './settle';
import { sleep, waitUntil } from './util';
import { openFile, runCommand, visibleWebview } from './workbench';

/** A table of the panel as rows (`tr[data-key]`) of cells (`[data-col]`), each its raw `data-value` (null: none). */
export type Table = Map<string, Record<string, number | null>>;

export async function readTable(frame: FrameLocator, container: string): Promise<Table> {
  const rows = await retryOnFrameSwap(() =>
    frame.locator(`${container} tr[data-key]`).evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-key') ?? '',
        cells: Object.fromEntries(
          Array.from(tr.querySelectorAll('[data-col]')).map((c) => [c.getAttribute('data-col') ?? '', c.hasAttribute('data-value') && c.getAttribute('data-value') !== 'null' ? Number(c.getAttribute('data-value')) : null]),
        ),
      })),
    ),
  );
  return new Map(rows.map((r) => [r.key, r.cells]));
}

/** Opens a chart's "Values" (a closed <details> is filled only when opened, as a person opens it) and reads its table. */
export async function chartValues(frame: FrameLocator, chart: string): Promise<Table> {
  const details = frame.locator(`#${chart}-data`);
  if (!(await retryOnFrameSwap(() => details.evaluate((d) => (d as HTMLDetailsElement).open, undefined, { timeout: 5_000 })))) {
    await details.locator('summary').click();
  }
  await frame.locator(`#${chart}-table tr[data-key]`).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  return readTable(frame, `#${chart}-table`);
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
export async function panelReady(ctx: Ctx, timeoutMs = 60_000): Promise<FrameLocator> {
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

export async function openPanelOn(ctx: Ctx, rel: string): Promise<FrameLocator> {
  await openFile(ctx.page, rel);
  await runCommand(ctx.page, ANALYZE_TRACE);
  const frame = await panelReady(ctx);
  // the panel shows this file: the CLI's first task title appears among its tasks
  const title = analyze(ctx, rel).files[0]?.tasks[0]?.title;
  if (title) await frame.locator('#tasks').getByText(title, { exact: false }).first().waitFor({ timeout: 30_000 });
  return frame;
}

/** The panel alone (editor group maximized, side bars hidden), in a viewport as tall as its content. */
export async function panelFullScreenshot(ctx: Ctx, suffix: string): Promise<void> {
  const { page } = ctx;
  const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
  await page.locator('.tabs-container .tab', { hasText: 'AgentCost' }).first().click();
  await runCommand(page, 'View: Maximize Editor Group and Hide Side Bars');
  try {
    let frame = await panelReady(ctx);
    const h = await frame.locator('body').evaluate((b) => Math.max(b.scrollHeight, document.documentElement.scrollHeight), undefined, { timeout: 5_000 });
    await page.setViewportSize({ width: 1400, height: Math.min(8000, h + 140) });
    frame = await panelReady(ctx);
    await chartsSettled(frame); // charts re-layout to the new size
    await shot(ctx, suffix);
  } finally {
    await page.setViewportSize(viewport);
    // back to the normal layout: un-maximize the editor group, show the side bar again
    await runCommand(page, 'View: Toggle Maximize Editor Group', { timeoutMs: 3_000 }).catch(() => undefined);
    if (!(await page.locator('#workbench\\.parts\\.sidebar').isVisible())) await runCommand(page, 'View: Toggle Primary Side Bar Visibility', { timeoutMs: 3_000 }).catch(() => undefined);
  }
}

/** The panel's controls as the webview shows them. */
export async function controlsShown(frame: FrameLocator): Promise<{ model: string; provider: string; gpu: string; kMax: string }> {
  const value = (id: string): Promise<string> => frame.locator(`#${id}`).inputValue({ timeout: 5_000 });
  return { model: await value('model'), provider: await value('provider'), gpu: await value('gpu'), kMax: await value('kmax') };
}

/** Sets the panel's utilization control the way its UI allows (a number, range or select element). */
export async function setUtilization(frame: FrameLocator, u: number): Promise<void> {
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

export async function utilizationShown(frame: FrameLocator): Promise<number> {
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
/** Every chart drawn, and the same sizes and marks on two reads a couple of frames apart (after a theme or size change). */
export async function chartsSettled(frame: FrameLocator, timeoutMs = 20_000): Promise<void> {
  const read = () => Promise.all(CHARTS.map((c) => chartInfo(frame, c)));
  await settledRead('the charts redrawn', frame, read, (v) => v.every((i) => i.kind !== 'none' && i.kind !== 'no container' && i.marks > 0), timeoutMs).catch(() => undefined);
}

export async function chartInfo(frame: FrameLocator, chart: string): Promise<{ dataChart: string | null; kind: string; w: number; h: number; marks: number }> {
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

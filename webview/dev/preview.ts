/**
 * The cost panel's webview in headless Chromium, outside VS Code, under the webview's real CSP, with a
 * stand-in host: a fake `acquireVsCodeApi` forwards every posted message to this Node process, which
 * answers like the extension host does (buildSnapshot from the core on real traces). Checks what the
 * panel must do and takes screenshots in the light, dark and high-contrast themes.
 *
 *   npx tsx webview/dev/preview.ts [trace files…]     (exit 1 when a check fails)
 *
 * Writes screenshots, the exported PNG and render.json to $TMPDIR/agentcost-webview-preview (or
 * PREVIEW_DIR). Needs /usr/bin/chromium (or CHROMIUM=path).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as esbuild from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { buildCatalog } from '../../src/core/catalog/load';
import { measurePaths } from '../../src/core/inference/analyze';
import { measuringOptions } from '../../src/core/pipeline/measuring';
import { buildSnapshot, defaultControls } from '../../src/core/panel/snapshot';
import { createTokenCounter } from '../../src/core/tokenize';
import { readers } from '../../src/core/traces/readers';
import type { PanelControls, PanelSnapshot, WebviewToHost } from '../../src/shared/protocol';
import { themeCss, THEMES, type ThemeKind } from './themes';
import { TASK_ROW_LIMIT } from '../model/view';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = process.env.PREVIEW_DIR ?? join(tmpdir(), 'agentcost-webview-preview');
const EVIL = '<img src=x onerror=alert(1)></script><b>bold</b>';

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

async function main() {
  const args = process.argv.slice(2);
  const paths = args.length
    ? args
    : [join(repo, 'test/fixtures/examples/claude-code-session.jsonl'), join(repo, 'test/fixtures/traces/claude-code/subagents-linked.jsonl'), join(repo, 'test/fixtures/traces/openai-chat-log/agent-conversation.jsonl')].filter(existsSync);
  mkdirSync(out, { recursive: true });

  // ---- the stand-in host
  const cat = buildCatalog();
  const { files } = await measurePaths(paths, measuringOptions({ readers, counter: () => createTokenCounter('o200k_base') }).options);
  // Trace-derived text that must show as characters, never as markup.
  const t0 = files[0]?.tasks[0];
  if (t0) t0.title = `${EVIL} ${t0.title ?? ''}`;
  files[0]?.diagnostics.push({ line: 7, severity: 'warning', message: `line with ${EVIL}` } as (typeof files)[0]['diagnostics'][0]);
  let controls: PanelControls = defaultControls(cat, files.length > 0);
  let selected: string | null = null;
  const snapshot = (): PanelSnapshot => buildSnapshot(cat, { subject: { kind: 'folder', label: `examples ${EVIL}` }, files, encoding: 'o200k_base' }, controls, selected);

  // ---- the bundle and the page
  const dist = join(out, 'dist');
  await esbuild.build({ entryPoints: [join(repo, 'webview', 'main.ts')], outdir: dist, bundle: true, minify: true, format: 'iife', platform: 'browser', target: 'es2022', loader: { '.css': 'css' }, logLevel: 'error' });
  const nonce = randomBytes(16).toString('base64');
  // The host's policy (src/vscode/panel/html.ts), with 'self' standing for webview.cspSource.
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'`;
  const html = (theme: ThemeKind) => `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="/theme-${theme}.css"><link rel="stylesheet" href="/dist/main.css"><title>AgentCost</title>
<style>/* must be blocked: proves the policy is in force */ body { outline: 3px solid red; }</style></head>
<body class="${THEMES[theme].bodyClass}"><div id="app"></div><script nonce="${nonce}" src="/fake-vscode.js"></script><script nonce="${nonce}" src="/dist/main.js"></script></body></html>`;
  // acquireVsCodeApi as VS Code provides it (once only), talking to this process through a binding.
  const fakeApi = `(() => { let acquired = false; let state = window.__initialState;
    window.acquireVsCodeApi = () => { if (acquired) throw new Error('acquireVsCodeApi called twice'); acquired = true;
      return { postMessage: (m) => { (window.__posted ||= []).push(m); window.__toHost(JSON.stringify(m)); }, getState: () => state, setState: (s) => { state = s; window.__state = s; } }; }; })();`;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const send = (type: string, body: string | Buffer) => (res.writeHead(200, { 'content-type': type }), res.end(body));
    let m: RegExpMatchArray | null;
    if ((m = url.match(/^\/page\/(light|dark|hc)$/))) return send('text/html', html(m[1] as ThemeKind));
    if ((m = url.match(/^\/theme-(light|dark|hc)\.css$/))) return send('text/css', themeCss(m[1] as ThemeKind));
    if (url === '/fake-vscode.js') return send('text/javascript', fakeApi);
    if ((m = url.match(/^\/dist\/(main\.(js|css))$/))) return send(m[2] === 'js' ? 'text/javascript' : 'text/css', readFileSync(join(dist, m[1]!)));
    res.writeHead(url === '/favicon.ico' ? 204 : 404);
    res.end();
    return undefined;
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });

  const posted: WebviewToHost[] = [];
  const exports: { chart: string; data: string }[] = [];
  let renderedAt = 0;
  let renderStats: { medianMs: number; p90Ms: number; paintedMedianMs: number; paintedP90Ms: number; runs: number } | null = null;
  async function open(theme: ThemeKind, initialState?: unknown): Promise<{ page: Page; csp: () => Promise<string[]>; errors: string[]; dialogs: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    let selfTest = true;
    page.on('console', (m) => {
      if (m.type() !== 'error' && m.type() !== 'warning') return;
      // The page's own inline <style>, blocked on purpose: expected once, before the panel loads.
      if (selfTest && /Content Security Policy/.test(m.text())) selfTest = false;
      else errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await page.addInitScript(`window.__initialState = ${JSON.stringify(initialState ?? null)}; window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));`);
    await page.exposeFunction('__toHost', async (json: string) => {
      const m = JSON.parse(json) as WebviewToHost;
      posted.push(m);
      const reply = (s: PanelSnapshot) => page.evaluate((msg) => window.postMessage(msg, '*'), { type: 'snapshot' as const, snapshot: s }).then(() => (renderedAt = Date.now()));
      switch (m.type) {
        case 'ready':
          await reply(snapshot());
          break;
        case 'setControls':
          controls = { ...controls, ...m.controls };
          await page.evaluate(() => window.postMessage({ type: 'busy', message: 'Recomputing…' }, '*'));
          await reply(snapshot());
          break;
        case 'selectTask':
          selected = m.taskKey;
          await reply(snapshot());
          break;
        case 'exportChart':
          exports.push({ chart: m.chart, data: m.data });
          break;
        case 'exportReport':
          break;
      }
    });
    await page.goto(`${base}/page/${theme}`);
    await page.waitForSelector('#figure4-chart canvas');
    return { page, errors, dialogs, csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
  }

  // ---- 1. every theme: renders, no CSP violation, no error, screenshots
  for (const theme of ['light', 'dark', 'hc'] as ThemeKind[]) {
    const { page, csp, errors, dialogs } = await open(theme);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(out, `panel-${theme}.png`), fullPage: true });
    await page.screenshot({ path: join(out, `top-${theme}.png`) });
    await page.locator('#figure4-section').screenshot({ path: join(out, `figure4-${theme}.png`) });
    const all = await csp();
    const v = all.filter((x) => !x.includes('/page/'));
    check(all.length - v.length === 1, `${theme}: the CSP is in force (the page's own inline <style> was blocked)`);
    check(v.length === 0, `${theme}: no CSP violation by the panel ${v.length ? JSON.stringify(v) : ''}`);
    check(errors.length === 0, `${theme}: no console error ${errors.length ? JSON.stringify(errors.slice(0, 3)) : ''}`);
    check(dialogs.length === 0, `${theme}: no script from trace text ran (alert)`);
    if (theme !== 'light') await page.context().close();
    else {
      // ---- 2. the DOM the E2E tests look for
      const ids = ['controls', 'utilization', 'workload', 'tasks', 'timeline-chart', 'figure1-chart', 'figure2-chart', 'figure3-chart', 'figure4-chart', 'scenarios', 'assumptions', 'diagnostics', 'export-markdown', 'export-csv'];
      for (const id of ids) check((await page.locator(`#${id}`).count()) === 1, `#${id} present`);
      check((await page.locator('[id="app"]').count()) === 1, 'the host\'s #app placeholder is replaced, not duplicated');
      for (const c of ['timeline', 'figure1', 'figure2', 'figure3', 'figure4']) check((await page.locator(`#${c}-chart[data-chart="${c}"] canvas`).count()) > 0, `#${c}-chart[data-chart=${c}] holds a canvas`);
      const s0 = snapshot();
      const firstTask = s0.tasks[0]!;
      const cell = page.locator(`#tasks tr[data-key="${firstTask.key}"] td[data-col="apiNoCache"]`);
      check((await cell.getAttribute('data-value')) === String(firstTask.cost.apiNoCache), `task cost cell data-value = ${firstTask.cost.apiNoCache}`);
      const scen = page.locator('#scenarios td[data-col="selfHostReuse"]').first();
      check((await scen.getAttribute('data-value')) === String(s0.scenarios[0]!.selfHostReuse), 'scenario cell data-value matches the snapshot');
      const text = await page.locator('#app').innerText();
      check(!/NaN|Infinity|undefined/.test(text), 'no NaN / Infinity / undefined on the panel');
      check(text.includes(EVIL), 'trace text shows its characters (<img …> as text)');
      check((await page.locator('#app img, #app b').count()) === 0, 'no element created from trace text');
      check((await page.locator('#diagnostics li').allTextContents()).some((t) => t.includes('<img src=x')), 'diagnostic shown as text');
      check((await page.locator('#assumptions').innerText()).includes('[E] estimated'), 'assumptions show [E] estimated');
      check(await page.locator('#estimates-badge').isVisible(), '"depends on estimated values" badge visible');
      check(posted[0]?.type === 'ready' && (posted[0] as { protocol: number }).protocol === 1, 'first message is ready, protocol 1');

      // ---- the webview's own render time for a full snapshot: the message handled (synchronously, then
      // uPlot's microtask commit, layout forced), and until the next frame is painted
      const times = await page.evaluate(async (snap) => {
        const sync: number[] = [];
        const painted: number[] = [];
        for (let i = 0; i < 30; i++) {
          await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
          const t = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data: { type: 'snapshot', snapshot: snap } }));
          for (let j = 0; j < 4; j++) await null;
          void document.body.offsetHeight;
          sync.push(performance.now() - t);
          await new Promise<void>((ok) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => ok(); ch.port2.postMessage(0); }));
          painted.push(performance.now() - t);
        }
        return { sync: sync.sort((a, b) => a - b), painted: painted.sort((a, b) => a - b) };
      }, snapshot());
      const r1 = (x: number) => Math.round(x * 10) / 10;
      renderStats = { medianMs: r1(times.sync[15]!), p90Ms: r1(times.sync[27]!), paintedMedianMs: r1(times.painted[15]!), paintedP90Ms: r1(times.painted[27]!), runs: times.sync.length };
      console.log(`     full snapshot render in the webview: median ${renderStats.medianMs} ms, p90 ${renderStats.p90Ms} ms; until painted: median ${renderStats.paintedMedianMs} ms, p90 ${renderStats.paintedP90Ms} ms (${times.sync.length} runs)`);
      check(times.sync.length === 30, 'snapshot re-render measured');
      
      // ---- 3. a control change: debounced setControls, fresh snapshot rendered
      posted.length = 0;
      const t = Date.now();
      await page.fill('#utilization', '0.5');
      await page.locator('#utilization').blur();
      await page.waitForFunction(() => (document.querySelector('#utilization') as HTMLInputElement).value === '0.5' && !document.querySelector('#app')!.classList.contains('busy'));
      await page.waitForTimeout(300);
      const sets = posted.filter((m) => m.type === 'setControls');
      check(sets.length >= 1 && sets.every((m) => m.type === 'setControls' && m.controls.utilization === 0.5), `typing 0.5 posts setControls {utilization: 0.5} (${sets.length} message(s))`);
      check(controls.utilization === 0.5, 'the host received it');
      console.log(`     control change → snapshot rendered in about ${renderedAt - t} ms (incl. the host's recompute)`);
      posted.length = 0;
      const slider = page.locator('#utilization-slider');
      const box = (await slider.boundingBox())!;
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + (box.width * i) / 12, box.y + box.height / 2);
      await page.mouse.up();
      await page.waitForTimeout(400);
      const drags = posted.filter((m) => m.type === 'setControls');
      check(drags.length >= 1 && drags.length <= 3, `dragging the slider posts ${drags.length} debounced message(s), not one per step`);
      await page.selectOption('#gpu', 'h100');
      await page.waitForTimeout(200);
      check(controls.gpu === 'h100', 'choosing a GPU posts it');
      await page.uncheck('#cache');
      await page.waitForTimeout(200);
      check(controls.cache === false, 'unchecking cache posts it');
      const cellAfter = await page.locator(`#tasks tr[data-key="${firstTask.key}"] td[data-col="apiCached"]`).getAttribute('data-value');
      check(cellAfter === String(snapshot().tasks[0]!.cost.apiCached), 'the table shows the new snapshot');
      await page.check('#cache');

      // ---- 4. selecting a task
      if (s0.tasks.length > TASK_ROW_LIMIT) {
        check((await page.locator('#tasks tbody tr').count()) === TASK_ROW_LIMIT, `the first ${TASK_ROW_LIMIT} of ${s0.tasks.length} tasks shown`);
        await page.click('#tasks-show-all');
        check((await page.locator('#tasks tbody tr').count()) === s0.tasks.length, '"Show all" shows every task');
      }
      const other = s0.tasks[Math.min(s0.tasks.length, TASK_ROW_LIMIT) - 1]!;
      await page.locator(`#tasks tr[data-key="${other.key}"]`).click();
      await page.waitForTimeout(200);
      check(selected === other.key, `clicking a task row posts selectTask ${other.key}`);
      check((await page.locator(`#tasks tr[data-key="${other.key}"]`).getAttribute('aria-selected')) === 'true', 'the row is marked selected');
      const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
      check((state as { selectedTask?: string })?.selectedTask === other.key, 'setState keeps the selected task');

      // ---- 5. export
      await page.click('#export-figure4-png');
      await page.waitForTimeout(200);
      const png = exports.find((e) => e.chart === 'figure4');
      check(!!png && png.data.startsWith('data:image/png;base64,'), 'Export PNG posts exportChart with a PNG data URL');
      if (png) writeFileSync(join(out, 'export-figure4.png'), Buffer.from(png.data.split(',')[1]!, 'base64'));
      await page.click('#export-markdown');
      await page.click('#export-csv');
      await page.waitForTimeout(100);
      check(posted.some((m) => m.type === 'exportReport' && m.kind === 'markdown') && posted.some((m) => m.type === 'exportReport' && m.kind === 'csv'), 'export buttons post exportReport markdown / csv');

      await page.check('#figure4-log');
      await page.waitForTimeout(100);
      await page.locator('#figure4-section').screenshot({ path: join(out, 'figure4-log.png') });
      check((await page.locator('#figure4-chart canvas').count()) === 1, 'Figure 4 on a log scale redraws');
      await page.uncheck('#figure4-log');

      // ---- 6. unpriced and empty values, a malformed message, an error
      await page.evaluate((s) => window.postMessage({ type: 'snapshot', snapshot: s }, '*'), unpriced(snapshot()));
      await page.waitForTimeout(100);
      const t2 = await page.locator('#app').innerText();
      check(t2.includes('unpriced') && !/NaN|Infinity/.test(t2), 'null costs read "unpriced", never NaN / Infinity');
      check((await page.locator('#tasks td[data-col="apiNoCache"]').first().getAttribute('data-value')) === 'null', 'null cost has data-value="null"');
      check(!(await page.locator('#tasks td[data-col="apiNoCache"]').first().innerText()).includes('$0'), 'null cost is not "$0"');
      await page.screenshot({ path: join(out, 'panel-unpriced.png'), fullPage: true });
      await page.evaluate(() => window.postMessage({ type: 'snapshot', snapshot: { protocol: 2 } }, '*'));
      await page.waitForTimeout(50);
      check((await page.locator('#error').innerText()).includes('protocol'), 'a snapshot of another protocol shows an error');
      await page.evaluate(() => window.postMessage({ type: 'error', message: 'Trace <b>x</b> unreadable' }, '*'));
      await page.waitForTimeout(50);
      check((await page.locator('#error').innerText()) === 'Trace <b>x</b> unreadable', 'an error message is shown as text');
      const v2 = (await csp()).filter((x) => !x.includes('/page/'));
      check(v2.length === 0 && errors.length === 0, `no CSP violation or error after interaction ${JSON.stringify([...v2, ...errors].slice(0, 3))}`);
      await page.context().close();

      // ---- 7. restored after a reload: the saved state selects its task again
      posted.length = 0;
      selected = null;
      const again = await open('dark', state);
      await again.page.waitForTimeout(300);
      check(selected === other.key, 'after a reload the saved selected task is asked for again');
      check((await again.page.locator('#diagnostics').evaluate((d) => (d as HTMLDetailsElement).open)) === false, 'collapsed sections stay collapsed');
      await again.page.context().close();
    }
  }
  const chromiumVersion = browser.version();
  await browser.close();
  server.close();
  console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
  console.log(`screenshots: ${out}`);
  writeFileSync(join(out, 'render.json'), JSON.stringify({ date: new Date().toISOString(), chromium: chromiumVersion, tasks: snapshot().tasks.length, render: renderStats }, null, 2));
  process.exit(failures.length ? 1 : 0);
}

/** The same snapshot with every price unknown (a model without API prices or throughput data). */
function unpriced(s: PanelSnapshot): PanelSnapshot {
  const nullCosts = { apiNoCache: null, apiCached: null, apiCachedObserved: null, selfHostReuse: null, selfHostNoReuse: null };
  return {
    ...s,
    tasks: s.tasks.map((t) => ({ ...t, cost: nullCosts })),
    figure1: s.figure1.map((r) => ({ ...r, apiPerM: null, selfHostPerM: null, cheaper: null })),
    figure2: s.figure2.map((p) => ({ ...p, apiPerM: null, selfHostPerM: null })),
    figure3: s.figure3.map((r) => ({ ...r, breakEvenUtilization: null, zone: null })),
    figure4: { ...s.figure4, rows: s.figure4.rows.map((r) => ({ ...r, apiNoCache: null, apiCached: null, selfHostReuse: null, selfHostNoReuse: null })), crossoverK: { vsApiNoCache: null, vsApiCached: null } },
    scenarios: s.scenarios.map((r) => ({ ...r, apiNoCache: null, apiCached: null, selfHostReuse: null, selfHostNoReuse: null, cheapest: null })),
  };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});

/**
 * Chooses the cost panel's chart library by measurement. Each candidate draws the panel's five charts
 * (per-call timeline, Figures 1–4) from a real snapshot through the webview's own view-model
 * (bench/charts/harness.mjs + one driver per library); we measure
 *   - the bundle: esbuild, minified IIFE for the browser (as the webview is built), JS + CSS, gzip -9;
 *   - in headless Chromium under the webview's CSP (`style-src` without 'unsafe-inline'): script
 *     evaluation, the first draw of the five charts, and re-draws (destroy + draw, as after a control
 *     change), each a synchronous draw followed by a forced layout; and every CSP violation.
 * Also the size of the @vscode-elements/elements controls the panel would use, against plain HTML.
 *
 *   npx tsx bench/charts.ts [snapshot.json]
 *
 * Without an argument the snapshot is built by the core (buildSnapshot, default controls) from
 * test/fixtures/examples/claude-code-session.jsonl, as the extension host would.
 *
 * Candidates are installed at pinned versions with npm into $TMPDIR/agentcost-chart-bench (or
 * CHART_BENCH_DIR), so the repository only depends on the winner. Needs Chromium at /usr/bin/chromium
 * (or CHROMIUM=path). Writes bench/results/charts.json, and screenshots of every candidate in the three
 * themes to <that folder>/shots. Figures, not pass/fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { themeCss, THEMES, type ThemeKind } from '../webview/dev/themes';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
// Outside the repository, so that neither git nor eslint sees the candidates' packages and bundles.
const work = process.env.CHART_BENCH_DIR ?? join(os.tmpdir(), 'agentcost-chart-bench');
const drivers = join(here, 'charts');

interface Candidate {
  id: string;
  name: string;
  renderer: 'canvas' | 'svg' | 'none';
  packages: Record<string, string>;
}

const CANDIDATES: Candidate[] = [
  { id: 'uplot', name: 'uPlot', renderer: 'canvas', packages: { uplot: '1.6.32' } },
  { id: 'chartjs', name: 'Chart.js (tree-shaken)', renderer: 'canvas', packages: { 'chart.js': '4.6.1' } },
  { id: 'plot', name: 'Observable Plot', renderer: 'svg', packages: { '@observablehq/plot': '0.6.17' } },
  { id: 'echarts', name: 'ECharts (tree-shaken, canvas)', renderer: 'canvas', packages: { echarts: '6.1.0' } },
];
/** The harness and view-model alone (a driver that draws nothing): subtracted to get each library's share. */
const BASELINE: Candidate = { id: 'baseline', name: 'view-model + harness, no library', renderer: 'none', packages: {} };
const ELEMENTS = { '@vscode-elements/elements': '2.5.1' };
/** The controls the panel needs: select, number/text field, checkbox, button (the package has no slider). */
const ELEMENT_IMPORTS = ['vscode-single-select', 'vscode-option', 'vscode-textfield', 'vscode-checkbox', 'vscode-button', 'vscode-collapsible'];

const CSP_NONCE = 'benchNonce0123456789';
const CSP = `default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; script-src 'nonce-${CSP_NONCE}';`;
const RUNS = { pages: 5, redraws: 40 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function install(): void {
  mkdirSync(work, { recursive: true });
  const deps: Record<string, string> = { ...ELEMENTS };
  for (const c of CANDIDATES) Object.assign(deps, c.packages);
  const missing = Object.entries(deps).filter(([name, version]) => {
    const pj = join(work, 'node_modules', name, 'package.json');
    return !existsSync(pj) || (JSON.parse(readFileSync(pj, 'utf8')) as { version: string }).version !== version;
  });
  if (missing.length === 0) return;
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'agentcost-chart-bench', private: true, dependencies: deps }, null, 2));
  console.error(`installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into ${work}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
}

interface BundleSize {
  jsBytes: number;
  cssBytes: number;
  minBytes: number;
  gzipBytes: number;
}

async function bundle(id: string, entrySource: string): Promise<BundleSize> {
  const dir = join(work, 'out', id);
  mkdirSync(dir, { recursive: true });
  const entry = join(work, `entry-${id}.mjs`);
  writeFileSync(entry, entrySource);
  await esbuild.build({
    entryPoints: { main: entry },
    outdir: dir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    loader: { '.css': 'css' },
    nodePaths: [join(work, 'node_modules')],
    logLevel: 'error',
    legalComments: 'none',
  });
  const js = readFileSync(join(dir, 'main.js'));
  const css = existsSync(join(dir, 'main.css')) ? readFileSync(join(dir, 'main.css')) : Buffer.alloc(0);
  return { jsBytes: js.length, cssBytes: css.length, minBytes: js.length + css.length, gzipBytes: gzipSync(js, { level: 9 }).length + (css.length ? gzipSync(css, { level: 9 }).length : 0) };
}

const chartEntry = (c: Candidate) =>
  c.id === 'baseline'
    ? `import { run } from ${JSON.stringify(join(drivers, 'harness.mjs'))};\nrun({ draw: () => null, destroy: () => {} });\n`
    : `import { run } from ${JSON.stringify(join(drivers, 'harness.mjs'))};\nimport * as driver from ${JSON.stringify(join(drivers, `${c.id}.mjs`))};\nrun(driver);\n`;

const elementsEntry = () =>
  `${ELEMENT_IMPORTS.map((e) => `import '@vscode-elements/elements/dist/${e}/index.js';`).join('\n')}\n` +
  `const root = document.getElementById('root');\n` +
  `const sel = document.createElement('vscode-single-select'); for (const m of ['a','b']) { const o = document.createElement('vscode-option'); o.textContent = m; sel.appendChild(o); } root.appendChild(sel);\n` +
  `for (const t of ['vscode-textfield','vscode-checkbox','vscode-button','vscode-collapsible']) { const e = document.createElement(t); e.textContent = t; root.appendChild(e); }\n` +
  `window.__bench = { draw() {}, destroy() {}, check() { return []; } }; window.__evalEnd = performance.now();\n`;

function page(id: string, theme: ThemeKind): string {
  const css = existsSync(join(work, 'out', id, 'main.css')) ? `<link rel="stylesheet" href="/${id}/main.css">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="stylesheet" href="/theme-${theme}.css">${css}
<style>/* an inline style element: must be blocked (proves the CSP is in force) */ body { outline: 1px solid red; }</style>
</head><body><div id="root"></div>
<script nonce="${CSP_NONCE}" src="/start-${theme}.js"></script>
<script nonce="${CSP_NONCE}" src="/snapshot.js"></script>
<script nonce="${CSP_NONCE}" src="/${id}/main.js"></script>
</body></html>`;
}

function serve(snapshotJson: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    let m: RegExpMatchArray | null;
    if ((m = url.pathname.match(/^\/page\/([a-z-]+)\/(light|dark|hc)$/))) return send('text/html', page(m[1]!, m[2] as ThemeKind));
    if ((m = url.pathname.match(/^\/theme-(light|dark|hc)\.css$/))) return send('text/css', themeCss(m[1] as ThemeKind));
    if ((m = url.pathname.match(/^\/start-(light|dark|hc)\.js$/)))
      return send('text/javascript', `window.__t0 = performance.now(); document.body.className = ${JSON.stringify(THEMES[m[1] as ThemeKind].bodyClass)};`);
    if (url.pathname === '/snapshot.js') return send('text/javascript', `window.SNAP = ${snapshotJson};`);
    if ((m = url.pathname.match(/^\/([a-z-]+)\/(main\.(js|css))$/))) {
      const f = join(work, 'out', m[1]!, m[2]!);
      if (existsSync(f)) return send(m[3] === 'js' ? 'text/javascript' : 'text/css', readFileSync(f));
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

interface Measured {
  evalMs: number[];
  firstDrawMs: number[];
  redrawMs: number[];
  /** Re-draw until the next frame was painted (includes waiting for that frame). */
  frameMs: number[];
  drawnSynchronously: boolean;
  charts: { id: string; svg: boolean; canvas: boolean; inked: number }[];
  cspViolations: string[];
  errors: string[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))] ?? NaN;
const r1 = (x: number) => Math.round(x * 10) / 10;

async function measure(browser: Browser, base: string, id: string, shots: boolean): Promise<Measured> {
  const out: Measured = { evalMs: [], firstDrawMs: [], redrawMs: [], frameMs: [], drawnSynchronously: true, charts: [], cspViolations: [], errors: [] };
  const themes: ThemeKind[] = shots ? ['light', 'dark', 'hc'] : ['light'];
  for (let run = 0; run < RUNS.pages; run++) {
    for (const theme of run === 0 ? themes : ['light' as const]) {
      const context = await browser.newContext({ viewport: { width: 800, height: 1700 }, deviceScaleFactor: 1 });
      const p = await context.newPage();
      // As a string: functions given to the page must not go through tsx's keepNames (__name).
      await p.addInitScript(`
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
        // A library may finish drawing in a microtask (uPlot commits that way): let queued microtasks run
        // (not a task: the browser could paint in between). check() then proves every chart is drawn.
        window.__flush = async () => { for (let i = 0; i < 4; i++) await null; };
        // Until the next frame has been painted.
        window.__painted = () => new Promise((ok) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => ok(); ch.port2.postMessage(0); }));
      `);
      const consoleErrors: string[] = [];
      p.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') consoleErrors.push(msg.text());
      });
      p.on('pageerror', (e) => out.errors.push(String(e)));
      await p.goto(`${base}/page/${id}/${theme}`);
      await p.waitForFunction(() => 'SNAP' in window && '__bench' in window);
      const first = await p.evaluate(async () => {
        const w = window as unknown as { __t0: number; __evalEnd: number; SNAP: unknown; __bench: { draw(s: unknown): void; check(): Measured['charts'] }; __flush(): Promise<void> };
        const t0 = performance.now();
        w.__bench.draw(w.SNAP);
        await w.__flush();
        void document.body.offsetHeight;
        const ms = performance.now() - t0;
        const charts = w.__bench.check();
        return { ms, evalMs: w.__evalEnd - w.__t0, charts };
      });
      if (theme === 'light') {
        out.firstDrawMs.push(first.ms);
        out.evalMs.push(first.evalMs);
        out.charts = first.charts;
        if (first.charts.some((c) => c.inked === 0)) out.drawnSynchronously = false;
      }
      if (theme === 'light' && id !== 'elements') {
        const redraws = await p.evaluate(async (n) => {
          const w = window as unknown as { SNAP: unknown; __bench: { draw(s: unknown): void; destroy(): void }; __flush(): Promise<void>; __painted(): Promise<void> };
          const draw: number[] = [];
          const frame: number[] = [];
          for (let i = 0; i < n; i++) {
            await w.__painted();
            const t0 = performance.now();
            w.__bench.destroy();
            w.__bench.draw(w.SNAP);
            await w.__flush();
            void document.body.offsetHeight;
            draw.push(performance.now() - t0);
            await w.__painted();
            frame.push(performance.now() - t0);
          }
          return { draw, frame };
        }, RUNS.redraws);
        out.redrawMs.push(...redraws.draw);
        out.frameMs.push(...redraws.frame);
      }
      await p.waitForTimeout(100);
      if (shots && run === 0) {
        mkdirSync(join(work, 'shots'), { recursive: true });
        await p.screenshot({ path: join(work, 'shots', `${id}-${theme}.png`), fullPage: true });
      }
      const csp = await p.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      // The page's own inline <style> is blocked on purpose (proof that the CSP is active): not the library's.
      const mine = (v: string) => /style-src(-elem)? inline .*page\/.*:4$/.test(v);
      const proof = csp.filter(mine);
      if (proof.length !== 1) out.errors.push(`CSP self-test: expected our inline <style> to be blocked once, saw ${proof.length}`);
      out.cspViolations.push(...csp.filter((v) => !mine(v)).map((v) => `${theme}: ${v}`));
      out.errors.push(...consoleErrors.filter((t) => !/Content Security Policy|Content-Security-Policy/.test(t)).map((t) => `${theme}: ${t}`));
      await context.close();
    }
  }
  out.cspViolations = [...new Set(out.cspViolations)];
  return out;
}

/** The panel's snapshot of the example trace, as the extension host builds it. */
async function exampleSnapshot() {
  const { buildCatalog } = await import('../src/core/catalog/load');
  const { measurePaths } = await import('../src/core/inference/analyze');
  const { measuringOptions } = await import('../src/core/pipeline/measuring');
  const { buildSnapshot, defaultControls } = await import('../src/core/panel/snapshot');
  const { readers } = await import('../src/core/traces/readers');
  const { createTokenCounter } = await import('../src/core/tokenize');
  const cat = buildCatalog();
  const { files } = await measurePaths([join(repo, 'test', 'fixtures', 'examples', 'claude-code-session.jsonl')], measuringOptions({ readers, counter: () => createTokenCounter('o200k_base') }).options);
  return buildSnapshot(cat, { subject: { kind: 'trace', label: 'claude-code-session.jsonl' }, files }, defaultControls(cat, true), null);
}

async function main() {
  const snapshotPath = process.argv[2] ?? 'test/fixtures/examples/claude-code-session.jsonl (buildSnapshot, default controls)';
  const snapshotJson = JSON.stringify(process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : await exampleSnapshot());
  install();
  const sizes: Record<string, BundleSize> = {};
  for (const c of [BASELINE, ...CANDIDATES]) sizes[c.id] = await bundle(c.id, chartEntry(c));
  sizes.elements = await bundle('elements', elementsEntry());

  const server = await serve(snapshotJson);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const version = browser.version();
  const measured: Record<string, Measured> = {};
  for (const c of [BASELINE, ...CANDIDATES]) measured[c.id] = await measure(browser, base, c.id, c.id !== 'baseline');
  measured.elements = await measure(browser, base, 'elements', true);
  await browser.close();
  server.close();

  const b = sizes.baseline!;
  const rows = CANDIDATES.map((c) => {
    const s = sizes[c.id]!;
    const m = measured[c.id]!;
    return {
      id: c.id,
      name: c.name,
      versions: c.packages,
      renderer: c.renderer,
      bundle: { ...s, libraryGzipBytes: s.gzipBytes - b.gzipBytes },
      evalMs: r1(median(m.evalMs)),
      firstDrawMs: r1(median(m.firstDrawMs)),
      firstDrawRunsMs: m.firstDrawMs.map(r1),
      redrawMs: { median: r1(median(m.redrawMs)), p90: r1(p90(m.redrawMs)), n: m.redrawMs.length },
      redrawToFrameMs: { median: r1(median(m.frameMs)), p90: r1(p90(m.frameMs)) },
      drawnSynchronously: m.drawnSynchronously,
      charts: m.charts,
      cspViolations: m.cspViolations,
      errors: m.errors,
    };
  });
  const best = { gzip: Math.min(...rows.map((r) => r.bundle.gzipBytes)), redraw: Math.min(...rows.map((r) => r.redrawMs.median)), first: Math.min(...rows.map((r) => r.firstDrawMs)) };
  const withRatios = rows.map((r) => ({ ...r, ratios: { gzip: r1(r.bundle.gzipBytes / best.gzip), firstDraw: r1(r.firstDrawMs / best.first), redraw: r1(r.redrawMs.median / best.redraw) } }));
  const result = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium: version, esbuild: esbuild.version },
    snapshot: snapshotPath,
    method: {
      bundle: 'esbuild --bundle --minify --format=iife --platform=browser --target=es2022; gzip -9 of JS (+ CSS)',
      render: `${RUNS.pages} fresh pages (first draw, median) and ${RUNS.redraws} re-draws per page (destroy + draw + microtask flush + forced layout, median/p90; and until the next painted frame), 5 charts at 720×300 css px, deviceScaleFactor 1`,
      csp: CSP,
    },
    baseline: { bundle: b, note: BASELINE.name },
    candidates: withRatios,
    controls: {
      vscodeElements: { versions: ELEMENTS, imports: ELEMENT_IMPORTS, bundle: sizes.elements, cspViolations: measured.elements!.cspViolations, errors: measured.elements!.errors },
      plainHtml: { bundle: { gzipBytes: 0 }, note: 'native <select>, <input type=range|number|checkbox>, <button> themed with --vscode-* variables in our stylesheet' },
    },
  };
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repo, 'bench', 'results', 'charts.json'), `${JSON.stringify(result, null, 2)}\n`);

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`| library | renderer | min JS+CSS | gzip | library's gzip share | first draw (5 charts) | re-draw median / p90 | re-draw to painted frame | CSP violations |`);
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  for (const r of withRatios)
    console.log(
      `| ${r.name} ${Object.values(r.versions).join()} | ${r.renderer} | ${kb(r.bundle.minBytes)} | ${kb(r.bundle.gzipBytes)} (×${r.ratios.gzip}) | ${kb(r.bundle.libraryGzipBytes)} | ${r.firstDrawMs} ms (×${r.ratios.firstDraw}) | ${r.redrawMs.median} / ${r.redrawMs.p90} ms (×${r.ratios.redraw}) | ${r.redrawToFrameMs.median} ms | ${r.cspViolations.length} |`,
    );
  console.log(`baseline (view-model + harness): ${kb(b.gzipBytes)} gzip; @vscode-elements controls: ${kb(sizes.elements!.gzipBytes)} gzip, CSP violations ${measured.elements!.cspViolations.length}`);
  for (const r of withRatios) {
    if (r.cspViolations.length) console.log(`${r.id} CSP: ${r.cspViolations.slice(0, 5).join(' | ')}`);
    if (r.errors.length) console.log(`${r.id} errors: ${r.errors.slice(0, 5).join(' | ')}`);
    if (!r.drawnSynchronously) console.log(`${r.id}: some chart was not drawn synchronously: ${JSON.stringify(r.charts)}`);
  }
  if (measured.elements!.errors.length || measured.elements!.cspViolations.length) console.log(`elements: ${[...measured.elements!.cspViolations, ...measured.elements!.errors].slice(0, 5).join(' | ')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});

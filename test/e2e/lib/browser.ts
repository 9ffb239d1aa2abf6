/**
 * Headless Chromium (Debian's) driven by playwright-core, with everything a person would notice
 * recorded: console messages of every frame (webviews included), page errors, and dialogs (which
 * are dismissed and counted). An init script, run in every frame before its own scripts, logs a
 * marker when alert/confirm/prompt is called and when a Content-Security-Policy violation is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export interface ConsoleEntry {
  t: number;
  type: string;
  text: string;
  /** The script (or document) the message came from. */
  url: string;
}

export interface DialogEntry {
  t: number;
  type: string;
  message: string;
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  console: ConsoleEntry[];
  dialogs: DialogEntry[];
  pageErrors: string[];
  /** Requests to anything but the loopback interface (they fail; none should be made). */
  offline: string[];
  close(): Promise<void>;
}

export const ALERT_MARK = 'AGENTCOST-E2E-ALERT';
export const CSP_MARK = 'AGENTCOST-E2E-CSP';

/**
 * Runs in every frame before its own scripts. A string, not a function: the TypeScript loader would
 * add helpers (`__name`) to a function's source that do not exist in the page.
 */
function probeInFrame(marks: { alert: string; csp: string }): string {
  return `(() => {
  const marks = ${JSON.stringify(marks)};
  for (const name of ['alert', 'confirm', 'prompt']) {
    const orig = window[name];
    window[name] = function (...args) {
      console.error(marks.alert + ' ' + name + '(' + args.map(String).join(', ') + ') in ' + location.href);
      return orig.apply(this, args);
    };
  }
  const report = (e) => console.error(marks.csp + ' ' + JSON.stringify({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample, document: e.documentURI }));
  document.addEventListener('securitypolicyviolation', report);
})();`;
}

export function chromiumPath(): string {
  return process.env.AGENTCOST_CHROMIUM ?? '/usr/bin/chromium';
}

export async function launch(opts: { viewport?: { width: number; height: number } } = {}): Promise<Session> {
  // Chromium writes crash reports under $XDG_CONFIG_HOME even with a fresh profile: keep $HOME clean
  const home = mkdtempSync(join(tmpdir(), 'agentcost-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    timeout: 60_000,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
      // loopback only: any other host name fails to resolve
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(30_000);
  await context.addInitScript({ content: probeInFrame({ alert: ALERT_MARK, csp: CSP_MARK }) });
  const page = await context.newPage();
  const t0 = Date.now();
  const s: Session = {
    browser,
    context,
    page,
    console: [],
    dialogs: [],
    pageErrors: [],
    offline: [],
    close: async () => {
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
      rmSync(home, { recursive: true, force: true });
    },
  };
  page.on('console', (m: ConsoleMessage) => {
    s.console.push({ t: Date.now() - t0, type: m.type(), text: m.text(), url: m.location().url });
  });
  // webview resources use https://*.vscode-resource.vscode-cdn.net URLs that the workbench's service
  // worker answers locally; anything else off the loopback would go to the network (and fail to resolve)
  const offLoopback = (u: string): boolean =>
    /^(https?|wss?):/.test(u) && !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)[:/]/.test(u) && !/^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//.test(u);
  page.on('requestfailed', (r) => {
    if (offLoopback(r.url())) s.offline.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`);
  });
  page.on('response', (r) => {
    if (offLoopback(r.url()) && !r.fromServiceWorker()) s.offline.push(`${r.url()} (answered by the network)`);
  });
  page.on('pageerror', (e) => s.pageErrors.push(`${Date.now() - t0} ${e.message}${e.stack ? `\n${e.stack}` : ''}`));
  page.on('dialog', (d) => {
    s.dialogs.push({ t: Date.now() - t0, type: d.type(), message: d.message() });
    // the workbench's "leave with unsaved changes?" on a window reload: accepted, or the reload hangs
    // and every later scenario fails with it; it is still recorded (the console scenario names it).
    // Any other dialog (alert, confirm, prompt: ours could only come from a payload) is dismissed.
    if (d.type() === 'beforeunload') {
      console.log(`[e2e]   the workbench asked before a reload (an unsaved editor or a pending backup): accepted`);
      void d.accept().catch(() => undefined);
    } else void d.dismiss().catch(() => undefined);
  });
  return s;
}

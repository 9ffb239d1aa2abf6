/**
 * Real-editor tests: the packaged AgentCost .vsix in a real VS Code (code-server 4.100.3 = VS Code
 * 1.100.3) in a real browser (Debian's Chromium through playwright-core), driven as a person does.
 *
 *   bash test/e2e/install.sh        # once per machine: Debian packages + code-server in a cache dir
 *   npm run test:e2e                # builds and packages the .vsix, runs every scenario
 *   npm run test:e2e -- --vsix agentcost.vsix --only panel,hostile --keep
 *
 * Screenshots (PNG), the browser console log and results.json go to test-results/e2e/. Exit code 1 when
 * a scenario fails. code-server (its whole process group) and Chromium are always stopped.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageHarness } from '../integration/build';
import type { Page } from 'playwright-core';
import { launch, type Session } from './lib/browser';
import { Cli } from './lib/cli';
import { codeServerBin, CODE_SERVER_VERSION, installExtension, makeProfile, startCodeServer, type CodeServer } from './lib/code-server';
import { writeLargeClaudeSession } from './lib/large-trace';
import { killGroup, run, waitUntil, withTimeout } from './lib/util';
import { openWorkbench } from './lib/workbench';
import { LARGE_TRACES, type Ctx, type ScenarioResult } from './context';
import { SCENARIOS } from './scenarios';

const REPO = resolve(__dirname, '..', '..');
const OUT = join(REPO, 'test-results', 'e2e');

interface Args {
  vsix: string | null;
  only: string[] | null;
  keep: boolean;
  largeMB: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { vsix: process.env.AGENTCOST_VSIX ?? null, only: null, keep: false, largeMB: Number(process.env.AGENTCOST_E2E_LARGE_MB ?? 40) };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--vsix') a.vsix = resolve(argv[++i] ?? '');
    else if (v === '--only') a.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (v === '--keep') a.keep = true;
    else if (v === '--large-mb') a.largeMB = Number(argv[++i]);
    else if (v === '--help' || v === '-h') {
      console.log('usage: npm run test:e2e -- [--vsix FILE] [--only name,name] [--keep] [--large-mb N]\nscenarios: ' + SCENARIOS.map((s) => s.name).join(', '));
      process.exit(0);
    } else throw new Error(`unknown argument ${v}`);
  }
  return a;
}

const log = (m: string): void => console.log(`[e2e] ${m}`);

let onSignal: (() => void) | null = null;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    onSignal?.();
    process.exit(130);
  });
}

/** `npm run package` → the newest .vsix in the repo root (the default name is agentcost.vsix). */
async function packageExtension(): Promise<string> {
  const t0 = Date.now();
  await run('npm', ['run', 'package', '--silent'], { cwd: REPO, timeoutMs: 600_000 });
  const vsixes = readdirSync(REPO)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => join(REPO, f))
    .sort((x, y) => statSync(y).mtimeMs - statSync(x).mtimeMs);
  if (!vsixes[0] || statSync(vsixes[0]).mtimeMs < t0 - 1000) throw new Error('npm run package wrote no .vsix');
  log(`packaged ${vsixes[0]} (${(statSync(vsixes[0]).size / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return vsixes[0];
}

/** Everything that needs the temp dir: the workspace copy, the profile, code-server, Chromium, the scenarios. */
async function runIn(tmp: string, vsix: string, bin: string, args: Args, results: ScenarioResult[], t0: number): Promise<void> {
  const workspace = join(tmp, 'workspace');
  cpSync(join(REPO, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  // three large sessions of the same shape, each with its own request ids (as real sessions have: the
  // same id in two files is one request logged twice, counted once): a workspace analysis long enough
  // to see its progress and cancel it
  let large = { bytes: 0, tasks: 0, calls: 0 };
  for (const [i, f] of LARGE_TRACES.entries()) large = await writeLargeClaudeSession(join(workspace, f), args.largeMB * 1e6, i + 1);
  log(`workspace ${workspace} (${LARGE_TRACES.length} large traces of ${(large.bytes / 1e6).toFixed(1)} MB, ${large.tasks} tasks, ${large.calls} calls each)`);

  const cli = new Cli(REPO);
  const promptFile = join(workspace, 'prompts', 'support-agent.prompt.md');
  const resultsFile = join(tmp, 'harness-results.json');
  const readyFile = join(tmp, 'harness-ready.json');
  const loopDelayFile = join(tmp, 'harness-loop-delay.json');
  const harness = await packageHarness(
    {
      extensionId: 'agentcost.agentcost',
      promptFile,
      promptTokens: { o200k_base: cli.tokens(promptFile, 'o200k_base'), cl100k_base: cli.tokens(promptFile, 'cl100k_base') },
      traceFile: join(workspace, 'traces', 'openai', 'release-notes.jsonl'),
      resultsFile,
      readyFile,
      loopDelayFile,
    },
    tmp,
  );

  // ---- a fresh profile with both extensions
  const profile = makeProfile(join(tmp, 'profile'), {
    'workbench.startupEditor': 'none',
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'editor.hover.delay': 200,
    'chat.commandCenter.enabled': false,
    'window.commandCenter': false,
  });
  await installExtension(bin, profile, vsix);
  await installExtension(bin, profile, harness);
  log(`installed ${vsix} and the test harness into a fresh profile (${((Date.now() - t0) / 1000).toFixed(1)} s so far)`);

  let server: CodeServer | null = null;
  let session: Session | null = null;
  try {
    server = await startCodeServer({ bin, profile, folder: workspace, logFile: join(OUT, 'code-server.log') });
    const srv = server;
    // interrupted (Ctrl-C, a CI timeout): still take code-server's process group down (Playwright closes Chromium itself)
    onSignal = () => killGroup(srv.pid, 'SIGKILL');
    log(`code-server ${CODE_SERVER_VERSION} on ${server.url} (pid ${server.pid})`);
    session = await launch();
    await openWorkbench(session.page, server.url, workspace);
    // the harness runs the integration suite as soon as the extension host is up; it opens and closes
    // editors, so the UI scenarios start only when it is done
    await waitUntil('the test harness results (integration suite)', () => existsSync(resultsFile), 150_000, 500).catch((e: unknown) => log(String(e)));
    const ctx: Ctx = { session, page: session.page, server, profile, workspace, repo: REPO, out: OUT, cli, resultsFile, readyFile, loopDelayFile, state: {}, log };
    const selected = args.only ? SCENARIOS.filter((s) => args.only!.some((o) => s.name.includes(o))) : SCENARIOS;
    for (const [i, s] of selected.entries()) {
      const started = Date.now();
      const r: ScenarioResult = { name: s.name, title: s.title, ok: false, ms: 0, checks: [], screenshots: [] };
      // each scenario gets its own view of the context: one that timed out and still runs cannot write into the next
      const sctx: Ctx = { ...ctx, current: r, shotPrefix: `${String(i + 1).padStart(2, '0')}-${s.name}` };
      try {
        await withTimeout(`scenario ${s.name}`, s.run(sctx), s.timeoutMs ?? 120_000);
        r.ok = r.checks.every((c) => c.ok);
      } catch (e) {
        r.error = e instanceof Error ? e.message : String(e);
      }
      r.ms = Date.now() - started;
      try {
        const f = join(OUT, `${sctx.shotPrefix}${r.ok ? '' : '-FAILED'}.png`);
        await withTimeout('screenshot', session.page.screenshot({ path: f }), 20_000);
        r.screenshots.push(f);
      } catch {
        /* the page may be gone */
      }
      if (!r.ok) await dumpWebviews(session.page, join(OUT, `${sctx.shotPrefix}-webviews.html`));
      results.push(r);
      log(`${r.ok ? 'PASS' : 'FAIL'} ${s.name} (${(r.ms / 1000).toFixed(1)} s)${r.error ? `: ${r.error.split('\n')[0]}` : ''}`);
      for (const c of r.checks.filter((c) => !c.ok)) log(`     ✗ ${c.what}${c.detail ? `: ${c.detail.slice(0, 300)}` : ''}`);
    }
  } finally {
    if (session) {
      writeFileSync(join(OUT, 'console.log'), session.console.map((c) => `${String(c.t).padStart(7)} ${c.type.padEnd(7)} ${c.text}${c.url ? `  @ ${c.url}` : ''}`).join('\n') + '\n');
      writeFileSync(join(OUT, 'console.json'), JSON.stringify({ console: session.console, pageErrors: session.pageErrors, dialogs: session.dialogs, offline: session.offline }, null, 2));
      await session.close();
    }
    if (server) await server.stop();
    onSignal = null;
    if (existsSync(resultsFile)) copyFileSync(resultsFile, join(OUT, 'integration-results.json'));
  }
}

/** On a failure: the DOM of every webview content frame, to see what the panel really had. */
async function dumpWebviews(page: Page, file: string): Promise<void> {
  const parts: string[] = [];
  for (const f of page.frames()) {
    if (f === page.mainFrame() || !/webview/i.test(f.url())) continue;
    const html = await withTimeout('webview dump', f.content(), 5_000).catch((e: unknown) => `(unreadable: ${String(e)})`);
    parts.push(`<!-- frame ${f.name()} ${f.url()} -->\n${html}`);
  }
  writeFileSync(file, parts.join('\n\n') || '<!-- no webview frame -->');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const bin = codeServerBin();

  // ---- build what is tested
  const vsix = args.vsix ?? (await packageExtension());
  if (!existsSync(vsix)) throw new Error(`no .vsix at ${vsix}`);
  if (!existsSync(join(REPO, 'dist', 'cli.js'))) await run(process.execPath, ['esbuild.mjs'], { cwd: REPO, timeoutMs: 300_000 });

  const tmp = mkdtempSync(join(tmpdir(), 'agentcost-e2e-'));
  const results: ScenarioResult[] = [];
  try {
    await runIn(tmp, vsix, bin, args, results, t0);
  } finally {
    if (!args.keep) rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }
  const failed = results.filter((r) => !r.ok);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ vsix, codeServer: CODE_SERVER_VERSION, seconds: (Date.now() - t0) / 1000, results }, null, 2));
  log(`${results.length - failed.length}/${results.length} scenarios passed in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots and console log in ${OUT}`);
  return failed.length || results.length === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

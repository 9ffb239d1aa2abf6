/**
 * Builds what the integration suite needs at test time (nothing here is committed output):
 * the @vscode/test-electron entry bundle, and the code-server test-harness extension (.vsix).
 * Also the CLI's token counts the suite checks the hover against.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { IntegrationConfig } from './suite';

export const REPO = resolve(__dirname, '..', '..');
const ENCODINGS = ['o200k_base', 'cl100k_base'];

/** `agentcost tokens <file> --encoding E --json` for the encodings the suite compares. */
export function cliTokenCounts(file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of ENCODINGS) {
    const json = execFileSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'tokens', file, '--encoding', e, '--json'], { encoding: 'utf8', timeout: 60_000 });
    out[e] = (JSON.parse(json) as { tokens: number }).tokens;
  }
  return out;
}

const bundle = (entry: string, outfile: string): Promise<esbuild.BuildResult> =>
  esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'error', sourcemap: 'inline' });

/** The `extensionTestsPath` bundle for @vscode/test-electron. */
export async function bundleElectronSuite(outDir: string): Promise<string> {
  const outfile = join(outDir, 'index.js');
  await bundle(join(__dirname, 'index.ts'), outfile);
  return outfile;
}

/**
 * The harness extension with `cfg` baked in as config.json, packaged with vsce into `<workDir>/harness.vsix`.
 * It activates on startup, runs the suite once and writes `cfg.resultsFile`.
 */
export async function packageHarness(cfg: IntegrationConfig, workDir: string): Promise<string> {
  const dir = join(workDir, 'harness');
  mkdirSync(dir, { recursive: true });
  await bundle(join(__dirname, 'harness', 'extension.ts'), join(dir, 'extension.js'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(cfg, null, 2));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'agentcost-test-harness',
        displayName: 'AgentCost test harness',
        description: 'Runs the AgentCost integration suite inside code-server (test only, never published).',
        publisher: 'agentcost-test',
        version: '0.0.1',
        license: 'MIT',
        private: true,
        engines: { vscode: '^1.100.0' },
        main: './extension.js',
        activationEvents: ['onStartupFinished'],
        // without it VS Code disables the harness in Restricted Mode, and the ready signal never comes
        capabilities: { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true },
        extensionKind: ['workspace'],
        contributes: { commands: [{ command: 'agentcostHarness.writeEventLoopDelay', title: 'Write Event Loop Delay', category: 'Test Harness' }] },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'README.md'), '# AgentCost test harness\n\nRuns the integration suite on startup and writes its results as JSON.\n');
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
  const vsix = join(workDir, 'harness.vsix');
  execFileSync(join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: dir,
    stdio: 'pipe',
    timeout: 120_000,
  });
  return vsix;
}

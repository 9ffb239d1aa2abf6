/**
 * The @vscode/test-electron path, for machines that have a desktop VS Code binary:
 *
 *   VSCODE_EXECUTABLE_PATH=/path/to/code npx tsx test/integration/runTest.ts
 *
 * Builds the extension, bundles the suite (index.ts → out/integration/index.js), copies the e2e fixture
 * workspace to a temp dir and runs the suite in an Extension Development Host with
 * --extensionDevelopmentPath=<repo>. Nothing is downloaded: without VSCODE_EXECUTABLE_PATH it stops.
 * (code-server rejects --extensionDevelopmentPath: there the same suite runs through the harness
 * extension, see test/e2e/README.md.)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleElectronSuite, cliTokenCounts, REPO } from './build';
import type { IntegrationConfig } from './suite';

async function main(): Promise<number> {
  const exe = process.env.VSCODE_EXECUTABLE_PATH;
  if (!exe) {
    console.error('VSCODE_EXECUTABLE_PATH is not set: point it at a VS Code binary (nothing is downloaded). In code-server, use `npm run test:e2e`.');
    return 2;
  }
  if (!existsSync(exe)) {
    console.error(`VSCODE_EXECUTABLE_PATH=${exe}: no such file.`);
    return 2;
  }
  execFileSync(process.execPath, [join(REPO, 'esbuild.mjs')], { cwd: REPO, stdio: 'inherit' });
  const tmp = mkdtempSync(join(tmpdir(), 'agentcost-it-'));
  const workspace = join(tmp, 'workspace');
  cpSync(join(REPO, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const promptFile = join(workspace, 'prompts', 'support-agent.prompt.md');
  const cfg: IntegrationConfig = {
    extensionId: 'agentcost.agentcost',
    promptFile,
    promptTokens: cliTokenCounts(promptFile),
    traceFile: join(workspace, 'traces', 'claude-code', 'refactor-session.jsonl'),
  };
  const cfgFile = join(tmp, 'config.json');
  writeFileSync(cfgFile, JSON.stringify(cfg, null, 2));
  const extensionTestsPath = await bundleElectronSuite(join(REPO, 'out', 'integration'));
  try {
    return await runTests({
      vscodeExecutablePath: exe,
      extensionDevelopmentPath: REPO,
      extensionTestsPath,
      extensionTestsEnv: { AGENTCOST_IT_CONFIG: cfgFile },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(tmp, 'user-data')],
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

/**
 * The code-server test harness: a small extension installed beside AgentCost (code-server rejects
 * --extensionDevelopmentPath, so @vscode/test-electron cannot drive it). On startup it runs the
 * integration suite once in the real extension host, with the real `vscode` API, and writes the
 * outcomes as JSON where the e2e driver reads them. Its configuration (config.json) is written into the
 * package when the driver builds it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runAll } from '../runner';
import { buildSuite, type IntegrationConfig } from '../suite';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const cfg = JSON.parse(readFileSync(join(context.extensionPath, 'config.json'), 'utf8')) as IntegrationConfig;
  const out = cfg.resultsFile;
  // once per test run: a window reload restarts the extension host, which must not re-run the suite
  if (!out || existsSync(out) || existsSync(`${out}.running`)) return;
  writeFileSync(`${out}.running`, String(process.pid));
  const started = new Date().toISOString();
  const log: string[] = [];
  let outcomes;
  try {
    outcomes = await runAll(buildSuite(cfg), (l) => log.push(l));
  } catch (e) {
    outcomes = [{ name: 'harness', ok: false, ms: 0, error: String(e) }];
  }
  const body = JSON.stringify({ started, finished: new Date().toISOString(), vscodeVersion: vscode.version, appName: vscode.env.appName, outcomes, log }, null, 2);
  writeFileSync(`${out}.tmp`, body);
  renameSync(`${out}.tmp`, out);
}

export function deactivate(): void {}

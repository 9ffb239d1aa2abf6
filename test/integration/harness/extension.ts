/**
 * The code-server test harness: a small extension installed beside AgentCost (code-server rejects
 * --extensionDevelopmentPath, so @vscode/test-electron cannot drive it). On startup it runs the
 * integration suite once in the real extension host, with the real `vscode` API, and writes the
 * outcomes as JSON where the e2e driver reads them. At every start of the extension host (the first one
 * and each after a window reload) it also reports when AgentCost has activated: the driver waits for
 * that signal instead of polling the palette. Its configuration (config.json) is written into the
 * package when the driver builds it. It also measures the extension host's event-loop delay
 * (loop-delay.ts), which the driver reads to check the host stayed responsive.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runAll } from '../runner';
import { buildSuite, type IntegrationConfig } from '../suite';
import { startLoopDelay } from './loop-delay';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const cfg = JSON.parse(readFileSync(join(context.extensionPath, 'config.json'), 'utf8')) as IntegrationConfig;
  if (cfg.loopDelayFile) startLoopDelay(cfg.loopDelayFile, context);
  if (cfg.readyFile) void reportReady(cfg.extensionId, cfg.readyFile);
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

/**
 * Waits for AgentCost's activation in this extension host (it activates on startup finished, as this
 * harness does: `activate()` joins the activation under way) and writes what the driver checks: a
 * token naming this host, whether AgentCost is active with its commands registered, and the trust
 * state the window came up in. Written whole (tmp + rename), so the driver never reads half a file.
 */
async function reportReady(extensionId: string, file: string): Promise<void> {
  const ext = vscode.extensions.getExtension(extensionId);
  let error: string | undefined;
  try {
    await ext?.activate();
  } catch (e) {
    error = String(e);
  }
  const commands = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('agentcost.')).length;
  const body = { host: randomUUID(), pid: process.pid, at: new Date().toISOString(), found: ext !== undefined, active: ext?.isActive ?? false, commands, trusted: vscode.workspace.isTrusted, error };
  writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function deactivate(): void {}

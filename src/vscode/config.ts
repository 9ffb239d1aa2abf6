/**
 * The only reader (and writer) of the `agentcost.*` settings. Reads the raw values, validates each
 * with the zod schema of src/shared/config.ts (a bad value falls back to its default and is
 * reported once: a warning notification and the log), applies the workspace-trust rule to settings
 * that name files, and hands out a validated `Config`. Re-read on every settings change.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { CONFIG_SECTION } from '../shared/commands';
import { parseSettings, ProblemLog, SETTINGS, settingKey, type Config, type SettingField, type SettingProblem } from '../shared/config';
import { pathsForTrust } from './model/trust';

export class ConfigStore implements vscode.Disposable {
  private current: Config;
  private gen = 0;
  private readonly problems = new ProblemLog();
  private readonly changed = new vscode.EventEmitter<{ previous: Config; config: Config }>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.current = this.read();
  }

  get config(): Config {
    return this.current;
  }

  /** Increases on every re-read: caches keyed by it are dropped when settings change. */
  get generation(): number {
    return this.gen;
  }

  reload(): void {
    const previous = this.current;
    this.current = this.read();
    this.gen++;
    this.changed.fire({ previous, config: this.current });
  }

  /** Writes a setting where it is set now (workspace folder, workspace or user), else for the user. */
  async update<F extends SettingField>(field: F, value: Config[F]): Promise<void> {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const key = SETTINGS[field].key;
    const where = section.inspect(key);
    const target =
      where?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : where?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await section.update(key, value, target);
  }

  /** Reports problems found elsewhere (e.g. an unreadable catalog file), once each. */
  report(problems: readonly SettingProblem[]): void {
    const fresh = this.problems.fresh(problems);
    if (fresh.length === 0) return;
    for (const p of fresh) this.log.warn(p.message);
    const first = fresh[0]!;
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more: see the AgentCost output)` : '';
    void vscode.window.showWarningMessage(`AgentCost: ${first.message}${more}`, 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', first.setting);
      else if (choice === 'Show Output') this.log.show(true);
    });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private read(): Config {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const { config, problems } = parseSettings((key) => section.get(key));
    const trust = {
      trusted: vscode.workspace.isTrusted,
      roots: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
      home: homedir(),
    };
    for (const field of ['catalogFiles', 'traceFolders'] as const) {
      const { kept, ignored } = pathsForTrust(config[field], trust);
      config[field] = kept;
      for (const i of ignored) {
        const message = `${settingKey(field)}: "${i.path}" is ignored: ${i.reason}`;
        problems.push({ setting: settingKey(field), message, fingerprint: message });
      }
    }
    this.report(problems);
    return config;
  }
}

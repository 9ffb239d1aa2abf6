/** Edit Scenarios: the settings JSON at agentcost.scenarios (the CLI's --scenario shape). */
import * as vscode from 'vscode';
import { settingKey } from '../../shared/config';

export async function editScenarios(): Promise<void> {
  const key = settingKey('scenarios');
  try {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key, edit: true } });
  } catch {
    await vscode.commands.executeCommand('workbench.action.openSettings', key);
  }
}

/**
 * The extension's entry: activate and deactivate only. Activation is cheap (see activation/shell.ts:
 * it registers commands, providers, the tree view, the panel serializer and the status bar item,
 * and loads nothing heavy); it fails loudly: an error notification, then the error is rethrown so
 * VS Code marks the extension as failed.
 */
import * as vscode from 'vscode';
import { activateShell } from './activation/shell';

export function activate(context: vscode.ExtensionContext): void {
  try {
    activateShell(context);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`AgentCost failed to activate: ${message}`);
    throw e;
  }
}

export function deactivate(): void {
  // everything is in context.subscriptions
}

/**
 * What the eager activation shell and the lazily loaded services know of each other: types only,
 * so importing this file costs nothing at activation.
 */
import type * as vscode from 'vscode';
import type { CommandId } from '../../shared/commands';
import type { TraceNode } from '../model/tree-model';
import type { SessionNode } from '../sessions/nodes';

/** A node of the Agent Traces view: the workspace's agent sessions, or a trace file / task. */
export type ViewNode = TraceNode | SessionNode;

/** Created at activation and handed to the services when they load. */
export interface ShellParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  statusItem: vscode.StatusBarItem;
  treeView: vscode.TreeView<ViewNode>;
  /** Fire to refresh the Agent Traces view. */
  treeChanged: vscode.EventEmitter<void>;
  /** Fire to have VS Code ask for the CodeLenses again. */
  codeLensesChanged: vscode.EventEmitter<void>;
}

export interface Services {
  runCommand(id: CommandId, args: readonly unknown[]): Promise<unknown>;
  restorePanel(panel: vscode.WebviewPanel, webviewState: unknown): Promise<void>;
  provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined>;
  provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]>;
  treeChildren(node: ViewNode | undefined): ViewNode[];
  treeItem(node: ViewNode): vscode.TreeItem;
  onActiveEditorChanged(): void;
  onDocumentChanged(e: vscode.TextDocumentChangeEvent): void;
  onDocumentSaved(doc: vscode.TextDocument): void;
  onSettingsChanged(): void;
}

/**
 * Everything activation does, and nothing heavy: it imports only `vscode` and constants (a unit
 * test checks this file's static import graph). Commands, hover and CodeLens providers, the tree
 * view, the panel serializer and editor events are registered as thin shims over the services,
 * which load on first use (the first command, hover, visible editor...), after activation returns.
 * Every registration goes into context.subscriptions.
 */
import * as vscode from 'vscode';
import { CommandId, CONFIG_SECTION, PANEL_VIEW_TYPE, STATUS_BAR_ID, STATUS_BAR_NAME, TRACES_VIEW_ID } from '../../shared/commands';
import type { Services, ShellParts, ViewNode } from './api';
import { Lazy, withServices } from './lazy';

/** Documents hovers and CodeLenses are offered for; the services then check agentcost.promptGlobs. */
const PROMPT_CANDIDATES: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-vfs' }];

export function activateShell(context: vscode.ExtensionContext): Lazy<Services> {
  const subs = context.subscriptions;
  const log = vscode.window.createOutputChannel('AgentCost', { log: true });
  subs.push(log);

  const statusItem = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Right, 100);
  statusItem.name = STATUS_BAR_NAME;
  statusItem.text = '$(graph) AgentCost';
  statusItem.tooltip = 'AgentCost: click to open the cost panel';
  statusItem.command = CommandId.openPanel;
  statusItem.show();
  subs.push(statusItem);

  const treeChanged = new vscode.EventEmitter<void>();
  const codeLensesChanged = new vscode.EventEmitter<void>();
  subs.push(treeChanged, codeLensesChanged);

  // `parts` is complete before the services can load (the first load is after activation returns)
  const services: Lazy<Services> = new Lazy<Services>(async () => (await import('../services')).createServices(parts), log);
  const treeView = vscode.window.createTreeView<ViewNode>(TRACES_VIEW_ID, {
    treeDataProvider: {
      onDidChangeTreeData: treeChanged.event,
      getChildren: (node) => {
        // the view is shown before anything loaded the services: load them, then fill it
        if (!services.current) void withServices(services, () => treeChanged.fire());
        return services.current?.treeChildren(node) ?? [];
      },
      getTreeItem: (node) => services.current?.treeItem(node) ?? new vscode.TreeItem(node.label),
    },
    showCollapseAll: true,
  });
  subs.push(treeView);

  const parts: ShellParts = { context, log, statusItem, treeView, treeChanged, codeLensesChanged };

  for (const id of Object.values(CommandId)) {
    subs.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await services.get()).runCommand(id, args)));
  }

  subs.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const s = await services.get().catch(() => undefined);
        if (s) await s.restorePanel(panel, state);
        else panel.dispose();
      },
    }),
    vscode.languages.registerHoverProvider(PROMPT_CANDIDATES, {
      provideHover: (doc, position, token) => withServices(services, (s) => s.provideHover(doc, position, token)),
    }),
    vscode.languages.registerCodeLensProvider(PROMPT_CANDIDATES, {
      onDidChangeCodeLenses: codeLensesChanged.event,
      provideCodeLenses: async (doc, token) => (await withServices(services, (s) => s.provideCodeLenses(doc, token))) ?? [],
    }),
    // Editor events: the active editor loads the services (the status bar describes it); edits
    // and saves only matter once they are loaded.
    vscode.window.onDidChangeActiveTextEditor(() => void withServices(services, (s) => s.onActiveEditorChanged())),
    vscode.workspace.onDidChangeTextDocument((e) => services.current?.onDocumentChanged(e)),
    vscode.workspace.onDidSaveTextDocument((doc) => services.current?.onDocumentSaved(doc)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('agentcost')) services.current?.onSettingsChanged();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => services.current?.onSettingsChanged()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => services.current?.onSettingsChanged()),
  );

  // Zero configuration: the workspace's agent sessions are found, and the running one followed,
  // without a click (after activation has returned; discovery itself waits for a trusted workspace).
  if (vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('discovery.enabled', true)) {
    const timer = setTimeout(() => void withServices(services, () => undefined), 0);
    subs.push({ dispose: () => clearTimeout(timer) });
  }

  // The editor open at startup: describe it in the status bar, after activation has returned.
  if (vscode.window.activeTextEditor) {
    const timer = setTimeout(() => void withServices(services, (s) => s.onActiveEditorChanged()), 0);
    subs.push({ dispose: () => clearTimeout(timer) });
  }
  return services;
}

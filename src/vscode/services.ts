/**
 * The extension's services, loaded on first use (a dynamic import from activation/shell.ts):
 * settings, catalog, tokenizer, trace analysis, prompt costs, the status bar, the Agent Traces
 * view, the cost panel and the commands. Each owns its disposables; all go into
 * context.subscriptions.
 */
import * as vscode from 'vscode';
import type { CommandId } from '../shared/commands';
import type { Services, ShellParts } from './activation/api';
import { COMMANDS } from './commands';
import type { CommandContext } from './commands/context';
import { ConfigStore } from './config';
import { PanelManager } from './panel/manager';
import { PromptService } from './prompts';
import { StatusBarController } from './status-bar';
import { CatalogStore } from './stores/catalog';
import { TokenizerStore } from './stores/tokenizer';
import { TraceStore } from './stores/traces';
import { TracesView } from './traces-view';
import { SessionsController } from './sessions/controller';
import { isSessionNode, sessionsChildren, sessionsRoot } from './sessions/nodes';
import { sessionTreeItem } from './sessions/view';

export function createServices(parts: ShellParts): Services {
  const { context, log } = parts;
  const config = new ConfigStore(log);
  const catalog = new CatalogStore(config);
  const tokenizer = new TokenizerStore(config);
  const traces = new TraceStore(config, catalog, tokenizer);
  const prompts = new PromptService(config, catalog, tokenizer, traces);
  const panels = new PanelManager(context, { config, catalog, traces, prompts }, log);
  const status = new StatusBarController(parts.statusItem, config, prompts, traces, log);
  const view = new TracesView(traces);
  const sessions = new SessionsController(context, config, traces, log);
  const ctx: CommandContext = { config, catalog, tokenizer, traces, prompts, panels, log };

  context.subscriptions.push(
    config,
    traces,
    panels,
    status,
    config.onDidChange(({ previous, config: next }) => {
      void traces.reprice();
      parts.codeLensesChanged.fire();
      status.schedule();
      void panels.onSettingsChanged(previous, next);
    }),
    sessions,
    sessions.onDidChange(() => parts.treeChanged.fire()),
    sessions.onDidUpdateLive((file) => void panels.showLiveTrace(file)),
    traces.onDidChangeWorkspace(() => {
      parts.treeChanged.fire();
      parts.treeView.message = view.message();
      parts.codeLensesChanged.fire(); // the inferred k changed
      status.schedule();
    }),
  );

  return {
    runCommand: async (id: CommandId, args) => {
      try {
        return await COMMANDS[id](ctx, args);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        log.error(`${id}: ${e instanceof Error ? (e.stack ?? message) : message}`);
        void vscode.window.showErrorMessage(`AgentCost: ${message}`);
        return undefined;
      }
    },
    restorePanel: (panel, state) => panels.restore(panel, state),
    provideHover: (doc, position, token) => prompts.provideHover(doc, position, token),
    provideCodeLenses: (doc, token) => prompts.provideCodeLenses(doc, token),
    treeChildren: (node) => (!node ? [sessionsRoot(sessions.state), ...view.children(undefined)] : isSessionNode(node) ? sessionsChildren(sessions.state, node) : view.children(node)),
    treeItem: (node) => (isSessionNode(node) ? sessionTreeItem(node) : view.item(node)),
    onActiveEditorChanged: () => status.schedule(),
    onDocumentChanged: (e) => {
      status.onDocumentChanged(e);
      panels.onDocumentChanged(e.document);
    },
    onDocumentSaved: (doc) => status.onDocumentSaved(doc),
    onSettingsChanged: () => {
      config.reload();
      void sessions.refresh(); // also called on trust and folder changes
    },
  };
}

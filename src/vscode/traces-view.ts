/**
 * The "Agent Traces" view: the last workspace analysis as files → tasks (k and cost) and
 * diagnostics. A click on a file or task opens the cost panel on it. Labels and tooltips are plain
 * text (TreeItem does not render Markdown), so trace-derived titles cannot inject anything.
 */
import * as vscode from 'vscode';
import { CommandId } from '../shared/commands';
import { childNodes, fileNodes, treeMessage, type TraceNode } from './model/tree-model';
import type { TraceStore } from './stores/traces';
import { textTreeItem } from './tree-item';

const SEVERITY_ICON = { error: 'error', warning: 'warning', info: 'info' } as const;

export class TracesView {
  constructor(private readonly traces: TraceStore) {}

  message(): string | undefined {
    const ws = this.traces.workspace;
    return ws ? treeMessage(ws.files, ws.cancelled, ws.skipped) : undefined;
  }

  children(node: TraceNode | undefined): TraceNode[] {
    const ws = this.traces.workspace;
    const files = ws?.files ?? [];
    if (!node) return fileNodes(files);
    return node.kind === 'file' ? childNodes(files, node.fileIndex, ws?.band ?? null) : [];
  }

  item(node: TraceNode): vscode.TreeItem {
    switch (node.kind) {
      case 'file': {
        const state = node.hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
        const item = textTreeItem(node, state, node.problem ? 'warning' : undefined);
        item.resourceUri = vscode.Uri.file(node.path);
        item.contextValue = 'agentcost.traceFile';
        item.command = { title: 'Open in Cost Panel', command: CommandId.openTraceItem, arguments: [{ kind: 'file', fileIndex: node.fileIndex }] };
        return item;
      }
      case 'task': {
        const item = textTreeItem(node, vscode.TreeItemCollapsibleState.None, 'comment-discussion');
        item.contextValue = 'agentcost.traceTask';
        item.command = { title: 'Open in Cost Panel', command: CommandId.openTraceItem, arguments: [{ kind: 'task', fileIndex: node.fileIndex, taskKey: node.taskKey }] };
        return item;
      }
      case 'diagnostic': {
        return textTreeItem(node, vscode.TreeItemCollapsibleState.None, SEVERITY_ICON[node.severity]);
      }
    }
  }
}

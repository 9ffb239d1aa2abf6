/** Tree items for the "This workspace" part of the Agent Traces view (the nodes are built in nodes.ts). */
import * as vscode from 'vscode';
import { CommandId } from '../../shared/commands';
import type { SessionNode } from './nodes';

export function sessionTreeItem(node: SessionNode): vscode.TreeItem {
  switch (node.kind) {
    case 'sessions-root': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.description;
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon('history');
      item.id = 'agentcost.sessions';
      return item;
    }
    case 'sessions-agent': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon('hubot');
      item.id = `agentcost.sessions/${node.agent}`;
      return item;
    }
    case 'sessions-item': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.description;
      item.tooltip = node.tooltip;
      item.resourceUri = vscode.Uri.file(node.path);
      item.iconPath = new vscode.ThemeIcon(node.subagent ? 'type-hierarchy-sub' : 'comment-discussion');
      item.contextValue = 'agentcost.session';
      if (node.readable) item.command = { title: 'Open in Cost Panel', command: CommandId.analyzeCurrentTraceFile, arguments: [vscode.Uri.file(node.path)] };
      return item;
    }
    case 'sessions-info': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon(node.action === 'trust' ? 'shield' : 'info');
      if (node.action === 'trust') item.command = { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' };
      else if (node.action === 'settings') item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['agentcost.discovery'] };
      return item;
    }
  }
}

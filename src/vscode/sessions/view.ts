/** Tree items for the "This workspace" part of the Agent Traces view (the nodes are built in nodes.ts). */
import * as vscode from 'vscode';
import { CommandId } from '../../shared/commands';
import { textTreeItem } from '../tree-item';
import type { SessionNode } from './nodes';

export function sessionTreeItem(node: SessionNode): vscode.TreeItem {
  switch (node.kind) {
    case 'sessions-root': {
      const item = textTreeItem(node, vscode.TreeItemCollapsibleState.Expanded, 'history');
      item.id = 'agentcost.sessions';
      return item;
    }
    case 'sessions-agent': {
      const item = textTreeItem(node, vscode.TreeItemCollapsibleState.Collapsed, 'hubot');
      item.id = `agentcost.sessions/${node.agent}`;
      return item;
    }
    case 'sessions-item': {
      const item = textTreeItem(node, vscode.TreeItemCollapsibleState.None, node.subagent ? 'type-hierarchy-sub' : 'comment-discussion');
      item.resourceUri = vscode.Uri.file(node.path);
      item.contextValue = 'agentcost.session';
      if (node.readable) item.command = { title: 'Open in Cost Panel', command: CommandId.analyzeCurrentTraceFile, arguments: [vscode.Uri.file(node.path)] };
      return item;
    }
    case 'sessions-info': {
      const item = textTreeItem(node, vscode.TreeItemCollapsibleState.None, node.action === 'trust' ? 'shield' : 'info');
      if (node.action === 'trust') item.command = { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' };
      else if (node.action === 'settings') item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['agentcost.discovery'] };
      return item;
    }
  }
}

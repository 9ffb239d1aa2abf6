/**
 * The one way both tree views (Agent Traces, This workspace) turn a node into a TreeItem: its plain-text
 * label, description and tooltip (TreeItem renders no Markdown, so trace-derived text injects nothing).
 */
import * as vscode from 'vscode';

export interface TextNode {
  label: string;
  description?: string;
  tooltip?: string;
}

export function textTreeItem(node: TextNode, state: vscode.TreeItemCollapsibleState, icon?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, state);
  if (node.description !== undefined) item.description = node.description;
  if (node.tooltip !== undefined) item.tooltip = node.tooltip;
  if (icon !== undefined) item.iconPath = new vscode.ThemeIcon(icon);
  return item;
}

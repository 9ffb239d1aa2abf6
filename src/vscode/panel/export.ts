/**
 * Saving what the panel shows: the Markdown report or a CSV table (Export Report), and a chart the
 * webview rendered (a PNG), each through a save dialog. Nothing leaves the machine.
 */
import * as vscode from 'vscode';
import { CSV_TABLE_LABELS, CSV_TABLES, defaultCsvTable, reportCsv, reportMarkdown, type CsvTable } from '../../core/panel/report';
import type { ChartId, PanelSnapshot } from '../../shared/protocol';
import { chartBytes, exportFileName } from '../model/chart-export';

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
}

async function save(name: string, filters: Record<string, string[]>, bytes: Uint8Array, what: string): Promise<vscode.Uri | undefined> {
  const folder = defaultFolder();
  const uri = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters,
    saveLabel: `Save ${what}`,
    title: `AgentCost: save the ${what}`,
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, bytes);
  void vscode.window.showInformationMessage(`AgentCost: ${what} saved to ${uri.fsPath || uri.toString()}`, 'Open').then((c) => {
    if (c === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
  });
  return uri;
}

/** Asks Markdown or which CSV table when `kind` is not given. */
export async function exportSnapshot(s: PanelSnapshot, kind?: 'markdown' | 'csv', table?: CsvTable): Promise<vscode.Uri | undefined> {
  let chosen: { kind: 'markdown' } | { kind: 'csv'; table: CsvTable } | undefined;
  if (kind === 'markdown') chosen = { kind };
  else if (kind === 'csv') chosen = { kind, table: table ?? defaultCsvTable(s) };
  else {
    const items: (vscode.QuickPickItem & { value: NonNullable<typeof chosen> })[] = [
      { label: 'Markdown report', description: 'every table, assumptions and sources', value: { kind: 'markdown' } },
      ...CSV_TABLES.filter((t) => (t !== 'tasks' || s.tasks.length > 0) && (t !== 'ranking' || !!s.ranking?.rows.length)).map((t) => ({ label: `CSV: ${t}`, description: CSV_TABLE_LABELS[t], value: { kind: 'csv' as const, table: t } })),
    ];
    chosen = (await vscode.window.showQuickPick(items, { title: 'AgentCost: export report', placeHolder: 'Format' }))?.value;
  }
  if (!chosen) return undefined;
  const label = s.subject.label;
  if (chosen.kind === 'markdown') return save(exportFileName(label, '', 'md'), { Markdown: ['md'] }, Buffer.from(reportMarkdown(s), 'utf8'), 'Markdown report');
  return save(exportFileName(label, chosen.table, 'csv'), { CSV: ['csv'] }, Buffer.from(reportCsv(s, chosen.table), 'utf8'), `CSV (${CSV_TABLE_LABELS[chosen.table]})`);
}

export async function exportChart(label: string, chart: ChartId, kind: 'png', data: string): Promise<string | null> {
  const checked = chartBytes(kind, data);
  if (!checked.ok) return `the chart was not saved: ${checked.reason}`;
  await save(exportFileName(label, chart, checked.extension), { PNG: ['png'] }, checked.bytes, `${chart} chart`);
  return null;
}

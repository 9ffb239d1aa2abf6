/**
 * Analyze Workspace Traces: finds files matching agentcost.traceGlobs in the workspace folders (or
 * in the folder chosen in the Explorer) and in agentcost.traceFolders, reads those a reader claims,
 * with a cancellable progress notification (cancel → AbortSignal: the files read so far are kept),
 * and shows the result in the Agent Traces view.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { TRACES_VIEW_ID } from '../../shared/commands';
import { matchesAnyGlob, normalizeGlob } from '../model/glob';
import { treeMessage } from '../model/tree-model';
import { toUri } from './open';
import type { CommandContext } from './context';

const EXCLUDE = '**/{node_modules,.git,dist,out,.vscode-test}/**';
const MAX_FILES_PER_GLOB = 5000;

async function findTraceFiles(ctx: CommandContext, folders: readonly vscode.Uri[], extraDirs: readonly string[], token: vscode.CancellationToken): Promise<string[]> {
  const globs = ctx.config.config.traceGlobs;
  const paths = new Set<string>();
  for (const folder of folders) {
    for (const glob of globs) {
      if (token.isCancellationRequested) break;
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, normalizeGlob(glob)), EXCLUDE, MAX_FILES_PER_GLOB, token);
      for (const u of found) if (u.scheme === 'file') paths.add(u.fsPath);
    }
  }
  if (extraDirs.length) {
    const { listFiles } = await import('../../core/inference/analyze');
    const { files } = await listFiles(extraDirs);
    for (const f of files) if (matchesAnyGlob(f, globs)) paths.add(f);
  }
  // the order `agentcost analyze <folder>` reads them in: it decides which file keeps a request logged twice
  const { inWalkOrder } = await import('../../core/traces/walk');
  return inWalkOrder([...paths]);
}

export async function analyzeWorkspaceTraces(ctx: CommandContext, args: readonly unknown[]): Promise<void> {
  const chosen = toUri(args[0]);
  const folders = chosen ? [chosen] : (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  const extraDirs = chosen ? [] : ctx.config.config.traceFolders;
  if (folders.length === 0 && extraDirs.length === 0) {
    void vscode.window.showWarningMessage('AgentCost: open a folder, or list folders of traces in the agentcost.traceFolders setting (e.g. ~/.claude/projects).');
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'AgentCost: analyzing traces', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        progress.report({ message: 'finding trace files' });
        const paths = await findTraceFiles(ctx, folders, extraDirs, token);
        let reported = 0;
        return await ctx.traces.analyzeMany(paths, controller.signal, (done, total, path) => {
          const increment = ((done - reported) / Math.max(1, total)) * 100;
          reported = done;
          progress.report({ increment, message: `${done + 1}/${total} ${basename(path)}` });
        });
      } finally {
        sub.dispose();
      }
    },
  );
  // a cancelled run replaces nothing it did not finish: the previous complete result stays
  const previous = ctx.traces.workspace;
  const keep = result.cancelled && previous !== null && !previous.cancelled;
  if (!keep) ctx.traces.setWorkspace(result);
  void vscode.commands.executeCommand(`${TRACES_VIEW_ID}.focus`);
  const message = keep
    ? `AgentCost: analysis cancelled after ${result.files.length} file(s); the Agent Traces view keeps the previous result (${treeMessage(previous.files, false)}).`
    : `AgentCost: ${treeMessage(result.files, result.cancelled, result.skipped)}.`;
  const shown = keep ? previous : result;
  const choice = await vscode.window.showInformationMessage(message, ...(shown.files.length ? ['Open Cost Panel'] : []));
  if (choice === 'Open Cost Panel') {
    await ctx.panels.open({ kind: 'folder', paths: shown.files.map((f) => f.path), label: `${shown.files.length} trace file(s) of the workspace` }, { files: shown.files, skipped: shown.skipped });
  }
}

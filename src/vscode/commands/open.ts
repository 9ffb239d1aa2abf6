/**
 * Open Cost Panel, Analyze Current Trace File, a click in the Agent Traces view, and the subject a
 * file stands for (prompt file, trace file, or none).
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { z } from 'zod';
import type { FileAnalysis } from '../../core/inference/analyze';
import type { Skipped } from '../../core/traces/walk';
import type { PanelSnapshot } from '../../shared/protocol';
import type { PanelSubject } from '../model/panel-state';
import { PanelModel } from '../panel/model';
import type { CommandContext } from './context';

/** A Uri from a command argument: a Uri (menus, CodeLens, tree) or a URI string (hover links). */
export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length < 8192) {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The panel subject a file stands for, or null (neither a prompt file nor a trace AgentCost reads). */
export async function subjectFor(ctx: CommandContext, uri: vscode.Uri): Promise<PanelSubject | null> {
  if (ctx.prompts.isPromptUri(uri)) return { kind: 'prompt', uri: uri.toString() };
  if (uri.scheme === 'file' && (await ctx.traces.isTrace(uri.fsPath).catch(() => false))) return { kind: 'trace', path: uri.fsPath };
  return null;
}

/** The subject for the active editor, else the workspace's analyzed traces, else a hand-made scenario. */
async function defaultSubject(ctx: CommandContext, uri: vscode.Uri | undefined): Promise<{ subject: PanelSubject; files?: FileAnalysis[]; skipped?: Skipped[] }> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (target) {
    const s = await subjectFor(ctx, target);
    if (s) return { subject: s };
  }
  const ws = ctx.traces.workspace;
  if (ws && ws.files.length) return { subject: { kind: 'folder', paths: ws.files.map((f) => f.path), label: `${ws.files.length} trace file(s) of the workspace` }, files: ws.files, skipped: ws.skipped };
  return { subject: { kind: 'scenario' } };
}

export async function openPanel(ctx: CommandContext, args: readonly unknown[]): Promise<void> {
  const { subject, files, skipped } = await defaultSubject(ctx, toUri(args[0]));
  await ctx.panels.open(subject, files ? { files, skipped } : {});
}

/** The open panel's snapshot, or one computed for the active editor without opening a panel. */
export async function currentSnapshot(ctx: CommandContext): Promise<PanelSnapshot> {
  if (ctx.panels.snapshot) return ctx.panels.snapshot;
  const { subject, files } = await defaultSubject(ctx, undefined);
  return new PanelModel(ctx, subject, files ? { files } : {}).snapshot();
}

export async function analyzeCurrentTraceFile(ctx: CommandContext, args: readonly unknown[]): Promise<void> {
  const uri = toUri(args[0]) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('AgentCost: open a trace file on disk first (Analyze Current Trace File reads the saved file).');
    return;
  }
  if (!(await ctx.traces.isTrace(uri.fsPath))) {
    void vscode.window.showErrorMessage(`AgentCost: ${basename(uri.fsPath)} is not a trace format AgentCost knows (Claude Code, Codex CLI, tau2-bench, mini-swe-agent, SWE-agent, OpenHands, Inspect AI, Aider, OpenTelemetry GenAI, OpenAI/Anthropic request logs).`);
    return;
  }
  await ctx.panels.open({ kind: 'trace', path: uri.fsPath });
}

const TraceItemArg = z.object({ kind: z.enum(['file', 'task', 'diagnostic']), fileIndex: z.number().int().min(0), taskKey: z.string().max(2000).optional() });

export async function openTraceItem(ctx: CommandContext, args: readonly unknown[]): Promise<void> {
  const parsed = TraceItemArg.safeParse(args[0]);
  const file = parsed.success ? ctx.traces.workspace?.files[parsed.data.fileIndex] : undefined;
  if (!parsed.success || !file) return;
  // the panel shows this one file: its tasks are keyed `0:<task id>`
  const key = parsed.data.taskKey;
  const selectedTask = key ? `0:${key.slice(key.indexOf(':') + 1)}` : null;
  await ctx.panels.open({ kind: 'trace', path: file.path }, { files: [file], selectedTask });
}

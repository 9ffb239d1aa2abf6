/**
 * The "Agent Traces" view as plain data: files, then their tasks with k and cost, then the
 * diagnostics of a file that has some. The vscode TreeDataProvider only maps these to TreeItems. Pure.
 */
import { basename } from 'node:path';
import type { FileAnalysis } from '../../core/inference/analyze';
import { formatNumber, formatUsd } from '../../core/format';
import { approxUsd, usdWithRange } from '../../core/format-range';
import { modeRanges } from '../../core/pipeline/self-host-range';
import type { RatioBand } from '../../core/perf/uncertainty';
import { skippedSummary, type Skipped } from '../../core/traces/walk';

export type TraceNode =
  | { kind: 'file'; fileIndex: number; label: string; description: string; tooltip: string; path: string; hasChildren: boolean; problem: boolean }
  | { kind: 'task'; fileIndex: number; taskKey: string; label: string; description: string; tooltip: string; path: string }
  | { kind: 'diagnostic'; fileIndex: number; label: string; description: string; tooltip: string; severity: 'error' | 'warning' | 'info' };

const MAX_TITLE = 80;

function clip(text: string, max = MAX_TITLE): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

type Task = FileAnalysis['tasks'][number];

/** "API $x · self-host ≈$y": "≈" where the self-host cost carries a range (the tooltip gives it), as in the panel. */
function taskCost(t: Task, band: RatioBand | null): string {
  const api = t.cost.apiCachedObserved ?? t.cost.apiCached;
  return `API ${formatUsd(api)} · self-host ${approxUsd(t.cost.selfHostReuse, modeRanges(t.cost, band).selfHostReuse)}`;
}

export function fileNodes(files: readonly FileAnalysis[]): TraceNode[] {
  return files.map((f, fileIndex) => {
    const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
    const calls = f.tasks.reduce((a, t) => a + t.calls, 0);
    return {
      kind: 'file',
      fileIndex,
      label: basename(f.path),
      description: f.tasks.length
        ? `${f.tasks.length} task${f.tasks.length === 1 ? '' : 's'} · ${calls} calls${errors ? ` · ${errors} error${errors === 1 ? '' : 's'}` : ''}`
        : errors
          ? `${errors} error${errors === 1 ? '' : 's'}`
          : 'no tasks',
      tooltip: `${f.path}\nformat: ${f.format ?? 'unknown'}`,
      path: f.path,
      hasChildren: f.tasks.length > 0 || f.diagnostics.length > 0,
      problem: f.tasks.length === 0 && errors > 0,
    };
  });
}

/**
 * A file's children: its tasks (keys `${fileIndex}:${taskId}`, as the panel's), then its diagnostics.
 * `band`: the throughput band of the self-host rates the files are priced at (the ranges of their costs).
 */
export function childNodes(files: readonly FileAnalysis[], fileIndex: number, band: RatioBand | null = null): TraceNode[] {
  const f = files[fileIndex];
  if (!f) return [];
  const tasks: TraceNode[] = f.tasks.map((t) => ({
    kind: 'task',
    fileIndex,
    taskKey: `${fileIndex}:${t.id}`,
    label: clip(t.title ?? t.id),
    description: `k ${t.calls} · ${taskCost(t, band)}`,
    tooltip: [
      t.title ? clip(t.title, 300) : t.id,
      `calls (k): ${t.calls}${t.subagentCalls ? ` (${t.subagentCalls} by subagents)` : ''}`,
      `repeated fraction r: ${formatNumber(t.repeatedFraction)}`,
      `API: no cache ${formatUsd(t.cost.apiNoCache)}, cached ${formatUsd(t.cost.apiCached)}, billed ${formatUsd(t.cost.apiCachedObserved)}`,
      `self-host: reuse ${usdWithRange(t.cost.selfHostReuse, modeRanges(t.cost, band).selfHostReuse)}, no reuse ${usdWithRange(t.cost.selfHostNoReuse, modeRanges(t.cost, band).selfHostNoReuse)}`,
      `tokens: ${t.tokenSource}`,
    ].join('\n'),
    path: f.path,
  }));
  const diags: TraceNode[] = f.diagnostics.slice(0, 50).map((d) => ({
    kind: 'diagnostic',
    fileIndex,
    label: clip(d.message),
    description: d.line !== null ? `line ${d.line}` : '',
    tooltip: `${d.severity}: ${d.message}`,
    severity: d.severity,
  }));
  return [...tasks, ...diags];
}

/** The view's message line: what was analyzed. */
export function treeMessage(files: readonly FileAnalysis[], cancelled: boolean, skipped: readonly Skipped[] = []): string {
  const tasks = files.reduce((a, f) => a + f.tasks.length, 0);
  const calls = files.reduce((a, f) => a + f.tasks.reduce((b, t) => b + t.calls, 0), 0);
  const text = `${tasks} task${tasks === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}${tasks ? `, mean k ${formatNumber(calls / tasks, 1)}` : ''}`;
  // the CLI's words (skippedSummary), with the first names
  const names = skipped.slice(0, 3).map((s) => s.path.split(/[\\/]/).pop()).join(', ');
  const skips = skipped.length ? `; ${skippedSummary(skipped)} (${names}${skipped.length > 3 ? ', …' : ''})` : '';
  return cancelled ? `${text}${skips} (cancelled: partial)` : `${text}${skips}`;
}

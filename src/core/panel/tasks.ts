/** The panel's task rows and the selected task's per-call timeline, from measured, priced files. Pure. */
import { taskFields, type FileAnalysis, type FileMeasures } from '../inference/analyze';
import { modeRanges } from '../pipeline/self-host-range';
import type { RatioBand } from '../perf/uncertainty';
import type { TaskRowView, TimelineView } from './view';

/** The one task key: unique across files (a task id repeats across files of one folder). */
export const taskKey = (fileIndex: number, taskId: string): string => `${fileIndex}:${taskId}`;

/** `band`: the throughput band of the self-host rates (`ratesBand`), as `agentcost analyze` gives its tasks' `costRange`. */
export function taskRows(files: readonly FileAnalysis[], band: RatioBand | null): TaskRowView[] {
  return files.flatMap((f, fi) => f.tasks.map((t) => ({ key: taskKey(fi, t.id), file: f.path, ...taskFields(t), cost: t.cost, costRange: modeRanges(t.cost, band) })));
}

/** The chosen task's calls (the task with the most calls when none is chosen or it is gone). */
export function timeline(files: readonly FileMeasures[], selected: string | null): TimelineView | null {
  const all = files.flatMap((f, fi) => f.tasks.map((t) => ({ key: taskKey(fi, t.id), t })));
  const chosen = all.find((x) => x.key === selected) ?? all.slice().sort((a, b) => b.t.calls - a.t.calls)[0];
  if (!chosen) return null;
  return {
    taskKey: chosen.key,
    calls: chosen.t.perCall.map((c, i) => ({
      index: i + 1,
      repeated: c.repeated,
      newInput: c.input === null || c.repeated === null ? c.input : c.input - c.repeated,
      output: c.output,
      subagent: c.isSubagent,
    })),
  };
}

/**
 * `applyTraceRules` (read-trace.ts) for a session read again and again: the rules look at each call
 * alone, so each task's findings are kept and only the tasks the reader handed back as new objects
 * (new or changed since the last snapshot) are checked. The findings are then reported exactly as
 * one pass over the whole file reports them (same order, same caps).
 */
import { needsTokenizer } from '../../inference/analyze';
import type { Diagnostic, Task } from '../model';
import type { ReadResult } from '../reader';
import { markUnrendered, reportUnrendered } from '../render-guard';
import { markImplausibleUsage, reportImplausible } from '../usage-guard';
import { markUnreported, reportUnreported, type Unreported } from '../usage-rules';

interface Findings {
  task: Task;
  implausible: Diagnostic[];
  unreported: Unreported;
  unrendered: Diagnostic[];
  needsTokenizer: boolean;
}

const NONE: Diagnostic[] = [];

export class TaskRules {
  private kept: Findings[] = [];

  /** The reader's tasks with the rules applied; a task object seen before is not checked again (the reader hands back a new object for a task that changed). */
  apply(read: ReadResult): ReadResult & { needsTokenizer: boolean } {
    const next: Findings[] = new Array<Findings>(read.tasks.length);
    read.tasks.forEach((task, i) => {
      const old = this.kept[i];
      next[i] = old && old.task === task ? old : check(task);
    });
    this.kept = next;
    const implausible: Diagnostic[] = [];
    const unrendered: Diagnostic[] = [];
    const unreported: Unreported = { count: 0, firstLine: null };
    let tokenizer = false;
    for (const f of next) {
      if (f.implausible.length > 0) implausible.push(...f.implausible);
      if (f.unrendered.length > 0) unrendered.push(...f.unrendered);
      unreported.count += f.unreported.count;
      unreported.firstLine ??= f.unreported.firstLine;
      tokenizer ||= f.needsTokenizer;
    }
    const diagnostics = [...read.diagnostics, ...reportImplausible(implausible), ...reportUnreported(unreported), ...reportUnrendered(unrendered)];
    return { tasks: read.tasks, diagnostics, needsTokenizer: tokenizer };
  }

  reset(): void {
    this.kept = [];
  }
}

/** The rules on one task, in applyTraceRules' order (each call's usage guard before its zero-usage rule). */
function check(task: Task): Findings {
  const one = [task];
  const implausible = markImplausibleUsage(one);
  const unreported = markUnreported(one);
  const unrendered = markUnrendered(one);
  return { task, implausible: implausible.length ? implausible : NONE, unreported, unrendered: unrendered.length ? unrendered : NONE, needsTokenizer: needsTokenizer(one) };
}

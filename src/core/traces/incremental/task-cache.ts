/**
 * Re-analyzes only the tasks that changed since the last snapshot of a growing session. Measuring a
 * call depends on the calls before it only through its lineage's previous call (usage-based reuse:
 * repeated = min(in, prev in + prev out)), so the tasks after the unchanged ones are measured after
 * one "priming" call per lineage: that lineage's last earlier call. Exact for traces without prompts
 * (Claude Code, Codex); a trace that records prompts is analyzed whole. Tests compare every step
 * with `analyzeFile` on the same bytes.
 *
 * Which tasks changed is told by identity: the live readers (ClaudeCodeSession, CodexSession) hand
 * back the same Task object for a task no appended line touched and a new object otherwise, so
 * nothing is compared call by call and an update costs what its changed tasks cost.
 */
import { analyzeParsed, taskMeasures, type AnalyzeOptions, type FileAnalysis, type TaskAnalysis, type Tokenizer } from '../../inference/analyze';
import { costsOf } from '../../pipeline/pricing';
import { measureTasks } from '../../inference/measure';
import type { Call, ParsedTrace, Task } from '../model';

const hasPrompt = (t: Task): boolean => t.calls.some((c) => c.prompt !== null);

const NOT_NEEDED = (): number => {
  throw new Error('no tokenizer: these calls record usage and no prompt');
};

export class TaskCache {
  private tasks: Task[] = [];
  private analyses: TaskAnalysis[] = [];
  /** Last call per lineage over tasks [0, primedUpTo). */
  private lastOfLineage = new Map<string, Call>();
  private primedUpTo = 0;

  analyze(parsed: ParsedTrace, opts: AnalyzeOptions, tokenizer?: Tokenizer): FileAnalysis {
    const { tasks } = parsed;
    let j = 0;
    while (j < tasks.length && j < this.tasks.length && tasks[j] === this.tasks[j]) j++;
    // the tasks before j were checked when first seen (a trace with prompts is never kept: reset below)
    if (tokenizer || tasks.slice(j).some(hasPrompt)) {
      this.reset();
      return analyzeParsed(parsed, opts, tokenizer);
    }
    if (j < this.primedUpTo) {
      this.lastOfLineage = new Map();
      this.primedUpTo = 0;
    }
    for (; this.primedUpTo < j; this.primedUpTo++) for (const c of tasks[this.primedUpTo]!.calls) this.lastOfLineage.set(c.lineage, c);
    const priming: Task = { id: 'priming', title: null, line: null, calls: [...this.lastOfLineage.values()] };
    const measured = measureTasks([priming, ...tasks.slice(j)], NOT_NEEDED).slice(1);
    const fresh = tasks.slice(j).map((t, i): TaskAnalysis => ({ ...taskMeasures(t, measured[i]!), cost: costsOf(measured[i]!, { priceOf: opts.priceOf, selfHost: opts.selfHost, cache: opts.cache ?? true }) }));
    this.analyses = [...this.analyses.slice(0, j), ...fresh];
    this.tasks = tasks;
    return { path: parsed.path, format: parsed.format, tasks: this.analyses, diagnostics: parsed.diagnostics };
  }

  reset(): void {
    this.tasks = [];
    this.analyses = [];
    this.lastOfLineage = new Map();
    this.primedUpTo = 0;
  }
}

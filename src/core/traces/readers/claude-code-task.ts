/**
 * The pieces of a Claude Code session (claude-code-session.ts) kept between snapshots, and one task
 * built from its calls.
 */
import type { Call, Task, Usage } from '../model';
import { reportsNothing } from '../usage-rules';
import { shortTitle } from './jsonl-lines';

/** One sidechain conversation, found by following parentUuid among sidechain lines. */
export interface Thread {
  root: string;
  agentId: string | null;
  /** The task current when the thread first appeared (fallback when nothing links it). */
  task: number;
  /** The root's prompt, matched against the Task tool_use that asked for it. */
  prompt: string | null;
  /** Its calls, placed again when what links the thread to a task changes. */
  calls: DraftCall[];
}

export interface DraftCall {
  id: string;
  line: number;
  timestamp: string | null;
  model: string | null;
  usage: Usage;
  sidechain: boolean;
  thread: Thread | null;
  lineage: string;
  task: number;
  /** What the response produced, kept only while its usage reports 0 tokens (see usage-rules.ts). */
  produced: string[] | null;
  /** Where the call is now: its task (resolved for a subagent's call) and lineage. */
  placed: { task: number; lineage: string } | null;
}

export interface DraftTask {
  id: string;
  title: string | null;
  line: number | null;
  human: boolean;
}

/** One task from its calls (null when it has none), as a new object. */
export function buildTask(t: DraftTask, i: number, members: ReadonlySet<DraftCall>, fileAgent: string | null): Task | null {
  const drafts = [...members].sort((a, b) => a.line - b.line);
  if (drafts.length === 0) return null;
  // a subagent file read alone has no human request: the subagent's prompt is the best label
  let firstSubagentPrompt: string | null = null;
  const calls: Call[] = drafts.map((d) => {
    if (i === 0) firstSubagentPrompt ??= d.thread?.prompt ?? null;
    return {
      id: d.id,
      lineage: d.placed!.lineage,
      model: d.model,
      provider: 'anthropic',
      prompt: null,
      promptComplete: false,
      completion: d.produced && reportsNothing(d.usage) ? d.produced.join('\n') : null,
      usage: d.usage,
      isSubagent: d.sidechain || fileAgent !== null,
      line: d.line,
      timestamp: d.timestamp,
    };
  });
  const title = t.title ?? (i === 0 && firstSubagentPrompt ? shortTitle(firstSubagentPrompt) : null);
  return { id: t.id, title, calls, line: t.line ?? calls[0]!.line };
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

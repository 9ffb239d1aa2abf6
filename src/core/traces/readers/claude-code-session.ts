/**
 * Turns the lines of one Claude Code session file into tasks and calls. Fed line by line; keeps per
 * response only its usage and ids (never message contents), plus small maps to link subagents.
 */
import type { Task, Usage } from '../model';
import { emptyUsage } from '../model';
import type { DiagnosticList } from './jsonl-lines';
import { describeIssues, shortTitle } from './jsonl-lines';
import type { ClaudeLine } from './claude-code-schema';
import { buildTask, push, type DraftCall, type DraftTask, type Thread } from './claude-code-task';
import { reportsNothing } from '../usage-rules';
import {
  anthropicUsage,
  automatedPromptKind,
  commandLabel,
  hasToolResult,
  humanRequest,
  isCompactionSummary,
  lineSchema,
  messageText,
  producedText,
  subagentLaunches,
  toolResultIds,
  usageSchema,
} from './claude-code-schema';

export interface SessionOptions {
  /** The `<id>` of an `agent-<id>.jsonl` file name: every call in it is a subagent's. */
  fileAgentId: string | null;
}

export class ClaudeCodeSession {
  private readonly seenUuids = new Set<string>();
  /** By request id; Map order is the order of each response's first line. */
  private readonly calls = new Map<string, DraftCall>();
  private readonly threadOfUuid = new Map<string, Thread>();
  // task 0 holds the calls made before the first human request
  private readonly tasks: DraftTask[] = [{ id: 'turn-0', title: null, line: null, human: false }];
  private readonly taskOfToolUse = new Map<string, number>();
  private readonly taskOfPrompt = new Map<string, number>();
  private readonly taskOfAgent = new Map<string, number>();
  private mainEpoch = 1;
  private compactionPending = false;
  private duplicateLines = 0;
  private syntheticLines = 0;
  /** Machine-written prompt lines by kind: they continue the current task instead of starting one. */
  private readonly automatedPrompts = new Map<string, number>();
  // What finish() handed out is kept: a live session asks for its tasks after each appended line,
  // and only the tasks a line touched are built again (a new object each), so the cost of a
  // snapshot does not grow with the session.
  private readonly members: Set<DraftCall>[] = [new Set()];
  private readonly built: (Task | null)[] = [null];
  private readonly dirty = new Set<number>();
  private readonly pendingThreads = new Set<Thread>();
  private readonly threadsByAgent = new Map<string, Thread[]>();
  private readonly threadsByPrompt = new Map<string, Thread[]>();

  constructor(
    private readonly diags: DiagnosticList,
    private readonly options: SessionOptions,
  ) {}

  add(lineNo: number, raw: Record<string, unknown>): void {
    const parsed = lineSchema.safeParse(raw);
    if (!parsed.success) {
      this.diags.add(lineNo, 'error', `${describeIssues(parsed.error.issues)}; line skipped`);
      return;
    }
    const line = parsed.data;
    if (line.uuid) {
      if (this.seenUuids.has(line.uuid)) {
        this.duplicateLines++;
        return;
      }
      this.seenUuids.add(line.uuid);
    }
    const thread = line.isSidechain === true ? this.threadOf(line, lineNo) : null;
    if (line.type === 'assistant') this.onAssistant(line, lineNo, thread);
    else if (line.type === 'user' && !thread) this.onMainUser(line, lineNo);
    else if (line.type === 'system' && line.subtype === 'compact_boundary' && !thread) this.compactionPending = true;
  }

  private get currentTask(): number {
    return this.tasks.length - 1;
  }

  private threadOf(line: ClaudeLine, lineNo: number): Thread {
    let t = line.parentUuid ? this.threadOfUuid.get(line.parentUuid) : undefined;
    if (!t) {
      const prompt = line.type === 'user' ? messageText(line.message?.content) : '';
      t = { root: line.uuid ?? `line-${lineNo}`, agentId: null, task: this.currentTask, prompt: prompt || null, calls: [] };
      if (t.prompt) push(this.threadsByPrompt, t.prompt, t);
    }
    if (line.agentId && !t.agentId) {
      t.agentId = line.agentId;
      push(this.threadsByAgent, t.agentId, t);
      this.pendingThreads.add(t);
    }
    if (line.uuid) this.threadOfUuid.set(line.uuid, t);
    return t;
  }

  private onMainUser(line: ClaudeLine, lineNo: number): void {
    const content = line.message?.content;
    const text = messageText(content);
    if (isCompactionSummary(line, text)) this.compactionPending = true;
    const human = humanRequest(line);
    if (human !== null) {
      this.tasks.push({ id: `turn-${this.tasks.length}`, title: shortTitle(human), line: lineNo, human: true });
      this.members.push(new Set());
      this.built.push(null);
      return;
    }
    if (content != null && !hasToolResult(content)) {
      const kind = automatedPromptKind(line, text);
      if (kind) this.automatedPrompts.set(kind, (this.automatedPrompts.get(kind) ?? 0) + 1);
    }
    const preamble = this.tasks[0]!;
    if (this.currentTask === 0 && preamble.title === null) {
      preamble.title = commandLabel(text);
      this.dirty.add(0);
    }
    // v2: the Task's tool_result names the subagent it ran, on the line or in toolUseResult
    const tur = line.toolUseResult;
    const agentId =
      line.agentId ??
      (typeof tur === 'object' && tur !== null && typeof (tur as { agentId?: unknown }).agentId === 'string'
        ? (tur as { agentId: string }).agentId
        : null);
    if (agentId && !this.taskOfAgent.has(agentId)) {
      const linked = toolResultIds(content)
        .map((id) => this.taskOfToolUse.get(id))
        .find((t) => t !== undefined);
      this.taskOfAgent.set(agentId, linked ?? this.currentTask);
      for (const t of this.threadsByAgent.get(agentId) ?? []) this.pendingThreads.add(t);
    }
  }

  private onAssistant(line: ClaudeLine, lineNo: number, thread: Thread | null): void {
    const msg = line.message;
    if (!msg) {
      this.diags.add(lineNo, 'warning', 'assistant line without a message; ignored');
      return;
    }
    // client-written error stubs (API errors, aborted requests): no model was called
    if (msg.model === '<synthetic>' || line.isApiErrorMessage === true) {
      this.syntheticLines++;
      return;
    }
    if (!thread) {
      for (const launch of subagentLaunches(msg.content)) {
        if (launch.id) this.taskOfToolUse.set(launch.id, this.currentTask);
        if (launch.prompt) {
          this.taskOfPrompt.set(launch.prompt, this.currentTask);
          for (const t of this.threadsByPrompt.get(launch.prompt) ?? []) this.pendingThreads.add(t);
        }
      }
    }
    let usage: Usage | null = null;
    if (msg.usage != null) {
      const u = usageSchema.safeParse(msg.usage);
      if (u.success) usage = anthropicUsage(u.data);
      else this.diags.add(lineNo, 'error', `message.usage: ${describeIssues(u.error.issues)}; this line's usage ignored`);
    }
    const id = line.requestId ?? msg.id ?? `line-${lineNo}`;
    const zero = usage !== null && reportsNothing(usage);
    const existing = this.calls.get(id);
    if (existing) {
      // one response, several lines: earlier lines may carry a streaming-partial output count
      if (usage) existing.usage = usage;
      existing.model ??= msg.model ?? null;
      if (zero) (existing.produced ??= []).push(producedText(msg.content));
      if (existing.placed) this.dirty.add(existing.placed.task);
      return;
    }
    if (!thread && this.compactionPending) {
      this.mainEpoch++;
      this.compactionPending = false;
    }
    const draft: DraftCall = {
      id,
      line: lineNo,
      timestamp: line.timestamp ?? null,
      model: msg.model ?? null,
      usage: usage ?? emptyUsage(),
      sidechain: thread !== null,
      thread,
      lineage: this.mainEpoch === 1 ? 'main' : `main-${this.mainEpoch}`,
      task: this.currentTask,
      produced: zero ? [producedText(msg.content)] : null,
      placed: null,
    };
    this.calls.set(id, draft);
    thread?.calls.push(draft);
    this.place(draft);
  }

  /** Puts a call in its task (again, for a subagent's call whose link changed); the tasks it leaves or joins are built again. */
  private place(d: DraftCall): void {
    let { task, lineage } = d;
    if (d.thread) ({ task, lineage } = this.resolveThread(d.thread));
    else if (this.options.fileAgentId) lineage = `agent-${this.options.fileAgentId}`;
    const was = d.placed;
    if (was && was.task === task && was.lineage === lineage) return;
    if (was) {
      this.members[was.task]!.delete(d);
      this.dirty.add(was.task);
    }
    d.placed = { task, lineage };
    this.members[task]!.add(d);
    this.dirty.add(task);
  }

  /** Task of a subagent call: the agent's Task tool_use, else the Task whose prompt started it, else where it appeared. */
  private resolveThread(t: Thread): { task: number; lineage: string } {
    const byAgent = t.agentId ? this.taskOfAgent.get(t.agentId) : undefined;
    const byPrompt = t.prompt ? this.taskOfPrompt.get(t.prompt) : undefined;
    const agentId = t.agentId ?? this.options.fileAgentId;
    return { task: byAgent ?? byPrompt ?? t.task, lineage: agentId ? `agent-${agentId}` : `sidechain-${t.root}` };
  }

  /** The tasks so far: those no line touched since the last call are the same objects as then. */
  finish(): Task[] {
    for (const t of this.pendingThreads) for (const d of t.calls) this.place(d);
    this.pendingThreads.clear();
    for (const i of this.dirty) this.built[i] = buildTask(this.tasks[i]!, i, this.members[i]!, this.options.fileAgentId);
    this.dirty.clear();
    const out: Task[] = [];
    this.tasks.forEach((t, i) => {
      const task = this.built[i];
      if (!task) {
        if (t.human) this.diags.add(t.line, 'info', 'this human request got no model call; not counted as a task');
        return;
      }
      out.push(task);
    });
    if (this.duplicateLines > 0) {
      this.diags.add(null, 'info', `${this.duplicateLines} duplicated lines (same uuid) counted once`);
    }
    if (this.syntheticLines > 0) {
      this.diags.add(null, 'info', `${this.syntheticLines} client-written error stubs (model <synthetic>) not counted as calls`);
    }
    if (this.automatedPrompts.size > 0) {
      const kinds = [...this.automatedPrompts].map(([k, n]) => `${k} ×${n}`).join(', ');
      const total = [...this.automatedPrompts.values()].reduce((s, n) => s + n, 0);
      this.diags.add(null, 'info', `${total} prompt line(s) written by Claude Code, not typed by a person, continue the current task: ${kinds}`);
    }
    if (this.calls.size === 0) this.diags.add(null, 'warning', 'no model calls found in this file');
    return out;
  }
}


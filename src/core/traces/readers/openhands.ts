/**
 * OpenHands (FORMATS.md §4): evaluation output.jsonl (one instance per line: `instance_id`, `history` events,
 * `metrics`), the older resolver output (same, keyed by `issue`, no per-call usage), and exported trajectories
 * (a JSON list of events, or `{trajectory: [...]}`). An instance is one task; an exported conversation is split
 * into tasks at each human message, its lineage carrying on across them.
 */
import { z } from 'zod';
import type { Diagnostic, Task } from '../model';
import { MessageInterner } from '../model';
import type { Probe } from '../io';
import { parseJson, probeFile, readLines } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { isRecord } from './openai-shapes';
import { callsFromEvents } from './openhands-events';
import { str } from './openhands-render';
import { errorText, firstIssue, loadJsonDocument, titleFrom, typeName, neverThrows } from './json-document';

const EVENT = /"(?:action|observation)"\s*:\s*"[a-z_]+"/;

export function detectOpenHands(probe: Probe): number {
  if (probe.binary) return 0;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  const has = (k: string) => new RegExp(`"${k}"\\s*:`).test(head);
  if (head.startsWith('{')) {
    const history = /"history"\s*:\s*\[/.test(head) && EVENT.test(head);
    if (history && has('instance_id')) return 0.9;
    if (history && (has('issue_type') || has('git_patch'))) return 0.85; // resolver output
    if (/^\{\s*"trajectory"\s*:\s*\[\s*\{/.test(head) && has('source') && EVENT.test(head)) return 0.8;
    return 0;
  }
  if (head.startsWith('[') && /^\[\s*\{/.test(head) && EVENT.test(head)) {
    if (has('task_id') || has('termination_reason')) return 0; // a tau2 list
    if (/"source"\s*:\s*"(?:agent|user|environment)"/.test(head) && has('id')) return 0.85;
  }
  return 0;
}

const InstanceSchema = z.looseObject({
  instance_id: z.union([z.string(), z.number()]).nullish(),
  history: z.array(z.unknown()),
  metrics: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

function llmModel(metadata: unknown): string | null {
  const cfg = isRecord(metadata) ? metadata.llm_config : undefined;
  return isRecord(cfg) ? str(cfg.model) : null;
}

/** instance_id, else the resolver's `owner/repo#number`, else the line. */
function instanceId(inst: Record<string, unknown>, fallback: string): { id: string; title: string | null } {
  if (typeof inst.instance_id === 'string' || typeof inst.instance_id === 'number') {
    return { id: String(inst.instance_id), title: String(inst.instance_id) };
  }
  const issue = inst.issue;
  if (isRecord(issue) && (typeof issue.number === 'number' || typeof issue.number === 'string')) {
    const id = `${str(issue.owner) ?? '?'}/${str(issue.repo) ?? '?'}#${String(issue.number)}`;
    return { id, title: str(issue.title) ?? id };
  }
  return { id: fallback, title: titleFrom(str(inst.instruction) ?? '') };
}

function readInstance(raw: unknown, line: number | null, fallbackId: string, interner: MessageInterner, diagnostics: Diagnostic[]): Task | null {
  const where = line !== null ? `line ${line}` : 'document';
  const parsed = InstanceSchema.safeParse(raw);
  if (!parsed.success) {
    const why = isRecord(raw) ? firstIssue(parsed.error) : `expected an instance object, found ${typeName(raw)}`;
    diagnostics.push({ line, severity: 'error', message: `${where}: ${why}; instance skipped` });
    return null;
  }
  const { id, title } = instanceId(parsed.data, fallbackId);
  const { calls } = callsFromEvents({
    events: parsed.data.history,
    metrics: parsed.data.metrics,
    defaultModel: llmModel(parsed.data.metadata),
    lineagePrefix: id,
    interner,
    where: `instance ${id}`,
    line,
    diagnostics,
  });
  if (calls.length === 0) {
    diagnostics.push({ line, severity: 'info', message: `${where}: instance ${id} has no model calls: left out` });
    return null;
  }
  return { id, title, calls, line };
}

/** An exported conversation: tasks start at each human message; calls before the first form their own task. */
function readConversation(events: unknown[], diagnostics: Diagnostic[]): Task[] {
  const { calls, anchors, userMessages } = callsFromEvents({
    events,
    metrics: undefined,
    defaultModel: null,
    lineagePrefix: 'main',
    interner: new MessageInterner(),
    where: 'trajectory',
    line: null,
    diagnostics,
  });
  if (calls.length === 0) diagnostics.push({ line: null, severity: 'info', message: 'trajectory: no model calls' });
  const tasks: Task[] = [];
  let u = -1;
  calls.forEach((call, i) => {
    const anchor = anchors[i] ?? 0;
    let turn = u;
    while (turn + 1 < userMessages.length && (userMessages[turn + 1]?.index ?? Infinity) < anchor) turn++;
    if (tasks.length === 0 || turn !== u) {
      u = turn;
      const text = userMessages[turn]?.text ?? '';
      tasks.push({ id: turn < 0 ? 'before-first-message' : `turn-${turn + 1}`, title: titleFrom(text), calls: [], line: null });
    }
    tasks[tasks.length - 1]!.calls.push(call);
  });
  return tasks;
}

async function readDocument(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (!doc.ok) return { tasks: [], diagnostics: doc.diagnostics };
  const diagnostics = doc.diagnostics;
  const v = doc.value;
  if (Array.isArray(v)) return { tasks: readConversation(v, diagnostics), diagnostics };
  if (isRecord(v) && Array.isArray(v.trajectory)) return { tasks: readConversation(v.trajectory, diagnostics), diagnostics };
  const task = readInstance(v, null, 'instance', new MessageInterner(), diagnostics);
  return { tasks: task ? [task] : [], diagnostics };
}

async function readJsonl(path: string, limits: ReadLimits): Promise<ReadResult> {
  const diagnostics: Diagnostic[] = [];
  const tasks: Task[] = [];
  const interner = new MessageInterner(); // instances share prompt boilerplate (system prompt, tools)
  const ids = new Set<string>();
  for await (const ev of readLines(path, limits.maxLineBytes)) {
    if ('tooLong' in ev) {
      diagnostics.push({ line: ev.lineNo, severity: 'error', message: `line ${ev.lineNo} is ${ev.tooLong} bytes, over the line limit: skipped` });
      continue;
    }
    if (ev.text.trim() === '') continue;
    if (ev.invalidUtf8) diagnostics.push({ line: ev.lineNo, severity: 'warning', message: `line ${ev.lineNo}: invalid UTF-8 bytes, read as U+FFFD` });
    const parsed = parseJson(ev.text);
    if (!parsed.ok) {
      diagnostics.push({ line: ev.lineNo, severity: 'error', message: `line ${ev.lineNo}: invalid JSON (${parsed.error}); line skipped` });
      continue;
    }
    try {
      const task = readInstance(parsed.value, ev.lineNo, `line-${ev.lineNo}`, interner, diagnostics);
      if (!task) continue;
      if (ids.has(task.id)) task.id = `${task.id}@line-${ev.lineNo}`;
      ids.add(task.id);
      tasks.push(task);
    } catch (e) {
      diagnostics.push({ line: ev.lineNo, severity: 'error', message: `line ${ev.lineNo}: cannot read the instance (${errorText(e)})` });
    }
  }
  if (tasks.length === 0 && diagnostics.length === 0) diagnostics.push({ line: null, severity: 'warning', message: 'empty file: no instances' });
  return { tasks, diagnostics };
}

export async function readOpenHands(path: string, limits: ReadLimits): Promise<ReadResult> {
  const probe = await probeFile(path);
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  // A list, or a pretty-printed object, is one document; anything else is one instance per line.
  const document = head.startsWith('[') || probe.firstLines[0]?.replace(/^\uFEFF/, '').trim() === '{';
  return document ? readDocument(path, limits) : readJsonl(path, limits);
}

export const readers: TraceReader[] = [
  {
    format: 'openhands',
    label: 'OpenHands output / trajectory',
    detect: detectOpenHands,
    read: neverThrows('OpenHands', readOpenHands),
  },
];

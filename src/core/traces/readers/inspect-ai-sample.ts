/**
 * One Inspect sample (× epoch) → one Task. Calls are the sample's `model` events, minus the
 * model-graded scorers (inside a `scorer` span, or between `step` begin/end of type scorer in
 * older logs): they grade the agent, they are not the agent. Prompts come whole from each event's
 * `input` (the exact messages Inspect passed to the provider, system message included) plus its
 * `tools`, so promptComplete is true unless a pooled message or an attachment cannot be resolved.
 */
import { z } from 'zod';
import type { Call, Message, MessageInterner, Task } from '../model';
import { shortTitle } from './jsonl-lines';
import { Attachments, contentText, renderMessage, renderTools } from './inspect-ai-messages';
import { inspectUsage } from './inspect-ai-usage';
import { newRefBudget, referencedMessages, type RefBudget } from './inspect-ai-refs';

const Sample = z.looseObject({
  id: z.union([z.string(), z.number()]),
  epoch: z.number().optional(),
  input: z.unknown().optional(),
  events: z.array(z.unknown()).optional(),
  transcript: z.looseObject({ events: z.array(z.unknown()) }).optional(),
  attachments: z.record(z.string(), z.unknown()).optional(),
  message_pool: z.array(z.unknown()).nullish(),
  events_data: z.looseObject({ messages: z.array(z.unknown()).nullish() }).nullish(),
});

const ModelEvent = z.looseObject({
  event: z.literal('model'),
  model: z.string().nullish(),
  input: z.array(z.unknown()).nullish(),
  input_refs: z.array(z.unknown()).nullish(),
  tools: z.unknown().optional(),
  output: z
    .looseObject({ usage: z.unknown().optional(), choices: z.array(z.unknown()).nullish(), completion: z.unknown().optional() })
    .nullish(),
  timestamp: z.string().nullish(),
  uuid: z.string().nullish(),
  id: z.string().nullish(),
  span_id: z.string().nullish(),
  pending: z.unknown().optional(),
  error: z.unknown().optional(),
});

/** Nested `events` lists (tool and subtask events of older logs) are followed this deep at most. */
const MAX_NESTING = 16;

export interface SampleContext {
  interner: MessageInterner;
  inspectVersion: number[] | null;
}

/** Counts of what was left out, summed over a file for its diagnostics. */
export interface SampleStats {
  scorerCalls: number;
  pendingCalls: number;
  failedCalls: number;
  badEvents: string[];
  incompletePrompts: number;
  usageAssumptions: Set<string>;
  /** Samples whose `input_refs` went over the per-sample cap, with the calls left without a prompt. */
  cappedRefs: Map<string, number>;
}

export function newStats(): SampleStats {
  return { scorerCalls: 0, pendingCalls: 0, failedCalls: 0, badEvents: [], incompletePrompts: 0, usageAssumptions: new Set(), cappedRefs: new Map() };
}

interface SpanInfo {
  parent: string | null;
  type: string | null;
}

interface WalkState {
  spans: Map<string, SpanInfo>;
  /** Depth of open `step` events of type scorer (older logs have steps instead of spans). */
  scorerSteps: number;
}

function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export type SampleResult =
  | { ok: true; task: Task | null; sampleId: string; sortKey: string }
  | { ok: false; error: string };

/** Inspect's own sample order (log/_log.py sort_samples): epoch, then id with numbers zero-filled. */
function sortKey(id: string | number, epoch: number): string {
  return `${String(epoch).padStart(20, '0')}\u0000${typeof id === 'number' ? String(id).padStart(20, '0') : id}`;
}

export function sampleToTask(raw: unknown, ctx: SampleContext, stats: SampleStats): SampleResult {
  const parsed = Sample.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, error: `not an Inspect sample (${i ? `${i.path.join('.') || '(record)'}: ${i.message}` : 'bad shape'})` };
  }
  const s = parsed.data;
  const epoch = s.epoch ?? 1;
  const taskId = `${s.id}_epoch_${epoch}`;
  const events = s.events ?? s.transcript?.events ?? [];
  const pool = s.message_pool ?? s.events_data?.messages ?? [];
  const att = new Attachments(s.attachments ?? {});
  const state: WalkState = { spans: new Map(), scorerSteps: 0 };
  const refs = newRefBudget();
  for (const e of events) {
    const ev = rec(e);
    if (ev?.event === 'span_begin' && typeof ev.id === 'string') {
      state.spans.set(ev.id, {
        parent: typeof ev.parent_id === 'string' ? ev.parent_id : null,
        type: typeof ev.type === 'string' ? ev.type : null,
      });
    }
  }

  const calls: Call[] = [];
  const visit = (list: readonly unknown[], nestedIn: string | null, depth: number): void => {
    list.forEach((e, index) => {
      const ev = rec(e);
      if (!ev) return;
      if (ev.event === 'step' && ev.type === 'scorer') {
        if (ev.action === 'begin') state.scorerSteps++;
        else if (ev.action === 'end') state.scorerSteps = Math.max(0, state.scorerSteps - 1);
      }
      if (ev.event === 'model') {
        const call = modelCall(ev, { taskId, index: depth === 0 ? index + 1 : null, nestedIn, pool, refs, att, ctx, state, stats });
        if (call) calls.push(call);
      }
      // Older logs nest a tool's or subtask's own events inside it: calls there are a subagent's.
      if (Array.isArray(ev.events) && depth < MAX_NESTING) {
        const id = typeof ev.id === 'string' ? ev.id : `${taskId}:${depth}.${index}`;
        visit(ev.events, nestedIn ?? id, depth + 1);
      }
    });
  };
  visit(events, null, 0);

  const key = sortKey(s.id, epoch);
  if (calls.length === 0) return { ok: true, task: null, sampleId: taskId, sortKey: key };
  return { ok: true, task: { id: taskId, title: sampleTitle(s.input, att), calls, line: null }, sampleId: taskId, sortKey: key };
}

function sampleTitle(input: unknown, att: Attachments): string | null {
  let text = '';
  if (typeof input === 'string') text = att.resolve(input);
  else if (Array.isArray(input)) {
    const firstUser = input.map(rec).find((m) => m?.role === 'user');
    if (firstUser) text = contentText(firstUser.content, att);
  }
  return shortTitle(text);
}

interface CallContext {
  taskId: string;
  index: number | null;
  nestedIn: string | null;
  pool: readonly unknown[];
  refs: RefBudget;
  att: Attachments;
  ctx: SampleContext;
  state: WalkState;
  stats: SampleStats;
}

/** Walks a span's ancestors: is it a scorer, and which agent context (lineage) does it run in? */
function spanContext(spanId: string | null | undefined, spans: Map<string, SpanInfo>): { scorer: boolean; subagentSpan: string | null } {
  const agents: string[] = [];
  let tool: string | null = null;
  let scorer = false;
  let id = spanId ?? null;
  for (let hops = 0; id != null && hops < 256; hops++) {
    const span = spans.get(id);
    if (!span) break;
    if (span.type === 'scorer' || span.type === 'scorers') scorer = true;
    if (span.type === 'agent') agents.push(id);
    if (span.type === 'tool' && tool == null) tool = id;
    id = span.parent;
  }
  // An agent inside another agent, or a model called from inside a tool, is a subagent.
  const subagentSpan = tool ?? (agents.length >= 2 ? (agents[0] ?? null) : null);
  return { scorer, subagentSpan };
}

function modelCall(raw: Record<string, unknown>, c: CallContext): Call | null {
  const where = `sample ${c.taskId}, event ${c.index ?? '(nested)'}`;
  const parsed = ModelEvent.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    c.stats.badEvents.push(`${where}: ${i ? `${i.path.join('.')}: ${i.message}` : 'bad model event'}`);
    return null;
  }
  const ev = parsed.data;
  const span = spanContext(ev.span_id, c.state.spans);
  if (span.scorer || c.state.scorerSteps > 0) {
    c.stats.scorerCalls++;
    return null;
  }
  if (ev.pending === true) {
    c.stats.pendingCalls++;
    return null;
  }
  const output = ev.output ?? null;
  const firstChoice = rec(output?.choices?.[0]);
  if (ev.error != null && output?.usage == null && firstChoice == null) {
    c.stats.failedCalls++;
    return null;
  }

  const missingBefore = c.att.missing;
  let complete = true;
  const input: readonly unknown[] = ev.input ?? [];
  const prompt: Message[] = [];
  const tools = renderTools(ev.tools, c.att, c.ctx.interner);
  if (tools) prompt.push(tools);
  let rendered = true;
  if (input.length === 0 && ev.input_refs != null) {
    const r = referencedMessages(ev.input_refs, c);
    if (r === null) {
      rendered = false;
      c.stats.cappedRefs.set(c.taskId, (c.stats.cappedRefs.get(c.taskId) ?? 0) + 1);
    } else {
      for (const m of r.messages) prompt.push(m);
      if (!r.ok) complete = false;
    }
  }
  for (const m of input) {
    const msg = renderMessage(m, c.att, c.ctx.interner);
    if (msg) prompt.push(msg);
    else complete = false;
  }
  const completionMsg = firstChoice ? renderMessage(firstChoice.message, c.att, c.ctx.interner) : null;
  const completion = completionMsg?.text ?? (typeof output?.completion === 'string' ? output.completion : null);
  if (c.att.missing > missingBefore) complete = false;
  if (!complete && rendered) c.stats.incompletePrompts++;

  const slash = (ev.model ?? '').indexOf('/');
  const provider = slash > 0 ? (ev.model ?? '').slice(0, slash) : null;
  const model = ev.model ? (slash > 0 ? ev.model.slice(slash + 1) : ev.model) : null;
  const { usage, assumption } = inspectUsage(output?.usage, c.ctx.inspectVersion, provider);
  if (assumption) c.stats.usageAssumptions.add(assumption);

  const lineage = span.subagentSpan ?? c.nestedIn;
  return {
    id: ev.uuid ?? ev.id ?? `${c.taskId}:event-${c.index ?? 'nested'}`,
    lineage: lineage ? `${c.taskId}:agent-${lineage}` : `${c.taskId}:main`,
    model,
    provider,
    prompt: rendered ? prompt : null,
    promptComplete: rendered && complete,
    completion,
    usage,
    isSubagent: lineage != null,
    line: c.index,
    timestamp: ev.timestamp ?? null,
  };
}

/**
 * GenAI spans, whatever file they came from, → tasks and calls:
 * - a call is an inference span: `gen_ai.operation.name` chat / text_completion / generate_content,
 *   or a span without an operation name that carries `gen_ai.usage.*`. Agent spans (`invoke_agent`…)
 *   repeat their children's usage and are never calls. When inference spans nest (two
 *   instrumentations wrapping one request), only the innermost is the request.
 * - task: the `gen_ai.conversation.id` (on the span or an ancestor) when there is one, else the trace.
 * - lineage: the agent (`gen_ai.agent.id`, on the span or its nearest agent ancestor), else the
 *   conversation, else the trace. An agent invoked inside another agent is a subagent.
 */
import { MessageInterner, type Call, type Task } from '../model';
import type { DiagnosticList } from './jsonl-lines';
import { shortTitle } from './jsonl-lines';
import { content } from './otel-genai-content';
import { hasUsage, usageOf } from './otel-genai-usage';
import { str, type Attrs } from './otel-genai-values';

const CALL_OPS = new Set(['chat', 'text_completion', 'generate_content']);
const AGENT_OPS = new Set(['invoke_agent', 'create_agent']);
const MAX_ANCESTORS = 256;

/** One span as every source format reduces it (OTLP JSON, the Python SDK's console output). */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string | null;
  /** The span's attributes, with those of its inference-details event added. */
  attributes: Attrs;
  isError: boolean;
  /** Start time as decimal nanoseconds since the epoch; null when unknown. */
  startNanos: string | null;
  /** Line (JSONL) or span index for messages. */
  line: number;
}

/** Light record of every span: enough to walk ancestors for conversation and agent. */
interface SpanNode {
  parent: string | null;
  op: string | null;
  agentId: string | null;
  conversationId: string | null;
  name: string | null;
}

interface PendingCall {
  key: string;
  traceId: string;
  start: string;
  order: number;
  call: Call;
  firstUser: string | null;
}

export function isoFromNanos(ns: string | null): string | null {
  if (ns === null || !/^\d{1,24}$/.test(ns)) return null;
  const ms = Number(BigInt(ns) / 1_000_000n);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) || ms === 0 ? null : d.toISOString();
}

export class SpanCollector {
  private readonly spans = new Map<string, SpanNode>();
  readonly calls: PendingCall[] = [];
  private readonly interner = new MessageInterner();
  duplicates = 0;
  failed = 0;
  inconsistentUsage = 0;
  spanCount = 0;

  constructor(private readonly diags: DiagnosticList) {}

  add(s: SpanRecord): void {
    const key = `${s.traceId}/${s.spanId}`;
    if (this.spans.has(key)) {
      this.duplicates++;
      return;
    }
    const a = s.attributes;
    const op = str(a.get('gen_ai.operation.name'));
    this.spans.set(key, {
      parent: s.parentSpanId ? `${s.traceId}/${s.parentSpanId}` : null,
      op,
      agentId: str(a.get('gen_ai.agent.id')) ?? (op && AGENT_OPS.has(op) ? str(a.get('gen_ai.agent.name')) : null),
      conversationId: str(a.get('gen_ai.conversation.id')),
      name: s.name,
    });
    if (!(op != null ? CALL_OPS.has(op) : hasUsage(a))) return;

    const { usage, inconsistent } = usageOf(a);
    if (s.isError && usage.source === 'tokenizer') {
      this.failed++;
      return;
    }
    if (inconsistent) this.inconsistentUsage++;
    const c = content(a, this.interner);
    this.calls.push({
      key,
      traceId: s.traceId,
      start: s.startNanos !== null && /^\d+$/.test(s.startNanos) ? s.startNanos.padStart(24, '0') : '',
      order: this.calls.length,
      firstUser: c.firstUser,
      call: {
        id: s.spanId,
        lineage: '',
        model: str(a.get('gen_ai.response.model')) ?? str(a.get('gen_ai.request.model')),
        provider: str(a.get('gen_ai.provider.name')) ?? str(a.get('gen_ai.system')),
        prompt: c.prompt,
        promptComplete: c.promptComplete,
        completion: c.completion,
        usage,
        isSubagent: false,
        line: s.line,
        timestamp: isoFromNanos(s.startNanos),
      },
    });
  }

  /** Ancestors of a span, nearest first (cycle-safe, and bounded: no real agent nests this deep). */
  private *ancestors(key: string): Generator<[string, SpanNode]> {
    const seen = new Set<string>();
    let k: string | null = this.spans.get(key)?.parent ?? null;
    while (k != null && !seen.has(k) && seen.size < MAX_ANCESTORS) {
      seen.add(k);
      const node = this.spans.get(k);
      if (!node) return;
      yield [k, node];
      k = node.parent;
    }
  }

  tasks(): Task[] {
    const callKeys = new Set(this.calls.map((c) => c.key));
    // An inference span with an inference span below it wraps the same request: keep the inner one.
    const wrappers = new Set<string>();
    for (const c of this.calls) for (const [k] of this.ancestors(c.key)) if (callKeys.has(k)) wrappers.add(k);
    if (wrappers.size > 0) {
      this.diags.add(null, 'info', `${wrappers.size} inference span(s) wrap another inference span (two instrumentations of one request): only the inner one counted`);
    }
    const byTask = new Map<string, { task: Task; calls: PendingCall[] }>();
    for (const c of this.calls) {
      if (wrappers.has(c.key)) continue;
      const own = this.spans.get(c.key);
      let conversation = own?.conversationId ?? null;
      const agents: string[] = own?.agentId ? [own.agentId] : [];
      let rootName: string | null = own?.name ?? null;
      for (const [, node] of this.ancestors(c.key)) {
        conversation ??= node.conversationId;
        if (node.agentId && (node.op == null || AGENT_OPS.has(node.op)) && agents[agents.length - 1] !== node.agentId) {
          agents.push(node.agentId);
        }
        rootName = node.name ?? rootName;
      }
      const agent = agents[0] ?? null;
      c.call.lineage = agent ? `agent:${agent}` : conversation ? `conversation:${conversation}` : `trace:${c.traceId}`;
      c.call.isSubagent = agents.length >= 2;
      const taskKey = conversation ? `conversation:${conversation}` : `trace:${c.traceId}`;
      let entry = byTask.get(taskKey);
      if (!entry) {
        entry = { task: { id: conversation ?? c.traceId, title: null, calls: [], line: c.call.line }, calls: [] };
        byTask.set(taskKey, entry);
      }
      entry.task.title ??= shortTitle(c.firstUser ?? '') ?? rootName;
      entry.calls.push(c);
    }
    const out: Task[] = [];
    for (const { task, calls } of byTask.values()) {
      calls.sort((x, y) => (x.start !== y.start && x.start !== '' && y.start !== '' ? (x.start < y.start ? -1 : 1) : x.order - y.order));
      task.calls = calls.map((c) => c.call);
      task.line = task.calls[0]?.line ?? task.line;
      out.push(task);
    }
    return out;
  }

  /** The file-wide notes, once every span is in. */
  notes(): void {
    if (this.duplicates > 0) this.diags.add(null, 'info', `${this.duplicates} span(s) appear more than once (same trace and span id): counted once`);
    if (this.failed > 0) this.diags.add(null, 'info', `${this.failed} inference span(s) ended in an error without usage: not counted`);
    if (this.inconsistentUsage > 0) {
      this.diags.add(null, 'warning', `${this.inconsistentUsage} span(s) report gen_ai.usage.input_tokens smaller than their cache tokens: read as excluding them (the provider's own meaning) and added up`);
    }
    if (this.spanCount > 0 && this.calls.length === 0) this.diags.add(null, 'info', `${this.spanCount} span(s), none of them a GenAI inference call`);
  }
}

/**
 * OpenTelemetry GenAI spans in OTLP/JSON: one export request `{resourceSpans:[{scopeSpans:[{spans}]}]}`
 * per file, or one per line (the Collector's file exporter). Follows the GenAI semantic
 * conventions (open-telemetry/semantic-conventions docs/gen-ai, before their move to
 * semantic-conventions-genai):
 * - a call is an inference span: `gen_ai.operation.name` chat / text_completion / generate_content,
 *   or a span without an operation name that carries `gen_ai.usage.*`. When inference spans nest
 *   (two instrumentations wrapping one request), only the innermost is the request.
 * - usage: `gen_ai.usage.input_tokens` includes cache reads and writes (registry notes 16–18);
 *   the deprecated `prompt_tokens` / `completion_tokens` are read when the new names are absent.
 * - task: the `gen_ai.conversation.id` (on the span or an ancestor) when there is one, else the trace.
 * - lineage: the agent (`gen_ai.agent.id`, on the span or its nearest agent ancestor), else the
 *   conversation, else the trace. An agent invoked inside another agent is a subagent.
 * - prompt: `gen_ai.input.messages` (+ `gen_ai.system_instructions`, `gen_ai.tool.definitions`), on
 *   the span or on its `gen_ai.client.inference.operation.details` event. It is complete only if
 *   input messages are there and, when the conversation shows tool use, so are tool definitions.
 */
import { open } from 'node:fs/promises';
import { MessageInterner, tokenCount, type Call, type Message, type Role, type Task, type Usage } from '../model';
import { formatBytes, parseJson, readWholeText, type Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList, jsonObjectLines, shortTitle } from './jsonl-lines';

const CALL_OPS = new Set(['chat', 'text_completion', 'generate_content']);
const AGENT_OPS = new Set(['invoke_agent', 'create_agent']);
const DETAILS_EVENT = 'gen_ai.client.inference.operation.details';
/** AnyValue trees are walked this deep at most. */
const MAX_DEPTH = 32;
const PEEK_BYTES = 1024 * 1024;
const MAX_ANCESTORS = 256;

type Attrs = Map<string, unknown>;

function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** OTLP AnyValue → plain JSON value (intValue is a string in canonical OTLP/JSON). */
function anyValue(v: unknown, depth = 0): unknown {
  const o = rec(v);
  if (!o || depth > MAX_DEPTH) return undefined;
  if ('stringValue' in o) return o.stringValue;
  if ('intValue' in o) {
    const n = typeof o.intValue === 'string' ? Number(o.intValue) : o.intValue;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  }
  if ('doubleValue' in o) return o.doubleValue;
  if ('boolValue' in o) return o.boolValue;
  if ('bytesValue' in o) return o.bytesValue;
  if ('arrayValue' in o) {
    const values = rec(o.arrayValue)?.values;
    return Array.isArray(values) ? values.map((x) => anyValue(x, depth + 1)) : [];
  }
  if ('kvlistValue' in o) {
    const out: Record<string, unknown> = {};
    const values = rec(o.kvlistValue)?.values;
    if (Array.isArray(values)) {
      for (const kv of values) {
        const k = rec(kv);
        if (k && typeof k.key === 'string') out[k.key] = anyValue(k.value, depth + 1);
      }
    }
    return out;
  }
  return undefined;
}

function attrs(list: unknown): Attrs {
  const out: Attrs = new Map();
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    const k = rec(kv);
    if (k && typeof k.key === 'string') out.set(k.key, anyValue(k.value));
  }
  return out;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A structured attribute, or the JSON string form the conventions also allow on spans. */
function structured(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (!t.startsWith('[') && !t.startsWith('{')) return v;
  const p = parseJson(v);
  return p.ok ? p.value : v;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '[unrenderable value]';
  }
}

interface PartsText {
  text: string;
  usesTools: boolean;
}

function partsText(parts: unknown): PartsText {
  if (typeof parts === 'string') return { text: parts, usesTools: false };
  if (!Array.isArray(parts)) return { text: '', usesTools: false };
  let usesTools = false;
  const out: string[] = [];
  for (const p of parts) {
    const part = rec(p);
    if (!part) continue;
    switch (part.type) {
      case 'text':
      case 'reasoning':
        if (typeof part.content === 'string') out.push(part.content);
        break;
      case 'tool_call':
        usesTools = true;
        out.push(`[tool call] ${String(part.name ?? 'tool')}(${typeof part.arguments === 'string' ? part.arguments : safeJson(part.arguments)})`);
        break;
      case 'tool_call_response':
        usesTools = true;
        out.push(typeof part.response === 'string' ? part.response : safeJson(part.response));
        break;
      case 'blob':
      case 'file':
      case 'uri':
        out.push(`[${String(part.modality ?? part.type)}]`);
        break;
      default:
        if (typeof part.content === 'string') out.push(part.content);
        else out.push(safeJson(part));
    }
  }
  return { text: out.join('\n'), usesTools };
}

const ROLES = new Set<Role>(['system', 'developer', 'user', 'assistant', 'tool']);

interface Content {
  prompt: Message[] | null;
  promptComplete: boolean;
  completion: string | null;
  firstUser: string | null;
}

/** Older OpenLLMetry spans flatten messages as gen_ai.prompt.N.role / .content. */
function flatMessages(a: Attrs, prefix: string): { role: string; content: string }[] {
  const out: { role: string; content: string }[] = [];
  for (let i = 0; i < 10_000; i++) {
    const content = a.get(`${prefix}.${i}.content`);
    const role = a.get(`${prefix}.${i}.role`);
    if (content === undefined && role === undefined) break;
    out.push({ role: typeof role === 'string' ? role : 'user', content: typeof content === 'string' ? content : safeJson(content) });
  }
  return out;
}

function content(a: Attrs, interner: MessageInterner): Content {
  const input = structured(a.get('gen_ai.input.messages'));
  const output = structured(a.get('gen_ai.output.messages'));
  const system = structured(a.get('gen_ai.system_instructions'));
  const tools = structured(a.get('gen_ai.tool.definitions'));
  let usesTools = false;
  let firstUser: string | null = null;
  let prompt: Message[] | null = null;
  if (Array.isArray(input)) {
    prompt = [];
    if (Array.isArray(tools) && tools.length > 0) prompt.push(interner.intern('system', `Tools:\n${safeJson(tools)}`));
    if (system != null) prompt.push(interner.intern('system', partsText(system).text));
    for (const m of input) {
      const msg = rec(m);
      if (!msg) continue;
      const role = typeof msg.role === 'string' && ROLES.has(msg.role as Role) ? (msg.role as Role) : 'user';
      const t = partsText(msg.parts ?? msg.content);
      usesTools ||= t.usesTools;
      if (role === 'user' && firstUser == null && t.text !== '') firstUser = t.text;
      prompt.push(interner.intern(role, t.text));
    }
  } else {
    const flat = flatMessages(a, 'gen_ai.prompt');
    if (flat.length > 0) {
      prompt = flat.map((m) => interner.intern(ROLES.has(m.role as Role) ? (m.role as Role) : 'user', m.content));
      firstUser = flat.find((m) => m.role === 'user')?.content ?? null;
    }
  }
  let completion: string | null = null;
  if (Array.isArray(output)) {
    const first = rec(output[0]);
    if (first) {
      const t = partsText(first.parts ?? first.content);
      usesTools ||= t.usesTools;
      completion = t.text;
    }
  } else {
    const flat = flatMessages(a, 'gen_ai.completion');
    if (flat[0]) completion = flat[0].content;
  }
  const hasTools = Array.isArray(tools) && tools.length > 0;
  return { prompt, promptComplete: Array.isArray(input) && (hasTools || !usesTools), completion, firstUser };
}

function usageOf(a: Attrs): { usage: Usage; inconsistent: boolean } {
  const num = (k: string): number | null => tokenCount(a.get(k));
  const input = num('gen_ai.usage.input_tokens') ?? num('gen_ai.usage.prompt_tokens');
  const output = num('gen_ai.usage.output_tokens') ?? num('gen_ai.usage.completion_tokens');
  const cacheRead = num('gen_ai.usage.cache_read.input_tokens');
  const cacheWrite = num('gen_ai.usage.cache_creation.input_tokens');
  const reasoning = num('gen_ai.usage.reasoning.output_tokens');
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);
  // input_tokens SHOULD include cached tokens; a smaller value means this emitter followed the
  // provider's own (Anthropic) meaning instead.
  const inconsistent = input != null && cached > input;
  const recorded = [input, output, cacheRead, cacheWrite, reasoning].some((n) => n != null);
  return {
    usage: {
      inTotal: input == null ? null : inconsistent ? input + cached : input,
      cacheRead,
      cacheWrite,
      output,
      reasoning,
      source: recorded ? 'recorded' : 'tokenizer',
    },
    inconsistent,
  };
}

function hasUsage(a: Attrs): boolean {
  for (const k of a.keys()) if (k.startsWith('gen_ai.usage.')) return true;
  return false;
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

class Collector {
  readonly spans = new Map<string, SpanNode>();
  readonly calls: PendingCall[] = [];
  readonly interner = new MessageInterner();
  duplicates = 0;
  failed = 0;
  inconsistentUsage = 0;
  spanCount = 0;

  constructor(private readonly diags: DiagnosticList) {}

  addExport(doc: Record<string, unknown>, line: number | null): void {
    const resourceSpans = doc.resourceSpans;
    if (!Array.isArray(resourceSpans)) {
      this.diags.add(line, 'warning', 'no "resourceSpans" list: not an OTLP trace export; skipped');
      return;
    }
    for (const rs of resourceSpans) {
      const r = rec(rs);
      const scopes = r?.scopeSpans ?? r?.instrumentationLibrarySpans;
      if (!Array.isArray(scopes)) continue;
      for (const ss of scopes) {
        const spans = rec(ss)?.spans;
        if (!Array.isArray(spans)) continue;
        for (const s of spans) this.addSpan(s, line);
      }
    }
  }

  private addSpan(raw: unknown, line: number | null): void {
    this.spanCount++;
    const s = rec(raw);
    const traceId = str(s?.traceId);
    const spanId = str(s?.spanId);
    if (!s || !traceId || !spanId) {
      this.diags.add(line, 'warning', `span ${this.spanCount}: no traceId/spanId; skipped`);
      return;
    }
    const key = `${traceId}/${spanId}`;
    if (this.spans.has(key)) {
      this.duplicates++;
      return;
    }
    const a = attrs(s.attributes);
    // Content may sit on the inference details event instead of the span (newer conventions).
    if (Array.isArray(s.events)) {
      for (const e of s.events) {
        const ev = rec(e);
        if (ev?.name !== DETAILS_EVENT) continue;
        for (const [k, v] of attrs(ev.attributes)) if (!a.has(k)) a.set(k, v);
      }
    }
    const op = str(a.get('gen_ai.operation.name'));
    const parent = str(s.parentSpanId);
    this.spans.set(key, {
      parent: parent ? `${traceId}/${parent}` : null,
      op,
      agentId: str(a.get('gen_ai.agent.id')) ?? (op && AGENT_OPS.has(op) ? str(a.get('gen_ai.agent.name')) : null),
      conversationId: str(a.get('gen_ai.conversation.id')),
      name: str(s.name),
    });
    if (!(op != null ? CALL_OPS.has(op) : hasUsage(a))) return;

    const { usage, inconsistent } = usageOf(a);
    const status = rec(s.status)?.code;
    const isError = status === 2 || status === 'STATUS_CODE_ERROR' || a.has('error.type');
    if (isError && usage.source === 'tokenizer') {
      this.failed++;
      return;
    }
    if (inconsistent) this.inconsistentUsage++;
    const c = content(a, this.interner);
    const model = str(a.get('gen_ai.response.model')) ?? str(a.get('gen_ai.request.model'));
    const start = typeof s.startTimeUnixNano === 'string' || typeof s.startTimeUnixNano === 'number' ? String(s.startTimeUnixNano) : '';
    this.calls.push({
      key,
      traceId,
      start: /^\d+$/.test(start) ? start.padStart(24, '0') : '',
      order: this.calls.length,
      firstUser: c.firstUser,
      call: {
        id: spanId,
        lineage: '',
        model,
        provider: str(a.get('gen_ai.provider.name')) ?? str(a.get('gen_ai.system')),
        prompt: c.prompt,
        promptComplete: c.promptComplete,
        completion: c.completion,
        usage,
        isSubagent: false,
        line: line ?? this.spanCount,
        timestamp: isoFromNanos(start),
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
}

function isoFromNanos(ns: string): string | null {
  if (!/^\d{1,24}$/.test(ns)) return null;
  const ms = Number(BigInt(ns) / 1_000_000n);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) || ms === 0 ? null : d.toISOString();
}

/** JSONL (one export per line) when the first line is a whole JSON value on its own. */
async function isJsonLines(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await fh.read(buf, 0, PEEK_BYTES, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const p = parseJson(line);
      return p.ok && rec(p.value) != null;
    }
    return false;
  } finally {
    await fh.close();
  }
}

async function readOtel(path: string, limits: ReadLimits): Promise<ReadResult> {
  const diags = new DiagnosticList();
  const col = new Collector(diags);
  try {
    if (await isJsonLines(path)) {
      for await (const { lineNo, value } of jsonObjectLines(path, limits, diags)) {
        try {
          col.addExport(value, lineNo);
        } catch (e) {
          // One record that breaks an assumption costs that record, not the rest of the file.
          diags.add(lineNo, 'error', `line could not be read (${e instanceof Error ? e.message : String(e)}); skipped`);
        }
      }
    } else {
      const whole = await readWholeText(path, limits.maxJsonDocumentBytes);
      if ('tooLarge' in whole) {
        diags.add(null, 'error', `file is ${formatBytes(whole.tooLarge)}, over the ${formatBytes(limits.maxJsonDocumentBytes)} JSON document limit; not read`);
      } else {
        if (whole.invalidUtf8) diags.add(null, 'warning', 'not valid UTF-8; bad bytes replaced before parsing');
        const parsed = parseJson(whole.text.replace(/^\uFEFF/, ''));
        if (!parsed.ok) diags.add(null, 'error', `not valid JSON (${parsed.error}); nothing read`);
        else if (Array.isArray(parsed.value)) {
          parsed.value.forEach((d, i) => {
            const doc = rec(d);
            if (doc) col.addExport(doc, null);
            else diags.add(null, 'warning', `item ${i + 1} is not an export request object; skipped`);
          });
        } else if (rec(parsed.value)) col.addExport(rec(parsed.value) ?? {}, null);
        else diags.add(null, 'error', 'the document is not a JSON object; nothing read');
      }
    }
    const tasks = col.tasks();
    if (col.duplicates > 0) diags.add(null, 'info', `${col.duplicates} span(s) appear more than once (same trace and span id): counted once`);
    if (col.failed > 0) diags.add(null, 'info', `${col.failed} inference span(s) ended in an error without usage: not counted`);
    if (col.inconsistentUsage > 0) {
      diags.add(null, 'warning', `${col.inconsistentUsage} span(s) report gen_ai.usage.input_tokens smaller than their cache tokens: read as excluding them (the provider's own meaning) and added up`);
    }
    if (col.spanCount > 0 && col.calls.length === 0) diags.add(null, 'info', `${col.spanCount} span(s), none of them a GenAI inference call`);
    return { tasks, diagnostics: diags.finish() };
  } catch (e) {
    diags.add(null, 'error', `could not read the file: ${e instanceof Error ? e.message : String(e)}`);
    return { tasks: [], diagnostics: diags.finish() };
  }
}

export function detectOtel(probe: Probe): number {
  if (probe.binary) return 0;
  const h = probe.head.replace(/^\uFEFF/, '');
  // OTLP JSON (or JSONL of it) starts with a JSON value: a Markdown page quoting an example does not
  if (!/^\s*[[{]/.test(h) || !/"resourceSpans"\s*:/.test(h)) return 0;
  return /"gen_ai\.[a-z_.]+"/.test(h) ? 0.9 : 0.5;
}

export const otelGenAiReader: TraceReader = {
  format: 'otel-genai',
  label: 'OpenTelemetry GenAI spans (OTLP JSON)',
  detect: detectOtel,
  read: readOtel,
};

export const readers: TraceReader[] = [otelGenAiReader];

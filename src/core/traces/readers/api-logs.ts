/**
 * Plain API logs: JSONL of `{request, response}` pairs as proxies, SDK hooks and LiteLLM callbacks
 * write them, with OpenAI Chat Completions (or Responses) bodies, or Anthropic Messages bodies.
 * Also OpenAI Batch output lines `{custom_id, response:{status_code, body}}` and Anthropic Message
 * Batches results `{custom_id, result:{type, message}}` (responses only: no prompt).
 *
 * Usage per provider (model.ts): OpenAI in_total = prompt_tokens (cached_tokens included);
 * Anthropic in_total = input_tokens + cache_creation_input_tokens + cache_read_input_tokens.
 * Prompt = tools + system + messages of the request: the whole prompt, so promptComplete is true
 * (not for a Responses request chained with previous_response_id, whose history is server-side).
 * Tasks: a line whose prompt extends an earlier line's prompt (with or without that line's reply)
 * continues that conversation (same task and lineage); any other line starts a task.
 */
import { MessageInterner, tokenCount, type Message, type Role, type Task, type Usage } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList, jsonObjectLines, probeObjects, shortTitle } from './jsonl-lines';
import { chatMessageText, contentText, isRecord, openAiUsage, safeStringify } from './openai-shapes';

type Rec = Record<string, unknown>;
type Provider = 'openai' | 'anthropic';

/** What one log line holds, after unwrapping batch envelopes. */
interface Pair {
  provider: Provider;
  request: Rec | null;
  response: Rec | null;
  /** Why the request failed (error status or error body); such lines are not calls. */
  failure: string | null;
  id: string | null;
}

function anthropicShaped(body: Rec | null): boolean {
  return body != null && body.type === 'message' && Array.isArray(body.content);
}

function openAiShaped(body: Rec | null): boolean {
  return body != null && (body.object === 'chat.completion' || body.object === 'response' || Array.isArray(body.choices));
}

function requestProvider(req: Rec | null): Provider | null {
  if (!req) return null;
  // Only Anthropic takes the system prompt as a top-level field (and requires max_tokens).
  if ('system' in req || 'anthropic_version' in req) return 'anthropic';
  if (Array.isArray(req.messages) || 'input' in req) return 'openai';
  return null;
}

/** Unwraps one line; a string says why it is not a request/response record. */
export function classifyLine(v: Rec): Pair | string {
  let request = isRecord(v.request) ? v.request : null;
  let response = isRecord(v.response) ? v.response : null;
  let failure: string | null = null;
  const id = typeof v.custom_id === 'string' ? v.custom_id : null;
  // OpenAI Batch output (and proxies that log the HTTP envelope): {status_code, body}.
  if (response && 'status_code' in response && ('body' in response || 'request_id' in response)) {
    const status = response.status_code;
    if (typeof status === 'number' && status >= 400) failure = `HTTP ${status}`;
    response = isRecord(response.body) ? response.body : null;
  }
  // Anthropic Message Batches results (a bare `result` record is too common, e.g. JSON-RPC: custom_id too).
  if (!response && id && isRecord(v.result)) {
    const r = v.result;
    if (r.type === 'succeeded' && isRecord(r.message)) response = r.message;
    else failure = `batch result ${String(r.type)}`;
    if (!request && isRecord(v.params)) request = v.params;
    return { provider: 'anthropic', request, response, failure, id };
  }
  if (!request && !response) {
    if (id && isRecord(v.error)) return { provider: 'openai', request, response, failure: 'batch error', id };
    if (id && isRecord(v.body)) return 'an OpenAI Batch input line (request only, no response)';
    return 'neither "request" nor "response"';
  }
  if (response && (isRecord(response.error) || typeof response.error === 'string')) failure ??= 'error response';
  if (isRecord(v.error)) failure ??= 'error';
  if (response?.object === 'chat.completion.chunk') return 'a streaming chunk (not supported: log the assembled response)';
  const provider: Provider | null = anthropicShaped(response)
    ? 'anthropic'
    : openAiShaped(response)
      ? 'openai'
      : (requestProvider(request) ?? (failure && id ? 'openai' : null));
  if (!provider) return 'neither an OpenAI nor an Anthropic body';
  return { provider, request, response, failure, id };
}

function anthropicUsage(raw: unknown): Usage | null {
  if (!isRecord(raw)) return null;
  const input = tokenCount(raw.input_tokens);
  const output = tokenCount(raw.output_tokens);
  if (input == null && output == null) return null;
  const cacheRead = tokenCount(raw.cache_read_input_tokens);
  let cacheWrite = tokenCount(raw.cache_creation_input_tokens);
  if (cacheWrite == null && isRecord(raw.cache_creation)) {
    const a = tokenCount(raw.cache_creation.ephemeral_5m_input_tokens);
    const b = tokenCount(raw.cache_creation.ephemeral_1h_input_tokens);
    cacheWrite = a == null && b == null ? null : (a ?? 0) + (b ?? 0);
  }
  return {
    inTotal: input == null ? null : input + (cacheWrite ?? 0) + (cacheRead ?? 0),
    cacheRead,
    cacheWrite,
    output,
    reasoning: null,
    source: 'recorded',
  };
}

function anthropicBlocks(content: unknown): { text: string; onlyToolResults: boolean } {
  if (typeof content === 'string') return { text: content, onlyToolResults: false };
  if (!Array.isArray(content)) return { text: '', onlyToolResults: false };
  const out: string[] = [];
  let onlyToolResults = content.length > 0;
  for (const b of content) {
    if (!isRecord(b)) continue;
    if (b.type !== 'tool_result') onlyToolResults = false;
    switch (b.type) {
      case 'text':
        out.push(typeof b.text === 'string' ? b.text : '');
        break;
      case 'thinking':
        out.push(typeof b.thinking === 'string' ? b.thinking : '');
        break;
      case 'redacted_thinking':
        break;
      case 'tool_use':
      case 'server_tool_use':
        out.push(`${String(b.name)}(${safeStringify(b.input)})`);
        break;
      case 'tool_result':
        out.push(anthropicBlocks(b.content).text);
        break;
      case 'image':
      case 'document':
        out.push(`[${b.type}]`);
        break;
      default:
        out.push(safeStringify(b));
    }
  }
  return { text: out.filter((t) => t !== '').join('\n'), onlyToolResults };
}

interface Rendered {
  prompt: Message[] | null;
  complete: boolean;
  reply: Message | null;
}

function toolsMessage(tools: unknown, interner: MessageInterner): Message | null {
  return Array.isArray(tools) && tools.length > 0 ? interner.intern('system', `Tools:\n${safeStringify(tools)}`) : null;
}

function renderOpenAi(p: Pair, interner: MessageInterner): Rendered {
  const req = p.request;
  let prompt: Message[] | null = null;
  let complete = false;
  if (req) {
    prompt = [];
    complete = true;
    const tools = toolsMessage(req.tools ?? req.functions, interner);
    if (tools) prompt.push(tools);
    if (typeof req.instructions === 'string') prompt.push(interner.intern('system', req.instructions));
    const items: unknown[] = Array.isArray(req.messages)
      ? req.messages
      : typeof req.input === 'string'
        ? [{ role: 'user', content: req.input }]
        : Array.isArray(req.input)
          ? req.input
          : [];
    if (items.length === 0) {
      // No message to show: the prompt is unknown rather than empty.
      return { prompt: null, complete: false, reply: openAiReply(p.response, interner) };
    }
    for (const m of items) {
      const msg = responsesItem(m) ?? chatMessageText(m);
      if (msg) prompt.push(interner.intern(msg.role, msg.text));
      else complete = false;
    }
    // With previous_response_id the earlier turns live on the server, not in this request.
    if (typeof req.previous_response_id === 'string') complete = false;
  }
  return { prompt, complete, reply: openAiReply(p.response, interner) };
}

function openAiReply(res: Rec | null, interner: MessageInterner): Message | null {
  const choice = Array.isArray(res?.choices) ? res.choices[0] : undefined;
  if (isRecord(choice) && isRecord(choice.message)) {
    const m = chatMessageText({ ...choice.message, role: 'assistant' });
    return m ? interner.intern('assistant', m.text) : null;
  }
  if (Array.isArray(res?.output)) {
    const texts = res.output.map((o) => responsesItem(o)?.text ?? '').filter((t) => t !== '');
    return interner.intern('assistant', texts.join('\n'));
  }
  return null;
}

/** A Responses-API input/output item that is not a plain chat message (function calls and their outputs). */
function responsesItem(item: unknown): { role: Role; text: string } | null {
  if (!isRecord(item)) return null;
  switch (item.type) {
    case 'function_call':
      return { role: 'assistant', text: `${String(item.name)}(${typeof item.arguments === 'string' ? item.arguments : safeStringify(item.arguments)})` };
    case 'function_call_output':
      return { role: 'tool', text: typeof item.output === 'string' ? item.output : safeStringify(item.output) };
    case 'message':
      return item.role === 'assistant' || item.role === 'user' || item.role === 'system' || item.role === 'developer'
        ? { role: item.role, text: contentText(item.content) }
        : null;
    case 'reasoning':
      return { role: 'assistant', text: contentText(item.summary) };
    default:
      return null;
  }
}

function renderAnthropic(p: Pair, interner: MessageInterner): Rendered {
  const req = p.request;
  let prompt: Message[] | null = null;
  let complete = false;
  if (req) {
    prompt = [];
    complete = Array.isArray(req.messages);
    // Anthropic's own prefix order (the one its prompt cache hashes): tools, system, messages.
    const tools = toolsMessage(req.tools, interner);
    if (tools) prompt.push(tools);
    if (req.system != null) prompt.push(interner.intern('system', anthropicBlocks(req.system).text));
    for (const m of Array.isArray(req.messages) ? req.messages : []) {
      if (!isRecord(m) || (m.role !== 'user' && m.role !== 'assistant')) {
        complete = false;
        continue;
      }
      const b = anthropicBlocks(m.content);
      prompt.push(interner.intern(m.role === 'user' && b.onlyToolResults ? 'tool' : m.role, b.text));
    }
  }
  const reply = p.response && Array.isArray(p.response.content) ? interner.intern('assistant', anthropicBlocks(p.response.content).text) : null;
  return { prompt, complete, reply };
}

function isoFromSeconds(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return null;
  const d = new Date(v * 1000);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Finds the conversation a prompt extends: the longest earlier prompt (or prompt + reply) it starts with. */
class Conversations {
  private readonly ids = new Map<Message, number>();
  private readonly byPrefix = new Map<string, Task>();

  private keys(seq: readonly Message[]): string[] {
    // Two 32-bit rolling hashes of the message identities, plus the length: collisions are negligible.
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    return seq.map((m, i) => {
      let id = this.ids.get(m);
      if (id === undefined) {
        id = this.ids.size + 1;
        this.ids.set(m, id);
      }
      h1 = Math.imul(h1 ^ id, 0x01000193) >>> 0;
      h2 = (Math.imul(h2, 31) + id * 0x9e3779b1) >>> 0;
      return `${i + 1}:${h1}:${h2}`;
    });
  }

  find(prompt: readonly Message[]): Task | null {
    const keys = this.keys(prompt);
    for (let k = keys.length - 2; k >= 0; k--) {
      const t = this.byPrefix.get(keys[k] ?? '');
      if (t) return t;
    }
    return null;
  }

  remember(prompt: readonly Message[], reply: Message | null, task: Task): void {
    const keys = this.keys(reply ? [...prompt, reply] : prompt);
    const last = keys.length - 1;
    if (reply && last >= 1) this.byPrefix.set(keys[last - 1] ?? '', task);
    if (last >= 0) this.byPrefix.set(keys[last] ?? '', task);
  }
}

/** Everything one file's lines build up: tasks, conversations, and the counts behind diagnostics. */
class ApiLog {
  readonly tasks: Task[] = [];
  private readonly interner = new MessageInterner();
  private readonly conversations = new Conversations();
  /** Why lines were skipped → how many, and the first few line numbers. */
  private readonly skipped = new Map<string, { count: number; lines: number[] }>();
  private readonly failed: number[] = [];
  private failedCount = 0;
  private noUsage = 0;
  private excludedCached = 0;

  add(value: Rec, lineNo: number): void {
    const p = classifyLine(value);
    if (typeof p === 'string') {
      const s = this.skipped.get(p) ?? { count: 0, lines: [] };
      s.count++;
      if (s.lines.length < 5) s.lines.push(lineNo);
      this.skipped.set(p, s);
      return;
    }
    if (p.failure) {
      if (this.failedCount++ < 5) this.failed.push(lineNo);
      return;
    }
    const r = p.provider === 'anthropic' ? renderAnthropic(p, this.interner) : renderOpenAi(p, this.interner);
    let usage: Usage | null = null;
    let provider: string = p.provider;
    if (p.provider === 'anthropic') usage = anthropicUsage(p.response?.usage);
    else {
      const n = openAiUsage(p.response?.usage);
      if (n) {
        usage = n.usage;
        if (n.cachedExcluded) this.excludedCached++;
        provider = n.provider ?? provider;
      }
    }
    if (!usage) this.noUsage++;
    let task = r.prompt && r.prompt.length > 0 ? this.conversations.find(r.prompt) : null;
    if (!task) {
      const firstUser = r.prompt?.find((m) => m.role === 'user');
      task = { id: `line-${lineNo}`, title: shortTitle(firstUser?.text ?? '') ?? p.id, calls: [], line: lineNo };
      this.tasks.push(task);
    }
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    task.calls.push({
      id: str(p.response?.id) ?? p.id ?? `line-${lineNo}`,
      lineage: task.id,
      model: str(p.response?.model) ?? str(p.request?.model),
      provider,
      prompt: r.prompt,
      promptComplete: r.prompt != null && r.complete,
      completion: r.reply?.text ?? null,
      usage: usage ?? { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' },
      isSubagent: false,
      line: lineNo,
      timestamp: isoFromSeconds(p.response?.created),
    });
    if (r.prompt && r.prompt.length > 0) this.conversations.remember(r.prompt, r.reply, task);
  }

  report(diags: DiagnosticList): void {
    for (const [why, { count, lines }] of this.skipped) {
      diags.add(lines[0] ?? null, 'warning', `${count} line(s) skipped: ${why} (lines ${lines.join(', ')}${count > lines.length ? '…' : ''})`);
    }
    if (this.failedCount > 0) {
      const more = this.failedCount > this.failed.length ? '…' : '';
      diags.add(this.failed[0] ?? null, 'info', `${this.failedCount} failed request(s) (error status or error body; lines ${this.failed.join(', ')}${more}): not counted as calls`);
    }
    if (this.noUsage > 0) diags.add(null, 'info', `${this.noUsage} response(s) without usage: tokens to be counted by the tokenizer`);
    if (this.excludedCached > 0) {
      diags.add(null, 'warning', `${this.excludedCached} OpenAI-shaped usage record(s) count fewer prompt tokens than cached ones (Anthropic meaning through a proxy): in_total rebuilt as prompt + cached`);
    }
  }
}

async function readApiLog(path: string, limits: ReadLimits): Promise<ReadResult> {
  const diags = new DiagnosticList();
  const log = new ApiLog();
  try {
    for await (const { lineNo, value } of jsonObjectLines(path, limits, diags)) {
      try {
        log.add(value, lineNo);
      } catch (e) {
        // One record that breaks an assumption costs that record, not the rest of the file.
        diags.add(lineNo, 'error', `line could not be read (${e instanceof Error ? e.message : String(e)}); skipped`);
      }
    }
  } catch (e) {
    diags.add(null, 'error', `could not read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
  log.report(diags);
  return { tasks: log.tasks, diagnostics: diags.finish() };
}

/** Detection by the first complete lines (or the head, when the first line is longer than the probe). */
function detectProvider(probe: Probe, want: Provider): number {
  if (probe.binary) return 0;
  const objs = probeObjects(probe.firstLines).filter((o): o is Rec => o != null);
  if (objs.length > 0) {
    const kinds = objs.map((o) => {
      const p = classifyLine(o);
      return typeof p === 'string' ? null : p.provider;
    });
    const mine = kinds.filter((k) => k === want).length;
    if (mine === 0) return 0;
    return mine === kinds.length ? 0.9 : 0.6;
  }
  const h = probe.head.trimStart();
  if (!/^\{\s*"(?:request|response|custom_id|id)"\s*:/.test(h) || !/"(?:request|response|result)"\s*:\s*\{/.test(h)) return 0;
  // A long request may push the response past the head: then the request's shape decides.
  const request = /"request"\s*:\s*\{/.test(h) && /"messages"\s*:\s*\[/.test(h);
  const anthropicRequest = /"(?:system|anthropic_version)"\s*:/.test(h);
  if (want === 'openai') {
    if (/"object"\s*:\s*"chat\.completion"/.test(h)) return 0.6;
    return request && !anthropicRequest ? 0.5 : 0;
  }
  if (/"type"\s*:\s*"message"/.test(h) && /"input_tokens"\s*:/.test(h)) return 0.6;
  return request && anthropicRequest ? 0.5 : 0;
}

export const openAiChatLogReader: TraceReader = {
  format: 'openai-chat-log',
  label: 'OpenAI API request/response log (JSONL)',
  detect: (probe) => detectProvider(probe, 'openai'),
  read: readApiLog,
};

export const anthropicMessagesLogReader: TraceReader = {
  format: 'anthropic-messages-log',
  label: 'Anthropic Messages API request/response log (JSONL)',
  detect: (probe) => detectProvider(probe, 'anthropic'),
  read: readApiLog,
};

export const readers: TraceReader[] = [openAiChatLogReader, anthropicMessagesLogReader];

/**
 * Inspect `ChatMessage`s and `ToolInfo`s flattened to prompt text. Long strings in a log may be
 * `attachment://<hash>` references into the sample's attachments; they are resolved here, and a
 * reference that cannot be resolved marks the prompt incomplete.
 */
import type { Message, MessageInterner, Role } from '../model';

/** Past this depth JSON values are not walked (deeply nested input must not overflow the stack). */
const MAX_DEPTH = 64;

const PROTOCOLS = ['attachment://', 'tc://'];

export class Attachments {
  /** References that could not be resolved while rendering. */
  missing = 0;
  constructor(private readonly map: Readonly<Record<string, unknown>>) {}

  resolve(text: string): string {
    for (const p of PROTOCOLS) {
      if (text.startsWith(p)) {
        const v = Object.hasOwn(this.map, text.slice(p.length)) ? this.map[text.slice(p.length)] : undefined;
        if (typeof v === 'string') return v;
        this.missing++;
        return text;
      }
    }
    return text;
  }

  /** Copies a JSON value with its strings resolved; too deep a value is cut. */
  resolveDeep(v: unknown, depth = 0): unknown {
    if (typeof v === 'string') return this.resolve(v);
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= MAX_DEPTH) return '[nested too deep]';
    if (Array.isArray(v)) return v.map((x) => this.resolveDeep(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = this.resolveDeep(x, depth + 1);
    return out;
  }
}

/** JSON.stringify that never throws (cyclic or too deep values become a marker). */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '[unrenderable value]';
  }
}

function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function contentPart(part: unknown, att: Attachments): string {
  const p = rec(part);
  if (!p) return typeof part === 'string' ? att.resolve(part) : '';
  switch (p.type) {
    case 'text':
      return att.resolve(str(p.text) ?? '');
    case 'reasoning':
      // Redacted reasoning is an opaque blob the model gets back, not text it reads.
      return p.redacted === true ? '' : att.resolve(str(p.reasoning) ?? '');
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
      return `[${p.type}]`;
    case 'tool_use':
      return `[${str(p.name) ?? 'tool'}] ${safeJson(att.resolveDeep(p.arguments))} → ${safeJson(att.resolveDeep(p.result))}`;
    case 'data':
      return safeJson(att.resolveDeep(p.data));
    default:
      return '';
  }
}

/** Text of a message's `content` (a string or a list of content parts). */
export function contentText(content: unknown, att: Attachments): string {
  if (typeof content === 'string') return att.resolve(content);
  if (Array.isArray(content)) return content.map((c) => contentPart(c, att)).filter((t) => t !== '').join('\n');
  return '';
}

function toolCallsText(calls: unknown, att: Attachments): string {
  if (!Array.isArray(calls)) return '';
  return calls
    .map((c) => {
      const call = rec(c);
      if (!call) return '';
      return `[tool call] ${str(call.function) ?? 'tool'}(${safeJson(att.resolveDeep(call.arguments))})`;
    })
    .filter((t) => t !== '')
    .join('\n');
}

const ROLES = new Set<Role>(['system', 'user', 'assistant', 'tool']);

/** One Inspect ChatMessage as a prompt Message, or null when it is not a message. */
export function renderMessage(m: unknown, att: Attachments, interner: MessageInterner): Message | null {
  const msg = rec(m);
  if (!msg || typeof msg.role !== 'string' || !ROLES.has(msg.role as Role)) return null;
  const role = msg.role as Role;
  let text = contentText(msg.content, att);
  if (role === 'assistant') {
    const calls = toolCallsText(msg.tool_calls, att);
    if (calls) text = text ? `${text}\n${calls}` : calls;
  }
  if (role === 'tool' && text === '') {
    const err = rec(msg.error);
    if (err && typeof err.message === 'string') text = att.resolve(err.message);
  }
  return interner.intern(role, text);
}

/**
 * Tool definitions as one leading system message: both OpenAI and Anthropic render tools before
 * the conversation, and the list rarely changes between calls, so it stays a shared prefix.
 */
export function renderTools(tools: unknown, att: Attachments, interner: MessageInterner): Message | null {
  if (!Array.isArray(tools) || tools.length === 0) return null;
  const defs = tools.map((t) => {
    const tool = rec(t);
    if (!tool) return t;
    return { name: tool.name, description: tool.description, parameters: tool.parameters };
  });
  return interner.intern('system', `Tools:\n${safeJson(att.resolveDeep(defs))}`);
}

/**
 * The prompt and completion of a GenAI inference span, as text: `gen_ai.input.messages` (+
 * `gen_ai.system_instructions`, `gen_ai.tool.definitions`) and `gen_ai.output.messages`, or the flat
 * `gen_ai.prompt.N.*` attributes of older OpenLLMetry spans.
 */
import type { Message, MessageInterner, Role } from '../model';
import { rec, safeJson, structured, type Attrs } from './otel-genai-values';

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

export interface Content {
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

export function content(a: Attrs, interner: MessageInterner): Content {
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


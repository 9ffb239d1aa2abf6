/** Anthropic Messages bodies in a plain API log: usage (validated with zod) and the prompt and reply as text. */
import { z } from 'zod';
import type { Message, MessageInterner, Usage } from '../model';
import { isRecord, safeStringify } from './openai-shapes';
import { toolsMessage, type Pair, type Rendered } from './api-logs-record';

/** A token count: a finite non-negative number, rounded; anything else is unknown (null). */
const count = z.number().finite().nonnegative().transform(Math.round).nullable().catch(null);

const usageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
  // the split of cache_creation_input_tokens by cache lifetime, when the total is missing
  cache_creation: z.object({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count }).nullable().catch(null),
});

export function anthropicUsage(raw: unknown): Usage | null {
  if (!isRecord(raw)) return null;
  const u = usageSchema.parse(raw);
  const input = u.input_tokens;
  const output = u.output_tokens;
  if (input == null && output == null) return null;
  const cacheRead = u.cache_read_input_tokens;
  let cacheWrite = u.cache_creation_input_tokens;
  if (cacheWrite == null && u.cache_creation) {
    const a = u.cache_creation.ephemeral_5m_input_tokens;
    const b = u.cache_creation.ephemeral_1h_input_tokens;
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

export function renderAnthropic(p: Pair, interner: MessageInterner): Rendered {
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

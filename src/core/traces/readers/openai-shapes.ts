/**
 * OpenAI-style shapes embedded in many agent logs (tau2 raw_data, mini-swe-agent responses, OpenHands
 * model_response, SWE-agent history): chat messages → prompt text, usage objects → normalized Usage.
 * Generic on purpose: nothing here knows which agent wrote the log.
 */
import type { Role, Usage } from '../model';
import { tokenCount } from '../model';

type Rec = Record<string, unknown>;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.stringify that never throws (cycles, BigInt, very deep values) and never returns undefined. */
export function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return '[unrenderable value]';
  }
}

/** Chat role names → our roles; `function` is the legacy tool-result role. Anything else is not a prompt message. */
export function chatRole(v: unknown): Role | null {
  switch (v) {
    case 'system':
    case 'developer':
    case 'user':
    case 'assistant':
    case 'tool':
      return v;
    case 'function':
      return 'tool';
    default:
      return null;
  }
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!isRecord(part)) return part == null ? '' : safeStringify(part);
  if (typeof part.text === 'string') return part.text; // text, input_text, output_text
  switch (part.type) {
    case 'image_url':
    case 'input_image':
    case 'image':
      return '[image]';
    case 'thinking':
      return typeof part.thinking === 'string' ? part.thinking : '';
    case 'tool_use':
      return `${String(part.name)}(${safeStringify(part.input)})`;
    case 'tool_result':
      return contentText(part.content);
  }
  return safeStringify(part);
}

/** Message content (a string, a list of parts, or null) as plain text. */
export function contentText(content: unknown): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(partText).filter((t) => t !== '').join('\n');
  return partText(content);
}

/**
 * Tool calls as `name(arguments)` lines. Accepts the OpenAI shape `{function:{name, arguments: string}}`
 * and the flat `{name, arguments: object}` one (tau2, SWE-agent).
 */
export function toolCallsText(calls: unknown): string {
  if (!Array.isArray(calls)) return '';
  const lines: string[] = [];
  for (const c of calls) {
    if (!isRecord(c)) continue;
    const fn = isRecord(c.function) ? c.function : c;
    const name = typeof fn.name === 'string' ? fn.name : 'tool';
    const args = fn.arguments;
    lines.push(`${name}(${typeof args === 'string' ? args : args === undefined ? '' : safeStringify(args)})`);
  }
  return lines.join('\n');
}

/** An OpenAI chat message as {role, text}: content plus rendered tool calls. Null when it is not a chat message. */
export function chatMessageText(msg: unknown): { role: Role; text: string } | null {
  if (!isRecord(msg)) return null;
  const role = chatRole(msg.role);
  if (role === null) return null;
  const parts = [contentText(msg.content), toolCallsText(msg.tool_calls)];
  if (isRecord(msg.function_call)) parts.push(toolCallsText([msg.function_call]));
  return { role, text: parts.filter((t) => t !== '').join('\n') };
}

/** The first choice's message of a chat.completion response, as text; null when there is none. */
export function completionText(response: unknown): string | null {
  if (!isRecord(response) || !Array.isArray(response.choices)) return null;
  const first: unknown = response.choices[0];
  if (!isRecord(first)) return null;
  const m = chatMessageText(isRecord(first.message) ? { role: 'assistant', ...first.message } : null);
  return m ? m.text : null;
}

export interface NormalizedUsage {
  usage: Usage;
  /**
   * True when the recorded prompt count evidently left cached tokens out (cache reads larger than the prompt,
   * as Anthropic's `input_tokens` does when a wrapper copies it into `prompt_tokens`): in_total was rebuilt.
   */
  cachedExcluded: boolean;
  /** Provider evident from the usage shape alone. */
  provider: 'deepseek' | 'openrouter' | null;
}

function field(rec: Rec | null, key: string): number | null {
  return rec ? tokenCount(rec[key]) : null;
}

/**
 * Chat Completions, Responses-API, DeepSeek, OpenRouter and LiteLLM(-Anthropic) usage → Usage.
 * in_total counts every prompt token, cached ones included (see model.ts). Null when `raw` has no token count.
 */
export function openAiUsage(raw: unknown): NormalizedUsage | null {
  if (!isRecord(raw)) return null;
  const prompt = field(raw, 'prompt_tokens') ?? field(raw, 'input_tokens');
  const output = field(raw, 'completion_tokens') ?? field(raw, 'output_tokens');
  if (prompt === null && output === null) return null;
  const inDetails = isRecord(raw.prompt_tokens_details)
    ? raw.prompt_tokens_details
    : isRecord(raw.input_tokens_details)
      ? raw.input_tokens_details
      : null;
  const outDetails = isRecord(raw.completion_tokens_details)
    ? raw.completion_tokens_details
    : isRecord(raw.output_tokens_details)
      ? raw.output_tokens_details
      : null;
  const cacheRead =
    field(raw, 'prompt_cache_hit_tokens') ?? field(inDetails, 'cached_tokens') ?? field(raw, 'cache_read_input_tokens');
  const cacheWrite = field(raw, 'cache_creation_input_tokens') ?? field(inDetails, 'cache_creation_tokens');
  let inTotal = prompt;
  let cachedExcluded = false;
  if (prompt !== null && cacheRead !== null && cacheRead > prompt) {
    // Anthropic semantics leaked through: the prompt count is only the uncached remainder.
    inTotal = prompt + cacheRead + (cacheWrite ?? 0);
    cachedExcluded = true;
  } else if (prompt !== null && cacheWrite !== null && (cacheRead ?? 0) + cacheWrite > prompt) {
    inTotal = prompt + cacheWrite;
    cachedExcluded = true;
  }
  const provider =
    'prompt_cache_hit_tokens' in raw || 'prompt_cache_miss_tokens' in raw
      ? 'deepseek'
      : 'is_byok' in raw
        ? 'openrouter'
        : null;
  return {
    usage: { inTotal, cacheRead, cacheWrite, output, reasoning: field(outDetails, 'reasoning_tokens'), source: 'recorded' },
    cachedExcluded,
    provider,
  };
}

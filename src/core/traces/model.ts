/**
 * The normalized trace model every reader produces: file → tasks → calls.
 * Numbers are null when the trace does not say and we could not count them; never a made-up 0.
 */

/**
 * Where a token number came from: the trace's usage record, our tokenizer, or our tokenizer's
 * per-call shape scaled so the task's sum equals totals the file records (SWE-agent model_stats).
 */
export type TokenSource = 'recorded' | 'tokenizer' | 'scaled';

/**
 * Usage of one model call, normalized once for every provider:
 * - inTotal: ALL prompt tokens, cached or not (Anthropic: input + cache_creation + cache_read;
 *   OpenAI/DeepSeek/Codex: prompt_tokens / input_tokens, which already include cached ones).
 * - cacheRead ⊂ inTotal, cacheWrite ⊂ inTotal; output includes reasoning.
 */
export interface Usage {
  inTotal: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  output: number | null;
  reasoning: number | null;
  /**
   * Of cacheWrite, the tokens written to a 1-hour cache (Anthropic `cache_creation.ephemeral_1h_input_tokens`),
   * priced higher than 5-minute writes. Absent or null: all writes at the default (5-minute) price.
   */
  cacheWrite1h?: number | null;
  /** 'recorded' when the numbers come from the trace's own usage record. */
  source: TokenSource;
}

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/** One prompt message, flattened to text (tool calls and tool results rendered as text). */
export interface Message {
  readonly role: Role;
  readonly text: string;
}

export interface Call {
  /** Stable id within the file (request id, response id, or a line-based id). */
  id: string;
  /** One continuous context: the main conversation, a subagent's, or the context after a compaction. */
  lineage: string;
  model: string | null;
  /** Provider id when the trace says (anthropic, openai, deepseek, openrouter...). */
  provider: string | null;
  /**
   * The prompt messages when the trace records them. Share Message objects between calls
   * (see MessageInterner) so a growing context costs memory once.
   */
  prompt: readonly Message[] | null;
  /** True only when `prompt` is the WHOLE prompt the model saw (system prompt and tools included). */
  promptComplete: boolean;
  completion: string | null;
  usage: Usage;
  /** A subagent's call (Claude Code sidechain / Task agent, etc.): counted in k and also apart. */
  isSubagent: boolean;
  /** 1-based line (JSONL) or record index where the call was read, for messages to the user. */
  line: number | null;
  timestamp: string | null;
}

export interface Task {
  /** Stable id: sample/episode id, or `turn-N` for chat transcripts. */
  id: string;
  /** Short human label: the first characters of the human request, the instance id... */
  title: string | null;
  calls: Call[];
  line: number | null;
  /**
   * Token totals the file records for the whole task when it records none per call (SWE-agent
   * `tokens_sent` / `tokens_received`): per-call estimates are scaled to them (inference/measure.ts).
   */
  recordedTotals?: { input: number | null; output: number | null };
  /** The cost in USD the file itself records for the task (SWE-agent `instance_cost`): shown beside ours, never added to it. */
  recordedCost?: number | null;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** 1-based line in the file, or null when it concerns the whole file. */
  line: number | null;
  severity: Severity;
  message: string;
}

export interface ParsedTrace {
  path: string;
  format: FormatId;
  tasks: Task[];
  diagnostics: Diagnostic[];
}

export const FORMAT_IDS = [
  'claude-code',
  'codex-cli',
  'tau2-bench',
  'mini-swe-agent',
  'swe-agent',
  'openhands',
  'inspect-ai',
  'aider-llm-history',
  'aider-chat-history',
  'otel-genai',
  'openai-chat-log',
  'anthropic-messages-log',
  'cline',
  'roo-code',
  'kilo-code',
  'opencode',
  'copilot-chat',
  'gemini-cli',
  'qwen-code',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** Interns messages by content so calls that repeat a context share one object. */
export class MessageInterner {
  private readonly byKey = new Map<string, Message>();
  intern(role: Role, text: string): Message {
    const key = role + '\u0000' + text;
    let m = this.byKey.get(key);
    if (!m) {
      m = Object.freeze({ role, text });
      this.byKey.set(key, m);
    }
    return m;
  }
}

export function emptyUsage(): Usage {
  return { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'recorded' };
}

/** A non-negative finite integer from an unknown JSON value, else null. */
export function tokenCount(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : null;
}

/**
 * The parts of a Codex CLI rollout line we rely on (codex-rs/protocol RolloutLine and payloads),
 * validated loosely: unknown fields and unknown payload types pass.
 */
import { z } from 'zod';
import type { Usage } from '../model';
import { tokenCount } from '../model';

const count = z.number().finite().nonnegative().nullish();

export const envelopeSchema = z.looseObject({
  timestamp: z.string().nullish(),
  type: z.string(),
  payload: z.unknown().optional(),
});

export const sessionMetaSchema = z.looseObject({
  id: z.string().nullish(),
  /** The parent session of a fork (codex-cli-fork.ts). */
  forked_from_id: z.string().nullish(),
  model_provider: z.string().nullish(),
  model: z.string().nullish(),
  source: z.unknown().optional(),
});

export const turnContextSchema = z.looseObject({ model: z.string().nullish() });

export const tokenUsageSchema = z.looseObject({
  input_tokens: count,
  cached_input_tokens: count,
  output_tokens: count,
  reasoning_output_tokens: count,
  total_tokens: count,
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const eventSchema = z.looseObject({ type: z.string() });

export const tokenCountSchema = z.looseObject({
  info: z
    .looseObject({
      total_token_usage: tokenUsageSchema.nullish(),
      last_token_usage: tokenUsageSchema.nullish(),
    })
    .nullish(),
});

export const userMessageSchema = z.looseObject({
  message: z.string().nullish(),
  kind: z.string().nullish(),
});

export const responseMessageSchema = z.looseObject({
  type: z.string(),
  role: z.string().nullish(),
  content: z.array(z.unknown()).nullish(),
});

/**
 * Codex TokenUsage, normalized: input_tokens already includes the cached ones. OpenAI bills no
 * cache writes, so cacheWrite is a known 0, not an unknown.
 */
export function codexUsage(u: TokenUsage): Usage {
  return {
    inTotal: tokenCount(u.input_tokens),
    cacheRead: tokenCount(u.cached_input_tokens),
    cacheWrite: 0,
    output: tokenCount(u.output_tokens),
    reasoning: tokenCount(u.reasoning_output_tokens),
    source: 'recorded',
  };
}

/** last = total - previous total, for a token_count that gives only the running total. */
export function usageDelta(total: TokenUsage, prev: TokenUsage): TokenUsage {
  const d = (a: number | null | undefined, b: number | null | undefined): number | null =>
    a == null || b == null || a < b ? null : a - b;
  return {
    input_tokens: d(total.input_tokens, prev.input_tokens),
    cached_input_tokens: d(total.cached_input_tokens, prev.cached_input_tokens),
    output_tokens: d(total.output_tokens, prev.output_tokens),
    reasoning_output_tokens: d(total.reasoning_output_tokens, prev.reasoning_output_tokens),
    total_tokens: d(total.total_tokens, prev.total_tokens),
  };
}

/** Context the client injects in the user role (not typed by anyone). */
const WRAPPER = /^\s*(<environment_context>|<user_instructions>|<user_shell_command>|<turn_aborted>|# AGENTS\.md instructions)/;

export function isInjectedUserText(text: string): boolean {
  return WRAPPER.test(text);
}

/** input_text parts of a Responses-API message, joined. */
export function inputText(content: readonly unknown[] | null | undefined): string {
  if (!content) return '';
  return content
    .map((c) =>
      typeof c === 'object' && c !== null && typeof (c as { text?: unknown }).text === 'string'
        ? (c as { text: string }).text
        : '',
    )
    .filter((t) => t !== '')
    .join('\n');
}

/** A session started by another agent (source `subagent_*` or `{subagent: ...}`). */
export function isSubagentSource(source: unknown): boolean {
  if (typeof source === 'string') return source.startsWith('subagent');
  return typeof source === 'object' && source !== null && 'subagent' in source;
}

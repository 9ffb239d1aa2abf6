/** `gen_ai.usage.*` of an inference span → Usage (the conventions: input_tokens includes cache reads and writes). */
import { tokenCount, type Usage } from '../model';
import type { Attrs } from './otel-genai-values';

export function usageOf(a: Attrs): { usage: Usage; inconsistent: boolean } {
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

export function hasUsage(a: Attrs): boolean {
  for (const k of a.keys()) if (k.startsWith('gen_ai.usage.')) return true;
  return false;
}


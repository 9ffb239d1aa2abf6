/**
 * Inspect AI `ModelUsage` → Usage. What `input_tokens` means changed over time and per provider:
 * - inspect_ai < 0.3.184: OpenAI-style providers (openai, grok, the OpenAI-compatible ones) put
 *   prompt_tokens there, cached reads included; Anthropic put its own uncached `input_tokens`.
 * - inspect_ai ≥ 0.3.184 (commit bf26615, "Normalize handling of cached tokens"): every provider
 *   excludes cache reads and writes; the docstring says the true input is the sum of the three.
 * `total_tokens` tells the two apart per call (the sum either counts the cache tokens once more
 * or not), so it decides first; the version and provider only break ties.
 */
import { z } from 'zod';
import { tokenCount, type Usage } from '../model';

const RawUsage = z.looseObject({
  input_tokens: z.unknown().optional(),
  output_tokens: z.unknown().optional(),
  total_tokens: z.unknown().optional(),
  input_tokens_cache_read: z.unknown().optional(),
  input_tokens_cache_write: z.unknown().optional(),
  reasoning_tokens: z.unknown().optional(),
});

/** First inspect_ai release whose input_tokens excludes cached tokens for every provider. */
const NORMALIZED_SINCE = [0, 3, 184];

/** Providers whose input_tokens never included cache tokens, even before 0.3.184. */
const EXCLUDING_PROVIDERS = new Set(['anthropic', 'bedrock', 'vertex']);

export interface InspectUsageResult {
  usage: Usage;
  /** Set when total_tokens could not decide and a version/provider rule was assumed. */
  assumption: string | null;
}

export function parseVersion(v: unknown): number[] | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function atLeast(v: number[], min: number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

export function noUsage(): Usage {
  return { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' };
}

/**
 * @param version inspect_ai package version from the log's eval spec, when known.
 * @param provider the model-name prefix ("openai", "anthropic"...).
 */
export function inspectUsage(raw: unknown, version: number[] | null, provider: string | null): InspectUsageResult {
  if (raw == null) return { usage: noUsage(), assumption: null };
  const parsed = RawUsage.safeParse(raw);
  if (!parsed.success) return { usage: noUsage(), assumption: null };
  const u = parsed.data;
  const input = tokenCount(u.input_tokens);
  const output = tokenCount(u.output_tokens);
  const total = tokenCount(u.total_tokens);
  const cacheRead = tokenCount(u.input_tokens_cache_read);
  const cacheWrite = tokenCount(u.input_tokens_cache_write);
  const reasoning = tokenCount(u.reasoning_tokens);
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);

  let excludesCached = false;
  let reasoningOutside = false;
  let assumption: string | null = null;
  const r = reasoning ?? 0;
  // Each (cache rule, reasoning rule) pair predicts a total_tokens; a rule holds when only its pairs match.
  const fits = (excl: boolean, outside: boolean): boolean =>
    input != null && output != null && total != null && total > 0 &&
    input + (excl ? cached : 0) + output + (outside ? r : 0) === total;
  if (cached > 0) {
    const excl = fits(true, false) || fits(true, true);
    const incl = fits(false, false) || fits(false, true);
    if (excl !== incl) excludesCached = excl;
    else ({ excludesCached, assumption } = fallback(version, provider));
  }
  // Older Google logs counted thoughts apart from output_tokens (total = input + output + reasoning).
  if (r > 0) reasoningOutside = fits(excludesCached, true) && !fits(excludesCached, false);

  return {
    usage: {
      inTotal: input == null ? null : input + (excludesCached ? cached : 0),
      cacheRead,
      cacheWrite,
      output: output == null ? null : output + (reasoningOutside ? (reasoning ?? 0) : 0),
      reasoning,
      source: 'recorded',
    },
    assumption,
  };
}

function fallback(version: number[] | null, provider: string | null): { excludesCached: boolean; assumption: string } {
  if (version && atLeast(version, NORMALIZED_SINCE)) {
    return { excludesCached: true, assumption: 'input_tokens taken as excluding cached tokens (inspect_ai ≥ 0.3.184)' };
  }
  const excl = provider != null && EXCLUDING_PROVIDERS.has(provider);
  return {
    excludesCached: excl,
    assumption: excl
      ? `input_tokens taken as excluding cached tokens (provider ${provider}, total_tokens did not decide)`
      : `input_tokens taken as including cached tokens (provider ${provider ?? 'unknown'}, inspect_ai < 0.3.184, total_tokens did not decide)`,
  };
}

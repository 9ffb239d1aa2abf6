/** The parts of OpenCode messages we rely on (FORMATS.md §22), validated loosely, and their usage normalized. */
import { z } from 'zod';
import type { Usage } from '../model';
import { tokenCount } from '../model';

const count = z.number().finite().nonnegative().nullish();

export const tokensSchema = z.looseObject({
  total: count,
  input: count,
  output: count,
  reasoning: count,
  cache: z.looseObject({ read: count, write: count }).nullish(),
});
export type OpenCodeTokens = z.infer<typeof tokensSchema>;

export const messageInfoSchema = z.looseObject({
  id: z.string().nullish(),
  sessionID: z.string().nullish(),
  role: z.string(),
  modelID: z.string().nullish(),
  providerID: z.string().nullish(),
  // checked apart: a bad tokens object costs the usage, not the message
  tokens: z.unknown().optional(),
  cost: z.number().finite().nullish(),
  summary: z.unknown().optional(),
  error: z.looseObject({ name: z.string().nullish() }).nullish(),
  time: z.looseObject({ created: z.number().finite().nullish(), completed: z.number().finite().nullish() }).nullish(),
});
export type MessageInfo = z.infer<typeof messageInfoSchema>;

export const partSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  synthetic: z.boolean().nullish(),
  tokens: z.unknown().optional(),
});

/**
 * OpenCode usage: `input` excludes the cache (total = input + output + reasoning + cache.read +
 * cache.write in both real samples), and `reasoning` is apart from `output`, so output adds it:
 * our output is every generated token, the way providers bill it.
 */
export function openCodeUsage(t: OpenCodeTokens): Usage {
  const input = tokenCount(t.input);
  const read = tokenCount(t.cache?.read);
  const write = tokenCount(t.cache?.write);
  const output = tokenCount(t.output);
  const reasoning = tokenCount(t.reasoning);
  return {
    inTotal: input === null ? null : input + (read ?? 0) + (write ?? 0),
    cacheRead: read,
    cacheWrite: write,
    output: output === null ? null : output + (reasoning ?? 0),
    reasoning,
    source: 'recorded',
  };
}

/** No token recorded at all: what an aborted or unfinished message carries. */
export function isZero(t: OpenCodeTokens): boolean {
  return !t.input && !t.output && !t.reasoning && !t.cache?.read && !t.cache?.write;
}

/** `total` disagrees with the parts it should be the sum of (older data has no total). */
export function totalMismatch(t: OpenCodeTokens): boolean {
  if (t.total == null) return false;
  const sum = (t.input ?? 0) + (t.output ?? 0) + (t.reasoning ?? 0) + (t.cache?.read ?? 0) + (t.cache?.write ?? 0);
  return sum !== t.total;
}

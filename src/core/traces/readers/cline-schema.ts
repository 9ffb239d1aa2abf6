/**
 * The parts of a Cline / Roo Code / Kilo Code task folder we rely on (FORMATS.md §17–19), validated
 * loosely, and the one place that decides what `tokensIn` means.
 */
import { z } from 'zod';
import type { Usage } from '../model';
import { tokenCount } from '../model';

export type ClineFamily = 'cline' | 'roo-code' | 'kilo-code';

const count = z.number().finite().nonnegative().nullish();

/** A ui_messages.json row (ClineMessage). modelInfo and contextCondense are checked apart, so a bad one costs only itself. */
export const uiRowSchema = z.looseObject({
  ts: z.number().finite(),
  type: z.string(),
  say: z.string().nullish(),
  ask: z.string().nullish(),
  text: z.string().nullish(),
  conversationHistoryIndex: z.number().finite().nullish(),
  modelInfo: z.unknown().optional(),
  contextCondense: z.unknown().optional(),
});
export type UiRow = z.infer<typeof uiRowSchema>;

export const modelInfoSchema = z.looseObject({ providerId: z.string().nullish(), modelId: z.string().nullish() });

export const contextCondenseSchema = z.looseObject({ cost: z.number().finite().nullish(), prevContextTokens: count, newContextTokens: count });

/** The JSON in an `api_req_started` (or old `api_req_finished`) row's text. */
export const apiReqInfoSchema = z.looseObject({
  request: z.string().nullish(),
  apiProtocol: z.string().nullish(),
  tokensIn: count,
  tokensOut: count,
  cacheWrites: count,
  cacheReads: count,
  cost: z.number().finite().nullish(),
  cancelReason: z.string().nullish(),
});
export type ApiReqInfo = z.infer<typeof apiReqInfoSchema>;

/** An api_conversation_history.json message (Anthropic MessageParam plus Cline/Roo fields). */
export const historyMessageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(z.unknown())]).nullish(),
  ts: z.number().finite().nullish(),
  modelInfo: z.unknown().optional(),
});

/**
 * Roo Code counts cached tokens inside tokensIn since v3.29.5 (Roo PR #8954, released
 * 2025-11-01 19:36 UTC); before that it followed Cline's per-protocol meaning.
 */
export const ROO_INCLUSIVE_SINCE_MS = Date.UTC(2025, 10, 1, 19, 36);

/** Cline's pre-SDK providers whose tokensIn is the provider's prompt_tokens, cached ones included (FORMATS.md §17). */
const CLINE_INCLUSIVE_PROVIDERS = new Set(['openai']);

export interface UsageRule {
  usage: Usage;
  /** True when tokensIn was read as including the cached tokens. */
  inclusive: boolean;
}

/**
 * The one rule for `tokensIn`. A value below cacheReads + cacheWrites can only be the uncached
 * remainder, whatever the provider says. Otherwise:
 * - Cline: inclusive only for the generic OpenAI-compatible provider, whose cacheWrites field holds
 *   DeepSeek's cache-miss count (not a write: such APIs bill none, so cacheWrite is 0);
 * - Roo Code: inclusive for `apiProtocol: "openai"`, and for every row written after v3.29.5;
 * - Kilo Code (a Roo fork whose merge of that change is not dated): by protocol only.
 */
export function clineUsage(info: ApiReqInfo, family: ClineFamily, provider: string | null, ts: number): UsageRule {
  const tokensIn = tokenCount(info.tokensIn);
  const cacheRead = tokenCount(info.cacheReads);
  const cacheWrite = tokenCount(info.cacheWrites);
  const output = tokenCount(info.tokensOut);
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);
  const provablyExclusive = tokensIn !== null && tokensIn < cached;
  let inclusive: boolean;
  if (provablyExclusive) inclusive = false;
  else if (family === 'cline') inclusive = provider !== null && CLINE_INCLUSIVE_PROVIDERS.has(provider);
  else inclusive = info.apiProtocol === 'openai' || (family === 'roo-code' && ts >= ROO_INCLUSIVE_SINCE_MS);
  const usage: Usage = {
    inTotal: tokensIn === null ? null : inclusive ? tokensIn : tokensIn + cached,
    cacheRead,
    cacheWrite: inclusive && family === 'cline' ? 0 : cacheWrite,
    output,
    reasoning: null, // tokensOut includes any thinking; no split is recorded
    source: 'recorded',
  };
  return { usage, inclusive };
}

/** Whether an api_req_started row recorded usage at all (it is written at request start and filled in at the end). */
export function hasUsage(info: ApiReqInfo): boolean {
  return info.tokensIn != null || info.tokensOut != null || info.cost != null;
}

/** A request that failed before the model produced anything: a cancel reason, zero tokens and zero cost. */
export function isEmptyFailure(info: ApiReqInfo): boolean {
  return info.cancelReason != null && !info.tokensIn && !info.tokensOut && !info.cacheReads && !info.cacheWrites && !info.cost;
}

/**
 * One line of a plain API log (api-logs.ts), unwrapped: which provider's bodies it holds, the request
 * and the response, or why it is not a call. The line's envelope is validated with zod: a field of
 * the wrong type counts as absent, never as a crash.
 */
import { z } from 'zod';
import type { Message, MessageInterner } from '../model';
import { isRecord, safeStringify } from './openai-shapes';

export type Rec = Record<string, unknown>;
export type Provider = 'openai' | 'anthropic';

/** A JSON object (not an array), or null when the field is absent or of another type. */
const record = z.custom<Rec>(isRecord).nullable().catch(null);

/** The envelope fields of one line that we read: request/response pairs and the two batch formats. */
const lineSchema = z.object({
  request: record,
  response: record,
  /** Batch lines (OpenAI and Anthropic) name their request. */
  custom_id: z.string().nullable().catch(null),
  /** Anthropic Message Batches: {type, message}; its request, when logged, in params. */
  result: record,
  params: record,
  error: record,
  /** An OpenAI Batch input line: the request body only. */
  body: record,
});

/** What one log line holds, after unwrapping batch envelopes. */
export interface Pair {
  provider: Provider;
  request: Rec | null;
  response: Rec | null;
  /** Why the request failed (error status or error body); such lines are not calls. */
  failure: string | null;
  id: string | null;
}

function anthropicShaped(body: Rec | null): boolean {
  return body != null && body.type === 'message' && Array.isArray(body.content);
}

function openAiShaped(body: Rec | null): boolean {
  return body != null && (body.object === 'chat.completion' || body.object === 'response' || Array.isArray(body.choices));
}

function requestProvider(req: Rec | null): Provider | null {
  if (!req) return null;
  // Only Anthropic takes the system prompt as a top-level field (and requires max_tokens).
  if ('system' in req || 'anthropic_version' in req) return 'anthropic';
  if (Array.isArray(req.messages) || 'input' in req) return 'openai';
  return null;
}

/** Unwraps one line; a string says why it is not a request/response record. */
export function classifyLine(line: Rec): Pair | string {
  const v = lineSchema.parse(line);
  let request = v.request;
  let response = v.response;
  let failure: string | null = null;
  const id = v.custom_id;
  // OpenAI Batch output (and proxies that log the HTTP envelope): {status_code, body}.
  if (response && 'status_code' in response && ('body' in response || 'request_id' in response)) {
    const status = response.status_code;
    if (typeof status === 'number' && status >= 400) failure = `HTTP ${status}`;
    response = isRecord(response.body) ? response.body : null;
  }
  // Anthropic Message Batches results (a bare `result` record is too common, e.g. JSON-RPC: custom_id too).
  if (!response && id && v.result) {
    const r = v.result;
    if (r.type === 'succeeded' && isRecord(r.message)) response = r.message;
    else failure = `batch result ${String(r.type)}`;
    if (!request && v.params) request = v.params;
    return { provider: 'anthropic', request, response, failure, id };
  }
  if (!request && !response) {
    if (id && v.error) return { provider: 'openai', request, response, failure: 'batch error', id };
    if (id && v.body) return 'an OpenAI Batch input line (request only, no response)';
    return 'neither "request" nor "response"';
  }
  if (response && (isRecord(response.error) || typeof response.error === 'string')) failure ??= 'error response';
  if (v.error) failure ??= 'error';
  if (response?.object === 'chat.completion.chunk') return 'a streaming chunk (not supported: log the assembled response)';
  const provider: Provider | null = anthropicShaped(response)
    ? 'anthropic'
    : openAiShaped(response)
      ? 'openai'
      : (requestProvider(request) ?? (failure && id ? 'openai' : null));
  if (!provider) return 'neither an OpenAI nor an Anthropic body';
  return { provider, request, response, failure, id };
}

/** A rendered line: the prompt (null when unknown), whether it is whole, and the reply. Shared by both renderers. */
export interface Rendered {
  prompt: Message[] | null;
  complete: boolean;
  reply: Message | null;
}

export function toolsMessage(tools: unknown, interner: MessageInterner): Message | null {
  return Array.isArray(tools) && tools.length > 0 ? interner.intern('system', `Tools:\n${safeStringify(tools)}`) : null;
}

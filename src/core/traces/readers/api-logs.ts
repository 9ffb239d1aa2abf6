/**
 * Plain API logs: JSONL of `{request, response}` pairs as proxies, SDK hooks and LiteLLM callbacks
 * write them, with OpenAI Chat Completions (or Responses) bodies, or Anthropic Messages bodies.
 * Also OpenAI Batch output lines `{custom_id, response:{status_code, body}}` and Anthropic Message
 * Batches results `{custom_id, result:{type, message}}` (responses only: no prompt).
 *
 * Usage per provider (model.ts): OpenAI in_total = prompt_tokens (cached_tokens included);
 * Anthropic in_total = input_tokens + cache_creation_input_tokens + cache_read_input_tokens.
 * Prompt = tools + system + messages of the request: the whole prompt, so promptComplete is true
 * (not for a Responses request chained with previous_response_id, whose history is server-side).
 * Tasks: a line whose prompt extends an earlier line's prompt (with or without that line's reply)
 * continues that conversation (same task and lineage); any other line starts a task.
 *
 * This file reads and detects; a line's envelope is in api-logs-record.ts, the bodies in
 * api-logs-openai.ts and api-logs-anthropic.ts, tasks and diagnostics in api-logs-log.ts and
 * api-logs-conversations.ts.
 */
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList, jsonObjectLines, probeObjects } from './jsonl-lines';
import { ApiLog } from './api-logs-log';
import { classifyLine, type Provider, type Rec } from './api-logs-record';

async function readApiLog(path: string, limits: ReadLimits): Promise<ReadResult> {
  const diags = new DiagnosticList();
  const log = new ApiLog();
  try {
    for await (const { lineNo, value } of jsonObjectLines(path, limits, diags)) {
      try {
        log.add(value, lineNo);
      } catch (e) {
        // One record that breaks an assumption costs that record, not the rest of the file.
        diags.add(lineNo, 'error', `line could not be read (${e instanceof Error ? e.message : String(e)}); skipped`);
      }
    }
  } catch (e) {
    diags.add(null, 'error', `could not read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
  log.report(diags);
  return { tasks: log.tasks, diagnostics: diags.finish() };
}

/** Detection by the first complete lines (or the head, when the first line is longer than the probe). */
function detectProvider(probe: Probe, want: Provider): number {
  if (probe.binary) return 0;
  const objs = probeObjects(probe.firstLines).filter((o): o is Rec => o != null);
  if (objs.length > 0) {
    const kinds = objs.map((o) => {
      const p = classifyLine(o);
      return typeof p === 'string' ? null : p.provider;
    });
    const mine = kinds.filter((k) => k === want).length;
    if (mine === 0) return 0;
    return mine === kinds.length ? 0.9 : 0.6;
  }
  const h = probe.head.trimStart();
  if (!/^\{\s*"(?:request|response|custom_id|id)"\s*:/.test(h) || !/"(?:request|response|result)"\s*:\s*\{/.test(h)) return 0;
  // A long request may push the response past the head: then the request's shape decides.
  const request = /"request"\s*:\s*\{/.test(h) && /"messages"\s*:\s*\[/.test(h);
  const anthropicRequest = /"(?:system|anthropic_version)"\s*:/.test(h);
  if (want === 'openai') {
    if (/"object"\s*:\s*"chat\.completion"/.test(h)) return 0.6;
    return request && !anthropicRequest ? 0.5 : 0;
  }
  if (/"type"\s*:\s*"message"/.test(h) && /"input_tokens"\s*:/.test(h)) return 0.6;
  return request && anthropicRequest ? 0.5 : 0;
}

export const openAiChatLogReader: TraceReader = {
  format: 'openai-chat-log',
  label: 'OpenAI API request/response log (JSONL)',
  detect: (probe) => detectProvider(probe, 'openai'),
  read: readApiLog,
};

export const anthropicMessagesLogReader: TraceReader = {
  format: 'anthropic-messages-log',
  label: 'Anthropic Messages API request/response log (JSONL)',
  detect: (probe) => detectProvider(probe, 'anthropic'),
  read: readApiLog,
};

export const readers: TraceReader[] = [openAiChatLogReader, anthropicMessagesLogReader];

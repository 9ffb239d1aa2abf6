/**
 * Qwen Code chat JSONL (FORMATS.md §21): `~/.qwen/projects/<cwd>/chats/<sessionId>.jsonl`, records
 * `{uuid, parentUuid, sessionId, type: user|assistant|tool_result|system, message{role, parts}}`.
 *
 * - Call: an `assistant` record with `usageMetadata`. The same usage is written a second time in a
 *   `system/ui_telemetry` `qwen-code.api_response` event: counted once, from the assistant record
 *   (the telemetry is used only in a file whose assistant records carry no usage at all).
 * - Usage (Gemini semantics): promptTokenCount includes cached; thoughts are outside
 *   candidatesTokenCount, so output = candidates + thoughts, reasoning = thoughts.
 * - Task: each `user` record with typed text (function responses are tool results, not turns).
 */
import { z } from 'zod';
import type { Call, Task, Usage } from '../model';
import { tokenCount } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import type { DiagnosticList, JsonlSession } from './jsonl-lines';
import { describeIssues, probeObjects, readJsonlSession, shortTitle } from './jsonl-lines';
import { isRecord } from './openai-shapes';

export function detectQwenCode(probe: Probe): number {
  if (probe.binary) return 0;
  const objects = probeObjects(probe.firstLines).filter((o): o is Record<string, unknown> => o !== undefined);
  const gemini = objects.filter((o) => 'uuid' in o && 'parentUuid' in o && isRecord(o.message) && Array.isArray(o.message.parts));
  if (gemini.length > 0 && objects.some((o) => o.subtype === 'ui_telemetry' || 'usageMetadata' in o)) return 0.95;
  return gemini.length > 0 ? 0.7 : 0;
}

const count = z.number().finite().nonnegative().nullish();
const recordSchema = z.looseObject({
  uuid: z.string().nullish(),
  type: z.string(),
  subtype: z.string().nullish(),
  timestamp: z.string().nullish(),
  model: z.string().nullish(),
  message: z.looseObject({ parts: z.array(z.unknown()).nullish() }).nullish(),
  usageMetadata: z.unknown().optional(),
  systemPayload: z.unknown().optional(),
});
const usageSchema = z.looseObject({ promptTokenCount: count, candidatesTokenCount: count, cachedContentTokenCount: count, thoughtsTokenCount: count });
const telemetrySchema = z.looseObject({ 'event.name': z.string(), model: z.string().nullish(), input_token_count: count, output_token_count: count, cached_content_token_count: count, thoughts_token_count: count });

function usageOf(input: number | null | undefined, output: number | null | undefined, cached: number | null | undefined, thoughts: number | null | undefined): Usage {
  const out = tokenCount(output);
  const th = tokenCount(thoughts);
  return { inTotal: tokenCount(input), cacheRead: tokenCount(cached), cacheWrite: 0, output: out === null ? null : out + (th ?? 0), reasoning: th, source: 'recorded' };
}

interface Pending {
  call: Call;
  turn: number;
}

class QwenSession implements JsonlSession {
  private readonly fromAssistant: Pending[] = [];
  private readonly fromTelemetry: Pending[] = [];
  private readonly turns: { title: string | null; line: number }[] = [];

  constructor(private readonly diags: DiagnosticList) {}

  add(lineNo: number, raw: Record<string, unknown>): void {
    const r = recordSchema.safeParse(raw);
    if (!r.success) return this.diags.add(lineNo, 'warning', `${describeIssues(r.error.issues)}; line skipped`);
    const rec = r.data;
    if (rec.type === 'user') {
      const text = (rec.message?.parts ?? []).map((p) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
      if (text.trim() !== '') this.turns.push({ title: shortTitle(text), line: lineNo });
      return;
    }
    const call = (usage: Usage, model: string | null): Call => ({
      id: rec.uuid ?? `line-${lineNo}`,
      lineage: 'main',
      model,
      provider: null,
      prompt: null,
      promptComplete: false,
      completion: null,
      usage,
      isSubagent: false,
      line: lineNo,
      timestamp: rec.timestamp ?? null,
    });
    if (rec.type === 'assistant' && rec.usageMetadata !== undefined) {
      const u = usageSchema.safeParse(rec.usageMetadata);
      if (!u.success) return this.diags.add(lineNo, 'warning', `usageMetadata: ${describeIssues(u.error.issues)}; call skipped`);
      const d = u.data;
      this.fromAssistant.push({ call: call(usageOf(d.promptTokenCount, d.candidatesTokenCount, d.cachedContentTokenCount, d.thoughtsTokenCount), rec.model ?? null), turn: this.turns.length });
      return;
    }
    const ui = rec.type === 'system' && rec.subtype === 'ui_telemetry' && isRecord(rec.systemPayload) ? rec.systemPayload.uiEvent : undefined;
    const t = telemetrySchema.safeParse(ui);
    if (t.success && t.data['event.name'] === 'qwen-code.api_response') {
      const d = t.data;
      this.fromTelemetry.push({ call: call(usageOf(d.input_token_count, d.output_token_count, d.cached_content_token_count, d.thoughts_token_count), d.model ?? null), turn: this.turns.length });
    }
  }

  finish(): Task[] {
    const source = this.fromAssistant.length > 0 ? this.fromAssistant : this.fromTelemetry;
    if (source === this.fromTelemetry && source.length > 0) this.diags.add(null, 'info', 'no usage on the assistant records: calls read from the api_response telemetry events');
    const tasks: Task[] = [];
    for (let turn = 0; turn <= this.turns.length; turn++) {
      const calls = source.filter((p) => p.turn === turn).map((p) => p.call);
      const t = this.turns[turn - 1];
      if (calls.length === 0) {
        if (t) this.diags.add(t.line, 'info', 'this user message got no model call; not counted as a task');
        continue;
      }
      tasks.push({ id: `turn-${turn}`, title: t?.title ?? null, calls, line: t?.line ?? calls[0]!.line });
    }
    if (source.length === 0) this.diags.add(null, 'warning', 'no model call with usage found in this file');
    return tasks;
  }
}

export function readQwenCode(path: string, limits: ReadLimits): Promise<ReadResult> {
  return readJsonlSession(path, limits, (diags) => new QwenSession(diags));
}

export const readers: TraceReader[] = [{ format: 'qwen-code', label: 'Qwen Code chat (JSONL)', detect: detectQwenCode, read: readQwenCode }];

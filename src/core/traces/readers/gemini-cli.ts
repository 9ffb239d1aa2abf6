/**
 * Gemini CLI chat recordings (FORMATS.md §21): `~/.gemini/tmp/<project>/chats/session-*.json`
 * (one object, rewritten whole) and `.jsonl` (metadata line, message records upserted by `id`,
 * `{$set}` metadata patches, `{$rewindTo: id}` which drops that message and all after it — an
 * unknown id drops all — replayed as gemini-cli's own loader does, then read once).
 * Written from gemini-cli's source (chatRecordingService.ts); no real sample is stored.
 *
 * - Call: a `type:"gemini"` message with `tokens`. A gemini message with no tokens (null, or
 *   still streaming) is not counted; a warning says how many.
 * - Usage: input includes cached; `thoughts` are NOT inside `output`, so output = output +
 *   thoughts (what is billed as output), reasoning = thoughts. No cache writes in Gemini: 0.
 * - Task: each `type:"user"` message with typed text (tool results and `<session_context>` are not).
 */
import { z } from 'zod';
import type { Call, Diagnostic, Task, Usage } from '../model';
import { tokenCount } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList, jsonObjectLines, probeObjects } from './jsonl-lines';
import { firstIssue, loadJsonDocument, neverThrows, titleFrom, typeName } from './json-document';
import { isRecord } from './openai-shapes';
import { arrayItemLines } from './json-item-lines';

export function detectGeminiCli(probe: Probe): number {
  if (probe.binary) return 0;
  const first = probeObjects(probe.firstLines, 1)[0];
  if (first && typeof first.sessionId === 'string' && typeof first.projectHash === 'string') return 0.9;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') && /"sessionId"\s*:/.test(head) && /"projectHash"\s*:/.test(head) && /"messages"\s*:\s*\[/.test(head)) return 0.9;
  return 0;
}

const count = z.number().finite().nonnegative().nullish();
const tokensSchema = z.looseObject({ input: count, output: count, cached: count, thoughts: count, tool: count, total: count });
const messageSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  timestamp: z.string().nullish(),
  content: z.unknown().optional(),
  model: z.string().nullish(),
  tokens: z.unknown().optional(),
});

export function geminiUsage(t: z.infer<typeof tokensSchema>): Usage {
  const output = tokenCount(t.output);
  const thoughts = tokenCount(t.thoughts);
  return {
    inTotal: tokenCount(t.input),
    cacheRead: tokenCount(t.cached),
    cacheWrite: 0,
    output: output === null ? null : output + (thoughts ?? 0),
    reasoning: thoughts,
    source: 'recorded',
  };
}

/** Typed text of a user message; tool results (functionResponse parts) and injected context give ''. */
function userText(content: unknown): string {
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((p) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('')
        : '';
  return /^\s*<session_context>/.test(text) ? '' : text;
}

/** The session's messages → tasks. `where` finds a message's line (JSONL) for diagnostics. */
export function geminiTasks(messages: readonly unknown[], lineOf: (i: number) => number | null, diagnostics: Diagnostic[]): Task[] {
  const tasks: Task[] = [{ id: 'turn-0', title: null, calls: [], line: null }];
  let untokened = 0;
  messages.forEach((raw, i) => {
    const m = messageSchema.safeParse(raw);
    if (!m.success) {
      diagnostics.push({ line: lineOf(i), severity: 'warning', message: `message ${i}: ${firstIssue(m.error)}; skipped` });
      return;
    }
    if (m.data.type === 'user') {
      const text = userText(m.data.content);
      if (text.trim() !== '') tasks.push({ id: `turn-${tasks.length}`, title: titleFrom(text), calls: [], line: lineOf(i) });
      return;
    }
    if (m.data.type !== 'gemini') return;
    const t = tokensSchema.safeParse(m.data.tokens);
    if (!isRecord(m.data.tokens) || !t.success) {
      untokened++;
      return;
    }
    const ts = m.data.timestamp ? new Date(m.data.timestamp) : null;
    const call: Call = {
      id: m.data.id,
      lineage: 'main',
      model: m.data.model ?? null,
      provider: 'google',
      prompt: null,
      promptComplete: false,
      completion: null,
      usage: geminiUsage(t.data),
      isSubagent: false,
      line: lineOf(i),
      timestamp: ts && !Number.isNaN(ts.getTime()) ? ts.toISOString() : null,
    };
    tasks.at(-1)!.calls.push(call);
  });
  if (untokened > 0) diagnostics.push({ line: null, severity: 'warning', message: `${untokened} model messages carry no token counts: not counted as calls` });
  for (const t of tasks) if (t.calls.length === 0 && t.line !== null) diagnostics.push({ line: t.line, severity: 'info', message: 'this user message got no call with token counts; not counted as a task' });
  const out = tasks.filter((t) => t.calls.length > 0);
  if (out.length === 0) diagnostics.push({ line: null, severity: 'warning', message: 'no model message with token counts in this session' });
  return out;
}

/** Replays a `.jsonl` recording the way gemini-cli loads it; messages keep the line they were last written on. */
async function replayJsonl(path: string, limits: ReadLimits): Promise<ReadResult & { records: number }> {
  const diags = new DiagnosticList();
  let records = 0;
  let metadata: Record<string, unknown> = {};
  const byId = new Map<string, { value: Record<string, unknown>; line: number }>();
  for await (const { lineNo, value } of jsonObjectLines(path, limits, diags)) {
    records++;
    if (typeof value.$rewindTo === 'string') {
      const ids = [...byId.keys()];
      const at = ids.indexOf(value.$rewindTo);
      for (const id of at === -1 ? ids : ids.slice(at)) byId.delete(id);
    } else if (typeof value.id === 'string' && typeof value.type === 'string') {
      byId.set(value.id, { value, line: lineNo }); // an upsert: the message keeps its first position

    } else if (isRecord(value.$set)) metadata = { ...metadata, ...value.$set };
    else metadata = { ...metadata, ...value };
  }
  const diagnostics = diags.finish();
  const fromSet = Array.isArray(metadata.messages) && metadata.messages.length > 0 ? metadata.messages : null;
  const entries = [...byId.values()];
  const messages = fromSet ?? entries.map((e) => e.value);
  const tasks = geminiTasks(messages, (i) => (fromSet ? null : (entries[i]?.line ?? null)), diagnostics);
  return { tasks, diagnostics, records };
}

async function readGeminiCli(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (!doc.ok) {
    const { records, ...replay } = await replayJsonl(path, limits);
    // no JSON line at all: a .json document cut short or broken, and its parse error says where
    return records > 0 ? replay : { tasks: [], diagnostics: doc.diagnostics };
  }
  if (!isRecord(doc.value)) {
    doc.diagnostics.push({ line: null, severity: 'error', message: `not a Gemini CLI session: a JSON ${typeName(doc.value)}` });
    return { tasks: [], diagnostics: doc.diagnostics };
  }
  // a .jsonl that holds only its metadata line parses as one document too
  if (!Array.isArray(doc.value.messages)) {
    const { records: _records, ...replay } = await replayJsonl(path, limits);
    return replay;
  }
  const lines = arrayItemLines(doc.text, 2);
  return { tasks: geminiTasks(doc.value.messages, (i) => lines[i] ?? null, doc.diagnostics), diagnostics: doc.diagnostics };
}

export const readers: TraceReader[] = [
  {
    format: 'gemini-cli',
    label: 'Gemini CLI session (.json / .jsonl)',
    detect: detectGeminiCli,
    read: neverThrows('Gemini CLI', readGeminiCli),
  },
];

/**
 * GitHub Copilot Chat sessions of VS Code (FORMATS.md §20): `chatSessions/<id>.json`
 * (`{version, requests[]}`) and the incremental `.jsonl` (replayed, see copilot-chat-replay.ts).
 *
 * - Task: one request (one user turn); one call per request. Agent mode makes several model calls
 *   per request (`result.metadata.toolCallRounds`), but the tokens are recorded per turn, so k is a
 *   lower bound there; a diagnostic says how many rounds were folded.
 * - Usage: `result.promptTokens/outputTokens` (2026), `result.usage.promptTokens/completionTokens`
 *   (older), `result.metadata.promptTokens/outputTokens` (Insiders). No cache fields exist: cache
 *   read/write stay null. Where nothing is recorded, the usage is left to our tokenizer
 *   (source `tokenizer`, an estimate): the prompt is the earlier turns plus this message (without
 *   Copilot's system prompt, tools and attached context, so an underestimate), the completion is
 *   the response text.
 * - Model: `modelId`, `copilot/<model>` → provider copilot; `<vendor>/<model>` (BYOK) → that vendor.
 */
import { z } from 'zod';
import type { Call, Diagnostic, Message, Task, Usage } from '../model';
import { MessageInterner, tokenCount } from '../model';
import type { Probe } from '../io';
import type { ReadLimits, ReadResult, TraceReader } from '../reader';
import { DiagnosticList, jsonObjectLines, probeObjects } from './jsonl-lines';
import { CopilotReplay } from './copilot-chat-replay';
import { arrayItemLines } from './json-item-lines';
import { firstIssue, loadJsonDocument, neverThrows, titleFrom, typeName } from './json-document';
import { isRecord, safeStringify } from './openai-shapes';

export function detectCopilotChat(probe: Probe): number {
  if (probe.binary) return 0;
  const first = probeObjects(probe.firstLines, 1)[0];
  if (first && first.kind === 0 && isRecord(first.v) && ('requests' in first.v || 'responderUsername' in first.v)) return 0.9;
  const head = probe.head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') || !/"requests"\s*:\s*\[/.test(head)) return 0;
  if (/"responderUsername"\s*:/.test(head)) return 0.9;
  if (/"requestId"\s*:/.test(head) && /"modelId"\s*:/.test(head) && /"message"\s*:\s*\{/.test(head)) return 0.8;
  return 0;
}

const count = z.number().finite().nonnegative().nullish();
const requestSchema = z.looseObject({
  requestId: z.string().nullish(),
  modelId: z.string().nullish(),
  timestamp: z.number().finite().nullish(),
  message: z.looseObject({ text: z.string().nullish() }).nullish(),
  response: z.array(z.unknown()).nullish(),
  result: z.unknown().optional(),
});
const tokensSchema = z.looseObject({ promptTokens: count, outputTokens: count, completionTokens: count });

/** The turn's recorded tokens, from whichever of the three places this VS Code build used. */
function recordedUsage(result: unknown): Usage | null {
  if (!isRecord(result)) return null;
  for (const where of [result, result.usage, result.metadata]) {
    const t = tokensSchema.safeParse(where);
    if (!t.success) continue;
    const input = tokenCount(t.data.promptTokens);
    const output = tokenCount(t.data.outputTokens ?? t.data.completionTokens);
    if (input !== null || output !== null) return { inTotal: input, cacheRead: null, cacheWrite: null, output, reasoning: null, source: 'recorded' };
  }
  return null;
}

function rounds(result: unknown): number {
  const meta = isRecord(result) && isRecord(result.metadata) ? result.metadata : null;
  return meta && Array.isArray(meta.toolCallRounds) ? meta.toolCallRounds.length : 0;
}

/** What the model wrote: markdown, thinking and tool invocations, as text. */
function responseText(response: readonly unknown[] | null | undefined): string {
  if (!response) return '';
  return response
    .map((r) => {
      if (!isRecord(r)) return '';
      if (isRecord(r.content) && typeof r.content.value === 'string') return r.content.value; // markdownContent
      if (typeof r.value === 'string') return r.value; // thinking and plain parts
      if (r.kind === 'toolInvocationSerialized') return safeStringify(r.invocationMessage ?? r.toolId ?? '');
      return '';
    })
    .filter((t) => t !== '')
    .join('\n');
}

function modelOf(id: string | null | undefined): { model: string | null; provider: string | null } {
  if (!id) return { model: null, provider: null };
  const slash = id.indexOf('/');
  return slash > 0 ? { provider: id.slice(0, slash), model: id.slice(slash + 1) } : { provider: null, model: id };
}

function sessionTasks(session: unknown, text: string | null, diagnostics: Diagnostic[]): Task[] {
  const requests = isRecord(session) ? session.requests : undefined;
  if (!Array.isArray(requests)) {
    diagnostics.push({ line: null, severity: 'error', message: `not a Copilot Chat session: \`requests\` is ${typeName(requests)}, expected a list` });
    return [];
  }
  const lines = text === null ? [] : arrayItemLines(text, 2);
  const interner = new MessageInterner();
  const context: Message[] = [];
  const tasks: Task[] = [];
  let estimated = 0;
  let folded = 0;
  requests.forEach((raw, i) => {
    const line = lines[i] ?? null;
    const r = requestSchema.safeParse(raw);
    if (!r.success) {
      diagnostics.push({ line, severity: 'warning', message: `requests[${i}]: ${firstIssue(r.error)}; request skipped` });
      return;
    }
    const ask = r.data.message?.text ?? '';
    const reply = responseText(r.data.response);
    const usage = recordedUsage(r.data.result);
    if (!usage) estimated++;
    if (rounds(r.data.result) > 1) folded++;
    context.push(interner.intern('user', ask));
    const { model, provider } = modelOf(r.data.modelId);
    const ts = r.data.timestamp != null ? new Date(r.data.timestamp) : null;
    const call: Call = {
      id: r.data.requestId ?? `request-${i}`,
      lineage: 'main',
      model,
      provider,
      prompt: context.slice(),
      promptComplete: false,
      completion: reply,
      usage: usage ?? { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' },
      isSubagent: false,
      line,
      timestamp: ts && !Number.isNaN(ts.getTime()) ? ts.toISOString() : null,
    };
    context.push(interner.intern('assistant', reply));
    tasks.push({ id: `turn-${i + 1}`, title: titleFrom(ask), calls: [call], line });
  });
  if (estimated > 0) {
    diagnostics.push({ line: null, severity: 'info', message: `${estimated} requests record no token counts: estimated with our tokenizer from the recorded text (an underestimate: Copilot's system prompt, tools and attached files are not saved)` });
  }
  if (folded > 0) diagnostics.push({ line: null, severity: 'info', message: `${folded} agent requests made several model calls (toolCallRounds) but record tokens per turn: each read as one call` });
  if (tasks.length === 0) diagnostics.push({ line: null, severity: 'warning', message: 'no requests in this session' });
  return tasks;
}

async function readCopilotChat(path: string, limits: ReadLimits): Promise<ReadResult> {
  const doc = await loadJsonDocument(path, limits);
  if (doc.ok) {
    // a .jsonl that is still only its snapshot line is one JSON document too
    const session = isRecord(doc.value) && doc.value.kind === 0 ? doc.value.v : doc.value;
    return { tasks: sessionTasks(session, session === doc.value ? doc.text : null, doc.diagnostics), diagnostics: doc.diagnostics };
  }
  // not one JSON document: the incremental JSONL form
  const diags = new DiagnosticList();
  const replay = new CopilotReplay(diags);
  for await (const rec of jsonObjectLines(path, limits, diags)) replay.add(rec.lineNo, rec.value);
  replay.finish();
  const diagnostics = diags.finish();
  if (replay.state === null) {
    diagnostics.push(...doc.diagnostics, { line: null, severity: 'error', message: 'not a Copilot Chat session JSON, nor its JSONL form (no kind 0 snapshot line)' });
    return { tasks: [], diagnostics };
  }
  return { tasks: sessionTasks(replay.state, null, diagnostics), diagnostics };
}

export const readers: TraceReader[] = [
  {
    format: 'copilot-chat',
    label: 'GitHub Copilot Chat session (VS Code .json / .jsonl)',
    detect: detectCopilotChat,
    read: neverThrows('Copilot Chat', readCopilotChat),
  },
];

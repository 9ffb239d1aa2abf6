/**
 * A Copilot Chat session object (read from `.json`, or rebuilt from `.jsonl`) → tasks and calls.
 * See copilot-chat.ts for the rules.
 */
import { z } from 'zod';
import type { Call, Diagnostic, Message, Task, Usage } from '../model';
import { MessageInterner, tokenCount } from '../model';
import { arrayItemLines } from './json-item-lines';
import { firstIssue, titleFrom, typeName } from './json-document';
import { isRecord, safeStringify } from './openai-shapes';

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
const roundSchema = z.looseObject({
  response: z.string().nullish(),
  toolCalls: z.array(z.looseObject({ id: z.string().nullish(), name: z.string().nullish(), arguments: z.unknown().optional() })).nullish(),
});

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

const UNRECORDED: Usage = { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' };

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

/** Every `text` / `value` string inside a tool result, in order. */
function nestedText(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 20) return out;
  if (Array.isArray(v)) v.forEach((x) => nestedText(x, out, depth + 1));
  else if (isRecord(v)) {
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'text' || k === 'value') && typeof x === 'string') out.push(x);
      else nestedText(x, out, depth + 1);
    }
  }
  return out;
}

function modelOf(id: string | null | undefined): { model: string | null; provider: string | null } {
  if (!id) return { model: null, provider: null };
  const slash = id.indexOf('/');
  return slash > 0 ? { provider: id.slice(0, slash), model: id.slice(slash + 1) } : { provider: null, model: id };
}

interface Round {
  completion: string;
  toolResults: string[];
}

/** The model calls of an agent request, from `result.metadata.toolCallRounds` (each with the results of its tool calls). */
function roundsOf(result: unknown): Round[] {
  const meta = isRecord(result) && isRecord(result.metadata) ? result.metadata : null;
  if (!meta || !Array.isArray(meta.toolCallRounds)) return [];
  const results = isRecord(meta.toolCallResults) ? meta.toolCallResults : {};
  return meta.toolCallRounds.flatMap((raw) => {
    const r = roundSchema.safeParse(raw);
    if (!r.success) return [];
    const calls = r.data.toolCalls ?? [];
    const completion = [r.data.response ?? '', ...calls.map((c) => `[tool ${c.name ?? ''}] ${typeof c.arguments === 'string' ? c.arguments : safeStringify(c.arguments ?? '')}`)]
      .filter((t) => t !== '')
      .join('\n');
    const toolResults = calls.map((c) => (c.id && c.id in results ? nestedText(results[c.id]).join('\n') : '')).filter((t) => t !== '');
    return [{ completion, toolResults }];
  });
}

export function sessionTasks(session: unknown, text: string | null, diagnostics: Diagnostic[]): Task[] {
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
    const rounds = roundsOf(r.data.result);
    const { model, provider } = modelOf(r.data.modelId);
    const ts = r.data.timestamp != null ? new Date(r.data.timestamp) : null;
    const id = r.data.requestId ?? `request-${i}`;
    const call = (suffix: string, completion: string, u: Usage): Call => ({
      id: id + suffix,
      lineage: 'main',
      model,
      provider,
      prompt: context.slice(),
      promptComplete: false,
      completion,
      usage: u,
      isSubagent: false,
      line,
      timestamp: ts && !Number.isNaN(ts.getTime()) ? ts.toISOString() : null,
    });
    context.push(interner.intern('user', ask));
    const calls: Call[] = [];
    if (usage || rounds.length <= 1) {
      // tokens are recorded per turn: one call carries them (several rounds are folded into it)
      if (!usage) estimated++;
      if (usage && rounds.length > 1) folded++;
      calls.push(call('', reply, usage ?? UNRECORDED));
      context.push(interner.intern('assistant', reply));
    } else {
      // no tokens: each round is a model call, estimated from what it wrote and what it was sent
      estimated++;
      rounds.forEach((round, j) => {
        calls.push(call(`/round-${j + 1}`, round.completion, UNRECORDED));
        context.push(interner.intern('assistant', round.completion));
        for (const t of round.toolResults) context.push(interner.intern('tool', t));
      });
    }
    tasks.push({ id: `turn-${i + 1}`, title: titleFrom(ask), calls, line });
  });
  if (estimated > 0) {
    diagnostics.push({ line: null, severity: 'info', message: `${estimated} requests record no token counts: estimated with our tokenizer from the recorded text (an underestimate: Copilot's system prompt, tools and attached files are not saved)` });
  }
  if (folded > 0) diagnostics.push({ line: null, severity: 'info', message: `${folded} agent requests made several model calls (toolCallRounds) but record tokens per turn: each read as one call` });
  if (tasks.length === 0) diagnostics.push({ line: null, severity: 'warning', message: 'no requests in this session' });
  return tasks;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { Call } from '../../../../../src/core/traces/model';
import type { ReadLimits, ReadResult } from '../../../../../src/core/traces/reader';
import { anthropicMessagesLogReader as anthropic, openAiChatLogReader as openai } from '../../../../../src/core/traces/readers/api-logs';
import { FIXTURES, SHARED_TRACES } from '../../../helpers/shared';

const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-apilog-'));
const OPENAI = join(FIXTURES, 'traces/openai-chat-log/agent-conversation.jsonl');
const BATCH = join(FIXTURES, 'traces/openai-chat-log/batch-output.jsonl');
const ANTHROPIC = join(FIXTURES, 'traces/anthropic-messages-log/agent-conversation.jsonl');
const calls = (r: ReadResult): Call[] => r.tasks.flatMap((t) => t.calls);

function allTraceFiles(dir = SHARED_TRACES): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allTraceFiles(join(dir, f)) : [join(dir, f)]));
}
let n = 0;
function tmpFile(content: string | Buffer, name = 'log.jsonl'): string {
  const p = join(TMP, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}
const jsonl = (lines: unknown[]) => tmpFile(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

// Fixtures written by hand from the public API shapes (Chat Completions, Batch output, Messages,
// Message Batches results); expected values are the usage numbers written there.
test('OpenAI log: conversations found by prompt extension, interleaved lines, a failed request skipped', async () => {
  const r = await openai.read(OPENAI, LIMITS);
  assert.deepEqual(r.diagnostics, [
    { line: 4, severity: 'info', message: '1 failed request(s) (error status or error body; lines 4): not counted as calls' },
  ]);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.calls.map((c) => c.line)]), [['line-1', [1, 3, 5]], ['line-2', [2]]]);
  const [a1, a2, a3] = r.tasks[0]!.calls;
  assert.equal(r.tasks[0]!.title, "What's the weather in Paris right now?");
  assert.deepEqual(r.tasks[0]!.calls.map((c) => c.lineage), ['line-1', 'line-1', 'line-1']);
  assert.deepEqual(r.tasks[0]!.calls.map((c) => c.id), ['chatcmpl-A1', 'chatcmpl-A2', 'chatcmpl-A3']);
  // the second request repeats the first one's reply (tool call) before the tool result
  assert.equal(a2!.prompt![3]!.text, a1!.completion);
  assert.equal(a2!.prompt![0], a1!.prompt![0]);
  assert.deepEqual(a3!.prompt!.map((m) => m.role), ['system', 'system', 'user', 'assistant', 'tool', 'assistant', 'user']);
  assert.match(a1!.prompt![0]!.text, /^Tools:\n.*get_weather/s);
  assert.ok([a1, a2, a3].every((c) => c!.promptComplete && c!.provider === 'openai'));
  assert.equal(a3!.model, 'o3-mini-2025-01-31');
  assert.equal(a1!.timestamp, '2025-01-01T00:00:00.000Z');
});

test('OpenAI usage: prompt_tokens already includes cached_tokens; reasoning inside completion_tokens', async () => {
  const r = await openai.read(OPENAI, LIMITS);
  const a = r.tasks[0]!.calls;
  assert.deepEqual(a.map((c) => c.usage.inTotal), [412, 1460, 1530]);
  assert.deepEqual(a.map((c) => c.usage.cacheRead), [0, 1280, 1408]);
  assert.deepEqual(a.map((c) => c.usage.output), [18, 25, 210]);
  assert.deepEqual(a.map((c) => c.usage.reasoning), [0, 0, 128]);
  assert.ok(a.every((c) => c.usage.cacheWrite === null && c.usage.source === 'recorded'));
  // no prompt_tokens_details: cache reads unknown, not 0
  assert.deepEqual(r.tasks[1]!.calls[0]!.usage, { inTotal: 96, cacheRead: null, cacheWrite: null, output: 40, reasoning: null, source: 'recorded' });
});

test('OpenAI Batch output: responses with usage, no prompt; an expired request is not a call', async () => {
  const r = await openai.read(BATCH, LIMITS);
  assert.deepEqual(r.tasks.map((t) => [t.title, t.calls.length]), [['doc-1', 1], ['doc-2', 1]]);
  const [x, y] = calls(r);
  assert.deepEqual([x!.usage.inTotal, x!.usage.cacheRead, x!.usage.output], [250, 128, 60]);
  assert.deepEqual([y!.usage.inTotal, y!.usage.output], [300, 45]);
  assert.equal(x!.prompt, null);
  assert.equal(x!.promptComplete, false);
  assert.equal(x!.completion, 'Positive.');
  assert.ok(r.diagnostics.some((d) => d.line === 3 && /1 failed request/.test(d.message)));
});

test('Anthropic usage: in_total = input + cache_creation + cache_read; absent cache fields stay unknown', async () => {
  const r = await anthropic.read(ANTHROPIC, LIMITS);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.calls.length]), [['line-1', 2], ['line-2', 1], ['line-4', 1]]);
  const [a, b] = r.tasks[0]!.calls;
  // 12 + 2048 written + 0 read; then 310 + 0 + 2048 read
  assert.deepEqual(a!.usage, { inTotal: 2060, cacheRead: 0, cacheWrite: 2048, output: 64, reasoning: null, source: 'recorded' });
  assert.deepEqual(b!.usage, { inTotal: 2358, cacheRead: 2048, cacheWrite: 0, output: 150, reasoning: null, source: 'recorded' });
  assert.deepEqual(r.tasks[1]!.calls[0]!.usage, { inTotal: 25, cacheRead: null, cacheWrite: null, output: 30, reasoning: null, source: 'recorded' });
  // Message Batches result: 100 + 0 + 900
  assert.deepEqual([r.tasks[2]!.calls[0]!.usage.inTotal, r.tasks[2]!.calls[0]!.usage.cacheRead], [1000, 900]);
  assert.equal(r.tasks[2]!.title, 'req-9');
  assert.ok(r.diagnostics.some((d) => d.line === 5 && /1 failed request/.test(d.message)));
});

test('Anthropic prompt: tools, system, messages; tool results as tool messages; the reply carried on', async () => {
  const r = await anthropic.read(ANTHROPIC, LIMITS);
  const [a, b] = r.tasks[0]!.calls;
  assert.deepEqual(a!.prompt!.map((m) => m.role), ['system', 'system', 'user']);
  assert.match(a!.prompt![0]!.text, /^Tools:\n.*read_file.*edit_file/s);
  assert.equal(a!.prompt![1]!.text, 'You are a careful coding agent. Read before you edit.');
  assert.equal(a!.completion, 'I\'ll read the file first.\nread_file({"path":"utils.py"})');
  assert.deepEqual(b!.prompt!.map((m) => m.role), ['system', 'system', 'user', 'assistant', 'tool']);
  assert.equal(b!.prompt![3]!.text, a!.completion);
  assert.equal(b!.prompt![4]!.text, 'def add(a, b):\n    return a - b\n');
  // thinking is output the model wrote; the signature is not text
  assert.equal(b!.completion, 'The operator is wrong.\nedit_file({"path":"utils.py","old":"a - b","new":"a + b"})');
  assert.ok(a!.promptComplete && b!.promptComplete);
  assert.equal(a!.model, 'claude-sonnet-4-5-20250929');
  assert.equal(a!.provider, 'anthropic');
});

test('the same first request twice starts two tasks; each continuation joins its own run', async () => {
  const req = (messages: unknown[]) => ({ model: 'gpt-4o', messages });
  const res = (id: string, content: string) => ({ id, object: 'chat.completion', model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content } }], usage: { prompt_tokens: 10, completion_tokens: 2 } });
  const u = { role: 'user', content: 'solve task 7' };
  const p = jsonl([
    { request: req([u]), response: res('r1', 'step 1') },
    { request: req([u]), response: res('r2', 'step 1') },
    { request: req([u, { role: 'assistant', content: 'step 1' }, { role: 'user', content: 'go on' }]), response: res('r3', 'step 2') },
    // extends the shared first request without a reply: joins the latest run with that prefix
    { request: req([u, { role: 'user', content: 'hint' }]), response: res('r4', 'ok') },
  ]);
  const r = await openai.read(p, LIMITS);
  assert.deepEqual(r.tasks.map((t) => t.calls.map((c) => c.id)), [['r1'], ['r2', 'r3', 'r4']]);
});

test('OpenAI-shaped usage with Anthropic meaning (a proxy): in_total rebuilt, with a warning', async () => {
  const p = jsonl([
    {
      request: { model: 'claude-sonnet-4', messages: [{ role: 'user', content: 'hi' }] },
      response: { id: 'x', object: 'chat.completion', model: 'claude-sonnet-4', choices: [{ message: { role: 'assistant', content: 'hello' } }], usage: { prompt_tokens: 10, completion_tokens: 3, cache_read_input_tokens: 4000, cache_creation_input_tokens: 0 } },
    },
    {
      request: { model: 'deepseek-chat', messages: [{ role: 'user', content: 'yo' }] },
      response: { id: 'y', object: 'chat.completion', model: 'deepseek-chat', choices: [{ message: { role: 'assistant', content: 'hey' } }], usage: { prompt_tokens: 640, completion_tokens: 3, prompt_cache_hit_tokens: 576, prompt_cache_miss_tokens: 64 } },
    },
  ]);
  const r = await openai.read(p, LIMITS);
  const [a, b] = calls(r);
  assert.equal(a!.usage.inTotal, 4010);
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /in_total rebuilt/.test(d.message)));
  // DeepSeek: prompt_tokens = hit + miss, hits are the cache reads
  assert.deepEqual([b!.usage.inTotal, b!.usage.cacheRead, b!.provider], [640, 576, 'deepseek']);
});

test('Responses API bodies: input items and output items; previous_response_id makes the prompt partial', async () => {
  const p = jsonl([
    {
      request: { model: 'gpt-5', instructions: 'Be terse.', input: [{ role: 'user', content: [{ type: 'input_text', text: 'sum 2+2' }] }], previous_response_id: 'resp_0' },
      response: {
        id: 'resp_1',
        object: 'response',
        model: 'gpt-5-2025-08-07',
        output: [{ type: 'reasoning', summary: [] }, { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: '4' }] }],
        usage: { input_tokens: 300, input_tokens_details: { cached_tokens: 256 }, output_tokens: 70, output_tokens_details: { reasoning_tokens: 64 }, total_tokens: 370 },
      },
    },
  ]);
  const c = calls(await openai.read(p, LIMITS))[0]!;
  assert.deepEqual([c.usage.inTotal, c.usage.cacheRead, c.usage.output, c.usage.reasoning], [300, 256, 70, 64]);
  assert.deepEqual(c.prompt!.map((m) => [m.role, m.text]), [['system', 'Be terse.'], ['user', 'sum 2+2']]);
  assert.equal(c.promptComplete, false);
  assert.equal(c.completion, '4');
});

test('bad lines: invalid JSON, not an object, unknown shape, streaming chunk, wrong types → diagnostics', async () => {
  const good = readFileSync(OPENAI, 'utf8').split('\n')[1]!;
  const p = tmpFile(
    [
      good,
      '{"request": ',
      '42',
      '{"foo": 1}',
      '{"request": {"model": "gpt-4o", "messages": []}, "response": {"object": "chat.completion.chunk", "choices": []}}',
      '{"request": {"messages": "nope"}, "response": {"object": "chat.completion", "created": 1e300, "choices": 3, "usage": {"prompt_tokens": "12", "completion_tokens": -1}}}',
      '{"custom_id": "a", "method": "POST", "url": "/v1/chat/completions", "body": {}}',
      good.slice(0, 40),
    ].join('\n'),
  );
  const r = await openai.read(p, LIMITS);
  assert.equal(calls(r).length, 2);
  const odd = calls(r)[1]!;
  // strings and negative numbers are unknown, never 0
  assert.deepEqual(odd.usage, { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' });
  assert.equal(odd.timestamp, null); // a date past the Date range is unknown, not a RangeError
  assert.equal(odd.prompt, null);
  const byLine = (l: number) => r.diagnostics.filter((d) => d.line === l);
  assert.equal(byLine(2)[0]?.severity, 'error');
  assert.equal(byLine(3)[0]?.severity, 'error');
  assert.match(byLine(4)[0]?.message ?? '', /neither "request" nor "response"/);
  assert.match(byLine(5)[0]?.message ?? '', /streaming chunk/);
  assert.match(byLine(7)[0]?.message ?? '', /Batch input line/);
  assert.equal(byLine(8)[0]?.severity, 'warning');
});

test('empty, binary and over-long lines: diagnostics, no throw', async () => {
  for (const content of ['', '\n\n', Buffer.from([0, 1, 2, 0xff, 0x0a, 0x7b])]) {
    const r = await openai.read(tmpFile(content), LIMITS);
    assert.deepEqual(r.tasks, []);
  }
  const r = await anthropic.read(tmpFile(`{"request": {"x": "${'y'.repeat(5000)}"}}\n`), { ...LIMITS, maxLineBytes: 1000 });
  assert.ok(r.diagnostics.some((d) => d.line === 1 && /line limit/.test(d.message)));
});

test('fuzz: arbitrary bytes never throw; non-blank input always leaves a diagnostic or a task', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      const r = await openai.read(tmpFile(Buffer.from(bytes)), LIMITS);
      assert.ok(r.diagnostics.length > 0 || r.tasks.length > 0 || Buffer.from(bytes).toString().trim() === '');
    }),
    { numRuns: 60 },
  );
});

test('fuzz: fixture lines cut short or with fields of the wrong type never throw', async () => {
  const lines = readFileSync(ANTHROPIC, 'utf8').trim().split('\n').concat(readFileSync(OPENAI, 'utf8').trim().split('\n'));
  const docs = lines.map((l) => JSON.parse(l) as Record<string, Record<string, unknown> | undefined>);
  const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(1e300), fc.constant(null), fc.array(fc.anything()), fc.object());
  const paths = ['request', 'response', 'request.messages', 'request.system', 'request.tools', 'response.usage', 'response.content', 'response.choices', 'response.created', 'result'];
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.array(fc.tuple(fc.nat(docs.length - 1), fc.constantFrom(...paths), junk), { maxLength: 10 }), async (cut, flips) => {
      const m = structuredClone(docs);
      for (const [i, path, v] of flips) {
        const [a, b] = path.split('.') as [string, string | undefined];
        if (b === undefined) (m[i] as Record<string, unknown>)[a] = v;
        else if (m[i]![a] && typeof m[i]![a] === 'object') m[i]![a]![b] = v;
      }
      const text = m.map((d) => JSON.stringify(d)).join('\n');
      const r = await anthropic.read(tmpFile(text.slice(0, cut % (text.length + 1))), LIMITS);
      assert.ok(!r.diagnostics.some((d) => d.message.startsWith('could not read')), JSON.stringify(r.diagnostics));
      for (const c of calls(r)) for (const v of Object.values(c.usage)) assert.ok(typeof v === 'string' || v === null || (Number.isInteger(v) && v >= 0));
    }),
    { numRuns: 50 },
  );
});

test('detect: a first line longer than the probe is still recognized from the head', async () => {
  const line = JSON.stringify({
    request: { model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(100_000) }] },
    response: { id: 'a', object: 'chat.completion', model: 'gpt-4o', choices: [{ message: { role: 'assistant', content: 'ok' } }], usage: { prompt_tokens: 25_000, completion_tokens: 1 } },
  });
  const p = await probeFile(tmpFile(`${line}\n${line}\n`));
  assert.deepEqual(p.firstLines, []);
  assert.equal(openai.detect(p), 0.5);
  assert.equal(anthropic.detect(p), 0);
  const long = line.replace('"model":"gpt-4o","messages"', '"model":"claude-sonnet-4","system":"Be kind.","max_tokens":100,"messages"');
  const q = await probeFile(tmpFile(`${long}\n`));
  assert.equal(anthropic.detect(q), 0.5);
  assert.equal(openai.detect(q), 0);
});

test('detect: each provider by content, renamed too; 0 on every shared trace and on the other provider', async () => {
  for (const f of allTraceFiles()) {
    const p = await probeFile(f);
    assert.equal(openai.detect(p), 0, f);
    assert.equal(anthropic.detect(p), 0, f);
  }
  for (const [f, mine, other] of [[OPENAI, openai, anthropic], [BATCH, openai, anthropic], [ANTHROPIC, anthropic, openai]] as const) {
    const copy = join(TMP, `renamed-${n++}.txt`);
    copyFileSync(f, copy);
    const p = await probeFile(copy);
    assert.equal(mine.detect(p), 0.9, f);
    assert.equal(other.detect(p), 0, f);
  }
});

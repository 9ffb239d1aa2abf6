import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { Call } from '../../../../../src/core/traces/model';
import type { ReadLimits, ReadResult } from '../../../../../src/core/traces/reader';
import { readers } from '../../../../../src/core/traces/readers/otel-genai';
import { FIXTURES, SHARED_TRACES } from '../../../helpers/shared';

const reader = readers[0]!;
const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-otel-'));
const RUN = join(FIXTURES, 'traces/otel-genai/agent-run.otlp.json');
const COLLECTOR = join(FIXTURES, 'traces/otel-genai/collector-export.jsonl');
const calls = (r: ReadResult): Call[] => r.tasks.flatMap((t) => t.calls);
const errors = (r: ReadResult) => r.diagnostics.filter((d) => d.severity === 'error');

function allTraceFiles(dir = SHARED_TRACES): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allTraceFiles(join(dir, f)) : [join(dir, f)]));
}
let n = 0;
function tmpFile(content: string | Buffer, name = 'spans.json'): string {
  const p = join(TMP, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}
const kv = (key: string, value: Record<string, unknown>) => ({ key, value });
const exportOf = (spans: unknown[]) => ({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans }] }] });

// Fixture written by hand from the GenAI semantic conventions (docs/gen-ai/gen-ai-spans.md,
// gen-ai-agent-spans.md and the registry, semantic-conventions @ c9e48b1d^). Expected values are the
// attribute values written there: trace 1 = 3 chat spans under the WeatherAgent (one inside the
// nested Translator agent), plus an agent span, a tool span and an embeddings span that are not calls.
test('agent-run.otlp.json: one task per trace, inference spans only, ordered by start time', async () => {
  const r = await reader.read(RUN, LIMITS);
  assert.deepEqual(r.diagnostics, [{ line: null, severity: 'info', message: '1 inference span(s) ended in an error without usage: not counted' }]);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.calls.length]), [
    ['5b8efff798038103d269b633813fc60c', 3],
    ['a1b2c3d4e5f60718293a4b5c6d7e8f90', 1],
    ['0af7651916cd43dd8448eb211c80319c', 1],
  ]);
  const t1 = r.tasks[0]!;
  assert.equal(t1.title, 'Weather in Paris tomorrow, in French please?');
  assert.deepEqual(t1.calls.map((c) => c.id), ['1a2b3c4d5e6f7081', '3c4d5e6f70819203', '5e6f708192031425']);
  // I0 = 812, outputs 19 + 42 + 30 = 91 (the agent span's own 1802/91 totals are not a call)
  assert.equal(t1.calls[0]!.usage.inTotal, 812);
  assert.equal(t1.calls.reduce((a, c) => a + (c.usage.output ?? 0), 0), 91);
  assert.deepEqual(t1.calls.map((c) => c.usage.cacheRead), [0, 768, null]);
  assert.deepEqual(t1.calls.map((c) => c.model), ['gpt-4o-2024-08-06', 'gpt-4o-2024-08-06', 'gpt-4o-mini']);
  assert.ok(t1.calls.every((c) => c.provider === 'openai'));
  assert.equal(t1.calls[0]!.timestamp, '2025-01-01T00:00:00.100Z');
});

test('agent-run.otlp.json: lineage is the agent, and an agent inside an agent is a subagent', async () => {
  const t1 = (await reader.read(RUN, LIMITS)).tasks[0]!;
  assert.deepEqual(t1.calls.map((c) => c.lineage), ['agent:asst_weather_1', 'agent:asst_weather_1', 'agent:asst_translator']);
  assert.deepEqual(t1.calls.map((c) => c.isSubagent), [false, false, true]);
});

test('agent-run.otlp.json: prompts from input messages + system instructions + tool definitions, span or event', async () => {
  const [a, b, sub] = (await reader.read(RUN, LIMITS)).tasks[0]!.calls;
  assert.deepEqual(a!.prompt!.map((m) => m.role), ['system', 'system', 'user']);
  assert.match(a!.prompt![0]!.text, /^Tools:\n.*get_weather/s);
  assert.equal(a!.prompt![1]!.text, 'You are a weather assistant.');
  assert.equal(a!.completion, '[tool call] get_weather({"city":"Paris"})');
  assert.equal(a!.promptComplete, true);
  // the second call's content sits on its gen_ai.client.inference.operation.details event
  assert.deepEqual(b!.prompt!.map((m) => m.role), ['system', 'system', 'user', 'assistant', 'tool']);
  assert.equal(b!.prompt![3]!.text, a!.completion);
  assert.equal(b!.prompt![0], a!.prompt![0]);
  assert.equal(b!.completion, 'Tomorrow: 17°C with rain.');
  // no tool use, no tool definitions needed: still the whole prompt
  assert.equal(sub!.promptComplete, true);
});

test('usage per provider: input_tokens includes the cache (convention); deprecated names still read', async () => {
  const r = await reader.read(RUN, LIMITS);
  const anthropic = r.tasks[1]!.calls[0]!;
  // gen_ai.usage.input_tokens 1500 already holds the 1200 read + 200 written (registry notes 16–18)
  assert.deepEqual(anthropic.usage, { inTotal: 1500, cacheRead: 1200, cacheWrite: 200, output: 80, reasoning: null, source: 'recorded' });
  assert.equal(anthropic.prompt, null);
  assert.equal(anthropic.promptComplete, false);
  assert.equal(r.tasks[1]!.title, 'chat claude-3-7-sonnet-20250219');
  const legacy = r.tasks[2]!.calls[0]!;
  assert.deepEqual([legacy.usage.inTotal, legacy.usage.output, legacy.provider, legacy.model], [50, 10, 'openai', 'gpt-3.5-turbo']);
  assert.deepEqual(legacy.prompt!.map((m) => [m.role, m.text]), [['user', 'Tell me a joke']]);
  assert.equal(legacy.completion, 'Why did the chicken cross the road?');
});

test('collector-export.jsonl: one export per line, conversation id groups traces into one task', async () => {
  const r = await reader.read(COLLECTOR, LIMITS);
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.calls.length]), [['conv_42', 2], ['33333333333333333333333333333333', 1]]);
  const conv = r.tasks[0]!.calls;
  assert.deepEqual(conv.map((c) => c.lineage), ['conversation:conv_42', 'conversation:conv_42']);
  assert.deepEqual(conv.map((c) => c.line), [1, 2]);
  // intValue as a number (line 1) and as a string (line 2) are both read
  assert.deepEqual(conv.map((c) => [c.usage.inTotal, c.usage.output, c.usage.cacheRead]), [[300, 50, null], [420, 60, 256]]);
  // an emitter that wrote Anthropic's own input_tokens (10) below its cache reads (2000): added up, with a warning
  assert.equal(r.tasks[1]!.calls[0]!.usage.inTotal, 2010);
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /smaller than their cache tokens/.test(d.message)));
});

test('nested inference spans (two instrumentations of one request) count once; duplicates once', async () => {
  const t = '0123456789abcdef0123456789abcdef';
  const usage = [kv('gen_ai.usage.input_tokens', { intValue: '100' }), kv('gen_ai.usage.output_tokens', { intValue: '5' })];
  const outer = { traceId: t, spanId: '00000000000000a1', name: 'chat', startTimeUnixNano: '1', attributes: [kv('gen_ai.operation.name', { stringValue: 'chat' }), ...usage] };
  const inner = { ...outer, spanId: '00000000000000a2', parentSpanId: '00000000000000a1', startTimeUnixNano: '2' };
  const r = await reader.read(tmpFile(JSON.stringify([exportOf([outer, inner]), exportOf([inner])])), LIMITS);
  assert.deepEqual(calls(r).map((c) => c.id), ['00000000000000a2']);
  assert.ok(r.diagnostics.some((d) => /wrap another inference span/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => /appear more than once/.test(d.message)));
});

test('tool use without tool definitions: the prompt is not complete', async () => {
  const span = {
    traceId: 'ffffffffffffffffffffffffffffffff',
    spanId: '1111111111111111',
    attributes: [
      kv('gen_ai.operation.name', { stringValue: 'chat' }),
      kv('gen_ai.input.messages', {
        arrayValue: {
          values: [
            { kvlistValue: { values: [kv('role', { stringValue: 'user' }), kv('parts', { arrayValue: { values: [{ kvlistValue: { values: [kv('type', { stringValue: 'text' }), kv('content', { stringValue: 'hi' })] } }] } })] } },
            { kvlistValue: { values: [kv('role', { stringValue: 'tool' }), kv('parts', { arrayValue: { values: [{ kvlistValue: { values: [kv('type', { stringValue: 'tool_call_response' }), kv('response', { stringValue: '42' })] } }] } })] } },
          ],
        },
      }),
    ],
  };
  const r = await reader.read(tmpFile(JSON.stringify(exportOf([span]))), LIMITS);
  const c = calls(r)[0]!;
  // structured (kvlist) attribute values read the same as their JSON-string form
  assert.deepEqual(c.prompt!.map((m) => [m.role, m.text]), [['user', 'hi'], ['tool', '42']]);
  assert.equal(c.promptComplete, false);
  assert.equal(c.usage.source, 'tokenizer');
});

test('bad input: invalid JSON, wrong types, truncated last line, empty, binary → diagnostics, no throw', async () => {
  const good = readFileSync(COLLECTOR, 'utf8').split('\n')[0]!;
  const r = await reader.read(tmpFile(`${good}\n{"resourceSpans": 5}\n[1]\n${good.slice(0, 50)}`, 'x.jsonl'), LIMITS);
  assert.equal(calls(r).length, 1);
  assert.ok(r.diagnostics.some((d) => d.line === 2 && /resourceSpans/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.line === 3 && d.severity === 'error'));
  assert.ok(r.diagnostics.some((d) => d.line === 4 && d.severity === 'warning'));
  const wrong = await reader.read(tmpFile(JSON.stringify(exportOf([{ traceId: 7, spanId: null }, 'x', { traceId: 'a', spanId: 'b', attributes: 'no' }]))), LIMITS);
  assert.deepEqual(wrong.tasks, []);
  assert.ok(wrong.diagnostics.some((d) => /span 1: no traceId\/spanId/.test(d.message)));
  for (const content of ['', Buffer.from([0, 1, 2, 0xff]), '{"resourceSpans": [', 'null']) {
    const b = await reader.read(tmpFile(content), LIMITS);
    assert.deepEqual(b.tasks, []);
    assert.ok(b.diagnostics.length > 0);
  }
  const big = await reader.read(tmpFile(`{\n "resourceSpans": []\n}`.padEnd(3000, ' ')), { ...LIMITS, maxJsonDocumentBytes: 1024 });
  assert.match(errors(big)[0]!.message, /JSON document limit/);
});

test('fuzz: arbitrary bytes never throw and always leave a diagnostic', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      const r = await reader.read(tmpFile(Buffer.from(bytes)), LIMITS);
      assert.ok(r.diagnostics.length > 0 || r.tasks.length > 0 || Buffer.from(bytes).toString().trim() === '');
    }),
    { numRuns: 60 },
  );
});

test('fuzz: fixture spans with attributes of the wrong type, or cut short, never throw', async () => {
  const text = readFileSync(RUN, 'utf8');
  const doc = JSON.parse(text) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
  const spans = doc.resourceSpans[0]!.scopeSpans[0]!.spans;
  const keys = ['traceId', 'spanId', 'parentSpanId', 'attributes', 'events', 'startTimeUnixNano', 'status'];
  const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.anything()), fc.object(), fc.constant({ intValue: 'NaN' }));
  await fc.assert(
    fc.asyncProperty(fc.nat(text.length), fc.array(fc.tuple(fc.nat(spans.length - 1), fc.constantFrom(...keys), junk), { maxLength: 8 }), async (cut, flips) => {
      const r1 = await reader.read(tmpFile(text.slice(0, cut)), LIMITS);
      assert.ok(r1.diagnostics.length > 0 || r1.tasks.length > 0);
      const m = structuredClone(doc);
      const ms = m.resourceSpans[0]!.scopeSpans[0]!.spans;
      for (const [i, k, v] of flips) ms[i]![k] = v;
      const r2 = await reader.read(tmpFile(JSON.stringify(m)), LIMITS);
      for (const c of calls(r2)) assert.ok(c.usage.inTotal === null || (Number.isInteger(c.usage.inTotal) && c.usage.inTotal >= 0));
    }),
    { numRuns: 40 },
  );
});

test('detect: OTLP JSON and JSONL by content, renamed too; nothing in the shared traces', async () => {
  for (const f of allTraceFiles()) assert.equal(reader.detect(await probeFile(f)), 0, f);
  for (const f of [RUN, COLLECTOR]) {
    const copy = join(TMP, `renamed-${n++}.log`);
    copyFileSync(f, copy);
    assert.equal(reader.detect(await probeFile(copy)), 0.9);
  }
});

test('Python ConsoleSpanExporter output: pretty-printed spans one after another; chat spans counted, the invoke_agent parent never', async () => {
  // hand-made in the SDK's to_json(indent=4) shape (Microsoft Agent Framework span names): invoke_agent
  // (usage 1692/66 = the sum of its children) → chat 812/25, execute_tool, chat 880/41; a program print between spans
  const p = join(FIXTURES, 'traces/otel-genai/agent-framework.console.txt');
  assert.ok(reader.detect(await probeFile(p)) >= 0.9);
  const r = await reader.read(p, LIMITS);
  assert.equal(r.tasks.length, 1);
  const cs = calls(r);
  assert.deepEqual(cs.map((c) => [c.id, c.usage.inTotal, c.usage.output, c.model]), [
    ['1111111111111111', 812, 25, 'gpt-4o-mini-2024-07-18'],
    ['3333333333333333', 880, 41, 'gpt-4o-mini-2024-07-18'],
  ]);
  assert.deepEqual(cs.map((c) => c.lineage), ['agent:weather-1', 'agent:weather-1']);
  assert.equal(cs[0]!.timestamp, '2026-03-01T10:00:00.100Z');
  assert.equal(r.tasks[0]!.title, 'What is the weather in Paris?');
  assert.ok(r.diagnostics.some((d) => d.severity === 'info' && /1 line\(s\) between the span objects/.test(d.message)));
  assert.deepEqual(errors(r), []);
});

test('console exporter: a span cut short or without ids is a warning, the others are read', async () => {
  const text = readFileSync(join(FIXTURES, 'traces/otel-genai/agent-framework.console.txt'), 'utf8');
  const noIds = text.replace('"span_id": "0x3333333333333333"', '"span_id": 42');
  const r = await reader.read(tmpFile(noIds.slice(0, noIds.length - 200), 'console.txt'), LIMITS);
  assert.deepEqual(calls(r).map((c) => c.id), ['1111111111111111']);
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /no context.trace_id\/span_id/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /not valid JSON/.test(d.message)));
});

test('fuzz: console exporter output cut anywhere or with bytes flipped never throws', async () => {
  const text = readFileSync(join(FIXTURES, 'traces/otel-genai/agent-framework.console.txt'), 'utf8');
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: text.length }), fc.nat({ max: text.length }), fc.string({ maxLength: 3 }), async (cut, at, junk) => {
      const r = await reader.read(tmpFile(text.slice(0, at) + junk + text.slice(at, Math.max(at, cut)), 'c.txt'), LIMITS);
      assert.ok(Array.isArray(r.tasks) && Array.isArray(r.diagnostics));
    }),
    { numRuns: 60 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { ReadLimits } from '../../../../../src/core/traces/reader';
import { readers } from '../../../../../src/core/traces/readers/mini-swe-agent';
import { FIXTURES, SHARED_TRACES, sharedTrace } from '../../../helpers/shared';
import { calls, sum, errors, allTraceFiles, assertWellFormed, fuzzArbitraryInput, fuzzTruncatedDocument } from './reader-test-utils';

const reader = readers[0]!;
const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-mini-'));

const read = (rel: string) => reader.read(sharedTrace(`mini-swe-agent/${rel}`), LIMITS);

// Expected values: python3 over the raw files — calls = messages with role "assistant";
// usage = extra.response.usage (prompt_tokens, completion_tokens, prompt_tokens_details.cached_tokens,
// completion_tokens_details.reasoning_tokens), summed; prompt length = index of the assistant message.
const SAMPLES = [
  { file: 'django__django-16255.traj.json', k: 17, i0: 1779, inSum: 61_068, out: 2317, cached: 33_662, reasoning: 250, lastPrompt: 34 },
  { file: 'pytest-dev__pytest-7324.traj.json', k: 37, i0: 1446, inSum: 489_991, out: 11_320, cached: 383_788, reasoning: 362, lastPrompt: 74 },
  { file: 'sphinx-doc__sphinx-7440.traj.json', k: 48, i0: 1620, inSum: 792_866, out: 13_960, cached: 709_072, reasoning: 190, lastPrompt: 96 },
];

for (const s of SAMPLES) {
  test(`${s.file}: ${s.k} calls with OpenRouter usage and complete prompts`, async () => {
    const r = await read(s.file);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.tasks.length, 1);
    const t = r.tasks[0]!;
    assert.equal(t.id, s.file.replace('.traj.json', ''));
    assert.equal(t.title, t.id);
    assert.equal(t.calls.length, s.k);
    assert.equal(t.calls[0]!.usage.inTotal, s.i0);
    assert.equal(sum(t.calls, 'inTotal'), s.inSum);
    assert.equal(sum(t.calls, 'output'), s.out);
    assert.equal(sum(t.calls, 'cacheRead'), s.cached);
    assert.equal(sum(t.calls, 'reasoning'), s.reasoning);
    assert.ok(t.calls.every((c) => c.usage.cacheWrite === null && c.usage.cacheRead !== null));
    assert.ok(t.calls.every((c) => c.model === 'google/gemini-3-pro-preview' && c.provider === 'openrouter'));
    assert.ok(t.calls.every((c) => c.promptComplete && c.prompt?.[0]?.role === 'system'));
    assert.equal(t.calls[0]!.prompt?.length, 2);
    assert.equal(t.calls.at(-1)!.prompt?.length, s.lastPrompt);
    // one growing conversation: call i's prompt is call i-1's prompt + its completion + the observation
    for (let i = 1; i < t.calls.length; i++) {
      const prev = t.calls[i - 1]!.prompt!;
      const cur = t.calls[i]!.prompt!;
      assert.equal(cur.length, prev.length + 2);
      prev.forEach((m, j) => assert.equal(cur[j], m)); // the same interned objects
      assert.equal(cur[prev.length]!.text, t.calls[i - 1]!.completion);
    }
    assert.equal(new Set(t.calls.map((c) => c.id)).size, s.k);
    assert.ok(t.calls.every((c) => c.id.startsWith('gen-') && c.lineage === t.id));
  });
}

test('fixture v2 with tool calls: prompts incomplete (tool schemas), repr response diagnosed, exit dropped', async () => {
  const r = await reader.read(join(FIXTURES, 'traces/mini-swe-agent/v2-tools.traj.json'), LIMITS);
  assertWellFormed(r);
  const t = r.tasks[0]!;
  assert.equal(t.id, 'demo__repo-1');
  assert.equal(t.calls.length, 2);
  const [a, b] = t.calls;
  assert.deepEqual(a!.usage, { inTotal: 900, cacheRead: 768, cacheWrite: null, output: 300, reasoning: 256, source: 'recorded' });
  assert.equal(a!.model, 'gpt-5-mini-2025-08-07');
  assert.equal(a!.timestamp, '2025-10-09T08:53:20.000Z');
  assert.equal(a!.completion, 'bash({"command": "ls"})');
  assert.deepEqual(b!.usage.inTotal, null);
  assert.equal(b!.model, 'openai/gpt-5-mini'); // from info.config, the response being a repr string
  assert.deepEqual(b!.prompt?.map((m) => m.role), ['system', 'user', 'assistant', 'tool']);
  assert.ok(t.calls.every((c) => !c.promptComplete));
  assert.deepEqual(r.diagnostics.map((d) => `${d.severity} ${d.message}`), ['warning 1 of 2 calls have no recorded usage in extra.response']);
});

test('detect: the samples and a renamed copy; 0 for every other shared file', async () => {
  for (const f of allTraceFiles()) {
    const score = reader.detect(await probeFile(f));
    const mine = relative(SHARED_TRACES, f).startsWith('mini-swe-agent/');
    assert.ok(mine ? score >= 0.9 : score === 0, `${relative(SHARED_TRACES, f)}: ${score}`);
  }
  const renamed = join(TMP, 'whatever.log');
  copyFileSync(sharedTrace('mini-swe-agent/django__django-16255.traj.json'), renamed);
  assert.ok(reader.detect(await probeFile(renamed)) >= 0.9);
  assert.equal(calls(await reader.read(renamed, LIMITS)).length, 17);
  assert.equal(reader.detect(await probeFile(join(FIXTURES, 'traces/mini-swe-agent/v2-tools.traj.json'))), 1);
});

test('bad input: not a trajectory, wrong types, api_calls mismatch, syntax error line', async () => {
  const write = (data: string) => {
    const p = join(TMP, 'bad.traj.json');
    writeFileSync(p, data);
    return p;
  };
  const notTraj = await reader.read(write('{"info": {}, "messages": 3}'), LIMITS);
  assert.match(errors(notTraj)[0]?.message ?? '', /`messages` is number/);
  const mixed = await reader.read(
    write(JSON.stringify({ info: { model_stats: { api_calls: 3 } }, messages: [{ role: 'system', content: 's' }, 7, { role: 'assistant', content: 'x', extra: { response: { usage: 'none' } } }] })),
    LIMITS,
  );
  assertWellFormed(mixed);
  assert.equal(calls(mixed).length, 1);
  const msgs = mixed.diagnostics.map((d) => d.message);
  assert.ok(msgs.some((m) => /^messages\[1\]: /.test(m)));
  assert.ok(msgs.includes('info.model_stats.api_calls is 3 but the trajectory has 1 assistant messages'));
  const syntax = await reader.read(write('{\n"messages": [\n]\n,}'), LIMITS);
  assert.equal(errors(syntax)[0]?.line, 4);
});

test('fuzz: arbitrary bytes/JSON, truncations and mutated real records never throw', async () => {
  const p = join(TMP, 'fuzz.traj.json');
  await fuzzArbitraryInput(reader, p);
  const text = readFileSync(sharedTrace('mini-swe-agent/django__django-16255.traj.json'), 'utf8');
  await fuzzTruncatedDocument(reader, p, text);
  const doc = JSON.parse(text) as { messages: Record<string, unknown>[] };
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: doc.messages.length - 1 }), fc.constantFrom('role', 'content', 'extra'), fc.jsonValue(), async (i, key, value) => {
      const copy = JSON.parse(text) as { messages: Record<string, unknown>[] };
      copy.messages[i]![key] = value;
      writeFileSync(p, JSON.stringify(copy));
      const r = await reader.read(p, LIMITS);
      assertWellFormed(r);
      assert.ok(calls(r).length <= 18); // one message changed: at most one more assistant message
    }),
    { numRuns: 100 },
  );
});

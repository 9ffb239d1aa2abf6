import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { probeFile } from '../../../../../src/core/traces/io';
import { detectGeminiCli, readers } from '../../../../../src/core/traces/readers/gemini-cli';
import { FIXTURES } from '../../../helpers/shared';
import { LIMITS, allTraceFiles, assertWellFormed, calls, errors, fuzzArbitraryInput, fuzzTruncatedDocument } from './reader-test-utils';

// No real Gemini CLI session is stored (INDEX.md: the real ones are over the size cap); fixtures
// follow gemini-cli's chatRecordingService.ts. The first call's numbers are FORMATS.md §21's real ones.
const reader = readers[0]!;
const TMP = mkdtempSync(join(tmpdir(), 'ac-gemini-'));
const JSONL = resolve(FIXTURES, 'traces/gemini-cli/upsert-rewind.jsonl');

test('JSONL: upserts by id, $rewindTo drops the rewound branch, thoughts added to output', async () => {
  const r = await reader.read(JSONL, LIMITS);
  assert.deepEqual(errors(r), []);
  // u1 → g1 (tokens arrive in its re-appended record), u2 → g2 rewound away, u3 is a tool result → g3
  assert.deepEqual(r.tasks.map((t) => [t.id, t.title, t.calls.map((c) => c.id)]), [['turn-1', 'Summarize README', ['g1', 'g3']]]);
  const [g1, g3] = calls(r);
  // 14,910 in (8,000 cached), 155 out + 459 thoughts
  assert.deepEqual(g1!.usage, { inTotal: 14_910, cacheRead: 8000, cacheWrite: 0, output: 155 + 459, reasoning: 459, source: 'recorded' });
  assert.deepEqual(g3!.usage, { inTotal: 15_200, cacheRead: 14_000, cacheWrite: 0, output: 42, reasoning: 12, source: 'recorded' });
  assert.deepEqual([g1!.line, g3!.line, g1!.model, g3!.model], [4, 10, 'gemini-2.5-pro', 'gemini-2.5-flash']);
});

test('legacy .json: one object, messages with tokens; a gemini message without tokens is said, not counted', async () => {
  const p = join(TMP, 'session-2026-01-01T10-00-abcd1234.json');
  const messages = [
    { id: 'u', timestamp: '2026-01-01T10:00:00Z', type: 'user', content: '<session_context>cwd</session_context>' },
    { id: 'u1', timestamp: '2026-01-01T10:00:01Z', type: 'user', content: 'Fix the build' },
    { id: 'a', timestamp: '2026-01-01T10:00:02Z', type: 'gemini', content: 'ok', model: 'gemini-3.5-flash', tokens: { input: 1000, output: 20, cached: 0, thoughts: 5, tool: 0, total: 1025 } },
    { id: 'b', timestamp: '2026-01-01T10:00:03Z', type: 'gemini', content: 'more', model: 'gemini-3.5-flash', tokens: null },
    { id: 'i', timestamp: '2026-01-01T10:00:04Z', type: 'info', content: 'note' },
  ];
  writeFileSync(p, JSON.stringify({ sessionId: 's', projectHash: 'h', startTime: 'x', lastUpdated: 'y', messages }, null, 2));
  assert.ok(detectGeminiCli(await probeFile(p)) >= 0.9);
  const r = await reader.read(p, LIMITS);
  assert.deepEqual(r.tasks.map((t) => [t.title, t.calls.map((c) => [c.id, c.usage.inTotal, c.usage.output])]), [['Fix the build', [['a', 1000, 25]]]]);
  assert.ok(r.diagnostics.some((d) => /^1 model messages carry no token counts/.test(d.message)));
  assert.ok(calls(r)[0]!.line! > 1); // pretty-printed: the message's own line
});

test('detection: fixtures only, no stored sample is Gemini CLI', async () => {
  for (const p of allTraceFiles()) assert.equal(detectGeminiCli(await probeFile(p)), 0, p);
  assert.ok(detectGeminiCli(await probeFile(JSONL)) >= 0.9);
});

test('fuzz: arbitrary input, truncated JSON, mutated and reordered records never throw', async () => {
  const p = join(TMP, 'fuzz.jsonl');
  await fuzzArbitraryInput(reader, p);
  const lines = readFileSync(JSONL, 'utf8').trim().split('\n');
  await fc.assert(
    fc.asyncProperty(fc.shuffledSubarray(lines), fc.jsonValue(), async (sub, value) => {
      const copy = sub.slice();
      if (copy.length > 1) copy[1] = JSON.stringify({ ...(JSON.parse(copy[1]!) as object), tokens: value });
      writeFileSync(p, copy.join('\n'));
      const r = await reader.read(p, LIMITS);
      assertWellFormed(r);
      assert.ok(calls(r).length <= 3);
    }),
    { numRuns: 100 },
  );
  const json = join(TMP, 'fuzz.json');
  const text = JSON.stringify({ sessionId: 's', projectHash: 'h', messages: [{ id: 'a', type: 'gemini', tokens: { input: 1, output: 1 } }] }, null, 2);
  await fuzzTruncatedDocument(reader, json, text, 20);
});

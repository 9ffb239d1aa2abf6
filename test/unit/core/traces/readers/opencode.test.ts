import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { probeFile } from '../../../../../src/core/traces/io';
import { detectOpenCode, readers } from '../../../../../src/core/traces/readers/opencode';
import { FIXTURES, sharedTrace } from '../../../helpers/shared';
import { LIMITS, allTraceFiles, assertWellFormed, calls, errors, fuzzArbitraryInput, fuzzTruncatedDocument, sum } from './reader-test-utils';

const reader = readers[0]!;
const TMP = mkdtempSync(join(tmpdir(), 'ac-opencode-'));

/*
 * Expected values: python3 over the raw exports (INDEX.md gives the same): calls = assistant
 * messages with a step-finish part (each has exactly one); tokens from info.tokens, summed.
 *   cap: 80 assistant messages, 78 with a step-finish; the other 2 have all-zero tokens
 *        (one MessageAbortedError, one unfinished). input 219,459, output 37,414, reasoning 52,660,
 *        cache.read 5,324,032, cache.write 0. 16 user messages, 15 followed by a call.
 *   pfm: 21 assistant messages = 21 calls; input 38, output 71,366, reasoning 0, cache.read
 *        1,555,785, cache.write 503,963. 5 user messages: [6, 1, 5, 4, 5] calls after each.
 * inTotal = input + cache.read + cache.write; output = output + reasoning.
 */
const SAMPLES = [
  { file: 'opencode/cap__opencode-export.json', k: 78, tasks: 15, input: 219_459, out: 37_414, reasoning: 52_660, read: 5_324_032, write: 0 },
  { file: 'opencode/pfm-categorization__opencode-export.json', k: 21, tasks: 5, input: 38, out: 71_366, reasoning: 0, read: 1_555_785, write: 503_963 },
];

for (const s of SAMPLES) {
  test(`${s.file}: ${s.k} calls, token totals equal the python count`, async () => {
    const r = await reader.read(sharedTrace(s.file), LIMITS);
    assert.deepEqual(errors(r), []);
    const cs = calls(r);
    assert.equal(cs.length, s.k);
    assert.equal(r.tasks.length, s.tasks);
    assert.equal(sum(cs, 'inTotal'), s.input + s.read + s.write);
    assert.equal(sum(cs, 'output'), s.out + s.reasoning);
    assert.equal(sum(cs, 'reasoning'), s.reasoning);
    assert.equal(sum(cs, 'cacheRead'), s.read);
    assert.equal(sum(cs, 'cacheWrite'), s.write);
    assert.ok(cs.every((c) => c.id.startsWith('msg_') && c.line !== null && c.lineage === 'main'));
  });
}

test('pfm: calls per user message, the first call as recorded', async () => {
  const r = await reader.read(sharedTrace('opencode/pfm-categorization__opencode-export.json'), LIMITS);
  assert.deepEqual(r.tasks.map((t) => t.calls.length), [6, 1, 5, 4, 5]);
  // FORMATS.md §22: the first Anthropic call has input 2, cache.write 12,260, output 75
  assert.deepEqual(r.tasks[0]!.calls[0]!.usage, { inTotal: 12_262, cacheRead: 0, cacheWrite: 12_260, output: 75, reasoning: 0, source: 'recorded' });
  assert.ok(calls(r).every((c) => c.model === 'claude-sonnet-5' && c.provider === 'anthropic'));
});

test('cap: the model switch, and the two zero-usage messages said, not counted', async () => {
  const r = await reader.read(sharedTrace('opencode/cap__opencode-export.json'), LIMITS);
  const models = calls(r).map((c) => c.model);
  // python3: glm-5.2 ×43 messages, 1 of them the aborted one; gpt-5.6-sol ×37, 1 the unfinished one
  assert.equal(models.filter((m) => m === 'glm-5.2').length, 42);
  assert.equal(models.filter((m) => m === 'gpt-5.6-sol').length, 36);
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /^2 assistant messages recorded no tokens \(MessageAbortedError, unfinished\)/.test(d.message)));
});

test('the tokscale legacy-store fixture: one call', async () => {
  const r = await reader.read(sharedTrace('opencode/tokscale-fixture/storage/message/test-project/msg_test001.json'), LIMITS);
  // input 1000 + read 200 + write 100; output 500 + reasoning 0
  assert.deepEqual(calls(r).map((c) => c.usage), [{ inTotal: 1300, cacheRead: 200, cacheWrite: 100, output: 500, reasoning: 0, source: 'recorded' }]);
});

test('legacy store fixture: a session folder read once, through its first message file; title from the part store', async () => {
  const dir = resolve(FIXTURES, 'traces/opencode/storage/message/ses_fix');
  const r = await reader.read(join(dir, 'msg_001.json'), LIMITS);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.title, t.calls.map((c) => c.id)]), [['turn-1', 'Add a login page', ['msg_002']]]);
  assert.deepEqual(calls(r)[0]!.usage, { inTotal: 3 + 9000 + 700, cacheRead: 9000, cacheWrite: 700, output: 160, reasoning: 40, source: 'recorded' });
  assert.ok(r.diagnostics.some((d) => /^1 assistant messages recorded no tokens \(MessageAbortedError\)/.test(d.message)));
  for (const other of ['msg_002.json', 'msg_003.json']) {
    const o = await reader.read(join(dir, other), LIMITS);
    assert.deepEqual(o.tasks, []);
    assert.match(o.diagnostics[0]!.message, /read once, through msg_001\.json/);
  }
});

test('detection: the OpenCode samples and fixture only; an export renamed is still found', async () => {
  for (const p of allTraceFiles()) {
    const score = detectOpenCode(await probeFile(p));
    if (p.includes('/opencode/')) assert.ok(score >= 0.9, p);
    else assert.equal(score, 0, p);
  }
  const p = join(TMP, 'session.txt');
  copyFileSync(sharedTrace('opencode/pfm-categorization__opencode-export.json'), p);
  assert.ok(detectOpenCode(await probeFile(p)) >= 0.9);
});

test('fuzz: arbitrary input, truncations and mutated messages never throw', async () => {
  const dir = join(TMP, 'fuzz');
  mkdirSync(dir);
  const p = join(dir, 'export.json');
  await fuzzArbitraryInput(reader, p);
  const text = readFileSync(sharedTrace('opencode/pfm-categorization__opencode-export.json'), 'utf8');
  await fuzzTruncatedDocument(reader, p, text, 20);
  const doc = JSON.parse(text) as { messages: { info: Record<string, unknown>; parts: unknown[] }[] };
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: doc.messages.length - 1 }), fc.constantFrom('role', 'tokens', 'time', 'summary', 'modelID'), fc.jsonValue(), async (i, key, value) => {
      const copy = JSON.parse(text) as typeof doc;
      copy.messages[i]!.info[key] = value;
      writeFileSync(p, JSON.stringify(copy));
      const r = await reader.read(p, LIMITS);
      assertWellFormed(r);
      assert.ok(calls(r).length <= 22);
    }),
    { numRuns: 60 },
  );
});

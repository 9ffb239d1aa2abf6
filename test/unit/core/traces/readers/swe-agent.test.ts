import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { Call } from '../../../../../src/core/traces/model';
import type { ReadLimits } from '../../../../../src/core/traces/reader';
import { readers } from '../../../../../src/core/traces/readers/swe-agent';
import { FIXTURES, SHARED_TRACES, sharedTrace } from '../../../helpers/shared';
import { calls, errors, allTraceFiles, assertWellFormed, fuzzArbitraryInput, fuzzTruncatedDocument } from './reader-test-utils';

const reader = readers[0]!;
const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-swe-'));

const read = (rel: string) => reader.read(sharedTrace(`swe-agent/${rel}`), LIMITS);

const unknownUsage = (c: Call) =>
  c.usage.inTotal === null && c.usage.output === null && c.usage.cacheRead === null && c.usage.cacheWrite === null;

// Expected values: python3 over the raw files — calls = history entries with role "assistant" and no
// is_demo; prompt = history entries before it; totals = info.model_stats.
test('pydicom (0.x): 12 calls, no per-call usage, instance totals in an info diagnostic', async () => {
  const r = await read('pydicom__pydicom-1458.traj');
  assert.deepEqual(errors(r), []);
  assert.equal(r.tasks.length, 1);
  const t = r.tasks[0]!;
  assert.equal(t.id, 'pydicom__pydicom-1458');
  assert.equal(t.calls.length, 12);
  assert.ok(t.calls.every(unknownUsage));
  assert.ok(t.calls.every((c) => c.model === null && c.promptComplete));
  // system prompt, the demonstration (a user message), the issue
  assert.deepEqual(t.calls[0]!.prompt?.map((m) => m.role), ['system', 'user', 'user']);
  assert.equal(t.calls.at(-1)!.prompt?.length, 25);
  assert.equal(t.calls[1]!.prompt?.[0], t.calls[0]!.prompt?.[0]);
  assert.match(t.calls[0]!.completion ?? '', /^First, I'll create a new Python script/);
  assert.deepEqual(r.diagnostics, [
    {
      line: null,
      severity: 'info',
      message: 'SWE-agent records no per-call usage; instance totals: 122612 tokens sent, 1369 received, 12 API calls, cost $1.26719; our tokenizer\'s per-call counts are scaled to these totals (tokenSource "scaled")',
    },
  ]);
});

test('test-repo: 5 calls', async () => {
  const r = await read('swe-agent__test-repo-i1.traj');
  assert.deepEqual(errors(r), []);
  assert.equal(calls(r).length, 5);
  assert.equal(calls(r).at(-1)!.prompt?.length, 11);
  assert.match(r.diagnostics[0]?.message ?? '', /52861 tokens sent, 326 received, 5 API calls/);
});

test('marshmallow function-calling demo: 11 calls, model from replay_config, tool schemas absent', async () => {
  const r = await read('marshmallow-code__marshmallow-1867.function_calling_replace.traj');
  assert.deepEqual(errors(r), []);
  const cs = calls(r);
  assert.equal(cs.length, 11);
  assert.ok(cs.every((c) => c.model === 'gpt-4o' && !c.promptComplete && unknownUsage(c)));
  assert.deepEqual(cs[0]!.prompt?.map((m) => m.role), ['system', 'user']);
  assert.deepEqual(cs[1]!.prompt?.map((m) => m.role), ['system', 'user', 'assistant', 'tool']);
  assert.match(cs[0]!.completion ?? '', /\ncreate\(\{"filename":"reproduce.py"\}\)$/);
  assert.match(r.diagnostics[0]?.message ?? '', /0 tokens sent, 0 received, 11 API calls.*all-zero totals/);
});

test('fixture v1.1: per-step query is the prompt, demonstrations are not calls, replay_config as a string', async () => {
  const r = await reader.read(join(FIXTURES, 'traces/swe-agent/query-v1.traj'), LIMITS);
  assertWellFormed(r);
  const cs = calls(r);
  assert.equal(cs.length, 2);
  assert.deepEqual(cs[0]!.prompt?.map((m) => m.text), ['You are a SWE agent.', 'Fix issue 42.']);
  assert.equal(cs[1]!.prompt?.at(-1)?.text, 'OBSERVATION: (elided by a history processor)');
  assert.ok(cs.every((c) => c.promptComplete && c.model === 'claude-sonnet-4-20250514'));
  assert.deepEqual(r.diagnostics.map((d) => d.message), [
    'SWE-agent records no per-call usage; instance totals: 1000 tokens sent, 50 received, 3 API calls, cost $0.02 ' +
      '(2 calls found in the trajectory; retries and format-error requeries are not logged); our tokenizer\'s per-call counts are scaled to these totals (tokenSource "scaled")',
  ]);
});

test('detect: the samples and a renamed copy; 0 for every other shared file', async () => {
  for (const f of allTraceFiles()) {
    const score = reader.detect(await probeFile(f));
    const mine = relative(SHARED_TRACES, f).startsWith('swe-agent/');
    assert.ok(mine ? score >= 0.9 : score === 0, `${relative(SHARED_TRACES, f)}: ${score}`);
  }
  const renamed = join(TMP, 'run.json');
  copyFileSync(sharedTrace('swe-agent/swe-agent__test-repo-i1.traj'), renamed);
  assert.ok(reader.detect(await probeFile(renamed)) >= 0.9);
  assert.equal(calls(await reader.read(renamed, LIMITS)).length, 5);
});

test('bad input: missing trajectory, wrong history records, steps without history', async () => {
  const write = (data: unknown) => {
    const p = join(TMP, 'bad.traj');
    writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
    return p;
  };
  const missing = await reader.read(write({ history: [] }), LIMITS);
  assert.match(errors(missing)[0]?.message ?? '', /^not a SWE-agent trajectory: trajectory: /);
  const odd = await reader.read(write({ trajectory: [{ response: 'a' }, { response: 'b' }], history: [5, { role: 'robot', content: 'x' }] }), LIMITS);
  assertWellFormed(odd);
  assert.deepEqual(calls(odd).map((c) => [c.completion, c.prompt]), [['a', null], ['b', null]]);
  const msgs = odd.diagnostics.map((d) => d.message);
  assert.ok(msgs.some((m) => m.startsWith('history[0]: ')));
  assert.ok(msgs.includes('history[1]: unknown role "robot"; message skipped'));
  assert.ok(msgs.some((m) => /one call per trajectory step/.test(m)));
  const mismatch = await reader.read(write({ trajectory: [{}, {}], history: [{ role: 'assistant', content: 'only one' }] }), LIMITS);
  assert.ok(mismatch.diagnostics.some((d) => d.severity === 'warning' && d.message === '1 assistant messages in `history` but 2 trajectory steps'));
  const empty = await reader.read(write(''), LIMITS);
  assert.match(errors(empty)[0]?.message ?? '', /empty file/);
});

test('fuzz: arbitrary bytes/JSON, truncations and mutated real records never throw', async () => {
  const p = join(TMP, 'fuzz.traj');
  await fuzzArbitraryInput(reader, p);
  const text = readFileSync(sharedTrace('swe-agent/swe-agent__test-repo-i1.traj'), 'utf8');
  await fuzzTruncatedDocument(reader, p, text);
  type Doc = Record<'history' | 'trajectory', Record<string, unknown>[]>;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('history', 'trajectory'),
      fc.nat({ max: 10 }),
      fc.constantFrom('role', 'content', 'is_demo', 'query', 'response'),
      fc.jsonValue(),
      async (list, i, key, value) => {
        const copy = JSON.parse(text) as Doc;
        const rec = copy[list][i % copy[list].length]!;
        rec[key] = value;
        writeFileSync(p, JSON.stringify(copy));
        assertWellFormed(await reader.read(p, LIMITS));
      },
    ),
    { numRuns: 100 },
  );
});

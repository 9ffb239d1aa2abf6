import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { probeFile } from '../../../../../src/core/traces/io';
import { detectQwenCode, readers } from '../../../../../src/core/traces/readers/qwen-code';
import { sharedTrace } from '../../../helpers/shared';
import { LIMITS, allTraceFiles, assertWellFormed, calls, errors, fuzzArbitraryInput, sum } from './reader-test-utils';

const reader = readers[0]!;
const TMP = mkdtempSync(join(tmpdir(), 'ac-qwen-'));
const SAMPLE = 'gemini-cli/qwen-code__splitrail_fixture.jsonl';

test('the splitrail fixture: 2 calls, usage counted once (INDEX.md: input 1,100, output 25, cached 50)', async () => {
  // python3: assistant records with usageMetadata: (500, 20, 0 cached), (600, 5, 50 cached); the
  // ui_telemetry api_response events repeat exactly these numbers
  const r = await reader.read(sharedTrace(SAMPLE), LIMITS);
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => [t.title, t.calls.length]), [['List the files here.', 2]]);
  const cs = calls(r);
  assert.equal(sum(cs, 'inTotal'), 1100);
  assert.equal(sum(cs, 'output'), 25);
  assert.equal(sum(cs, 'cacheRead'), 50);
  assert.ok(cs.every((c) => c.model === 'coder-model'));
});

test('without usage on the assistant records, the telemetry events are used instead (still once)', async () => {
  const lines = readFileSync(sharedTrace(SAMPLE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const p = join(TMP, 'telemetry-only.jsonl');
  writeFileSync(p, lines.map((o) => JSON.stringify(o.type === 'assistant' ? { ...o, usageMetadata: undefined } : o)).join('\n'));
  const r = await reader.read(p, LIMITS);
  assert.equal(calls(r).length, 2);
  assert.equal(sum(calls(r), 'inTotal'), 1100);
  assert.ok(r.diagnostics.some((d) => /telemetry/.test(d.message)));
});

test('detection: the Qwen fixture, not as Claude Code; no other sample', async () => {
  for (const p of allTraceFiles()) {
    const score = detectQwenCode(await probeFile(p));
    if (p.endsWith(SAMPLE)) assert.ok(score >= 0.9);
    else assert.ok(score < 0.5, p);
  }
});

test('fuzz: arbitrary input and mutated records never throw', async () => {
  const p = join(TMP, 'fuzz.jsonl');
  await fuzzArbitraryInput(reader, p);
  const lines = readFileSync(sharedTrace(SAMPLE), 'utf8').trim().split('\n');
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: lines.length - 1 }), fc.constantFrom('type', 'usageMetadata', 'message', 'systemPayload'), fc.jsonValue(), async (i, key, value) => {
      const copy = lines.slice();
      copy[i] = JSON.stringify({ ...(JSON.parse(copy[i]!) as object), [key]: value });
      writeFileSync(p, copy.join('\n'));
      const r = await reader.read(p, LIMITS);
      assertWellFormed(r);
      assert.ok(calls(r).length <= 3);
    }),
    { numRuns: 100 },
  );
});

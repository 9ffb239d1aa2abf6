import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { probeFile } from '../../../../../src/core/traces/io';
import { detectCopilotChat, readers } from '../../../../../src/core/traces/readers/copilot-chat';
import { analyzeFile } from '../../../../../src/core/inference/analyze';
import { createTokenCounter } from '../../../../../src/core/tokenize';
import { FIXTURES, sharedTrace } from '../../../helpers/shared';
import { LIMITS, allTraceFiles, assertWellFormed, calls, errors, fuzzArbitraryInput, sum } from './reader-test-utils';

const reader = readers[0]!;
const TMP = mkdtempSync(join(tmpdir(), 'ac-copilot-'));
const SAMPLE = 'copilot-chat/copilot-token-tracker__session-01-today.json';
const JSONL = resolve(FIXTURES, 'traces/copilot-chat/snapshot-and-edits.jsonl');

test('the Copilot Token Tracker fixture: 5 requests, Σ promptTokens 226, Σ outputTokens 1,983 (INDEX.md, python3)', async () => {
  const r = await reader.read(sharedTrace(SAMPLE), LIMITS);
  assert.deepEqual(errors(r), []);
  const cs = calls(r);
  assert.equal(cs.length, 5);
  assert.equal(r.tasks.length, 5);
  assert.equal(sum(cs, 'inTotal'), 226);
  assert.equal(sum(cs, 'output'), 1983);
  assert.ok(cs.every((c) => c.usage.source === 'recorded' && c.usage.cacheRead === null && c.usage.cacheWrite === null));
  assert.deepEqual(cs.map((c) => c.model), ['claude-sonnet-4.5', 'gpt-4o', 'claude-sonnet-4.5', 'o3-mini', 'gpt-4o']);
  assert.ok(cs.every((c) => c.provider === 'copilot'));
});

test('JSONL fixture: replayed from the snapshot and its edits, the last result wins, never summed per line', async () => {
  const r = await reader.read(JSONL, LIMITS);
  assert.deepEqual(errors(r), []);
  const [first, second] = calls(r);
  // r1's result was written twice (1 then 40 output tokens): the replay keeps the last
  assert.deepEqual(first!.usage, { inTotal: 100, cacheRead: null, cacheWrite: null, output: 40, reasoning: null, source: 'recorded' });
  assert.equal(first!.completion, 'It parses ');
  assert.deepEqual([first!.model, first!.provider], ['gpt-4.1', 'copilot']);
  // r2 records no tokens: left to the tokenizer, with the earlier turn as context
  assert.equal(second!.usage.source, 'tokenizer');
  assert.deepEqual(second!.prompt!.map((m) => m.text), ['Explain this file', 'It parses ', 'And the tests?']);
  assert.deepEqual([second!.model, second!.provider], ['claude-haiku-4.5', 'anthropic']);
  assert.ok(r.diagnostics.some((d) => /^1 requests record no token counts: estimated/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => /^1 agent requests made several model calls/.test(d.message)));
});

test('a request with no recorded tokens is estimated by the tokenizer, never 0', async () => {
  const counter = await createTokenCounter('o200k_base');
  const f = await analyzeFile(JSONL, { readers, tokenizer: async () => ({ count: (t) => counter.count(t) }), priceOf: () => null, selfHost: null });
  const estimated = f.tasks[1]!.perCall[0]!;
  assert.equal(estimated.inputSource, 'tokenizer');
  assert.equal(estimated.outputSource, 'tokenizer');
  // the tokenizer's count of the recorded prompt, raised to the lineage floor (README: a call without
  // usage after recorded ones sends at least the previous call's input + output)
  const previous = f.tasks[0]!.perCall.at(-1)!;
  const counted = counter.count('Explain this file') + counter.count('It parses ') + counter.count('And the tests?');
  assert.equal(estimated.input, Math.max(counted, previous.input! + previous.output!));
  assert.ok(previous.input! + previous.output! > counted, 'the fixture exercises the floor');
  assert.equal(estimated.output, counter.count('They cover the parser.'));
  assert.ok(estimated.input! > 0 && estimated.output! > 0);
  assert.equal(f.tasks[1]!.tokenSource, 'tokenizer');
  assert.equal(f.tasks[0]!.tokenSource, 'recorded');
});

test('agent request without tokens (like the real BYOK sample): one call per tool-call round, each estimated', async () => {
  // hand-made after splitrail's real copilot.json shape: result.timings and metadata.toolCallRounds, no token fields
  const p = resolve(FIXTURES, 'traces/copilot-chat/agent-rounds-no-tokens.json');
  const r = await reader.read(p, LIMITS);
  assert.deepEqual(errors(r), []);
  const cs = calls(r);
  assert.deepEqual(cs.map((c) => [c.id, c.usage.source, c.model, c.provider, c.line]), [
    ['r1/round-1', 'tokenizer', 'claude-haiku-4.5', 'litellm', 7],
    ['r1/round-2', 'tokenizer', 'claude-haiku-4.5', 'litellm', 7],
  ]);
  assert.equal(cs[0]!.completion, 'I will read it\n[tool read_file] {"path":"a.ts"}');
  // the second round was sent the question, the first round's output and the tool's result
  assert.deepEqual(cs[1]!.prompt!.map((m) => [m.role, m.text]), [['user', 'What does a.ts export?'], ['assistant', cs[0]!.completion], ['tool', 'export const a = 1']]);
  assert.equal(cs[1]!.completion, 'It exports a.');
});

test('detection: the Copilot sample and the JSONL form; no other sample', async () => {
  for (const p of allTraceFiles()) {
    const score = detectCopilotChat(await probeFile(p));
    if (p.includes('/copilot-chat/')) assert.ok(score >= 0.8, p);
    else assert.equal(score, 0, p);
  }
  assert.ok(detectCopilotChat(await probeFile(JSONL)) >= 0.9);
});

test('fuzz: arbitrary input, cut JSONL and mutated edits never throw', async () => {
  const p = join(TMP, 'session.jsonl');
  await fuzzArbitraryInput(reader, p);
  const lines = readFileSync(JSONL, 'utf8').trim().split('\n');
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: lines.length - 1 }), fc.jsonValue(), fc.integer({ min: 1, max: lines.length }), async (i, value, keep) => {
      const copy = lines.slice(0, keep);
      if (i < copy.length) copy[i] = JSON.stringify({ ...(JSON.parse(copy[i]!) as object), v: value });
      writeFileSync(p, copy.join('\n'));
      assertWellFormed(await reader.read(p, LIMITS));
    }),
    { numRuns: 100 },
  );
  // a prototype-polluting path is refused, not applied
  writeFileSync(p, [lines[0], JSON.stringify({ kind: 1, k: ['__proto__', 'polluted'], v: true })].join('\n'));
  const r = await reader.read(p, LIMITS);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(r.diagnostics.some((d) => d.line === 2));
});

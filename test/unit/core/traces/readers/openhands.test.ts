import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { ReadLimits } from '../../../../../src/core/traces/reader';
import { readers } from '../../../../../src/core/traces/readers/openhands';
import { FIXTURES, SHARED_TRACES, sharedTrace } from '../../../helpers/shared';
import { calls, sum, errors, allTraceFiles, assertWellFormed, fuzzArbitraryInput } from './reader-test-utils';

const reader = readers[0]!;
const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-oh-'));

const read = (rel: string, limits = LIMITS) => reader.read(sharedTrace(`openhands/${rel}`), limits);

// Expected values: python3 over each line — calls = metrics.response_latencies (23/34/50); usage =
// tool_call_metadata.model_response.usage of each unique response id; the 2nd and 3rd instance each have
// one latency entry (index 12 / 25) with no response event and no token_usages entry (a tool call that
// failed validation, followed by an "error" observation). Sums equal metrics.accumulated_token_usage.
test('multi_swe_bench output.jsonl: 3 instances, 23/34/50 calls, per-call usage', async () => {
  const r = await read('multi_swe_bench_output.jsonl');
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => t.id), ['ponylang__ponyc-4595', 'ponylang__ponyc-4593', 'ponylang__ponyc-4588']);
  assert.deepEqual(r.tasks.map((t) => t.line), [1, 2, 3]);
  assert.deepEqual(r.tasks.map((t) => t.calls.length), [23, 34, 50]);
  assert.deepEqual(r.tasks.map((t) => t.calls[0]!.usage.inTotal), [5920, 5549, 5282]);
  assert.deepEqual(r.tasks.map((t) => sum(t.calls, 'inTotal')), [565_158, 410_169, 938_015]);
  assert.deepEqual(r.tasks.map((t) => sum(t.calls, 'output')), [2558, 5156, 5627]);
  const cs = calls(r);
  assert.ok(cs.every((c) => c.usage.cacheRead === null && c.model === 'meta-llama/llama-4-maverick' && !c.promptComplete));
  assert.equal(new Set(cs.map((c) => c.id)).size, 107);
  const lost = [r.tasks[1]!.calls[12]!, r.tasks[2]!.calls[25]!];
  assert.deepEqual(lost.map((c) => c.id), ['gen-1746002773-cEtv7sjEX0xVQiCkirl6', 'gen-1746007084-pxnXKfoTGRM5gkgRewdN']);
  assert.ok(lost.every((c) => c.prompt === null && c.usage.inTotal === null));
  assert.deepEqual(
    r.diagnostics.map((d) => [d.severity, d.line]),
    [['warning', 2], ['warning', 3]],
  );
  // the prompt rebuilt from events: system prompt (with tools), the instruction, the workspace context
  const first = r.tasks[0]!.calls[0]!;
  assert.deepEqual(first.prompt?.map((m) => m.role), ['system', 'user', 'user']);
  assert.match(first.prompt?.[0]?.text ?? '', /^You are OpenHands agent/);
  assert.equal(r.tasks[0]!.calls[1]!.prompt?.length, 5); // + the first response, + its observation
  assert.equal(r.tasks[0]!.calls[1]!.prompt?.[3]?.text, first.completion);
  assert.equal(r.tasks[1]!.calls[0]!.prompt?.[0], first.prompt?.[0]); // interned across instances
});

test('resolver output (older events, no usage): calls = agent actions, matching metrics.costs', async () => {
  const r = await read('resolver_mock_output.jsonl');
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.title, t.calls.length]), [
    ['neubig/pr-viewer#5', 'Add MIT license', 4],
    ['neubig/pr-viewer#1', 'Add a toggle for dark mode', 22],
  ]);
  assert.ok(calls(r).every((c) => c.usage.inTotal === null && c.usage.output === null && c.model === null));
  assert.deepEqual(r.tasks[0]!.calls[0]!.prompt?.map((m) => m.role), ['user']);
  assert.match(r.tasks[0]!.calls[0]!.completion ?? '', /^Certainly! I'll add the MIT license.*\ntouch LICENSE$/s);
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.line]), [['info', 1], ['info', 2]]);
  assert.match(r.diagnostics[1]!.message, /22 calls = agent actions, matching the 22 recorded costs/);
});

test('basic.json exported trajectory: 2 Anthropic calls with cache read/write', async () => {
  const r = await read('basic.json');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.tasks.length, 1);
  const t = r.tasks[0]!;
  assert.equal(t.id, 'turn-1');
  assert.match(t.title ?? '', /^Please create a simple 2048 game/);
  assert.deepEqual(t.calls.map((c) => c.usage), [
    { inTotal: 3486, cacheRead: 0, cacheWrite: 3482, output: 1135, reasoning: null, source: 'recorded' },
    { inTotal: 4646, cacheRead: 3482, cacheWrite: 1158, output: 177, reasoning: null, source: 'recorded' },
  ]);
  assert.ok(t.calls.every((c) => c.model === 'claude-3-5-sonnet-20241022' && c.lineage === 'main'));
  assert.deepEqual(t.calls[1]!.prompt?.map((m) => m.role), ['user', 'assistant', 'tool']);
});

test('fixture: condensation starts a lineage and forgets events; one response with two actions is one call', async () => {
  const r = await reader.read(join(FIXTURES, 'traces/openhands/condensation.json'), LIMITS);
  assertWellFormed(r);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.calls.map((c) => c.id)]), [
    ['turn-1', ['r1', 'r2']],
    ['turn-2', ['main/e10']],
  ]);
  const [r1, r2, e10] = calls(r);
  assert.deepEqual([r1!.lineage, r2!.lineage, e10!.lineage], ['main', 'main/condensed-1', 'main/condensed-1']);
  assert.deepEqual(r1!.prompt?.map((m) => m.role), ['system', 'user']);
  assert.match(r1!.prompt?.[0]?.text ?? '', /^SYSTEM PROMPT\n\[\{"type":"function"/);
  assert.equal(r1!.completion, 'Two steps.\nexecute_bash({"command": "ls"})\nexecute_bash({"command": "cat a.txt"})');
  assert.deepEqual(r2!.prompt?.map((m) => m.text.slice(0, 8)), ['SYSTEM P', 'List the', 'SUMMARY:']);
  assert.deepEqual(r2!.usage, { inTotal: 60, cacheRead: 40, cacheWrite: null, output: 5, reasoning: null, source: 'recorded' });
  assert.deepEqual(e10!.prompt?.map((m) => m.role), ['system', 'user', 'user', 'assistant', 'user']);
  assert.equal(e10!.completion, 'Thanks!');
  assert.equal(e10!.usage.inTotal, null);
  assert.deepEqual(r.diagnostics.map((d) => d.severity), ['warning', 'warning']);
  assert.match(r.diagnostics[0]!.message, /^trajectory: history\[11\]: /);
  assert.match(r.diagnostics[1]!.message, /^trajectory: history\[12\]: action: /);
});

test('JSONL: bad lines are diagnosed by number and the others still read', async () => {
  const good = (id: string) =>
    JSON.stringify({
      instance_id: id,
      history: [
        { id: 0, source: 'user', action: 'message', args: { content: 'do it' } },
        { id: 1, source: 'agent', action: 'finish', args: { final_thought: 'done' }, tool_call_metadata: { model_response: { id: `resp-${id}`, usage: { prompt_tokens: 10, completion_tokens: 2 } } } },
      ],
    });
  const p = join(TMP, 'mixed.jsonl');
  writeFileSync(p, [good('a'), 'garbage', '', JSON.stringify({ instance_id: 'b', history: 5 }), good('c'), good('a'), good('d').slice(0, 40)].join('\n'));
  const r = await reader.read(p, LIMITS);
  assertWellFormed(r);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.line, t.calls.length]), [['a', 1, 1], ['c', 5, 1], ['a@line-6', 6, 1]]);
  assert.deepEqual(errors(r).map((d) => d.line), [2, 4, 7]);
  assert.match(errors(r)[1]!.message, /^line 4: history: /);
  const tooLong = await read('multi_swe_bench_output.jsonl', { ...LIMITS, maxLineBytes: 1000 });
  assert.deepEqual(errors(tooLong).map((d) => d.line), [1, 2, 3]);
  assert.match(errors(tooLong)[0]!.message, /over the line limit/);
});

test('detect: the samples and renamed copies; 0 for every other shared file', async () => {
  for (const f of allTraceFiles()) {
    const score = reader.detect(await probeFile(f));
    const mine = relative(SHARED_TRACES, f).startsWith('openhands/');
    assert.ok(mine ? score >= 0.8 : score === 0, `${relative(SHARED_TRACES, f)}: ${score}`);
  }
  for (const f of ['basic.json', 'multi_swe_bench_output.jsonl']) {
    const renamed = join(TMP, `renamed-${f}.txt`);
    copyFileSync(sharedTrace(`openhands/${f}`), renamed);
    assert.ok(reader.detect(await probeFile(renamed)) >= 0.8);
    assert.ok(calls(await reader.read(renamed, LIMITS)).length > 0);
  }
  assert.ok(reader.detect(await probeFile(join(FIXTURES, 'traces/openhands/condensation.json'))) >= 0.8);
});

test('fuzz: arbitrary bytes/JSON never throw', async () => {
  await fuzzArbitraryInput(reader, join(TMP, 'fuzz.jsonl'));
});

test('fuzz: a truncated output.jsonl keeps its complete lines and reports the cut one', async () => {
  const text = readFileSync(sharedTrace('openhands/multi_swe_bench_output.jsonl'), 'utf8');
  const ends = [...text.matchAll(/\n/g)].map((m) => m.index);
  const p = join(TMP, 'cut.jsonl');
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: text.length - 2 }), async (cut) => {
      if (ends.includes(cut)) return; // a cut at a line end is a shorter valid file
      writeFileSync(p, text.slice(0, cut));
      const r = await reader.read(p, LIMITS);
      const complete = ends.filter((e) => e < cut).length;
      assert.equal(r.tasks.length, complete);
      assert.deepEqual(errors(r).map((d) => d.line), [complete + 1]);
    }),
    { numRuns: 25 },
  );
});

test('fuzz: real events with a field replaced by any value never throw', async () => {
  const line = readFileSync(sharedTrace('openhands/multi_swe_bench_output.jsonl'), 'utf8').split('\n')[0]!;
  const n = (JSON.parse(line) as { history: unknown[] }).history.length;
  const p = join(TMP, 'mutated.jsonl');
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: n - 1 }),
      fc.constantFrom('id', 'source', 'action', 'observation', 'args', 'content', 'tool_call_metadata', 'timestamp'),
      fc.jsonValue(),
      fc.constantFrom('metrics', 'instance_id', 'metadata', null),
      async (i, key, value, top) => {
        const inst = JSON.parse(line) as Record<string, unknown> & { history: Record<string, unknown>[] };
        inst.history[i]![key] = value;
        if (top) inst[top] = value;
        writeFileSync(p, JSON.stringify(inst));
        const r = await reader.read(p, LIMITS);
        assertWellFormed(r);
        assert.ok(calls(r).length <= 24); // one event changed: at most one more call
      },
    ),
    { numRuns: 60 },
  );
});

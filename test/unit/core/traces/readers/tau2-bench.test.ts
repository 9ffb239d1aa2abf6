import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { ReadLimits, ReadResult } from '../../../../../src/core/traces/reader';
import { readers } from '../../../../../src/core/traces/readers/tau2-bench';
import { FIXTURES, SHARED_TRACES, sharedTrace } from '../../../helpers/shared';
import type { Call } from '../../../../../src/core/traces/model';
import { calls, sum, errors, allTraceFiles, assertWellFormed, fuzzArbitraryInput, fuzzTruncatedDocument } from './reader-test-utils';

const info = (r: ReadResult, re: RegExp) => r.diagnostics.find((d) => d.severity === 'info' && re.test(d.message));
const modelCounts = (cs: Call[]) => cs.reduce<Record<string, number>>((m, c) => ({ ...m, [String(c.model)]: (m[String(c.model)] ?? 0) + 1 }), {});

const reader = readers[0]!;
const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-tau2-'));

const read = (rel: string, limits = LIMITS) => reader.read(sharedTrace(`tau2-bench/${rel}`), limits);

// Expected values below come from a python3 pass over the raw files (json.load; agent call = role "assistant"
// with non-null usage; usage from raw_data.usage when it is a dict, else message.usage; in_total = prompt_tokens,
// or prompt_tokens + cached_tokens when cached_tokens > prompt_tokens).

test('telecom gpt-4o: 20 tasks, 217 agent calls, user-simulator calls left out', async () => {
  const r = await read('2025-08-10T02-44-06_telecom_llm_agent_gpt-4o_user_simulator_gpt-4o.json');
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => t.calls.length), [13, 14, 15, 10, 9, 7, 10, 15, 7, 8, 4, 9, 19, 12, 11, 9, 11, 14, 10, 10]);
  assert.equal(r.tasks[0]!.id, '[mobile_data_issue]user_abroad_roaming_enabled_off[PERSONA:None]');
  assert.deepEqual(r.tasks.slice(0, 3).map((t) => t.calls[0]!.usage.inTotal), [6281, 6287, 6281]);
  const cs = calls(r);
  assert.equal(sum(cs, 'inTotal'), 1_547_053);
  assert.equal(sum(cs, 'output'), 15_687);
  // raw_data here is the choice only: no cache numbers, so unknown, not 0
  assert.ok(cs.every((c) => c.usage.cacheRead === null));
  assert.deepEqual(modelCounts(cs), { 'gpt-4o': 217 });
  assert.match(info(r, /user-simulator/)?.message ?? '', /^263 user-simulator calls/);
  // the user's own tools (requestor "user") never appear in the agent's prompt
  assert.ok(cs.every((c) => c.prompt !== null && c.promptComplete === false));
});

test('gpt-4.1 airline: 206 calls, 5–18 per task', async () => {
  const r = await read('gpt-4.1_airline_default_gpt-4.1_1trials.json');
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => t.calls.length), [8, 8, 10, 13, 15, 10, 13, 10, 9, 8, 10, 13, 9, 9, 9, 18, 13, 9, 5, 7]);
  assert.deepEqual(r.tasks.slice(0, 3).map((t) => t.id), ['13', '6', '16']);
  assert.equal(r.tasks[0]!.calls[0]!.usage.inTotal, 3346);
  const cs = calls(r);
  assert.equal(sum(cs, 'inTotal'), 994_898);
  assert.equal(sum(cs, 'output'), 16_536);
  assert.deepEqual(modelCounts(cs), { 'gpt-4.1': 206 });
  assert.match(info(r, /user-simulator/)?.message ?? '', /^136 /);
});

test('cascata: 667 calls of mixed models per task, DeepSeek cache hits, one failed run left out', async () => {
  const r = await read('adaptive_agent_airline_opus46_cascata.json');
  assert.deepEqual(errors(r), []);
  const cs = calls(r);
  assert.equal(cs.length, 667);
  // 50 simulations, task 7 (index 9) has no message at all: infrastructure_error (RateLimitError)
  assert.equal(r.tasks.length, 49);
  assert.match(info(r, /no agent calls/)?.message ?? '', /simulations\[9\]: task 7 .*infrastructure_error/);
  assert.deepEqual(modelCounts(cs), { 'deepseek-chat': 461, 'claude-opus-4-6': 179, 'claude-sonnet-4-6': 27 });
  const deepseek = cs.filter((c) => c.model === 'deepseek-chat');
  assert.ok(deepseek.every((c) => c.provider === 'deepseek'));
  assert.equal(sum(deepseek, 'inTotal'), 3_317_018);
  assert.equal(sum(deepseek, 'cacheRead'), 3_206_592);
  assert.equal(sum(cs, 'inTotal'), 5_442_758);
  assert.equal(sum(cs, 'cacheRead'), 5_176_902);
  assert.equal(sum(cs, 'output'), 100_310);
  assert.ok(cs.every((c) => c.usage.cacheRead === null || c.usage.inTotal === null || c.usage.cacheRead <= c.usage.inTotal));
  // task "0" has 10 agent calls; its first (deepseek, no hit yet) had 4915 prompt tokens
  assert.equal(r.tasks[0]!.id, '0');
  assert.equal(r.tasks[0]!.calls.length, 10);
  assert.equal(r.tasks[0]!.calls[0]!.usage.inTotal, 4915);
  assert.equal(r.tasks[0]!.calls[0]!.usage.cacheRead, 0);
  // 184 Claude calls whose prompt_tokens left out the cached tokens (cached > prompt)
  assert.match(info(r, /cached tokens/)?.message ?? '', /^184 calls/);
  assert.match(info(r, /user-simulator/)?.message ?? '', /^330 /);
  // the run's policy is there as a system message
  assert.equal(r.tasks[0]!.calls[0]!.prompt?.[0]?.role, 'system');
  assert.match(r.tasks[0]!.calls[0]!.prompt?.[0]?.text ?? '', /^# Airline Agent Policy/);
});

test('medical (bare list): 64 tasks, 281 calls, Anthropic counts rebuilt to include cache reads', async () => {
  const r = await read('adaptive-agent_medical_claude-opus-4-6_1trial.json');
  assert.deepEqual(errors(r), []);
  assert.equal(r.tasks.length, 64);
  const cs = calls(r);
  assert.equal(cs.length, 281);
  // first call: prompt_tokens 50, cached_tokens 5383 → 5433
  assert.equal(r.tasks[0]!.calls[0]!.usage.inTotal, 5433);
  assert.equal(r.tasks[0]!.calls[0]!.usage.cacheRead, 5383);
  assert.equal(sum(cs, 'inTotal'), 1_683_749); // 69,413 prompt_tokens + 1,614,336 cached
  assert.equal(sum(cs, 'cacheRead'), 1_614_336);
  assert.equal(sum(cs, 'output'), 44_835);
  assert.deepEqual(modelCounts(cs), { 'claude-opus-4-6': 281 });
  assert.match(info(r, /cached tokens/)?.message ?? '', /^281 calls/);
  assert.match(info(r, /user-simulator/)?.message ?? '', /^298 /);
});

test('e2e mock baseline: 3 calls, prompts are the agent-visible messages before each call, interned', async () => {
  const r = await read('e2e_mock_baseline.json');
  assert.deepEqual(errors(r), []);
  assert.equal(r.tasks.length, 1);
  const t = r.tasks[0]!;
  assert.equal(t.id, 'create_task_1');
  assert.match(t.title ?? '', /^Hello! I need to create a new task/);
  // python: [(u["prompt_tokens"], u["completion_tokens"]) for assistant messages with usage]
  assert.deepEqual(t.calls.map((c) => [c.usage.inTotal, c.usage.output]), [[432, 31], [503, 22], [560, 28]]);
  assert.ok(t.calls.every((c) => c.model === 'gpt-4.1-mini' && c.lineage === t.id));
  // calls are messages 2, 4 and 6; message 5 is the tool result
  assert.deepEqual(t.calls.map((c) => c.prompt?.length), [2, 4, 6]);
  assert.deepEqual(t.calls[2]!.prompt?.map((m) => m.role), ['assistant', 'user', 'assistant', 'user', 'assistant', 'tool']);
  assert.equal(t.calls[0]!.prompt?.[0], t.calls[2]!.prompt?.[0]); // the same object: shared, not copied
  assert.match(t.calls[1]!.completion ?? '', /^create_task\(/);
});

test('retail example without usage: 9 calls with unknown usage, greeting not counted', async () => {
  const r = await read('tau2_retail_example_trajectory.json');
  assert.deepEqual(errors(r), []);
  const cs = calls(r);
  assert.equal(cs.length, 9); // 10 assistant messages, the first is the hard-coded greeting
  assert.ok(cs.every((c) => c.usage.inTotal === null && c.usage.output === null && c.model === null));
  assert.deepEqual(cs.map((c) => c.prompt?.length), [2, 4, 6, 8, 10, 12, 14, 16, 18]);
  assert.ok(info(r, /no usage recorded: 9 assistant messages/));
});

test('fixture: repeated task ids get the trial, repr raw_data and bad records are diagnosed', async () => {
  const r = await reader.read(join(FIXTURES, 'traces/tau2-bench/repr-and-trials.json'), LIMITS);
  assertWellFormed(r);
  assert.deepEqual(r.tasks.map((t) => t.id), ['t1#0', 't1#1']);
  const [a, b] = r.tasks;
  assert.deepEqual(a!.calls.map((c) => c.id), ['t1#0/m2', 't1#0/m7']);
  // repr raw_data: message.usage and the run's agent model
  assert.deepEqual([a!.calls[0]!.usage.inTotal, a!.calls[0]!.usage.cacheRead, a!.calls[0]!.model], [1000, null, 'gpt-4o-mini']);
  // JSON raw_data: its usage (with cache) and its model
  assert.deepEqual([a!.calls[1]!.usage.inTotal, a!.calls[1]!.usage.cacheRead, a!.calls[1]!.model], [1060, 1024, 'gpt-4o-mini-2024-07-18']);
  // the user's tool call and its result are not in the agent's prompt; the bad message is skipped
  assert.deepEqual(a!.calls[1]!.prompt?.map((m) => m.text), [
    'Hi! How can I help you today?',
    'My phone has no data.',
    'Please toggle airplane mode.',
    'Done, it works.',
  ]);
  assert.equal(a!.calls[1]!.completion, 'close_ticket({"ticket":7})');
  assert.equal(a!.calls[0]!.timestamp, '2025-08-01T10:00:03');
  assert.equal(b!.calls[0]!.prompt?.[0], a!.calls[0]!.prompt?.[0]);
  const msgs = r.diagnostics.map((d) => `${d.severity} ${d.message}`);
  assert.ok(msgs.some((m) => /^error simulations\[2\]: messages: .*simulation skipped/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^warning simulations\[0\]\.messages\[6\]: role: /.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^info 4 user-simulator calls/.test(m)));
  assert.ok(msgs.some((m) => /^info 1 messages store raw_data as a Python repr string/.test(m)));
});

test('directory format: results.json points to its simulation files; one SimulationRun file is one task', async () => {
  const index = join(TMP, 'results.json');
  writeFileSync(index, JSON.stringify({ timestamp: 't', info: { agent_info: { llm: 'm' }, user_info: { llm: 'u' } }, format_version: '2', simulation_index: [] }));
  assert.ok(reader.detect(await probeFile(index)) >= 0.9);
  const r = await reader.read(index, LIMITS);
  assert.deepEqual(r.diagnostics.map((d) => d.severity), ['warning']);
  assert.match(r.diagnostics[0]!.message, /^no simulations here: a directory-format results\.json/);
  const one = join(TMP, 'sim-uuid.json');
  const sim = (JSON.parse(readFileSync(sharedTrace('tau2-bench/e2e_mock_baseline.json'), 'utf8')) as { simulations: unknown[] }).simulations[0];
  writeFileSync(one, JSON.stringify(sim, null, 2));
  assert.ok(reader.detect(await probeFile(one)) >= 0.9);
  const single = await reader.read(one, LIMITS);
  assert.deepEqual(single.tasks.map((t) => [t.id, t.calls.length]), [['create_task_1', 3]]);
  assert.equal(single.tasks[0]!.calls[0]!.model, null); // no run info in a lone simulation file
});

test('detect: every tau2 sample, renamed too; 0 for every other shared file', async () => {
  for (const f of allTraceFiles()) {
    const score = reader.detect(await probeFile(f));
    const mine = relative(SHARED_TRACES, f).startsWith('tau2-bench/');
    assert.ok(mine ? score >= 0.9 : score === 0, `${relative(SHARED_TRACES, f)}: ${score}`);
  }
  const renamed = join(TMP, 'results.dat');
  copyFileSync(sharedTrace('tau2-bench/e2e_mock_baseline.json'), renamed);
  assert.ok(reader.detect(await probeFile(renamed)) >= 0.9);
  assert.equal((await reader.read(renamed, LIMITS)).tasks.length, 1);
});

test('bad documents: empty, binary, invalid UTF-8, syntax error line, too large, deeply nested', async () => {
  const write = (name: string, data: string | Buffer) => {
    const p = join(TMP, name);
    writeFileSync(p, data);
    return p;
  };
  const empty = await reader.read(write('empty.json', ''), LIMITS);
  assert.match(errors(empty)[0]?.message ?? '', /empty file/);
  const binary = await reader.read(write('bin.json', Buffer.from([0, 1, 2, 0xff, 0])), LIMITS);
  assert.equal(binary.tasks.length, 0);
  assert.ok(errors(binary).length > 0);
  const badUtf8 = await reader.read(write('utf8.json', Buffer.concat([Buffer.from('{"simulations": [{"task_id": "x", "messages": [{"role": "user", "content": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}]}')])), LIMITS);
  assert.ok(badUtf8.diagnostics.some((d) => d.severity === 'warning' && /UTF-8/.test(d.message)));
  const syntax = await reader.read(write('syntax.json', '{\n  "simulations": [\n    {"task_id": 1,,}\n  ]\n}'), LIMITS);
  assert.equal(errors(syntax)[0]?.line, 3);
  const big = await read('e2e_mock_baseline.json', { ...LIMITS, maxJsonDocumentBytes: 1000 });
  assert.match(errors(big)[0]?.message ?? '', /over the 1000 B limit/);
  const deep = await reader.read(write('deep.json', '{"simulations": [' + '['.repeat(100_000) + ']'.repeat(100_000) + ']}'), LIMITS);
  assertWellFormed(deep);
  assert.ok(deep.diagnostics.length > 0);
  const wrongTop = await reader.read(write('num.json', '42'), LIMITS);
  assert.match(errors(wrongTop)[0]?.message ?? '', /expected a JSON object or list, found number/);
});

test('fuzz: arbitrary bytes and JSON never throw and always explain themselves', async () => {
  await fuzzArbitraryInput(reader, join(TMP, 'fuzz.json'));
});

test('fuzz: truncated real sample → an invalid-JSON error with its line', async () => {
  await fuzzTruncatedDocument(reader, join(TMP, 'cut.json'), readFileSync(sharedTrace('tau2-bench/e2e_mock_baseline.json'), 'utf8'), 40);
});

/** Every object/array node of a JSON value, with a setter replacing it. */
function nodes(root: unknown): ((v: unknown) => void)[] {
  const out: ((v: unknown) => void)[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      const holder = v as Record<string, unknown>;
      out.push((x) => {
        if (x === undefined && !Array.isArray(holder)) delete holder[k];
        else holder[k] = x;
      });
      walk(holder[k]);
    }
  };
  walk(root);
  return out;
}

test('fuzz: real records with a field replaced by any value or deleted never throw', async () => {
  const text = readFileSync(sharedTrace('tau2-bench/e2e_mock_baseline.json'), 'utf8');
  const count = nodes(JSON.parse(text)).length;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: count - 1 }), fc.option(fc.jsonValue(), { nil: undefined })), { minLength: 1, maxLength: 4 }), async (edits) => {
      const doc: unknown = JSON.parse(text);
      const setters = nodes(doc);
      for (const [i, v] of edits) setters[i % setters.length]?.(v);
      const p = join(TMP, 'mutated.json');
      writeFileSync(p, JSON.stringify(doc));
      const r = await reader.read(p, LIMITS);
      assertWellFormed(r);
      assert.ok(r.tasks.length > 0 || r.diagnostics.length > 0);
    }),
    { numRuns: 150 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { zipOf, type ZipEntry } from '../../../../support/zip';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { Call } from '../../../../../src/core/traces/model';
import type { ReadLimits, ReadResult } from '../../../../../src/core/traces/reader';
import { readers } from '../../../../../src/core/traces/readers/inspect-ai';
import { inspectUsage, parseVersion } from '../../../../../src/core/traces/readers/inspect-ai-usage';
import { FIXTURES, SHARED_TRACES, sharedTrace } from '../../../helpers/shared';

const reader = readers[0]!;
const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-inspect-'));
const FIXTURE = join(FIXTURES, 'traces/inspect-ai/anthropic-react-agent.json');

const read = (rel: string) => reader.read(sharedTrace(`inspect-ai/${rel}`), LIMITS);
const calls = (r: ReadResult): Call[] => r.tasks.flatMap((t) => t.calls);
const errors = (r: ReadResult) => r.diagnostics.filter((d) => d.severity === 'error');
/** Sum that stays null when no call knows the number (unknown is not 0). */
const sumOf = (cs: Call[], k: 'inTotal' | 'output' | 'cacheRead') =>
  cs.some((c) => c.usage[k] != null) ? cs.reduce((a, c) => a + (c.usage[k] ?? 0), 0) : null;

function allTraceFiles(dir = SHARED_TRACES): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allTraceFiles(join(dir, f)) : [join(dir, f)]));
}

let tmpCount = 0;
function tmpFile(content: string | Buffer, name = 'log.json'): string {
  const p = join(TMP, `${tmpCount++}-${name}`);
  writeFileSync(p, content);
  return p;
}

// --- a minimal zip writer, so tests can build .eval archives (and broken ones) ---------------

const fixtureLog = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as { samples: Record<string, unknown>[] } & Record<string, unknown>;
function evalOf(log: ReturnType<typeof fixtureLog>, extra: ZipEntry[] = []): string {
  const { samples, ...header } = log;
  const entries: ZipEntry[] = samples.map((s) => ({ name: `samples/${String(s.id)}_epoch_${String(s.epoch)}.json`, data: JSON.stringify(s) }));
  return tmpFile(zipOf([...entries, ...extra, { name: 'header.json', data: JSON.stringify(header) }]), 'run.eval');
}

// --- real samples ------------------------------------------------------------------------------
// Expected values: python3 over the raw logs (json.load, zipfile): per sample × epoch, the model
// events not under a span of type scorer/scorers nor between step begin/end of type scorer;
// I0 = first event's output.usage.input_tokens; sums of output_tokens and input_tokens_cache_read.
// Tasks in Inspect's order (epoch, then id zero-filled). Cross-check: header stats.model_usage
// totals 620 in / 20 out (popularity) and 252 / 6 (log_streaming) equal the sums of I0 and outputs.
const SAMPLES = [
  {
    file: '2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval',
    ids: Array.from({ length: 10 }, (_, i) => `${i + 1}_epoch_1`),
    k: Array<number>(10).fill(1),
    i0: [64, 58, 70, 67, 63, 58, 61, 55, 61, 63],
    out: 20,
    cacheRead: null,
    model: 'gpt-4o-mini',
    provider: 'openai',
  },
  { file: '2025-05-12T20-27-36-04-00_browser.json', ids: ['1_epoch_1'], k: [5], i0: [1124], out: 281, cacheRead: 9088, model: 'gpt-4o-mini', provider: 'openai' },
  {
    file: '2025-05-12T20-28-26-04-00_security-guide.json',
    ids: ['1_epoch_1', '2_epoch_1', '3_epoch_1'],
    k: [1, 1, 1],
    i0: [61, 60, 61],
    out: 49,
    cacheRead: 0,
    model: 'gpt-4o-mini',
    provider: 'openai',
  },
  { file: 'log_message_deduplication.eval', ids: ['0_epoch_1'], k: [6], i0: [null], out: null, cacheRead: null, model: 'hardcoded', provider: 'hardcoded' },
  {
    file: 'log_streaming.eval',
    ids: ['1_epoch_1', '2_epoch_1', '1_epoch_2', '2_epoch_2'],
    k: [1, 1, 1, 1],
    i0: [66, 60, 66, 60],
    out: 6,
    cacheRead: null,
    model: 'Meta-Llama-3-1-405B-Instruct-jqf',
    provider: 'azureai',
  },
];

for (const s of SAMPLES) {
  test(`${s.file}: tasks, k, I0, outputs, cache reads and model`, async () => {
    const r = await read(s.file);
    assert.deepEqual(errors(r), []);
    assert.deepEqual(r.tasks.map((t) => t.id), s.ids);
    assert.deepEqual(r.tasks.map((t) => t.calls.length), s.k);
    assert.deepEqual(r.tasks.map((t) => t.calls[0]!.usage.inTotal), s.i0);
    assert.equal(sumOf(calls(r), 'output'), s.out);
    assert.equal(sumOf(calls(r), 'cacheRead'), s.cacheRead);
    for (const c of calls(r)) {
      assert.equal(c.model, s.model);
      assert.equal(c.provider, s.provider);
      assert.equal(c.promptComplete, true);
      assert.equal(c.isSubagent, false);
    }
  });
}

test('browser.json: OpenAI usage (old Inspect) counts cache reads inside input_tokens, as total_tokens shows', async () => {
  const r = await read('2025-05-12T20-27-36-04-00_browser.json');
  assert.deepEqual(r.diagnostics, []);
  const cs = calls(r);
  // raw: input_tokens 1568, cache_read 1024, output 17, total 1585 = 1568 + 17
  assert.deepEqual([cs[1]!.usage.inTotal, cs[1]!.usage.cacheRead, cs[1]!.usage.output], [1568, 1024, 17]);
  assert.deepEqual(cs.map((c) => c.usage.inTotal), [1124, 1568, 2732, 3896, 5915]);
  assert.ok(cs.every((c) => c.usage.source === 'recorded' && c.usage.cacheWrite === null));
});

test('browser.json: each prompt is the tools + every input message, and carries the previous reply', async () => {
  const cs = calls(await read('2025-05-12T20-27-36-04-00_browser.json'));
  // input lengths 1, 3, 5, 7, 9 (python: len(event.input)) plus the tools message
  assert.deepEqual(cs.map((c) => c.prompt!.length), [2, 4, 6, 8, 10]);
  assert.equal(cs[0]!.prompt![0]!.role, 'system');
  assert.match(cs[0]!.prompt![0]!.text, /^Tools:\n.*web_browser_go/s);
  // the user message was an attachment:// reference, resolved from sample.attachments
  assert.match(cs[0]!.prompt![1]!.text, /web browser/i);
  assert.ok(!cs.some((c) => c.prompt!.some((m) => m.text.startsWith('attachment://'))));
  for (let i = 1; i < cs.length; i++) {
    assert.equal(cs[i]!.prompt![2 * i]!.text, cs[i - 1]!.completion, `call ${i + 1} repeats reply ${i}`);
    // interned: the growing context shares message objects
    assert.equal(cs[i]!.prompt![1], cs[0]!.prompt![1]);
  }
});

test('security-guide.json: the model-graded scorer calls are left out of k, with an info', async () => {
  const r = await read('2025-05-12T20-28-26-04-00_security-guide.json');
  assert.deepEqual(r.diagnostics, [
    { line: null, severity: 'info', message: '3 model-graded scorer call(s) left out of k: they grade the agent, they are not the agent' },
  ]);
  assert.deepEqual(calls(r).map((c) => c.usage.output), [17, 9, 23]);
});

test('log_message_deduplication.eval (v3): input_refs resolved from message_pool; no usage → tokenizer', async () => {
  const r = await read('log_message_deduplication.eval');
  assert.deepEqual(r.diagnostics, []);
  const cs = calls(r);
  // input_refs [[0,1]], [[0,3]] … [[0,11]] (python) + the tools message
  assert.deepEqual(cs.map((c) => c.prompt!.length), [2, 4, 6, 8, 10, 12]);
  assert.equal(cs[0]!.prompt![1]!.text, 'Guess the number');
  assert.ok(cs.every((c) => c.usage.source === 'tokenizer' && c.usage.inTotal === null && c.usage.output === null));
  assert.equal(cs[5]!.completion, 'done');
});

// --- hand-made fixture: Anthropic usage, subagents, scorer, pending, attachments ---------------
test('fixture: Anthropic input_tokens excludes the cache, total_tokens proves it; in_total adds it back', async () => {
  const r = await reader.read(FIXTURE, LIMITS);
  assert.deepEqual(r.tasks.map((t) => t.id), ['s1_epoch_1', '2_epoch_1']);
  const [a, b, sub] = r.tasks[0]!.calls;
  // 40 uncached + 1800 written (total 1960 = 40 + 1800 + 120); then 300 + 1800 read (2160 = 300 + 1800 + 60)
  assert.deepEqual(a!.usage, { inTotal: 1840, cacheRead: 0, cacheWrite: 1800, output: 120, reasoning: null, source: 'recorded' });
  assert.deepEqual(b!.usage, { inTotal: 2100, cacheRead: 1800, cacheWrite: 0, output: 60, reasoning: null, source: 'recorded' });
  assert.equal(a!.model, 'claude-3-7-sonnet-20250219');
  assert.equal(a!.provider, 'anthropic');
  // no total_tokens: inspect_ai 0.3.100 < 0.3.184 and provider anthropic → cache excluded → 100 + 900
  assert.equal(r.tasks[1]!.calls[0]!.usage.inTotal, 1000);
  assert.ok(r.diagnostics.some((d) => d.severity === 'info' && /excluding cached tokens \(provider anthropic/.test(d.message)));
  assert.equal(sub!.isSubagent, true);
  assert.equal(sub!.lineage, 's1_epoch_1:agent-sp-sub');
  assert.equal(a!.lineage, 's1_epoch_1:main');
  assert.equal(b!.lineage, a!.lineage);
});

test('fixture: scorer and pending calls are not counted; attachments resolve in tools and tool results', async () => {
  const r = await reader.read(FIXTURE, LIMITS);
  assert.equal(r.tasks[0]!.calls.length, 3);
  assert.deepEqual(
    r.diagnostics.map((d) => d.message).filter((m) => /scorer|pending/.test(m)),
    ['1 model-graded scorer call(s) left out of k: they grade the agent, they are not the agent', '1 model call(s) still pending (no output yet): not counted'],
  );
  const b = r.tasks[0]!.calls[1]!;
  assert.match(b.prompt![0]!.text, /Run a shell command in the sandbox/);
  assert.equal(b.prompt![4]!.role, 'tool');
  assert.equal(b.prompt![4]!.text, 'FAILED test_utils.py::test_add - assert -1 == 3');
  assert.equal(b.prompt![3]!.text, 'Let me run the tests.\n[tool call] bash({"cmd":"pytest -q"})');
  assert.equal(b.promptComplete, true);
  assert.equal(r.tasks[0]!.title, 'The test test_add fails. Fix it.');
});

test('an unresolvable attachment or message-pool ref makes the prompt incomplete, with a warning', async () => {
  const log = fixtureLog();
  const s1 = log.samples[0]!;
  s1.attachments = {};
  const r = await reader.read(tmpFile(JSON.stringify(log)), LIMITS);
  const b = r.tasks[0]!.calls[1]!;
  assert.equal(b.promptComplete, false);
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /prompts are incomplete/.test(d.message)));
});

// --- usage normalization per provider and Inspect version ---------------------------------------
test('inspectUsage: total_tokens decides whether input_tokens includes cache tokens', () => {
  const old = parseVersion('0.3.95.dev16+g6527d0861');
  const modern = parseVersion('0.3.190');
  // OpenAI before 0.3.184: input_tokens = prompt_tokens (cached included); total = input + output
  const a = inspectUsage({ input_tokens: 1568, output_tokens: 17, total_tokens: 1585, input_tokens_cache_read: 1024 }, old, 'openai');
  assert.equal(a.usage.inTotal, 1568);
  assert.equal(a.assumption, null);
  // OpenAI from 0.3.184: input_tokens = prompt - cached; total_tokens = prompt + completion
  const b = inspectUsage({ input_tokens: 544, output_tokens: 17, total_tokens: 1585, input_tokens_cache_read: 1024 }, modern, 'openai');
  assert.equal(b.usage.inTotal, 1568);
  // no total: the version decides (≥ 0.3.184 excludes for every provider)…
  assert.equal(inspectUsage({ input_tokens: 544, output_tokens: 17, input_tokens_cache_read: 1024 }, modern, 'openai').usage.inTotal, 1568);
  // …and before it, the provider (OpenAI-style included)
  const c = inspectUsage({ input_tokens: 1568, output_tokens: 17, input_tokens_cache_read: 1024 }, old, 'openai');
  assert.equal(c.usage.inTotal, 1568);
  assert.match(c.assumption ?? '', /including cached tokens/);
  // Gemini before 2026: thoughts outside output_tokens (total = prompt + candidates + thoughts)
  const g = inspectUsage({ input_tokens: 100, output_tokens: 20, reasoning_tokens: 50, total_tokens: 170 }, old, 'google');
  assert.deepEqual([g.usage.inTotal, g.usage.output, g.usage.reasoning], [100, 70, 50]);
  // reasoning already inside output: total = input + output
  assert.equal(inspectUsage({ input_tokens: 100, output_tokens: 70, reasoning_tokens: 50, total_tokens: 170 }, old, 'openai').usage.output, 70);
  // nothing recorded: every number unknown, to be tokenized
  assert.deepEqual(inspectUsage(undefined, old, 'openai').usage, { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' });
  // wrong types are unknown numbers, never 0
  assert.equal(inspectUsage({ input_tokens: '12', output_tokens: -3 }, old, 'openai').usage.inTotal, null);
});

// --- .eval archives built here -----------------------------------------------------------------
test('.eval: samples read per entry, sorted like Inspect (epoch, then id), header version used', async () => {
  const log = fixtureLog();
  const s1b = { ...log.samples[0]!, epoch: 2 };
  log.samples = [log.samples[1]!, s1b, log.samples[0]!];
  const r = await reader.read(evalOf(log), LIMITS);
  assert.deepEqual(errors(r), []);
  assert.deepEqual(r.tasks.map((t) => t.id), ['2_epoch_1', 's1_epoch_1', 's1_epoch_2']);
  assert.equal(r.tasks[0]!.calls[0]!.usage.inTotal, 1000);
});

test('.eval v3: message_pool + input_refs are expanded; a ref past the pool marks the prompt incomplete', async () => {
  const log = fixtureLog();
  const s = log.samples[0]!;
  const events = s.events as Record<string, unknown>[];
  const models = events.filter((e) => e.event === 'model' && e.uuid === 'ev-2');
  const input = models[0]!.input as unknown[];
  s.message_pool = input;
  models[0]!.input = [];
  models[0]!.input_refs = [[0, 2], [2, 4]];
  const s1 = async () => (await reader.read(evalOf(log), LIMITS)).tasks.find((t) => t.id === 's1_epoch_1')!;
  const b = (await s1()).calls[1]!;
  assert.equal(b.prompt!.length, 5);
  assert.equal(b.prompt![4]!.text, 'FAILED test_utils.py::test_add - assert -1 == 3');
  assert.equal(b.promptComplete, true);
  models[0]!.input_refs = [[0, 9]];
  assert.equal((await s1()).calls[1]!.promptComplete, false);
});

test('.eval: a damaged entry is an error naming it, and the other samples are still read', async () => {
  const log = fixtureLog();
  const p = evalOf(log, [{ name: 'samples/9_epoch_1.json', data: '{"id": 9, "events": [' }, { name: 'samples/8_epoch_1.json', data: '{"id": 8, "events": 5}' }]);
  const r = await reader.read(p, LIMITS);
  assert.deepEqual(r.tasks.map((t) => t.id), ['2_epoch_1', 's1_epoch_1']);
  const errs = errors(r).map((d) => d.message);
  assert.equal(errs.length, 2);
  assert.match(errs[0]!, /^samples\/9_epoch_1\.json: not valid JSON/);
  assert.match(errs[1]!, /^samples\/8_epoch_1\.json: not an Inspect sample \(events: /);
});

test('.eval: a zip bomb is cut at the entry limit, even when it lies about its size', async () => {
  const small: ReadLimits = { ...LIMITS, maxJsonDocumentBytes: 1024 * 1024 };
  const huge = Buffer.alloc(8 * 1024 * 1024, 0x20); // 8 MiB of spaces deflates to a few KiB
  const honest = evalOf(fixtureLog(), [{ name: 'samples/7_epoch_1.json', data: huge }]);
  const lying = evalOf(fixtureLog(), [{ name: 'samples/7_epoch_1.json', data: huge, declaredSize: 100 }]);
  for (const p of [honest, lying]) {
    const before = process.memoryUsage().rss;
    const r = await reader.read(p, small);
    assert.equal(r.tasks.length, 2);
    assert.ok(errors(r).some((d) => d.message.startsWith('samples/7_epoch_1.json: ')), JSON.stringify(r.diagnostics));
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024);
  }
});

test('.eval: chunked sample layout is reported, re-logged entries count once, no header is an info', async () => {
  const log = fixtureLog();
  const { samples } = log;
  const s1 = JSON.stringify(samples[0]);
  const p = tmpFile(
    zipOf([
      { name: '_journal/start.json', data: JSON.stringify({ version: 2, eval: { packages: { inspect_ai: '0.3.100' } } }) },
      { name: 'samples/s1_epoch_1.json', data: s1 },
      { name: 'samples/s1_epoch_1.json', data: s1 },
      { name: 'samples/5_epoch_1/sample.json', data: '{}' },
      { name: 'samples/5_epoch_1/events/0.json', data: '[]' },
    ]),
    'live.eval',
  );
  const r = await reader.read(p, LIMITS);
  assert.deepEqual(r.tasks.map((t) => t.id), ['s1_epoch_1']);
  assert.ok(r.diagnostics.some((d) => d.severity === 'info' && /no header\.json/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /chunked sample layout/.test(d.message)));
});

test('.eval truncated at any offset (a log still being written): diagnostics, never a throw', async () => {
  const bytes = readFileSync(sharedTrace('inspect-ai/log_streaming.eval'));
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (cut) => {
      const r = await reader.read(tmpFile(bytes.subarray(0, cut), 'cut.eval'), LIMITS);
      assert.ok(r.diagnostics.length > 0);
    }),
    { numRuns: 40 },
  );
});

test('.eval with random bytes flipped: never throws', async () => {
  const bytes = readFileSync(sharedTrace('inspect-ai/log_streaming.eval'));
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), async (flips) => {
      const b = Buffer.from(bytes);
      for (const [i, v] of flips) b[i] = v;
      const r = await reader.read(tmpFile(b, 'flip.eval'), LIMITS);
      assert.ok(Array.isArray(r.tasks) && Array.isArray(r.diagnostics));
    }),
    { numRuns: 40 },
  );
});

// --- bad input ---------------------------------------------------------------------------------
test('bad .json logs: invalid JSON with its line, wrong types, too large, empty, binary', async () => {
  const inv = await reader.read(tmpFile('{\n  "version": 2,\n  "samples": [\n    {"id": 1,\n'), LIMITS);
  assert.equal(errors(inv).length, 1);
  assert.match(errors(inv)[0]!.message, /^not valid JSON/);
  assert.equal(typeof errors(inv)[0]!.line, 'number');

  const wrong = await reader.read(tmpFile(JSON.stringify({ version: 2, eval: {}, samples: [{ id: 1, events: [{ event: 'model', model: 5, output: { usage: { input_tokens: 'x' } } }] }, 7] })), LIMITS);
  assert.deepEqual(wrong.tasks, []);
  assert.ok(wrong.diagnostics.some((d) => d.severity === 'warning' && /sample 1_epoch_1, event 1: model: /.test(d.message)));
  assert.ok(wrong.diagnostics.some((d) => d.severity === 'error' && /^samples\[1\]: not an Inspect sample/.test(d.message)));

  const big = await reader.read(tmpFile('{"version": 2, "samples": []}'.padEnd(4096, ' ')), { ...LIMITS, maxJsonDocumentBytes: 1024 });
  assert.match(errors(big)[0]!.message, /over the 1\.0 KiB JSON document limit/);

  for (const content of ['', Buffer.from([0, 1, 2, 0xff, 0xfe]), '[1,2,3]', 'null']) {
    const r = await reader.read(tmpFile(content), LIMITS);
    assert.deepEqual(r.tasks, []);
    assert.equal(errors(r).length, 1);
  }
});

test('fuzz: arbitrary bytes never throw and always leave a diagnostic', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      const r = await reader.read(tmpFile(Buffer.from(bytes)), LIMITS);
      assert.ok(r.diagnostics.length > 0 || r.tasks.length > 0);
    }),
    { numRuns: 60 },
  );
});

test('fuzz: a real log truncated or with values of the wrong type never throws', async () => {
  const text = readFileSync(sharedTrace('inspect-ai/2025-05-12T20-28-26-04-00_security-guide.json'), 'utf8');
  const doc = JSON.parse(text) as { samples: { events: Record<string, unknown>[] }[] };
  const events = doc.samples.flatMap((s) => s.events);
  const keys = ['input', 'output', 'model', 'tools', 'span_id', 'event', 'input_refs'];
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: text.length }),
      fc.array(fc.tuple(fc.nat(events.length - 1), fc.constantFrom(...keys), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer()), fc.object())), { maxLength: 8 }),
      async (cut, flips) => {
        const r1 = await reader.read(tmpFile(text.slice(0, cut)), LIMITS);
        assert.ok(r1.diagnostics.length > 0 || cut === text.length);
        const mutated = structuredClone(doc);
        const evs = mutated.samples.flatMap((s) => s.events);
        for (const [i, k, v] of flips) evs[i]![k] = v;
        const r2 = await reader.read(tmpFile(JSON.stringify(mutated)), LIMITS);
        assert.ok(Array.isArray(r2.tasks));
      },
    ),
    { numRuns: 40 },
  );
});

test('deeply nested values in a tool call do not overflow the stack', async () => {
  const log = fixtureLog();
  const ev = (log.samples[0]!.events as Record<string, unknown>[]).find((e) => e.uuid === 'ev-1')!;
  const msg = (ev.output as { choices: { message: { tool_calls: { arguments: unknown }[] } }[] }).choices[0]!.message;
  msg.tool_calls[0]!.arguments = '__DEEP__';
  // JSON.stringify cannot nest 100,000 levels (JSON.parse can): splice the text in by hand
  const text = JSON.stringify(log).replace('"__DEEP__"', '['.repeat(100_000) + '1' + ']'.repeat(100_000));
  const r = await reader.read(tmpFile(text), LIMITS);
  assert.deepEqual(errors(r), []);
  assert.match(r.tasks[0]!.calls[0]!.completion ?? '', /nested too deep/);
});

// --- detection -----------------------------------------------------------------------------------
test('detect: every Inspect sample, renamed too; nothing else in the shared traces', async () => {
  for (const f of allTraceFiles()) {
    const score = reader.detect(await probeFile(f));
    if (f.includes('/inspect-ai/')) assert.ok(score >= 0.9, `${f}: ${score}`);
    else assert.equal(score, 0, f);
  }
  for (const f of ['log_streaming.eval', '2025-05-12T20-27-36-04-00_browser.json']) {
    const copy = join(TMP, `renamed-${basename(f)}.dat`);
    copyFileSync(sharedTrace(`inspect-ai/${f}`), copy);
    assert.ok(reader.detect(await probeFile(copy)) >= 0.9, f);
  }
  assert.ok(reader.detect(await probeFile(FIXTURE)) >= 0.9);
});

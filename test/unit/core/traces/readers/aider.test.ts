import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { Call } from '../../../../../src/core/traces/model';
import type { ReadLimits, ReadResult } from '../../../../../src/core/traces/reader';
import { aiderChatHistoryReader as md, aiderLlmHistoryReader as llm } from '../../../../../src/core/traces/readers/aider';
import { parseTokens } from '../../../../../src/core/traces/readers/aider-chat-md';
import { SHARED_TRACES, sharedTrace } from '../../../helpers/shared';

const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const TMP = mkdtempSync(join(tmpdir(), 'ac-aider-'));
const calls = (r: ReadResult): Call[] => r.tasks.flatMap((t) => t.calls);
const errors = (r: ReadResult) => r.diagnostics.filter((d) => d.severity === 'error');

function allTraceFiles(dir = SHARED_TRACES): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allTraceFiles(join(dir, f)) : [join(dir, f)]));
}
let n = 0;
function tmpFile(content: string | Buffer, name = 'history'): string {
  const p = join(TMP, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}

// Expected values: python3 over the raw files (parse TO LLM / LLM RESPONSE blocks, messages split on
// "-------", roles from the line prefix; a block continues the previous task when it resends the
// previous failed block's messages, when its last user message starts with the previous reply, or
// when it starts with one of aider's reflection prompts). Empty LLM RESPONSE blocks: 14, all
// rate-limit retries (the .md shows "litellm.RateLimitError … Retrying in N seconds" there).
const SIMPLE_CALCULATOR_K = [3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 2, 1, 1, 1];

test('.aider.llm.history: 34 blocks = 20 calls + 14 failed retries, in 15 human requests', async () => {
  const r = await llm.read(sharedTrace('aider/.aider.llm.history'), LIMITS);
  assert.deepEqual(r.diagnostics, [
    {
      line: null,
      severity: 'info',
      message: '14 TO LLM block(s) got an empty LLM RESPONSE (failed requests such as rate-limit retries, logged by aider anyway): not counted as calls',
    },
    { line: null, severity: 'info', message: '1 request(s) never got a reply: no task' },
  ]);
  assert.deepEqual(r.tasks.map((t) => t.calls.length), SIMPLE_CALCULATOR_K);
  assert.equal(calls(r).length, 20);
  assert.equal(r.tasks[0]!.title, 'give me a quick summarized overview of this repo');
  // the first prompt: system + 2 example exchanges + switch notice + repo map + file notice + request (python: 12 messages)
  const first = calls(r)[0]!;
  assert.equal(first.prompt!.length, 12);
  assert.deepEqual(first.prompt!.slice(0, 3).map((m) => m.role), ['system', 'user', 'assistant']);
  assert.equal(first.prompt![0]!.text.split('\n')[0], 'Act as an expert software developer.');
  assert.equal(first.promptComplete, true);
  assert.equal(first.line, 1);
  assert.equal(first.timestamp, '2025-05-04T17:06:58');
  assert.match(first.completion!, /^This repository contains a simple web-based calculator/);
  for (const c of calls(r)) {
    assert.deepEqual(c.usage, { inTotal: null, cacheRead: null, cacheWrite: null, output: null, reasoning: null, source: 'tokenizer' });
    assert.equal(c.model, null);
    assert.equal(c.lineage, 'main');
  }
});

test('.aider.llm.history: a reflection carries the previous reply in its prompt, and contexts share messages', async () => {
  const r = await llm.read(sharedTrace('aider/.aider.llm.history'), LIMITS);
  const [a, b] = r.tasks[0]!.calls;
  // "I added these files to the chat: …" is aider's own follow-up, same task
  assert.match(b!.prompt![b!.prompt!.length - 1]!.text, /^I added these files to the chat:/);
  assert.ok(b!.prompt!.some((m) => m.role === 'assistant' && m.text === a!.completion));
  assert.equal(b!.prompt![0], a!.prompt![0]); // the system prompt is one interned object
});

test('friendly_names llm.history: architect mode, the editor call is the same task in its own lineage', async () => {
  const r = await llm.read(sharedTrace('aider/friendly_names.aider.llm.history'), LIMITS);
  assert.deepEqual(r.diagnostics, []);
  // python: 33 blocks, none empty, 19 tasks
  assert.deepEqual(r.tasks.map((t) => t.calls.length), [1, 1, 2, 2, 2, 2, 2, 3, 2, 1, 3, 2, 2, 2, 1, 1, 1, 1, 2]);
  const t4 = r.tasks[3]!;
  assert.deepEqual(t4.calls.map((c) => c.lineage), ['main', 'editor']);
  assert.deepEqual(t4.calls.map((c) => c.isSubagent), [false, true]);
  // the editor's request is the architect's answer
  const editorRequest = t4.calls[1]!.prompt!.filter((m) => m.role === 'user').pop()!.text;
  assert.ok(editorRequest.startsWith(t4.calls[0]!.completion!.trim()));
});

// Expected values: python3 over the .md: "#### " lines ending in two spaces are typed input
// (consecutive ones joined; "/…" commands skipped); each "> Tokens: X sent, Y received." is one
// call of the current input; "3.2k" = 3200, "12k" = 12000.
test('.aider.chat.history.md: 20 Tokens lines in 15 requests, the same k as the llm.history of the same session', async () => {
  const r = await md.read(sharedTrace('aider/.aider.chat.history.md'), LIMITS);
  assert.deepEqual(errors(r), []);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.severity, 'info');
  assert.match(r.diagnostics[0]!.message, /rounded/);
  assert.deepEqual(r.tasks.map((t) => t.calls.length), SIMPLE_CALCULATOR_K);
  assert.deepEqual(
    r.tasks.map((t) => t.calls[0]!.usage.inTotal),
    [3200, 5400, 7000, 9100, 10000, 13000, 7800, 8800, 11000, 12000, 1600, 6100, 7700, 9600, 10000],
  );
  assert.equal(calls(r).reduce((a, c) => a + (c.usage.output ?? 0), 0), 18_044);
  assert.equal(calls(r).reduce((a, c) => a + (c.usage.inTotal ?? 0), 0), 148_200);
  const c0 = calls(r)[0]!;
  assert.deepEqual(c0.usage, { inTotal: 3200, cacheRead: null, cacheWrite: null, output: 222, reasoning: null, source: 'recorded' });
  assert.equal(c0.model, 'gemini-2.5-pro-exp-03-25');
  assert.equal(c0.provider, 'gemini');
  assert.equal(c0.prompt, null);
  assert.equal(c0.promptComplete, false);
  assert.match(c0.completion!, /^This repository contains a simple web-based calculator/);
  // the assistant's own "#### If you're using **npm**:" heading is not a request
  assert.ok(!r.tasks.some((t) => /If you're using/.test(t.title ?? '')));
  // /model switches start a new lineage: gemini, then qwen3, then (after /reset, /model ×2) deepseek
  assert.deepEqual([...new Set(calls(r).map((c) => `${c.lineage} ${c.model}`))], [
    'session-1.0 gemini-2.5-pro-exp-03-25',
    'session-1.1 qwen3:32b',
    'session-1.4 deepseek.deepseek-chat',
  ]);
  // a multi-line request is one task
  assert.equal(r.tasks[8]!.title, 'i get this error : ompiled with warnings. [eslint] src/components/EmojiBubble.j…');
});

test('parseTokens: aider shapes, with cache parts and costs', () => {
  assert.deepEqual(parseTokens('3.2k sent, 222 received.'), { sent: 3200, cacheWrite: null, cacheHit: null, received: 222 });
  assert.deepEqual(parseTokens('12k sent, 1.1k received. Cost: $0.02 message, $0.05 session.'), { sent: 12000, cacheWrite: null, cacheHit: null, received: 1100 });
  assert.deepEqual(parseTokens('15k sent, 2.0k cache write, 11k cache hit, 300 received.'), { sent: 15000, cacheWrite: 2000, cacheHit: 11000, received: 300 });
  assert.equal(parseTokens('lots sent, 3 received.'), null);
  assert.equal(parseTokens('3.2k sent'), null);
});

test('md: cache parts, a session preamble, a new session, lines without the two spaces', async () => {
  const text = [
    '',
    '# aider chat started at 2025-01-01 10:00:00',
    '',
    '> Main model: anthropic/claude-3-7-sonnet-20250219 with diff edit format, prompt cache, infinite output',
    '> Tokens: 1.5k sent, 20 received. Cost: $0.01 message, $0.01 session.',
    '',
    '#### fix the bug  ',
    '',
    'Sure.',
    '',
    '#### A heading the model wrote',
    '',
    '> Tokens: 15k sent, 2.0k cache write, 11k cache hit, 300 received.',
    '> Cost: $0.05 message, $0.06 session.',
    '> Tokens: garbage',
    '',
    '# aider chat started at 2025-01-02 10:00:00',
    '',
    '> Tokens: 900 sent, 10 received.',
  ].join('\n');
  const r = await md.read(tmpFile(text, 'x.md'), LIMITS);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.calls.length]), [['preamble-1', 1], ['turn-7', 1], ['preamble-2', 1]]);
  const c = r.tasks[1]!.calls[0]!;
  assert.deepEqual(c.usage, { inTotal: 15000, cacheRead: 11000, cacheWrite: 2000, output: 300, reasoning: null, source: 'recorded' });
  assert.equal(c.provider, 'anthropic');
  assert.notEqual(r.tasks[2]!.calls[0]!.lineage, c.lineage);
  assert.ok(r.diagnostics.some((d) => d.line === 15 && d.severity === 'warning'));
});

test('llm.history: prefill continuations and retries stay in the task; an unanswered block is reported', async () => {
  const block = (ts: string, msgs: [string, string][], reply: string | null) =>
    [`TO LLM 2025-01-01T00:00:${ts}`, ...msgs.flatMap(([r, t]) => ['-------', ...t.split('\n').map((l) => `${r} ${l}`)]), ...(reply === null ? [] : [`LLM RESPONSE 2025-01-01T00:00:${ts}`, ...reply.split('\n').map((l) => (l === '' && reply === '' ? '' : `ASSISTANT ${l}`))])].join('\n');
  const sys: [string, string] = ['SYSTEM', 'Act as an expert.\n\nBe brief.'];
  const text = [
    block('01', [sys, ['USER', 'add a test']], ''),
    block('02', [sys, ['USER', 'add a test']], 'Here is the test'),
    block('03', [sys, ['USER', 'add a test'], ['ASSISTANT', 'Here is the test']], ' and more.'),
    block('04', [sys, ['USER', 'now rename it']], 'Renamed.'),
    block('05', [sys, ['USER', 'and again']], null),
  ].join('\n') + '\n';
  const r = await llm.read(tmpFile(text), LIMITS);
  assert.deepEqual(r.tasks.map((t) => t.calls.map((c) => c.line)), [[10, 19], [30]]);
  assert.equal(r.tasks[0]!.calls[0]!.prompt![0]!.text, 'Act as an expert.\n\nBe brief.');
  assert.ok(r.diagnostics.some((d) => /1 TO LLM block\(s\) got an empty/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => /1 TO LLM block\(s\) have no LLM RESPONSE/.test(d.message)));
});

test('bad input: empty, binary, invalid UTF-8, over-long lines, stray lines → diagnostics, no throw', async () => {
  for (const reader of [llm, md]) {
    for (const content of ['', Buffer.from([0, 1, 2, 3, 0xff]), 'hello\nworld\n']) {
      const r = await reader.read(tmpFile(content), LIMITS);
      assert.deepEqual(r.tasks, []);
      assert.ok(r.diagnostics.some((d) => d.severity === 'warning'), `${reader.format} ${String(content)}`);
    }
  }
  const text = `TO LLM 2025-01-01T00:00:00\n-------\nUSER hi \xff\nnot prefixed\nUSER ${'x'.repeat(5000)}\nLLM RESPONSE 2025-01-01T00:00:01\nASSISTANT ok\n`;
  const bytes = Buffer.from(text, 'latin1');
  const r = await llm.read(tmpFile(bytes), { ...LIMITS, maxLineBytes: 1000 });
  assert.equal(calls(r).length, 1);
  assert.ok(r.diagnostics.some((d) => d.line === 3 && /UTF-8/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.line === 5 && /line limit/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.line === 4 && /without an aider role prefix/.test(d.message)));
});

test('fuzz: arbitrary bytes never throw and always leave a diagnostic or a task', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      for (const reader of [llm, md]) {
        const r = await reader.read(tmpFile(Buffer.from(bytes)), LIMITS);
        assert.ok(r.diagnostics.length > 0 || r.tasks.length > 0);
      }
    }),
    { numRuns: 60 },
  );
});

test('fuzz: real histories cut at random offsets or with lines shuffled never throw', async () => {
  const a = readFileSync(sharedTrace('aider/friendly_names.aider.llm.history'), 'utf8');
  const b = readFileSync(sharedTrace('aider/.aider.chat.history.md'), 'utf8');
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }), async (cutA, cutB, swaps) => {
      for (const [reader, text, cut] of [[llm, a, cutA], [md, b, cutB]] as const) {
        const lines = text.slice(0, cut % text.length).split('\n');
        for (const [i, j] of swaps) {
          const x = i % lines.length;
          const y = j % lines.length;
          [lines[x], lines[y]] = [lines[y]!, lines[x]!];
        }
        const r = await reader.read(tmpFile(lines.join('\n')), LIMITS);
        assert.ok(Array.isArray(r.tasks) && Array.isArray(r.diagnostics));
        for (const c of calls(r)) assert.ok(c.usage.inTotal === null || Number.isInteger(c.usage.inTotal));
      }
    }),
    { numRuns: 25 },
  );
});

test('detect: both aider files by content, renamed too; nothing else in the shared traces', async () => {
  for (const f of allTraceFiles()) {
    const p = await probeFile(f);
    const isLlm = f.endsWith('llm.history');
    const isMd = f.endsWith('.aider.chat.history.md');
    assert.ok(isLlm ? llm.detect(p) >= 0.9 : llm.detect(p) === 0, `${f}: ${llm.detect(p)}`);
    assert.ok(isMd ? md.detect(p) >= 0.9 : md.detect(p) === 0, `${f}: ${md.detect(p)}`);
  }
  const a = join(TMP, 'renamed.txt');
  copyFileSync(sharedTrace('aider/.aider.llm.history'), a);
  assert.ok(llm.detect(await probeFile(a)) >= 0.9);
  const b = join(TMP, 'notes.md');
  copyFileSync(sharedTrace('aider/.aider.chat.history.md'), b);
  assert.ok(md.detect(await probeFile(b)) >= 0.9);
});

test('md: answers to aider\'s own (Y)es/(N)o questions continue the request before them', async () => {
  // hand-made (test/fixtures/traces/aider/confirm-answers.aider.chat.history.md): 2 typed requests, 3 confirm answers
  const r = await md.read(join(__dirname, '../../../../fixtures/traces/aider/confirm-answers.aider.chat.history.md'), LIMITS);
  assert.deepEqual(r.tasks.map((t) => [t.title, t.calls.map((c) => c.usage.inTotal)]), [
    ['add a dark mode toggle', [2100, 3400, 3900, 4000]],
    ['now add tests', [4200]],
  ]);
  assert.ok(r.diagnostics.some((d) => d.severity === 'info' && /^3 answer\(s\) to aider's \(Y\)es\/\(N\)o questions/.test(d.message)));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { Call, Task } from '../../../../../src/core/traces/model';
import type { ReadLimits } from '../../../../../src/core/traces/reader';
import { codexCliReader, detectCodexCli, readers } from '../../../../../src/core/traces/readers/codex-cli';
import { FIXTURES, sharedTrace } from '../../../helpers/shared';
import { allSharedTraces, assertWellFormed, mutateLine, withTempFile } from './claude-code-test-utils';

const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const SAMPLE = 'codex-cli/exported-session.jsonl';
const read = (path: string, limits = LIMITS) => codexCliReader.read(path, limits);
const calls = (tasks: Task[]): Call[] => tasks.flatMap((t) => t.calls);
const sum = (cs: Call[], f: (c: Call) => number | null): number => cs.reduce((a, c) => a + (f(c) ?? 0), 0);

test('exports one reader for the codex-cli format', () => {
  assert.equal(readers.length, 1);
  assert.equal(readers[0]!.format, 'codex-cli');
});

/*
 * Expected values computed independently with python3 over the raw sample: token_count events
 * with info, dropping one whose total_token_usage equals the previous one's (351 of 702 left);
 * tasks split at event_msg/user_message (54). Task 32 (line 1254) was interrupted: its only
 * token_count (line 1257) repeats the running total of line 1251, so it made no recorded call.
 */
const K_PER_TASK = [
  42, 8, 3, 5, 20, 7, 5, 4, 4, 17, 4, 8, 10, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 1, 1, 1, 1, 1, 13, 2, 11, 3, 3, 3, 6, 12,
  3, 5, 1, 11, 10, 4, 14, 5, 7, 7, 11, 10, 5, 9, 15, 5,
];

test('real sample: 351 calls, 54 user turns (53 with a call), k per task, I0, usage sums, model', async () => {
  const r = await read(sharedTrace(SAMPLE));
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const cs = calls(r.tasks);
  assert.equal(cs.length, 351);
  assert.deepEqual(
    r.tasks.map((t) => t.calls.length),
    K_PER_TASK,
  );
  assert.equal(r.tasks.length, 53);
  assert.equal(r.tasks[0]!.id, 'turn-1');
  assert.equal(r.tasks[31]!.id, 'turn-33'); // turn-32 (no call) left out...
  assert.ok(r.diagnostics.some((d) => d.line === 1254 && d.severity === 'info')); // ...and said so
  assert.match(r.tasks[0]!.title!, /^I want to make a chess variant/);
  // first call: FORMATS.md says 3559 in, 3072 cached
  assert.deepEqual(r.tasks[0]!.calls[0]!.usage, {
    inTotal: 3559,
    cacheRead: 3072,
    cacheWrite: 0,
    output: 31,
    reasoning: 0,
    source: 'recorded',
  });
  assert.equal(r.tasks[1]!.calls[0]!.usage.inTotal, 30273);
  // the per-call sums equal the session's final total_token_usage
  assert.equal(sum(cs, (c) => c.usage.inTotal), 30644629);
  assert.equal(sum(cs, (c) => c.usage.cacheRead), 29513728);
  assert.equal(sum(cs, (c) => c.usage.output), 183421);
  assert.equal(sum(cs, (c) => c.usage.reasoning), 82880);
  assert.ok(cs.every((c) => c.model === 'gpt-5.1-codex-max' && c.provider === 'openai'));
  assert.ok(cs.every((c) => c.lineage === 'main' && !c.isSubagent && c.prompt === null && !c.promptComplete));
  assert.ok(r.diagnostics.some((d) => /351 repeated token_count/.test(d.message)));
});

test('fixture: duplicates, compaction, model change, total-only event, truncated last line', async () => {
  // hand-made: test/fixtures/traces/codex-cli/compaction-duplicates-truncated.jsonl
  const r = await read(resolve(FIXTURES, 'traces/codex-cli/compaction-duplicates-truncated.jsonl'));
  assert.deepEqual(
    r.tasks.map((t) => [t.id, t.title, t.line, t.calls.map((c) => c.line)]),
    [
      ['turn-1', 'Add a README', 4, [7, 11, 16]],
      ['turn-2', 'Now commit it', 18, [19]],
    ],
  );
  const cs = calls(r.tasks);
  // `compacted` and `context_compacted` for the same compaction: one new lineage
  assert.deepEqual(
    cs.map((c) => c.lineage),
    ['main', 'main', 'main-2', 'main-2'],
  );
  assert.deepEqual(
    cs.map((c) => c.model),
    ['gpt-5.1-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-max', 'gpt-5.1-codex-max'],
  );
  // line 19 has only the running total: usage is the difference from line 16's total
  assert.deepEqual(cs[3]!.usage, { inTotal: 700, cacheRead: 500, cacheWrite: 0, output: 40, reasoning: 10, source: 'recorded' });
  assert.equal(sum(cs, (c) => c.usage.inTotal), 3400);
  assert.equal(sum(cs, (c) => c.usage.output), 190);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.line, d.severity]),
    [
      [20, 'warning'],
      [null, 'info'],
    ],
  );
  assert.match(r.diagnostics[1]!.message, /^2 repeated/);
});

test('detects the Codex sample by content, and no other sample', async () => {
  for (const p of allSharedTraces()) {
    const score = detectCodexCli(await probeFile(p));
    if (p.includes('/codex-cli/')) assert.ok(score >= 0.9, `${p}: ${score}`);
    else assert.equal(score, 0, p);
  }
});

test('a renamed rollout is still detected', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-codex-renamed-'));
  const p = join(dir, 'session.log');
  copyFileSync(sharedTrace(SAMPLE), p);
  assert.ok(detectCodexCli(await probeFile(p)) >= 0.9);
});

test('older builds: kind-tagged injected user_message is no task; legacy header format is detected and explained', async () => {
  const meta = { timestamp: 't', type: 'session_meta', payload: { id: 's', originator: 'codex_cli_rs', cli_version: '0.30.0' } };
  const info = { total_token_usage: { input_tokens: 10, output_tokens: 2 }, last_token_usage: { input_tokens: 10, output_tokens: 2 } };
  const lines = [
    meta,
    { timestamp: 't', type: 'event_msg', payload: { type: 'user_message', message: 'rules...', kind: 'user_instructions' } },
    { timestamp: 't', type: 'event_msg', payload: { type: 'user_message', message: 'Do it', kind: 'plain' } },
    { timestamp: 't', type: 'event_msg', payload: { type: 'token_count', info } },
  ];
  await withTempFile(lines.map((l) => JSON.stringify(l)).join('\n') + '\n', async (p) => {
    const r = await read(p);
    assert.deepEqual(
      r.tasks.map((t) => [t.title, t.calls.length]),
      [['Do it', 1]],
    );
    // unknown numbers stay null: no cached count recorded
    assert.equal(r.tasks[0]!.calls[0]!.usage.cacheRead, null);
    assert.equal(r.tasks[0]!.calls[0]!.model, null);
  });
  const legacy = [
    { id: 'abc', timestamp: '2025-06-01T00:00:00Z', instructions: null, git: {} },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    { record_type: 'state' },
  ];
  await withTempFile(legacy.map((l) => JSON.stringify(l)).join('\n'), async (p) => {
    assert.equal(detectCodexCli(await probeFile(p)), 0.5);
    const r = await read(p);
    assert.deepEqual(r.tasks, []);
    assert.deepEqual(
      r.diagnostics.map((d) => d.severity),
      ['warning'],
    );
    assert.match(r.diagnostics[0]!.message, /older Codex rollout/);
  });
});

test('without user_message events, human response_item messages start the tasks', async () => {
  const item = (text: string) => ({ timestamp: 't', type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
  const tc = (n: number) => ({
    timestamp: 't',
    type: 'event_msg',
    payload: { type: 'token_count', info: { total_token_usage: { input_tokens: n }, last_token_usage: { input_tokens: 5 } } },
  });
  const lines = [item('<environment_context>x</environment_context>'), tc(5), item('First'), tc(10), item('Second'), tc(15), tc(20)];
  await withTempFile(lines.map((l) => JSON.stringify(l)).join('\n'), async (p) => {
    const r = await read(p);
    assert.deepEqual(
      r.tasks.map((t) => [t.id, t.title, t.calls.length]),
      [
        ['turn-0', null, 1],
        ['turn-1', 'First', 1],
        ['turn-2', 'Second', 2],
      ],
    );
  });
});

test('bad input: wrong types, not-an-envelope, over-long line, invalid UTF-8, binary', async () => {
  const lines = [
    JSON.stringify({ timestamp: 't', type: 'event_msg', payload: { type: 'token_count', info: { last_token_usage: { input_tokens: 'many' } } } }),
    JSON.stringify({ hello: 'world' }),
    JSON.stringify({ timestamp: 't', type: 'turn_context', payload: { model: 42 } }),
    'y'.repeat(3000),
    JSON.stringify({ timestamp: 't', type: 'event_msg', payload: { type: 'token_count', info: { last_token_usage: { input_tokens: 7 } } } }),
  ];
  await withTempFile(Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from([0xff, 0xfe, 0x0a])]), async (p) => {
    const r = await read(p, { maxLineBytes: 2000, maxJsonDocumentBytes: 1e6 });
    const sev = (line: number) => r.diagnostics.filter((d) => d.line === line).map((d) => d.severity);
    assert.deepEqual(sev(1), ['error']);
    assert.match(r.diagnostics.find((d) => d.line === 1)!.message, /input_tokens/);
    assert.deepEqual(sev(2), ['error']);
    assert.deepEqual(sev(3), ['error']);
    assert.deepEqual(sev(4), ['error']);
    assert.deepEqual(sev(6), ['warning', 'warning']); // invalid UTF-8, then unparsable last line
    assert.equal(calls(r.tasks).length, 1);
    assert.equal(calls(r.tasks)[0]!.usage.inTotal, 7);
  });
  await withTempFile(Buffer.from([0, 1, 2, 3, 0x0a, 0x7b]), async (p) => {
    assert.equal(detectCodexCli(await probeFile(p)), 0);
    assertWellFormed(await read(p));
  });
});

test('fuzz: arbitrary bytes never throw', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
      await withTempFile(Buffer.from(bytes), async (p) => {
        assertWellFormed(await read(p));
        detectCodexCli(await probeFile(p));
      });
    }),
    { numRuns: 150 },
  );
});

test('fuzz: mutated real lines (cut, retyped, repeated, dropped) never throw', async () => {
  const src = readFileSync(sharedTrace(SAMPLE), 'utf8').split('\n').slice(0, 60);
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(src.length - 1), fc.nat(), fc.nat(), fc.jsonValue()), { maxLength: 15 }), async (muts) => {
      const lines = [...src];
      for (const [i, kind, at, value] of muts) lines.splice(i, 1, ...mutateLine(lines[i] ?? '', kind, at, value));
      await withTempFile(lines.join('\n'), async (p) => {
        const r = await read(p);
        assertWellFormed(r);
        assert.ok(r.diagnostics.every((d) => d.line === null || d.line <= lines.length));
      });
    }),
    { numRuns: 150 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, probeFile } from '../../../../../src/core/traces/io';
import type { Call, Task } from '../../../../../src/core/traces/model';
import type { ReadLimits } from '../../../../../src/core/traces/reader';
import {
  billedTokens,
  claudeCodeReader,
  detectClaudeCode,
  readers,
  sumClaudeCodeUsage,
} from '../../../../../src/core/traces/readers/claude-code';
import { FIXTURES, SHARED_TRACES, sharedTrace } from '../../../helpers/shared';
import { allSharedTraces, assertWellFormed, mutateLine, withTempFile } from './claude-code-test-utils';

const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const fixture = (name: string): string => resolve(FIXTURES, 'traces/claude-code', name);
const read = (path: string, limits = LIMITS) => claudeCodeReader.read(path, limits);
const calls = (tasks: Task[]): Call[] => tasks.flatMap((t) => t.calls);
const sum = (cs: Call[], f: (c: Call) => number | null): number => cs.reduce((a, c) => a + (f(c) ?? 0), 0);
test('exports one reader for the claude-code format', () => {
  assert.equal(readers.length, 1);
  assert.equal(readers[0]!.format, 'claude-code');
});

/*
 * Expected values on the real samples, computed independently with python3 over the raw files:
 * group `type:assistant` lines by requestId, take usage from the LAST line of each request; a task
 * boundary is a main-chain user line whose content is a string/text blocks, not isMeta, not a
 * tool_result and not starting with '<' (command wrappers); a subagent thread is the root of the
 * parentUuid chain among isSidechain lines.
 */
const SAMPLES = [
  {
    file: 'fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl',
    tasks: [
      { k: 168, sub: 161, i0: 16208, title: '/orchestrator create TODO app by Next.js' },
      { k: 2, sub: 0, i0: 20545, title: 'Thanks! Please update CLAUDE.md for current changes' },
    ],
    threads: [9, 25, 34, 40, 53],
    input: 818,
    cacheWrite: 137976,
    cacheRead: 3647854,
    output: 51933,
    model: 'claude-sonnet-4-20250514',
  },
  {
    file: '5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl',
    tasks: [{ k: 20, sub: 10, i0: 18768, title: '/orchestrator @CLAUDE.md を最新の状態にアップデートしてください' }],
    threads: [3, 7],
    input: 129,
    cacheWrite: 47747,
    cacheRead: 324259,
    output: 3629,
    model: 'claude-sonnet-4-20250514',
  },
  {
    file: '1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl',
    tasks: [{ k: 7, sub: 0, i0: 15553, title: '/init' }],
    threads: [],
    input: 93,
    cacheWrite: 12698,
    cacheRead: 103219,
    output: 953,
    model: 'claude-sonnet-4-20250514',
  },
  {
    file: 'sidechain_integrated.jsonl',
    tasks: [{ k: 3, sub: 1, i0: 141275, title: null }],
    threads: [1],
    input: 9,
    cacheWrite: 164054,
    cacheRead: 141272,
    output: 738,
    model: 'claude-sonnet-4-5-20250929',
  },
  {
    file: 'agent-test-hash-123.jsonl',
    tasks: [{ k: 1, sub: 1, i0: 100, title: 'Run the test suite' }],
    threads: [1],
    input: 100,
    cacheWrite: 0,
    cacheRead: 0,
    output: 10,
    model: 'claude-sonnet-4-20250514',
  },
  {
    file: 'agent-test-hash-456.jsonl',
    tasks: [{ k: 1, sub: 1, i0: 100, title: 'Build the project' }],
    threads: [1],
    input: 100,
    cacheWrite: 0,
    cacheRead: 0,
    output: 10,
    model: 'claude-sonnet-4-20250514',
  },
];

for (const s of SAMPLES) {
  test(`real sample ${s.file}: tasks, k, subagent calls, I0, token sums, model`, async () => {
    const r = await read(sharedTrace(`claude-code/${s.file}`));
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.equal(r.tasks.length, s.tasks.length);
    r.tasks.forEach((t, i) => {
      const want = s.tasks[i]!;
      assert.equal(t.calls.length, want.k, `k of task ${i}`);
      assert.equal(t.calls.filter((c) => c.isSubagent).length, want.sub, `subagent calls of task ${i}`);
      assert.equal(t.calls[0]!.usage.inTotal, want.i0, `I0 of task ${i}`);
      assert.equal(t.title, want.title);
    });
    const cs = calls(r.tasks);
    const subLineages = cs.filter((c) => c.isSubagent).map((c) => c.lineage);
    assert.ok(subLineages.every((l) => l.startsWith('agent-') || l.startsWith('sidechain-')));
    assert.deepEqual(
      [...new Set(subLineages)].map((l) => subLineages.filter((x) => x === l).length).sort((a, b) => a - b),
      s.threads,
    );
    assert.ok(cs.filter((c) => !c.isSubagent).every((c) => c.lineage === 'main'));
    assert.equal(sum(cs, (c) => billedTokens(c.usage)!.input), s.input);
    assert.equal(sum(cs, (c) => c.usage.cacheWrite), s.cacheWrite);
    assert.equal(sum(cs, (c) => c.usage.cacheRead), s.cacheRead);
    assert.equal(sum(cs, (c) => c.usage.output), s.output);
    assert.ok(cs.every((c) => c.model === s.model && c.provider === 'anthropic'));
    assert.ok(cs.every((c) => c.prompt === null && c.promptComplete === false));
    assert.equal(new Set(cs.map((c) => c.id)).size, cs.length, 'one call per request id');
    // calls in file order within a task
    for (const t of r.tasks) assert.deepEqual(t.calls.map((c) => c.line), [...t.calls.map((c) => c.line)].sort((a, b) => a! - b!));
  });
}

test('INDEX.md call counts hold: 170, 20, 7, 3, 1, 1', async () => {
  const counts = [];
  for (const s of SAMPLES) counts.push(calls((await read(sharedTrace(`claude-code/${s.file}`))).tasks).length);
  assert.deepEqual(counts, [170, 20, 7, 3, 1, 1]);
});

/** What ccusage 17.2.1 does: keep the FIRST line of each message.id:requestId. */
function firstLineOutputs(path: string): number {
  const seen = new Set<string>();
  let out = 0;
  for (const l of readFileSync(path, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    const d = JSON.parse(l) as { requestId?: string; message?: { id?: string; usage?: { output_tokens?: number } } };
    const u = d.message?.usage;
    if (!u) continue;
    const key = `${d.message?.id}:${d.requestId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out += u.output_tokens ?? 0;
  }
  return out;
}

test('output tokens come from the last line of each response: 57,273 over the six samples (first lines: 53,304)', async () => {
  let last = 0;
  let first = 0;
  for (const s of SAMPLES) {
    const p = sharedTrace(`claude-code/${s.file}`);
    last += sum(calls((await read(p)).tasks), (c) => c.usage.output);
    first += firstLineOutputs(p);
  }
  assert.equal(last, 57273);
  assert.equal(first, 53304); // the streaming partials ccusage keeps
});

test('sumClaudeCodeUsage over the sample folder: what was billed, comparable with ccusage', async () => {
  // python3 over the six files of INDEX.md's first table: 202 unique requestIds; input 1249, cache write
  // 362475, cache read 4216604 (identical on every line of a request), output 57273 (last lines).
  // The Entire CLI slice adds 12 requests of claude-opus-4-5: input 102, cache write 649094, cache read
  // 654807, output 2038 (max = last line per request; 3 requests never show a final count).
  const s = await sumClaudeCodeUsage([resolve(SHARED_TRACES, 'claude-code')]);
  assert.equal(s.files.length, 7);
  assert.equal(s.calls, 214);
  assert.equal(s.duplicateCalls, 0);
  assert.equal(s.unknownUsageCalls, 0);
  assert.deepEqual(s.total, { input: 1249 + 102, cacheWrite: 362475 + 649094, cacheRead: 4216604 + 654807, output: 57273 + 2038 });
  assert.equal(s.byModel['claude-sonnet-4-5-20250929']!.calls, 3);
  assert.equal(s.byModel['claude-sonnet-4-20250514']!.calls, 199);
  assert.deepEqual(s.byModel['claude-opus-4-5-20251101'], { calls: 12, input: 102, cacheWrite: 649094, cacheRead: 654807, output: 2038 });
  assert.deepEqual(
    s.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
});

test('sumClaudeCodeUsage counts a response copied into a resumed session once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-cc-resume-'));
  const src = sharedTrace('claude-code/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl');
  copyFileSync(src, join(dir, 'a.jsonl'));
  copyFileSync(src, join(dir, 'b.jsonl'));
  const s = await sumClaudeCodeUsage([dir]);
  assert.equal(s.calls, 7);
  assert.equal(s.duplicateCalls, 7);
  assert.equal(s.total.output, 953);
});

test('fixture: compaction, duplicated line, synthetic stub, interrupted marker, streaming partial, truncated last line', async () => {
  // hand-made: see test/fixtures/traces/claude-code/compaction-stubs-truncated.jsonl
  const r = await read(fixture('compaction-stubs-truncated.jsonl'));
  assert.deepEqual(
    r.tasks.map((t) => [t.id, t.title, t.line, t.calls.map((c) => c.id)]),
    [
      ['turn-1', 'Fix the bug in parser.ts', 2, ['req_A', 'req_B', 'req_C']],
      ['turn-2', 'Now add tests', 13, ['req_D', 'req_E', 'req_F']],
    ],
  );
  const cs = calls(r.tasks);
  // the compact_boundary + isCompactSummary pair starts ONE new main lineage
  assert.deepEqual(
    cs.map((c) => c.lineage),
    ['main', 'main', 'main-2', 'main-2', 'sidechain-s1', 'main-2'],
  );
  assert.deepEqual(
    cs.map((c) => c.isSubagent),
    [false, false, false, false, true, false],
  );
  // req_A: first line says output 5 (partial), last line 80
  assert.deepEqual(r.tasks[0]!.calls[0]!.usage, {
    inTotal: 1010,
    cacheRead: 0,
    cacheWrite: 1000,
    output: 80,
    reasoning: null,
    cacheWrite1h: null,
    source: 'recorded',
  });
  assert.equal(r.tasks[1]!.calls[0]!.usage.inTotal, 1705);
  assert.equal(sum(cs, (c) => c.usage.output), 80 + 40 + 20 + 60 + 30 + 15);
  assert.equal(sum(cs, (c) => c.usage.cacheRead), 1000 + 1500 + 1700);
  assert.equal(sum(cs, (c) => c.usage.cacheWrite), 1000 + 100 + 500 + 200 + 300 + 50);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.line, d.severity]),
    [
      [21, 'warning'],
      [null, 'info'],
      [null, 'info'],
      [null, 'info'],
    ],
  );
  assert.match(r.diagnostics[0]!.message, /last line/);
  assert.match(r.diagnostics[1]!.message, /1 duplicated line/);
  assert.match(r.diagnostics[2]!.message, /1 client-written error stub/);
  // lines 8 (/compact wrapper), 10 (isCompactSummary), 12 (interrupted), 15 (isMeta caveat)
  assert.match(r.diagnostics[3]!.message, /^4 prompt line\(s\) written by Claude Code.*: <command-name> wrapper ×1, compaction summary ×1, interruption marker ×1, isMeta ×1$/);
});

test('fixture: subagent calls go to the task that started them (agentId, Task prompt, else position)', async () => {
  const r = await read(fixture('subagents-linked.jsonl'));
  assert.deepEqual(
    r.tasks.map((t) => [t.title, t.calls.map((c) => `${c.id}@${c.lineage}`)]),
    [
      // subagent a1 is written after "Third" but its agentId is on the Task's tool_result
      ['Research X', ['req_1@main', 'req_2@main', 'req_4@agent-a1', 'req_5@agent-a1']],
      // its root prompt is the Task's prompt
      ['Second question', ['req_3@main', 'req_6@sidechain-y-1']],
      // nothing links it: it stays where it appears
      ['Third', ['req_7@main', 'req_8@sidechain-o-1']],
    ],
  );
  assert.deepEqual(
    r.tasks.map((t) => t.calls.filter((c) => c.isSubagent).length),
    [2, 1, 1],
  );
  assert.equal(r.tasks[0]!.calls[0]!.usage.inTotal, 2003);
  assert.deepEqual(r.diagnostics, []);
});

test('detects every Claude Code sample by content, and no other sample', async () => {
  for (const p of allSharedTraces()) {
    const score = detectClaudeCode(await probeFile(p));
    if (p.includes('/claude-code/')) assert.ok(score >= 0.9, `${p}: ${score}`);
    else assert.equal(score, 0, p);
  }
});

test('detection: a first line longer than the probe, a snapshot line first, a queue-operation first', async () => {
  const first = JSON.parse(readFileSync(sharedTrace('claude-code/agent-test-hash-123.jsonl'), 'utf8').split('\n')[0]!) as {
    message: { content: string };
  };
  first.message.content = 'a'.repeat(70_000);
  await withTempFile(JSON.stringify(first) + '\n', async (p) => {
    assert.equal((await probeFile(p)).firstLines.length, 0);
    assert.equal(detectClaudeCode(await probeFile(p)), 0.6);
  });
  const snapshot = { type: 'file-history-snapshot', messageId: 'm1', snapshot: { messageId: 'm1', trackedFileBackups: {} }, isSnapshotUpdate: false };
  await withTempFile(JSON.stringify(snapshot) + '\n', async (p) => assert.equal(detectClaudeCode(await probeFile(p)), 0.85));
  const queued = { type: 'queue-operation', operation: 'enqueue', timestamp: 't', sessionId: 's', content: 'hi' };
  await withTempFile(JSON.stringify(queued) + '\n', async (p) => assert.equal(detectClaudeCode(await probeFile(p)), 0.85));
  await withTempFile('{"type":"summary","summary":1}\n', async (p) => assert.equal(detectClaudeCode(await probeFile(p)), 0));
});

test('a renamed subagent file is still detected and read (its calls stay subagent calls)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-cc-renamed-'));
  const p = join(dir, 'notes.txt');
  copyFileSync(sharedTrace('claude-code/agent-test-hash-123.jsonl'), p);
  assert.ok(detectClaudeCode(await probeFile(p)) >= 0.9);
  const r = await read(p);
  assert.equal(calls(r.tasks).length, 1);
  assert.equal(calls(r.tasks)[0]!.isSubagent, true);
});

test('bad input: empty, binary, invalid UTF-8, wrong types, over-long and non-object lines', async () => {
  await withTempFile('', async (p) => {
    const r = await read(p);
    assert.deepEqual(r.tasks, []);
    assert.ok(r.diagnostics.some((d) => d.severity === 'warning'));
  });
  await withTempFile(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0x0a, 0x00, 0x01]), async (p) => {
    const r = await read(p);
    assert.deepEqual(r.tasks, []);
    assert.ok(r.diagnostics.some((d) => d.line === 1 && d.severity === 'error'));
    assert.equal(detectClaudeCode(await probeFile(p)), 0);
  });
  const good = readFileSync(sharedTrace('claude-code/agent-test-hash-123.jsonl'), 'utf8').trimEnd().split('\n');
  const asst = JSON.parse(good[1]!) as { message: { usage: Record<string, unknown> } };
  asst.message.usage.input_tokens = '100';
  const lines = [
    good[0]!,
    '[1,2,3]',
    JSON.stringify({ ...JSON.parse(good[0]!), uuid: 'x-1', isSidechain: 'yes' }),
    JSON.stringify(asst),
    'x'.repeat(2000),
    '{"oops": ',
    '', // line 7 blank: skipped silently
    '',
  ];
  await withTempFile(Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from([0xc3, 0x28, 0x0a])]), async (p) => {
    const r = await read(p, { maxLineBytes: 1500, maxJsonDocumentBytes: 1e6 });
    const by = new Map(r.diagnostics.map((d) => [d.line, d]));
    assert.equal(by.get(2)?.severity, 'error'); // an array
    assert.match(by.get(3)!.message, /isSidechain/);
    assert.match(by.get(4)!.message, /input_tokens/);
    assert.match(by.get(5)!.message, /line limit/);
    assert.equal(by.get(6)?.severity, 'error'); // not the last line: an error
    assert.equal(by.get(8)?.severity, 'warning'); // invalid UTF-8 ...
    // the call survives with its usage unknown, never 0
    const cs = calls(r.tasks);
    assert.equal(cs.length, 1);
    assert.equal(cs[0]!.usage.inTotal, null);
    assert.equal(cs[0]!.usage.output, null);
  });
});

test('a file of garbage stops being read after 100 lines without a JSON object', async () => {
  await withTempFile('not json\n'.repeat(10000), async (p) => {
    const r = await read(p);
    assert.ok(r.diagnostics.length <= 202);
    assert.ok(r.diagnostics.some((d) => /not JSONL; stopped/.test(d.message)));
  });
});

test('fuzz: arbitrary bytes never throw and yield well-formed results', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
      await withTempFile(Buffer.from(bytes), async (p) => {
        assertWellFormed(await read(p));
        detectClaudeCode(await probeFile(p));
      });
    }),
    { numRuns: 150 },
  );
});

test('fuzz: mutated real lines (cut, retyped, repeated) never throw', async () => {
  const src = [
    ...readFileSync(sharedTrace('claude-code/sidechain_integrated.jsonl'), 'utf8').trimEnd().split('\n'),
    ...readFileSync(sharedTrace('claude-code/fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl'), 'utf8').split('\n').slice(0, 40),
  ];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(src.length - 1), fc.nat(), fc.nat(), fc.jsonValue()), { maxLength: 12 }), async (muts) => {
      const lines = [...src];
      for (const [i, kind, at, value] of muts) lines.splice(i, 1, ...mutateLine(lines[i] ?? '', kind, at, value));
      await withTempFile(lines.join('\n'), async (p) => {
        const r = await read(p);
        assertWellFormed(r);
        const n = lines.length;
        assert.ok(r.diagnostics.every((d) => d.line === null || (d.line >= 1 && d.line <= n)));
      });
    }),
    { numRuns: 150 },
  );
});

test('a truncated copy of a real session: the cut last line is a warning, the rest is read', async () => {
  const text = readFileSync(sharedTrace('claude-code/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl'), 'utf8');
  const cut = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 40);
  await withTempFile(cut, async (p) => {
    const r = await read(p);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.line, d.severity]),
      [[29, 'warning'], [null, 'info']],
    );
    assert.match(r.diagnostics[1]!.message, /written by Claude Code/);
    // the cut line was the session's last response (line 29), so 6 of the 7 calls remain
    assert.equal(calls(r.tasks).length, 6);
  });
});

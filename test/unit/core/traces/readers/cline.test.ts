import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { probeFile } from '../../../../../src/core/traces/io';
import { clineFamily, readers } from '../../../../../src/core/traces/readers/cline';
import { FIXTURES, sharedTrace } from '../../../helpers/shared';
import { LIMITS, allTraceFiles, assertWellFormed, calls, errors, fuzzArbitraryInput, fuzzTruncatedDocument, sum } from './reader-test-utils';

const [cline, roo, kilo] = readers as [typeof readers[0], typeof readers[0], typeof readers[0]];
const TMP = mkdtempSync(join(tmpdir(), 'ac-cline-'));
const TASK = 'cline/online-card-architecture__1769053680585/ui_messages.json';

/*
 * Expected values: INDEX.md, recomputed with python3 over the raw files (calls = say "api_req_started"
 * rows; Σ of tokensIn, tokensOut, cacheWrites, cacheReads in their text JSON). All three use exclusive
 * providers (anthropic, cline), so inTotal = tokensIn + cacheWrites + cacheReads.
 *   online-card: 47 rows; in 470, out 23,389, writes 66,105, reads 1,514,932; 1 human turn
 *   cline-xray:   4 rows; in 40, out 2,488, writes 28,108, reads 24,686; turns 2 + 2 calls
 *   fineye:      31 rows, 7 with cancelReason and 0 tokens / $0; in 144,404, out 4,086, reads 632,838;
 *                15 human turns (task + 14 user_feedback), 9 with a call that did work:
 *                [1, 7, 10, 1, 1, 1, 1, 1, 1] (python3, the same rule: rows after each human message)
 */
const SAMPLES = [
  { file: TASK, k: 47, perTask: [47], inTotal: 470 + 66_105 + 1_514_932, out: 23_389, reads: 1_514_932, writes: 66_105 },
  { file: 'cline/cline-xray__ui_messages.json', k: 4, perTask: [2, 2], inTotal: 40 + 28_108 + 24_686, out: 2_488, reads: 24_686, writes: 28_108 },
  { file: 'cline/fineye__ui_messages.json', k: 24, perTask: [1, 7, 10, 1, 1, 1, 1, 1, 1], inTotal: 144_404 + 632_838, out: 4_086, reads: 632_838, writes: 0 },
];

for (const s of SAMPLES) {
  test(`${s.file}: ${s.k} calls, token totals equal the python count`, async () => {
    const r = await cline.read(sharedTrace(s.file), LIMITS);
    assert.deepEqual(errors(r), []);
    const cs = calls(r);
    assert.equal(cs.length, s.k);
    assert.deepEqual(r.tasks.map((t) => t.calls.length), s.perTask);
    assert.equal(sum(cs, 'inTotal'), s.inTotal);
    assert.equal(sum(cs, 'output'), s.out);
    assert.equal(sum(cs, 'cacheRead'), s.reads);
    assert.equal(sum(cs, 'cacheWrite'), s.writes);
    assert.ok(cs.every((c) => c.usage.source === 'recorded' && !c.promptComplete && c.lineage === 'main'));
  });
}

test('fineye: the model switch is kept per call, failed requests are said, not counted', async () => {
  const r = await cline.read(sharedTrace('cline/fineye__ui_messages.json'), LIMITS);
  const models = calls(r).map((c) => c.model);
  // python3: grok-code-fast-1 ×26 rows, all 7 failed ones among them; claude-sonnet-4.5 ×5
  assert.equal(models.filter((m) => m === 'x-ai/grok-code-fast-1').length, 19);
  assert.equal(models.filter((m) => m === 'anthropic/claude-sonnet-4.5').length, 5);
  assert.ok(calls(r).every((c) => c.provider === 'cline'));
  assert.ok(r.diagnostics.some((d) => /^7 requests failed before the model answered/.test(d.message)));
  // the re-indented file: the "hey bro" feedback (row 151) is on its own line, and got no call
  assert.ok(r.diagnostics.some((d) => d.severity === 'info' && d.line !== null && d.line > 1));
});

test('the task folder: prompts and completions come from api_conversation_history.json', async () => {
  const r = await cline.read(sharedTrace(TASK), LIMITS);
  const cs = calls(r);
  // conversationHistoryIndex -1, 1, 3…: call i sees the history up to its index + 2
  assert.equal(cs[0]!.prompt!.length, 1);
  assert.equal(cs[46]!.prompt!.length, 93);
  const history = JSON.parse(readFileSync(sharedTrace(TASK.replace('ui_messages', 'api_conversation_history')), 'utf8')) as { content: { type: string; text?: string; thinking?: string; name?: string }[] }[];
  // the reply is history[1]: a thinking, a text and a tool_use block, in that order
  const [thinking, text, toolUse] = history[1]!.content;
  const c = cs[0]!.completion!;
  assert.ok(c.startsWith(thinking!.thinking!));
  assert.ok(c.indexOf(text!.text!) > c.indexOf(thinking!.thinking!));
  assert.ok(c.includes(`[tool_use ${toolUse!.name}]`));
  assert.equal(cs[1]!.prompt![0], cs[0]!.prompt![0]); // interned: one object for the shared prefix
  assert.match(r.tasks[0]!.title!, /^You have been given a Dockerized codebase/);
});

test('detection: the three Cline samples only, and the family from the extension id in the path', async () => {
  for (const p of allTraceFiles()) {
    const family = clineFamily(await probeFile(p));
    if (/\/cline\/.*ui_messages\.json$/.test(p)) assert.equal(family, 'cline', p);
    else assert.equal(family, null, p);
  }
  assert.equal(clineFamily(await probeFile(resolve(FIXTURES, 'traces/roo-code/rooveterinaryinc.roo-cline/tasks/5b2f0c1e-roo/ui_messages.json'))), 'roo-code');
  assert.equal(clineFamily(await probeFile(resolve(FIXTURES, 'traces/kilo-code/kilocode.kilo-code/tasks/7d1a-kilo/ui_messages.json'))), 'kilo-code');
  // content alone: Roo's apiProtocol rows are Roo, Cline's are Cline, wherever they are
  const p = join(TMP, 'renamed.json');
  copyFileSync(resolve(FIXTURES, 'traces/roo-code/rooveterinaryinc.roo-cline/tasks/5b2f0c1e-roo/ui_messages.json'), p);
  assert.equal(clineFamily(await probeFile(p)), 'roo-code');
  copyFileSync(sharedTrace('cline/cline-xray__ui_messages.json'), p);
  assert.equal(clineFamily(await probeFile(p)), 'cline');
});

test('fixture (from Roo source): tokensIn by protocol and version, condensing, a row with no usage', async () => {
  const r = await roo.read(resolve(FIXTURES, 'traces/roo-code/rooveterinaryinc.roo-cline/tasks/5b2f0c1e-roo/ui_messages.json'), LIMITS);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.title, t.calls.length]), [['turn-1', 'Refactor the parser', 2], ['turn-2', 'Now add tests', 2]]);
  const cs = calls(r);
  // by hand: before 3.29.5, anthropic, tokensIn < cached → 12+5000+0, 8+400+5000; after it, inclusive
  // → 6000 (not 11,900); openai protocol → 900 as recorded
  assert.deepEqual(cs.map((c) => c.usage.inTotal), [5012, 5408, 6000, 900]);
  assert.deepEqual(cs.map((c) => c.usage.cacheWrite), [5000, 400, 500, 0]);
  assert.deepEqual(cs.map((c) => c.lineage), ['main', 'main', 'main', 'main-2']);
  assert.equal(cs[0]!.model, 'claude-sonnet-4-5'); // the <model> tag of the environment details
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /1 context condensations.*\$0\.0500/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /^1 requests recorded no usage/.test(d.message)));
});

test('fixture: Kilo keeps the per-protocol meaning after Roo changed it', async () => {
  const r = await kilo.read(resolve(FIXTURES, 'traces/kilo-code/kilocode.kilo-code/tasks/7d1a-kilo/ui_messages.json'), LIMITS);
  assert.deepEqual(calls(r).map((c) => c.usage.inTotal), [6000 + 500 + 5400]);
});

test('fixture: OpenAI-compatible provider, api_req_finished merged, deleted requests said, bad row named by line', async () => {
  const r = await cline.read(resolve(FIXTURES, 'traces/cline/openai-provider-finished-deleted.ui_messages.json'), LIMITS);
  const cs = calls(r);
  assert.deepEqual(r.tasks.map((t) => [t.id, t.calls.length]), [['turn-1', 2]]);
  // provider openai: tokensIn 1000 already includes the 640 cached; cacheWrites (DeepSeek misses) is no write
  assert.deepEqual(cs[0]!.usage, { inTotal: 1000, cacheRead: 640, cacheWrite: 0, output: 80, reasoning: null, source: 'recorded' });
  assert.deepEqual([cs[1]!.usage.inTotal, cs[1]!.usage.output], [5 + 100 + 1200, 60]);
  assert.ok(r.diagnostics.some((d) => d.line === 6 && d.severity === 'warning' && /ts/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => /deleted_api_reqs.*in 300/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.line === 8 && d.severity === 'info'));
});

test('fuzz: arbitrary input, truncations and mutated rows never throw', async () => {
  const dir = join(TMP, 'fuzz-task');
  mkdirSync(dir);
  const p = join(dir, 'ui_messages.json');
  await fuzzArbitraryInput(cline, p);
  const text = readFileSync(sharedTrace('cline/cline-xray__ui_messages.json'), 'utf8');
  await fuzzTruncatedDocument(cline, p, text);
  const rows = JSON.parse(text) as Record<string, unknown>[];
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: rows.length - 1 }), fc.constantFrom('ts', 'type', 'say', 'text', 'modelInfo', 'conversationHistoryIndex'), fc.jsonValue(), async (i, key, value) => {
      const copy = rows.map((r) => ({ ...r }));
      copy[i]![key] = value;
      writeFileSync(p, JSON.stringify(copy));
      const r = await roo.read(p, LIMITS);
      assertWellFormed(r);
      assert.ok(calls(r).length <= 4);
    }),
    { numRuns: 100 },
  );
});

/*
 * A request logged in two files is counted once in a folder analysis. Fixture (hand-made, Claude Code
 * 1.0.x shapes): test/fixtures/traces/claude-code/cross-file/
 *   3f1c-parent.jsonl                    req_P1, req_S1 (inline sidechain), req_P2
 *   3f1c-parent/subagents/agent-a1.jsonl req_S1, req_S2 (the same subagent, its own file)
 *   9d2e-resumed.jsonl                   req_P1, req_P2 copied by --resume, then req_R1
 * The folder walk reads agent-a1.jsonl first (the folder `3f1c-parent` sorts before `3f1c-parent.jsonl`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyzeFile, analyzePaths, type AnalyzeOptions, type FileAnalysis } from '../../../../src/core/inference/analyze';
import { fileSpend, sumSpend } from '../../../../src/core/inference/token-totals';
import { readers } from '../../../../src/core/traces/readers';
import { sumClaudeCodeUsage } from '../../../../src/core/traces/readers/claude-code';
import { FIXTURES } from '../../helpers/shared';

const DIR = resolve(FIXTURES, 'traces/claude-code/cross-file');
const PARENT = resolve(DIR, '3f1c-parent.jsonl');
const AGENT = resolve(DIR, '3f1c-parent/subagents/agent-a1.jsonl');
const RESUMED = resolve(DIR, '9d2e-resumed.jsonl');

const opts: AnalyzeOptions = {
  readers,
  tokenizer: () => Promise.reject(new Error('every call in the fixture records usage')),
  priceOf: () => null,
  selfHost: null,
};
const callIds = (f: FileAnalysis): string[] => f.tasks.flatMap((t) => t.perCall.map((c) => c.callId));
const infos = (f: FileAnalysis): string[] => f.diagnostics.filter((d) => d.severity === 'info').map((d) => d.message);

test('folder analysis: a request in a subagent file and its parent, or copied by --resume, is counted once', async () => {
  const { files } = await analyzePaths([DIR], opts);
  assert.deepEqual(files.map((f) => f.path), [AGENT, PARENT, RESUMED]);
  assert.deepEqual(files.map(callIds), [['req_S1', 'req_S2'], ['req_P1', 'req_P2'], ['req_R1']]);

  // the later file names where each dropped call was first counted
  const parentNote = infos(files[1]!).filter((m) => m.includes('already counted'));
  assert.equal(parentNote.length, 1);
  assert.match(parentNote[0]!, /^1 call\(s\) already counted in .*agent-a1\.jsonl: req_S1 \(line 2\)/);
  const resumedNote = infos(files[2]!).filter((m) => m.includes('already counted'));
  assert.equal(resumedNote.length, 1);
  assert.match(resumedNote[0]!, /^2 call\(s\) already counted in .*3f1c-parent\.jsonl: req_P1 \(line 2\), req_P2 \(line 6\)/);
  // the resumed file's first task held only copies: gone; the new request stays a task
  assert.deepEqual(files[2]!.tasks.map((t) => t.title), ['Now add tests']);

  // totals: python3 over the three raw files, one entry per requestId, usage of its last line:
  // 5 requests; input (incl. cached) 5221, cache read 3000, cache write 2150, output 280
  const total = sumSpend(files.map(fileSpend)).tokens;
  assert.deepEqual(total, { input: 5221, cacheRead: 3000, cacheWrite: 2150, output: 280 });

  // the billing sum (ccusage comparison) applies the same rule through the same function
  const billed = await sumClaudeCodeUsage([DIR]);
  assert.equal(billed.calls, 5);
  assert.equal(billed.duplicateCalls, 3);
  assert.equal(billed.total.cacheRead + billed.total.cacheWrite + billed.total.input, 5221);
  assert.equal(billed.total.output, 280);
});

test('folder analysis: the kept calls of a later file measure as when the file is read alone', async () => {
  const { files } = await analyzePaths([DIR], opts);
  const alone = await analyzeFile(PARENT, opts);
  assert.deepEqual(callIds(alone), ['req_P1', 'req_S1', 'req_P2']);
  const inFolder = files[1]!;
  const kept = alone.tasks.flatMap((t) => t.perCall).filter((c) => c.callId !== 'req_S1');
  assert.deepEqual(inFolder.tasks.flatMap((t) => t.perCall), kept);
  assert.deepEqual(inFolder.tasks.map((t) => [t.id, t.title]), alone.tasks.map((t) => [t.id, t.title]));
  // nothing else in the file's diagnostics changes
  assert.deepEqual(inFolder.diagnostics.filter((d) => !d.message.includes('already counted')), alone.diagnostics);
});

test('a file analyzed alone keeps every call it logs (no earlier file to defer to)', async () => {
  const resumed = await analyzeFile(RESUMED, opts);
  assert.deepEqual(callIds(resumed), ['req_P1', 'req_P2', 'req_R1']);
  assert.equal(infos(resumed).some((m) => m.includes('already counted')), false);
});

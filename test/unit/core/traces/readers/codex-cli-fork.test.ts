/*
 * Codex forked sessions. Fixture test/fixtures/traces/codex-cli/fork/, built the way openai/codex
 * writes a fork (RolloutRecorder + InitialHistory::Forked; ForkSnapshot::TruncateBeforeNthUserMessage(1)):
 * the parent rollout (…0a, 3 calls, 2 user requests), and the fork (…0b) whose own session_meta has
 * forked_from_id = …0a, followed by the parent's items before its 2nd user message written as-is (its
 * session_meta and 2 token_count calls included) within milliseconds, then the fork's own turn 25 s
 * later (1 call, running total continuing from the parent's).
 *
 * Expected values, python3 over the raw files without our reader: token_count events with info, a
 * repeat of the previous running total dropped; the fork's calls whose running total also appears in
 * the parent are the copies. parent: 3 calls, input 17,600 (cached 10,800), output 970; copied into
 * the fork: 2 calls, input 11,000, output 720; the fork's own: 1 call, input 6,100 (cached 5,700),
 * output 380; both files: 4 calls, input 23,700, cached 16,500, output 1,350.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_MAX_JSON_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES } from '../../../../../src/core/traces/io';
import type { ReadLimits } from '../../../../../src/core/traces/reader';
import { codexCliReader } from '../../../../../src/core/traces/readers/codex-cli';
import { COPY_GAP_MS } from '../../../../../src/core/traces/readers/codex-cli-fork';
import { analyzePaths, type AnalyzeOptions } from '../../../../../src/core/inference/analyze';
import { fileSpend, sumSpend } from '../../../../../src/core/inference/token-totals';
import { readers } from '../../../../../src/core/traces/readers';
import { FIXTURES } from '../../../helpers/shared';

const LIMITS: ReadLimits = { maxLineBytes: DEFAULT_MAX_LINE_BYTES, maxJsonDocumentBytes: DEFAULT_MAX_JSON_DOCUMENT_BYTES };
const DIR = resolve(FIXTURES, 'traces/codex-cli/fork');
const PARENT = resolve(DIR, 'rollout-2026-03-01T10-00-00-019a0000-0000-7000-8000-00000000000a.jsonl');
const FORK = resolve(DIR, 'rollout-2026-03-01T11-30-00-019a0000-0000-7000-8000-00000000000b.jsonl');
const read = (path: string) => codexCliReader.read(path, LIMITS);

test('a fork read alone: the copied parent calls are inherited, reported, and not counted as its spend', async () => {
  const r = await read(FORK);
  assert.deepEqual(
    r.tasks.map((t) => [t.title, t.calls.map((c) => [c.line, c.usage.inTotal, c.usage.cacheRead, c.usage.output])]),
    [['Document it in the man page instead', [[18, 6100, 5700, 380]]]],
  );
  const note = r.diagnostics.filter((d) => d.severity === 'info' && d.message.startsWith('forked from'));
  assert.equal(note.length, 1);
  assert.equal(note[0]!.line, 2);
  assert.match(note[0]!.message, /session 019a0000-0000-7000-8000-00000000000a: lines 2–13 copy the parent's history, with 2 model call\(s\) \(input 11,000, output 720 tokens\)/);
  // the copied session_meta does not change this session's provider
  assert.equal(r.tasks[0]!.calls[0]!.provider, 'openai');
});

test('parent and fork analyzed together: each call counted once', async () => {
  const opts: AnalyzeOptions = { readers, tokenizer: () => Promise.reject(new Error('usage is recorded')), priceOf: () => null, selfHost: null };
  const { files } = await analyzePaths([DIR], opts);
  assert.deepEqual(files.map((f) => f.path), [PARENT, FORK]);
  assert.deepEqual(files.map((f) => f.tasks.reduce((n, t) => n + t.perCall.length, 0)), [3, 1]);
  assert.deepEqual(sumSpend(files.map(fileSpend)).tokens, { input: 23700, cacheRead: 16500, cacheWrite: 0, output: 1350 });
});

test('the parent read alone is unchanged: its own calls, no fork note', async () => {
  const r = await read(PARENT);
  const cs = r.tasks.flatMap((t) => t.calls);
  assert.equal(cs.length, 3);
  assert.equal(cs.reduce((a, c) => a + (c.usage.inTotal ?? 0), 0), 17600);
  assert.equal(cs.reduce((a, c) => a + (c.usage.output ?? 0), 0), 970);
  assert.deepEqual(r.tasks.map((t) => t.title), ['Add a --verbose flag', 'Now document it']);
  assert.equal(r.diagnostics.some((d) => d.message.startsWith('forked from')), false);
});

test('the copy ends at the first pause longer than a write loop makes; without timestamps nothing is inherited and a warning says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-codex-fork-'));
  const lines = readFileSync(FORK, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { timestamp?: string });
  // a pause after line 8 (the first copied call's two events): the second copied call now reads as the fork's own
  const shifted = lines.map((o, i) => (i >= 8 ? { ...o, timestamp: new Date(Date.parse(o.timestamp!) + COPY_GAP_MS + 1).toISOString() } : o));
  writeFileSync(join(dir, 'paused.jsonl'), shifted.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const paused = await read(join(dir, 'paused.jsonl'));
  assert.equal(paused.tasks.flatMap((t) => t.calls).length, 2);
  assert.match(paused.diagnostics.find((d) => d.message.startsWith('forked from'))!.message, /lines 2–8 .* 1 model call\(s\) \(input 5,200, output 300 tokens\)/);

  const bare = lines.map(({ timestamp: _drop, ...rest }) => rest);
  writeFileSync(join(dir, 'bare.jsonl'), bare.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const noTimes = await read(join(dir, 'bare.jsonl'));
  // no way to tell where the copy ends: every call is kept (possibly counted twice), never silently dropped
  assert.equal(noTimes.tasks.flatMap((t) => t.calls).length, 3);
  assert.match(noTimes.diagnostics.find((d) => d.severity === 'warning' && d.message.startsWith('forked from'))!.message, /where the copy ends cannot be told/);
});

test('a fork whose parent history is referenced, not copied (no second session_meta): all its calls are its own, and it says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-codex-fork-'));
  const lines = readFileSync(FORK, 'utf8').trimEnd().split('\n');
  // keep the fork's own session_meta and its own turn (lines 14–19): the paginated-history shape
  writeFileSync(join(dir, 'ref.jsonl'), [lines[0], ...lines.slice(13)].join('\n') + '\n');
  const r = await read(join(dir, 'ref.jsonl'));
  assert.equal(r.tasks.flatMap((t) => t.calls).length, 1);
  assert.match(r.diagnostics.find((d) => d.message.startsWith('forked from'))!.message, /not copied into this file/);
});

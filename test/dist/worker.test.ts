/** The built worker thread (dist/worker.js): the extension's trace measuring runs there, cancellable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runJob } from '../../src/core/pipeline/worker-jobs';
import { JobStopped, runOffThread } from '../../src/vscode/stores/worker-run';
import { REPO_ROOT } from '../unit/helpers/shared';

const WORKER = join(REPO_ROOT, 'dist/worker.js');
const TRACE = join(REPO_ROOT, 'test/e2e/workspace/traces/openai/release-notes.jsonl');

test('dist/worker.js measures a trace in a worker thread: the same measures as in this thread', async () => {
  const job = { kind: 'measure' as const, path: TRACE, encoding: 'o200k_base' as const, maxFileBytes: 50 * 1024 * 1024 };
  const off = await runOffThread(job, { workerFile: WORKER });
  assert.deepEqual(off, await runJob(job));
});

test('dist/worker.js measures a folder file without the responses earlier files counted (the job carries them)', async () => {
  const dir = join(REPO_ROOT, 'test/fixtures/traces/claude-code/cross-file');
  const earlier = [['claude-code:req_S1', { path: join(dir, '3f1c-parent/subagents/agent-a1.jsonl'), line: 2 }] as const];
  const job = { kind: 'measure' as const, path: join(dir, '3f1c-parent.jsonl'), encoding: 'o200k_base' as const, maxFileBytes: 50 * 1024 * 1024, earlier };
  const off = await runOffThread(job, { workerFile: WORKER });
  assert.deepEqual(off, await runJob(job));
  assert.ok(off.ok && off.kind === 'measure');
  // the fixture's parent logs req_P1, req_S1, req_P2: req_S1 is dropped and said so; the others are its own claims
  assert.deepEqual(off.measures.tasks.flatMap((t) => t.perCall.map((c) => c.callId)), ['req_P1', 'req_P2']);
  assert.ok(off.measures.diagnostics.some((d) => d.message.startsWith('1 call(s) already counted in')));
  assert.deepEqual(off.claims.map(([key]) => key), ['claude-code:req_P1', 'claude-code:req_P2']);
});

test('a cancelled job stops its worker and rejects with JobStopped', async () => {
  const c = new AbortController();
  c.abort();
  await assert.rejects(runOffThread({ kind: 'count', text: 'x'.repeat(10), encoding: 'o200k_base' }, { workerFile: WORKER, signal: c.signal }), JobStopped);
});

test('a 10 MB text of spaces (the hostile CLAUDE.md) is counted in the worker thread: the same count as in this thread', async () => {
  const job = { kind: 'count' as const, text: ' '.repeat(10 * 1024 * 1024), encoding: 'o200k_base' as const };
  const off = await runOffThread(job, { workerFile: WORKER });
  assert.equal(off.ok, true);
  assert.deepEqual(off, await runJob(job));
});

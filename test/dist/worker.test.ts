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

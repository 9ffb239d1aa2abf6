/**
 * Runs a long job (src/core/pipeline/worker-jobs.ts) in a worker thread, so the extension host stays
 * responsive: one worker per job, ended when the job is done, cancelled (the signal) or over its
 * time budget. Without the worker bundle (unit tests run the sources) the job runs in this thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerResult } from '../../core/pipeline/worker-jobs';

/** A job longer than this is stopped: its file gets a diagnostic instead of freezing anything. */
export const JOB_TIME_BUDGET_MS = 120_000;

export class JobStopped extends Error {}

const workerFile = (): string => join(__dirname, 'worker.js');

export function runOffThread(job: WorkerJob, opts: { signal?: AbortSignal | undefined; budgetMs?: number | undefined; workerFile?: string } = {}): Promise<WorkerResult> {
  const file = opts.workerFile ?? workerFile();
  // the readers and the encodings load on first use only, here as in the worker
  if (!existsSync(file)) return import('../../core/pipeline/worker-jobs').then((m) => m.runJob(job));
  return new Promise<WorkerResult>((resolve, reject) => {
    const worker = new Worker(file);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const budget = opts.budgetMs ?? JOB_TIME_BUDGET_MS;
    const timer = setTimeout(() => finish(() => reject(new JobStopped(`stopped after ${Math.round(budget / 1000)} s (the time budget per file)`))), budget);
    const onAbort = () => finish(() => reject(new JobStopped('cancelled')));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (r: WorkerResult) => finish(() => resolve(r)));
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the worker thread exited (${code})`))));
    worker.postMessage(job);
  });
}

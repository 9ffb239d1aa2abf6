/**
 * The extension's worker thread (dist/worker.js, a second esbuild entry): runs one job it is sent
 * (measure a trace file, count a large text) and posts the result back. No vscode here.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type WorkerJob } from '../core/pipeline/worker-jobs';

parentPort?.on('message', (job: WorkerJob) => {
  void runJob(job).then((r) => parentPort?.postMessage(r));
});

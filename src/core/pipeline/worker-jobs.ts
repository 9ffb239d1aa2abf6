/**
 * The long jobs the extension runs off its host thread (src/vscode/worker-main.ts runs them in a
 * worker thread): measuring a trace file, and counting a large text. Pure but for reading the file;
 * results are plain data (structured-cloneable).
 */
import { measureFile, type FileMeasures } from '../inference/analyze';
import { createTokenCounter, type EncodingId } from '../tokenize';
import { readers } from '../traces/readers';
import { measuringOptions } from './measuring';

export type WorkerJob =
  | { kind: 'measure'; path: string; encoding: EncodingId; maxFileBytes: number }
  | { kind: 'count'; text: string; encoding: EncodingId };

export type WorkerResult =
  | { ok: true; kind: 'measure'; measures: FileMeasures }
  | { ok: true; kind: 'count'; tokens: number; exact: boolean; encoding: EncodingId }
  | { ok: false; error: string };

export async function runJob(job: WorkerJob): Promise<WorkerResult> {
  try {
    if (job.kind === 'measure') {
      const measuring = measuringOptions({ readers, counter: () => createTokenCounter(job.encoding, { memoEntries: 64 }), maxFileBytes: job.maxFileBytes });
      return { ok: true, kind: 'measure', measures: await measureFile(job.path, measuring.options) };
    }
    const counter = await createTokenCounter(job.encoding, { memoEntries: 4 });
    const tokens = counter.count(job.text);
    return { ok: true, kind: 'count', tokens, exact: counter.exact, encoding: counter.encoding };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

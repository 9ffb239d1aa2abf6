/**
 * The long jobs the extension runs off its host thread (src/vscode/worker-main.ts runs them in a
 * worker thread): measuring a trace file, and counting a large text. Pure but for reading the file;
 * results are plain data (structured-cloneable).
 */
import type { FileMeasures } from '../inference/analyze';
import type { SeenEntry } from '../inference/cross-file-duplicates';
import { measureExcluding } from './folder-measures';
import { createTokenCounter, type EncodingId } from '../tokenize';
import { readers } from '../traces/readers';
import { measuringOptions } from './measuring';

export type WorkerJob =
  /** `earlier`: responses earlier files of a folder counted, dropped here (folder-measures.ts); none for a file alone. */
  | { kind: 'measure'; path: string; encoding: EncodingId; maxFileBytes: number; earlier?: SeenEntry[] }
  | { kind: 'count'; text: string; encoding: EncodingId };

export type WorkerResult =
  | { ok: true; kind: 'measure'; measures: FileMeasures; claims: SeenEntry[] }
  | { ok: true; kind: 'count'; tokens: number; exact: boolean; encoding: EncodingId }
  | { ok: false; error: string };

export async function runJob(job: WorkerJob): Promise<WorkerResult> {
  try {
    if (job.kind === 'measure') {
      const measuring = measuringOptions({ readers, counter: () => createTokenCounter(job.encoding, { memoEntries: 64 }), maxFileBytes: job.maxFileBytes });
      return { ok: true, kind: 'measure', ...(await measureExcluding(job.path, measuring.options, job.earlier)) };
    }
    const counter = await createTokenCounter(job.encoding, { memoEntries: 4 });
    const tokens = counter.count(job.text);
    return { ok: true, kind: 'count', tokens, exact: counter.exact, encoding: counter.encoding };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

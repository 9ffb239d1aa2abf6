/**
 * Many files measured in order with cross-file duplicates dropped, when each file is measured on
 * its own (the extension: in a worker thread, cached per file). Gives per file exactly what
 * `measurePaths` (the CLI) gives by passing one SeenResponses through the files: a file's measures
 * alone are kept unless it logs responses an earlier file counted; only then is it measured again
 * with those responses excluded, which is `measureFile(path, opts, reader, seen)` with `seen`
 * holding just the responses it shares (the only ones its claims look up).
 */
import { measureFile, type FileMeasures, type MeasureOptions } from '../inference/analyze';
import { SeenResponses, type FirstSeen, type SeenEntry } from '../inference/cross-file-duplicates';
import { notATrace, type Skipped } from '../traces/walk';

/** One file measured, and the responses it counted first (key and line), in the order it claimed them. */
export interface MeasuredFile {
  measures: FileMeasures;
  claims: SeenEntry[];
}

/**
 * The file measured with the responses in `earlier` dropped (none: the file alone). A file alone
 * still drops a response it logs twice, as the CLI does.
 */
export async function measureExcluding(path: string, opts: MeasureOptions, earlier: readonly SeenEntry[] = []): Promise<MeasuredFile> {
  const seen = new SeenResponses(earlier);
  const measures = await measureFile(path, opts, undefined, seen);
  // the entries keep insertion order: this file's own claims follow the earlier ones
  return { measures, claims: seen.entries().slice(earlier.length) };
}

export interface FileMeasurer {
  /** True when a reader claims the file. */
  detect(path: string): Promise<boolean>;
  /** The file measured alone (what a cache keeps). */
  alone(path: string, signal?: AbortSignal): Promise<MeasuredFile>;
  /** The file measured with responses earlier files counted dropped (measureExcluding). */
  excluding(path: string, earlier: SeenEntry[], signal?: AbortSignal): Promise<FileMeasures>;
}

export interface InOrder {
  files: FileMeasures[];
  /** Files no reader claims (the same words as the CLI's). */
  skipped: Skipped[];
  cancelled: boolean;
}

/**
 * The files in the order given (the caller orders them as the CLI walks a folder: inWalkOrder).
 * When the signal is aborted it returns at once with the files done so far; a file being measured
 * then finishes in the background and is dropped.
 */
export async function measureInOrder(paths: readonly string[], m: FileMeasurer, signal: AbortSignal, onProgress: (done: number, total: number, path: string) => void = () => {}): Promise<InOrder> {
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  const files: FileMeasures[] = [];
  const skipped: Skipped[] = [];
  const seen = new Map<string, FirstSeen>();
  const stop = (): InOrder => ({ files, skipped, cancelled: true });
  for (let i = 0; i < paths.length; i++) {
    if (signal.aborted) return stop();
    const path = paths[i]!;
    onProgress(i, paths.length, path);
    const claimed = await Promise.race([m.detect(path).catch(() => false), aborted]);
    if (claimed === 'aborted') return stop();
    if (!claimed) {
      skipped.push(notATrace(path));
      continue;
    }
    const alone = await Promise.race([m.alone(path, signal), aborted]);
    if (alone === 'aborted') return stop();
    const earlier: SeenEntry[] = alone.claims.flatMap(([key]) => {
      const first = seen.get(key);
      return first ? [[key, first] as const] : [];
    });
    let measures = alone.measures;
    if (earlier.length > 0) {
      const deduped = await Promise.race([m.excluding(path, earlier, signal), aborted]);
      if (deduped === 'aborted') return stop();
      measures = deduped;
    }
    // the responses this file counts first are those it claims alone minus the earlier ones, at the same lines
    for (const [key, first] of alone.claims) if (!seen.has(key)) seen.set(key, first);
    files.push(measures);
  }
  return { files, skipped, cancelled: signal.aborted };
}

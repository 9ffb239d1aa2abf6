/**
 * Measures of trace files, cached by what measuring reads: path, size, mtime and the encoding.
 * Never by prices: a price, utilization or overhead change re-prices the cached measures and reads
 * no file again. Bounded (least recently stored goes first). Pure but for the injected functions.
 */
import type { FileMeasures } from '../inference/analyze';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * `T`: what measuring a file gives (FileMeasures, or with the responses it claims); `A`: an extra
 * input of measuring (the responses to exclude), part of the key through its `id`.
 */
export class MeasureCache<T = FileMeasures, A = never> {
  private readonly entries = new Map<string, { key: string; measures: Promise<T> }>();

  constructor(
    private readonly stat: (path: string) => Promise<FileStamp>,
    private readonly measure: (path: string, signal?: AbortSignal, arg?: A) => Promise<T>,
    private readonly maxEntries = 50,
  ) {}

  /** The file's measures, measured again only when its size, mtime, the encoding or the extra input changed. */
  async get(path: string, encoding: string, signal?: AbortSignal, arg?: { id: string; value: A }): Promise<T> {
    const info = await this.stat(path);
    const key = `${info.size}|${info.mtimeMs}|${encoding}|${arg?.id ?? ''}`;
    const hit = this.entries.get(path);
    if (hit?.key === key) return hit.measures;
    const measures = this.measure(path, signal, arg?.value);
    this.entries.delete(path);
    this.entries.set(path, { key, measures });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    measures.catch(() => {
      if (this.entries.get(path)?.measures === measures) this.entries.delete(path);
    });
    return measures;
  }
}

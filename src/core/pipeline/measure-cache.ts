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

export class MeasureCache {
  private readonly entries = new Map<string, { key: string; measures: Promise<FileMeasures> }>();

  constructor(
    private readonly stat: (path: string) => Promise<FileStamp>,
    private readonly measure: (path: string, signal?: AbortSignal) => Promise<FileMeasures>,
    private readonly maxEntries = 50,
  ) {}

  /** The file's measures, measured again only when its size, mtime or the encoding changed. */
  async get(path: string, encoding: string, signal?: AbortSignal): Promise<FileMeasures> {
    const info = await this.stat(path);
    const key = `${info.size}|${info.mtimeMs}|${encoding}`;
    const hit = this.entries.get(path);
    if (hit?.key === key) return hit.measures;
    const measures = this.measure(path, signal);
    this.entries.delete(path);
    this.entries.set(path, { key, measures });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    measures.catch(() => {
      if (this.entries.get(path)?.measures === measures) this.entries.delete(path);
    });
    return measures;
  }
}

/**
 * Reads entries of a zip (an Inspect `.eval`) one at a time with yauzl, never trusting the sizes
 * the archive declares: every entry is capped while it inflates, and so is the sum, so a zip bomb
 * costs at most the caps in memory and time.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { formatBytes } from '../io';

/** Beyond this many entries the central directory is not read further (each Entry costs memory). */
export const MAX_ZIP_ENTRIES = 100_000;
/**
 * An entry that inflates past RATIO_CHECK_BYTES at more than MAX_INFLATE_RATIO times its packed size
 * is refused as a zip bomb: deflate's best is about 1,030:1, reached only by runs of one byte (a
 * 136 KB `.eval` inflating to 140 MB of "a"); real Inspect JSON packs 5–20:1.
 */
export const MAX_INFLATE_RATIO = 500;
export const RATIO_CHECK_BYTES = 16 * 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  /** Size the archive declares; not trusted, only used to refuse early. */
  declaredSize: number;
  /** Packed size in the archive. */
  compressedSize: number;
  encrypted: boolean;
  entry: Entry;
}

export type EntryText = { ok: true; text: string; invalidUtf8: boolean } | { ok: false; error: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

export class ZipReader {
  private inflated = 0;

  private constructor(
    private readonly zip: ZipFile,
    readonly entries: ZipEntryInfo[],
    /** Set when the directory listing stopped early (too many entries, or a corrupt record). */
    readonly listingProblem: string | null,
    private readonly maxTotalBytes: number,
  ) {}

  static open(path: string, maxTotalBytes: number): Promise<{ ok: true; zip: ZipReader } | { ok: false; error: string }> {
    return new Promise((resolve) => {
      yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
        if (err || !zip) {
          resolve({ ok: false, error: err ? err.message : 'could not open' });
          return;
        }
        const entries: ZipEntryInfo[] = [];
        let settled = false;
        const finish = (problem: string | null): void => {
          if (settled) return;
          settled = true;
          if (problem != null && entries.length === 0) {
            zip.close();
            resolve({ ok: false, error: problem });
          } else {
            resolve({ ok: true, zip: new ZipReader(zip, entries, problem, maxTotalBytes) });
          }
        };
        zip.on('error', (e: Error) => finish(`zip directory is damaged (${e.message})`));
        zip.on('end', () => finish(null));
        zip.on('entry', (entry: Entry) => {
          entries.push({ name: entry.fileName, declaredSize: entry.uncompressedSize, compressedSize: entry.compressedSize, encrypted: entry.isEncrypted(), entry });
          if (entries.length >= MAX_ZIP_ENTRIES) finish(`more than ${MAX_ZIP_ENTRIES} entries; the rest are not read`);
          else zip.readEntry();
        });
        zip.readEntry();
      });
    });
  }

  /** Inflates one entry as text, refusing it past `maxBytes` (and the archive past its total budget). */
  readText(info: ZipEntryInfo, maxBytes: number): Promise<EntryText> {
    if (info.encrypted) return Promise.resolve({ ok: false, error: 'entry is encrypted' });
    if (info.declaredSize > maxBytes) {
      return Promise.resolve({
        ok: false,
        error: `entry declares ${formatBytes(info.declaredSize)}, over the ${formatBytes(maxBytes)} limit`,
      });
    }
    const bomb = (size: number): string | null =>
      size > RATIO_CHECK_BYTES && size > MAX_INFLATE_RATIO * Math.max(1, info.compressedSize)
        ? `entry inflates over ${MAX_INFLATE_RATIO} times its packed size (${formatBytes(info.compressedSize)} packed): refused as a likely zip bomb`
        : null;
    const declaredBomb = bomb(info.declaredSize);
    if (declaredBomb) return Promise.resolve({ ok: false, error: declaredBomb });
    return new Promise((resolve) => {
      this.zip.openReadStream(info.entry, (err, stream) => {
        if (err || !stream) {
          resolve({ ok: false, error: err ? err.message : 'could not open entry' });
          return;
        }
        const parts: Buffer[] = [];
        let size = 0;
        let done = false;
        const fail = (error: string): void => {
          if (done) return;
          done = true;
          stream.destroy();
          resolve({ ok: false, error });
        };
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          this.inflated += chunk.length;
          const tooPacked = bomb(size);
          if (size > maxBytes) fail(`entry inflates past the ${formatBytes(maxBytes)} limit`);
          else if (tooPacked) fail(tooPacked);
          else if (this.inflated > this.maxTotalBytes) fail(`archive inflates past the ${formatBytes(this.maxTotalBytes)} total limit`);
          else parts.push(chunk);
        });
        stream.on('error', (e: Error) => fail(e.message));
        stream.on('end', () => {
          if (done) return;
          done = true;
          const bytes = Buffer.concat(parts, size);
          try {
            resolve({ ok: true, text: strictUtf8.decode(bytes), invalidUtf8: false });
          } catch {
            resolve({ ok: true, text: lenientUtf8.decode(bytes), invalidUtf8: true });
          }
        });
      });
    });
  }

  close(): void {
    this.zip.close();
  }
}

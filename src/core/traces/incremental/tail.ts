/**
 * Reads the lines appended to a file since the last read: keeps the byte offset and the bytes of a
 * line not yet ended, so each read costs the new bytes only. A line is yielded once its '\n' is
 * written; a file that shrank or was replaced is reported so the caller can start over.
 */
import { open, stat } from 'node:fs/promises';
import type { LineEvent } from '../io';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

function decode(bytes: Buffer): { text: string; invalidUtf8: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), invalidUtf8: false };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalidUtf8: true };
  }
}

export type TailRead = { reset: true } | { reset: false; lines: LineEvent[]; bytesRead: number };

/** Read in pieces of at most this: a first read of a 100 MB file never holds it whole. */
const CHUNK = 4 * 1024 * 1024;

export class TailReader {
  private offset = 0;
  private ino: number | null = null;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** Bytes of an over-long line being skipped; 0 when not skipping. */
  private skipped = 0;
  private lineNo = 0;

  constructor(
    readonly path: string,
    private readonly maxLineBytes: number,
  ) {}

  /** Bytes consumed so far (complete lines and the pending part of the last one). */
  get position(): number {
    return this.offset;
  }

  /**
   * The complete lines appended since the last call. `reset` when the file is shorter than what was
   * read or is another file (rotated, rewritten): the caller discards its state and reads anew.
   */
  async read(onLines?: (lines: LineEvent[]) => void): Promise<TailRead> {
    const info = await stat(this.path);
    if (info.size < this.offset || (this.ino !== null && info.ino !== this.ino)) return { reset: true };
    this.ino = info.ino;
    const lines: LineEvent[] = [];
    let bytesRead = 0;
    if (info.size === this.offset) return { reset: false, lines, bytesRead };
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(CHUNK, info.size - this.offset));
      while (this.offset < info.size) {
        const { bytesRead: n } = await fh.read(buf, 0, Math.min(buf.length, info.size - this.offset), this.offset);
        if (n === 0) break;
        this.take(buf.subarray(0, n), lines);
        this.offset += n;
        bytesRead += n;
        if (onLines && lines.length > 0) onLines(lines.splice(0));
      }
    } finally {
      await fh.close();
    }
    return { reset: false, lines, bytesRead };
  }

  private take(chunk: Buffer, out: LineEvent[]): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (this.skipped > 0) this.skipped += piece.length;
      else if (this.partialBytes + piece.length > this.maxLineBytes) {
        this.skipped = this.partialBytes + piece.length;
        this.partial = [];
        this.partialBytes = 0;
      } else if (piece.length > 0) {
        this.partial.push(Buffer.from(piece)); // copy: the read buffer is reused
        this.partialBytes += piece.length;
      }
      if (nl === -1) return;
      this.lineNo++;
      if (this.skipped > 0) out.push({ lineNo: this.lineNo, tooLong: this.skipped });
      else {
        let bytes = this.partial.length === 1 ? this.partial[0]! : Buffer.concat(this.partial, this.partialBytes);
        if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
        out.push({ lineNo: this.lineNo, ...decode(bytes) });
      }
      this.partial = [];
      this.partialBytes = 0;
      this.skipped = 0;
      start = nl + 1;
    }
  }
}

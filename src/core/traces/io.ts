import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename } from 'node:path';
import { fileKind } from './walk';

/** What detection sees of a file: its name and first bytes, never the whole file. */
export interface Probe {
  path: string;
  fileName: string;
  size: number;
  /** The first PROBE_BYTES decoded as UTF-8 (possibly cut mid-line). */
  head: string;
  /** The first complete lines of `head` (the last, possibly cut, line excluded unless the file is that short). */
  firstLines: string[];
  /** A NUL byte in the first bytes: a binary file (a zip is binary too: check `head.startsWith('PK')`). */
  binary: boolean;
}

export const PROBE_BYTES = 64 * 1024;
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** Thrown for a path that is not a regular file: it is never opened (a FIFO's open() blocks). */
export class NotRegularFileError extends Error {
  constructor(readonly path: string, readonly kind: string) {
    super(`not a regular file (${kind}): not read`);
    this.name = 'NotRegularFileError';
  }
}

/** stat (following links) and refuse anything but a regular file, before any open(). */
export async function statRegularFile(path: string): Promise<Stats> {
  const info = await stat(path);
  if (!info.isFile()) throw new NotRegularFileError(path, fileKind(info));
  return info;
}

export async function probeFile(path: string): Promise<Probe> {
  const info = await statRegularFile(path);
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(PROBE_BYTES, info.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, bytesRead);
    const binary = bytes.includes(0);
    const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const lines = head.split('\n');
    if (info.size > bytesRead) lines.pop();
    return { path, fileName: basename(path), size: info.size, head, firstLines: lines.filter((l) => l.trim() !== ''), binary };
  } finally {
    await fh.close();
  }
}

export type LineEvent =
  | { lineNo: number; text: string; invalidUtf8: boolean }
  | { lineNo: number; tooLong: number };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

function decodeLine(bytes: Buffer): { text: string; invalidUtf8: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), invalidUtf8: false };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalidUtf8: true };
  }
}

/**
 * Streams a file's lines (1-based numbers), holding at most one line in memory. A line longer than
 * `maxLineBytes` is skipped as it streams and reported as `tooLong` (its length in bytes), so one
 * 50 MB line cannot blow memory; the lines after it still come.
 */
export async function* readLines(path: string, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<LineEvent> {
  await statRegularFile(path);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipped = 0; // bytes of the current over-long line, 0 when not skipping
  let lineNo = 0;
  const finishLine = function* (): Generator<LineEvent> {
    lineNo++;
    if (skipped > 0) {
      yield { lineNo, tooLong: skipped };
    } else {
      let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      yield { lineNo, ...decodeLine(bytes) };
    }
    parts = [];
    partBytes = 0;
    skipped = 0;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (skipped > 0) skipped += piece.length;
      else if (partBytes + piece.length > maxLineBytes) {
        skipped = partBytes + piece.length;
        parts = [];
        partBytes = 0;
      } else if (piece.length > 0) {
        // copy: the stream may reuse its buffer
        parts.push(Buffer.from(piece));
        partBytes += piece.length;
      }
      if (nl === -1) break;
      yield* finishLine();
      start = nl + 1;
    }
  }
  if (partBytes > 0 || skipped > 0) yield* finishLine();
}

/** Reads a whole (JSON) document as text, refusing files over `maxBytes` rather than exhausting memory. */
export async function readWholeText(
  path: string,
  maxBytes = DEFAULT_MAX_JSON_DOCUMENT_BYTES,
): Promise<{ text: string; invalidUtf8: boolean } | { tooLarge: number }> {
  const info = await statRegularFile(path);
  if (info.size > maxBytes) return { tooLarge: info.size };
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(info.size);
    await fh.read(buf, 0, info.size, 0);
    return decodeLine(buf);
  } finally {
    await fh.close();
  }
}

/** JSON.parse that reports instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** The largest prompt file `tokens` reads: V8 strings stop at about 512 M characters. */
export const MAX_PROMPT_FILE_BYTES = 256 * 1024 * 1024;

export type PromptText =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; invalidUtf8: boolean }
  | { ok: false; error: string };

/**
 * Reads a prompt file as text for counting: a regular file only (never opens a FIFO or device), at
 * most `maxBytes`; a UTF-8 BOM is dropped, UTF-16 with a BOM is decoded as UTF-16, and NUL bytes
 * without a BOM (UTF-16 without BOM, or binary) are refused rather than counted as UTF-8.
 */
export async function readPromptText(path: string, maxBytes = MAX_PROMPT_FILE_BYTES): Promise<PromptText> {
  let info: Stats;
  try {
    info = await statRegularFile(path);
  } catch (e) {
    if (e instanceof NotRegularFileError) return { ok: false, error: `${path} is ${e.message}` };
    return { ok: false, error: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  if (info.size > maxBytes) return { ok: false, error: `${path} is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} a prompt file may have: not read` };
  let buf: Buffer | null = Buffer.alloc(info.size);
  const fh = await open(path, 'r');
  let n = 0;
  try {
    n = (await fh.read(buf, 0, info.size, 0)).bytesRead;
  } finally {
    await fh.close();
  }
  const bytes = buf.subarray(0, n);
  buf = null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', invalidUtf8: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', invalidUtf8: false };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) return { ok: false, error: `${path} has a NUL byte at offset ${nul}: UTF-16 without a byte-order mark, or not text; save it as UTF-8 to count it` };
  return { ok: true, ...decodeLine(body), encoding: 'utf-8' };
}

import { isAscii, utf8Binary } from './bytes';

/**
 * Bounded-memory merging of one very long pre-tokenized piece (a 140 MB run of "a" is one piece;
 * merging it whole needs about 30 bytes of work arrays per byte, gigabytes).
 *
 * The piece is fed in windows of `windowChars`. Each window (the uncommitted tail of the previous
 * one, then the new bytes) is merged whole; its tokens are committed from the left while they end
 * at least `overlapBytes` before the window's artificial right edge, and the rest is carried into
 * the next window. The last window is committed whole.
 *
 * Why this gives tiktoken's tokens: a BPE merge only looks at its two neighbouring parts, so the
 * artificial edge can change merges only through a chain of adjacent merges reaching leftwards
 * from it. With tokens of at most a few hundred bytes (o200k_base: 128, cl100k_base: 128), such a
 * chain dies out long before 4 KiB; the unit tests (test/unit/core/tokenize/long-piece.test.ts) check
 * equality with js-tiktoken on adversarial runs and random text with windows far smaller than
 * these defaults, and on 1 MB runs against an independent count.
 */
export interface WindowOptions {
  /** Pieces longer than this (UTF-16 units) are merged in windows. */
  longPieceChars: number;
  /** UTF-16 units of the piece added per window. */
  windowChars: number;
  /** Bytes before a window's right edge that are never committed (carried over instead). */
  overlapBytes: number;
}

export const DEFAULT_WINDOWS: WindowOptions = { longPieceChars: 256 * 1024, windowChars: 64 * 1024, overlapBytes: 4096 };

/**
 * Calls `onToken(bytes, start, end)` for each token of `piece` in order, where `bytes` is the
 * window (binary string, one char per byte) the token lies in. `mergeEnds(bytes)` returns, for each
 * part start s, the end of the part (a linked list from 0, as BpeCounter.mergeHeap builds).
 */
export function eachWindowToken(
  piece: string,
  ascii: boolean,
  opts: WindowOptions,
  mergeEnds: (bytes: string) => ArrayLike<number>,
  onToken: (bytes: string, start: number, end: number) => void,
): void {
  if (!(opts.windowChars >= 2 * opts.overlapBytes)) throw new RangeError('windowChars must exceed 2 × overlapBytes');
  let carry = '';
  let prevBytes = '';
  let prevEnd: ArrayLike<number> | null = null;
  for (let i = 0; i < piece.length; ) {
    let j = Math.min(piece.length, i + opts.windowChars);
    // never split a surrogate pair between windows
    if (j < piece.length && isHighSurrogate(piece.charCodeAt(j - 1))) j--;
    const slice = piece.slice(i, j);
    i = j;
    const bytes = carry + (ascii || isAscii(slice) ? slice : utf8Binary(slice));
    const last = i >= piece.length;
    const keep = last ? bytes.length : bytes.length - opts.overlapBytes;
    // a run of one character gives the same window again and again: merge it once
    const end: ArrayLike<number> = bytes === prevBytes && prevEnd !== null ? prevEnd : mergeEnds(bytes);
    prevBytes = bytes;
    prevEnd = end;
    let s = 0;
    while (s < bytes.length && (end[s] as number) <= keep) {
      const e = end[s] as number;
      onToken(bytes, s, e);
      s = e;
    }
    // flatten: a long chain of concatenations would otherwise keep every window alive
    carry = s < bytes.length ? Buffer.from(bytes.slice(s), 'latin1').toString('latin1') : '';
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

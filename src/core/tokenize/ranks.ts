import { NO_RANK, RankTable } from './rank-table';

/**
 * The data of one tiktoken encoding as js-tiktoken ships it (`js-tiktoken/ranks/<name>`): the
 * pre-tokenizer regex, the special tokens and the ranks, packed as lines of
 * `<anything> <first rank> <base64 token> <base64 token> …` (rank = first rank + position).
 */
export interface TiktokenRankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

export interface ParsedRanks {
  /** Token bytes → rank. */
  ranks: RankTable;
  /** Length in bytes of the longest token: no longer byte string needs a lookup. */
  maxTokenBytes: number;
}

export function isTiktokenRankFile(value: unknown): value is TiktokenRankFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.pat_str === 'string' && typeof v.bpe_ranks === 'string';
}

/**
 * Finds the rank file in what `import()` returned: the ESM build gives it as `default`, the CJS
 * build (`module.exports = {...}`) seen through import() may nest it once more.
 */
export function unwrapRankModule(mod: unknown): TiktokenRankFile {
  let v: unknown = mod;
  for (let depth = 0; depth < 3; depth++) {
    if (isTiktokenRankFile(v)) return v;
    if (typeof v !== 'object' || v === null || !('default' in v)) break;
    v = (v as { default: unknown }).default;
  }
  throw new Error('not a js-tiktoken rank module (expected {pat_str, bpe_ranks})');
}

/**
 * One pass over the text to size the table, one to fill it, reading characters in place: no line,
 * field, Buffer or key string is allocated per token (see rank-table.ts for why that matters).
 */
export function parseRanks(bpeRanks: string): ParsedRanks {
  let tokens = 0;
  let totalBytes = 0;
  let maxTokenBytes = 0;
  eachToken(bpeRanks, (start, end) => {
    const n = decodedLength(bpeRanks, start, end);
    tokens++;
    totalBytes += n;
    if (n > maxTokenBytes) maxTokenBytes = n;
  });
  const ranks = new RankTable(tokens, totalBytes);
  const scratch = new Uint8Array(maxTokenBytes);
  eachToken(bpeRanks, (start, end, rank) => {
    ranks.set(scratch, 0, decodeBase64(bpeRanks, start, end, scratch), rank);
  });
  // The merge loop relies on every single byte being a token (true of every tiktoken encoding).
  for (let b = 0; b < 256; b++) {
    if (ranks.get(String.fromCharCode(b), 0, 1) === NO_RANK) throw new Error(`rank file lacks the single byte ${b}`);
  }
  return { ranks, maxTokenBytes };
}

const SPACE = 0x20;
const PAD = 0x3d; // '='

/** Calls `fn` with each token's base64 text (`start`…`end` of `text`) and its rank, line by line. */
function eachToken(text: string, fn: (start: number, end: number, rank: number) => void): void {
  for (let line = 0; line < text.length; ) {
    let eol = text.indexOf('\n', line);
    if (eol < 0) eol = text.length;
    if (eol > line) {
      // `<anything> <first rank> <token> <token> …`
      let p = text.indexOf(' ', line);
      if (p < 0 || p >= eol) throw badLine(text, line);
      const digits = ++p;
      let rank = 0;
      for (; p < eol; p++) {
        const c = text.charCodeAt(p);
        if (c < 0x30 || c > 0x39) break;
        rank = rank * 10 + (c - 0x30);
      }
      if (p === digits || (p < eol && text.charCodeAt(p) !== SPACE)) throw badLine(text, line);
      while (p < eol) {
        const start = ++p; // past the space
        while (p < eol && text.charCodeAt(p) !== SPACE) p++;
        fn(start, p, rank++);
      }
    }
    line = eol + 1;
  }
}

function badLine(text: string, line: number): Error {
  const eol = text.indexOf('\n', line);
  return new Error(`bad rank line: ${text.slice(line, eol < 0 ? undefined : eol).slice(0, 40)}`);
}

/** Bytes that the base64 text `start`…`end` decodes to (padding ignored). */
function decodedLength(text: string, start: number, end: number): number {
  let chars = end - start;
  while (chars > 0 && text.charCodeAt(start + chars - 1) === PAD) chars--;
  return Math.floor((chars * 6) / 8);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) SEXTET[BASE64.charCodeAt(i)] = i;

/** Decodes the base64 text `start`…`end` into `out` from 0; returns the bytes written. */
function decodeBase64(text: string, start: number, end: number, out: Uint8Array): number {
  let bits = 0;
  let held = 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === PAD) break;
    const v = c < 128 ? (SEXTET[c] as number) : -1;
    if (v < 0) throw new Error(`bad base64 in rank file: ${text.slice(start, end)}`);
    bits = (bits << 6) | v;
    held += 6;
    if (held >= 8) {
      held -= 8;
      out[n++] = (bits >> held) & 0xff;
      bits &= (1 << held) - 1;
    }
  }
  return n;
}

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
  /** Token bytes as a "binary string" (one char per byte, 0–255) → rank. */
  ranks: Map<string, number>;
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
 * Keys are binary strings rather than js-tiktoken's `bytes.join(',')`: an ASCII piece is then its
 * own key, with no encoding or joining per lookup.
 */
export function parseRanks(bpeRanks: string): ParsedRanks {
  const ranks = new Map<string, number>();
  let maxTokenBytes = 0;
  for (const line of bpeRanks.split('\n')) {
    if (line.length === 0) continue;
    const fields = line.split(' ');
    const offset = Number.parseInt(fields[1] ?? '', 10);
    if (!Number.isInteger(offset)) throw new Error(`bad rank line: ${line.slice(0, 40)}`);
    for (let i = 2; i < fields.length; i++) {
      const bytes = Buffer.from(fields[i] ?? '', 'base64').toString('latin1');
      ranks.set(bytes, offset + i - 2);
      if (bytes.length > maxTokenBytes) maxTokenBytes = bytes.length;
    }
  }
  // The merge loop relies on every single byte being a token (true of every tiktoken encoding).
  for (let b = 0; b < 256; b++) {
    if (!ranks.has(String.fromCharCode(b))) throw new Error(`rank file lacks the single byte ${b}`);
  }
  return { ranks, maxTokenBytes };
}

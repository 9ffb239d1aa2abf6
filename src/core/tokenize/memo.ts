import { createHash } from 'node:crypto';

/** Texts up to this many UTF-16 units are their own key; longer ones are keyed by a SHA-256. */
export const SHORT_KEY_CHARS = 64;
export const DEFAULT_MEMO_ENTRIES = 65_536;

/**
 * Bounded content-hash memo of token counts, so each distinct message is tokenized once however
 * often a growing context repeats it. Long texts are keyed by their digest: the memo never holds a
 * long message alive, and V8 hashes strings over ~16 K chars by length only, which would pile equal-
 * length keys into one bucket. Short and hashed keys live in separate maps (a short text could
 * spell a digest); each map keeps at most `maxEntries`, dropping its oldest entry first.
 */
export class CountMemo {
  private readonly short = new Map<string, number>();
  private readonly hashed = new Map<string, number>();

  constructor(readonly maxEntries: number = DEFAULT_MEMO_ENTRIES) {
    if (!(maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1');
  }

  get size(): number {
    return this.short.size + this.hashed.size;
  }

  /** The memoized count of `text`, computing it with `compute` on a miss. */
  lookup(text: string, compute: (text: string) => number): { tokens: number; hit: boolean } {
    const map = text.length <= SHORT_KEY_CHARS ? this.short : this.hashed;
    const key = map === this.short ? text : digest(text);
    const known = map.get(key);
    if (known !== undefined) return { tokens: known, hit: true };
    const tokens = compute(text);
    if (map.size >= this.maxEntries) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(key, tokens);
    return { tokens, hit: false };
  }
}

/** Slices hashed per update: a 200 MB text would otherwise be copied whole into a UTF-8 buffer. */
const HASH_SLICE_CHARS = 1 << 20;

/** SHA-256 of the text's UTF-8, fed in slices cut between whole characters (never in a surrogate pair). */
function digest(text: string): string {
  const h = createHash('sha256');
  for (let i = 0; i < text.length; ) {
    let j = Math.min(text.length, i + HASH_SLICE_CHARS);
    const last = text.charCodeAt(j - 1);
    if (j < text.length && last >= 0xd800 && last <= 0xdbff) j--;
    h.update(text.slice(i, j), 'utf8');
    i = j;
  }
  return h.digest('base64');
}

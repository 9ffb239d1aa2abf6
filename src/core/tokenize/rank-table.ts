/**
 * Token bytes → rank, for the tiktoken encodings, in a handful of typed arrays instead of a
 * `Map<string, number>` of 200,000 small strings.
 *
 * Why: building that Map (keys, and the rank file's split lines, fields and a Buffer per token) made
 * V8's heap grow by 42 MB of RSS for 12 MB of live Map, mostly young-generation garbage; this table
 * lives in typed arrays outside the JS heap and grows the RSS by 9 MB (issue 11's memory budget).
 * A lookup takes the bytes as a range of a binary string (one char per byte), so the merge loops no
 * longer cut a substring per pair they try.
 *
 * Layout: the tokens' bytes back to back (`bytes`, token i spans `starts[i]`…`starts[i + 1]`), their
 * ranks (`ranks[i]`), and an open-addressing table (linear probing, at most half full) of token
 * index + 1 (0: empty) with each slot's full 32-bit hash beside it, so a probe rarely compares bytes.
 */
export const NO_RANK = -1;

export class RankTable {
  private readonly starts: Int32Array;
  private readonly ranks: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly slots: Int32Array;
  private readonly slotHashes: Int32Array;
  private readonly mask: number;
  private count = 0;
  private used = 0;

  /** Room for `capacity` tokens of `byteCapacity` bytes in all (the rank file is measured first). */
  constructor(capacity: number, byteCapacity: number) {
    this.starts = new Int32Array(capacity + 1);
    this.ranks = new Int32Array(capacity);
    this.bytes = new Uint8Array(byteCapacity);
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.slotHashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Distinct tokens held. */
  get size(): number {
    return this.count;
  }

  /** Adds the token `source[start]` … `source[start + length - 1]`; a token already present takes the new rank (as `Map.set`). */
  set(source: Uint8Array, start: number, length: number, rank: number): void {
    let h = FNV_OFFSET;
    for (let i = start; i < start + length; i++) h = Math.imul(h ^ (source[i] as number), FNV_PRIME);
    h = finish(h, length);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot] as number;
      if (id === 0) {
        if (this.count === this.ranks.length || this.used + length > this.bytes.length) throw new RangeError('rank table is full');
        const index = this.count++;
        for (let i = 0; i < length; i++) this.bytes[this.used + i] = source[start + i] as number; // no subarray view per token
        this.starts[index] = this.used;
        this.used += length;
        this.starts[index + 1] = this.used;
        this.ranks[index] = rank;
        this.slots[slot] = index + 1;
        this.slotHashes[slot] = h;
        return;
      }
      if (this.slotHashes[slot] === h && this.equalsBytes(id - 1, source, start, length)) {
        this.ranks[id - 1] = rank;
        return;
      }
    }
  }

  /** Rank of the bytes `s[start]` … `s[end - 1]` (a binary string: one char per byte), or NO_RANK. */
  get(s: string, start: number, end: number): number {
    const length = end - start;
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
    h = finish(h, length);
    const slots = this.slots;
    const hashes = this.slotHashes;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot] as number;
      if (id === 0) return NO_RANK;
      if (hashes[slot] === h && this.equalsText(id - 1, s, start, length)) return this.ranks[id - 1] as number;
    }
  }

  private equalsText(index: number, s: string, start: number, length: number): boolean {
    const at = this.starts[index] as number;
    if ((this.starts[index + 1] as number) - at !== length) return false;
    for (let i = 0; i < length; i++) if (this.bytes[at + i] !== s.charCodeAt(start + i)) return false;
    return true;
  }

  private equalsBytes(index: number, other: Uint8Array, start: number, length: number): boolean {
    const at = this.starts[index] as number;
    if ((this.starts[index + 1] as number) - at !== length) return false;
    for (let i = 0; i < length; i++) if (this.bytes[at + i] !== other[start + i]) return false;
    return true;
  }
}

// FNV-1a over the bytes, then a murmur3 finalizer so that the low bits (the slot) mix every byte.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function finish(h: number, length: number): number {
  h ^= length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Prefix reuse the way vLLM's automatic prefix cache sees it: a prompt is cut into blocks of
 * BLOCK_TOKENS tokens; each full block is keyed by a hash chained over all the blocks before it, so
 * a block hits only when the whole prefix up to it was seen. Cost is linear in tokens: each call's
 * prompt is hashed once, and lookups are set hits.
 */
export const BLOCK_TOKENS = 16;

/**
 * Set of 53-bit block hashes kept as two 32-bit lanes in typed arrays (open addressing, linear
 * probing). A Set<number> boxes every 53-bit key on each add and has: a sample whose calls each
 * re-reference a 1.2 M-token pool (issue 11) allocated that garbage for every block of every call.
 */
class BlockHashSet {
  private lo = new Int32Array(1024);
  /** The hi lane + 1, so 0 marks an empty slot (the lane holds 21 bits). */
  private hi = new Int32Array(1024);
  private size = 0;

  /** Whether (h1, h2) is present; with `insert`, adds it when absent. */
  has(h1: number, h2: number, insert: boolean): boolean {
    const mask = this.lo.length - 1;
    const tag = (h2 & 0x1fffff) + 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const t = this.hi[i]!;
      if (t === 0) break;
      if (t === tag && this.lo[i] === (h1 | 0)) return true;
    }
    if (insert) this.put(h1, tag);
    return false;
  }

  private put(h1: number, tag: number): void {
    if ((this.size + 1) * 2 > this.lo.length) this.grow();
    const mask = this.lo.length - 1;
    let i = h1 & mask;
    while (this.hi[i] !== 0) i = (i + 1) & mask;
    this.lo[i] = h1 | 0;
    this.hi[i] = tag;
    this.size++;
  }

  private grow(): void {
    const { lo, hi } = this;
    this.lo = new Int32Array(lo.length * 2);
    this.hi = new Int32Array(hi.length * 2);
    this.size = 0;
    for (let i = 0; i < lo.length; i++) if (hi[i] !== 0) this.put(lo[i]!, hi[i]!);
  }
}

/**
 * Chained hash of one block (two 32-bit FNV-1a lanes with different seeds), written into `out`
 * so that no number is boxed in the hot loop.
 */
function chain(out: Int32Array, tokens: ArrayLike<number>, start: number): void {
  let h1 = (out[0]! >>> 0) ^ 0x811c9dc5;
  let h2 = (out[1]! & 0x1fffff) ^ 0x01000193;
  for (let i = start; i < start + BLOCK_TOKENS; i++) {
    const t = tokens[i]! | 0;
    h1 = Math.imul(h1 ^ t, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (t + 0x9e3779b9), 0x85ebca6b) >>> 0;
  }
  out[0] = h1;
  out[1] = h2 & 0x1fffff;
}

/** The block cache of one lineage (one continuous context). */
export class PrefixCache {
  private readonly seen = new BlockHashSet();

  /** Tokens of `prompt`'s longest prefix already cached, in whole blocks. Does not add anything. */
  cachedPrefix(prompt: ArrayLike<number>): number {
    const h = new Int32Array(2);
    let blocks = 0;
    for (let start = 0; start + BLOCK_TOKENS <= prompt.length; start += BLOCK_TOKENS) {
      chain(h, prompt, start);
      if (!this.seen.has(h[0]!, h[1]!, false)) break;
      blocks++;
    }
    return blocks * BLOCK_TOKENS;
  }

  /** Caches every full block of a sequence the model processed (a prompt followed by its completion). */
  add(sequence: ArrayLike<number>): void {
    const h = new Int32Array(2);
    for (let start = 0; start + BLOCK_TOKENS <= sequence.length; start += BLOCK_TOKENS) {
      chain(h, sequence, start);
      this.seen.has(h[0]!, h[1]!, true);
    }
  }

  /**
   * cachedPrefix(prompt) then add(prompt + rest) in one pass over the sequence given as segments
   * (message by message), so a call's prompt is never copied into one array: a sample whose 1,000
   * calls each reference a 5 MB message pool (issue 11) measured at two 10 MB arrays per call.
   * While the prefix hits, the blocks added are ones already seen, so adding as it goes is the same.
   */
  reuse(segments: readonly ArrayLike<number>[], promptTokens: number): number {
    const block = new Int32Array(BLOCK_TOKENS);
    let fill = 0;
    let pos = 0;
    const h = new Int32Array(2);
    let hits = 0;
    let hitting = true;
    for (const seg of segments) {
      for (let i = 0; i < seg.length; i++) {
        block[fill++] = seg[i]!;
        pos++;
        if (fill < BLOCK_TOKENS) continue;
        fill = 0;
        chain(h, block, 0);
        const seen = this.seen.has(h[0]!, h[1]!, true);
        if (hitting && pos <= promptTokens && seen) hits++;
        else hitting = false;
      }
    }
    return hits * BLOCK_TOKENS;
  }
}

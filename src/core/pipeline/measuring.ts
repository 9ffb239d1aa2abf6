/**
 * Step 1 of measure → price → project: the one builder of measuring options. Count and encode
 * always travel together (encode is what prefix-block reuse needs: a builder that passed count
 * alone measured reuse differently in the extension than in the CLI). Used by the CLI, the
 * extension's TraceStore, the tests and the webview preview.
 */
import type { MeasureOptions, Tokenizer } from '../inference/analyze';
import type { ReadLimits, TraceReader } from '../traces/reader';
import type { TokenCounter } from '../tokenize';

export interface MeasuringInput {
  readers: readonly TraceReader[];
  /** Makes the counter of the chosen encoding; called at most once, on the first file that needs it. */
  counter: () => Promise<TokenCounter>;
  maxFileBytes?: number | undefined;
  limits?: Partial<ReadLimits> | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: MeasureOptions['onProgress'];
}

/** Measuring options plus what the run used (whether the tokenizer was loaded, and its counter). */
export interface Measuring {
  options: MeasureOptions;
  /** The counter, once a file needed it; null while no file did. */
  loaded(): TokenCounter | null;
}

export function tokenizerOf(c: TokenCounter): Tokenizer {
  const encode = c.encodeIds;
  return { count: (t: string) => c.count(t), ...(encode ? { encode } : {}) };
}

export function measuringOptions(input: MeasuringInput): Measuring {
  let counter: TokenCounter | null = null;
  let pending: Promise<TokenCounter> | null = null;
  const tokenizer = async (): Promise<Tokenizer> => {
    pending ??= input.counter().then((c) => (counter = c));
    return tokenizerOf(await pending);
  };
  const options: MeasureOptions = {
    readers: input.readers,
    tokenizer,
    ...(input.maxFileBytes !== undefined ? { maxFileBytes: input.maxFileBytes } : {}),
    ...(input.limits ? { limits: input.limits } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  };
  return { options, loaded: () => counter };
}

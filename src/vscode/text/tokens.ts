/**
 * How a token count is labelled. A count is "exact" for its encoding when the tokenizer never had
 * to approximate (see src/core/tokenize); it is the *model's* count only when the encoding is the
 * model's own tokenizer. Pure.
 */

export interface TokenCountView {
  tokens: number;
  /** The counter never approximated. */
  exact: boolean;
  encoding: string;
  /** The model the costs are for, and its own encoding when we know it. */
  modelName: string;
  modelEncoding: string | undefined;
}

/** Every digit below a million ("123,456": the number the CLI prints), else "1.23M". */
export function formatCount(n: number): string {
  if (n < 1_000_000) return n.toLocaleString('en-US');
  return `${(n / 1e6).toFixed(2)}M`;
}

/** True when the count is exactly what the model itself would count. */
export function isModelExact(t: TokenCountView): boolean {
  return t.exact && t.modelEncoding === t.encoding;
}

export function tokenLabel(t: TokenCountView): string {
  if (!t.exact) return `estimated (${t.encoding}; very long words were cut)`;
  if (t.modelEncoding === t.encoding) return `exact (${t.encoding}, ${t.modelName}'s own tokenizer)`;
  return `exact for ${t.encoding}; an estimate for ${t.modelName}${t.modelEncoding ? ` (its tokenizer: ${t.modelEncoding})` : ''}`;
}

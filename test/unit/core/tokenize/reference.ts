// js-tiktoken as the reference our counts must equal (its encode is exact but O(n²) per piece).
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

const cache = new Map<string, Tiktoken>();

export function reference(encoding: 'o200k_base' | 'cl100k_base'): Tiktoken {
  let enc = cache.get(encoding);
  if (enc === undefined) {
    enc = new Tiktoken(encoding === 'o200k_base' ? o200k : cl100k);
    cache.set(encoding, enc);
  }
  return enc;
}

/** Token count as tiktoken's encode_ordinary: special-token text is plain text. */
export function referenceCount(encoding: 'o200k_base' | 'cl100k_base', text: string): number {
  return reference(encoding).encode(text, [], []).length;
}
